"""The séance's members, attendance and results, typed once, turned into each item's ``presences`` and ``vote``.

The members come from the séance file or the collectivité's profile (names,
a CSV or XLSX file, or their number); the results from the séance file or a
YAML file it names. Each item gets, as defaults it may not contradict, its
own attendance and vote (:mod:`deliberations.calcul.votes`), with the places
they were typed at, so that the item's vote check reports at the séance's
line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from deliberations.calcul.votes import Etat, etats, presences_du_point, resultats_par_rang, vote_du_point
from deliberations.controles.proces_verbal import manques_du_proces_verbal
from deliberations.controles.votes import check_seance
from deliberations.entree.lecture import Positions, lire_yaml
from deliberations.entree.membres import lire_membres
from deliberations.entree.origine import Charge
from deliberations.entree.traduction import traduire
from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model.assemblee import Membres, ResultatPoint
from deliberations.model.base import Modele
from deliberations.seance.fichier import FichierSeance

Defauts = dict[str, tuple[Any, Positions]]


class _Resultats(Modele):
    resultats: list[ResultatPoint] = Field(default_factory=list)


class _Profil(Modele, extra="ignore"):
    membres: Membres | None = None


def presences_et_votes(chemin: Path, fichier: FichierSeance, positions: Positions,
                       profil: tuple[Any, Positions, Path] | None
                       ) -> tuple[dict[int, Defauts], list[Finding], dict[int, str]]:
    """What each item (by rank) inherits of attendance and votes, the séance's findings on them, and the
    substance of each item's discussion (``debats``, for the procès-verbal).

    ``profil``: the collectivité's data, positions and file (its members are used when the séance names
    none). Raises :class:`ErreurEntree` for a members or results file that cannot be read.
    """
    membres, lieux_membres = _membres(chemin, fichier, positions, profil)
    resultats, lieux_resultats = _resultats(chemin, fichier, positions)
    if membres is None and fichier.presences is None and not resultats:
        return {}, [], {}
    etats_ = etats(membres, fichier.presences, fichier.points)

    def lieu(chemin_: tuple[Any, ...]) -> Lieu:
        if chemin_[:1] == ("resultats",):
            return lieux_resultats.lieu(chemin_, str(chemin))
        if chemin_[:1] == ("membres",):
            return lieux_membres.lieu(chemin_, str(chemin))
        return positions.lieu(chemin_, str(chemin))

    findings = check_seance(membres, fichier.presences, resultats, fichier.points, etats_, lieu,
                            president=fichier.president)
    par_rang = resultats_par_rang(resultats, fichier.points)
    defauts: dict[int, Defauts] = {}
    for rang, etat in etats_.items():
        k, resultat = par_rang.get(rang, (None, None))
        defauts[rang] = _du_point(etat, resultat, k, positions, lieux_resultats, lieux_membres)
    debats = {rang: r.debats for rang, (_, r) in par_rang.items() if r.debats}
    if resultats:  # after the séance: what its procès-verbal still lacks
        rangs = range(1, len(fichier.points) + 1)
        findings += manques_du_proces_verbal(
            heure=fichier.heure, president=fichier.president, secretaire=fichier.secretaire, membres=membres,
            presences=fichier.presences, fichiers=fichier.points, lieu=lieu,
            sans_resultat=[r for r in rangs if r not in par_rang], sans_debats=[r for r in rangs if r not in debats])
    return defauts, findings, debats


def _du_point(etat: Etat, resultat: ResultatPoint | None, k: int | None, positions: Positions,
              lieux_resultats: Positions, lieux_membres: Positions) -> Defauts:
    try:
        vote = vote_du_point(etat, resultat)
    except ValidationError:
        return {}  # impossible counts: reported by the séance's checks
    lieux_vote = Positions()
    # the vote as a whole is the séance's: its result's line, or its attendance's
    racine = (lieux_resultats.lieu(("resultats", k)) if k is not None
              else positions.lieu(("presences",)) if ("presences",) in positions.lieux
              else lieux_membres.lieu(("membres",)))
    lieux_vote.ajouter((), racine)
    for cle in ("membres",):
        lieux_vote.greffer((cle,), lieux_membres.sous(("membres",)))
    for cle in ("presents", "representes"):
        lieux_vote.greffer((cle,), positions.sous(("presences",)))
    if k is not None:
        sous = lieux_resultats.sous(("resultats", k))
        lieux_vote.greffer((), sous)
        for cle in ("votants", "exprimes"):
            lieux_vote.greffer((cle,), sous)
    defauts: Defauts = {"vote": (vote.model_dump(exclude_none=True), lieux_vote)}
    presences = presences_du_point(etat)
    if presences is not None:
        defauts["presences"] = (presences.model_dump(), positions.sous(("presences",)))
    return defauts


def _membres(chemin: Path, fichier: FichierSeance, positions: Positions,
             profil: tuple[Any, Positions, Path] | None) -> tuple[list[str] | int | None, Positions]:
    membres, lieux, base, lieu = fichier.membres, positions, chemin.parent, positions.lieu(("membres",), str(chemin))
    if membres is None and profil is not None and isinstance(profil[0], dict):
        try:
            membres = _Profil.model_validate(profil[0]).membres
        except ValidationError:
            membres = None  # reported through each item, which loads the profile
        lieux, base = profil[1], profil[2].parent
        lieu = lieux.lieu(("membres",), str(profil[2]))
    if isinstance(membres, str):
        noms, lieux_noms = lire_membres(base / membres, lieu)
        lieux = Positions()
        lieux.greffer(("membres",), lieux_noms)
        return noms, lieux
    return membres, lieux


def _resultats(chemin: Path, fichier: FichierSeance, positions: Positions) -> tuple[list[ResultatPoint], Positions]:
    if not isinstance(fichier.resultats, str):
        return list(fichier.resultats or []), positions
    cible = chemin.parent / fichier.resultats
    if not cible.is_file():
        raise ErreurEntree([erreur(positions.lieu(("resultats",), str(chemin)),
                                   f"fichier des résultats introuvable : {fichier.resultats}")])
    donnees, lieux = lire_yaml(cible)
    if isinstance(donnees, dict) and set(donnees) == {"resultats"}:
        donnees, lieux = donnees["resultats"], lieux.sous(("resultats",))
    if not isinstance(donnees, list):
        raise ErreurEntree([erreur(Lieu(str(cible), 1), "le fichier des résultats est une liste : - point: 1, "
                                                        "resultat: adopté, pour: …")])
    racine = Positions()
    racine.greffer(("resultats",), lieux)
    try:
        lus = _Resultats.model_validate({"resultats": donnees})
    except ValidationError as exc:
        raise ErreurEntree(traduire(exc, Charge(str(cible), racine), _Resultats)) from None
    return lus.resultats, racine
