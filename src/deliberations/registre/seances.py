"""From a séance to the register: its voted items recorded and numbered once, a lost register rebuilt, its list.

An item is recorded when its vote has a result (``vote: {resultat: unanimité,
majorité ou rejet}``); an item not yet voted is left out, and said so. Its
number is the one it carries (its ``numero``, typed in its file); an item
without one gets the register's next number when the collectivité's profile
gives a ``numerotation:`` (``motif: DEL{AAAA}_{000}``), else its rank in the
agenda. Recording the same séance again gives nothing new.

Rebuilding reads séance files in date order into a new register: every act
keeps the number it carries, the counters move past them, and acts without
one get the numbers the counter gave them the first time (as long as the
séances had been recorded in date order).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from deliberations.api import load
from deliberations.entree.origine import origine
from deliberations.erreurs import (
    ErreurEntree,
    ErreurRegistre,
    Finding,
    Lieu,
    RegistreIntrouvable,
    avertissement,
    erreur,
)
from deliberations.model.objets import Point
from deliberations.registre.base import Acte, ActeEnregistre, Registre
from deliberations.registre.documents import rendre_liste
from deliberations.registre.numerotation import Numerotation
from deliberations.seance.fichier import PointSeance, Seance
from deliberations.sortie.ecriture import convertir_pdf, temporaire

Progression = Callable[[int, int, str], None]

#: a vote's result → what the register records
RESULTATS = {"unanimité": "adopté", "majorité": "adopté", "rejet": "rejeté"}


@dataclass
class Enregistrement:
    """What recording did: the register, the acts it holds for these séances (new or not), and warnings: the
    items left out, and the numbers the register gave that their items do not carry yet."""

    registre: Path
    actes: list[tuple[PointSeance, ActeEnregistre]] = field(default_factory=list)
    avertissements: list[Finding] = field(default_factory=list)

    @property
    def nouveaux(self) -> list[ActeEnregistre]:
        return [a for _, a in self.actes if a.nouveau]


def chemin_du_registre(seance: Seance, registre: str | Path | None = None) -> Path:
    """The register's file: ``registre`` when given, else the profile's ``registre:`` (relative to the profile)."""
    if registre is not None:
        return Path(registre)
    nom = seance.collectivite.registre if seance.collectivite is not None else None
    if not nom:
        raise RegistreIntrouvable.de("aucun registre : donnez son fichier (--registre REGISTRE.sqlite), ou "
                                     "« registre: registre.sqlite » dans le profil de la collectivité", seance.fichier)
    chemin = Path(nom)
    if not chemin.is_absolute():
        _, positions = seance.defauts.get("collectivite", (None, None))
        lieu = positions.lieu(("registre",), str(seance.fichier)) if positions is not None else None
        chemin = Path(lieu.fichier if lieu and lieu.fichier else seance.fichier).parent / chemin
    return chemin


def _numerotation(point: Point) -> Numerotation | None:
    """The profile's numbering, or None; a pattern the register cannot use is an error at its line."""
    profil = point.collectivite.numerotation
    if profil is None:
        return None
    try:
        return Numerotation(motif=profil.motif, remise=profil.remise, motif_actes=profil.motif_actes)
    except ErreurRegistre as exc:
        raise ErreurEntree([erreur(origine(point).lieu(("collectivite", "numerotation", "motif")),
                                   exc.findings[0].message)]) from None


def _votants(point: Point) -> int | None:
    """Who took part in the vote: the vote's own figure when it has one, else pour + contre + abstentions."""
    vote = point.vote
    if vote.votants is not None or vote.pour is None:
        return vote.votants
    return vote.pour + (vote.contre or 0) + (vote.abstentions or 0)


def acte_du_point(point: Point, entree: PointSeance, seance: Seance) -> tuple[Acte, Numerotation] | None:
    """The act an item of ``seance`` records (None for an item not yet voted), and the numbering it follows."""
    resultat = RESULTATS.get(point.vote.resultat or "")
    if resultat is None:
        return None
    numerotation = _numerotation(point)
    porte = ("numero",) in origine(point).positions.lieux  # typed in its file, not its rank
    actes, vote = point.actes, point.vote
    acte = Acte(collectivite=point.collectivite.nom, seance=seance.date, instance=seance.instance, rang=entree.rang,
                objet=entree.objet.strip(), nature=actes.nature if actes else "DE",
                matiere=actes.matiere if actes else None, resultat=resultat,  # type: ignore[arg-type]
                numero=point.numero.strip() if porte or numerotation is None else None,
                numero_actes=actes.numero if actes else None, source=str(entree.fichier),
                membres=vote.membres, votants=_votants(point), pour=vote.pour, contre=vote.contre,
                abstentions=vote.abstentions)
    return acte, numerotation or Numerotation()


def actes_de_la_seance(seance: Seance, *, progression: Progression | None = None
                       ) -> tuple[list[tuple[PointSeance, Acte, Numerotation]], list[Finding]]:
    """The acts a checked séance records, in agenda order, and a warning for each item left out."""
    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    actes, ecartes, fautes = [], [], []
    for fait, entree in enumerate(seance.points, start=1):
        point = load(entree.fichier, defauts=seance.defauts_du_point(entree), modeles=seance.modeles)
        try:
            trouve = acte_du_point(point, entree, seance)
        except ErreurEntree as exc:
            fautes.extend(f for f in exc.findings if f not in fautes)
            continue
        if trouve is None:
            ecartes.append(avertissement(origine(point).lieu(("vote", "resultat")),
                                         f"point {point.numero} pas encore voté (resultat: unanimité, majorité ou "
                                         "rejet) : il n'est pas enregistré"))
        else:
            actes.append((entree, *trouve))
        if progression:
            progression(fait, len(seance.points), "registre")
    if fautes:
        raise ErreurEntree(fautes)
    return actes, ecartes


def enregistrer_seance(seance: Seance, registre: str | Path | None = None, *,
                       progression: Progression | None = None) -> Enregistrement:
    """Record the voted items of a checked séance in the register (created if missing), in one transaction.

    Every act is recorded, or none (a number already given to another act
    refuses the whole séance). Recording it again records nothing new: each
    act comes back with the number it got, ``nouveau`` false.
    """
    chemin = chemin_du_registre(seance, registre)
    actes, ecartes = actes_de_la_seance(seance, progression=progression)
    with Registre.ouvrir(chemin) as ouvert:
        enregistres = ouvert.enregistrer_tous([(acte, numerotation) for _, acte, numerotation in actes])
    return Enregistrement(chemin, [(entree, a) for (entree, _, _), a in zip(actes, enregistres)],
                          ecartes + _a_reporter(actes, enregistres))


def _a_reporter(actes: Sequence[tuple[PointSeance, Acte, Numerotation]],
                enregistres: Sequence[ActeEnregistre]) -> list[Finding]:
    """A number the counter gave is not yet in its item's file: the act would print its rank."""
    return [avertissement(Lieu(str(entree.fichier), None, "numero"),
                          f"numéro {donne.numero} donné par le registre : écrivez « numero: \"{donne.numero}\" » "
                          "dans le point, pour que l'acte l'imprime")
            for (entree, acte, _), donne in zip(actes, enregistres) if acte.numero is None]


def reconstruire_registre(seances: Sequence[Seance], registre: str | Path | None = None, *,
                          progression: Progression | None = None) -> Enregistrement:
    """Rebuild a lost register from its séances (any order: they are taken by date), all or nothing.

    The register must not exist: a register holds what no séance file says
    (transmissions, publications), and is never replaced.
    """
    if not seances:
        raise ErreurEntree.de("aucune séance à enregistrer")
    chemins = {chemin_du_registre(s, registre).resolve() for s in seances}
    if len(chemins) > 1:
        raise ErreurRegistre.de("ces séances ne nomment pas le même registre : " + ", ".join(sorted(map(str, chemins))))
    chemin = chemin_du_registre(seances[0], registre)
    if chemin.exists():
        raise ErreurRegistre.de("le registre existe : la reconstruction écrit un registre perdu, jamais par-dessus "
                                "un registre existant (déplacez-le, ou choisissez un autre fichier) ; rien n'a été "
                                "écrit", chemin)
    par_date = sorted(seances, key=lambda s: s.date)  # stable: séances of one day keep the order given
    resultat = Enregistrement(chemin)
    lus = []
    for fait, seance in enumerate(par_date, start=1):
        actes, ecartes = actes_de_la_seance(seance)
        lus.extend(actes)
        resultat.avertissements.extend(ecartes)
        if progression:
            progression(fait, len(par_date), seance.fichier.name)
    with temporaire(chemin.parent) as dossier:  # a hidden folder, removed by the next run if this one is killed
        with Registre.ouvrir(dossier / chemin.name) as neuf:
            enregistres = neuf.enregistrer_tous([(a, n) for _, a, n in lus], suivre_les_numeros=True)
        try:
            os.link(dossier / chemin.name, chemin)  # never over a register that appeared meanwhile
        except FileExistsError:
            raise ErreurRegistre.de("le registre est apparu pendant la reconstruction ; rien n'a été écrit",
                                    chemin) from None
        except OSError:  # no hard links on this file system (some shares)
            if chemin.exists():
                raise ErreurRegistre.de("le registre est apparu pendant la reconstruction ; rien n'a été écrit",
                                        chemin) from None
            os.replace(dossier / chemin.name, chemin)
    resultat.actes = [(entree, a) for (entree, _, _), a in zip(lus, enregistres)]
    resultat.avertissements.extend(_a_reporter(lus, enregistres))
    return resultat


def rendre_liste_de_la_seance(seance: Seance, dossier: str | Path, *, registre: str | Path | None = None,
                              pdf: bool = False, force: bool = False, affichee_le: dt.date | None = None,
                              en_ligne_le: dt.date | None = None) -> list[Path]:
    """Write the liste des délibérations of a séance from the register (``liste-des-deliberations-AAAA-MM-JJ``)."""
    chemin = chemin_du_registre(seance, registre)
    collectivite = seance.collectivite.nom if seance.collectivite else next(
        (p.collectivite for p in seance.points if p.collectivite), "")
    cible = Path(dossier) / f"liste-des-deliberations-{seance.date:%Y-%m-%d}.docx"
    with Registre.ouvrir(chemin, creer=False) as ouvert:
        ecrit = rendre_liste(ouvert, cible, collectivite=collectivite, seance=seance.date, instance=seance.instance,
                             affichee_le=affichee_le, en_ligne_le=en_ligne_le, force=force)
    return [ecrit, *convertir_pdf([ecrit], ecrit.parent, force=force)] if pdf else [ecrit]


__all__ = ["Enregistrement", "chemin_du_registre", "acte_du_point", "actes_de_la_seance", "enregistrer_seance",
           "reconstruire_registre", "rendre_liste_de_la_seance"]
