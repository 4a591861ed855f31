"""Explicit YAML tags: which are accepted, and the French answer to the others.

A value typed ``direction: !Direction Europe`` is, for YAML, the text
``Europe`` carrying the local tag ``!Direction``: its first word would be
lost without a word. ``!!binary`` would print base64, ``!!set``,
``!!omap``, ``!!python/…`` mean nothing here. So an explicit tag is refused,
naming its line and field, unless it changes nothing: ``!`` and ``!!str``
(text), ``!!seq`` and ``!!map`` on a list and a dictionary, and the core
scalar tags (``!!int``, ``!!float``, ``!!bool``, ``!!null``,
``!!timestamp``) on a value YAML would have read as that type anyway.
Values stay text either way: typing is the model's job.
"""

from __future__ import annotations

import yaml

_BASE = "tag:yaml.org,2002:"

#: core scalar tags accepted when the value is already one of their kind
_SCALAIRES = {f"{_BASE}{nom}" for nom in ("int", "float", "bool", "null", "timestamp")}

_CONTENEURS = {yaml.SequenceNode: f"{_BASE}seq", yaml.MappingNode: f"{_BASE}map"}


class Chargeur(yaml.SafeLoader):
    """A SafeLoader that only composes, and remembers which nodes carried an explicit tag."""

    def __init__(self, flux: str) -> None:
        super().__init__(flux)
        self.etiquettes: dict[int, str] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        evenement = self.peek_event()
        etiquette = getattr(evenement, "tag", None)
        noeud = super().compose_node(parent, index)
        if etiquette is not None and not isinstance(evenement, yaml.AliasEvent):
            self.etiquettes[id(noeud)] = etiquette
        return noeud


def affichee(etiquette: str) -> str:
    """A tag as typed: ``!!binary``, ``!Direction``, ``!<…>``."""
    if etiquette.startswith(_BASE):
        return "!!" + etiquette[len(_BASE):]
    return etiquette if etiquette.startswith("!") else f"!<{etiquette}>"


def refusee(chargeur: Chargeur, noeud: yaml.Node) -> str | None:
    """The explicit tag of ``noeud`` if it is refused, else None."""
    etiquette = chargeur.etiquettes.get(id(noeud))
    if etiquette is None or (etiquette in ("!", f"{_BASE}str") and isinstance(noeud, yaml.ScalarNode)):
        return None
    if _CONTENEURS.get(type(noeud)) == etiquette:
        return None
    if (etiquette in _SCALAIRES and isinstance(noeud, yaml.ScalarNode)
            and chargeur.resolve(yaml.ScalarNode, noeud.value, (True, False)) == etiquette):
        return None
    return affichee(etiquette)
