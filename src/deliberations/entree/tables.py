"""Annex tables from spreadsheets: CSV and XLSX to rows of plain values, each with its place (file, sheet, row, column)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deliberations.entree.lecture import decoder, lire_octets
from deliberations.erreurs import ErreurEntree, Lieu, erreur


@dataclass
class TableLue:
    """Rows read from a CSV or XLSX file, with their places."""

    entetes: list[str]
    lignes: list[list[Any]]
    lieux: list[list[Lieu]]


def lire_table(chemin: Path, feuille: str | None = None) -> TableLue:
    """Read a CSV (``;`` or ``,`` separated, UTF-8) or XLSX sheet; first row is the header."""
    suffixe = chemin.suffix.lower()
    if suffixe == ".csv":
        return _lire_csv(chemin)
    if suffixe in (".xlsx", ".xlsm"):
        return _lire_xlsx(chemin, feuille)
    raise ErreurEntree([erreur(Lieu(str(chemin)), "format de tableau non reconnu (attendu : .csv ou .xlsx)")])


def _lire_csv(chemin: Path) -> TableLue:
    nom = str(chemin)
    texte = decoder(lire_octets(chemin), nom)
    try:
        dialecte = csv.Sniffer().sniff(texte[:4096], delimiters=";,\t")
    except csv.Error:
        dialecte = csv.excel
        dialecte.delimiter = ";"  # type: ignore[misc]
    lecteur = csv.reader(io.StringIO(texte, newline=""), dialecte)
    rangs = [r for r in lecteur]
    if not rangs:
        raise ErreurEntree([erreur(Lieu(nom, 1), "tableau vide")])
    entetes = [e.strip() for e in rangs[0]]
    lignes, lieux = [], []
    for numero, rang in enumerate(rangs[1:], start=2):
        if not any(c.strip() for c in rang):
            continue
        lignes.append(rang)
        lieux.append([Lieu(nom, numero, f"colonne « {e} »") for e in entetes])
    return TableLue(entetes, lignes, lieux)


def _lire_xlsx(chemin: Path, feuille: str | None) -> TableLue:
    import openpyxl  # deferred: heavy, and only needed for XLSX sources

    nom = str(chemin)
    lire_octets(chemin)  # size and existence checks
    try:
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ErreurEntree([erreur(Lieu(nom), f"classeur illisible : {exc}")]) from None
    try:
        if feuille is None:
            ws = classeur.worksheets[0]
        elif feuille in classeur.sheetnames:
            ws = classeur[feuille]
        else:
            raise ErreurEntree(
                [erreur(Lieu(nom), f"feuille « {feuille} » introuvable (feuilles : {', '.join(classeur.sheetnames)})")]
            )
        rangs = list(ws.iter_rows(values_only=True))
        titre = ws.title
    finally:
        classeur.close()
    if not rangs:
        raise ErreurEntree([erreur(Lieu(nom, 1, f"feuille « {titre} »"), "feuille vide")])
    entetes = ["" if c is None else str(c).strip() for c in rangs[0]]
    lignes, lieux = [], []
    for numero, rang in enumerate(rangs[1:], start=2):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in rang):
            continue
        lignes.append([_cellule_xlsx(c) for c in rang])
        lieux.append([Lieu(nom, numero, f"feuille « {titre} », colonne « {e} »") for e in entetes])
    return TableLue(entetes, lignes, lieux)


def _cellule_xlsx(valeur: Any) -> Any:
    """Spreadsheet cells: floats go through their shortest repr, never binary noise."""
    if valeur is None:
        return None
    if isinstance(valeur, float):
        return repr(valeur)
    if isinstance(valeur, str):
        return valeur
    return valeur
