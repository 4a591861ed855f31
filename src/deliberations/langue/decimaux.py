r"""Decimal money: reading an amount, the one rounding rule, exact sums, the largest amount.

Money is a :class:`~decimal.Decimal`, never a ``float``. An amount is rounded
once, half-up (away from zero on a half) to the cent, here and nowhere else;
:mod:`deliberations.langue.formats` writes figures and words of the rounded
value, so they always agree.

Arithmetic never loses a digit to the default 28-digit context: :func:`somme`
adds with as many digits as its terms need, and :func:`arrondir_fraction`
rounds an exact :class:`~fractions.Fraction` (what a table formula computes)
straight to the cent, with no intermediate rounding:

>>> somme([Decimal("9999999999999999999999999999.99"), Decimal("0.01")])
Decimal('10000000000000000000000000000.00')
>>> arrondir_fraction(Fraction(1, 200))
Decimal('0.01')

The largest amount the library accepts is :data:`MONTANT_MAX`
(999 999 999 999 999,99 €, just under a million milliards): the largest that
can still be written in words (« neuf cent quatre-vingt-dix-neuf mille neuf
cent quatre-vingt-dix-neuf milliards … »).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext
from fractions import Fraction
from typing import Final, Iterable, TypeAlias

__all__ = ["MONTANT_MAX", "LIMITE_MONTANT", "arrondir", "arrondir_fraction", "en_decimal", "somme", "trop_grand"]

Montant: TypeAlias = "Decimal | int | str"

_CENT: Final = Decimal("0.01")
_EURO: Final = Decimal("1")

#: amounts (typed or computed) must stay strictly below this: 10^15 €, a million milliards
LIMITE_MONTANT: Final = Decimal(10) ** 15
#: the largest amount accepted, written in figures and in words
MONTANT_MAX: Final = LIMITE_MONTANT - _CENT
#: what rounds to LIMITE_MONTANT or more
_SEUIL: Final = Fraction(LIMITE_MONTANT) - Fraction(1, 200)

_SEPARATEURS = " \xa0\u202f"
_MONTANT_RE: Final = re.compile(
    r"(?P<signe>[-+\u2212])?"
    r"(?P<entier>[0-9]{1,3}(?:[\x20\xa0\u202f][0-9]{3})+|[0-9]+)"
    r"(?:[.,](?P<fraction>[0-9]+))?"
    r"(?:[\x20\xa0\u202f]?€)?"
)


def trop_grand(valeur: Decimal | Fraction | int) -> bool:
    """Whether an amount is beyond :data:`MONTANT_MAX` (in absolute value, after rounding to the cent).

    >>> trop_grand(Decimal("999999999999999.99")), trop_grand(Decimal("999999999999999.995")), trop_grand(-10**15)
    (False, True, True)
    """
    if isinstance(valeur, Decimal):
        if not valeur.is_finite() or valeur.adjusted() > 15:
            return True
        if valeur.adjusted() < 14:  # without building the fraction of 1E-999999
            return False
    exact = Fraction(valeur) if not isinstance(valeur, Fraction) else valeur
    return abs(exact) >= _SEUIL


def somme(valeurs: Iterable[Decimal | int]) -> Decimal:
    """The exact sum of amounts, whatever their number of digits.

    >>> somme([Decimal("0.10"), 2, Decimal("1E+30")])
    Decimal('1000000000000000000000000000002.10')
    >>> somme([])
    Decimal('0')
    """
    termes = [v if isinstance(v, Decimal) else Decimal(v) for v in valeurs]
    if not termes:
        return Decimal(0)
    haut = max((t.adjusted() for t in termes if t), default=0)
    bas = min(int(t.as_tuple().exponent) for t in termes)
    with localcontext() as contexte:
        # enough digits for the largest term's first digit down to the smallest unit, plus the carries
        contexte.prec = max(28, haut - bas + len(str(len(termes))) + 2)
        total = Decimal(0)
        for terme in termes:
            total += terme
    return total


def arrondir_fraction(valeur: Fraction, *, decimales: int = 2) -> Decimal:
    """Round an exact fraction half-up (away from zero on a half) to ``decimales`` places.

    This is the rounding of :func:`arrondir`, done on the exact value, so that
    ``x / 7 * 7`` rounds as ``x`` does:

    >>> arrondir_fraction(Fraction(5, 1000) / 7 * 7), arrondir_fraction(Fraction(-1, 3)), arrondir_fraction(Fraction(7, 2), decimales=0)
    (Decimal('0.01'), Decimal('-0.33'), Decimal('4'))
    """
    echelle = 10**decimales
    quotient, reste = divmod(abs(valeur.numerator) * echelle, valeur.denominator)
    if 2 * reste >= valeur.denominator:
        quotient += 1
    signe = "-" if valeur < 0 and quotient else ""
    return Decimal(f"{signe}{quotient}E-{decimales}")  # built from text: exact, whatever the context




def en_decimal(valeur: Montant) -> Decimal:
    r"""Return `valeur` as a finite :class:`~decimal.Decimal`.

    Accepts a ``Decimal``, an ``int`` or a decimal string written the French
    or the Python way, with plain, no-break or narrow no-break spaces between
    groups of thousands and an optional ``€``:

    >>> en_decimal("15 000,00 €")
    Decimal('15000.00')
    >>> en_decimal("2,345"), en_decimal("15000.00"), en_decimal(15000)
    (Decimal('2.345'), Decimal('15000.00'), Decimal('15000'))

    A ``float`` (or ``bool``) raises :class:`TypeError`: money never passes
    through binary floating point, where 1.005 is 1.00499999999999989…

    >>> en_decimal(1.005)
    Traceback (most recent call last):
    ...
    TypeError: montant en virgule flottante refusé : 1.005 ; donner un Decimal, un entier ou une chaîne (ex. '1,005')

    An unreadable string, NaN or an infinity raises :class:`ValueError`:

    >>> en_decimal("abc")
    Traceback (most recent call last):
    ...
    ValueError: montant illisible : « abc »
    """
    return _en_decimal(valeur, "montant")


def _en_decimal(valeur: object, quoi: str) -> Decimal:
    """Convert `valeur` to a finite Decimal; `quoi` names it in messages."""
    if isinstance(valeur, bool):
        raise TypeError(f"{quoi} attendu (Decimal, entier ou chaîne), reçu : booléen {valeur!r}")
    if isinstance(valeur, float):
        raise TypeError(
            f"{quoi} en virgule flottante refusé : {valeur!r} ; "
            f"donner un Decimal, un entier ou une chaîne (ex. {str(valeur).replace('.', ',')!r})"
        )
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise ValueError(f"{quoi} illisible : « {valeur} »")
        return valeur
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, str):
        return _lire_decimal(valeur, quoi)
    raise TypeError(f"{quoi} attendu (Decimal, entier ou chaîne), reçu : {type(valeur).__name__}")


def _lire_decimal(texte: str, quoi: str) -> Decimal:
    """Parse a French or Python decimal string, refusing anything ambiguous."""
    trouve = _MONTANT_RE.fullmatch(texte.strip())
    if trouve is None:
        raise ValueError(f"{quoi} illisible : « {texte} »")
    signe = "-" if trouve["signe"] in ("-", "\u2212") else ""
    entier = "".join(c for c in trouve["entier"] if c not in _SEPARATEURS)
    fraction = trouve["fraction"]
    return Decimal(f"{signe}{entier}.{fraction}" if fraction else f"{signe}{entier}")


def _arrondir_demi_haut(nombre: Decimal, pas: Decimal) -> Decimal:
    """Round half-up (away from zero on a half) to `pas`; never return -0."""
    if nombre.adjusted() + 4 <= getcontext().prec:  # the common case: no local context to set up
        resultat = nombre.quantize(pas, rounding=ROUND_HALF_UP)
    else:
        with localcontext() as contexte:
            # quantize fails when the result has more digits than the precision.
            contexte.prec = nombre.adjusted() + 4
            resultat = nombre.quantize(pas, rounding=ROUND_HALF_UP)
    return resultat.copy_abs() if resultat.is_zero() else resultat


def arrondir(valeur: Montant, *, centimes: bool = True) -> Decimal:
    r"""Round an amount half-up to the cent, or to the euro.

    This is the one place money is rounded: :func:`montant` and
    :func:`montant_en_lettres` both call it, so the figure and the words of
    an amount agree. Halves round away from zero, whereas babel alone would
    round half to even (0,125 → 0,12):

    >>> arrondir("0,125"), arrondir("2.345"), arrondir("-2.345")
    (Decimal('0.13'), Decimal('2.35'), Decimal('-2.35'))
    >>> arrondir("999999.995")
    Decimal('1000000.00')
    >>> arrondir("146999.50", centimes=False)
    Decimal('147000')

    A negative amount that rounds to nothing is zero, not minus zero:

    >>> arrondir("-0.004")
    Decimal('0.00')
    """
    return _arrondir_demi_haut(en_decimal(valeur), _CENT if centimes else _EURO)
