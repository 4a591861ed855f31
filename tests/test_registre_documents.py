"""From the register: the liste des délibérations (L2121-25) and the register tables by date and by objet (R2121-9).

Both are Word documents rendered from what the register holds, never from
the items' files: a number, an objet or a result is typed once.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from conftest import lignes_docx, sans_espaces
from deliberations.registre import Acte, Numerotation, Registre
from deliberations.registre.documents import (
    contexte_liste,
    contexte_tables,
    phrase_de_vote,
    rendre_liste,
    rendre_tables,
)

COMMUNE = "Commune de Montreuil"
NUMEROTATION = Numerotation(motif="DEL{AAAA}_{000}")


@pytest.mark.parametrize("pour, contre, abstentions, attendu", [
    (27, 0, 0, "à l'unanimité"),
    (25, 0, 2, "à l'unanimité des suffrages exprimés (2 abstentions)"),
    (25, 0, 1, "à l'unanimité des suffrages exprimés (1 abstention)"),
    (21, 3, 2, "21 voix pour, 3 voix contre, 2 abstentions"),
    (20, 1, 0, "20 voix pour, 1 voix contre"),
    (1, 1, 0, "1 voix pour, 1 voix contre"),
    (None, None, None, ""),
])
def test_phrase_de_vote(pour, contre, abstentions, attendu):
    assert phrase_de_vote(pour, contre, abstentions) == attendu


def remplir(registre: Registre) -> None:
    seance = dt.date(2023, 9, 14)
    for rang, (objet, resultat, votes) in enumerate([
        ("Budget supplémentaire 2023", "adopté", (27, 0, 0)),
        ("Adhésion à l'association des maires", "adopté", (21, 3, 2)),
        ("Vente du terrain des Ruffins", "rejeté", (10, 16, 1)),
    ], 1):
        pour, contre, abstentions = votes
        registre.enregistrer(Acte(collectivite=COMMUNE, seance=seance, instance="conseil municipal", rang=rang,
                                  objet=objet, resultat=resultat, pour=pour, contre=contre, abstentions=abstentions),
                             NUMEROTATION)
    registre.enregistrer(Acte(collectivite=COMMUNE, seance=dt.date(2023, 10, 5), instance="conseil municipal", rang=1,
                              objet="Acquisition d'un véhicule", pour=27, contre=0, abstentions=0), NUMEROTATION)


def test_la_liste_des_deliberations_de_la_seance(tmp_path):
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        remplir(registre)
        contexte = contexte_liste(registre, collectivite=COMMUNE, seance=dt.date(2023, 9, 14),
                                  instance="conseil municipal", affichee_le=dt.date(2023, 9, 18))
        chemin = rendre_liste(registre, tmp_path / "liste.docx", collectivite=COMMUNE, seance=dt.date(2023, 9, 14),
                              instance="conseil municipal", affichee_le=dt.date(2023, 9, 18))
    assert [a["numero"] for a in contexte["actes"]] == ["DEL2023_001", "DEL2023_002", "DEL2023_003"]
    lignes = [sans_espaces(l) for l in lignes_docx(chemin)]
    assert sans_espaces("Commune de Montreuil") in lignes
    assert sans_espaces("LISTE DES DÉLIBÉRATIONS — CONSEIL MUNICIPAL") in lignes
    assert sans_espaces("Séance du jeudi 14 septembre 2023") in lignes
    assert sans_espaces("DEL2023_001\tBudget supplémentaire 2023\tAdoptée\tà l'unanimité") in lignes
    assert sans_espaces("DEL2023_002\tAdhésion à l'association des maires\tAdoptée\t21 voix pour, 3 voix contre, "
                        "2 abstentions") in lignes
    assert sans_espaces("DEL2023_003\tVente du terrain des Ruffins\tRejetée\t10 voix pour, 16 voix contre, "
                        "1 abstention") in lignes
    assert sans_espaces("\t3 délibérations examinées : 2 adoptées, 1 rejetée\t\t") in lignes
    assert sans_espaces("Liste affichée le 18 septembre 2023.") in lignes
    assert not any("Acquisition" in l for l in lignes)  # another séance


def test_une_affichage_tardif_est_refuse(tmp_path):
    from deliberations.erreurs import ErreurRegistre

    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        remplir(registre)
        with pytest.raises(ErreurRegistre) as exc:
            contexte_liste(registre, collectivite=COMMUNE, seance=dt.date(2023, 9, 14), instance="conseil municipal",
                           affichee_le=dt.date(2023, 9, 22))
    assert "dans la semaine" in str(exc.value)


def test_les_tables_du_registre(tmp_path):
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        remplir(registre)
        chemin = rendre_tables(registre, tmp_path / "tables.docx", collectivite=COMMUNE, du=dt.date(2023, 1, 1),
                               au=dt.date(2023, 12, 31))
        contexte = contexte_tables(registre, collectivite=COMMUNE, du=dt.date(2023, 1, 1), au=dt.date(2023, 12, 31))
    assert [a["objet"] for a in contexte["par_objet"]] == [
        "Acquisition d'un véhicule", "Adhésion à l'association des maires", "Budget supplémentaire 2023",
        "Vente du terrain des Ruffins"]
    lignes = [sans_espaces(l) for l in lignes_docx(chemin)]
    assert sans_espaces("Actes du 1er janvier 2023 au 31 décembre 2023") in lignes
    debut_date, debut_objet = lignes.index("TABLECHRONOLOGIQUE"), lignes.index("TABLEPAROBJET")
    par_date = [l for l in lignes[debut_date:debut_objet] if l.startswith(("14/", "05/"))]
    assert [l.split("\t")[2] for l in par_date] == ["DEL2023_001", "DEL2023_002", "DEL2023_003", "DEL2023_004"]
    par_objet = [l for l in lignes[debut_objet:] if re.match(r"[A-Z]", l) and "\t" in l][1:]
    assert [l.split("\t")[0] for l in par_objet] == [sans_espaces(a["objet"]) for a in contexte["par_objet"]]


@pytest.mark.outil("soffice", "pdftotext")
def test_la_liste_en_pdf(tmp_path):
    from deliberations.sortie.ecriture import convertir_pdf

    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        remplir(registre)
        liste = rendre_liste(registre, tmp_path / "liste.docx", collectivite=COMMUNE, seance=dt.date(2023, 9, 14),
                             instance="conseil municipal")
    (pdf,) = convertir_pdf([liste], tmp_path)
    texte = sans_espaces(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                        check=True).stdout)
    assert "VenteduterraindesRuffins" in texte and "Rejetée" in texte
