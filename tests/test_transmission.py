"""ACTES metadata and the transmission folder of a séance (issue 16, item 3).

``deliberations actes SEANCE -o DOSSIER`` writes, for every act of the séance,
its délibération as PDF/A and its annexes (PDF, JPEG, PNG) under names made of
ACTES characters, and one manifest (``manifeste.json``, its JSON Schema in
``docs/actes-manifeste.schema.json``) that an ACTES client can post from.
Every violation is a finding before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import RACINE
from deliberations import cli
from deliberations.model.objets import Actes

SCHEMA = RACINE / "docs" / "actes-manifeste.schema.json"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%fake annex\n"


@pytest.fixture
def seance(tmp_path: Path) -> Path:
    """The reference séance, each item given a nature and a matière; the first one an annex of each kind."""
    dossier = tmp_path / "examples"
    shutil.copytree(RACINE / "examples", dossier)
    for fichier, matiere in (("06-04-clauses-sociales.yaml", "8.6"), ("06-05-insertion-activite-economique.yaml", "8.6"),
                             ("06-06-cofinancement-facilitateur.yaml", "7.5")):
        chemin = dossier / fichier
        texte = chemin.read_text(encoding="utf-8")
        texte = texte[:texte.index("\n# Transmission en préfecture")]  # the example's own actes: section, replaced
        pieces = '\n  pieces: [plan.pdf, "carte du territoire.png"]' if fichier.startswith("06-04") else ""
        chemin.write_text(texte + f'\nactes:\n  nature: DE\n  matiere: "{matiere}"{pieces}\n', encoding="utf-8")
    (dossier / "plan.pdf").write_bytes(PDF)
    (dossier / "carte du territoire.png").write_bytes(PNG)
    profil = dossier / "collectivites" / "seine-saint-denis.yaml"
    profil.write_text(profil.read_text(encoding="utf-8") + 'siret: "22930008201453"\n', encoding="utf-8")
    return dossier / "seance-2023-09-14.yaml"


def executer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main([str(a) for a in argv])
    sortie = capsys.readouterr()
    return code, sortie.out + sortie.err


def modifier(seance: Path, fichier: str, ancien: str, nouveau: str) -> None:
    chemin = seance.parent / fichier
    texte = chemin.read_text(encoding="utf-8")
    assert ancien in texte
    chemin.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")


@pytest.mark.outil("soffice")
def test_le_dossier_de_transmission(seance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "transmission"
    code, texte = executer(["actes", seance, "-o", sortie, "--jobs", "2"], capsys)
    assert code == 0, texte
    noms = sorted(p.name for p in sortie.iterdir())
    assert noms == ["06_04_acte.pdf", "06_04_annexe_1.pdf", "06_04_annexe_2.png", "06_05_acte.pdf", "06_06_acte.pdf",
                    "manifeste.json"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.]+", n) for n in noms)  # names every platform accepts
    manifeste = json.loads((sortie / "manifeste.json").read_text(encoding="utf-8"))
    jsonschema.validate(manifeste, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert manifeste["collectivite"] == {"nom": "Département de la Seine-Saint-Denis", "siret": "22930008201453"}
    assert manifeste["classification"] == {"source": "classification nationale", "date": None}
    premier = manifeste["actes"][0]
    assert premier["numero_actes"] == "06_04" and premier["numero"] == "06-04"
    assert premier["nature"] == {"code": "1", "abrege": "DE", "libelle": "Délibérations"}
    assert premier["matiere"] == {"code": "8.6", "libelle": "Emploi, formation professionnelle",
                                  "niveaux": ["Domaines de compétences par thèmes", "Emploi, formation professionnelle"]}
    assert premier["date_decision"] == "2023-09-14"
    assert premier["objet"].startswith("FACILITATION DES CLAUSES SOCIALES") and "\n" not in premier["objet"]
    acte = premier["document"]
    assert acte["fichier"] == "06_04_acte.pdf" and acte["type"] == "application/pdf"
    assert acte["sha256"] == hashlib.sha256((sortie / "06_04_acte.pdf").read_bytes()).hexdigest()
    assert [(a["fichier"], a["type"], a["origine"]) for a in premier["annexes"]] == [
        ("06_04_annexe_1.pdf", "application/pdf", "plan.pdf"),
        ("06_04_annexe_2.png", "image/png", "carte du territoire.png")]
    assert (sortie / "06_04_annexe_2.png").read_bytes() == PNG
    assert (sortie / "06_04_acte.pdf").read_bytes().startswith(b"%PDF")


CAS = [
    ("matière absente", ("06-05-insertion-activite-economique.yaml", '  matiere: "8.6"\n', ""),
     "06-05-insertion-activite-economique.yaml", "actes.matiere", "matière ACTES manquante"),
    ("matière inconnue", ("06-05-insertion-activite-economique.yaml", '"8.6"', '"8.10"'),
     "06-05-insertion-activite-economique.yaml", "actes.matiere", "inconnue"),
    ("un seul niveau", ("06-06-cofinancement-facilitateur.yaml", '"7.5"', '"7"'),
     "06-06-cofinancement-facilitateur.yaml", "actes.matiere", "deux niveaux"),
    ("nature inconnue", ("06-06-cofinancement-facilitateur.yaml", "nature: DE", "nature: XX"),
     "06-06-cofinancement-facilitateur.yaml", "actes.nature", "nature ACTES inconnue"),
    ("annexe absente", ("06-04-clauses-sociales.yaml", "[plan.pdf,", "[plan2.pdf,"),
     "06-04-clauses-sociales.yaml", "actes.pieces[1]", "introuvable"),
    ("annexe d'un autre format", ("06-04-clauses-sociales.yaml", "[plan.pdf,", "[06-05-insertion-activite-economique.yaml,"),
     "06-04-clauses-sociales.yaml", "actes.pieces[1]", "PDF, JPEG ou PNG"),
    ("numéro trop long", ("06-06-cofinancement-facilitateur.yaml", 'numero: "06-06"', 'numero: "2023-06-06-COMMISSION"'),
     "06-06-cofinancement-facilitateur.yaml", "numero", "15 caractères"),
    ("numéro ACTES invalide", ("06-06-cofinancement-facilitateur.yaml", "nature: DE", "nature: DE\n  numero: _X_"),
     "06-06-cofinancement-facilitateur.yaml", "actes.numero", "numéro ACTES invalide"),
]


@pytest.mark.parametrize("quoi, edition, fichier, champ, mots", CAS, ids=[c[0] for c in CAS])
def test_rien_n_est_ecrit_si_un_acte_est_faux(quoi, edition, fichier, champ, mots, seance, tmp_path, capsys):
    modifier(seance, *edition)
    sortie = tmp_path / "transmission"
    code, texte = executer(["actes", seance, "-o", sortie], capsys)
    assert code == 1, texte
    lignes = [l for l in texte.splitlines() if ": erreur: " in l]
    assert any(Path(l.split(":")[0]).name == fichier and f": erreur: {champ}" in l and mots in l for l in lignes), texte
    assert not sortie.exists() or list(sortie.iterdir()) == []
    assert "erreur interne" not in texte and "Traceback" not in texte


def test_une_decision_dans_le_futur_est_refusee(seance, tmp_path):
    """The decision date is the séance's; « today » is a parameter of the Python API."""
    from deliberations.erreurs import ErreurEntree
    from deliberations.registre.transmission import preparer_transmission
    from deliberations.seance import charger_seance

    chargee = charger_seance(seance, jobs=1)
    with pytest.raises(ErreurEntree) as exc:
        preparer_transmission(chargee, tmp_path / "t", aujourd_hui=dt.date(2023, 9, 13))
    messages = [str(f) for f in exc.value.findings]
    assert len(messages) == 3 and all(": erreur: seance.date: " in m and "dans le futur" in m for m in messages)
    assert not (tmp_path / "t").exists()


def test_la_classification_de_la_prefecture_remplace_la_nationale(seance, tmp_path, capsys):
    from test_actes_classification import CLASSIFICATION_PREFECTURE

    (seance.parent / "collectivites" / "classification.xml").write_bytes(CLASSIFICATION_PREFECTURE.encode("iso-8859-1"))
    profil = seance.parent / "collectivites" / "seine-saint-denis.yaml"
    profil.write_text(profil.read_text(encoding="utf-8") + "classification: classification.xml\n", encoding="utf-8")
    modifier(seance, "06-06-cofinancement-facilitateur.yaml", '"7.5"', '"1.1"')  # nationally known, not there
    code, texte = executer(["actes", seance, "-o", tmp_path / "t"], capsys)
    assert code == 1
    erreurs = [l for l in texte.splitlines() if ": erreur: " in l]
    assert len(erreurs) == 1 and "« 1.1 » inconnue de la classification du 10/01/2023" in erreurs[0], texte


@pytest.mark.parametrize("saisi, attendu", [("de", "DE"), (1, "DE"), ("5", "BF"), ("CC", "CC")])
def test_nature_lue(saisi, attendu):
    assert Actes(nature=saisi).nature == attendu


def test_une_matiere_donnee_en_nombre_est_refusee():
    with pytest.raises(Exception) as exc:
        Actes(matiere=7.10)
    assert "« 7.10 » n'est pas « 7.1 »" in str(exc.value)


def test_le_schema_du_manifeste_est_un_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))
