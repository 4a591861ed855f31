"""The procès-verbal (CGCT L2121-15): every element the article lists, drafted from the séance file.

The séance is the Viens council of 5 April 2022 (a published act, see
``examples/communes/viens-2022-04-05/seance.yaml``), with its attendance, its
named votes and a member not taking part; the departure, the item voted in two
parts and the discussion are marked there as added for the example.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import RACINE
from deliberations.erreurs import ErreurEntree
from deliberations.registre.base import Acte, Registre
from deliberations.registre.numerotation import Numerotation
from deliberations.registre.proces_verbal import contexte_proces_verbal, rendre_proces_verbal
from deliberations.seance import charger_seance

VIENS = RACINE / "examples" / "communes" / "viens-2022-04-05" / "seance.yaml"


def texte(chemin: Path) -> str:
    document = docx.Document(str(chemin))
    morceaux = [p.text for p in document.paragraphs]
    for table in document.tables:
        morceaux += [c.text for r in table.rows for c in r.cells]
    return re.sub(r"[\u00a0\u202f]", " ", "\n".join(morceaux))


@pytest.fixture(scope="module")
def pv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    chemin = rendre_proces_verbal(charger_seance(VIENS, jobs=1), tmp_path_factory.mktemp("pv") / "pv.docx")
    return chemin, texte(chemin)


#: each element of L2121-15, and the line that shows it
ELEMENTS = [
    ("le titre", "PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL"),
    ("la date et l'heure", "L'an deux mille vingt-deux, le cinq avril, à dix-huit heures"),
    ("le président", "sous la présidence de Frédéric ROUX, Maire"),
    ("les nombres", "Nombre de conseillers en exercice : 15 — présents : 10 — votants : 15"),
    ("les présents", "Présents : ARNAL René, CARRIE Catherine, CASTINEL François, CHAPON Loïc"),
    ("les représentés", "Absents représentés : BREMOND-DICK Caroline, pouvoir à DARGERY Viviane ; CASANOVA Philippe, "
                        "pouvoir à CHAPON Loïc"),
    ("le quorum", "Le quorum étant atteint (10 présents sur 15 membres en exercice)"),
    ("le secrétaire", "Secrétaire de séance : PERRONE Danièle."),
    ("l'ordre du jour", "2. Approbation du Compte administratif 2021 du Maire"),
    ("chaque délibération", "3 — Affectation du résultat de l'exercice 2021 à l'exercice 2022"),
    ("les débats", "Le Maire quitte la salle pendant le vote du compte administratif"),
    ("le résultat", "Adoptée par 9 voix pour, 2 voix contre et 3 abstentions."),
    ("qui ne prend pas part", "ROUX Frédéric ne prend pas part au vote."),
    ("les votants nommés", "Ont voté contre : JACQUES Pierre et PILON Caroline."),
    ("les abstentions nommées", "Se sont abstenus : CHAPON Loïc, CASANOVA Philippe et FOURNIER Laure."),
    ("un départ", "CASTINEL François quitte la séance avant l'examen de ce point."),
    ("un vote en parties", "Vote 2 (la subvention au comité des fêtes) :"),
    ("les signatures", "Le secrétaire de séance,"),
]


@pytest.mark.parametrize("quoi, ligne", ELEMENTS, ids=[e[0] for e in ELEMENTS])
def test_element_du_proces_verbal(pv: tuple[Path, str], quoi: str, ligne: str) -> None:
    assert ligne in pv[1], quoi


def test_ordre_des_points(pv: tuple[Path, str]) -> None:
    lignes = pv[1].splitlines()
    titres = [k for k, l in enumerate(lignes) if re.match(r"^\d — ", l)]
    assert [lignes[k][0] for k in titres] == ["1", "2", "3", "4"]
    # each item's own figures: 14 voters for the compte administratif, 15 elsewhere
    assert "Présents : 10 — votants : 14" in "\n".join(lignes[titres[1]:titres[2]])
    assert "Présents : 9 — votants : 15" in "\n".join(lignes[titres[3]:])


def test_scrutin_secret_sans_noms(tmp_path: Path) -> None:
    """A secret ballot: said, and no name of a voter printed."""
    dossier = tmp_path / "viens"
    shutil.copytree(VIENS.parent, dossier)
    seance = dossier / "seance.yaml"
    source = seance.read_text(encoding="utf-8")
    seance.write_text(source.replace("  - point: 1\n    resultat: adopté\n",
                                     "  - point: 1\n    scrutin: secret\n    resultat: adopté\n"), encoding="utf-8")
    contexte = contexte_proces_verbal(charger_seance(seance, jobs=1))
    premier = contexte["points"][0]["lignes"]
    assert "Le vote a lieu au scrutin secret (article L2121-21 du CGCT)." in premier
    assert not any("Ont voté" in l or "abstenu" in l for l in premier), premier


def test_seance_en_erreur_refusee(tmp_path: Path) -> None:
    dossier = tmp_path / "viens"
    shutil.copytree(VIENS.parent, dossier)
    seance = dossier / "seance.yaml"
    seance.write_text(seance.read_text(encoding="utf-8").replace("pouvoirs_par_membre: 2", "pouvoirs_par_membre: 1"),
                      encoding="utf-8")
    with pytest.raises(ErreurEntree, match="détient déjà"):
        contexte_proces_verbal(charger_seance(seance, jobs=1))


def test_numeros_du_registre(tmp_path: Path) -> None:
    seance = charger_seance(VIENS, jobs=1)
    with Registre.ouvrir(tmp_path / "registre.sqlite") as registre:
        registre.enregistrer(Acte(collectivite="Commune de Viens", seance=dt.date(2022, 4, 5),
                                  instance="conseil municipal", rang=1,
                                  objet="Approbation du Compte de Gestion 2021 du Receveur municipal",
                                  pour=10, contre=2, abstentions=3),
                             Numerotation(motif="DEL{AAAA}_{000}", remise="annuelle"))
        contexte = contexte_proces_verbal(seance, registre)
    assert "Délibération n° DEL2022_001." in contexte["points"][0]["lignes"]
    assert not any(l.startswith("Délibération n°") for l in contexte["points"][1]["lignes"])


@pytest.mark.outil("soffice", "pandoc")
def test_lu_par_libreoffice_et_pandoc(pv: tuple[Path, str], tmp_path: Path) -> None:
    chemin, _ = pv
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(chemin)],
                   capture_output=True, timeout=180, check=True)
    pdf = tmp_path / "pv.pdf"
    assert pdf.is_file()
    texte_pdf = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "ROUX Frédéric ne prend pas part au vote." in re.sub(r"\s+", " ", texte_pdf)
    markdown = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", str(chemin)], capture_output=True, text=True,
                              timeout=60, check=True).stdout
    assert "PERRONE Danièle" in markdown


def test_commande(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``deliberations registre proces-verbal``: the draft written; a register that does not exist is exit 2."""
    from deliberations.cli import main

    assert main(["registre", "proces-verbal", str(VIENS), "-o", str(tmp_path)]) == 0
    ecrit = tmp_path / "proces-verbal-2022-04-05.docx"
    assert f"écrit : {ecrit}" in capsys.readouterr().out
    assert "ROUX Frédéric ne prend pas part au vote." in texte(ecrit)
    assert main(["registre", "proces-verbal", str(VIENS), "-o", str(tmp_path), "--force",
                 "--registre", str(tmp_path / "absent.sqlite")]) == 2
    assert "registre introuvable" in capsys.readouterr().out
    assert main(["registre", "proces-verbal", str(VIENS), "-o", str(tmp_path)]) == 1  # exists: --force needed


#: (what the séance leaves out, by replacement in the Viens séance) → the warning expected
MANQUES = [
    pytest.param(("heure: 18:00\n", ""), "procès-verbal : il manque l'heure de la séance", id="heure"),
    pytest.param(("president: Frédéric ROUX, Maire\n", ""), "procès-verbal : il manque qui préside", id="president"),
    pytest.param(("secretaire: PERRONE Danièle\n", ""), "procès-verbal : il manque le secrétaire de séance",
                 id="secretaire"),
    pytest.param(("  - point: 3\n", "  - point: 4\n"), None, id="resultat-manquant"),
]


def _constats_viens(tmp_path: Path, avant: str, apres: str) -> list[str]:
    dossier = tmp_path / "viens"
    shutil.copytree(VIENS.parent, dossier)
    seance = dossier / "seance.yaml"
    source = seance.read_text(encoding="utf-8")
    assert avant in source
    seance.write_text(source.replace(avant, apres, 1), encoding="utf-8")
    return [f.message for f in charger_seance(seance, jobs=1).findings]


@pytest.mark.parametrize("remplacement, attendu", MANQUES)
def test_check_dit_ce_qui_manque_au_proces_verbal(tmp_path: Path, remplacement: tuple[str, str],
                                                  attendu: str | None) -> None:
    messages = _constats_viens(tmp_path, *remplacement)
    if attendu is None:  # point 3's result now given to point 4 a second time: point 3 has none
        assert any("pas de résultat pour le point 3 (3-affectation-du-resultat-2021.yaml)" in m for m in messages)
    else:
        assert any(m.startswith(attendu) for m in messages), messages


def test_rien_ne_manque_a_une_seance_complete(tmp_path: Path) -> None:
    messages = [m for m in _constats_viens(tmp_path, "  - point: 1\n", "  - point: 1\n    debats: Sans débat.\n")
                if m.startswith("procès-verbal")]
    assert messages == ["procès-verbal : la substance des débats (debats:) n'est pas donnée pour les points "
                        "3 (3-affectation-du-resultat-2021.yaml), 4 (4-subventions-associations-2022.yaml)"]


def test_avant_la_seance_rien_n_est_dit(tmp_path: Path) -> None:
    """Without results, the séance file is an ordre du jour: its PV is not due yet."""
    dossier = tmp_path / "viens"
    shutil.copytree(VIENS.parent, dossier)
    seance = dossier / "seance.yaml"
    source = seance.read_text(encoding="utf-8")
    seance.write_text(source[: source.index("\nresultats:")] + "\n", encoding="utf-8")
    messages = [f.message for f in charger_seance(seance, jobs=1).findings]
    assert not [m for m in messages if m.startswith("procès-verbal")], messages
