"""Where a loaded item came from: its file and the positions of its values."""

from __future__ import annotations

from deliberations.entree.lecture import Chemin, Positions
from deliberations.erreurs import Lieu
from deliberations.model.objets import Point


class Charge:
    """Where a loaded item came from: its file and the positions of its values."""

    def __init__(self, fichier: str, positions: Positions) -> None:
        self.fichier = fichier
        self.positions = positions

    def lieu(self, chemin: Chemin) -> Lieu:
        return self.positions.lieu(chemin, self.fichier)


def definir_origine(point: Point, charge: Charge) -> None:
    point._origine = charge


def origine(point: Point) -> Charge:
    """The file and positions an item was loaded from (empty when built in Python)."""
    if point._origine is None:
        point._origine = Charge("", Positions())
    return point._origine
