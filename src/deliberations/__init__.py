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
    "load": "entree.chargement",
    "valider": "entree.chargement",
    "check": "controles.checks",
    "render": "rendu.docx",
    "contexte": "rendu.contexte",
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
    "catalogue": "types.catalogue",
    "TypeRapport": "types.catalogue",
    "formats": "langue",
    "verbes": "langue",
}

__all__ = sorted(_API)

if TYPE_CHECKING:  # pragma: no cover
    from deliberations.langue import formats
    from deliberations.langue import verbes
    from deliberations.entree.chargement import load, valider
    from deliberations.controles.checks import check
    from deliberations.rendu.contexte import contexte
    from deliberations.erreurs import ErreurEntree, Finding, Lieu, Severite
    from deliberations.model import (Annexe, Collectivite, Colonne, Dates, Liste, Point, President, Proposition, Seance, Section,
                        Signataire, Tableau, Visa, VisaTexte, Vote)
    from deliberations.rendu.docx import render
    from deliberations.types.catalogue import TypeRapport, catalogue


def __getattr__(nom: str) -> Any:
    if nom not in _API:
        raise AttributeError(f"module 'deliberations' has no attribute {nom!r}")
    module = import_module(f".{_API[nom]}", __name__)
    return getattr(module, nom, None) or import_module(f".{_API[nom]}.{nom}", __name__)
