"""Attendance and votes (issue 13): the French of votes, the derivation item by item, every rule failing and passing.

The rules are CGCT L2121-17 (quorum of members in office physically
present, members not taking part counted out), L2121-20 (one proxy per
holder; absolute majority of votes cast; the président's casting vote,
except in a secret ballot), L2131-11 (interested members), as
``../shared/DROIT.md`` sums them up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from deliberations.calcul.votes import etats, vote_du_point
from deliberations.langue import votes as fr
from deliberations.model.assemblee import Presences, ResultatPoint
from deliberations.seance import charger_seance, rendre_seance

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "sainte-croix-aire-de-jeux.yaml"

# --------------------------------------------------------------------------
# The French of votes


@pytest.mark.parametrize("comptes, attendu", [
    ((25, 0, 0, "unanimité"), "à l'unanimité"),
    ((23, 0, 2, "unanimité"), "à l'unanimité des suffrages exprimés"),
    ((23, 0, 1, "unanimité"), "à l'unanimité des suffrages exprimés"),
    ((21, 3, 2, "majorité"), "par 21 voix pour, 3 voix contre et 2 abstentions"),
    ((21, 1, 1, "majorité"), "par 21 voix pour, 1 voix contre et 1 abstention"),
    ((20, 5, 0, "majorité"), "par 20 voix pour et 5 voix contre"),
    ((20, 0, 2, "majorité"), "par 20 voix pour et 2 abstentions"),
    ((1, 0, 0, "majorité"), "par 1 voix pour"),
    ((3, 8, 0, "rejet"), "par 3 voix pour et 8 voix contre"),
    ((None, None, None, None), ""),
])
def test_phrase_du_vote(comptes: tuple[Any, ...], attendu: str) -> None:
    assert fr.phrase_vote(*comptes) == attendu


def test_phrase_du_vote_au_scrutin_secret_ou_public() -> None:
    assert fr.phrase_vote(12, 3, 0, "majorité", "secret") == "au scrutin secret, par 12 voix pour et 3 voix contre"
    assert fr.phrase_vote(15, 0, 0, "unanimité", "public") == "au scrutin public, à l'unanimité"
    assert fr.phrase_vote(15, 0, 0, "unanimité", "main levée") == "à l'unanimité"


@pytest.mark.parametrize("comptes, attendu", [
    ((5, 0, 0, "unanimité"), "Adopté à l'unanimité."),
    ((3, 2, 0, "majorité"), "Adopté par 3 voix pour et 2 voix contre."),
    ((2, 3, 0, "rejet"), "Rejeté par 2 voix pour et 3 voix contre."),
    ((None, None, None, "majorité"), "Adopté."),
    ((None, None, None, None), ""),
])
def test_phrase_du_resultat_d_une_partie(comptes: tuple[Any, ...], attendu: str) -> None:
    assert fr.phrase_resultat(*comptes) == attendu


@pytest.mark.parametrize("intitule, noms, attendu", [
    ("Présent", ["M. Jean Dupont"], "Présent : M. Jean Dupont."),
    ("Présent", ["Mme Anne Martin"], "Présente : Mme Anne Martin."),
    ("Présent", ["Mme Anne Martin", "Madame Julie Moreau"], "Présentes : Mme Anne Martin et Madame Julie Moreau."),
    ("Présent", ["Mme Anne Martin", "M. Paul Durand", "Mme Claire Petit"],
     "Présents : Mme Anne Martin, M. Paul Durand et Mme Claire Petit."),
    ("Absent excusé", ["Mme Anne Martin"], "Absente excusée : Mme Anne Martin."),
    ("Absent excusé", ["M. Marc Simon", "M. Paul Roux"], "Absents excusés : M. Marc Simon et M. Paul Roux."),
    ("Absent", [], ""),
    ("Présent", ["ROUX Frédéric"], "Présent : ROUX Frédéric."),  # without civility: the masculine
])
def test_ligne_de_noms_accordee(intitule: str, noms: list[str], attendu: str) -> None:
    assert fr.ligne_noms(intitule, noms) == attendu


def test_lignes_des_mouvements() -> None:
    assert fr.mouvements([], ["M. X"]) == ["M. X quitte la séance avant l'examen de ce point."]
    assert fr.mouvements(["Mme Y"], [], {"Mme Y": "20:50"}) == [
        "Mme Y rejoint la séance à 20 h 50, avant l'examen de ce point."]
    assert fr.mouvements([], ["M. X", "M. Z", "Mme W"], {"M. X": "21:00", "M. Z": "21:00"}) == [
        "M. X et M. Z quittent la séance à 21 h, avant l'examen de ce point.",
        "Mme W quitte la séance avant l'examen de ce point."]
    assert fr.mouvements(["Mme Y", "M. Z"], []) == ["Mme Y et M. Z rejoignent la séance avant l'examen de ce point."]
    assert fr.mouvements([], []) == []


def test_lignes_des_pouvoirs_et_des_non_participants() -> None:
    assert fr.ligne_pouvoirs([("Mme A", "M. B")]) == "Absente représentée : Mme A, pouvoir à M. B."
    assert fr.ligne_pouvoirs([("Mme A", "M. B"), ("M. C", "Mme D")]) == \
        "Absents représentés : Mme A, pouvoir à M. B ; M. C, pouvoir à Mme D."
    assert fr.ne_prennent_pas_part(["M. X"]) == "M. X ne prend pas part au vote."
    assert fr.ne_prennent_pas_part(["M. X", "Mme Y"]) == "M. X et Mme Y ne prennent pas part au vote."
    assert fr.ne_prennent_pas_part([]) == ""


@pytest.mark.parametrize("contre, abstentions, attendu", [
    (["M. A"], [], ["A voté contre : M. A."]),
    (["M. A", "Mme B"], [], ["Ont voté contre : M. A et Mme B."]),
    ([], ["Mme C"], ["S'est abstenue : Mme C."]),
    ([], ["M. C"], ["S'est abstenu : M. C."]),
    ([], ["Mme C", "Mme D"], ["Se sont abstenues : Mme C et Mme D."]),
    (["M. A"], ["Mme C", "M. D"], ["A voté contre : M. A.", "Se sont abstenus : Mme C et M. D."]),
    ([], [], []),
])
def test_votes_nommes(contre: list[str], abstentions: list[str], attendu: list[str]) -> None:
    assert fr.votes_nommes(contre, abstentions) == attendu


@pytest.mark.parametrize("args, attendu", [
    ((27, 22, 25), "Nombre de conseillers en exercice : 27 — présents : 22 — votants : 25"),
    ((27, 22, None), "Nombre de conseillers en exercice : 27 — présents : 22"),
    ((None, 22, 25), "Présents : 22 — votants : 25"),
    ((None, None, None), ""),
])
def test_decompte(args: tuple[Any, ...], attendu: str) -> None:
    assert fr.decompte("conseillers", *args) == attendu


# --------------------------------------------------------------------------
# Derivation, item by item

MEMBRES = ["M. Jean Dupont", "Mme Anne Martin", "M. Paul Durand", "Mme Claire Petit", "M. Louis Bernard",
           "Mme Julie Moreau", "M. Marc Simon"]
FICHIERS = ["p1.yaml", "p2.yaml", "p3.yaml"]


def test_mouvements_appliques_point_par_point() -> None:
    presences = Presences.model_validate({
        "excuses": ["M. Marc Simon"], "pouvoirs": {"Mme Julie Moreau": "M. Paul Durand"},
        "mouvements": [{"avant": 2, "partent": ["M. Paul Durand"]},  # his proxy lapses with him
                       {"avant": 3, "arrivent": ["M. Paul Durand", "Mme Julie Moreau"]}]})  # she votes herself
    e = etats(MEMBRES, presences, FICHIERS)
    assert (e[1].n_presents, e[1].n_pouvoirs) == (5, 1)
    assert e[1].pouvoirs == {"Mme Julie Moreau": "M. Paul Durand"}
    assert (e[2].n_presents, e[2].n_pouvoirs) == (4, 0)
    assert "M. Paul Durand" in e[2].absents and "Mme Julie Moreau" in e[2].absents
    assert (e[3].n_presents, e[3].n_pouvoirs) == (6, 0)
    assert e[3].excuses == ["M. Marc Simon"] and e[3].absents == []


def test_depart_avec_pouvoir() -> None:
    presences = Presences.model_validate({"mouvements": [{"avant": "p3.yaml", "partent": ["M. Louis Bernard"],
                                                          "pouvoirs": {"M. Louis Bernard": "Mme Anne Martin"}}]})
    e = etats(MEMBRES, presences, FICHIERS)
    assert (e[2].n_presents, e[2].n_pouvoirs) == (7, 0)
    assert (e[3].n_presents, e[3].n_pouvoirs) == (6, 1)


@pytest.mark.parametrize("resultat, attendu", [
    ({"resultat": "unanimité"}, dict(votants=6, exprimes=6, pour=6, contre=0, abstentions=0, resultat="unanimité")),
    ({"contre": ["Mme Anne Martin"], "abstentions": 1},
     dict(votants=6, exprimes=5, pour=4, contre=1, abstentions=1, resultat="majorité")),
    ({"pour": 3, "contre": 3, "voix_preponderante": True},
     dict(votants=6, exprimes=6, pour=3, contre=3, resultat="majorité")),
    ({"pour": 3, "contre": 3}, dict(votants=6, exprimes=6, pour=3, contre=3, resultat="rejet")),
    ({"ne_prennent_pas_part": ["M. Jean Dupont"], "resultat": "unanimité"},
     dict(votants=5, exprimes=5, pour=5, contre=0, ne_prennent_pas_part=1, resultat="unanimité")),
    ({"resultat": "adopté"}, dict(votants=6, pour=None, resultat="majorité")),
    ({"scrutin": "secret", "pour": 3, "contre": 1, "blancs_nuls": 2},
     dict(votants=6, exprimes=4, pour=3, contre=1, blancs_nuls=2, resultat="majorité")),
])
def test_vote_deduit(resultat: dict[str, Any], attendu: dict[str, Any]) -> None:
    presences = Presences.model_validate({"excuses": ["M. Marc Simon"], "pouvoirs": {"Mme Julie Moreau": "M. Paul Durand"}})
    etat = etats(MEMBRES, presences, FICHIERS)[1]
    vote = vote_du_point(etat, ResultatPoint.model_validate({"point": 1, **resultat}))
    assert (vote.membres, vote.presents, vote.representes) == (7, 5, 1)
    for cle, valeur in attendu.items():
        assert getattr(vote, cle) == valeur, cle


def test_membres_comptes_plus_d_absents_que_de_membres(tmp_path: Path) -> None:
    chemin = seance(tmp_path, membres=2, presences={"excuses": ["M. A", "M. B"], "pouvoirs": 1})
    assert any("excusés, absents et pouvoirs plus nombreux que les 2 membres en exercice" in e
               for e in constats(chemin)), constats(chemin)


def test_membres_comptes_seulement() -> None:
    e = etats(22, Presences.model_validate({"presents": 18, "pouvoirs": 2}), FICHIERS)
    vote = vote_du_point(e[2], ResultatPoint.model_validate({"point": 2, "abstentions": 2}))
    assert (vote.membres, vote.presents, vote.representes, vote.votants, vote.exprimes, vote.pour) == \
        (22, 18, 2, 20, 18, 18)
    assert vote.resultat == "unanimité"


# --------------------------------------------------------------------------
# A séance, end to end: every rule failing and passing


def seance(tmp_path: Path, **cles: Any) -> Path:
    """A séance of three items of the Sainte-Croix example (their own vote removed), with the keys given."""
    source = EXEMPLE.read_text(encoding="utf-8")  # as text: YAML 1.1 would read 20:30 as a number
    source = re.sub(r"(?m)^vote:.*\n", "", source)
    source = re.sub(r"(?m)^collectivite:.*$", f"collectivite: {RACINE / 'examples' / 'collectivites' / 'sainte-croix.yaml'}",
                    source)
    for rang in (1, 2, 3):
        (tmp_path / f"p{rang}.yaml").write_text(re.sub(r"(?m)^numero:.*$", f'numero: "{rang}"', source),
                                                encoding="utf-8")
    donnees = {"instance": "conseil municipal", "date": yaml.safe_load(source)["seance"]["date"], "membres": MEMBRES,
               "points": FICHIERS, **cles}
    chemin = tmp_path / "seance.yaml"
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return chemin


def constats(chemin: Path) -> list[str]:
    charge = charger_seance(chemin, jobs=1)
    return [str(f) for f in charge.tous_les_constats() if f.est_erreur]


PRESENCES = {"excuses": ["M. Marc Simon"], "pouvoirs": {"Mme Julie Moreau": "M. Paul Durand"}}

#: (presences, resultats) → the error expected (a fragment), or None for a séance without error
CAS = [
    pytest.param(PRESENCES, [{"point": 1, "resultat": "unanimité"}], None, id="valide"),
    pytest.param({**PRESENCES, "excuses": ["M. Marc Simmon"]}, [], "« M. Marc Simmon » n'est pas dans la liste des "
                 "membres (vouliez-vous dire « M. Marc Simon » ?)", id="membre-inconnu"),
    pytest.param({"pouvoirs": {"Mme Julie Moreau": "M. Paul Durand", "M. Marc Simon": "M. Paul Durand"}}, [],
                 "« M. Paul Durand » détient déjà, au point 1 (p1.yaml), le pouvoir de « Mme Julie Moreau » : un "
                 "membre ne détient qu'un pouvoir (CGCT L2121-20)", id="deux-pouvoirs"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 3, "partent": ["M. Louis Bernard"],
                                               "pouvoirs": {"M. Louis Bernard": "M. Paul Durand"}}]}, [],
                 "« M. Paul Durand » détient déjà, au point 3 (p3.yaml), le pouvoir de « Mme Julie Moreau » : un "
                 "membre ne détient qu'un pouvoir", id="deux-pouvoirs-apres-un-depart"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 3, "partent": ["M. Louis Bernard"],
                                               "pouvoirs": {"M. Louis Bernard": "M. Marc Simon"}}]}, [],
                 "« M. Louis Bernard » donne pouvoir à « M. Marc Simon », qui n'est pas présent au point 3 (p3.yaml)",
                 id="pouvoir-en-partant-a-un-absent"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 2, "partent": ["M. Paul Durand"]}]}, [], None,
                 id="le-mandataire-part-son-pouvoir-tombe"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 2, "arrivent": ["M. Jean Dupont"]}]}, [],
                 "« M. Jean Dupont » rejoint la séance avant le point 2 (p2.yaml), où il est déjà présent",
                 id="arrivee-d-un-present"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 2, "partent": ["M. Marc Simon"]}]}, [],
                 "« M. Marc Simon » quitte la séance avant le point 2 (p2.yaml), où il n'est pas présent",
                 id="depart-d-un-absent"),
    pytest.param({**PRESENCES, "mouvements": [{"avant": 2, "arrivent": ["M. Marc Simon"]}]}, [], None,
                 id="arrivee-d-un-excuse"),
    pytest.param({"pouvoirs": {"Mme Julie Moreau": "M. Paul Durand", "M. Marc Simon": "M. Paul Durand"},
                  "pouvoirs_par_membre": 2}, [], None, id="deux-pouvoirs-regime-exception"),
    pytest.param({"excuses": ["M. Paul Durand"], "pouvoirs": {"Mme Julie Moreau": "M. Paul Durand"}}, [],
                 "« Mme Julie Moreau » donne pouvoir à « M. Paul Durand », qui n'est pas présent au point 1",
                 id="pouvoir-a-un-absent"),
    pytest.param({"pouvoirs": {"Mme Julie Moreau": "Mme Julie Moreau"}}, [],
                 "ne peut se donner pouvoir à lui-même", id="pouvoir-a-soi"),
    pytest.param(PRESENCES, [{"point": 1, "contre": ["M. Marc Simon"]}],
                 "point 1 (p1.yaml) : « M. Marc Simon » n'est ni présent ni représenté à ce point",
                 id="vote-d-un-absent"),
    pytest.param(PRESENCES, [{"point": 1, "contre": ["Mme Julie Moreau"]}], None, id="vote-d-un-represente"),
    pytest.param(PRESENCES, [{"point": 1, "contre": ["Mme Anne Martin"], "abstentions": ["Mme Anne Martin"]}],
                 "« Mme Anne Martin » a déjà voté (contre)", id="vote-deux-fois"),
    pytest.param(PRESENCES, [{"point": 4, "resultat": "adopté"}], "point « 4 » absent de l'ordre du jour",
                 id="point-inconnu"),
    pytest.param(PRESENCES, [{"point": 1, "resultat": "adopté"}, {"point": "p1.yaml", "resultat": "rejeté"}],
                 "le point 1 (p1.yaml) a déjà son résultat", id="deux-resultats"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 3, "contre": 1, "blancs_nuls": 2}],
                 "des bulletins blancs ou nuls dans un vote qui n'est pas au scrutin secret", id="blancs-a-main-levee"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 3, "contre": 3, "voix_preponderante": True, "scrutin": "secret"}],
                 "pas de voix prépondérante au scrutin secret", id="preponderante-secret"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 3, "contre": 3, "resultat": "adopté"}],
                 "adopté avec 3 voix pour et 3 contre (partage égal : voix_preponderante: oui",
                 id="egalite-adoptee-sans-preponderance"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 3, "contre": 3, "resultat": "adopté", "voix_preponderante": True}],
                 None, id="egalite-tranchee"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 4, "contre": 2, "resultat": "rejeté"}],
                 "rejeté avec 4 voix pour et 2 contre", id="rejet-contre-la-majorite"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 5, "contre": 1, "resultat": "unanimité"}],
                 "« unanimité » avec 1 voix contre", id="unanimite-avec-contre"),
    pytest.param(PRESENCES, [{"point": 1, "pour": 5, "contre": 3}],
                 "5 voix pour et 3 contre font 8, pour 6 suffrages exprimés", id="plus-de-voix-que-de-votants"),
    pytest.param({"excuses": ["M. Marc Simon", "M. Louis Bernard", "Mme Claire Petit"]},
                 [{"point": 2, "ne_prennent_pas_part": ["M. Jean Dupont"], "resultat": "unanimité"}],
                 "point 2 (p2.yaml) : quorum perdu sans les membres qui ne prennent pas part au vote (3 présents "
                 "pour 7 membres en exercice)", id="quorum-perdu-par-un-interesse"),
    pytest.param({"excuses": ["M. Marc Simon", "M. Louis Bernard", "Mme Claire Petit", "M. Jean Dupont"]}, [],
                 "quorum non atteint : 3 présents pour 7 membres en exercice (il en faut au moins 4)",
                 id="sans-quorum"),
    pytest.param({"mouvements": [{"avant": 3, "partent": ["M. Marc Simon", "M. Louis Bernard", "Mme Claire Petit",
                                                          "M. Jean Dupont"]}]}, [],
                 "quorum non atteint : 3 présents pour 7 membres en exercice", id="quorum-perdu-par-des-departs"),
    pytest.param(PRESENCES, [{"point": 3, "parties": [{"decisions": [1], "resultat": "unanimité"},
                                                      {"decisions": [9], "contre": 2}]}],
                 "vote 2 : la décision 9 n'existe pas (le dispositif en compte 3)", id="partie-hors-dispositif"),
    pytest.param(PRESENCES, [{"point": 3, "parties": [{"decisions": [1], "resultat": "unanimité"},
                                                      {"decisions": [2, 3], "contre": 2}]}], None,
                 id="vote-en-deux-parties"),
]


@pytest.mark.parametrize("presences, resultats, attendu", CAS)
def test_regle(tmp_path: Path, presences: dict[str, Any], resultats: list[dict[str, Any]], attendu: str | None) -> None:
    erreurs = constats(seance(tmp_path, presences=presences, resultats=resultats))
    if attendu is None:
        assert not erreurs, erreurs
    else:
        assert any(attendu in e for e in erreurs), f"attendu : {attendu}\n" + "\n".join(erreurs)


def test_constat_au_lieu_du_fichier_de_seance(tmp_path: Path) -> None:
    """A finding names the séance file and the line of the result, not the item's."""
    chemin = seance(tmp_path, presences=PRESENCES, resultats=[{"point": 1, "pour": 5, "contre": 3}])
    erreurs = constats(chemin)
    ligne = next(e for e in erreurs if "suffrages exprimés" in e)
    texte = chemin.read_text(encoding="utf-8").splitlines()
    numero = int(re.match(rf"{re.escape(str(chemin))}:(\d+):", ligne).group(1))
    assert "point: 1" in texte[numero - 1] or "pour: 5" in texte[numero - 1]


def test_le_pouvoir_d_un_mandataire_parti_est_signale(tmp_path: Path) -> None:
    """A holder who leaves: his proxy no longer counts from that item on, and the clerk is told (a warning)."""
    chemin = seance(tmp_path, presences={**PRESENCES, "mouvements": [{"avant": 2, "partent": ["M. Paul Durand"]}]})
    charge = charger_seance(chemin, jobs=1)
    avertissements = [str(f) for f in charge.findings if not f.est_erreur]
    assert any("le pouvoir de « Mme Julie Moreau » à « M. Paul Durand » ne compte plus à partir du point 2" in a
               for a in avertissements), avertissements
    assert charge.defauts_des_points[2]["vote"][0]["representes"] == 0


def test_seconde_convocation_sans_quorum(tmp_path: Path) -> None:
    chemin = seance(tmp_path, seconde_convocation=True,
                    presences={"excuses": ["M. Marc Simon", "M. Louis Bernard", "Mme Claire Petit", "M. Jean Dupont"]})
    assert not constats(chemin)


def test_un_point_ne_recrit_pas_son_vote(tmp_path: Path) -> None:
    chemin = seance(tmp_path, presences=PRESENCES, resultats=[{"point": 1, "resultat": "unanimité"}])
    with (tmp_path / "p1.yaml").open("a", encoding="utf-8") as f:
        f.write("vote: {pour: 6, resultat: unanimité}\n")
    assert any("retirez « vote: » du point" in e for e in constats(chemin))


def test_membres_d_un_fichier_csv(tmp_path: Path) -> None:
    (tmp_path / "membres.csv").write_text("nom;qualité\n" + "\n".join(f"{n};conseiller" for n in MEMBRES) + "\n",
                                          encoding="utf-8")
    chemin = seance(tmp_path, membres="membres.csv", presences={"excuses": ["M. Marc Simmon"]})
    assert any("vouliez-vous dire « M. Marc Simon »" in e for e in constats(chemin))
    chemin = seance(tmp_path, membres="membres.csv", presences=PRESENCES)
    charge = charger_seance(chemin, jobs=1)
    assert charge.defauts_des_points[1]["vote"][0]["presents"] == 5


def test_liste_des_membres_sans_colonne_nom(tmp_path: Path) -> None:
    from deliberations.erreurs import ErreurEntree

    (tmp_path / "membres.csv").write_text("élu\nM. Jean Dupont\n", encoding="utf-8")
    with pytest.raises(ErreurEntree, match="colonne « nom »"):
        charger_seance(seance(tmp_path, membres="membres.csv"), jobs=1)


def texte(chemin: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(chemin)).paragraphs).replace("\u00a0", " ").replace("\u202f", " ")


def test_chaque_deliberation_imprime_ses_propres_chiffres(tmp_path: Path) -> None:
    """One attendance, three items: each act prints its own counts, names and vote."""
    chemin = seance(tmp_path, presences={**PRESENCES, "mouvements": [{"avant": 3, "partent": ["M. Louis Bernard"],
                                                                        "heure": "21:15"}]},
                    resultats=[{"point": 1, "resultat": "unanimité"},
                               {"point": 2, "contre": ["Mme Anne Martin"], "abstentions": 1,
                                "ne_prennent_pas_part": ["M. Jean Dupont"]},
                               {"point": 3, "parties": [{"decisions": [1], "resultat": "unanimité"},
                                                        {"decisions": [2], "contre": 2}]}])
    charge = charger_seance(chemin, jobs=1)
    assert not charge.en_erreur, charge.tous_les_constats()
    rendre_seance(charge, tmp_path / "sortie", jobs=1)
    un, deux, trois = (texte(tmp_path / "sortie" / f"{k}-deliberation.docx") for k in (1, 2, 3))
    assert "Nombre de conseillers en exercice : 7 — présents : 5 — votants : 6" in un
    assert "Présents : M. Jean Dupont, Mme Anne Martin, M. Paul Durand, Mme Claire Petit et M. Louis Bernard." in un
    assert "Absente représentée : Mme Julie Moreau, pouvoir à M. Paul Durand." in un
    assert "Absent excusé : M. Marc Simon." in un
    assert "Après en avoir délibéré, à l'unanimité," in un
    assert "présents : 5 — votants : 5" in deux
    assert "M. Jean Dupont ne prend pas part au vote." in deux
    assert "A voté contre : Mme Anne Martin." in deux
    assert "Après en avoir délibéré, par 3 voix pour, 1 voix contre et 1 abstention," in deux
    assert "présents : 4 — votants : 5" in trois and "Absent : M. Louis Bernard." in trois
    assert "M. Louis Bernard quitte la séance à 21 h 15, avant l'examen de ce point." in trois
    assert "quitte la séance" not in un + deux
    assert "Après en avoir délibéré,\n" in trois
    lignes = trois.splitlines()
    article1 = next(i for i, l in enumerate(lignes) if l.startswith("Article 1er"))
    article2 = next(i for i, l in enumerate(lignes) if l.startswith("Article 2"))
    assert lignes[article1].endswith("ci-dessus.")  # a sentence follows: a full stop, not « ; »
    assert lignes[article1 + 1] == "Adopté à l'unanimité."
    assert lignes[article2 + 1] == "Adopté par 3 voix pour et 2 voix contre."


def test_departement_remplit_chaque_case(tmp_path: Path) -> None:
    """The département genre's vote box gets every figure, « pour » included."""
    reference = RACINE / "examples" / "seance-2023-09-14.yaml"
    charge = charger_seance(reference, jobs=1)
    assert not charge.en_erreur, [str(f) for f in charge.tous_les_constats() if f.est_erreur]
    rendre_seance(charge, tmp_path / "cp", jobs=1)
    documents = sorted((tmp_path / "cp").glob("*deliberation*.docx"))
    assert documents
    cases = []
    for chemin in documents:
        for table in docx.Document(str(chemin)).tables:
            cases += [c.text.replace("\u00a0", " ") for r in table.rows for c in r.cells]
    vus = " | ".join(cases)
    for libelle in ("Nombre de membres : ", "Présents : ", "Votants : ", "Voix pour : "):
        assert libelle in vus, libelle


# --------------------------------------------------------------------------
# Bad input in the séance's keys, through the CLI: one French line at its place

from test_entrees_invalides import executer, sans_anglais, verifier_lignes  # noqa: E402

#: (what is typed after the séance's valid keys, by replacement: old → new), the message expected, its field
SAISIES = [
    pytest.param(("resultat: unanimité", "resultat: oui"), "valeur non reconnue « oui » ; valeurs possibles : adopté, "
                 "rejeté, unanimité", "resultats[1].resultat", id="resultat-inconnu"),
    pytest.param(("resultat: unanimité", "resultat: unanimité\n  scrutin: à bulletin"),
                 "valeur non reconnue « à bulletin »", "resultats[1].scrutin", id="scrutin-inconnu"),
    pytest.param(("excuses:", "presants: 3\n  excuses:"), "clé inconnue « presants » (vouliez-vous dire « presents » ?)",
                 "presences.presants", id="cle-de-presences-inconnue"),
    pytest.param(("pouvoirs:\n    Mme Julie Moreau: M. Paul Durand", "pouvoirs: [Mme Julie Moreau]"),
                 "dictionnaire attendu", "presences.pouvoirs", id="pouvoirs-en-liste"),
    pytest.param(("resultat: unanimité", "resultat: unanimité\n  pour: -3"), "nombre", "resultats[1].pour",
                 id="compte-negatif"),
]


@pytest.mark.parametrize("remplacement, attendu, champ", SAISIES)
def test_saisie_de_seance_refusee(tmp_path: Path, capsys: pytest.CaptureFixture[str], remplacement: tuple[str, str],
                                  attendu: str, champ: str) -> None:
    chemin = seance(tmp_path, presences=PRESENCES, resultats=[{"point": 1, "resultat": "unanimité"}])
    source = chemin.read_text(encoding="utf-8")
    avant, apres = remplacement
    assert avant in source
    chemin.write_text(source.replace(avant, apres, 1), encoding="utf-8")
    code, sortie, erreurs = executer(["check", str(chemin)], capsys)
    sans_anglais(sortie, erreurs, chemin=tmp_path)
    assert code == 1, sortie + erreurs
    lignes = [m.group(0) for m in verifier_lignes(sortie) if ": erreur: " in m.group(0)]
    assert any(f": erreur: {champ}: " in l and attendu in l and l.startswith(f"{chemin}:") for l in lignes), \
        "\n".join(lignes)


def test_membres_du_profil_et_resultats_dans_un_fichier(tmp_path: Path) -> None:
    """The members typed once in the collectivité's profile; the results in a YAML file the séance names."""
    profil = tmp_path / "profil.yaml"
    source = (RACINE / "examples" / "collectivites" / "sainte-croix.yaml").read_text(encoding="utf-8")
    profil.write_text(source + "membres:\n" + "".join(f"  - {n}\n" for n in MEMBRES), encoding="utf-8")
    (tmp_path / "resultats.yaml").write_text("- point: 2\n  contre: [Mme Anne Martin]\n  pour: 4\n",
                                             encoding="utf-8")
    chemin = seance(tmp_path, presences=PRESENCES, resultats="resultats.yaml")
    texte_seance = chemin.read_text(encoding="utf-8")
    texte_seance = re.sub(r"(?m)^membres:\n(- .*\n)+", "", texte_seance)
    chemin.write_text(texte_seance + f"collectivite: {profil}\n", encoding="utf-8")
    charge = charger_seance(chemin, jobs=1)
    erreurs = [str(f) for f in charge.tous_les_constats() if f.est_erreur]
    assert any(e.startswith(f"{tmp_path / 'resultats.yaml'}:") and "4 voix pour et 1 contre font 5, pour 6 suffrages "
               "exprimés" in e and "point 2 (p2.yaml)" in e for e in erreurs), erreurs
    vote = charge.defauts_des_points[2]["vote"][0]
    assert (vote["membres"], vote["presents"], vote["representes"]) == (7, 5, 1)


def test_un_point_seul_reste_un_projet(tmp_path: Path) -> None:
    """The same item file: a projet alone (no vote printed), the adopted act in its séance."""
    import deliberations

    chemin = seance(tmp_path, presences=PRESENCES, resultats=[{"point": 1, "resultat": "unanimité"}])
    seul = tmp_path / "seul"
    deliberations.render(tmp_path / "p1.yaml", seul)
    texte_seul = texte(next(seul.glob("*deliberation*.docx")))
    assert "Après en avoir délibéré,\n" in texte_seul and "Nombre de conseillers" not in texte_seul
    charge = charger_seance(chemin, jobs=1)
    rendre_seance(charge, tmp_path / "sortie", jobs=1)
    texte_seance = texte(tmp_path / "sortie" / "1-deliberation.docx")
    assert "Après en avoir délibéré, à l'unanimité," in texte_seance
    assert "Nombre de conseillers en exercice : 7 — présents : 5 — votants : 6" in texte_seance


def test_le_president_qui_ne_prend_pas_part_est_signale(tmp_path: Path) -> None:
    """The président leaving a vote (the compte administratif): a warning recalls L2121-14."""
    chemin = seance(tmp_path, presences=PRESENCES, president="M. Jean Dupont, Maire",
                    resultats=[{"point": 2, "ne_prennent_pas_part": ["M. Jean Dupont"], "resultat": "unanimité"}])
    avertissements = [f.message for f in charger_seance(chemin, jobs=1).findings if not f.est_erreur]
    assert any("« M. Jean Dupont », qui préside la séance, ne prend pas part au vote du point 2" in a
               and "L2121-14" in a for a in avertissements), avertissements


def test_un_bloc_de_presences_publie_se_deduit_des_noms() -> None:
    """Lachamp-Ribennes, conseil municipal du 25 novembre 2019 (https://www.lachamp48.fr/reunion-du-25.11.2019_fr.html,
    « Réunion du 25.11.2019 »), as published:

    | Nombre de membres en exercice : 19 / Présents : 16 / Votants: 17
    | Sont présents :Maxime AVININ, Nathalie BONNAL, Françis BONNET, Jacques BOULAGNON, Alain COMPEYRON, Benoît
    |   COURANT, Benjamin CRESPIN, Marie-José DOUSSE, Philippe FLEURY DE LA RUELLE, Floriane GACHON, Réjane JULIEN,
    |   Marianne MOULIN, Gilles PASCAL, Bruno PIC, Sébastien RAYNAL, Alain RAYNALDY,
    | Représentés :Mireille MEISSONNIER par Marianne MOULIN,
    | Absents : Jean-Luc DURAND, André VACHER,

    Typed as names only, the three figures the act prints are derived, and its lists come back.
    """
    presents = ["Maxime AVININ", "Nathalie BONNAL", "Françis BONNET", "Jacques BOULAGNON", "Alain COMPEYRON",
                "Benoît COURANT", "Benjamin CRESPIN", "Marie-José DOUSSE", "Philippe FLEURY DE LA RUELLE",
                "Floriane GACHON", "Réjane JULIEN", "Marianne MOULIN", "Gilles PASCAL", "Bruno PIC", "Sébastien RAYNAL",
                "Alain RAYNALDY"]
    membres = sorted([*presents, "Mireille MEISSONNIER", "Jean-Luc DURAND", "André VACHER"])
    presences = Presences.model_validate({"absents": ["Jean-Luc DURAND", "André VACHER"],
                                          "pouvoirs": {"Mireille MEISSONNIER": "Marianne MOULIN"}})
    etat = etats(membres, presences, ["2019-93.yaml"])[1]
    vote = vote_du_point(etat, None)
    assert (vote.membres, vote.presents, vote.votants) == (19, 16, 17)
    assert sorted(etat.presents) == sorted(presents)
    assert etat.pouvoirs == {"Mireille MEISSONNIER": "Marianne MOULIN"}
    assert fr.ligne_noms("Absent", etat.absents) == "Absents : André VACHER et Jean-Luc DURAND."
