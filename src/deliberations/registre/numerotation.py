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
from deliberations.model.actes import deriver_numero_actes

Remise = Literal["annuelle", "jamais"]

_JETON = re.compile(r"\{([^{}]*)\}")
_DATES = {"AAAA": "%Y", "AA": "%y", "MM": "%m", "JJ": "%d"}
_COMPTEUR = re.compile(r"0+")


def _jetons(motif: str) -> list[str]:
    if not motif.strip():
        raise ErreurRegistre.de("motif de numérotation vide : donnez par exemple « DEL{AAAA}_{000} »")
    reste = _JETON.sub("", motif)
    if "{" in reste or "}" in reste:
        raise ErreurRegistre.de(f"motif de numérotation « {motif} » : accolade sans sa paire")
    jetons = _JETON.findall(motif)
    inconnus = [j for j in jetons if j not in _DATES and j != "rang" and not _COMPTEUR.fullmatch(j)]
    if inconnus:
        raise ErreurRegistre.de(
            f"motif de numérotation « {motif} » : {', '.join('{' + j + '}' for j in inconnus)} inconnu ; "
            "jetons permis : {AAAA}, {AA}, {MM}, {JJ}, {rang}, et le compteur {0}, {00}, {000}…")
    if sum(1 for j in jetons if _COMPTEUR.fullmatch(j)) > 1:
        raise ErreurRegistre.de(f"motif de numérotation « {motif} » : deux compteurs ; un seul est permis")
    return jetons


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
