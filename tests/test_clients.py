"""Real clients open what we write: LibreOffice (PDF), pandoc, poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import RACINE
from deliberations import render
from deliberations.erreurs import ConversionImpossible
from deliberations.sortie import pdf as module_pdf

#: example items (files with a ``numero:``; a séance file lists items and is not one)
EXEMPLES = sorted(f for f in (RACINE / "examples").glob("*.yaml")
                  if re.search(r"^numero:", f.read_text(encoding="utf-8"), re.MULTILINE))


def _pages(pdf: Path) -> int:
    sortie = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", sortie, re.MULTILINE).group(1))


def _pdftotext(pdf: Path, page: int | None = None) -> str:
    options = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *options, str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list[Path]:
    if shutil.which("soffice") is None:
        pytest.skip("soffice absent")
    return render(RACINE / "examples" / "06-04-clauses-sociales.yaml", tmp_path_factory.mktemp("pdf"), pdf=True)


@pytest.mark.outil("soffice", "pdfinfo", "pdftotext")
def test_pdf_par_libreoffice(pdfs):
    assert [p.name for p in pdfs] == ["06-04-rapport.docx", "06-04-deliberation.docx",
                                      "06-04-rapport.pdf", "06-04-deliberation.pdf"]
    rapport, deliberation = pdfs[2], pdfs[3]
    assert rapport.read_bytes().startswith(b"%PDF")
    pages = _pages(rapport)
    assert pages >= 2  # the annex starts a new page
    assert "ANNEXE 1 AU RAPPORT" not in _pdftotext(rapport, 1)
    derniere = _pdftotext(rapport, pages)
    assert "ANNEXE 1 AU RAPPORT" in derniere and "TOTAUX" in derniere
    assert 1 <= _pages(deliberation) <= 3
    texte = re.sub(r"\s+", " ", _pdftotext(deliberation))
    assert "Délibération n° 06-04 du 14 septembre 2023" in texte
    assert "après en avoir délibéré," in texte
    # no folder or profile left behind
    assert sorted(p.name for p in pdfs[0].parent.iterdir()) == sorted(p.name for p in pdfs)


@pytest.mark.outil("soffice")
@pytest.mark.parametrize("exemple", EXEMPLES, ids=[e.stem for e in EXEMPLES])
def test_chaque_exemple_se_convertit(exemple, tmp_path):
    """LibreOffice opens and converts every example document (exit 0)."""
    ecrits = render(exemple, tmp_path)
    profil = tmp_path / "profil"
    resultat = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profil.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *(str(e) for e in ecrits)],
        capture_output=True, timeout=300)
    assert resultat.returncode == 0, resultat.stderr
    for ecrit in ecrits:
        pdf = tmp_path / "pdf" / f"{ecrit.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.outil("pandoc")
def test_pandoc(tmp_path):
    rapport, deliberation = render(RACINE / "examples" / "06-04-clauses-sociales.yaml", tmp_path)

    def lire(chemin: Path) -> str:
        resultat = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(chemin)], capture_output=True,
                                  timeout=120)
        assert resultat.returncode == 0, resultat.stderr
        return resultat.stdout.decode("utf-8")

    texte = lire(rapport)
    assert "OBJET\u00a0: FACILITATION DES CLAUSES SOCIALES À L'ÉCHELLE COMMUNALE" in texte
    ligne_totaux = next(l for l in texte.splitlines() if "TOTAUX" in l)
    assert "180\u202f000,00\u00a0€" in ligne_totaux and "360\u202f000,00\u00a0€" in ligne_totaux
    texte = lire(deliberation)
    assert "Vu la loi n°\u00a098-657 du 29\u00a0juillet 1998 d'orientation relative à la lutte contre les exclusions," in texte
    assert "AUTORISE le paiement de la cotisation d'adhésion à AVE" in texte


def test_sans_libreoffice(tmp_path, monkeypatch):
    """No soffice: a clear French error, and nothing written (not even the .docx)."""
    monkeypatch.delenv("DELIBERATIONS_SOFFICE", raising=False)
    monkeypatch.setattr(module_pdf.shutil, "which", lambda nom: None)
    with pytest.raises(ConversionImpossible) as exc:
        render(RACINE / "examples" / "06-04-clauses-sociales.yaml", tmp_path, pdf=True)
    assert "LibreOffice est introuvable" in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def test_libreoffice_en_echec(tmp_path, monkeypatch):
    """soffice that fails (here: /bin/false) is reported with its exit code; nothing written."""
    faux = shutil.which("false")
    if faux is None:
        pytest.skip("pas de commande false")
    monkeypatch.setenv("DELIBERATIONS_SOFFICE", faux)
    with pytest.raises(ConversionImpossible) as exc:
        render(RACINE / "examples" / "06-04-clauses-sociales.yaml", tmp_path, pdf=True)
    assert "LibreOffice a échoué (code 1)" in str(exc.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.outil("soffice")
def test_convertir_pdf_documents_ecrits(tmp_path):
    """convertir_pdf (used for a whole séance): one call, atomic, no overwrite without force."""
    from deliberations.erreurs import FichierExistant
    from deliberations.sortie.ecriture import convertir_pdf

    ecrits = render(RACINE / "examples" / "06-04-clauses-sociales.yaml", tmp_path / "docx")
    pdfs = convertir_pdf(ecrits, tmp_path / "pdf")
    assert [p.name for p in pdfs] == ["06-04-rapport.pdf", "06-04-deliberation.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    with pytest.raises(FichierExistant):
        convertir_pdf(ecrits, tmp_path / "pdf")
    assert convertir_pdf(ecrits, tmp_path / "pdf", force=True) == pdfs
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == sorted(p.name for p in pdfs)
