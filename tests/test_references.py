"""References to computed values in prose: ${…}."""

from __future__ import annotations

import pytest

from deliberations import contexte, valider
from deliberations.calcul.references import Typee, resoudre, sans_references
from exemples import point_minimal


def test_nombre_de_lignes_et_valeurs_nommees() -> None:
    c = contexte(valider(point_minimal()))
    assert c["expose"][0]["paragraphes"][0]["texte"] == "Un total de 2 structures."
    assert c["propositions"][0] == "D'AUTORISER le versement des acomptes plafonnés à 15\u202f000\xa0euros ;"
    assert c["decisions"][0]["texte"] == "AUTORISE le versement des acomptes plafonnés à 15\u202f000\xa0euros ;"


@pytest.mark.parametrize("reference, attendu", [
    ("${annexe1.total.total}", "60\u202f000,00\xa0€"),
    ("${annexe1.total.acompte | lettres}", "trente mille euros"),
    ("${annexe1.ligne2.structure}", "Ville de Bagnolet"),
    ("${annexe1.ligne2.total}", "30\u202f000,00\xa0€"),
    ("${annexe1.tableau1.lignes | lettres}", "deux"),
    ("${annexe1.lignes | lettres_feminin}", "deux"),
    ("${valeurs.plafond | sans_centimes}", "15\u202f000\xa0€"),
    ("${seance.date}", "14 septembre 2023"),
    ("${seance.date | jour_semaine}", "jeudi 14 septembre 2023"),
    ("${numero}", "06-04"),
    ("$${pas une référence}", "${pas une référence}"),
])
def test_references(reference: str, attendu: str) -> None:
    donnees = point_minimal(expose=[{"paragraphes": [f"[{reference}]"]}])
    assert contexte(valider(donnees))["expose"][0]["paragraphes"][0]["texte"] == f"[{attendu}]"


def test_la_prose_n_est_jamais_du_code() -> None:
    texte = "{{ 7*7 }} {% if x %} ${valeurs.a}"
    assert resoudre(texte, lambda chemin: Typee("texte", "{{ 8*8 }}")) == "{{ 7*7 }} {% if x %} {{ 8*8 }}"


def test_sans_references() -> None:
    assert sans_references("à ${valeurs.plafond} et $${x}") == "à   et ${x}"
