"""References in prose to computed values: ``${annexe1.lignes}``.

Prose is data, never template code. A reference names a value computed once
elsewhere, so no figure is typed twice:

============================== ===========================================
``${valeurs.plafond}``          a named value of the ``valeurs:`` section
``${annexe1.lignes}``           number of rows of annex 1's (first) table
``${annexe1.total.acompte}``    total of column ``acompte`` of that table
``${annexe1.tableau2.lignes}``  the same for annex 1's second table
``${annexe1.ligne3.solde}``     a cell: column ``solde`` of row 3
``${seance.date}``              the date of the séance
``${numero}``                   the item's number
============================== ===========================================

A format may follow a bar: ``${valeurs.plafond | euros}`` → ``15 000 euros``;
``| lettres`` writes a number or an amount in words, ``| montant``,
``| sans_centimes``, ``| pourcentage``, ``| date_longue``, ``| jour_semaine``
(date with its weekday). Write ``$${`` for a literal ``${``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from deliberations.langue import formats
from deliberations.model.genres import GENRES
from deliberations.model.scalaires import lire_date, lire_entier, lire_montant, lire_pourcentage, lire_texte

MOTIF = re.compile(r"\$\$\{|\$\{([^{}]*)\}")


class ReferenceInvalide(ValueError):
    """A reference to something that does not exist, or a bad format."""


@dataclass(frozen=True)
class Typee:
    """A value with its kind (montant, entier, pourcentage, date, texte)."""

    genre: str
    valeur: Any


def en_euros(v: Decimal) -> str:
    texte = formats.montant(v, centimes=v != v.to_integral_value())
    return texte.replace("€", "euros")


_FORMATS: dict[str, Callable[[Typee], str]] = {
    "montant": lambda t: formats.montant(t.valeur),
    "sans_centimes": lambda t: formats.montant(t.valeur, centimes=False),
    "euros": lambda t: en_euros(t.valeur),
    "lettres": lambda t: formats.montant_en_lettres(t.valeur) if t.genre == "montant" else formats.nombre_en_lettres(t.valeur),
    "lettres_feminin": lambda t: formats.nombre_en_lettres(t.valeur, feminin=True),
    "pourcentage": lambda t: formats.pourcentage(t.valeur),
    "date_longue": lambda t: formats.date_longue(t.valeur),
    "jour_semaine": lambda t: formats.date_longue(t.valeur, jour_semaine=True),
    "texte": lambda t: formats.nombre(t.valeur) if t.genre == "entier" else str(t.valeur),
}



#: the formats that make a bare number (``dotation: 20000``) an amount
_FORMATS_MONTANT = ("montant", "sans_centimes", "euros")


def formater(valeur: Typee, format_: str | None = None) -> str:
    """Format a typed value for prose; a whole number given an amount's format is an amount.

    >>> formater(Typee("entier", 12))
    '12'
    >>> formater(Typee("montant", Decimal("15000")), "euros").replace("\\u202f", " ").replace("\\xa0", " ")
    '15 000 euros'
    >>> formater(Typee("entier", 20000), "euros").replace("\\u202f", " ").replace("\\xa0", " ")
    '20 000 euros'
    """
    if valeur.genre == "entier" and format_ in _FORMATS_MONTANT and isinstance(valeur.valeur, int):
        valeur = Typee("montant", Decimal(valeur.valeur))  # a bare number used as an amount is an amount
    permis = GENRES[valeur.genre].formats if valeur.genre in GENRES else ()
    nom = format_ or (permis[0] if permis else "texte")
    if nom not in _FORMATS:
        raise ReferenceInvalide(f"format inconnu « {nom} » (formats : {', '.join(_FORMATS)})")
    if nom not in permis:
        attendu = GENRES[valeur.genre].attendu if valeur.genre in GENRES else None
        quoi = attendu.split(",")[0] if attendu else f"une valeur « {valeur.genre} »"
        formats_permis = ", ".join(f"« {f} »" for f in permis)
        raise ReferenceInvalide(f"format « {nom} » impossible pour {quoi} (formats possibles : {formats_permis})")
    if valeur.valeur is None:
        raise ReferenceInvalide("valeur vide")
    return _FORMATS[nom](valeur)


def references(texte: str) -> list[str]:
    """The references a text makes, in order.

    >>> references("un total de ${annexe1.lignes} structures, $${pas une référence}")
    ['annexe1.lignes']
    """
    return [m.group(1).strip() for m in MOTIF.finditer(texte) if m.group(0) != "$${"]


def resoudre(texte: str, chercher: Callable[[str], Typee]) -> str:
    """Replace every reference by its formatted value; ``$${`` by ``${``.

    >>> resoudre("soit ${n} lignes ($${x})", lambda chemin: Typee("entier", 3))
    'soit 3 lignes (${x})'
    """

    def remplacer(m: re.Match[str]) -> str:
        if m.group(0) == "$${":
            return "${"
        contenu = m.group(1)
        chemin, _, format_ = contenu.partition("|")
        return formater(chercher(chemin.strip()), format_.strip() or None)

    return MOTIF.sub(remplacer, texte)


def sans_references(texte: str) -> str:
    """The text as typed, references removed (for checks on literal figures)."""
    return MOTIF.sub(lambda m: "${" if m.group(0) == "$${" else " ", texte)


def typer_valeur(valeur: Any) -> Typee:
    """Type a ``valeurs:`` entry: ``{montant: 15000}`` or a bare scalar.

    A bare scalar is an ``entier`` when it is a whole number, a ``montant``
    when it ends with ``€``, a ``date`` when it reads as one, else ``texte``.
    """

    if isinstance(valeur, Typee):
        return valeur
    if isinstance(valeur, dict):
        if len(valeur) != 1:
            raise ValueError("une valeur nommée s'écrit {montant: …}, {entier: …}, {pourcentage: …}, {date: …} ou {texte: …}")
        genre, brute = next(iter(valeur.items()))
        typage = {"nombre": lire_entier, **{g.nom: g.lire for g in GENRES.values() if g.referencable and g.lire}}
        if genre not in typage:
            raise ValueError(f"genre de valeur inconnu « {genre} » (montant, entier, pourcentage, date, texte)")
        return Typee("entier" if genre == "nombre" else genre, typage[genre](brute))
    if isinstance(valeur, bool):
        return Typee("texte", "oui" if valeur else "non")
    if isinstance(valeur, int):
        return Typee("entier", valeur)
    if isinstance(valeur, Decimal):
        return Typee("montant", valeur)
    if isinstance(valeur, dt.date):
        return Typee("date", valeur)
    texte = str(valeur).strip()
    if re.fullmatch(r"-?\d+", texte):
        return Typee("entier", int(texte))
    if texte.endswith("€"):
        return Typee("montant", lire_montant(texte))
    if texte.endswith("%"):
        return Typee("pourcentage", lire_pourcentage(texte))
    try:
        return Typee("date", lire_date(texte))
    except ValueError:
        return Typee("texte", lire_texte(valeur))
