"""deliberations: rapports et délibérations des collectivités territoriales.

The public API, small and typed::

    import deliberations
    point = deliberations.load("examples/06-04-clauses-sociales.yaml")
    findings = deliberations.check(point)        # list[Finding]
    fichiers = deliberations.render(point, "sortie")

Names are imported lazily, so that ``deliberations --help`` stays fast. The
layers, each a sub-package importing only from those before it::

    langue → model → entree → calcul → controles → types → rendu → sortie → api → seance → registre → cli
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name → module that defines it
_API = {
    "load": "api", "valider": "api", "check": "api", "contexte": "api", "render": "api", "origine": "api",
    "charger_seance": "seance", "rendre_seance": "seance",
    "Erreur": "erreurs", "ErreurEntree": "erreurs", "FichierIllisible": "erreurs", "ModeleInvalide": "erreurs",
    "ErreurRendu": "erreurs", "FichierExistant": "erreurs", "ErreurVerification": "erreurs",
    "ConversionImpossible": "erreurs", "ErreurRegistre": "erreurs", "RegistreIntrouvable": "erreurs",
    "Finding": "erreurs", "Lieu": "erreurs", "Severite": "erreurs",
    **{nom: "model" for nom in ("Point", "Collectivite", "President", "VisaTexte", "Seance", "Section", "Liste",
                                "Proposition", "Visa", "Vote", "Signataire", "Dates", "Annexe", "Tableau",
                                "Colonne", "Genre", "GENRES")},
    "catalogue": "types.catalogue", "TypeRapport": "types.type_rapport",
    "formats": "langue", "verbes": "langue",
}

__all__ = sorted(_API)

if TYPE_CHECKING:  # pragma: no cover
    from .api import check, contexte, load, origine, render, valider
    from .erreurs import (
        ConversionImpossible,
        Erreur,
        ErreurEntree,
        ErreurRegistre,
        ErreurRendu,
        ErreurVerification,
        FichierExistant,
        FichierIllisible,
        Finding,
        Lieu,
        ModeleInvalide,
        RegistreIntrouvable,
        Severite,
    )
    from .langue import formats, verbes
    from .model import (
        GENRES,
        Annexe,
        Collectivite,
        Colonne,
        Dates,
        Genre,
        Liste,
        Point,
        President,
        Proposition,
        Seance,
        Section,
        Signataire,
        Tableau,
        Visa,
        VisaTexte,
        Vote,
    )
    from .seance import charger_seance, rendre_seance
    from .types.catalogue import catalogue
    from .types.type_rapport import TypeRapport


def __getattr__(nom: str) -> Any:
    if nom not in _API:
        raise AttributeError(f"module 'deliberations' has no attribute {nom!r}")
    module = import_module(f".{_API[nom]}", __name__)
    if nom in ("formats", "verbes"):
        return import_module(f".{_API[nom]}.{nom}", __name__)
    return getattr(module, nom)
