"""Shared fixtures: the reference example, readers of rendered documents, external tools.

A test that needs an external program is marked ``@pytest.mark.outil("soffice")``
(or ``"pandoc"``, ``"pdfinfo"``…): it is skipped when the program is missing,
except on CI (``CI=true``), where a missing program is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "outil(*noms): needs these external programs (skip if missing, fail on CI)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marque in item.iter_markers(name="outil"):
        absents = [nom for nom in marque.args if shutil.which(nom) is None]
        if not absents:
            continue
        message = f"programme(s) introuvable(s) : {', '.join(absents)}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (obligatoire sur CI)", pytrace=False)
        pytest.skip(message)


@pytest.fixture
def exemple() -> Path:
    return EXEMPLE


@pytest.fixture
def point():
    from deliberations import load

    return load(EXEMPLE)


# --------------------------------------------------------------------------
# Reading documents back


def lignes_docx(chemin: Path) -> list[str]:
    """python-docx read, in body order: paragraph texts, and table rows as cells joined by tabs."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(chemin))
    lignes: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            lignes.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            for rangee in Table(element, document).rows:
                lignes.append("\t".join(cellule.text for cellule in rangee.cells))
    return lignes


def normaliser(texte: str) -> str:
    """Seed-comparison form: markdown ``**`` and ``^{…}`` (and pandoc's ``^(…)``) read as plain text, whitespace collapsed.

    U+202F and U+00A0 (French spacing) count as spaces.
    """
    texte = texte.replace("**", "")
    texte = re.sub(r"\^\{([^}]*)\}", r"\1", texte)
    texte = re.sub(r"\^\(([^)]*)\)", r"\1", texte)  # pandoc -t plain writes a superscript 1^(er)
    return re.sub(r"[\s\u202f\u00a0]+", " ", texte).strip()


@pytest.fixture
def lire_docx() -> Callable[[Path], list[str]]:
    return lignes_docx


@pytest.fixture
def normaliser_texte() -> Callable[[str], str]:
    return normaliser


def sans_espaces(texte: str) -> str:
    """Text with every space (ordinary, no-break, narrow) removed and one apostrophe.

    The typographic pass of the rendering changes only spaces and apostrophes
    (tests/test_typographie.py); comparing this form checks that nothing else
    of what was typed changed.
    """
    return re.sub(r"[ \u00a0\u202f]", "", texte).replace("’", "'")
