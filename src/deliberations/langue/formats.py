r"""French formatting: amounts in figures and in words, numbers, dates,
percentages and ordinals.

Money is rounded in one place, :func:`arrondir` (half-up to the cent, in
:mod:`deliberations.langue.decimaux`, re-exported here). Every amount goes
through it before babel writes the figure or num2words the words, so the two
always agree:

>>> montant("2,345"), montant_en_lettres("2,345")
('2,35\xa0€', 'deux euros et trente-cinq centimes')

Figures use French typography: U+202F (narrow no-break space) between groups
of thousands, U+00A0 (no-break space) before ``€`` and ``%``. Doctests show
strings with ``repr`` so those spaces are visible.

Amounts are ``Decimal``, ``int`` or strings, never ``float``. num2words is
used for integer cardinals only (``num2words(n, lang='fr')``, whose output
agrees with the traditional rules for every value below 10^12); euros,
centimes, "d'euros", the feminine and the 1990 spelling are built here,
because its ``to='currency'`` mode reads an ``int`` as cents, never writes
"d'euros", writes "zéro euros" and always appends "et zéro centimes".
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal
from typing import Final, TypeAlias

from babel.dates import format_date
from babel.numbers import (
    format_currency,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)
from num2words import num2words

from deliberations.langue.decimaux import (
    _CENT,
    LIMITE_MONTANT,
    MONTANT_MAX,
    _arrondir_demi_haut,
    _en_decimal,
    arrondir,
    en_decimal,
)

__all__ = [
    "MONTANT_MAX",
    "ORTHOGRAPHES",
    "arrondir",
    "date_longue",
    "en_decimal",
    "montant",
    "montant_en_lettres",
    "nombre_en_lettres",
    "ordinal",
    "pourcentage",
]

Montant: TypeAlias = "Decimal | int | str"
Date: TypeAlias = "datetime.date | str"

LOCALE: Final = "fr_FR"

#: Accepted values of the ``orthographe`` keyword.
ORTHOGRAPHES: Final = ("traditionnelle", "1990")

NNBSP: Final = "\u202f"  # narrow no-break space, thousands separator
NBSP: Final = "\xa0"  # no-break space, before € and %


# Formats given explicitly rather than taken from the locale's default, so a
# CLDR update cannot change the published figures unnoticed.
_FORMAT_CENTIMES: Final = "#,##0.00\xa0¤"
_FORMAT_EUROS: Final = "#,##0\xa0¤"
_FORMAT_POURCENTAGE: Final = "#,##0.##"

# Numbers are written in words up to 999 999 milliards. From 10^12 on, the
# count of milliards is written as a number ("mille milliards", "trois mille
# milliards"), as French public finance does, rather than num2words' "un
# billion", which readers confuse with the English billion.
_LIMITE_LETTRES: Final = int(LIMITE_MONTANT)
_MILLIARD: Final = 10**9

# Million and milliard are nouns, not numeral adjectives: they take an -s,
# they let a preceding vingt/cent keep its -s ("deux cents millions") and they
# call for "de" before the noun they count ("un million d'euros").
_NOMS: Final = frozenset({"million", "millions", "milliard", "milliards"})

_DATE_ISO_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def montant(valeur: Montant, *, centimes: bool = True) -> str:
    r"""Format an amount in euros, French style.

    >>> montant(15000)
    '15\u202f000,00\xa0€'
    >>> montant("147 000", centimes=False)
    '147\u202f000\xa0€'
    >>> montant("0,125"), montant("-5")
    ('0,13\xa0€', '-5,00\xa0€')

    Readably, with the no-break spaces shown as plain ones:

    >>> montant("1234567.891").replace('\u202f', ' ').replace('\xa0', ' ')
    '1 234 567,89 €'

    The amount is rounded half-up by :func:`arrondir` first (to the euro with
    ``centimes=False``), so babel never rounds it. A negative amount starts
    with a hyphen-minus (U+002D), as babel writes it for ``fr_FR``.
    """
    arrondi = arrondir(valeur, centimes=centimes)
    groupe, decimale, moins, suffixe = _symboles_montant()
    entier, _, fraction = f"{arrondi.copy_abs():f}".partition(".")
    tete = len(entier) % 3 or 3
    resultat = groupe.join([entier[:tete], *(entier[k:k + 3] for k in range(tete, len(entier), 3))])
    resultat += (decimale + fraction if fraction else "") + suffixe
    return moins + resultat if arrondi.is_signed() and not arrondi.is_zero() else resultat


@functools.lru_cache(maxsize=1)
def _symboles_montant() -> tuple[str, str, str, str]:
    """The locale's group and decimal symbols, minus sign and currency suffix, read once from babel.

    :func:`montant` groups digits itself with them: calling babel's
    ``format_currency`` for every cell (≈ 80 µs) dominated the rendering of
    large annexes. ``tests/test_formats_property.py`` checks that both agree.
    """
    zero = format_currency(Decimal(0), "EUR", format=_FORMAT_EUROS, locale=LOCALE, currency_digits=False)
    return get_group_symbol(LOCALE), get_decimal_symbol(LOCALE), get_minus_sign_symbol(LOCALE), zero[1:]


def pourcentage(valeur: Montant) -> str:
    r"""Format a value given in percent, with at most two decimals.

    Rounds half-up to two decimals and writes no padding zero:

    >>> pourcentage(21), pourcentage("19.50"), pourcentage("33.335")
    ('21\xa0%', '19,5\xa0%', '33,34\xa0%')
    >>> pourcentage(100).replace('\xa0', ' ')
    '100 %'

    Accepts the same inputs as :func:`en_decimal` (no ``float``).
    """
    nombre = _arrondir_demi_haut(_en_decimal(valeur, "pourcentage"), _CENT)
    return f"{format_decimal(nombre, format=_FORMAT_POURCENTAGE, locale=LOCALE)}{NBSP}%"


def nombre(n: int | Decimal | str) -> str:
    r"""Format a whole number with French digit grouping (narrow no-break space).

    >>> nombre(12500), nombre(999), nombre(-4500)
    ('12\u202f500', '999', '-4\u202f500')
    """
    entier = _entier(en_decimal(n) if isinstance(n, str) else n)
    groupe, _, moins, _ = _symboles_montant()
    chiffres = str(abs(entier))
    texte = groupe.join(chiffres[max(0, k - 3):k] for k in range(len(chiffres), 0, -3)[::-1])
    return moins + texte if entier < 0 else texte


def ordinal(n: int, *, feminin: bool = False) -> str:
    """Write a rank as an abbreviated French ordinal.

    >>> ordinal(1), ordinal(1, feminin=True), ordinal(2), ordinal(21), ordinal(100)
    ('1er', '1re', '2e', '21e', '100e')

    Only the first has a masculine and a feminine form; "2me", "2ème" and
    "21ème" are not the French abbreviations.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"rang entier attendu, reçu : {type(n).__name__}")
    if n < 1:
        raise ValueError(f"rang strictement positif attendu, reçu : {n}")
    if n == 1:
        return "1re" if feminin else "1er"
    return f"{n}e"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def _en_date(d: object) -> datetime.date:
    """Return `d` as a date; accepts date, datetime and 'AAAA-MM-JJ'."""
    if isinstance(d, datetime.datetime):
        return d.date()
    if isinstance(d, datetime.date):
        return d
    if isinstance(d, str):
        texte = d.strip()
        if _DATE_ISO_RE.fullmatch(texte) is None:
            raise ValueError(f"date illisible : « {d} » (format attendu : AAAA-MM-JJ)")
        try:
            return datetime.date.fromisoformat(texte)
        except ValueError:
            raise ValueError(f"date impossible : « {d} »") from None
    raise TypeError(f"date attendue (datetime.date ou chaîne AAAA-MM-JJ), reçu : {type(d).__name__}")


def date_longue(d: Date, *, jour_semaine: bool = False) -> str:
    """Write a date in full, French style, "1er" for the first of the month.

    >>> date_longue("2023-09-14")
    '14 septembre 2023'
    >>> import datetime
    >>> date_longue(datetime.date(1988, 12, 1))
    '1er décembre 1988'

    With ``jour_semaine=True`` the weekday is computed from the date, never
    typed, so it cannot contradict it:

    >>> date_longue("2023-09-01", jour_semaine=True)
    'vendredi 1er septembre 2023'
    """
    jour = _en_date(d)
    quantieme = ordinal(1) if jour.day == 1 else str(jour.day)
    texte = f"{quantieme} {format_date(jour, 'MMMM', locale=LOCALE)} {jour.year}"
    if jour_semaine:
        return f"{format_date(jour, 'EEEE', locale=LOCALE)} {texte}"
    return texte


# ---------------------------------------------------------------------------
# Numbers and amounts in words
# ---------------------------------------------------------------------------


def _verifier_orthographe(orthographe: str) -> None:
    if orthographe not in ORTHOGRAPHES:
        raise ValueError(
            f"orthographe inconnue : {orthographe!r} (attendu : 'traditionnelle' ou '1990')"
        )


def _entier(n: object) -> int:
    """Return `n` as an int; accepts int and integral Decimal."""
    if isinstance(n, bool):
        raise TypeError(f"nombre entier attendu (int ou Decimal), reçu : booléen {n!r}")
    if isinstance(n, int):
        return n
    if isinstance(n, Decimal):
        if not n.is_finite() or n != n.to_integral_value():
            raise ValueError(f"nombre entier attendu, reçu : {n!r}")
        return int(n)
    raise TypeError(f"nombre entier attendu (int ou Decimal), reçu : {type(n).__name__}")


def _cardinal(n: int) -> str:
    """Traditional spelling of 0 <= n < 10^15.

    num2words is right for every n below 10^12 (checked against an
    independent speller for 0..1 200 000 and 200 000 random values); above,
    the milliards are counted in words instead of its "billion".
    """
    if n >= _LIMITE_LETTRES:
        raise ValueError(
            f"nombre trop grand pour être écrit en lettres : {n} "
            f"(au plus 999 999 milliards)"
        )
    milliards, reste = divmod(n, _MILLIARD)
    if milliards < 1000:
        return str(num2words(n, lang="fr"))
    # "mille milliards", "deux cent mille milliards": mille is an adjective,
    # so num2words' spelling of the count is already agreed.
    tete = f"{num2words(milliards, lang='fr')} milliards"
    return f"{tete} {num2words(reste, lang='fr')}" if reste else tete


def _feminin(mots: str) -> str:
    """Make a final "un" agree with a feminine noun: "vingt et une voix".

    Only the last word changes: "un" before mille stays ("vingt et un mille
    voix"), and "un million" stays, million being a masculine noun.
    """
    if mots == "un" or mots.endswith((" un", "-un")):
        return f"{mots}e"
    return mots


def _rectifier_1990(mots: str) -> str:
    """Apply the 1990 rectifications: hyphens between all numerals.

    The rule (Rapport du Conseil supérieur de la langue française, Journal
    officiel, 6 December 1990, part II, rule 1) joins "les numéraux formant un
    nombre complexe", with the official example "sept-cent-mille-trois-cent-
    vingt-et-un". Million and milliard are nouns, not numerals, so the rule
    does not reach them: no hyphen on either side ("deux-cents millions",
    "un million cinq-cent-mille"). This is the reading of Le Bon Usage
    (Grevisse), as quoted at question-orthographe.fr ("on considère que
    million et milliard ne sont pas des numéraux au sens du 1 ci-dessus mais
    des noms ... pas de trait d'union avant et après million et milliard"),
    and of sophieviguiercorrectrice.com ("ils prennent la marque du pluriel
    mais pas les traits d'union ... deux-cents millions"). Some teaching
    material (RENOUVO's Grand vadémécum) hyphenates them too; we follow the
    text of the rule. The -s agreement of vingt and cent is unchanged.
    """
    morceaux: list[str] = []
    numeraux: list[str] = []
    for mot in mots.split(" "):
        if mot in _NOMS:
            if numeraux:
                morceaux.append("-".join(numeraux))
                numeraux = []
            morceaux.append(mot)
        else:
            numeraux.append(mot)
    if numeraux:
        morceaux.append("-".join(numeraux))
    return " ".join(morceaux)


def _orthographier(n: int, *, feminin: bool, orthographe: str) -> str:
    """Spell 0 <= n < 10^15 with the given gender and spelling."""
    mots = _cardinal(n)
    if feminin:
        mots = _feminin(mots)
    if orthographe == "1990":
        mots = _rectifier_1990(mots)
    return mots


def nombre_en_lettres(
    n: int | Decimal, *, feminin: bool = False, orthographe: str = "traditionnelle"
) -> str:
    """Write an integer in French words.

    Vingt and cent take an -s when multiplied and ending the number; mille
    is an invariable adjective, million and milliard are nouns:

    >>> nombre_en_lettres(80), nombre_en_lettres(80000), nombre_en_lettres(80000000)
    ('quatre-vingts', 'quatre-vingt mille', 'quatre-vingts millions')
    >>> nombre_en_lettres(200), nombre_en_lettres(201), nombre_en_lettres(200000)
    ('deux cents', 'deux cent un', 'deux cent mille')
    >>> nombre_en_lettres(71), nombre_en_lettres(-21)
    ('soixante et onze', 'moins vingt et un')

    ``feminin=True`` makes a final "un" agree ("vingt et une voix"), but not
    the noun million:

    >>> nombre_en_lettres(21, feminin=True), nombre_en_lettres(1000000, feminin=True)
    ('vingt et une', 'un million')

    ``orthographe="1990"`` gives the rectified spelling (hyphens between all
    numerals, none around the nouns million and milliard):

    >>> nombre_en_lettres(1200360021, orthographe="1990")
    'un milliard deux-cents millions trois-cent-soixante-mille-vingt-et-un'

    `n` is an ``int`` or an integral ``Decimal``; anything else is refused.
    """
    entier = _entier(n)
    _verifier_orthographe(orthographe)
    mots = _orthographier(abs(entier), feminin=feminin, orthographe=orthographe)
    return f"moins {mots}" if entier < 0 else mots


def _avec_unite(nombre: int, unite: str, orthographe: str) -> str:
    """Spell `nombre` followed by `unite` (euro or centime), agreed.

    Below two the unit is singular ("zéro euro", "un centime"); after a round
    number of millions or milliards it takes "de" ("deux millions d'euros").
    """
    mots = _orthographier(nombre, feminin=False, orthographe=orthographe)
    if nombre < 2:
        return f"{mots} {unite}"
    if mots.rsplit(" ", 1)[-1] in _NOMS:
        return f"{mots} d'{unite}s"
    return f"{mots} {unite}s"


def montant_en_lettres(valeur: Montant, *, orthographe: str = "traditionnelle") -> str:
    """Write an amount in euros in French words.

    >>> montant_en_lettres(15000), montant_en_lettres(2000000)
    ('quinze mille euros', "deux millions d'euros")
    >>> montant_en_lettres(1500000)
    'un million cinq cent mille euros'
    >>> montant_en_lettres("1.01"), montant_en_lettres("0.50"), montant_en_lettres(0)
    ('un euro et un centime', 'cinquante centimes', 'zéro euro')

    The amount is rounded half-up to the cent by :func:`arrondir`, exactly as
    :func:`montant` rounds it:

    >>> montant_en_lettres("999999.995")
    "un million d'euros"

    ``orthographe="1990"`` gives the rectified spelling:

    >>> montant_en_lettres(360000, orthographe="1990")
    'trois-cent-soixante-mille euros'
    """
    _verifier_orthographe(orthographe)
    arrondi = arrondir(valeur)
    absolu = arrondi.copy_abs()
    euros = int(absolu)
    if euros >= _LIMITE_LETTRES:
        raise ValueError(
            f"montant trop grand pour être écrit en lettres : {montant(arrondi)} "
            f"(au plus 999 999 milliards d'euros)"
        )
    centimes = int((absolu - euros) * 100)
    parties = []
    if euros or not centimes:
        parties.append(_avec_unite(euros, "euro", orthographe))
    if centimes:
        parties.append(_avec_unite(centimes, "centime", orthographe))
    texte = " et ".join(parties)
    return f"moins {texte}" if arrondi < 0 else texte
