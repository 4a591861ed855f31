"""Computations: annex tables, totals, shares, ``${…}`` references."""
