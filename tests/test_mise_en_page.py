"""Page layout as a print shop sets it, checked on LibreOffice's PDF of long cases.

- the signature block (formule, qualité, name) never splits, and keeps with the last decision;
- an annex table's header row repeats on every page, and its totals row keeps with the last rows;
- the vote and date boxes follow the signature.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import EXEMPLE
from deliberations import load, render, valider


def _pages(pdf: Path) -> list[str]:
    sortie = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    nombre = int(re.search(r"^Pages:\s+(\d+)", sortie, re.M).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(k), "-l", str(k), str(pdf), "-"], capture_output=True,
                           text=True, timeout=60, check=True).stdout for k in range(1, nombre + 1)]


def _page_de(pages: list[str], texte: str) -> int:
    trouvees = [k for k, page in enumerate(pages) if texte in page]
    assert len(trouvees) == 1, (texte, trouvees)
    return trouvees[0]


@pytest.fixture(scope="module")
def long(tmp_path_factory) -> dict[str, list[str]]:
    """A délibération of 40 decisions and a rapport with a 300-row annex, as LibreOffice lays them out."""
    donnees = load(EXEMPLE).model_dump(mode="python", exclude_none=True)
    donnees["propositions"] = [
        {"verbe": "autoriser", "texte": f"le versement numéro {i + 1} d'une subvention de fonctionnement à la "
                                        f"structure {i + 1} au titre de l'exercice 2023 selon les modalités de l'annexe"}
        for i in range(40)]
    tableau = donnees["annexes"][0]["tableaux"][0]
    tableau["lignes"] = [[f"Structure n° {i + 1}", Decimal("15000"), Decimal("15000")] for i in range(300)]
    tableau["totaux"] = True
    donnees["expose"][0]["paragraphes"][-1] = "Un total de ${annexe1.lignes} structures."
    dossier = tmp_path_factory.mktemp("long")
    ecrits = render(valider(donnees), dossier, pdf=True)
    return {p.stem.rsplit("-", 1)[1]: _pages(p) for p in ecrits if p.suffix == ".pdf"}


@pytest.mark.outil("soffice", "pdftotext", "pdfinfo")
def test_la_signature_ne_se_coupe_pas(long):
    pages = long["deliberation"]
    assert len(pages) >= 3
    formule = _page_de(pages, "Pour le président du Conseil départemental")
    assert _page_de(pages, "la vice-présidente,") == formule == _page_de(pages, "Mélissa Youssouf")
    # with the last decision, and followed by the vote box
    assert "structure 40 au titre" in pages[formule]
    assert "Adopté à l'unanimité" in pages[formule]


@pytest.mark.outil("soffice", "pdftotext", "pdfinfo")
def test_l_annexe_repete_son_entete_et_garde_ses_totaux(long):
    pages = long["rapport"]
    premiere = _page_de(pages, "ANNEXE 1 AU RAPPORT")
    annexe = pages[premiere:]
    assert len(annexe) >= 3
    assert all("Nom de la structure" in page for page in annexe), "en-tête non répété"
    derniere = annexe[-1]
    assert "TOTAUX" in derniere and "Structure n° 300" in derniere and "Structure n° 299" in derniere
    # every row is whole on one page: each structure's amounts are on its own line
    for page in annexe:
        for ligne in page.splitlines():
            if "Structure n°" in ligne:
                assert ligne.count("15 000,00") == 2 and "30 000,00" in ligne, ligne


MODELES = sorted((Path(__file__).resolve().parent.parent / "templates").glob("*/*.docx"))


@pytest.mark.parametrize("modele", MODELES, ids=[f"{m.parent.name}/{m.name}" for m in MODELES])
def test_les_styles_des_modeles_tiennent_les_blocs(modele):
    """No widow or orphan line; titles keep with what follows; the signature paragraph never splits."""
    import docx

    styles = docx.Document(str(modele)).styles
    assert styles["Normal"].paragraph_format.widow_control
    for nom in ("Titre de section", "Titre d'annexe", "Titre de tableau", "Titre du document"):
        if nom in [s.name for s in styles]:
            assert styles[nom].paragraph_format.keep_with_next, nom
    signature = [p for p in docx.Document(str(modele)).paragraphs if "signataire.formule" in p.text]
    assert len(signature) == (0 if modele.parent.name == "seance" else 1)
    for p in signature:
        assert "signataire.nom" in p.text and p.paragraph_format.keep_together


def test_la_derniere_decision_et_les_cadres_tiennent_a_la_signature(tmp_path):
    """On the rendered tree: keepNext on the last decision and the boxes, never beyond them (the annexes)."""
    import docx

    rapport, deliberation = render(EXEMPLE, tmp_path)
    paragraphes = docx.Document(str(deliberation)).paragraphs
    derniere = next(p for p in paragraphes if p.text.startswith("-\tAPPROUVE l'adhésion"))
    assert derniere.paragraph_format.keep_with_next
    assert not next(p for p in paragraphes if p.text.startswith("-\tAUTORISE le paiement")).paragraph_format.keep_with_next
    document = docx.Document(str(deliberation))
    assert all(r._tr.trPr is not None and r._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
        for t in document.tables for r in t.rows)
    lignes_annexe = [p for p in docx.Document(str(rapport)).paragraphs if p.text.startswith("ANNEXE")]
    assert lignes_annexe and not any(p.paragraph_format.keep_with_next for p in lignes_annexe)
