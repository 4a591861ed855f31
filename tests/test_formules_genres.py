"""The clerk's formulas in the département genre, and side-by-side signatures in the commune genre (issue 12).

Tables of cases first (``formules:`` in the profile or the item → the lines
the rendered délibération says and does not say, read back with
python-docx), a property over every combination of the département's
choices, the findings for the formulas the département genre cannot print,
then the two-column signatures (a borderless two-cell table, kept whole).
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import lignes_docx, sans_espaces
from docx.oxml.ns import qn
from exemples import point_minimal
from hypothesis import given, settings
from hypothesis import strategies as st
from test_entrees_invalides import ajouter, c, executer, preparer, sans_anglais, verifier_cas, verifier_lignes

import deliberations
from deliberations.langue import institutions

#: what the département genre always printed, and still prints when no formula is typed
DELIBERE = "après en avoir délibéré,"
SUR_LE_RAPPORT = "Sur le rapport du président du Conseil départemental,"
OUVERTURE = "La commission permanente du conseil départemental,"
CASE_VOTE = "Adopté à l'unanimité : X"
CASE_DATE = "Date de notification du présent acte, le"
RECOURS = "Le présent acte peut faire l'objet d'un recours contentieux"
TIRET = "-\tAUTORISE le versement"


def valider(donnees: dict[str, Any]) -> Any:
    type_ = deliberations.catalogue().trouver(donnees.get("type", "rapport-deliberation"))
    return type_.modele.model_validate(donnees)


def deliberation(donnees: dict[str, Any], dossier: Path) -> list[str]:
    """The lines of the rendered délibération (the last document), after a check without errors."""
    point = valider(donnees)
    erreurs = [f.message for f in deliberations.check(point) if f.est_erreur]
    assert not erreurs, erreurs
    return lignes_docx(deliberations.render(point, dossier)[-1])


def contient(lignes: list[str], morceau: str) -> bool:
    """Some line of the document contains ``morceau`` (French spacing and apostrophes aside)."""
    return any(sans_espaces(morceau) in sans_espaces(l) for l in lignes)


def departement(formules: dict[str, Any], ou: str = "point", **changes: Any) -> dict[str, Any]:
    """The minimal département item with ``formules`` typed in the item or in the collectivité's profile."""
    donnees = point_minimal(**{"vote": {"resultat": "unanimité"}, **changes})
    if ou == "point":
        donnees["formules"] = copy.deepcopy(formules)
    else:
        donnees["collectivite"]["formules"] = copy.deepcopy(formules)
    return donnees


# --------------------------------------------------------------------------
# The département genre: each formula, in the rendered délibération

#: formulas → lines that must be found, lines that must not
FORMULES_DEPARTEMENT = [
    pytest.param({}, [OUVERTURE, SUR_LE_RAPPORT, DELIBERE, TIRET, CASE_VOTE, CASE_DATE, RECOURS], ["DÉCIDE :"],
                 id="usage-du-genre"),
    pytest.param({"vote": "non"}, [DELIBERE, CASE_DATE, RECOURS], [CASE_VOTE, "Voix contre :"], id="vote-non"),
    pytest.param({"vote": "phrase"}, ["après en avoir délibéré, à l'unanimité,"], [CASE_VOTE, "Voix contre :"],
                 id="vote-phrase"),
    pytest.param({"vote": "tableau"}, [DELIBERE, CASE_VOTE], ["après en avoir délibéré, à l'unanimité,"],
                 id="vote-tableau"),
    pytest.param({"recours": "non"}, [CASE_VOTE, CASE_DATE], [RECOURS], id="recours-non"),
    pytest.param({"dates": "non"}, [CASE_VOTE, RECOURS], [CASE_DATE, "Certifie que le présent acte"], id="dates-non"),
    pytest.param({"deliberative": "Après avoir entendu l'exposé et en avoir délibéré,"},
                 ["Après avoir entendu l'exposé et en avoir délibéré,"], [DELIBERE], id="deliberative"),
    pytest.param({"deliberative": "non"}, [SUR_LE_RAPPORT], ["délibéré"], id="deliberative-non"),
    pytest.param({"decision": "DÉCIDE :"}, [DELIBERE, "DÉCIDE :"], [], id="decide"),
    pytest.param({"tirets": "non"}, ["AUTORISE le versement"], [TIRET], id="sans-tirets"),
    pytest.param({"ouverture": "non"}, [SUR_LE_RAPPORT], [OUVERTURE], id="ouverture-non"),
    pytest.param({"ouverture": "La commission permanente, réunie en séance publique,"},
                 ["La commission permanente, réunie en séance publique,"], [OUVERTURE], id="ouverture"),
    pytest.param({"sur_le_rapport": "non"}, [DELIBERE], [SUR_LE_RAPPORT], id="sur-le-rapport-non"),
    pytest.param({"phrase_vote": "Cette délibération est adoptée à l'unanimité.", "vote": "non"},
                 ["Cette délibération est adoptée à l'unanimité."], [CASE_VOTE], id="phrase-vote"),
    pytest.param({"vote": "non", "dates": "non", "recours": "non"}, [DELIBERE, "Mélissa Youssouf"],
                 [CASE_VOTE, CASE_DATE, RECOURS], id="rien-apres-la-signature"),
]


@pytest.mark.parametrize("ou", ["point", "profil"])
@pytest.mark.parametrize("formules, presentes, absentes", FORMULES_DEPARTEMENT)
def test_formules_du_departement(formules: dict[str, Any], presentes: list[str], absentes: list[str], ou: str,
                                 tmp_path: Path) -> None:
    lignes = deliberation(departement(formules, ou), tmp_path)
    for ligne in presentes:
        assert contient(lignes, ligne), (ligne, lignes)
    for ligne in absentes:
        assert not contient(lignes, ligne), (ligne, lignes)


#: a counted vote said in a sentence: the sentence, never the boxes
VOTES_EN_PHRASE = [
    ({"membres": 30, "pour": 21, "contre": 3, "abstentions": 2, "resultat": "majorité"},
     "après en avoir délibéré, par 21 voix pour, 3 voix contre et 2 abstentions,"),
    ({"resultat": "unanimité", "abstentions": 4}, "après en avoir délibéré, à l'unanimité des suffrages exprimés,"),
    ({"pour": 12, "abstentions": 1, "resultat": "majorité"}, "après en avoir délibéré, par 12 voix pour et 1 abstention,"),
]


@pytest.mark.parametrize("vote, phrase", VOTES_EN_PHRASE)
def test_le_vote_en_phrase_dans_le_departement(vote: dict[str, Any], phrase: str, tmp_path: Path) -> None:
    lignes = deliberation(departement({"vote": "phrase"}, vote=vote), tmp_path)
    assert contient(lignes, phrase), lignes
    assert not contient(lignes, "Voix pour :") and not contient(lignes, "Abstentions :")


def test_le_point_l_emporte_sur_le_profil_du_departement(tmp_path: Path) -> None:
    donnees = departement({"vote": "non", "recours": "non"}, "profil")
    donnees["formules"] = {"vote": "tableau"}
    lignes = deliberation(donnees, tmp_path)
    assert contient(lignes, CASE_VOTE) and not contient(lignes, RECOURS)


def test_le_recours_remplace(tmp_path: Path) -> None:
    """The profile's own recours sentence replaces the genre's; ``recours: non`` removes either."""
    propre = "Recours possible devant le tribunal administratif de Montreuil dans les deux mois."
    donnees = departement({})
    donnees["collectivite"]["recours"] = propre
    assert contient(deliberation(donnees, tmp_path / "a"), propre)
    donnees["formules"] = {"recours": "non"}
    assert not contient(deliberation(donnees, tmp_path / "b"), "Recours possible")


@settings(max_examples=20, deadline=None)
@given(vote=st.sampled_from(["tableau", "phrase", "non"]), recours=st.booleans(), dates=st.booleans(),
       tirets=st.booleans(), sur_le_rapport=st.booleans(), decide=st.booleans())
def test_toute_combinaison_du_departement(vote: str, recours: bool, dates: bool, tirets: bool, sur_le_rapport: bool,
                                          decide: bool, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every combination: each box, mention and formula is printed exactly when chosen."""
    oui = {True: "oui", False: "non"}
    formules = {"vote": vote, "recours": oui[recours], "dates": oui[dates], "tirets": oui[tirets],
                "sur_le_rapport": oui[sur_le_rapport], "decision": "DÉCIDE :" if decide else "non"}
    lignes = deliberation(departement(formules), tmp_path_factory.mktemp("d"))
    assert contient(lignes, CASE_VOTE) == (vote == "tableau")
    assert contient(lignes, "après en avoir délibéré, à l'unanimité,") == (vote == "phrase")
    assert contient(lignes, RECOURS) == recours
    assert contient(lignes, CASE_DATE) == dates
    assert contient(lignes, TIRET) == tirets and contient(lignes, "AUTORISE le versement")
    assert contient(lignes, SUR_LE_RAPPORT) == sur_le_rapport
    assert contient(lignes, "DÉCIDE :") == decide
    assert contient(lignes, "Mélissa Youssouf")


# --------------------------------------------------------------------------
# What the département genre cannot print: a warning at the key, nothing silently dropped

NON_IMPRIMEES = [
    ("ainsi_fait", "Ainsi fait et délibéré."), ("preambule", "oui"), ("secretaire", "oui"),
    ("articles", "Article 1er"), ("signatures", "cote_a_cote"),
]


@pytest.mark.parametrize("cle, valeur", NON_IMPRIMEES)
def test_formule_que_le_departement_n_imprime_pas(cle: str, valeur: str) -> None:
    point = valider(departement({cle: valeur, "vote": "non"}))
    avertis = [f for f in deliberations.check(point) if f.code == "redaction"] or \
        [f for f in deliberations.check(point) if "sans effet" in f.message]
    assert [f.lieu.champ for f in avertis] == [f"formules.{cle}"]
    (constat,) = avertis
    assert not constat.est_erreur
    assert f"formule « {cle} » sans effet dans le type « rapport-deliberation »" in constat.message


@pytest.mark.parametrize("cle, valeur", [("vote", "non"), ("phrase_vote", "Adoptée."), ("recours", "non"),
                                         ("dates", "non"), ("deliberative", "non"), ("decision", "DÉCIDE :"),
                                         ("tirets", "non"), ("ouverture", "non"), ("sur_le_rapport", "non")])
def test_formule_imprimee_par_le_departement_sans_avertissement(cle: str, valeur: str) -> None:
    point = valider(departement({cle: valeur}))
    assert not [f for f in deliberations.check(point) if "sans effet" in f.message]


def test_les_autres_types_signalent_toujours_toutes_leurs_formules() -> None:
    """cofinancement prints none of them: one warning naming every key, as before."""
    donnees = valider(departement({"vote": "non"}))
    donnees = donnees.model_dump(mode="json", exclude_none=True)
    donnees.update(type="cofinancement", action="Facilitation", budget="147 000 €")
    point = valider(donnees)
    (constat,) = [f for f in deliberations.check(point) if "sans effet" in f.message]
    assert constat.lieu.champ == "formules" and "(clés : vote)" in constat.message


#: a bad value for the new key, through ``check``: one French line at its file, line and field
CATALOGUE_FORMULES = [
    c("signatures-inconnues", ajouter("formules: {signatures: en colonnes}\n"), 1,
      ("valeur non reconnue « en colonnes »", "cote_a_cote"), "formules:", "formules.signatures"),
    c("signatures-en-liste", ajouter("formules: {signatures: [maire, secretaire]}\n"), 1,
      ("cote_a_cote",), "formules:", "formules.signatures"),
]


@pytest.mark.parametrize("cas", CATALOGUE_FORMULES)
def test_entree_invalide_formules(cas: object, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)  # type: ignore[arg-type]
    monkeypatch.chdir(tmp_path)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)  # type: ignore[arg-type]


def test_la_cli_dit_la_formule_sans_effet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = preparer(tmp_path, point=ajouter("formules:\n  vote: non\n  preambule: oui\n"))  # type: ignore[arg-type]
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0
    (ligne,) = [m for m in verifier_lignes(sortie) if "sans effet" in m.group(0)]
    assert ligne.group("reste").startswith("formules.preambule: formule « preambule » sans effet")
    numero = next(k for k, l in enumerate(dossier.textes["point"].splitlines(), 1) if "preambule: oui" in l)
    assert int(ligne.group("ligne")) == numero


# --------------------------------------------------------------------------
# Signatures side by side in the commune genre

def commune(**changes: Any) -> dict[str, Any]:
    donnees = point_minimal(
        type="deliberation-commune",
        collectivite={"nom": "Commune de Sainte-Croix", "assemblee": "Conseil municipal",
                      "tribunal_administratif": "Lyon", "nature": "commune", "president": {"genre": "féminin"}},
        seance={"instance": "conseil municipal", "date": "2023-02-06", "secretaire": "M. Paul Martin"},
        signataire={"nom": "Claire Dubois"}, vote={"resultat": "unanimité"})
    del donnees["direction"]
    donnees.update(copy.deepcopy(changes))
    return donnees


def tableaux_de_signatures(chemin: Path) -> list[list[str]]:
    """The texts of the cells of each body table whose paragraphs are signatures."""
    document = docx.Document(str(chemin))
    trouves = []
    for table in document.tables:
        styles = {p.style.name for cellule in table._cells for p in cellule.paragraphs}
        if "Début de signature" in styles:
            trouves.append([cellule.text for cellule in table._cells])
    return trouves


def rendre_commune(donnees: dict[str, Any], dossier: Path) -> Path:
    point = valider(donnees)
    assert not [f for f in deliberations.check(point) if f.est_erreur]
    (chemin,) = deliberations.render(point, dossier)
    return chemin


SECRETAIRE = institutions.secretaire_de_seance("M. Paul Martin")


@pytest.mark.parametrize("ou", ["point", "profil"])
def test_signatures_cote_a_cote(ou: str, tmp_path: Path) -> None:
    donnees = commune()
    cible = donnees if ou == "point" else donnees["collectivite"]
    cible["formules"] = {"signatures": "cote_a_cote"}
    chemin = rendre_commune(donnees, tmp_path)
    (cellules,) = tableaux_de_signatures(chemin)
    assert len(cellules) == 2
    gauche, droite = (" ".join(c.split()) for c in cellules)
    assert gauche.startswith("La Maire,") and gauche.endswith("Claire Dubois")
    assert droite.startswith(" ".join(SECRETAIRE.split())) and droite.endswith("M. Paul Martin")
    # a borderless table, whose row never splits and keeps with what follows
    (table,) = [t for t in docx.Document(str(chemin)).tables if "Claire Dubois" in t._cells[0].text]
    bordures = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert bordures is not None and {b.get(qn("w:val")) for b in bordures} == {"nil"}
    assert table._tbl.tr_lst[0].find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    corps = list(docx.Document(str(chemin)).element.body.iterchildren())
    position = next(k for k, e in enumerate(corps) if e.tag == qn("w:tbl") and "Claire Dubois" in "".join(e.itertext()))
    precedent = next(e for e in reversed(corps[:position]) if e.tag == qn("w:p") and "".join(e.itertext()).strip())
    assert precedent.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    # and never stacked as well
    assert not [p for p in docx.Document(str(chemin)).paragraphs if p.text.startswith("La Maire,")]


@pytest.mark.parametrize("formules", [{}, {"signatures": "empilees"}])
def test_signatures_empilees(formules: dict[str, str], tmp_path: Path) -> None:
    chemin = rendre_commune(commune(formules=formules), tmp_path)
    assert tableaux_de_signatures(chemin) == []
    lignes = [" ".join(l.split()) for l in lignes_docx(chemin)]
    maire = next(k for k, l in enumerate(lignes) if l.startswith("La Maire,"))
    secretaire = next(k for k, l in enumerate(lignes) if l.startswith(" ".join(SECRETAIRE.split())))
    assert maire < secretaire


def test_cote_a_cote_sans_secretaire(tmp_path: Path) -> None:
    """One signature only: nothing to put side by side, the single signature prints as usual."""
    donnees = commune(formules={"signatures": "cote_a_cote"})
    del donnees["seance"]["secretaire"]
    chemin = rendre_commune(donnees, tmp_path)
    assert tableaux_de_signatures(chemin) == []
    assert any(" ".join(l.split()).startswith("La Maire, Claire Dubois") for l in lignes_docx(chemin))


@settings(max_examples=15, deadline=None)
@given(nom=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="${}"),
                   min_size=1, max_size=30).map(lambda t: " ".join(t.split())).filter(
    lambda t: bool(t) and t.lower() not in ("non", "sans objet")))
def test_cote_a_cote_rend_chaque_nom_intact(nom: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever the secretary's name, it comes back whole in its cell."""
    donnees = commune(formules={"signatures": "cote_a_cote"})
    donnees["seance"]["secretaire"] = nom
    chemin = rendre_commune(donnees, tmp_path_factory.mktemp("s"))
    (cellules,) = tableaux_de_signatures(chemin)
    assert sans_espaces(cellules[1]).endswith(sans_espaces(nom))


# --------------------------------------------------------------------------
# The real acts' tables (examples/communes/, lines « # ‖ … » of their comment): every published cell, in the
# rendered table; the amounts the library computes (the city's share) equal the published ones

COMMUNES = Path(__file__).resolve().parents[1] / "examples" / "communes"
AVEC_TABLEAU = sorted(c for c in COMMUNES.glob("*.yaml") if "\n# ‖ " in c.read_text(encoding="utf-8"))


def tableau_publie(chemin: Path) -> list[list[str]]:
    """The published table transcribed in the example's comment: header, then rows."""
    return [[cellule.strip() for cellule in ligne[3:].split("‖")]
            for ligne in chemin.read_text(encoding="utf-8").splitlines() if ligne.startswith("# ‖ ")]


def valeur_de_cellule(texte: str) -> Any:
    """A published cell as compared: an amount (« 75 000 € », « - € » for none) as a Decimal, else its text."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", texte)
    if compact == "-€":
        return Decimal(0)
    if re.fullmatch(r"[0-9]+(,[0-9]+)?€", compact):
        return Decimal(compact[:-1].replace(",", "."))
    return " ".join(texte.split())


def test_il_y_a_un_acte_reel_avec_son_plan_de_financement() -> None:
    assert AVEC_TABLEAU, "aucun acte réel de examples/communes/ ne transcrit de tableau"


@pytest.mark.parametrize("chemin", AVEC_TABLEAU, ids=[c.stem for c in AVEC_TABLEAU])
def test_le_tableau_de_l_acte_reel_est_reproduit(chemin: Path, tmp_path: Path) -> None:
    point = deliberations.load(chemin)
    assert not [f for f in deliberations.check(point) if f.est_erreur]
    (rendu,) = deliberations.render(point, tmp_path, pdf=False)
    entete, *lignes = tableau_publie(chemin)
    (table,) = [t for t in docx.Document(str(rendu)).tables
                if [" ".join(c.text.split()) for c in t.rows[0].cells] == [" ".join(e.split()) for e in entete]]
    rangees = [[valeur_de_cellule(c.text) for c in rangee.cells] for rangee in table.rows[1:]]
    publiees = [[valeur_de_cellule(c) for c in ligne] for ligne in lignes]
    assert rangees[:len(publiees)] == publiees
    # the totals row: each amount column sums the published rows
    totaux = rangees[len(publiees)]
    for k, cellule in enumerate(publiees[0]):
        if k and not isinstance(cellule, str) and isinstance(totaux[k], type(cellule)):
            assert totaux[k] == sum(ligne[k] for ligne in publiees), entete[k]


def test_la_part_calculee_est_verifiee(tmp_path: Path) -> None:
    """The city's share is computed (montant - cg13 - cpa): typed as published it passes, typed wrong it is an
    error at its cell, and a wrong subsidy moves the computed share, never silently."""
    chemin = COMMUNES / "gardanne-2014-04-travaux-de-proximite.yaml"
    donnees = deliberations.load(chemin).model_dump(mode="json", exclude_none=True)
    lignes = donnees["annexes"][0]["tableaux"][0]["lignes"]
    publiees = tableau_publie(chemin)[1:]
    for ligne, publiee in zip(lignes, publiees):
        ligne.append(publiee[5])
    assert not [f for f in deliberations.check(valider(donnees)) if f.est_erreur]
    lignes[1][5] = "96 000 €"
    (faute,) = [f for f in deliberations.check(valider(donnees)) if f.est_erreur]
    assert faute.lieu.champ == "annexes[1].tableaux[1].lignes[2].ville"
    assert "95 000,00" in faute.message.replace("\u202f", " ").replace("\u00a0", " ")


def test_le_vote_avec_abstentions_est_compose_du_vote(tmp_path: Path) -> None:
    """The Gardanne act's vote, typed as counted (25 for, 6 abstentions, 1 not taking part): the sentence is
    composed from it, and follows it when the count changes."""
    chemin = COMMUNES / "gardanne-2009-10-compte-administratif-transports.yaml"
    donnees = deliberations.load(chemin).model_dump(mode="json", exclude_none=True)
    assert contient(deliberation(donnees, tmp_path / "a"), "Après en avoir délibéré, par 25 voix pour et 6 abstentions,")
    donnees["vote"].update(pour=24, contre=1)
    lignes = deliberation(donnees, tmp_path / "b")
    assert contient(lignes, "Après en avoir délibéré, par 24 voix pour, 1 voix contre et 6 abstentions,")


def test_le_genre_commune_imprime_toutes_les_formules() -> None:
    """A formula added to the model is printed by the commune genre, and known to the département's list."""
    from deliberations.model.formules import FORMULES_IMPRIMEES, Formules
    assert FORMULES_IMPRIMEES["deliberation-commune"] == frozenset(Formules.model_fields)
    assert FORMULES_IMPRIMEES["rapport-deliberation"] < frozenset(Formules.model_fields)
