"""Dates: visas before the séance, publication after it, weekdays written in prose that match their date.

A date in prose is read with its year in figures (« le jeudi 14 septembre
2023 ») or, as a préambule writes it, in words before the day (« L'an deux
mille vingt-trois, le vendredi 06 février »).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from deliberations.calcul.references import sans_references
from deliberations.calcul.valeurs import textes
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, Lieu, avertissement, erreur
from deliberations.langue import formats
from deliberations.model.objets import Point, Visa, VisaTexte


def _lieu(point: Point, *chemin: str | int) -> Lieu:
    return origine(point).lieu(tuple(chemin))


def _mots(texte: str) -> str:
    return re.sub(r"[\s\-\u00a0]+", " ", texte.lower().replace("’", "'")).strip()



_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre"]
_JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_DATE_PROSE = re.compile(
    rf"(?:\b({'|'.join(_JOURS)})\s+)?\b(1er|\d{{1,2}})\s+({'|'.join(_MOIS)})\s+(\d{{4}})\b", re.IGNORECASE
)


# « L'an deux mille vingt-trois, le vendredi 06 février » : the year in words before the day
# « L'an deux mille vingt-trois, le vendredi 06 février », « … et le treize avril » : the year in words
# before the day, the day in figures or in words
_JOURS_DU_MOIS = {_mots(formats.nombre_en_lettres(n, orthographe=o)): n
                  for n in range(1, 32) for o in formats.ORTHOGRAPHES}
_JOURS_DU_MOIS["premier"] = 1
_JOUR_EN_LETTRES = "|".join(sorted((re.escape(m).replace("\\ ", r"[\s\-]+") for m in _JOURS_DU_MOIS),
                                   key=len, reverse=True))
_AN_EN_LETTRES = re.compile(
    rf"\bl['’]an\s+([a-zé\s\-]+?)\s*(?:,|\s+et)?\s+le\s+(?:({'|'.join(_JOURS)})\s+)?"
    rf"(1er|\d{{1,2}}|(?:{_JOUR_EN_LETTRES})(?![\w\-]))\s+({'|'.join(_MOIS)})\b(?!\s+\d{{4}})", re.IGNORECASE
)


def _annees_en_lettres() -> dict[str, int]:
    """Years 1900–2199 as written in words (both spellings), hyphens read as spaces."""
    return {_mots(formats.nombre_en_lettres(a, orthographe=o)): a
            for a in range(1900, 2200) for o in formats.ORTHOGRAPHES}


_ANNEES: dict[str, int] = {}


def dates_ecrites(texte: str) -> list[tuple[dt.date | None, str | None, str]]:
    """Dates written in words: (date or None if impossible, weekday typed, text).

    The year is in figures after the month, or in words before the day, as a
    préambule writes it:

    >>> [(str(d), j) for d, j, _ in dates_ecrites("le jeudi 14 septembre 2023 et le 1er juillet 2021")]
    [('2023-09-14', 'jeudi'), ('2021-07-01', None)]
    >>> [(str(d), j) for d, j, _ in dates_ecrites("L'an deux mille vingt-trois, le vendredi 06 février")]
    [('2023-02-06', 'vendredi')]
    >>> [(str(d), j) for d, j, _ in dates_ecrites("L’an deux mille vingt-trois et le jeudi treize avril, à dix-huit heures")]
    [('2023-04-13', 'jeudi')]
    """
    trouves = []
    for m in _DATE_PROSE.finditer(texte):
        trouves.append(_date(int(m.group(4)), m.group(3), m.group(2), m.group(1), m.group(0)))
    if not _ANNEES:
        _ANNEES.update(_annees_en_lettres())
    for m in _AN_EN_LETTRES.finditer(texte):
        annee = _ANNEES.get(_mots(m.group(1)))
        if annee is not None:
            trouves.append(_date(annee, m.group(4), m.group(3), m.group(2), m.group(0)))
    return trouves


def _date(annee: int, mois_ecrit: str, jour_ecrit: str, semaine: str | None, texte: str
          ) -> tuple[dt.date | None, str | None, str]:
    jour = 1 if jour_ecrit.lower() == "1er" else (int(jour_ecrit) if jour_ecrit.isdigit()
                                                   else _JOURS_DU_MOIS[_mots(jour_ecrit)])
    try:
        date: dt.date | None = dt.date(annee, _MOIS.index(mois_ecrit.lower()) + 1, jour)
    except ValueError:
        date = None
    return date, semaine.lower() if semaine else None, texte


def check_dates(point: Point) -> Iterable[Finding]:
    """Visas before the séance; publication, notification, exécutoire on or after it;
    weekdays written in prose match their date; no impossible date in prose."""
    seance = point.seance.date
    visas = [*((("collectivite", "visas", i), v) for i, v in enumerate(point.collectivite.visas)),
             *((("visas", i), v) for i, v in enumerate(point.visas))]
    for chemin, visa in visas:
        date = visa.date if isinstance(visa, (Visa, VisaTexte)) else None
        lieu = _lieu(point, *chemin)
        if date and date > seance:
            yield erreur(_lieu(point, *chemin, "date"), f"visa daté du {formats.date_longue(date)}, après la séance du {formats.date_longue(seance)}")
        texte = visa if isinstance(visa, str) else (visa.texte if isinstance(visa, VisaTexte) else (visa.titre or ""))
        if isinstance(visa, Visa) and visa.nature == "délibération":
            continue
        for date_ecrite, _, ecrit in dates_ecrites(texte)[:1]:  # the visa's own date comes first
            if date_ecrite and date_ecrite > seance and not isinstance(visa, Visa):
                yield erreur(lieu, f"visa daté « {ecrit} », après la séance du {formats.date_longue(seance)}")
    libelles = {"affichage": "d'affichage", "publication": "de publication", "notification": "de notification",
                "executoire": "exécutoire"}
    for champ, libelle in libelles.items():
        date = getattr(point.dates, champ)
        if date and date < seance:
            yield erreur(_lieu(point, "dates", champ),
                         f"date {libelle} ({formats.date_longue(date)}) avant la séance du {formats.date_longue(seance)}")
    mise_en_ligne = point.dates.publication or point.dates.affichage
    if point.dates.executoire and mise_en_ligne and point.dates.executoire < mise_en_ligne:
        yield avertissement(_lieu(point, "dates", "executoire"),
                            "l'acte devient exécutoire après sa publication ou son affichage")
    for chemin, texte in textes(point):
        for date, jour, ecrit in dates_ecrites(sans_references(texte)):
            if date is None:
                yield erreur(_lieu(point, *chemin), f"date impossible : « {ecrit} »")
            elif jour and _JOURS[date.weekday()] != jour:
                yield erreur(_lieu(point, *chemin),
                             f"« {ecrit} » : le {formats.date_longue(date)} est un {_JOURS[date.weekday()]}")
