"""Arithmetic never gives up silently: every computation is a correct Decimal, or a French error at its cell.

Issue 11, family « arithmetic that gives up silently » (and the crashes on huge
amounts). The rules, each with its table of cases below:

- a table formula that cannot be computed on a row (division by zero, an empty
  operand, a result too large) is an error naming the table, the row and the
  column, at the row's line; a formula over a text column, an unknown column,
  itself, or with an unreadable number is an error at the formula's line;
- an ``entier`` column computed as 3,5 is an error, never 3;
- formulas compute on exact fractions, totals add every digit: no cent is lost;
- an amount of 10^15 € or more (it could not be written in words) is refused at
  its line, typed anywhere: a cell, a total, a named value, a type's field;
  written in figures in prose next to words, it is an error at that field;
- an amount typed with more than two decimals is refused at its line, unless
  they are zeros (the project's one rule: typed money is never rounded;
  computed money is rounded half-up to the cent);
- nothing crashes: through ``check``, ``render`` and a séance.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lignes_docx
from deliberations import ErreurEntree, check, valider
from deliberations.calcul.formules import compiler, evaluer
from deliberations.calcul.tableaux import tableaux
from deliberations.langue import decimaux, formats
from deliberations.model.scalaires import lire_montant
from exemples import point_minimal
from test_entrees_invalides import (
    ANGLAIS,
    EXEMPLE,
    c,
    enchainer,
    executer,
    inserer_apres,
    preparer,
    remplacer,
    sans_anglais,
    verifier_cas,
    verifier_lignes,
)

PANTIN = '[Ville de Pantin, "15 000,00 €", "15 000,00 €", "30 000,00 €"]'
TOTAL = "{nom: total, titre: Total cofinancement au titre de 2023, type: montant, formule: acompte + solde}"
TABLEAU = "annexes[1].tableaux[1]"
MAX = "999 999 999 999 999,99 €"


def formule(texte: str):  # type: ignore[no-untyped-def]
    return remplacer("formule: acompte + solde", f"formule: {texte}")


def colonne(definition: str):  # type: ignore[no-untyped-def]
    """Add a fifth column after the computed total (rows give four values: the fifth is computed)."""
    return inserer_apres(TOTAL, f"          - {definition}")


# --------------------------------------------------------------------------
# The catalogue: through ``deliberations check``, one French line at the right place

CATALOGUE = [
    # --- a formula that cannot be computed on a row: an error at the cell --------------------------
    c("formule-division-par-zero", formule("acompte / (solde - solde)"), 1,
      ("formule « acompte / (solde - solde) »", "division par zéro", "« solde - solde » vaut 0"),
      "Ville de Pantin", f"{TABLEAU}.lignes[1].total"),
    c("formule-division-par-zero-constante", formule("acompte / 0"), 1,
      ("formule « acompte / 0 »", "division par zéro"), "Ville de Pantin", f"{TABLEAU}.lignes[1].total"),
    c("formule-division-par-une-cellule-nulle", enchainer(
        formule("acompte / solde"), remplacer(PANTIN, '[Ville de Pantin, "15 000,00 €", "0 €"]')), 1,
      ("formule « acompte / solde »", "division par zéro", "« solde » vaut 0"), "Ville de Pantin",
      f"{TABLEAU}.lignes[1].total"),
    c("formule-operande-vide", remplacer(PANTIN, '[Ville de Pantin, "", "15 000,00 €"]'), 1,
      ("formule « acompte + solde »", "« acompte » est vide à cette ligne", "écrivez 0"), "Ville de Pantin",
      f"{TABLEAU}.lignes[1].total"),
    c("formule-entier-non-entier", colonne("{nom: parts, titre: Parts, type: entier, formule: acompte / 7}"), 1,
      ("formule « acompte / 7 »", "n'est pas un nombre entier", "2\u202f142,86"), "Ville de Pantin",
      f"{TABLEAU}.lignes[1].parts"),
    c("formule-entier-trois-et-demi", colonne("{nom: parts, type: entier, formule: acompte / 30000 * 7}"), 1,
      ("le résultat 3,5 n'est pas un nombre entier",), "Ville de Pantin", f"{TABLEAU}.lignes[1].parts"),
    c("formule-resultat-trop-grand", colonne("{nom: cumul, type: montant, formule: acompte * 100000000000}"), 1,
      ("formule « acompte * 100000000000 »", "résultat trop grand"), "Ville de Pantin",
      f"{TABLEAU}.lignes[1].cumul"),
    c("formule-pourcentage-trop-grand", colonne("{nom: taux, type: pourcentage, formule: acompte * acompte * 10000000}"),
      1, "résultat trop grand", "Ville de Pantin", f"{TABLEAU}.lignes[1].taux"),
    # --- a formula that cannot be computed at all: an error at the formula ---------------------------
    c("formule-colonne-texte", formule("acompte + structure"), 1,
      ("formule « acompte + structure »", "la colonne « structure » est de type texte, pas un nombre"),
      "formule: acompte + structure", f"{TABLEAU}.colonnes[4].formule"),
    c("formule-colonne-date", enchainer(colonne("{nom: signature, type: date}"), formule("acompte + signature")), 1,
      "la colonne « signature » est de type date, pas un nombre", "formule: acompte + signature",
      f"{TABLEAU}.colonnes[4].formule"),
    c("formule-dans-une-colonne-de-texte", colonne("{nom: note, formule: acompte + 1}"), 1,
      ("une colonne calculée est un nombre", "type: montant", "pas texte"), "{nom: note",
      f"{TABLEAU}.colonnes[5].formule"),
    c("formule-circulaire", enchainer(colonne("{nom: b, type: montant, formule: a + 1}"),
                                      colonne("{nom: a, type: montant, formule: b + 1}")), 1,
      ("formules circulaires", "a → b → a"), "{nom: a, type: montant", f"{TABLEAU}.colonnes[5].formule"),
    c("formule-elle-meme", formule("total + 1"), 1, ("formules circulaires", "total → total"),
      "formule: total + 1", f"{TABLEAU}.colonnes[4].formule"),
    c("formule-nombre-a-exposant", formule("acompte * 1e3 + solde"), 1,
      ("nombre « 1e3 » illisible", "sans exposant"), "formule: acompte * 1e3", f"{TABLEAU}.colonnes[4].formule"),
    c("formule-nombre-trop-long", formule("acompte * 1" + "0" * 30), 1, "au plus 18 chiffres",
      "formule: acompte * 1000", f"{TABLEAU}.colonnes[4].formule"),
    c("formule-trop-longue", formule(" + ".join(["acompte"] * 60)), 1, "au plus 300",
      "formule: acompte + acompte", f"{TABLEAU}.colonnes[4].formule"),
    c("formule-puissance", formule("acompte ** 99999"), 1, "seules les opérations + - * /",
      "formule: acompte **", f"{TABLEAU}.colonnes[4].formule"),
    # --- huge amounts: refused at their line, no crash ------------------------------------------------
    c("montant-30-chiffres-3-decimales", remplacer('[Ville de Pantin, "15 000,00 €"',
                                                   '[Ville de Pantin, "123456789012345678901234567890,123 €"'), 1,
      ("montant trop grand", "123456789012345678901234567890,123 €", MAX.replace(" ", "\u202f").replace("\u202f€", "\xa0€")),
      "Ville de Pantin", f"{TABLEAU}.lignes[1].acompte"),
    c("montant-30-chiffres-sans-decimale-de-trop", remplacer('[Ville de Pantin, "15 000,00 €"',
                                                             '[Ville de Pantin, "123456789012345678901234567890,120 €"'),
      1, "montant trop grand", "Ville de Pantin", f"{TABLEAU}.lignes[1].acompte"),
    c("montant-28-chiffres", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "9999999999999999999999999999,99"'),
      1, ("montant trop grand", "9999999999999999999999999999,99"), "Ville de Pantin", f"{TABLEAU}.lignes[1].acompte"),
    c("montant-un-million-de-milliards", remplacer("plafond: 15 000 €", "plafond: 1 000 000 000 000 000 €"), 1,
      ("montant trop grand", "1 000 000 000 000 000 €"), "plafond: 1 000", "valeurs.plafond"),
    c("total-imprime-trop-grand", remplacer('acompte: "180 000,00 €"', 'acompte: "10000000000000000000000000164999,99 €"'),
      1, "montant trop grand", 'acompte: "1000', f"{TABLEAU}.totaux.acompte"),
    c("montant-negatif-trop-grand", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "-1 000 000 000 000 000"'),
      1, "montant trop grand", "Ville de Pantin", f"{TABLEAU}.lignes[1].acompte"),
    c("montant-quatre-decimales", remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15 000,0001 €"'), 1,
      ("plus de deux décimales", "15 000,0001 €"), "Ville de Pantin", f"{TABLEAU}.lignes[1].acompte"),
    c("lettres-d-un-montant-trop-grand-en-prose",
      remplacer("Le présent rapport vise à faire adopter le budget 2023 dédié à ce dispositif.",
                "Le présent rapport porte sur 1 000 000 000 000 000 € (mille milliards d'euros)."), 1,
      ("montant trop grand pour être écrit en lettres",), "Le présent rapport porte", "expose[1].paragraphes[2]"),
    c("lettres-d-un-total-trop-grand", enchainer(
        remplacer(PANTIN, f'[Ville de Pantin, "{MAX}", "0 €"]'),
        remplacer("${valeurs.cotisation | euros}", "${annexe1.total.acompte | lettres}")), 1,
      ("${annexe1.total.acompte | lettres}", "montant trop grand pour être écrit en lettres"),
      "texte: >-\n      le paiement", "propositions[3].texte"),
]

# Accepted: exit 0 (computed exactly, or rounded by the one rule).
ACCEPTES = [
    pytest.param(colonne("{nom: tiers, type: montant, formule: acompte / 3 * 3}"), id="formule-exacte-tiers"),
    pytest.param(colonne('{nom: septieme, type: montant, formule: "(acompte + 0,005) / 7 * 7 - acompte"}'),
                 id="formule-exacte-demi-centime"),
    pytest.param(colonne("{nom: parts, type: entier, formule: acompte / 1000}"), id="formule-entier-exact"),
    pytest.param(inserer_apres(TOTAL, "          - nom: somme\n            type: montant\n            formule: |-\n"
                                      "              acompte +\n              solde"), id="formule-sur-deux-lignes"),
    pytest.param(remplacer("plafond: 15 000 €", f"plafond: {MAX}"), id="montant-maximal"),
    pytest.param(remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15 000,000 €"'),
                 id="zeros-au-dela-du-centime"),
]


@pytest.mark.parametrize("cas", CATALOGUE)
def test_entree_invalide(cas, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                         monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert "erreur interne" not in sortie + erreurs
    assert dossier.etat() == avant, "un fichier a été écrit"


@pytest.mark.parametrize("mutation", ACCEPTES)
def test_entree_acceptee(mutation, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    dossier = preparer(tmp_path, point=mutation)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0, sortie + erreurs
    assert "erreur:" not in sortie
    verifier_lignes(sortie)


def test_chaque_ligne_fautive_a_son_erreur(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Twelve rows divided by zero: twelve errors, one per row, each at its row's line (none swallowed)."""
    dossier = preparer(tmp_path, point=formule("acompte / (solde - solde)"))
    code, sortie, _ = executer(["check", str(dossier.point)], capsys)
    assert code == 1
    trouves = [m for m in verifier_lignes(sortie) if "division par zéro" in m.group(0)]
    assert [m.group("reste").split(":")[0] for m in trouves] == [f"{TABLEAU}.lignes[{k}].total" for k in range(1, 13)]
    texte = str(dossier.textes["point"])
    lignes = [n + 1 for n, ligne in enumerate(texte.splitlines()) if ligne.strip().startswith("- [")]
    assert [int(m.group("ligne")) for m in trouves] == lignes


# --------------------------------------------------------------------------
# render and séance: the same error, nothing written, the other items still reported


def test_render_refuse_une_formule_impossible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = preparer(tmp_path, point=formule("acompte / (solde - solde)"))
    sortie = tmp_path / "sortie"
    code, out, err = executer(["render", str(dossier.point), "-o", str(sortie)], capsys)
    sans_anglais(out, err)
    assert code == 1
    assert f"{TABLEAU}.lignes[1].total: formule « acompte / (solde - solde) » : division par zéro" in out
    assert "erreur interne" not in out + err
    assert not sortie.exists() or not any(sortie.iterdir())


def test_render_ecrit_les_valeurs_calculees_exactes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Computed cells as read back from the .docx: exact fractions, rounded half-up once."""
    dossier = preparer(tmp_path, point=enchainer(
        colonne('{nom: tiers, titre: Tiers, type: montant, formule: "(acompte + 0,01) / 3 + 0,005"}'),
        remplacer(PANTIN, '[Ville de Pantin, "0,01 €", "0,02 €", "0,03 €"]'),
        remplacer('acompte: "180 000,00 €"', 'acompte: "165 000,01 €"'),
        remplacer('solde: "180 000,00 €"', 'solde: "165 000,02 €"'),
        remplacer('total: "360 000,00 €"', 'total: "330 000,03 €"'),
        remplacer("${valeurs.cotisation | euros}", "${annexe1.total.tiers} (${annexe1.total.tiers | lettres})")))
    sortie = tmp_path / "sortie"
    code, out, err = executer(["render", str(dossier.point), "-o", str(sortie)], capsys)
    assert code == 0, out + err
    lignes = lignes_docx(sortie / "06-04-rapport.docx")
    pantin = next(ligne for ligne in lignes if ligne.startswith("Ville de Pantin\t"))
    # (0,01 + 0,01) / 3 + 0,005 = 0,011666… → 0,01 ; (15 000 + 0,01) / 3 + 0,005 = 5 000,008333… → 5 000,01
    assert pantin.split("\t")[-1] == "0,01\xa0€"
    bagnolet = next(ligne for ligne in lignes if ligne.startswith("Ville de Bagnolet\t"))
    assert bagnolet.split("\t")[-1] == "5\u202f000,01\xa0€"
    # 0,01 + 11 × 5 000,01 = 55 000,12
    texte = "\n".join(lignes)
    assert "55\u202f000,12\xa0€ (cinquante-cinq mille euros et douze centimes)" in texte


def _seance(tmp_path: Path) -> Path:
    shutil.copytree(EXEMPLE.parent, tmp_path / "examples")
    return tmp_path / "examples" / "seance-2023-09-14.yaml"


def _modifier(fichier: Path, avant: str, apres: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte
    fichier.write_text(texte.replace(avant, apres, 1), encoding="utf-8")


def test_seance_rapporte_chaque_point_et_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A formula error, a huge amount in words and a wrong share, in three items: all reported, nothing written."""
    seance = _seance(tmp_path)
    dossier = seance.parent
    _modifier(dossier / "06-04-clauses-sociales.yaml", "formule: acompte + solde", "formule: acompte / (solde - solde)")
    _modifier(dossier / "06-05-insertion-activite-economique.yaml", "Le Département accompagne les structures",
              "Pour 1 000 000 000 000 000 € (mille milliards d'euros), le Département accompagne les structures")
    _modifier(dossier / "06-06-cofinancement-facilitateur.yaml", '"33 340,00"', '"33 350,00"')
    sortie = tmp_path / "sortie"
    code, out, err = executer(["seance", str(seance), "-o", str(sortie)], capsys)
    sans_anglais(out, err)
    assert code == 1
    assert "06-04-clauses-sociales.yaml:" in out and "division par zéro" in out
    assert "06-05-insertion-activite-economique.yaml:" in out and "montant trop grand pour être écrit en lettres" in out
    assert "06-06-cofinancement-facilitateur.yaml:" in out
    assert "erreur interne" not in out + err
    assert "rien n'a été écrit" in err
    assert not sortie.exists()


def test_budget_trop_grand_d_un_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report type's montant field (printed in words by the cofinancement template): refused at its line."""
    shutil.copytree(EXEMPLE.parent, tmp_path / "examples")
    fichier = tmp_path / "examples" / "sud-isere-facilitatrice.yaml"
    _modifier(fichier, "budget: 147 000 €", "budget: 1 000 000 000 000 000 €")
    code, out, err = executer(["render", str(fichier), "-o", str(tmp_path / "sortie")], capsys)
    sans_anglais(out, err)
    assert code == 1
    ligne = next(n + 1 for n, t in enumerate(fichier.read_text(encoding="utf-8").splitlines()) if t.startswith("budget:"))
    assert f"{fichier}:{ligne}: erreur: budget: montant trop grand" in out
    assert "erreur interne" not in out + err


# --------------------------------------------------------------------------
# Table of formula cases, on the functions themselves

GENRES = {"a": "montant", "b": "montant", "n": "entier", "p": "pourcentage", "t": "texte"}


@dataclass
class CasFormule:
    formule: str
    valeurs: dict[str, object]
    genre: str
    attendu: object  # a Decimal / int, or the fragment of the French error


CAS_FORMULES = [
    CasFormule("a + b", {"a": Decimal("0.10"), "b": Decimal("0.20")}, "montant", Decimal("0.30")),
    CasFormule("a / 3 * 3", {"a": Decimal("0.01")}, "montant", Decimal("0.01")),
    CasFormule("a / 8", {"a": Decimal("0.20")}, "montant", Decimal("0.03")),  # 0,025 → 0,03 (half-up)
    CasFormule("-a / 8", {"a": Decimal("0.20")}, "montant", Decimal("-0.03")),
    CasFormule("a * 0,5", {"a": Decimal("0.01")}, "montant", Decimal("0.01")),
    CasFormule("a * 0.1 * 3", {"a": Decimal("1")}, "montant", Decimal("0.30")),
    CasFormule("a + b", {"a": Decimal("999999999999999.98"), "b": Decimal("0.01")}, "montant",
               Decimal("999999999999999.99")),
    CasFormule("a + b", {"a": Decimal("999999999999999.99"), "b": Decimal("0.01")}, "montant", "résultat trop grand"),
    CasFormule("a * b", {"a": Decimal("99999999.99"), "b": Decimal("9999999.99")}, "montant", Decimal("999999998900000.0001").quantize(Decimal("0.01"))),
    CasFormule("a / b", {"a": Decimal(1), "b": Decimal(0)}, "montant", "division par zéro (« b » vaut 0)"),
    CasFormule("a / (b - b)", {"a": Decimal(1), "b": Decimal(5)}, "montant", "division par zéro (« b - b » vaut 0)"),
    CasFormule("a / (b - 0,5)", {"a": Decimal(1), "b": Decimal("0.5")}, "montant", "division par zéro (« b - 0,5 » vaut 0)"),
    CasFormule("a +\n  b", {"a": Decimal(1), "b": Decimal("0.5")}, "montant", Decimal("1.50")),
    CasFormule("a / 0,0", {"a": Decimal(1)}, "montant", "division par zéro"),
    CasFormule("a + b", {"a": Decimal(1), "b": None}, "montant", "« b » est vide à cette ligne"),
    CasFormule("n / 2", {"n": 7}, "entier", "le résultat 3,5 n'est pas un nombre entier"),
    CasFormule("n / 2", {"n": 8}, "entier", 4),
    CasFormule("n * 3", {"n": 10**14}, "entier", 3 * 10**14),
    CasFormule("a / 3", {"a": Decimal("100")}, "entier", "n'est pas un nombre entier"),
    CasFormule("p / 3", {"p": Decimal("100")}, "pourcentage", Decimal("33.3333333333")),
    CasFormule("p / 8", {"p": Decimal("1")}, "pourcentage", Decimal("0.125")),
    CasFormule("a + t", {"a": 1, "t": "x"}, "montant", "la colonne « t » est de type texte, pas un nombre"),
    CasFormule("a + z", {"a": 1}, "montant", "colonne inconnue « z »"),
    CasFormule("a +", {"a": 1}, "montant", "formule illisible"),
    CasFormule("a * 2e3", {"a": 1}, "montant", "nombre « 2e3 » illisible"),
    CasFormule("a * 1_000", {"a": 1}, "montant", "nombre « 1_000 » illisible"),
    CasFormule("a ** 2", {"a": 1}, "montant", "seules les opérations + - * /"),
    CasFormule("a % 2", {"a": 1}, "montant", "seules les opérations + - * /"),
    CasFormule("abs(a)", {"a": 1}, "montant", "seules les opérations + - * /"),
    CasFormule("(" * 300 + "a" + ")" * 300, {"a": 1}, "montant", "au plus 300"),
    CasFormule("(" * 120 + "a" + ")" * 120, {"a": Decimal(2)}, "montant", Decimal("2.00")),
]


@pytest.mark.parametrize("cas", CAS_FORMULES, ids=[f"{c.genre}:{c.formule[:30]}" for c in CAS_FORMULES])
def test_formule(cas: CasFormule) -> None:
    if isinstance(cas.attendu, str):
        with pytest.raises(ValueError) as exc:
            evaluer(compiler(cas.formule, GENRES), cas.valeurs, cas.genre)
        assert cas.attendu in str(exc.value)
        sans_anglais(str(exc.value))
    else:
        resultat = evaluer(compiler(cas.formule, GENRES), cas.valeurs, cas.genre)
        assert resultat == cas.attendu and type(resultat) is type(cas.attendu)
        if cas.genre == "montant":
            assert resultat.as_tuple().exponent == -2  # type: ignore[union-attr]


# --------------------------------------------------------------------------
# Amounts as typed: the bound, the two decimals, no crash

CAS_MONTANTS = [
    ("999 999 999 999 999,99 €", Decimal("999999999999999.99")),
    ("-999 999 999 999 999,99", Decimal("-999999999999999.99")),
    ("15 000,000", Decimal("15000.00")),
    ("15000,10", Decimal("15000.10")),
    ("1 000 000 000 000 000 €", "montant trop grand"),
    ("9999999999999999999999999999,99", "montant trop grand"),
    ("123456789012345678901234567890,123 €", "montant trop grand"),
    ("1" + "0" * 400, "montant trop grand"),
    ("15 000,005 €", "plus de deux décimales"),
    ("0," + "0" * 400 + "1", "plus de deux décimales"),
    (Decimal("1E+999999999"), "montant trop grand"),
    (Decimal("1E-999999999"), "plus de deux décimales"),
    (Decimal("NaN"), "montant illisible"),
    (10**15, "montant trop grand"),
]


@pytest.mark.parametrize("ecrit, attendu", CAS_MONTANTS, ids=[str(e)[:40] for e, _ in CAS_MONTANTS])
def test_lire_montant(ecrit: object, attendu: object) -> None:
    if isinstance(attendu, str):
        with pytest.raises(ValueError) as exc:
            lire_montant(ecrit, negatif=True)
        assert attendu in str(exc.value)
        sans_anglais(str(exc.value))
    else:
        assert lire_montant(ecrit, negatif=True) == attendu


def test_sommes_de_montants_a_28_chiffres_gardent_leurs_centimes() -> None:
    """The default context (28 digits) would give 1,99999…E+28: every cent is kept."""
    grand = Decimal("9999999999999999999999999999.99")
    assert decimaux.somme([grand] * 12) == Decimal("119999999999999999999999999999.88")
    assert decimaux.somme([grand, Decimal("0.01")]) == Decimal("10000000000000000000000000000.00")
    assert formats.montant(decimaux.somme([grand, grand])).replace("\u202f", " ") == \
        "19 999 999 999 999 999 999 999 999 999,98\xa0€"
    assert formats.arrondir(decimaux.somme([grand, Decimal("0.005")])) == Decimal("10000000000000000000000000000.00")


def test_total_d_un_tableau_exact_au_centime() -> None:
    """Twelve rows near the bound: the total (beyond 10^15, it is a sum, not a typed amount) keeps its cents."""
    lignes = [[f"Structure {k}", "999 999 999 999 999,98", "0,01"] for k in range(12)]
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0].update(lignes=lignes, totaux=True)
    point = valider(donnees)
    (tableau,), = tableaux(point)
    assert tableau.totaux == {"acompte": Decimal("11999999999999999.76"), "solde": Decimal("0.12"),
                              "total": Decimal("11999999999999999.88")}
    erreurs = [str(f) for f in check(point) if f.est_erreur]
    assert erreurs == [], erreurs


def test_montant_maximal_en_lettres() -> None:
    assert formats.montant_en_lettres(decimaux.MONTANT_MAX) == (
        "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf milliards neuf cent "
        "quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf "
        "euros et quatre-vingt-dix-neuf centimes")
    with pytest.raises(ValueError, match="trop grand pour être écrit en lettres"):
        formats.montant_en_lettres(decimaux.LIMITE_MONTANT)


def test_une_erreur_de_formule_vient_de_load() -> None:
    """Tables are computed when the item is loaded: the errors come from ``load``/``valider``, each at its cell."""
    donnees = point_minimal()
    donnees["annexes"][0]["tableaux"][0]["colonnes"][3]["formule"] = "acompte / (solde - 15000)"
    with pytest.raises(ErreurEntree) as exc:
        valider(donnees)
    assert [(f.lieu.champ, f.message) for f in exc.value.findings] == [
        (f"annexes[1].tableaux[1].lignes[{k}].total",
         "formule « acompte / (solde - 15000) » : division par zéro (« solde - 15000 » vaut 0)") for k in (1, 2)]


# --------------------------------------------------------------------------
# Properties: random formulas and amounts

_CENTIMES = st.integers(-(10**17) + 1, 10**17 - 1).map(lambda c: Decimal(c).scaleb(-2))
_PETITS = st.integers(-10**6, 10**6).map(lambda c: Decimal(c).scaleb(-2))
_MONTANTS = st.one_of(_PETITS, _CENTIMES, st.just(Decimal("0.00")))
_CONSTANTES = st.one_of(st.integers(0, 10**6).map(str), st.tuples(st.integers(0, 10**4), st.integers(0, 99)).map(
    lambda t: f"{t[0]}{','}{t[1]:02d}"), st.sampled_from(["0", "0,5", "0.005", "3", "7", "100"]))


def _arbres(feuilles):  # type: ignore[no-untyped-def]
    return st.recursive(feuilles, lambda enfants: st.tuples(st.sampled_from("+-*/"), enfants, enfants), max_leaves=8)


def _texte(arbre) -> str:  # type: ignore[no-untyped-def]
    if isinstance(arbre, tuple) and len(arbre) == 3:
        return f"({_texte(arbre[1])} {arbre[0]} {_texte(arbre[2])})"
    return str(arbre[1]) if isinstance(arbre, tuple) else str(arbre)


def _exact(arbre, valeurs) -> Fraction:  # type: ignore[no-untyped-def]
    """An independent evaluation: Python's fractions over the tree (not the formula's parser)."""
    if isinstance(arbre, tuple) and len(arbre) == 3:
        gauche, droite = _exact(arbre[1], valeurs), _exact(arbre[2], valeurs)
        return {"+": gauche + droite, "-": gauche - droite, "*": gauche * droite}[arbre[0]] if arbre[0] != "/" \
            else gauche / droite
    if isinstance(arbre, tuple):
        return Fraction(str(arbre[1]).replace(",", "."))
    return Fraction(valeurs[arbre])


@settings(max_examples=200, deadline=None)
@given(arbre=_arbres(st.one_of(st.sampled_from(["a", "b", "n"]), st.tuples(st.just("k"), _CONSTANTES))),
       a=_MONTANTS, b=_MONTANTS, n=st.integers(-10**12, 10**12), genre=st.sampled_from(["montant", "entier", "pourcentage"]))
def test_formule_aleatoire_exacte_ou_erreur_francaise(arbre, a, b, n, genre) -> None:  # type: ignore[no-untyped-def]
    texte = _texte(arbre)
    valeurs = {"a": a, "b": b, "n": n}
    try:
        exact = _exact(arbre, valeurs)
    except ZeroDivisionError:
        exact = None
    try:
        resultat = evaluer(compiler(texte, GENRES), valeurs, genre)
    except ValueError as exc:
        message = str(exc)
        sans_anglais(message)
        if len(texte) > 300:
            assert "au plus 300" in message
            return
        assert message.startswith(f"formule « {texte} » : ")
        if exact is None:
            assert "division par zéro" in message
        elif abs(exact) >= Fraction(10**15) - Fraction(1, 200):
            assert "résultat trop grand" in message
        else:
            assert genre == "entier" and exact.denominator != 1 and "n'est pas un nombre entier" in message
        return
    assert exact is not None and abs(exact) < 10**15
    if genre == "montant":
        with localcontext() as contexte:
            contexte.prec = 400
            attendu = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert resultat == attendu and resultat.as_tuple().exponent == -2  # type: ignore[union-attr]
    elif genre == "entier":
        assert isinstance(resultat, int) and resultat == exact
    else:
        assert abs(Fraction(resultat) - exact) <= Fraction(1, 2 * 10**10)


@settings(max_examples=200, deadline=None)
@given(entier=st.integers(0, 10**40), decimales=st.text("0123456789", max_size=5), signe=st.sampled_from(["", "-"]))
def test_montant_saisi_exact_ou_refuse(entier: int, decimales: str, signe: str) -> None:
    """Any amount typed: its exact value, or a French refusal (too large, too many decimals); never a crash."""
    ecrit = f"{signe}{entier}" + (f",{decimales}" if decimales else "")
    exact = Fraction(f"{signe}{entier}.{decimales or '0'}")
    try:
        lu = lire_montant(ecrit, negatif=True)
    except ValueError as exc:
        message = str(exc)
        assert not any(a in message for a in ANGLAIS)
        if abs(exact) >= 10**15:
            assert "montant trop grand" in message
        else:
            assert "plus de deux décimales" in message and (exact * 100).denominator != 1
        return
    assert Fraction(lu) == exact and abs(exact) < 10**15


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_CENTIMES, st.integers(-10**30, 10**30).map(lambda c: Decimal(c).scaleb(-2))), max_size=30))
def test_somme_exacte(termes: list[Decimal]) -> None:
    assert Fraction(decimaux.somme(termes)) == sum((Fraction(t) for t in termes), Fraction(0))


@settings(max_examples=30, deadline=None)
@given(diviseur=st.sampled_from(["solde", "(solde - acompte)", "3", "7", "0"]),
       soldes=st.lists(st.sampled_from(["0", "1", "15000", "0,01"]), min_size=1, max_size=4),
       genre=st.sampled_from(["montant", "entier"]))
def test_tableau_aleatoire_valeur_ou_erreur_a_sa_cellule(diviseur: str, soldes: list[str], genre: str) -> None:
    """Through a whole item: every computed cell has its value, or one error naming its row and column."""
    donnees = point_minimal()
    tableau = donnees["annexes"][0]["tableaux"][0]
    tableau["colonnes"].append({"nom": "quotient", "type": genre, "formule": f"acompte / {diviseur}"})
    tableau["lignes"] = [[f"Structure {k}", "15000", s] for k, s in enumerate(soldes)]
    tableau["totaux"] = True
    attendus = {}
    for k, s in enumerate(soldes):
        solde = Fraction(s.replace(",", "."))
        d = {"solde": solde, "(solde - acompte)": solde - 15000}.get(diviseur) if "solde" in diviseur else Fraction(diviseur)
        attendus[k] = None if d == 0 else Fraction(15000) / d
    try:
        (calcule,), = tableaux(valider(donnees))
    except ErreurEntree as exc:
        champs = {f.lieu.champ: f.message for f in exc.findings}
        for k, valeur in attendus.items():
            champ = f"annexes[1].tableaux[1].lignes[{k + 1}].quotient"
            if valeur is None:
                assert "division par zéro" in champs.pop(champ)
            elif genre == "entier" and valeur.denominator != 1:
                assert "n'est pas un nombre entier" in champs.pop(champ)
        assert champs == {}, champs
        return
    for k, valeur in attendus.items():
        assert valeur is not None
        cellule = calcule.lignes[k]["quotient"].valeur
        assert Fraction(cellule) == (valeur if genre == "entier" else Fraction(decimaux.arrondir_fraction(valeur)))
