"""Nothing typed is lost: every field of an item is printed, checked or refused at its field.

Three families (issue 11):

- fields accepted and never printed: a marker value put in any field of the
  model either appears in the rendered rapport or délibération (read back
  with python-docx: paragraphs, tables, headers, footers) or ``check``
  reports a finding that names that field;
- references left raw: ``${…}`` is resolved in every text the documents
  print, refused at its field elsewhere, an unknown one is an error at its
  field, and no rendered document ever shows a ``${`` that was not written
  ``$${``;
- the rapport and the délibération disagree: explicit verb forms that are not
  the verb's are refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import typing
from pathlib import Path
from typing import Any, Callable

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import deliberations
from conftest import lignes_docx
from deliberations.erreurs import ErreurEntree, ErreurRendu, ErreurVerification
from deliberations.langue import formats
from deliberations.langue.verbes import VERBES, indicatif, infinitif
from deliberations.model.objets import NATURES_VISA, Point
from deliberations.api import rendre_en_memoire
from deliberations.rendu.contexte import contexte
from deliberations.rendu.docx import rendre_docx
from deliberations.seance import charger_seance, rendre_seance
from test_entrees_invalides import c, executer, inserer_apres, preparer, remplacer, verifier_cas

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
PROFIL = RACINE / "examples" / "collectivites" / "seine-saint-denis.yaml"


# --------------------------------------------------------------------------
# Helpers: the reference item as data, rendered in memory, read back


def donnees_reference() -> dict[str, Any]:
    donnees = yaml.safe_load(EXEMPLE.read_text(encoding="utf-8"))
    donnees["collectivite"] = yaml.safe_load(PROFIL.read_text(encoding="utf-8"))
    return donnees


REFERENCE = donnees_reference()


def texte_docx(donnees: bytes) -> str:
    """Every text of a .docx: body paragraphs, table cells, headers and footers."""
    document = docx.Document(io.BytesIO(donnees))
    morceaux = [p.text for p in document.paragraphs]

    def tableaux(tables: Any) -> None:
        for table in tables:
            for rangee in table.rows:
                for cellule in rangee.cells:
                    morceaux.extend(p.text for p in cellule.paragraphs)
                    tableaux(cellule.tables)

    tableaux(document.tables)
    for section in document.sections:
        for partie in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            morceaux.extend(p.text for p in partie.paragraphs)
            tableaux(partie.tables)
    return re.sub(r"[\u00a0\u202f]", " ", "\n".join(morceaux))


def rendre(donnees: dict[str, Any]) -> tuple[list[str], str]:
    """(findings as printed, text of every rendered document; empty when there are errors)."""
    try:
        point = deliberations.valider(copy.deepcopy(donnees))
        findings = deliberations.check(point)
    except ErreurEntree as exc:
        return [str(f) for f in exc.findings], ""
    if any(f.est_erreur for f in findings):
        return [str(f) for f in findings], ""
    documents = rendre_en_memoire(point)
    return [str(f) for f in findings], "\n".join(texte_docx(octets) for _, octets in documents)


def nomme(findings: list[str], champ: str) -> list[str]:
    """The findings whose field is ``champ`` (or inside it)."""
    return [f for f in findings if re.search(rf": (erreur|avertissement): {re.escape(champ)}[.:\[]", f)]


def date_imprimee(d: dt.date) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", formats.date_longue(d))


# --------------------------------------------------------------------------
# Every field of the model, and how to put a marker in it

#: a field is « Classe.champ »; structural fields choose or compute, they hold no text to print
STRUCTURELS = {
    "Point.type": "choisit le type de rapport (tests/test_types.py)",
    "President.genre": "choisit « le » ou « la » (tests/test_render.py)",
    "Collectivite.articles": "numérote les décisions « Article 1er » (tests/test_render.py)",
    "Collectivite.apostrophe": "choisit l'apostrophe (tests/test_typographie.py)",
    "Visa.nature": "choisit la formule du visa ; chaque champ est essayé pour chaque nature plus bas",
    "Vote.resultat": "coche une case du vote (test_resultat_du_vote_imprime)",
    "Vote.scrutin": "choisit « au scrutin secret », « au scrutin public » (tests/test_votes.py)",
    "Vote.voix_preponderante": "vérifiée contre le partage des voix (tests/test_votes.py)",
    "Vote.noms": "conteneur", "Vote.parties": "conteneur", "Point.presences": "conteneur",
    "Collectivite.membres": "compte les membres d'une séance (tests/test_votes.py)",
    "PartieVote.decisions": "place le vote après sa dernière décision (tests/test_votes.py)",
    "PartieVote.voix_preponderante": "vérifiée contre le partage des voix (tests/test_votes.py)",
    "PartieVote.resultat": "imprimé « Adopté », « Rejeté » (tests/test_votes.py)",
    "PartieVote.noms": "conteneur", "PresencesPoint.pouvoirs": "conteneur",
    "Colonne.nom": "identifiant des formules et références ; imprimé comme en-tête sans titre",
    "Colonne.type": "type de la colonne (tests/test_entree.py)",
    "Colonne.formule": "vérifiée ligne à ligne (check_formules)",
    "Colonne.total": "choisit les colonnes totalisées",
    "Source.fichier": "fichier lu à la place des lignes (tests/test_entree.py)",
    "Source.feuille": "feuille lue (tests/test_entree.py)",
    "Repartition.base": "vérifiée (check_repartitions)",
    "Repartition.part": "nom de colonne, vérifié (check_repartitions)",
    "Repartition.montant": "nom de colonne, vérifié (check_repartitions)",
    "Annexe.tableaux": "conteneur", "Section.paragraphes": "conteneur", "Annexe.paragraphes": "conteneur",
    "Point.expose": "conteneur", "Point.annexes": "conteneur", "Point.propositions": "conteneur",
    "Point.collectivite": "conteneur", "Point.seance": "conteneur", "Point.vote": "conteneur",
    "Point.dates": "conteneur", "Point.signataire": "conteneur", "Collectivite.president": "conteneur",
    "Tableau.colonnes": "conteneur", "Tableau.source": "conteneur", "Tableau.repartition": "conteneur",
    # the one-document genre's wording (tests/test_communes.py); in another type, a warning (check_redaction)
    **{f"Formules.{c}": "usage de rédaction des genres deliberation-commune et rapport-deliberation "
                        "(tests/test_formules_genres.py) ; sans effet ailleurs, avec un avertissement"
       for c in ("dates", "decision", "deliberative", "ouverture", "phrase_vote", "recours", "sur_le_rapport",
                 "tirets", "vote")},
    **{f"Formules.{c}": "usage de rédaction du genre deliberation-commune ; sans effet ailleurs, avec un avertissement"
       for c in ("ainsi_fait", "articles", "preambule", "secretaire", "signatures")},
    "Collectivite.formules": "conteneur", "Point.formules": "conteneur",
    "Tableau.regroupe": "conteneur",
    "Regroupement.tableau": "tableau de détail comparé chapitre par chapitre (tests/test_controles_plans.py)",
    "Regroupement.par": "colonne de regroupement, vérifiée (tests/test_controles_plans.py)",
    "Repartition.decimales": "précision des taux calculés (tests/test_controles_plans.py)",
    "Collectivite.nature": "choisit les mots de l'assemblée et de l'exécutif (tests/test_communes.py)",
    "Annexe.emplacement": "choisit la place des tableaux (tests/test_communes.py) ; avertissement hors du genre",
    "Annexe.apres": "choisit la place des tableaux (tests/test_communes.py)",
    "Seance.publique": "choisit « en séance publique » (tests/test_communes.py) ; avertissement hors du genre",
    # what the transmission and the open data use, never printed in the act: checked where used
    "Point.actes": "conteneur",
    "Actes.nature": "nature ACTES, lue par le modèle, écrite dans le manifeste (tests/test_transmission.py)",
    "Actes.matiere": "vérifiée contre la classification (check_actes, tests/test_transmission.py)",
    "Actes.numero": "numéro ACTES vérifié, écrit dans le manifeste et les noms de fichiers (tests/test_transmission.py)",
    "Actes.pieces": "annexes copiées dans le dossier de transmission, vérifiées (tests/test_transmission.py)",
    "Collectivite.siret": "clé vérifiée, écrite dans le manifeste et la table SCDL (tests/test_transmission.py)",
    "Collectivite.classification": "fichier de la préfecture lu par la transmission (tests/test_transmission.py)",
    # the register of acts (tests/test_registre_cli.py): where it is, how it numbers; never printed in an act
    "Collectivite.registre": "fichier du registre, relatif au profil (tests/test_registre_cli.py)",
    "Collectivite.numerotation": "conteneur",
    "NumerotationActes.motif": "motif des numéros donnés par le registre, vérifié (tests/test_registre_cli.py)",
    "NumerotationActes.remise": "choisit quand le compteur repart (tests/test_registre.py)",
    "NumerotationActes.motif_actes": "motif du numéro ACTES donné par le registre (tests/test_registre.py)",
}

D1, D2 = dt.date(2023, 10, 5), dt.date(2019, 3, 7)
TABLEAU = ("annexes", 0, "tableaux", 0)

# Classe.champ → (path in the data, marker value, text the documents print, field a refusal names)
Marqueur = tuple[tuple[Any, ...], Any, str, str]
MARQUEURS: dict[str, Marqueur] = {
    "Collectivite.nom": (("collectivite", "nom"), "Zqnomcoll", "Zqnomcoll", "collectivite.nom"),
    "Collectivite.assemblee": (("collectivite", "assemblee"), "Zqassemblee", "Zqassemblee", "collectivite.assemblee"),
    "President.titre": (("collectivite", "president", "titre"), "zqtitrepres", "zqtitrepres", "collectivite.president.titre"),
    "Collectivite.tribunal_administratif": (("collectivite", "tribunal_administratif"), "Zqtribunal", "Zqtribunal",
                                            "collectivite.tribunal_administratif"),
    "Collectivite.recours": (("collectivite", "recours"), "Zqrecours à Montreuil", "Zqrecours", "collectivite.recours"),
    "Collectivite.visas": (("collectivite", "visas", 0), "le Zqvisacoll", "Zqvisacoll", "collectivite.visas[1]"),
    "Point.numero": (("numero",), "Zq-77", "Zq-77", "numero"),
    "Seance.instance": (("seance", "instance"), "zqinstance", "zqinstance", "seance.instance"),
    "Seance.date": (("seance", "date"), D1, date_imprimee(D1), "seance.date"),
    "Point.direction": (("direction",), "Zqdirection", "Zqdirection", "direction"),
    "Point.service": (("service",), "Zqservice", "Zqservice", "service"),
    "Point.objet": (("objet",), "ZQOBJET", "ZQOBJET", "objet"),
    "Section.titre": (("expose", 0, "titre"), "Zqsection", "Zqsection", "expose[1].titre"),
    "Liste.liste": (("expose", 0, "paragraphes", 1), {"liste": ["Zqliste"]}, "Zqliste", "expose[1].paragraphes[2]"),
    "Proposition.verbe": (("propositions", 0, "verbe"), "zqverber", "", "propositions[1].verbe"),
    "Proposition.texte": (("propositions", 0, "texte"), "le Zqtexteprop", "Zqtexteprop", "propositions[1].texte"),
    "Proposition.infinitif": (("propositions", 0, "infinitif"), "DE ZQINF", "", "propositions[1].infinitif"),
    "Proposition.indicatif": (("propositions", 0, "indicatif"), "ZQIND", "", "propositions[1].indicatif"),
    "Signataire.formule": (("signataire", "formule"), "Zqformule", "Zqformule", "signataire.formule"),
    "Signataire.qualite": (("signataire", "qualite"), "la Zqqualite", "Zqqualite", "signataire.qualite"),
    "Signataire.nom": (("signataire", "nom"), "Zqnomsign", "Zqnomsign", "signataire.nom"),
    "Annexe.titre": (("annexes", 0, "titre"), "ZQANNEXE", "ZQANNEXE", "annexes[1].titre"),
    "Annexe.numero": (("annexes", 0, "numero"), 4817, "ANNEXE 4817", "annexes[1].numero"),
    "Tableau.titre": ((*TABLEAU, "titre"), "Zqtableau", "Zqtableau", "annexes[1].tableaux[1].titre"),
    "Tableau.lignes": ((*TABLEAU, "lignes", 0, 0), "Zqcellule", "Zqcellule", "annexes[1].tableaux[1].lignes[1]"),
    "Tableau.totaux": ((*TABLEAU, "totaux", "acompte"), "4 817,00 €", "", "annexes[1].tableaux[1].totaux.acompte"),
    "Tableau.libelle_totaux": ((*TABLEAU, "libelle_totaux"), "ZQTOTAUX", "ZQTOTAUX", "annexes[1].tableaux[1].libelle_totaux"),
    "Colonne.titre": ((*TABLEAU, "colonnes", 0, "titre"), "Zqentete", "Zqentete", "annexes[1].tableaux[1].colonnes[1].titre"),
    "Point.visas": (("visas", 0), "le Zqvisa", "Zqvisa", "visas[1]"),
    "VisaTexte.texte": (("visas", 7, "texte"), "Vu le Zqvisatexte du 1er juillet 2021", "Zqvisatexte", "visas[8].texte"),
    "VisaTexte.date": (("visas", 7, "date"), D2, date_imprimee(D2), "visas[8].date"),
    "Visa.numero": (("visas", 1, "numero"), "Zq-4817", "Zq-4817", "visas[2].numero"),
    "Visa.date": (("visas", 1, "date"), D2, date_imprimee(D2), "visas[2].date"),
    "Visa.titre": (("visas", 1, "titre"), "Zqtitrevisa", "Zqtitrevisa", "visas[2].titre"),
    "Visa.code": (("visas", 5, "code"), "Zqcode", "Zqcode", "visas[6].code"),
    "Visa.instance": (("visas", 8, "instance"), "du Zqinstvisa", "Zqinstvisa", "visas[9].instance"),
    "Point.considerants": (("considerants",), ["que le Zqconsiderant"], "Zqconsiderant", "considerants"),
    "Vote.membres": (("vote", "membres"), 4817, "4817", "vote.membres"),
    **{f"Vote.{c}": (("vote", c), 4817, "4817", f"vote.{c}")
       for c in ("presents", "representes", "votants", "exprimes", "blancs_nuls")},
    # names, parts and the second convocation: printed by the commune genre (tests/test_votes.py), a warning here
    **{f"NomsVote.{c}": (("vote", "noms", c), ["M. Zqnom"], "", "vote.noms") for c in
       ("pour", "contre", "abstentions", "ne_prennent_pas_part")},
    **{f"PartieVote.{c}": (("vote", "parties"), [{c: 4817 if c != "titre" else "Zqtitre"}], "", "vote.parties")
       for c in ("votants", "exprimes", "pour", "contre", "abstentions", "blancs_nuls", "ne_prennent_pas_part",
                 "titre")},
    **{f"PresencesPoint.{c}": (("presences", c), ["M. Zqnom"], "", "presences")
       for c in ("presents", "excuses", "absents", "arrivent", "partent")},
    "PresencesPoint.heures": (("presences", "heures"), {"M. Zqnom": "20:50"}, "", "presences"),
    "Pouvoir.de": (("presences", "pouvoirs", 0), {"de": "M. Zqde", "a": "M. Zqa"}, "", "presences"),
    "Pouvoir.a": (("presences", "pouvoirs", 0), {"de": "M. Zqde", "a": "M. Zqa"}, "", "presences"),
    "Seance.seconde_convocation": (("seance", "seconde_convocation"), True, "", "seance.seconde_convocation"),
    "Vote.pour": (("vote", "pour"), 4817, "4817", "vote.pour"),
    "Vote.contre": (("vote", "contre"), 4817, "4817", "vote.contre"),
    "Vote.abstentions": (("vote", "abstentions"), 4817, "4817", "vote.abstentions"),
    "Vote.ne_prennent_pas_part": (("vote", "ne_prennent_pas_part"), 4817, "4817", "vote.ne_prennent_pas_part"),
    "Dates.affichage": (("dates", "affichage"), D1, "Date d'affichage du présent acte, le " + date_imprimee(D1),
                        "dates.affichage"),
    "Dates.publication": (("dates", "publication"), D1, "Date de publication du présent acte, le " + date_imprimee(D1),
                          "dates.publication"),
    "Dates.notification": (("dates", "notification"), D1, date_imprimee(D1), "dates.notification"),
    "Dates.executoire": (("dates", "executoire"), D1, date_imprimee(D1), "dates.executoire"),
    "Dates.transmission": (("dates", "transmission"), D1, "Transmis au représentant de l'État le " + date_imprimee(D1),
                           "dates.transmission"),
    "Dates.reception": (("dates", "reception"), D1, "Reçu en préfecture le " + date_imprimee(D1), "dates.reception"),
    "Dates.identifiant_actes": (("dates", "identifiant_actes"), "093-229300082-20231005-06_04-DE",
                                "093-229300082-20231005-06_04-DE", "dates.identifiant_actes"),
    "Point.valeurs": (("valeurs", "zqvaleur"), "Zqvaleur", "", "valeurs.zqvaleur"),
    "Point.rapporteur": (("rapporteur",), "Zqrapporteur", "Zqrapporteur", "rapporteur"),
    # the séance's préambule data: printed by the commune genre, a warning at the field in this one
    "Seance.heure": (("seance", "heure"), "20 h 30", "", "seance.heure"),
    "Seance.lieu": (("seance", "lieu"), "Zqlieu", "", "seance.lieu"),
    "Seance.convocation": (("seance", "convocation"), D2, "", "seance.convocation"),
    "Seance.president": (("seance", "president"), "Zqpresident", "", "seance.president"),
    "Seance.secretaire": (("seance", "secretaire"), "Zqsecretaire", "", "seance.secretaire"),
    "Seance.preambule": (("seance", "preambule"), "Zqpreambule", "", "seance.preambule"),
}
#: fields whose text is a paragraph (a string in a list): « Section.paragraphes » holds them
MARQUEURS["Paragraphe"] = (("expose", 0, "paragraphes", 0), "Zqparagraphe", "Zqparagraphe", "expose[1].paragraphes[1]")
MARQUEURS["Annexe.paragraphes.texte"] = (("annexes", 0, "paragraphes"), ["Zqparannexe"], "Zqparannexe",
                                         "annexes[1].paragraphes")


def _modeles(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for argument in typing.get_args(annotation) for m in _modeles(argument)]


def champs_du_modele(racine: type[BaseModel] = Point) -> set[str]:
    """Every « Classe.champ » reachable from the item's model, nested models included."""
    vus: set[type[BaseModel]] = set()
    champs: set[str] = set()
    a_voir = [racine]
    while a_voir:
        modele = a_voir.pop()
        if modele in vus:
            continue
        vus.add(modele)
        for nom, info in modele.model_fields.items():
            champs.add(f"{modele.__name__}.{nom}")
            a_voir.extend(_modeles(info.annotation))
    return champs


def test_chaque_champ_du_modele_a_son_marqueur() -> None:
    """A field added to the model without a marker (or a reason to have none) fails here."""
    champs = champs_du_modele()
    sans_marqueur = champs - set(MARQUEURS) - set(STRUCTURELS)
    assert not sans_marqueur, f"champs sans marqueur ni raison : {sorted(sans_marqueur)}"
    assert not (set(MARQUEURS) | set(STRUCTURELS)) - champs - {"Paragraphe", "Annexe.paragraphes.texte"}


def poser(donnees: dict[str, Any], chemin: tuple[Any, ...], valeur: Any) -> dict[str, Any]:
    donnees = copy.deepcopy(donnees)
    cible = donnees
    for cle in chemin[:-1]:
        if isinstance(cible, dict) and cle not in cible:
            cible[cle] = {}
        cible = cible[cle]
    if isinstance(cible, list) and chemin[-1] == len(cible):
        cible.append(valeur)
    else:
        cible[chemin[-1]] = valeur
    return donnees


def imprime_ou_refuse(donnees: dict[str, Any], marqueurs: list[tuple[str, str]]) -> None:
    """Each (text printed, field named) pair: the text is in the documents, or a finding names the field."""
    findings, texte = rendre(donnees)
    for imprime, champ in marqueurs:
        if nomme(findings, champ):
            continue
        assert imprime and imprime in texte, f"{champ} : ni imprimé (« {imprime} ») ni refusé\n" + "\n".join(findings)


@pytest.mark.parametrize("nom", sorted(MARQUEURS))
def test_marqueur_imprime_ou_refuse(nom: str) -> None:
    chemin, valeur, imprime, champ = MARQUEURS[nom]
    imprime_ou_refuse(poser(REFERENCE, chemin, valeur), [(imprime, champ)])


CHAMPS_VISA = {"numero": "Zq-4817", "date": D2, "titre": "Zqtitrevisa", "code": "de Zqcode", "instance": "du Zqinstvisa"}
IMPRIMES_VISA = {"numero": "Zq-4817", "date": date_imprimee(D2), "titre": "Zqtitrevisa", "code": "Zqcode",
                 "instance": "Zqinstvisa"}


@pytest.mark.parametrize("nature", NATURES_VISA)
@pytest.mark.parametrize("champ", sorted(CHAMPS_VISA))
def test_champ_de_visa_par_nature(nature: str, champ: str) -> None:
    """Each optional field of a structured visa, for each nature: printed, or refused at that field."""
    visa = {"nature": nature, "numero": "L1", "titre": "de base", champ: CHAMPS_VISA[champ]}
    if nature == "code":
        visa = {"nature": nature, "titre": "de base", champ: CHAMPS_VISA[champ]}
    donnees = poser(REFERENCE, ("visas", len(REFERENCE["visas"])), visa)
    imprime_ou_refuse(donnees, [(IMPRIMES_VISA[champ], f"visas[{len(REFERENCE['visas']) + 1}].{champ}")])


MARQUABLES = sorted(n for n, (_, v, imprime, _) in MARQUEURS.items() if imprime and isinstance(v, str)
                    and n not in ("Point.numero", "Collectivite.visas", "Point.visas", "VisaTexte.texte", "Collectivite.recours",
                                  "Dates.identifiant_actes",  # a structured identifier, checked against the act
                                  "Point.rapporteur"))  # it replaces « du président du <assemblée> »: tested alone


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(MARQUABLES), min_size=2, max_size=8),
       st.text(alphabet="bcdfghjkmnpqrstvwxz", min_size=6, max_size=10))
def test_plusieurs_marqueurs_a_la_fois(noms: set[str], graine: str) -> None:
    """Many text fields at once, each with its own marker: every marker is printed."""
    donnees = REFERENCE
    attendus = []
    for k, nom in enumerate(sorted(noms)):
        chemin, valeur, imprime, champ = MARQUEURS[nom]
        marqueur = f"Zq{graine}{k}"
        donnees = poser(donnees, chemin, valeur.replace(imprime, marqueur))
        attendus.append((marqueur, champ))
    imprime_ou_refuse(donnees, attendus)


def test_affichage_et_publication_imprimees_chacune_sous_son_libelle() -> None:
    donnees = poser(poser(REFERENCE, ("dates", "affichage"), D1), ("dates", "publication"), dt.date(2023, 10, 9))
    findings, texte = rendre(donnees)
    assert f"Date d'affichage du présent acte, le {date_imprimee(D1)}" in texte, findings
    assert f"Date de publication du présent acte, le {date_imprimee(dt.date(2023, 10, 9))}" in texte


@pytest.mark.parametrize("dates, attendu, absent", [
    ({}, "Date d'affichage du présent acte, le\n", "Date de publication"),
    ({"publication": D1}, f"Date de publication du présent acte, le {date_imprimee(D1)}", "Date d'affichage"),
    ({"affichage": D1}, f"Date d'affichage du présent acte, le {date_imprimee(D1)}", "Date de publication"),
])
def test_une_seule_date_de_mise_en_ligne(dates: dict[str, Any], attendu: str, absent: str) -> None:
    _, texte = rendre(poser(REFERENCE, ("dates",), dates))
    assert attendu in texte and absent not in texte


def test_vote_membres_et_voix_pour_imprimes() -> None:
    _, texte = rendre(poser(REFERENCE, ("vote",), {"membres": 23, "pour": 19, "contre": 3, "abstentions": 1,
                                                    "resultat": "majorité"}))
    for ligne in ("Nombre de membres : 23", "Voix pour : 19", "Voix contre : 3", "Abstentions : 1"):
        assert ligne in texte


@pytest.mark.parametrize("champ, libelle", [("membres", "Nombre de membres :"), ("pour", "Voix pour :"),
                                           ("contre", "Voix contre :"), ("abstentions", "Abstentions :"),
                                           ("ne_prennent_pas_part", "Ne prennent pas part :")])
def test_vote_zero_imprime(champ: str, libelle: str) -> None:
    """A count of 0 is a value typed: printed, not dropped as if empty."""
    vote = {"membres": 10, "pour": 5, "resultat": "majorité", champ: 0}
    if champ in ("membres", "pour"):
        vote = {champ: 0}
    findings, texte = rendre(poser(REFERENCE, ("vote",), vote))
    assert f"{libelle} 0" in texte or nomme(findings, f"vote.{champ}") or nomme(findings, "vote"), findings


@pytest.mark.parametrize("vote, case", [
    ({"resultat": "unanimité"}, "Adopté à l'unanimité : X"),
    ({"resultat": "majorité", "pour": 20, "contre": 3}, "Adopté à la majorité : X"),
    ({"resultat": "rejet", "pour": 3, "contre": 20}, "Rejeté : X"),
])
def test_resultat_du_vote_imprime(vote: dict[str, Any], case: str) -> None:
    """Each result is a box ticked in the délibération: a rejection is not a blank vote table."""
    findings, texte = rendre(poser(REFERENCE, ("vote",), vote))
    assert case in texte, findings
    assert texte.count(": X") == 1


@pytest.mark.parametrize("tableau, erreur_attendue", [
    ({"libelle_totaux": "TOTAL GÉNÉRAL"}, None),
    ({"libelle_totaux": "TOTAL GÉNÉRAL", "totaux": False}, "le tableau n'a pas de ligne des totaux"),
    ({"totaux": False}, None),
])
def test_libelle_des_totaux_imprime_ou_refuse(tableau: dict[str, Any], erreur_attendue: str | None) -> None:
    donnees = REFERENCE
    for cle, valeur in tableau.items():
        donnees = poser(donnees, (*TABLEAU, cle), valeur)
    findings, texte = rendre(donnees)
    champ = "annexes[1].tableaux[1].libelle_totaux"
    if erreur_attendue is None:
        assert not nomme(findings, champ) and ("TOTAL GÉNÉRAL" in texte) == ("libelle_totaux" in tableau), findings
    else:
        assert any(erreur_attendue in f for f in nomme(findings, champ)), findings


def test_libelle_des_totaux_sur_une_colonne_totalisee() -> None:
    donnees = poser(REFERENCE, (*TABLEAU, "colonnes", 0), {"nom": "structure", "type": "montant"})
    donnees = poser(donnees, (*TABLEAU, "lignes"), [["1 €", "15 000,00 €", "15 000,00 €", "30 000,00 €"]])
    donnees = poser(donnees, (*TABLEAU, "totaux"), True)
    donnees = poser(donnees, (*TABLEAU, "libelle_totaux"), "TOTAL")
    findings, _ = rendre(donnees)
    assert any("porte un total" in f for f in nomme(findings, "annexes[1].tableaux[1].libelle_totaux")), findings


@pytest.mark.parametrize("chemin, valeur, champ, message", [
    ((*TABLEAU, "colonnes", 0, "total"), True, "annexes[1].tableaux[1].colonnes[1].total",
     "total impossible pour une colonne de type texte"),
    ((*TABLEAU, "totaux", "structure"), "ZQTOT", "annexes[1].tableaux[1].totaux.structure",
     "total déclaré pour la colonne « structure », de type texte"),
    (("annexes", 0, "numero"), 0, "annexes[1].numero", "à partir de 1"),
])
def test_valeur_qui_serait_perdue_ou_faussee(chemin: tuple[Any, ...], valeur: Any, champ: str, message: str) -> None:
    """A total over texts (printed 0 in place of the label, or a crash), an annex numbered 0 (printed 1): refused."""
    findings, _ = rendre(poser(REFERENCE, chemin, valeur))
    assert any(message in f and ": erreur: " in f for f in nomme(findings, champ)), findings


def test_total_d_une_colonne_de_pourcentages_accepte() -> None:
    donnees = poser(REFERENCE, (*TABLEAU, "colonnes", 3), {"nom": "total", "type": "pourcentage", "total": True})
    donnees = poser(donnees, (*TABLEAU, "lignes"), [["Ville", "1 €", "2 €", "40 %"], ["Ville 2", "1 €", "2 €", "60 %"]])
    donnees = poser(donnees, (*TABLEAU, "totaux"), True)
    donnees = poser(donnees, ("propositions", 0, "texte"), "le versement")
    findings, texte = rendre(donnees)
    assert not [f for f in findings if ": erreur: " in f] and "100 %" in texte, findings


def test_vote_plus_de_voix_que_de_membres() -> None:
    findings, _ = rendre(poser(REFERENCE, ("vote",), {"membres": 10, "pour": 9, "contre": 2, "resultat": "majorité"}))
    assert nomme(findings, "vote") and "11 voix et non-participations pour 10 membres" in "\n".join(findings)


# --------------------------------------------------------------------------
# References: resolved in every printed text, refused elsewhere, never printed raw

TEXTES = sorted(n for n, (_, v, _, _) in MARQUEURS.items() if isinstance(v, str))


def _avec_reference(nom: str, reference: str) -> tuple[dict[str, Any], str]:
    chemin, valeur, imprime, champ = MARQUEURS[nom]
    nouvelle = valeur.replace(imprime, reference) if imprime and imprime in valeur else reference
    return poser(REFERENCE, chemin, nouvelle), champ


@pytest.mark.parametrize("nom", TEXTES)
def test_reference_connue_resolue_ou_refusee(nom: str) -> None:
    """``${valeurs.plafond}`` in any text field: printed as 15 000,00 €, or refused at that field; never raw."""
    donnees, champ = _avec_reference(nom, "${valeurs.plafond | sans_centimes} zq")
    findings, texte = rendre(donnees)
    if nomme(findings, champ):
        return
    assert not [f for f in findings if ": erreur: " in f], findings
    assert "${" not in texte
    assert "15 000 € zq" in texte or "15 000 € ZQ" in texte.upper(), f"{champ} : référence ni résolue ni refusée"


@pytest.mark.parametrize("nom", TEXTES)
def test_reference_inconnue_refusee_a_son_champ(nom: str) -> None:
    donnees, champ = _avec_reference(nom, "${inconnue}")
    findings, _ = rendre(donnees)
    assert [f for f in nomme(findings, champ) if ": erreur: " in f], f"{champ} :\n" + "\n".join(findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTES), st.from_regex(r"[a-z][a-z0-9_.]{0,12}", fullmatch=True))
def test_reference_quelconque_jamais_imprimee_brute(nom: str, chemin: str) -> None:
    """Any ``${…}`` in any text field: refused at that field, or resolved; a document never shows it."""
    donnees, champ = _avec_reference(nom, "${" + chemin + "}")
    findings, texte = rendre(donnees)
    if not any(": erreur: " in f for f in findings):
        assert "${" not in texte
    else:
        assert nomme(findings, champ), f"{champ} :\n" + "\n".join(findings)


def test_echappement_imprime_tel_quel() -> None:
    """``$${`` still prints a literal ``${``, in the fields newly resolved too."""
    donnees = poser(REFERENCE, ("direction",), "Direction $${pas une référence}")
    donnees = poser(donnees, (*TABLEAU, "lignes", 0, 0), "Ville $${x}")
    findings, texte = rendre(donnees)
    assert "Direction ${pas une référence}" in texte and "Ville ${x}" in texte, findings


def test_garde_finale_contexte() -> None:
    """An item that skipped the checks cannot print a reference raw: the context refuses it."""
    point = deliberations.valider(poser(REFERENCE, ("seance", "instance"), "commission ${valeurs.plafond}"))
    assert any("seance.instance" in str(f) for f in deliberations.check(point))
    with pytest.raises(ErreurRendu) as exc:
        contexte(point)
    assert "référence non résolue" in str(exc.value) and "${valeurs.plafond}" in str(exc.value)


@pytest.mark.parametrize("contexte_, resolus, refuse", [
    ({"annexes": [{"tableaux": [{"lignes": [["Ville", "15 000 €"], ["x ${y}", ""]]}]}]}, set(), True),
    ({"visas": ("Vu ${loi}",)}, set(), True),
    ({"a": {"b": {"c": [[[["${profond}"]]]]}}}, set(), True),
    ({"direction": "Direction ${numero}"}, {"Direction ${numero}"}, False),  # written $${ by the clerk
    ({"annexes": [{"tableaux": [{"lignes": [["Ville", "15 000 €"]] * 50}]}], "n": 3}, set(), False),
])
def test_garde_du_contexte_voit_toute_la_profondeur(contexte_, resolus, refuse) -> None:
    from deliberations.rendu.redaction import garder_sans_reference

    if refuse:
        with pytest.raises(ErreurRendu):
            garder_sans_reference(contexte_, resolus)
    else:
        assert garder_sans_reference(contexte_, resolus) is None


# --------------------------------------------------------------------------
# Verbs: the rapport and the délibération say the same


@pytest.mark.parametrize("verbe", sorted(VERBES))
def test_formes_explicites_du_verbe(verbe: str) -> None:
    """Each verb of the table: its own forms are accepted, another verb's are refused at their field."""
    autre = "approuver" if verbe != "approuver" else "autoriser"
    base = {"verbe": verbe, "texte": "le budget"}
    justes = deliberations.valider(poser(REFERENCE, ("propositions", 0), {
        **base, "infinitif": infinitif(verbe).lower(), "indicatif": indicatif(verbe)}))
    assert not nomme([str(f) for f in deliberations.check(justes)], "propositions[1]")
    for champ, forme in (("infinitif", infinitif(autre)), ("indicatif", indicatif(autre))):
        point = deliberations.valider(poser(REFERENCE, ("propositions", 0), {**base, champ: forme}))
        erreurs = [str(f) for f in deliberations.check(point) if f.est_erreur]
        assert nomme(erreurs, f"propositions[1].{champ}"), erreurs


@pytest.mark.parametrize("infinitif_, indicatif_, champ", [
    ("DE FLIBUSTER", "FLIBUSTE", None),
    ("de  flibuster", "flibuste", None),
    ("D'APPROUVER", "FLIBUSTE", "infinitif"),
    ("DE FLIBUSTER", "AUTORISE", "indicatif"),
    ("FLIBUSTER", "FLIBUSTE", None),
])
def test_verbe_inconnu_avec_ses_deux_formes(infinitif_: str, indicatif_: str, champ: str | None) -> None:
    point = deliberations.valider(poser(REFERENCE, ("propositions", 0), {
        "verbe": "flibuster", "infinitif": infinitif_, "indicatif": indicatif_, "texte": "le budget"}))
    erreurs = [str(f) for f in deliberations.check(point) if f.est_erreur]
    if champ is None:
        assert not erreurs
    else:
        assert nomme(erreurs, f"propositions[1].{champ}"), erreurs


# --------------------------------------------------------------------------
# The catalogue: the issue's examples and their like, through the CLI

CATALOGUE_CHAMPS = [
    c("visa-code-avec-numero", remplacer("  - le Code de l'action sociale et des familles",
                                         "  - nature: code\n    titre: de l'action sociale et des familles\n"
                                         "    numero: L121-1\n    date: 2001-01-02"), 1,
      "champ sans objet pour un visa de nature code", "    numero: L121-1", "visas[1].numero"),
    c("visa-code-avec-date", remplacer("  - le Code de l'action sociale et des familles",
                                       "  - nature: code\n    titre: de l'action sociale et des familles\n"
                                       "    date: 2001-01-02"), 1,
      "champ sans objet pour un visa de nature code", "    date: 2001-01-02", "visas[1].date"),
    c("loi-avec-code", inserer_apres("    numero: 98-657", "    code: de l'éducation"), 1,
      "champ sans objet pour un visa de nature loi", "    code: de l'éducation", "visas[3].code"),
    c("article-avec-instance", inserer_apres("    numero: L121-1", "    instance: du conseil départemental"), 1,
      "champ sans objet pour un visa de nature article", "    instance: du conseil", "visas[6].instance"),
    c("article-sans-numero", remplacer("    numero: L121-1\n", ""), 1,
      "donne son numéro", None, "visas[6].nature"),
    c("visa-texte-date-absente", remplacer("    date: 2021-07-01", "    date: 2021-07-02"), 1,
      ("la date du visa", "2 juillet 2021", "n'est pas écrite dans son texte"), "    date: 2021-07-02", "visas[8].date"),
    c("verbe-infinitif-d-un-autre", inserer_apres("  - verbe: autoriser", "    infinitif: \"D'APPROUVER\""), 1,
      ("« D'APPROUVER » n'est pas l'infinitif du verbe « autoriser »", "D'AUTORISER"), "    infinitif: \"D'APPROUVER\"",
      "propositions[1].infinitif"),
    c("verbe-indicatif-d-un-autre", inserer_apres("  - verbe: approuver", "    indicatif: AUTORISE"), 1,
      ("« AUTORISE » n'est pas l'indicatif du verbe « approuver »", "APPROUVE"), "    indicatif: AUTORISE",
      "propositions[2].indicatif"),
    c("verbe-inconnu-indicatif-connu", remplacer("  - verbe: approuver\n    texte: l'adh",
                                                 "  - verbe: flibuster\n    infinitif: DE FLIBUSTER\n"
                                                 "    indicatif: APPROUVE\n    texte: l'adh"), 1,
      "n'est pas l'indicatif du verbe « flibuster »", "    indicatif: APPROUVE", "propositions[4].indicatif"),
    c("reference-inconnue-direction", remplacer("direction: Direction Europe International",
                                                "direction: Direction ${inconnue}"), 1,
      "${inconnue} : référence inconnue", "direction:", "direction"),
    c("reference-inconnue-service", remplacer("service: Service des économies", "service: ${valeurs.absente} des économies"),
      1, ("${valeurs.absente}", "valeur nommée inconnue « absente »"), "service:", "service"),
    c("reference-inconnue-signataire", remplacer("  nom: Mélissa Youssouf", "  nom: Mélissa ${inconnue}"), 1,
      "${inconnue} : référence inconnue", "  nom: Mélissa", "signataire.nom"),
    c("reference-inconnue-cellule", remplacer("[Ville de Pantin,", "[\"Ville de ${inconnue}\","), 1,
      "${inconnue} : référence inconnue", "[\"Ville de ${inconnue}", "annexes[1].tableaux[1].lignes[1].structure"),
    c("reference-inconnue-titre-de-colonne", remplacer("titre: Nom de la structure}", "titre: \"Nom ${inconnue}\"}"), 1,
      "${inconnue} : référence inconnue", "Nom ${inconnue}", "annexes[1].tableaux[1].colonnes[1].titre"),
    c("reference-inconnue-titre-de-visa", remplacer("    titre: d'orientation relative",
                                                    "    titre: d'orientation ${inconnue} relative"), 1,
      "${inconnue} : référence inconnue", "    titre: d'orientation", "visas[3].titre"),
    c("reference-dans-le-numero", remplacer('numero: "06-04"', 'numero: "06-${valeurs.plafond}"'), 1,
      "référence « ${ » impossible dans ce champ", "numero:", "numero"),
    c("reference-dans-l-instance", remplacer("  instance: commission permanente",
                                             "  instance: commission ${seance.date}"), 1,
      "référence « ${ » impossible dans ce champ", "  instance: commission", "seance.instance"),
    c("reference-dans-une-valeur", remplacer("  cotisation: 15 000 €", "  autre: ${valeurs.plafond}"), 1,
      "référence « ${ » impossible dans ce champ", "  autre:", "valeurs.autre"),
    c("reference-dans-le-verbe", remplacer("  - verbe: approuver\n    texte: l'adh", "  - verbe: ${verbe}\n    texte: l'adh"),
      1, "verbe inconnu", "  - verbe: ${verbe}", "propositions[4].verbe"),
    c("reference-dans-le-profil", None, 1, "référence « ${ » impossible dans ce champ", "tribunal_administratif:",
      "collectivite.tribunal_administratif", profil=remplacer("tribunal_administratif: Montreuil",
                                                              "tribunal_administratif: ${seance.instance}"),
      fichier="profil"),
    c("valeur-jamais-citee", remplacer("  cotisation: 15 000 €", "  cotisation: 15 000 €\n  oubliee: 12 €"), 0,
      "valeur nommée citée nulle part", "  oubliee: 12 €", "valeurs.oubliee", severite="avertissement"),
]


@pytest.mark.parametrize("cas", CATALOGUE_CHAMPS)
def test_entree_champs(cas: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert dossier.etat() == avant


def test_render_issue_exemple_verbe(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's example: refused by ``render`` too, nothing written."""
    dossier = preparer(tmp_path, point=inserer_apres("  - verbe: autoriser", "    infinitif: \"D'APPROUVER\""))
    monkeypatch.chdir(tmp_path)
    code, sortie, _ = executer(["render", str(dossier.point), "-o", str(tmp_path / "sortie")], capsys)
    assert code == 1 and "propositions[1].infinitif" in sortie
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


# --------------------------------------------------------------------------
# Report types' own fields (the built-in types' examples)

EXEMPLES_TYPES = {"cofinancement": RACINE / "examples" / "sud-isere-facilitatrice.yaml",
                  "programme": RACINE / "examples" / "mayotte-clauses-insertion.yaml"}


def _donnees_exemple(chemin: Path) -> dict[str, Any]:
    donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    donnees["collectivite"] = yaml.safe_load((chemin.parent / donnees["collectivite"]).read_text(encoding="utf-8"))
    return donnees


MARQUEURS_GENRE: dict[str, tuple[Any, str]] = {
    "texte": ("Zqchamp", "Zqchamp"),
    "liste": (["Zqchamp"], "Zqchamp"),
    "paragraphes": (["Zqchamp"], "Zqchamp"),
    "entier": (4817, "4817"),
    "pourcentage": ("48,17 %", "48,17 %"),
    "date": (dt.date(2014, 5, 2), date_imprimee(dt.date(2014, 5, 2))),
    "montant": ("4 817 €", "4 817"),
}


def _champs_des_types() -> list[tuple[str, str]]:
    sortie = []
    for type_, chemin in EXEMPLES_TYPES.items():
        point = deliberations.valider(_donnees_exemple(chemin))
        sortie.extend((type_, nom) for nom in point.champs_type)
    return sortie


def _champs_textes_des_types() -> list[tuple[str, str]]:
    """The fields of the built-in types that hold text (a text, a list, paragraphs, a table with a text column)."""
    sortie = []
    for type_, chemin in EXEMPLES_TYPES.items():
        for nom, champ in deliberations.valider(_donnees_exemple(chemin)).champs_type.items():
            if champ.type in ("texte", "liste", "paragraphes") or (
                    champ.type == "table" and any(s.type == "texte" for s in (champ.colonnes or {}).values())):
                sortie.append((type_, nom))
    return sortie


@pytest.mark.parametrize("type_, nom", _champs_des_types())
def test_champ_de_type_imprime_ou_refuse(type_: str, nom: str) -> None:
    """Each field of a built-in type, with a marker of its kind: printed, or refused at (or naming) that field."""
    donnees = _donnees_exemple(EXEMPLES_TYPES[type_])
    champ = deliberations.valider(copy.deepcopy(donnees)).champs_type[nom]
    if champ.type == "table":
        ligne = {c: f"Zq{c}x" for c, spec in (champ.colonnes or {}).items() if spec.type == "texte"}
        donnees[nom] = [ligne]
        attendus = [(v, nom) for v in ligne.values()]
    else:
        valeur, imprime = MARQUEURS_GENRE[champ.type]
        donnees[nom] = valeur
        attendus = [(imprime, nom)]
    findings, texte = rendre(donnees)
    for imprime, champ_nomme in attendus:
        erreurs = [f for f in findings if ": erreur: " in f]
        if nomme(findings, champ_nomme) or any(f"« {nom} »" in f or imprime in re.sub(r"[\u00a0\u202f]", " ", f)
                                               for f in erreurs):
            continue  # refused at the field, or checked (a montant base of a répartition: the error shows it)
        assert imprime in texte, f"{nom} : ni imprimé (« {imprime} ») ni refusé\n" + "\n".join(findings)


def test_garde_finale_document(tmp_path: Path) -> None:
    """A document whose text shows a ``${`` no value wrote (here, typed in the template) is refused."""
    document = docx.Document()
    document.add_paragraph("{{ objet }}")
    document.add_paragraph("Montant : ${valeurs.plafond}")
    modele = tmp_path / "modele.docx"
    document.save(str(modele))
    ctx = contexte(deliberations.valider(copy.deepcopy(REFERENCE)))
    with pytest.raises(ErreurVerification) as exc:
        rendre_docx(modele, ctx)
    assert "référence non résolue « ${valeurs.plafond" in str(exc.value)
    echappe = contexte(deliberations.valider(poser(REFERENCE, ("objet",), "OBJET $${l'x} : $${y")))
    document = docx.Document()
    document.add_paragraph("{{ objet }}")
    document.save(str(modele))
    assert "OBJET ${l'x} : ${y" in texte_docx(rendre_docx(modele, echappe))
    assert "${l’x}" in texte_docx(rendre_docx(modele, echappe, apostrophe="typographique"))


def test_ordre_du_jour_resout_objet_et_direction(tmp_path: Path) -> None:
    """The agenda prints each item's objet and direction with their references resolved."""
    exemples = tmp_path / "examples"
    shutil.copytree(RACINE / "examples", exemples)
    point = exemples / "06-04-clauses-sociales.yaml"
    texte = point.read_text(encoding="utf-8")
    texte = texte.replace("direction: Direction Europe International", "direction: Direction ${numero}")
    texte = texte.replace("  FACILITATION DES CLAUSES", "  ${annexe1.lignes} FACILITATIONS DES CLAUSES")
    point.write_text(texte, encoding="utf-8")
    resultat = rendre_seance(charger_seance(exemples / "seance-2023-09-14.yaml"), tmp_path / "sortie", jobs=1)
    assert resultat.reussi
    lu = "\n".join(lignes_docx(tmp_path / "sortie" / "ordre-du-jour.docx"))
    assert "${" not in lu and "Direction 06-04" in lu and "12 FACILITATIONS DES CLAUSES" in lu


@pytest.mark.parametrize("type_, nom", _champs_textes_des_types())
def test_reference_dans_un_champ_de_type(type_: str, nom: str) -> None:
    """In a type's text field (or a text column of its table): resolved when known, refused at the field otherwise."""
    donnees = _donnees_exemple(EXEMPLES_TYPES[type_])
    champ = deliberations.valider(copy.deepcopy(donnees)).champs_type[nom]
    colonnes = [c for c, spec in (champ.colonnes or {}).items() if spec.type == "texte"]
    formes: dict[str, Callable[[str], Any]] = {"texte": lambda t: t, "liste": lambda t: [t], "paragraphes": lambda t: [t],
                                               "table": lambda t: [{c: t for c in colonnes}]}
    assert champ.type in formes and (champ.type != "table" or colonnes)  # see _champs_textes_des_types
    findings, texte = rendre({**donnees, nom: formes[champ.type]("Zq ${numero} fin")})
    assert not [f for f in findings if ": erreur: " in f] and f"Zq {donnees['numero']} fin" in texte, findings
    findings, _ = rendre({**donnees, nom: formes[champ.type]("Zq ${inconnue}")})
    assert [f for f in nomme(findings, nom) if "référence inconnue" in f], findings
