"""What the commands share: exit codes, the French argument parser, findings printed, a progress bar, a séance
loaded and checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

EXIT_OK, EXIT_ERREUR, EXIT_USAGE = 0, 1, 2

AIDE_MODELES = ("dossier de types de rapport (un dossier par type, avec son type.yaml), ou d'un seul type, "
                "en plus des types intégrés ; répétable")


class _Analyseur(argparse.ArgumentParser):
    """argparse in French, exiting with 2 on a usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog} : erreur : {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _entier_positif(texte: str) -> int:
    try:
        n = int(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu : {texte!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"au moins 1 : {texte!r}")
    return n


class _Barre:
    """A progress bar on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()

    def __call__(self, fait: int, total: int, nom: str) -> None:
        if not self.active:
            return
        largeur = 30
        plein = largeur * fait // max(total, 1)
        sys.stderr.write(f"\r[{'#' * plein}{'.' * (largeur - plein)}] {fait}/{total} {nom[:40]:<40}")
        if fait >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _afficher(findings: Sequence[Any], point: object = None) -> None:
    """One line per finding; after the field path, the place as a clerk reads it (« — annexe 1, ligne 8, … »)."""
    from deliberations.controles.lieux import designation

    for finding in findings:
        lu = designation(finding.lieu.champ, point) if getattr(finding, "lieu", None) and finding.lieu.champ else ""
        print(f"{finding} — {lu}" if lu and lu != finding.lieu.champ.split(" (", 1)[0] else finding)


def _resume(erreurs: int, avertissements: int) -> str:
    def pluriel(n: int, mot: str) -> str:
        return f"{n} {mot}{'s' if n > 1 else ''}"

    return f"{pluriel(erreurs, 'erreur')}, {pluriel(avertissements, 'avertissement')}"


def _charger(charger: Any, *args: Any, afficher: Callable[..., None] = _afficher,
             **options: Any) -> tuple[Any, int]:
    """Call a loader; print the findings of a refused file: (result or None, exit code)."""
    from deliberations.erreurs import ErreurEntree, FichierIllisible

    try:
        return charger(*args, **options), EXIT_OK
    except FichierIllisible as exc:
        afficher(exc.findings)
        return None, EXIT_USAGE
    except ErreurEntree as exc:
        afficher(exc.findings)
        return None, EXIT_ERREUR


def _charger_seance(fichier: Path, afficher: Callable[..., None] = _afficher,
                    **options: object) -> tuple[object | None, int]:
    """Load and check a séance, printing every finding; (séance or None, exit code)."""
    from deliberations.seance import charger_seance

    seance, code = _charger(charger_seance, fichier, afficher=afficher, **options)
    if seance is None:
        return None, code
    afficher(seance.tous_les_constats())
    return seance, EXIT_ERREUR if seance.en_erreur else EXIT_OK


def _seance_sans_erreur(args: argparse.Namespace, rendre: bool = False) -> tuple[Any, int]:
    """The séance of ``args.fichier`` loaded and checked (and rendered, with ``rendre``, in the same pass):
    (séance, 0), or (None, exit code) with its findings shown."""
    from deliberations.seance import Seance

    seance, code = _charger_seance(args.fichier, jobs=args.jobs, modeles=args.modeles, progression=_Barre(),
                                   rendre=rendre)
    if not isinstance(seance, Seance):
        return None, code
    if code != EXIT_OK:
        constats = seance.tous_les_constats()
        erreurs = sum(f.est_erreur for f in constats)
        print(f"{len(seance.points)} points, {_resume(erreurs, len(constats) - erreurs)} : rien n'a été écrit.",
              file=sys.stderr)
        return None, code
    return seance, EXIT_OK
