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
from deliberations.model.formules import FORMULES_IMPRIMEES
from deliberations.model.genres import genre
from deliberations.model.objets import Point
from deliberations.rendu.formules import GENRES_UN_DOCUMENT, formules_departement, formules_du_point, ordonner_annexes
from deliberations.rendu.redaction import (
    garder_sans_reference,
    instance_complete,
    mentions,
    mise_en_ligne,
    signataire_resolu,
    signature,
    sur_le_rapport,
    texte_considerant,
    texte_visa,
    visa_resolu,
)


def _cellule(valeur: Any, nom_genre: str) -> str:
    if valeur is None or valeur == "":
        return ""
    return genre(nom_genre).afficher(valeur)


def _tableau(tableau: TableauCalcule, resoudre_: Any) -> dict[str, Any]:
    colonnes = tableau.tableau.colonnes

    def cellule(valeur: Any, nom_genre: str) -> str:
        return resoudre_(valeur) if isinstance(valeur, str) and valeur else _cellule(valeur, nom_genre)

    lignes = []
    for ligne, sous_total in tableau.lignes_imprimees():
        if ligne is not None:
            lignes.append([cellule(ligne[c.nom].valeur, c.type) for c in colonnes])
        elif sous_total is not None:  # its label in the first column, its sums under their columns
            lignes.append([_cellule(sous_total.sommes[c.nom], c.type) if c.nom in sous_total.sommes
                           else (cellule(sous_total.libelle, "texte") if k == 0 else "") for k, c in enumerate(colonnes)])
    totaux: list[str] | None = None
    if totalise(tableau):
        totaux = []
        for k, colonne in enumerate(colonnes):
            if colonne.nom in tableau.totaux:
                totaux.append(_cellule(tableau.totaux[colonne.nom], colonne.type))
            else:
                totaux.append(resoudre_(tableau.tableau.libelle_totaux) if k == 0 else "")
    return {
        "titre": resoudre_(tableau.tableau.titre) if tableau.tableau.titre else "",
        "entetes": [resoudre_(c.entete) for c in colonnes],
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
    resolus: set[str] = set()  # resolved texts that show a literal « ${ » (written $${)

    def r(texte: str) -> str:
        resolu = resoudre(texte, chercher)
        if "${" in resolu:
            resolus.add(resolu)
        return resolu

    collectivite = point.collectivite
    instance = instance_complete(point.seance, collectivite)
    n = len(point.propositions)
    propositions, decisions = [], []
    for k, proposition in enumerate(point.propositions):
        infinitif, indicatif = proposition.formes()
        texte = r(proposition.texte)
        signe = "." if k == n - 1 else ";"
        # a proposition without a verb is a whole sentence, printed as typed in both documents
        propositions.append(ponctuer(f"{infinitif} {texte}".strip(), signe))
        if collectivite.articles:
            decisions.append({"article": f"Article {formats.ordinal(k + 1) if k == 0 else k + 1}",
                              "texte": ponctuer(f"{indicatif} {texte}".strip(), ".")})
        else:
            decisions.append({"article": "", "texte": ponctuer(f"{indicatif} {texte}".strip(), signe)})
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
            "emplacement": annexe.emplacement,
            "apres": annexe.apres,
        })
    # annexes in the order their tables print (placed in the exposé, the dispositif, then appended)
    annexes = ordonner_annexes(annexes)
    vote = point.vote
    presences = [{"libelle": libelle, "valeur": str(n)} for libelle, n in (
        ("Nombre de membres :", vote.membres), ("Présents :", vote.presents), ("Représentés :", vote.representes),
        ("Votants :", vote.votants)) if n is not None]
    comptes = (("Suffrages exprimés :", vote.exprimes), ("Blancs et nuls :", vote.blancs_nuls),
               ("Voix pour :", vote.pour))
    voix = [
        *({"libelle": libelle, "valeur": str(n)} for libelle, n in comptes if n is not None),
        {"libelle": "Adopté à l'unanimité :", "valeur": "X" if vote.resultat == "unanimité" else ""},
        {"libelle": "Adopté à la majorité :", "valeur": "X" if vote.resultat == "majorité" else ""},
        {"libelle": "Voix contre :", "valeur": "" if vote.contre is None else str(vote.contre)},
        {"libelle": "Abstentions :", "valeur": "" if vote.abstentions is None else str(vote.abstentions)},
    ]
    if vote.resultat == "rejet":
        voix.append({"libelle": "Rejeté :", "valeur": "X"})
    if vote.ne_prennent_pas_part is not None:
        voix.append({"libelle": "Ne prennent pas part :", "valeur": str(vote.ne_prennent_pas_part)})
    dates = point.dates

    def le_date(d: dt.date | None) -> str:
        return formats.date_longue(d) if d else ""

    recours = collectivite.recours or (
        "Le présent acte peut faire l'objet d'un recours contentieux devant le tribunal administratif de "
        f"{collectivite.tribunal_administratif} dans un délai de deux mois à compter de sa notification "
        "ou publication."
    )
    date_seance = formats.date_longue(point.seance.date)
    ctx = {
        "type": point.type,
        "collectivite": {
            "nom": collectivite.nom,
            "assemblee": collectivite.assemblee,
            "tribunal_administratif": collectivite.tribunal_administratif,
        },
        "numero": point.numero,
        "objet": r(point.objet),
        "direction": r(point.direction) if point.direction else "",
        "service": r(point.service) if point.service else "",
        "seance": {"instance": point.seance.instance, "date": point.seance.date, "date_longue": date_seance,
                   "heure": point.seance.heure or "", "lieu": point.seance.lieu or "",
                   "convocation": point.seance.convocation, "president": point.seance.president or "",
                   "secretaire": point.seance.secretaire or ""},
        "titre_rapport": f"RAPPORT {a_la(instance)}".upper(),
        "reunion": f"Réunion du {date_seance}",
        "expose": [
            {"numero": i + 1, "titre": r(s.titre) if s.titre else "", "paragraphes": _paragraphes(s.paragraphes, r)}
            for i, s in enumerate(point.expose)
        ],
        "propositions": propositions,
        "titre_deliberation": f"Délibération n° {point.numero} du {date_seance}",
        "assemblee_deliberante": premiere_majuscule(la(instance)) + ",",
        "visas": [texte_visa(visa_resolu(v, r)) for v in [*collectivite.visas, *point.visas]],
        "considerants": [texte_considerant(r(c)) for c in point.considerants],
        "sur_le_rapport": sur_le_rapport(collectivite, r(point.rapporteur) if point.rapporteur else None),
        "decisions": decisions,
        "signataire": signature(signataire_resolu(point.signataire, r), collectivite),
        "annexes": annexes,
        # the box in two rows: attendance, then the vote; « cases » has both (for a template with one row)
        "vote": {"cases": presences + voix, "presences": presences, "voix": voix, "resultat": vote.resultat or ""},
        "dates": {
            "mise_en_ligne": mise_en_ligne(dates.affichage, dates.publication, le_date),
            "notification": "Date de notification du présent acte, le" + (f" {le_date(dates.notification)}" if dates.notification else ""),
            "executoire": "Certifie que le présent acte est devenu exécutoire le" + (f" {le_date(dates.executoire)}" if dates.executoire else ""),
        },
        "mentions": mentions(dates.transmission, dates.reception, dates.identifiant_actes, le_date),
        "recours": recours,
    }
    if point.type in GENRES_UN_DOCUMENT:
        ctx.update(formules_du_point(point, ctx, r))
    elif point.type in FORMULES_IMPRIMEES:  # the département genre honours the formulas it can print
        ctx.update(formules_departement(point, ctx, r))
    ctx.update(valeurs_du_type(point, r))
    garder_sans_reference(ctx, resolus)
    return ctx


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
