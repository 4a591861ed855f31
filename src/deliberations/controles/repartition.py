"""Share tables (financing plans): amounts, printed rates and their base.

A financing plan is written in one of two ways, and both are accepted:

- **amounts first**: the amounts are the decided figures and each rate is
  printed rounded (« 14,6 % » for 180 000 € of 1 234 567,89 €); a printed rate
  is right when it is the half-up rounding of amount ÷ base to the number of
  decimals it is printed with;
- **rate first**: the rate is decided and the amount is the share of the base
  rounded half-up to the cent, the last line taking the rounding remainder so
  that the amounts add up to the base.

The amounts must add up to the base. When they do not and the plan reads as
rate first (most lines are exactly their rate of the base), the lines that
are not are named. The base may cite another value (``${annexe1.total.montant}``,
``${valeurs.cout}``), so that a cost table and its financing plan share one
total typed once.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable

from deliberations.calcul.parts import decimales, part_de, taux
from deliberations.calcul.references import MOTIF, ReferenceInvalide
from deliberations.calcul.tableaux import TableauCalcule, tableaux
from deliberations.calcul.valeurs import ValeurInvalide, chercheur
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, Lieu, erreur
from deliberations.langue import decimaux, formats
from deliberations.model.objets import Point


def _taux_distinct(montant: Decimal, base: Decimal, part: Decimal) -> str:
    """The actual rate printed with enough decimals to differ from the printed ``part``."""
    exact = Fraction(montant) * 100 / Fraction(base)
    chiffres = decimales(part)
    while True:
        valeur = decimaux.arrondir_fraction(exact, decimales=chiffres)
        if valeur != part or chiffres >= 6:
            break
        chiffres += 1
    return _tel_quel(valeur)


def _tel_quel(part: Decimal) -> str:
    """A rate with the decimals it was typed with: ``20.0`` → « 20,0 % » (a message compares precisions)."""
    return f"{formats.nombre(part) if decimales(part) == 0 else str(part).replace('.', ',')}\xa0%"


def resoudre_montant(point: Point, valeur: Any) -> Decimal:
    """A base or total as typed: an amount, or a reference ``${…}`` to one (raises ``ValueError``)."""
    if not isinstance(valeur, str):
        return valeur  # type: ignore[no-any-return]
    m = MOTIF.fullmatch(valeur.strip())
    if not m or m.group(1) is None:
        raise ValueError(f"montant ou référence ${{…}} attendu, pas « {valeur} »")
    chemin = m.group(1).partition("|")[0].strip()
    try:
        cite = chercheur(point)(chemin)
    except (ReferenceInvalide, ValeurInvalide) as exc:
        raise ValueError(f"${{{chemin}}} : {exc}") from None
    if cite.genre not in ("montant", "entier") or cite.valeur is None:
        raise ValueError(f"${{{chemin}}} n'est pas un montant ({cite.genre})")
    return Decimal(cite.valeur)


def base_de(point: Point, tableau: TableauCalcule) -> Decimal:
    """The base of a share table, its reference resolved (raises ``ValueError``)."""
    assert tableau.tableau.repartition is not None
    return resoudre_montant(point, tableau.tableau.repartition.base)


def _lieu(point: Point, *chemin: str | int) -> Lieu:
    return origine(point).lieu(tuple(chemin))


def check_repartitions(point: Point) -> Iterable[Finding]:
    """Share tables: amounts add up to the base; each printed rate is its amount's rate of the base."""
    for annexe in tableaux(point):
        for tableau in annexe:
            if tableau.tableau.repartition is not None:
                yield from _verifier(point, tableau)


def _verifier(point: Point, tableau: TableauCalcule) -> Iterable[Finding]:
    repartition = tableau.tableau.repartition
    assert repartition is not None
    noms = {c.nom for c in tableau.tableau.colonnes}
    lieu = _lieu(point, *tableau.chemin, "repartition")
    manquantes = [n for n in (repartition.part, repartition.montant) if n not in noms]
    if manquantes:
        yield erreur(lieu, f"colonne inconnue « {manquantes[0]} » dans la répartition")
        return
    try:
        base = base_de(point, tableau)
    except ValueError as exc:
        yield erreur(_lieu(point, *tableau.chemin, "repartition", "base"), str(exc))
        return
    if base <= 0:
        yield erreur(_lieu(point, *tableau.chemin, "repartition", "base"), "la base d'une répartition est un montant positif")
        return
    parts = [ligne[repartition.part].valeur for ligne in tableau.lignes]
    montants = [ligne[repartition.montant].valeur for ligne in tableau.lignes]
    if any(p is None for p in parts) or any(m is None for m in montants):
        yield erreur(lieu, "chaque ligne d'une répartition a une part et un montant")
        return
    somme = decimaux.somme(montants)
    dernier = len(montants) - 1
    reste = decimaux.somme([base, *(-m for m in montants[:-1])])
    # a line is right "rate first" when its amount is its rate of the base (the last: or the remainder,
    # when every other line is its rate)
    # (the remainder is the rounding of the other lines: a cent each at most)
    ecart_permis = Decimal("0.01") * len(montants)
    somme_parts = decimaux.somme(parts)
    exacts = [m == part_de(base, p) for p, m in zip(parts, montants)]
    if not exacts[dernier] and all(exacts[:-1]) and somme_parts == 100 and montants[dernier] == reste:
        exacts[dernier] = abs(reste - part_de(base, parts[dernier])) <= ecart_permis
    # and right "amount first" when its printed rate is the rounding of its amount's rate
    arrondis = [p == taux(m, base, decimales(p)) for p, m in zip(parts, montants)]
    if somme != base:
        yield erreur(lieu, f"les montants font {formats.montant(somme)}, mais la base est {formats.montant(base)} "
                     f"(écart de {formats.montant(abs(somme - base))})")
    # Whole-number rates, and most lines exactly their rate of the base or amounts that miss the base:
    # the plan reads as written rate first, and a line that is not its rate is wrong, even if its
    # rate rounds to the one printed (29 000 € of 147 000 € is not « 20 % » in such a plan).
    if all(decimales(p) == 0 for p in parts) and (2 * sum(exacts) > len(exacts) or somme != base):
        if somme_parts != 100:
            yield erreur(lieu, f"les parts font {formats.pourcentage(somme_parts)}, pas {formats.pourcentage(100)}")
        for k, ligne in enumerate(tableau.lignes):
            if exacts[k]:
                continue
            if k == dernier and reste != part_de(base, parts[k]) and somme_parts == 100 and all(exacts[:-1]):
                message = (f"la dernière ligne prend le reste de la base : {formats.montant(base)} moins les autres "
                           f"lignes font {formats.montant(reste)}, pas {formats.montant(montants[k])}")
            else:
                message = (f"{formats.pourcentage(parts[k])} de {formats.montant(base)} font "
                           f"{formats.montant(part_de(base, parts[k]))}, pas {formats.montant(montants[k])}")
            yield erreur(ligne[repartition.montant].lieu, message)
        return
    for k, ligne in enumerate(tableau.lignes):
        if exacts[k] or arrondis[k]:
            continue
        if k == dernier and somme == base:
            attendu = f" ; en dernière ligne, le reste de la base fait {formats.montant(reste)}"
        else:
            attendu = f" ; à {_tel_quel(parts[k])}, le montant serait {formats.montant(part_de(base, parts[k]))}"
        yield erreur(ligne[repartition.part].lieu,
                     f"{_tel_quel(parts[k])} écrit, mais {formats.montant(montants[k])} font "
                     f"{_taux_distinct(montants[k], base, parts[k])} de {formats.montant(base)}{attendu}")

