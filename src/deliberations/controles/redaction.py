"""Wording choices a report type would silently ignore: said, as warnings, where they were typed.

The formulas (``formules:``) and the place of an annex's tables
(``emplacement:``) are printed by the one-document genre only
(:data:`~deliberations.model.formules.GENRES_UN_DOCUMENT`); in another type
they have no effect, and the clerk is told so rather than left to wonder.
"""

from __future__ import annotations

from typing import Iterable

from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, avertissement
from deliberations.model.formules import GENRES_UN_DOCUMENT
from deliberations.model.objets import Point


def check_redaction(point: Point) -> Iterable[Finding]:
    """Formulas, table places and the séance's préambule data typed for a type that does not print them."""
    if point.type in GENRES_UN_DOCUMENT:
        return
    genres = ", ".join(f"« {g} »" for g in GENRES_UN_DOCUMENT)
    for chemin, formules in ((("collectivite", "formules"), point.collectivite.formules), (("formules",), point.formules)):
        cles = [cle for cle, valeur in formules.model_dump().items() if valeur is not None]
        if cles:
            yield avertissement(origine(point).lieu(chemin),
                                f"formules sans effet dans le type « {point.type} » (clés : {', '.join(cles)}) : "
                                f"seul le type {genres} les imprime")
    for k, annexe in enumerate(point.annexes):
        if annexe.emplacement != "annexe":
            yield avertissement(origine(point).lieu(("annexes", k, "emplacement")),
                                f"emplacement « {annexe.emplacement} » sans effet dans le type « {point.type} » : "
                                "ses tableaux sont imprimés en annexe")
    seance = point.seance
    for champ in ("heure", "lieu", "convocation", "publique", "president", "secretaire", "preambule"):
        if getattr(seance, champ) is not None:
            yield avertissement(origine(point).lieu(("seance", champ)),
                                f"sans effet dans le type « {point.type} » : seul le type {genres} "
                                "imprime le préambule de la séance")
