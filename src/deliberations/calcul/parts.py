"""Shares of a base (financing plans): a rate as printed, an amount as its share.

Exact arithmetic on fractions, rounded once, half-up (see
:mod:`deliberations.langue.decimaux`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from deliberations.langue import decimaux


def decimales(part: Decimal) -> int:
    """How many decimals a rate is printed with: ``14.6`` → 1, ``20`` → 0, ``20.0`` → 1.

    >>> decimales(Decimal("14.6")), decimales(Decimal("20")), decimales(Decimal("33.33"))
    (1, 0, 2)
    """
    exposant = part.as_tuple().exponent
    return max(0, -exposant) if isinstance(exposant, int) else 0


def taux(montant: Decimal, base: Decimal, chiffres: int) -> Decimal:
    """The rate of ``montant`` in ``base``, in percent, rounded half-up to ``chiffres`` decimals.

    >>> str(taux(Decimal("180000"), Decimal("1234567.89"), 1))
    '14.6'
    """
    return decimaux.arrondir_fraction(Fraction(montant) * 100 / Fraction(base), decimales=chiffres)


def part_de(base: Decimal, part: Decimal) -> Decimal:
    """``part`` percent of ``base``, rounded half-up to the cent.

    >>> str(part_de(Decimal("147000"), Decimal("21")))
    '30870.00'
    """
    return decimaux.arrondir_fraction(Fraction(base) * Fraction(part) / 100)
