"""deliberations: rapports et délibérations des collectivités territoriales.

The public API, small and typed::

    import deliberations
    point = deliberations.load("examples/06-04-clauses-sociales.yaml")
    findings = deliberations.check(point)        # list[Finding]
    fichiers = deliberations.render(point, "sortie")

Names are imported lazily, so that ``deliberations --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "load": "chargement",
    "valider": "chargement",
    "check": "checks",
    "render": "rendering",
    "contexte": "documents",
    "Finding": "erreurs",
    "Lieu": "erreurs",
    "Severite": "erreurs",
    "ErreurEntree": "erreurs",
    "Point": "model",
    "Collectivite": "model",
    "President": "model",
    "VisaTexte": "model",
    "Seance": "model",
    "Section": "model",
    "Liste": "model",
    "Proposition": "model",
    "Visa": "model",
    "Vote": "model",
    "Signataire": "model",
    "Dates": "model",
    "Annexe": "model",
    "Tableau": "model",
    "Colonne": "model",
    "catalogue": "types_rapport",
    "TypeRapport": "types_rapport",
    "formats": "",
    "verbes": "",
}

__all__ = sorted(_API)

if TYPE_CHECKING:  # pragma: no cover
    from . import formats, verbes
    from .chargement import load, valider
    from .checks import check
    from .documents import contexte
    from .erreurs import ErreurEntree, Finding, Lieu, Severite
    from .model import (Annexe, Collectivite, Colonne, Dates, Liste, Point, President, Proposition, Seance, Section,
                        Signataire, Tableau, Visa, VisaTexte, Vote)
    from .rendering import render
    from .types_rapport import TypeRapport, catalogue


def __getattr__(nom: str) -> Any:
    if nom not in _API:
        raise AttributeError(f"module 'deliberations' has no attribute {nom!r}")
    module = _API[nom]
    if not module:
        return import_module(f".{nom}", __name__)
    return getattr(import_module(f".{module}", __name__), nom)
