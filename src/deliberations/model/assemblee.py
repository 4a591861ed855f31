"""The assembly at work: its members, who attends, who votes how (CGCT L2121-17, L2121-20, L2121-21, L2131-11).

Two levels:

- the **séance file** says it once for the whole séance: ``membres`` (names,
  or only their number), ``presences`` (excused, absent, proxies, and the
  arrivals and departures between items) and ``resultats`` (each item's vote,
  by counts or by names, possibly in several parts);
- each **item** gets, derived from them (see :mod:`deliberations.calcul.votes`),
  its own :class:`Vote` (every count: en exercice, présents, représentés,
  votants, exprimés, pour, contre, abstentions) and its :class:`PresencesPoint`
  (the names as the act prints them). An item rendered alone may type both.

Names are kept as typed (« M. Jean Dupont », « Mme Anne Martin ») and
compared after their spaces are normalised.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag

from deliberations.model.base import Modele
from deliberations.model.scalaires import Booleen, Entier, Heure, Texte, TexteLibre


def _liste_ou_nom(valeur: Any) -> Any:
    """One name typed alone (« contre: M. X ») is a list of one name."""
    return [valeur] if isinstance(valeur, str) and valeur.strip() else valeur


#: names: a list, or one name alone
Noms = Annotated[list[Texte], BeforeValidator(_liste_ou_nom)]

#: a count, or the names it counts (« contre: [M. X, Mme Y] » is 2)
def _forme_compte(valeur: Any) -> str:
    """A number (« 3 », and « -3 » or « 2,5 » to be refused as numbers), or names."""
    if isinstance(valeur, list) or (isinstance(valeur, str) and not re.fullmatch(r"\s*[-+]?\d[\d\s.,]*", valeur)):
        return "noms"
    return "nombre"


CompteOuNoms = Annotated[
    Union[Annotated[Entier, Tag("nombre")], Annotated[Noms, Tag("noms")]],
    Discriminator(_forme_compte),
]

SCRUTINS = ("main levée", "public", "secret")


class Pouvoir(Modele):
    """A written proxy: ``de`` (the absent member) gives it ``a`` (a member present)."""

    de: Texte
    a: Texte


class NomsVote(Modele):
    """Who voted how, by name (a public ballot records them)."""

    pour: list[Texte] = Field(default_factory=list)
    contre: list[Texte] = Field(default_factory=list)
    abstentions: list[Texte] = Field(default_factory=list)
    ne_prennent_pas_part: list[Texte] = Field(default_factory=list)


class Decompte(Modele):
    """The counts of one vote; all empty for a projet not yet voted."""

    votants: Entier | None = Field(default=None, description="présents + représentés − ceux qui ne prennent pas part")
    exprimes: Entier | None = Field(default=None, description="votants − abstentions (− blancs et nuls)")
    pour: Entier | None = None
    contre: Entier | None = None
    abstentions: Entier | None = None
    blancs_nuls: Entier | None = Field(default=None, description="Bulletins blancs et nuls (scrutin secret)")
    ne_prennent_pas_part: Entier | None = None
    resultat: Literal["unanimité", "majorité", "rejet"] | None = None
    voix_preponderante: Booleen | None = Field(
        default=None, description="Partage égal des voix tranché par la voix du président (pas au scrutin secret)")
    noms: NomsVote = Field(default_factory=NomsVote, description="Les votes nominatifs, s'ils sont donnés")


class PartieVote(Decompte):
    """One of several votes on one item (a vote per decision)."""

    titre: TexteLibre | None = Field(default=None, description="Ce qui est voté : « Article 1er », « le budget annexe »")
    decisions: list[Entier] = Field(default_factory=list, description="Les décisions votées (rangs dans le "
                                                                      "dispositif, à partir de 1)")


class Vote(Decompte):
    """An item's vote as the act prints it: the attendance counts and the vote's (or its parts')."""

    membres: Entier | None = Field(
        default=None, description="Nombre de membres en exercice, imprimé ; au moins les voix et non-participations")
    presents: Entier | None = Field(default=None, description="Membres physiquement présents au vote du point")
    representes: Entier | None = Field(default=None, description="Membres absents représentés par un pouvoir")
    scrutin: Literal[SCRUTINS] | None = Field(  # type: ignore[valid-type]
        default=None, description="main levée (par défaut), public (noms des votants au procès-verbal) ou secret")
    parties: list[PartieVote] = Field(default_factory=list, description="Votes séparés, un par décision ou "
                                                                        "groupe de décisions")


class PresencesPoint(Modele):
    """Who attends an item's vote, by name, as the act lists them."""

    presents: list[Texte] = Field(default_factory=list)
    excuses: list[Texte] = Field(default_factory=list, description="Absents excusés (sans pouvoir)")
    absents: list[Texte] = Field(default_factory=list, description="Absents non excusés (sans pouvoir)")
    pouvoirs: list[Pouvoir] = Field(default_factory=list, description="« Mme A a donné pouvoir à M. B »")
    arrivent: list[Texte] = Field(default_factory=list, description="Membres qui rejoignent la séance avant ce point")
    partent: list[Texte] = Field(default_factory=list, description="Membres qui quittent la séance avant ce point")
    heures: dict[Texte, Heure] = Field(default_factory=dict, description="L'heure d'une arrivée ou d'un départ, "
                                                                        "par membre : {Mme Annie Lepage: 20:50}")


# --------------------------------------------------------------------------
# The séance file's own keys


class Mouvement(Modele):
    """An arrival or a departure between two items: applies from the item ``avant`` on."""

    avant: Entier | Texte = Field(description="Le point avant le vote duquel le mouvement a lieu : son rang "
                                              "dans l'ordre du jour (12) ou son fichier")
    arrivent: Noms = Field(default_factory=list)
    partent: Noms = Field(default_factory=list)
    heure: Heure | None = Field(default=None, description="L'heure du mouvement : 20:50 (imprimée « à 20 h 50 »)")
    pouvoirs: dict[Texte, Texte] = Field(default_factory=dict, description="Pouvoirs donnés en partant : "
                                                                           "{M. X: Mme Y}")


class Presences(Modele):
    """Attendance at the opening of the séance; the other members are present."""

    presents: Entier | None = Field(default=None, description="Nombre de présents, si les membres ne sont pas "
                                                              "nommés")
    excuses: Noms = Field(default_factory=list)
    absents: Noms = Field(default_factory=list)
    pouvoirs: dict[Texte, Texte] | Entier = Field(
        default_factory=dict, description="{mandant: mandataire}, ou leur nombre si les membres ne sont pas nommés")
    mouvements: list[Mouvement] = Field(default_factory=list)
    pouvoirs_par_membre: Entier = Field(default=1, description="Pouvoirs qu'un membre peut détenir : 1 (CGCT "
                                                               "L2121-20) ; 2 sous un régime d'exception (loi "
                                                               "n° 2021-1465, jusqu'au 31 juillet 2022)")


class ResultatVote(Modele):
    """One vote as typed after the séance: counts, or the names they count."""

    resultat: Literal["adopté", "rejeté", "unanimité"] | None = Field(
        default=None, description="adopté, rejeté, ou unanimité (tous les votants pour, sauf abstentions)")
    pour: CompteOuNoms | None = Field(default=None, description="Un nombre, ou les noms ; par défaut, les "
                                                                "autres votants")
    contre: CompteOuNoms | None = None
    abstentions: CompteOuNoms | None = None
    blancs_nuls: Entier | None = Field(default=None, description="Scrutin secret : bulletins blancs et nuls")
    ne_prennent_pas_part: Noms = Field(default_factory=list, description="Membres intéressés qui ne prennent pas "
                                                                         "part au vote (L2131-11)")
    voix_preponderante: Booleen | None = Field(default=None, description="Partage égal tranché par la voix du "
                                                                         "président")


class PartieResultat(ResultatVote):
    titre: TexteLibre | None = None
    decisions: list[Entier] = Field(default_factory=list)


class ResultatPoint(ResultatVote):
    """An item's result in the séance's results."""

    point: Entier | Texte = Field(description="Le point : son rang dans l'ordre du jour (1, 2…) ou son fichier")
    scrutin: Literal[SCRUTINS] = "main levée"  # type: ignore[valid-type]
    parties: list[PartieResultat] = Field(default_factory=list, description="Votes séparés par décision")
    debats: TexteLibre | None = Field(default=None, description="Ce qui a été dit, pour le procès-verbal")


def _forme_membres(valeur: Any) -> str:
    if isinstance(valeur, int) or (isinstance(valeur, str) and valeur.strip().isdigit()):
        return "nombre"
    return "fichier" if isinstance(valeur, str) else "noms"


#: the members in office: their names, a CSV file of them (column « nom »), or only their number
Membres = Annotated[
    Union[Annotated[Entier, Tag("nombre")], Annotated[list[Texte], Tag("noms")], Annotated[Texte, Tag("fichier")]],
    Discriminator(_forme_membres),
]


def _forme_resultats(valeur: Any) -> str:
    return "fichier" if isinstance(valeur, str) else "liste"


#: the results: listed in the séance file, or the name of a YAML file that lists them
Resultats = Annotated[
    Union[Annotated[list[ResultatPoint], Tag("liste")], Annotated[Texte, Tag("fichier")]],
    Discriminator(_forme_resultats),
]


def nom_normal(nom: str) -> str:
    """A name as compared: spaces collapsed (« M.  Jean Dupont » is « M. Jean Dupont »)."""
    return " ".join(nom.split())
