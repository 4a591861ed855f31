"""The rapport and the délibération, derived from one item.

Everything a template prints comes from :func:`contexte`: the same objet,
numero, date and propositions feed both documents, so they cannot disagree.
Prose references (``${…}``) are resolved here; amounts, dates and
percentages are formatted by :mod:`deliberations.formats` only.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from . import formats, verbes
from .calculs import TableauCalcule, tableaux, totalise
from .model import (Collectivite, Liste, Point, Proposition, Seance, Signataire, Visa, VisaTexte)
from .references import ReferenceInvalide, Typee, resoudre, typer_valeur

_VOYELLE = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)
_FEMININS = ("commission", "assemblée", "séance", "conférence", "délégation")


# --------------------------------------------------------------------------
# Small French helpers


def _a_la(groupe: str) -> str:
    """« à la commission permanente », « au conseil municipal », « à l'assemblée »."""
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"à l'{groupe}"
    return f"à la {groupe}" if groupe.lower().startswith(_FEMININS) else f"au {groupe}"


def _de_la(groupe: str) -> str:
    """« de la commission », « du conseil », « de l'assemblée »."""
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"de l'{groupe}"
    return f"de la {groupe}" if groupe.lower().startswith(_FEMININS) else f"du {groupe}"


def _la(groupe: str) -> str:
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"l'{groupe}"
    return f"la {groupe}" if groupe.lower().startswith(_FEMININS) else f"le {groupe}"


def _premiere_majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _enumerer(elements: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    if len(elements) <= 1:
        return "".join(elements)
    return ", ".join(elements[:-1]) + " et " + elements[-1]


def _ponctuer(texte: str, signe: str) -> str:
    """End a list item with ``signe`` unless it already ends with punctuation."""
    nu = texte.rstrip()
    if nu.endswith((";", ".", ",", ":", "!", "?", "…")):
        return nu
    return f"{nu} {signe}" if signe == ";" else f"{nu}{signe}"


def instance_complete(seance: Seance, collectivite: Collectivite) -> str:
    """« commission permanente du conseil départemental », « conseil municipal »."""
    instance = seance.instance.strip()
    assemblee = collectivite.assemblee.strip()
    if assemblee.lower() in instance.lower():
        return instance
    return f"{instance} {_de_la(assemblee.lower())}"


def president(collectivite: Collectivite) -> str:
    """« président du Conseil départemental »."""
    return f"{collectivite.president.titre} {_de_la(collectivite.assemblee)}"


def _article_president(collectivite: Collectivite) -> tuple[str, str]:
    """(« le », « du ») or (« la », « de la ») for the executive."""
    if collectivite.president.genre == "féminin":
        return "la", "de la"
    return "le", "du"


# --------------------------------------------------------------------------
# Visas, propositions, signature


_NATURES = {
    "loi": "la loi", "loi organique": "la loi organique", "décret": "le décret", "ordonnance": "l'ordonnance",
    "arrêté": "l'arrêté", "circulaire": "la circulaire", "règlement": "le règlement", "directive": "la directive",
    "délibération": "la délibération", "convention": "la convention", "décision": "la décision",
}


def texte_visa(visa: str | VisaTexte | Visa) -> str:
    """The visa as printed, starting with « Vu » and ending with a comma."""
    if isinstance(visa, (str, VisaTexte)):
        texte = visa if isinstance(visa, str) else visa.texte
        texte = texte.strip()
        if not re.match(r"^vu\b", texte, re.IGNORECASE):
            texte = f"Vu {texte}"
        return _ponctuer(texte, ",")
    morceaux: list[str] = []
    numeros = visa.numero if isinstance(visa.numero, list) else ([visa.numero] if visa.numero else [])
    if visa.nature == "code":
        titre = (visa.titre or "").strip()
        morceaux.append("le " + (titre if titre.lower().startswith("code") else f"Code {titre}"))
        titre = ""
    elif visa.nature in ("article", "articles"):
        pluriel = len(numeros) > 1 or visa.nature == "articles"
        morceaux.append(("les articles " if pluriel else "l'article ") + _enumerer(numeros))
        if visa.code:
            code = visa.code.strip()
            morceaux.append("du " + (code if code.lower().startswith("code") else f"Code {code}"))
        titre = visa.titre or ""
    else:
        morceaux.append(_NATURES[visa.nature])
        if visa.instance:
            morceaux.append(visa.instance.strip())
        if numeros:
            morceaux.append("n° " + _enumerer(numeros))
        titre = visa.titre or ""
    if visa.date and visa.nature not in ("code",):
        morceaux.append("du " + formats.date_longue(visa.date))
    if titre.strip():
        morceaux.append(titre.strip())
    return _ponctuer("Vu " + " ".join(morceaux), ",")


def formes(proposition: Proposition) -> tuple[str, str]:
    """(« D'AUTORISER », « AUTORISE »): explicit forms win over the verb table."""
    infinitif = proposition.infinitif or verbes.infinitif(proposition.verbe)
    indicatif = proposition.indicatif or verbes.indicatif(proposition.verbe)
    return infinitif, indicatif


def texte_considerant(texte: str) -> str:
    texte = texte.strip()
    if not texte.lower().startswith("considérant"):
        texte = f"Considérant {texte}"
    return _ponctuer(texte, ",")


def signature(signataire: Signataire, collectivite: Collectivite) -> dict[str, str]:
    le, du = _article_president(collectivite)
    titre = president(collectivite)
    if signataire.formule is not None:
        formule = signataire.formule
    elif signataire.qualite:
        formule = f"Pour {le} {titre}\net par délégation,"
    else:
        formule = f"{_premiere_majuscule(le)} {titre},"
    qualite = _ponctuer(signataire.qualite, ",") if signataire.qualite else ""
    return {"formule": formule, "qualite": qualite, "nom": signataire.nom}


# --------------------------------------------------------------------------
# Named values and references


def valeurs_nommees(point: Point) -> dict[str, Typee]:
    """The ``valeurs:`` section, typed (raises ValueError naming the value)."""
    resultat = {}
    for nom, brute in point.valeurs.items():
        try:
            resultat[nom] = typer_valeur(brute)
        except ValueError as exc:
            raise ValueError(f"valeurs.{nom} : {exc}") from None
    return resultat


def chercheur(point: Point) -> Any:
    """A function resolving a reference path to a typed value, for this item."""
    valeurs = valeurs_nommees(point)
    calcules = tableaux(point)

    def genre_colonne(tableau: TableauCalcule, nom: str) -> str:
        for colonne in tableau.tableau.colonnes:
            if colonne.nom == nom:
                return colonne.type
        raise ReferenceInvalide(f"colonne inconnue « {nom} » (colonnes : {', '.join(c.nom for c in tableau.tableau.colonnes)})")

    def chercher(chemin: str) -> Typee:
        parties = [p.strip() for p in chemin.split(".")]
        tete = parties[0]
        if tete == "valeurs" and len(parties) == 2:
            if parties[1] not in valeurs:
                connues = ", ".join(valeurs) or "aucune"
                raise ReferenceInvalide(f"valeur nommée inconnue « {parties[1]} » (valeurs : {connues})")
            return valeurs[parties[1]]
        if tete == "numero" and len(parties) == 1:
            return Typee("texte", point.numero)
        if tete == "seance" and len(parties) == 2 and parties[1] in ("date", "instance"):
            return Typee("date", point.seance.date) if parties[1] == "date" else Typee("texte", point.seance.instance)
        m = re.fullmatch(r"annexe\s*(\d+)", tete)
        if m:
            numero = int(m.group(1))
            if not 1 <= numero <= len(calcules):
                raise ReferenceInvalide(f"annexe {numero} inexistante (il y a {len(calcules)} annexe(s))")
            liste = calcules[numero - 1]
            reste = parties[1:]
            index = 1
            if reste and (t := re.fullmatch(r"tableau\s*(\d+)", reste[0])):
                index = int(t.group(1))
                reste = reste[1:]
            if not 1 <= index <= len(liste):
                raise ReferenceInvalide(f"tableau {index} inexistant dans l'annexe {numero}")
            tableau = liste[index - 1]
            if reste == ["lignes"]:
                return Typee("entier", len(tableau.lignes))
            if len(reste) == 2 and reste[0] == "total":
                genre = genre_colonne(tableau, reste[1])
                if reste[1] not in tableau.totaux:
                    raise ReferenceInvalide(f"la colonne « {reste[1]} » n'a pas de total")
                return Typee(genre, tableau.totaux[reste[1]])
            if len(reste) == 2 and (r := re.fullmatch(r"ligne\s*(\d+)", reste[0])):
                ligne = int(r.group(1))
                if not 1 <= ligne <= len(tableau.lignes):
                    raise ReferenceInvalide(f"ligne {ligne} inexistante (le tableau a {len(tableau.lignes)} lignes)")
                genre = genre_colonne(tableau, reste[1])
                return Typee(genre, tableau.lignes[ligne - 1][reste[1]].valeur)
        raise ReferenceInvalide(
            f"référence inconnue « {chemin} » (exemples : valeurs.nom, annexe1.lignes, annexe1.total.colonne, "
            "annexe1.ligne2.colonne, seance.date, numero)"
        )

    return chercher


def textes(point: Point) -> list[tuple[tuple[str | int, ...], str]]:
    """Every prose field of the item, with its path (references unresolved)."""
    resultat: list[tuple[tuple[str | int, ...], str]] = [(("objet",), point.objet)]
    for i, section in enumerate(point.expose):
        if section.titre:
            resultat.append((("expose", i, "titre"), section.titre))
        for j, paragraphe in enumerate(section.paragraphes):
            if isinstance(paragraphe, Liste):
                resultat.extend((("expose", i, "paragraphes", j, "liste", k), t) for k, t in enumerate(paragraphe.liste))
            else:
                resultat.append((("expose", i, "paragraphes", j), paragraphe))
    for i, proposition in enumerate(point.propositions):
        resultat.append((("propositions", i, "texte"), proposition.texte))
    for i, visa in enumerate(point.visas):
        texte = visa if isinstance(visa, str) else (visa.texte if isinstance(visa, VisaTexte) else visa.titre)
        if texte:
            resultat.append((("visas", i) if isinstance(visa, str) else ("visas", i, "texte" if isinstance(visa, VisaTexte) else "titre"), texte))
    for i, considerant in enumerate(point.considerants):
        resultat.append((("considerants", i), considerant))
    for i, annexe in enumerate(point.annexes):
        resultat.append((("annexes", i, "titre"), annexe.titre))
        for j, paragraphe in enumerate(annexe.paragraphes):
            if isinstance(paragraphe, Liste):
                resultat.extend((("annexes", i, "paragraphes", j, "liste", k), t) for k, t in enumerate(paragraphe.liste))
            else:
                resultat.append((("annexes", i, "paragraphes", j), paragraphe))
        for j, tableau in enumerate(annexe.tableaux):
            if tableau.titre:
                resultat.append((("annexes", i, "tableaux", j, "titre"), tableau.titre))
    return resultat


# --------------------------------------------------------------------------
# The template context


def _cellule(valeur: Any, genre: str) -> str:
    if valeur is None or valeur == "":
        return ""
    if genre == "montant":
        return formats.montant(valeur)
    if genre == "pourcentage":
        return formats.pourcentage(valeur)
    if genre == "date" and isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    if genre == "entier":
        return formats.nombre(valeur) if hasattr(formats, "nombre") else str(valeur)
    return str(valeur)


def _tableau(tableau: TableauCalcule, resoudre_: Any) -> dict[str, Any]:
    colonnes = tableau.tableau.colonnes
    lignes = [[_cellule(ligne[c.nom].valeur, c.type) for c in colonnes] for ligne in tableau.lignes]
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
        "alignements": ["droite" if c.type in ("montant", "pourcentage", "entier") else "gauche" for c in colonnes],
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
        infinitif, indicatif = formes(proposition)
        texte = r(proposition.texte)
        signe = "." if k == n - 1 else ";"
        propositions.append(_ponctuer(f"{infinitif} {texte}", signe))
        if collectivite.articles:
            decisions.append({"article": f"Article {formats.ordinal(k + 1) if k == 0 else k + 1}",
                              "texte": _ponctuer(f"{indicatif} {texte}", ".")})
        else:
            decisions.append({"article": "", "texte": _ponctuer(f"{indicatif} {texte}", signe)})
    calcules = tableaux(point)
    annexes = []
    for i, annexe in enumerate(point.annexes):
        numero = annexe.numero or i + 1
        annexes.append({
            "numero": numero,
            "titre": f"ANNEXE {numero} AU RAPPORT : {r(annexe.titre)}",
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
        "titre_rapport": f"RAPPORT {_a_la(instance)}".upper(),
        "reunion": f"Réunion du {date_seance}",
        "expose": [
            {"numero": i + 1, "titre": r(s.titre) if s.titre else "", "paragraphes": _paragraphes(s.paragraphes, r)}
            for i, s in enumerate(point.expose)
        ],
        "propositions": propositions,
        "titre_deliberation": f"Délibération n° {point.numero} du {date_seance}",
        "assemblee_deliberante": _premiere_majuscule(_la(instance)) + ",",
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
        "champs": point.champs,
    }
