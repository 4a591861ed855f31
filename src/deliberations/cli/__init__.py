"""Command line: a thin layer over the public API.

``deliberations check FICHIER...``, ``deliberations render FICHIER...``,
``deliberations seance``, ``actes``, the register's ``registre …`` and
``export-scdl`` (:mod:`deliberations.cli.registre`), and for report types
``types``, ``new``, ``schema`` and ``lint-template``.
Heavy modules are imported inside the commands so that ``--help`` is fast.
No traceback ever reaches the user: every failure is one French line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from deliberations.cli import registre as _registre
from deliberations.cli.commun import (
    AIDE_MODELES as _AIDE_MODELES,
    EXIT_ERREUR,
    EXIT_OK,
    EXIT_USAGE,
    _afficher,
    _Analyseur,
    _Barre,
    _charger,
    _charger_seance,
    _entier_positif,
    _seance_sans_erreur,
)

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
    c.add_argument("--format", choices=("texte", "json"), default="texte", dest="format_sortie",
                   help="texte : une ligne par constat (par défaut) ; json : un tableau d'objets, un par constat, "
                        "pour les éditeurs et les outils")

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

    a = sous.add_parser("actes", help="préparer le dossier de transmission au contrôle de légalité (ACTES) "
                                      "d'une séance : actes en PDF/A, annexes, manifeste")
    a.add_argument("fichier", metavar="FICHIER", type=Path, help="le fichier de séance (seance.yaml)")
    a.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("transmission"),
                   help="dossier de transmission (par défaut : transmission)")
    a.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                   help="processus en parallèle (par défaut : le nombre de cœurs)")
    a.add_argument("--force", action="store_true", help="remplacer les fichiers existants")

    x = sous.add_parser("contexte", help="afficher en JSON ce que les modèles d'un point impriment (pour les auteurs "
                                         "de modèles)")
    x.add_argument("fichier", metavar="FICHIER", type=Path, help="le fichier du point")
    _ajouter_commandes_types(sous)
    _registre.ajouter_commandes(sous)
    return p


def _verifier(fichier: Path, modeles: Sequence[Path] | None,
              afficher: Callable[..., None] = _afficher) -> tuple[int, object | None]:
    """Load and check one file; print its findings; return (exit code, item)."""
    from deliberations.api import check, load

    point, code = _charger(load, fichier, modeles=modeles, afficher=afficher)
    if point is None:
        return code, None
    findings = check(point, modeles=modeles)
    afficher(findings, point)
    return (EXIT_ERREUR if any(f.est_erreur for f in findings) else EXIT_OK), point


def _est_seance(fichier: Path) -> bool:
    """A séance file lists ``points:``; read cheaply, errors left to the real load."""
    from deliberations.entree.lecture import lire_yaml
    from deliberations.erreurs import ErreurEntree

    try:
        donnees, _ = lire_yaml(fichier)
    except ErreurEntree:
        return False
    return isinstance(donnees, dict) and "points" in donnees and "propositions" not in donnees


def _verifier_seance(fichier: Path, modeles: Sequence[Path] | None,
                     afficher: Callable[..., None] = _afficher) -> int:
    return _charger_seance(fichier, afficher, modeles=modeles)[1]


def commande_check(args: argparse.Namespace) -> int:
    """Check files; ``--format json`` prints one JSON array of every finding (see Finding.en_dict)."""
    import json

    from deliberations.controles.lieux import designation

    constats: list[dict[str, Any]] = []

    def en_json(findings: Sequence[Any], point: Any = None) -> None:
        for finding in findings:
            objet = finding.en_dict()
            objet = {**{k: objet[k] for k in ("fichier", "ligne", "colonne", "champ")},
                     "lieu": designation(finding.lieu.champ, point), **objet}
            constats.append(objet)

    afficher = en_json if args.format_sortie == "json" else _afficher
    code = EXIT_OK
    for fichier in args.fichiers:
        if fichier.is_file() and _est_seance(fichier):
            resultat = _verifier_seance(fichier, args.modeles, afficher)
        else:
            resultat, _ = _verifier(fichier, args.modeles, afficher)
        code = max(code, resultat)
    if args.format_sortie == "json":
        print(json.dumps(constats, ensure_ascii=False, indent=2))
    return code


def commande_render(args: argparse.Namespace) -> int:
    from deliberations.api import noms_de_sortie, origine, render
    from deliberations.erreurs import Erreur, erreur
    from deliberations.sortie.noms import collisions

    code = EXIT_OK
    prets = []
    for fichier in args.fichiers:  # every file checked, and every name compared, before anything is written
        resultat, point = _verifier(fichier, args.modeles)
        if point is None or resultat != EXIT_OK:
            print(f"{fichier} : rien n'a été écrit.", file=sys.stderr)
            code = max(code, resultat)
            continue
        try:
            prets.append((fichier, point, noms_de_sortie(point, args.modeles)))
        except Erreur as exc:
            _afficher(exc.findings)
            code = max(code, EXIT_ERREUR)
    refuses = set()
    for nom, premier, second in collisions([(f, noms) for f, _, noms in prets]):
        point = next(p for f, p, _ in prets if f is second)
        _afficher([erreur(origine(point).lieu(("numero",)), f"ce point écrirait « {nom} », comme {premier} : "
                                                             "donnez-lui un autre numéro")])
        refuses.add(second)
    for fichier, point, _ in prets:
        if fichier in refuses:
            print(f"{fichier} : rien n'a été écrit.", file=sys.stderr)
            code = max(code, EXIT_ERREUR)
            continue
        try:
            ecrits = render(point, args.sortie, pdf=args.pdf, force=args.force, modeles=args.modeles)
        except Erreur as exc:
            _afficher(exc.findings)
            print(f"{fichier} : rien n'a été écrit.", file=sys.stderr)
            code = max(code, EXIT_ERREUR)
            continue
        for chemin in ecrits:
            print(f"écrit : {chemin}")
    return code


def commande_seance(args: argparse.Namespace) -> int:
    from deliberations.erreurs import Erreur
    from deliberations.seance import rendre_seance

    seance, code = _seance_sans_erreur(args, rendre=True)  # each item loaded, checked and rendered once
    if seance is None:
        return code
    try:
        resultat = rendre_seance(seance, args.sortie, pdf=args.pdf, jobs=args.jobs, force=args.force,
                                 progression=_Barre())
    except Erreur as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    for findings in resultat.echecs.values():
        _afficher(findings)
    print(f"{len(seance.points)} points, {len(resultat.ecrits)} fichiers écrits dans {args.sortie}"
          + (f", {len(resultat.echecs)} en échec" if resultat.echecs else ""))
    return EXIT_OK if resultat.reussi else EXIT_ERREUR


def commande_actes(args: argparse.Namespace) -> int:
    from deliberations.erreurs import Erreur
    from deliberations.registre.transmission import preparer_transmission

    seance, code = _seance_sans_erreur(args)
    if seance is None:
        return code
    try:
        ecrits = preparer_transmission(seance, args.sortie, force=args.force, jobs=args.jobs, progression=_Barre())
    except Erreur as exc:
        _afficher(exc.findings)
        print(f"{len(exc.findings)} problème{'s' if len(exc.findings) > 1 else ''} : rien n'a été écrit.",
              file=sys.stderr)
        return EXIT_ERREUR
    for chemin in ecrits:
        print(f"écrit : {chemin}")
    return EXIT_OK


# --------------------------------------------------------------------------
# Report types: types, new, schema, lint-template, and --modeles


def _ajouter_commandes_types(sous: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for nom in ("check", "render", "seance", "actes", "contexte"):
        sous.choices[nom].add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=_AIDE_MODELES)

    t = sous.add_parser("types", help="lister les types de rapport connus et leur provenance")
    t.add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=_AIDE_MODELES)

    n = sous.add_parser("new", help="écrire le squelette commenté d'un point d'un type, à compléter")
    n.add_argument("type", metavar="TYPE", help="le type de rapport (voir « deliberations types »)")
    n.add_argument("-o", "--sortie", metavar="FICHIER", type=Path, default=None,
                   help="fichier à écrire (par défaut : la sortie standard)")
    n.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    n.add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=_AIDE_MODELES)

    sc = sous.add_parser("schema", help="afficher le schéma JSON (draft 2020-12) des fichiers d'un type")
    sc.add_argument("type", metavar="TYPE", help="le type de rapport")
    sc.add_argument("-o", "--sortie", metavar="FICHIER", type=Path, default=None,
                    help="fichier à écrire (par défaut : la sortie standard)")
    sc.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    sc.add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=_AIDE_MODELES)

    lt = sous.add_parser("lint-template", help="vérifier des modèles Word (un .docx, le dossier d'un type, "
                                               "ou un dossier de types)")
    lt.add_argument("chemins", nargs="+", metavar="DOSSIER|FICHIER.docx", type=Path)
    lt.add_argument("--type", metavar="TYPE", default=None,
                    help="type dont un modèle isolé utilise les variables (par défaut : celui de son dossier)")
    lt.add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=_AIDE_MODELES)


class _DossierIntrouvable(Exception):
    """A --modeles folder that does not exist."""


def _verifier_dossiers(args: argparse.Namespace) -> None:
    """A --modeles folder that does not exist is a usage error, for every command."""
    for dossier in getattr(args, "modeles", None) or []:
        if not dossier.is_dir():
            raise _DossierIntrouvable(str(dossier))


def commande_contexte(args: argparse.Namespace) -> int:
    import json

    from deliberations.api import contexte
    from deliberations.erreurs import ErreurEntree, FichierIllisible

    try:
        valeurs = contexte(args.fichier, modeles=args.modeles)
    except FichierIllisible as exc:
        _afficher(exc.findings)
        return EXIT_USAGE
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    print(json.dumps(valeurs, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def commande_types(args: argparse.Namespace) -> int:
    from deliberations.erreurs import ErreurEntree
    from deliberations.types.catalogue import catalogue

    try:
        types = list(catalogue(args.modeles))
    except ErreurEntree as exc:
        _afficher(exc.findings)
        return EXIT_ERREUR
    largeur_nom = max((len(t.nom) for t in types), default=0)
    largeur_titre = max((len(t.titre) for t in types), default=0)
    for t in types:
        provenance = t.origine if t.origine == "intégré" else f"{t.origine} : {t.provenance if t.origine == 'paquet' else t.dossier}"
        print(f"{t.nom.ljust(largeur_nom)}  {t.titre.ljust(largeur_titre)}  ({provenance})")
    return EXIT_OK


def _type_demande(nom: str, modeles: Sequence[Path] | None) -> object | None:
    """The named type, or None after printing why not."""
    from deliberations.erreurs import ErreurEntree
    from deliberations.types.catalogue import catalogue

    try:
        return catalogue(modeles).trouver(nom)
    except ErreurEntree as exc:
        for finding in exc.findings:
            print(finding if finding.lieu.fichier else f"deliberations : erreur : {finding.message}", file=sys.stderr)
        return None


def _ecrire_sortie(texte: str, sortie: Path | None, force: bool = False) -> int:
    if sortie is None:
        sys.stdout.write(texte)
        return EXIT_OK
    from deliberations.erreurs import Erreur
    from deliberations.sortie.ecriture import ecrire_document

    try:
        ecrire_document(texte.encode("utf-8"), sortie, force=force)
    except Erreur as exc:  # on stderr: stdout is where the text goes without -o
        for finding in exc.findings:
            print(finding, file=sys.stderr)
        return EXIT_ERREUR
    print(f"écrit : {sortie}")
    return EXIT_OK


def commande_new(args: argparse.Namespace) -> int:
    from deliberations.types.squelette import squelette

    type_ = _type_demande(args.type, args.modeles)
    if type_ is None:
        return EXIT_USAGE
    return _ecrire_sortie(squelette(type_), args.sortie, args.force)  # type: ignore[arg-type]


def commande_schema(args: argparse.Namespace) -> int:
    import json

    from deliberations.types.schema import schema

    type_ = _type_demande(args.type, args.modeles)
    if type_ is None:
        return EXIT_USAGE
    texte = json.dumps(schema(type_), ensure_ascii=False, indent=2) + "\n"  # type: ignore[arg-type]
    return _ecrire_sortie(texte, args.sortie, args.force)


def commande_lint(args: argparse.Namespace) -> int:
    from deliberations.rendu.lint import lint

    code = EXIT_OK
    for chemin in args.chemins:
        findings, lus = lint(chemin, type_=args.type, modeles=args.modeles)
        _afficher(findings)
        if findings:
            pluriel = "s" if len(findings) > 1 else ""
            print(f"{chemin} : {len(findings)} problème{pluriel}.", file=sys.stderr)
            code = EXIT_ERREUR
        else:
            print(f"{chemin} : {lus} modèle{'s' if lus > 1 else ''} vérifié{'s' if lus > 1 else ''}, aucun problème.")
    return code


COMMANDES_TYPES = {"types": commande_types, "new": commande_new, "schema": commande_schema,
                   "lint-template": commande_lint}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deliberations`` command; returns the exit code."""
    analyseur = _analyseur()
    args = analyseur.parse_args(argv)
    if args.commande is None:
        analyseur.print_help()
        return EXIT_USAGE
    commandes = {"check": commande_check, "render": commande_render, "seance": commande_seance, "actes": commande_actes,
                 "contexte": commande_contexte, **COMMANDES_TYPES, **_registre.COMMANDES}
    try:
        _verifier_dossiers(args)
        return commandes[args.commande](args)
    except _DossierIntrouvable as exc:
        print(f"deliberations : erreur : --modeles : dossier introuvable : {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrompu.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: no traceback reaches the user
        print(f"erreur interne ({type(exc).__name__}) : {exc}. Merci de la signaler avec le fichier en cause.",
              file=sys.stderr)
        return EXIT_ERREUR
