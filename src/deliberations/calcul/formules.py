"""Table formulas: ``acompte + solde``, computed exactly, or refused with the reason.

A formula is arithmetic (``+ - * /``, parentheses, decimal numbers written
``0,5`` or ``0.5``) over the row's numeric columns. It is computed on exact
fractions, so no digit is lost and ``x / 3 * 3`` is ``x``; the result is then
made a value of its column's kind, in one step:

=============== ============================================================
``montant``     rounded half-up to the cent (:func:`decimaux.arrondir_fraction`)
``entier``      must be a whole number: 7 500,5 is an error, never truncated
``pourcentage`` exact when its decimal writing ends, else rounded half-up to
                10 decimals
=============== ============================================================

Whatever cannot be computed is an error, never an empty cell: a division by
zero, an empty operand, an operand that is not a number, a result beyond
:data:`~deliberations.langue.decimaux.MONTANT_MAX` (10^15 or more once
rounded, whatever the column's kind). A formula naming
an unknown column, a text or date column, or itself (directly or through
another formula) is refused when it is read.

>>> f = compiler("acompte / 3 * 3", {"acompte": "montant"})
>>> evaluer(f, {"acompte": Decimal("0.01")}, "montant")
Decimal('0.01')
>>> evaluer(compiler("a / 2", {"a": "entier"}), {"a": 7}, "entier")
Traceback (most recent call last):
...
ValueError: formule « a / 2 » : le résultat 3,5 n'est pas un nombre entier (colonne de type entier)
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from deliberations.langue import decimaux, formats
from deliberations.model.genres import GENRES

#: kinds of column a formula may compute from, and compute
NUMERIQUES = tuple(g.nom for g in GENRES.values() if g.nombre)
#: longest formula, in characters (a formula is computed on every row)
LONGUEUR_MAX = 300

_OPERATIONS: dict[type, Any] = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                                ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}
_NOMBRE = re.compile(r"[0-9]{1,18}(?:\.[0-9]{1,18})?")
_SYMBOLES = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


@dataclass(frozen=True)
class Formule:
    """A compiled formula: its text, its tree, the columns it reads."""

    texte: str
    arbre: ast.Expression
    colonnes: tuple[str, ...]
    #: the text parsed: decimal commas as points, on one line
    source: str = ""


def compiler(formule: str, genres: Mapping[str, str]) -> Formule:
    """Parse a formula over columns of the given kinds (``{nom: genre}``); ``ValueError`` in French.

    >>> compiler("acompte + structure", {"acompte": "montant", "structure": "texte"})
    Traceback (most recent call last):
    ...
    ValueError: formule « acompte + structure » : la colonne « structure » est de type texte, pas un nombre
    """
    source = " ".join(formule.replace(",", ".").split())  # a formula may be written on several lines
    if len(source) > LONGUEUR_MAX:
        raise ValueError(f"formule de {len(source)} caractères : au plus {LONGUEUR_MAX}")
    try:
        arbre = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise ValueError(f"formule illisible : « {formule} » (exemple : acompte + solde)") from None
    noms: list[str] = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Name):
            if noeud.id not in genres:
                raise ValueError(f"formule « {formule} » : colonne inconnue « {noeud.id} »")
            if genres[noeud.id] not in NUMERIQUES:
                raise ValueError(f"formule « {formule} » : la colonne « {noeud.id} » est de type "
                                 f"{genres[noeud.id]}, pas un nombre")
            if noeud.id not in noms:
                noms.append(noeud.id)
        elif isinstance(noeud, ast.Constant):
            segment = ast.get_source_segment(source, noeud) or ""
            if isinstance(noeud.value, bool) or not isinstance(noeud.value, (int, float)):
                raise ValueError(f"formule « {formule} » : seuls des nombres et des noms de colonnes")
            if not _NOMBRE.fullmatch(segment):
                raise ValueError(f"formule « {formule} » : nombre « {segment} » illisible (écrivez par exemple "
                                 "1500 ou 0,25 : au plus 18 chiffres, sans exposant ni espace)")
            # Keep the literal text of numbers, so that 0.1 stays exactly 0.1.
            noeud.value = Fraction(segment)
        elif not isinstance(noeud, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Load,
                                    *_OPERATIONS)):
            raise ValueError(f"formule « {formule} » : seules les opérations + - * / sont permises")
    return Formule(formule, arbre, tuple(noms), source)


def evaluer(formule: Formule, valeurs: Mapping[str, Any], genre: str) -> Decimal | int:
    """The formula's value on one row, as a value of kind ``genre``; ``ValueError`` in French.

    >>> evaluer(compiler("a / b", {"a": "montant", "b": "montant"}), {"a": Decimal(1), "b": Decimal(0)}, "montant")
    Traceback (most recent call last):
    ...
    ValueError: formule « a / b » : division par zéro (« b » vaut 0)
    """
    exact = _calculer(formule, formule.arbre.body, valeurs)
    if decimaux.trop_grand(exact):
        raise ValueError(f"formule « {formule.texte} » : résultat trop grand (au plus "
                         f"{formats.nombre(int(decimaux.MONTANT_MAX))},99)")
    if genre == "entier":
        if exact.denominator != 1:
            # the French figure with at most two decimals and no padding zero (7 500,5), as percentages are written
            ecrit = formats.pourcentage(decimaux.arrondir_fraction(exact, decimales=2)).removesuffix("\xa0%")
            raise ValueError(f"formule « {formule.texte} » : le résultat {ecrit} n'est pas un nombre entier "
                             "(colonne de type entier)")
        return int(exact)
    if genre == "montant":
        return decimaux.arrondir_fraction(exact)
    return _en_decimal(exact)


def _en_decimal(valeur: Fraction) -> Decimal:
    """An exact fraction as a Decimal: exactly when its decimal writing ends, else to 10 decimals."""
    denominateur, decimales = valeur.denominator, 0
    for facteur in (2, 5):
        while denominateur % facteur == 0:
            denominateur //= facteur
    if denominateur == 1:
        while (valeur * 10**decimales).denominator != 1:
            decimales += 1
        return decimaux.arrondir_fraction(valeur, decimales=decimales)
    return decimaux.arrondir_fraction(valeur, decimales=10)


def _calculer(formule: Formule, noeud: ast.AST, valeurs: Mapping[str, Any]) -> Fraction:
    if isinstance(noeud, ast.Constant):
        return noeud.value  # type: ignore[no-any-return]
    if isinstance(noeud, ast.Name):
        valeur = valeurs.get(noeud.id)
        if valeur is None or valeur == "":
            raise ValueError(f"formule « {formule.texte} » : « {noeud.id} » est vide à cette ligne "
                             "(écrivez 0 si c'est zéro)")
        if isinstance(valeur, bool) or not isinstance(valeur, (Decimal, int)):
            raise ValueError(f"formule « {formule.texte} » : « {noeud.id} » n'est pas un nombre à cette ligne")
        return Fraction(valeur)
    if isinstance(noeud, ast.UnaryOp):
        operande = _calculer(formule, noeud.operand, valeurs)
        return -operande if isinstance(noeud.op, ast.USub) else operande
    if isinstance(noeud, ast.BinOp):
        gauche = _calculer(formule, noeud.left, valeurs)
        droite = _calculer(formule, noeud.right, valeurs)
        if isinstance(noeud.op, ast.Div) and droite == 0:
            diviseur = (ast.get_source_segment(formule.source, noeud.right) or "0").replace(".", ",")
            vaut = "" if isinstance(noeud.right, ast.Constant) else f" (« {diviseur} » vaut 0)"
            raise ValueError(f"formule « {formule.texte} » : division par zéro{vaut}")
        return _OPERATIONS[type(noeud.op)](gauche, droite)  # type: ignore[no-any-return]
    raise ValueError(f"formule « {formule.texte} » : formule invalide")


class Circulaires(ValueError):
    """Computed columns that read each other; ``colonne`` is the first of the cycle."""

    def __init__(self, message: str, colonne: str) -> None:
        super().__init__(message)
        self.colonne = colonne


def ordre(formules: Mapping[str, Formule]) -> list[str]:
    """The computed columns in an order where each comes after those it reads; :class:`Circulaires` on a cycle.

    >>> ordre({"b": compiler("a + 1", {"a": "entier"}), "a": compiler("c * 2", {"c": "entier"})})
    ['a', 'b']
    """
    resultat: list[str] = []
    en_cours: list[str] = []

    def visiter(nom: str) -> None:
        if nom in resultat:
            return
        if nom in en_cours:
            cycle = en_cours[en_cours.index(nom):] + [nom]
            raise Circulaires(f"formules circulaires : {' → '.join(cycle)} (une colonne calculée ne peut "
                              "dépendre d'elle-même)", nom)
        en_cours.append(nom)
        for lue in formules[nom].colonnes:
            if lue in formules:
                visiter(lue)
        en_cours.pop()
        resultat.append(nom)

    for nom in formules:
        visiter(nom)
    return resultat
