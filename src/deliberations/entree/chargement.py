"""Load an input file into a validated :class:`~deliberations.model.Point`.

Reading (:mod:`source`) gives plain data with positions; this module joins
the collectivité profile and the annex table files, validates with the model
and turns every validation error into a one-line French finding naming the
file, line and field.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model import Point, _cite
from deliberations.entree.lecture import Chemin, Positions, lire_table, lire_yaml


class Charge:
    """Where a loaded item came from: its file and the positions of its values."""

    def __init__(self, fichier: str, positions: Positions) -> None:
        self.fichier = fichier
        self.positions = positions

    def lieu(self, chemin: Chemin) -> Lieu:
        return self.positions.lieu(chemin, self.fichier)


def load(chemin: str | Path, *, defauts: dict[str, tuple[Any, Positions]] | None = None,
         modeles: Any = None) -> Point:
    """Read, join and validate one input file; raise :class:`ErreurEntree`.

    The returned item remembers its file and positions (``origine(point)``)
    so that checks name the line of every problem. ``defauts`` gives values
    (with their own positions) for keys the file leaves out: a séance passes
    its instance, date and collectivité to its items this way. ``modeles``:
    folders of report types besides the built-in ones (see
    :func:`deliberations.types_rapport.catalogue`).
    """
    chemin = Path(chemin)
    donnees, positions = lire_yaml(chemin)
    nom = str(chemin)
    if not isinstance(donnees, dict):
        raise ErreurEntree([erreur(Lieu(nom, 1), "le fichier doit contenir des clés (objet:, numero:, …), pas une liste ni un texte")])
    for cle, (valeur, leurs_positions) in (defauts or {}).items():
        if cle not in donnees:
            donnees[cle] = copy.deepcopy(valeur)
            positions.greffer((cle,), leurs_positions)
    _joindre_collectivite(donnees, positions, chemin)
    _joindre_tableaux(donnees, positions, chemin)
    return valider(donnees, Charge(nom, positions), modeles=modeles)


def valider(donnees: dict[str, Any], charge: Charge | None = None, *, modeles: Any = None) -> Point:
    """Validate plain data (from YAML or built in Python) into a Point.

    The model is that of the report type named by ``type:`` (default
    ``rapport-deliberation``): the common keys plus the type's fields. An
    unknown type is an error listing the known ones.
    """
    from deliberations.types.catalogue import modele_pour, preparer

    charge = charge or Charge("", Positions())
    modele, type_ = modele_pour(donnees, charge, modeles)
    if type_ is not None:
        donnees = preparer(donnees, charge.positions, type_)
    try:
        point = modele.model_validate(donnees)
    except ValidationError as exc:
        from deliberations.types.squelette import a_completer

        raise ErreurEntree(a_completer(traduire(exc, charge, modele), exc, donnees, charge, modele)) from None
    definir_origine(point, charge)
    from deliberations.calcul.tableaux import tableaux  # computes typed annex tables, may raise

    tableaux(point)
    return point


def definir_origine(point: Point, charge: Charge) -> None:
    point._origine = charge


def origine(point: Point) -> Charge:
    """The file and positions an item was loaded from (empty when built in Python)."""
    if point._origine is None:
        point._origine = Charge("", Positions())
    return point._origine


# --------------------------------------------------------------------------
# Joining other files


def _fichier_joint(dossier: Path, valeur: str) -> Path | None:
    """The file ``valeur`` names, relative to ``dossier``; None if there is none."""
    try:
        cible = (dossier / valeur).resolve()
        return cible if cible.is_file() else None
    except (OSError, ValueError):  # a name too long, a NUL character
        return None


def _joindre_collectivite(donnees: dict[str, Any], positions: Positions, chemin: Path) -> None:
    valeur = donnees.get("collectivite")
    if isinstance(valeur, str):
        lieu = positions.lieu(("collectivite",), str(chemin))
        if not valeur.strip():
            raise ErreurEntree([erreur(lieu, "profil de collectivité vide (le chemin d'un fichier, ou ses clés nom:, assemblee:, …)")])
        profil = _fichier_joint(chemin.parent, valeur)
        if profil is None:
            raise ErreurEntree([erreur(lieu, f"profil de collectivité introuvable : {_cite(valeur)}")])
        profil_donnees, profil_positions = lire_yaml(profil)
        if not isinstance(profil_donnees, dict):
            raise ErreurEntree([erreur(Lieu(str(profil), 1), "le profil doit contenir des clés (nom:, assemblee:, …)")])
        donnees["collectivite"] = profil_donnees
        positions.greffer(("collectivite",), profil_positions)


def _joindre_tableaux(donnees: dict[str, Any], positions: Positions, chemin: Path) -> None:
    annexes = donnees.get("annexes")
    if not isinstance(annexes, list):
        return
    for i, annexe in enumerate(annexes):
        tableaux = annexe.get("tableaux") if isinstance(annexe, dict) else None
        if not isinstance(tableaux, list):
            continue
        for j, tableau in enumerate(tableaux):
            if not isinstance(tableau, dict) or not isinstance(tableau.get("source"), (dict, str)):
                continue
            base: Chemin = ("annexes", i, "tableaux", j)
            source = tableau["source"]
            if isinstance(source, str):
                source = tableau["source"] = {"fichier": source}
            fichier = source.get("fichier")
            if not isinstance(fichier, str):
                continue
            lieu = positions.lieu(base + ("source",), str(chemin))
            if tableau.get("lignes"):
                raise ErreurEntree([erreur(lieu, "un tableau a soit des lignes, soit une source, pas les deux")])
            cible = _fichier_joint(chemin.parent, fichier)
            if cible is None:
                raise ErreurEntree([erreur(lieu, f"fichier de tableau introuvable : {_cite(fichier)}")])
            lue = lire_table(cible, source.get("feuille"))
            colonnes = tableau.get("colonnes") or []
            correspondance = _colonnes_source(colonnes, lue.entetes, Lieu(str(cible), 1), lieu)
            lignes = []
            for k, (rang, lieux) in enumerate(zip(lue.lignes, lue.lieux)):
                ligne = {}
                for nom_colonne, index in correspondance.items():
                    ligne[nom_colonne] = rang[index] if index < len(rang) else None
                    positions.ajouter(base + ("lignes", k, nom_colonne), lieux[index])
                positions.ajouter(base + ("lignes", k), lieux[0] if lieux else Lieu(str(cible)))
                lignes.append(ligne)
            tableau["lignes"] = lignes


def _colonnes_source(colonnes: list[Any], entetes: list[str], lieu_entetes: Lieu, lieu: Lieu) -> dict[str, int]:
    """Match declared columns to the file's header, by title or by name."""
    norm = [e.strip().lower() for e in entetes]
    correspondance: dict[str, int] = {}
    for colonne in colonnes:
        if not isinstance(colonne, dict) or "nom" not in colonne or colonne.get("formule"):
            continue
        candidats = [str(colonne.get("titre") or "").strip().lower(), str(colonne["nom"]).strip().lower()]
        for candidat in candidats:
            if candidat and candidat in norm:
                correspondance[str(colonne["nom"])] = norm.index(candidat)
                break
        else:
            proche = difflib.get_close_matches(candidats[0] or candidats[1], norm, n=1)
            suggestion = f" (vouliez-vous dire « {entetes[norm.index(proche[0])]} » ?)" if proche else ""
            raise ErreurEntree(
                [erreur(lieu_entetes, f"colonne « {colonne.get('titre') or colonne['nom']} » absente de l'en-tête{suggestion}")]
            )
    return correspondance


# --------------------------------------------------------------------------
# Validation errors in French


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


def _chemin_utile(loc: tuple[Any, ...], modele: type[BaseModel], inconnue: bool = False) -> tuple[Any, ...]:
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
            return _chemin_utile(err["loc"], modele, inconnue=err["type"] == "extra_forbidden")

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
            message = f"valeur non reconnue « {_cite(err.get('input'))} »"
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
