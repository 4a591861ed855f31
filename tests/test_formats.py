"""Table tests for deliberations.langue.formats.

Every expected string below was written from the rules of French spelling
and typography (Grevisse, Le Bon Usage; Académie française; rectifications
of 1990 published in the Journal officiel of 6 December 1990), not copied
from the code's output.

Spaces are compared exactly: ``NNBSP`` (U+202F, narrow no-break space) groups
thousands, ``NBSP`` (U+00A0, no-break space) precedes ``€`` and ``%``. A plain
space anywhere in a figure must fail these tests.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from deliberations.langue.formats import (
    arrondir,
    date_longue,
    en_decimal,
    montant,
    montant_en_lettres,
    nombre_en_lettres,
    ordinal,
    pourcentage,
)

NNBSP = "\u202f"  # narrow no-break space: thousands separator
NBSP = "\xa0"  # no-break space: before € and %


def fig(text: str) -> str:
    """Spell an expected figure readably: '_' is U+202F, '~' is U+00A0."""
    return text.replace("_", NNBSP).replace("~", NBSP)


# ---------------------------------------------------------------------------
# nombre_en_lettres, traditional spelling
# Rules: hyphens only between elements below one hundred, except where "et"
# joins them; "et" only in 21, 31, 41, 51, 61, 71; vingt and cent take an -s
# when multiplied and ending the numeral adjective; mille is an invariable
# adjective (so "quatre-vingt mille", "deux cent mille"), million and milliard
# are nouns (so "quatre-vingts millions", "deux cents millions") and take -s.
# ---------------------------------------------------------------------------

CARDINAUX = [
    (0, "zéro"),
    (1, "un"),
    (2, "deux"),
    (10, "dix"),
    (11, "onze"),
    (16, "seize"),
    (17, "dix-sept"),
    (19, "dix-neuf"),
    (20, "vingt"),
    (21, "vingt et un"),
    (22, "vingt-deux"),
    (30, "trente"),
    (31, "trente et un"),
    (41, "quarante et un"),
    (51, "cinquante et un"),
    (61, "soixante et un"),
    (70, "soixante-dix"),
    (71, "soixante et onze"),
    (72, "soixante-douze"),
    (77, "soixante-dix-sept"),
    (79, "soixante-dix-neuf"),
    (80, "quatre-vingts"),
    (81, "quatre-vingt-un"),
    (82, "quatre-vingt-deux"),
    (90, "quatre-vingt-dix"),
    (91, "quatre-vingt-onze"),
    (99, "quatre-vingt-dix-neuf"),
    (100, "cent"),
    (101, "cent un"),
    (110, "cent dix"),
    (121, "cent vingt et un"),
    (171, "cent soixante et onze"),
    (180, "cent quatre-vingts"),
    (181, "cent quatre-vingt-un"),
    (200, "deux cents"),
    (201, "deux cent un"),
    (220, "deux cent vingt"),
    (280, "deux cent quatre-vingts"),
    (300, "trois cents"),
    (999, "neuf cent quatre-vingt-dix-neuf"),
    (1000, "mille"),
    (1001, "mille un"),
    (1100, "mille cent"),
    (1200, "mille deux cents"),
    (1980, "mille neuf cent quatre-vingts"),
    (2000, "deux mille"),
    (2024, "deux mille vingt-quatre"),
    (10000, "dix mille"),
    (21000, "vingt et un mille"),
    (80000, "quatre-vingt mille"),
    (80080, "quatre-vingt mille quatre-vingts"),
    (81000, "quatre-vingt-un mille"),
    (100000, "cent mille"),
    (200000, "deux cent mille"),
    (200200, "deux cent mille deux cents"),
    (201000, "deux cent un mille"),
    (280000, "deux cent quatre-vingt mille"),
    (1000000, "un million"),
    (1000001, "un million un"),
    (2000000, "deux millions"),
    (21000000, "vingt et un millions"),
    (80000000, "quatre-vingts millions"),
    (81000000, "quatre-vingt-un millions"),
    (100000000, "cent millions"),
    (200000000, "deux cents millions"),
    (201000000, "deux cent un millions"),
    (280000000, "deux cent quatre-vingts millions"),
    (1000000000, "un milliard"),
    (2000000000, "deux milliards"),
    (80000000000, "quatre-vingts milliards"),
    (200000000000, "deux cents milliards"),
    (1200000000, "un milliard deux cents millions"),
    (
        999999999,
        "neuf cent quatre-vingt-dix-neuf millions "
        "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
    ),
    # 10^12 is written "mille milliards", as French public finance does
    # ("la dette dépasse trois mille milliards d'euros"), not "un billion".
    (1000000000000, "mille milliards"),
    (200000000000000, "deux cent mille milliards"),
    (-1, "moins un"),
    (-80, "moins quatre-vingts"),
    (-21000, "moins vingt et un mille"),
]


@pytest.mark.parametrize(("n", "attendu"), CARDINAUX)
def test_nombre_en_lettres(n: int, attendu: str) -> None:
    assert nombre_en_lettres(n) == attendu


# Feminine: only a final "un" becomes "une" ("vingt et une voix"); "un" before
# mille stays ("vingt et un mille voix"), and "un million" stays because
# million is a masculine noun.
FEMININS = [
    (1, "une"),
    (21, "vingt et une"),
    (31, "trente et une"),
    (61, "soixante et une"),
    (71, "soixante et onze"),
    (81, "quatre-vingt-une"),
    (101, "cent une"),
    (1001, "mille une"),
    (2, "deux"),
    (0, "zéro"),
    (21000, "vingt et un mille"),
    (1000000, "un million"),
    (21000000, "vingt et un millions"),
]


@pytest.mark.parametrize(("n", "attendu"), FEMININS)
def test_nombre_en_lettres_feminin(n: int, attendu: str) -> None:
    assert nombre_en_lettres(n, feminin=True) == attendu


# 1990 rectifications: hyphens between all numerals, "et" included; million
# and milliard are nouns, not numerals, so no hyphen on either side of them
# (J.O. 6 déc. 1990, rule II.1; Le Bon Usage). Agreement rules unchanged.
CARDINAUX_1990 = [
    (17, "dix-sept"),
    (21, "vingt-et-un"),
    (71, "soixante-et-onze"),
    (80, "quatre-vingts"),
    (101, "cent-un"),
    (102, "cent-deux"),
    (132, "cent-trente-deux"),
    (200, "deux-cents"),
    (201, "deux-cent-un"),
    (271, "deux-cent-soixante-et-onze"),
    (1000, "mille"),
    (2000, "deux-mille"),
    (80000, "quatre-vingt-mille"),
    (200000, "deux-cent-mille"),
    (360000, "trois-cent-soixante-mille"),
    # The example of the official text: "sept-cent-mille-trois-cent-vingt-et-un".
    (700321, "sept-cent-mille-trois-cent-vingt-et-un"),
    (1000000, "un million"),
    (2000000, "deux millions"),
    (200000000, "deux-cents millions"),
    (1500000, "un million cinq-cent-mille"),
    (1200000000, "un milliard deux-cents millions"),
    (8143051, "huit millions cent-quarante-trois-mille-cinquante-et-un"),
    (1000000000000, "mille milliards"),
    (2000000000000, "deux-mille milliards"),
    (-21, "moins vingt-et-un"),
]


@pytest.mark.parametrize(("n", "attendu"), CARDINAUX_1990)
def test_nombre_en_lettres_1990(n: int, attendu: str) -> None:
    assert nombre_en_lettres(n, orthographe="1990") == attendu


def test_nombre_en_lettres_1990_feminin() -> None:
    assert nombre_en_lettres(21, feminin=True, orthographe="1990") == "vingt-et-une"


def test_nombre_en_lettres_decimal_entier() -> None:
    assert nombre_en_lettres(Decimal("15")) == "quinze"
    assert nombre_en_lettres(Decimal("15.00")) == "quinze"


@pytest.mark.parametrize("n", [Decimal("15.5"), Decimal("0.1"), Decimal("NaN"), Decimal("Infinity")])
def test_nombre_en_lettres_refuse_non_entier(n: Decimal) -> None:
    with pytest.raises(ValueError, match="entier"):
        nombre_en_lettres(n)


@pytest.mark.parametrize("n", [15.0, True, "15", None])
def test_nombre_en_lettres_refuse_type(n: object) -> None:
    with pytest.raises(TypeError):
        nombre_en_lettres(n)  # type: ignore[arg-type]


def test_nombre_en_lettres_trop_grand() -> None:
    with pytest.raises(ValueError, match="trop grand"):
        nombre_en_lettres(10**15)


def test_orthographe_inconnue() -> None:
    with pytest.raises(ValueError, match="orthographe inconnue"):
        nombre_en_lettres(21, orthographe="moderne")
    with pytest.raises(ValueError, match="orthographe inconnue"):
        montant_en_lettres(21, orthographe="1991")


# ---------------------------------------------------------------------------
# montant_en_lettres
# "de" before euros after a round number of millions or milliards ("un million
# d'euros", but "un million cinq cent mille euros"); euro and centime in the
# singular below two; zero is "zéro euro"; centimes alone are not preceded by
# "zéro euro et".
# ---------------------------------------------------------------------------

MONTANTS_EN_LETTRES = [
    (15000, "quinze mille euros"),
    (1000000, "un million d'euros"),
    (2000000, "deux millions d'euros"),
    (1500000, "un million cinq cent mille euros"),
    (2300000, "deux millions trois cent mille euros"),
    (0, "zéro euro"),
    ("1.01", "un euro et un centime"),
    ("0.50", "cinquante centimes"),
    ("0.01", "un centime"),
    ("0.02", "deux centimes"),
    ("15000.50", "quinze mille euros et cinquante centimes"),
    (2000000000, "deux milliards d'euros"),
    (1200000000, "un milliard deux cents millions d'euros"),
    ("1000000.50", "un million d'euros et cinquante centimes"),
    (1, "un euro"),
    (2, "deux euros"),
    (80, "quatre-vingts euros"),
    (82, "quatre-vingt-deux euros"),
    (80000, "quatre-vingt mille euros"),
    (80000000, "quatre-vingts millions d'euros"),
    (200, "deux cents euros"),
    (201, "deux cent un euros"),
    (200000, "deux cent mille euros"),
    (200000000, "deux cents millions d'euros"),
    (21, "vingt et un euros"),
    ("21.21", "vingt et un euros et vingt et un centimes"),
    ("71.71", "soixante et onze euros et soixante et onze centimes"),
    (91, "quatre-vingt-onze euros"),
    (1000, "mille euros"),
    (1001000, "un million mille euros"),
    (1000080, "un million quatre-vingts euros"),
    (147000, "cent quarante-sept mille euros"),
    (163000, "cent soixante-trois mille euros"),
    (492441, "quatre cent quatre-vingt-douze mille quatre cent quarante et un euros"),
    ("-5.50", "moins cinq euros et cinquante centimes"),
    (10**12, "mille milliards d'euros"),
    (3 * 10**12, "trois mille milliards d'euros"),
    ("15 000,00 €", "quinze mille euros"),
    # Rounding, half-up to the cent, identical to montant():
    ("2.345", "deux euros et trente-cinq centimes"),
    ("0.125", "treize centimes"),
    ("0.005", "un centime"),
    ("0.004", "zéro euro"),
    ("999999.995", "un million d'euros"),
    ("1.005", "un euro et un centime"),
]


@pytest.mark.parametrize(("valeur", "attendu"), MONTANTS_EN_LETTRES)
def test_montant_en_lettres(valeur: object, attendu: str) -> None:
    v = Decimal(valeur) if isinstance(valeur, str) and "€" not in valeur else valeur
    assert montant_en_lettres(v) == attendu  # type: ignore[arg-type]


MONTANTS_EN_LETTRES_1990 = [
    (360000, "trois-cent-soixante-mille euros"),
    (21, "vingt-et-un euros"),
    (71, "soixante-et-onze euros"),
    (2000, "deux-mille euros"),
    (80000, "quatre-vingt-mille euros"),
    (1500000, "un million cinq-cent-mille euros"),
    (200000000, "deux-cents millions d'euros"),
    (1200000000, "un milliard deux-cents millions d'euros"),
    ("15000.50", "quinze-mille euros et cinquante centimes"),
    ("21.21", "vingt-et-un euros et vingt-et-un centimes"),
    (0, "zéro euro"),
    (1, "un euro"),
]


@pytest.mark.parametrize(("valeur", "attendu"), MONTANTS_EN_LETTRES_1990)
def test_montant_en_lettres_1990(valeur: object, attendu: str) -> None:
    v = Decimal(valeur) if isinstance(valeur, str) else valeur
    assert montant_en_lettres(v, orthographe="1990") == attendu  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# montant (figures)
# ---------------------------------------------------------------------------

MONTANTS = [
    (15000, "15_000,00~€"),
    (Decimal("15000"), "15_000,00~€"),
    (Decimal("0"), "0,00~€"),
    (Decimal("1"), "1,00~€"),
    (Decimal("999"), "999,00~€"),
    (Decimal("1000"), "1_000,00~€"),
    (Decimal("147000"), "147_000,00~€"),
    (Decimal("1234567.89"), "1_234_567,89~€"),
    (Decimal("2000000000"), "2_000_000_000,00~€"),
    ("15 000,00 €", "15_000,00~€"),
    # Half-up rounding at every half cent (babel alone would round half-even).
    (Decimal("0.005"), "0,01~€"),
    (Decimal("0.015"), "0,02~€"),
    (Decimal("0.025"), "0,03~€"),
    (Decimal("0.125"), "0,13~€"),
    (Decimal("2.345"), "2,35~€"),
    (Decimal("1.005"), "1,01~€"),
    (Decimal("0.004"), "0,00~€"),
    (Decimal("0.0049"), "0,00~€"),
    (Decimal("999999.995"), "1_000_000,00~€"),
    (Decimal("999999.994"), "999_999,99~€"),
    # Negative amounts use babel's hyphen-minus (U+002D); halves round away
    # from zero; a negative amount rounding to zero is shown as zero.
    (Decimal("-5"), "-5,00~€"),
    (Decimal("-2.345"), "-2,35~€"),
    (Decimal("-15000"), "-15_000,00~€"),
    (Decimal("-0.004"), "0,00~€"),
]


@pytest.mark.parametrize(("valeur", "attendu"), MONTANTS)
def test_montant(valeur: object, attendu: str) -> None:
    assert montant(valeur) == fig(attendu)  # type: ignore[arg-type]


MONTANTS_SANS_CENTIMES = [
    (Decimal("147000"), "147_000~€"),
    (Decimal("146999.50"), "147_000~€"),
    (Decimal("146999.49"), "146_999~€"),
    (Decimal("0.5"), "1~€"),
    (Decimal("2.5"), "3~€"),
    (Decimal("1.49"), "1~€"),
    (Decimal("-2.5"), "-3~€"),
    (Decimal("0"), "0~€"),
]


@pytest.mark.parametrize(("valeur", "attendu"), MONTANTS_SANS_CENTIMES)
def test_montant_sans_centimes(valeur: Decimal, attendu: str) -> None:
    assert montant(valeur, centimes=False) == fig(attendu)


def test_montant_espaces_exactes() -> None:
    # A plain space or a single kind of no-break space must not pass.
    assert montant(15000) != "15 000,00 €"
    assert montant(15000) != "15\xa0000,00\xa0€"
    assert montant(15000) != "15\u202f000,00\u202f€"
    assert montant(15000) == "15\u202f000,00\xa0€"


def test_montant_et_lettres_concordent_sur_l_arrondi() -> None:
    assert montant(Decimal("2.345")) == fig("2,35~€")
    assert montant_en_lettres(Decimal("2.345")) == "deux euros et trente-cinq centimes"


# ---------------------------------------------------------------------------
# arrondir
# ---------------------------------------------------------------------------

ARRONDIS = [
    (Decimal("0.005"), True, Decimal("0.01")),
    (Decimal("0.015"), True, Decimal("0.02")),
    (Decimal("0.125"), True, Decimal("0.13")),
    (Decimal("2.345"), True, Decimal("2.35")),
    (Decimal("1.005"), True, Decimal("1.01")),
    (Decimal("0.004"), True, Decimal("0.00")),
    (Decimal("999999.995"), True, Decimal("1000000.00")),
    (Decimal("-2.345"), True, Decimal("-2.35")),
    (Decimal("15000"), True, Decimal("15000.00")),
    (15000, True, Decimal("15000.00")),
    ("2,345", True, Decimal("2.35")),
    (Decimal("2.5"), False, Decimal("3")),
    (Decimal("3.5"), False, Decimal("4")),
    (Decimal("146999.50"), False, Decimal("147000")),
    (Decimal("0.49"), False, Decimal("0")),
]


@pytest.mark.parametrize(("valeur", "centimes", "attendu"), ARRONDIS)
def test_arrondir(valeur: object, centimes: bool, attendu: Decimal) -> None:
    resultat = arrondir(valeur, centimes=centimes)  # type: ignore[arg-type]
    assert resultat == attendu
    # Same exponent too: two decimals to the cent, none to the euro.
    assert resultat.as_tuple().exponent == attendu.as_tuple().exponent


def test_arrondir_zero_negatif() -> None:
    resultat = arrondir(Decimal("-0.004"))
    assert resultat == 0
    assert not resultat.is_signed()


def test_arrondir_tres_grand_montant() -> None:
    grand = Decimal("123456789012345678901234567890.125")
    assert arrondir(grand) == Decimal("123456789012345678901234567890.13")


# ---------------------------------------------------------------------------
# en_decimal
# ---------------------------------------------------------------------------

DECIMAUX = [
    (Decimal("15000"), Decimal("15000")),
    (15000, Decimal("15000")),
    (-5, Decimal("-5")),
    ("15000", Decimal("15000")),
    ("15000.00", Decimal("15000.00")),
    ("2,345", Decimal("2.345")),
    ("15 000,00", Decimal("15000.00")),
    ("15\xa0000,00", Decimal("15000.00")),
    ("15\u202f000,00", Decimal("15000.00")),
    ("15 000,00 €", Decimal("15000.00")),
    ("15\u202f000,00\xa0€", Decimal("15000.00")),
    ("1 000 000", Decimal("1000000")),
    ("  42  ", Decimal("42")),
    ("-5,00", Decimal("-5.00")),
    ("-5,00\xa0€", Decimal("-5.00")),
]


@pytest.mark.parametrize(("valeur", "attendu"), DECIMAUX)
def test_en_decimal(valeur: object, attendu: Decimal) -> None:
    resultat = en_decimal(valeur)  # type: ignore[arg-type]
    assert isinstance(resultat, Decimal)
    assert resultat == attendu


@pytest.mark.parametrize("valeur", [0.1, 15000.0, 1.005, True, False, None, [1], b"15"])
def test_en_decimal_refuse_type(valeur: object) -> None:
    with pytest.raises(TypeError):
        en_decimal(valeur)  # type: ignore[arg-type]


def test_en_decimal_message_float() -> None:
    with pytest.raises(TypeError, match="virgule flottante"):
        en_decimal(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "valeur",
    [
        "abc",
        "",
        "   ",
        "15,000.00",  # two different separators: ambiguous
        "1 50,00",  # bad grouping
        "15 000,",
        "12 €34",
        "1e5",
        "NaN",
        "Infinity",
        "--5",
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
    ],
)
def test_en_decimal_refuse_illisible(valeur: object) -> None:
    with pytest.raises(ValueError):
        en_decimal(valeur)  # type: ignore[arg-type]


def test_en_decimal_message_illisible() -> None:
    with pytest.raises(ValueError) as erreur:
        en_decimal("abc")
    assert str(erreur.value) == "montant illisible : « abc »"


@pytest.mark.parametrize("fonction", [montant, montant_en_lettres, arrondir])
def test_fonctions_monetaires_refusent_float(fonction: object) -> None:
    with pytest.raises(TypeError):
        fonction(2.345)  # type: ignore[operator]


# ---------------------------------------------------------------------------
# date_longue
# ---------------------------------------------------------------------------

MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@pytest.mark.parametrize(("mois", "nom"), list(enumerate(MOIS, start=1)))
def test_date_longue_premier_du_mois(mois: int, nom: str) -> None:
    assert date_longue(datetime.date(2024, mois, 1)) == f"1er {nom} 2024"


DATES = [
    (datetime.date(1988, 12, 1), "1er décembre 1988"),
    (datetime.date(2023, 9, 14), "14 septembre 2023"),
    (datetime.date(2023, 1, 2), "2 janvier 2023"),
    (datetime.date(2023, 1, 11), "11 janvier 2023"),
    (datetime.date(2023, 1, 21), "21 janvier 2023"),
    (datetime.date(2023, 1, 31), "31 janvier 2023"),
    (datetime.date(2024, 2, 29), "29 février 2024"),
    (datetime.datetime(2023, 9, 14, 18, 30), "14 septembre 2023"),
    ("2023-09-14", "14 septembre 2023"),
    ("2023-08-01", "1er août 2023"),
]


@pytest.mark.parametrize(("d", "attendu"), DATES)
def test_date_longue(d: object, attendu: str) -> None:
    assert date_longue(d) == attendu  # type: ignore[arg-type]


# Weekdays checked against known calendar facts.
JOURS = [
    (datetime.date(2023, 9, 14), "jeudi 14 septembre 2023"),
    (datetime.date(2023, 9, 1), "vendredi 1er septembre 2023"),
    (datetime.date(2024, 2, 29), "jeudi 29 février 2024"),
    (datetime.date(2024, 1, 1), "lundi 1er janvier 2024"),
    (datetime.date(2000, 1, 1), "samedi 1er janvier 2000"),
    (datetime.date(1789, 7, 14), "mardi 14 juillet 1789"),
    (datetime.date(1918, 11, 11), "lundi 11 novembre 1918"),
    (datetime.date(1945, 5, 8), "mardi 8 mai 1945"),
    (datetime.date(1969, 7, 20), "dimanche 20 juillet 1969"),
    (datetime.date(2023, 12, 31), "dimanche 31 décembre 2023"),
    (datetime.date(1988, 12, 1), "jeudi 1er décembre 1988"),
    ("2023-09-01", "vendredi 1er septembre 2023"),
]


@pytest.mark.parametrize(("d", "attendu"), JOURS)
def test_date_longue_jour_semaine(d: object, attendu: str) -> None:
    assert date_longue(d, jour_semaine=True) == attendu  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "d", ["2023-02-30", "2023-13-01", "14/09/2023", "2023-9-14", "abc", "", "20230914"]
)
def test_date_longue_refuse_chaine(d: str) -> None:
    with pytest.raises(ValueError, match="date"):
        date_longue(d)


@pytest.mark.parametrize("d", [20230914, None, 2023.9, (2023, 9, 14)])
def test_date_longue_refuse_type(d: object) -> None:
    with pytest.raises(TypeError, match="date"):
        date_longue(d)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# pourcentage
# ---------------------------------------------------------------------------

POURCENTAGES = [
    (21, "21~%"),
    (Decimal("19.5"), "19,5~%"),
    (Decimal("19.50"), "19,5~%"),
    (Decimal("21.00"), "21~%"),
    (Decimal("33.33"), "33,33~%"),
    (Decimal("33.333"), "33,33~%"),
    (Decimal("33.335"), "33,34~%"),
    (Decimal("66.666"), "66,67~%"),
    (100, "100~%"),
    (Decimal("0.5"), "0,5~%"),
    (0, "0~%"),
    (Decimal("0.004"), "0~%"),
    (Decimal("0.005"), "0,01~%"),
    (Decimal("-2.5"), "-2,5~%"),
    (Decimal("-0.001"), "0~%"),
    (1000, "1_000~%"),
    ("19,5", "19,5~%"),
]


@pytest.mark.parametrize(("valeur", "attendu"), POURCENTAGES)
def test_pourcentage(valeur: object, attendu: str) -> None:
    assert pourcentage(valeur) == fig(attendu)  # type: ignore[arg-type]


def test_pourcentage_refuse() -> None:
    with pytest.raises(TypeError):
        pourcentage(19.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pourcentage illisible"):
        pourcentage("vingt")


# ---------------------------------------------------------------------------
# ordinal
# ---------------------------------------------------------------------------

ORDINAUX = [
    (1, False, "1er"),
    (1, True, "1re"),
    (2, False, "2e"),
    (2, True, "2e"),
    (3, False, "3e"),
    (10, False, "10e"),
    (11, False, "11e"),
    (21, False, "21e"),
    (21, True, "21e"),
    (100, False, "100e"),
    (101, False, "101e"),
    (1000, False, "1000e"),
]


@pytest.mark.parametrize(("n", "feminin", "attendu"), ORDINAUX)
def test_ordinal(n: int, feminin: bool, attendu: str) -> None:
    assert ordinal(n, feminin=feminin) == attendu


@pytest.mark.parametrize("n", [0, -1])
def test_ordinal_refuse_valeur(n: int) -> None:
    with pytest.raises(ValueError):
        ordinal(n)


@pytest.mark.parametrize("n", [1.0, True, "1", Decimal("1")])
def test_ordinal_refuse_type(n: object) -> None:
    with pytest.raises(TypeError):
        ordinal(n)  # type: ignore[arg-type]


# -- nombre: an integer with French digit grouping ------------------------------------

@pytest.mark.parametrize("n, attendu", [
    (0, "0"),
    (12, "12"),
    (999, "999"),
    (1000, "1\u202f000"),
    (12500, "12\u202f500"),
    (1234567, "1\u202f234\u202f567"),
    (-4500, "-4\u202f500"),
    ("2023", "2\u202f023"),
])
def test_nombre(n: object, attendu: str) -> None:
    from deliberations.langue.formats import nombre

    assert nombre(n) == attendu


def test_nombre_refuse_un_decimal_non_entier() -> None:
    from deliberations.langue.formats import nombre

    with pytest.raises(ValueError):
        nombre(Decimal("1.5"))
