"""Annex tables, typed and computed: cells, formulas, totals, shares.

Cells are typed by their column (texte, montant, pourcentage, entier, date).
A row ``{sous_total: Sous-total études}`` is a sub-total: the sums of the rows
since the previous sub-total, printed in place, never added to the totals.
A column with a ``formule`` (``acompte + solde``) is computed on every row
(:mod:`deliberations.calcul.formules`); a value typed in such a column is kept
and compared by the checks. A formula that cannot be computed on a row is an
error at that cell, never an empty cell. Totals are the exact sums of the
totalled columns (amounts by default), never rounded to 28 digits.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from deliberations.calcul.formules import NUMERIQUES, Circulaires, Formule, compiler, evaluer, ordre
from deliberations.calcul.parts import part_de, taux
from deliberations.calcul.references import typer_valeur
from deliberations.entree.lecture import Chemin
from deliberations.entree.origine import origine
from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.langue import decimaux
from deliberations.model.genres import genre
from deliberations.model.objets import Point, Tableau

Valeur = Decimal | int | dt.date | str | None

#: a printed total that cites another value instead of repeating it
_REFERENCE = re.compile(r"\s*\$\{[^{}]*\}\s*")



@dataclass
class Cellule:
    """One value of a table, with where it was typed (or computed)."""

    valeur: Valeur
    lieu: Lieu
    saisie: bool = True
    calculee: Valeur = None
    #: the value typed (or computed) was refused, with an error at this cell
    refusee: bool = False


@dataclass
class SousTotal:
    """A sub-total row (``{sous_total: Sous-total études}``): the sums of the rows since the previous one.

    ``position`` is the number of detail rows above it; ``sommes`` the
    computed sums of the totalled columns; ``imprimes`` the values typed on
    the row, checked against them.
    """

    libelle: str
    position: int
    debut: int
    lieu: Lieu
    sommes: dict[str, Decimal | int] = field(default_factory=dict)
    imprimes: dict[str, tuple[Decimal | int, Lieu]] = field(default_factory=dict)


#: the key that makes a row a sub-total
SOUS_TOTAL = "sous_total"


@dataclass
class TableauCalcule:
    tableau: Tableau
    chemin: Chemin
    lignes: list[dict[str, Cellule]]
    totaux: dict[str, Decimal | int] = field(default_factory=dict)
    totaux_imprimes: dict[str, tuple[Decimal, Lieu]] = field(default_factory=dict)
    #: printed totals typed as a reference (``${annexe1.total.montant}``): the text typed, resolved by the checks
    totaux_cites: dict[str, tuple[str, Lieu]] = field(default_factory=dict)
    lieu: Lieu = field(default_factory=Lieu)
    #: sub-total rows, in order; never counted in ``lignes`` nor in the totals
    sous_totaux: list[SousTotal] = field(default_factory=list)

    def colonne(self, nom: str) -> list[Valeur]:
        return [ligne[nom].valeur for ligne in self.lignes]

    def lignes_imprimees(self) -> list[tuple[dict[str, Cellule] | None, SousTotal | None]]:
        """Every row as printed, in order: (detail row, None) or (None, sub-total)."""
        sortie: list[tuple[dict[str, Cellule] | None, SousTotal | None]] = []
        restants = list(self.sous_totaux)
        for k, ligne in enumerate(self.lignes):
            while restants and restants[0].position == k:
                sortie.append((None, restants.pop(0)))
            sortie.append((ligne, None))
        sortie.extend((None, st) for st in restants)
        return sortie


def tableaux(point: Point) -> list[list[TableauCalcule]]:
    """Every annex's computed tables (cached on the item); raise on a bad cell."""
    if point._calcul is None:
        calcul = _calculer(point)
        for annexe in calcul:
            for tableau in annexe:
                _deriver_parts(point, calcul, tableau)
        point._calcul = calcul
    return point._calcul  # type: ignore[no-any-return]


_BASE_TOTAL = re.compile(r"\s*\$\{\s*annexe\s*(\d+)(?:\s*\.\s*tableau\s*(\d+))?\s*\.\s*total\s*\.\s*(\w+)\s*\}\s*")
_BASE_VALEUR = re.compile(r"\s*\$\{\s*valeurs\s*\.\s*(\w+)\s*\}\s*")


def _base(point: Point, calcul: list[list[TableauCalcule]], base: Decimal | str) -> Decimal | None:
    """A share table's base, a cited total or named value resolved; None when it cannot be (the checks say why)."""
    if isinstance(base, Decimal):
        return base
    if m := _BASE_TOTAL.fullmatch(base):
        i, j, nom = int(m.group(1)), int(m.group(2) or 1), m.group(3)
        if 1 <= i <= len(calcul) and 1 <= j <= len(calcul[i - 1]):
            total = calcul[i - 1][j - 1].totaux.get(nom)
            return Decimal(total) if total is not None else None
    if (m := _BASE_VALEUR.fullmatch(base)) and m.group(1) in point.valeurs:
        try:
            typee = typer_valeur(point.valeurs[m.group(1)])
        except ValueError:
            return None
        return Decimal(typee.valeur) if typee.genre in ("montant", "entier") else None
    return None


def _deriver_parts(point: Point, calcul: list[list[TableauCalcule]], tableau: TableauCalcule) -> None:
    """Both ways of writing a financing plan: a rate left empty is derived from its amount, an amount from its rate.

    A derived rate is amount ÷ base rounded to ``decimales``; a derived amount
    is its rate of the base rounded to the cent, the last line taking the
    rounding remainder when the rates make 100 % and every other amount is known.
    """
    repartition = tableau.tableau.repartition
    noms = {c.nom for c in tableau.tableau.colonnes}
    if repartition is None or repartition.part not in noms or repartition.montant not in noms:
        return
    base = _base(point, calcul, repartition.base)
    if base is None or base <= 0:
        return
    part, montant = repartition.part, repartition.montant
    lignes = tableau.lignes
    parts = [l[part].valeur for l in lignes]
    for k, ligne in enumerate(lignes):
        cellule = ligne[montant]
        if cellule.valeur is None and not cellule.refusee and isinstance(parts[k], Decimal):
            cellule.valeur = cellule.calculee = part_de(base, parts[k])
            if k == len(lignes) - 1 and all(isinstance(p, Decimal) for p in parts) and decimaux.somme(parts) == 100 \
                    and all(isinstance(l[montant].valeur, Decimal) for l in lignes[:-1]):
                cellule.valeur = cellule.calculee = decimaux.somme([base, *(-l[montant].valeur for l in lignes[:-1])])
    for ligne in lignes:
        cellule = ligne[part]
        if cellule.valeur is None and not cellule.refusee and isinstance(ligne[montant].valeur, Decimal):
            cellule.valeur = cellule.calculee = taux(ligne[montant].valeur, base, repartition.decimales)
    for nom in (part, montant):
        if nom in tableau.totaux:
            genre_colonne = next(c.type for c in tableau.tableau.colonnes if c.nom == nom)
            tableau.totaux[nom] = _somme(tableau.colonne(nom), genre_colonne)


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
    formules: dict[str, Formule] = {}
    genres = {c.nom: c.type for c in tableau.colonnes}
    for k, colonne in enumerate(tableau.colonnes):
        if colonne.formule:
            try:
                if colonne.type not in NUMERIQUES:
                    types = ", ".join(f"« type: {n} »" for n in NUMERIQUES)
                    raise ValueError(f"une colonne calculée est un nombre : précisez l'un de {types} (pas {colonne.type})")
                formules[colonne.nom] = compiler(colonne.formule, genres)
            except ValueError as exc:
                erreurs.append(erreur(lieu_de(chemin + ("colonnes", k, "formule")), str(exc)))
    try:
        calculees = ordre(formules)
    except Circulaires as exc:
        k = next(k for k, c in enumerate(tableau.colonnes) if c.nom == exc.colonne)
        erreurs.append(erreur(lieu_de(chemin + ("colonnes", k, "formule")), str(exc)))
        calculees = []
    lignes: list[dict[str, Cellule]] = []
    sous_totaux: list[SousTotal] = []
    for r, brute in enumerate(tableau.lignes):
        chemin_ligne = chemin + ("lignes", r)
        if isinstance(brute, dict) and SOUS_TOTAL in brute and SOUS_TOTAL not in colonnes:
            sous_totaux.append(_lire_sous_total(brute, chemin_ligne, len(lignes), sous_totaux, tableau, lieu_de, erreurs))
            continue
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
                ligne[colonne.nom] = Cellule(None, lieu, saisie=False, refusee=True)
        for nom in calculees:
            formule = formules[nom]
            cellule = ligne[nom]
            if any(ligne[n].refusee for n in formule.colonnes):
                cellule.refusee = True  # an operand already refused: one error is enough
                continue
            operandes = {n: (ligne[n].calculee if n in formules else ligne[n].valeur) for n in formule.colonnes}
            try:
                calcul = evaluer(formule, operandes, colonnes[nom].type)
            except ValueError as exc:
                erreurs.append(erreur(cellule.lieu, str(exc)))
                cellule.refusee = True
                continue
            cellule.calculee = calcul
            if not cellule.saisie:
                cellule.valeur = calcul
        lignes.append(ligne)
    calcule = TableauCalcule(tableau, chemin, lignes, lieu=lieu_de(chemin), sous_totaux=sous_totaux)
    for k, colonne in enumerate(tableau.colonnes):
        if colonne.total and not genre(colonne.type).additionnable:
            erreurs.append(erreur(lieu_de(chemin + ("colonnes", k, "total")),
                                  f"total impossible pour une colonne de type {colonne.type} : ses valeurs ne "
                                  "s'additionnent pas (total: non, ou un type montant, pourcentage ou entier)"))
            continue
        if _totalisee(colonne.type, colonne.total):
            calcule.totaux[colonne.nom] = _somme(calcule.colonne(colonne.nom), colonne.type)
            for sous_total in sous_totaux:
                tranche = calcule.colonne(colonne.nom)[sous_total.debut:sous_total.position]
                sous_total.sommes[colonne.nom] = _somme(tranche, colonne.type)
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
                if isinstance(valeur, str) and _REFERENCE.fullmatch(valeur):
                    calcule.totaux_cites[nom] = (valeur.strip(), lieu)
                else:
                    typage = genre(colonnes[nom].type).lire_cellule
                    calcule.totaux_imprimes[nom] = (typage(valeur), lieu)
            except ValueError as exc:
                erreurs.append(erreur(lieu, str(exc)))
            if nom not in calcule.totaux:
                calcule.totaux[nom] = _somme(calcule.colonne(nom), "montant")
    return calcule


def _lire_sous_total(brute: dict[str, object], chemin_ligne: Chemin, position: int, avant: list[SousTotal],
                     tableau: Tableau, lieu_de: Callable[[Chemin], Lieu], erreurs: list[Finding]) -> SousTotal:
    """A sub-total row: its label, where it stands, and the values typed on it (checked later)."""
    colonnes = {c.nom: c for c in tableau.colonnes}
    debut = avant[-1].position if avant else 0
    libelle = brute[SOUS_TOTAL]
    sous_total = SousTotal(str(libelle or "Sous-total").strip(), position, debut, lieu_de(chemin_ligne))
    for nom, valeur in brute.items():
        lieu = lieu_de(chemin_ligne + (nom,))
        if nom == SOUS_TOTAL or valeur is None:
            continue
        if nom not in colonnes:
            erreurs.append(erreur(lieu, f"colonne inconnue « {nom} » (colonnes : {', '.join(colonnes)})"))
        elif not _totalisee(colonnes[nom].type, colonnes[nom].total):
            erreurs.append(erreur(lieu, f"un sous-total n'a de valeur que dans une colonne totalisée, pas « {nom} »"))
        else:
            try:
                sous_total.imprimes[nom] = (genre(colonnes[nom].type).lire_cellule(valeur), lieu)
            except ValueError as exc:
                erreurs.append(erreur(lieu, str(exc)))
    return sous_total


def _somme(valeurs: list[Valeur], genre_colonne: str) -> Decimal | int:
    """The exact total of a column's numbers (an int for an ``entier`` column)."""
    nombres = [v for v in valeurs if isinstance(v, (Decimal, int)) and not isinstance(v, bool)]
    if genre_colonne == "entier" and all(isinstance(v, int) for v in nombres):
        return sum(nombres)  # type: ignore[arg-type]
    return decimaux.somme(nombres)  # type: ignore[arg-type]


def _totalisee(type_colonne: str, total: bool | None) -> bool:
    if total is not None:
        return total
    return genre(type_colonne).totalise


def totalise(tableau: TableauCalcule) -> bool:
    """Whether the table prints a totals row."""
    return tableau.tableau.totaux is not False and bool(tableau.totaux)
