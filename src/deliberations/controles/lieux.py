"""A finding's field path as a clerk reads it: « annexe 1, tableau 2, ligne 8, colonne « Montant » ».

The code path (``annexes[1].tableaux[2].lignes[8].montant``) stays what the
printed line and tools use; :func:`designation` is its reading, with the
column headings of the item when it is known.
"""

from __future__ import annotations

import re

from deliberations.model.objets import Point

_PARTIE = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")

#: how a key reads, alone (``objet``) or numbered (``propositions[2]`` → « proposition 2 »)
_NOMS = {
    "annexes": "annexe", "tableaux": "tableau", "lignes": "ligne", "colonnes": "colonne", "expose": "exposé, section",
    "paragraphes": "paragraphe", "liste": "élément", "propositions": "proposition", "visas": "visa",
    "considerants": "considérant", "totaux": "ligne des totaux", "repartition": "répartition", "base": "base",
    "formule": "formule", "valeurs": "valeur nommée", "seance": "séance", "signataire": "signataire",
    "dates": "dates", "vote": "vote", "resultat": "résultat", "titre": "titre", "texte": "texte", "verbe": "verbe",
    "objet": "objet", "numero": "numéro", "direction": "direction", "service": "service", "collectivite": "collectivité",
    "executoire": "caractère exécutoire", "publication": "publication", "affichage": "affichage",
    "notification": "notification", "date": "date", "nom": "nom", "qualite": "qualité", "instance": "instance",
}


def _parties(champ: str) -> list[tuple[str, list[int]]]:
    """``annexes[1].tableaux[2].montant`` → [("annexes", [1]), ("tableaux", [2]), ("montant", [])]."""
    chemin = champ.split(" (", 1)[0]  # a spreadsheet cell's « (feuille, colonne) » is not part of the path
    return [(m.group(1), [int(n) for n in re.findall(r"\d+", m.group(2))]) for m in _PARTIE.finditer(chemin)]


def designation(champ: str, point: object = None) -> str:
    """The field path ``champ`` (as :class:`~deliberations.erreurs.Lieu` writes it) in words.

    >>> designation("annexes[1].tableaux[2].lignes[8].montant")
    'annexe 1, tableau 2, ligne 8, colonne « montant »'
    >>> designation("expose[2].paragraphes[1]"), designation("valeurs.plafond"), designation("annexes[1].tableaux[1].totaux.acompte")
    ('exposé, section 2, paragraphe 1', 'valeur nommée « plafond »', 'annexe 1, tableau 1, ligne des totaux, colonne « acompte »')
    """
    parties = _parties(champ)
    mots: list[str] = []
    tableau = None
    for k, (nom, numeros) in enumerate(parties):
        precedent = parties[k - 1][0] if k else ""
        if precedent == "annexes" and nom == "tableaux" and isinstance(point, Point):
            try:
                tableau = point.annexes[parties[k - 1][1][0] - 1].tableaux[numeros[0] - 1]
            except (IndexError, AttributeError):
                tableau = None
        if precedent in ("lignes", "totaux") or (precedent == "tableaux" and nom not in _NOMS):
            entete = _entete(tableau, nom)
            mots.append(f"colonne « {entete} »")
        elif precedent == "valeurs":
            mots.append(f"« {nom} »")
        elif numeros:
            mots.append(" ".join([_NOMS.get(nom, nom), *map(str, numeros)]))
        else:
            mots.append(_NOMS.get(nom, nom))
    texte = ", ".join(mots)
    return texte.replace("valeur nommée, « ", "valeur nommée « ")


def _entete(tableau: object, nom: str) -> str:
    for colonne in getattr(tableau, "colonnes", None) or []:
        if colonne.nom == nom:
            return str(colonne.entete)
    return nom
