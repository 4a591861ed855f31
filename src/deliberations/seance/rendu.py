"""Rendering a séance: every item on the executor, the agenda, the PDFs in one LibreOffice call."""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from deliberations.api import check, load, rendre_en_memoire, rendre_modele
from deliberations.entree.lecture import Positions
from deliberations.erreurs import Erreur, ErreurEntree, Finding, Lieu, erreur
from deliberations.langue import decimaux, formats
from deliberations.model.objets import Seance as SeanceModele
from deliberations.rendu.docx import precharger
from deliberations.rendu.redaction import instance_complete
from deliberations.seance.execution import Progression, executer
from deliberations.seance.fichier import ORDRE_DU_JOUR, PointSeance, ResultatSeance, Seance
from deliberations.sortie.ecriture import convertir_pdf, preparer_dossier, publier
from deliberations.types.catalogue import Modeles


def contexte_ordre_du_jour(seance: Seance) -> dict[str, Any]:
    """What the agenda template prints."""

    lignes = []
    for entree in seance.points:
        lignes.append({
            "rang": entree.rang,
            "numero": entree.numero,
            "objet": entree.objet,
            "direction": entree.direction,
            "montant": formats.montant(entree.montant) if entree.montant else "",
        })
    total = decimaux.somme(e.montant for e in seance.points if e.montant)
    instance = seance.instance
    if seance.collectivite is not None:
        instance = instance_complete(SeanceModele(instance=seance.instance, date=seance.date), seance.collectivite)
    nom = seance.collectivite.nom if seance.collectivite else next((e.collectivite for e in seance.points), "")
    return {
        "collectivite": {"nom": nom},
        "titre": f"ORDRE DU JOUR — {instance.upper()}",
        "reunion": f"Réunion du {formats.date_longue(seance.date, jour_semaine=True)}",
        "points": lignes,
        "total": formats.montant(total),
    }


def _rendre_point(fichier: Path, defauts: dict[str, tuple[Any, Positions]], dossier: Path, force: bool,
                  modeles: Modeles) -> tuple[list[Path], list[Finding]]:
    """Worker: load, check again, render and write one item (whole or not at all); never raises.

    The item is checked again as it is read now: a file changed since the
    séance was loaded is never written unchecked.
    """
    try:
        point = load(fichier, defauts=defauts, modeles=modeles)
        erreurs = [f for f in check(point, modeles=modeles) if f.est_erreur]
        if erreurs:
            return [], erreurs
        return publier(rendre_en_memoire(point, modeles), dossier, force=force), []
    except Erreur as exc:
        return [], exc.findings
    except Exception as exc:  # one item's failure never loses the others
        return [], [erreur(Lieu(str(fichier)), f"rendu impossible ({type(exc).__name__}) : {exc}")]


def _ecrire_point(entree: PointSeance, dossier: Path, force: bool) -> tuple[list[Path], list[Finding]]:
    """Write the documents an item was rendered with when it was checked (whole or not at all); never raises."""
    if entree.echec_rendu or entree.documents is None:
        return [], entree.echec_rendu
    try:
        return publier(entree.documents, dossier, force=force), []
    except Erreur as exc:
        return [], exc.findings
    finally:
        entree.documents = None  # written once: the bytes are not kept


def rendre_seance(
    seance: Seance,
    dossier: str | Path,
    *,
    pdf: bool = False,
    jobs: int | None = None,
    executeur: Executor | None = None,
    force: bool = False,
    progression: Progression | None = None,
) -> ResultatSeance:
    """Render every item (on ``executeur``, or in ``jobs`` processes) and the agenda; PDFs in ``jobs`` LibreOffice processes.

    The report types are those the séance was loaded with (``modeles`` of
    :func:`charger_seance`). Refuses (raises :class:`ErreurEntree`) while any
    item has an erreur. Items the séance was loaded with their documents
    (``charger_seance(rendre=True)``) are written as they were checked and
    rendered then, without being read again; the others are loaded, checked
    again and rendered on the executor. Each item is written whole or not at
    all; a failed item never loses the others' outputs.
    ``progression(fait, total, étape)`` reports progress.
    """
    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    dossier = Path(dossier)
    preparer_dossier(dossier)  # or say why it cannot be one, before any item is rendered
    resultat = ResultatSeance()
    rendus: list[tuple[list[Path], list[Finding]] | None] = [None] * len(seance.points)
    prets = [k for k, e in enumerate(seance.points) if e.documents is not None or e.echec_rendu]
    for fait, k in enumerate(prets, start=1):
        rendus[k] = _ecrire_point(seance.points[k], dossier, force)
        if progression:
            progression(fait, len(prets), "écriture")
    restants = [k for k, r in enumerate(rendus) if r is None]
    if restants:
        precharger()  # import docxtpl once here: forked workers inherit it
        taches = [(e.fichier, seance.defauts_du_point(e), dossier, force, seance.modeles)
                  for e in (seance.points[k] for k in restants)]
        for k, rendu in zip(restants, executer(_rendre_point, taches, executeur=executeur, jobs=jobs,
                                                progression=progression, etape="rendu")):
            rendus[k] = rendu
    for entree, rendu in zip(seance.points, rendus):
        assert rendu is not None
        ecrits, erreurs = rendu
        resultat.ecrits.extend(ecrits)
        if erreurs:
            resultat.echecs[str(entree.fichier)] = erreurs
    try:
        resultat.ecrits.append(rendre_ordre_du_jour(seance, dossier, force=force))
    except Erreur as exc:
        resultat.echecs["ordre-du-jour"] = exc.findings
    if pdf and resultat.ecrits:
        try:
            resultat.ecrits.extend(convertir_pdf([p for p in resultat.ecrits if p.suffix == ".docx"],
                                                 dossier, force=force, jobs=jobs, progression=progression))
        except Erreur as exc:
            resultat.echecs["pdf"] = exc.findings
    return resultat


def rendre_ordre_du_jour(seance: Seance, dossier: Path, *, force: bool = False) -> Path:
    """Write the séance's agenda (``ordre-du-jour.docx``) into ``dossier``."""
    return rendre_modele("seance", "ordre-du-jour.docx", contexte_ordre_du_jour(seance), dossier / ORDRE_DU_JOUR,
                         force=force)
