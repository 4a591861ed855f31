"""Validation errors in French: one located finding per pydantic error, with « vouliez-vous dire »."""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from deliberations.entree.origine import Charge
from deliberations.erreurs import Finding, erreur
from deliberations.model.scalaires import cite

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "list_type": "liste attendue (une ligne « - … » par élément)",
    "dict_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "model_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "model_attributes_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "bool_type": "oui ou non attendu",
    "bool_parsing": "oui ou non attendu",
    "date_type": "date attendue",
    "literal_error": "valeur non reconnue",
    "too_short": "liste vide",
}


def _modeles(annotation: Any) -> list[type[BaseModel]]:
    """The models a field annotation may hold, through list, Union, Optional and Annotated."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _modeles(arg)]


def _cles_connues(modele: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at ``loc`` (for "did you mean" suggestions).

    ``loc`` is pydantic's raw location: a union member's tag (``Visa``) in it
    picks that member; otherwise the fields of every possible model are given.
    """
    courants: list[type[BaseModel]] = [modele]
    for partie in loc:
        if not isinstance(partie, str):
            continue
        tagues = [m for m in courants if m.__name__ == partie]
        if tagues:
            courants = tagues
            continue
        suivants = [m for c in courants if partie in c.model_fields for m in _modeles(c.model_fields[partie].annotation)]
        if suivants:
            courants = suivants
        elif any(partie in c.model_fields for c in courants):
            return []
    connues: list[str] = []
    for courant in courants:
        connues.extend(n for n in courant.model_fields if n not in connues)
    return connues


def _suggestion(cle: str, connues: list[str]) -> str | None:
    """The known key ``cle`` was most likely meant to be: misspelt, or cut short."""
    proches = difflib.get_close_matches(cle, connues, n=1, cutoff=0.6)
    if proches:
        return proches[0]
    prefixes = [c for c in connues if len(cle) >= 4 and (c.startswith(cle) or cle.startswith(c))]
    return prefixes[0] if len(prefixes) == 1 else None


def chemin_utile(loc: tuple[Any, ...], modele: type[BaseModel], inconnue: bool = False) -> tuple[Any, ...]:
    """The field path of a pydantic location, without its union-member tags.

    Tags (``Visa``, ``Texte``, ``function-before[…]``, ``dict[str,any]``) are
    told from fields by walking the model; the last part of an unknown key's
    location (``inconnue``) is the key as typed (``Objet``, ``signat[aire``).
    """
    chemin: list[Any] = []
    courants: list[type[BaseModel]] = [modele]
    for k, partie in enumerate(loc):
        if isinstance(partie, int):
            chemin.append(partie)
            continue
        champs = [c for c in courants if partie in c.model_fields]
        if champs:
            chemin.append(partie)
            courants = [m for c in champs for m in _modeles(c.model_fields[partie].annotation)]
        elif inconnue and k == len(loc) - 1:
            chemin.append(partie)
        else:
            tagues = [c for c in courants if c.__name__ == partie]
            if tagues:
                courants = tagues
    return tuple(chemin)


def traduire(exc: ValidationError, charge: Charge, modele: type[BaseModel],
             chemin_de: Callable[[dict[str, Any]], tuple[Any, ...]] | None = None) -> list[Finding]:
    """One French finding per validation error, at its file and line.

    ``chemin_de`` turns a pydantic error into the field path of the data
    (default: its location, union tags removed).
    """
    if chemin_de is None:
        def chemin_de(err: dict[str, Any]) -> tuple[Any, ...]:
            return chemin_utile(err["loc"], modele, inconnue=err["type"] == "extra_forbidden")

    findings: list[Finding] = []
    vus: set[tuple[Any, ...]] = set()
    # A union reports one error per member; keep the most telling one per path.
    for err in exc.errors(include_url=False):
        chemin = chemin_de(err)  # type: ignore[arg-type]
        if chemin in vus:
            continue
        vus.add(chemin)
        kind = err["type"]
        if kind == "extra_forbidden":
            cle = str(chemin[-1])
            connues = _cles_connues(modele, tuple(err["loc"][:-1]))
            proche = _suggestion(cle, connues)
            message = f"clé inconnue « {cle} »"
            if proche:
                message += f" (vouliez-vous dire « {proche} » ?)"
            elif connues:
                message += f" (clés possibles : {', '.join(connues)})"
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif kind == "literal_error":
            attendus = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            proche = _suggestion(str(err.get("input")), attendus)
            message = f"valeur non reconnue « {cite(err.get('input'))} »"
            message += f" (vouliez-vous dire « {proche} » ?)" if proche else ""
            message += f" ; valeurs possibles : {', '.join(attendus)}"
        else:
            message = _MESSAGES.get(kind, "valeur incorrecte")
        findings.append(erreur(charge.lieu(chemin), " ⏎ ".join(message.splitlines())))
    return _sans_doublons_union(findings)


def _sans_doublons_union(findings: list[Finding]) -> list[Finding]:
    """For a value allowed in several shapes, report once per line and field."""
    resultat: list[Finding] = []
    vus: set[tuple[str, int | None, str]] = set()
    for f in findings:
        cle = (f.lieu.fichier, f.lieu.ligne, f.lieu.champ)
        if cle in vus:
            continue
        vus.add(cle)
        resultat.append(f)
    return resultat
