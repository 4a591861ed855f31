"""French typography: the table of correct French (before → after), then its properties.

The rules are those of the Lexique des règles typographiques en usage à
l'Imprimerie nationale (espaces insécables et fines) and of Word's French
autocorrection: a narrow no-break space (U+202F, « fine ») before ; ! ? and
inside « », a no-break space (U+00A0) before : and after the abbreviations
that go with what follows, digit groups held together.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXEMPLE, lignes_docx
from deliberations.langue.typographie import typographier

F = "\u202f"  # fine insécable
I = "\u00a0"  # espace insécable

TABLE = [
    # ponctuation haute
    ("je vous propose :", f"je vous propose{I}:"),
    ("DÉCIDE :", f"DÉCIDE{I}:"),
    ("Abstentions :", f"Abstentions{I}:"),
    ("à l'annexe 1 ;", f"à l'annexe 1{F};"),
    ("à l'annexe 1;", f"à l'annexe 1{F};"),
    ("Est-ce possible ?", f"Est-ce possible{F}?"),
    ("Adopté !", f"Adopté{F}!"),
    ("Vraiment ?!", f"Vraiment{F}?!"),
    (f"déjà insécable{I}:", f"déjà insécable{I}:"),
    # guillemets
    ("« Oui »", f"«{F}Oui{F}»"),
    ("«Oui»", f"«{F}Oui{F}»"),
    ("le « plan de relance » voté", f"le «{F}plan de relance{F}» voté"),
    # abréviations
    ("n° 2023-142", f"n°{I}2023-142"),
    ("N° 12", f"N°{I}12"),
    ("M. Dupont et Mme Martin", f"M.{I}Dupont et Mme{I}Martin"),
    ("MM. Durand et Petit", f"MM.{I}Durand et Petit"),
    ("l'art. L. 2121-29", f"l'art.{I}L. 2121-29"),
    ("Article 1er", f"Article{I}1er"),
    ("Article 2 :", f"Article{I}2{I}:"),
    # nombres et unités
    ("30 000 €", f"30{F}000{I}€"),
    ("1 234 567,89 €", f"1{F}234{F}567,89{I}€"),
    ("une subvention de 2 500 euros", f"une subvention de 2{F}500{I}euros"),
    ("20 %", f"20{I}%"),
    ("1,5 M€ et 300 k€", f"1,5{I}M€ et 300{I}k€"),
    ("à 14 h 30", f"à 14{I}h 30"),
    ("12 000 habitants", f"12{F}000 habitants"),
    # dates
    ("le 14 septembre 2023", f"le 14{I}septembre 2023"),
    ("le 1er janvier 2024", f"le 1er{I}janvier 2024"),
    ("le 3 Mars", f"le 3{I}Mars"),
    # espaces doubles
    ("deux  espaces", "deux espaces"),
    ("trois   espaces", "trois espaces"),
    # ce qui reste tel quel
    ("https://www.exemple.fr/a:b?c=1;d", "https://www.exemple.fr/a:b?c=1;d"),
    ("voir www.seine-saint-denis.fr : le site", f"voir www.seine-saint-denis.fr{I}: le site"),
    ("ecrire à greffe@exemple.fr ; merci", f"ecrire à greffe@exemple.fr{F}; merci"),
    ("délibération 2021-VII-24", "délibération 2021-VII-24"),
    ("ratio 3:2 et a;b", "ratio 3:2 et a;b"),
    ("10:30", "10:30"),
    ("en 2023 150 communes", "en 2023 150 communes"),
    ("", ""),
    ("sans rien", "sans rien"),
    ("ligne 1\nligne 2 :", f"ligne 1\nligne 2{I}:"),
]


@pytest.mark.parametrize("avant, apres", TABLE, ids=[a[:30] or "vide" for a, _ in TABLE])
def test_table(avant, apres):
    assert typographier(avant) == apres


@pytest.mark.parametrize("avant, style, apres", [
    ("l'acte d'engagement", "typographique", "l’acte d’engagement"),
    ("l’acte d'engagement", "droite", "l'acte d'engagement"),
    ("l’acte", "typographique", "l’acte"),
    ("'cité'", "typographique", "'cité'"),  # a quotation mark, not an apostrophe
])
def test_apostrophe(avant, style, apres):
    assert typographier(avant, apostrophe=style) == apres


_SANS = re.compile(r"[ \u00a0\u202f'’]")


@given(st.text(alphabet=st.sampled_from(list("ab1 2:;!?«»'’€%n°M.\u00a0\u202f\n0éh")), max_size=60))
def test_ne_change_que_espaces_et_apostrophes(texte):
    resultat = typographier(texte)
    assert _SANS.sub("", resultat) == _SANS.sub("", texte)
    assert typographier(resultat) == resultat  # idempotent


@given(st.text(max_size=80))
def test_lettres_et_chiffres_intacts(texte):
    resultat = typographier(texte, apostrophe="typographique")
    assert _SANS.sub("", resultat) == _SANS.sub("", texte)
    assert resultat.count("\n") == texte.count("\n")


def _donnees_exemple():
    from deliberations import load

    return load(EXEMPLE).model_dump(mode="json")


def test_le_rendu_compose_les_valeurs_sans_toucher_au_point(tmp_path):
    """Printed values are typeset; the item and what the checks compare are left as typed."""
    from deliberations import check, load, render

    point = load(EXEMPLE)
    avant = point.model_dump()
    rapport, deliberation = render(point, tmp_path)
    assert point.model_dump() == avant and not [f for f in check(point) if f.est_erreur]
    texte = "\n".join(lignes_docx(rapport) + lignes_docx(deliberation))
    assert f"Réunion du 14{I}septembre 2023" in texte and f"Délibération n°{I}06-04 du 14{I}septembre 2023" in texte
    assert re.search(r"\d \d{3}\b", texte) is None  # no breakable space inside a figure
    assert re.search(r"\S (?:€|%)", texte) is None  # nor before a currency or a percent sign


def test_apostrophe_typographique_choisie_par_la_collectivite(tmp_path):
    from deliberations import render, valider

    donnees = _donnees_exemple()
    donnees["collectivite"]["apostrophe"] = "typographique"
    _, deliberation = render(valider(donnees), tmp_path)
    texte = "\n".join(lignes_docx(deliberation))
    assert "APPROUVE l’adhésion au réseau Alliance Villes Emploi" in texte
    droite = _donnees_exemple()
    _, deliberation = render(valider(droite), tmp_path / "droite")
    assert "APPROUVE l'adhésion au réseau Alliance Villes Emploi" in "\n".join(lignes_docx(deliberation))
