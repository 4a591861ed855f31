"""Every check, with a failing and a passing case."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from deliberations import check, valider
from deliberations.controles.checks import dates_ecrites, montants_ecrits
from deliberations.erreurs import ErreurEntree, Severite
from exemples import point_minimal


def erreurs(donnees: dict) -> list[str]:
    return [f"{f.lieu.champ}: {f.message}" for f in check(valider(donnees)) if f.severite is Severite.ERREUR]


def avertissements(donnees: dict) -> list[str]:
    return [f"{f.lieu.champ}: {f.message}" for f in check(valider(donnees)) if f.severite is Severite.AVERTISSEMENT]


def test_point_coherent_sans_constat() -> None:
    assert check(valider(point_minimal())) == []


# -- computed columns ---------------------------------------------------------


def test_colonne_calculee_fausse() -> None:
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["lignes"][0][3] = "31000"
    donnees["annexes"][0]["tableaux"][0]["totaux"]["total"] = "61000"  # the printed total follows the typo
    (message,) = erreurs(donnees)
    assert message.startswith("annexes[1].tableaux[1].lignes[1].total:")
    assert "acompte + solde" in message and "30\u202f000,00\xa0€" in message


def test_colonne_calculee_omise_est_calculee() -> None:
    donnees = point_minimal()
    assert erreurs(donnees) == []  # row 2 has no total: computed, consistent


# -- declared totals ----------------------------------------------------------


def test_total_imprime_faux() -> None:
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["totaux"]["solde"] = "35 000,00 €"
    (message,) = erreurs(donnees)
    assert message.startswith("annexes[1].tableaux[1].totaux.solde:")
    assert "35\u202f000,00\xa0€" in message and "30\u202f000,00\xa0€" in message


def test_total_imprime_juste() -> None:
    assert erreurs(point_minimal()) == []


def test_changer_un_montant_fait_echouer_le_total() -> None:
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["lignes"][1][1] = "14000"
    messages = erreurs(donnees)
    assert any(m.startswith("annexes[1].tableaux[1].totaux.acompte:") for m in messages)


# -- share tables ---------------------------------------------------------------


def plan(parts: list[str], montants: list[str], base: str = "147000") -> dict:
    return point_minimal(annexes=[{
        "titre": "PLAN DE FINANCEMENT",
        "tableaux": [{
            "colonnes": [
                {"nom": "financeur"},
                {"nom": "part", "type": "pourcentage", "total": True},
                {"nom": "montant", "type": "montant"},
            ],
            "lignes": [[f"Financeur {i}", p, m] for i, (p, m) in enumerate(zip(parts, montants))],
            "repartition": {"base": base, "part": "part", "montant": "montant"},
        }],
    }], expose=[], valeurs={"plafond": "15 000 €"})


def test_repartition_juste() -> None:
    donnees = plan(["21", "20", "20", "20", "19"], ["30870", "29400", "29400", "29400", "27930"])
    assert erreurs(donnees) == []


def test_repartition_parts_pas_100() -> None:
    donnees = plan(["21", "20", "20", "20", "20"], ["30870", "29400", "29400", "29400", "29400"])
    messages = erreurs(donnees)
    assert any("les parts font 101\xa0%, pas 100\xa0%" in m for m in messages)


def test_repartition_montant_faux() -> None:
    donnees = plan(["21", "20", "20", "20", "19"], ["30870", "29400", "29000", "29800", "27930"])
    messages = erreurs(donnees)
    assert any(m.startswith("annexes[1].tableaux[1].lignes[3].montant:") and "29\u202f400,00\xa0€" in m for m in messages)


def test_repartition_reste_de_l_arrondi_sur_la_derniere_ligne() -> None:
    # 100 € in thirds: 33,33 + 33,33 + 33,34 (the last line takes the remainder).
    donnees = plan(["33.33", "33.33", "33.34"], ["33.33", "33.33", "33.34"], base="100")
    assert erreurs(donnees) == []
    faux = plan(["33.33", "33.33", "33.34"], ["33.34", "33.33", "33.33"], base="100")
    assert erreurs(faux)


def test_repartition_somme_differente_de_la_base() -> None:
    donnees = plan(["50", "50"], ["500", "400"], base="1000")
    assert any("les montants font 900,00\xa0€, mais la base est 1\u202f000,00\xa0€" in m for m in erreurs(donnees))


# -- literal amounts in prose ---------------------------------------------------


def test_montant_ecrit_sans_correspondance() -> None:
    donnees = point_minimal(expose=[{"paragraphes": ["Une aide pouvant atteindre 25 000 € par an."]}])
    (message,) = avertissements(donnees)
    assert message.startswith("expose[1].paragraphes[1]:") and "25 000 €" in message
    assert erreurs(donnees) == []


def test_montant_ecrit_present_dans_l_annexe() -> None:
    donnees = point_minimal(expose=[{"paragraphes": ["Jusqu'à 30 000 € au lieu de 15 000 €."]}])
    assert avertissements(donnees) == []


@pytest.mark.parametrize("texte, attendu", [
    ("30 000 €", ["30000"]),
    ("30\u202f000,50\xa0€", ["30000.50"]),
    ("15 000 euros", ["15000"]),
    ("147 k€", ["147000"]),
    ("2 M€", ["2000000"]),
    ("un euro", []),
    ("l'an 2023 et 12 structures", []),
])
def test_montants_ecrits(texte: str, attendu: list[str]) -> None:
    assert [str(v) for v, _ in montants_ecrits(texte)] == attendu


# -- dates --------------------------------------------------------------------


def test_visa_date_apres_la_seance() -> None:
    donnees = point_minimal(visas=[{"nature": "loi", "numero": "2024-1", "date": "2024-01-10", "titre": "relative à x"}])
    (message,) = erreurs(donnees)
    assert message.startswith("visas[1].date:") and "10 janvier 2024" in message


def test_visa_texte_libre_date_apres_la_seance() -> None:
    donnees = point_minimal(visas=["la délibération n° 12 du 1er octobre 2023 portant délégation"])
    (message,) = erreurs(donnees)
    assert "1er octobre 2023" in message


def test_visa_date_avant_la_seance() -> None:
    donnees = point_minimal(visas=[{"nature": "loi", "numero": "92-722", "date": "1992-07-29", "titre": "portant x"}])
    assert erreurs(donnees) == []


@pytest.mark.parametrize("champ", ["affichage", "publication", "notification", "executoire"])
def test_date_de_l_acte_avant_la_seance(champ: str) -> None:
    (message,) = erreurs(point_minimal(dates={champ: "2023-09-13"}))
    assert message.startswith(f"dates.{champ}:") and "13 septembre 2023" in message


def test_dates_de_l_acte_apres_la_seance() -> None:
    donnees = point_minimal(dates={"affichage": "2023-09-14", "notification": "2023-09-20", "executoire": "2023-09-21"})
    assert erreurs(donnees) == []


def test_jour_de_la_semaine_faux() -> None:
    donnees = point_minimal(expose=[{"paragraphes": ["La réunion du mercredi 14 septembre 2023."]}])
    (message,) = erreurs(donnees)
    assert "est un jeudi" in message


def test_jour_de_la_semaine_juste() -> None:
    donnees = point_minimal(expose=[{"paragraphes": ["La réunion du jeudi 14 septembre 2023 et du vendredi 1er septembre 2023."]}])
    assert erreurs(donnees) == []


def test_date_impossible_en_toutes_lettres() -> None:
    donnees = point_minimal(expose=[{"paragraphes": ["Le 30 février 2023."]}])
    (message,) = erreurs(donnees)
    assert "date impossible" in message


def test_dates_ecrites() -> None:
    assert [(str(d), j) for d, j, _ in dates_ecrites("Le samedi 1er juillet 2023.")] == [("2023-07-01", "samedi")]


# -- vote ---------------------------------------------------------------------


@pytest.mark.parametrize("vote, attendu", [
    ({"membres": 10, "pour": 8, "contre": 2, "abstentions": 1, "resultat": "majorité"}, "11 voix et non-participations pour 10 membres"),
    ({"pour": 8, "contre": 1, "resultat": "unanimité"}, "« unanimité » avec 1 voix contre"),
    ({"pour": 3, "contre": 5, "resultat": "majorité"}, "adopté avec 3 voix pour et 5 contre"),
    ({"pour": 5, "contre": 3, "resultat": "rejet"}, "rejeté avec 5 voix pour et 3 contre"),
])
def test_vote_incoherent(vote: dict, attendu: str) -> None:
    assert any(attendu in m for m in erreurs(point_minimal(vote=vote)))


@pytest.mark.parametrize("vote", [
    {},
    {"membres": 42, "pour": 40, "contre": 0, "abstentions": 2, "resultat": "unanimité"},
    {"membres": 42, "pour": 30, "contre": 10, "abstentions": 2, "resultat": "majorité"},
    {"pour": 3, "contre": 10, "resultat": "rejet"},
])
def test_vote_coherent(vote: dict) -> None:
    assert erreurs(point_minimal(vote=vote)) == []


# -- leftovers, Jinja-looking text ---------------------------------------------------


@pytest.mark.parametrize("reste", ["<%numcx%>", "[à compléter]", "[A COMPLETER]", "[a compléter]", "[...]", "xx/xx/xxxx"])
def test_restes_de_modele(reste: str) -> None:
    (message,) = erreurs(point_minimal(objet=f"SUBVENTION {reste}"))
    assert message.startswith("objet:") and reste in message


def test_reste_dans_un_visa_et_une_cellule() -> None:
    donnees = point_minimal(visas=["la loi n° <%numloi%> portant x"])
    donnees["annexes"][0]["tableaux"][0]["lignes"][0][0] = "[à compléter]"
    messages = erreurs(donnees)
    assert any(m.startswith("visas[1]:") for m in messages)
    assert any(m.startswith("annexes[1].tableaux[1].lignes[1].structure:") for m in messages)


def test_texte_jinja_est_un_avertissement() -> None:
    donnees = point_minimal(objet="LE MODÈLE {{ objet }}")
    assert erreurs(donnees) == []
    (message,) = avertissements(donnees)
    assert "{{ objet }}" in message and "tel quel" in message


# -- objet ----------------------------------------------------------------------


def test_objet_trop_long() -> None:
    (message,) = avertissements(point_minimal(objet="A" * 500))
    assert "500 caractères" in message and "499" in message


def test_objet_de_499_caracteres() -> None:
    assert avertissements(point_minimal(objet="A" * 499)) == []


def test_objet_sur_deux_lignes() -> None:
    (message,) = avertissements(point_minimal(objet="LIGNE UN\nLIGNE DEUX"))
    assert "une ligne" in message


def test_objet_vide() -> None:
    assert erreurs(point_minimal(objet="   ")) == ["objet: objet vide"]


# -- references and verbs ---------------------------------------------------------


@pytest.mark.parametrize("reference, attendu", [
    ("${valeurs.inconnue}", "valeur nommée inconnue « inconnue »"),
    ("${annexe9.lignes}", "annexe 9 inexistante"),
    ("${annexe1.total.inconnue}", "colonne inconnue « inconnue »"),
    ("${annexe1.ligne7.solde}", "ligne 7 inexistante"),
    ("${annexe1.tableau2.lignes}", "tableau 2 inexistant"),
    ("${valeurs.plafond | inconnu}", "format inconnu « inconnu »"),
    ("${n'importe quoi}", "référence inconnue"),
    ("${annexe1.lignes", "non fermée"),
])
def test_reference_invalide(reference: str, attendu: str) -> None:
    messages = erreurs(point_minimal(expose=[{"paragraphes": [f"Texte {reference}."]}]))
    assert any(m.startswith("expose[1].paragraphes[1]:") and attendu in m for m in messages), messages


def test_verbe_inconnu() -> None:
    donnees = point_minimal(propositions=[{"verbe": "flibuster", "texte": "le budget"}])
    (message,) = erreurs(donnees)
    assert message.startswith("propositions[1].verbe:") and "infinitif" in message and "indicatif" in message


def test_verbe_inconnu_avec_ses_deux_formes() -> None:
    donnees = point_minimal(propositions=[{"verbe": "flibuster", "infinitif": "DE FLIBUSTER",
                                           "indicatif": "FLIBUSTE", "texte": "le budget"}])
    assert erreurs(donnees) == []


# -- the reference example, through the files --------------------------------------


EXEMPLE = Path(__file__).parent.parent / "examples" / "06-04-clauses-sociales.yaml"


def test_exemple_de_reference_sans_erreur() -> None:
    from deliberations import load

    assert [f for f in check(load(EXEMPLE)) if f.est_erreur] == []


def test_exemple_montant_change_nomme_la_ligne(tmp_path: Path) -> None:
    from deliberations import load

    texte = EXEMPLE.read_text(encoding="utf-8")
    lignes = texte.splitlines()
    numero = next(i for i, l in enumerate(lignes) if "Ville de Drancy" in l)
    lignes[numero] = lignes[numero].replace('"15 000,00 €"', '"15 500,00 €"', 1)
    (tmp_path / "collectivites").mkdir()
    (tmp_path / "collectivites" / "seine-saint-denis.yaml").write_text(
        (EXEMPLE.parent / "collectivites" / "seine-saint-denis.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    fichier = tmp_path / "point.yaml"
    fichier.write_text("\n".join(lignes), encoding="utf-8")
    constats = [f for f in check(load(fichier)) if f.est_erreur]
    lignes_nommees = {f.lieu.ligne for f in constats}
    assert numero + 1 in lignes_nommees  # the row itself (its total no longer matches)
    assert any(f.lieu.champ.endswith("totaux.acompte") for f in constats)


def test_cellule_illisible_est_une_erreur_de_chargement() -> None:
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["lignes"][0][1] = "quinze mille"
    with pytest.raises(ErreurEntree) as exc:
        valider(donnees)
    (finding,) = exc.value.findings
    assert finding.lieu.champ == "annexes[1].tableaux[1].lignes[1].acompte"
    assert "montant illisible" in finding.message


def test_valeur_decimale_exacte() -> None:
    point = valider(point_minimal())
    from deliberations.calcul.tableaux import tableaux

    (tableau,) = tableaux(point)[0]
    assert tableau.totaux["total"] == Decimal("60000")


# -- amounts in words against their figure ------------------------------------------


@pytest.mark.parametrize("texte", [
    "une subvention de 15 000 € (quinze mille euros)",
    "une subvention de quinze mille euros (15 000 €)",
    "une subvention de 80 € (quatre-vingts euros)",
    "une subvention de 1 500 000 € (un million cinq cent mille euros)",
    "une subvention de 1 500 000 € (un million cinq-cent-mille euros)",  # 1990 spelling
    "une participation de 2 000 000 € (deux millions d'euros)",
    "une aide de 15 000,50 € (quinze mille euros et cinquante centimes)",
])
def test_montant_en_lettres_conforme(texte: str) -> None:
    assert erreurs(point_minimal(expose=[{"paragraphes": [texte]}])) == []


@pytest.mark.parametrize("texte, ecrit", [
    ("une subvention de 16 000 € (quinze mille euros)", "quinze mille euros"),
    ("une subvention de cinq mille euros (6 000 €)", "cinq mille euros"),
    ("une subvention de 80 € (quatre-vingt euros)", "quatre-vingt euros"),
    ("une participation de 1 000 000 € (un million euros)", "un million euros"),
])
def test_montant_en_lettres_contraire(texte: str, ecrit: str) -> None:
    (message,) = erreurs(point_minimal(expose=[{"paragraphes": [texte]}]))
    assert message.startswith("expose[1].paragraphes[1]:") and f"« {ecrit} »" in message


# -- the year of the budget -----------------------------------------------------------


def test_annee_du_budget_differente() -> None:
    donnees = point_minimal(
        expose=[{"paragraphes": ["Le présent rapport vise à adopter le budget 2022 du dispositif."]}],
        propositions=[{"verbe": "approuver", "texte": "le budget 2023 du dispositif"}], valeurs={},
    )
    (message,) = avertissements(donnees)
    assert message.startswith("propositions[1].texte:") and "2023" in message and "2022" in message


def test_annee_du_budget_identique() -> None:
    donnees = point_minimal(
        expose=[{"paragraphes": ["Après le budget 2022, le présent rapport vise à adopter le budget 2023."]}],
        propositions=[{"verbe": "approuver", "texte": "le budget 2023 du dispositif"}], valeurs={},
    )
    assert avertissements(donnees) == []


def test_visa_citant_une_periode_future() -> None:
    # only the visa's own date (the first one written) must precede the séance
    donnees = point_minimal(visas=["la convention du 3 mars 2022 conclue jusqu'au 31 décembre 2025"])
    assert erreurs(donnees) == []
