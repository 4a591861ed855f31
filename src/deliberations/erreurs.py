"""Findings, locations and the exceptions that carry them.

Every problem the library reports, whether it stops loading or comes from a
check, is a :class:`Finding`: a severity, a place (file, line, field path) and
a French message. Printed, a finding is one line::

    exemple.yaml:12: erreur: annexes[1].tableaux[1].lignes[3].acompte: montant illisible : « abc »

Every exception the library raises carries its findings, and has one root::

    Erreur                     anything deliberations refuses or fails to do
    ├── ErreurEntree           an input file or value is wrong (YAML, profile, spreadsheet, manifest)
    │   └── FichierIllisible   the file itself cannot be read (missing, a folder, unreadable)
    ├── ModeleInvalide         a Word template is broken: Jinja syntax, unknown variable or filter…
    ├── ErreurRendu            a document could not be written
    │   ├── FichierExistant    an output exists and ``force`` was not given (also a FileExistsError)
    │   └── ErreurVerification the rendered document lost or damaged text: a bug, nothing was written
    ├── ConversionImpossible   LibreOffice is missing, failed or timed out while converting to PDF
    └── ErreurRegistre         the register of acts refuses a write (a number given twice…) or is damaged
        └── RegistreIntrouvable no register named, or its file missing where one must exist

The five kinds are siblings: ``except ErreurEntree`` catches bad input only,
never a LibreOffice time-out; ``except Erreur`` catches everything.
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
    #: column (1-based) in the file, when known; not part of a place's identity
    colonne: int | None = field(default=None, compare=False)

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
    #: which check found it (``repartitions``, ``dates``…), ``entree`` for a file that cannot be loaded;
    #: for tools, not part of a finding's identity
    code: str = field(default="", compare=False)

    @property
    def est_erreur(self) -> bool:
        return self.severite is Severite.ERREUR

    def en_dict(self) -> dict[str, object]:
        """The finding for tools (``check --format json``): file, line, column, field path, severity, code, message."""
        return {"fichier": self.lieu.fichier, "ligne": self.lieu.ligne, "colonne": self.lieu.colonne,
                "champ": self.lieu.champ, "severite": self.severite.value, "code": self.code or "entree",
                "message": self.message}

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
class Erreur(Exception):
    """The root of every exception of the library; carries the French findings that explain it."""

    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings)

    @classmethod
    def de(cls, message: str, fichier: str | Path = "") -> "Erreur":
        """The exception for one message about one file."""
        return cls([erreur(Lieu(str(fichier)), message)])


class ErreurEntree(Erreur):
    """An input that cannot be loaded; carries every finding that stopped it."""


class FichierIllisible(ErreurEntree):
    """The file itself cannot be read: missing, a folder, unreadable."""


class ModeleInvalide(Erreur):
    """A template cannot be found or rendered (Jinja syntax, unknown variable…)."""


class ErreurRendu(Erreur):
    """A document could not be written."""


class FichierExistant(ErreurRendu, FileExistsError):
    """An output file exists and ``force`` was not given."""


class ErreurVerification(ErreurRendu):
    """The rendered document lost or damaged text: a bug, nothing was written."""


class ConversionImpossible(Erreur):
    """LibreOffice is missing, failed or timed out while converting to PDF."""


class ErreurRegistre(Erreur):
    """The register of acts refuses a write (a number already given, an act numbered twice) or is damaged."""


class RegistreIntrouvable(ErreurRegistre):
    """No register is named (neither given nor in the profile), or its file is missing where one must exist."""


def lieu_fichier(chemin: Path | str, ligne: int | None = None, champ: str = "") -> Lieu:
    return Lieu(str(chemin), ligne, champ)
