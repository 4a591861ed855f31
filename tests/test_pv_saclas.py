"""The procès-verbal measured on a real one (issue 15): Saclas, conseil municipal du 12 mai 2011.

``examples/communes/saclas-2011-05-12/`` types what the published page
(https://www.mairie-saclas.fr/pv23.htm) shows of the séance: 18 members in
office, 11 present at the opening, two proxies, four absents, Annie LEPAGE
arriving before délibération 2011-02-007, the secrétaire, and the two
délibérations the page names (2011-02-001, cut before its vote, and
2011-02-007, only its title). The page prints no vote for either: neither
has a result, and nothing here invents one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import lignes_docx, sans_espaces

from deliberations import load
from deliberations.registre.proces_verbal import rendre_proces_verbal_de_la_seance
from deliberations.seance import charger_seance, rendre_seance

RACINE = Path(__file__).resolve().parent.parent
SEANCE = RACINE / "examples" / "communes" / "saclas-2011-05-12" / "seance.yaml"

#: the page's présents at the opening (« Etaient présents », without Annie LEPAGE, « absente à l'ouverture »),
#: the Maire who presides first
PRESENTS = ["Yves GAUCHER", "Josiane MARTY", "Isabelle VINCENT", "Annick LAROCHE", "Evelyne DEVALLIERE",
            "Rodolphe PORTEFAIX", "Alain GAUCHER", "Patrick LASNIER", "Alain VEDY", "Lionel DEBELLE",
            "Francis BORDERIEUX"]
#: « POUVOIRS : Monsieur CZARNECKI à Madame MARTY, Monsieur LENOIR à Madame DEVALLIERE »
REPRESENTES = ("Absents représentés : CZARNECKI, pouvoir à Josiane MARTY ; LENOIR, pouvoir à Evelyne "
               "DEVALLIERE.")
#: « ABSENTS : Messieurs JUGE, LAMOTHE, MAILLOTTE, PHILIPPOT. »
ABSENTS = ["JUGE", "LAMOTHE", "MAILLOTTE", "PHILIPPOT"]
ARRIVEE = "Annie LEPAGE rejoint la séance à 20 h 50, avant l'examen de ce point."


def _liste(noms: list[str]) -> str:
    return ", ".join(noms[:-1]) + " et " + noms[-1]


@pytest.fixture(scope="module")
def rendu(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, list[str], dict[str, list[str]]]:
    seance = charger_seance(SEANCE, jobs=1)
    dossier = tmp_path_factory.mktemp("saclas")
    (pv,) = rendre_proces_verbal_de_la_seance(seance, dossier)
    resultat = rendre_seance(seance, dossier, jobs=1)
    assert resultat.reussi, resultat.echecs
    actes = {p.name.split("-deliberation")[0]: [sans_espaces(l) for l in lignes_docx(p)]
             for p in resultat.ecrits if p.name.endswith("-deliberation.docx")}
    return seance, [sans_espaces(l) for l in lignes_docx(pv)], actes


def _section(pv: list[str], rang: int) -> list[str]:
    """The lines of item ``rang`` in the PV's « Délibérations »: from its title to the next one."""
    titres = [k for k, l in enumerate(pv) if re.match(r"^\d—", l)]
    fin = titres[rang] if rang < len(titres) else len(pv)
    return pv[titres[rang - 1]:fin]


def test_aucun_constat(rendu: tuple[object, list[str], dict[str, list[str]]]) -> None:
    seance, _, actes = rendu
    assert [f.message for f in seance.tous_les_constats()] == []  # type: ignore[attr-defined]
    assert sorted(actes) == ["1", "2"]


def test_ouverture_de_la_seance(rendu: tuple[object, list[str], dict[str, list[str]]]) -> None:
    _, pv, _ = rendu
    # 18 in office (the page's 1 + 10 + 1 + 2 + 4), 11 present at the opening, 2 represented: 13 votants
    assert sans_espaces("Nombre de conseillers en exercice : 18 — présents : 11 — votants : 13") in pv
    assert sans_espaces(f"Présents : {_liste(PRESENTS)}.") in pv
    assert sans_espaces(REPRESENTES) in pv
    # at the opening, Annie LEPAGE is absent
    assert sans_espaces(f"Absents : {_liste(['Annie LEPAGE', *ABSENTS])}.") in pv
    assert sans_espaces("Secrétaire de séance : Monsieur Alain GAUCHER.") in pv
    assert sans_espaces("Le quorum étant atteint (11 présents sur 18 membres en exercice), l'assemblée peut "
                        "valablement délibérer.") in pv
    assert sans_espaces("sous la présidence de Monsieur Yves GAUCHER, Maire de SACLAS.") in pv[3]


def test_arrivee_de_lepage_avant_2011_02_007(rendu: tuple[object, list[str], dict[str, list[str]]]) -> None:
    seance, pv, actes = rendu
    premier, second = _section(pv, 1), _section(pv, 2)
    assert second[0] == sans_espaces("2 — DM Budget Communal 2011")
    assert sans_espaces(ARRIVEE) not in premier
    assert second[1] == sans_espaces(ARRIVEE)
    assert sans_espaces("Présents : 11 — votants : 13") in premier
    assert sans_espaces("Présents : 12 — votants : 14") in second
    # each act: 11 then 12 present, LEPAGE among the présents of 2011-02-007 only
    assert sans_espaces("Nombre de conseillers en exercice : 18 — présents : 11 — votants : 13") in actes["1"]
    assert sans_espaces("Nombre de conseillers en exercice : 18 — présents : 12 — votants : 14") in actes["2"]
    assert sans_espaces(f"Présents : {_liste(PRESENTS)}.") in actes["1"]
    assert sans_espaces(f"Présents : {_liste([*PRESENTS, 'Annie LEPAGE'])}.") in actes["2"]
    assert sans_espaces(f"Absents : {_liste(ABSENTS)}.") in actes["2"]
    assert sans_espaces(ARRIVEE) in actes["2"] and sans_espaces(ARRIVEE) not in actes["1"]
    for acte in actes.values():
        assert sans_espaces(REPRESENTES) in acte
    # counted from the item on: 11 + 2 then 12 + 2 can vote; without a result (the page prints none) the
    # votants are the présents and the représentés
    figures = []
    for entree in seance.points:  # type: ignore[attr-defined]
        vote = load(entree.fichier, defauts=seance.defauts_du_point(entree)).vote  # type: ignore[attr-defined]
        figures.append((vote.membres, vote.presents, vote.representes, vote.votants))
    assert figures == [(18, 11, 2, 13), (18, 12, 2, 14)]


def test_aucun_vote_invente(rendu: tuple[object, list[str], dict[str, list[str]]]) -> None:
    """The page prints no vote for 2011-02-001 (cut) nor 2011-02-007: none is printed here."""
    _, pv, actes = rendu
    for rang in (1, 2):
        assert sans_espaces("Résultat du vote non donné.") in _section(pv, rang)
    assert not any("unanimité" in l.lower() for l in pv)
    for acte in actes.values():
        assert "Aprèsenavoirdélibéré," in acte
        assert not any("unanimité" in l.lower() or "voixpour" in l for l in acte)


def _lignes_de_la_page() -> list[str]:
    return [l[4:].strip() for l in SEANCE.read_text(encoding="utf-8").splitlines() if l.startswith("# | ")]


def _en_ordre(morceaux: list[str], document: str) -> int:
    """How many of ``morceaux`` the document holds in their order (as tests/test_communes.py measures acts)."""
    curseur, trouves = 0, 0
    for morceau in morceaux:
        position = document.find(sans_espaces(morceau), curseur)
        if position >= 0:
            trouves += 1
            curseur = position + len(sans_espaces(morceau))
    return trouves


def test_part_des_lignes_de_presence_reproduites(rendu: tuple[object, list[str], dict[str, list[str]]]) -> None:
    """The page's 12 attendance lines: none comes back whole, 17 of their 36 pieces come back in order.

    Whole lines: the PV writes « deux mille onze, le douze mai » (the page « deux mil onze, le jeudi 12 mai »),
    « Présents : A, B et C. » (the page two names a line, « - A,- B, »), « X, pouvoir à Y » (« Monsieur X à
    Madame Y »), « Absents : » with LEPAGE (the page lists her among the présents with her arrival),
    « Secrétaire de séance » (« Secrétariat de séance »). Pieces (the lines cut at their punctuation): every
    présent's name comes back in order; the proxies' and the absents' do not, the PV printing LEPAGE among
    the absents before them and the proxies as « CZARNECKI, pouvoir à Josiane MARTY ».
    """
    _, pv, _ = rendu
    document = " ".join(pv)
    lignes = _lignes_de_la_page()
    assert len(lignes) == 12
    assert _en_ordre(lignes, document) == 0
    morceaux = [m.strip() for l in lignes for m in re.split(r"[,:;.()«»]|(?<!\w)-|-(?=\s)", l)
                if re.search(r"\w", m)]
    assert len(morceaux) == 36
    assert _en_ordre(morceaux, document) == 17
    assert _en_ordre(PRESENTS[1:], document) == len(PRESENTS) - 1
    # anywhere, not in order: the three last absents' names too
    assert sum(sans_espaces(m) in document for m in morceaux) == 20
