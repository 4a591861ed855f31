"""Every assembly's acts (issue 12): the one-document délibération, the right words for each, the clerk's wording.

Tables of cases first (input → what the rendered document says, read back
with python-docx), property tests for the open-ended families (hours,
dates), then the real acts of ``examples/communes/``: the rendered
délibération must reproduce their lines, in order.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import lignes_docx, sans_espaces
from exemples import point_minimal
from hypothesis import given, settings
from hypothesis import strategies as st

import deliberations
from deliberations.langue import institutions
from deliberations.model.objets import Vote
from deliberations.rendu.formules import intitule_article, phrase_du_vote
from deliberations.rendu.redaction import texte_visa
from deliberations.types.catalogue import type_du_point

RACINE = Path(__file__).resolve().parents[1]
COMMUNES = RACINE / "examples" / "communes"


def valider(donnees: dict[str, Any]) -> Any:
    """An item of its type's model (as ``load`` would give it)."""
    type_ = deliberations.catalogue().trouver(donnees.get("type", "rapport-deliberation"))
    return type_.modele.model_validate(donnees)


def rendre(donnees: dict[str, Any], dossier: Path) -> list[list[str]]:
    """The lines of every document rendered from the item (python-docx, body order)."""
    point = valider(donnees)
    constats = deliberations.check(point)
    assert not [f for f in constats if f.est_erreur], [f.message for f in constats]
    return [lignes_docx(chemin) for chemin in deliberations.render(point, dossier)]


def dit(lignes: list[str], ligne: str) -> bool:
    """One of the document's paragraphs is ``ligne`` (French spacing and apostrophes aside)."""
    return sans_espaces(ligne) in {sans_espaces(l) for l in lignes}


def commune(**changes: Any) -> dict[str, Any]:
    """A small commune item of the one-document genre."""
    donnees = point_minimal(
        type="deliberation-commune",
        collectivite={"nom": "Commune de Sainte-Croix", "assemblee": "Conseil municipal",
                      "tribunal_administratif": "Lyon", "nature": "commune"},
        numero="2023-004",
        seance={"instance": "conseil municipal", "date": "2023-02-06", "heure": "20:30", "lieu": "à la mairie",
                "convocation": "2023-01-31", "publique": "oui", "president": "M. Jean Dupont, Maire",
                "secretaire": "Mme Anne Martin"},
        objet="Aire de jeux : demande de subvention",
        signataire={"nom": "Jean Dupont"},
        vote={"resultat": "unanimité"},
    )
    del donnees["direction"]
    donnees.update(copy.deepcopy(changes))
    return donnees


# --------------------------------------------------------------------------
# The words of each assembly and executive: kind × gender, then in the rendered documents

#: nature, gender, assembly → « Sur le rapport… », signature, signature by delegation
MOTS = [
    ("département", "masculin", "Conseil départemental", "Sur le rapport du président du Conseil départemental,",
     "Le président du Conseil départemental,", "Pour le président du Conseil départemental\net par délégation,"),
    ("département", "féminin", "Conseil départemental", "Sur le rapport de la présidente du Conseil départemental,",
     "La présidente du Conseil départemental,", "Pour la présidente du Conseil départemental\net par délégation,"),
    ("région", "masculin", "Conseil régional", "Sur le rapport du président du Conseil régional,",
     "Le président du Conseil régional,", "Pour le président du Conseil régional\net par délégation,"),
    ("région", "féminin", "Conseil régional", "Sur le rapport de la présidente du Conseil régional,",
     "La présidente du Conseil régional,", "Pour la présidente du Conseil régional\net par délégation,"),
    ("commune", "masculin", "Conseil municipal", "Sur le rapport de Monsieur le Maire,", "Le Maire,",
     "Pour le Maire et par délégation,"),
    ("commune", "féminin", "Conseil municipal", "Sur le rapport de Madame la Maire,", "La Maire,",
     "Pour la Maire et par délégation,"),
    ("epci", "masculin", "Conseil communautaire", "Sur le rapport de Monsieur le Président,", "Le Président,",
     "Pour le Président et par délégation,"),
    ("epci", "féminin", "Conseil communautaire", "Sur le rapport de Madame la Présidente,", "La Présidente,",
     "Pour la Présidente et par délégation,"),
    ("syndicat", "masculin", "Comité syndical", "Sur le rapport de Monsieur le Président,", "Le Président,",
     "Pour le Président et par délégation,"),
    ("syndicat", "féminin", "Comité syndical", "Sur le rapport de Madame la Présidente,", "La Présidente,",
     "Pour la Présidente et par délégation,"),
    ("paris", "masculin", "Conseil de Paris", "Sur le rapport de Monsieur le Maire de Paris,", "Le Maire de Paris,",
     "Pour le Maire de Paris et par délégation,"),
    ("paris", "féminin", "Conseil de Paris", "Sur le rapport de Madame la Maire de Paris,", "La Maire de Paris,",
     "Pour la Maire de Paris et par délégation,"),
]

#: what must never be printed: an executive followed by its assembly, for the kinds that do not say it
MAL_DIT = re.compile(r"(maire|président|présidente) (du|de la) (conseil|comité)", re.IGNORECASE)


@pytest.mark.parametrize("nature, genre, assemblee, rapport, signe, delegue", MOTS,
                         ids=[f"{m[0]}-{m[1]}" for m in MOTS])
def test_les_mots_de_chaque_institution(nature: str, genre: str, assemblee: str, rapport: str, signe: str,
                                        delegue: str) -> None:
    assert institutions.sur_le_rapport(nature, genre, assemblee) == rapport
    assert institutions.formule_signature(nature, genre, assemblee, delegation=False) == signe
    assert institutions.formule_signature(nature, genre, assemblee, delegation=True) == delegue


@pytest.mark.parametrize("genre_acte", ["deliberation-commune", "rapport-deliberation"])
@pytest.mark.parametrize("nature, genre, assemblee, rapport, signe, delegue", MOTS,
                         ids=[f"{m[0]}-{m[1]}" for m in MOTS])
def test_les_mots_dans_le_document_rendu(genre_acte: str, nature: str, genre: str, assemblee: str, rapport: str,
                                         signe: str, delegue: str, tmp_path: Path) -> None:
    """Each kind × genre × gender, read back from the rendered délibération (and rapport)."""
    instance = "commission permanente" if nature in ("département", "région") else assemblee.lower()
    for k, qualite in enumerate([None, "l'adjoint délégué"]):
        donnees = commune(collectivite={"nom": "Collectivité d'essai", "assemblee": assemblee, "nature": nature,
                                        "tribunal_administratif": "Lyon", "president": {"genre": genre}},
                          signataire={"nom": "Camille Durand", **({"qualite": qualite} if qualite else {})})
        donnees["seance"]["instance"] = instance
        donnees["type"] = genre_acte
        if genre_acte == "rapport-deliberation":
            donnees["direction"] = "Direction des finances"
        documents = rendre(donnees, tmp_path / str(k))
        deliberation = documents[-1]
        assert dit(deliberation, rapport)
        attendue = (delegue if qualite else signe).replace("\n", " ")
        signatures = [" ".join(l.replace("\n", " ").split()) for l in deliberation]
        assert any(s.startswith(attendue) for s in signatures), (attendue, signatures)
        if nature not in ("département", "région"):
            for document in documents:
                assert not MAL_DIT.search("\n".join(document)), document


def test_la_nature_se_deduit_de_l_assemblee(tmp_path: Path) -> None:
    """Before: « Sur le rapport du maire du Conseil municipal, » ; now the commune's words, without « nature: »."""
    donnees = point_minimal(collectivite={"nom": "Commune de Sainte-Croix", "assemblee": "Conseil municipal",
                                          "tribunal_administratif": "Lyon", "president": {"titre": "maire"}},
                            seance={"instance": "conseil municipal", "date": "2023-09-14"})
    rapport, deliberation = rendre(donnees, tmp_path)
    assert dit(deliberation, "Sur le rapport de Monsieur le Maire,")
    assert any(l.startswith("Pour le Maire et par délégation,") for l in deliberation)
    assert not MAL_DIT.search("\n".join(rapport + deliberation))


@pytest.mark.parametrize("assemblee, nature", [
    ("Conseil municipal", "commune"), ("Conseil départemental", "département"), ("Conseil régional", "région"),
    ("Conseil communautaire", "epci"), ("Conseil de la métropole", "epci"), ("Comité syndical", "syndicat"),
    ("Conseil de Paris", "paris"), ("Assemblée de Corse", None),
])
def test_deviner_nature(assemblee: str, nature: str | None) -> None:
    assert institutions.deviner_nature(assemblee) == nature


# --------------------------------------------------------------------------
# Dates and hours in words

@pytest.mark.parametrize("date, attendu", [
    (dt.date(2023, 2, 6), "L'an deux mille vingt-trois, le six février"),
    (dt.date(2023, 3, 1), "L'an deux mille vingt-trois, le premier mars"),
    (dt.date(2021, 2, 25), "L'an deux mille vingt et un, le vingt-cinq février"),
    (dt.date(2000, 12, 31), "L'an deux mille, le trente et un décembre"),
    (dt.date(1999, 8, 21), "L'an mille neuf cent quatre-vingt-dix-neuf, le vingt et un août"),
])
def test_date_en_lettres(date: dt.date, attendu: str) -> None:
    assert institutions.date_en_lettres(date) == attendu


@pytest.mark.parametrize("saisie, attendu", [
    ("20:30", "vingt heures trente"), ("20h30", "vingt heures trente"), ("20 h 30", "vingt heures trente"),
    ("20 heures 30", "vingt heures trente"), ("20 heures", "vingt heures"), ("21 h", "vingt et une heures"),
    ("1:01", "une heure une"), ("0:15", "zéro heure quinze"), ("18 H 45", "dix-huit heures quarante-cinq"),
    ("9h05", "neuf heures cinq"), ("12:00", "douze heures"),
])
def test_heure_en_lettres(saisie: str, attendu: str) -> None:
    assert institutions.heure_en_lettres(saisie) == attendu


@pytest.mark.parametrize("saisie", ["vingt heures", "24:00", "20:60", "20:3", "20.30", "", "h30"])
def test_heure_refusee(saisie: str) -> None:
    with pytest.raises(ValueError, match="heure"):
        institutions.lire_heure(saisie)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["{h}:{m:02d}", "{h}h{m:02d}", "{h} h {m:02d}",
                                                                  "{h} heures {m:02d}"]))
def test_toute_heure_s_ecrit_en_lettres(heures: int, minutes: int, forme: str) -> None:
    """Every hour of the day, in any of its spellings, is read back the same and written without a digit."""
    saisie = forme.format(h=heures, m=minutes)
    assert institutions.lire_heure(saisie) == (heures, minutes)
    mots = institutions.heure_en_lettres(saisie)
    assert not re.search(r"\d", mots)
    assert ("heures" in mots.split()) == (heures >= 2)
    assert not re.search(r"\bun heures?\b|\bun$", mots)  # « une heure », « vingt et une heures », « … une »


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_toute_date_s_ecrit_en_lettres(date: dt.date) -> None:
    texte = institutions.date_en_lettres(date)
    assert texte.startswith("L'an ") and not re.search(r"\d", texte)
    assert (", le premier " in texte) == (date.day == 1)


# --------------------------------------------------------------------------
# The one-document délibération: heading, préambule, formulas, signatures

def test_la_deliberation_de_commune_de_bout_en_bout(tmp_path: Path) -> None:
    """One document (no separate rapport), in the order of DROIT.md."""
    (deliberation,) = rendre(commune(), tmp_path)
    attendues = [
        "Commune de Sainte-Croix",
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
        "Séance du 6 février 2023",
        "Délibération n° 2023-004",
        "Objet : Aire de jeux : demande de subvention",
        "L'an deux mille vingt-trois, le six février, à vingt heures trente, le conseil municipal de la commune de "
        "Sainte-Croix, dûment convoqué le 31 janvier 2023, s'est réuni à la mairie, en séance publique, sous la "
        "présidence de M. Jean Dupont, Maire.",
        "Secrétaire de séance : Mme Anne Martin",
        "Un total de 2 structures.",
        "Le conseil municipal,",
        "Sur le rapport de Monsieur le Maire,",
        "Après en avoir délibéré, à l'unanimité,",
        "DÉCIDE :",
        "AUTORISE le versement des acomptes plafonnés à 15 000 euros ;",
        "APPROUVE l'adhésion au réseau.",
        "Ainsi fait et délibéré les jour, mois et an susdits.",
        "Le Maire, Jean Dupont",
        "La secrétaire de séance, Mme Anne Martin",
        "Le présent acte peut faire l'objet d'un recours contentieux",
        "ANNEXE 1 : STRUCTURES",
    ]
    texte = sans_espaces(" ".join(" ".join(l.split()) for l in deliberation))
    curseur = 0
    for ligne in attendues:
        position = texte.find(sans_espaces(ligne), curseur)
        assert position >= 0, (ligne, deliberation)
        curseur = position
    assert not any("Adopté à l'unanimité" in l for l in deliberation)  # no vote box
    assert not any("Date de notification" in l for l in deliberation)  # no date boxes
    assert not any("je vous propose" in l for l in deliberation)


@pytest.mark.parametrize("nature, nom, instance, sujet", [
    ("commune", "Commune de Sainte-Croix", "conseil municipal", "le conseil municipal de la commune de Sainte-Croix"),
    ("commune", "Ville de Lyon", "Conseil municipal", "le conseil municipal de la ville de Lyon"),
    ("epci", "Communauté de communes du Pays de Gex", "conseil communautaire",
     "le conseil communautaire de la communauté de communes du Pays de Gex"),
    ("epci", "Métropole de Lyon", "conseil de la métropole", "le conseil de la métropole de Lyon"),
    ("syndicat", "Syndicat des eaux du Lac", "comité syndical", "le comité syndical du syndicat des eaux du Lac"),
    ("paris", "Ville de Paris", "Conseil de Paris", "le Conseil de Paris"),
])
def test_le_sujet_du_preambule(nature: str, nom: str, instance: str, sujet: str, tmp_path: Path) -> None:
    donnees = commune(collectivite={"nom": nom, "assemblee": instance, "nature": nature, "tribunal_administratif": "Lyon"})
    donnees["seance"]["instance"] = instance
    (deliberation,) = rendre(donnees, tmp_path)
    (preambule,) = [l for l in deliberation if l.startswith("L'an ")]
    assert sans_espaces(f"à vingt heures trente, {sujet}, dûment convoqué") in sans_espaces(preambule), preambule


@pytest.mark.parametrize("seance, attendu", [
    ({}, "le conseil municipal de la commune de Sainte-Croix, dûment convoqué le 31 janvier 2023, s'est réuni à la "
         "mairie,"),
    ({"convocation": None}, "le conseil municipal de la commune de Sainte-Croix s'est réuni à la mairie,"),
    ({"convocation": None, "lieu": None}, "le conseil municipal de la commune de Sainte-Croix s'est réuni, en séance"),
    ({"seconde_convocation": "oui"}, "le conseil municipal de la commune de Sainte-Croix, convoqué une seconde fois "
                                     "le 31 janvier 2023 faute de quorum (article L2121-17 du CGCT), s'est réuni"),
])
def test_le_preambule_sans_virgule_entre_le_sujet_et_son_verbe(seance: dict[str, Any], attendu: str,
                                                               tmp_path: Path) -> None:
    """The convocation sits between commas; without it, nothing separates « le conseil municipal » and « s'est réuni »."""
    donnees = commune()
    for cle, valeur in seance.items():
        if valeur is None:
            donnees["seance"].pop(cle)
        else:
            donnees["seance"][cle] = valeur
    (deliberation,) = rendre(donnees, tmp_path)
    (preambule,) = [l for l in deliberation if l.startswith("L'an ")]
    assert sans_espaces(attendu) in sans_espaces(preambule), preambule


@pytest.mark.parametrize("vote, phrase", [
    ({"resultat": "unanimité"}, "à l'unanimité"),
    ({"resultat": "unanimité", "pour": 20, "abstentions": 2}, "à l'unanimité des suffrages exprimés"),
    ({"resultat": "majorité", "pour": 21, "contre": 3, "abstentions": 2}, "par 21 voix pour, 3 voix contre et 2 abstentions"),
    ({"resultat": "majorité", "pour": 20, "abstentions": 1}, "par 20 voix pour et 1 abstention"),
    ({"resultat": "majorité", "pour": 14, "contre": 1}, "par 14 voix pour et 1 voix contre"),
    ({}, ""),
])
def test_phrase_du_vote(vote: dict[str, Any], phrase: str) -> None:
    assert phrase_du_vote(Vote.model_validate(vote)) == phrase


@pytest.mark.parametrize("style, premier, deuxieme", [
    ("Article 1er", "Article 1er :", "Article 2 :"),
    ("Article premier.-", "Article premier.-", "Article 2.-"),
    ("Art. 1er.-", "Art. 1er.-", "Art. 2.-"),
    ("non", "", ""),
])
def test_intitule_article(style: str, premier: str, deuxieme: str) -> None:
    assert (intitule_article(style, 1), intitule_article(style, 2)) == (premier, deuxieme)


#: formulas of the item → lines present and absent in the rendered délibération
FORMULES = [
    ({}, ["DÉCIDE :", "Ainsi fait et délibéré les jour, mois et an susdits."], ["Adopté à l'unanimité :"]),
    ({"decision": "DÉLIBÈRE :"}, ["DÉLIBÈRE :"], ["DÉCIDE :"]),
    ({"decision": "non"}, [], ["DÉCIDE :"]),
    ({"articles": "Article 1er"}, ["Article 1er : AUTORISE le versement des acomptes plafonnés à 15 000 euros.",
                                   "Article 2 : APPROUVE l'adhésion au réseau."], []),
    ({"articles": "Article premier.-"}, ["Article premier.- AUTORISE le versement des acomptes plafonnés à 15 000 euros.",
                                         "Article 2.- APPROUVE l'adhésion au réseau."], []),
    ({"articles": "Art. 1er.-"}, ["Art. 1er.- AUTORISE le versement des acomptes plafonnés à 15 000 euros.",
                                  "Art. 2.- APPROUVE l'adhésion au réseau."], []),
    ({"recours": "non"}, [], ["Le présent acte peut faire l'objet d'un recours contentieux"]),
    ({"vote": "tableau"}, ["Adopté à l'unanimité : X", "Après en avoir délibéré,"], ["délibéré, à l'unanimité"]),
    ({"vote": "non"}, ["Après en avoir délibéré,"], ["délibéré, à l'unanimité", "Adopté à l'unanimité"]),
    ({"dates": "oui"}, ["Date de notification du présent acte, le"], []),
    ({"ainsi_fait": "non"}, [], ["Ainsi fait et délibéré"]),
    ({"ainsi_fait": "Fait et délibéré en séance les jour, mois et an susdits."},
     ["Fait et délibéré en séance les jour, mois et an susdits."], ["Ainsi fait"]),
    ({"deliberative": "Le conseil, ouï l'exposé et après en avoir délibéré, à l'unanimité,"},
     ["Le conseil, ouï l'exposé et après en avoir délibéré, à l'unanimité,"], ["Après en avoir délibéré, à l'unanimité,"]),
    ({"deliberative": "non"}, [], ["Après en avoir délibéré"]),
    ({"ouverture": "non", "sur_le_rapport": "non"}, [], ["Le conseil municipal,", "Sur le rapport de Monsieur le Maire,"]),
    ({"tirets": "non"}, ["AUTORISE le versement des acomptes plafonnés à 15 000 euros ;"], ["-\tAUTORISE"]),
    ({"phrase_vote": "Cette délibération est adoptée à l'unanimité."},
     ["Cette délibération est adoptée à l'unanimité."], []),
    ({"secretaire": "non"}, [], ["La secrétaire de séance,"]),
    ({"preambule": "non"}, [], ["L'an deux mille vingt-trois"]),
]


def _paragraphes(deliberation: list[str]) -> list[str]:
    return [" ".join(l.replace("\n", " ").split()) for l in deliberation]


@pytest.mark.parametrize("formules, presentes, absentes", FORMULES, ids=[str(f) for f, _, _ in FORMULES])
def test_formules_de_la_collectivite(formules: dict[str, str], presentes: list[str], absentes: list[str],
                                     tmp_path: Path) -> None:
    """Each wording choice, typed in the item: what the rendered délibération then says, and does not."""
    (deliberation,) = rendre(commune(formules=formules), tmp_path)
    paragraphes = [sans_espaces(p) for p in _paragraphes(deliberation)]
    for ligne in presentes:
        assert any(sans_espaces(ligne) in p for p in paragraphes), (ligne, paragraphes)
    for ligne in absentes:
        assert not any(sans_espaces(ligne) in p for p in paragraphes), (ligne, paragraphes)


def test_articles_du_profil(tmp_path: Path) -> None:
    """The profile's older ``articles: oui`` numbers the commune's decisions too."""
    donnees = commune()
    donnees["collectivite"]["articles"] = "oui"
    (deliberation,) = rendre(donnees, tmp_path)
    assert any(sans_espaces(l).startswith(sans_espaces("Article 1er : AUTORISE")) for l in deliberation)


def test_le_point_l_emporte_sur_le_profil(tmp_path: Path) -> None:
    donnees = commune(formules={"decision": "DÉLIBÈRE :"})
    donnees["collectivite"]["formules"] = {"decision": "ARRÊTE :", "recours": "non"}
    (deliberation,) = rendre(donnees, tmp_path)
    assert dit(deliberation, "DÉLIBÈRE :") and not dit(deliberation, "ARRÊTE :")
    assert not any("recours contentieux" in l for l in deliberation)  # the profile's choice stays


def test_sans_signataire_ni_secretaire(tmp_path: Path) -> None:
    """An act published without signature: no empty signature block."""
    donnees = commune()
    del donnees["signataire"]
    del donnees["seance"]["secretaire"]
    (deliberation,) = rendre(donnees, tmp_path)
    assert not any(l.strip().startswith(("Le Maire,", "La secrétaire", "Le secrétaire")) for l in deliberation)


# --------------------------------------------------------------------------
# Wording the clerk controls in every genre

@pytest.mark.parametrize("saisi, imprime", [
    ("le Code général des collectivités territoriales", "Vu le Code général des collectivités territoriales,"),
    ("Vu la loi n° 82-213", "Vu la loi n° 82-213,"),
    ("Ouï l'avis de la commission des finances du 30 janvier 2023", "Ouï l'avis de la commission des finances du 30 janvier 2023,"),
    ("Oui l'exposé du rapporteur", "Oui l'exposé du rapporteur,"),
    ("Sur le rapport présenté par M. Paul Durand, adjoint", "Sur le rapport présenté par M. Paul Durand, adjoint,"),
    ("Après avis favorable du bureau", "Après avis favorable du bureau,"),
    ("Entendu l'exposé de Madame la Maire", "Entendu l'exposé de Madame la Maire,"),
    ("surtout le budget", "Vu surtout le budget,"),
])
def test_lignes_de_visa_avec_leur_ouverture(saisi: str, imprime: str) -> None:
    assert texte_visa(saisi) == imprime


def test_decision_sans_verbe_dans_les_deux_documents(tmp_path: Path) -> None:
    """A passive decision is the same sentence in the rapport and the délibération, with no fake verb."""
    phrase = "Une subvention de 2 500 € est allouée à l'association Les Amis du Parc"
    donnees = point_minimal(propositions=[{"verbe": "approuver", "texte": "l'adhésion au réseau"},
                                          {"texte": phrase}], valeurs={"plafond": "15 000 €", "aide": "2 500 €"})
    rapport, deliberation = rendre(donnees, tmp_path)
    fin = sans_espaces(f"-\t{phrase}.")
    assert any(sans_espaces(l) == fin for l in rapport), rapport
    assert any(sans_espaces(l) == fin for l in deliberation), deliberation
    assert any(sans_espaces(l) == sans_espaces("-\tD'APPROUVER l'adhésion au réseau ;") for l in rapport)


@pytest.mark.parametrize("genre_acte", ["rapport-deliberation", "deliberation-commune"])
def test_rapporteur(genre_acte: str, tmp_path: Path) -> None:
    donnees = commune(rapporteur="M. Paul Durand, adjoint aux finances") if genre_acte != "rapport-deliberation" \
        else point_minimal(rapporteur="M. Paul Durand, vice-président")
    documents = rendre(donnees, tmp_path)
    attendu = ("Sur le rapport de M. Paul Durand, adjoint aux finances," if genre_acte != "rapport-deliberation"
               else "Sur le rapport de M. Paul Durand, vice-président,")
    assert dit(documents[-1], attendu)
    assert not any(l.startswith("Sur le rapport du président") for l in documents[-1])


def test_direction_sans_objet(tmp_path: Path) -> None:
    """« sans objet » for a field that does not apply: accepted, never printed."""
    rapport, deliberation = rendre(point_minimal(direction="sans objet"), tmp_path)
    assert not any("sans objet" in l.lower() for l in rapport + deliberation)


def test_une_commune_n_a_pas_de_direction() -> None:
    point = valider(commune())
    assert point.direction is None
    assert not [f for f in deliberations.check(point) if f.est_erreur]


# --------------------------------------------------------------------------
# Tables in the exposé, the dispositif or an annex

def _annexe(titre: str, colonnes: list[tuple[str, str]], lignes: list[list[str]], **place: Any) -> dict[str, Any]:
    return {"titre": titre, **place, "tableaux": [{
        "colonnes": [{"nom": n, "type": t} for n, t in colonnes], "lignes": lignes}]}


def test_tableaux_a_leur_place(tmp_path: Path) -> None:
    """Annex 1 appended, annex 2 after section 1 of the exposé, annex 3 after decision 1; amounts right-aligned."""
    import docx

    annexes = [
        _annexe("STRUCTURES", [("montant", "montant"), ("structure", "texte")], [["1000", "Ville A"]]),
        _annexe("PLAN DE FINANCEMENT", [("financeur", "texte"), ("somme", "montant")], [["État", "2000"]],
                emplacement="expose", apres=1),
        _annexe("ÉCHÉANCIER", [("annee", "texte"), ("versement", "montant")], [["2024", "3000"]],
                emplacement="dispositif", apres=1),
    ]
    expose = [{"paragraphes": ["Premier paragraphe."]}, {"paragraphes": ["Second paragraphe."]}]
    (chemin,) = deliberations.render(valider(commune(annexes=annexes, expose=expose)), tmp_path)
    lignes = lignes_docx(chemin)

    def rang(morceau: str) -> int:
        return next(k for k, l in enumerate(lignes) if sans_espaces(morceau) in sans_espaces(l))

    assert rang("Premier paragraphe.") < rang("État\t2 000,00 €") < rang("Second paragraphe.")
    assert rang("AUTORISE le versement") < rang("2024\t3 000,00 €") < rang("APPROUVE l'adhésion")
    assert rang("Le Maire,") < rang("ANNEXE 1 : STRUCTURES") < rang("1 000,00 €\tVille A")
    # each table aligned as its own columns say (the tables print in another order than the annexes)
    document = docx.Document(str(chemin))
    alignements = {}
    for table in document.tables:
        cellules = table.rows[1].cells
        alignements[sans_espaces(cellules[0].text)] = [c.paragraphs[0].paragraph_format.alignment for c in cellules]
    assert alignements["État"][1] == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert alignements["1000,00€"][0] == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert alignements["1000,00€"][1] != docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


# --------------------------------------------------------------------------
# The séance file: typed once, shared by its items

def test_la_seance_donne_son_preambule_a_ses_points(tmp_path: Path) -> None:
    import yaml

    donnees = commune()
    seance = donnees.pop("seance")
    (tmp_path / "point.yaml").write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    (tmp_path / "seance.yaml").write_text(yaml.safe_dump(
        {**seance, "collectivite": donnees["collectivite"], "points": ["point.yaml"]}, allow_unicode=True),
        encoding="utf-8")
    chargee = deliberations.charger_seance(tmp_path / "seance.yaml", jobs=1)
    assert not chargee.en_erreur, chargee.tous_les_constats()
    resultat = deliberations.rendre_seance(chargee, tmp_path / "sortie")
    assert resultat.reussi
    (acte,) = [p for p in resultat.ecrits if p.name.endswith("-deliberation.docx")]
    lignes = lignes_docx(acte)
    assert any(l.startswith("L'an deux mille vingt-trois, le six février, à vingt heures trente") for l in lignes)
    assert dit(lignes, "Secrétaire de séance : Mme Anne Martin")


# --------------------------------------------------------------------------
# Real acts: the rendered délibération reproduces their lines, in order

EXEMPLES = sorted(COMMUNES.glob("*.yaml"))


def lignes_de_l_acte(chemin: Path) -> list[str]:
    """The act's text, transcribed in the example's comment (lines starting with « # | »)."""
    return [l[3:].strip() for l in chemin.read_text(encoding="utf-8").splitlines() if l.startswith("# | ")]


def test_au_moins_trois_actes_reels() -> None:
    assert len(EXEMPLES) >= 3
    for chemin in EXEMPLES:
        texte = chemin.read_text(encoding="utf-8")
        assert re.search(r"(?m)^# Source : https?://", texte), chemin
        assert len(lignes_de_l_acte(chemin)) >= 3, chemin


@pytest.mark.parametrize("chemin", EXEMPLES, ids=[c.stem for c in EXEMPLES])
def test_l_acte_reel_respecte_le_schema(chemin: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from deliberations.entree.lecture import lire_yaml
    from deliberations.types.schema import schema

    donnees, _ = lire_yaml(chemin)
    type_ = deliberations.catalogue().trouver(donnees["type"])
    assert not [e.message for e in jsonschema.Draft202012Validator(schema(type_)).iter_errors(donnees)]


@pytest.mark.parametrize("chemin", EXEMPLES, ids=[c.stem for c in EXEMPLES])
def test_l_acte_reel_est_reproduit(chemin: Path, tmp_path: Path) -> None:
    point = deliberations.load(chemin)
    assert type_du_point(point).nom == "deliberation-commune"
    assert not [f for f in deliberations.check(point) if f.est_erreur]
    (rendu,) = deliberations.render(point, tmp_path, pdf=False)
    document = sans_espaces(" ".join(lignes_docx(rendu)))
    lignes = lignes_de_l_acte(chemin)
    curseur, trouvees, absentes = 0, 0, []
    for ligne in lignes:
        position = document.find(sans_espaces(ligne), curseur)
        if position >= 0:
            trouvees += 1
            curseur = position + len(sans_espaces(ligne))
        else:
            absentes.append(ligne)
    assert trouvees / len(lignes) >= 0.95, absentes


# --------------------------------------------------------------------------
# Properties: nothing typed is lost; no executive is ever « of its council »

_TEXTE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="$"),
                 min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(
    lambda t: bool(t) and t.lower() != "sans objet" and t.lower() != "non" and "{" not in t and "}" not in t)


@settings(max_examples=25, deadline=None)
@given(lieu=_TEXTE, president=_TEXTE, secretaire=_TEXTE, rapporteur=_TEXTE, phrase=_TEXTE, ouverture=_TEXTE)
def test_chaque_texte_de_la_seance_revient_intact(lieu: str, president: str, secretaire: str, rapporteur: str,
                                                  phrase: str, ouverture: str, tmp_path_factory: Any) -> None:
    donnees = commune(rapporteur=rapporteur, formules={"phrase_vote": phrase, "ouverture": ouverture})
    donnees["seance"].update(lieu=lieu, president=president, secretaire=secretaire)
    point = valider(donnees)
    (chemin,) = deliberations.render(point, tmp_path_factory.mktemp("rendu"))
    texte = sans_espaces(" ".join(lignes_docx(chemin)))
    for saisi in (lieu, president, secretaire, rapporteur, phrase, ouverture):
        assert sans_espaces(unicodedata.normalize("NFC", saisi)) in texte, saisi  # input is read in NFC


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(institutions.NATURES), st.sampled_from(["masculin", "féminin"]),
       st.sampled_from(["Conseil municipal", "Conseil communautaire", "Conseil départemental", "Comité syndical",
                        "Conseil de Paris", "Conseil régional", "Conseil de la métropole"]), st.booleans())
def test_jamais_le_maire_du_conseil(nature: str, genre: str, assemblee: str, delegation: bool) -> None:
    mots = [institutions.sur_le_rapport(nature, genre, assemblee),
            institutions.formule_signature(nature, genre, assemblee, delegation=delegation)]
    for texte in mots:
        if nature not in ("département", "région"):
            assert not MAL_DIT.search(texte), texte
        assert bool(re.search(r"Madame|[Pp]résidente|\b[Ll]a Maire", texte)) == (genre == "féminin"), texte
