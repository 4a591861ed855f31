"""A séance: its file, its items' summaries, what a run wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field

from deliberations.entree.lecture import Positions
from deliberations.erreurs import Finding, Lieu
from deliberations.model.assemblee import Membres, Presences, Resultats
from deliberations.model.base import Modele
from deliberations.model.objets import Collectivite
from deliberations.model.scalaires import Booleen, Date, Heure, Texte, TexteLibre


#: what the séance file says once of the séance itself, and its items share (the préambule of a commune's
#: act); attendance, proxies and results may come next to them
CLES_DE_SEANCE = ("heure", "lieu", "convocation", "publique", "president", "secretaire", "preambule",
                  "seconde_convocation")


class FichierSeance(Modele):
    """The séance file."""

    instance: Texte
    date: Date
    heure: Heure | None = None
    lieu: TexteLibre | None = None
    convocation: Date | None = None
    publique: Booleen | None = None
    president: TexteLibre | None = None
    secretaire: TexteLibre | None = None
    preambule: TexteLibre | None = None
    seconde_convocation: Booleen | None = None
    membres: Membres | None = Field(default=None, description="Les membres en exercice : noms, fichier CSV ou "
                                                              "XLSX (colonne nom), ou leur nombre")
    presences: Presences | None = Field(default=None, description="Excusés, absents, pouvoirs, arrivées et départs")
    resultats: Resultats | None = Field(
        default=None, description="Le vote de chaque point, ou le fichier YAML qui les donne")
    collectivite: Any = None
    points: list[Texte]


#: the agenda's file name, in the séance's output folder
ORDRE_DU_JOUR = "ordre-du-jour.docx"


@dataclass
class PointSeance:
    """One item of the agenda: its file, its findings and what the agenda shows of it.

    Items are loaded in worker processes; only this summary comes back (a
    loaded item may use a report type's model, which does not pickle), with
    its rendered documents' bytes when the séance was loaded to be rendered.
    """

    rang: int
    fichier: Path
    findings: list[Finding] = field(default_factory=list)
    charge: bool = False
    numero: str = ""
    lieu_numero: Lieu = field(default_factory=Lieu)
    #: the file names its documents get (compared across the séance before anything is written)
    noms: list[str] = field(default_factory=list)
    objet: str = ""
    direction: str = ""
    montant: Decimal = Decimal(0)
    collectivite: str = ""
    #: its documents, (file name, bytes), rendered and verified by the pass that checked it
    #: (``charger_seance(rendre=True)``): what :func:`rendre_seance` writes, never read again
    documents: list[tuple[str, bytes]] | None = None
    #: why rendering it failed in that pass (not an error of the input: a failed item of the run)
    echec_rendu: list[Finding] = field(default_factory=list)

    @property
    def en_erreur(self) -> bool:
        return not self.charge or any(f.est_erreur for f in self.findings)


@dataclass
class Seance:
    fichier: Path
    instance: str
    date: Any
    collectivite: Collectivite | None
    points: list[PointSeance]
    findings: list[Finding] = field(default_factory=list)
    #: What items inherit from the séance: plain data with positions.
    defauts: dict[str, tuple[Any, Positions]] = field(default_factory=dict)
    #: Folders of report types the items were loaded with (rendering uses the same).
    modeles: Any = None
    #: What each item (by rank) inherits of the séance's attendance and votes.
    defauts_des_points: dict[int, dict[str, tuple[Any, Positions]]] = field(default_factory=dict)
    #: The substance of each item's discussion (by rank), for the procès-verbal.
    debats: dict[int, str] = field(default_factory=dict)

    def tous_les_constats(self) -> list[Finding]:
        return [*self.findings, *(f for p in self.points for f in p.findings)]

    @property
    def en_erreur(self) -> bool:
        return any(f.est_erreur for f in self.findings) or any(p.en_erreur for p in self.points)

    def defauts_du_point(self, entree: PointSeance) -> dict[str, tuple[Any, Positions]]:
        """What an item is loaded with: the séance's values, and its rank as numero."""
        return {**self.defauts, **self.defauts_des_points.get(entree.rang, {}), "numero": (str(entree.rang), Positions())}


@dataclass
class ResultatSeance:
    """What a séance run wrote, and which items failed."""

    ecrits: list[Path] = field(default_factory=list)
    echecs: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def reussi(self) -> bool:
        return not self.echecs
