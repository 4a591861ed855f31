"""Domain model: what a clerk types once, validated and typed.

The input layer is pydantic (located errors, JSON Schema). Amounts are
``Decimal`` (never float), dates ``datetime.date``, text is checked for
control characters. Nothing here knows about Word.

One agenda item (:class:`Point`) holds everything: the rapport's header,
exposé and propositions, the délibération's visas, considérants, vote and
dates, and the annexes. The rapport and the délibération are two views of it
(:mod:`deliberations.rendu.contexte`), so they can never disagree.

- :mod:`.caracteres`: the characters a text may hold, and its normalisation (NFC);
- :mod:`.scalaires`: the readers of typed scalars (text, amounts, dates…);
- :mod:`.genres`: the registry of the kinds of value, each described once;
- :mod:`.base`, :mod:`.objets`: the domain objects.
"""

from deliberations.model.base import Liste, Modele, Paragraphe
from deliberations.model.genres import GENRES, Genre, genre
from deliberations.model.objets import (
                                        Annexe,
                                        Collectivite,
                                        Colonne,
                                        Dates,
                                        Point,
                                        President,
                                        Proposition,
                                        Repartition,
                                        Seance,
                                        Section,
                                        Signataire,
                                        Source,
                                        Tableau,
                                        Visa,
                                        VisaEntree,
                                        VisaTexte,
                                        Vote,
)
from deliberations.model.scalaires import Booleen, Date, Entier, Montant, MontantSigne, Pourcentage, Texte, TexteLibre

__all__ = [
    "GENRES", "Genre", "genre",
    "Annexe", "Collectivite", "Colonne", "Dates", "Liste", "Modele", "Paragraphe", "Point", "President",
    "Proposition", "Repartition", "Seance", "Section", "Signataire", "Source", "Tableau", "Visa", "VisaEntree",
    "VisaTexte", "Vote",
    "Booleen", "Date", "Entier", "Montant", "MontantSigne", "Pourcentage", "Texte", "TexteLibre",
]
