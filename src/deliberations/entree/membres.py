"""The assembly's members read from a spreadsheet: a CSV or XLSX file with a « nom » column."""

from __future__ import annotations

from pathlib import Path

from deliberations.entree.lecture import Positions
from deliberations.entree.tables import lire_table
from deliberations.erreurs import ErreurEntree, Lieu, erreur


def lire_membres(chemin: Path, demande: Lieu) -> tuple[list[str], Positions]:
    """The names of the « nom » column, in order, with the place of each (under ``membres``); empty rows skipped.

    ``demande`` is where the séance file or the profile names the file.
    """
    if not chemin.is_file():
        raise ErreurEntree([erreur(demande, f"liste des membres introuvable : {chemin}")])
    table = lire_table(chemin, demande=demande)
    entetes = [e.strip().lower() for e in table.entetes]
    if "nom" not in entetes:
        raise ErreurEntree([erreur(Lieu(str(chemin), table.ligne_entete),
                                   "la liste des membres a une colonne « nom » (« M. Jean Dupont »)")])
    colonne = entetes.index("nom")
    noms: list[str] = []
    positions = Positions()
    problemes = []
    for k, (ligne, lieux) in enumerate(zip(table.lignes, table.lieux)):
        if (k, None) in table.problemes or (k, colonne) in table.problemes:
            message = table.problemes.get((k, colonne)) or table.problemes[(k, None)]
            problemes.append(erreur(lieux[colonne] if colonne < len(lieux) else table.lieux_lignes[k], message))
            continue
        cellule = ligne[colonne] if colonne < len(ligne) else None
        texte = "" if cellule is None or cellule.valeur is None else str(cellule.texte or cellule.valeur).strip()
        if not texte:
            continue
        positions.ajouter((len(noms),), lieux[colonne])
        noms.append(texte)
    if problemes:
        raise ErreurEntree(problemes)
    if not noms:
        raise ErreurEntree([erreur(Lieu(str(chemin)), "la liste des membres est vide")])
    return noms, positions
