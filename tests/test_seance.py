"""A whole séance: every item checked first, rendered in parallel, plus the agenda."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import lignes_docx
from deliberations import load
from deliberations.cli import main
from deliberations.seance import charger_seance, contexte_ordre_du_jour, rendre_seance

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "examples"
SEANCE = EXEMPLES / "seance-2023-09-14.yaml"
ATTENDUS = {f"{n}-{d}.docx" for n in ("06-04", "06-05", "06-06") for d in ("rapport", "deliberation")} | {
    "ordre-du-jour.docx"}


def copier_exemples(dossier: Path) -> Path:
    shutil.copytree(EXEMPLES, dossier / "examples")
    return dossier / "examples" / SEANCE.name


def test_exemple_sans_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "sortie"
    assert main(["seance", str(SEANCE), "-o", str(sortie), "--jobs", "2"]) == 0
    assert {p.name for p in sortie.iterdir()} == ATTENDUS
    out = capsys.readouterr()
    assert "3 points, 7 fichiers écrits" in out.out
    assert out.err == ""  # not a terminal: no progress bar


@pytest.mark.outil("soffice")
def test_exemple_avec_pdf(tmp_path: Path) -> None:
    sortie = tmp_path / "sortie"
    assert main(["seance", str(SEANCE), "-o", str(sortie), "--pdf", "--jobs", "2"]) == 0
    noms = {p.name for p in sortie.iterdir()}
    assert noms == ATTENDUS | {n.replace(".docx", ".pdf") for n in ATTENDUS}
    assert all((sortie / n).stat().st_size > 1000 for n in noms)


def test_ordre_du_jour(tmp_path: Path) -> None:
    seance = charger_seance(SEANCE)
    contexte = contexte_ordre_du_jour(seance)
    assert [p["numero"] for p in contexte["points"]] == ["06-04", "06-05", "06-06"]
    # 06-04: its last totalled amount column (360 000); 06-05: 169 500; 06-06: 100 000.
    assert contexte["total"] == "629\u202f500,00\xa0€"
    resultat = rendre_seance(seance, tmp_path, jobs=1)
    assert resultat.reussi
    texte = "\n".join(lignes_docx(tmp_path / "ordre-du-jour.docx"))
    assert "ORDRE DU JOUR — COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL" in texte
    assert "Réunion du jeudi 14\u00a0septembre 2023" in texte
    assert "629\u202f500,00\xa0€" in texte and "SOUTIEN AUX STRUCTURES D'INSERTION" in texte


def test_jobs_1_et_2_donnent_les_memes_documents(tmp_path: Path) -> None:
    for jobs in (1, 2):
        assert rendre_seance(charger_seance(SEANCE), tmp_path / str(jobs), jobs=jobs).reussi
    for nom in ATTENDUS:
        assert lignes_docx(tmp_path / "1" / nom) == lignes_docx(tmp_path / "2" / nom)


def test_toutes_les_erreurs_de_tous_les_points_rien_d_ecrit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seance = copier_exemples(tmp_path)
    dossier = seance.parent
    for nom, avant, apres in [
        ("06-05-insertion-activite-economique.yaml", "[Halage, L'Île-Saint-Denis, 30, 45000]", "[Halage, L'Île-Saint-Denis, 30, 45000,5]"),
        ("06-06-cofinancement-facilitateur.yaml", '"33 340,00"', '"33 350,00"'),
    ]:
        fichier = dossier / nom
        texte = fichier.read_text(encoding="utf-8")
        assert avant in texte
        fichier.write_text(texte.replace(avant, apres), encoding="utf-8")
    sortie = tmp_path / "sortie"
    assert main(["seance", str(seance), "-o", str(sortie)]) == 1
    out = capsys.readouterr()
    assert "06-05-insertion-activite-economique.yaml:" in out.out
    assert "06-06-cofinancement-facilitateur.yaml:" in out.out
    assert "rien n'a été écrit" in out.err
    assert not sortie.exists()


def test_numeros_en_double(tmp_path: Path) -> None:
    seance = copier_exemples(tmp_path)
    fichier = seance.parent / "06-05-insertion-activite-economique.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace('numero: "06-05"', 'numero: "06-04"'),
                       encoding="utf-8")
    chargee = charger_seance(seance)
    (doublon,) = [f for f in chargee.findings if f.est_erreur]
    assert doublon.est_erreur and doublon.lieu.fichier.endswith("06-05-insertion-activite-economique.yaml")
    assert doublon.lieu.ligne == 5 and "déjà pris par le point 1" in doublon.message


def test_points_sans_numero_numerotes_dans_l_ordre(tmp_path: Path) -> None:
    seance = copier_exemples(tmp_path)
    for nom in ("06-05-insertion-activite-economique.yaml", "06-06-cofinancement-facilitateur.yaml"):
        fichier = seance.parent / nom
        lignes = [l for l in fichier.read_text(encoding="utf-8").splitlines() if not l.startswith("numero:")]
        lignes = [l for l in lignes if not l.startswith(("seance:", "  instance:", "  date:", "collectivite:"))]
        fichier.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    chargee = charger_seance(seance)
    assert not chargee.en_erreur, [str(f) for f in chargee.tous_les_constats()]
    assert [p.numero for p in chargee.points] == ["06-04", "2", "3"]
    # the séance's date, instance and collectivité are inherited
    point = load(chargee.points[1].fichier, defauts=chargee.defauts_du_point(chargee.points[1]))
    assert point.seance.date.isoformat() == "2023-09-14"
    assert point.collectivite.tribunal_administratif == "Montreuil"
    resultat = rendre_seance(chargee, tmp_path / "sortie", jobs=2)
    assert resultat.reussi
    assert {"2-rapport.docx", "3-deliberation.docx"} <= {p.name for p in resultat.ecrits}


def test_point_d_une_autre_seance(tmp_path: Path) -> None:
    seance = copier_exemples(tmp_path)
    fichier = seance.parent / "06-06-cofinancement-facilitateur.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace("date: 2023-09-14", "date: 2023-10-12"),
                       encoding="utf-8")
    constats = [str(f) for f in charger_seance(seance).tous_les_constats() if f.est_erreur]
    assert any("06-06-cofinancement-facilitateur.yaml:6: erreur: seance:" in c and "12 octobre 2023" in c
               for c in constats), constats


def test_point_introuvable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seance = copier_exemples(tmp_path)
    seance.write_text(seance.read_text(encoding="utf-8") + "  - absent.yaml\n", encoding="utf-8")
    assert main(["check", str(seance)]) == 1
    assert "point introuvable : absent.yaml" in capsys.readouterr().out


def test_un_point_en_echec_ne_perd_pas_les_autres(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "06-05-rapport.docx").write_bytes(b"deja la")  # without --force: this item fails
    assert main(["seance", str(SEANCE), "-o", str(sortie), "--jobs", "2"]) == 1
    noms = {p.name for p in sortie.iterdir()}
    assert {"06-04-rapport.docx", "06-04-deliberation.docx", "06-06-rapport.docx", "ordre-du-jour.docx"} <= noms
    assert (sortie / "06-05-rapport.docx").read_bytes() == b"deja la"
    assert "06-05-deliberation.docx" not in noms  # an item is written whole or not at all
    out = capsys.readouterr().out
    assert "1 en échec" in out and "06-05" in out


def test_barre_de_progression_sur_un_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from deliberations import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    barre = cli._Barre()
    barre(1, 4, "06-04-clauses-sociales.yaml")
    barre(4, 4, "ordre du jour")
    err = capsys.readouterr().err
    assert "[" + "#" * 7 + "." * 23 + "] 1/4 06-04-clauses-sociales.yaml" in err
    assert "4/4 ordre du jour" in err and err.endswith("\n")


def test_fichier_de_seance_invalide(tmp_path: Path) -> None:
    fichier = tmp_path / "seance.yaml"
    fichier.write_text("instance: commission permanente\ndate: 2023-02-30\npoint:\n  - a.yaml\n", encoding="utf-8")
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", "seance", str(fichier), "-o",
                               str(tmp_path / "s")], capture_output=True, text=True)
    assert resultat.returncode == 1
    assert "seance.yaml:2: erreur: date: date impossible" in resultat.stdout
    assert "seance.yaml:3: erreur: point: clé inconnue « point » (vouliez-vous dire « points » ?)" in resultat.stdout
    assert "Traceback" not in resultat.stderr
