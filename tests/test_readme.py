"""Every example of README.md and docs/ is run."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).parent.parent
DOCUMENTS = [RACINE / "README.md", *sorted((RACINE / "docs").glob("*.md"))]


def blocs(langage: str) -> list[tuple[str, int, str]]:
    trouves = []
    for doc in DOCUMENTS:
        texte = doc.read_text(encoding="utf-8")
        for m in re.finditer(rf"```{langage}\n(.*?)```", texte, re.DOTALL):
            trouves.append((doc.name, texte[: m.start()].count("\n") + 1, m.group(1)))
    return trouves


@pytest.mark.parametrize("doc, ligne, code", blocs("python"), ids=lambda v: str(v)[:30])
def test_exemples_python(doc: str, ligne: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RACINE)
    exec(compile(code, f"{doc}:{ligne}", "exec"), {"__name__": "__readme__"})


def commandes() -> list[tuple[str, int, list[tuple[str, list[str]]]]]:
    """Each ``console`` block's ``$ deliberations …`` lines, with the output lines shown after each."""
    trouvees = []
    for doc, ligne, code in blocs("console"):
        bloc: list[tuple[str, list[str]]] = []
        for texte in code.splitlines():
            if texte.startswith("$ "):
                bloc.append((texte[2:], []))
            elif bloc:
                bloc[-1][1].append(texte)
        bloc = [(commande, sortie) for commande, sortie in bloc if commande.startswith("deliberations ")]
        if bloc:
            trouvees.append((doc, ligne, bloc))
    return trouvees


@pytest.mark.parametrize("doc, ligne, bloc", commandes(), ids=lambda v: str(v)[:40])
def test_commandes(doc: str, ligne: int, bloc: list[tuple[str, list[str]]], tmp_path: Path) -> None:
    """The commands of one block run in order, from the repository root.

    Output files (``-o``/``--sortie``, and a register ``--registre``) go to a temporary folder, and a later
    command of the same block naming such a file reads it there. The output
    lines shown after a command must appear in its output (temporary folder
    left out; « … » stands for lines not shown); the command must exit with
    1 when a line shown is an ``erreur``, else 0.
    """
    ecrits: dict[str, str] = {}
    for commande, attendues in bloc:
        args = shlex.split(commande)
        for i, a in enumerate(args):
            if i > 0 and args[i - 1] in ("-o", "--sortie", "--registre"):
                ecrits[a] = str(tmp_path / a)
        args = [ecrits.get(a, a) for a in args]
        resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", *args[1:]], cwd=RACINE,
                                  capture_output=True, text=True, env={**os.environ, "PYTHONUTF8": "1"})
        sortie = (resultat.stdout + resultat.stderr).replace(str(tmp_path) + os.sep, "")
        code = 1 if any(": erreur:" in l for l in attendues) else 0
        assert resultat.returncode == code, f"{doc}:{ligne}: {commande}\n{resultat.stdout}{resultat.stderr}"
        assert "Traceback" not in resultat.stderr
        for attendue in attendues:
            if attendue.strip() and attendue.strip() != "…":
                assert attendue.strip() in sortie, f"{doc}:{ligne}: {commande}\n« {attendue} » absent de :\n{sortie}"
