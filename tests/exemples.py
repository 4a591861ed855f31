"""Small valid items for tests, built in Python (no YAML), to mutate per test."""

from __future__ import annotations

import copy
from typing import Any

COLLECTIVITE: dict[str, Any] = {
    "nom": "Département de la Seine-Saint-Denis",
    "assemblee": "Conseil départemental",
    "tribunal_administratif": "Montreuil",
}


def point_minimal(**changes: Any) -> dict[str, Any]:
    """A complete, consistent item; keyword arguments replace top-level keys."""
    donnees: dict[str, Any] = {
        "collectivite": copy.deepcopy(COLLECTIVITE),
        "numero": "06-04",
        "seance": {"instance": "commission permanente", "date": "2023-09-14"},
        "direction": "Direction Europe International",
        "objet": "FACILITATION DES CLAUSES SOCIALES",
        "valeurs": {"plafond": "15 000 €"},
        "expose": [{"titre": "Contexte", "paragraphes": ["Un total de ${annexe1.lignes} structures."]}],
        "propositions": [
            {"verbe": "autoriser", "texte": "le versement des acomptes plafonnés à ${valeurs.plafond | euros}"},
            {"verbe": "approuver", "texte": "l'adhésion au réseau"},
        ],
        "signataire": {"qualite": "la vice-présidente", "nom": "Mélissa Youssouf"},
        "annexes": [{
            "titre": "STRUCTURES",
            "tableaux": [{
                "colonnes": [
                    {"nom": "structure", "titre": "Nom de la structure"},
                    {"nom": "acompte", "type": "montant"},
                    {"nom": "solde", "type": "montant"},
                    {"nom": "total", "type": "montant", "formule": "acompte + solde"},
                ],
                "lignes": [
                    ["Ville de Pantin", "15000", "15000", "30000"],
                    ["Ville de Bagnolet", "15000", "15000"],
                ],
                "totaux": {"acompte": "30 000,00 €", "solde": "30000", "total": "60000"},
            }],
        }],
    }
    donnees.update(copy.deepcopy(changes))
    return donnees
