"""Where a report type's templates are: its folder, or a folder of bare ``.docx`` templates given instead."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from deliberations.erreurs import ModeleInvalide
from deliberations.types.manifeste import MANIFESTE

_RACINE_DEPOT = Path(__file__).resolve().parents[3]


def dossier_modeles(type_: str = "rapport-deliberation", modeles: str | Path | None = None) -> Path:
    """The folder holding a report type's templates (``modeles`` wins when given)."""
    if modeles is not None:
        dossier = Path(modeles)
        if not dossier.is_dir():
            raise ModeleInvalide.de("dossier de modèles introuvable", dossier)
        return dossier
    candidats = [Path(__file__).resolve().parents[1] / "modeles" / type_, _RACINE_DEPOT / "templates" / type_]
    try:  # installed: templates/ is the data package deliberations.modeles (see pyproject.toml)
        from importlib.resources import files

        candidats.insert(0, Path(str(files("deliberations.modeles") / type_)))
    except (ImportError, TypeError, ValueError):
        pass
    for dossier in candidats:
        if dossier.is_dir():
            return dossier
    raise ModeleInvalide.de(f"type de rapport inconnu « {type_} » : aucun dossier de modèles "
                            f"({', '.join(str(c) for c in candidats)})")


def gabarits_seuls(modeles: Any) -> Path | None:
    """``modeles`` (or its one folder) when it is a folder of ``.docx`` templates without any ``type.yaml``."""
    if isinstance(modeles, (list, tuple)) and len(modeles) == 1:
        modeles = modeles[0]  # « --modeles DOSSIER » on the command line: the same folder as from Python
    if not isinstance(modeles, (str, os.PathLike)):
        return None
    dossier = Path(modeles)
    if not dossier.is_dir() or (dossier / MANIFESTE).is_file():
        return None
    if any((sous / MANIFESTE).is_file() for sous in dossier.iterdir() if sous.is_dir()):
        return None
    return dossier if any(dossier.glob("*.docx")) else None
