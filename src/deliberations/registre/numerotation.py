"""Numbers of acts: a pattern per collectivité and type of act, and the ACTES number derived from it.

A pattern mixes text and tokens::

    {AAAA} {AA}   the year of the séance (4 or 2 digits)
    {MM} {JJ}     its month and day
    {rang}        the item's position in the ordre du jour
    {0} {00} {000}…  the counter, padded with zeros to the width given

The counter restarts each year (``remise="annuelle"``) or never
(``remise="jamais"``); it is kept in the register, which gives each value
once. The ACTES number (1 to 15 characters: digits, capitals, ``_``, no
``_`` at either end) is derived from the display number, or from its own
pattern.

>>> formater("DEL{AAAA}_{000}", date=dt.date(2024, 4, 2), rang=7, sequence=12)
'DEL2024_012'
>>> numero_actes("2024-04-012")
'2024_04_012'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from deliberations.erreurs import ErreurRegistre
from deliberations.model.actes import JETONS_DE_DATE as _DATES
from deliberations.model.actes import deriver_numero_actes, jetons_du_motif

Remise = Literal["annuelle", "jamais"]

_JETON = re.compile(r"\{([^{}]*)\}")
_COMPTEUR = re.compile(r"0+")


def _jetons(motif: str) -> list[str]:
    try:
        return jetons_du_motif(motif)
    except ValueError as exc:
        raise ErreurRegistre.de(str(exc)) from None


def a_un_compteur(motif: str) -> bool:
    return any(_COMPTEUR.fullmatch(j) for j in _jetons(motif))


def formater(motif: str, *, date: dt.date, rang: int, sequence: int) -> str:
    """The number ``motif`` gives to an act of the séance of ``date``, at ``rang``, with counter ``sequence``."""
    _jetons(motif)

    def remplacer(m: re.Match[str]) -> str:
        jeton = m.group(1)
        if jeton in _DATES:
            return date.strftime(_DATES[jeton])
        if jeton == "rang":
            return str(rang)
        return str(sequence).zfill(len(jeton))

    return _JETON.sub(remplacer, motif)


def sequence_de(motif: str, numero: str, *, date: dt.date, rang: int) -> int | None:
    """The counter value ``motif`` would have given ``numero`` (for the séance of ``date``), or None.

    >>> sequence_de("DEL{AAAA}_{000}", "DEL2023_014", date=dt.date(2023, 9, 14), rang=2)
    14
    >>> sequence_de("DEL{AAAA}_{000}", "06-04", date=dt.date(2023, 9, 14), rang=2) is None
    True
    """
    morceaux, fin, compteur = [], 0, False
    for m in _JETON.finditer(motif):
        morceaux.append(re.escape(motif[fin:m.start()]))
        jeton, fin = m.group(1), m.end()
        if jeton in _DATES:
            morceaux.append(re.escape(date.strftime(_DATES[jeton])))
        elif jeton == "rang":
            morceaux.append(str(rang))
        else:
            morceaux.append(rf"(\d{{{len(jeton)},}})")
            compteur = True
    morceaux.append(re.escape(motif[fin:]))
    trouve = re.fullmatch("".join(morceaux), numero) if compteur else None
    return int(trouve.group(1)) if trouve else None


def numero_actes(numero: str) -> str:
    """The ACTES number of a display number (:func:`~deliberations.model.actes.deriver_numero_actes`)."""
    try:
        return deriver_numero_actes(numero)
    except ValueError as exc:
        raise ErreurRegistre.de(str(exc)) from None


@dataclass(frozen=True)
class Numerotation:
    """How a collectivité numbers one type of act: the display pattern, when the counter restarts, the ACTES pattern."""

    motif: str = "{AAAA}-{000}"
    remise: Remise = "annuelle"
    motif_actes: str | None = None

    def __post_init__(self) -> None:
        _jetons(self.motif)
        if self.motif_actes is not None:
            _jetons(self.motif_actes)
        if self.remise not in ("annuelle", "jamais"):
            raise ErreurRegistre.de(f"remise à zéro « {self.remise} » inconnue : « annuelle » ou « jamais »")

    def periode(self, date: dt.date) -> str:
        """The counter's period: the year, or ``*`` when it never restarts."""
        return str(date.year) if self.remise == "annuelle" else "*"

    def numeros(self, *, date: dt.date, rang: int, sequence: int) -> tuple[str, str]:
        """(display number, ACTES number)."""
        numero = formater(self.motif, date=date, rang=rang, sequence=sequence)
        actes = formater(self.motif_actes, date=date, rang=rang, sequence=sequence) if self.motif_actes else numero
        return numero, numero_actes(actes)
