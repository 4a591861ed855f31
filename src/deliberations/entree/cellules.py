"""A spreadsheet cell as the clerk sees it: number formats, percentages, dates, float noise, control characters.

A cell is read as Excel or LibreOffice *shows* it, or refused with a French
message naming the cell. :func:`interpreter` turns what openpyxl stored
(a float, a datetime, a string) and the cell's number format into a
:class:`Cellule`: the value as shown (``Decimal`` rounded to the decimals the
format shows, a date…) and the text as shown, for text columns.

>>> interpreter(0.30000000000000004, "0.00", "B7")
Cellule(valeur=Decimal('0.30'), texte='0,30', pourcent=False, fusion='')
>>> interpreter(0.2, "0%", "C3").texte
'20\\xa0%'
>>> interpreter(1234.56, "#,##0", "B2")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
deliberations.entree.cellules.CelluleRefusee: la cellule B2 affiche 1 235 mais contient 1234,56 ; arrondissez ...
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from deliberations.model.scalaires import cite

#: significant digits Excel and LibreOffice keep: anything beyond is binary noise
CHIFFRES_SIGNIFICATIFS = 15


class CelluleRefusee(ValueError):
    """A cell that cannot be read as shown; the message is French and names the cell."""


@dataclass(frozen=True)
class Cellule:
    """A cell as shown: its value (typed) and its text (for text columns)."""

    valeur: Any
    texte: str | None
    #: shown as a percentage (stored 0.2, shown 20 %): its value is the percentage, 20
    pourcent: bool = False
    #: the merged range this cell belongs to (« A7:A8 »), whose top-left cell gives its value
    fusion: str = ""


VIDE = Cellule(None, None)


@dataclass(frozen=True)
class FormatNombre:
    """What a number format shows of a number: decimals, percent, grouping, euro sign."""

    general: bool = True
    decimales: int = 0
    pourcent: bool = False
    milliers: bool = False
    euro: bool = False
    #: the format divides by 1000 (``#,##0,``): what is shown is not the number
    echelle: bool = False
    #: the format shows a time of day
    heure: bool = False
    #: digits always shown before the decimal point (``00000`` shows 1000 as 01000)
    chiffres: int = 1
    #: what a date format shows: « jma » day, month and year; « ma » month and year; « jm », « a »…
    date: str = "jma"


GENERAL = FormatNombre()
_LITTERAUX = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_CHIFFRE = "[0#?]"


def lire_format(code: str | None) -> FormatNombre:
    """The part of a number format (as stored in the file, ``.`` decimal, ``,`` grouping) that matters.

    >>> lire_format("#,##0.00\\\\ \\"€\\"")
    FormatNombre(general=False, decimales=2, pourcent=False, milliers=True, euro=True, echelle=False, heure=False,
                 chiffres=1, date='jma')
    >>> lire_format("0.0%").decimales, lire_format("0.0%").pourcent
    (1, True)
    >>> lire_format("General").general
    True
    """
    if not code or code.strip().lower() in ("general", "@", "standard"):
        return GENERAL
    section = _premiere_section(code)
    nettoye = _LITTERAUX.sub("", section)
    heure = bool(re.search(r"[hs]", nettoye, re.IGNORECASE))
    parties = "".join(p for p, lettre in (("j", "d"), ("m", "m"), ("a", "y")) if lettre in nettoye.lower())
    date = parties if parties and not heure else "jma"
    if not re.search(_CHIFFRE, nettoye) or re.search(r"[eE][+-]|/", nettoye):
        return FormatNombre(heure=heure, date=date)  # text, date, scientific, fraction: the stored value is read
    entier, _, decimales = nettoye.partition(".")
    return FormatNombre(
        general=False,
        decimales=len(re.findall(_CHIFFRE, decimales)),
        pourcent="%" in nettoye,
        milliers=bool(re.search(f"{_CHIFFRE},+{_CHIFFRE}", entier)),
        euro="€" in section or "EUR" in section,
        echelle=bool(re.search(f"{_CHIFFRE},+(?!,*{_CHIFFRE})", entier) or re.search(f"{_CHIFFRE},+$", decimales)),
        heure=heure,
        chiffres=max(1, entier.count("0")),
    )


def _premiere_section(code: str) -> str:
    """The first ``;``-separated section of a format (for positive numbers), quotes respected."""
    dans_guillemets = False
    for i, c in enumerate(code):
        if c == '"':
            dans_guillemets = not dans_guillemets
        elif c == ";" and not dans_guillemets and (i == 0 or code[i - 1] != "\\"):
            return code[:i]
    return code


def sans_bruit(nombre: float | int) -> Decimal:
    """A stored number at the precision Excel keeps (15 significant digits): 0.30000000000000004 → 0.3.

    >>> sans_bruit(0.1 + 0.2), sans_bruit(15000.0), sans_bruit(12500.5)
    (Decimal('0.3'), Decimal('15000'), Decimal('12500.5'))
    """
    if isinstance(nombre, int):
        return Decimal(nombre)
    if nombre == 0:
        return Decimal(0)  # -0.0 too: shown 0
    valeur = Decimal(format(nombre, f".{CHIFFRES_SIGNIFICATIFS}g"))
    if valeur == valeur.to_integral_value():
        return valeur.quantize(Decimal(1))
    return valeur


def texte_nombre(nombre: Decimal, groupes: bool = False, chiffres_min: int = 1) -> str:
    """A number in French, digits as given: 1234.5 → « 1234,5 » (« 1 234,5 » with groups, U+202F).

    >>> texte_nombre(Decimal("-1234567.50"), groupes=True), texte_nombre(Decimal(1000), chiffres_min=5)
    ('-1\\u202f234\\u202f567,50', '01000')
    """
    signe, valeur = ("-", -nombre) if nombre < 0 else ("", nombre)
    entier, _, decimales = f"{valeur:f}".partition(".")
    entier = entier.rjust(chiffres_min, "0")
    if groupes:
        entier = f"{int(entier):,}".replace(",", "\u202f")
    return signe + entier + ("," + decimales if decimales else "")


def verifier_texte(texte: str, ref: str) -> str:
    """A text cell, NFC-normalised; a control character is refused naming the cell.

    Tab, line feed and carriage return are kept (a cell may hold several
    lines; Word's vertical tab becomes a line break later).
    """
    for c in texte:
        code = ord(c)
        if (code < 0x20 and c not in "\t\n\r\x0b") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF \
                or code in (0xFFFE, 0xFFFF):
            ou = f" en {ref}" if ref else ""
            raise CelluleRefusee(f"caractère de contrôle U+{code:04X} interdit{ou} : « {cite(texte)} »")
    return unicodedata.normalize("NFC", texte)


_ECHAPPEMENT = re.compile(r"_x([0-9A-Fa-f]{4})_")


def dechiffrer(texte: str) -> str:
    """Undo the file format's escapes, which openpyxl leaves: ``_x000D_`` is a carriage return, ``_x005F_`` a ``_``.

    >>> dechiffrer("un_x000D_deux"), dechiffrer("_x005F_x0041_")
    ('un\\rdeux', '_x0041_')
    """
    return _ECHAPPEMENT.sub(lambda m: chr(int(m.group(1), 16)), texte) if "_x" in texte else texte


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre")


def texte_date(valeur: dt.date | dt.datetime | dt.time, forme: FormatNombre = GENERAL) -> str:
    """A date as a French spreadsheet shows it: 14/09/2023 (« septembre 2023 », « 2023 » if the format shows no
    day); with its time if the format shows one and it is not midnight.

    >>> texte_date(dt.datetime(2023, 9, 14), FormatNombre(heure=True))
    '14/09/2023'
    >>> texte_date(dt.datetime(2023, 9, 14, 10, 30), FormatNombre(heure=True))
    '14/09/2023 10:30'
    >>> texte_date(dt.date(2023, 9, 1), lire_format("mmmm yyyy")), texte_date(dt.date(2023, 9, 1), lire_format("yyyy"))
    ('septembre 2023', '2023')
    """
    if isinstance(valeur, dt.time):
        return valeur.strftime("%H:%M:%S" if valeur.second else "%H:%M")
    if forme.date != "jma":
        parties = {"j": f"{valeur.day:02d}", "m": MOIS[valeur.month - 1], "a": str(valeur.year)}
        if forme.date == "jm":
            return f"{valeur.day:02d}/{valeur.month:02d}"
        return " ".join(parties[p] for p in forme.date)
    texte = valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, dt.datetime) and forme.heure and valeur.time() != dt.time(0):
        texte += " " + valeur.strftime("%H:%M:%S" if valeur.second else "%H:%M")
    return texte


def interpreter(valeur: Any, code_format: str | None, ref: str, erreur_formule: bool = False) -> Cellule:
    """The cell ``ref`` holding ``valeur`` (as openpyxl reads it) with the format ``code_format``, as shown.

    Raises :class:`CelluleRefusee` (French, naming ``ref``) when what is shown
    is not what is stored: hidden decimals, a format in thousands, an error.
    """
    if valeur is None:
        return VIDE
    if erreur_formule:
        raise CelluleRefusee(f"la cellule {ref} affiche une erreur de formule ({cite(valeur)}) ; corrigez la formule")
    if isinstance(valeur, bool):
        return Cellule(valeur, "VRAI" if valeur else "FAUX")
    if isinstance(valeur, str):
        texte = verifier_texte(dechiffrer(valeur), ref)
        return Cellule(texte, texte)
    forme = lire_format(code_format)
    if isinstance(valeur, (dt.datetime, dt.date, dt.time)):
        texte = texte_date(valeur, forme)
        if forme.date != "jma":
            return Cellule(texte, texte)  # « septembre 2023 »: no day shown, a date column refuses it
        if isinstance(valeur, dt.datetime) and (not forme.heure or valeur.time() == dt.time(0)):
            return Cellule(valeur.date(), texte)  # no time shown: the date is what the clerk sees
        if isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime):
            return Cellule(valeur, texte)
        return Cellule(texte, texte)  # a time is shown: read as text, a date column refuses it
    if isinstance(valeur, dt.timedelta):
        return Cellule(str(valeur), str(valeur))
    if not isinstance(valeur, (int, float)):
        raise CelluleRefusee(f"contenu de la cellule {ref} non reconnu : « {cite(valeur)} »")
    return _nombre(valeur, forme, ref)


def _nombre(valeur: float | int, forme: FormatNombre, ref: str) -> Cellule:
    stocke = sans_bruit(valeur)
    if forme.general:
        return Cellule(stocke, texte_nombre(stocke))
    if forme.echelle:
        raise CelluleRefusee(f"la cellule {ref} est affichée en milliers (format « , » final) : "
                             "affichez le nombre entier pour qu'il soit lu tel quel")
    nombre = stocke * 100 if forme.pourcent else stocke
    affiche = nombre.quantize(Decimal(1).scaleb(-forme.decimales), rounding=ROUND_HALF_UP)
    if affiche == 0:
        affiche = abs(affiche)  # never « -0,00 »
    suffixe = "\xa0%" if forme.pourcent else ("\xa0€" if forme.euro else "")
    texte = texte_nombre(affiche, forme.milliers, forme.chiffres) + suffixe
    if affiche != nombre:
        montre = texte_nombre(affiche, forme.milliers).replace("\u202f", " ") + suffixe.replace("\xa0", " ")
        contenu = texte_nombre(_sans_zeros(nombre)) + (" %" if forme.pourcent else "")
        raise CelluleRefusee(
            f"la cellule {ref} affiche {montre} mais contient {contenu} ; arrondissez la valeur (fonction ARRONDI) "
            "ou affichez toutes ses décimales"
        )
    return Cellule(affiche, texte, pourcent=forme.pourcent)


def _sans_zeros(nombre: Decimal) -> Decimal:
    """12.300 → 12.3, 1200 stays 1200 (never 1.2E+3)."""
    reduit = nombre.normalize()
    return reduit.quantize(Decimal(1)) if reduit.as_tuple().exponent > 0 else reduit  # type: ignore[operator]
