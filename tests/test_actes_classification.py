"""ACTES natures and matières (issue 16, item 3): the national classification, a préfecture's own file.

The national first two levels ship with the library; a préfecture's
classification file (the ``RetourClassification`` message of the ACTES
protocol, ISO-8859-1 XML, with its ``DateClassification``) can replace them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from deliberations.entree.classification import lire_classification
from deliberations.erreurs import ErreurEntree
from deliberations.model.actes import CLASSIFICATION_NATIONALE, NATURES, nature


@pytest.mark.parametrize("code, libelle, scdl", [
    ("7.5", "Subventions", "finances locales/subventions"),
    ("8.6", "Emploi, formation professionnelle", "domaines de compétences par thèmes/emploi formation professionnelle"),
    ("7.9", "Prise de participation (SEM, etc.)", "finances locales/prise de participation sem etc."),
    ("1.1", "Marchés publics", "commande publique/marchés publics"),
    ("5.7", "Intercommunalité", "institutions et vie politique/intercommunalité"),
    ("7.10", "Divers", "finances locales/divers"),
    ("9.4", "Vœux et motions", "autres domaines de compétences/vœux et motions"),
])
def test_matieres_nationales(code, libelle, scdl):
    matiere = CLASSIFICATION_NATIONALE.matiere(code)
    assert matiere is not None and matiere.libelle == libelle
    assert CLASSIFICATION_NATIONALE.nom_scdl(code) == scdl


@pytest.mark.parametrize("code, mots", [
    ("7", "au moins deux niveaux"),
    ("7.11", "inconnue"),
    ("10.1", "inconnue"),
    ("7.5.", "illisible"),
    ("7,5", "illisible"),
    ("", "illisible"),
])
def test_matieres_refusees(code, mots):
    message = CLASSIFICATION_NATIONALE.probleme(code)
    assert message is not None and mots in message, message


def test_les_neuf_familles_et_leurs_matieres():
    niveaux1 = [m for m in CLASSIFICATION_NATIONALE.matieres.values() if "." not in m.code]
    assert [m.code for m in niveaux1] == [str(k) for k in range(1, 10)]
    assert len([m for m in CLASSIFICATION_NATIONALE.matieres.values() if m.code.count(".") == 1]) == 57


@pytest.mark.parametrize("saisi, attendu", [
    ("1", ("1", "DE", "Délibérations")), ("DE", ("1", "DE", "Délibérations")), ("de", ("1", "DE", "Délibérations")),
    ("4", ("4", "CC", "Contrats, conventions et avenants")), ("BF", ("5", "BF", "Documents budgétaires et financiers")),
    ("AU", ("6", "AU", "Autres")),
])
def test_natures(saisi, attendu):
    assert nature(saisi) == attendu


@pytest.mark.parametrize("saisi", ["7", "XX", "", "délibération"])
def test_natures_inconnues(saisi):
    assert nature(saisi) is None
    assert len(NATURES) == 6


CLASSIFICATION_PREFECTURE = """<?xml version="1.0" encoding="ISO-8859-1"?>
<actes:RetourClassification xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
    xmlns:insee="http://xml.insee.fr/schema">
  <actes:DateClassification>2023-01-10</actes:DateClassification>
  <actes:NaturesActes>
    <actes:NatureActe actes:CodeNatureActe="1" actes:TypeAbrege="DE" actes:Libelle="Délibérations"/>
    <actes:NatureActe actes:CodeNatureActe="3" actes:TypeAbrege="AI" actes:Libelle="Actes individuels"/>
  </actes:NaturesActes>
  <actes:Matieres>
    <actes:Matiere1 actes:CodeMatiere="7" actes:Libelle="Finances locales">
      <actes:Matiere2 actes:CodeMatiere="5" actes:Libelle="Subventions">
        <actes:Matiere3 actes:CodeMatiere="1" actes:Libelle="Subventions aux associations"/>
        <actes:Matiere3 actes:CodeMatiere="2" actes:Libelle="Subventions aux communes"/>
      </actes:Matiere2>
      <actes:Matiere2 actes:CodeMatiere="1" actes:Libelle="Décisions budgétaires"/>
    </actes:Matiere1>
    <actes:Matiere1 actes:CodeMatiere="8" actes:Libelle="Domaines de compétences par thèmes">
      <actes:Matiere2 actes:CodeMatiere="6" actes:Libelle="Emploi-formation professionnelle"/>
    </actes:Matiere1>
  </actes:Matieres>
</actes:RetourClassification>
"""


def test_classification_d_une_prefecture(tmp_path):
    chemin = tmp_path / "classification.xml"
    chemin.write_bytes(CLASSIFICATION_PREFECTURE.encode("iso-8859-1"))
    classification = lire_classification(chemin)
    assert classification.date == dt.date(2023, 1, 10)
    assert classification.source == str(chemin)
    assert classification.matiere("7.5.1").libelle == "Subventions aux associations"
    assert classification.nom_scdl("7.5.2") == "finances locales/subventions"  # SCDL: levels 1 and 2
    assert classification.probleme("7.5") is None
    assert "inconnue" in classification.probleme("1.1")  # this préfecture's file replaces the national one
    assert classification.natures == {"1": ("DE", "Délibérations"), "3": ("AI", "Actes individuels")}


@pytest.mark.parametrize("contenu, mots", [
    (b"<pas du XML", "XML illisible"),
    (CLASSIFICATION_PREFECTURE.replace("<actes:DateClassification>2023-01-10</actes:DateClassification>", "")
     .encode("iso-8859-1"), "DateClassification"),
    (CLASSIFICATION_PREFECTURE.replace("2023-01-10", "10/01/2023").encode("iso-8859-1"), "date"),
    (CLASSIFICATION_PREFECTURE.replace('actes:CodeMatiere="5" ', "").encode("iso-8859-1"), "CodeMatiere"),
    (b'<?xml version="1.0"?><autre/>', "RetourClassification"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', "XML"),
])
def test_classification_illisible(contenu, mots, tmp_path):
    chemin = tmp_path / "classification.xml"
    chemin.write_bytes(contenu)
    with pytest.raises(ErreurEntree) as exc:
        lire_classification(chemin)
    message = str(exc.value)
    assert mots in message and "classification.xml" in message, message
    assert "root:" not in message
