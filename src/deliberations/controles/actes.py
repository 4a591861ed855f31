"""What ACTES, the transmission to the préfecture, asks of an act that gives its ``actes:`` section.

- the matière belongs to the classification: the national one, unless the
  collectivité names its préfecture's file (then the transmission checks it,
  where the file is read);
- the ACTES number is given (``actes.numero``) or can be derived from the
  act's number (digits, capitals, ``_``, at most 15 characters).

Natures and number formats are the model's (:mod:`deliberations.model.actes`).
"""

from __future__ import annotations

import re
from typing import Iterable

from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, erreur
from deliberations.langue import formats
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


#: the identifier ACTES gives back: DDD-SIREN-AAAAMMJJ-NUMERO-NATURE (département on 3 characters, 02A for Corse)
IDENTIFIANT = re.compile(r"(?P<dep>\d{3}|0\d[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<numero>[A-Z0-9_]{1,15})-"
                         r"(?P<nature>[A-Z]{2})")


def check_mentions(point: Point) -> Iterable[Finding]:
    """Transmission on or after the séance, reception on or after it, an identifier that is this act's."""
    dates, seance = point.dates, point.seance.date
    lieu = origine(point).lieu
    if dates.transmission and dates.transmission < seance:
        yield erreur(lieu(("dates", "transmission")), f"transmission au représentant de l'État le "
                     f"{formats.date_longue(dates.transmission)}, avant la séance du {formats.date_longue(seance)}")
    for champ, quoi in (("reception", "reçu en préfecture"), ("identifiant_actes", "identifiant ACTES donné")):
        if getattr(dates, champ) and not dates.transmission:
            yield erreur(lieu(("dates", champ)), f"{quoi} sans date de transmission (dates.transmission)")
    if dates.reception and dates.transmission and dates.reception < dates.transmission:
        yield erreur(lieu(("dates", "reception")), f"reçu en préfecture le {formats.date_longue(dates.reception)}, "
                     f"avant sa transmission le {formats.date_longue(dates.transmission)}")
    if dates.identifiant_actes:
        yield from _identifiant(point, dates.identifiant_actes)


def _identifiant(point: Point, identifiant: str) -> Iterable[Finding]:
    lieu = origine(point).lieu(("dates", "identifiant_actes"))
    trouve = IDENTIFIANT.fullmatch(identifiant.strip())
    if trouve is None:
        yield erreur(lieu, f"identifiant ACTES « {identifiant} » illisible : il s'écrit "
                           "DDD-SIREN-AAAAMMJJ-NUMERO-NATURE, par exemple 093-229300082-20230914-06_04-DE")
        return
    seance = point.seance.date
    if trouve["date"] != f"{seance:%Y%m%d}":
        yield erreur(lieu, f"identifiant ACTES « {identifiant} » : sa date ({trouve['date']}) n'est pas celle de la "
                           f"décision, le {formats.date_longue(seance)} ({seance:%Y%m%d})")
    try:
        numero = numero_actes_du_point(point)
    except ValueError:
        numero = None
    if numero and trouve["numero"] != numero:
        yield erreur(lieu, f"identifiant ACTES « {identifiant} » : son numéro ({trouve['numero']}) n'est pas celui "
                           f"de l'acte ({numero})")
    nature = point.actes.nature if point.actes else "DE"
    if trouve["nature"] != nature:
        yield erreur(lieu, f"identifiant ACTES « {identifiant} » : sa nature ({trouve['nature']}) n'est pas celle de "
                           f"l'acte ({nature})")
    siret = point.collectivite.siret
    if siret and trouve["siren"] != siret[:9]:
        yield erreur(lieu, f"identifiant ACTES « {identifiant} » : son SIREN ({trouve['siren']}) n'est pas celui du "
                           f"SIRET de la collectivité ({siret[:9]})")
