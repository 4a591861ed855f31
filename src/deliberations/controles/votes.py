"""Checks of attendance and votes (CGCT L2121-17 quorum, L2121-20 proxies and majority, L2131-11).

:func:`check_vote` checks one item's :class:`~deliberations.model.assemblee.Vote`
(typed in the item, or derived from the séance's results): its counts add
up, its result follows from them. :func:`check_seance` checks what only
the séance knows: names that are not members, proxies that cannot be, votes
of members who are not there, quorum lost by members who do not take part,
results for items the ordre du jour does not have.
"""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterable, Sequence

from deliberations.calcul.votes import Etat, rang_de
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, Lieu, avertissement, erreur
from deliberations.model.assemblee import Decompte, Presences, ResultatPoint, ResultatVote, Vote, nom_normal
from deliberations.model.formules import GENRES_UN_DOCUMENT
from deliberations.model.objets import Point


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


# --------------------------------------------------------------------------
# One item's vote


def check_vote(point: Point) -> Iterable[Finding]:
    """Counts that add up; unanimity, adoption and rejection that follow from them; quorum; parts in range."""
    vote = point.vote
    yield from _check_presence(point, vote)
    if vote.parties:
        for k, partie in enumerate(vote.parties):
            yield from _check_decompte(point, partie, vote, ("vote", "parties", k), f"vote {k + 1}"
                                       + (f" ({partie.titre})" if partie.titre else ""))
            for decision in partie.decisions:
                if not 1 <= decision <= len(point.propositions):
                    yield erreur(origine(point).lieu(("vote", "parties", k, "decisions")),
                                 f"vote {k + 1} : la décision {decision} n'existe pas (le dispositif en compte "
                                 f"{len(point.propositions)})")
    else:
        yield from _check_decompte(point, vote, vote, ("vote",), "")


def _check_presence(point: Point, vote: Vote) -> Iterable[Finding]:
    lieu = origine(point).lieu(("vote",))
    if vote.membres is not None and vote.presents is not None:
        if vote.presents + (vote.representes or 0) > vote.membres:
            yield erreur(lieu, f"{vote.presents} présents et {_pluriel(vote.representes or 0, 'représenté')} "
                               f"pour {vote.membres} membres en exercice")
        elif vote.presents * 2 <= vote.membres and not point.seance.seconde_convocation:
            yield erreur(lieu, f"quorum non atteint : {vote.presents} présents pour {vote.membres} membres en "
                               f"exercice (il en faut au moins {vote.membres // 2 + 1}) ; une assemblée "
                               "convoquée une seconde fois délibère sans quorum (seance: seconde_convocation: oui)")


def _check_decompte(point: Point, d: Decompte, vote: Vote, chemin: tuple[Any, ...], nom: str) -> Iterable[Finding]:
    lieu = origine(point).lieu(chemin)
    prefixe = f"{nom} : " if nom else ""
    comptes = [d.pour, d.contre, d.abstentions, d.ne_prennent_pas_part]
    total = sum(c or 0 for c in comptes)
    if vote.membres is not None and total > vote.membres:
        yield erreur(lieu, f"{prefixe}{total} voix et non-participations pour {vote.membres} membres")
    if vote.presents is not None and d.votants is not None:
        attendus = vote.presents + (vote.representes or 0) - (d.ne_prennent_pas_part or 0)
        if d.votants != attendus:
            yield erreur(lieu, f"{prefixe}{d.votants} votants ; présents + représentés − ne prenant pas part au "
                               f"vote : {vote.presents} + {vote.representes or 0} − {d.ne_prennent_pas_part or 0} "
                               f"= {attendus}")
    if d.votants is not None and d.exprimes is not None:
        attendus = d.votants - (d.abstentions or 0) - (d.blancs_nuls or 0)
        if d.exprimes != attendus:
            yield erreur(lieu, f"{prefixe}{d.exprimes} suffrages exprimés ; votants − abstentions"
                               f"{' − blancs et nuls' if d.blancs_nuls else ''} : {attendus}")
    if d.exprimes is not None and d.pour is not None and d.contre is not None and d.pour + d.contre != d.exprimes:
        yield erreur(lieu, f"{prefixe}{d.pour} voix pour et {d.contre} contre font {d.pour + d.contre}, pour "
                           f"{d.exprimes} suffrage{'s' if d.exprimes > 1 else ''} exprimé{'s' if d.exprimes > 1 else ''}")
    if d.blancs_nuls and vote.scrutin not in (None, "secret"):
        yield erreur(lieu, f"{prefixe}des bulletins blancs ou nuls dans un vote qui n'est pas au scrutin secret")
    yield from _check_resultat(point, d, vote, chemin, prefixe)


def _check_resultat(point: Point, d: Decompte, vote: Vote, chemin: tuple[Any, ...], prefixe: str) -> Iterable[Finding]:
    lieu = origine(point).lieu((*chemin, "resultat"))
    pour, contre = d.pour or 0, d.contre or 0
    compte = d.pour is not None or d.contre is not None
    egalite_tranchee = pour == contre and bool(d.voix_preponderante) and vote.scrutin != "secret"
    if d.voix_preponderante and vote.scrutin == "secret":
        yield erreur(lieu, f"{prefixe}pas de voix prépondérante au scrutin secret : le partage égal des voix "
                           "vaut rejet")
    elif d.voix_preponderante and compte and pour != contre:
        yield erreur(lieu, f"{prefixe}voix prépondérante sans partage égal des voix ({pour} pour, {contre} contre)")
    if d.resultat == "unanimité" and contre > 0:
        yield erreur(lieu, f"{prefixe}« unanimité » avec {contre} voix contre")
    if d.resultat in ("unanimité", "majorité") and compte and pour <= contre and not egalite_tranchee:
        raison = " (partage égal : voix_preponderante: oui si le président a voté pour)" if pour == contre else ""
        yield erreur(lieu, f"{prefixe}adopté avec {pour} voix pour et {contre} contre{raison}")
    if d.resultat == "rejet" and (pour > contre or egalite_tranchee):
        yield erreur(lieu, f"{prefixe}rejeté avec {pour} voix pour et {contre} contre")
    comptes = [d.pour, d.contre, d.abstentions, d.ne_prennent_pas_part]
    if d.resultat is None and any(c is not None for c in comptes) and not vote.parties:
        yield avertissement(origine(point).lieu(chemin), f"{prefixe}vote compté sans résultat (resultat: "
                                                         "unanimité, majorité ou rejet)")


def check_votes_imprimes(point: Point) -> Iterable[Finding]:
    """What a type that prints a vote box cannot show: names, separate votes, the second convocation."""
    if point.type in GENRES_UN_DOCUMENT:
        return
    genres = ", ".join(f"« {g} »" for g in GENRES_UN_DOCUMENT)
    sans_effet = f"sans effet dans le type « {point.type} », qui imprime les nombres du vote : seul le type {genres}"
    if point.presences is not None:
        yield avertissement(origine(point).lieu(("presences",)), f"noms des présents {sans_effet} les imprime")
    if any(point.vote.noms.model_dump().values()):
        yield avertissement(origine(point).lieu(("vote", "noms")), f"votes nominatifs {sans_effet} les imprime")
    if point.vote.parties:
        yield avertissement(origine(point).lieu(("vote", "parties")),
                            f"votes séparés par décision {sans_effet} les imprime après leurs décisions")
    if point.seance.seconde_convocation:
        yield avertissement(origine(point).lieu(("seance", "seconde_convocation")),
                            f"seconde convocation {sans_effet} l'imprime dans le préambule")


# --------------------------------------------------------------------------
# What only the séance knows


Lieur = Callable[[tuple[Any, ...]], Lieu]


def check_seance(membres: list[str] | int | None, presences: Presences | None, resultats: Sequence[ResultatPoint],
                 fichiers: Sequence[str], etats: dict[int, Etat], lieu: Lieur, *,
                 president: str | None = None) -> list[Finding]:
    """Every finding on the séance's members, attendance and results, each naming the item and the member."""
    findings: list[Finding] = []
    for k, resultat in enumerate(resultats):
        for nom in resultat.ne_prennent_pas_part:
            if president and _meme_personne(nom, president):
                findings.append(avertissement(
                    lieu(("resultats", k, "ne_prennent_pas_part")),
                    f"« {nom_normal(nom)} », qui préside la séance, ne prend pas part au vote du point "
                    f"{resultat.point} : pour le compte administratif, l'assemblée élit son président pour ce "
                    "point (CGCT L2121-14) ; dites-le dans les débats du procès-verbal"))
    noms = [nom_normal(n) for n in membres] if isinstance(membres, list) else None
    if noms is not None:
        findings += _doublons(noms, lambda k: lieu(("membres", k)))
    presences = presences or Presences()
    if noms is not None:
        findings += _presences_nommees(noms, presences, fichiers, lieu)
        findings += _au_fil_des_points(etats, fichiers, noms, presences.pouvoirs_par_membre, lieu)
    elif isinstance(presences.pouvoirs, int) and presences.presents is not None and \
            presences.pouvoirs > presences.presents * presences.pouvoirs_par_membre:
        findings.append(erreur(lieu(("presences", "pouvoirs")),
                               f"{_pluriel(presences.pouvoirs, 'pouvoir')} pour {presences.presents} présents : un "
                               f"membre en détient au plus {presences.pouvoirs_par_membre} (CGCT L2121-20)"))
    premier = etats.get(1)
    if noms is None and premier is not None and premier.nombre_presents is not None and premier.nombre_presents < 0:
        findings.append(erreur(lieu(("presences",)), f"excusés, absents et pouvoirs plus nombreux que les "
                                                     f"{premier.en_exercice} membres en exercice"))
    if noms is None and (presences.mouvements or (isinstance(presences.pouvoirs, dict) and presences.pouvoirs)):
        findings.append(erreur(lieu(("presences",)), "pouvoirs et mouvements nommés : donnez la liste des membres "
                                                     "(membres: [M. Jean Dupont, …] ou un fichier CSV)"))
    vus: dict[int, int] = {}
    for k, resultat in enumerate(resultats):
        rang = rang_de(resultat.point, fichiers)
        if rang is None:
            findings.append(erreur(lieu(("resultats", k, "point")),
                                   f"point « {resultat.point} » absent de l'ordre du jour ({len(fichiers)} points : "
                                   "donnez son rang, de 1 à " + str(len(fichiers)) + ", ou son fichier)"))
            continue
        if rang in vus:
            findings.append(erreur(lieu(("resultats", k, "point")), f"le point {rang} ({fichiers[rang - 1]}) a déjà "
                                                                    f"son résultat (résultat {vus[rang] + 1})"))
            continue
        vus[rang] = k
        findings += _votes_nommes(resultat, k, rang, fichiers[rang - 1], etats[rang], noms, lieu)
    return findings


def _meme_personne(nom: str, qui: str) -> bool:
    """« ROUX Frédéric » is « Frédéric ROUX, Maire »: every word of the name is in the other (case aside)."""
    mots = {m.strip(",.").lower() for m in qui.split()}
    return all(m.strip(",.").lower() in mots for m in nom.split())


def _doublons(noms: list[str], lieu: Callable[[int], Lieu]) -> list[Finding]:
    vus: set[str] = set()
    findings = []
    for k, nom in enumerate(noms):
        if nom in vus:
            findings.append(erreur(lieu(k), f"membre « {nom} » nommé deux fois"))
        vus.add(nom)
    return findings


def _inconnu(nom: str, noms: list[str], lieu: Lieu) -> Finding | None:
    if nom in noms:
        return None
    proche = difflib.get_close_matches(nom, noms, n=1, cutoff=0.75)
    suggestion = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
    return erreur(lieu, f"« {nom} » n'est pas dans la liste des membres{suggestion}")


def _presences_nommees(noms: list[str], presences: Presences, fichiers: Sequence[str], lieu: Lieur) -> list[Finding]:
    findings: list[Finding] = []
    cites: dict[str, str] = {}
    listes: list[tuple[str, tuple[Any, ...], list[str]]] = [
        ("absent excusé", ("presences", "excuses"), presences.excuses),
        ("absent", ("presences", "absents"), presences.absents)]
    pouvoirs = presences.pouvoirs if isinstance(presences.pouvoirs, dict) else {}
    if isinstance(presences.pouvoirs, int):
        findings.append(erreur(lieu(("presences", "pouvoirs")), "les membres sont nommés : nommez les pouvoirs "
                                                                "({Mme A: M. B})"))
    if presences.presents is not None:
        findings.append(erreur(lieu(("presences", "presents")), "les membres sont nommés : les présents sont ceux "
                                                                "qui ne sont ni excusés, ni absents, ni représentés"))
    for quoi, chemin, liste in listes:
        for k, nom in enumerate(map(nom_normal, liste)):
            ici = lieu((*chemin, k))
            if (f := _inconnu(nom, noms, ici)) is not None:
                findings.append(f)
            elif nom in cites:
                findings.append(erreur(ici, f"« {nom} » est déjà {cites[nom]}"))
            cites[nom] = quoi
    findings += _pouvoirs(pouvoirs, noms, ("presences", "pouvoirs"), lieu)
    for k, mouvement in enumerate(presences.mouvements):
        chemin = ("presences", "mouvements", k)
        if rang_de(mouvement.avant, fichiers) is None:
            findings.append(erreur(lieu((*chemin, "avant")), f"point « {mouvement.avant} » absent de l'ordre du jour"))
        for cle in ("arrivent", "partent"):
            for j, nom in enumerate(getattr(mouvement, cle)):
                if (f := _inconnu(nom_normal(nom), noms, lieu((*chemin, cle, j)))) is not None:
                    findings.append(f)
        findings += _pouvoirs(mouvement.pouvoirs, noms, (*chemin, "pouvoirs"), lieu)
    return findings


def _pouvoirs(pouvoirs: dict[str, str], noms: list[str], chemin: tuple[Any, ...], lieu: Lieur) -> list[Finding]:
    """Each proxy as typed: members, not to oneself, not to a member who gave his own."""
    findings: list[Finding] = []
    mandants = {nom_normal(n) for n in pouvoirs}
    for de, a in pouvoirs.items():
        de, a = nom_normal(de), nom_normal(a)
        ici = lieu((*chemin, de))
        for nom in (de, a):
            if (f := _inconnu(nom, noms, ici)) is not None:
                findings.append(f)
        if de == a:
            findings.append(erreur(ici, f"« {de} » ne peut se donner pouvoir à lui-même"))
        elif a in mandants:
            findings.append(erreur(ici, f"« {de} » donne pouvoir à « {a} », qui a lui-même donné pouvoir : "
                                        "le mandataire doit être présent"))
    return findings


def _au_fil_des_points(etats: dict[int, Etat], fichiers: Sequence[str], noms: list[str], limite: int,
                       lieu: Lieur) -> list[Finding]:
    """Proxies and movements item by item: at most ``limite`` proxies per holder, a proxy given to a member who
    is there, a member arriving who was not there or leaving who was."""
    findings: list[Finding] = []
    signales: set[tuple[str, str]] = set()
    for rang in sorted(etats):
        etat = etats[rang]
        point = f"point {rang} ({fichiers[rang - 1]})"
        for chemin, nom, quoi in etat.impossibles:
            if nom in noms:
                message = (f"« {nom} » rejoint la séance avant le {point}, où il est déjà présent" if quoi == "arrive"
                           else f"« {nom} » quitte la séance avant le {point}, où il n'est pas présent")
                findings.append(erreur(lieu(chemin), message))
        detenus: dict[str, list[str]] = {}
        for de, a in etat.pouvoirs.items():
            detenus.setdefault(a, []).append(de)
        for a, mandants in detenus.items():
            mandants.sort(key=lambda de: etat.donne_au.get(de, 1))  # the last one given is the one too many
            if len(mandants) > limite and ("trop", a) not in signales:
                signales.add(("trop", a))
                regle = ("un membre ne détient qu'un pouvoir (CGCT L2121-20)" if limite == 1
                         else f"un membre en détient au plus {limite} (presences: pouvoirs_par_membre)")
                deja = " et de ".join(f"« {n} »" for n in mandants[:-1])
                findings.append(erreur(lieu(etat.origines[mandants[-1]]),
                                       f"« {a} » détient déjà, au {point}, le pouvoir de {deja} : {regle}"))
        for de, a in etat.caducs.items():
            if ("caduc", de) in signales or a not in noms:
                continue
            signales.add(("caduc", de))
            origine_ = etat.origines[de]
            avant = etat.donne_au.get(de, 1) == rang  # given to a member who was not there
            if avant:
                findings.append(erreur(lieu(origine_), f"« {de} » donne pouvoir à « {a} », qui n'est pas présent au "
                                                       f"{point} : le mandataire doit être présent"))
            else:
                findings.append(avertissement(lieu(origine_), f"le pouvoir de « {de} » à « {a} » ne compte plus à "
                                                              f"partir du {point} : « {a} » n'est plus présent"))
    return findings


def _votes_nommes(resultat: ResultatPoint, k: int, rang: int, fichier: str, etat: Etat, noms: list[str] | None,
                  lieu: Lieur) -> list[Finding]:
    """Names in a vote: members, there (or represented) at this item, each voting once; quorum without them."""
    findings: list[Finding] = []
    point = f"point {rang} ({fichier})"
    votes: list[tuple[ResultatVote, tuple[Any, ...], str]] = [(resultat, ("resultats", k), "")]
    votes += [(p, ("resultats", k, "parties", j), f", vote {j + 1}" + (f" ({p.titre})" if p.titre else ""))
              for j, p in enumerate(resultat.parties)]
    for vote, chemin, partie in votes:
        if vote is resultat and resultat.parties and any(
                getattr(resultat, c) is not None for c in ("pour", "contre", "abstentions", "resultat")):
            findings.append(erreur(lieu(chemin), f"{point} : voté en plusieurs fois, ses votes sont dans « parties »"))
        if vote.blancs_nuls and resultat.scrutin != "secret":
            findings.append(erreur(lieu((*chemin, "blancs_nuls")), f"{point}{partie} : des bulletins blancs ou nuls "
                                                                   "dans un vote qui n'est pas au scrutin secret"))
        nommes: dict[str, str] = {}
        for cle, quoi in (("pour", "pour"), ("contre", "contre"), ("abstentions", "abstention"),
                          ("ne_prennent_pas_part", "ne prend pas part")):
            valeur = getattr(vote, cle)
            if not isinstance(valeur, list) or not valeur:
                continue
            if noms is None:
                findings.append(erreur(lieu((*chemin, cle)), f"{point}{partie} : votes nommés sans liste des membres "
                                                             "(membres: dans le fichier de séance)"))
                break
            for j, nom in enumerate(map(nom_normal, valeur)):
                ici = lieu((*chemin, cle, j))
                if (f := _inconnu(nom, noms, ici)) is not None:
                    findings.append(f)
                elif nom in nommes:
                    findings.append(erreur(ici, f"{point}{partie} : « {nom} » a déjà voté ({nommes[nom]})"))
                elif nom not in etat.votants_possibles():
                    findings.append(erreur(ici, f"{point}{partie} : « {nom} » n'est ni présent ni représenté à ce "
                                                "point"))
                nommes[nom] = quoi
        npp_presents = [n for n in map(nom_normal, vote.ne_prennent_pas_part) if etat.presents and n in etat.presents]
        if etat.en_exercice and etat.n_presents is not None and npp_presents:
            restants = etat.n_presents - len(npp_presents)
            if etat.n_presents * 2 > etat.en_exercice >= restants * 2:
                findings.append(erreur(lieu((*chemin, "ne_prennent_pas_part")),
                                       f"{point}{partie} : quorum perdu sans les membres qui ne prennent pas part au "
                                       f"vote ({restants} présents pour {etat.en_exercice} membres en exercice)"))
    return findings

