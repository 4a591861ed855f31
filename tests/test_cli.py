"""The command line: output format, exit codes, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from deliberations.cli import main

RACINE = Path(__file__).parent.parent
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
FORMAT = re.compile(r"^[^:]+:\d+: (erreur|avertissement): [^:]+: .+$")


def test_check_exemple(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(EXEMPLE)]) == 0
    assert capsys.readouterr().out == ""


def test_check_erreur_une_ligne_par_constat(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    texte = EXEMPLE.read_text(encoding="utf-8").replace("acompte: \"180 000,00 €\"", "acompte: \"190 000,00 €\"")
    fichier = tmp_path / "point.yaml"
    fichier.write_text(texte.replace("collectivites/", str(EXEMPLE.parent / "collectivites") + "/"), encoding="utf-8")
    assert main(["check", str(fichier)]) == 1
    sortie = capsys.readouterr().out.strip().splitlines()
    assert sortie and all(FORMAT.match(l) for l in sortie), sortie
    assert any("totaux.acompte" in l and "190\u202f000,00\xa0€" in l for l in sortie)


def test_check_fichier_absent(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "/nulle/part.yaml"]) == 2
    assert "fichier introuvable" in capsys.readouterr().out


def test_usage_sans_argument() -> None:
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", "check"], capture_output=True, text=True)
    assert resultat.returncode == 2
    assert "arguments obligatoires manquants" in resultat.stderr
    assert "Traceback" not in resultat.stderr


def test_aide_en_francais() -> None:
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", "--help"], capture_output=True, text=True)
    assert resultat.returncode == 0
    assert "vérifier des fichiers" in resultat.stdout
