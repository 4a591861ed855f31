"""The example séance of a real act (issue 13): Viens, conseil municipal du 5 avril 2022.

``examples/communes/viens-2022-04-05/`` types the séance once (members,
excused, five proxies — one member holding two, under the temporary regime
of loi n° 2021-1465 — and the results by names and counts); each
délibération rendered must print the act's figures. Added for the example,
not in the act: a departure with a proxy before item 4, and item 4 voted in
two parts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lignes_docx, sans_espaces

from deliberations import load
from deliberations.seance import charger_seance, rendre_seance

RACINE = Path(__file__).resolve().parent.parent
SEANCE = RACINE / "examples" / "communes" / "viens-2022-04-05" / "seance.yaml"

PRESENTS = ("Présents : ARNAL René, CARRIE Catherine, CASTINEL François, CHAPON Loïc, DARGERY Viviane, "
            "DRUILHE Guillaume, JACQUES Pierre, PERRONE Danièle, RAVAUTE Daniel et ROUX Frédéric.")
REPRESENTES = ("Absents représentés : BREMOND-DICK Caroline, pouvoir à DARGERY Viviane ; CASANOVA Philippe, "
               "pouvoir à CHAPON Loïc ; FOURNIER Laure, pouvoir à CHAPON Loïc ; HOANG Isabelle, pouvoir à "
               "DRUILHE Guillaume ; PILON Caroline, pouvoir à JACQUES Pierre.")

#: the act's figures: (file, votants, pour, contre, abstentions, the sentence after « Après en avoir délibéré, »)
REELS = [
    ("1-compte-de-gestion-2021", 15, 10, 2, 3, "par 10 voix pour, 2 voix contre et 3 abstentions"),
    ("2-compte-administratif-2021", 14, 9, 2, 3, "par 9 voix pour, 2 voix contre et 3 abstentions"),
    # « Accord à la majorité : 10 pour (8 + 2 procurations pour) et 5 abstentions »: resultat: adopté keeps the
    # act's figures (see test_affectation_imprime_les_chiffres_de_l_acte)
    ("3-affectation-du-resultat-2021", 15, 10, 0, 5, "par 10 voix pour et 5 abstentions"),
]


@pytest.fixture(scope="module")
def rendu(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, dict[str, list[str]]]:
    seance = charger_seance(SEANCE, jobs=1)
    dossier = tmp_path_factory.mktemp("viens")
    resultat = rendre_seance(seance, dossier, jobs=1)
    assert resultat.reussi, resultat.echecs
    lignes = {p.name.split("-deliberation")[0]: lignes_docx(p) for p in resultat.ecrits if p.name != "ordre-du-jour.docx"}
    return seance, lignes


def _document(lignes: dict[str, list[str]], fichier: str) -> list[str]:
    rang = fichier.split("-", 1)[0]
    return [sans_espaces(l) for l in lignes[rang]]


def _dit(document: list[str], ligne: str) -> bool:
    return sans_espaces(ligne) in document


def test_aucun_constat(rendu: tuple[object, dict[str, list[str]]]) -> None:
    seance, lignes = rendu
    # the act gives no discussion, and does not say who presided over the compte administratif's vote: two
    # warnings (tests/test_proces_verbal.py, tests/test_votes.py), nothing else
    constats = [f.message for f in seance.tous_les_constats()]  # type: ignore[attr-defined]
    assert constats == ["« ROUX Frédéric », qui préside la séance, ne prend pas part au vote du point 2 : pour le "
                        "compte administratif, l'assemblée élit son président pour ce point (CGCT L2121-14) ; "
                        "dites-le dans les débats du procès-verbal","procès-verbal : la substance des débats (debats:) n'est pas donnée pour les points "
                        "1 (1-compte-de-gestion-2021.yaml), 3 (3-affectation-du-resultat-2021.yaml), "
                        "4 (4-subventions-associations-2022.yaml)"]
    assert sorted(lignes) == ["1", "2", "3", "4"]


@pytest.mark.parametrize(("fichier", "votants", "pour", "contre", "abstentions", "phrase"), REELS)
def test_chiffres_de_l_acte(rendu: tuple[object, dict[str, list[str]]], fichier: str, votants: int, pour: int,
                            contre: int, abstentions: int, phrase: str) -> None:
    seance, lignes = rendu
    document = _document(lignes, fichier)
    assert _dit(document, f"Nombre de conseillers en exercice : 15 — présents : 10 — votants : {votants}")
    assert _dit(document, PRESENTS)
    assert _dit(document, REPRESENTES)
    assert _dit(document, "Secrétaire de séance : PERRONE Danièle")
    assert _dit(document, f"Après en avoir délibéré, {phrase},")
    # the figures derived from the séance's results are the act's
    entree = next(e for e in seance.points if e.fichier.stem == fichier)  # type: ignore[attr-defined]
    vote = load(entree.fichier, defauts=seance.defauts_du_point(entree)).vote  # type: ignore[attr-defined]
    assert (vote.membres, vote.presents, vote.representes) == (15, 10, 5)
    assert (vote.votants, vote.pour, vote.contre, vote.abstentions) == (votants, pour, contre, abstentions)
    assert vote.exprimes == pour + contre == votants - abstentions


def test_le_maire_ne_prend_pas_part_au_compte_administratif(rendu: tuple[object, dict[str, list[str]]]) -> None:
    _, lignes = rendu
    assert _dit(_document(lignes, "2-"), "ROUX Frédéric ne prend pas part au vote.")
    for autre in ("1-", "3-", "4-"):
        assert not any("neprendpaspart" in l for l in _document(lignes, autre))


def test_votes_nommes_par_le_mandant(rendu: tuple[object, dict[str, list[str]]]) -> None:
    """« P. Jacques et C. Pilon » against: PILON Caroline's vote, cast by her mandataire, is named by her."""
    seance, _ = rendu
    entree = seance.points[0]  # type: ignore[attr-defined]
    noms = load(entree.fichier, defauts=seance.defauts_du_point(entree)).vote.noms  # type: ignore[attr-defined]
    assert noms.contre == ["JACQUES Pierre", "PILON Caroline"]
    assert noms.abstentions == ["CHAPON Loïc", "CASANOVA Philippe", "FOURNIER Laure"]


def test_depart_avec_pouvoir_avant_le_dernier_point(rendu: tuple[object, dict[str, list[str]]]) -> None:
    """Added for the example: CASTINEL François leaves before item 4, giving a proxy to ARNAL René."""
    _, lignes = rendu
    document = _document(lignes, "4-")
    assert _dit(document, "Nombre de conseillers en exercice : 15 — présents : 9 — votants : 15")
    assert _dit(document, PRESENTS.replace("CASTINEL François, ", ""))
    assert _dit(document, REPRESENTES.replace("CASANOVA Philippe, pouvoir à CHAPON Loïc ; ",
                                              "CASANOVA Philippe, pouvoir à CHAPON Loïc ; "
                                              "CASTINEL François, pouvoir à ARNAL René ; "))


def test_vote_en_deux_parties(rendu: tuple[object, dict[str, list[str]]]) -> None:
    """Added for the example: each part's vote follows its decision."""
    _, lignes = rendu
    document = _document(lignes, "4-")
    assert _dit(document, "Après en avoir délibéré,")
    k1 = next(k for k, l in enumerate(document) if sans_espaces("APPROUVE les subventions de l'année 2022") in l)
    assert document[k1 + 1] == sans_espaces("Adopté à l'unanimité (les subventions aux associations, hors comité "
                                            "des fêtes).")
    k2 = next(k for k, l in enumerate(document) if sans_espaces("APPROUVE la subvention de l'année 2022") in l)
    assert k2 > k1
    assert document[k2 + 1].startswith(sans_espaces("Adopté par 11 voix pour, 2 voix contre et 2 abstentions (la "
                                                    "subvention au comité des fêtes)."))


def test_deux_pouvoirs_refuses_hors_du_regime_temporaire(tmp_path: Path) -> None:
    """Without ``pouvoirs_par_membre: 2``, CHAPON Loïc's second proxy is the CGCT L2121-20 error."""
    dossier = tmp_path / "viens"
    dossier.mkdir()
    for fichier in SEANCE.parent.rglob("*.yaml"):
        cible = dossier / fichier.relative_to(SEANCE.parent)
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_text(fichier.read_text(encoding="utf-8"), encoding="utf-8")
    texte = (dossier / "seance.yaml").read_text(encoding="utf-8")
    assert "  pouvoirs_par_membre: 2\n" in texte
    (dossier / "seance.yaml").write_text(texte.replace("  pouvoirs_par_membre: 2\n", ""), encoding="utf-8")
    erreurs = [f for f in charger_seance(dossier / "seance.yaml", jobs=1).tous_les_constats() if f.est_erreur]
    assert [f.message for f in erreurs] == [
        "« CHAPON Loïc » détient déjà, au point 1 (1-compte-de-gestion-2021.yaml), le pouvoir de « CASANOVA "
        "Philippe » : un membre ne détient qu'un pouvoir (CGCT L2121-20)"]


def test_affectation_imprime_les_chiffres_de_l_acte(rendu: tuple[object, dict[str, list[str]]]) -> None:
    _, lignes = rendu
    assert _dit(_document(lignes, "3-"), "Après en avoir délibéré, par 10 voix pour et 5 abstentions,")


def test_l_extrait_du_readme_est_celui_de_l_exemple() -> None:
    """The README's excerpt of this séance: each of its lines is in the example, in order."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    extrait = readme.split("Extrait de `examples/communes/viens-2022-04-05/seance.yaml`", 1)[1]
    extrait = extrait.split("```yaml\n", 1)[1].split("```", 1)[0]
    lignes = SEANCE.read_text(encoding="utf-8").splitlines()
    k = 0
    for ligne in extrait.splitlines():
        while k < len(lignes) and lignes[k] != ligne:
            k += 1
        assert k < len(lignes), f"ligne du README absente de l'exemple (ou hors d'ordre) : {ligne}"
