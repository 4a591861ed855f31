"""Findings, locations and the exception that carries them.

Every problem the library reports, whether it stops loading or comes from a
check, is a :class:`Finding`: a severity, a place (file, line, field path) and
a French message. Printed, a finding is one line::

    exemple.yaml:12: erreur: annexes[1].tableaux[1].lignes[3].acompte: montant illisible : 'abc'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severite(str, Enum):
    """How serious a finding is: an ``erreur`` blocks rendering."""

    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Lieu:
    """Where a value comes from: file, line (1-based) and field path."""

    fichier: str = ""
    ligne: int | None = None
    champ: str = ""

    def __str__(self) -> str:
        head = self.fichier or "<entrée>"
        if self.ligne is not None:
            head = f"{head}:{self.ligne}"
        return head


@dataclass(frozen=True)
class Finding:
    """One problem found in an input: severity, place, French message."""

    severite: Severite
    lieu: Lieu
    message: str

    @property
    def est_erreur(self) -> bool:
        return self.severite is Severite.ERREUR

    def __str__(self) -> str:
        """One line, always: line breaks inside a quoted value are shown as ⏎."""
        champ = f" {_une_ligne(self.lieu.champ)}:" if self.lieu.champ else ""
        return f"{self.lieu}: {self.severite}:{champ} {_une_ligne(self.message)}"


def _une_ligne(texte: str) -> str:
    return " ⏎ ".join(texte.splitlines()) if "\n" in texte or "\r" in texte else texte


def erreur(lieu: Lieu, message: str) -> Finding:
    return Finding(Severite.ERREUR, lieu, message)


def avertissement(lieu: Lieu, message: str) -> Finding:
    return Finding(Severite.AVERTISSEMENT, lieu, message)


@dataclass
class ErreurEntree(Exception):
    """An input that cannot be loaded; carries every finding that stopped it."""

    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings)


class FichierIllisible(ErreurEntree):
    """The file itself cannot be read: missing, a folder, unreadable."""


def lieu_fichier(chemin: Path | str, ligne: int | None = None, champ: str = "") -> Lieu:
    return Lieu(str(chemin), ligne, champ)
