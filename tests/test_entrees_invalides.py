"""A catalogue of bad inputs: every one answered in French, on one line, without a trace.

Each case starts from the reference example (``examples/06-04-clauses-sociales.yaml``
and its collectivité profile), copied to a temporary folder, and breaks it
with one readable edit. ``deliberations check`` must then answer with the
expected exit code (1 for a bad input, 2 for a usage error or a path that
cannot be read) and, for each expected finding, one line

    fichier:ligne: erreur: champ: message

naming the file, the line and the field, in French, with no English text from
PyYAML or pydantic leaking through, no traceback and no file written.

Most cases run ``cli.main`` in this process; a handful run the real command
in a child process. Cases marked ``a_corriger`` are known faults outside the
input layer (strict xfail: they fail loudly once fixed, so the mark can go).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

import deliberations
from deliberations import cli
from deliberations.entree import lecture as source

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
PROFIL = RACINE / "examples" / "collectivites" / "seine-saint-denis.yaml"

# English fragments of PyYAML, pydantic and argparse messages that must never reach a clerk.
ANGLAIS = [
    "Traceback", "Input should", "Field required", "field required", "Extra inputs", "while parsing",
    "while scanning", "found character", "could not", "expected", "not allowed", "Value error",
    "value is not", "Unable to", "is invalid", "Invalid ", "unrecognized", "usage:", "error:", " or ",
    "String should", "List should", "must be", "erreur interne",
]

# fichier:ligne: erreur|avertissement: [champ: ]message
# (no line for what concerns a whole file: missing, a folder, too large)
FORMAT = re.compile(r"^(?P<fichier>.+?)(?::(?P<ligne>\d+))?: (?P<severite>erreur|avertissement): (?P<reste>\S.*)$")

Mutation = Callable[[str], "str | bytes"]


# --------------------------------------------------------------------------
# Readable, YAML-free edits of the example's text


def remplacer(ancien: str, nouveau: str, compte: int = 1) -> Mutation:
    """Replace the first ``compte`` occurrences of ``ancien`` (which must be there)."""

    def muter(texte: str) -> str:
        assert ancien in texte, f"« {ancien} » absent de l'exemple"
        return texte.replace(ancien, nouveau, compte)

    return muter


def supprimer_ligne(repere: str) -> Mutation:
    """Remove the line containing ``repere``."""

    def muter(texte: str) -> str:
        lignes = texte.splitlines(keepends=True)
        index = next(i for i, ligne in enumerate(lignes) if repere in ligne)
        return "".join(lignes[:index] + lignes[index + 1:])

    return muter


def supprimer_cle(cle: str) -> Mutation:
    """Remove a top-level key with its indented block."""

    def muter(texte: str) -> str:
        lignes = texte.splitlines(keepends=True)
        debut = next(i for i, ligne in enumerate(lignes) if ligne.startswith(f"{cle}:"))
        fin = debut + 1
        while fin < len(lignes) and (lignes[fin][:1] in (" ", "\n") or not lignes[fin].strip()):
            fin += 1
        return "".join(lignes[:debut] + lignes[fin:])

    return muter


def inserer_apres(repere: str, ajout: str) -> Mutation:
    """Insert lines after the first line containing ``repere``."""

    def muter(texte: str) -> str:
        lignes = texte.splitlines(keepends=True)
        index = next(i for i, ligne in enumerate(lignes) if repere in ligne)
        return "".join(lignes[: index + 1] + [ajout if ajout.endswith("\n") else ajout + "\n"] + lignes[index + 1:])

    return muter


def ajouter(ajout: str) -> Mutation:
    return lambda texte: texte + ajout


def vers_octets(fonction: Callable[[str], bytes]) -> Mutation:
    """A mutation writing bytes (another encoding, a byte-order mark) rather than UTF-8 text."""
    return fonction


def enchainer(*mutations: Mutation) -> Mutation:
    def muter(texte: str) -> str:
        for mutation in mutations:
            texte = mutation(texte)  # type: ignore[assignment]
        return texte

    return muter


def bombe_alias(niveaux: int = 9) -> str:
    """The "billion laughs": each level repeats the previous one ten times (10**9 values)."""
    lignes = ["  b0: &b0 [rire, rire, rire, rire, rire, rire, rire, rire, rire, rire]"]
    for n in range(1, niveaux):
        lignes.append(f"  b{n}: &b{n} [" + ", ".join([f"*b{n - 1}"] * 10) + "]")
    return "\n".join(lignes)


OBJET_LONG = "objet: " + ("FACILITATION DES CLAUSES SOCIALES " * 16).strip()  # 543 characters


# --------------------------------------------------------------------------
# The catalogue


@dataclass
class Cas:
    """One bad input: how to break the example, and the expected answer.

    ``ligne`` is a line number, or a text whose first line in the broken file
    is the expected one, or None when no line applies. ``fichier`` says which
    file the message names: the item (``point``) or the profile (``profil``).
    """

    id: str
    point: Mutation | None
    code: int
    attendus: tuple[str, ...]
    ligne: int | str | None = None
    champ: str | None = None
    profil: Mutation | None = None
    fichier: str = "point"
    severite: str = "erreur"


def c(id: str, point: Mutation | None, code: int, attendus: str | tuple[str, ...], ligne: int | str | None = None,
      champ: str | None = None, a_corriger: str | None = None, **autres: object) -> object:
    """One case; ``a_corriger`` marks a known fault (strict xfail) and says where it must be fixed."""
    attendus = (attendus,) if isinstance(attendus, str) else attendus
    marques = [pytest.mark.xfail(reason=a_corriger, strict=True)] if a_corriger else []
    return pytest.param(Cas(id, point, code, attendus, ligne, champ, **autres), id=id, marks=marques)  # type: ignore[arg-type]


CATALOGUE = [
    # --- malformed YAML ------------------------------------------------------
    c("yaml-indentation", remplacer("  date: 2023-09-14", "   date: 2023-09-14"), 1,
      ("YAML invalide", "indentation"), "   date: 2023-09-14"),
    c("yaml-indentation-liste", remplacer("  - verbe: approuver\n    texte: l'adh", "  - verbe: approuver\n   texte: l'adh"),
      1, ("YAML invalide", "indentation incorrecte"), "   texte: l'adh"),
    c("yaml-guillemet-non-ferme", remplacer('numero: "06-04"', 'numero: "06-04'), 1,
      ("YAML invalide", "guillemet ouvert ici et non fermé", "jusqu'à la ligne 117"), 'numero: "06-04'),
    c("yaml-guillemet-simple-non-ferme", remplacer("  nom: Mélissa Youssouf", "  nom: 'Mélissa Youssouf"), 1,
      ("YAML invalide", "guillemet ouvert ici et non fermé"), "nom: 'Mélissa"),
    c("yaml-tabulation", remplacer("\n  date: 2023-09-14", "\n\tdate: 2023-09-14"), 1,
      ("YAML invalide", "tabulation"), "\tdate: 2023-09-14"),
    c("yaml-deux-points-dans-le-texte",
      remplacer("service: Service des économies", "service: Service : des économies: nouvelles"), 1,
      ("YAML invalide", "guillemets"), "service: Service"),
    c("yaml-guillemet-jamais-ferme", ajouter('champs: {note: "sans fin}\n'), 1,  # the last line: never closed
      ("YAML invalide", "guillemet", "jamais fermé"), 'note: "sans fin', None),
    c("yaml-texte-sans-deux-points", remplacer("direction: Direction Europe International",
                                               "direction: Direction Europe International\nservice Europe"), 1,
      ("YAML invalide", "« : » attendu"), "service Europe", None),
    c("yaml-caractere-reserve", remplacer("  nom: Mélissa Youssouf", "  nom: @Mélissa Youssouf"), 1,
      ("YAML invalide", "« @ »", "guillemets"), "nom: @M", None),
    c("yaml-deux-documents", ajouter("---\nobjet: autre\n"), 1, ("YAML invalide", "un seul document"), "---", None),
    c("yaml-crochet-non-ferme", remplacer("- {nom: structure, titre: Nom de la structure}",
                                          "- {nom: structure, titre: Nom de la structure"), 1,
      ("YAML invalide", "accolade « { » non fermée"), "titre: Nom de la structure\n"),
    c("yaml-alias-inconnu", remplacer("  nom: Mélissa Youssouf", "  nom: *inconnu"), 1,
      ("YAML invalide", "alias"), "nom: *inconnu"),
    c("yaml-fusion", inserer_apres("signataire:", "  <<: {nom: X}"), 1, "fusion", "<<:"),
    c("yaml-cle-non-texte", inserer_apres("signataire:", "  [a, b]: X"), 1, "clé invalide", "[a, b]: X"),

    # --- wrong types ---------------------------------------------------------
    c("liste-au-lieu-de-texte", remplacer("direction: Direction Europe International",
                                          "direction:\n  - Direction Europe\n  - International"), 1,
      "texte attendu", "direction:", "direction"),
    c("dictionnaire-au-lieu-de-liste", ajouter("considerants:\n  premier: le besoin\n"), 1,
      "liste attendue", "considerants:", "considerants"),
    c("texte-au-lieu-de-liste", remplacer("vote: {}", "vote: {}\nconsiderants: le besoin"), 1,
      "liste attendue", "considerants:", "considerants"),
    c("texte-au-lieu-de-dictionnaire", remplacer("vote: {}", "vote: à main levée"), 1,
      "dictionnaire attendu", "vote:", "vote"),
    c("texte-au-lieu-de-nombre", remplacer("vote: {}", "vote: {membres: quarante}"), 1,
      ("nombre entier attendu", "quarante"), "vote:", "vote.membres"),
    c("vote-beaucoup", remplacer("vote: {}", "vote:\n  pour: beaucoup\n  resultat: majorité"), 1,
      ("nombre entier attendu", "beaucoup"), "pour: beaucoup", "vote.pour"),
    c("vote-negatif", remplacer("vote: {}", "vote:\n  contre: -3"), 1,
      ("négatif", "-3"), "contre: -3", "vote.contre"),
    c("resultat-inconnu", remplacer("vote: {}", "vote:\n  resultat: unanime"), 1,
      ("valeur non reconnue", "unanime", "unanimité", "majorité", "rejet"), "resultat: unanime", "vote.resultat"),
    c("date-en-liste", remplacer("  date: 2023-09-14", "  date: [2023, 9, 14]"), 1,
      "date", "date: [2023", "seance.date"),
    c("seance-en-texte", remplacer("seance:\n  instance: commission permanente\n  date: 2023-09-14",
                                   "seance: commission permanente du 14 septembre 2023"), 1,
      "dictionnaire attendu", "seance:", "seance"),
    c("objet-vide", remplacer("objet: >-", "objet:\nobjet_ancien: >-"), 1,
      "valeur vide", "objet:", "objet"),
    c("booleen-illisible", None, 1, ("oui ou non attendu", "peut-être"), "articles: peut-être", "collectivite.articles",
      profil=ajouter("articles: peut-être\n"), fichier="profil"),
    c("nature-de-visa-inconnue", remplacer("  - nature: loi\n    numero: 98-657", "  - nature: lois\n    numero: 98-657"),
      1, ("valeur non reconnue", "lois", "décret"), "nature: lois", "visas[3].nature"),
    c("type-de-colonne-inconnu", remplacer("type: montant}", "type: monnaie}"), 1,
      ("valeur non reconnue", "monnaie", "montant"), "type: monnaie}", "annexes[1].tableaux[1].colonnes[2].type"),
    c("colonne-en-double", remplacer("{nom: solde, titre: Plafond", "{nom: acompte, titre: Plafond"), 1,
      ("colonne", "acompte", "en double"), None, "annexes[1].tableaux[1]"),

    # --- missing required fields ---------------------------------------------
    c("sans-objet", supprimer_cle("objet"), 1, ("champ obligatoire manquant",), "type: rapport", "objet"),
    c("sans-numero", supprimer_cle("numero"), 1, ("champ obligatoire manquant",), "type: rapport", "numero"),
    c("sans-seance", supprimer_cle("seance"), 1, ("champ obligatoire manquant",), "type: rapport", "seance"),
    c("sans-date-de-seance", supprimer_ligne("  date: 2023-09-14"), 1, ("champ obligatoire manquant",),
      "seance:", "seance.date"),
    c("sans-propositions", supprimer_cle("propositions"), 1, ("champ obligatoire manquant",), "type: rapport", "propositions"),
    c("sans-nom-de-signataire", supprimer_ligne("  nom: Mélissa Youssouf"), 1, ("champ obligatoire manquant",),
      "signataire:", "signataire.nom"),
    c("sans-collectivite", supprimer_cle("collectivite"), 1, ("champ obligatoire manquant",), "type: rapport", "collectivite"),
    c("sans-texte-de-proposition", supprimer_ligne("texte: l'adhésion au réseau"), 1,
      ("champ obligatoire manquant",), "  - verbe: approuver\n\nsignataire", "propositions[4].texte"),

    # --- unknown and misspelt keys -------------------------------------------
    c("cle-objett", remplacer("objet: >-", "objett: >-"), 1,
      ("clé inconnue « objett »", "vouliez-vous dire « objet »"), "objett:", "objett"),
    c("cle-propositons", remplacer("propositions:", "propositons:"), 1,
      ("clé inconnue « propositons »", "vouliez-vous dire « propositions »"), "propositons:", "propositons"),
    c("cle-signataire-nomm", remplacer("  nom: Mélissa Youssouf", "  nomm: Mélissa Youssouf"), 1,
      ("clé inconnue « nomm »", "vouliez-vous dire « nom »"), "nomm:", "signataire.nomm"),
    c("cle-seance-dat", remplacer("  date: 2023-09-14", "  dat: 2023-09-14"), 1,
      ("clé inconnue « dat »", "vouliez-vous dire « date »"), "dat: 2023-09-14", "seance.dat"),
    c("cle-de-visa-tittre", remplacer("    titre: d'orientation", "    tittre: d'orientation"), 1,
      ("clé inconnue « tittre »", "vouliez-vous dire « titre »"), "tittre:", "visas[3].tittre"),
    c("cle-de-colonne-titr", remplacer("{nom: structure, titre: Nom", "{nom: structure, titr: Nom"), 1,
      ("clé inconnue « titr »", "vouliez-vous dire « titre »"), "titr: Nom", "annexes[1].tableaux[1].colonnes[1].titr"),
    c("cle-avec-majuscule", remplacer("objet: >-", "Objet: >-"), 1,
      ("clé inconnue « Objet »", "vouliez-vous dire « objet »"), "Objet:", "Objet"),
    c("cle-de-visa-avec-majuscule", remplacer("    titre: d'orientation", "    Titre: d'orientation"), 1,
      ("clé inconnue « Titre »", "vouliez-vous dire « titre »"), "Titre:", "visas[3].Titre"),
    c("cle-avec-crochet", remplacer("signataire:", "signat[aire:"), 1,
      ("clé inconnue « signat[aire »", "vouliez-vous dire « signataire »"), "signat[aire:", "signat[aire"),
    c("cle-totalement-inconnue", remplacer("vote: {}", "vote: {}\nbudget_annuel: 2023"), 1,
      ("clé inconnue « budget_annuel »", "clés possibles", "objet"), "budget_annuel:", "budget_annuel"),

    # --- duplicate keys ------------------------------------------------------
    c("cle-en-double", inserer_apres("direction: Direction", 'numero: "06-05"'), 1,
      ("clé « numero » en double", "déjà à la ligne 5"), 'numero: "06-05"', "numero"),
    c("cle-en-double-imbriquee", inserer_apres("  date: 2023-09-14", "  date: 2023-09-15"), 1,
      ("clé « date » en double", "déjà à la ligne 8"), "2023-09-15", "seance.date"),

    # --- amounts ----------------------------------------------------------------
    c("montant-trois-decimales", remplacer('"15 000,00 €", "30', '"15 000,005 €", "30'), 1,
      ("plus de deux décimales", "15 000,005 €"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].solde"),
    # Named values are typed by the checks, which name the ``valeurs:`` line (see the report).
    c("montant-negatif", remplacer("cotisation: 15 000 €", "cotisation: -15 000 €"), 1,
      ("valeurs.cotisation", "montant négatif", "-15 000 €"), "cotisation: -15", "valeurs.cotisation"),
    c("montant-negatif-dans-une-repartition", enchainer(
        remplacer("          total: \"360 000,00 €\"", "          total: \"360 000,00 €\"\n        repartition: {base: \"-5 €\", part: acompte, montant: solde}")),
      1, ("montant négatif", "-5 €"), "repartition: {base", "annexes[1].tableaux[1].repartition.base"),
    c("montant-en-lettres", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "quinze mille"'), 1,
      ("montant illisible", "quinze mille"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
    c("montant-ambigu", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15.000"'), 1,
      ("montant ambigu", "15.000"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
    c("montant-ambigu-en-euros", remplacer("plafond: 15 000 €", "plafond: 15.000 €"), 1,
      ("valeurs.plafond", "montant ambigu", "15.000 €", "15000 €", "15,00 €"), "plafond: 15.000", "valeurs.plafond"),
    c("montant-sur-deux-lignes", remplacer('acompte: "180 000,00 €"', 'acompte: |\n            180 000,00\n            €'), 1,
      ("montant illisible", "180 000,00 ⏎ €"), "acompte: |", "annexes[1].tableaux[1].totaux.acompte"),
    c("montant-en-dollars", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15 000,00 $"'), 1,
      ("montant illisible", "15 000,00 $"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
    c("montant-virgule-hors-guillemets", remplacer('[Ville de Pantin, "15 000,00 €"', "[Ville de Pantin, 15 000,00 €"),
      1, ("5 valeurs pour 4 colonnes", "guillemets"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1]"),

    # --- dates ---------------------------------------------------------------------
    c("date-30-fevrier", remplacer("  date: 2023-09-14", "  date: 2023-02-30"), 1,
      ("date impossible", "2023-02-30"), "2023-02-30", "seance.date"),
    c("date-31-avril", remplacer("  date: 2023-09-14", "  date: 31/04/2023"), 1,
      ("date impossible", "31/04/2023"), "31/04/2023", "seance.date"),
    c("date-mois-13", remplacer("  date: 2023-09-14", "  date: 2023-13-01"), 1,
      ("date impossible", "2023-13-01"), "2023-13-01", "seance.date"),
    c("date-illisible", remplacer("  date: 2023-09-14", "  date: 14 septembre 2023"), 1,
      ("date illisible", "14 septembre 2023", "2023-09-14"), "date: 14 septembre", "seance.date"),
    c("publication-avant-la-seance", remplacer("dates: {}", "dates:\n  publication: 2023-09-01"), 1,
      ("publication", "avant la séance"), "publication: 2023-09-01", "dates.publication"),
    c("visa-apres-la-seance", remplacer("    date: 2022-09-30", "    date: 2023-10-30"), 1,
      ("visa daté", "après la séance"), "    date: 2023-10-30", "visas[9].date"),
    c("date-impossible-en-prose", remplacer("Le présent rapport vise", "Le 31 juin 2023, le présent rapport vise"), 1,
      ("date impossible", "31 juin 2023"), "31 juin 2023", "expose[1].paragraphes[2]"),

    # --- encodings and odd files ------------------------------------------------
    c("windows-1252", vers_octets(lambda t: t.encode("cp1252")), 1,
      ("pas en UTF-8", "Windows-1252"), "(Seine-Saint-Denis)", None),
    c("latin-1", vers_octets(lambda t: t.encode("latin-1", errors="replace")), 1,
      ("pas en UTF-8", "Latin-1"), "(Seine-Saint-Denis)", None),
    c("utf-16", vers_octets(lambda t: t.encode("utf-16")), 1, ("pas en UTF-8", "UTF-16"), 1, None),
    c("fichier-vide", lambda t: "", 1, "fichier vide", 1, None),
    c("seulement-un-commentaire", lambda t: "# rien à voir ici\n", 1, "fichier vide", 1, None),
    c("liste-au-premier-niveau", lambda t: "- objet: X\n- numero: 1\n", 1, ("des clés", "pas une liste"), 1, None),
    c("texte-au-premier-niveau", lambda t: "bonjour\n", 1, "des clés", 1, None),
    c("trop-volumineux", lambda t: t + "#" * (source.TAILLE_MAX + 1) + "\n", 1,
      ("trop volumineux", f"{source.TAILLE_MAX // 1024} Kio"), None, None),

    # --- leftovers, control characters -------------------------------------------
    c("reste-champ-de-fusion", remplacer("objet: >-\n  FACILITATION", "objet: >-\n  <%numcx%> FACILITATION"), 1,
      ("champ de fusion non rempli", "<%numcx%>"), "objet:", "objet"),
    c("reste-a-completer", remplacer("Le présent rapport vise", "Le présent rapport [à compléter] vise"), 1,
      ("à compléter", "[à compléter]"), "[à compléter]", "expose[1].paragraphes[2]"),
    c("reste-A-COMPLETER-dans-un-visa", remplacer("  - le Code de l'action sociale et des familles",
                                                  "  - le Code [A COMPLETER] de l'action sociale et des familles"), 1,
      ("à compléter", "[A COMPLETER]"), "[A COMPLETER]", "visas[1]"),
    c("controle-x01", remplacer("direction: Direction Europe", "direction: Direction\x01 Europe"), 1,
      ("caractère de contrôle", "U+0001"), "direction: Direction", "direction"),
    c("controle-x01-dans-un-paragraphe", remplacer("Le présent rapport vise", "Le présent\x01 rapport vise"), 1,
      ("caractère de contrôle", "U+0001"), "Le présent", "expose[1].paragraphes[2]"),
    c("controle-c1-x96", remplacer("direction: Direction Europe", "direction: Direction\x96 Europe"), 1,
      ("caractère interdit", "U+0096"), "direction: Direction", None),
    c("date-vide", remplacer("  date: 2023-09-14", "  date:"), 1, "date vide", "  date:", "seance.date"),
    c("caractere-nul-echappe", remplacer("collectivites/seine-saint-denis.yaml", '"\\u0000"'), 1,
      ("profil de collectivité introuvable", "<U+0000>"), "collectivite:", "collectivite"),
    c("valeur-sur-deux-lignes", remplacer("  - nature: loi\n    numero: 98-657", '  - nature: "lo\\ni"\n    numero: 98-657'),
      1, ("valeur non reconnue", "« lo ⏎ i »"), 'nature: "lo', "visas[3].nature"),
    c("controle-x01-dans-une-cellule", remplacer("[Ville de Pantin,", "[Ville de\x01 Pantin,"), 1,
      ("caractère de contrôle", "U+0001"), "Ville de\x01 Pantin", "annexes[1].tableaux[1].lignes[1].structure"),

    # --- collectivité profile ------------------------------------------------------
    c("profil-introuvable", remplacer("collectivites/seine-saint-denis.yaml", "collectivites/seine-st-denis.yaml"), 1,
      ("profil de collectivité introuvable", "seine-st-denis.yaml"), "collectivite:", "collectivite"),
    c("profil-cle-inconnue", None, 1, ("clé inconnue « tribunal »", "vouliez-vous dire « tribunal_administratif »"),
      "tribunal: Montreuil", "collectivite.tribunal",
      profil=remplacer("tribunal_administratif: Montreuil", "tribunal_administratif: Montreuil\ntribunal: Montreuil"),
      fichier="profil"),
    c("profil-yaml-invalide", None, 1, ("YAML invalide", "tabulation"), "\ttitre", None,
      profil=remplacer("  titre: président", "\ttitre: président"), fichier="profil"),
    c("profil-sans-nom", None, 1, "champ obligatoire manquant", "assemblee:", "collectivite.nom",
      profil=supprimer_ligne("nom: Département"), fichier="profil"),
    c("profil-genre-inconnu", None, 1, ("valeur non reconnue", "masculine", "féminin"), "genre:",
      "collectivite.president.genre", profil=remplacer("genre: masculin", "genre: masculine"), fichier="profil"),
    c("profil-en-liste", None, 1, "le profil doit contenir des clés", 1, None,
      profil=lambda t: "- nom: X\n", fichier="profil"),
    c("profil-cle-en-double", None, 1, ("clé « nom » en double", "déjà à la ligne 2"), "nom: Autre", "nom",
      profil=ajouter("nom: Autre\n"), fichier="profil"),

    # --- verbs, references ----------------------------------------------------------
    c("verbe-inconnu", remplacer("  - verbe: approuver\n    texte: l'adh", "  - verbe: bidouiller\n    texte: l'adh"), 1,
      "bidouiller", "verbe: bidouiller", "propositions[4].verbe"),
    c("reference-valeur-inconnue", remplacer("${valeurs.cotisation | euros}", "${valeurs.inconnue | euros}"), 1,
      ("valeurs.inconnue", "valeur nommée inconnue", "plafond"), "texte: >-\n      le paiement", "propositions[3].texte"),
    c("reference-annexe-inexistante", remplacer("${annexe1.lignes}", "${annexe9.lignes}"), 1,
      ("annexe9.lignes", "annexe 9 inexistante"), "- >-\n        Les conventions de coop", "expose[1].paragraphes[5]"),
    c("reference-non-fermee", remplacer("${annexe1.lignes}", "${annexe1.lignes"), 1,
      ("non fermée",), "- >-\n        Les conventions de coop", "expose[1].paragraphes[5]"),
    c("reference-format-inconnu", remplacer("${valeurs.cotisation | euros}", "${valeurs.cotisation | dollars}"), 1,
      ("format inconnu", "dollars"), "texte: >-\n      le paiement", "propositions[3].texte"),

    # --- annex tables -----------------------------------------------------------------
    c("ligne-trop-longue", remplacer('[Ville de Bagnolet, "15 000,00 €"', '[Ville de Bagnolet, "1 €", "15 000,00 €"'), 1,
      "5 valeurs pour 4 colonnes", "Ville de Bagnolet", "annexes[1].tableaux[1].lignes[2]"),
    c("formule-colonne-inconnue", remplacer("formule: acompte + solde", "formule: acompte + soldes"), 1,
      ("colonne inconnue « soldes »", "acompte + soldes"), "formule: acompte + soldes",
      "annexes[1].tableaux[1].colonnes[4].formule"),
    c("formule-illisible", remplacer("formule: acompte + solde", "formule: acompte +"), 1,
      "formule illisible", "formule: acompte +", "annexes[1].tableaux[1].colonnes[4].formule"),
    c("colonne-calculee-fausse", remplacer('"15 000,00 €", "30 000,00 €"]', '"15 000,00 €", "31 000,00 €"]'), 1,
      ("écrit, mais", "acompte + solde"), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].total"),
    c("total-imprime-faux", remplacer('total: "360 000,00 €"', 'total: "361 000,00 €"'), 1,
      ("total imprimé", "somme des 12 lignes"), 'total: "361 000', "annexes[1].tableaux[1].totaux.total"),
    c("total-colonne-inconnue", remplacer('total: "360 000,00 €"', 'totl: "360 000,00 €"'), 1,
      ("colonne inconnue « totl »",), 'totl: "360', "annexes[1].tableaux[1].totaux.totl"),
    c("tableau-source-introuvable", lambda t: re.sub(r"        lignes:\n(          - \[.*\n)+", "        source: structures.csv\n", t), 1,
      ("fichier de tableau introuvable", "structures.csv"), "source: structures.csv", "annexes[1].tableaux[1].source"),
    c("tableau-lignes-et-source", remplacer("        lignes:\n", "        source: point.yaml\n        lignes:\n"), 1,
      "soit des lignes, soit une source", "source: point.yaml", "annexes[1].tableaux[1].source"),
    c("cellule-colonne-inconnue", inserer_apres("[Ville du Blanc-Mesnil,",
                                                "          - {structure: Ville de Sevran, acompte: 1, soldes: 1}"), 1,
      ("colonne inconnue « soldes »", "vouliez-vous dire « solde » ?"), "soldes: 1",
      "annexes[1].tableaux[1].lignes[13].soldes"),

    # --- objet, vote ---------------------------------------------------------------------
    c("unanimite-avec-voix-contre", remplacer("vote: {}", "vote:\n  pour: 30\n  contre: 2\n  resultat: unanimité"), 1,
      ("unanimité", "2 voix contre"), "resultat: unanimité", "vote.resultat"),
    c("plus-de-voix-que-de-membres", remplacer("vote: {}", "vote:\n  membres: 20\n  pour: 30\n  resultat: majorité"), 1,
      ("30 voix", "20 membres"), "vote:", "vote"),
    c("adopte-sans-majorite", remplacer("vote: {}", "vote:\n  pour: 10\n  contre: 20\n  resultat: majorité"), 1,
      ("adopté avec 10 voix pour", "20 contre"), "resultat: majorité", "vote.resultat"),
    c("rejet-avec-majorite-pour", remplacer("vote: {}", "vote:\n  pour: 30\n  contre: 2\n  resultat: rejet"), 1,
      ("rejeté", "30 voix pour"), "resultat: rejet", "vote.resultat"),

    # --- formerly known faults (fixed: a named value's own line, one-line messages, empty propositions) ---
    c("valeur-nommee-a-sa-ligne", remplacer("cotisation: 15 000 €", "cotisation: -15 000 €"), 1,
      ("montant négatif", "-15 000 €"), "cotisation: -15", "valeurs.cotisation",),
    c("message-sur-une-seule-ligne", remplacer("      - >-\n        Les conventions de coop",
                                               "      - |-\n        <%num\n        cx%>\n        Les conventions de coop"), 1,
      ("champ de fusion non rempli", "<%num"), "- |-\n        <%num", "expose[1].paragraphes[5]",),
    c("propositions-vides", lambda t: re.sub(r"propositions:\n(  .*\n|\n)*?(?=signataire:)", "propositions: []\n\n", t), 1,
      "liste vide", "propositions: []", "propositions",),

    # --- alias bomb ---------------------------------------------------------------------
    c("bombe-alias", inserer_apres("valeurs:", bombe_alias()), 1, ("structure trop grande", "alias"), "  b5: &b5", None),
    c("alias-recursif", inserer_apres("valeurs:", "  boucle: &boucle [x, *boucle]"), 1,
      ("alias repris à l'intérieur de sa propre valeur",), "boucle: &boucle", None),
    c("imbrication-profonde", inserer_apres("valeurs:", "  a: " + "[" * 3000 + "]" * 3000), 1,
      "structure trop profonde", "  a: [[[", None),
    c("imbrication-profonde-en-blocs", inserer_apres("valeurs:", "  a:\n" + "".join("  " * (i + 1) + "-\n" for i in range(150))), 1,
      "structure trop profonde", 117, None),
]

# Accepted inputs: exit 0, possibly with an avertissement.
ACCEPTES = [
    pytest.param(None, (), id="exemple-tel-quel"),
    pytest.param(vers_octets(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")), (), id="marque-d-ordre-des-octets"),
    pytest.param(remplacer("Le présent rapport vise", "Le présent\x0brapport vise"), (), id="controle-x0b-saut-de-ligne"),
    pytest.param(enchainer(supprimer_cle("objet"), ajouter(OBJET_LONG + "\n")),
                 ("avertissement: objet: objet de 543 caractères", "499"), id="objet-de-543-caracteres"),
    pytest.param(enchainer(remplacer("plafond: 15 000 €", "plafond: &plafond 15 000 €"),
                           remplacer("cotisation: 15 000 €", "cotisation: *plafond")), (), id="petit-alias-permis"),
]


# --------------------------------------------------------------------------
# Running the command


@dataclass
class Dossier:
    """A temporary copy of the example, broken by one case."""

    racine: Path
    point: Path
    profil: Path
    textes: dict[str, str | bytes] = field(default_factory=dict)

    def etat(self) -> dict[str, str]:
        """Every file under the folder with a digest of its content."""
        return {str(p.relative_to(self.racine)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
                for p in sorted(self.racine.rglob("*"))}


def preparer(tmp_path: Path, cas: Cas | None = None, point: Mutation | None = None) -> Dossier:
    (tmp_path / "collectivites").mkdir()
    dossier = Dossier(tmp_path, tmp_path / "point.yaml", tmp_path / "collectivites" / "seine-saint-denis.yaml")
    mutations = {"point": (dossier.point, EXEMPLE, point or (cas.point if cas else None)),
                 "profil": (dossier.profil, PROFIL, cas.profil if cas else None)}
    for nom, (cible, modele, mutation) in mutations.items():
        texte: str | bytes = modele.read_text(encoding="utf-8")
        if mutation is not None:
            texte = mutation(texte)  # type: ignore[arg-type]
        if isinstance(texte, bytes):
            cible.write_bytes(texte)
        else:
            cible.write_text(texte, encoding="utf-8", newline="\n")
        dossier.textes[nom] = texte
    return dossier


def executer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``deliberations ARGV`` in this process: exit code, stdout, stderr."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def executer_processus(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """``python -m deliberations.cli ARGV`` in a child process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    fini = subprocess.run([sys.executable, "-m", "deliberations.cli", *argv], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=60)
    return fini.returncode, fini.stdout, fini.stderr


def ligne_attendue(texte: str | bytes, ligne: int | str | None) -> int | None:
    if ligne is None or isinstance(ligne, int):
        return ligne
    if isinstance(texte, bytes):
        texte = texte.decode("utf-8", errors="replace") if not texte.startswith(codecs.BOM_UTF16_LE) else texte.decode("utf-16")
    debut = texte.find(ligne)
    assert debut >= 0, f"repère « {ligne!r} » absent du fichier"
    return texte.count("\n", 0, debut) + 1


def sans_anglais(*textes: str, chemin: Path | None = None) -> None:
    for texte in textes:
        if chemin is not None:
            texte = texte.replace(str(chemin), "<chemin>")
        for fragment in ANGLAIS:
            assert fragment not in texte, f"« {fragment} » dans la sortie :\n{texte}"


def verifier_lignes(sortie: str) -> list[re.Match[str]]:
    """Every line printed is one finding in the expected form."""
    trouves = []
    for ligne in sortie.splitlines():
        m = FORMAT.match(ligne)
        assert m, f"ligne hors format : {ligne!r}"
        trouves.append(m)
    return trouves


def verifier_cas(cas: Cas, dossier: Dossier, code: int, sortie: str, erreurs: str) -> None:
    sans_anglais(sortie, erreurs, chemin=dossier.racine)
    assert code == cas.code, f"code {code}, attendu {cas.code}\n{sortie}{erreurs}"
    findings = verifier_lignes(sortie)
    assert findings, f"aucun message\n{erreurs}"
    fichier = dossier.point if cas.fichier == "point" else dossier.profil
    candidats = [m for m in findings if all(a in m.group(0) for a in cas.attendus)]
    assert candidats, f"aucun message ne contient {cas.attendus} :\n{sortie}"
    m = candidats[0]
    nom = str(fichier) if cas.fichier == "point" else str(fichier.resolve())
    assert m.group("fichier") == nom, m.group(0)
    assert m.group("severite") == cas.severite, m.group(0)
    attendue = ligne_attendue(dossier.textes[cas.fichier], cas.ligne)
    if attendue is not None:
        assert int(m.group("ligne")) == attendue, f"ligne {m.group('ligne')}, attendue {attendue} : {m.group(0)}"
    if cas.champ is not None:
        assert m.group("reste").startswith(f"{cas.champ}: "), f"champ {cas.champ!r} attendu : {m.group(0)}"


# --------------------------------------------------------------------------
# Tests


def test_le_catalogue_est_complet() -> None:
    assert len([p for p in CATALOGUE if not p.marks]) + len(ACCEPTES) >= 60
    assert len({p.id for p in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("cas", CATALOGUE)
def test_entree_invalide(cas: Cas, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    debut = time.perf_counter()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    assert time.perf_counter() - debut < 2, "trop lent"
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert dossier.etat() == avant, "un fichier a été écrit"


@pytest.mark.parametrize("mutation, attendus", [p.values for p in ACCEPTES], ids=[p.id for p in ACCEPTES])
def test_entree_acceptee(mutation: Mutation | None, attendus: tuple[str, ...], tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    dossier = preparer(tmp_path, point=mutation)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0, sortie + erreurs
    verifier_lignes(sortie)
    for attendu in attendus:
        assert attendu in sortie


def test_saut_de_ligne_word_devient_un_retour_a_la_ligne(tmp_path: Path) -> None:
    dossier = preparer(tmp_path, point=remplacer("Le présent rapport vise", "Le présent\x0brapport vise"))
    point = deliberations.load(dossier.point)
    assert point.expose[0].paragraphes[1].startswith("Le présent\nrapport vise")


# --- paths and usage -----------------------------------------------------------


def test_dossier_au_lieu_d_un_fichier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, erreurs = executer(["check", str(tmp_path)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 2
    assert sortie.strip() == f"{tmp_path}: erreur: c'est un dossier, pas un fichier"


def test_chemin_introuvable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absent = tmp_path / "absent.yaml"
    code, sortie, erreurs = executer(["check", str(absent)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 2
    assert sortie.strip() == f"{absent}: erreur: fichier introuvable"
    assert list(tmp_path.iterdir()) == []


def test_fichier_illisible(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path)
    if os.geteuid() == 0:  # root reads every file: simulate the refusal of the file system
        lire = Path.read_bytes

        def refuser(chemin: Path) -> bytes:
            if chemin == dossier.point:
                raise PermissionError(13, "Permission non accordée", str(chemin))
            return lire(chemin)

        monkeypatch.setattr(Path, "read_bytes", refuser)
    else:
        dossier.point.chmod(0)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 2
    assert sortie.startswith(f"{dossier.point}: erreur: lecture impossible")


def test_le_pire_code_l_emporte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several files: each is reported; a missing one gives 2 even after a bad one."""
    dossier = preparer(tmp_path, point=remplacer("objet: >-", "objett: >-"))
    code, sortie, erreurs = executer(["check", str(dossier.point), str(tmp_path / "absent.yaml")], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 2
    assert "objett" in sortie and "fichier introuvable" in sortie
    verifier_lignes(sortie)


@pytest.mark.parametrize("argv, attendu", [
    pytest.param([], "COMMANDE", id="sans-argument"),
    pytest.param(["verifier", "x.yaml"], "choix invalide", id="sous-commande-inconnue"),
    pytest.param(["check"], "arguments obligatoires manquants", id="check-sans-fichier"),
    pytest.param(["check", "--frobnicate", "x.yaml"], "arguments non reconnus", id="option-inconnue"),
])
def test_erreur_d_usage(argv: list[str], attendu: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, sortie, erreurs = executer(argv, capsys)
    assert code == 2
    assert attendu in sortie + erreurs
    assert "Traceback" not in sortie + erreurs
    for fragment in ("invalid choice", "unrecognized arguments", "the following arguments", "error:"):
        assert fragment not in sortie + erreurs
    assert list(tmp_path.iterdir()) == []


# --- real processes: no traceback, whatever the input ------------------------------


PROCESSUS = ["yaml-tabulation", "windows-1252", "bombe-alias", "cle-objett", "controle-x01", "profil-cle-inconnue",
             "trop-volumineux"]


@pytest.mark.parametrize("nom", PROCESSUS)
def test_processus(nom: str, tmp_path: Path) -> None:
    cas = next(p.values[0] for p in CATALOGUE if p.id == nom)
    dossier = preparer(tmp_path, cas)
    avant = dossier.etat()
    code, sortie, erreurs = executer_processus(["check", str(dossier.point)], tmp_path)
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert dossier.etat() == avant


@pytest.mark.parametrize("argv, code_attendu", [
    pytest.param(["check", "absent.yaml"], 2, id="absent"),
    pytest.param(["check", "."], 2, id="dossier"),
    pytest.param(["nimporte"], 2, id="usage"),
])
def test_processus_chemins_et_usage(argv: list[str], code_attendu: int, tmp_path: Path) -> None:
    code, sortie, erreurs = executer_processus(argv, tmp_path)
    assert code == code_attendu
    assert "Traceback" not in sortie + erreurs
    assert list(tmp_path.iterdir()) == []


def test_bombe_alias_refusee_vite(tmp_path: Path) -> None:
    dossier = preparer(tmp_path, point=inserer_apres("valeurs:", bombe_alias(12)))
    debut = time.perf_counter()
    with pytest.raises(deliberations.ErreurEntree) as exc:
        deliberations.load(dossier.point)
    assert time.perf_counter() - debut < 2
    assert "structure trop grande" in exc.value.findings[0].message


# --- any odd character anywhere: an answer in French, never a crash ------------------------


SPECIAUX = ["\t", ":", ": ", "- ", "'", '"', "{", "}", "[", "]", "#", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?",
            "\\", "${", "<%", "\x00", "\x01", "\x0b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\udc80"]
ENDROITS = ["numero: ", "\n  nom: ", "{nom: structure", "plafond: ", "\n      - >-\n        Dans"]


@pytest.mark.parametrize("caractere", SPECIAUX, ids=[f"U+{ord(c[0]):04X}" + (f"-{c[1:]}" if len(c) > 1 else "") for c in SPECIAUX])
def test_caractere_quelconque(caractere: str, tmp_path: Path) -> None:
    """Inserted at a few chosen places, a character is accepted or refused in one French line."""
    texte = EXEMPLE.read_text(encoding="utf-8")
    (tmp_path / "collectivites").mkdir()
    shutil.copy(PROFIL, tmp_path / "collectivites")
    for k, endroit in enumerate(ENDROITS):
        assert endroit in texte
        chemin = tmp_path / f"point{k}.yaml"
        chemin.write_bytes(texte.replace(endroit, endroit + caractere, 1).encode("utf-8", errors="surrogatepass"))
        try:
            findings = deliberations.check(deliberations.load(chemin))
        except deliberations.ErreurEntree as exc:
            findings = exc.findings
            assert findings and any(f.est_erreur for f in findings)
        sortie = "\n".join(str(f) for f in findings)
        sans_anglais(sortie, chemin=tmp_path)
        lignes = verifier_lignes(sortie)
        assert len(lignes) == len(findings), sortie


# --- the Python API answers the same ----------------------------------------------------


@pytest.mark.parametrize("nom", ["cle-objett", "yaml-tabulation", "windows-1252", "cle-en-double",
                                 "montant-en-lettres", "profil-cle-inconnue", "sans-objet", "controle-x01"])
def test_api_load(nom: str, tmp_path: Path) -> None:
    cas = next(p.values[0] for p in CATALOGUE if p.id == nom)
    dossier = preparer(tmp_path, cas)
    with pytest.raises(deliberations.ErreurEntree) as exc:
        deliberations.load(dossier.point)
    findings = exc.value.findings
    assert findings and all(isinstance(f, deliberations.Finding) for f in findings)
    assert all(f.est_erreur for f in findings)
    texte = [str(f) for f in findings]
    assert any(all(a in t for a in cas.attendus) for t in texte), texte
    sans_anglais(str(exc.value))
    trouve = next(f for f in findings if all(a in str(f) for a in cas.attendus))
    attendue = ligne_attendue(dossier.textes[cas.fichier], cas.ligne)
    if attendue is not None:
        assert trouve.lieu.ligne == attendue
    if cas.champ is not None:
        assert trouve.lieu.champ == cas.champ


@pytest.mark.parametrize("nom", ["verbe-inconnu", "total-imprime-faux", "publication-avant-la-seance"])
def test_api_check(nom: str, tmp_path: Path) -> None:
    """Errors found after loading come from ``check``, not from ``load``."""
    cas = next(p.values[0] for p in CATALOGUE if p.id == nom)
    dossier = preparer(tmp_path, cas)
    point = deliberations.load(dossier.point)
    erreurs = [f for f in deliberations.check(point) if f.est_erreur]
    assert any(all(a in str(f) for a in cas.attendus) for f in erreurs), erreurs


def test_api_chemin_introuvable(tmp_path: Path) -> None:
    with pytest.raises(deliberations.ErreurEntree) as exc:
        deliberations.load(tmp_path / "absent.yaml")
    assert exc.value.findings[0].message == "fichier introuvable"
