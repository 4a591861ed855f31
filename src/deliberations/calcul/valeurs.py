"""Named values, reference resolution for one item, and every text an item prints."""

from __future__ import annotations

import re
from typing import Any

from deliberations.calcul.references import ReferenceInvalide, Typee, typer_valeur
from deliberations.calcul.tableaux import TableauCalcule, tableaux
from deliberations.model.base import Liste
from deliberations.model.genres import GENRES
from deliberations.model.objets import Point, VisaTexte


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
    champs = point.champs_type

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
        if tete in champs and parties[1:] == ["lignes"] and GENRES[champs[tete].type].liste:
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
    for nom, champ in point.champs_type.items():
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
_GENRES_REFERENCABLES = tuple(g.nom for g in GENRES.values() if g.referencable)
