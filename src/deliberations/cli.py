"""Command line: a thin layer over the public API.

``deliberations check FICHIER...`` and ``deliberations render FICHIER...``.
Heavy modules are imported inside the commands so that ``--help`` is fast.
No traceback ever reaches the user: every failure is one French line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_ERREUR, EXIT_USAGE = 0, 1, 2


class _Analyseur(argparse.ArgumentParser):
    """argparse in French, exiting with 2 on a usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        traductions = {
            "the following arguments are required": "arguments obligatoires manquants",
            "unrecognized arguments": "arguments non reconnus",
            "invalid choice": "choix invalide",
            "expected one argument": "une valeur attendue",
        }
        for anglais, francais in traductions.items():
            message = message.replace(anglais, francais)
        self.print_usage(sys.stderr)
        print(f"{self.prog} : erreur : {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _analyseur() -> argparse.ArgumentParser:
    p = _Analyseur(
        prog="deliberations",
        description="Rapports et délibérations des collectivités, en Word, sans erreur de chiffre, de mot ni de date.",
    )
    p.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sous = p.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=_Analyseur)

    c = sous.add_parser("check", help="vérifier des fichiers de point sans rien écrire")
    c.add_argument("fichiers", nargs="+", metavar="FICHIER", type=Path)

    r = sous.add_parser("render", help="écrire le rapport et la délibération (.docx, et .pdf avec --pdf)")
    r.add_argument("fichiers", nargs="+", metavar="FICHIER", type=Path)
    r.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                   help="dossier de sortie (par défaut : sortie)")
    r.add_argument("--pdf", action="store_true", help="convertir aussi en PDF avec LibreOffice")
    r.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    return p


def _afficher(findings: Sequence[object]) -> None:
    for finding in findings:
        print(finding)


def _resume(erreurs: int, avertissements: int) -> str:
    def pluriel(n: int, mot: str) -> str:
        return f"{n} {mot}{'s' if n > 1 else ''}"

    return f"{pluriel(erreurs, 'erreur')}, {pluriel(avertissements, 'avertissement')}"


def _verifier(fichier: Path) -> tuple[int, object | None]:
    """Load and check one file; print its findings; return (exit code, item)."""
    from .checks import check
    from .chargement import load
    from .erreurs import ErreurEntree, FichierIllisible

    try:
        point = load(fichier)
    except FichierIllisible as exc:
        _afficher(exc.findings)
        return EXIT_USAGE, None
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR, None
    findings = check(point)
    _afficher(findings)
    return (EXIT_ERREUR if any(f.est_erreur for f in findings) else EXIT_OK), point


def commande_check(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for fichier in args.fichiers:
        resultat, _ = _verifier(fichier)
        code = max(code, resultat)
    return code


def commande_render(args: argparse.Namespace) -> int:
    from .erreurs import ErreurEntree
    from .render import render

    code = EXIT_OK
    for fichier in args.fichiers:
        resultat, point = _verifier(fichier)
        if point is None or resultat != EXIT_OK:
            print(f"{fichier} : rien n'a été écrit.", file=sys.stderr)
            code = max(code, resultat)
            continue
        try:
            ecrits = render(point, args.sortie, pdf=args.pdf, force=args.force)
        except ErreurEntree as exc:
            _afficher(exc.findings)
            print(f"{fichier} : rien n'a été écrit.", file=sys.stderr)
            code = max(code, EXIT_ERREUR)
            continue
        for chemin in ecrits:
            print(f"écrit : {chemin}")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deliberations`` command; returns the exit code."""
    analyseur = _analyseur()
    args = analyseur.parse_args(argv)
    if args.commande is None:
        analyseur.print_help()
        return EXIT_USAGE
    commandes = {"check": commande_check, "render": commande_render}
    try:
        return commandes[args.commande](args)
    except KeyboardInterrupt:
        print("interrompu.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: no traceback reaches the user
        print(f"erreur interne ({type(exc).__name__}) : {exc}. Merci de la signaler avec le fichier en cause.",
              file=sys.stderr)
        return EXIT_ERREUR


if __name__ == "__main__":
    sys.exit(main())
