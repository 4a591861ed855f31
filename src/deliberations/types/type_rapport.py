"""A report type: its manifest, its folder and templates, where it comes from, its checks."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import (
    Iterable,
    Mapping,
)

from deliberations.controles.checks import CHECKS, Check, check_tableaux_exiges, nom_check
from deliberations.erreurs import Finding, ModeleInvalide
from deliberations.model.objets import Point
from deliberations.types.manifeste import CHECKS_TOUJOURS, MANIFESTE, ChampManifeste, Manifeste
from deliberations.types.modele_type import creer_modele

#: documents written first, in this order; other templates of a type follow by name
ORDRE = ("rapport", "deliberation")


@dataclass(frozen=True)
class Extension:
    """What an entry point of ``deliberations.types`` may return: a folder and its checks."""

    dossier: str | os.PathLike[str]
    checks: Mapping[str, Check] = field(default_factory=dict)


ORIGINES = ("intégré", "dossier", "paquet")


@dataclass(eq=False)
class TypeRapport:
    """A report type: its manifest, its folder, where it comes from, its own checks."""

    manifeste: Manifeste
    dossier: Path
    origine: str
    provenance: str
    checks_propres: Mapping[str, Check] = field(default_factory=dict)
    _modele: type[Point] | None = field(default=None, repr=False)

    @property
    def nom(self) -> str:
        return self.manifeste.nom

    @property
    def titre(self) -> str:
        return self.manifeste.titre

    @property
    def champs(self) -> dict[str, ChampManifeste]:
        return self.manifeste.champs

    @property
    def manifeste_chemin(self) -> Path:
        return self.dossier / MANIFESTE

    @property
    def modele(self) -> type[Point]:
        """The pydantic model of this type's input files (a subclass of Point)."""
        if self._modele is None:
            modele = creer_modele(self.manifeste)
            modele.type_rapport = self
            modele.champs_type = dict(self.champs)
            self._modele = modele
        return self._modele

    def documents(self) -> list[tuple[Path, str]]:
        """(template path, output name pattern) of each document, in order."""
        if self.manifeste.documents:
            return [(self.dossier / d.modele, d.nom_sortie()) for d in self.manifeste.documents]

        return [(g, "{numero}-" + g.name) for g in modeles_du_dossier(self.dossier)]

    def verifications(self) -> list[Check]:
        """The checks that apply to this type's items, in order."""

        disponibles: dict[str, Check] = {nom_check(c): c for c in CHECKS}
        if self.manifeste.tableaux:
            exigences = self.manifeste.tableaux

            def check_tableaux(point: Point) -> Iterable[Finding]:
                return check_tableaux_exiges(point, exigences)

            disponibles["tableaux"] = check_tableaux
        disponibles.update(self.checks_propres)
        choix = self.manifeste.checks
        if isinstance(choix, list):
            noms = [n for n in disponibles if n in choix or n in CHECKS_TOUJOURS]
        elif isinstance(choix, dict):
            noms = [n for n in disponibles if n not in (choix.get("sauf") or [])]
        else:
            noms = list(disponibles)
        return [disponibles[n] for n in noms]


def modeles_du_dossier(dossier: Path) -> list[Path]:
    """The ``.docx`` templates of a folder: rapport, délibération, then the others by name."""
    fichiers = [f for f in dossier.glob("*.docx") if not f.name.startswith(("~$", "."))]
    fichiers.sort(key=lambda f: (ORDRE.index(f.stem) if f.stem in ORDRE else len(ORDRE), f.name))
    if not fichiers:
        raise ModeleInvalide.de("aucun modèle .docx dans le dossier", dossier)
    return fichiers
