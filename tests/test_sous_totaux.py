"""Sub-total rows (issue 14): computed, checked, printed; never added twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lignes_docx
from deliberations import check, render, valider
from deliberations.calcul.tableaux import tableaux
from deliberations.erreurs import ErreurEntree, Severite
from exemples import point_minimal

NNBSP, NBSP = "\u202f", "\xa0"


def erreurs(donnees: dict) -> list[str]:
    return [f"{f.lieu.champ}: {f.message}" for f in check(valider(donnees)) if f.severite is Severite.ERREUR]


# The cost of an operation as plans print it: « Études » and « Travaux » each with its sub-total,
# then the total (the shape of the plans quoted in issue 14).
def cout(*lignes: object) -> dict:
    return point_minimal(annexes=[{
        "titre": "COÛT DE L'OPÉRATION",
        "tableaux": [{
            "colonnes": [{"nom": "poste", "titre": "Poste"}, {"nom": "montant", "titre": "Montant HT", "type": "montant"}],
            "lignes": list(lignes),
        }],
    }], expose=[{"paragraphes": ["Soit ${annexe1.lignes} postes pour ${annexe1.total.montant | euros} HT."]}])


ETUDES = [["Maîtrise d'œuvre", "18 000 €"], ["Diagnostic amiante", "2 000 €"]]
TRAVAUX = [["Gros œuvre", "80 000 €"], ["Menuiseries", "45 000 €"]]


@pytest.mark.parametrize("lignes, attendus", [
    pytest.param([*ETUDES, {"sous_total": "Sous-total études"}, *TRAVAUX, {"sous_total": "Sous-total travaux"}], [],
                 id="sous-totaux-calcules"),
    pytest.param([*ETUDES, {"sous_total": "Sous-total études", "montant": "20 000 €"}, *TRAVAUX,
                  {"sous_total": "Sous-total travaux", "montant": "125 000 €"}], [], id="sous-totaux-ecrits-justes"),
    pytest.param([*ETUDES, {"sous_total": "Sous-total études"}, *TRAVAUX,
                  {"sous_total": "Sous-total travaux", "montant": "120 000 €"}],
                 [f"annexes[1].tableaux[1].lignes[6].montant: « Sous-total travaux » : 120{NNBSP}000,00{NBSP}€ écrit, "
                  f"mais les 2 lignes au-dessus font 125{NNBSP}000,00{NBSP}€"], id="sous-total-ecrit-faux"),
    pytest.param([*ETUDES, ["Sous-total études", "20 000 €"], *TRAVAUX],
                 ["annexes[1].tableaux[1].lignes[3].poste: la ligne « Sous-total études » serait additionnée comme les "
                  "autres, donc comptée deux fois : écrivez-la {sous_total: Sous-total études} (calculée, vérifiée, "
                  "imprimée à sa place) ou retirez-la (la ligne des totaux est imprimée d'office)"],
                 id="sous-total-saisi-comme-une-ligne"),
    pytest.param([*ETUDES, *TRAVAUX, ["TOTAL", "145 000 €"]],
                 ["annexes[1].tableaux[1].lignes[5].poste: la ligne « TOTAL » serait additionnée comme les autres, donc "
                  "comptée deux fois : écrivez-la {sous_total: TOTAL} (calculée, vérifiée, imprimée à sa place) ou "
                  "retirez-la (la ligne des totaux est imprimée d'office)"], id="total-saisi-comme-une-ligne"),
    pytest.param([*ETUDES, ["Total Énergies (fourniture)", "5 000 €"]], [], id="beneficiaire-nomme-total"),
])
def test_sous_totaux(lignes: list, attendus: list[str]) -> None:
    assert erreurs(cout(*lignes)) == attendus


def test_les_sous_totaux_ne_comptent_ni_dans_le_total_ni_dans_les_lignes() -> None:
    point = valider(cout(*ETUDES, {"sous_total": "Sous-total études"}, *TRAVAUX, {"sous_total": "Sous-total travaux"}))
    ((tableau,),) = tableaux(point)
    assert len(tableau.lignes) == 4 and str(tableau.totaux["montant"]) == "145000"
    assert [(s.libelle, str(s.sommes["montant"])) for s in tableau.sous_totaux] == [
        ("Sous-total études", "20000"), ("Sous-total travaux", "125000")]


def test_sous_total_dans_une_colonne_non_totalisee() -> None:
    with pytest.raises(ErreurEntree) as exc:
        check(valider(cout(*ETUDES, {"sous_total": "Sous-total", "poste": "x"})))
    (message,) = [str(f) for f in exc.value.findings]
    assert "annexes[1].tableaux[1].lignes[3].poste: un sous-total n'a de valeur que dans une colonne totalisée" in message


def test_sous_totaux_imprimes_a_leur_place(tmp_path: Path) -> None:
    donnees = cout(*ETUDES, {"sous_total": "Sous-total études"}, *TRAVAUX, {"sous_total": "Sous-total travaux"})
    (rapport,) = [p for p in render(valider(donnees), tmp_path) if "rapport" in p.name]  # the annexes are the rapport's
    rangees = [l.replace(NNBSP, " ").replace(NBSP, " ") for l in lignes_docx(rapport) if "\t" in l]
    attendu = ["Maîtrise d'œuvre\t18 000,00 €", "Diagnostic amiante\t2 000,00 €", "Sous-total études\t20 000,00 €",
               "Gros œuvre\t80 000,00 €", "Menuiseries\t45 000,00 €", "Sous-total travaux\t125 000,00 €",
               "TOTAUX\t145 000,00 €"]
    debut = rangees.index(attendu[0])
    assert rangees[debut:debut + len(attendu)] == attendu
    texte = " ".join(lignes_docx(rapport)).replace(NNBSP, " ").replace(NBSP, " ")
    assert "Soit 4 postes pour 145 000 euros HT." in texte


# -- a breakdown by chapitre equals its detail ---------------------------------------


def ventilation(*lignes: list[str], par: str = "chapitre", tableau: str = "annexe1") -> dict:
    """Grants (annex 1) and their breakdown by chapitre (annex 2), as a CP's rapport prints them."""
    return point_minimal(expose=[], annexes=[
        {"titre": "SUBVENTIONS", "tableaux": [{
            "colonnes": [{"nom": "beneficiaire"}, {"nom": "chapitre"}, {"nom": "montant", "type": "montant"}],
            "lignes": [["Ville de Pantin", "65", "15 000 €"], ["Ville de Bagnolet", "65", "12 000 €"],
                       ["Association Relais", "204", "8 000 €"]],
        }]},
        {"titre": "RÉPARTITION PAR CHAPITRE", "tableaux": [{
            "colonnes": [{"nom": "chapitre"}, {"nom": "montant", "type": "montant"}],
            "lignes": list(lignes), "regroupe": {"tableau": tableau, "par": par},
        }]},
    ])


@pytest.mark.parametrize("lignes, options, attendus", [
    pytest.param([["65", "27 000 €"], ["204", "8 000 €"]], {}, [], id="ventilation-juste"),
    pytest.param([["65", "27 000 €"], ["204", "8 000 €"]], {"tableau": "annexe1.tableau1"}, [], id="tableau-nomme"),
    pytest.param([["65", "25 000 €"], ["204", "8 000 €"]], {},
                 [f"annexes[2].tableaux[1].lignes[1].montant: chapitre 65 : 25{NNBSP}000,00{NBSP}€ écrit, mais les 2 "
                  f"lignes de l'annexe 1 qui ont ce chapitre font 27{NNBSP}000,00{NBSP}€"], id="chapitre-faux"),
    pytest.param([["65", "27 000 €"]], {},
                 ["annexes[2].tableaux[1].regroupe: le chapitre 204 de l'annexe 1 (1 ligne) manque à ce tableau"],
                 id="chapitre-manquant"),
    pytest.param([["65", "27 000 €"], ["204", "8 000 €"], ["011", "0 €"]], {},
                 ["annexes[2].tableaux[1].lignes[3].chapitre: aucune ligne de l'annexe 1 n'a « 011 » en colonne "
                  "« chapitre »"], id="chapitre-en-trop"),
    pytest.param([["65", "27 000 €"]], {"par": "article"},
                 ["annexes[2].tableaux[1].regroupe.par: la colonne « article » regroupe les lignes : elle doit être "
                  "dans les deux tableaux"], id="colonne-absente"),
    pytest.param([["65", "27 000 €"]], {"tableau": "annexe3"},
                 ["annexes[2].tableaux[1].regroupe.tableau: tableau détaillé « annexe3 » inexistant"],
                 id="tableau-inexistant"),
])
def test_ventilation_par_chapitre(lignes: list, options: dict, attendus: list[str]) -> None:
    assert erreurs(ventilation(*lignes, **options)) == attendus
