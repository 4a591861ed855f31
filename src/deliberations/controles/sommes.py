"""Amounts written in prose; a sum that announces a table: « soit la somme de 125 000 euros répartie comme suit ».

The amount announced must be the total of the table it introduces: a table
of the annex the sentence names (« … en annexe 2 »), else of the annex the
sentence is written in, else of any annex of the item.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from deliberations.calcul.references import sans_references
from deliberations.calcul.tableaux import TableauCalcule, tableaux
from deliberations.calcul.valeurs import textes
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, erreur
from deliberations.langue import formats
from deliberations.model.objets import Point

_NOMBRE = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+"
_MONTANT_PROSE = re.compile(
    rf"(?<![\d,.])({_NOMBRE})(?:,(\d{{1,2}}))?[ \u00a0\u202f]?(k€|M€|€|euros?\b|EUR\b)", re.IGNORECASE
)
_MONTANT = rf"(?<![\d,.])(?:{_NOMBRE})(?:,\d{{1,2}})?[ \u00a0\u202f]?(?:k€|M€|€|euros?\b|EUR\b)"
_ANNONCE = re.compile(
    rf"({_MONTANT})[^.;:]{{0,80}}?\b(?:répartie?s?|ventilée?s?|décomposée?s?|détaillée?s?)\b[^.;]{{0,40}}?"
    rf"(?:comme suit|ainsi|de la (?:manière|façon) suivante|selon le tableau|ci-dessous|ci-après|en annexe(?:\s+(\d+))?)",
    re.IGNORECASE,
)


def montants_ecrits(texte: str) -> list[tuple[Decimal, str]]:
    """Amounts written as figures in a text, with what was written.

    >>> [str(v) for v, _ in montants_ecrits("jusqu'à 30 000 € au lieu de 15 000,50 euros, 147 k€")]
    ['30000', '15000.50', '147000']
    """
    trouves = []
    for m in _MONTANT_PROSE.finditer(texte):
        entier = re.sub(r"[ \u00a0\u202f.]", "", m.group(1))
        valeur = Decimal(entier + ("." + m.group(2) if m.group(2) else ""))
        unite = m.group(3).lower()
        if unite == "k€":
            valeur *= 1000
        elif unite == "m€":
            valeur *= 1_000_000
        trouves.append((valeur, m.group(0)))
    return trouves


def sommes_annoncees(texte: str) -> list[tuple[str, int | None]]:
    """The amounts a text announces as broken down by a table: (amount as written, annex named or None).

    >>> sommes_annoncees("soit la somme de 125 000 euros répartie comme suit")
    [('125 000 euros', None)]
    >>> sommes_annoncees("un total de 30 000 € ventilé par bénéficiaire en annexe 2")
    [('30 000 €', 2)]
    >>> sommes_annoncees("une aide de 15 000 € versée en deux fois")
    []
    """
    return [(m.group(1), int(m.group(2)) if m.group(2) else None) for m in _ANNONCE.finditer(texte)]


def _totaux(tableau: TableauCalcule) -> list[tuple[str, Decimal]]:
    """The amount totals of a table, with their column's heading."""
    colonnes = {c.nom: c for c in tableau.tableau.colonnes}
    return [(colonnes[n].entete, Decimal(v)) for n, v in tableau.totaux.items()
            if n in colonnes and colonnes[n].type == "montant"]


def check_sommes_annoncees(point: Point) -> Iterable[Finding]:
    """A sum announced in prose (« … répartie comme suit ») is the total of the table it introduces."""
    annexes = tableaux(point)
    for chemin, texte in textes(point):
        for ecrit, numero in sommes_annoncees(sans_references(texte)):
            ((valeur, _),) = montants_ecrits(ecrit)
            lieu = origine(point).lieu(chemin)
            if numero is not None and not 1 <= numero <= len(annexes):
                yield erreur(lieu, f"« {ecrit} » renvoie à l'annexe {numero}, qui n'existe pas "
                             f"({'une seule annexe' if len(annexes) == 1 else f'{len(annexes)} annexes'})")
                continue
            if numero is not None:
                candidates = [numero - 1]
            elif chemin[0] == "annexes":
                candidates = [int(chemin[1])]
            else:
                candidates = list(range(len(annexes)))
            totaux = [(i, entete, t) for i in candidates for tableau in annexes[i] for entete, t in _totaux(tableau)]
            if not totaux or any(formats.arrondir(t) == formats.arrondir(valeur) for _, _, t in totaux):
                continue
            lus = " ; ".join(f"annexe {i + 1}, « {entete} » : {formats.montant(t)}" for i, entete, t in totaux[:4])
            yield erreur(lieu, f"« {ecrit} » annonce le total d'un tableau, mais aucun tableau ne fait ce total ({lus})")
