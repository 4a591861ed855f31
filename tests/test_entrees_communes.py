"""Bad inputs of the one-document délibération and the wording keys (issue 12), through ``check``.

The cases mutate the catalogue's reference example (``tests/test_entrees_invalides.py``)
with the keys this issue adds: the séance's hour, convocation and public
flag, the collectivité's nature, the wording formulas, the place of an
annex's tables. Each must be one French line at its file, line and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_entrees_invalides import (
    ajouter,
    c,
    executer,
    inserer_apres,
    preparer,
    remplacer,
    sans_anglais,
    verifier_cas,
    verifier_lignes,
)

CATALOGUE_COMMUNES = [
    c("heure-illisible", inserer_apres("  date: 2023-09-14", "  heure: vingt heures"), 1,
      ("heure illisible « vingt heures »", "20:30"), "heure: vingt heures", "seance.heure"),
    c("heure-impossible", inserer_apres("  date: 2023-09-14", "  heure: 25:10"), 1,
      ("heure impossible « 25:10 »",), "heure: 25:10", "seance.heure"),
    c("minutes-impossibles", inserer_apres("  date: 2023-09-14", "  heure: 20 h 75"), 1,
      ("heure impossible",), "heure: 20 h 75", "seance.heure"),
    c("convocation-impossible", inserer_apres("  date: 2023-09-14", "  convocation: 2023-02-30"), 1,
      ("date impossible",), "convocation: 2023-02-30", "seance.convocation"),
    c("seance-publique-illisible", inserer_apres("  date: 2023-09-14", "  publique: peut-être"), 1,
      ("oui ou non attendu",), "publique: peut-être", "seance.publique"),
    c("cle-de-seance-inconnue", inserer_apres("  date: 2023-09-14", "  secretair: Mme Anne Martin"), 1,
      ("clé inconnue « secretair »", "secretaire"), "secretair: Mme", "seance.secretair"),
    c("nature-inconnue", None, 1, ("valeur non reconnue « mairie »", "commune"), "nature: mairie",
      "collectivite.nature", profil=inserer_apres("nom: Département", "nature: mairie"), fichier="profil"),
    c("formule-cle-inconnue", ajouter("formules: {decison: DÉCIDE}\n"), 1,
      ("clé inconnue « decison »", "vouliez-vous dire « decision »"), "formules:", "formules.decison"),
    c("numerotation-inconnue", ajouter("formules: {articles: Article I}\n"), 1,
      ("valeur non reconnue « Article I »", "Article 1er"), "formules:", "formules.articles"),
    c("vote-imprime-inconnu", ajouter("formules: {vote: cases}\n"), 1,
      ("valeur non reconnue « cases »",), "formules:", "formules.vote"),
    c("recours-illisible", ajouter("formules: {recours: parfois}\n"), 1,
      ("oui ou non attendu",), "formules:", "formules.recours"),
    c("formules-du-profil", None, 1, ("clé inconnue « ouvertur »", "ouverture"), "ouvertur: non",
      "collectivite.formules.ouvertur", profil=ajouter("formules:\n  ouvertur: non\n"), fichier="profil"),
    c("emplacement-inconnu", inserer_apres("annexes:", "  - {titre: Plan, emplacement: corps}"), 1,
      ("valeur non reconnue « corps »", "expose"), "emplacement: corps", "annexes[1].emplacement"),
    c("apres-negatif", inserer_apres("annexes:", "  - {titre: Plan, emplacement: expose, apres: -1}"), 1,
      ("nombre négatif",), "apres: -1", "annexes[1].apres"),
    c("rapporteur-en-liste", ajouter("rapporteur: [M. Durand, Mme Martin]\n"), 1,
      ("texte attendu",), "rapporteur:", "rapporteur"),
]


@pytest.mark.parametrize("cas", CATALOGUE_COMMUNES)
def test_entree_invalide_commune(cas: object, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)  # type: ignore[arg-type]
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)  # type: ignore[arg-type]
    assert dossier.etat() == avant, "un fichier a été écrit"


ACCEPTES_COMMUNES = [
    pytest.param(remplacer("direction: Direction Europe International", "direction: sans objet"), id="direction-sans-objet"),
    pytest.param(remplacer("direction: Direction Europe International", "direction: Sans  Objet"), id="sans-objet-casse"),
    pytest.param(inserer_apres("  date: 2023-09-14", "  heure: 9h05"), id="heure-collee"),
    pytest.param(inserer_apres("  date: 2023-09-14", "  heure: 20 heures 30"), id="heure-en-mots"),
    pytest.param(ajouter('formules: {decision: "DÉLIBÈRE :", articles: Art. 1er.-, recours: non}\n'), id="formules"),
    pytest.param(ajouter("rapporteur: M. Paul Durand, adjoint aux finances\n"), id="rapporteur"),
]


@pytest.mark.parametrize("mutation", ACCEPTES_COMMUNES)
def test_entree_acceptee_commune(mutation: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = preparer(tmp_path, point=mutation)  # type: ignore[arg-type]
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0, sortie + erreurs
    verifier_lignes(sortie)


def test_direction_absente_reste_obligatoire_pour_un_departement(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The département genre still needs its direction (or « sans objet »): one located finding."""
    from test_entrees_invalides import supprimer_ligne

    dossier = preparer(tmp_path, point=supprimer_ligne("direction: Direction Europe International"))
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 1 and "direction: champ obligatoire manquant" in sortie


AVERTIS = [
    pytest.param(ajouter('formules: {ainsi_fait: "Fait à Bobigny."}\n'), "formules:", "formules.ainsi_fait",
                 "formule « ainsi_fait » sans effet dans le type « rapport-deliberation »", id="formules-du-point"),
    pytest.param(ajouter('formules:\n  decision: "DÉLIBÈRE :"\n  signatures: cote_a_cote\n'), "signatures:",
                 "formules.signatures", "formule « signatures » sans effet", id="formule-non-imprimee"),
    pytest.param(remplacer("annexes:\n  - titre: >-", "annexes:\n  - emplacement: expose\n    titre: >-"),
                 "emplacement: expose",
                 "annexes[1].emplacement", "emplacement « expose » sans effet", id="emplacement"),
]


@pytest.mark.parametrize("mutation, repere, champ, message", AVERTIS)
def test_formules_sans_effet_dans_un_autre_type(mutation: object, repere: str, champ: str, message: str,
                                                tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A wording key the département genre does not print is a warning at its line, never silently ignored."""
    dossier = preparer(tmp_path, point=mutation)  # type: ignore[arg-type]
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0, sortie
    (ligne,) = [m for m in verifier_lignes(sortie) if message in m.group(0)]
    assert ligne.group("severite") == "avertissement" and ligne.group("reste").startswith(f"{champ}: ")
    numero = next(k for k, l in enumerate(dossier.textes["point"].splitlines(), 1) if repere in l)
    assert int(ligne.group("ligne")) == numero
