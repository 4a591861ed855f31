"""A whole meeting: every item checked, then rendered in parallel, plus the agenda.

A séance file lists the items in agenda order::

    instance: commission permanente
    date: 2023-09-14
    collectivite: collectivites/seine-saint-denis.yaml
    points:
      - 06-04-clauses-sociales.yaml
      - 06-05-insertion.yaml

Items inherit the séance's instance, date and collectivité when they leave
them out; an item without ``numero`` gets its position in the agenda. Every
item is checked before anything is written; numbers that repeat are errors.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model import Collectivite, Date, Modele, Point, Texte
from deliberations.entree.lecture import Positions, lire_yaml


class FichierSeance(Modele):
    """The séance file."""

    instance: Texte
    date: Date
    collectivite: Any = None
    points: list[Texte]


@dataclass
class PointSeance:
    """One item of the agenda: its file, its findings and what the agenda shows of it.

    Items are loaded in worker processes; only this summary comes back (a
    loaded item may use a report type's model, which does not pickle).
    """

    rang: int
    fichier: Path
    findings: list[Finding] = field(default_factory=list)
    charge: bool = False
    numero: str = ""
    lieu_numero: Lieu = field(default_factory=Lieu)
    objet: str = ""
    direction: str = ""
    montant: Decimal = Decimal(0)
    collectivite: str = ""

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

    def tous_les_constats(self) -> list[Finding]:
        return [*self.findings, *(f for p in self.points for f in p.findings)]

    @property
    def en_erreur(self) -> bool:
        return any(f.est_erreur for f in self.findings) or any(p.en_erreur for p in self.points)

    def defauts_du_point(self, entree: PointSeance) -> dict[str, tuple[Any, Positions]]:
        """What an item is loaded with: the séance's values, and its rank as numero."""
        return {**self.defauts, "numero": (str(entree.rang), Positions())}


@dataclass
class ResultatSeance:
    """What a séance run wrote, and which items failed."""

    ecrits: list[Path] = field(default_factory=list)
    echecs: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def reussi(self) -> bool:
        return not self.echecs


def charger_seance(chemin: str | Path, *, jobs: int | None = None,
                   progression: Callable[[int, int, str], None] | None = None) -> Seance:
    """Load a séance and every item (in ``jobs`` processes); check them all.

    Raises :class:`ErreurEntree` only for the séance file itself; an item's
    problems are its findings.
    """
    from deliberations.entree.chargement import Charge, traduire

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
    seance_positions.greffer((), _sous(positions, ("instance",), "instance"))
    seance_positions.greffer((), _sous(positions, ("date",), "date"))
    defauts["seance"] = ({"instance": donnees["instance"], "date": donnees["date"]}, seance_positions)
    collectivite = None
    if fichier.collectivite is not None:
        if isinstance(fichier.collectivite, str):
            profil = (chemin.parent / fichier.collectivite).resolve()
            if not profil.is_file():
                raise ErreurEntree([erreur(positions.lieu(("collectivite",), str(chemin)),
                                           f"profil de collectivité introuvable : {fichier.collectivite}")])
            profil_donnees, profil_positions = lire_yaml(profil)
        else:
            profil_donnees, profil_positions = fichier.collectivite, _sous(positions, ("collectivite",), None)
        defauts["collectivite"] = (profil_donnees, profil_positions)
        try:
            collectivite = Collectivite.model_validate(profil_donnees)
        except ValidationError:
            collectivite = None  # reported through each item

    taches = []
    for rang, nom in enumerate(fichier.points, start=1):
        lieu_point = positions.lieu(("points", rang - 1), str(chemin))
        taches.append((rang, str(chemin.parent / nom), nom, lieu_point,
                       {**defauts, "numero": (str(rang), Positions())}, fichier.instance, fichier.date))
    # (Seance.defauts_du_point gives the same defaults again for rendering.)
    points = _en_parallele(_charger_point, taches, jobs, progression, "vérification")
    seance = Seance(chemin, fichier.instance, fichier.date, collectivite, points, defauts=defauts)
    seance.findings.extend(_numeros_en_double(seance))
    return seance


def _load(fichier: Path, defauts: dict[str, tuple[Any, Positions]]) -> Point:
    from deliberations.entree.chargement import load

    return load(fichier, defauts=defauts)


def _charger_point(rang: int, fichier: str, nom: str, lieu: Lieu, defauts: dict[str, tuple[Any, Positions]],
                   instance: str, date: Any) -> PointSeance:
    """Worker: load and check one item of the agenda."""
    from deliberations.controles.checks import check

    from deliberations.entree.chargement import origine

    entree = PointSeance(rang, Path(fichier))
    if not entree.fichier.is_file():
        entree.findings.append(erreur(lieu, f"point introuvable : {nom}"))
        return entree
    try:
        point = _load(entree.fichier, defauts)
    except ErreurEntree as exc:
        entree.findings.extend(exc.findings)
        return entree
    entree.findings.extend(check(point))
    entree.findings.extend(_meme_seance(point, instance, date))
    entree.charge = True
    entree.numero = point.numero
    entree.lieu_numero = origine(point).lieu(("numero",))
    entree.objet, entree.direction = point.objet, point.direction
    entree.collectivite = point.collectivite.nom
    try:
        entree.montant = montant_engage(point)
    except (ErreurEntree, ValueError):
        pass  # already reported by the checks
    return entree


def _en_parallele(fonction: Callable[..., Any], taches: list[tuple[Any, ...]], jobs: int | None,
                  progression: Callable[[int, int, str], None] | None, etape: str) -> list[Any]:
    """Run ``fonction`` on every task, in order, in ``jobs`` processes (in-process for one)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    resultats: list[Any] = [None] * len(taches)
    if jobs == 1 or len(taches) <= 1:
        for k, tache in enumerate(taches):
            resultats[k] = fonction(*tache)
            if progression:
                progression(k + 1, len(taches), etape)
        return resultats
    with ProcessPoolExecutor(max_workers=min(jobs, len(taches))) as pool:
        futurs = {pool.submit(fonction, *tache): k for k, tache in enumerate(taches)}
        for fait, futur in enumerate(as_completed(futurs), start=1):
            resultats[futurs[futur]] = futur.result()
            if progression:
                progression(fait, len(taches), etape)
    return resultats


def _sous(positions: Positions, prefixe: tuple[Any, ...], cle: str | None) -> Positions:
    """Positions below ``prefixe``, re-rooted (under ``cle`` when given)."""
    resultat = Positions()
    for chemin, lieu in positions.lieux.items():
        if chemin[: len(prefixe)] == prefixe:
            reste = chemin[len(prefixe):]
            resultat.ajouter(((cle,) if cle else ()) + reste, lieu)
    return resultat


def _meme_seance(point: Point, instance: str, date: Any) -> list[Finding]:
    from deliberations.langue import formats
    from deliberations.entree.chargement import origine

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


# --------------------------------------------------------------------------
# Rendering


def montant_engage(point: Point) -> Decimal:
    """The amount an item commits, for the agenda's summary table.

    The named value ``montant_engage`` when the item gives one; otherwise,
    for each annex table, the total of its last totalled amount column.
    """
    from deliberations.calcul.tableaux import tableaux
    from deliberations.rendu.contexte import valeurs_nommees

    nommees = valeurs_nommees(point)
    if "montant_engage" in nommees and nommees["montant_engage"].genre == "montant":
        return Decimal(nommees["montant_engage"].valeur)
    total = Decimal(0)
    for annexe in tableaux(point):
        for tableau in annexe:
            montants = [c.nom for c in tableau.tableau.colonnes if c.type == "montant" and c.nom in tableau.totaux]
            if montants:
                total += Decimal(tableau.totaux[montants[-1]])
    return total


def contexte_ordre_du_jour(seance: Seance) -> dict[str, Any]:
    """What the agenda template prints."""
    from deliberations.langue import formats
    from deliberations.rendu.contexte import instance_complete

    lignes = []
    for entree in seance.points:
        lignes.append({
            "rang": entree.rang,
            "numero": entree.numero,
            "objet": entree.objet,
            "direction": entree.direction,
            "montant": formats.montant(entree.montant) if entree.montant else "",
        })
    total = sum((e.montant for e in seance.points), Decimal(0))
    instance = seance.instance
    if seance.collectivite is not None:
        from deliberations.model import Seance as SeanceModele

        instance = instance_complete(SeanceModele(instance=seance.instance, date=seance.date), seance.collectivite)
    nom = seance.collectivite.nom if seance.collectivite else next((e.collectivite for e in seance.points), "")
    return {
        "collectivite": {"nom": nom},
        "titre": f"ORDRE DU JOUR — {instance.upper()}",
        "reunion": f"Réunion du {formats.date_longue(seance.date, jour_semaine=True)}",
        "points": lignes,
        "total": formats.montant(total),
    }


def _rendre_point(fichier: Path, defauts: dict[str, tuple[Any, Positions]], dossier: Path,
                  force: bool) -> tuple[list[Path], list[Finding]]:
    """Worker: load, render and write one checked item (whole or not at all); never raises."""
    from deliberations.rendu.docx import publier, rendre_en_memoire

    try:
        return publier(rendre_en_memoire(_load(fichier, defauts)), dossier, force=force), []
    except ErreurEntree as exc:
        return [], exc.findings
    except Exception as exc:  # one item's failure never loses the others
        return [], [erreur(Lieu(str(fichier)), f"rendu impossible ({type(exc).__name__}) : {exc}")]


def rendre_seance(
    seance: Seance,
    dossier: str | Path,
    *,
    pdf: bool = False,
    jobs: int | None = None,
    force: bool = False,
    progression: Callable[[int, int, str], None] | None = None,
) -> ResultatSeance:
    """Render every item (in ``jobs`` processes) and the agenda; PDFs in one LibreOffice call.

    Refuses (raises :class:`ErreurEntree`) while any item has an erreur.
    Each item is written whole or not at all; a failed item never loses the
    others' outputs. ``progression(fait, total, étape)`` reports progress.
    """
    from deliberations.rendu import docx as rendering

    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    resultat = ResultatSeance()
    rendering._docxtpl()  # import docxtpl once here: forked workers inherit it
    taches = [(e.fichier, seance.defauts_du_point(e), dossier, force) for e in seance.points]
    for entree, (ecrits, erreurs) in zip(seance.points, _en_parallele(_rendre_point, taches, jobs, progression,
                                                                      "rendu")):
        resultat.ecrits.extend(ecrits)
        if erreurs:
            resultat.echecs[str(entree.fichier)] = erreurs
    try:
        resultat.ecrits.append(rendre_ordre_du_jour(seance, dossier, force=force))
    except ErreurEntree as exc:
        resultat.echecs["ordre-du-jour"] = exc.findings
    if pdf and resultat.ecrits:
        try:
            resultat.ecrits.extend(rendering.convertir_pdf([p for p in resultat.ecrits if p.suffix == ".docx"],
                                                           dossier, force=force))
        except ErreurEntree as exc:
            resultat.echecs["pdf"] = exc.findings
    return resultat


def rendre_ordre_du_jour(seance: Seance, dossier: Path, *, force: bool = False) -> Path:
    from deliberations.rendu.docx import rendre_modele

    return rendre_modele("seance", "ordre-du-jour.docx", contexte_ordre_du_jour(seance), dossier / "ordre-du-jour.docx",
                         force=force)
