"""The rapport and the délibération, derived from one item.

Everything a template prints comes from :func:`contexte`: the same objet,
numero, date and propositions feed both documents, so they cannot disagree.
Prose references (``${…}``) are resolved here; amounts, dates and
percentages are formatted by :mod:`deliberations.formats` only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from deliberations.calcul.references import resoudre
from deliberations.calcul.tableaux import TableauCalcule, tableaux, totalise
from deliberations.calcul.valeurs import chercheur
from deliberations.langue import formats
from deliberations.langue.grammaire import a_la, la, ponctuer, premiere_majuscule
from deliberations.model.base import Liste
from deliberations.model.genres import genre
from deliberations.model.objets import Point
from deliberations.rendu.redaction import (
    _article_president,
    instance_complete,
    president,
    signature,
    texte_considerant,
    texte_visa,
)


def _cellule(valeur: Any, nom_genre: str) -> str:
    if valeur is None or valeur == "":
        return ""
    return genre(nom_genre).afficher(valeur)


def _tableau(tableau: TableauCalcule, resoudre_: Any) -> dict[str, Any]:
    colonnes = tableau.tableau.colonnes
    lignes = []
    for ligne, sous_total in tableau.lignes_imprimees():
        if ligne is not None:
            lignes.append([_cellule(ligne[c.nom].valeur, c.type) for c in colonnes])
        elif sous_total is not None:  # its label in the first column, its sums under their columns
            lignes.append([_cellule(sous_total.sommes[c.nom], c.type) if c.nom in sous_total.sommes
                           else (sous_total.libelle if k == 0 else "") for k, c in enumerate(colonnes)])
    totaux: list[str] | None = None
    if totalise(tableau):
        totaux = []
        for k, colonne in enumerate(colonnes):
            if colonne.nom in tableau.totaux:
                totaux.append(_cellule(tableau.totaux[colonne.nom], colonne.type))
            else:
                totaux.append(tableau.tableau.libelle_totaux if k == 0 else "")
    return {
        "titre": resoudre_(tableau.tableau.titre) if tableau.tableau.titre else "",
        "entetes": [c.entete for c in colonnes],
        "types": [c.type for c in colonnes],
        "alignements": ["droite" if genre(c.type).a_droite else "gauche" for c in colonnes],
        "lignes": lignes,
        "totaux": totaux,
    }


def _paragraphes(paragraphes: list[Any], resoudre_: Any) -> list[dict[str, Any]]:
    sortie = []
    for paragraphe in paragraphes:
        if isinstance(paragraphe, Liste):
            sortie.append({"texte": "", "liste": [resoudre_(t) for t in paragraphe.liste]})
        else:
            sortie.append({"texte": resoudre_(paragraphe), "liste": []})
    return sortie


def contexte(point: Point) -> dict[str, Any]:
    """Everything the templates print, as plain strings and lists.

    Raises :class:`ReferenceInvalide` or :class:`verbes.VerbeInconnu` for an
    item that has not passed the checks.
    """
    chercher = chercheur(point)

    def r(texte: str) -> str:
        return resoudre(texte, chercher)

    collectivite = point.collectivite
    le, du = _article_president(collectivite)
    instance = instance_complete(point.seance, collectivite)
    n = len(point.propositions)
    propositions, decisions = [], []
    for k, proposition in enumerate(point.propositions):
        infinitif, indicatif = proposition.formes()
        texte = r(proposition.texte)
        signe = "." if k == n - 1 else ";"
        propositions.append(ponctuer(f"{infinitif} {texte}", signe))
        if collectivite.articles:
            decisions.append({"article": f"Article {formats.ordinal(k + 1) if k == 0 else k + 1}",
                              "texte": ponctuer(f"{indicatif} {texte}", ".")})
        else:
            decisions.append({"article": "", "texte": ponctuer(f"{indicatif} {texte}", signe)})
    calcules = tableaux(point)
    annexes = []
    for i, annexe in enumerate(point.annexes):
        numero = annexe.numero or i + 1
        annexes.append({
            "numero": numero,
            "titre": f"ANNEXE {numero} AU RAPPORT : {r(annexe.titre)}",
            "intitule": r(annexe.titre),
            "paragraphes": _paragraphes(annexe.paragraphes, r),
            "tableaux": [_tableau(t, r) for t in calcules[i]],
        })
    vote = point.vote
    vote_cases = [
        {"libelle": "Adopté à l'unanimité :", "valeur": "X" if vote.resultat == "unanimité" else ""},
        {"libelle": "Adopté à la majorité :", "valeur": "X" if vote.resultat == "majorité" else ""},
        {"libelle": "Voix contre :", "valeur": "" if vote.contre is None else str(vote.contre)},
        {"libelle": "Abstentions :", "valeur": "" if vote.abstentions is None else str(vote.abstentions)},
    ]
    if vote.ne_prennent_pas_part:
        vote_cases.append({"libelle": "Ne prennent pas part :", "valeur": str(vote.ne_prennent_pas_part)})
    dates = point.dates

    def le_date(d: dt.date | None) -> str:
        return formats.date_longue(d) if d else ""

    libelle_mise_en_ligne = "de publication" if dates.publication and not dates.affichage else "d'affichage"
    recours = collectivite.recours or (
        "Le présent acte peut faire l'objet d'un recours contentieux devant le tribunal administratif de "
        f"{collectivite.tribunal_administratif} dans un délai de deux mois à compter de sa notification "
        "ou publication."
    )
    date_seance = formats.date_longue(point.seance.date)
    return {
        "type": point.type,
        "collectivite": {
            "nom": collectivite.nom,
            "assemblee": collectivite.assemblee,
            "tribunal_administratif": collectivite.tribunal_administratif,
        },
        "numero": point.numero,
        "objet": r(point.objet),
        "direction": point.direction,
        "service": point.service or "",
        "seance": {"instance": point.seance.instance, "date": point.seance.date, "date_longue": date_seance},
        "titre_rapport": f"RAPPORT {a_la(instance)}".upper(),
        "reunion": f"Réunion du {date_seance}",
        "expose": [
            {"numero": i + 1, "titre": r(s.titre) if s.titre else "", "paragraphes": _paragraphes(s.paragraphes, r)}
            for i, s in enumerate(point.expose)
        ],
        "propositions": propositions,
        "titre_deliberation": f"Délibération n° {point.numero} du {date_seance}",
        "assemblee_deliberante": premiere_majuscule(la(instance)) + ",",
        "visas": [texte_visa(r(v) if isinstance(v, str) else v) for v in [*collectivite.visas, *point.visas]],
        "considerants": [texte_considerant(r(c)) for c in point.considerants],
        "sur_le_rapport": f"Sur le rapport {du} {president(collectivite)},",
        "decisions": decisions,
        "signataire": signature(point.signataire, collectivite),
        "annexes": annexes,
        "vote": {"cases": vote_cases, "resultat": vote.resultat or ""},
        "dates": {
            "mise_en_ligne": f"Date {libelle_mise_en_ligne} du présent acte, le"
                             + (f" {le_date(dates.publication or dates.affichage)}" if (dates.publication or dates.affichage) else ""),
            "notification": "Date de notification du présent acte, le" + (f" {le_date(dates.notification)}" if dates.notification else ""),
            "executoire": "Certifie que le présent acte est devenu exécutoire le" + (f" {le_date(dates.executoire)}" if dates.executoire else ""),
        },
        "recours": recours,
        **valeurs_du_type(point, r),
    }


def valeurs_du_type(point: Point, resoudre_: Any) -> dict[str, Any]:
    """The type fields of an item, each under its own name, typed.

    Texts have their references resolved; ``paragraphes`` are shaped like the
    exposé's (``texte`` and ``liste``); amounts, percentages, numbers and dates
    keep their type (format them with the filters ``montant``,
    ``pourcentage``, ``date_longue``…); each row of a table is a dict of its
    columns plus ``numero`` (1, 2, …). A field left empty is ``None`` (a list,
    empty).
    """
    def valeur(genre: str, brute: Any) -> Any:
        if brute is None:
            return None
        if genre == "texte":
            return resoudre_(brute)
        if genre == "liste":
            return [resoudre_(t) for t in brute]
        if genre == "paragraphes":
            return _paragraphes(brute, resoudre_)
        return brute

    sortie: dict[str, Any] = {}
    for nom, champ in point.champs_type.items():
        brute = getattr(point, nom, None)
        if champ.type == "table":
            sortie[nom] = [
                {"numero": k + 1, **{c: valeur(spec.type, getattr(ligne, c, None)) for c, spec in (champ.colonnes or {}).items()}}
                for k, ligne in enumerate(brute or [])
            ]
        else:
            sortie[nom] = valeur(champ.type, brute)
    return sortie
