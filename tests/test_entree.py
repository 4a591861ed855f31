"""The input layer: scalar typing, text, YAML pitfalls, locations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from deliberations import load, valider
from deliberations.erreurs import ErreurEntree
from deliberations.model.scalaires import lire_date, lire_montant, lire_texte
from exemples import point_minimal


@pytest.mark.parametrize("saisie, attendu", [
    ("15000", Decimal("15000")),
    ("15000.00", Decimal("15000.00")),
    ("15 000,00", Decimal("15000.00")),
    ("15 000,00 €", Decimal("15000.00")),
    ("15\u202f000,00\xa0€", Decimal("15000.00")),
    ("0,5", Decimal("0.5")),
    (15000, Decimal("15000")),
    (Decimal("12.30"), Decimal("12.30")),
])
def test_montants_acceptes(saisie: object, attendu: Decimal) -> None:
    assert lire_montant(saisie) == attendu


@pytest.mark.parametrize("saisie, message", [
    ("15000.001", "plus de deux décimales"),
    ("2,345", "plus de deux décimales"),
    ("-5", "montant négatif"),
    ("quinze mille", "montant illisible"),
    ("15.000", "montant ambigu"),
    ("15 000 $", "montant illisible"),
    (15000.0, "montant illisible"),
    ("", "montant illisible"),
])
def test_montants_refuses(saisie: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lire_montant(saisie)


@pytest.mark.parametrize("saisie, attendu", [
    ("2023-09-14", dt.date(2023, 9, 14)),
    ("14/09/2023", dt.date(2023, 9, 14)),
    ("1/9/2023", dt.date(2023, 9, 1)),
    ("2024-02-29", dt.date(2024, 2, 29)),
])
def test_dates_acceptees(saisie: str, attendu: dt.date) -> None:
    assert lire_date(saisie) == attendu


@pytest.mark.parametrize("saisie, message", [
    ("2023-02-29", "date impossible"),
    ("31/04/2023", "date impossible"),
    ("2023-13-01", "date impossible"),
    ("14 septembre 2023", "date illisible"),
    ("09/14/2023", "date impossible"),
])
def test_dates_refusees(saisie: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lire_date(saisie)


@pytest.mark.parametrize("saisie, attendu", [
    ("ligne 1\nligne 2", "ligne 1\nligne 2"),
    ("ligne 1\x0bligne 2", "ligne 1\nligne 2"),
    ("ligne 1\r\nligne 2", "ligne 1\nligne 2"),
    ("a\tb", "a\tb"),
    ("& < > \" ' {{ 7*7 }}", "& < > \" ' {{ 7*7 }}"),
    ("\u202eעברית العربية 😀", "\u202eעברית العربية 😀"),
    ("Conside\u0301rant", "Considérant"),  # NFC
    ("a\u2028b\u2029c", "a\u2028b\u2029c"),  # Unicode line and paragraph separators: kept
])
def test_textes_conserves(saisie: str, attendu: str) -> None:
    assert lire_texte(saisie) == attendu


@pytest.mark.parametrize("caractere", ["\x00", "\x01", "\x1f", "\x0c", "\x7f", "\x80", "\x85", "\x9f", "\ufffe",
                                       "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff", "\udc80"])
def test_caracteres_de_controle_refuses(caractere: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(caractere):04X}"):
        lire_texte(f"avant{caractere}après")


def test_controle_refuse_nomme_le_champ() -> None:
    with pytest.raises(ErreurEntree) as exc:
        valider(point_minimal(objet="OBJET\x01"))
    (finding,) = exc.value.findings
    assert finding.lieu.champ == "objet" and "U+0001" in finding.message


def ecrire(tmp_path: Path, texte: str) -> Path:
    fichier = tmp_path / "point.yaml"
    fichier.write_text(texte, encoding="utf-8")
    return fichier


YAML_MINIMAL = """\
collectivite:
  nom: Commune de Test
  assemblee: Conseil municipal
  tribunal_administratif: Lyon
numero: 0604
seance: {instance: conseil municipal, date: 14/09/2023}
direction: Direction générale
objet: no
propositions:
  - {verbe: décider, texte: de ne rien faire}
signataire: {nom: Jeanne Martin}
"""


def test_yaml_sans_devinette_de_type(tmp_path: Path) -> None:
    point = load(ecrire(tmp_path, YAML_MINIMAL))
    assert point.numero == "0604"  # not the octal 388, not 604
    assert point.objet == "no"  # not False
    assert point.seance.date == dt.date(2023, 9, 14)


def test_cle_en_double(tmp_path: Path) -> None:
    texte = YAML_MINIMAL + "objet: autre\n"
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    (finding,) = exc.value.findings
    assert finding.lieu.ligne == 12 and "en double" in finding.message and "ligne 8" in finding.message


def test_cle_mal_orthographiee(tmp_path: Path) -> None:
    texte = YAML_MINIMAL.replace("signataire: {nom: Jeanne Martin}", "signataire: {nomm: Jeanne Martin}")
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    messages = [str(f) for f in exc.value.findings]
    assert any(":11: erreur: signataire.nomm: clé inconnue « nomm » (vouliez-vous dire « nom » ?)" in m for m in messages)


def test_cle_de_premier_niveau_mal_orthographiee(tmp_path: Path) -> None:
    texte = YAML_MINIMAL.replace("propositions:", "propositons:")
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    messages = [str(f) for f in exc.value.findings]
    assert any("propositons: clé inconnue « propositons » (vouliez-vous dire « propositions » ?)" in m for m in messages)


def test_virgule_decimale_dans_une_liste(tmp_path: Path) -> None:
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["lignes"][0] = ["Ville", "15 000", "00 €", "15 000", "00 €"]
    with pytest.raises(ErreurEntree) as exc:
        valider(donnees)
    assert "entre guillemets" in exc.value.findings[0].message


def test_tableau_depuis_un_csv(tmp_path: Path) -> None:
    (tmp_path / "structures.csv").write_text(
        "Nom de la structure;Acompte;Solde\nVille de Pantin;15 000,00;15 000,00\nVille de Bagnolet;15000;abc\n",
        encoding="utf-8")
    texte = YAML_MINIMAL + """\
annexes:
  - titre: STRUCTURES
    tableaux:
      - source: structures.csv
        colonnes:
          - {nom: structure, titre: Nom de la structure}
          - {nom: acompte, titre: Acompte, type: montant}
          - {nom: solde, titre: Solde, type: montant}
"""
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    (finding,) = exc.value.findings
    assert finding.lieu.fichier.endswith("structures.csv") and finding.lieu.ligne == 3
    assert "montant illisible" in finding.message and "abc" in finding.message


def test_tableau_depuis_un_xlsx(tmp_path: Path) -> None:
    import openpyxl

    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Budget"
    feuille.append(["Nom de la structure", "Acompte"])
    feuille.append(["Ville de Pantin", 15000])
    feuille.append(["Ville de Bagnolet", 12500.5])
    classeur.save(tmp_path / "structures.xlsx")
    texte = YAML_MINIMAL + """\
annexes:
  - titre: STRUCTURES
    tableaux:
      - source: {fichier: structures.xlsx, feuille: Budget}
        colonnes:
          - {nom: structure, titre: Nom de la structure}
          - {nom: acompte, titre: Acompte, type: montant}
"""
    from deliberations.calcul.tableaux import tableaux

    point = load(ecrire(tmp_path, texte))
    (tableau,) = tableaux(point)[0]
    assert tableau.totaux["acompte"] == Decimal("27500.5")
    assert len(tableau.lignes) == 2


def test_xlsx_cellule_fausse_nomme_feuille_ligne_colonne(tmp_path: Path) -> None:
    import openpyxl

    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Budget"
    feuille.append(["Nom", "Acompte"])
    feuille.append(["Ville de Pantin", "beaucoup"])
    classeur.save(tmp_path / "structures.xlsx")
    texte = YAML_MINIMAL + """\
annexes:
  - titre: STRUCTURES
    tableaux:
      - source: structures.xlsx
        colonnes:
          - {nom: structure, titre: Nom}
          - {nom: acompte, titre: Acompte, type: montant}
"""
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    (finding,) = exc.value.findings
    assert finding.lieu.fichier.endswith("structures.xlsx") and finding.lieu.ligne == 2
    assert "Budget" in finding.lieu.champ and "Acompte" in finding.lieu.champ


def test_non_caracteres_refuses_depuis_python() -> None:
    # noncharacters are refused from Python as from YAML (the reader's masking never leaks into the model)
    with pytest.raises(ErreurEntree) as exc:
        valider(point_minimal(objet="A\ufddbB"))
    (finding,) = exc.value.findings
    assert finding.lieu.champ == "objet" and "U+FDDB" in finding.message


def test_controle_brut_dans_un_csv(tmp_path: Path) -> None:
    (tmp_path / "structures.csv").write_text("Nom;Acompte\nVille\x01 de Pantin;15000\n", encoding="utf-8")
    texte = YAML_MINIMAL + """\
annexes:
  - titre: STRUCTURES
    tableaux:
      - source: structures.csv
        colonnes:
          - {nom: structure, titre: Nom}
          - {nom: acompte, titre: Acompte, type: montant}
"""
    with pytest.raises(ErreurEntree) as exc:
        load(ecrire(tmp_path, texte))
    (finding,) = exc.value.findings
    assert finding.lieu.ligne == 2 and "U+0001" in finding.message and "structure" in finding.lieu.champ
