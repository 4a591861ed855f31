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


def commandes() -> list[tuple[str, int, str]]:
    trouvees = []
    for doc, ligne, code in blocs("console"):
        for k, commande in enumerate(code.splitlines()):
            if commande.startswith("$ deliberations "):
                trouvees.append((doc, ligne + k + 1, commande[2:]))
    return trouvees


@pytest.mark.parametrize("doc, ligne, commande", commandes(), ids=lambda v: str(v)[:40])
def test_commandes(doc: str, ligne: int, commande: str, tmp_path: Path) -> None:
    args = shlex.split(commande)
    # Output folders of the examples go to a temporary folder.
    args = [str(tmp_path / a) if i > 0 and args[i - 1] in ("-o", "--sortie") else a for i, a in enumerate(args)]
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", *args[1:]], cwd=RACINE,
                              capture_output=True, text=True, env={**os.environ, "PYTHONUTF8": "1"})
    assert resultat.returncode == 0, f"{doc}:{ligne}: {commande}\n{resultat.stdout}{resultat.stderr}"
    assert "Traceback" not in resultat.stderr
