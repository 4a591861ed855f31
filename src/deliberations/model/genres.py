"""The kinds of value, each described once: reader, display, alignment, help, references.

A kind (``montant``, ``date``…) is what a table column, a report type's field
or a named value holds. Everything the library does with a kind is an
attribute of its :class:`Genre` in :data:`GENRES`, so adding a kind is one
entry here, never an edit in the modules that read, compute, check, print
or document values:

>>> genre("montant").afficher(1500)
'1\\u202f500,00\\xa0€'
>>> [g.nom for g in GENRES.values() if g.colonne]
['texte', 'montant', 'pourcentage', 'entier', 'date']
>>> genre("date").formats
('date_longue', 'jour_semaine')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from deliberations.langue import formats
from deliberations.model.base import Paragraphe
from deliberations.model.scalaires import (
    Date,
    Entier,
    Montant,
    Pourcentage,
    Texte,
    lire_date,
    lire_entier,
    lire_montant,
    lire_montant_signe,
    lire_pourcentage,
    lire_texte,
)


def _cellule_date(valeur: Any) -> str:
    return valeur.strftime("%d/%m/%Y") if isinstance(valeur, dt.date) else str(valeur)


@dataclass(frozen=True)
class Genre:
    """One kind of value and everything the library does with it."""

    nom: str
    #: help after a field in a skeleton: « montant : 147 000 € »
    description: str
    #: what a placeholder left in a field of this kind stands for, or None
    attendu: str | None
    #: pydantic annotation of a report type's field of this kind (tables are built from their columns)
    annotation: Any
    #: reads a scalar as typed (``"1 500 €"`` → Decimal); None for kinds that are not scalars
    lire: Callable[[Any], Any] | None = None
    #: reads a table cell (amounts in tables may be negative)
    lire_cellule: Callable[[Any], Any] | None = None
    #: a value as printed in a table cell or a message
    afficher: Callable[[Any], str] = str
    #: right-aligned in tables
    a_droite: bool = False
    #: a column of this kind is totalled unless it says otherwise
    totalise: bool = False
    #: may be an annex column's type
    colonne: bool = False
    #: may be a column of a report type's table field
    colonne_de_champ: bool = True
    #: a field of this kind may be cited in prose as ``${nom}``
    referencable: bool = False
    #: formats of a reference ``${x | format}``; the first is the default (none: printed as text)
    formats: tuple[str, ...] = ()
    #: a field of this kind holds a list
    liste: bool = False
    #: a number: a table formula computes with it, and may compute a column of this kind
    nombre: bool = False
    #: values of this kind add up (a column of this kind may have a total)
    additionnable: bool = False


GENRES: dict[str, Genre] = {g.nom: g for g in (
    Genre("texte", "texte", None, Texte, lire=lire_texte, lire_cellule=lire_texte, colonne=True, referencable=True,
          formats=("texte",)),
    Genre("paragraphes", "paragraphes : des textes, ou « - liste: [ … ] »", None, list[Paragraphe], liste=True),
    Genre("montant", "montant : 147 000 €", "un montant, par exemple 147 000 €", Montant, lire=lire_montant,
          lire_cellule=lire_montant_signe, afficher=formats.montant, a_droite=True, totalise=True, colonne=True,
          referencable=True, formats=("montant", "sans_centimes", "euros", "lettres"), nombre=True,
          additionnable=True),
    Genre("pourcentage", "pourcentage : 20 %", "un pourcentage, par exemple 20 %", Pourcentage, lire=lire_pourcentage,
          lire_cellule=lire_pourcentage, afficher=formats.pourcentage, a_droite=True, colonne=True, referencable=True,
          formats=("pourcentage",), nombre=True, additionnable=True),
    Genre("entier", "nombre entier", "un nombre entier", Entier, lire=lire_entier, lire_cellule=lire_entier,
          afficher=formats.nombre, a_droite=True, colonne=True, referencable=True,
          formats=("texte", "lettres", "lettres_feminin"), nombre=True, additionnable=True),
    Genre("date", "date : 2023-09-14 ou 14/09/2023", "une date, par exemple 2023-09-14 ou 14/09/2023", Date,
          lire=lire_date, lire_cellule=lire_date, afficher=_cellule_date, colonne=True, referencable=True,
          formats=("date_longue", "jour_semaine")),
    Genre("liste", "liste : un élément par ligne « - … »", None, list[Texte], liste=True),
    Genre("table", "table : une ligne « - » par élément, avec ses colonnes", None, None, liste=True,
          colonne_de_champ=False),
)}

#: kinds an annex column may have
NOMS_COLONNES = tuple(g.nom for g in GENRES.values() if g.colonne)
#: kinds a report type's field may have
NOMS_CHAMPS = tuple(GENRES)
#: kinds a column of a report type's table field may have
NOMS_COLONNES_DE_CHAMP = tuple(g.nom for g in GENRES.values() if g.colonne_de_champ)


def genre(nom: str) -> Genre:
    """The kind called ``nom``; ``KeyError`` for an unknown one."""
    return GENRES[nom]
