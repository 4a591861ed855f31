"""Loading a séance: its file, then every item, loaded and checked on the executor."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from deliberations.api import check, load, noms_de_sortie, rendre_en_memoire
from deliberations.calcul.tableaux import tableaux
from deliberations.calcul.references import resoudre
from deliberations.calcul.valeurs import chercheur, valeurs_nommees
from deliberations.entree.lecture import Positions, lire_yaml
from deliberations.entree.origine import Charge, origine
from deliberations.entree.traduction import traduire
from deliberations.erreurs import Erreur, ErreurEntree, Finding, Lieu, erreur
from deliberations.langue import decimaux, formats
from deliberations.model.objets import Collectivite, Point
from deliberations.rendu.docx import precharger
from deliberations.seance.execution import Progression, executer
from deliberations.seance.presences import presences_et_votes
from deliberations.seance.fichier import CLES_DE_SEANCE, ORDRE_DU_JOUR, FichierSeance, PointSeance, Seance
from deliberations.sortie.noms import collisions
from deliberations.types.catalogue import Modeles, catalogue


def charger_seance(chemin: str | Path, *, jobs: int | None = None, executeur: Executor | None = None,
                   modeles: Modeles = None, progression: Progression | None = None,
                   rendre: bool = False) -> Seance:
    """Load a séance and every item (on ``executeur``, or in ``jobs`` processes); check them all.

    ``modeles``: folders of report types besides the built-in ones, as for
    :func:`deliberations.render`. Raises :class:`ErreurEntree` only for the
    séance file itself; an item's problems are its findings. With ``rendre``,
    each item without error is also rendered (in memory, verified) by the
    process that has just checked it, for :func:`rendre_seance` to write once
    the whole séance is found without error (``PointSeance.documents``).
    """
    catalogue(modeles)  # unusable types (a missing folder…) are refused here, before any item is read

    chemin = Path(chemin)
    donnees, positions = lire_yaml(chemin)
    if not isinstance(donnees, dict):
        raise ErreurEntree([erreur(Lieu(str(chemin), 1), "le fichier de séance contient des clés "
                                   "(instance:, date:, points:)")])
    try:
        fichier = FichierSeance.model_validate(donnees)
    except ValidationError as exc:
        raise ErreurEntree(traduire(exc, Charge(str(chemin), positions), FichierSeance)) from None

    defauts: dict[str, tuple[Any, Positions]] = {}
    seance_positions = Positions()
    seance_positions.greffer(("instance",), positions.sous(("instance",)))
    seance_positions.greffer(("date",), positions.sous(("date",)))
    seance_donnees = {"instance": donnees["instance"], "date": donnees["date"]}
    for cle in CLES_DE_SEANCE:  # typed once in the séance file, shared by its items
        if donnees.get(cle) is not None:
            seance_donnees[cle] = donnees[cle]
            seance_positions.greffer((cle,), positions.sous((cle,)))
    defauts["seance"] = (seance_donnees, seance_positions)
    collectivite = None
    profil_lu = None
    if fichier.collectivite is not None:
        if isinstance(fichier.collectivite, str):
            profil = (chemin.parent / fichier.collectivite).resolve()
            if not profil.is_file():
                raise ErreurEntree([erreur(positions.lieu(("collectivite",), str(chemin)),
                                           f"profil de collectivité introuvable : {fichier.collectivite}")])
            profil_donnees, profil_positions = lire_yaml(profil)
        else:
            profil, profil_donnees = chemin, fichier.collectivite
            profil_positions = positions.sous(("collectivite",))
        defauts["collectivite"] = (profil_donnees, profil_positions)
        profil_lu = (profil_donnees, profil_positions, profil)
        try:
            collectivite = Collectivite.model_validate(profil_donnees)
        except ValidationError:
            collectivite = None  # reported through each item

    # attendance and votes, typed once, each item getting its own
    par_rang, constats_votes, debats = presences_et_votes(chemin, fichier, positions, profil_lu)
    taches = []
    for rang, nom in enumerate(fichier.points, start=1):
        lieu_point = positions.lieu(("points", rang - 1), str(chemin))
        taches.append((rang, str(chemin.parent / nom), nom, lieu_point,
                       {**defauts, **par_rang.get(rang, {}), "numero": (str(rang), Positions())}, fichier.instance,
                       fichier.date, modeles, rendre))
    # (Seance.defauts_du_point gives the same defaults again for rendering.)
    if rendre:
        precharger()  # import docxtpl once here: forked workers inherit it
    points = executer(_charger_point, taches, executeur=executeur, jobs=jobs, progression=progression,
                      etape="vérification et rendu" if rendre else "vérification")
    seance = Seance(chemin, fichier.instance, fichier.date, collectivite, points, defauts=defauts, modeles=modeles,
                    defauts_des_points=par_rang, debats=debats)
    seance.findings.extend(constats_votes)
    seance.findings.extend(_numeros_en_double(seance))
    seance.findings.extend(_noms_en_double(seance))
    return seance


def _charger_point(rang: int, fichier: str, nom: str, lieu: Lieu, defauts: dict[str, tuple[Any, Positions]],
                   instance: str, date: Any, modeles: Modeles, rendre: bool = False) -> PointSeance:
    """Worker: load and check one item of the agenda; with ``rendre``, render it when it has no error.

    A finding on the item's vote or attendance typed outside its file (in the séance's results) names the item.
    """
    entree = _charger_un_point(rang, fichier, nom, lieu, defauts, instance, date, modeles, rendre)
    entree.findings = [replace(f, message=f"point {rang} ({nom}) : {f.message}")
                       if f.lieu.fichier != str(entree.fichier) and f.lieu.champ.startswith(("vote", "presences"))
                       and not f.message.startswith("point ") else f
                       for f in entree.findings]
    return entree


def _charger_un_point(rang: int, fichier: str, nom: str, lieu: Lieu, defauts: dict[str, tuple[Any, Positions]],
                      instance: str, date: Any, modeles: Modeles, rendre: bool) -> PointSeance:
    entree = PointSeance(rang, Path(fichier))
    if not entree.fichier.is_file():
        entree.findings.append(erreur(lieu, f"point introuvable : {nom}"))
        return entree
    try:
        point = load(entree.fichier, defauts=defauts, modeles=modeles)
    except ErreurEntree as exc:
        entree.findings.extend(exc.findings)
        return entree
    entree.findings.extend(check(point, modeles=modeles))
    entree.findings.extend(_vote_en_double(point, entree, defauts))
    entree.findings.extend(_meme_seance(point, instance, date))
    entree.charge = True
    entree.numero = point.numero
    entree.lieu_numero = origine(point).lieu(("numero",))
    try:
        entree.noms = noms_de_sortie(point, modeles)
    except Erreur as exc:
        entree.findings.extend(exc.findings)
    entree.objet, entree.direction = _resolus(point, point.objet, point.direction)
    entree.collectivite = point.collectivite.nom
    try:
        entree.montant = montant_engage(point)
    except (ErreurEntree, ValueError):
        pass  # already reported by the checks
    if rendre and not entree.en_erreur:
        try:
            entree.documents = rendre_en_memoire(point, modeles)
        except Erreur as exc:
            entree.echec_rendu = exc.findings
        except Exception as exc:  # one item's failure never loses the others
            entree.echec_rendu = [erreur(Lieu(fichier), f"rendu impossible ({type(exc).__name__}) : {exc}")]
    return entree


def _vote_en_double(point: Point, entree: PointSeance, defauts: dict[str, tuple[Any, Positions]]) -> list[Finding]:
    """An item that types its own vote while the séance's results give it one."""
    if "vote" not in defauts:
        return []
    lieu = origine(point).lieu(("vote",))
    if lieu.fichier != str(entree.fichier) or not point.vote.model_dump(exclude_none=True, exclude_defaults=True):
        return []
    return [erreur(lieu, "ce point écrit son vote alors que la séance donne ses présences et ses résultats : "
                         "retirez « vote: » du point (le vote s'écrit une fois, dans les résultats de la séance)")]


def _resolus(point: Point, *textes: str | None) -> list[str]:
    """The texts with their references resolved (as typed when the item's references are in error: reported).

    A field « sans objet » (None) is an empty text.
    """
    textes_ = [t or "" for t in textes]
    try:
        chercher = chercheur(point)
        return [resoudre(t, chercher) for t in textes_]
    except (ErreurEntree, ValueError):
        return textes_


def _meme_seance(point: Point, instance: str, date: Any) -> list[Finding]:
    if point.seance.date != date or point.seance.instance.strip().lower() != instance.strip().lower():
        return [erreur(origine(point).lieu(("seance",)),
                       f"ce point est daté de la séance « {point.seance.instance} » du "
                       f"{formats.date_longue(point.seance.date)}, pas de « {instance} » du "
                       f"{formats.date_longue(date)}")]
    return []


def _numeros_en_double(seance: Seance) -> list[Finding]:
    vus: dict[str, PointSeance] = {}
    findings = []
    for entree in seance.points:
        if not entree.charge:
            continue
        numero = entree.numero.strip()
        if numero in vus:
            premier = vus[numero]
            findings.append(erreur(entree.lieu_numero,
                                   f"numéro « {numero} » déjà pris par le point {premier.rang} ({premier.fichier.name})"))
        else:
            vus[numero] = entree
    return findings


def montant_engage(point: Point) -> Decimal:
    """The amount an item commits, for the agenda's summary table.

    The named value ``montant_engage`` when the item gives one; otherwise,
    for each annex table, the total of its last totalled amount column.
    """
    nommees = valeurs_nommees(point)
    if "montant_engage" in nommees and nommees["montant_engage"].genre == "montant":
        return Decimal(nommees["montant_engage"].valeur)
    totaux = []
    for annexe in tableaux(point):
        for tableau in annexe:
            montants = [c.nom for c in tableau.tableau.colonnes if c.type == "montant" and c.nom in tableau.totaux]
            if montants:
                totaux.append(Decimal(tableau.totaux[montants[-1]]))
    return decimaux.somme(totaux)


def _noms_en_double(seance: Seance) -> list[Finding]:
    """Two items whose documents would get the same file name (numbers that differ by « / » and « - », by
    accents composed or not, by an invisible character, or a type whose names leave the number out)."""
    sorties: list[tuple[PointSeance | None, list[str]]] = [(None, [ORDRE_DU_JOUR])]
    sorties += [(e, e.noms) for e in seance.points if e.charge]
    findings = []
    for nom, premier, second in collisions(sorties):
        assert second is not None
        if premier is not None and premier.numero.strip() == second.numero.strip():
            continue  # the same number: reported as such
        autre = "l'ordre du jour" if premier is None else f"le point {premier.rang} ({premier.fichier.name})"
        findings.append(erreur(second.lieu_numero, f"ce point écrirait « {nom} », comme {autre} : donnez-lui un "
                                                   "autre numéro ; rien n'a été écrit"))
    return findings
