"""A breakdown by chapitre, article or fonction equals its detail.

A table declared ``regroupe: {tableau: annexe1, par: chapitre}`` breaks down
annex 1's table by its ``chapitre`` column: each of its rows holds, in every
amount column the two tables share, the sum of the detail rows of that
chapitre; and every chapitre of the detail has its row.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from deliberations.calcul.tableaux import TableauCalcule, tableaux
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, erreur
from deliberations.langue import decimaux, formats
from deliberations.model.objets import Point


def _cle(valeur: object) -> str:
    return re.sub(r"\s+", " ", str(valeur)).strip()


def _detail(point: Point, nom: str) -> tuple[TableauCalcule, str]:
    """The table ``annexe1`` or ``annexe1.tableau2`` names, and its name in words (raises ``ValueError``)."""
    m = re.fullmatch(r"\s*annexe\s*(\d+)(?:\s*\.\s*tableau\s*(\d+))?\s*", nom)
    if not m:
        raise ValueError(f"tableau détaillé « {nom} » : écrivez annexe1, ou annexe1.tableau2")
    annexes = tableaux(point)
    i, j = int(m.group(1)), int(m.group(2) or 1)
    if not 1 <= i <= len(annexes) or not 1 <= j <= len(annexes[i - 1]):
        raise ValueError(f"tableau détaillé « {nom} » inexistant")
    return annexes[i - 1][j - 1], f"annexe {i}" + (f", tableau {j}" if m.group(2) else "")


def regroupement(point: Point, tableau: TableauCalcule) -> Iterable[Finding]:
    """A breakdown table (``regroupe:``) equals, group by group, the table it breaks down."""
    regroupe = tableau.tableau.regroupe
    if regroupe is None:
        return
    lieu = origine(point).lieu((*tableau.chemin, "regroupe"))
    try:
        detail, nom_detail = _detail(point, regroupe.tableau)
    except ValueError as exc:
        yield erreur(origine(point).lieu((*tableau.chemin, "regroupe", "tableau")), str(exc))
        return
    par = regroupe.par
    noms = {c.nom for c in tableau.tableau.colonnes}
    noms_detail = {c.nom for c in detail.tableau.colonnes}
    if par not in noms or par not in noms_detail:
        yield erreur(origine(point).lieu((*tableau.chemin, "regroupe", "par")),
                     f"la colonne « {par} » regroupe les lignes : elle doit être dans les deux tableaux")
        return
    montants = [c.nom for c in tableau.tableau.colonnes if c.type == "montant" and c.nom in noms_detail]
    groupes: dict[str, list[dict[str, object]]] = {}
    for ligne in detail.lignes:
        groupes.setdefault(_cle(ligne[par].valeur), []).append({n: ligne[n].valeur for n in montants})
    vus = set()
    for ligne in tableau.lignes:
        cle = _cle(ligne[par].valeur)
        vus.add(cle)
        if cle not in groupes:
            yield erreur(ligne[par].lieu, f"aucune ligne de l'{nom_detail} n'a « {cle} » en colonne « {par} »")
            continue
        for nom in montants:
            somme = decimaux.somme([v for g in groupes[cle] if isinstance(v := g[nom], Decimal)])
            ecrit = ligne[nom].valeur
            if isinstance(ecrit, Decimal) and ecrit != somme:
                n = len(groupes[cle])
                yield erreur(ligne[nom].lieu, f"{par} {cle} : {formats.montant(ecrit)} écrit, mais "
                             f"{'la ligne' if n == 1 else f'les {formats.nombre(n)} lignes'} de l'{nom_detail} "
                             f"{'qui a' if n == 1 else 'qui ont'} ce {par} {'fait' if n == 1 else 'font'} "
                             f"{formats.montant(somme)}")
    for cle, lignes in groupes.items():
        if cle not in vus and cle:
            yield erreur(lieu, f"le {par} {cle} de l'{nom_detail} ({formats.nombre(len(lignes))} "
                         f"ligne{'s' if len(lignes) > 1 else ''}) manque à ce tableau")
