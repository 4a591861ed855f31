"""Annex tables, typed and computed: cells, formulas, totals, shares.

Cells are typed by their column (texte, montant, pourcentage, entier, date).
A column with a ``formule`` (``acompte + solde``) is computed on every row;
a value typed in such a column is kept and compared by the checks. Totals are
the sums of the totalled columns (amounts by default). Money is rounded by
:func:`deliberations.formats.arrondir` only.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from deliberations.entree.lecture import Chemin
from deliberations.entree.origine import origine
from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.langue import formats
from deliberations.model.genres import genre
from deliberations.model.objets import Point, Tableau

Valeur = Decimal | int | dt.date | str | None



@dataclass
class Cellule:
    """One value of a table, with where it was typed (or computed)."""

    valeur: Valeur
    lieu: Lieu
    saisie: bool = True
    calculee: Valeur = None


@dataclass
class TableauCalcule:
    tableau: Tableau
    chemin: Chemin
    lignes: list[dict[str, Cellule]]
    totaux: dict[str, Decimal | int] = field(default_factory=dict)
    totaux_imprimes: dict[str, tuple[Decimal, Lieu]] = field(default_factory=dict)
    lieu: Lieu = field(default_factory=Lieu)

    def colonne(self, nom: str) -> list[Valeur]:
        return [ligne[nom].valeur for ligne in self.lignes]


def tableaux(point: Point) -> list[list[TableauCalcule]]:
    """Every annex's computed tables (cached on the item); raise on a bad cell."""
    if point._calcul is None:
        point._calcul = _calculer(point)
    return point._calcul  # type: ignore[no-any-return]


def _calculer(point: Point) -> list[list[TableauCalcule]]:

    charge = origine(point)
    erreurs: list[Finding] = []
    resultat = []
    for i, annexe in enumerate(point.annexes):
        calcules = []
        for j, tableau in enumerate(annexe.tableaux):
            chemin: Chemin = ("annexes", i, "tableaux", j)
            calcules.append(_calculer_tableau(tableau, chemin, charge.lieu, erreurs))
        resultat.append(calcules)
    if erreurs:
        raise ErreurEntree(erreurs)
    return resultat


def _calculer_tableau(tableau: Tableau, chemin: Chemin, lieu_de: Callable[[Chemin], Lieu],
                      erreurs: list[Finding]) -> TableauCalcule:
    colonnes = {c.nom: c for c in tableau.colonnes}
    formules: dict[str, ast.Expression] = {}
    for k, colonne in enumerate(tableau.colonnes):
        if colonne.formule:
            try:
                formules[colonne.nom] = _compiler(colonne.formule, colonnes)
            except ValueError as exc:
                erreurs.append(erreur(lieu_de(chemin + ("colonnes", k, "formule")), str(exc)))
    lignes: list[dict[str, Cellule]] = []
    for r, brute in enumerate(tableau.lignes):
        chemin_ligne = chemin + ("lignes", r)
        if isinstance(brute, list):
            if len(brute) > len(tableau.colonnes):
                aide = ""
                if any(isinstance(v, str) and re.fullmatch(r"\d{1,2}( €)?", v.strip()) for v in brute[1:]):
                    aide = (" : dans une liste [ … ], la virgule sépare les valeurs ; mettez les montants à virgule"
                            " entre guillemets (\"15 000,00 €\")")
                erreurs.append(erreur(lieu_de(chemin_ligne),
                                      f"{len(brute)} valeurs pour {len(tableau.colonnes)} colonnes{aide}"))
                continue
            brute = {c.nom: v for c, v in zip(tableau.colonnes, brute)}
        elif not isinstance(brute, dict):
            erreurs.append(erreur(lieu_de(chemin_ligne), "ligne attendue : une liste de valeurs ou des « colonne: valeur »"))
            continue
        ligne: dict[str, Cellule] = {}
        for nom, valeur in brute.items():
            if nom not in colonnes:
                proche = difflib.get_close_matches(str(nom), list(colonnes), n=1)
                aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else f" (colonnes : {', '.join(colonnes)})"
                erreurs.append(erreur(lieu_de(chemin_ligne + (nom,)), f"colonne inconnue « {nom} »{aide}"))
        for colonne in tableau.colonnes:
            lieu = lieu_de(chemin_ligne + (colonne.nom,))
            valeur = brute.get(colonne.nom)
            if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
                if colonne.formule or colonne.type == "texte":
                    ligne[colonne.nom] = Cellule("" if colonne.type == "texte" and not colonne.formule else None, lieu, saisie=False)
                else:
                    ligne[colonne.nom] = Cellule(None, lieu, saisie=False)
                continue
            try:
                ligne[colonne.nom] = Cellule(genre(colonne.type).lire_cellule(valeur), lieu)
            except ValueError as exc:
                erreurs.append(erreur(lieu, str(exc)))
                ligne[colonne.nom] = Cellule(None, lieu, saisie=False)
        for nom, expression in formules.items():
            try:
                calcul = _evaluer(expression, {n: c.valeur for n, c in ligne.items()})
            except (ValueError, InvalidOperation, ZeroDivisionError):
                calcul = None
            if calcul is not None and colonnes[nom].type == "montant":
                calcul = formats.arrondir(calcul)
            elif calcul is not None and colonnes[nom].type == "entier":
                calcul = int(calcul)
            cellule = ligne[nom]
            cellule.calculee = calcul
            if not cellule.saisie:
                cellule.valeur = calcul
        lignes.append(ligne)
    calcule = TableauCalcule(tableau, chemin, lignes, lieu=lieu_de(chemin))
    for k, colonne in enumerate(tableau.colonnes):
        if colonne.total and not genre(colonne.type).additionnable:
            erreurs.append(erreur(lieu_de(chemin + ("colonnes", k, "total")),
                                  f"total impossible pour une colonne de type {colonne.type} : ses valeurs ne "
                                  "s'additionnent pas (total: non, ou un type montant, pourcentage ou entier)"))
            continue
        if _totalisee(colonne.type, colonne.total):
            valeurs = [v for v in calcule.colonne(colonne.nom) if isinstance(v, (Decimal, int))]
            total: Decimal | int = sum(valeurs, Decimal(0) if colonne.type != "entier" else 0)
            calcule.totaux[colonne.nom] = total
    if isinstance(tableau.totaux, dict):
        for nom, valeur in tableau.totaux.items():
            lieu = lieu_de(chemin + ("totaux", nom))
            if nom not in colonnes:
                erreurs.append(erreur(lieu, f"total d'une colonne inconnue « {nom} » (colonnes : {', '.join(colonnes)})"))
                continue
            if not genre(colonnes[nom].type).additionnable:
                erreurs.append(erreur(lieu, f"total déclaré pour la colonne « {nom} », de type {colonnes[nom].type}, "
                                            "dont les valeurs ne s'additionnent pas"))
                continue
            try:
                typage = genre(colonnes[nom].type).lire_cellule
                calcule.totaux_imprimes[nom] = (typage(valeur), lieu)
            except ValueError as exc:
                erreurs.append(erreur(lieu, str(exc)))
            if nom not in calcule.totaux:
                valeurs = [v for v in calcule.colonne(nom) if isinstance(v, (Decimal, int))]
                calcule.totaux[nom] = sum(valeurs, Decimal(0))
    return calcule


def _totalisee(type_colonne: str, total: bool | None) -> bool:
    if total is not None:
        return total
    return genre(type_colonne).totalise


def totalise(tableau: TableauCalcule) -> bool:
    """Whether the table prints a totals row."""
    return tableau.tableau.totaux is not False and bool(tableau.totaux)


# --------------------------------------------------------------------------
# Formulas: + - * / and parentheses over the row's columns and decimal numbers


_OPERATIONS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
               ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


def _compiler(formule: str, colonnes: dict[str, Any]) -> ast.Expression:
    """Parse a formula, allowing only arithmetic over known columns.

    >>> _compiler("acompte + solde", {"acompte": 1, "solde": 1}) is not None
    True
    """
    try:
        arbre = ast.parse(formule.replace(",", "."), mode="eval")
    except SyntaxError:
        raise ValueError(f"formule illisible : « {formule} » (exemple : acompte + solde)") from None
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Name):
            if noeud.id not in colonnes:
                raise ValueError(f"formule « {formule} » : colonne inconnue « {noeud.id} »")
        elif isinstance(noeud, ast.Constant):
            if not isinstance(noeud.value, (int, float)) or isinstance(noeud.value, bool):
                raise ValueError(f"formule « {formule} » : seuls des nombres et des noms de colonnes")
        elif not isinstance(noeud, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Load,
                                    *_OPERATIONS)):
            raise ValueError(f"formule « {formule} » : seules les opérations + - * / sont permises")
    # Keep the literal text of numbers, so that 0.1 stays exactly 0.1.
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Constant):
            segment = ast.get_source_segment(formule.replace(",", "."), noeud)
            noeud.value = Decimal(segment or str(noeud.value))
    return arbre


def _evaluer(arbre: ast.AST, valeurs: dict[str, Valeur]) -> Decimal | None:
    if isinstance(arbre, ast.Expression):
        return _evaluer(arbre.body, valeurs)
    if isinstance(arbre, ast.Constant):
        return Decimal(arbre.value)
    if isinstance(arbre, ast.Name):
        valeur = valeurs.get(arbre.id)
        if valeur is None:
            return None
        if not isinstance(valeur, (Decimal, int)):
            raise ValueError("valeur non numérique")
        return Decimal(valeur)
    if isinstance(arbre, ast.UnaryOp):
        operande = _evaluer(arbre.operand, valeurs)
        if operande is None:
            return None
        return -operande if isinstance(arbre.op, ast.USub) else operande
    if isinstance(arbre, ast.BinOp):
        gauche, droite = _evaluer(arbre.left, valeurs), _evaluer(arbre.right, valeurs)
        if gauche is None or droite is None:
            return None
        return _OPERATIONS[type(arbre.op)](gauche, droite)  # type: ignore[no-any-return]
    raise ValueError("formule invalide")
