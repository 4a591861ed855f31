"""Consistency checks: pure functions from an item to findings."""
