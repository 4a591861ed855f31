"""Output names that collide are found before anything is written (issue 11, first family).

Two items whose numbers differ only by « / » and « - », by composed and
decomposed accents, by case or by an invisible character get the same file
name once made safe; so do two items of a type whose output pattern leaves
the number out. The final names are compared, as file systems compare them.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RACINE
from deliberations.cli import main
from deliberations.seance import charger_seance
from deliberations.sortie.noms import cle_de_nom, collisions, nom_de_fichier

EXEMPLES = RACINE / "examples"
ITEM = EXEMPLES / "06-04-clauses-sociales.yaml"


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_deux_numeros_au_meme_nom_sont_une_collision(a, b):
    """Whatever two numbers are typed, their documents collide exactly when their final names do."""
    noms_a = [f"{nom_de_fichier(a)}-rapport.docx"]
    noms_b = [f"{nom_de_fichier(b)}-rapport.docx"]
    attendu = cle_de_nom(noms_a[0]) == cle_de_nom(noms_b[0])
    assert bool(collisions([("a", noms_a), ("b", noms_b)])) == attendu


def _seance(dossier: Path, numeros: list[str], type_: str | None = None) -> Path:
    shutil.copytree(EXEMPLES / "collectivites", dossier / "collectivites")
    texte = ITEM.read_text(encoding="utf-8")
    noms = []
    for k, numero in enumerate(numeros):
        item = re.sub(r"^numero: .*$", f'numero: "{numero}"', texte, count=1, flags=re.M)
        (dossier / f"point{k}.yaml").write_text(item, encoding="utf-8")
        noms.append(f"point{k}.yaml")
    seance = dossier / "seance.yaml"
    seance.write_text("instance: commission permanente\ndate: 2023-09-14\npoints:\n"
                      + "".join(f"  - {n}\n" for n in noms), encoding="utf-8")
    return seance


@pytest.mark.parametrize("numeros", [
    ["06/04", "06-04"],
    [unicodedata.normalize("NFC", "06-04-é"), unicodedata.normalize("NFD", "06-04-é")],
    ["06-04", "06-\u200b04"],
    ["06-04-A", "06-04-a"],
    ["06.04.", "06.04"],  # a trailing dot is no part of a file name
], ids=["barre", "nfd", "invisible", "casse", "point-final"])
def test_seance_refuse_avant_d_ecrire(tmp_path, numeros):
    fichier = _seance(tmp_path, numeros)
    seance = charger_seance(fichier, jobs=1)
    erreurs = [f for f in seance.tous_les_constats() if f.est_erreur]
    # numbers that differ by their accents' composition are one number once read (NFC): « déjà pris »
    assert any("écrirait" in f.message or "déjà pris" in f.message for f in erreurs), erreurs
    assert seance.en_erreur
    sortie = tmp_path / "sortie"
    assert main(["seance", str(fichier), "-o", str(sortie), "--force"]) == 1
    assert not sortie.exists()


def test_des_numeros_distincts_passent(tmp_path):
    seance = charger_seance(_seance(tmp_path, ["06-04", "06-05"]), jobs=1)
    assert not [f for f in seance.tous_les_constats() if "écrirait" in f.message]


def test_un_type_dont_les_noms_oublient_le_numero(tmp_path):
    types = tmp_path / "types"
    shutil.copytree(RACINE / "templates" / "rapport-deliberation", types / "sans-numero")
    manifeste = types / "sans-numero" / "type.yaml"
    texte = manifeste.read_text(encoding="utf-8")
    texte = re.sub(r"^nom: .*$", "nom: sans-numero", texte, flags=re.M)
    texte = texte.replace("{numero}-", "")
    manifeste.write_text(texte, encoding="utf-8")
    assert "{numero}" not in manifeste.read_text(encoding="utf-8")
    fichier = _seance(tmp_path, ["06-04", "06-05"])
    for item in tmp_path.glob("point*.yaml"):
        item.write_text(re.sub(r"^type: .*$", "type: sans-numero", item.read_text(encoding="utf-8"), flags=re.M),
                        encoding="utf-8")
    seance = charger_seance(fichier, jobs=1, modeles=types)
    assert any("écrirait" in f.message for f in seance.tous_les_constats()), seance.tous_les_constats()


def test_render_de_plusieurs_fichiers_compare_les_noms(tmp_path, capsys):
    _seance(tmp_path, ["06/04", "06-04"])
    sortie = tmp_path / "sortie"
    code = main(["render", str(tmp_path / "point0.yaml"), str(tmp_path / "point1.yaml"), "-o", str(sortie), "--force"])
    sorties = capsys.readouterr()
    assert code == 1 and "écrirait « 06-04-rapport.docx »" in sorties.out
    # the first is written, the second refused: never one overwriting the other
    assert sorted(p.name for p in sortie.iterdir()) == ["06-04-deliberation.docx", "06-04-rapport.docx"]
    assert "point1.yaml : rien n'a été écrit." in sorties.err
