"""Spreadsheets read as the clerk sees them, or refused at the cell (issue 11, « tableurs »).

Three parts: a catalogue of bad spreadsheets run through ``deliberations
check`` (the reference example with its annex table taken from a CSV or XLSX
file), accepted spreadsheets whose values are read back from the model and
from the rendered .docx, and property tests over generated spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import subprocess
import io
import zipfile
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Callable

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deliberations import check, load, render
from deliberations.calcul.tableaux import tableaux
from deliberations.entree.cellules import CelluleRefusee, interpreter
from deliberations.entree.tables import lire_table
from deliberations.erreurs import ErreurEntree
from test_entrees_invalides import executer, preparer, sans_anglais, verifier_lignes

# --------------------------------------------------------------------------
# The reference example, its annex table read from a spreadsheet

COLONNES = """\
        colonnes:
          - {nom: structure, titre: Nom de la structure}
          - {nom: acompte, titre: Acompte, type: montant}
          - {nom: solde, titre: Solde, type: montant}
          - {nom: taux, titre: Taux, type: pourcentage}
          - {nom: signature, titre: Signature, type: date}
          - {nom: note, titre: Note}
"""
ENTETES = ["Nom de la structure", "Acompte", "Solde", "Taux", "Signature", "Note"]


def vers_source(source: str) -> Callable[[str], str]:
    """The example's first table, its rows and totals replaced by ``source: …`` and the columns above."""

    def muter(texte: str) -> str:
        debut = texte.index("        colonnes:\n")
        fin = texte.index('          total: "360 000,00 €"\n') + len('          total: "360 000,00 €"\n')
        return texte[:debut] + f"        source: {source}\n" + COLONNES + texte[fin:]

    return muter


def classeur(lignes: list[list[Any]], formats: dict[str, str] | None = None, fusions: tuple[str, ...] = (),
             titre: str = "Budget") -> openpyxl.Workbook:
    """A workbook with the header above and ``lignes`` from row 2; ``formats`` maps a cell (« B2 ») to its format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = titre
    ws.append(ENTETES)
    for ligne in lignes:
        ws.append(ligne)
    for ref, code in (formats or {}).items():
        ws[ref].number_format = code
    for plage in fusions:
        ws.merge_cells(plage)
    return wb


def xlsx(*args: Any, **kwargs: Any) -> Callable[[Path], None]:
    return lambda chemin: classeur(*args, **kwargs).save(chemin)


def _masquer(chemin: Path, ligne: int) -> None:
    wb = classeur([PANTIN, ["Ville de Bagnolet", 1, 1, 20, None, None]])
    wb.active.row_dimensions[ligne].hidden = True
    wb.save(chemin)


def _en_tete_fusionne(chemin: Path) -> None:
    wb = classeur([["", "Acompte", "Solde", "Taux", "Signature", "Note"], PANTIN])
    wb.active["B1"] = "Plafonds"
    wb.active.merge_cells("A1:A2")
    wb.save(chemin)


def _deux_feuilles(chemin: Path) -> None:
    wb = classeur([PANTIN])
    wb.create_sheet("Budget 2022").append(ENTETES)
    wb.save(chemin)


def _entete(chemin: Path, ref: str, titre: str) -> None:
    wb = classeur([PANTIN])
    wb.active[ref] = titre
    wb.save(chemin)


def csv_texte(texte: str) -> Callable[[Path], None]:
    return lambda chemin: chemin.write_text(texte, encoding="utf-8", newline="")


PANTIN = ["Ville de Pantin", 15000, 15000, 20, dt.date(2023, 9, 14), "ok"]
EN_TETE_CSV = ";".join(ENTETES) + "\n"


@dataclass
class CasTableur:
    id: str
    fichier: str                        # the spreadsheet's name next to the item
    ecrire: Callable[[Path], None]      # writes it
    attendus: tuple[str, ...]           # fragments of one message line
    ligne: int | str | None             # its line (a number in the spreadsheet; a text: its line in the item)
    champ: str | None                   # the start of its field
    source: str | None = None           # the ``source:`` value (default: the file's name)
    dans_le_point: bool = False         # the message names the item's file, not the spreadsheet


def t(id: str, fichier: str, ecrire: Callable[[Path], None], attendus: str | tuple[str, ...], ligne: int | str | None,
      champ: str | None, **autres: Any) -> Any:
    attendus = (attendus,) if isinstance(attendus, str) else attendus
    return pytest.param(CasTableur(id, fichier, ecrire, attendus, ligne, champ, **autres), id=id)


L1 = "annexes[1].tableaux[1].lignes[1]"

CATALOGUE_TABLEURS = [
    # --- CSV ---------------------------------------------------------------------------
    t("csv-cellule-en-trop", "s.csv", csv_texte(EN_TETE_CSV + "Ville de Pantin;15000;15000;20;14/09/2023;ok;oubli\n"),
      ("7 cellules pour 6 colonnes d'en-tête", "« oubli »", "n'a pas de colonne"), 2, L1),
    t("csv-virgule-decimale-non-protegee", "s.csv",
      csv_texte(EN_TETE_CSV + "Ville de Pantin;15000;15000;20;14/09/2023;ok\nVille de Bagnolet;15 000;00;15000;20;14/09/2023;ok\n"),
      ("7 cellules pour 6 colonnes", "« ok »"), 3, "annexes[1].tableaux[1].lignes[2]"),
    t("csv-sur-deux-lignes-ligne-du-rang", "s.csv",
      csv_texte(EN_TETE_CSV + '"Ville\nde Pantin";15000;15000;20;14/09/2023;ok\nVille de Bagnolet;abc;15000;20;14/09/2023;ok\n'),
      ("montant illisible", "abc"), 4, "annexes[1].tableaux[1].lignes[2].acompte (colonne « Acompte »)"),
    t("csv-sur-deux-lignes-ligne-de-la-cellule", "s.csv",
      csv_texte(EN_TETE_CSV + '"Ville\nde Pantin";abc;15000;20;14/09/2023;ok\n'),
      ("montant illisible", "abc"), 2, f"{L1}.acompte (colonne « Acompte », cellule à la ligne 3)"),
    t("csv-guillemet-jamais-ferme", "s.csv",
      csv_texte(EN_TETE_CSV + 'Ville de Pantin;15000;15000;20;14/09/2023;ok\n"Ville de Bagnolet;15000;15000;20;14/09/2023;ok\n'),
      ("guillemet ouvert à la ligne 3", "jamais fermé"), 3, None),
    t("csv-guillemets-mal-places", "s.csv",
      csv_texte(EN_TETE_CSV + '"Ville "Pantin"";15000;15000;20;14/09/2023;ok\n'), "guillemets mal placés", 2, None),
    t("csv-controle-c1", "s.csv", csv_texte(EN_TETE_CSV + "Ville\x85 de Pantin;15000;15000;20;14/09/2023;ok\n"),
      ("caractère de contrôle U+0085",), 2, f"{L1}.structure (colonne « Nom de la structure »)"),
    t("csv-controle-dans-l-en-tete", "s.csv", csv_texte("Nom de la\x07 structure;Acompte\nVille;1\n"),
      ("caractère de contrôle U+0007",), 1, "en-tête, colonne 1"),
    t("csv-avec-une-feuille", "s.csv", csv_texte(EN_TETE_CSV), ("une feuille ne se choisit", "s.csv"),
      "source: {fichier: s.csv", "annexes[1].tableaux[1].source.feuille", source="{fichier: s.csv, feuille: Budget}",
      dans_le_point=True),
    # --- XLSX ----------------------------------------------------------------------------
    t("xlsx-formule-sans-valeur", "s.xlsx", xlsx([["Ville de Pantin", 15000, "=B2*2", 20, None, None]]),
      ("formule sans valeur calculée en C2", "ouvrez et enregistrez le classeur dans Excel ou LibreOffice"), 2,
      f"{L1}.solde (feuille « Budget », cellule C2, colonne « Solde »)"),
    t("xlsx-formule-en-erreur", "s.xlsx", xlsx([["Ville de Pantin", "#DIV/0!", 1, 20, None, None]]),
      ("la cellule B2 affiche une erreur de formule", "#DIV/0!"), 2, f"{L1}.acompte"),
    t("xlsx-decimales-cachees", "s.xlsx", xlsx([["Ville de Pantin", 1234.56, 1, 20, None, None]], {"B2": "#,##0"}),
      ("la cellule B2 affiche 1 235 mais contient 1234,56", "ARRONDI"), 2, f"{L1}.acompte"),
    t("xlsx-pourcentage-cache", "s.xlsx", xlsx([["Ville de Pantin", 1, 1, 0.125, None, None]], {"D2": "0%"}),
      ("la cellule D2 affiche 13 % mais contient 12,5 %",), 2, f"{L1}.taux"),
    t("xlsx-pourcentage-dans-un-montant", "s.xlsx", xlsx([["Ville de Pantin", 0.2, 1, 20, None, None]], {"B2": "0%"}),
      ("montant illisible", "20\xa0%"), 2, f"{L1}.acompte (feuille « Budget », cellule B2"),
    t("xlsx-montant-au-dela-du-centime", "s.xlsx", xlsx([["Ville de Pantin", 1000 / 3, 1, 20, None, None]]),
      ("montant avec plus de deux décimales", "333,333333333333"), 2, f"{L1}.acompte (feuille « Budget », cellule B2"),
    t("xlsx-format-en-milliers", "s.xlsx", xlsx([["Ville de Pantin", 15000, 1, 20, None, None]], {"B2": '#,##0,"k€"'}),
      ("la cellule B2 est affichée en milliers",), 2, f"{L1}.acompte"),
    t("xlsx-nombre-fusionne", "s.xlsx",
      xlsx([["Ville de Pantin", 15000, 1, 20, None, None], ["Ville de Bagnolet", None, 1, 20, None, None]],
           fusions=("B2:B3",)), ("cellules fusionnées B2:B3", "un nombre ne vaut que pour une ligne"), 2, f"{L1}.acompte (feuille « Budget », cellule B2"),
    t("xlsx-ligne-masquee", "s.xlsx", lambda chemin: _masquer(chemin, 3),
      ("ligne 3 masquée dans le classeur",), 3, "annexes[1].tableaux[1].lignes[2] (feuille « Budget »)"),
    t("xlsx-date-avec-heure", "s.xlsx",
      xlsx([["Ville de Pantin", 1, 1, 20, dt.datetime(2023, 9, 14, 10, 30), None]], {"E2": "dd/mm/yyyy hh:mm"}),
      ("date illisible", "14/09/2023 10:30"), 2, f"{L1}.signature"),
    t("xlsx-mois-dans-une-date", "s.xlsx", xlsx([["Ville de Pantin", 1, 1, 20, dt.date(2023, 9, 1), None]], {"E2": "mmmm yyyy"}),
      ("date illisible", "septembre 2023"), 2, f"{L1}.signature"),
    t("xlsx-date-dans-un-montant", "s.xlsx", xlsx([["Ville de Pantin", dt.date(2023, 9, 14), 1, 20, None, None]]),
      ("montant illisible", "14/09/2023"), 2, f"{L1}.acompte"),
    t("xlsx-cellule-sans-titre", "s.xlsx", xlsx([["Ville de Pantin", 1, 1, 20, None, None, "oubli"]]),
      ("la cellule G2", "oubli", "n'a pas de titre de colonne"), 2, f"{L1} (feuille « Budget »)"),
    t("xlsx-controle-echappe", "s.xlsx", xlsx([["Ville_x0001_ de Pantin", 1, 1, 20, None, None]]),
      ("caractère de contrôle U+0001 interdit en A2",), 2, f"{L1}.structure"),
    t("xlsx-feuille-introuvable", "s.xlsx", xlsx([PANTIN]),
      ("feuille « Budjet » introuvable dans", "s.xlsx", "feuilles : « Budget »", "vouliez-vous dire « Budget »"),
      "feuille: Budjet",
      "annexes[1].tableaux[1].source.feuille", source="\n          fichier: s.xlsx\n          feuille: Budjet",
      dans_le_point=True),
    t("xlsx-plusieurs-feuilles-sans-choix", "s.xlsx", lambda chemin: _deux_feuilles(chemin),
      ("le classeur s.xlsx a 2 feuilles", "« Budget », « Budget 2022 »", "feuille:"), "source: s.xlsx",
      "annexes[1].tableaux[1].source", dans_le_point=True),
    t("xlsx-colonne-en-double", "s.xlsx", lambda chemin: _entete(chemin, "C1", "Acompte"),
      ("colonne « Acompte » en double dans l'en-tête (colonnes 2 et 3)",), 1, None),
    t("xlsx-en-tete-sur-deux-lignes", "s.xlsx", lambda chemin: _en_tete_fusionne(chemin),
      ("en-tête sur plusieurs lignes", "cellules fusionnées A1:A2"), 1, "feuille « Budget », en-tête"),
    t("xlsx-ligne-de-total", "s.xlsx", xlsx([PANTIN, ["TOTAL", 15000, 15000, None, None, None]]),
      ("ligne de total du tableur (« TOTAL »)", "totaux:"), 3, "annexes[1].tableaux[1].lignes[2] (feuille « Budget »)"),
    t("csv-ligne-de-sous-total", "s.csv", csv_texte(EN_TETE_CSV + "Ville de Pantin;1;1;20;14/09/2023;ok\nSous-total :;1;1;;;\n"),
      ("ligne de total du tableur (« Sous-total : »)",), 3, "annexes[1].tableaux[1].lignes[2]"),
    t("xlsx-jour-mois-dans-une-date", "s.xlsx", xlsx([["Ville de Pantin", 1, 1, 20, dt.date(2023, 9, 14), None]], {"E2": "dd/mm"}),
      ("date illisible", "14/09"), 2, f"{L1}.signature"),
    t("xlsx-classeur-illisible", "s.xlsx", lambda chemin: chemin.write_bytes(b"PK\x03\x04 pas un classeur"),
      ("classeur illisible", "enregistrez-le au format .xlsx"), None, None),
]


@pytest.mark.parametrize("cas", CATALOGUE_TABLEURS)
def test_tableur_invalide(cas: CasTableur, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, point=vers_source(cas.source or cas.fichier))
    cas.ecrire(tmp_path / cas.fichier)
    monkeypatch.chdir(tmp_path)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs, chemin=tmp_path)
    assert code == 1, sortie + erreurs
    findings = verifier_lignes(sortie)
    candidats = [m for m in findings if all(a in m.group(0) for a in cas.attendus)]
    assert candidats, f"aucun message ne contient {cas.attendus} :\n{sortie}"
    m = candidats[0]
    attendu_fichier = dossier.point if cas.dans_le_point else (tmp_path / cas.fichier).resolve()
    assert Path(m.group("fichier")) == attendu_fichier, m.group(0)
    if isinstance(cas.ligne, str):  # the first line of the item holding this text
        ligne = next(i for i, texte in enumerate(dossier.point.read_text(encoding="utf-8").splitlines(), 1)
                     if cas.ligne in texte)
        assert m.group("ligne") == str(ligne), m.group(0)
    else:
        assert m.group("ligne") == (None if cas.ligne is None else str(cas.ligne)), m.group(0)
    if cas.champ is not None:
        assert m.group("reste").startswith(cas.champ), m.group(0)


# --------------------------------------------------------------------------
# Accepted spreadsheets: read as shown, in the model and in the .docx


def _charger(tmp_path: Path, ecrire: Callable[[Path], None], fichier: str = "s.xlsx") -> Any:
    dossier = preparer(tmp_path, point=vers_source(fichier))
    ecrire(tmp_path / fichier)
    point = load(dossier.point)
    (tableau,) = tableaux(point)[0]
    return point, [{nom: c.valeur for nom, c in ligne.items()} for ligne in tableau.lignes]


def test_classeur_lu_comme_affiche(tmp_path: Path) -> None:
    lignes = [
        ["Ville de Pantin", 0.1 + 0.2, 15000.000000000002, 0.2, dt.datetime(2023, 9, 14), dt.datetime(2023, 9, 14)],
        ["Ville de Bagnolet", 1e6, 15000, 20, dt.date(2023, 9, 15), 75001],
        ["Ville de Montreuil", 0.30000000000000004, 2.5, 0.215, "14/09/2023", 75001.0],
        ["Cafe\u0301 social", 12500.5, 1, 0.05, None, "Ligne 1_x000D_\nLigne 2"],
    ]
    formats = {"B2": "General", "C2": '#,##0.00\\ "€"', "D2": "0%", "E2": "dd/mm/yyyy", "F2": "dd/mm/yyyy",
               "B4": "0.00", "D4": "0.0%", "D5": "0%"}
    def ecrire(chemin: Path) -> None:  # Excel's float noise: 0.1 + 0.2, 15000 + 1 ulp, 0.215 + 1 ulp
        classeur(lignes, formats).save(chemin)
        valeurs_brutes(chemin, {"B2": repr(0.1 + 0.2), "C2": repr(15000.000000000002), "B4": "0.30000000000000004",
                                "D4": repr(math.nextafter(0.215, 1))})

    _, lues = _charger(tmp_path, ecrire)
    assert [ligne["acompte"] for ligne in lues] == [Decimal("0.3"), Decimal("1000000"), Decimal("0.30"), Decimal("12500.5")]
    assert [ligne["solde"] for ligne in lues] == [Decimal("15000.00"), Decimal("15000"), Decimal("2.5"), Decimal("1")]
    assert [ligne["taux"] for ligne in lues] == [Decimal("20"), Decimal("20"), Decimal("21.5"), Decimal("5")]
    assert [ligne["signature"] for ligne in lues] == [dt.date(2023, 9, 14), dt.date(2023, 9, 15), dt.date(2023, 9, 14), None]
    assert [ligne["note"] for ligne in lues] == ["14/09/2023", "75001", "75001", "Ligne 1\nLigne 2"]
    assert lues[3]["structure"] == "Café social" and unicodedata.is_normalized("NFC", lues[3]["structure"])


def test_ce_que_montre_le_format_d_une_colonne_de_texte(tmp_path: Path) -> None:
    lignes = [["Ville de Pantin", 1, 1, 20, None, 1000], ["Ville de Bagnolet", 1, 1, 20, None, dt.date(2023, 9, 1)],
              ["Ville de Montreuil", 1, 1, 20, None, 0.5], ["Ville de Drancy", 1, 1, 20, None, True],
              ["Ville de Bobigny", 1, 1, 20, None, 1234567.891]]
    formats = {"F2": "00000", "F3": "mmmm yyyy", "F4": "0%", "F6": "#,##0.000"}
    _, lues = _charger(tmp_path, xlsx(lignes, formats))
    assert [ligne["note"] for ligne in lues] == ["01000", "septembre 2023", "50\xa0%", "VRAI", "1\u202f234\u202f567,891"]


def test_titres_de_colonnes_compares_sans_forme_ni_espaces(tmp_path: Path) -> None:
    wb = classeur([PANTIN])
    wb.active["A1"] = "nom  de la\xa0STRUCTURE"
    wb.active["F1"] = unicodedata.normalize("NFD", "Note é")
    dossier = preparer(tmp_path, point=vers_source("s.xlsx"))
    dossier.point.write_text(dossier.point.read_text(encoding="utf-8").replace("titre: Note}", "titre: Note é}"),
                             encoding="utf-8")
    wb.save(tmp_path / "s.xlsx")
    (tableau,) = tableaux(load(dossier.point))[0]
    assert [c.valeur for c in tableau.lignes[0].values()][:2] == ["Ville de Pantin", Decimal(15000)]
    assert tableau.lignes[0]["note"].valeur == "ok"


def valeurs_brutes(chemin: Path, valeurs: dict[str, str]) -> None:
    """Write into a saved workbook the stored value of some cells as Excel does: 17 digits (« 0.30000000000000004 »,
    where openpyxl writes 0.3), or a formula's computed value (``<v>`` after ``<f>``; ``t="str"`` for a text)."""
    with zipfile.ZipFile(chemin) as zin:
        parties = {nom: zin.read(nom) for nom in zin.namelist()}
    xml = parties["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, valeur in valeurs.items():
        nombre = re.fullmatch(r"-?[\d.]+(E[+-]?\d+)?", valeur, re.IGNORECASE)
        xml, n = re.subn(rf'<c r="{ref}"([^>]*?)( t="n")?>(<f>.*?</f>)?<v\s*/?>([^<]*</v>)?',
                         lambda m: f'<c r="{ref}"{m.group(1)}{" t=" + chr(34) + "str" + chr(34) if not nombre else ""}>'
                                   f'{m.group(3) or ""}<v>{valeur}</v>', xml)
        assert n == 1, ref
    parties["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(chemin, "w") as zout:
        for nom, contenu in parties.items():
            zout.writestr(nom, contenu)


avec_valeurs_calculees = valeurs_brutes


def test_formule_avec_sa_valeur_calculee_est_lue_comme_affichee(tmp_path: Path) -> None:
    def ecrire(chemin: Path) -> None:
        classeur([["Ville de Pantin", 15000, "=B2*2", "=0.1+0.2", None, '=A2&" (bis)"']], {"D2": "0%"}).save(chemin)
        avec_valeurs_calculees(chemin, {"C2": "30000", "D2": "0.30000000000000004", "F2": "Ville de Pantin (bis)"})

    _, lues = _charger(tmp_path, ecrire)
    assert lues[0]["solde"] == Decimal(30000) and lues[0]["taux"] == Decimal(30)
    assert lues[0]["note"] == "Ville de Pantin (bis)"


def test_formule_au_resultat_vide_est_une_cellule_vide(tmp_path: Path) -> None:
    def ecrire(chemin: Path) -> None:
        classeur([["Ville de Pantin", 15000, 0, 20, None, '=IF(B2>0,"","rien")']]).save(chemin)
        avec_valeurs_calculees(chemin, {"F2": ""})

    _, lues = _charger(tmp_path, ecrire)
    assert lues[0]["note"] == ""


def test_separateur_virgule_malgre_un_point_virgule_dans_un_titre_entre_guillemets(tmp_path: Path) -> None:
    texte = ('Nom de la structure,Acompte,Solde,Taux,Signature,"Note; remarque"\n'
             'Ville de Pantin,1,"2,50",3,14/09/2023,ok\n')
    dossier = preparer(tmp_path, point=vers_source("s.csv"))
    dossier.point.write_text(dossier.point.read_text(encoding="utf-8").replace("titre: Note}", 'titre: "Note; remarque"}'),
                             encoding="utf-8")
    (tmp_path / "s.csv").write_text(texte, encoding="utf-8")
    (tableau,) = tableaux(load(dossier.point))[0]
    assert tableau.lignes[0]["solde"].valeur == Decimal("2.50") and tableau.lignes[0]["note"].valeur == "ok"


def _calc_installe() -> bool:
    """LibreOffice with its spreadsheet (Calc, ``libsclo``), which writes the formulas' computed values."""
    soffice = shutil.which("soffice")
    return soffice is not None and any(Path(soffice).resolve().parent.glob("libsclo.*"))


@pytest.mark.outil("soffice")
def test_formule_enregistree_par_libreoffice_est_lue(tmp_path: Path) -> None:
    if not _calc_installe():  # a real client: on CI (.ci/run installs libreoffice-calc-nogui) a failure, not a skip
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice Calc absent (obligatoire sur CI)", pytrace=False)
        pytest.skip("LibreOffice Calc absent")
    brut = tmp_path / "brut"
    brut.mkdir()
    classeur([["Ville de Pantin", 15000, "=B2*2", "=0.1+0.2", None, "=A2&\" (bis)\""]], {"D2": "0%"}).save(brut / "s.xlsx")
    fini = subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                           "--outdir", str(tmp_path), str(brut / "s.xlsx")], capture_output=True, timeout=120,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert fini.returncode == 0 and (tmp_path / "s.xlsx").exists(), fini.stderr
    _, lues = _charger(tmp_path, lambda chemin: None)
    assert lues[0]["solde"] == Decimal(30000) and lues[0]["taux"] == Decimal(30)
    assert lues[0]["note"] == "Ville de Pantin (bis)"


def test_nombre_fusionne_dans_une_colonne_de_texte(tmp_path: Path) -> None:
    lignes = [["Ville de Pantin", 1, 1, 20, None, 93000], ["Ville de Bagnolet", 2, 2, 20, None, None]]
    _, lues = _charger(tmp_path, xlsx(lignes, fusions=("F2:F3",)))
    assert [ligne["note"] for ligne in lues] == ["93000", "93000"]


def test_colonne_calculee_presente_dans_le_tableur_est_verifiee(tmp_path: Path) -> None:
    dossier = preparer(tmp_path, point=vers_source("s.csv"))
    texte = dossier.point.read_text(encoding="utf-8").replace(
        "          - {nom: note, titre: Note}\n",
        "          - {nom: note, titre: Note}\n          - {nom: total, titre: Total, type: montant, formule: acompte + solde}\n")
    dossier.point.write_text(texte, encoding="utf-8")
    (tmp_path / "s.csv").write_text(EN_TETE_CSV.strip() + ";Total\nVille de Pantin;1;2;3;14/09/2023;ok;4\n", encoding="utf-8")
    findings = check(dossier.point)
    assert any("acompte + solde" in f.message and f.lieu.fichier.endswith("s.csv") and f.lieu.ligne == 2
               and f.lieu.champ.startswith(f"{L1}.total") for f in findings if f.est_erreur), [str(f) for f in findings]
    (tmp_path / "s.csv").write_text(EN_TETE_CSV.strip() + ";Total\nVille de Pantin;1;2;3;14/09/2023;ok;3\n", encoding="utf-8")
    (tableau,) = tableaux(load(dossier.point))[0]
    assert tableau.lignes[0]["total"].valeur == Decimal(3)


def test_lignes_vides_au_dessus_de_l_en_tete(tmp_path: Path) -> None:
    def ecrire(chemin: Path) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([])
        ws.append([])
        ws.append(ENTETES[:-1] + ["Remarque"])
        ws.append(PANTIN)
        wb.save(chemin)

    dossier = preparer(tmp_path, point=vers_source("s.xlsx"))
    ecrire(tmp_path / "s.xlsx")
    with pytest.raises(ErreurEntree) as exc:
        load(dossier.point)
    (finding,) = exc.value.findings
    assert (finding.lieu.ligne, finding.message) == (3, "colonne « Note » absente de l'en-tête")
    texte = dossier.point.read_text(encoding="utf-8").replace("titre: Note}", "titre: Remarque}")
    dossier.point.write_text(texte, encoding="utf-8")
    (tableau,) = tableaux(load(dossier.point))[0]
    assert [c.valeur for c in tableau.lignes[0].values()][:3] == ["Ville de Pantin", Decimal(15000), Decimal(15000)]


def test_cellules_fusionnees_de_texte_valent_pour_chaque_ligne(tmp_path: Path) -> None:
    lignes = [["Ville de Pantin", 1, 1, 20, dt.date(2023, 9, 14), "action 1"], [None, 2, 2, 20, None, "action 2"]]
    _, lues = _charger(tmp_path, xlsx(lignes, fusions=("A2:A3", "E2:E3")))
    assert [ligne["structure"] for ligne in lues] == ["Ville de Pantin", "Ville de Pantin"]
    assert [ligne["signature"] for ligne in lues] == [dt.date(2023, 9, 14)] * 2
    assert [ligne["acompte"] for ligne in lues] == [Decimal(1), Decimal(2)]


def test_csv_point_virgule_meme_avec_des_virgules_et_cellule_finale_vide(tmp_path: Path) -> None:
    texte = ("Nom de la structure;Acompte;Solde;Taux;Signature;Note\n"
             'Ville de Pantin, centre;15 000,00;"15 000,50";20 %;14/09/2023;"deux\r\nlignes; un ""mot"""\n'
             "\n"
             "Ville de Bagnolet;1;2;5,5;15/09/2023;\n")
    _, lues = _charger(tmp_path, csv_texte(texte), "s.csv")
    assert [ligne["structure"] for ligne in lues] == ["Ville de Pantin, centre", "Ville de Bagnolet"]
    assert [ligne["solde"] for ligne in lues] == [Decimal("15000.50"), Decimal("2")]
    assert [ligne["taux"] for ligne in lues] == [Decimal("20"), Decimal("5.5")]
    assert lues[0]["note"] == 'deux\nlignes; un "mot"'


def test_le_document_montre_ce_que_montre_le_tableur(tmp_path: Path) -> None:
    lignes = [["Ville de Pantin", 0.3, 15000, 0.2, dt.datetime(2023, 9, 14), dt.datetime(2023, 9, 14)],
              [None, 1234.5, 1, 0.125, None, None]]
    formats = {"B2": "#,##0.00", "D2": "0%", "D3": "0.0%", "F2": "dd/mm/yyyy"}

    def ecrire(chemin: Path) -> None:
        classeur(lignes, formats, fusions=("A2:A3",)).save(chemin)
        valeurs_brutes(chemin, {"B2": "0.30000000000000004"})

    point, _ = _charger(tmp_path, ecrire)
    ecrits = render(point, tmp_path / "sortie")
    textes = []
    for chemin in ecrits:
        for table in docx.Document(str(chemin)).tables:
            textes.extend(cellule.text for rang in table.rows for cellule in rang.cells)
    assert "20\xa0%" in textes and "12,5\xa0%" in textes
    assert "0,30\xa0€" in textes and "1\u202f234,50\xa0€" in textes
    assert "14/09/2023" in textes
    assert textes.count("Ville de Pantin") >= 2
    assert not any("0,2\xa0%" == x or "00:00:00" in x or "0000000" in x for x in textes)


# --------------------------------------------------------------------------
# Properties: each generated cell is read as shown, or refused with its reference


FORMATS = {"General": None, "0": 0, "0.0": 1, "0.00": 2, "#,##0.00": 2, '#,##0.00\\ "€"': 2, "0%": 0, "0.00%": 2}


def _affiche(nombre: Decimal, code: str) -> Decimal:
    """The oracle: the number shown, at the format's decimals (percent formats show ×100)."""
    decimales = FORMATS[code]
    valeur = nombre * 100 if "%" in code else nombre
    return valeur if decimales is None else valeur.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


# at most 13 significant digits: the float nearest each is exactly this number at Excel's 15 digits
nombres = st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(nombre=nombres, code=st.sampled_from(sorted(FORMATS)), bruit=st.sampled_from([0, 1, -1]))
def test_nombre_lu_comme_affiche_ou_refuse_a_sa_cellule(nombre: Decimal, code: str, bruit: int) -> None:
    stocke = float(nombre)
    if bruit:  # one unit in the last place: 0.1 + 0.2 = 0.30000000000000004
        stocke = math.nextafter(stocke, math.inf * bruit)
    exact = nombre * 100 if "%" in code else nombre
    affiche = _affiche(nombre, code)
    try:
        cellule = interpreter(stocke, code, "B7")
    except CelluleRefusee as exc:
        assert "la cellule B7 affiche" in str(exc) and "mais contient" in str(exc)
        assert affiche != exact, f"{stocke!r} ({code}) refusé : {exc}"
        return
    assert affiche == exact, f"{stocke!r} ({code}) lu {cellule.valeur}, alors qu'il affiche {affiche}"
    assert cellule.valeur == affiche and cellule.pourcent == ("%" in code)
    chiffres = re.sub(r"[\u202f\xa0€%]", "", cellule.texte or "")
    assert Decimal(chiffres.replace(",", ".")) == affiche
    if FORMATS[code] is not None:
        assert len(chiffres.partition(",")[2]) == FORMATS[code]
        assert ("\u202f" in cellule.texte) == ("#,##0" in code and abs(affiche) >= 1000)
        assert cellule.texte.endswith("\xa0%") == ("%" in code) and cellule.texte.endswith("\xa0€") == ("€" in code)


def _refuse(texte: str) -> bool:
    """What the reader must refuse in a text cell: C0 controls but tab and line breaks, DEL, C1, U+FFFE, U+FFFF."""
    return any((ord(c) < 0x20 and c not in "\t\n\r\x0b") or 0x7F <= ord(c) <= 0x9F or c in "\ufffe\uffff" for c in texte)


textes_csv = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
# XML 1.0 cannot hold most C0 controls (Excel writes them _x0001_), and turns a lone \r into \n
textes_xlsx = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="_\ufffe\uffff"), max_size=30)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(donnees=st.data(), code=st.sampled_from(["General", "0.00", "0%", "#,##0"]), format_csv=st.booleans())
def test_tableur_genere_lu_comme_affiche_ou_refuse(donnees: st.DataObject, code: str, format_csv: bool,
                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    rangs = donnees.draw(st.lists(st.tuples(textes_csv if format_csv else textes_xlsx, nombres,
                                            st.dates(min_value=dt.date(1901, 1, 1))), min_size=1, max_size=4))
    dossier = tmp_path_factory.mktemp("t")
    if format_csv:
        chemin = dossier / "g.csv"
        corps = "".join(f'"{texte.replace(chr(34), chr(34) * 2)}";{nombre};{date:%d/%m/%Y}\n' for texte, nombre, date in rangs)
        chemin.write_text("Texte;Nombre;Date\n" + corps, encoding="utf-8", newline="")
    else:
        chemin = dossier / "g.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Texte", "Nombre", "Date"])
        bruts = {}
        for texte, nombre, date in rangs:
            ws.append([texte, float(nombre), date])
            ws.cell(ws.max_row, 2).number_format = code
            bruit = donnees.draw(st.sampled_from([0, 1, -1]))  # one unit in the last place, as Excel stores 0.1 + 0.2
            bruts[f"B{ws.max_row}"] = repr(math.nextafter(float(nombre), math.inf * bruit) if bruit else float(nombre))
        wb.save(chemin)
        valeurs_brutes(chemin, bruts)
    lue = lire_table(chemin)
    assert len(lue.lignes) == len(rangs)  # no row dropped
    for k, ((texte, nombre, date), rang) in enumerate(zip(rangs, lue.lignes)):
        reference = f"A{k + 2}" if not format_csv else ""
        if not format_csv and texte.startswith("=") and len(texte) > 1:  # openpyxl: a formula, without its value
            assert lue.problemes[(k, 0)].startswith(f"formule sans valeur calculée en {reference} ;")
        elif _refuse(texte):
            assert "caractère de contrôle" in lue.problemes[(k, 0)] and reference in lue.problemes[(k, 0)]
        else:
            assert (k, 0) not in lue.problemes
            assert rang[0].texte == (unicodedata.normalize("NFC", texte) if texte else (None if not format_csv else ""))
        if format_csv:
            assert rang[1].texte == str(nombre) and rang[2].texte == f"{date:%d/%m/%Y}"
            continue
        assert rang[2].valeur == date and rang[2].texte == f"{date:%d/%m/%Y}"
        formats = {"#,##0": "0"}.get(code, code)
        if _affiche(nombre, formats) == (nombre * 100 if "%" in code else nombre):
            assert (k, 1) not in lue.problemes and rang[1].valeur == _affiche(nombre, formats)
        else:
            assert f"la cellule B{k + 2} affiche" in lue.problemes[(k, 1)]


# --------------------------------------------------------------------------
# A workbook is a zip: its members are bounded before openpyxl inflates them


def _bombe(chemin: Path, taille: int) -> None:
    """A real workbook whose sheet is padded with ``taille`` spaces: a few kilobytes on disk."""
    tampon = io.BytesIO()
    classeur([PANTIN]).save(tampon)
    with zipfile.ZipFile(io.BytesIO(tampon.getvalue())) as source, \
            zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as cible:
        for membre in source.infolist():
            donnees = source.read(membre)
            if membre.filename == "xl/worksheets/sheet1.xml":
                donnees = donnees.replace(b"<sheetData>", b"<sheetData>" + b" " * taille, 1)
            cible.writestr(membre, donnees)


def test_classeur_qui_gonfle_refuse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deliberations.entree import tables as module_tables

    monkeypatch.setattr(module_tables, "DECOMPRESSE_MAX", 1024 * 1024)
    dossier = preparer(tmp_path, point=vers_source("s.xlsx"))
    _bombe(tmp_path / "s.xlsx", 2 * 1024 * 1024)
    assert (tmp_path / "s.xlsx").stat().st_size < 100 * 1024
    with pytest.raises(ErreurEntree) as exc:
        load(dossier.point)
    message = str(exc.value)
    assert "s.xlsx" in message and "xl/worksheets/sheet1.xml" in message and "décompressé" in message, message


def test_classeur_ordinaire_sous_la_borne(tmp_path: Path) -> None:
    from deliberations.entree import tables as module_tables

    assert module_tables.DECOMPRESSE_MAX >= 100 * 1024 * 1024  # a real budget export passes
    _, lues = _charger(tmp_path, lambda chemin: _bombe(chemin, 1000))
    assert lues[0]["structure"] == PANTIN[0]
