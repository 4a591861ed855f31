"""PDF the library writes: PDF/A-2b with embedded fonts, converted in parallel, a time limit per document.

Issue 16, items 1 and 4. The real LibreOffice writes the PDF/A (read back
with pikepdf and pdftotext); a stand-in ``soffice`` (a small script, named by
``DELIBERATIONS_SOFFICE``) shows how documents are shared between processes,
which document a stuck conversion names, and the progress reported.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from conftest import EXEMPLE
from deliberations import render
from deliberations.erreurs import ConversionImpossible
from deliberations.sortie import pdf as module_pdf
from deliberations.sortie.ecriture import convertir_pdf



def _texte(pdf: Path) -> str:
    texte = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    return re.sub(r"\s+", " ", texte.replace("\u202f", " ").replace("\u00a0", " "))


def _polices_non_incorporees(document) -> list[str]:
    absentes = []
    for page in document.pages:
        polices = page.resources.get("/Font", {})
        for nom, police in polices.items():
            descendants = police.get("/DescendantFonts", [police])
            for d in descendants:
                descripteur = d.get("/FontDescriptor")
                if descripteur is None or not any(k in descripteur for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    absentes.append(f"{nom} {d.get('/BaseFont')}")
    return absentes


@pytest.mark.outil("soffice", "pdftotext")
def test_les_pdf_sont_des_pdf_a_2b_aux_polices_incorporees(tmp_path):
    ecrits = render(EXEMPLE, tmp_path, pdf=True)
    pdfs = [p for p in ecrits if p.suffix == ".pdf"]
    assert [p.name for p in pdfs] == ["06-04-rapport.pdf", "06-04-deliberation.pdf"]
    for chemin in pdfs:
        with pikepdf.open(chemin) as document:
            meta = document.open_metadata()
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "B"), chemin.name
            assert _polices_non_incorporees(document) == [], chemin.name
    rapport, deliberation = (_texte(p) for p in pdfs)
    assert "FACILITATION DES CLAUSES SOCIALES" in rapport and "FACILITATION DES CLAUSES SOCIALES" in deliberation
    assert "180 000,00 €" in rapport and "360 000,00 €" in rapport


# --------------------------------------------------------------------------
# A stand-in soffice: logs each call, writes a small PDF per document (one every
# 0,1 s), and never ends on a document whose name contains BLOQUE.

FAUX = """#!{python}
import json, os, sys, time
args = sys.argv[1:]
profil = next(a for a in args if a.startswith("-env:UserInstallation="))
sortie = args[args.index("--outdir") + 1]
filtre = args[args.index("--convert-to") + 1]
fichiers = args[args.index("--outdir") + 2:]
with open(os.environ["FAUX_JOURNAL"], "a", encoding="utf-8") as j:
    j.write(json.dumps({{"profil": profil, "filtre": filtre, "fichiers": fichiers}}) + "\\n")
for f in fichiers:
    if "BLOQUE" in f:
        time.sleep(600)
    time.sleep(0.1)
    nom = os.path.splitext(os.path.basename(f))[0] + ".pdf"
    with open(os.path.join(sortie, nom), "wb") as p:
        p.write(b"%PDF-1.7 faux")
"""


@pytest.fixture
def faux_soffice(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(FAUX.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv("DELIBERATIONS_SOFFICE", str(script))
    monkeypatch.setenv("FAUX_JOURNAL", str(journal))

    def appels() -> list[dict]:
        return [json.loads(l) for l in journal.read_text(encoding="utf-8").splitlines()] if journal.exists() else []

    return appels


def _documents(dossier: Path, noms: list[str], tailles: list[int] | None = None) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    fichiers = []
    for k, nom in enumerate(noms):
        chemin = dossier / nom
        chemin.write_bytes(b"x" * ((tailles or [100] * len(noms))[k]))
        fichiers.append(chemin)
    return fichiers


@pytest.mark.parametrize("jobs, documents, processus", [(1, 6, 1), (2, 6, 2), (3, 7, 3), (4, 2, 2), (8, 1, 1)])
def test_les_documents_sont_partages_entre_les_processus(jobs, documents, processus, tmp_path, faux_soffice):
    fichiers = _documents(tmp_path / "docx", [f"doc-{k}.docx" for k in range(documents)])
    pdfs = convertir_pdf(fichiers, tmp_path / "pdf", jobs=jobs)
    assert [p.name for p in pdfs] == [f"doc-{k}.pdf" for k in range(documents)]
    appels = faux_soffice()
    assert len(appels) == processus
    assert len({a["profil"] for a in appels}) == processus  # each LibreOffice has its own profile
    convertis = sorted(Path(f).name for a in appels for f in a["fichiers"])
    assert convertis == sorted(f.name for f in fichiers)  # each document once
    assert all("SelectPdfVersion" in a["filtre"] for a in appels)  # PDF/A asked every time


def test_les_parts_sont_equilibrees_par_taille(tmp_path, faux_soffice):
    tailles = [9000, 100, 100, 100, 8000, 100, 100, 100]
    fichiers = _documents(tmp_path / "docx", [f"d{k}.docx" for k in range(8)], tailles)
    convertir_pdf(fichiers, tmp_path / "pdf", jobs=2)
    parts = [sum(tailles[int(Path(f).stem[1:])] for f in a["fichiers"]) for a in faux_soffice()]
    assert sorted(parts) == [8600, 9000]  # the two large ones apart, the small ones to the lighter


def test_un_document_bloque_est_nomme_et_rien_n_est_ecrit(tmp_path, faux_soffice):
    fichiers = _documents(tmp_path / "docx", ["a.docx", "b-BLOQUE.docx", "c.docx", "d.docx"])
    debut = time.monotonic()
    with pytest.raises(ConversionImpossible) as exc:
        convertir_pdf(fichiers, tmp_path / "pdf", jobs=2, delai=2)
    assert time.monotonic() - debut < 30
    message = str(exc.value)
    assert "b-BLOQUE.docx" in message and "2 secondes" in message, message
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == []  # all or nothing, no temporary folder left


def test_la_progression_compte_les_pdf(tmp_path, faux_soffice):
    fichiers = _documents(tmp_path / "docx", [f"doc-{k}.docx" for k in range(6)])
    vus: list[tuple[int, int, str]] = []
    convertir_pdf(fichiers, tmp_path / "pdf", jobs=2, progression=lambda fait, total, etape: vus.append(
        (fait, total, etape)))
    assert vus and vus[-1] == (6, 6, "pdf")
    assert [f for f, _, _ in vus] == sorted(f for f, _, _ in vus)  # never backwards
    assert all(t == 6 for _, t, _ in vus)


def test_la_seance_convertit_avec_ses_jobs(tmp_path, faux_soffice):
    from deliberations import cli

    seance = EXEMPLE.parent / "seance-2023-09-14.yaml"
    code = cli.main(["seance", str(seance), "-o", str(tmp_path / "sortie"), "--pdf", "--jobs", "2"])
    assert code == 0
    appels = faux_soffice()
    assert len(appels) == 2
    docx = sorted(p.stem for p in (tmp_path / "sortie").glob("*.docx"))
    assert sorted(p.stem for p in (tmp_path / "sortie").glob("*.pdf")) == docx


@pytest.mark.outil("soffice")
def test_conversion_parallele_reelle(tmp_path):
    """Two real LibreOffice processes at once, each with its own profile, give valid PDF/A."""
    ecrits = []
    for numero in ("06-01", "06-02"):
        from deliberations import load

        point = load(EXEMPLE)
        point.numero = numero
        ecrits += render(point, tmp_path / "docx")
    pdfs = convertir_pdf(ecrits, tmp_path / "pdf", jobs=2)
    assert len(pdfs) == 4
    for chemin in pdfs:
        with pikepdf.open(chemin) as document:
            assert document.open_metadata().get("pdfaid:part") == "2"
    assert module_pdf.processus_pour(4, 2) == 2
