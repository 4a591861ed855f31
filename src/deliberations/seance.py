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

from .erreurs import ErreurEntree, Finding, Lieu, erreur
from .model import Collectivite, Date, Modele, Point, Texte
from .source import Positions, lire_yaml


class FichierSeance(Modele):
    """The séance file."""

    instance: Texte
    date: Date
    collectivite: Any = None
    points: list[Texte]


@dataclass
class PointSeance:
    """One item of the agenda: its file, and the loaded item or its findings."""

    rang: int
    fichier: Path
    point: Point | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def en_erreur(self) -> bool:
        return self.point is None or any(f.est_erreur for f in self.findings)


@dataclass
class Seance:
    fichier: Path
    instance: str
    date: Any
    collectivite: Collectivite | None
    points: list[PointSeance]
    findings: list[Finding] = field(default_factory=list)
    #: What items inherit from the séance (plain data with positions).
    defauts: dict[str, tuple[Any, Positions]] = field(default_factory=dict)

    def tous_les_constats(self) -> list[Finding]:
        return [*self.findings, *(f for p in self.points for f in p.findings)]

    @property
    def en_erreur(self) -> bool:
        return any(f.est_erreur for f in self.findings) or any(p.en_erreur for p in self.points)


@dataclass
class ResultatSeance:
    """What a séance run wrote, and which items failed."""

    ecrits: list[Path] = field(default_factory=list)
    echecs: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def reussi(self) -> bool:
        return not self.echecs


def charger_seance(chemin: str | Path) -> Seance:
    """Load a séance and every item; check them all; never raises for an item."""
    from .chargement import Charge, traduire
    from .checks import check

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

    points: list[PointSeance] = []
    for rang, nom in enumerate(fichier.points, start=1):
        fichier_point = (chemin.parent / nom)
        entree = PointSeance(rang, fichier_point)
        lieu_point = positions.lieu(("points", rang - 1), str(chemin))
        if not fichier_point.is_file():
            entree.findings.append(erreur(lieu_point, f"point introuvable : {nom}"))
            points.append(entree)
            continue
        try:
            entree.point = _load(fichier_point, {**defauts, "numero": (str(rang), Positions())})
        except ErreurEntree as exc:
            entree.findings.extend(exc.findings)
        else:
            entree.findings.extend(check(entree.point))
            entree.findings.extend(_meme_seance(entree.point, fichier, str(fichier_point)))
        points.append(entree)
    seance = Seance(chemin, fichier.instance, fichier.date, collectivite, points, defauts=defauts)
    seance.findings.extend(_numeros_en_double(seance))
    return seance


def _load(fichier: Path, defauts: dict[str, tuple[Any, Positions]]) -> Point:
    from .chargement import load

    return load(fichier, defauts=defauts)


def _sous(positions: Positions, prefixe: tuple[Any, ...], cle: str | None) -> Positions:
    """Positions below ``prefixe``, re-rooted (under ``cle`` when given)."""
    resultat = Positions()
    for chemin, lieu in positions.lieux.items():
        if chemin[: len(prefixe)] == prefixe:
            reste = chemin[len(prefixe):]
            resultat.ajouter(((cle,) if cle else ()) + reste, lieu)
    return resultat


def _meme_seance(point: Point, seance: FichierSeance, nom: str) -> list[Finding]:
    from .chargement import origine
    from . import formats

    if point.seance.date != seance.date or point.seance.instance.strip().lower() != seance.instance.strip().lower():
        return [erreur(origine(point).lieu(("seance",)),
                       f"ce point est daté de la séance « {point.seance.instance} » du "
                       f"{formats.date_longue(point.seance.date)}, pas de « {seance.instance} » du "
                       f"{formats.date_longue(seance.date)}")]
    return []


def _numeros_en_double(seance: Seance) -> list[Finding]:
    from .chargement import origine

    vus: dict[str, PointSeance] = {}
    findings = []
    for entree in seance.points:
        if entree.point is None:
            continue
        numero = entree.point.numero.strip()
        if numero in vus:
            premier = vus[numero]
            findings.append(erreur(origine(entree.point).lieu(("numero",)),
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
    from .calculs import tableaux
    from .documents import valeurs_nommees

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
    from . import formats
    from .documents import instance_complete

    lignes = []
    total = Decimal(0)
    for entree in seance.points:
        if entree.point is None:
            continue
        engage = montant_engage(entree.point)
        total += engage
        lignes.append({
            "rang": entree.rang,
            "numero": entree.point.numero,
            "objet": entree.point.objet,
            "direction": entree.point.direction,
            "montant": formats.montant(engage) if engage else "",
        })
    collectivite = seance.collectivite or (seance.points[0].point.collectivite if seance.points and seance.points[0].point else None)
    instance = seance.instance
    if collectivite is not None:
        from .model import Seance as SeanceModele

        instance = instance_complete(SeanceModele(instance=seance.instance, date=seance.date), collectivite)
    return {
        "collectivite": {"nom": collectivite.nom if collectivite else ""},
        "titre": f"ORDRE DU JOUR — {instance.upper()}",
        "reunion": f"Réunion du {formats.date_longue(seance.date, jour_semaine=True)}",
        "points": lignes,
        "total": formats.montant(total),
    }


def _rendre_un(fichier: str, defauts: dict[str, Any], dossier: str, force: bool) -> tuple[str, list[Path], list[Finding]]:
    """Worker: load and render one item; return (file, written paths, findings)."""
    from .rendering import render

    try:
        point = _load(Path(fichier), defauts)
        return fichier, render(point, Path(dossier), force=force), []
    except ErreurEntree as exc:
        return fichier, [], exc.findings
    except Exception as exc:  # one item's failure never loses the others
        return fichier, [], [erreur(Lieu(fichier), f"rendu impossible ({type(exc).__name__}) : {exc}")]


def rendre_seance(
    seance: Seance,
    dossier: str | Path,
    *,
    pdf: bool = False,
    jobs: int | None = None,
    force: bool = False,
    progression: Callable[[int, int, str], None] | None = None,
) -> ResultatSeance:
    """Render every item (in ``jobs`` processes) and the agenda.

    Refuses (raises :class:`ErreurEntree`) while any item has an erreur.
    ``progression(fait, total, nom)`` is called after each item.
    """
    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    resultat = ResultatSeance()
    total = len(seance.points) + 1
    fait = 0
    taches = []
    for entree in seance.points:
        assert entree.point is not None
        taches.append((str(entree.fichier), _defauts_du_point(seance, entree), str(dossier), force))
    if jobs == 1 or len(taches) <= 1:
        sorties = (_rendre_un(*t) for t in taches)
        for fichier, ecrits, erreurs in sorties:
            fait += 1
            _noter(resultat, fichier, ecrits, erreurs)
            if progression:
                progression(fait, total, Path(fichier).name)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futurs = [pool.submit(_rendre_un, *t) for t in taches]
            for futur in as_completed(futurs):
                fichier, ecrits, erreurs = futur.result()
                fait += 1
                _noter(resultat, fichier, ecrits, erreurs)
                if progression:
                    progression(fait, total, Path(fichier).name)
    try:
        resultat.ecrits.append(rendre_ordre_du_jour(seance, dossier, force=force))
    except ErreurEntree as exc:
        resultat.echecs["ordre-du-jour"] = exc.findings
    if progression:
        progression(total, total, "ordre du jour")
    resultat.ecrits.sort()
    if pdf:
        from .rendering import convertir_pdf

        docx = [p for p in resultat.ecrits if p.suffix == ".docx"]
        resultat.ecrits.extend(convertir_pdf(docx, dossier, force=force))
    return resultat


def _defauts_du_point(seance: Seance, entree: PointSeance) -> dict[str, Any]:
    """The defaults an item is loaded with: the séance's, and its agenda rank as numero."""
    return {**seance.defauts, "numero": (str(entree.rang), Positions())}


def _noter(resultat: ResultatSeance, fichier: str, ecrits: list[Path], erreurs: list[Finding]) -> None:
    resultat.ecrits.extend(ecrits)
    if erreurs:
        resultat.echecs[fichier] = erreurs


def rendre_ordre_du_jour(seance: Seance, dossier: Path, *, force: bool = False) -> Path:
    from .rendering import rendre_modele

    return rendre_modele("seance", "ordre-du-jour.docx", contexte_ordre_du_jour(seance), dossier / "ordre-du-jour.docx",
                         force=force)
