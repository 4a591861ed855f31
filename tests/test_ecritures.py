"""Writes that cannot happen are refused in French, naming the path; nothing is left behind.

Issue 11, « Writes and leftovers » and « Crashes »: ``-o`` naming a file, a
folder under a file, a folder the user cannot write; ``schema -o`` and
``new -o`` on an existing file; a process killed while writing leaves its
temporary folder, which the next run into the same folder removes.

The tests run as root on CI, where permissions do not stop a write: a folder
that cannot be written is simulated by making ``os`` refuse (the error a
clerk's read-only share gives), the other cases are real paths.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import EXEMPLE
from deliberations import cli
from deliberations.sortie import ecriture

SEANCE = EXEMPLE.parent / "seance-2023-09-14.yaml"
LIGNE = re.compile(r"^(?P<chemin>[^\n]+?): erreur: (?P<message>.+)$", re.MULTILINE)


def executer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.out + sortie.err  # findings go to stdout, summaries to stderr


def copier_exemples(tmp_path: Path) -> Path:
    dossier = tmp_path / "examples"
    shutil.copytree(EXEMPLE.parent, dossier)
    return dossier


def sans_trace(erreurs: str) -> None:
    assert "erreur interne" not in erreurs
    assert "Traceback" not in erreurs and "Errno" not in erreurs


# (description, argv builder from (tmp_path, examples folder), the path the message names, its words)
CAS_CHEMINS = [
    ("render -o un fichier", lambda t, e: ["render", e / EXEMPLE.name, "-o", t / "fichier"], "fichier",
     "n'est pas un dossier"),
    ("render -o un dossier sous un fichier", lambda t, e: ["render", e / EXEMPLE.name, "-o", t / "fichier" / "sous"],
     "fichier", "n'est pas un dossier"),
    ("seance -o un fichier", lambda t, e: ["seance", e / SEANCE.name, "-o", t / "fichier"], "fichier",
     "n'est pas un dossier"),
    ("schema -o un dossier", lambda t, e: ["schema", "rapport-deliberation", "-o", t / "dossier"], "dossier",
     "est un dossier"),
    ("new -o un dossier", lambda t, e: ["new", "rapport-deliberation", "-o", t / "dossier"], "dossier",
     "est un dossier"),
    ("schema -o sous un fichier", lambda t, e: ["schema", "rapport-deliberation", "-o", t / "fichier" / "s.json"],
     "fichier", "n'est pas un dossier"),
]


@pytest.mark.parametrize("quoi, argv, nomme, mots", CAS_CHEMINS, ids=[c[0] for c in CAS_CHEMINS])
def test_chemin_de_sortie_impossible(quoi, argv, nomme, mots, tmp_path, capsys):
    exemples = copier_exemples(tmp_path)
    (tmp_path / "fichier").write_text("à garder\n", encoding="utf-8")
    (tmp_path / "dossier").mkdir()
    code, _, erreurs = executer(argv(tmp_path, exemples), capsys)
    sans_trace(erreurs)
    assert code == cli.EXIT_ERREUR, erreurs
    lignes = LIGNE.findall(erreurs)
    assert lignes, erreurs
    assert any(Path(chemin).name == nomme and mots in message for chemin, message in lignes), erreurs
    assert (tmp_path / "fichier").read_text(encoding="utf-8") == "à garder\n"
    assert list((tmp_path / "dossier").iterdir()) == []


@pytest.mark.parametrize("commande", ["schema", "new"])
def test_schema_et_new_ne_remplacent_qu_avec_force(commande, tmp_path, capsys):
    cible = tmp_path / "existant.json"
    cible.write_text("à garder\n", encoding="utf-8")
    code, _, erreurs = executer([commande, "rapport-deliberation", "-o", cible], capsys)
    assert code == cli.EXIT_ERREUR
    assert "existe déjà" in erreurs and "--force" in erreurs
    assert cible.read_text(encoding="utf-8") == "à garder\n"
    code, sortie, erreurs = executer([commande, "rapport-deliberation", "-o", cible, "--force"], capsys)
    assert code == cli.EXIT_OK, erreurs
    assert cible.read_text(encoding="utf-8") != "à garder\n"
    assert [p.name for p in tmp_path.iterdir()] == ["existant.json"]  # no temporary file left


REFUS = [
    (errno.EACCES, "permission refusée"),
    (errno.EROFS, "lecture seule"),
    (errno.ENOSPC, "disque plein"),
]


@pytest.mark.parametrize("code_os, mots", REFUS, ids=[errno.errorcode[c] for c, _ in REFUS])
@pytest.mark.parametrize("commande", ["render", "schema", "seance"])
def test_dossier_qui_refuse_l_ecriture(commande, code_os, mots, tmp_path, capsys, monkeypatch):
    exemples = copier_exemples(tmp_path)
    sortie = tmp_path / "partage"
    vrai_open = ecriture.open if hasattr(ecriture, "open") else open

    def refuser(chemin, *args, **kwargs):
        if str(chemin).startswith(str(sortie)):
            raise OSError(code_os, os.strerror(code_os), str(chemin))
        return vrai_open(chemin, *args, **kwargs)

    monkeypatch.setattr(ecriture, "open", refuser, raising=False)
    argv = {"render": ["render", exemples / EXEMPLE.name, "-o", sortie],
            "schema": ["schema", "rapport-deliberation", "-o", sortie / "schema.json"],
            "seance": ["seance", exemples / SEANCE.name, "-o", sortie, "--jobs", "1"]}[commande]
    code, _, erreurs = executer(argv, capsys)
    sans_trace(erreurs)
    assert code == cli.EXIT_ERREUR, erreurs
    assert any(mots in message and "rien n'a été écrit" in message for _, message in LIGNE.findall(erreurs)), erreurs
    assert not sortie.exists() or [p for p in sortie.rglob("*") if p.is_file()] == []


def _pid_mort() -> int:
    fils = subprocess.Popen([sys.executable, "-c", "pass"])
    fils.wait()
    return fils.pid


def test_un_temporaire_abandonne_est_nettoye_au_passage_suivant(tmp_path, capsys):
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    hote = ecriture.hote()
    abandonne = sortie / f".deliberations-{hote}-{_pid_mort()}-abc123"
    vivant = sortie / f".deliberations-{hote}-{os.getpid()}-vivant"  # a run under way in this folder
    ailleurs = sortie / f".deliberations-autre_machine-{_pid_mort()}-xyz"  # another machine's, on a share
    for dossier in (abandonne, vivant, ailleurs):
        dossier.mkdir()
        (dossier / "06-04-rapport.docx").write_bytes(b"moitie")
    code, _, erreurs = executer(["render", EXEMPLE, "-o", sortie], capsys)
    assert code == cli.EXIT_OK, erreurs
    assert not abandonne.exists()
    assert vivant.exists() and ailleurs.exists()


def test_un_processus_tue_en_ecrivant_ne_laisse_rien_au_passage_suivant(tmp_path, capsys):
    """A render killed (SIGKILL) in the middle of writing, then another render into the same folder."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("pas de SIGKILL sur ce système")
    sortie = tmp_path / "sortie"
    script = textwrap.dedent(f"""
        import os, signal
        from deliberations.sortie import ecriture
        from deliberations import load, render
        vrai = ecriture.ecrire_fichier
        def ecrire_puis_mourir(chemin, donnees):
            vrai(chemin, donnees)
            os.kill(os.getpid(), signal.SIGKILL)
        ecriture.ecrire_fichier = ecrire_puis_mourir
        render(load({str(EXEMPLE)!r}), {str(sortie)!r})
    """)
    fini = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert fini.returncode == -signal.SIGKILL, fini.stderr
    restes = [p.name for p in sortie.iterdir()]
    assert len(restes) == 1 and restes[0].startswith(f".deliberations-{ecriture.hote()}-"), restes
    code, _, erreurs = executer(["render", EXEMPLE, "-o", sortie], capsys)
    assert code == cli.EXIT_OK, erreurs
    assert sorted(p.name for p in sortie.iterdir()) == ["06-04-deliberation.docx", "06-04-rapport.docx"]


@pytest.mark.parametrize("nom, attendu", [("poste-01", "poste_01"), ("mairie/clerc 2.local", "mairie_clerc_2.local"),
                                          ("", "machine")])
def test_le_nom_de_la_machine_ne_sort_pas_du_dossier(nom, attendu, monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: nom)
    ecriture.hote.cache_clear()
    try:
        assert ecriture.hote() == attendu
        assert re.fullmatch(r"[\w.]+", ecriture.hote())
    finally:
        ecriture.hote.cache_clear()
