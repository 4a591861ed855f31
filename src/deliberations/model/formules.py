"""The wording a clerk controls where practice varies: formulas, numbering of articles, what is printed.

One :class:`Formules` in the collectivité's profile sets the house style;
one in an item overrides it key by key (see
:func:`deliberations.rendu.formules.formules_effectives`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from deliberations.model.base import Modele
from deliberations.model.scalaires import Booleen, TexteLibre

#: report types written as one document (the commune, EPCI or syndicat délibération): the only ones
#: whose templates print these formulas
GENRES_UN_DOCUMENT = ("deliberation-commune",)

#: the formulas each built-in genre's templates print (another type prints none of them; its own
#: wording applies, and a formula typed for it is said to have no effect)
FORMULES_IMPRIMEES: dict[str, frozenset[str]] = {
    "deliberation-commune": frozenset({"ouverture", "sur_le_rapport", "deliberative", "decision", "articles", "tirets",
                                       "vote", "phrase_vote", "recours", "dates", "ainsi_fait", "preambule",
                                       "secretaire", "signatures"}),
    "rapport-deliberation": frozenset({"ouverture", "sur_le_rapport", "deliberative", "decision", "tirets", "vote",
                                       "phrase_vote", "recours", "dates"}),
}

#: how articles are numbered, written as the first one prints
NUMEROTATIONS = ("non", "Article 1er", "Article premier.-", "Art. 1er.-")


class Formules(Modele):
    """The house style of the acts; every key is optional (the genre's usage applies)."""

    ouverture: TexteLibre | None = Field(
        default=None, description="Sujet avant les visas (« Le conseil municipal, ») ; « non » pour aucun")
    sur_le_rapport: Booleen | None = Field(default=None, description="Imprimer « Sur le rapport de … »")
    deliberative: TexteLibre | None = Field(
        default=None, description="Phrase avant le dispositif, en entier (« Après en avoir délibéré, le conseil "
                                  "municipal, à l'unanimité, ») ; par défaut composée du vote ; « non » pour aucune")
    decision: TexteLibre | None = Field(
        default=None, description="Verbe du dispositif en tête (« DÉCIDE : », « DÉLIBÈRE : ») ; « non » pour aucun")
    articles: Literal[NUMEROTATIONS] | None = Field(  # type: ignore[valid-type]
        default=None, description="Numérotation des décisions : non, « Article 1er », « Article premier.- », "
                                  "« Art. 1er.- »")
    tirets: Booleen | None = Field(default=None, description="Un tiret devant chaque décision non numérotée")
    vote: Literal["tableau", "phrase", "non"] | None = Field(
        default=None, description="Le vote : tableau de cases, phrase, ou rien")
    phrase_vote: TexteLibre | None = Field(
        default=None, description="Phrase du vote imprimée après le dispositif (« Cette délibération est adoptée "
                                  "à l'unanimité. »)")
    recours: Booleen | None = Field(default=None, description="Imprimer la mention des voies et délais de recours")
    dates: Booleen | None = Field(default=None, description="Imprimer les cases de dates (publication, "
                                                            "notification, caractère exécutoire)")
    ainsi_fait: TexteLibre | None = Field(
        default=None, description="Clôture (« Ainsi fait et délibéré les jour, mois et an susdits. ») ; "
                                  "« non » pour aucune")
    preambule: Booleen | None = Field(default=None, description="Imprimer le préambule de la séance")
    secretaire: Booleen | None = Field(default=None, description="Faire signer le secrétaire de séance")
    signatures: Literal["cote_a_cote", "empilees"] | None = Field(
        default=None, description="Les signatures de l'exécutif et du secrétaire de séance : côte à côte (deux "
                                  "colonnes) ou empilées (l'une sous l'autre)")
