"""Output paths: no item number and no file name makes the library write outside the output folder.

Every document is written in the output folder, under a safe name
(:func:`~deliberations.rendu.docx.nom_de_fichier`): no separator (nor a
look-alike slash), no ``..``, no hidden or option-like name, no Windows
reserved name (``CON``, ``NUL``, ``COM1``…), no stream (``:``), no control
or bidi character, at most 120 bytes. What cannot be made safe is refused
with a French error, and then nothing is written anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations import check, render, valider
from deliberations.api import rendre_en_memoire
from deliberations.erreurs import ErreurEntree, ErreurRendu
from deliberations.sortie.ecriture import publier
from deliberations.sortie.noms import nom_de_fichier
from exemples import point_minimal

RESERVES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}

#: number → safe base name
NOMS = {
    "06-04": "06-04",
    "../../x": "x",
    "../../etc/passwd": "etc-passwd",
    "/etc/x": "etc-x",
    "..": "sans-numero",
    ".": "sans-numero",
    " .. ": "sans-numero",
    "con": "_con",
    "CON": "_CON",
    "CON.txt": "_CON.txt",
    "con ": "_con",
    "nul": "_nul",
    "aux": "_aux",
    "com1": "_com1",
    "LPT9.doc": "_LPT9.doc",
    "COM¹": "_COM1",
    "console": "console",
    "a/b": "a-b",
    "a\\b": "a-b",
    "a\x00b": "a-b",
    "a\u2215b": "a-b",  # division slash
    "a\u2044b": "a-b",  # fraction slash
    "a\uff0fb": "a-b",  # fullwidth solidus
    "a\uff3cb": "a-b",  # fullwidth reverse solidus
    "\uff0e\uff0e\uff0fx": "x",  # fullwidth ../
    "\u2024\u2024": "sans-numero",  # one dot leaders
    "a:b": "a-b",
    "fichier.docx:flux": "fichier.docx-flux",
    "C:\\Windows\\x": "C--Windows-x",
    "a\uff1ab": "a-b",  # fullwidth colon
    "a*b?c|d<e>f\"g": "a-b-c-d-e-f-g",
    "-rf": "rf",
    ".cache": "cache",
    "a\u202eb": "ab",  # right-to-left override
    "a\u200b\u200db": "ab",  # zero width
    "a\u00a0b": "a b",
    "a\tb\nc": "a-b-c",
    "a \u2028 b": "a b",
    "x" * 300: "x" * 120,
    "é" * 300: "é" * 60,
    "🎉" * 300: "🎉" * 30,
    "e\u0301": "é",
}


@pytest.mark.parametrize("numero", NOMS)
def test_nom_de_fichier(numero):
    assert nom_de_fichier(numero) == NOMS[numero]


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_nom_de_fichier_toujours_sur(numero):
    nom = nom_de_fichier(numero)
    assert nom and len(nom.encode("utf-8")) <= 121
    assert not any(c in nom for c in '/\\:*?"<>|\x00\u2215\u2044\uff0f\uff3c')
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in nom)
    assert ".." not in unicodedata.normalize("NFKC", nom)
    assert not nom.startswith((".", "-", " ")) and not nom.endswith((".", " "))
    assert nom.split(".")[0].strip().upper() not in RESERVES
    assert nom_de_fichier(nom) == nom


# --------------------------------------------------------------------------
# render: files strictly inside the output folder, or a refusal and nothing written

#: numbers the model refuses
REFUSES = {"a\x00b": "U+0000", "   ": "texte vide", "": "texte vide"}


def _arbre(racine: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(racine)): (p.read_bytes() if p.is_file() else None) for p in racine.rglob("*")}


def _existe(chemin: Path) -> bool:
    try:
        return chemin.exists()
    except OSError:  # a name too long cannot exist
        return False


def _cibles_hors_dossier(base: str) -> list[Path]:
    """Where a naive library would write: the file-system root, /etc, /tmp."""
    return [Path(d) / f"{base}{suffixe}" for d in ("/", "/etc", "/tmp")
            for suffixe in ("-rapport.docx", "-deliberation.docx")]


@pytest.mark.parametrize("numero", [*NOMS, *REFUSES])
def test_render_reste_dans_le_dossier(numero, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    sortie = tmp_path / "a" / "b" / "sortie"
    avant = _arbre(tmp_path)
    naifs = [c for c in _cibles_hors_dossier(numero.strip("/")) if not _existe(c)]
    try:
        point = valider(point_minimal(numero=numero))
    except ErreurEntree as exc:
        assert numero in REFUSES, str(exc)
        assert REFUSES[numero] in str(exc) and "numero" in str(exc)
        assert _arbre(tmp_path) == avant
        return
    assert numero not in REFUSES
    if any(f.est_erreur for f in check(point)):
        with pytest.raises(ErreurEntree):
            render(point, sortie)
        assert _arbre(tmp_path) == avant
        return
    ecrits = render(point, sortie)
    base = NOMS[numero]
    assert [p.name for p in ecrits] == [f"{base}-rapport.docx", f"{base}-deliberation.docx"]
    assert all(p.parent == sortie and p.resolve().parent == sortie.resolve() for p in ecrits)
    apres = _arbre(tmp_path)
    nouveaux = set(apres) - set(avant)
    assert nouveaux == {"a/b/sortie", *(f"a/b/sortie/{p.name}" for p in ecrits)}
    assert all(apres[k] == v for k, v in avant.items())
    assert not any(_existe(c) for c in naifs)


def test_ligne_de_commande_reste_dans_le_dossier(tmp_path):
    fichier = tmp_path / "point.yaml"
    fichier.write_text(yaml.safe_dump(point_minimal(numero="../../../evasion"), allow_unicode=True), encoding="utf-8")
    (tmp_path / "x" / "y").mkdir(parents=True)
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", "render", str(fichier), "-o", "x/y/sortie"],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert resultat.returncode == 0, resultat.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "point.yaml", "x/y/sortie/evasion-deliberation.docx", "x/y/sortie/evasion-rapport.docx"]


# --------------------------------------------------------------------------
# publier: names given by the caller


@pytest.fixture(scope="module")
def rendus():
    return rendre_en_memoire(valider(point_minimal()))


@pytest.mark.parametrize("nom", ["../evasion.docx", "../../evasion.docx", "/tmp/evasion-absolue.docx", "a/b.docx",
                                 "sous/../x.docx", "", ".", "..", "a\x00b.docx", "x" * 300 + ".docx"])
def test_publier_refuse_un_nom_qui_sort(nom, rendus, tmp_path):
    (tmp_path / "sous").mkdir()
    sortie = tmp_path / "sortie"
    avant = _arbre(tmp_path)
    with pytest.raises(ErreurRendu) as exc:
        publier([(nom, rendus[0][1])], sortie)
    assert "nom de fichier de sortie invalide" in str(exc.value)
    assert _arbre(tmp_path) == avant
    assert not Path("/tmp/evasion-absolue.docx").exists()


def test_lien_symbolique_vers_l_exterieur(tmp_path, rendus):
    """A link in the output folder pointing outside: refused, even with force; its target is untouched."""
    dehors = tmp_path / "dehors.docx"
    dehors.write_bytes(b"sentinelle")
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "06-04-rapport.docx").symlink_to(dehors)
    point = valider(point_minimal())
    for force in (False, True):
        with pytest.raises(ErreurRendu) as exc:
            render(point, sortie, force=force)
        assert "lien symbolique vers un autre dossier" in str(exc.value)
    assert dehors.read_bytes() == b"sentinelle"
    assert sorted(os.listdir(sortie)) == ["06-04-rapport.docx"]


def test_motif_de_sortie_d_un_type_qui_sort(tmp_path):
    """A report type whose output pattern leaves the folder is refused; nothing is written."""
    from deliberations.types.catalogue import oublier

    dossier = tmp_path / "types" / "evasion"
    dossier.mkdir(parents=True)
    (dossier / "type.yaml").write_text(
        "nom: evasion\ntitre: Évasion\ndescription: Un motif de sortie qui remonte d'un dossier.\n"
        "documents:\n  - modele: rapport.docx\n    sortie: \"../{numero}-rapport.docx\"\n    titre: Rapport\n",
        encoding="utf-8")
    (dossier / "rapport.docx").write_bytes((Path(__file__).parent.parent / "templates" / "rapport-deliberation"
                                            / "rapport.docx").read_bytes())
    avant = _arbre(tmp_path)
    oublier()
    try:
        with pytest.raises(ErreurEntree) as exc:
            render(valider(point_minimal(type="evasion"), modeles=tmp_path / "types"), tmp_path / "sortie",
                   modeles=tmp_path / "types")
    finally:
        oublier()
    assert "sortie" in str(exc.value)
    assert _arbre(tmp_path) == avant
