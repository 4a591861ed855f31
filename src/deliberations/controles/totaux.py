"""Totals that other figures must match: a total citing another table, sub-totals, totals typed as rows.

- ``totaux: {montant: ${annexe1.total.montant}}``: the column's sum must be the
  cited value (a cost table and its receipts, a list of grants and its
  breakdown by chapitre or article, a table and a named value);
- a sub-total row (``{sous_total: Sous-total études}``) is computed; a value
  typed on it must be the sum of the rows above it, since the previous one;
- a breakdown (``regroupe: {tableau: annexe1, par: chapitre}``) equals its detail,
  group by group (:mod:`deliberations.controles.regroupements`);
- a row labelled « Sous-total … », or a « Total » row equal to the rows above
  it, typed as an ordinary row would be added twice: it is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from deliberations.calcul.tableaux import TableauCalcule
from deliberations.controles.regroupements import regroupement
from deliberations.controles.repartition import resoudre_montant
from deliberations.erreurs import Finding, erreur
from deliberations.langue import decimaux, formats
from deliberations.model.genres import genre
from deliberations.model.objets import Point

_LIBELLE_SOUS_TOTAL = re.compile(r"\s*sous[\s\-]*totale?s?\b", re.IGNORECASE)
_LIBELLE_TOTAL = re.compile(r"\s*(?:totale?s?|totaux)\b", re.IGNORECASE)


def _afficher(valeur: Decimal | int, nom_genre: str) -> str:
    return genre(nom_genre).afficher(valeur) if nom_genre in ("montant", "pourcentage") else formats.nombre(valeur)


def verifier_totaux(point: Point, tableau: TableauCalcule) -> Iterable[Finding]:
    """Every finding about one table's cited totals, sub-totals and totals typed as rows."""
    yield from totaux_cites(point, tableau)
    yield from sous_totaux(tableau)
    yield from totaux_en_ligne(tableau)
    yield from regroupement(point, tableau)


def totaux_cites(point: Point, tableau: TableauCalcule) -> Iterable[Finding]:
    """A total typed as a reference (``totaux: {montant: ${annexe1.total.montant}}``) equals the column's sum.

    This is how two tables that must agree (a cost table and its receipts, a
    list of grants and its breakdown by chapitre) say so: the shared total is
    typed once, and a disagreement is an error at the citing total.
    """
    for nom, (cite, lieu) in tableau.totaux_cites.items():
        try:
            attendu = resoudre_montant(point, cite)
        except ValueError as exc:
            yield erreur(lieu, str(exc))
            continue
        calcule = tableau.totaux.get(nom)
        if calcule is not None and Decimal(calcule) != attendu:
            yield erreur(lieu, f"les {formats.nombre(len(tableau.lignes))} lignes font {formats.montant(calcule)}, "
                         f"mais {cite} vaut {formats.montant(attendu)} (écart de {formats.montant(abs(calcule - attendu))})")


def sous_totaux(tableau: TableauCalcule) -> Iterable[Finding]:
    """A value typed on a sub-total row is the sum of the rows above it (since the previous sub-total)."""
    genres = {c.nom: c.type for c in tableau.tableau.colonnes}
    for sous_total in tableau.sous_totaux:
        n = sous_total.position - sous_total.debut
        for nom, (imprime, lieu) in sous_total.imprimes.items():
            calcule = sous_total.sommes.get(nom)
            if calcule is not None and imprime != calcule:
                yield erreur(lieu, f"« {sous_total.libelle} » : {_afficher(imprime, genres[nom])} écrit, mais "
                             f"{'la ligne' if n == 1 else f'les {formats.nombre(n)} lignes'} au-dessus "
                             f"{'fait' if n == 1 else 'font'} {_afficher(calcule, genres[nom])}")


def totaux_en_ligne(tableau: TableauCalcule) -> Iterable[Finding]:
    """A sub-total or total typed as an ordinary row would be added to the total a second time."""
    colonnes = tableau.tableau.colonnes
    textes = [c.nom for c in colonnes if c.type == "texte"]
    sommes = [c.nom for c in colonnes if c.nom in tableau.totaux]
    if not textes or not sommes:
        return
    for k, ligne in enumerate(tableau.lignes):
        libelle = ligne[textes[0]].valeur
        if not isinstance(libelle, str):
            continue
        # a « Total » row is refused only when it is the sum of the rows above (a beneficiary may be called Total…)
        if not (_LIBELLE_SOUS_TOTAL.match(libelle) or (_LIBELLE_TOTAL.match(libelle) and k > 0
                                                       and _somme_au_dessus(tableau, k, sommes))):
            continue
        yield erreur(ligne[textes[0]].lieu, f"la ligne « {libelle.strip()} » serait additionnée comme les autres, "
                     f"donc comptée deux fois : écrivez-la {{sous_total: {libelle.strip()}}} (calculée, vérifiée, "
                     "imprimée à sa place) ou retirez-la (la ligne des totaux est imprimée d'office)")


def _somme_au_dessus(tableau: TableauCalcule, k: int, colonnes: list[str]) -> bool:
    """Whether row ``k`` holds, in every totalled column, the sum of the rows above it."""
    for nom in colonnes:
        au_dessus = decimaux.somme([l[nom].valeur for l in tableau.lignes[:k] if isinstance(l[nom].valeur, (Decimal, int))])
        if tableau.lignes[k][nom].valeur != au_dessus:
            return False
    return True
