"""Loading an item: read, join, validate with its report type's model, compute its tables."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import (
    Any,
    Mapping,
)

from pydantic import ValidationError

from deliberations.calcul.tableaux import tableaux
from deliberations.entree.jointures import lire_point
from deliberations.entree.lecture import Positions
from deliberations.entree.origine import Charge, definir_origine
from deliberations.entree.traduction import traduire
from deliberations.erreurs import ErreurEntree, Lieu
from deliberations.model.objets import Point
from deliberations.types.catalogue import catalogue
from deliberations.types.manifeste import TYPE_PAR_DEFAUT
from deliberations.types.squelette import a_completer
from deliberations.types.type_rapport import TypeRapport


def load(chemin: str | Path, *, defauts: dict[str, tuple[Any, Positions]] | None = None,
         modeles: Any = None) -> Point:
    """Read, join and validate one input file; raise :class:`ErreurEntree`.

    The returned item remembers its file and positions (``origine(point)``)
    so that checks name the line of every problem. ``defauts`` gives values
    (with their own positions) for keys the file leaves out: a séance passes
    its instance, date and collectivité to its items this way. ``modeles``:
    folders of report types besides the built-in ones (see
    :func:`deliberations.types.catalogue.catalogue`).
    """
    donnees, positions = lire_point(chemin, defauts)
    return valider(donnees, Charge(str(chemin), positions), modeles=modeles)


def valider(donnees: dict[str, Any], charge: Charge | None = None, *, modeles: Any = None) -> Point:
    """Validate plain data (from YAML or built in Python) into a Point.

    The model is that of the report type named by ``type:`` (default
    ``rapport-deliberation``): the common keys plus the type's fields. An
    unknown type is an error listing the known ones.
    """
    charge = charge or Charge("", Positions())
    modele, type_ = modele_pour(donnees, charge, modeles)
    if type_ is not None:
        donnees = preparer(donnees, charge.positions, type_)
    try:
        point = modele.model_validate(donnees)
    except ValidationError as exc:
        raise ErreurEntree(a_completer(traduire(exc, charge, modele), exc, donnees, charge, modele)) from None
    definir_origine(point, charge)
    tableaux(point)  # computes the typed annex tables; may raise
    return point


def modele_pour(donnees: Mapping[str, Any], charge: Charge, modeles: Any = None) -> tuple[type[Point], TypeRapport | None]:
    """The model to validate an item with, from its ``type:`` key (default: rapport-deliberation).

    Raises :class:`ErreurEntree` for an unknown type (with the known types and
    a suggestion) or an unusable catalogue.
    """
    nom = donnees.get("type", TYPE_PAR_DEFAUT)
    if not isinstance(nom, str) or not nom.strip():
        return Point, None  # the model reports the bad value
    nom = nom.strip()
    types = catalogue(modeles)
    if nom not in types and nom == TYPE_PAR_DEFAUT:
        return Point, None
    type_ = types.trouver(nom, charge.lieu(("type",)))
    return type_.modele, type_


def preparer(donnees: dict[str, Any], positions: Positions, type_: TypeRapport) -> dict[str, Any]:
    """Fill what the type derives before validation; return the (possibly copied) data.

    A share table the manifest ties to a montant field (``base: budget``)
    may leave out its ``base``: it is the field, written once.
    """
    bases = [t.base for t in type_.manifeste.tableaux if t.repartition and t.base]
    if not bases or bases[0] not in donnees:
        return donnees
    champ = bases[0]
    annexes = donnees.get("annexes")
    if not isinstance(annexes, list):
        return donnees
    copie: dict[str, Any] | None = None
    for i, annexe in enumerate(annexes):
        tableaux_ = annexe.get("tableaux") if isinstance(annexe, dict) else None
        for j, tableau in enumerate(tableaux_ if isinstance(tableaux_, list) else []):
            repartition = tableau.get("repartition") if isinstance(tableau, dict) else None
            if isinstance(repartition, dict) and "base" not in repartition:
                if copie is None:
                    copie = copy.deepcopy(donnees)
                copie["annexes"][i]["tableaux"][j]["repartition"]["base"] = donnees[champ]
                lieu = positions.lieu((champ,))
                positions.ajouter(("annexes", i, "tableaux", j, "repartition", "base"),
                                  Lieu(lieu.fichier, lieu.ligne))
    return copie if copie is not None else donnees
