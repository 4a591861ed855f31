"""Issue 16: a séance loaded to be rendered loads, checks and renders each item once, in one pass.

``charger_seance(..., rendre=True)`` renders each item without error in the
worker that has just loaded and checked it; :func:`rendre_seance` then writes
those documents once the whole séance is found without error (all or
nothing), without loading the items again. Table of cases:

| séance                                          | observable result                                                |
|-------------------------------------------------|------------------------------------------------------------------|
| 3 valid items, ``rendre=True``, then rendered   | each item loaded 1×, checked 1×, rendered 1×; the 7 documents    |
| 3 valid items, ``rendre=False`` (default)       | loaded 2×, checked 2× (as before); the same documents, text-wise |
| the CLI ``seance``                              | each item loaded and checked once                                |
| the CLI ``check`` of a séance                   | nothing rendered                                                 |
| one item in error, ``rendre=True``              | nothing rendered for anyone, nothing written                     |
| an item changed on disk after loading           | ``rendre=True``: what was checked is written (not the new text); |
|                                                 | ``rendre=False``: read again, checked again, refused             |
| rendering one item fails in the pass            | the séance is not in error; that item is a failure named by      |
|                                                 | rendre_seance, the other items are written                       |
| an output that exists (no --force), jobs 2      | that item fails whole, the others are written                    |
| progress                                        | « vérification et rendu » then « écriture », up to the total     |
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import lignes_docx
from deliberations import api
from deliberations.cli import main
from deliberations.erreurs import ErreurEntree, ErreurVerification
from deliberations.seance import chargement, charger_seance, rendre_seance
from deliberations.seance import rendu as module_rendu

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "examples"
SEANCE = EXEMPLES / "seance-2023-09-14.yaml"
ATTENDUS = {f"{n}-{d}.docx" for n in ("06-04", "06-05", "06-06") for d in ("rapport", "deliberation")} | {
    "ordre-du-jour.docx"}
POINTS = ("06-04-clauses-sociales.yaml", "06-05-insertion-activite-economique.yaml",
          "06-06-cofinancement-facilitateur.yaml")


@pytest.fixture
def appels(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of load, check and render calls (in this process: jobs=1)."""
    compte: Counter[str] = Counter()

    def compter(nom: str, fonction):  # type: ignore[no-untyped-def]
        def appel(*args, **kwargs):  # type: ignore[no-untyped-def]
            compte[nom] += 1
            return fonction(*args, **kwargs)
        return appel

    for module in (chargement, module_rendu):
        for nom in ("load", "check", "rendre_en_memoire"):
            if hasattr(module, nom):
                monkeypatch.setattr(module, nom, compter(nom, getattr(api, nom)))
    return compte


def copier(dossier: Path) -> Path:
    shutil.copytree(EXEMPLES, dossier / "examples")
    return dossier / "examples" / SEANCE.name


def test_une_passe_charge_verifie_et_rend_chaque_point_une_fois(tmp_path: Path, appels: Counter[str]) -> None:
    seance = charger_seance(SEANCE, jobs=1, rendre=True)
    assert not seance.en_erreur
    assert appels == {"load": 3, "check": 3, "rendre_en_memoire": 3}
    resultat = rendre_seance(seance, tmp_path / "sortie", jobs=1)
    assert resultat.reussi, resultat.echecs
    assert appels == {"load": 3, "check": 3, "rendre_en_memoire": 3}  # nothing loaded again
    assert {p.name for p in (tmp_path / "sortie").iterdir()} == ATTENDUS


def test_sans_rendre_deux_passes_memes_documents(tmp_path: Path, appels: Counter[str]) -> None:
    seance = charger_seance(SEANCE, jobs=1)
    assert appels == {"load": 3, "check": 3}
    assert all(e.documents is None for e in seance.points)
    assert rendre_seance(seance, tmp_path / "deux", jobs=1).reussi
    assert appels == {"load": 6, "check": 6, "rendre_en_memoire": 3}
    assert rendre_seance(charger_seance(SEANCE, jobs=1, rendre=True), tmp_path / "une", jobs=1).reussi
    for nom in ATTENDUS:
        assert lignes_docx(tmp_path / "une" / nom) == lignes_docx(tmp_path / "deux" / nom), nom


def test_la_commande_seance_charge_chaque_point_une_fois(tmp_path: Path, appels: Counter[str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seance", str(SEANCE), "-o", str(tmp_path / "sortie"), "--jobs", "1"]) == 0
    assert appels == {"load": 3, "check": 3, "rendre_en_memoire": 3}
    assert "3 points, 7 fichiers écrits" in capsys.readouterr().out


def test_la_commande_check_ne_rend_rien(appels: Counter[str], monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # check runs on every core: one, this process
    assert main(["check", str(SEANCE)]) == 0
    assert appels["load"] == 3 and appels["rendre_en_memoire"] == 0


def test_un_point_en_erreur_rien_n_est_rendu_ni_ecrit(tmp_path: Path, appels: Counter[str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    seance = copier(tmp_path)
    fichier = seance.parent / POINTS[2]
    fichier.write_text(fichier.read_text(encoding="utf-8").replace('"33 340,00"', '"33 350,00"'), encoding="utf-8")
    chargee = charger_seance(seance, jobs=1, rendre=True)
    assert chargee.en_erreur
    # the items checked before the error was known may have been rendered: none is written
    with pytest.raises(ErreurEntree):
        rendre_seance(chargee, tmp_path / "sortie", jobs=1)
    assert not (tmp_path / "sortie").exists()
    assert main(["seance", str(seance), "-o", str(tmp_path / "cli"), "--jobs", "1"]) == 1
    captures = capsys.readouterr()
    assert f"{POINTS[2]}:" in captures.out and "rien n'a été écrit" in captures.err
    assert not (tmp_path / "cli").exists()


def test_un_point_en_erreur_n_est_pas_rendu(tmp_path: Path, appels: Counter[str]) -> None:
    seance = copier(tmp_path)
    fichier = seance.parent / POINTS[0]
    fichier.write_text(fichier.read_text(encoding="utf-8").replace('numero: "06-04"', 'numero: "06-05"'),
                       encoding="utf-8")  # a number in double: a séance-wide error, found after the pass
    chargee = charger_seance(seance, jobs=1, rendre=True)
    assert chargee.en_erreur and not any(e.en_erreur for e in chargee.points)
    with pytest.raises(ErreurEntree):
        rendre_seance(chargee, tmp_path / "sortie", jobs=1)
    assert not (tmp_path / "sortie").exists()


@pytest.mark.parametrize("rendre, ecrit", [(True, True), (False, False)])
def test_un_point_modifie_apres_le_chargement(tmp_path: Path, rendre: bool, ecrit: bool) -> None:
    seance = copier(tmp_path)
    chargee = charger_seance(seance, jobs=1, rendre=rendre)
    assert not chargee.en_erreur
    fichier = seance.parent / POINTS[2]
    fichier.write_text(fichier.read_text(encoding="utf-8").replace('"33 340,00"', '"33 350,00"'), encoding="utf-8")
    resultat = rendre_seance(chargee, tmp_path / "sortie", jobs=1)
    assert resultat.reussi is ecrit
    rapport = tmp_path / "sortie" / "06-06-rapport.docx"
    if ecrit:  # what was checked is written
        texte = "\n".join(lignes_docx(rapport))
        assert "33\u202f340,00" in texte and "33\u202f350,00" not in texte
    else:  # read again and checked again: refused, and named
        assert not rapport.exists()
        (constats,) = resultat.echecs.values()
        assert any(POINTS[2] in str(c) and c.est_erreur for c in constats)


def test_un_rendu_en_echec_pendant_la_passe_ne_perd_pas_les_autres(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    vrai = api.rendre_en_memoire

    def rendre(point, modeles=None):  # type: ignore[no-untyped-def]
        if point.numero == "06-05":
            raise ErreurVerification.de("le texte « x » manque dans le document rendu ; rien n'a été écrit",
                                        Path("rapport.docx"))
        return vrai(point, modeles)

    monkeypatch.setattr(chargement, "rendre_en_memoire", rendre)
    chargee = charger_seance(SEANCE, jobs=1, rendre=True)
    assert not chargee.en_erreur  # a rendering failure is not an error of the input
    resultat = rendre_seance(chargee, tmp_path / "sortie", jobs=1)
    assert not resultat.reussi
    (nom,) = resultat.echecs
    assert nom.endswith(POINTS[1])
    assert "manque dans le document rendu" in str(resultat.echecs[nom][0])
    assert {p.name for p in (tmp_path / "sortie").iterdir()} == ATTENDUS - {"06-05-rapport.docx",
                                                                               "06-05-deliberation.docx"}


def test_un_fichier_existant_fait_echouer_son_point_seul(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "06-06-deliberation.docx").write_bytes(b"deja la")
    chargee = charger_seance(SEANCE, jobs=2, rendre=True)
    resultat = rendre_seance(chargee, sortie, jobs=2)
    (nom,) = resultat.echecs
    assert nom.endswith(POINTS[2]) and "existe déjà" in str(resultat.echecs[nom][0])
    assert (sortie / "06-06-deliberation.docx").read_bytes() == b"deja la"
    assert not (sortie / "06-06-rapport.docx").exists()  # written whole or not at all
    assert {"06-04-rapport.docx", "06-05-deliberation.docx", "ordre-du-jour.docx"} <= {p.name for p in sortie.iterdir()}


def test_progression_de_la_passe_puis_de_l_ecriture(tmp_path: Path) -> None:
    vus: list[tuple[int, int, str]] = []
    chargee = charger_seance(SEANCE, jobs=1, rendre=True, progression=lambda f, t, e: vus.append((f, t, e)))
    assert rendre_seance(chargee, tmp_path, jobs=1, progression=lambda f, t, e: vus.append((f, t, e))).reussi
    etapes = list(dict.fromkeys(e for _, _, e in vus))
    assert etapes == ["vérification et rendu", "écriture"]
    for etape in etapes:
        faits = [f for f, t, e in vus if e == etape]
        assert faits == sorted(faits) and faits[-1] == 3 and all(t == 3 for _, t, e in vus if e == etape)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(casses=st.sets(st.sampled_from(range(3)), min_size=1))
def test_propriete_toute_erreur_rien_n_est_ecrit(tmp_path_factory: pytest.TempPathFactory, casses: set[int]) -> None:
    """Whichever items are in error, a séance loaded to be rendered writes nothing at all."""
    dossier = tmp_path_factory.mktemp("seance")
    seance = copier(dossier)
    for k in casses:
        fichier = seance.parent / POINTS[k]
        fichier.write_text(fichier.read_text(encoding="utf-8").replace("numero:", "numero: [", 1), encoding="utf-8")
    chargee = charger_seance(seance, jobs=1, rendre=True)
    assert {e.rang - 1 for e in chargee.points if e.en_erreur} == casses
    with pytest.raises(ErreurEntree):
        rendre_seance(chargee, dossier / "sortie", jobs=1)
    assert not (dossier / "sortie").exists()
