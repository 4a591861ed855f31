"""The input model of a report type: :class:`~deliberations.model.Point` plus the type's fields."""

from __future__ import annotations

import copy
import re
from typing import (
    Any,
    Literal,
    Optional,
)

from pydantic import Field, create_model

from deliberations.model.base import Modele
from deliberations.model.genres import genre
from deliberations.model.objets import Point
from deliberations.model.scalaires import SansObjet, TexteLibre
from deliberations.types.manifeste import (
    TYPE_PAR_DEFAUT,
    ChampManifeste,
    ColonneManifeste,
    Manifeste,
    _annotation_simple,
    _typer,
)


def _annotation(nom: str, spec: ColonneManifeste, nom_type: str) -> tuple[Any, Any]:
    """(annotation, pydantic Field) of a type field or a table column."""
    description = spec.aide
    titre = spec.titre or nom
    if isinstance(spec, ChampManifeste) and spec.type == "table":
        colonnes = {n: _annotation(n, c, nom_type) for n, c in (spec.colonnes or {}).items()}
        ligne = create_model(f"Ligne_{_identifiant(nom_type)}_{nom}", __base__=Modele, __module__=__name__,
                             **colonnes)  # type: ignore[call-overload]
        ligne.__doc__ = f"Une ligne du champ « {nom} » : {spec.aide}"
        annotation: Any = list[ligne]  # type: ignore[valid-type]
    else:
        annotation = _annotation_simple(spec)
    liste = genre(spec.type).liste
    if spec.requis:
        if liste:
            return annotation, Field(..., min_length=1, description=description, title=titre)
        return annotation, Field(..., description=description, title=titre)
    if spec.defaut is not None:
        typee = _typer(spec, spec.defaut)
        if liste:
            return annotation, Field(default_factory=lambda: copy.deepcopy(typee), description=description,
                                     title=titre, json_schema_extra={"default": spec.defaut})
        return annotation, Field(default=typee, description=description, title=titre)
    if liste:
        return annotation, Field(default_factory=list, description=description, title=titre)
    if spec.type == "texte":
        annotation = TexteLibre
    return Optional[annotation], Field(default=None, description=description, title=titre)


def _identifiant(nom: str) -> str:
    return re.sub(r"\W", "_", nom)


def creer_modele(manifeste: Manifeste) -> type[Point]:
    """The input model of a type: Point plus the type's fields, ``type`` fixed to its name."""
    nom = manifeste.nom
    champs: dict[str, Any] = {}
    if nom == TYPE_PAR_DEFAUT:
        champs["type"] = (Literal[nom], Field(default=nom, description="Type de rapport"))  # type: ignore[valid-type]
    else:
        champs["type"] = (Literal[nom], Field(..., description="Type de rapport"))  # type: ignore[valid-type]
    for commun in manifeste.facultatifs:  # common keys this genre does not need
        annotation = SansObjet if commun == "direction" else Optional[Point.model_fields[commun].annotation]
        champs[commun] = (annotation, Field(default=None, description=Point.model_fields[commun].description))
    for nom_champ, spec in manifeste.champs.items():
        champs[nom_champ] = _annotation(nom_champ, spec, nom)
    modele = create_model(f"Point_{_identifiant(nom)}", __base__=Point, __module__=__name__, **champs)
    modele.__doc__ = f"Un point de type « {nom} » : {manifeste.titre}."
    return modele  # type: ignore[no-any-return]
