"""A rendered document's zip reuses its template's: the parts the render leaves alone are copied as stored.

Table of cases (template → observable result):

| template | rendered document |
|---|---|
| built-in rapport / délibération | every part other than the body, footers, core properties, index and relationships is byte for byte the template's (same compressed bytes, same checksum); the zip reads back without error; python-docx opens it and finds the styles by name |
| the same path, its ``styles.xml`` changed after a first render | the second render carries the new ``styles.xml`` (the cache follows the bytes, not the path) |
| « Tableau annexe » under another id than the built-in one | the annex table's amounts are right-aligned (styles found by name, though python-docx opened a copy without them) |

| two templates, each with a tag Word split across runs, rendered in turn twice | each shows its own word and the value, every time (docxtpl's clean-up of a template's XML is kept per text) |

and a property: any set of parts, copied or new, zips to an archive that
reads back to the same bytes.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations import contexte, load
from deliberations.rendu import paquet
from deliberations.rendu.docx import rendre_docx

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
MODELES = RACINE / "templates" / "rapport-deliberation"
#: parts the render writes anew
ECRITES = {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml", "word/footer1.xml"}


def _rendre(modele: Path) -> bytes:
    return rendre_docx(modele, contexte(load(EXEMPLE)))


def _brut(archive: bytes, info: zipfile.ZipInfo) -> bytes:
    debut = info.header_offset + 30 + int.from_bytes(archive[info.header_offset + 26:info.header_offset + 28],
                                                     "little") \
        + int.from_bytes(archive[info.header_offset + 28:info.header_offset + 30], "little")
    return archive[debut:debut + info.compress_size]


def test_parties_laissees_copiees_telles_quelles() -> None:
    for nom in ("rapport.docx", "deliberation.docx"):
        source = (MODELES / nom).read_bytes()
        rendu = _rendre(MODELES / nom)
        with zipfile.ZipFile(io.BytesIO(source)) as zmodele, zipfile.ZipFile(io.BytesIO(rendu)) as zrendu:
            assert zrendu.testzip() is None
            assert sorted(zrendu.namelist()) == sorted(zmodele.namelist())
            laissees = [i for i in zmodele.infolist() if i.filename not in ECRITES
                        and not i.filename.endswith(".rels")]
            assert {"word/styles.xml", "word/stylesWithEffects.xml", "word/settings.xml"} <= {
                i.filename for i in laissees}
            for info in laissees:
                copie = zrendu.getinfo(info.filename)
                assert zrendu.read(copie) == zmodele.read(info), info.filename
                assert (copie.CRC, _brut(rendu, copie)) == (info.CRC, _brut(source, info)), info.filename
            assert zrendu.read("word/document.xml") != zmodele.read("word/document.xml")
        document = docx.Document(io.BytesIO(rendu))
        assert {s.name for s in document.styles} == {s.name for s in docx.Document(MODELES / nom).styles}
        assert any("clause" in p.text.lower() for p in document.paragraphs)


def _remplacer(modele: Path, partie: str, avant: bytes, apres: bytes) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(modele) as zin, zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            donnees = zin.read(info)
            if info.filename == partie:
                assert avant in donnees
                donnees = donnees.replace(avant, apres)
            zout.writestr(info, donnees)
    modele.write_bytes(tampon.getvalue())
    with zipfile.ZipFile(modele) as zin:
        return zin.read(partie)


def test_modele_modifie_sous_le_meme_chemin(tmp_path: Path) -> None:
    modele = tmp_path / "rapport.docx"
    shutil.copy(MODELES / "rapport.docx", modele)
    premier = _rendre(modele)
    styles = _remplacer(modele, "word/styles.xml", b'w:val="Totaux"', b'w:val="Totaux du tableau"')
    second = _rendre(modele)
    with zipfile.ZipFile(io.BytesIO(premier)) as z1, zipfile.ZipFile(io.BytesIO(second)) as z2:
        assert z1.read("word/styles.xml") != styles
        assert z2.read("word/styles.xml") == styles
    assert "Totaux du tableau" in {s.name for s in docx.Document(io.BytesIO(second)).styles}


def test_style_d_annexe_trouve_par_son_nom(tmp_path: Path) -> None:
    modele = tmp_path / "rapport.docx"
    shutil.copy(MODELES / "rapport.docx", modele)
    _remplacer(modele, "word/styles.xml", b'w:styleId="TableauAnnexe"', b'w:styleId="StyleAutre"')
    _remplacer(modele, "word/document.xml", b'w:val="TableauAnnexe"', b'w:val="StyleAutre"')
    rendu = docx.Document(io.BytesIO(_rendre(modele)))
    annexes = [t for t in rendu.tables if t.style is not None and t.style.name == "Tableau annexe"]
    assert annexes
    # amount columns right-aligned (the style was found by its name, not by the built-in id)
    for tableau in annexes:
        assert tableau._tbl.xpath(".//w:tc//w:jc[@w:val='right' or @w:val='end']")


_NOMS = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x24FF, blacklist_categories=("Cs",)),
                min_size=1, max_size=12).filter(lambda n: "\\" not in n and not n.startswith("/"))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_NOMS, st.tuples(st.binary(max_size=3000), st.booleans(), st.booleans()),
                       min_size=1, max_size=8))
def test_zip_relu_a_l_identique(parties: dict[str, tuple[bytes, bool, bool]]) -> None:
    modele = io.BytesIO()
    with zipfile.ZipFile(modele, "w") as zout:
        for nom, (donnees, comprime, _) in parties.items():
            zout.writestr(nom, donnees, compress_type=zipfile.ZIP_DEFLATED if comprime else zipfile.ZIP_STORED)
    lu = paquet._lire(modele.getvalue())
    contenu: paquet.Contenu = [(nom, lu.entrees[nom] if copie else donnees)
                               for nom, (donnees, _, copie) in parties.items()]
    with zipfile.ZipFile(io.BytesIO(paquet.zipper(contenu, {}))) as zin:
        assert zin.testzip() is None
        assert zin.namelist() == list(parties)
        assert {nom: zin.read(nom) for nom in parties} == {nom: d for nom, (d, _, _) in parties.items()}


def _modele_coupe(chemin: Path, mot: str) -> Path:
    """A template whose tag Word split across two runs, after the word ``mot``."""
    document = docx.Document()
    paragraphe = document.add_paragraph(f"{mot} : ")
    paragraphe.add_run("{{ num")
    paragraphe.add_run("ero }}")
    document.save(str(chemin))
    return chemin


def test_nettoyage_des_balises_par_modele(tmp_path: Path) -> None:
    """docxtpl's clean-up of a template's XML is kept per text: each template renders its own words, every time."""
    point = contexte(load(EXEMPLE))
    premier, second = _modele_coupe(tmp_path / "a.docx", "Premier"), _modele_coupe(tmp_path / "b.docx", "Second")
    for _ in range(2):
        for modele, mot in ((premier, "Premier"), (second, "Second")):
            texte = "\n".join(p.text for p in docx.Document(io.BytesIO(rendre_docx(modele, point))).paragraphs)
            assert texte.strip() == f"{mot} : {point['numero']}"
