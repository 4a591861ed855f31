"""Property tests for deliberations.langue.formats.

Oracles are independent of our code: ``text_to_num.text2num`` reads the words
back, ``babel.numbers.parse_decimal`` reads the figure back. Both must give the
amount rounded half-up to the cent.

text2num 3.1 reads most 1990 forms as they are ("trois-cent-soixante-mille",
"vingt-et-un", "deux-cents millions") but not a numeral that starts with
dix-sept, dix-huit or dix-neuf before a hyphenated mille ("dix-sept-mille",
correct 1990 spelling of 17 000, is refused while "cent-dix-sept-mille" is
read). So the oracle reads 1990 forms with hyphens turned into spaces
("dix sept mille"); that the 1990 form has exactly the words of the
traditional one is checked separately (test_accords_de_vingt_et_cent). It
does not read "moins" either: the sign is split off by hand.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import parse_decimal
from hypothesis import given, settings
from hypothesis import strategies as st
from text_to_num import text2num

from deliberations.langue.formats import (
    montant,
    montant_en_lettres,
    nombre_en_lettres,
)

EUROS = {"euro", "euros", "d'euros"}
CENTIMES = {"centime", "centimes"}
NOMS = {"million", "millions", "milliard", "milliards"}


def lire_nombre(mots: str, orthographe: str = "traditionnelle") -> int:
    """Read a number in words with text2num (see the module docstring)."""
    if orthographe == "1990":
        mots = mots.replace("-", " ")
    return int(text2num(mots, "fr"))


def lire_lettres(texte: str, orthographe: str = "traditionnelle") -> Decimal:
    """Read an amount in words back to a Decimal, with text2num as oracle."""
    signe = 1
    if texte.startswith("moins "):
        signe, texte = -1, texte[len("moins ") :]
    mots = texte.split(" ")
    euros, centimes = 0, 0
    if EUROS & set(mots):
        i = next(k for k, mot in enumerate(mots) if mot in EUROS)
        euros = lire_nombre(" ".join(mots[:i]), orthographe)
        reste = mots[i + 1 :]
        if reste:
            assert reste[0] == "et" and reste[-1] in CENTIMES, texte
            centimes = lire_nombre(" ".join(reste[1:-1]), orthographe)
    else:
        assert mots[-1] in CENTIMES, texte
        centimes = lire_nombre(" ".join(mots[:-1]), orthographe)
    assert 0 <= centimes < 100
    return signe * (Decimal(euros) + Decimal(centimes) / 100)


def lire_chiffres(texte: str) -> Decimal:
    """Read a figure back with babel, after removing the currency sign."""
    assert texte.endswith("\xa0€"), repr(texte)
    assert " " not in texte, repr(texte)  # no plain space anywhere
    return parse_decimal(texte[: -len("\xa0€")], locale="fr_FR")


def demi_haut(valeur: Decimal) -> Decimal:
    """Reference rounding, written independently of formats.arrondir."""
    return valeur.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@st.composite
def montants_centimes(draw: st.DrawFn) -> Decimal:
    """Amounts from 0 to 10^12 euros with 0, 1 or 2 decimals."""
    cents = draw(st.integers(min_value=0, max_value=10**14))
    decimales = draw(st.sampled_from([0, 1, 2]))
    return Decimal(cents // 10 ** (2 - decimales)).scaleb(-decimales)


@st.composite
def montants_quatre_decimales(draw: st.DrawFn) -> Decimal:
    """Signed amounts with up to 4 decimals, dense around half cents."""
    unites = draw(
        st.one_of(
            # below 10^15 - 1 units: in words up to 999 999 milliards
            st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
            st.integers(min_value=-1000, max_value=1000).map(lambda k: k * 100 + 50),
        )
    )
    decimales = draw(st.sampled_from([0, 1, 2, 3, 4]))
    return Decimal(unites).scaleb(-decimales)


@settings(max_examples=400, deadline=None)
@given(montants_centimes(), st.sampled_from(["traditionnelle", "1990"]))
def test_lettres_et_chiffres_relus(valeur: Decimal, orthographe: str) -> None:
    attendu = demi_haut(valeur)
    lettres = montant_en_lettres(valeur, orthographe=orthographe)
    assert lire_lettres(lettres, orthographe) == attendu
    assert lire_chiffres(montant(valeur)) == attendu


@settings(max_examples=400, deadline=None)
@given(montants_quatre_decimales())
def test_chiffres_et_lettres_concordent(valeur: Decimal) -> None:
    chiffres = lire_chiffres(montant(valeur))
    assert lire_lettres(montant_en_lettres(valeur)) == chiffres
    assert chiffres == demi_haut(valeur)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_nombre_relu(n: int) -> None:
    assert lire_nombre(nombre_en_lettres(n)) == n
    assert lire_nombre(nombre_en_lettres(n, orthographe="1990"), "1990") == n


def _mots(texte: str) -> list[str]:
    return re.split(r"[ -]", texte)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_accords_de_vingt_et_cent(n: int) -> None:
    """Rule check on the words themselves: -s on multiplied vingt and cent only
    at the end of the numeral (end of text or before a noun), never otherwise;
    "et" and hyphens are the only difference between the two spellings."""
    mots = _mots(nombre_en_lettres(n))
    for i, mot in enumerate(mots):
        suivant = mots[i + 1] if i + 1 < len(mots) else None
        if mot in ("cents", "vingts"):
            assert suivant is None or suivant in NOMS, mots
        if mot in ("cent", "vingt") and i > 0 and mots[i - 1] in (
            "deux trois quatre cinq six sept huit neuf".split()
        ):
            assert suivant is not None and suivant not in NOMS, mots
        if mot == "mille" and i > 0 and mots[i - 1] == "un":
            # "vingt et un mille", "quatre-vingt-un mille", but never a bare
            # "un mille" (at the start, or after million/milliard).
            assert i >= 2 and mots[i - 2] not in NOMS, mots
    assert _mots(nombre_en_lettres(n, orthographe="1990")) == mots


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_feminin_ne_change_que_le_un_final(n: int) -> None:
    masculin = nombre_en_lettres(n)
    feminin = nombre_en_lettres(n, feminin=True)
    if _mots(masculin)[-1] == "un":
        assert feminin == masculin + "e"
    else:
        assert feminin == masculin


@settings(max_examples=500, deadline=None)
@given(centimes=st.integers(min_value=-(10**14), max_value=10**14), avec_centimes=st.booleans())
def test_montant_identique_a_babel(centimes: int, avec_centimes: bool) -> None:
    """montant() groups digits itself (for speed): it must write exactly what babel writes."""
    from babel.numbers import format_currency

    from deliberations.langue.formats import _FORMAT_CENTIMES, _FORMAT_EUROS, LOCALE, arrondir, montant

    valeur = Decimal(centimes) / 100
    attendu = format_currency(arrondir(valeur, centimes=avec_centimes), "EUR",
                              format=_FORMAT_CENTIMES if avec_centimes else _FORMAT_EUROS, locale=LOCALE,
                              currency_digits=False)
    assert montant(valeur, centimes=avec_centimes) == attendu
