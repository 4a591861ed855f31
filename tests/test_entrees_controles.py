"""Issue 14 through the CLI ``check``: catalogue cases (bad input → one French line at its file, line, field)
and accepted inputs that raised false alarms before.

The helpers are those of ``test_entrees_invalides`` (same message format, same « no English » list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_entrees_invalides import c, enchainer, executer, preparer, remplacer, sans_anglais, verifier_cas, verifier_lignes

#: a financing plan in annex 2, written amounts first, rates printed to one decimal; its base is annex 1's total
#: (the issue's case: 180 000 € of 1 234 567,89 € printed « 14,6 % »)
PLAN = '''
  - titre: PLAN DE FINANCEMENT
    tableaux:
      - colonnes:
          - {nom: financeur}
          - {nom: taux, type: pourcentage, total: non}
          - {nom: montant, type: montant}
        lignes:
          - [État (DSIL), "14,6 %", "180 000,00 €"]
          - [Région, "40,0 %", "493 827,16 €"]
          - [Département, "25 %", "308 641,97 €"]
          - [Autofinancement, "20,4 %", "252 098,76 €"]
        repartition: {base: BASE, part: taux, montant: montant}
'''
COUT_TOTAL = "1 234 567,89 €"


def avec_plan(base: str = '"${valeurs.cout}"', *changements: tuple[str, str]):  # type: ignore[no-untyped-def]
    """The example item with the plan above as annex 2 (and ``valeurs.cout``), then ``changements``."""
    def muter(texte: str) -> str:
        plan = PLAN.replace("BASE", base)
        for ancien, nouveau in changements:
            assert ancien in plan or ancien in texte, ancien
            plan = plan.replace(ancien, nouveau)
            texte = texte.replace(ancien, nouveau)
        if "${valeurs.cout}" in base:  # a named value cited nowhere is warned about
            texte = texte.replace("  cotisation: 15 000 €\n", f"  cotisation: 15 000 €\n  cout: {COUT_TOTAL}\n")
        return texte.replace("\nvisas:\n", plan + "\nvisas:\n", 1)
    return muter


def budget(montant: str):  # type: ignore[no-untyped-def]
    """A named value ``budget`` (what the annex's grand total must be)."""
    return remplacer("  cotisation: 15 000 €\n", f"  cotisation: 15 000 €\n  budget: {montant}\n")


#: the annex's printed grand total cites the named value instead of repeating a figure
TOTAL_CITE = remplacer('          total: "360 000,00 €"', '          total: "${valeurs.budget}"')


CATALOGUE_CONTROLES = [
    c("plan-taux-arrondi-faux", avec_plan('"${valeurs.cout}"', ('"14,6 %"', '"14,7 %"')), 1,
      ("14,7\xa0% écrit, mais 180\u202f000,00\xa0€ font 14,6\xa0% de 1\u202f234\u202f567,89\xa0€",
       " — annexe 2, tableau 1, ligne 1, colonne « taux »"),
      '[État (DSIL), "14,7 %"', "annexes[2].tableaux[1].lignes[1].taux"),
    c("plan-montants-sous-la-base", avec_plan('"${valeurs.cout}"', ('"252 098,76 €"', '"251 818,76 €"')), 1,
      ("les montants font 1\u202f234\u202f287,89\xa0€, mais la base est 1\u202f234\u202f567,89\xa0€",
       "écart de 280,00\xa0€"), "repartition: {base:", "annexes[2].tableaux[1].repartition"),
    c("plan-base-citee-inconnue", avec_plan('"${valeurs.cuot}"'), 1,
      ("${valeurs.cuot} : valeur nommée inconnue « cuot »",), "repartition: {base:",
      "annexes[2].tableaux[1].repartition.base"),
    c("deux-tableaux-en-desaccord", enchainer(budget("350 000 €"), TOTAL_CITE), 1,
      ("les 12 lignes font 360\u202f000,00\xa0€, mais ${valeurs.budget} vaut 350\u202f000,00\xa0€",),
      '          total: "${valeurs.budget}"', "annexes[1].tableaux[1].totaux.total"),
    c("nombre-nu-cite-comme-une-date", enchainer(
        remplacer("  plafond: 15 000 €", "  plafond: 15000"),
        remplacer("${valeurs.plafond | euros} de\n      la subvention", "${valeurs.plafond | date_longue} de\n      la subvention")),
      1, ("format « date_longue » impossible pour un nombre entier (formats possibles : « texte », « lettres », "
          "« lettres_feminin »)",), None, "propositions[1].texte"),
    c("montant-en-francs-dit-ce-qui-est-accepte",
      remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "40 000,00 F"'), 1,
      ("montant illisible : « 40 000,00 F » (en francs : seuls les euros sont acceptés ; écrivez 40 000,00 € ou "
       "40 000,00)",), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
    c("valeur-citee-entre-guillemets-francais",
      remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "quinze mille"'), 1,
      ("montant illisible : « quinze mille »",), "Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
    c("montant-point-separateur-sans-correspondance",
      remplacer("pouvant\n        atteindre jusqu'à 30 000 €", "pouvant\n        atteindre jusqu'à 35.000 euros"), 0,
      ("montant « 35.000 euros » écrit en chiffres, qui ne correspond à aucun montant",), None,
      "expose[1].paragraphes[1]", severite="avertissement"),
    c("jour-faux-annee-en-lettres", remplacer(
        "      - Le présent rapport vise à faire adopter le budget 2023 dédié à ce dispositif.",
        "      - L'an deux mille vingt-trois, le jeudi 06 février, le présent rapport fut lu."), 1,
      ("« L'an deux mille vingt-trois, le jeudi 06 février » : le 6 février 2023 est un lundi",),
      "L'an deux mille vingt-trois", "expose[1].paragraphes[2]"),
]


@pytest.mark.parametrize("cas", CATALOGUE_CONTROLES)
def test_entree_invalide_controles(cas, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)


@pytest.mark.parametrize("mutation", [
    pytest.param(avec_plan(), id="plan-montants-decides-taux-a-une-decimale"),
    pytest.param(avec_plan(f'"{COUT_TOTAL}"'), id="plan-base-ecrite"),
    pytest.param(enchainer(budget("360 000 €"), TOTAL_CITE), id="total-cite-egal"),
    pytest.param(remplacer("  plafond: 15 000 €", "  plafond: 15000"), id="nombre-nu-cite-en-euros"),
    pytest.param(remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15 000,00 euros"'),
                 id="montant-en-euros-ecrits-en-lettres"),
    pytest.param(remplacer('[Ville de Pantin, "15 000,00 €"', '[Ville de Pantin, "15 000,00 EUR"'), id="montant-en-EUR"),
    pytest.param(remplacer("pouvant\n        atteindre jusqu'à 30 000 €", "pouvant\n        atteindre jusqu'à 30.000 euros"),
                 id="montant-point-separateur-des-milliers"),
    pytest.param(remplacer("      - Le présent rapport vise à faire adopter le budget 2023 dédié à ce dispositif.",
                           "      - L'an deux mille vingt-trois, le lundi 06 février, le présent rapport fut lu."),
                 id="jour-juste-annee-en-lettres"),
])
def test_entree_acceptee_controles(mutation, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    dossier = preparer(tmp_path, point=mutation)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    verifier_lignes(sortie)
    assert code == 0 and "erreur" not in sortie, sortie + erreurs
    assert "avertissement" not in sortie, sortie

