"""The bounds of one render: loop turns and calls, time, work of filters, size of values and of the output.

A template is a user's file: its loops may be nested without end
(``{% for i in range(100000) %}{% for j in range(100000) %}``), its
expressions may grow a string step by step (``~``, ``|replace``, ``|join``),
its output may be gigabytes. The render under way carries a
:class:`Budget` (a context variable: each thread, each process has its
own); the sandbox (:mod:`.jinja`) spends it at each loop turn, each call,
each filter and each printed value, and raises a French
:class:`~jinja2.exceptions.SecurityError` when it runs out. Checks are a
counter decremented, and the clock read every few hundred steps: the normal
path pays almost nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError

#: the longest string or list (characters or items) one template expression may build
TAILLE_MAX_EXPRESSION = 1_000_000
#: the most characters a render may print (values and template text, all parts; 5 000 annex rows ≈ 4 million)
TAILLE_MAX_SORTIE = 32_000_000
#: the most loop turns one render may make (a call counts :data:`PAS_PAR_APPEL` turns)
PAS_MAX = 5_000_000
#: what one call (a macro, a function, a method) costs, in loop turns: a macro call is as slow as ten turns
PAS_PAR_APPEL = 10
#: the most characters or items the filters of one render may go through
TRAVAIL_MAX = 200_000_000
#: the longest one render may take (seconds)
DUREE_MAX = 30.0

#: the deepest a printed value may nest (lists in lists…)
PROFONDEUR_MAX_VALEUR = 100

#: a filter going through, or a value printing, this many characters reads the clock at once
_GRAND = 10_000

#: the clock is read every this many steps (plus one)
_TOUS_LES = 0xFF


def _chiffre(n: float) -> str:
    return format(int(n), ",").replace(",", " ")


def trop_grand(quoi: str) -> SecurityError:
    return SecurityError(f"{quoi} : résultat trop grand (au plus {_chiffre(TAILLE_MAX_EXPRESSION)} caractères ou "
                         "éléments par expression)")


class Budget:
    """What the render under way may still spend."""

    __slots__ = ("pas", "travail", "sortie", "fin")

    def __init__(self) -> None:
        self.pas = PAS_MAX
        self.travail = TRAVAIL_MAX
        self.sortie = TAILLE_MAX_SORTIE
        self.fin = time.monotonic() + DUREE_MAX

    def controler(self) -> None:
        """Raise when the turns or the time are spent."""
        if self.pas <= 0:
            raise SecurityError(f"boucles ou appels sans fin : ce document dépasse {_chiffre(PAS_MAX)} tours de boucle "
                                f"(un appel de macro ou de fonction en compte {PAS_PAR_APPEL}) ; des boucles {{% for %}} "
                                "imbriquées parcourent-elles des suites démesurées, une macro s'appelle-t-elle sans fin ?")
        if time.monotonic() > self.fin:
            raise SecurityError(f"rendu trop long : plus de {_chiffre(DUREE_MAX)} secondes pour ce document "
                                "(des boucles {% for %} imbriquées ?)")

    def faire_un_pas(self, pas: int = 1) -> None:
        avant = self.pas
        self.pas -= pas
        if avant & ~_TOUS_LES != self.pas & ~_TOUS_LES or self.pas <= 0:
            self.controler()

    def parcourir(self, elements: Iterable[Any]) -> Iterator[Any]:
        """``elements``, one loop turn spent per element."""
        for element in elements:
            self.pas -= 1
            if not self.pas & _TOUS_LES or self.pas <= 0:
                self.controler()
            yield element

    def travailler(self, ampleur: int) -> None:
        self.travail -= ampleur
        if self.travail < 0:
            raise SecurityError(f"calculs démesurés : les filtres de ce document parcourent plus de "
                                f"{_chiffre(TRAVAIL_MAX)} caractères ou éléments")
        if ampleur >= _GRAND:  # a slow step: the clock is read now, not a few hundred steps later
            self.controler()
        self.faire_un_pas()

    def imprimer(self, taille: int) -> None:
        if taille >= _GRAND:
            self.controler()
        self.sortie -= taille
        if self.sortie < 0:
            raise SecurityError(f"document rendu trop grand : plus de {_chiffre(TAILLE_MAX_SORTIE)} caractères")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def budget() -> Budget | None:
    """The budget of the render under way (None outside a render)."""
    return _BUDGET.get()


@contextlib.contextmanager
def budget_du_rendu() -> Iterator[Budget]:
    """A fresh budget for the render inside the block, unless one is under way already (then that one)."""
    courant = _BUDGET.get()
    if courant is not None:
        yield courant
        return
    nouveau = Budget()
    jeton = _BUDGET.set(nouveau)
    try:
        yield nouveau
    finally:
        _BUDGET.reset(jeton)


def compter_les_tours(elements: Iterable[Any]) -> Iterable[Any]:
    """The iterable of a ``{% for %}`` loop, counted against the render's budget."""
    courant = _BUDGET.get()
    return elements if courant is None else courant.parcourir(elements)


def taille(valeur: Any, limite: int = TAILLE_MAX_EXPRESSION) -> int:
    """About how many characters ``str(valeur)`` has, counted without building it, up to just past ``limite``.

    Containers are walked (each element shared or not counted each time it
    would be printed); the walk stops as soon as the count passes ``limite``.
    A container nested deeper than :data:`PROFONDEUR_MAX_VALEUR` counts as
    too big.

    >>> taille("abc"), taille(["ab", ["c"]]) > 5, taille([["x" * 10] * 10] * 10, 500) > 500
    (3, True, True)
    """
    if isinstance(valeur, str):
        return len(valeur)
    if not isinstance(valeur, (list, tuple, set, frozenset, dict)):
        return 8 if not isinstance(valeur, int) else valeur.bit_length() // 3 + 1
    total = 0
    pile: list[Iterator[Any]] = [iter(valeur.items() if isinstance(valeur, dict) else valeur)]
    while pile:
        for element in pile[-1]:
            total += 2
            if isinstance(element, str):
                total += len(element) + 2
            elif isinstance(element, (list, tuple, set, frozenset, dict)):
                if len(pile) >= PROFONDEUR_MAX_VALEUR:  # printing it would exhaust Python's stack
                    return limite + 1
                pile.append(iter(element.items() if isinstance(element, dict) else element))
                break
            else:
                total += 8 if not isinstance(element, int) else element.bit_length() // 3 + 1
            if total > limite:
                return total
        else:
            pile.pop()
        if total > limite:
            return total
    return total


def borner(valeur: Any, quoi: str) -> None:
    """Refuse ``valeur`` when printing it would exceed one expression's bound."""
    if taille(valeur) > TAILLE_MAX_EXPRESSION:
        raise trop_grand(quoi)
