"""Attendance and votes of each item, derived from what the séance file says once.

:func:`etats` applies the séance's attendance and its arrivals and departures
item by item; :func:`vote_du_point` turns an item's typed result (counts, or
names) into its :class:`~deliberations.model.assemblee.Vote`: every count
the act prints, computed where it was not typed. Nothing here refuses
anything: names that are not members, proxies that cannot be, impossible
counts are found by :mod:`deliberations.controles.votes` and by the item's
own vote check; what cannot be derived is left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from deliberations.model.assemblee import (
    Mouvement,
    NomsVote,
    PartieVote,
    Presences,
    PresencesPoint,
    Pouvoir,
    ResultatPoint,
    ResultatVote,
    Vote,
    nom_normal,
)


@dataclass
class Etat:
    """Who is there at one item's vote."""

    en_exercice: int | None
    #: names in the order of the members' list (None when the members are only counted)
    presents: list[str] | None = None
    excuses: list[str] = field(default_factory=list)
    absents: list[str] = field(default_factory=list)
    #: mandant → mandataire, proxies in force (their holder is present)
    pouvoirs: dict[str, str] = field(default_factory=dict)
    #: counts when the members are not named
    nombre_presents: int | None = None
    nombre_pouvoirs: int | None = None
    #: proxies given whose holder is not there (mandant → mandataire), and where each proxy was given
    caducs: dict[str, str] = field(default_factory=dict)
    origines: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    #: the item before which each proxy was given (1 for the opening's)
    donne_au: dict[str, int] = field(default_factory=dict)
    #: who arrives or leaves just before this item; movements that cannot be (path, name, « arrive » or « part »)
    arrivent: list[str] = field(default_factory=list)
    partent: list[str] = field(default_factory=list)
    #: the hour of each of those movements, when typed (« 20:50 »)
    heures: dict[str, str] = field(default_factory=dict)
    impossibles: list[tuple[tuple[Any, ...], str, str]] = field(default_factory=list)

    @property
    def n_presents(self) -> int | None:
        return len(self.presents) if self.presents is not None else self.nombre_presents

    @property
    def n_pouvoirs(self) -> int | None:
        return len(self.pouvoirs) if self.presents is not None else self.nombre_pouvoirs

    def votants_possibles(self) -> set[str]:
        """Members whose vote may be cast: present, or represented."""
        return set(self.presents or []) | set(self.pouvoirs)


def rang_de(reference: int | str, fichiers: Sequence[str]) -> int | None:
    """An item named by its rank in the ordre du jour (1…) or its file as ``points:`` lists it."""
    if isinstance(reference, int):
        return reference if 1 <= reference <= len(fichiers) else None
    texte = reference.strip()
    if texte.isdigit():
        return rang_de(int(texte), fichiers)
    for rang, fichier in enumerate(fichiers, start=1):
        if fichier.strip() == texte:
            return rang
    return None


def etats(membres: list[str] | int | None, presences: Presences | None, fichiers: Sequence[str]) -> dict[int, Etat]:
    """The attendance at each item (by rank), from the opening's and the movements between items."""
    presences = presences or Presences()
    if not isinstance(membres, list):
        # only counted: the opening's counts hold for every item
        presents = presences.presents
        if presents is None and isinstance(membres, int):
            presents = membres - len(presences.excuses) - len(presences.absents) - (
                presences.pouvoirs if isinstance(presences.pouvoirs, int) else len(presences.pouvoirs))
        pouvoirs = presences.pouvoirs if isinstance(presences.pouvoirs, int) else len(presences.pouvoirs)
        etat = Etat(membres if isinstance(membres, int) else None, nombre_presents=presents,
                    nombre_pouvoirs=pouvoirs, excuses=[nom_normal(n) for n in presences.excuses],
                    absents=[nom_normal(n) for n in presences.absents])
        return {rang: etat for rang in range(1, len(fichiers) + 1)}

    ordre = [nom_normal(n) for n in membres]
    excuses = {nom_normal(n) for n in presences.excuses}
    absents = {nom_normal(n) for n in presences.absents}
    donnes = {} if isinstance(presences.pouvoirs, int) else {
        nom_normal(de): nom_normal(a) for de, a in presences.pouvoirs.items()}
    #: where each proxy was given: (« presences », « pouvoirs », mandant) or its movement's path
    origines = {de: ("presences", "pouvoirs", de) for de in donnes}
    donne_au = {de: 1 for de in donnes}
    partis: set[str] = set()
    par_rang: dict[int, list[tuple[int, Mouvement]]] = {}
    for k, mouvement in enumerate(presences.mouvements):
        rang = rang_de(mouvement.avant, fichiers)
        if rang is not None:
            par_rang.setdefault(rang, []).append((k, mouvement))
    resultat = {}
    presents_avant = [n for n in ordre if n not in excuses | absents | set(donnes)]
    for rang in range(1, len(fichiers) + 1):
        arrivent, partent, impossibles = [], [], []
        heures: dict[str, str] = {}
        for k, mouvement in par_rang.get(rang, []):
            if mouvement.heure:
                heures.update({nom_normal(n): mouvement.heure for n in [*mouvement.arrivent, *mouvement.partent]})
            for j, nom in enumerate(map(nom_normal, mouvement.arrivent)):
                if nom in presents_avant:
                    impossibles.append((("presences", "mouvements", k, "arrivent", j), nom, "arrive"))
                partis.discard(nom)
                excuses.discard(nom)
                absents.discard(nom)
                donnes.pop(nom, None)  # an arriving member votes for himself
                arrivent.append(nom)
            for j, nom in enumerate(map(nom_normal, mouvement.partent)):
                if nom in ordre and nom not in presents_avant:
                    impossibles.append((("presences", "mouvements", k, "partent", j), nom, "part"))
                partis.add(nom)
                partent.append(nom)
            for de, a in mouvement.pouvoirs.items():
                donnes[nom_normal(de)] = nom_normal(a)
                origines[nom_normal(de)] = ("presences", "mouvements", k, "pouvoirs", de)
                donne_au[nom_normal(de)] = rang
        hors = excuses | absents | set(donnes) | partis
        presents = [n for n in ordre if n not in hors]
        presents_avant = presents
        en_vigueur = {de: a for de, a in donnes.items() if a in presents and de not in presents}
        resultat[rang] = Etat(
            len(ordre), presents,
            excuses=[n for n in ordre if n in excuses and n not in en_vigueur],
            absents=[n for n in ordre if (n in absents or n in partis or n in donnes) and n not in excuses
                     and n not in en_vigueur],
            pouvoirs={de: en_vigueur[de] for de in ordre if de in en_vigueur},
            caducs={de: a for de, a in donnes.items() if de not in en_vigueur and de not in presents},
            origines={de: origines[de] for de in donnes}, donne_au=dict(donne_au),
            arrivent=[n for n in ordre if n in arrivent], partent=[n for n in ordre if n in partent], heures=heures,
            impossibles=impossibles)
    return resultat


def presences_du_point(etat: Etat) -> PresencesPoint | None:
    """The names the act lists; none when the members are only counted."""
    if etat.presents is None:
        return None
    return PresencesPoint(presents=etat.presents, excuses=etat.excuses, absents=etat.absents,
                          pouvoirs=[Pouvoir(de=de, a=a) for de, a in etat.pouvoirs.items()],
                          arrivent=etat.arrivent, partent=etat.partent, heures=etat.heures)


def _compte(valeur: int | list[str] | None) -> int | None:
    if valeur is None:
        return None
    return len(valeur) if isinstance(valeur, list) else valeur


def _noms(valeur: int | list[str] | None) -> list[str]:
    return [nom_normal(n) for n in valeur] if isinstance(valeur, list) else []


def decompte(etat: Etat, typed: ResultatVote, scrutin: str) -> dict[str, object]:
    """The counts of one vote: typed ones kept as typed (the item's check compares them), the others derived."""
    npp = [nom_normal(n) for n in typed.ne_prennent_pas_part]
    contre, abstentions = _compte(typed.contre), _compte(typed.abstentions)
    pour = _compte(typed.pour)
    votants = exprimes = None
    if etat.n_presents is not None:
        votants = etat.n_presents + (etat.n_pouvoirs or 0) - len(npp)
        exprimes = votants - (abstentions or 0) - (typed.blancs_nuls or 0)
    compte = any(v is not None for v in (pour, contre, abstentions)) or typed.resultat == "unanimité"
    if compte:
        if typed.resultat == "unanimité" and contre is None:
            contre = 0
        if pour is None and exprimes is not None:
            pour = exprimes - (contre or 0)
        if contre is None and pour is not None and exprimes is not None:
            contre = exprimes - pour
        abstentions = abstentions or 0
    resultat = _resultat(typed, pour, contre, scrutin)
    return {
        "votants": votants if votants is None or votants >= 0 else None,
        "exprimes": exprimes if exprimes is None or exprimes >= 0 else None,
        "pour": pour if pour is None or pour >= 0 else None,
        "contre": contre if contre is None or contre >= 0 else None,
        "abstentions": abstentions if compte else None,
        "blancs_nuls": typed.blancs_nuls,
        "ne_prennent_pas_part": len(npp) if compte or npp else None,
        "resultat": resultat,
        "voix_preponderante": typed.voix_preponderante,
        "noms": NomsVote(pour=_noms(typed.pour), contre=_noms(typed.contre), abstentions=_noms(typed.abstentions),
                         ne_prennent_pas_part=npp),
    }


def _resultat(typed: ResultatVote, pour: int | None, contre: int | None, scrutin: str) -> str | None:
    """The result as the act states it: typed (checked by the item's vote check), or from the counts."""
    if typed.resultat == "unanimité":
        return "unanimité"
    if typed.resultat == "rejeté":
        return "rejet"
    if pour is None or contre is None:
        return "majorité" if typed.resultat == "adopté" else None
    if typed.resultat == "adopté":
        return "majorité"  # as typed: the act says its figures (« à la majorité : 10 pour et 5 abstentions »)
    adopte = pour > contre or (pour == contre and bool(typed.voix_preponderante) and scrutin != "secret")
    if not adopte:
        return "rejet"
    return "unanimité" if contre == 0 else "majorité"


def vote_du_point(etat: Etat, typed: ResultatPoint | None) -> Vote:
    """An item's whole vote: the attendance counts, and its vote or its parts' votes."""
    base = {"membres": etat.en_exercice, "presents": etat.n_presents, "representes": etat.n_pouvoirs}
    if typed is None:  # not voted yet (or its result not typed): who could vote
        votants = None if etat.n_presents is None else etat.n_presents + (etat.n_pouvoirs or 0)
        return Vote(**base, votants=votants)
    if not typed.parties:
        return Vote(**base, scrutin=typed.scrutin, **decompte(etat, typed, typed.scrutin))
    parties = [PartieVote(titre=p.titre, decisions=p.decisions, **decompte(etat, p, typed.scrutin))
               for p in typed.parties]
    resultats = {p.resultat for p in parties}
    global_ = ("unanimité" if resultats == {"unanimité"} else "rejet" if resultats == {"rejet"}
               else None if None in resultats else "majorité")
    return Vote(**base, scrutin=typed.scrutin, resultat=global_, parties=parties)



def resultats_par_rang(resultats: Sequence[ResultatPoint], fichiers: Sequence[str]) -> dict[int, tuple[int, ResultatPoint]]:
    """Each item's result (the first one given), by rank, with its index in the results."""
    par_rang: dict[int, tuple[int, ResultatPoint]] = {}
    for k, resultat in enumerate(resultats):
        rang = rang_de(resultat.point, fichiers)
        if rang is not None and rang not in par_rang:
            par_rang[rang] = (k, resultat)
    return par_rang
