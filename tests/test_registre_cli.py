"""The register from the command line (issue 15): ``deliberations registre enregistrer|reconstruire|liste|tables``
and ``deliberations export-scdl``.

Each command is tried with what should pass and what should be refused:
a register missing or not named, a séance with errors, a séance recorded
twice (nothing new), a lost register rebuilt (the same numbers), a number
already given (the whole séance refused), concurrent writers (no number
twice, none skipped) and a writer killed in the middle of its write (the
register usable, the numbers free).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import inspect
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import RACINE, lignes_docx, sans_espaces
from deliberations.langue.typographie import typographier
from deliberations.registre import Acte, Numerotation, Registre
from deliberations.registre.numerotation import formater, sequence_de
from test_entrees_invalides import Cas, ajouter, c, executer, preparer, sans_anglais, verifier_cas

POINTS = ["06-04-clauses-sociales.yaml", "06-05-insertion-activite-economique.yaml", "06-06-cofinancement-facilitateur.yaml"]
#: the vote each item gets: two adopted, one rejected
VOTES = {
    "06-04-clauses-sociales.yaml": "vote: {membres: 22, pour: 22, contre: 0, abstentions: 0, resultat: unanimité}",
    "06-05-insertion-activite-economique.yaml": "vote: {membres: 22, pour: 20, contre: 0, abstentions: 2, "
                                                "resultat: unanimité}",
    "06-06-cofinancement-facilitateur.yaml": "vote: {membres: 22, pour: 5, contre: 15, abstentions: 2, resultat: rejet}",
}
SIRET = "22930008201453"
SEINE_SAINT_DENIS = "Département de la Seine-Saint-Denis"
LIGNE = re.compile(r"^(?P<fichier>[^\n]+?)(?::(?P<ligne>\d+))?: (?P<severite>erreur|avertissement): ")


def lancer(argv: list[object], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, sortie, erreurs = executer([str(a) for a in argv], capsys)
    sans_anglais(sortie, erreurs)
    assert "Traceback" not in sortie + erreurs
    return code, sortie + erreurs


def dossier_de_seances(tmp_path: Path, *, numeros: bool = True, motif: str | None = None,
                       profil: str = "") -> Path:
    """The example's items, voted, taking instance and date from their séance (so that one item file can be on the
    agenda of several séances); with ``numeros=False`` they carry no number; ``motif``: the profile's numbering."""
    dossier = tmp_path / "seances"
    (dossier / "collectivites").mkdir(parents=True)
    for nom in POINTS:
        texte = (RACINE / "examples" / nom).read_text(encoding="utf-8")
        texte = texte.replace("seance:\n  instance: commission permanente\n  date: 2023-09-14\n", "", 1)
        texte = re.sub(r"(?m)^dates:\n(  .*\n)+", "dates: {}\n", texte)  # display dates would precede later séances
        if nom in VOTES:
            texte = texte.replace("vote: {}", VOTES[nom], 1)
        if not numeros:
            texte = re.sub(r'(?m)^numero: "[^"]*"\n', "", texte, count=1)
        (dossier / nom).write_text(texte, encoding="utf-8")
    texte = (RACINE / "examples" / "collectivites" / "seine-saint-denis.yaml").read_text(encoding="utf-8")
    if motif:
        texte += f'numerotation:\n  motif: "{motif}"\n'
    (dossier / "collectivites" / "seine-saint-denis.yaml").write_text(texte + profil, encoding="utf-8")
    seance(dossier, "2023-09-14")
    return dossier


def seance(dossier: Path, date: str, points: list[str] = POINTS, instance: str = "commission permanente") -> Path:
    chemin = dossier / f"seance-{date}.yaml"
    chemin.write_text(f"instance: {instance}\ndate: {date}\ncollectivite: collectivites/seine-saint-denis.yaml\n"
                      "points:\n" + "".join(f"  - {p}\n" for p in points), encoding="utf-8")
    return chemin


def numeros(registre: Path) -> list[tuple[str, str, int]]:
    """(date, number, rang) of every act of the register, by date and rang."""
    with Registre.ouvrir(registre, creer=False) as ouvert:
        return [(a.seance.isoformat(), a.numero, a.rang) for a in ouvert.actes()]


@pytest.fixture
def seances(tmp_path: Path) -> Path:
    return dossier_de_seances(tmp_path)


# --------------------------------------------------------------------------
# registre enregistrer


def test_enregistrer_une_seance_puis_encore(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "registre.sqlite"
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)
    assert code == 0, sortie
    assert "06-04 : enregistré (adopté, séance du 14/09/2023, point 1)" in sortie
    assert "06-05 : enregistré (adopté, séance du 14/09/2023, point 2)" in sortie
    assert "06-06 : enregistré (rejeté, séance du 14/09/2023, point 3)" in sortie
    assert f"{registre} : 3 actes enregistrés." in sortie
    assert numeros(registre) == [("2023-09-14", "06-04", 1), ("2023-09-14", "06-05", 2), ("2023-09-14", "06-06", 3)]
    with Registre.ouvrir(registre) as ouvert:
        acte = ouvert.trouver(SEINE_SAINT_DENIS, "06-05")
    assert (acte.membres, acte.votants, acte.pour, acte.contre, acte.abstentions) == (22, 22, 20, 0, 2)
    assert acte.matiere == "8.6" and acte.objet.startswith("SOUTIEN AUX STRUCTURES D'INSERTION")

    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)
    assert code == 0, sortie
    assert sortie.count("déjà enregistré (") == 3 and ": enregistré (" not in sortie
    assert f"{registre} : rien de nouveau, 3 actes déjà enregistrés, aucun numéro donné." in sortie
    assert len(numeros(registre)) == 3


def test_le_numero_actes_du_point_est_celui_du_registre(seances: Path, tmp_path: Path, capsys) -> None:
    """The register's ACTES number is the transmission's: the item's own (actes.numero), or derived from its number."""
    point = seances / "06-05-insertion-activite-economique.yaml"
    point.write_text(point.read_text(encoding="utf-8").replace("actes:\n", "actes:\n  numero: CP2023_0605\n", 1),
                     encoding="utf-8")
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    with Registre.ouvrir(registre) as ouvert:
        assert [(a.numero, a.numero_actes) for a in ouvert.actes()] == [
            ("06-04", "06_04"), ("06-05", "CP2023_0605"), ("06-06", "06_06")]


def test_un_point_pas_encore_vote_n_est_pas_enregistre(seances: Path, tmp_path: Path, capsys) -> None:
    point = seances / "06-04-clauses-sociales.yaml"
    point.write_text(point.read_text(encoding="utf-8").replace(VOTES[point.name], "vote: {}"), encoding="utf-8")
    registre = tmp_path / "r.sqlite"
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)
    assert code == 0, sortie
    (ligne,) = [l for l in sortie.splitlines() if "pas encore voté" in l]
    numero_de_ligne = point.read_text(encoding="utf-8").split("vote: {}")[0].count("\n") + 1
    assert ligne.startswith(f"{point}:{numero_de_ligne}: avertissement: vote.resultat: point 06-04 pas encore voté"), ligne
    assert [n for _, n, _ in numeros(registre)] == ["06-05", "06-06"]


@pytest.mark.parametrize("casser, attendu", [
    (lambda d: (d / "06-05-insertion-activite-economique.yaml").write_text(
        (d / "06-05-insertion-activite-economique.yaml").read_text(encoding="utf-8").replace("pour: 20", "pour: 30"),
        encoding="utf-8"), "32 voix et non-participations pour 22 membres"),
    (lambda d: (d / "06-06-cofinancement-facilitateur.yaml").unlink(), "point introuvable"),
])
def test_une_seance_en_erreur_n_enregistre_rien(seances: Path, tmp_path: Path, capsys, casser, attendu) -> None:
    casser(seances)
    registre = tmp_path / "r.sqlite"
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)
    assert code == 1, sortie
    assert attendu in sortie and "rien n'a été écrit" in sortie
    assert not registre.exists()


def test_sans_registre_nomme(seances: Path, capsys) -> None:
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml"], capsys)
    assert code == 2, sortie
    assert f"{seances / 'seance-2023-09-14.yaml'}: erreur: aucun registre : donnez son fichier" in sortie
    assert "registre: registre.sqlite" in sortie


def test_le_registre_du_profil_relatif_au_profil(tmp_path: Path, capsys) -> None:
    seances = dossier_de_seances(tmp_path, profil="registre: ../registres/cp.sqlite\n")
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml"], capsys)
    assert code == 0, sortie
    assert [n for _, n, _ in numeros(seances / "registres" / "cp.sqlite")] == ["06-04", "06-05", "06-06"]
    code, sortie = lancer(["registre", "liste", seances / "seance-2023-09-14.yaml", "-o", tmp_path / "liste"], capsys)
    assert code == 0, sortie


def test_la_numerotation_du_profil_donne_les_numeros_une_fois(tmp_path: Path, capsys) -> None:
    seances = dossier_de_seances(tmp_path, numeros=False, motif="DEL{AAAA}_{000}")
    seance(seances, "2023-10-05", POINTS[:2])
    registre = tmp_path / "r.sqlite"
    for fichier in ("seance-2023-09-14.yaml", "seance-2023-10-05.yaml", "seance-2023-09-14.yaml"):
        code, sortie = lancer(["registre", "enregistrer", seances / fichier, "--registre", registre], capsys)
        assert code == 0, sortie
    assert "DEL2023_001 : déjà enregistré" in sortie and "aucun numéro donné" in sortie
    assert numeros(registre) == [("2023-09-14", "DEL2023_001", 1), ("2023-09-14", "DEL2023_002", 2),
                                 ("2023-09-14", "DEL2023_003", 3), ("2023-10-05", "DEL2023_004", 1),
                                 ("2023-10-05", "DEL2023_005", 2)]
    rappel = f'{seances / POINTS[0]}: avertissement: numero: numéro DEL2023_001 donné par le registre : écrivez ' \
             '« numero: "DEL2023_001" » dans le point, pour que l\'acte l\'imprime'
    assert rappel in sortie
    # the number typed back in the item: the same act, nothing new, no reminder
    chemin = seances / POINTS[0]
    chemin.write_text('numero: "DEL2023_001"\n' + chemin.read_text(encoding="utf-8"), encoding="utf-8")
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre],
                          capsys)
    assert code == 0, sortie
    assert "DEL2023_001 : déjà enregistré" in sortie and "DEL2023_001 donné par le registre" not in sortie
    assert "DEL2023_002 donné par le registre" in sortie and len(numeros(registre)) == 5


def test_un_numero_deja_donne_refuse_toute_la_seance(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    autre = seances / "autre"
    autre.mkdir()
    shutil.copytree(seances / "collectivites", autre / "collectivites")
    for nom, numero in zip(POINTS[:2], ("07-01", "06-05")):  # the second number is already the act 06-05's
        texte = (seances / nom).read_text(encoding="utf-8")
        (autre / nom).write_text(re.sub(r'(?m)^numero: "[^"]*"', f'numero: "{numero}"', texte), encoding="utf-8")
    code, sortie = lancer(["registre", "enregistrer", seance(autre, "2023-10-05", POINTS[:2]), "--registre", registre],
                          capsys)
    assert code == 1, sortie
    assert f"{registre}: erreur: le numéro 06-05 (ACTES 06_05) est déjà donné à un autre acte" in sortie
    assert "rien n'a été écrit" in sortie
    assert len(numeros(registre)) == 3  # 07-01 not recorded either: one transaction


# --------------------------------------------------------------------------
# registre reconstruire


def test_reconstruire_un_registre_perdu_donne_les_memes_numeros(tmp_path: Path, capsys) -> None:
    seances = dossier_de_seances(tmp_path, numeros=False, motif="DEL{AAAA}_{000}")
    seance(seances, "2023-10-05", POINTS[1:])
    seance(seances, "2024-01-18", POINTS[:1])
    fichiers = [seances / f"seance-{d}.yaml" for d in ("2023-09-14", "2023-10-05", "2024-01-18")]
    registre = tmp_path / "r.sqlite"
    for fichier in fichiers:
        assert lancer(["registre", "enregistrer", fichier, "--registre", registre], capsys)[0] == 0
    avant = numeros(registre)
    assert [n for _, n, _ in avant] == ["DEL2023_001", "DEL2023_002", "DEL2023_003", "DEL2023_004", "DEL2023_005",
                                        "DEL2024_001"]
    registre.unlink()
    code, sortie = lancer(["registre", "reconstruire", *reversed(fichiers), "--registre", registre], capsys)
    assert code == 0, sortie
    assert f"{registre} : registre reconstruit, 6 actes de 3 séances." in sortie
    assert numeros(registre) == avant
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".deliberations")]  # nothing left behind
    # the counters follow: the next séance gets the next numbers
    assert lancer(["registre", "enregistrer", seance(seances, "2024-02-01", POINTS[1:2]), "--registre", registre],
                  capsys)[0] == 0
    assert numeros(registre)[-1] == ("2024-02-01", "DEL2024_002", 1)


def test_reconstruire_garde_les_numeros_que_portent_les_actes(tmp_path: Path, capsys) -> None:
    """Acts whose number was typed in their file keep it; the counter moves past them."""
    seances = dossier_de_seances(tmp_path, numeros=False, motif="DEL{AAAA}_{000}")
    for nom, numero in zip(POINTS, ("DEL2023_007", "DEL2023_012", "DEL2023_009")):
        chemin = seances / nom
        chemin.write_text(f'numero: "{numero}"\n' + chemin.read_text(encoding="utf-8"), encoding="utf-8")
    registre = tmp_path / "r.sqlite"
    code, sortie = lancer(["registre", "reconstruire", seances / "seance-2023-09-14.yaml", "--registre", registre],
                          capsys)
    assert code == 0, sortie
    assert [n for _, n, _ in numeros(registre)] == ["DEL2023_007", "DEL2023_012", "DEL2023_009"]
    with Registre.ouvrir(registre) as ouvert:  # the next act of 2023 by the counter
        suivant = ouvert.enregistrer(Acte(collectivite=SEINE_SAINT_DENIS, seance=dt.date(2023, 11, 9),
                                          instance="commission permanente", rang=1, objet="Suivant"),
                                     Numerotation(motif="DEL{AAAA}_{000}"))
    assert suivant.numero == "DEL2023_013"


def test_reconstruire_ne_remplace_jamais_un_registre(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    avant = registre.read_bytes()
    code, sortie = lancer(["registre", "reconstruire", seances / "seance-2023-09-14.yaml", "--registre", registre],
                          capsys)
    assert code == 1, sortie
    assert f"{registre}: erreur: le registre existe" in sortie
    assert registre.read_bytes() == avant
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".deliberations")]


def test_reconstruire_refuse_tout_si_une_seance_a_des_erreurs(seances: Path, tmp_path: Path, capsys) -> None:
    mauvaise = seance(seances, "2023-10-05", [*POINTS[:1], "absent.yaml"])
    registre = tmp_path / "r.sqlite"
    code, sortie = lancer(["registre", "reconstruire", seances / "seance-2023-09-14.yaml", mauvaise,
                           "--registre", registre], capsys)
    assert code == 1, sortie
    assert "point introuvable : absent.yaml" in sortie and "rien n'a été écrit" in sortie
    assert not registre.exists()


# --------------------------------------------------------------------------
# registre liste, registre tables, export-scdl


def test_la_liste_des_deliberations_de_la_seance(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    fichier = seances / "seance-2023-09-14.yaml"
    assert lancer(["registre", "enregistrer", fichier, "--registre", registre], capsys)[0] == 0
    code, sortie = lancer(["registre", "liste", fichier, "--registre", registre, "-o", tmp_path / "liste",
                           "--affichee-le", "18/09/2023"], capsys)
    assert code == 0, sortie
    chemin = tmp_path / "liste" / "liste-des-deliberations-2023-09-14.docx"
    assert f"écrit : {chemin}" in sortie
    lignes = [sans_espaces(l) for l in lignes_docx(chemin)]
    assert sans_espaces("LISTE DES DÉLIBÉRATIONS — COMMISSION PERMANENTE") in lignes
    assert any(l.startswith(sans_espaces("06-05\tSOUTIEN AUX STRUCTURES")) and
               l.endswith(sans_espaces("\tAdoptée\tà l'unanimité des suffrages exprimés (2 abstentions)")) for l in lignes)
    assert any(l.startswith("06-06\t") and l.endswith(sans_espaces("\tRejetée\t5 voix pour, 15 voix contre, 2 abstentions"))
               for l in lignes)
    assert sans_espaces("Liste affichée le 18 septembre 2023.") in lignes
    # once more: the file exists
    code, sortie = lancer(["registre", "liste", fichier, "--registre", registre, "-o", tmp_path / "liste"], capsys)
    assert code == 1 and "--force" in sortie, sortie
    code, sortie = lancer(["registre", "liste", fichier, "--registre", registre, "-o", tmp_path / "liste",
                           "--affichee-le", "2023-09-25", "--force"], capsys)
    assert code == 1 and "dans la semaine qui suit la séance" in sortie, sortie


def test_la_liste_sans_registre(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "absent.sqlite"
    code, sortie = lancer(["registre", "liste", seances / "seance-2023-09-14.yaml", "--registre", registre,
                           "-o", tmp_path / "liste"], capsys)
    assert code == 2, sortie
    assert f"{registre}: erreur: registre introuvable" in sortie
    assert not registre.exists() and not (tmp_path / "liste").exists()


@pytest.mark.parametrize("argv, code, attendu", [
    (["--annee", "23"], 2, "année sur quatre chiffres attendue"),
    (["--annee", "2023", "--collectivite", "Commune de Montreuil"], 1, "aucun acte de « Commune de Montreuil »"),
    (["--annee", "2023", "--collectivite", SEINE_SAINT_DENIS], 0, "tables-du-registre-2023.docx"),
])
def test_les_tables_du_registre(seances: Path, tmp_path: Path, capsys, argv, code, attendu) -> None:
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    resultat, sortie = lancer(["registre", "tables", "--registre", registre, "-o", tmp_path / "tables", *argv], capsys)
    assert resultat == code, sortie
    assert attendu in sortie
    if code == 0:
        lignes = [sans_espaces(l) for l in lignes_docx(tmp_path / "tables" / "tables-du-registre-2023.docx")]
        assert sans_espaces("Actes du 1er janvier 2023 au 31 décembre 2023") in lignes
        assert sum(l.startswith("14/09/2023\t") for l in lignes) == 3


def test_les_tables_d_un_registre_de_plusieurs_collectivites(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    with Registre.ouvrir(registre) as ouvert:
        ouvert.enregistrer(Acte(collectivite="Commune de Montreuil", seance=dt.date(2023, 9, 14),
                                instance="conseil municipal", rang=1, objet="Budget"), Numerotation())
    code, sortie = lancer(["registre", "tables", "--annee", "2023", "--registre", registre, "-o", tmp_path], capsys)
    assert code == 1, sortie
    assert "plusieurs collectivités" in sortie and "« Commune de Montreuil »" in sortie


def test_export_scdl(seances: Path, tmp_path: Path, capsys) -> None:
    registre, csv_ = tmp_path / "r.sqlite", tmp_path / "open-data" / "deliberations.csv"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    code, sortie = lancer(["export-scdl", "--registre", registre, "-o", csv_, "--siret", SIRET], capsys)
    assert code == 0, sortie
    assert f"écrit : {csv_}" in sortie
    lignes = list(csv.DictReader(csv_.read_text(encoding="utf-8").splitlines()))
    assert [(l["DELIB_ID"], l["DELIB_MATIERE_CODE"], l["VOTE_POUR"]) for l in lignes] == [
        ("06-04", "8.6", "22"), ("06-05", "8.6", "20")]  # 06-06 was rejected: not in the table
    assert {l["COLL_SIRET"] for l in lignes} == {SIRET}
    code, sortie = lancer(["export-scdl", "--registre", registre, "-o", csv_, "--siret", SIRET], capsys)
    assert code == 1 and "--force" in sortie, sortie


@pytest.mark.parametrize("argv, code, attendu", [
    (["--siret", "22930008201454"], 1, "SIRET « 22930008201454 » invalide"),
    (["--siret", SIRET, "--registre", "absent.sqlite"], 2, "registre introuvable"),
    (["--siret", SIRET, "--collectivite", "Commune de Montreuil"], 1, "aucun acte de « Commune de Montreuil »"),
    ([], 2, "deliberations export-scdl : erreur : --siret manquant (ou siret: dans le profil"),
])
def test_export_scdl_refuse(seances: Path, tmp_path: Path, capsys, monkeypatch, argv, code, attendu) -> None:
    monkeypatch.chdir(tmp_path)
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    if "--registre" not in argv:
        argv = [*argv, "--registre", registre]
    resultat, sortie = lancer(["export-scdl", "-o", tmp_path / "d.csv", *argv], capsys)
    assert resultat == code, sortie
    assert attendu in sortie
    assert not (tmp_path / "d.csv").exists()


def test_le_profil_donne_le_registre_le_nom_et_le_siret(tmp_path: Path, capsys) -> None:
    seances = dossier_de_seances(tmp_path, profil=f'registre: ../registres/cp.sqlite\nsiret: "{SIRET}"\n')
    profil = seances / "collectivites" / "seine-saint-denis.yaml"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml"], capsys)[0] == 0
    code, sortie = lancer(["export-scdl", "--profil", profil, "-o", tmp_path / "d.csv"], capsys)
    assert code == 0, sortie
    lignes = list(csv.DictReader((tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()))
    assert {(l["COLL_NOM"], l["COLL_SIRET"]) for l in lignes} == {(SEINE_SAINT_DENIS, SIRET)}
    code, sortie = lancer(["registre", "tables", "--annee", "2023", "--profil", profil, "-o", tmp_path], capsys)
    assert code == 0, sortie
    assert (tmp_path / "tables-du-registre-2023.docx").is_file()


@pytest.mark.parametrize("profil, argv, code, attendu", [
    ("", ["--siret", SIRET], 2, "le profil ne nomme pas de registre"),
    (None, ["--siret", SIRET], 2, "introuvable"),
    ("registre: r.sqlite\n", [], 2, "--siret manquant"),
    ("registre: r.sqlite\nsiret: 123\n", [], 1, "siret"),
    ("registre: r.sqlite\nnumerotation: {motif: \"{x}\"}\n", ["--siret", SIRET], 1, "{x} inconnu"),
])
def test_export_scdl_avec_un_profil_refuse(tmp_path: Path, capsys, profil, argv, code, attendu) -> None:
    chemin = tmp_path / "profil.yaml"
    if profil is not None:
        chemin.write_text((RACINE / "examples" / "collectivites" / "seine-saint-denis.yaml").read_text(encoding="utf-8")
                          + profil, encoding="utf-8")
    resultat, sortie = lancer(["export-scdl", "--profil", chemin, "-o", tmp_path / "d.csv", *argv], capsys)
    assert resultat == code, sortie
    assert attendu in sortie
    for ligne in sortie.splitlines():
        assert LIGNE.match(ligne) or ligne.startswith(("deliberations export-scdl : erreur : ", "rien n'a été")), ligne
    assert not (tmp_path / "d.csv").exists() and not (tmp_path / "r.sqlite").exists()


def test_sans_registre_ni_profil(tmp_path: Path, capsys) -> None:
    for argv in (["export-scdl", "-o", tmp_path / "d.csv", "--siret", SIRET], ["registre", "tables", "--annee", "2023"]):
        code, sortie = lancer(argv, capsys)
        assert code == 2 and "--registre manquant (ou --profil" in sortie, sortie


@pytest.mark.parametrize("commande", [["registre", "enregistrer", "SEANCE"], ["registre", "liste", "SEANCE", "-o", "x"],
                                      ["registre", "tables", "--annee", "2023"], ["export-scdl", "-o", "x.csv",
                                                                                  "--siret", SIRET]])
def test_un_dossier_au_lieu_du_registre(seances: Path, tmp_path: Path, capsys, commande) -> None:
    argv = [seances / "seance-2023-09-14.yaml" if a == "SEANCE" else a for a in commande]
    code, sortie = lancer([*argv, "--registre", tmp_path], capsys)
    assert code == 2, sortie
    assert f"{tmp_path}: erreur: est un dossier, pas un registre (un fichier .sqlite)" in sortie


def test_registre_sans_action(capsys) -> None:
    code, sortie = lancer(["registre"], capsys)
    assert code == 2 and "action manquante" in sortie


def test_un_fichier_qui_n_est_pas_un_registre(seances: Path, tmp_path: Path, capsys) -> None:
    faux = tmp_path / "faux.sqlite"
    faux.write_text("pas une base\n" * 50, encoding="utf-8")
    code, sortie = lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", faux], capsys)
    assert code == 1, sortie
    assert f"{faux}: erreur: ce fichier n'est pas un registre utilisable (ce n'est pas une base SQLite, ou elle " \
           "est abîmée)" in sortie


# --------------------------------------------------------------------------
# Several processes at once, and a process killed while it writes


def _cli(*argv: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "deliberations.cli", *map(str, argv)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def test_des_enregistrements_simultanes_ne_donnent_jamais_deux_fois_un_numero(tmp_path: Path) -> None:
    seances = dossier_de_seances(tmp_path, numeros=False, motif="{AAAA}-{000}")
    fichiers = [seance(seances, f"2023-{mois:02d}-05", POINTS) for mois in (3, 4, 5, 6)]
    registre = tmp_path / "partage.sqlite"
    processus = [_cli("registre", "enregistrer", f, "--registre", registre, "--jobs", "1") for f in fichiers]
    for p in processus:
        sortie, erreurs = p.communicate(timeout=300)
        assert p.returncode == 0, sortie + erreurs
    actes = numeros(registre)
    assert sorted(n for _, n, _ in actes) == [f"2023-{k:03d}" for k in range(1, 13)]  # each once, none skipped
    for date in {d for d, _, _ in actes}:  # a séance's acts numbered together, in agenda order
        suite = [int(n[-3:]) for d, n, _ in actes if d == date]
        assert suite == list(range(suite[0], suite[0] + 3))


def test_un_enregistrement_tue_en_pleine_ecriture_ne_prend_aucun_numero(tmp_path: Path) -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("pas de SIGKILL sur ce système")
    seances = dossier_de_seances(tmp_path, numeros=False, motif="DEL{AAAA}_{000}")
    premiere, seconde = seances / "seance-2023-09-14.yaml", seance(seances, "2023-10-05", POINTS)
    registre = tmp_path / "r.sqlite"
    assert subprocess.run([sys.executable, "-m", "deliberations.cli", "registre", "enregistrer", str(premiere),
                           "--registre", str(registre)], capture_output=True).returncode == 0
    script = textwrap.dedent(f"""
        import os, signal
        from deliberations.cli import main
        from deliberations.registre import base
        vrai, ecrits = base.Registre._inserer, []
        def inserer_puis_mourir(self, *args, **kwargs):
            vrai(self, *args, **kwargs)
            ecrits.append(1)
            if len(ecrits) == 2:  # the séance's second act written, not committed
                os.kill(os.getpid(), signal.SIGKILL)
        base.Registre._inserer = inserer_puis_mourir
        main(["registre", "enregistrer", {str(seconde)!r}, "--registre", {str(registre)!r}, "--jobs", "1"])
    """)
    fini = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert fini.returncode == -signal.SIGKILL, fini.stderr
    assert [n for _, n, _ in numeros(registre)] == ["DEL2023_001", "DEL2023_002", "DEL2023_003"]
    fini = subprocess.run([sys.executable, "-m", "deliberations.cli", "registre", "enregistrer", str(seconde),
                           "--registre", str(registre)], capture_output=True, text=True)
    assert fini.returncode == 0, fini.stdout + fini.stderr
    assert [n for d, n, _ in numeros(registre) if d == "2023-10-05"] == ["DEL2023_004", "DEL2023_005", "DEL2023_006"]


def test_une_reconstruction_tuee_ne_laisse_aucun_registre(tmp_path: Path) -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("pas de SIGKILL sur ce système")
    seances = dossier_de_seances(tmp_path, numeros=False, motif="DEL{AAAA}_{000}")
    fichier, registre = seances / "seance-2023-09-14.yaml", tmp_path / "registres" / "r.sqlite"
    script = textwrap.dedent(f"""
        import os, signal
        from deliberations.cli import main
        from deliberations.registre import base
        vrai = base.Registre._inserer
        def inserer_puis_mourir(self, *args, **kwargs):
            vrai(self, *args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        base.Registre._inserer = inserer_puis_mourir
        main(["registre", "reconstruire", {str(fichier)!r}, "--registre", {str(registre)!r}, "--jobs", "1"])
    """)
    fini = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert fini.returncode == -signal.SIGKILL, fini.stderr
    assert not registre.exists()
    fini = subprocess.run([sys.executable, "-m", "deliberations.cli", "registre", "reconstruire", str(fichier),
                           "--registre", str(registre)], capture_output=True, text=True)
    assert fini.returncode == 0, fini.stdout + fini.stderr
    assert [n for _, n, _ in numeros(registre)] == ["DEL2023_001", "DEL2023_002", "DEL2023_003"]
    assert [p.name for p in registre.parent.iterdir()] == ["r.sqlite"]  # the killed run's folder removed


# --------------------------------------------------------------------------
# Properties: a number read back gives its counter; a rebuilt register numbers as the first one did


@settings(max_examples=200, deadline=None)
@given(prefixe=st.sampled_from(["DEL", "CP_", "", "D-"]), date=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
       rang=st.integers(1, 300), sequence=st.integers(0, 99999), largeur=st.integers(1, 4),
       forme=st.sampled_from(["{AAAA}_", "{AA}{MM}-", "{JJ}.{rang}.", ""]))
def test_une_sequence_se_relit(prefixe, date, rang, sequence, largeur, forme):
    motif = f"{prefixe}{forme}{{{'0' * largeur}}}"
    numero = formater(motif, date=date, rang=rang, sequence=sequence)
    assert sequence_de(motif, numero, date=date, rang=rang) == sequence
    assert sequence_de(motif, numero + "x", date=date, rang=rang) is None


@settings(max_examples=60, deadline=None)
@given(seances=st.lists(st.tuples(st.dates(dt.date(2022, 1, 1), dt.date(2024, 12, 31)), st.integers(1, 4)),
                        min_size=1, max_size=6, unique_by=lambda s: s[0]),
       propres=st.sets(st.integers(0, 30), max_size=5))
def test_un_registre_reconstruit_numerote_comme_le_premier(tmp_path_factory, seances, propres):
    """Séances recorded in date order, some acts' numbers typed back in their files: a rebuild from them gives
    every act its number and leaves the counters where they were."""
    numerotation = Numerotation(motif="DEL{AAAA}_{000}")
    dossier = tmp_path_factory.mktemp("registres")
    actes = [Acte(collectivite="C", seance=d, instance="conseil", rang=r, objet=f"{d} {r}")
             for d, n in sorted(seances) for r in range(1, n + 1)]
    with Registre.ouvrir(dossier / "premier.sqlite") as premier:
        donnes = premier.enregistrer_tous([(a, numerotation) for a in actes])
        suivant = premier.enregistrer(Acte(collectivite="C", seance=dt.date(2024, 12, 31), instance="x", rang=1,
                                           objet="suivant"), numerotation).numero
    repris = [Acte(**{**a.__dict__, "numero": d.numero}) if k in propres else a
              for k, (a, d) in enumerate(zip(actes, donnes))]
    with Registre.ouvrir(dossier / "second.sqlite") as second:
        refaits = second.enregistrer_tous([(a, numerotation) for a in repris], suivre_les_numeros=True)
        assert [a.numero for a in refaits] == [a.numero for a in donnes]
        assert second.enregistrer(Acte(collectivite="C", seance=dt.date(2024, 12, 31), instance="x", rang=1,
                                       objet="suivant"), numerotation).numero == suivant


# --------------------------------------------------------------------------
# Bad input in the profile, through ``check``: file, line, field, French message


CATALOGUE_REGISTRE = [
    c("numerotation-jeton-inconnu", None, 1, ("collectivite.numerotation.motif", "{nnn} inconnu", "jetons permis"),
      'motif: "DEL{AAAA}_{nnn}"', profil=ajouter('numerotation:\n  motif: "DEL{AAAA}_{nnn}"\n'), fichier="profil"),
    c("numerotation-deux-compteurs", None, 1, ("collectivite.numerotation.motif", "deux compteurs"),
      'motif: "{000}-{00}"', profil=ajouter('numerotation:\n  motif: "{000}-{00}"\n'), fichier="profil"),
    c("numerotation-accolade", None, 1, ("collectivite.numerotation.motif", "accolade sans sa paire"),
      'motif: "DEL{AAAA"', profil=ajouter('numerotation:\n  motif: "DEL{AAAA"\n'), fichier="profil"),
    c("numerotation-remise-inconnue", None, 1, ("collectivite.numerotation.remise", "mensuelle"),
      "remise: mensuelle", profil=ajouter('numerotation:\n  motif: "{000}"\n  remise: mensuelle\n'), fichier="profil"),
    c("numerotation-sans-motif", None, 1, ("collectivite.numerotation",),
      "numerotation:", profil=ajouter('numerotation:\n  remise: jamais\n'), fichier="profil"),
    c("numerotation-cle-inconnue", None, 1, ("collectivite.numerotation", "motif_actes"),
      "motif_acte:", profil=ajouter('numerotation:\n  motif: "{000}"\n  motif_acte: "{000}"\n'), fichier="profil"),
    c("registre-vide", None, 1, ("collectivite.registre",), 'registre: ""', profil=ajouter('registre: ""\n'),
      fichier="profil"),
]


@pytest.mark.parametrize("cas", CATALOGUE_REGISTRE)
def test_entree_invalide_du_registre(cas: Cas, tmp_path: Path, capsys, monkeypatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert dossier.etat() == avant


def test_une_numerotation_juste_est_acceptee(tmp_path: Path, capsys) -> None:
    dossier = preparer(tmp_path, Cas("juste", None, 0, (), profil=ajouter(
        'registre: registre.sqlite\nnumerotation:\n  motif: "CP{AA}-{MM}-{000}"\n  remise: jamais\n'
        '  motif_actes: "CP{AAAA}{000}"\n')))
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    assert code == 0, sortie + erreurs


# --------------------------------------------------------------------------
# One surface: each option of a register command is a parameter of the function it calls


def _options_de(*chemin: str) -> set[str]:
    from deliberations.cli import _analyseur

    analyseur = _analyseur()
    for nom in chemin:
        sous = next(a for a in analyseur._actions if isinstance(a, argparse._SubParsersAction))
        analyseur = sous.choices[nom]
    return {a.dest for a in analyseur._actions if a.option_strings and a.dest != "help"}


@pytest.mark.parametrize("chemin, fonctions, propres", [
    (("registre", "enregistrer"), ["charger_seance", "enregistrer_seance"], set()),
    (("registre", "reconstruire"), ["charger_seance", "reconstruire_registre"], set()),
    (("registre", "liste"), ["charger_seance", "rendre_liste_de_la_seance"], {"sortie"}),  # the function's dossier
    # --profil: the profile read by registre.profil.charger_profil, whose values the other options replace
    (("registre", "tables"), ["rendre_tables_de_l_annee"], {"sortie", "profil"}),
    (("export-scdl",), ["exporter_scdl"], {"profil"}),
])
def test_chaque_option_est_un_parametre(chemin, fonctions, propres) -> None:
    from deliberations.registre import documents, scdl, seances
    from deliberations.seance import chargement

    modules = [chargement, seances, documents, scdl]
    parametres = {p for nom in fonctions for m in modules if hasattr(m, nom)
                  for p in inspect.signature(getattr(m, nom)).parameters}
    assert not _options_de(*chemin) - propres - parametres


@pytest.mark.outil("soffice", "pdftotext")
def test_la_liste_en_pdf(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    fichier = seances / "seance-2023-09-14.yaml"
    assert lancer(["registre", "enregistrer", fichier, "--registre", registre], capsys)[0] == 0
    code, sortie = lancer(["registre", "liste", fichier, "--registre", registre, "-o", tmp_path / "pub", "--pdf"],
                          capsys)
    assert code == 0, sortie
    pdf = tmp_path / "pub" / "liste-des-deliberations-2023-09-14.pdf"
    assert f"écrit : {pdf}" in sortie
    texte = sans_espaces(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                        check=True).stdout)
    assert "06-06" in texte and "Rejetée" in texte and "3délibérationsexaminées:2adoptées,1rejetée" in texte


def test_l_objet_arrive_intact_au_registre_et_a_la_liste(seances: Path, tmp_path: Path, capsys) -> None:
    point = seances / "06-05-insertion-activite-economique.yaml"
    saisi = "SOUTIEN\u00a0AUX  STRUCTURES « D'INSERTION » & <AUTRES>\u202f"
    point.write_text(point.read_text(encoding="utf-8").replace("SOUTIEN AUX STRUCTURES D'INSERTION", saisi, 1),
                     encoding="utf-8")
    registre, fichier = tmp_path / "r.sqlite", seances / "seance-2023-09-14.yaml"
    assert lancer(["registre", "enregistrer", fichier, "--registre", registre], capsys)[0] == 0
    with Registre.ouvrir(registre) as ouvert:
        objet = ouvert.trouver(SEINE_SAINT_DENIS, "06-05").objet
    assert objet.startswith(saisi)
    assert lancer(["registre", "liste", fichier, "--registre", registre, "-o", tmp_path / "liste"], capsys)[0] == 0
    lignes = lignes_docx(tmp_path / "liste" / "liste-des-deliberations-2023-09-14.docx")
    imprime = typographier(objet)  # printed with the French typography of every document (« » spaced…)
    assert "&" in imprime and "<AUTRES>" in imprime
    assert f"06-05\t{imprime}\tAdoptée\tà l'unanimité des suffrages exprimés (2 abstentions)" in lignes, lignes


def test_la_liste_d_une_seance_pas_encore_enregistree(seances: Path, tmp_path: Path, capsys) -> None:
    registre = tmp_path / "r.sqlite"
    assert lancer(["registre", "enregistrer", seances / "seance-2023-09-14.yaml", "--registre", registre], capsys)[0] == 0
    autre = seance(seances, "2023-10-05", POINTS[:1])
    code, sortie = lancer(["registre", "liste", autre, "--registre", registre, "-o", tmp_path / "liste"], capsys)
    assert code == 1, sortie
    assert f"{registre}: erreur: aucun acte de {SEINE_SAINT_DENIS} enregistré pour la séance du 05/10/2023" in sortie
    assert not (tmp_path / "liste").exists()
