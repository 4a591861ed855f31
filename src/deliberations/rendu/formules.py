"""The one-document délibération's own words: heading, préambule, vote sentence, formulas, articles, signatures.

The collectivité's :class:`~deliberations.model.formules.Formules` give the
house style; an item's override them key by key. What a genre prints by
default (the vote box or a vote sentence, the recours…) comes from the
type's name: the département genre keeps its boxes, the commune genre its
sentences.
"""

from __future__ import annotations

from typing import Any, Callable

from deliberations.langue import formats, institutions, votes
from deliberations.langue.grammaire import ponctuer
from deliberations.model.formules import GENRES_UN_DOCUMENT, Formules
from deliberations.model.objets import Point, Vote

__all__ = ["GENRES_UN_DOCUMENT", "formules_departement", "formules_du_point", "formules_effectives", "intitule_article",
           "lignes_presences", "ordonner_annexes", "phrase_du_vote", "preambule"]
from deliberations.rendu.redaction import instance_complete, nature

#: what the one-document genre prints when nothing is said
_DEFAUTS_COMMUNE = Formules(sur_le_rapport=True, tirets=True, decision="DÉCIDE :", articles="non", vote="phrase", recours=True, dates=False,
                            ainsi_fait="Ainsi fait et délibéré les jour, mois et an susdits.", preambule=True,
                            secretaire=True, signatures="empilees")
_DEFAUTS_DEPARTEMENT = Formules(sur_le_rapport=True, tirets=True, decision="non", vote="tableau", recours=True, dates=True, ainsi_fait="non",
                                preambule=False, secretaire=False, signatures="empilees")


def formules_effectives(point: Point) -> Formules:
    """The genre's usage, then the collectivité's profile, then the item: the last one given wins."""
    un_document = point.type in GENRES_UN_DOCUMENT
    valeurs = (_DEFAUTS_COMMUNE if un_document else _DEFAUTS_DEPARTEMENT).model_dump()
    if point.collectivite.articles:  # the profile's older key: « Article 1er », « Article 2 »…
        valeurs["articles"] = "Article 1er"
    for source in (point.collectivite.formules, point.formules):
        valeurs.update({k: v for k, v in source.model_dump().items() if v is not None})
    return Formules.model_construct(**valeurs)


def _non(valeur: str | None) -> str:
    """« non » (or nothing) for a formula means: print none."""
    if valeur is None or valeur.strip().lower() in ("non", ""):
        return ""
    return valeur


def intitule_article(style: str, k: int) -> str:
    """The label of the k-th article (from 1) in a numbering style, with its separator.

    >>> [intitule_article("Article 1er", k) for k in (1, 2)]
    ['Article 1er :', 'Article 2 :']
    >>> [intitule_article("Article premier.-", k) for k in (1, 2)], intitule_article("Art. 1er.-", 2)
    (['Article premier.-', 'Article 2.-'], 'Art. 2.-')
    """
    if style == "Article 1er":
        return f"Article {formats.ordinal(1) if k == 1 else k} :"
    if style == "Article premier.-":
        return f"Article {'premier' if k == 1 else k}.-"
    if style == "Art. 1er.-":
        return f"Art. {formats.ordinal(1) if k == 1 else k}.-"
    return ""


def phrase_du_vote(vote: Vote) -> str:
    """« à l'unanimité », « à l'unanimité des suffrages exprimés », « par 21 voix pour, 3 voix contre et 2 abstentions ».

    Empty for a vote not yet counted, or voted in several parts (each part's vote follows its decisions).
    """
    if vote.parties:
        return ""
    return votes.phrase_vote(vote.pour, vote.contre, vote.abstentions, vote.resultat, vote.scrutin)


def lignes_presences(point: Point) -> list[str]:
    """The attendance as the one-document act prints it: the counts, the names, who does not take part."""
    vote, presences = point.vote, point.presences
    votants = vote.votants if not vote.parties else None
    if votants is None and vote.parties and len({p.votants for p in vote.parties}) == 1:
        votants = vote.parties[0].votants
    membres = "membres" if nature(point.collectivite) in ("syndicat", None) else "conseillers"
    lignes = [votes.decompte(membres, vote.membres, vote.presents, votants)]
    if presences is not None:
        lignes += votes.mouvements(presences.arrivent, presences.partent, presences.heures)
        lignes += votes.lignes_des_membres(presences.presents, [(p.de, p.a) for p in presences.pouvoirs],
                                           presences.excuses, presences.absents)
    elif vote.representes:
        lignes.append(f"Pouvoirs : {vote.representes}")
    if not vote.parties:
        lignes.append(votes.ne_prennent_pas_part(vote.noms.ne_prennent_pas_part))
        lignes += votes.votes_nommes(vote.noms.contre, vote.noms.abstentions, vote.noms.pour)
    return [ligne for ligne in lignes if ligne]


def votes_des_decisions(vote: Vote, n: int) -> dict[int, str]:
    """Each part's vote, after the last decision it covers (after the last decision when it names none)."""
    apres: dict[int, list[str]] = {}
    for partie in vote.parties:
        k = max([d for d in partie.decisions if 1 <= d <= n], default=n)
        phrase = votes.phrase_resultat(partie.pour, partie.contre, partie.abstentions, partie.resultat, vote.scrutin)
        if partie.titre and phrase:  # « Adopté à l'unanimité (article 1er). »: no agreement to make with the title
            phrase = f"{phrase.rstrip('.')} ({partie.titre.strip()})."
        npp = votes.ne_prennent_pas_part(partie.noms.ne_prennent_pas_part)
        noms = votes.votes_nommes(partie.noms.contre, partie.noms.abstentions, partie.noms.pour)
        apres.setdefault(k, []).extend(x for x in (npp, phrase, *noms) if x)
    return {k: " ".join(v) for k, v in apres.items()}


def preambule(point: Point) -> str:
    """« L'an deux mille vingt-trois, le six février, à vingt heures trente, le conseil municipal de …, dûment
    convoqué le 31 janvier 2023, s'est réuni à la mairie, en séance publique, sous la présidence de M. …, Maire. »

    The séance's own ``preambule`` wins; each part the séance does not give is left out.
    """
    seance = point.seance
    if seance.preambule:
        return seance.preambule
    morceaux = [institutions.date_en_lettres(seance.date)]
    if seance.heure:
        morceaux.append(f"à {institutions.heure_en_lettres(seance.heure)}")
    sujet = institutions.assemblee_de(instance_complete(seance, point.collectivite), point.collectivite.nom,
                                      nature(point.collectivite))
    if seance.seconde_convocation:
        quand = f" le {formats.date_longue(seance.convocation)}" if seance.convocation else ""
        sujet += f", convoqué une seconde fois{quand} faute de quorum (article L2121-17 du CGCT)"
    elif seance.convocation:
        sujet += f", dûment convoqué le {formats.date_longue(seance.convocation)}"
    verbe = "s'est réuni"
    if seance.lieu:
        verbe += f" {seance.lieu.strip()}"
    if seance.convocation or seance.seconde_convocation:
        morceaux += [sujet, verbe]  # « …, dûment convoqué le 31 janvier 2023, s'est réuni »
    else:
        morceaux.append(f"{sujet} {verbe}")  # no comma between the subject and its verb
    if seance.publique is not None:
        morceaux.append("en séance publique" if seance.publique else "à huis clos")
    if seance.president:
        morceaux.append(f"sous la présidence de {seance.president.strip()}")
    return ponctuer(", ".join(morceaux), ".")


def formule_deliberative(point: Point, formules: Formules) -> str:
    """« Après en avoir délibéré, à l'unanimité, » (the genre's default), or the item's own."""
    if formules.deliberative is not None:
        return formules.deliberative
    if point.type not in GENRES_UN_DOCUMENT:
        # after « Sur le rapport du président du Conseil départemental, »: the vote, if said in a sentence
        vote = phrase_du_vote(point.vote) if formules.vote == "phrase" else ""
        return f"après en avoir délibéré{', ' + vote if vote else ''},"
    # the assembly is already the subject (« Le conseil municipal, » before the visas); the vote is said
    # here unless the collectivité prints it in a box (or not at all)
    vote = phrase_du_vote(point.vote) if formules.vote == "phrase" else ""
    return f"Après en avoir délibéré{', ' + vote if vote else ''},"


def _place(annexes: list[dict[str, Any]], emplacement: str, n: int) -> dict[int, list[dict[str, Any]]]:
    """Tables of the annexes placed in the exposé or the dispositif, by the section or decision they follow."""
    places: dict[int, list[dict[str, Any]]] = {}
    for annexe in annexes:
        if annexe["emplacement"] == emplacement:
            apres = annexe["apres"] if annexe["apres"] and 1 <= annexe["apres"] <= n else n
            places.setdefault(apres, []).extend(annexe["tableaux"])
    return places


def ordonner_annexes(annexes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Annexes in the order their tables print: exposé, dispositif, then the annexes proper."""
    rang = {"expose": 0, "dispositif": 1, "annexe": 2}
    return sorted(annexes, key=lambda a: (rang[a["emplacement"]], a["apres"] or 10**9))


def formules_du_point(point: Point, ctx: dict[str, Any], resoudre_: Callable[[str], str]) -> dict[str, Any]:
    """The context keys of the one-document genre (every type gets them; its templates may ignore them)."""
    formules = formules_effectives(point)
    collectivite = point.collectivite
    instance = instance_complete(point.seance, collectivite)
    style = formules.articles or "non"
    n = len(ctx["decisions"])
    dispositif = _place(ctx["annexes"], "dispositif", n)
    decisions = []
    votes_apres = votes_des_decisions(point.vote, n)
    for k, decision in enumerate(ctx["decisions"], start=1):
        texte = decision["texte"]
        if style != "non" or votes_apres.get(k):  # a sentence follows: the decision ends with a full stop
            texte = ponctuer(texte.rstrip(" ;"), ".")
        decisions.append({**decision, "intitule": intitule_article(style, k), "texte": texte,
                          "tableaux": dispositif.get(k, []), "vote": votes_apres.get(k, "")})
    sections = ctx["expose"]
    if not sections and any(a["emplacement"] == "expose" for a in ctx["annexes"]):
        sections = [{"numero": 1, "titre": "", "paragraphes": []}]
    dans_expose = _place(ctx["annexes"], "expose", len(sections))
    expose = [{**s, "tableaux": dans_expose.get(k, [])} for k, s in enumerate(sections, start=1)]
    signatures = [ctx["signataire"]] if ctx["signataire"]["nom"] else []
    if formules.secretaire and point.seance.secretaire:
        signatures.append({"formule": institutions.secretaire_de_seance(point.seance.secretaire), "qualite": "",
                           "nom": point.seance.secretaire})
    seance = point.seance
    return {
        "registre": institutions.registre(instance),
        "preambule": preambule(point) if formules.preambule else "",
        "secretaire_seance": f"Secrétaire de séance : {seance.secretaire}" if seance.secretaire else "",
        "presences": lignes_presences(point) if formules.preambule else [],
        "expose": expose,
        "decisions": decisions,
        **_formules_partagees(point, formules, ctx, resoudre_),
        "ainsi_fait": _non(formules.ainsi_fait),
        "signatures": signatures,
        "annexes_jointes": [a for a in ctx["annexes"] if a["emplacement"] == "annexe"],
        "imprimer": {**_imprimer(formules),
                     "cote_a_cote": formules.signatures == "cote_a_cote" and len(signatures) == 2},
    }


def _imprimer(formules: Formules) -> dict[str, bool]:
    """Which boxes and mentions the collectivité prints."""
    return {"vote": formules.vote == "tableau", "recours": bool(formules.recours), "dates": bool(formules.dates)}


def formules_departement(point: Point, ctx: dict[str, Any], resoudre_: Callable[[str], str]) -> dict[str, Any]:
    """The context keys through which the rapport-deliberation genre honours the collectivité's formulas.

    With no formula typed, every key prints what the genre always printed
    (« après en avoir délibéré, », the vote and date boxes, the recours).
    """
    formules = formules_effectives(point)
    return {**_formules_partagees(point, formules, ctx, resoudre_), "imprimer": _imprimer(formules)}


def _formules_partagees(point: Point, formules: Formules, ctx: dict[str, Any],
                        resoudre_: Callable[[str], str]) -> dict[str, Any]:
    """The formulas both genres print: opening, « Sur le rapport », deliberative formula, decision, vote sentence."""
    return {
        "assemblee_deliberante": ctx["assemblee_deliberante"] if formules.ouverture is None
        else _non(formules.ouverture),
        "sur_le_rapport": ctx["sur_le_rapport"] if formules.sur_le_rapport else "",
        "formule_deliberative": _non(formule_deliberative(point, formules)),
        "formule_decision": _non(formules.decision),
        "tirets": bool(formules.tirets),
        "phrase_vote": resoudre_(formules.phrase_vote) if formules.phrase_vote else "",
    }
