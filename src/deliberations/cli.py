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
        self.print_usage(sys.stderr)
        print(f"{self.prog} : erreur : {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choix : %(choices)s)",
    "expected one argument": "une valeur attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def _analyseur() -> argparse.ArgumentParser:
    # argparse looks its messages up through its module-level gettext alias.
    argparse._ = lambda texte: _ARGPARSE_FR.get(texte, texte)  # type: ignore[attr-defined]
    p = _Analyseur(
        prog="deliberations",
        description="Rapports et délibérations des collectivités, en Word, sans erreur de chiffre, de mot ni de date.",
    )
    p.add_argument("--version", action="version", version="%(prog)s 0.1.0", help="afficher la version et quitter")
    sous = p.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=_Analyseur)

    c = sous.add_parser("check", help="vérifier des fichiers de point sans rien écrire")
    c.add_argument("fichiers", nargs="+", metavar="FICHIER", type=Path)

    r = sous.add_parser("render", help="écrire le rapport et la délibération (.docx, et .pdf avec --pdf)")
    r.add_argument("fichiers", nargs="+", metavar="FICHIER", type=Path)
    r.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                   help="dossier de sortie (par défaut : sortie)")
    r.add_argument("--pdf", action="store_true", help="convertir aussi en PDF avec LibreOffice")
    r.add_argument("--force", action="store_true", help="remplacer les fichiers existants")

    s = sous.add_parser("seance", help="vérifier puis produire tous les points d'une séance et l'ordre du jour")
    s.add_argument("fichier", metavar="FICHIER", type=Path, help="le fichier de séance (seance.yaml)")
    s.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                   help="dossier de sortie (par défaut : sortie)")
    s.add_argument("--pdf", action="store_true", help="convertir aussi en PDF (un seul appel à LibreOffice)")
    s.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                   help="processus en parallèle (par défaut : le nombre de cœurs)")
    s.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    return p


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


def _est_seance(fichier: Path) -> bool:
    """A séance file lists ``points:``; read cheaply, errors left to the real load."""
    from .erreurs import ErreurEntree
    from .source import lire_yaml

    try:
        donnees, _ = lire_yaml(fichier)
    except ErreurEntree:
        return False
    return isinstance(donnees, dict) and "points" in donnees and "propositions" not in donnees


def _verifier_seance(fichier: Path) -> int:
    from .erreurs import ErreurEntree, FichierIllisible
    from .seance import charger_seance

    try:
        seance = charger_seance(fichier)
    except FichierIllisible as exc:
        _afficher(exc.findings)
        return EXIT_USAGE
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    _afficher(seance.tous_les_constats())
    return EXIT_ERREUR if seance.en_erreur else EXIT_OK


def commande_check(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for fichier in args.fichiers:
        if fichier.is_file() and _est_seance(fichier):
            resultat = _verifier_seance(fichier)
        else:
            resultat, _ = _verifier(fichier)
        code = max(code, resultat)
    return code


def commande_render(args: argparse.Namespace) -> int:
    from .erreurs import ErreurEntree
    from .rendering import render

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


def commande_seance(args: argparse.Namespace) -> int:
    from .erreurs import ErreurEntree, FichierIllisible
    from .seance import charger_seance, rendre_seance

    try:
        seance = charger_seance(args.fichier, jobs=args.jobs, progression=_Barre())
    except FichierIllisible as exc:
        _afficher(exc.findings)
        return EXIT_USAGE
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    constats = seance.tous_les_constats()
    _afficher(constats)
    erreurs = sum(f.est_erreur for f in constats)
    if erreurs:
        print(f"{len(seance.points)} points, {_resume(erreurs, len(constats) - erreurs)} : rien n'a été écrit.",
              file=sys.stderr)
        return EXIT_ERREUR
    try:
        resultat = rendre_seance(seance, args.sortie, pdf=args.pdf, jobs=args.jobs, force=args.force,
                                 progression=_Barre())
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    for findings in resultat.echecs.values():
        _afficher(findings)
    print(f"{len(seance.points)} points, {len(resultat.ecrits)} fichiers écrits dans {args.sortie}"
          + (f", {len(resultat.echecs)} en échec" if resultat.echecs else ""))
    return EXIT_OK if resultat.reussi else EXIT_ERREUR


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deliberations`` command; returns the exit code."""
    analyseur = _analyseur()
    args = analyseur.parse_args(argv)
    if args.commande is None:
        analyseur.print_help()
        return EXIT_USAGE
    commandes = {"check": commande_check, "render": commande_render, "seance": commande_seance}
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
