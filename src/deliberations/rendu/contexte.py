"""The rapport and the délibération, derived from one item.

Everything a template prints comes from :func:`contexte`: the same objet,
numero, date and propositions feed both documents, so they cannot disagree.
Prose references (``${…}``) are resolved here; amounts, dates and
percentages are formatted by :mod:`deliberations.formats` only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from deliberations.langue import formats
from deliberations.langue import verbes
from deliberations.calcul.tableaux import TableauCalcule, tableaux, totalise
from deliberations.model import (Collectivite, Liste, Point, Proposition, Seance, Signataire, Visa, VisaTexte)
from deliberations.calcul.references import ReferenceInvalide, Typee, resoudre, typer_valeur

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


class ValeurInvalide(ValueError):
    """A named value that cannot be typed; ``nom`` says which."""

    def __init__(self, nom: str, message: str) -> None:
        super().__init__(message)
        self.nom = nom


def valeurs_nommees(point: Point) -> dict[str, Typee]:
    """The ``valeurs:`` section, typed (raises :class:`ValeurInvalide` naming the value)."""
    resultat = {}
    for nom, brute in point.valeurs.items():
        try:
            resultat[nom] = typer_valeur(brute)
        except ValueError as exc:
            raise ValeurInvalide(nom, str(exc)) from None
    return resultat


def chercheur(point: Point) -> Any:
    """A function resolving a reference path to a typed value, for this item."""
    valeurs = valeurs_nommees(point)
    calcules = tableaux(point)
    champs = _champs_du_type(point)

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
        if tete in champs and len(parties) == 1:
            if champs[tete].type not in _GENRES_REFERENCABLES:
                raise ReferenceInvalide(f"le champ « {tete} » ({champs[tete].type}) ne se cite pas dans le texte")
            valeur = getattr(point, tete, None)
            if valeur is None:
                raise ReferenceInvalide(f"le champ « {tete} » n'est pas rempli")
            return Typee(champs[tete].type, valeur)
        if tete in champs and parties[1:] == ["lignes"] and champs[tete].type in ("table", "liste", "paragraphes"):
            return Typee("entier", len(getattr(point, tete, None) or []))
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
            "annexe1.ligne2.colonne, seance.date, numero"
            + "".join(f", {n}" for n, c in champs.items() if c.type in _GENRES_REFERENCABLES)
            + "".join(f", {n}.lignes" for n, c in champs.items() if c.type not in _GENRES_REFERENCABLES) + ")"
        )

    return chercher


def _textes_paragraphes(chemin: tuple[str | int, ...], paragraphes: list[Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """The texts of a list of paragraphs (a paragraph may be a bulleted list), with their paths."""
    resultat: list[tuple[tuple[str | int, ...], str]] = []
    for j, paragraphe in enumerate(paragraphes):
        if isinstance(paragraphe, Liste):
            resultat.extend(((*chemin, "paragraphes", j, "liste", k), t) for k, t in enumerate(paragraphe.liste))
        else:
            resultat.append(((*chemin, "paragraphes", j), paragraphe))
    return resultat


def textes(point: Point) -> list[tuple[tuple[str | int, ...], str]]:
    """Every prose field of the item, with its path (references unresolved)."""
    resultat: list[tuple[tuple[str | int, ...], str]] = [(("objet",), point.objet)]
    for i, section in enumerate(point.expose):
        if section.titre:
            resultat.append((("expose", i, "titre"), section.titre))
        resultat.extend(_textes_paragraphes(("expose", i), section.paragraphes))
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
        resultat.extend(_textes_paragraphes(("annexes", i), annexe.paragraphes))
        for j, tableau in enumerate(annexe.tableaux):
            if tableau.titre:
                resultat.append((("annexes", i, "tableaux", j, "titre"), tableau.titre))
    for nom, champ in _champs_du_type(point).items():
        valeur = getattr(point, nom, None)
        if champ.type == "table":
            for k, ligne in enumerate(valeur or []):
                for colonne, spec in (champ.colonnes or {}).items():
                    resultat.extend(_textes_champ((nom, k, colonne), spec.type, getattr(ligne, colonne, None)))
        else:
            resultat.extend(_textes_champ((nom,), champ.type, valeur))
    return resultat


def _textes_champ(chemin: tuple[str | int, ...], genre: str, valeur: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """The prose of a type field: a texte, a liste, or paragraphes."""
    if valeur is None:
        return []
    if genre == "texte":
        return [(chemin, valeur)]
    if genre == "liste":
        return [((*chemin, k), t) for k, t in enumerate(valeur)]
    if genre == "paragraphes":
        sortie: list[tuple[tuple[str | int, ...], str]] = []
        for j, paragraphe in enumerate(valeur):
            if isinstance(paragraphe, Liste):
                sortie.extend(((*chemin, j, "liste", k), t) for k, t in enumerate(paragraphe.liste))
            else:
                sortie.append(((*chemin, j), paragraphe))
        return sortie
    return []


#: kinds of type field a reference ``${nom}`` may cite
_GENRES_REFERENCABLES = ("texte", "montant", "pourcentage", "entier", "date")


def _champs_du_type(point: Point) -> dict[str, Any]:
    from deliberations.types.catalogue import champs_du_point

    return champs_du_point(point)


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
        return formats.nombre(valeur)
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
    for nom, champ in _champs_du_type(point).items():
        brute = getattr(point, nom, None)
        if champ.type == "table":
            sortie[nom] = [
                {"numero": k + 1, **{c: valeur(spec.type, getattr(ligne, c, None)) for c, spec in (champ.colonnes or {}).items()}}
                for k, ligne in enumerate(brute or [])
            ]
        else:
            sortie[nom] = valeur(champ.type, brute)
    return sortie


# --------------------------------------------------------------------------
# What the templates may print, described (documentation, template linting)


@dataclass(frozen=True)
class Variable:
    """What a template variable holds: its description, its keys, or its elements."""

    description: str
    #: a dict-like value: its keys
    attributs: Mapping[str, Variable] | None = None
    #: a list: what each element is
    element: Variable | None = None


def _d(description: str, /, **attributs: Variable) -> Variable:
    return Variable(description, attributs=attributs)


def _l(description: str, element: Variable) -> Variable:
    return Variable(description, element=element)


_T = Variable
_PARAGRAPHE = _d("un paragraphe : soit un texte, soit une liste à puces",
                 texte=_T("le texte du paragraphe (vide pour une liste)"),
                 liste=_l("les éléments d'une liste à puces (vide pour un texte)", _T("un élément")))

#: the variables every report type's templates may use
VARIABLES: dict[str, Variable] = {
    "type": _T("nom du type de rapport : rapport-deliberation"),
    "collectivite": _d("la collectivité", nom=_T("Département de la Seine-Saint-Denis"),
                       assemblee=_T("Conseil départemental"), tribunal_administratif=_T("Montreuil")),
    "numero": _T("numéro du point : 06-04"),
    "objet": _T("objet du point (références ${…} résolues)"),
    "direction": _T("direction qui présente le rapport"),
    "service": _T("service (vide s'il n'est pas donné)"),
    "seance": _d("la séance", instance=_T("commission permanente"),
                 date=_T("date de la séance (une date : seance.date|date_longue)"),
                 date_longue=_T("14 septembre 2023")),
    "titre_rapport": _T("RAPPORT À LA COMMISSION PERMANENTE"),
    "reunion": _T("Réunion du 14 septembre 2023"),
    "expose": _l("les sections de l'exposé", _d("une section", numero=_T("1, 2, …"), titre=_T("titre (peut être vide)"),
                                                  paragraphes=_l("ses paragraphes", _PARAGRAPHE))),
    "propositions": _l("les propositions du rapport", _T("D'AUTORISER le versement … ;")),
    "titre_deliberation": _T("Délibération n° 06-04 du 14 septembre 2023"),
    "assemblee_deliberante": _T("La commission permanente du conseil départemental,"),
    "visas": _l("les visas (ceux de la collectivité, puis ceux du point)", _T("Vu la loi n° 92-722 du 29 juillet 1992 …,")),
    "considerants": _l("les considérants", _T("Considérant que …,")),
    "sur_le_rapport": _T("Sur le rapport du président du Conseil départemental,"),
    "decisions": _l("les décisions de la délibération",
                    _d("une décision", article=_T("« Article 1er » si la collectivité numérote ses articles, sinon vide"),
                       texte=_T("AUTORISE le versement … ;"))),
    "signataire": _d("la signature", formule=_T("Pour le président du Conseil départemental et par délégation, (sur deux lignes)"),
                     qualite=_T("la vice-présidente,"), nom=_T("Mélissa Youssouf")),
    "annexes": _l("les annexes", _d(
        "une annexe", numero=_T("1, 2, …"), titre=_T("ANNEXE 1 AU RAPPORT : …"),
        intitule=_T("le titre de l'annexe seul, tel que saisi"),
        paragraphes=_l("ses paragraphes", _PARAGRAPHE),
        tableaux=_l("ses tableaux", _d(
            "un tableau", titre=_T("titre (peut être vide)"), entetes=_l("en-têtes des colonnes", _T("un en-tête")),
            types=_l("type de chaque colonne", _T("texte, montant…")),
            alignements=_l("alignement de chaque colonne", _T("gauche ou droite")),
            lignes=_l("les lignes", _l("les cellules d'une ligne, mises en forme", _T("une cellule"))),
            totaux=_l("la ligne des totaux (vide sans totaux)", _T("une cellule")))))),
    "vote": _d("le vote", cases=_l("les cases du tableau de vote", _d("une case", libelle=_T("Adopté à l'unanimité :"),
                                                                      valeur=_T("X, un nombre, ou vide"))),
               resultat=_T("unanimité, majorité, rejet, ou vide")),
    "dates": _d("les mentions de date de l'acte", mise_en_ligne=_T("Date de publication du présent acte, le …"),
                notification=_T("Date de notification du présent acte, le …"),
                executoire=_T("Certifie que le présent acte est devenu exécutoire le …")),
    "recours": _T("mention des voies et délais de recours"),
}


def variable_du_champ(champ: Any) -> Variable:
    """The description of a type field as a template variable."""
    if champ.type == "table":
        colonnes = {nom: variable_du_champ(spec) for nom, spec in (champ.colonnes or {}).items()}
        return _l(champ.aide, _d("une ligne", numero=_T("1, 2, …"), **colonnes))
    if champ.type == "paragraphes":
        return _l(champ.aide, _PARAGRAPHE)
    if champ.type == "liste":
        return _l(champ.aide, _T("un élément"))
    return _T(champ.aide)
