"""The register's commands: ``deliberations registre enregistrer|reconstruire|liste|proces-verbal|tables``, ``export-scdl``.

Each is one call of :mod:`deliberations.registre` (after the séance is
loaded and checked, as for ``seance`` and ``actes``). The register is the
file given with ``--registre``, or the one the collectivité's profile names
(``registre:``, relative to the profile).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Callable

from deliberations.cli.commun import (
    AIDE_MODELES,
    EXIT_ERREUR,
    EXIT_OK,
    EXIT_USAGE,
    _afficher,
    _Analyseur,
    _Barre,
    _charger_seance,
    _entier_positif,
    _seance_sans_erreur,
)

_AIDE_REGISTRE = ("le registre des actes (fichier SQLite) ; par défaut celui que nomme le profil de la collectivité "
                  "(registre:)")


_AIDE_PROFIL = ("le profil de la collectivité : son registre (registre:), son nom, son SIRET et sa classification "
                "ACTES, si les options ne les donnent pas")


def _date(texte: str) -> dt.date:
    for forme in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(texte, forme).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"date attendue (2023-09-18 ou 18/09/2023) : {texte!r}")


def _annee(texte: str) -> int:
    if not (texte.isascii() and texte.isdigit() and len(texte) == 4):
        raise argparse.ArgumentTypeError(f"année sur quatre chiffres attendue : {texte!r}")
    return int(texte)


def ajouter_commandes(sous: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``registre`` command and its own sub-commands, and ``export-scdl``."""
    r = sous.add_parser("registre", help="le registre des actes : enregistrer une séance, la liste des "
                                         "délibérations, les tables, reconstruire un registre perdu")
    actions = r.add_subparsers(dest="action", metavar="ACTION", parser_class=_Analyseur)

    e = actions.add_parser("enregistrer", help="enregistrer les points votés d'une séance et leur donner leur "
                                               "numéro (une seule fois)")
    e.add_argument("fichier", metavar="SEANCE", type=Path, help="le fichier de séance (seance.yaml)")
    e.add_argument("--registre", metavar="FICHIER", type=Path, default=None, help=_AIDE_REGISTRE)
    e.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                   help="processus en parallèle pour vérifier les points (par défaut : le nombre de cœurs)")

    c = actions.add_parser("reconstruire", help="reconstruire un registre perdu à partir des fichiers de séance, "
                                                "chaque acte gardant son numéro")
    c.add_argument("fichiers", nargs="+", metavar="SEANCE", type=Path, help="les fichiers de séance, dans tout ordre")
    c.add_argument("--registre", metavar="FICHIER", type=Path, default=None, help=_AIDE_REGISTRE)
    c.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                   help="processus en parallèle pour vérifier les points (par défaut : le nombre de cœurs)")

    li = actions.add_parser("liste", help="écrire la liste des délibérations d'une séance, tirée du registre")
    li.add_argument("fichier", metavar="SEANCE", type=Path, help="le fichier de séance (seance.yaml)")
    li.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                    help="dossier de sortie (par défaut : sortie)")
    li.add_argument("--registre", metavar="FICHIER", type=Path, default=None, help=_AIDE_REGISTRE)
    li.add_argument("--affichee-le", type=_date, default=None, metavar="DATE", dest="affichee_le",
                    help="date d'affichage, imprimée (dans la semaine qui suit la séance)")
    li.add_argument("--en-ligne-le", type=_date, default=None, metavar="DATE", dest="en_ligne_le",
                    help="date de mise en ligne, imprimée (dans la semaine qui suit la séance)")
    li.add_argument("--pdf", action="store_true", help="convertir aussi en PDF avec LibreOffice")
    li.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    li.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                    help="processus en parallèle pour vérifier les points (par défaut : le nombre de cœurs)")

    pv = actions.add_parser("proces-verbal", help="écrire le projet de procès-verbal d'une séance (présences, "
                                                  "votes, débats ; numéros des actes tirés du registre)")
    pv.add_argument("fichier", metavar="SEANCE", type=Path, help="le fichier de séance (seance.yaml)")
    pv.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                    help="dossier de sortie (par défaut : sortie)")
    pv.add_argument("--registre", metavar="FICHIER", type=Path, default=None,
                    help="le registre des actes, pour leurs numéros (par défaut celui du profil, s'il existe)")
    pv.add_argument("--pdf", action="store_true", help="convertir aussi en PDF avec LibreOffice")
    pv.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    pv.add_argument("--jobs", type=_entier_positif, default=None, metavar="N",
                    help="processus pour vérifier la séance (par défaut : le nombre de cœurs)")

    t = actions.add_parser("tables", help="écrire les tables du registre d'une année, par date et par objet")
    t.add_argument("--annee", type=_annee, required=True, metavar="AAAA", help="l'année des actes (2023)")
    t.add_argument("--registre", metavar="FICHIER", type=Path, default=None,
                   help="le registre des actes (par défaut : celui que nomme le profil)")
    t.add_argument("--profil", metavar="FICHIER", type=Path, default=None, help=_AIDE_PROFIL)
    t.add_argument("-o", "--sortie", metavar="DOSSIER", type=Path, default=Path("sortie"),
                   help="dossier de sortie (par défaut : sortie)")
    t.add_argument("--collectivite", metavar="NOM", default=None,
                   help="la collectivité, si le registre en tient plusieurs")
    t.add_argument("--pdf", action="store_true", help="convertir aussi en PDF avec LibreOffice")
    t.add_argument("--force", action="store_true", help="remplacer les fichiers existants")

    x = sous.add_parser("export-scdl", help="écrire la table SCDL « Délibérations » (CSV des portails open data) "
                                            "des délibérations adoptées du registre")
    x.add_argument("--registre", metavar="FICHIER", type=Path, default=None,
                   help="le registre des actes (par défaut : celui que nomme le profil)")
    x.add_argument("--profil", metavar="FICHIER", type=Path, default=None, help=_AIDE_PROFIL)
    x.add_argument("-o", "--sortie", metavar="FICHIER.csv", type=Path, required=True, help="le fichier à écrire")
    x.add_argument("--siret", default=None, help="le SIRET de la collectivité (14 chiffres ; par défaut : celui "
                                                 "du profil)")
    x.add_argument("--collectivite", metavar="NOM", default=None,
                   help="la collectivité, si le registre en tient plusieurs")
    x.add_argument("--url", default="", help="adresse où les actes sont publiés (suivie du nom du PDF publié)")
    x.add_argument("--pref-id", default="", dest="pref_id", help="identifiant de la préfecture (PREF_ID)")
    x.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")

    for commande in (e, c, li, pv):
        commande.add_argument("--modeles", action="append", type=Path, metavar="DOSSIER", help=AIDE_MODELES)


def _appeler(appel: Callable[[], Any]) -> tuple[Any, int]:
    """Run an API call; on refusal print its findings: (result or None, exit code)."""
    from deliberations.erreurs import Erreur, FichierIllisible, RegistreIntrouvable

    try:
        return appel(), EXIT_OK
    except (RegistreIntrouvable, FichierIllisible) as exc:
        _afficher(exc.findings)
        return None, EXIT_USAGE
    except Erreur as exc:
        _afficher(exc.findings)
        print("rien n'a été écrit.", file=sys.stderr)
        return None, EXIT_ERREUR


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def _bilan(resultat: Any) -> None:
    """One line per act of the séance (new or already there), the items left out, a summary."""
    for entree, acte in resultat.actes:
        etat = "enregistré" if acte.nouveau else "déjà enregistré"
        print(f"{acte.numero} : {etat} ({acte.resultat}, séance du {acte.seance:%d/%m/%Y}, point {entree.rang})")
    _afficher(resultat.avertissements)
    nouveaux = len(resultat.nouveaux)
    deja = len(resultat.actes) - nouveaux
    if resultat.actes and not nouveaux:
        print(f"{resultat.registre} : rien de nouveau, {_pluriel(deja, 'acte')} déjà "
              f"{'enregistrés' if deja > 1 else 'enregistré'}, aucun numéro donné.")
    else:
        print(f"{resultat.registre} : {_pluriel(nouveaux, 'acte')} {'enregistrés' if nouveaux > 1 else 'enregistré'}"
              + (f", {deja} déjà {'enregistrés' if deja > 1 else 'enregistré'}" if deja else "") + ".")


def commande_enregistrer(args: argparse.Namespace) -> int:
    from deliberations.registre.seances import enregistrer_seance

    seance, code = _seance_sans_erreur(args)
    if seance is None:
        return code
    resultat, code = _appeler(lambda: enregistrer_seance(seance, args.registre, progression=_Barre()))
    if resultat is not None:
        _bilan(resultat)
    return code


def commande_reconstruire(args: argparse.Namespace) -> int:
    from deliberations.registre.seances import reconstruire_registre
    from deliberations.seance import Seance

    seances, code = [], EXIT_OK
    for fichier in args.fichiers:  # every séance checked before anything is written
        seance, resultat = _charger_seance(fichier, jobs=args.jobs, modeles=args.modeles, progression=_Barre())
        code = max(code, resultat)
        if isinstance(seance, Seance):
            seances.append(seance)
    if code != EXIT_OK:
        print("une séance au moins a des erreurs : rien n'a été écrit.", file=sys.stderr)
        return code
    resultat, code = _appeler(lambda: reconstruire_registre(seances, args.registre, progression=_Barre()))
    if resultat is not None:
        for entree, acte in resultat.actes:
            print(f"{acte.numero} : {acte.resultat}, séance du {acte.seance:%d/%m/%Y}, point {entree.rang}")
        _afficher(resultat.avertissements)
        print(f"{resultat.registre} : registre reconstruit, {_pluriel(len(resultat.actes), 'acte')} de "
              f"{_pluriel(len(seances), 'séance')}.")
    return code


def _ecrits(chemins: Any) -> None:
    for chemin in chemins or []:
        print(f"écrit : {chemin}")


def commande_liste(args: argparse.Namespace) -> int:
    from deliberations.registre.seances import rendre_liste_de_la_seance

    seance, code = _seance_sans_erreur(args)
    if seance is None:
        return code
    ecrits, code = _appeler(lambda: rendre_liste_de_la_seance(
        seance, args.sortie, registre=args.registre, pdf=args.pdf, force=args.force, affichee_le=args.affichee_le,
        en_ligne_le=args.en_ligne_le))
    _ecrits(ecrits)
    return code


def commande_proces_verbal(args: argparse.Namespace) -> int:
    from deliberations.registre.proces_verbal import rendre_proces_verbal_de_la_seance

    seance, code = _seance_sans_erreur(args)
    if seance is None:
        return code
    ecrits, code = _appeler(lambda: rendre_proces_verbal_de_la_seance(seance, args.sortie, registre=args.registre,
                                                                      pdf=args.pdf, force=args.force))
    _ecrits(ecrits)
    return code


def _profil(args: argparse.Namespace, commande: str) -> tuple[Any, int]:
    """The profile of ``--profil`` (or None); without one, ``--registre`` is needed: (profile, exit code)."""
    from deliberations.registre.profil import charger_profil

    if args.profil is None:
        if args.registre is None:
            print(f"deliberations {commande} : erreur : --registre manquant (ou --profil, le profil de la "
                  "collectivité qui nomme son registre)", file=sys.stderr)
            return None, EXIT_USAGE
        return None, EXIT_OK
    return _appeler(lambda: charger_profil(args.profil))


def commande_tables(args: argparse.Namespace) -> int:
    from deliberations.registre.documents import rendre_tables_de_l_annee

    profil, code = _profil(args, "registre tables")
    if code != EXIT_OK:
        return code
    ecrits, code = _appeler(lambda: rendre_tables_de_l_annee(
        profil.registre(args.registre) if profil else args.registre, args.sortie, args.annee,
        collectivite=args.collectivite or (profil.collectivite.nom if profil else None), pdf=args.pdf,
        force=args.force))
    _ecrits(ecrits)
    return code


def commande_export_scdl(args: argparse.Namespace) -> int:
    from deliberations.model.actes import CLASSIFICATION_NATIONALE
    from deliberations.registre.scdl import exporter_scdl

    profil, code = _profil(args, "export-scdl")
    if code != EXIT_OK:
        return code
    siret = args.siret or (profil.collectivite.siret if profil else None)
    if siret is None:
        print("deliberations export-scdl : erreur : --siret manquant (ou siret: dans le profil de la collectivité)",
              file=sys.stderr)
        return EXIT_USAGE
    ecrit, code = _appeler(lambda: exporter_scdl(
        profil.registre(args.registre) if profil else args.registre, args.sortie, siret=siret,
        collectivite=args.collectivite or (profil.collectivite.nom if profil else None),
        classification=profil.classification() if profil else CLASSIFICATION_NATIONALE, pref_id=args.pref_id,
        url=args.url, force=args.force))
    _ecrits([ecrit] if ecrit else [])
    return code


ACTIONS = {"enregistrer": commande_enregistrer, "reconstruire": commande_reconstruire, "liste": commande_liste,
           "proces-verbal": commande_proces_verbal, "tables": commande_tables}


def commande_registre(args: argparse.Namespace) -> int:
    if args.action is None:
        print("deliberations registre : erreur : action manquante (enregistrer, reconstruire, liste, proces-verbal ou tables ; "
              "voir « deliberations registre --help »)", file=sys.stderr)
        return EXIT_USAGE
    return ACTIONS[args.action](args)


COMMANDES = {"registre": commande_registre, "export-scdl": commande_export_scdl}
