"""What ACTES, the transmission to the préfecture, asks of an act that gives its ``actes:`` section.

- the matière belongs to the classification: the national one, unless the
  collectivité names its préfecture's file (then the transmission checks it,
  where the file is read);
- the ACTES number is given (``actes.numero``) or can be derived from the
  act's number (digits, capitals, ``_``, at most 15 characters).

Natures and number formats are the model's (:mod:`deliberations.model.actes`).
"""

from __future__ import annotations

from typing import Iterable

from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, erreur
from deliberations.model.actes import CLASSIFICATION_NATIONALE, Classification, deriver_numero_actes
from deliberations.model.objets import Point


def numero_actes_du_point(point: Point) -> str:
    """The act's ACTES number: its own, or derived from its number (:class:`ValueError` if it cannot be)."""
    if point.actes is not None and point.actes.numero:
        return point.actes.numero
    return deriver_numero_actes(point.numero)


def problemes_actes(point: Point, classification: Classification | None) -> Iterable[Finding]:
    """The ACTES findings of an item that has an ``actes:`` section; ``classification`` None skips the matière."""
    if point.actes is None:
        return
    lieu = origine(point).lieu
    matiere = point.actes.matiere
    if matiere is not None and classification is not None:
        probleme = classification.probleme(matiere)
        if probleme:
            yield erreur(lieu(("actes", "matiere")), probleme)
    if not point.actes.numero:
        try:
            deriver_numero_actes(point.numero)
        except ValueError as exc:
            yield erreur(lieu(("numero",)), str(exc))


def check_actes(point: Point) -> Iterable[Finding]:
    """ACTES: a known matière (national classification unless the préfecture's file is named), a valid number."""
    sans_fichier = point.collectivite.classification is None
    yield from problemes_actes(point, CLASSIFICATION_NATIONALE if sans_fichier else None)
