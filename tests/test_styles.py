"""The styles the renderer relies on are found by their name, whatever id Word or LibreOffice gave them.

- names map to ids through the template's ``word/styles.xml``; names compare
  without case and spaces, and the built-in id is accepted too;
- a template whose styles got other ids (as a re-save gives them) keeps its
  annex formatting and its page layout;
- ``lint-template`` says when a template that prints annex tables lacks the
  style « Tableau annexe », and only then;
- every built-in template, opened and saved again by LibreOffice, renders the
  same documents (real client).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Callable

import docx
import pytest

from conftest import EXEMPLE, RACINE, lignes_docx
from deliberations import load, valider
from deliberations.api import rendre_en_memoire, rendre_modele
from deliberations.cli import main
from deliberations.rendu import wordxml
from deliberations.rendu.lint import lint, lint_modele
from deliberations.rendu.styles import (
    DEBUT_SIGNATURE,
    STYLES,
    TABLEAU_ANNEXE,
    TOTAUX,
    identifiants,
    noms_des_styles,
    present,
)
from deliberations.seance import charger_seance, contexte_ordre_du_jour

TEMPLATES = RACINE / "templates"
MODELES = sorted(TEMPLATES.glob("*/*.docx"))
#: an example of each report type
EXEMPLES = {"rapport-deliberation": "06-04-clauses-sociales.yaml", "cofinancement": "sud-isere-facilitatrice.yaml",
            "programme": "mayotte-clauses-insertion.yaml"}
SEANCE = RACINE / "examples" / "seance-2023-09-14.yaml"
MESSAGE = ("style « Tableau annexe » absent du modèle : les tableaux d'annexe perdraient leur mise en forme "
           "(montants à droite, largeurs)")


def _styles_xml(modele: Path) -> bytes:
    with zipfile.ZipFile(modele) as archive:
        return archive.read("word/styles.xml")


def _reecrire(source: Path, cible: Path, **parties: Callable[[str], str]) -> Path:
    """Copy a ``.docx``, rewriting parts (``styles=…`` for ``word/styles.xml``) as text."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            donnees = zin.read(info)
            partie = re.fullmatch(r"word/(\w+)\.xml", info.filename)
            if partie and partie.group(1) in parties:
                donnees = parties[partie.group(1)](donnees.decode("utf-8")).encode("utf-8")
            zout.writestr(info, donnees)
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_bytes(tampon.getvalue())
    return cible


def _renommer_ids(xml: str) -> str:
    """What a re-save may do: ids derived from the names (LibreOffice drops accents and spaces)."""
    return xml.replace('"TableauAnnexe"', '"Tableauannexe"').replace('"DebutSignature"', '"Dbutdesignature"')


def _sans_style_annexe(xml: str) -> str:
    return re.sub(r'<w:style [^>]*w:styleId="TableauAnnexe".*?</w:style>', "", xml, flags=re.DOTALL)


# --------------------------------------------------------------------------
# Names to ids


def test_la_table_des_styles():
    """One declaration per style; the author guide names each; the built-in templates define them all."""
    assert len({s.nom for s in STYLES}) == len(STYLES) and TABLEAU_ANNEXE.requis_si == "tableaux"
    guide = (RACINE / "docs" / "modeles.md").read_text(encoding="utf-8")
    for style in STYLES:
        assert f"« {style.nom} »" in guide, style.nom
    for modele in MODELES:
        noms = noms_des_styles(_styles_xml(modele))
        assert present(DEBUT_SIGNATURE, noms) and present(TOTAUX, noms), modele
        assert identifiants(TABLEAU_ANNEXE, noms) == {"TableauAnnexe"}, modele


def test_un_style_se_trouve_par_son_nom():
    xml = _styles_xml(TEMPLATES / "rapport-deliberation" / "rapport.docx").decode("utf-8")
    autre = xml.replace('w:styleId="TableauAnnexe"><w:name w:val="Tableau annexe"/>',
                        'w:styleId="MonTableau"><w:name w:val="tableau  ANNEXE"/>')
    assert autre != xml
    noms = noms_des_styles(autre.encode("utf-8"))
    assert present(TABLEAU_ANNEXE, noms) and identifiants(TABLEAU_ANNEXE, noms) == {"MonTableau", "TableauAnnexe"}
    # a paragraph style of that name is not the table style
    paragraphe = xml.replace('w:type="table" w:customStyle="1" w:styleId="TableauAnnexe"',
                             'w:type="paragraph" w:customStyle="1" w:styleId="MonTableau"')
    assert paragraphe != xml
    assert not present(TABLEAU_ANNEXE, noms_des_styles(paragraphe.encode("utf-8")))
    # the built-in id counts, whatever the name
    renomme = xml.replace('<w:name w:val="Tableau annexe"/>', '<w:name w:val="Mon tableau"/>')
    assert present(TABLEAU_ANNEXE, noms_des_styles(renomme.encode("utf-8")))
    assert noms_des_styles(None) == {} and noms_des_styles(b"<pas du xml") == {}


def _annexes(donnees: bytes) -> list[tuple[list[int], list[list[bool]]]]:
    """Each annex table of a rendered document: its grid, and which body cells are right-aligned."""
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        ids = identifiants(TABLEAU_ANNEXE, noms_des_styles(archive.read("word/styles.xml")))
        racine = wordxml.analyser(archive.read("word/document.xml"))
    tableaux = []
    for tbl in racine.iter(wordxml.W_TBL):
        if wordxml.style_tableau(tbl) not in ids:
            continue
        grille = [int(c.get(wordxml.w("w"))) for c in tbl.iter(wordxml.w("gridCol"))]
        rangees = [[any(jc.get(wordxml.W_VAL) == "right" for jc in tc.iter(wordxml.W_JC)) for tc in tr.iter(wordxml.W_TC)]
                   for tr in tbl.iter(wordxml.W_TR) if tr.find(f"{wordxml.w('trPr')}/{wordxml.w('tblHeader')}") is None]
        tableaux.append((grille, rangees))
    return tableaux


def _mise_en_page(donnees: bytes) -> tuple[int, int]:
    """Paragraphs kept with the next one, rows that never split (``<w:keepNext/>`` or ``w:val="true"``)."""
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        racine = wordxml.analyser(archive.read("word/document.xml"))

    def actifs(balise: str) -> int:
        return sum(e.get(wordxml.W_VAL, "true") not in ("false", "0") for e in racine.iter(wordxml.w(balise)))

    return actifs("keepNext"), actifs("cantSplit")


def _texte(donnees: bytes, dossier: Path, nom: str) -> list[str]:
    chemin = dossier / nom
    chemin.write_bytes(donnees)
    return lignes_docx(chemin)


def test_des_styles_d_un_autre_id_gardent_la_mise_en_forme(tmp_path):
    """Ids changed as a re-save changes them: the annex keeps its alignments and widths, the signature its keeps."""
    modeles = tmp_path / "modeles"
    for modele in (TEMPLATES / "rapport-deliberation").glob("*.docx"):
        _reecrire(modele, modeles / modele.name, styles=_renommer_ids, document=_renommer_ids)
    assert b"TableauAnnexe" not in _styles_xml(modeles / "rapport.docx")
    point = load(EXEMPLE)
    attendus, rendus = dict(rendre_en_memoire(point)), dict(rendre_en_memoire(point, modeles))
    assert attendus.keys() == rendus.keys()
    for nom, donnees in rendus.items():
        assert _annexes(donnees) == _annexes(attendus[nom]), nom
        assert _mise_en_page(donnees) == _mise_en_page(attendus[nom]), nom
    (grille, rangees), = _annexes(rendus["06-04-rapport.docx"])
    assert len(grille) == 4 and grille[0] == max(grille)
    assert rangees[0] == [False, True, True, True] and rangees[-1] == [False, True, True, True]


# --------------------------------------------------------------------------
# lint-template


def test_lint_style_annexe_absent(tmp_path, capsys):
    """A template printing annex tables without the style: one warning, at the tag that prints them."""
    modele = _reecrire(TEMPLATES / "rapport-deliberation" / "rapport.docx", tmp_path / "rapport.docx",
                       styles=_sans_style_annexe)
    findings = lint_modele(modele)
    assert len(findings) == 1, findings
    (finding,) = findings
    assert not finding.est_erreur and finding.message.startswith(MESSAGE)
    assert "créez un style de tableau nommé « Tableau annexe »" in finding.message and "tableaux" in finding.message
    assert finding.lieu.champ.startswith("tableau ") or finding.lieu.champ.startswith("paragraphe ")
    assert main(["lint-template", str(modele)]) == 1
    assert MESSAGE in capsys.readouterr().out


@pytest.mark.parametrize("reecriture", [
    pytest.param(_renommer_ids, id="autre-id"),
    pytest.param(lambda xml: xml.replace('<w:name w:val="Tableau annexe"/>', '<w:name w:val="tableau Annexe"/>'),
                 id="casse-et-espaces"),
    pytest.param(lambda xml: xml.replace('<w:name w:val="Tableau annexe"/>', '<w:name w:val="Mon tableau"/>'),
                 id="id-integre-autre-nom"),
])
def test_lint_style_annexe_present(reecriture, tmp_path):
    modele = _reecrire(TEMPLATES / "cofinancement" / "rapport.docx", tmp_path / "rapport.docx", styles=reecriture,
                       document=reecriture)
    assert lint_modele(modele) == []


def test_lint_sans_tableau_d_annexe_sans_style(tmp_path):
    """A template that prints no annex table needs no « Tableau annexe »."""
    for modele in (TEMPLATES / "rapport-deliberation" / "deliberation.docx", TEMPLATES / "seance" / "ordre-du-jour.docx"):
        assert not present(TABLEAU_ANNEXE, noms_des_styles(_styles_xml(modele)))
        assert lint_modele(modele) == []
    document = docx.Document()
    document.add_paragraph("{% for annexe in annexes %}{{ annexe.titre }}{% endfor %}")
    document.save(str(tmp_path / "sans.docx"))
    assert lint_modele(tmp_path / "sans.docx") == []
    document.add_paragraph("{{ annexes[0].tableaux|length }} tableaux")
    document.save(str(tmp_path / "avec.docx"))
    (finding,) = lint_modele(tmp_path / "avec.docx")
    assert finding.message.startswith(MESSAGE) and finding.lieu.champ == "paragraphe 2"


def test_les_modeles_integres_ont_leurs_styles():
    findings, lus = lint(TEMPLATES)
    assert findings == [] and lus == 7


# --------------------------------------------------------------------------
# Real client: every built-in template saved again by LibreOffice


@pytest.fixture(scope="module")
def reenregistres(tmp_path_factory) -> Path:
    """Every ``templates/*/*.docx`` opened and saved as .docx by LibreOffice (one call), in folders by type."""
    base = tmp_path_factory.mktemp("libreoffice")
    entree, sortie, dossiers = base / "entree", base / "sortie", base / "modeles"
    entree.mkdir()
    for modele in MODELES:
        shutil.copy(modele, entree / f"{modele.parent.name}--{modele.name}")
    subprocess.run(["soffice", "--headless", "--norestore", "--nolockcheck", "--nodefault",
                    f"-env:UserInstallation={(base / 'profil').as_uri()}", "--convert-to", "docx",
                    "--outdir", str(sortie), *map(str, sorted(entree.iterdir()))],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=300, check=True)
    for fichier in sorted(sortie.glob("*.docx")):
        type_, nom = fichier.name.split("--")
        (dossiers / type_).mkdir(parents=True, exist_ok=True)
        shutil.move(fichier, dossiers / type_ / nom)
    assert sorted(f"{p.parent.name}/{p.name}" for p in dossiers.glob("*/*.docx")) == \
        [f"{p.parent.name}/{p.name}" for p in MODELES]
    return dossiers


def _point_avec_annexe(type_: str):
    """The type's example; one without annex tables gets those of the reference example."""
    point = load(RACINE / "examples" / EXEMPLES[type_])
    if any(annexe.tableaux for annexe in point.annexes or []):
        return point
    donnees = point.model_dump(mode="python", exclude_none=True)
    donnees["annexes"] = load(EXEMPLE).model_dump(mode="python", exclude_none=True)["annexes"]
    return valider(donnees)


@pytest.mark.outil("soffice")
@pytest.mark.parametrize("type_", sorted(EXEMPLES))
def test_modeles_reenregistres_par_libreoffice(type_, reenregistres, tmp_path):
    """Re-saved by LibreOffice, a type's templates stay clean and render the same documents, annexes formatted."""
    dossier = reenregistres / type_
    for modele in sorted(dossier.glob("*.docx")):
        assert lint_modele(modele) == [], modele
    point = _point_avec_annexe(type_)
    attendus, rendus = dict(rendre_en_memoire(point)), dict(rendre_en_memoire(point, dossier))  # verified
    assert attendus.keys() == rendus.keys()
    for nom, donnees in rendus.items():
        assert _texte(donnees, tmp_path, f"lo-{nom}") == _texte(attendus[nom], tmp_path, nom), nom
        assert _mise_en_page(donnees) == _mise_en_page(attendus[nom]), nom
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:  # one core properties part, the item's
            noms = [info.filename for info in archive.infolist()]
        assert len(noms) == len(set(noms)), nom
        assert docx.Document(io.BytesIO(donnees)).core_properties.title == point.objet, nom
        annexes = _annexes(donnees)
        assert len(annexes) == len(_annexes(attendus[nom])), nom
        for grille, rangees in annexes:
            assert len(grille) >= 2 and all(largeur > 0 for largeur in grille), nom
            assert all(rangee[-1] and not rangee[0] for rangee in rangees), nom  # amounts right, labels left
    rapport = next(donnees for nom, donnees in rendus.items() if nom.endswith("-rapport.docx"))
    assert _annexes(rapport), "pas de tableau d'annexe dans le rapport"


@pytest.mark.outil("soffice")
def test_ordre_du_jour_reenregistre_par_libreoffice(reenregistres, tmp_path):
    contexte = contexte_ordre_du_jour(charger_seance(SEANCE, jobs=1))
    attendu = rendre_modele("seance", "ordre-du-jour.docx", contexte, tmp_path / "attendu.docx")
    rendu = rendre_modele("seance", "ordre-du-jour.docx", contexte, tmp_path / "rendu.docx",
                          modeles=reenregistres / "seance")
    assert lint_modele(reenregistres / "seance" / "ordre-du-jour.docx") == []
    assert lignes_docx(rendu) == lignes_docx(attendu)
    assert _mise_en_page(rendu.read_bytes()) == _mise_en_page(attendu.read_bytes())
