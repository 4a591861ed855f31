"""An item's file as plain data: read, with the séance's defaults, its collectivité profile and its annex spreadsheets joined."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from deliberations.entree.lecture import Chemin, Positions, lire_yaml
from deliberations.entree.cellules import Cellule
from deliberations.entree.tables import TableLue, lire_table
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
            feuille = source.get("feuille")
            demande = positions.lieu(base + ("source", "feuille") if feuille is not None else base + ("source",), str(chemin))
            lue = lire_table(cible, feuille, demande)
            colonnes = tableau.get("colonnes") or []
            correspondance = _colonnes_source(colonnes, lue.entetes, Lieu(str(cible), lue.ligne_entete), lieu)
            types = {str(c["nom"]): c.get("type", "texte") for c in colonnes if isinstance(c, dict) and "nom" in c}
            tableau["lignes"] = _lignes(lue, correspondance, types, positions, base + ("lignes",))


def valeur_pour(cellule: Cellule, type_colonne: Any) -> Any:
    """What a column of kind ``type_colonne`` takes from a cell: its value when it is of that kind, else its text.

    A text column takes the text as shown (« 20 % », « 14/09/2023 »); a date
    column a date; a number column a number, but a percentage cell only in a
    percentage column. Otherwise the text as shown goes to the column's
    reader, which refuses it quoting what the clerk sees (« 20 % »).
    """
    valeur = cellule.valeur
    if type_colonne == "date" and isinstance(valeur, dt.date):
        return valeur
    if isinstance(valeur, Decimal):
        if type_colonne == "pourcentage" or (type_colonne == "montant" and not cellule.pourcent):
            exposant = valeur.as_tuple().exponent
            # more than cents: the text shown (« 333,333333333333 ») goes to the reader, which refuses it
            return cellule.texte if type_colonne == "montant" and isinstance(exposant, int) and exposant < -2 else valeur
        if type_colonne == "entier" and not cellule.pourcent and valeur == valeur.to_integral_value():
            return int(valeur)
    return cellule.texte


#: kinds whose value a merged range may repeat on each of its rows (a name, a date; never a number)
REPETABLES = ("texte", "date")


def _lignes(lue: TableLue, correspondance: dict[str, int], types: dict[str, Any], positions: Positions,
            base: Chemin) -> list[dict[str, Any]]:
    """The rows of a spreadsheet as the item's table rows (see :func:`valeur_pour`); a cell that cannot be
    read is reported at its field, all such cells at once."""
    lignes: list[dict[str, Any]] = []
    findings, vus = [], set()
    for k, (rang, lieux) in enumerate(zip(lue.lignes, lue.lieux)):
        lieu_ligne = lue.lieux_lignes[k] if k < len(lue.lieux_lignes) else (lieux[0] if lieux else Lieu())
        positions.ajouter(base + (k,), lieu_ligne)
        if (k, None) in lue.problemes:
            findings.append(erreur(positions.lieu(base + (k,)), lue.problemes[(k, None)]))
        ligne: dict[str, Any] = {}
        for nom_colonne, index in correspondance.items():
            cellule = rang[index] if index < len(rang) else None
            if index < len(lieux):
                positions.ajouter(base + (k, nom_colonne), lieux[index])
            probleme = lue.problemes.get((k, index))
            if probleme is None and cellule is not None and cellule.fusion and types.get(nom_colonne, "texte") not in REPETABLES:
                probleme = (f"cellules fusionnées {cellule.fusion} : un nombre ne vaut que pour une ligne ; "
                            "défusionnez-les et écrivez le nombre de chaque ligne (le répéter le compterait "
                            "plusieurs fois dans un total)")
                if (cellule.fusion, index) in vus:
                    ligne[nom_colonne] = None
                    continue
                vus.add((cellule.fusion, index))
            if probleme is not None:
                findings.append(erreur(positions.lieu(base + (k, nom_colonne)), probleme))
                ligne[nom_colonne] = None
            else:
                ligne[nom_colonne] = None if cellule is None else valeur_pour(cellule, types.get(nom_colonne, "texte"))
        lignes.append(ligne)
    if findings:
        raise ErreurEntree(findings)
    return lignes


def _titre(texte: Any) -> str:
    """A column title as compared: NFC, case and runs of spaces (no-break ones too) ignored."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(texte))).strip().lower()


def _colonnes_source(colonnes: list[Any], entetes: list[str], lieu_entetes: Lieu, lieu: Lieu) -> dict[str, int]:
    """Match declared columns to the file's header, by title or by name.

    A computed column (``formule:``) need not be in the file; when it is, its
    cells are read, and the computation checks them.
    """
    norm = [_titre(e) for e in entetes]
    correspondance: dict[str, int] = {}
    for colonne in colonnes:
        if not isinstance(colonne, dict) or "nom" not in colonne:
            continue
        if colonne.get("formule") and not {_titre(colonne.get("titre") or ""), _titre(colonne["nom"])} & set(norm):
            continue
        candidats = [_titre(colonne.get("titre") or ""), _titre(colonne["nom"])]
        for candidat in candidats:
            if candidat and candidat in norm:
                indexes = [i for i, e in enumerate(norm) if e == candidat]
                if len(indexes) > 1:
                    numeros = " et ".join(str(i + 1) for i in indexes)
                    raise ErreurEntree([erreur(lieu_entetes, f"colonne « {entetes[indexes[0]]} » en double dans "
                                               f"l'en-tête (colonnes {numeros}) : laquelle lire ? Renommez l'une d'elles")])
                correspondance[str(colonne["nom"])] = indexes[0]
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
    leaves out or leaves empty: a séance passes its instance, date and
    collectivité this way, and each item's attendance and vote.
    """
    chemin = Path(chemin)
    donnees, positions = lire_yaml(chemin)
    nom = str(chemin)
    if not isinstance(donnees, dict):
        raise ErreurEntree([erreur(Lieu(nom, 1), "le fichier doit contenir des clés (objet:, numero:, …), pas une liste ni un texte")])
    for cle, (valeur, leurs_positions) in (defauts or {}).items():
        if cle not in donnees or donnees[cle] in (None, {}):  # a key left empty (« vote: {} ») takes the default
            donnees[cle] = copy.deepcopy(valeur)
            positions.greffer((cle,), leurs_positions)
        elif cle == "seance" and isinstance(donnees[cle], dict) and isinstance(valeur, dict):
            # an item's own séance block (its instance and date, checked against the séance's) gets what the
            # séance file says once and it leaves out: hour, place, président, secrétaire…
            for sous_cle, sous_valeur in valeur.items():
                if sous_cle not in donnees[cle]:
                    donnees[cle][sous_cle] = copy.deepcopy(sous_valeur)
                    positions.greffer((cle, sous_cle), leurs_positions.sous((sous_cle,)))
    _joindre_collectivite(donnees, positions, chemin)
    _joindre_tableaux(donnees, positions, chemin)
    return donnees, positions
