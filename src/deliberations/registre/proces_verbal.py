"""The procès-verbal of a séance (CGCT L2121-15), drafted from what the séance file says once.

It holds what the article lists: the date and hour, the président, the
members present or represented and the secrétaire, the quorum, the ordre du
jour, each délibération with its rapporteur, the ballot asked for (public or
secret), the result with, for a public ballot, the names of the voters and
their vote, and the substance of the discussions (``debats`` of the séance's
results). The numbers of the acts come from the register when one is given.
The draft is adopted at the next séance, then signed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deliberations.api import load, rendre_modele
from deliberations.erreurs import ErreurEntree, ErreurRegistre
from deliberations.langue import formats, votes
from deliberations.langue.grammaire import de_la, premiere_majuscule
from deliberations.model.assemblee import Decompte, Vote
from deliberations.model.objets import Point
from deliberations.registre.base import Registre
from deliberations.registre.seances import chemin_du_registre
from deliberations.rendu.formules import preambule
from deliberations.rendu.redaction import instance_complete, nature
from deliberations.seance.fichier import Seance
from deliberations.sortie.ecriture import convertir_pdf

#: the procès-verbal's file name
PROCES_VERBAL = "proces-verbal.docx"

_SCRUTINS = {"public": "Le vote a lieu au scrutin public, à la demande du quart des membres présents (article "
                       "L2121-21 du CGCT).",
             "secret": "Le vote a lieu au scrutin secret (article L2121-21 du CGCT)."}


def _points(seance: Seance) -> list[Point]:
    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    return [load(e.fichier, defauts=seance.defauts_du_point(e), modeles=seance.modeles) for e in seance.points]


def _vote(vote: Decompte, scrutin: str | None) -> list[str]:
    """« Adoptée par 9 voix pour, 2 voix contre et 3 abstentions. », then who voted how, by name."""
    if vote.resultat is None:
        return ["Résultat du vote non donné."]
    phrase = votes.phrase_vote(vote.pour, vote.contre, vote.abstentions, vote.resultat, scrutin)
    verbe = "Rejetée" if vote.resultat == "rejet" else "Adoptée"
    lignes = [votes.ne_prennent_pas_part(vote.noms.ne_prennent_pas_part),
              f"{verbe} {phrase}." if phrase else f"{verbe}."]
    if scrutin != "secret":
        lignes += votes.votes_nommes(vote.noms.contre, vote.noms.abstentions, vote.noms.pour)
    return [ligne for ligne in lignes if ligne]


def _lignes_du_point(point: Point, debats: str | None, numero_acte: str | None) -> list[str]:
    vote: Vote = point.vote
    lignes: list[str] = []
    if numero_acte:
        lignes.append(f"Délibération n° {numero_acte}.")
    if point.presences is not None:
        lignes += votes.mouvements(point.presences.arrivent, point.presences.partent, point.presences.heures)
    if point.rapporteur:
        lignes.append(f"Rapporteur : {point.rapporteur.strip()}.")
    if debats:
        lignes += [premiere_majuscule(p.strip()) for p in debats.split("\n\n") if p.strip()]
    if vote.scrutin in _SCRUTINS:
        lignes.append(_SCRUTINS[vote.scrutin])
    votants = {p.votants for p in vote.parties} if vote.parties else {vote.votants}
    lignes.append(votes.decompte("membres", None, vote.presents, votants.pop() if len(votants) == 1 else None))
    if vote.parties:
        for k, partie in enumerate(vote.parties, start=1):
            quoi = partie.titre or (f"décisions {', '.join(map(str, partie.decisions))}" if partie.decisions else "")
            lignes.append(f"Vote {k}{f' ({quoi.strip()})' if quoi else ''} :")
            lignes += _vote(partie, vote.scrutin)
    else:
        lignes += _vote(vote, vote.scrutin)
    return [ligne for ligne in lignes if ligne]


def contexte_proces_verbal(seance: Seance, registre: Registre | None = None) -> dict[str, Any]:
    """What the procès-verbal prints; every item loaded with its attendance and result (raises if one is in error)."""
    points = _points(seance)
    if not points:
        raise ErreurRegistre.de("séance sans point : pas de procès-verbal", seance.fichier)
    premier = points[0]
    instance = instance_complete(premier.seance, premier.collectivite)
    lignes_ouverture: list[str] = []
    vote = premier.vote
    membres = "membres" if nature(premier.collectivite) in ("syndicat", None) else "conseillers"
    lignes_ouverture.append(votes.decompte(membres, vote.membres, vote.presents,
                                           None if vote.presents is None else vote.presents + (vote.representes or 0)))
    if premier.presences is not None:
        pres = premier.presences
        lignes_ouverture += votes.lignes_des_membres(pres.presents, [(p.de, p.a) for p in pres.pouvoirs],
                                                     pres.excuses, pres.absents)
    quorum = ""
    if premier.seance.seconde_convocation:
        quorum = ("Réuni sur seconde convocation, faute de quorum à la première, le conseil délibère quel que soit "
                  "le nombre des présents (article L2121-17 du CGCT).")
    elif vote.membres and vote.presents is not None:
        if vote.presents * 2 > vote.membres:
            quorum = (f"Le quorum étant atteint ({vote.presents} présents sur {vote.membres} membres en exercice), "
                      "l'assemblée peut valablement délibérer.")
        else:
            quorum = f"Le quorum n'est pas atteint ({vote.presents} présents sur {vote.membres} membres en exercice)."
    numeros = _numeros(registre, premier) if registre is not None else {}
    details = []
    for rang, point in enumerate(points, start=1):
        details.append({"titre": f"{point.numero} — {point.objet.strip()}",
                        "lignes": _lignes_du_point(point, seance.debats.get(rang), numeros.get(point.objet.strip()))})
    secretaire = premier.seance.secretaire
    president = premier.seance.president
    return {
        "collectivite": {"nom": premier.collectivite.nom},
        "titre": f"PROCÈS-VERBAL DE LA SÉANCE {de_la(instance).upper()}",
        "reunion": f"Séance du {formats.date_longue(premier.seance.date, jour_semaine=True)}",
        "ouverture": preambule(premier),
        "presences": [ligne for ligne in lignes_ouverture if ligne],
        "quorum": quorum,
        "secretaire": f"Secrétaire de séance : {secretaire.strip()}." if secretaire else "",
        "ordre_du_jour": [f"{p.numero}. {p.objet.strip()}" for p in points],
        "points": details,
        "cloture": "L'ordre du jour étant épuisé, la séance est levée.",
        "signature_president": "Le président de séance," if president else "",
        "president": president.strip() if president else "",
        "signature_secretaire": "Le secrétaire de séance," if secretaire else "",
        "secretaire_nom": secretaire.strip() if secretaire else "",
    }


def _numeros(registre: Registre, point: Point) -> dict[str, str]:
    """The numbers the register gave the séance's acts, by objet."""
    actes = registre.actes(collectivite=point.collectivite.nom, du=point.seance.date, au=point.seance.date)
    return {a.objet.strip(): a.numero for a in actes}


def rendre_proces_verbal(seance: Seance, cible: str | Path, *, registre: Registre | None = None,
                         force: bool = False) -> Path:
    """Write the draft procès-verbal of a séance (Word)."""
    return rendre_modele("seance", PROCES_VERBAL, contexte_proces_verbal(seance, registre), cible, force=force)


def rendre_proces_verbal_de_la_seance(seance: Seance, dossier: str | Path, *, registre: str | Path | None = None,
                                      pdf: bool = False, force: bool = False) -> list[Path]:
    """Write ``proces-verbal-AAAA-MM-JJ.docx`` (and its PDF/A): the acts' numbers from the register given, or from
    the profile's when it exists; without a register, the draft has no numbers."""
    cible = Path(dossier) / f"proces-verbal-{seance.date:%Y-%m-%d}.docx"
    chemin = Path(registre) if registre is not None else None
    if chemin is None and seance.collectivite is not None and seance.collectivite.registre:
        try:
            chemin = chemin_du_registre(seance)
        except ErreurRegistre:
            chemin = None
        if chemin is not None and not chemin.is_file():
            chemin = None  # not recorded yet: a draft without numbers
    if chemin is None:
        ecrit = rendre_proces_verbal(seance, cible, force=force)
    else:
        with Registre.ouvrir(chemin, creer=False) as ouvert:
            ecrit = rendre_proces_verbal(seance, cible, registre=ouvert, force=force)
    return [ecrit, *convertir_pdf([ecrit], ecrit.parent, force=force)] if pdf else [ecrit]
