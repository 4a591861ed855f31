"""Wording choices a report type would silently ignore: said, as warnings, where they were typed.

The formulas (``formules:``) are printed by the genres listed in
:data:`~deliberations.model.formules.FORMULES_IMPRIMEES`, each its own set
(the département genre prints no préambule, no « Ainsi fait… », no secretary's
signature); the place of an annex's tables (``emplacement:``) and the
séance's préambule data by the one-document genre only
(:data:`~deliberations.model.formules.GENRES_UN_DOCUMENT`). Elsewhere they
have no effect, and the clerk is told so, at the key's line, rather than left
to wonder.
"""

from __future__ import annotations

from typing import Iterable

from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, avertissement
from deliberations.model.formules import FORMULES_IMPRIMEES, GENRES_UN_DOCUMENT
from deliberations.model.objets import Point


def check_redaction(point: Point) -> Iterable[Finding]:
    """Formulas, table places and the séance's préambule data typed for a type that does not print them."""
    genres = ", ".join(f"« {g} »" for g in GENRES_UN_DOCUMENT)
    imprimees = FORMULES_IMPRIMEES.get(point.type, frozenset())
    for chemin, formules in ((("collectivite", "formules"), point.collectivite.formules), (("formules",), point.formules)):
        cles = [cle for cle, valeur in formules.model_dump().items() if valeur is not None and cle not in imprimees]
        if not cles:
            continue
        if imprimees:  # the genre prints some formulas: each one it cannot print, at its line
            for cle in cles:
                yield avertissement(origine(point).lieu((*chemin, cle)),
                                    f"formule « {cle} » sans effet dans le type « {point.type} », qui ne l'imprime "
                                    f"pas : seul le type {genres} l'imprime")
        else:
            yield avertissement(origine(point).lieu(chemin),
                                f"formules sans effet dans le type « {point.type} » (clés : {', '.join(cles)}) : "
                                f"seul le type {genres} les imprime")
    if point.type in GENRES_UN_DOCUMENT:
        return
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
