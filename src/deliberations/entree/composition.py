"""A YAML text's node tree: libyaml's composer when it may decide alone, PyYAML's pure-Python one otherwise.

libyaml (PyYAML's ``CSafeLoader``, when installed) composes the same nodes
as PyYAML's pure-Python composer, with the same marks (index, line and
column, counted in characters), about twenty times faster. It is used only
when nothing can differ:

- the text has no ``!``: explicit tags are recorded while composing
  (:class:`~deliberations.entree.etiquettes.Chargeur`), which only the
  pure-Python composer allows; and no tab (PyYAML refuses ``a\t``, libyaml
  reads ``a``);
- its nesting is surely shallow (:func:`profondeur_possible`): libyaml
  composes recursively in C, beyond the reach of Python's recursion limit;
- no value is left empty (``cle:``, whose node the two composers place
  differently);
- it composes without any error: a text libyaml refuses, or that it cannot
  read, is composed again by PyYAML, whose messages and lines are those
  :mod:`.lecture` translates for the user.
"""

from __future__ import annotations

import re

import yaml

#: libyaml's loader, when PyYAML was built with it
_LIBYAML = getattr(yaml, "CSafeLoader", None)

#: whether libyaml is used at all (tests compose both ways)
ACTIF = _LIBYAML is not None

#: where the two composers may disagree: ``!`` (tags), a tab, a byte-order mark inside the text, ``|`` or
#: ``>`` followed by a sign (PyYAML refuses ``a\t`` and ``|#``, libyaml takes them)
_DIVERGENTS = re.compile(r"[!\t\ufeff]|[|>][-+0-9]*[^-+0-9\s]")

#: deepest nesting :func:`profondeur_possible` may find for libyaml to be used
PROFONDEUR_LIBYAML = 400


def profondeur_possible(texte: str) -> int:
    """An upper bound of the nesting of ``texte``'s collections.

    A block collection inside another is indented further, but for a list
    that is a key's value (at most one more level per indentation); on one
    line, each nested level needs its own ``-``, ``:`` or ``?``; flow
    collections nest no deeper than their brackets.

    >>> profondeur_possible("a:\\n  b:\\n  - [1, 2]\\n")
    8
    """
    retrait = indicateurs = 0
    for ligne in texte.split("\n"):
        retrait = max(retrait, len(ligne) - len(ligne.lstrip(" ")))
        indicateurs = max(indicateurs, ligne.count("-") + ligne.count(":") + ligne.count("?"))
    return 2 * (retrait + 1) + indicateurs + texte.count("[") + texte.count("{")


def composer_vite(texte: str) -> yaml.Node | None:
    """The node of ``texte``'s single document composed by libyaml; None when PyYAML must compose it.

    ``texte`` is already masked (:mod:`.masque`). None also for an empty
    document (PyYAML says so in French, through :mod:`.lecture`).
    """
    if not ACTIF or _LIBYAML is None or _DIVERGENTS.search(texte) or profondeur_possible(texte) > PROFONDEUR_LIBYAML:
        return None
    chargeur = _LIBYAML(texte)
    try:
        noeud = chargeur.get_single_node()
    except Exception:  # any refusal is PyYAML's to explain (its messages are the ones translated)
        return None
    finally:
        chargeur.dispose()
    return noeud if noeud is not None and not _valeur_vide(noeud) else None


def _valeur_vide(racine: yaml.Node) -> bool:
    """Whether a value is left empty (``cle:``): the two composers place such a node differently."""
    pile, vus = [racine], set()
    while pile:
        noeud = pile.pop()
        if id(noeud) in vus:
            continue
        vus.add(id(noeud))
        if isinstance(noeud, yaml.ScalarNode):
            if not noeud.value and not noeud.style:
                return True
        elif isinstance(noeud, yaml.SequenceNode):
            pile.extend(noeud.value)
        elif isinstance(noeud, yaml.MappingNode):
            for cle, valeur in noeud.value:
                pile += (cle, valeur)
    return False
