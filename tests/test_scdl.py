"""The SCDL « Délibérations » table (issue 15, item 6): one row per adopted délibération, from the register.

The columns, their order and their constraints are those of the SCDL schema
(version 2.1.5, schema.data.gouv.fr, « scdl/deliberations »); every row is
validated with frictionless against that Table Schema before anything is
written, and ``PREF_DATE`` is never before ``DELIB_DATE``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import frictionless
import pytest

from deliberations.erreurs import ErreurRegistre
from deliberations.registre import Acte, Numerotation, Registre
from deliberations.registre.scdl import COLONNES, SCHEMA, exporter_scdl, lignes_scdl, siret_valide

COLLECTIVITE = "Commune de Montreuil"
SIRET = "21930048000015"  # 14 digits, a valid Luhn key (made up for the test)
SEANCE = dt.date(2023, 9, 14)


def enregistrer(registre, rang, motif="DEL{AAAA}_{000}", **autres):
    valeurs = dict(collectivite=COLLECTIVITE, seance=SEANCE, instance="conseil municipal", rang=rang,
                   objet=f"Objet du point {rang}", matiere="7.5", membres=43, votants=40, pour=25, contre=10,
                   abstentions=5)
    valeurs.update(autres)
    return registre.enregistrer(Acte(**valeurs), Numerotation(motif=motif))


def test_les_dix_sept_colonnes_dans_l_ordre():
    assert COLONNES == ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
                        "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
                        "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL"]
    assert [f["name"] for f in SCHEMA["fields"]] == COLONNES
    assert frictionless.Schema.from_descriptor(SCHEMA)  # a valid Table Schema


@pytest.mark.parametrize("siret, valide", [
    ("21860194600013", True),  # Ville de Poitiers, the SCDL documentation's example
    ("21930048000015", True), ("21930048000014", False), ("2193004800001", False), ("2193004800001A", False),
    ("356000000", False), ("35600000000010", True), ("35600000000011", False),  # La Poste's establishments: digits sum to a multiple of 5
])
def test_siret(siret, valide):
    assert siret_valide(siret) is valide


def test_une_ligne_par_deliberation_adoptee(tmp_path):
    chemin = tmp_path / "registre.sqlite"
    with Registre.ouvrir(chemin) as registre:
        premier = enregistrer(registre, 1, objet="Subvention au club de football, saison 2023-2024")
        enregistrer(registre, 2, matiere="8.6", objet="Emploi : chantier d'insertion")
        enregistrer(registre, 3, resultat="rejeté")
        enregistrer(registre, 4, type="arrete", nature="AR", motif="ARR{AAAA}_{000}")
        registre.noter_transmission(COLLECTIVITE, premier.numero, transmis_le=dt.date(2023, 9, 18),
                                    recu_le=dt.date(2023, 9, 19), identifiant="093-219300480-20230914-DEL2023_001-DE")
        sortie = exporter_scdl(registre, tmp_path / "deliberations.csv", collectivite=COLLECTIVITE, siret=SIRET,
                               pref_id="PREF093", url="https://montreuil.fr/actes/")
    donnees = sortie.read_bytes()
    assert not donnees.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    lignes = list(csv.DictReader(io.StringIO(donnees.decode("utf-8"))))
    assert [l["DELIB_ID"] for l in lignes] == ["DEL2023_001", "DEL2023_002"]  # adopted délibérations only
    un = lignes[0]
    assert un["COLL_NOM"] == COLLECTIVITE and un["COLL_SIRET"] == SIRET
    assert un["DELIB_DATE"] == "2023-09-14" and un["PREF_DATE"] == "2023-09-19" and un["PREF_ID"] == "PREF093"
    assert (un["DELIB_MATIERE_CODE"], un["DELIB_MATIERE_NOM"]) == ("7.5", "finances locales/subventions")
    assert un["DELIB_OBJET"] == "Subvention au club de football, saison 2023-2024"
    assert (un["VOTE_EFFECTIF"], un["VOTE_REEL"], un["VOTE_POUR"], un["VOTE_CONTRE"], un["VOTE_ABSTENTION"]) == \
        ("43", "40", "25", "10", "5")
    assert lignes[1]["DELIB_MATIERE_NOM"] == "domaines de compétences par thèmes/emploi formation professionnelle"
    assert un["DELIB_URL"] == "" and lignes[1]["PREF_DATE"] == ""  # nothing published yet, not transmitted
    rapport = frictionless.validate(frictionless.Resource(path=sortie.name, basepath=str(sortie.parent),
                                                          schema=frictionless.Schema.from_descriptor(SCHEMA)))
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type"])


def test_l_adresse_du_pdf_publie(tmp_path):
    pdf = tmp_path / "DEL2023_001.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        numero = enregistrer(registre, 1).numero
        registre.noter_publication(COLLECTIVITE, numero, pdf, dt.date(2023, 9, 20))
        (ligne,) = lignes_scdl(registre.actes(), collectivite=COLLECTIVITE, siret=SIRET,
                               url="https://montreuil.fr/actes/")
    assert ligne["DELIB_URL"] == "https://montreuil.fr/actes/DEL2023_001.pdf"


@pytest.mark.parametrize("modifier, mots", [
    (dict(matiere=None), "matière ACTES manquante"),
    (dict(matiere="7.11"), "inconnue"),
    (dict(matiere="7"), "deux niveaux"),
])
def test_une_ligne_fautive_n_ecrit_rien(modifier, mots, tmp_path):
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        enregistrer(registre, 1)
        enregistrer(registre, 2, **modifier)
        with pytest.raises(ErreurRegistre) as exc:
            exporter_scdl(registre, tmp_path / "d.csv", collectivite=COLLECTIVITE, siret=SIRET)
    message = str(exc.value)
    assert mots in message and "DEL2023_002" in message, message
    assert not (tmp_path / "d.csv").exists()


def test_siret_invalide_refuse(tmp_path):
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        enregistrer(registre, 1)
        with pytest.raises(ErreurRegistre) as exc:
            exporter_scdl(registre, tmp_path / "d.csv", collectivite=COLLECTIVITE, siret="21930048000014")
    assert "SIRET" in str(exc.value) and "clé" in str(exc.value)


def test_le_schema_refuse_ce_que_le_scdl_refuse(tmp_path):
    """frictionless, with our Table Schema, rejects rows the SCDL rejects: our validator is the schema's."""
    mauvais = tmp_path / "mauvais.csv"
    with mauvais.open("w", encoding="utf-8", newline="") as f:
        ecrivain = csv.writer(f)
        ecrivain.writerow(COLONNES)
        ecrivain.writerow(["Montreuil", "123", "X", "14/09/2023", "7.55.1", "x", "o", "23", "", "", "", "quarante",
                           "", "", "", "", "pas une url"])
    rapport = frictionless.validate(frictionless.Resource(path=mauvais.name, basepath=str(tmp_path),
                                                          schema=frictionless.Schema.from_descriptor(SCHEMA)))
    champs = {nom for (nom,) in rapport.flatten(["fieldName"])}
    assert {"COLL_SIRET", "DELIB_DATE", "DELIB_MATIERE_CODE", "BUDGET_ANNEE", "VOTE_EFFECTIF"} <= champs


def test_une_reception_en_prefecture_avant_la_deliberation_est_refusee(tmp_path):
    """PREF_DATE ≥ DELIB_DATE: the register refuses it when noted, the export checks it again."""
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        numero = enregistrer(registre, 1).numero
        with pytest.raises(ErreurRegistre):
            registre.noter_transmission(COLLECTIVITE, numero, transmis_le=dt.date(2023, 9, 1))
        lignes = lignes_scdl(registre.actes(), collectivite=COLLECTIVITE, siret=SIRET)
    lignes[0]["PREF_DATE"] = "2023-09-01"
    from deliberations.registre.scdl import problemes

    assert any("PREF_DATE" in p and "avant" in p for p in problemes(lignes))


def test_la_validation_parle_francais_et_nomme_la_colonne():
    from deliberations.registre.scdl import _valider

    mauvais = ",".join(COLONNES) + "\nMontreuil,123,X,2023-09-14,7.5,x,o,,,,,quarante,,,,,\n"
    fautes = _valider(mauvais.encode("utf-8"))
    assert "ligne 2 : colonne COLL_SIRET : valeur refusée par le schéma SCDL (constraint-error)" in fautes
    assert any("VOTE_EFFECTIF" in f for f in fautes)
