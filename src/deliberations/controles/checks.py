"""Consistency checks: pure functions from an item to findings.

Each check returns :class:`~deliberations.erreurs.Finding` objects located at
the file, line and field they concern. :func:`check` runs them all; rendering
refuses an item with an ``erreur``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from deliberations.calcul.references import MOTIF, formater, references, sans_references
from deliberations.calcul.tableaux import tableaux
from deliberations.calcul.valeurs import ValeurInvalide, chercheur, textes, valeurs_nommees
from deliberations.controles.actes import check_actes, check_mentions
from deliberations.controles.champs import check_champs, check_references_non_permises, textes_resolus, une_passe
from deliberations.controles.redaction import check_redaction
from deliberations.controles.dates import check_dates, dates_ecrites  # noqa: F401 (dates_ecrites: public here too)
from deliberations.controles.repartition import base_de, check_repartitions
from deliberations.controles.sommes import _NOMBRE, check_sommes_annoncees, montants_ecrits, sommes_annoncees
from deliberations.controles.totaux import verifier_totaux
from deliberations.controles.votes import check_vote, check_votes_imprimes
from deliberations.entree.origine import origine
from deliberations.erreurs import ErreurEntree, Finding, avertissement, erreur
from deliberations.langue import decimaux, formats, verbes
from deliberations.model.genres import genre
from deliberations.model.objets import Point

#: Longest objet the State's transmission system (ACTES) accepts.
OBJET_MAX = 499

Check = Callable[[Point], Iterable[Finding]]


def check(point: Point, verifications: Sequence[Check] | None = None) -> list[Finding]:
    """Every finding of ``verifications`` (default: every built-in check) for an item, errors first, in file order.

    An item whose annex tables cannot be typed yields those errors only. The
    checks of an item's report type are :meth:`TypeRapport.verifications`
    (:func:`deliberations.check` picks them).
    """
    try:
        tableaux(point)
    except ErreurEntree as exc:
        return exc.findings
    findings: list[Finding] = []
    with une_passe():
        for verification in CHECKS if verifications is None else verifications:
            code = nom_check(verification)
            findings.extend(f if f.code else replace(f, code=code) for f in verification(point))
    return sorted(findings, key=lambda f: (not f.est_erreur, f.lieu.fichier, f.lieu.ligne or 0))


def nom_check(verification: Check) -> str:
    """The name a manifest uses for a check: ``check_restes`` → ``restes``."""
    nom = getattr(verification, "__name__", str(verification))
    return nom[len("check_"):] if nom.startswith("check_") else nom


def _lieu(point: Point, *chemin: str | int):  # type: ignore[no-untyped-def]
    return origine(point).lieu(tuple(chemin))


# --------------------------------------------------------------------------
# Tables


def check_formules(point: Point) -> Iterable[Finding]:
    """Every computed column equals its formula on every row."""
    for annexe in tableaux(point):
        for tableau in annexe:
            for colonne in tableau.tableau.colonnes:
                if not colonne.formule:
                    continue
                for k, ligne in enumerate(tableau.lignes):
                    cellule = ligne[colonne.nom]
                    if cellule.saisie and cellule.calculee is not None and cellule.valeur != cellule.calculee:
                        yield erreur(cellule.lieu, f"{_afficher(cellule.valeur, colonne.type)} écrit, mais "
                                     f"{colonne.formule} = {_afficher(cellule.calculee, colonne.type)} (ligne {k + 1} du tableau)")


def check_totaux(point: Point) -> Iterable[Finding]:
    """Every declared (printed) total equals the sum of its rows."""
    for annexe in tableaux(point):
        for tableau in annexe:
            genres = {c.nom: c.type for c in tableau.tableau.colonnes}
            for nom, (imprime, lieu) in tableau.totaux_imprimes.items():
                calcule = tableau.totaux.get(nom)
                if calcule is not None and imprime != calcule:
                    yield erreur(lieu, f"total imprimé {_afficher(imprime, genres[nom])}, mais la somme des "
                                 f"{formats.nombre(len(tableau.lignes))} lignes fait {_afficher(calcule, genres[nom])}")
            yield from verifier_totaux(point, tableau)
            if not tableau.lignes:
                yield avertissement(tableau.lieu, "tableau sans aucune ligne")


def check_tableaux_exiges(point: Point, exigences: Iterable[Any]) -> Iterable[Finding]:
    """The tables a report type requires are in the annexes; a share table's base is its field.

    ``exigences`` are the manifest's ``tableaux`` (name, required columns,
    ``repartition``, ``base``: the montant field the share table divides).
    """
    calcules = [t for annexe in tableaux(point) for t in annexe]
    for exigence in exigences:
        noms = [c.nom for c in exigence.colonnes]
        candidats = [t for t in calcules if not exigence.repartition or t.tableau.repartition is not None]
        trouves = [t for t in candidats if all(n in {c.nom for c in t.tableau.colonnes} for n in noms)]
        if not trouves:
            if exigence.obligatoire:
                forme = "une répartition (repartition: …)" if exigence.repartition else "un tableau"
                colonnes = f" avec les colonnes {', '.join(noms)}" if noms else ""
                yield erreur(_lieu(point, "annexes"), f"il manque en annexe le tableau « {exigence.nom} » : "
                             f"{forme}{colonnes} (type « {point.type} »)")
            continue
        for tableau in trouves:
            genres = {c.nom: (k, c.type) for k, c in enumerate(tableau.tableau.colonnes)}
            for colonne in exigence.colonnes:
                k, genre = genres[colonne.nom]
                if genre != colonne.type:
                    yield erreur(_lieu(point, *tableau.chemin, "colonnes", k, "type"),
                                 f"la colonne « {colonne.nom} » du tableau « {exigence.nom} » est de type "
                                 f"{colonne.type}, pas {genre}")
            repartition = tableau.tableau.repartition
            if exigence.base and repartition is not None:
                attendu = getattr(point, exigence.base, None)
                try:
                    base = base_de(point, tableau)
                except ValueError:
                    continue  # check_repartitions says why
                if attendu is not None and base != attendu:
                    yield erreur(_lieu(point, *tableau.chemin, "repartition", "base"),
                                 f"la base de la répartition ({formats.montant(base)}) diffère du champ "
                                 f"« {exigence.base} » ({formats.montant(attendu)}) : omettez « base: », elle "
                                 f"vaut alors « {exigence.base} »")


# --------------------------------------------------------------------------
# Prose


def _figures(point: Point) -> set[Decimal]:
    figures: set[Decimal] = set()
    for annexe in tableaux(point):
        for tableau in annexe:
            genres = {c.nom: c.type for c in tableau.tableau.colonnes}
            for ligne in tableau.lignes:
                figures.update(c.valeur for n, c in ligne.items() if genres[n] == "montant" and isinstance(c.valeur, Decimal))
            figures.update(v for v in tableau.totaux.values() if isinstance(v, Decimal))
            figures.update(v for v, _ in tableau.totaux_imprimes.values())
            if tableau.tableau.repartition:
                try:
                    figures.add(base_de(point, tableau))
                except ValueError:
                    pass
    try:
        figures.update(Decimal(t.valeur) for t in valeurs_nommees(point).values()
                       if t.genre == "montant" or (t.genre == "entier" and isinstance(t.valeur, int)))
    except ValueError:
        pass

    for nom, champ in point.champs_type.items():
        valeur = getattr(point, nom, None)
        if champ.type == "montant" and isinstance(valeur, Decimal):
            figures.add(valeur)
    return {formats.arrondir(f) for f in figures}


def check_montants_prose(point: Point) -> Iterable[Finding]:
    """A literal amount in prose that matches no figure of the document."""
    figures = _figures(point)
    for chemin, texte in textes(point):
        brut = sans_references(texte)
        annonces = {ecrit for ecrit, _ in sommes_annoncees(brut)}  # check_sommes_annoncees says more
        for valeur, ecrit in montants_ecrits(brut):
            if formats.arrondir(valeur) not in figures and ecrit not in annonces:
                yield avertissement(_lieu(point, *chemin), f"montant « {ecrit} » écrit en chiffres, qui ne correspond à "
                                    "aucun montant des annexes ni des valeurs nommées (citez-le par ${…})")


_RESTES = [
    (re.compile(r"<%[^%>]*%>"), "champ de fusion non rempli"),
    (re.compile(r"\[\s*[àaÀA]\s+compl[ée]ter\s*\]", re.IGNORECASE), "texte à compléter"),
    (re.compile(r"\[\s*(?:…|\.\.\.|x+|X+|\?+)\s*\]"), "texte à compléter"),
    (re.compile(r"\b(?:xx|XX)/(?:xx|XX)/(?:xxxx|XXXX|20xx|20XX)\b"), "date à compléter"),
    (re.compile(r"«\s*»"), "guillemets vides"),
]
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def reste(texte: str) -> tuple[str, str] | None:
    """The first leftover of an unfilled template in a text: (what it is, as written).

    >>> reste("le [à compléter] du mois")
    ('texte à compléter', '[à compléter]')
    """
    for motif, quoi in _RESTES:
        m = motif.search(texte)
        if m:
            return quoi, m.group(0)
    return None


def check_restes(point: Point) -> Iterable[Finding]:
    """Leftovers of an unfilled template are errors; Jinja-looking text a warning."""
    for chemin, texte in _tous_les_textes(point):
        for motif, quoi in _RESTES:
            m = motif.search(texte)
            if m:
                yield erreur(_lieu(point, *chemin), f"{quoi} : « {m.group(0)} »")
        m = _JINJA.search(texte)
        if m:
            yield avertissement(_lieu(point, *chemin), f"« {m.group(0)} » ressemble à une balise de modèle : "
                                "il sera imprimé tel quel")


def _tous_les_textes(point: Point) -> Iterable[tuple[tuple[str | int, ...], str]]:
    yield from textes(point)
    for champ in ("direction", "service", "numero"):
        valeur = getattr(point, champ)
        if valeur:
            yield (champ,), valeur
    s = point.signataire  # optional in a genre whose acts print no signature
    for champ in ("formule", "qualite", "nom"):
        valeur = getattr(s, champ, None)
        if valeur:
            yield ("signataire", champ), valeur
    for annexe in tableaux(point):
        for tableau in annexe:
            for k, ligne in enumerate(tableau.lignes):
                for nom, cellule in ligne.items():
                    if isinstance(cellule.valeur, str) and cellule.valeur:
                        yield (*tableau.chemin, "lignes", k, nom), cellule.valeur


def check_references(point: Point) -> Iterable[Finding]:
    """Every ``${…}`` reference names an existing value with a usable format."""
    try:
        chercher = chercheur(point)
    except ValeurInvalide as exc:
        yield erreur(_lieu(point, "valeurs", exc.nom), str(exc))
        return
    for lieu, _, texte in textes_resolus(point):
        for contenu in references(texte):
            reference, _, format_ = contenu.partition("|")
            try:
                formater(chercher(reference.strip()), format_.strip() or None)
            except (ValueError, TypeError) as exc:
                yield erreur(lieu, f"${{{contenu}}} : {exc}")
        reste = MOTIF.sub("", texte)
        if "${" in reste:
            yield erreur(lieu, "référence « ${ » non fermée (écrivez $${ pour un « ${ » littéral)")
    yield from check_references_non_permises(point)


def check_verbes(point: Point) -> Iterable[Finding]:
    """Every proposition's verb is known, or both forms are given; given forms are the verb's."""
    for k, proposition in enumerate(point.propositions):
        if proposition.verbe is None:  # a dispositif without a verb: its text is the whole sentence, in both acts
            for champ in ("infinitif", "indicatif"):
                if getattr(proposition, champ):
                    yield erreur(_lieu(point, "propositions", k, champ),
                                 f"forme « {getattr(proposition, champ)} » sans verbe : donnez le verbe (verbe: …) "
                                 "ou retirez-la, pour que le rapport et la délibération disent la même chose")
            continue
        desaccords = verbes.desaccords(proposition.verbe, proposition.infinitif, proposition.indicatif)
        for champ, message in desaccords:
            yield erreur(_lieu(point, "propositions", k, champ), message)
        if desaccords or (proposition.infinitif and proposition.indicatif):
            continue
        try:
            proposition.formes()
        except verbes.VerbeInconnu as exc:
            yield erreur(_lieu(point, "propositions", k, "verbe"), str(exc))


def check_objet(point: Point) -> Iterable[Finding]:
    """Objet: not empty, one line, at most 499 characters (ACTES)."""
    objet = point.objet.strip()
    lieu = _lieu(point, "objet")
    if not objet:
        yield erreur(lieu, "objet vide")
        return
    if "\n" in objet:
        yield avertissement(lieu, "l'objet tient sur une ligne (ACTES refuse les retours à la ligne)")
    if len(objet) > OBJET_MAX:
        yield avertissement(lieu, f"objet de {len(objet)} caractères : ACTES en accepte {OBJET_MAX} au plus")


_NOMBRES_MOTS = ("zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
                 "seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?|milliards?|et")
_MOTS = rf"(?:(?:{_NOMBRES_MOTS})[\s\-\u00a0]+)+"
_EN_LETTRES = rf"(?:{_MOTS}(?:d['’]\s?)?euros?(?:\s+et\s+{_MOTS}centimes?)?|{_MOTS}centimes?)"
_FIGURE = rf"(?:{_NOMBRE})(?:,\d{{1,2}})?[ \u00a0\u202f]?(?:€|euros?\b)"
_LETTRES_PUIS_FIGURE = re.compile(rf"(?<![\w-])({_EN_LETTRES})\s*\(\s*({_FIGURE})\s*\)", re.IGNORECASE)
_FIGURE_PUIS_LETTRES = re.compile(rf"({_FIGURE})\s*\(\s*({_EN_LETTRES})\s*\)", re.IGNORECASE)


def _mots(texte: str) -> str:
    return re.sub(r"[\s\-\u00a0]+", " ", texte.lower().replace("’", "'").replace("d' ", "d'")).strip()


def check_montants_en_lettres(point: Point) -> Iterable[Finding]:
    """An amount written in words next to its figure says the same amount.

    Both « 15 000 € (quinze mille euros) » and « quinze mille euros
    (15 000 €) » are read; the words must be those of
    :func:`formats.montant_en_lettres` (traditional or 1990 spelling).
    """
    for chemin, texte in textes(point):
        brut = sans_references(texte)
        paires = [(m.group(2), m.group(1)) for m in _FIGURE_PUIS_LETTRES.finditer(brut)]
        paires += [(m.group(1), m.group(2)) for m in _LETTRES_PUIS_FIGURE.finditer(brut)]
        for lettres, figure in paires:
            ((valeur, _),) = montants_ecrits(figure)
            if decimaux.trop_grand(valeur):
                yield erreur(_lieu(point, *chemin), f"{figure.strip()} : montant trop grand pour être écrit en lettres "
                             f"(au plus {formats.montant(decimaux.MONTANT_MAX)})")
                continue
            attendus = {_mots(formats.montant_en_lettres(valeur, orthographe=o)) for o in formats.ORTHOGRAPHES}
            if _mots(lettres) not in attendus:
                yield erreur(_lieu(point, *chemin), f"« {lettres.strip()} » ne correspond pas à {figure.strip()} "
                             f"({formats.montant_en_lettres(valeur)})")


_ANNEE_BUDGET = re.compile(r"\b(?:budget|exercice)\s+(?:primitif\s+|supplémentaire\s+)?(\d{4})\b", re.IGNORECASE)


def check_annee_budget(point: Point) -> Iterable[Finding]:
    """The budget year the decisions name is one the exposé speaks of (« budget 2022 » / « 2023 »)."""
    expose = {int(a) for chemin, texte in textes(point) if chemin[0] == "expose"
              for a in _ANNEE_BUDGET.findall(sans_references(texte))}
    if not expose:
        return
    for k, proposition in enumerate(point.propositions):
        annees = {int(a) for a in _ANNEE_BUDGET.findall(sans_references(proposition.texte))}
        if annees and not annees & expose:
            yield avertissement(_lieu(point, "propositions", k, "texte"),
                                f"la décision porte sur le budget {', '.join(map(str, sorted(annees)))}, l'exposé "
                                f"sur le budget {', '.join(map(str, sorted(expose)))}")


def _afficher(valeur: object, nom_genre: str) -> str:
    """A value in a message as it prints: amounts and percentages formatted, whole numbers grouped (1 415 000)."""
    if isinstance(valeur, Decimal) and nom_genre in ("montant", "pourcentage"):
        return genre(nom_genre).afficher(valeur)
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return formats.nombre(valeur)
    if isinstance(valeur, Decimal) and valeur == valeur.to_integral_value():
        return formats.nombre(int(valeur))
    return str(valeur).replace(".", ",") if isinstance(valeur, Decimal) else str(valeur)


CHECKS: list[Check] = [
    check_formules,
    check_totaux,
    check_repartitions,
    check_references,
    check_verbes,
    check_champs,
    check_actes,
    check_mentions,
    check_montants_prose,
    check_sommes_annoncees,
    check_montants_en_lettres,
    check_annee_budget,
    check_restes,
    check_objet,
    check_dates,
    check_vote,
    check_votes_imprimes,
    check_redaction,
]
