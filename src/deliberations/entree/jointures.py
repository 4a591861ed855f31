"""An item's file as plain data: read, with the séance's defaults, its collectivité profile and its annex spreadsheets joined."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any, Mapping

from deliberations.entree.lecture import Chemin, Positions, lire_yaml
from deliberations.entree.tables import lire_table
from deliberations.erreurs import ErreurEntree, Lieu, erreur
from deliberations.model.scalaires import cite


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
            raise ErreurEntree([erreur(lieu, f"profil de collectivité introuvable : {cite(valeur)}")])
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
                raise ErreurEntree([erreur(lieu, f"fichier de tableau introuvable : {cite(fichier)}")])
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


def lire_point(chemin: str | Path, defauts: Mapping[str, tuple[Any, Positions]] | None = None) -> tuple[dict[str, Any], Positions]:
    """Read an item's file into plain data with positions, other files joined; raise :class:`ErreurEntree`.

    ``defauts`` gives values (with their own positions) for keys the file
    leaves out: a séance passes its instance, date and collectivité this way.
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
    return donnees, positions
