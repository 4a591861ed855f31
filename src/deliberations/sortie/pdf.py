"""PDF/A-2b through LibreOffice headless: documents shared between processes, a time limit per document.

Every PDF the library writes is PDF/A-2b (LibreOffice's PDF export with
version 2 of PDF/A selected: fonts embedded, XMP metadata). Each LibreOffice
process runs with its own private, temporary profile, so that several can
run at once and none disturbs or waits for a LibreOffice the user has open.
The documents are shared between ``jobs`` processes by size (the largest
first, each to the least loaded process). LibreOffice converts a process's
documents in order; the PDFs appearing in the output folder are watched, so
that progress is reported document by document and a document that takes
longer than ``delai`` seconds is named when the conversion is stopped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Sequence

from deliberations.erreurs import ConversionImpossible, Lieu, erreur

#: seconds LibreOffice may take for one document (its start included, for the first one)
DELAI_CONVERSION = 300
#: LibreOffice's PDF export, PDF/A-2b (SelectPdfVersion 2), as --convert-to takes it (LibreOffice ≥ 7.4)
FILTRE_PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: how often the output folder is looked at while LibreOffice converts (seconds)
_SONDE = 0.1

#: ``progression(fait, total, etape)``, as for a séance
Progression = Callable[[int, int, str], None]


def _soffice() -> str:
    commande = os.environ.get("DELIBERATIONS_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not commande:
        raise ConversionImpossible.de(
            "LibreOffice est introuvable (commande soffice) : installez-le (par exemple "
            "« apt install libreoffice-writer ») ou indiquez son chemin dans DELIBERATIONS_SOFFICE, "
            "ou rendez sans PDF"
        )
    return commande


def processus_pour(documents: int, jobs: int | None) -> int:
    """How many LibreOffice processes convert ``documents`` documents with ``jobs`` (None: the cores)."""
    return max(1, min(documents, jobs if jobs is not None else os.cpu_count() or 1))


def repartir(fichiers: Sequence[Path], parts: int) -> list[list[Path]]:
    """Share documents in ``parts`` lists of about equal size (largest first, to the lightest list), in order."""
    def taille(f: Path) -> int:
        try:
            return f.stat().st_size
        except OSError:
            return 0

    charges = [0] * parts
    choix: dict[int, int] = {}
    for k in sorted(range(len(fichiers)), key=lambda k: -taille(fichiers[k])):
        part = min(range(parts), key=charges.__getitem__)
        choix[k] = part
        charges[part] += taille(fichiers[k])
    return [lst for lst in ([f for k, f in enumerate(fichiers) if choix[k] == p] for p in range(parts)) if lst]


def _pret(pdf: Path) -> bool:
    try:
        return pdf.stat().st_size > 0
    except OSError:
        return False


def _arreter(processus: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(processus.pid, signal.SIGKILL)
        except OSError:
            pass
    processus.kill()
    processus.communicate()


class _Compteur:
    """PDFs done across processes, reported to ``progression`` (thread-safe)."""

    def __init__(self, total: int, progression: Progression | None) -> None:
        self.total, self.fait, self.progression = total, 0, progression
        self.verrou = threading.Lock()

    def ajouter(self, n: int) -> None:
        if n and self.progression is not None:
            with self.verrou:
                self.fait += n
                self.progression(self.fait, self.total, "pdf")


def _convertir(commande: str, fichiers: Sequence[Path], dossier: Path, delai: float, compteur: _Compteur,
               arret: threading.Event) -> list[Path]:
    """One LibreOffice process converting ``fichiers`` in order; stopped when one document takes too long."""
    pdfs = [dossier / f"{f.stem}.pdf" for f in fichiers]
    with tempfile.TemporaryDirectory(prefix="deliberations-libreoffice-") as profil:
        arguments = [commande, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                     f"-env:UserInstallation={Path(profil).as_uri()}",
                     "--convert-to", FILTRE_PDF_A, "--outdir", str(dossier), *(str(f) for f in fichiers)]
        try:
            processus = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            raise ConversionImpossible.de(
                f"LibreOffice n'a pas pu être lancé ({commande}) : {exc.strerror or exc}") from None
        prets, depuis = 0, time.monotonic()
        erreurs = b""
        try:
            while True:
                try:
                    _, erreurs = processus.communicate(timeout=_SONDE)
                    break
                except subprocess.TimeoutExpired:
                    pass
                avance = prets
                while prets < len(pdfs) and _pret(pdfs[prets]):
                    prets += 1
                if prets > avance:
                    compteur.ajouter(prets - avance)
                    depuis = time.monotonic()
                if arret.is_set():  # another process failed: the conversion is lost anyway
                    _arreter(processus)
                    return []
                if time.monotonic() - depuis > delai:
                    _arreter(processus)
                    raise ConversionImpossible([erreur(Lieu(str(fichiers[prets])), (
                        f"LibreOffice n'a pas converti ce document en PDF en {delai:g} secondes ; "
                        "la conversion est arrêtée et aucun PDF n'a été écrit"))])
        finally:
            if processus.poll() is None:
                _arreter(processus)
    compteur.ajouter(len(pdfs) - prets)
    absents = [p.name for p in pdfs if not _pret(p)]
    if processus.returncode != 0 or absents:
        message = (erreurs or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f" : {message[-1]}" if message else ""
        manque = f" ; PDF manquant(s) : {', '.join(absents)}" if absents else ""
        raise ConversionImpossible.de(f"LibreOffice a échoué (code {processus.returncode}){detail}{manque}")
    return pdfs


def libreoffice(fichiers: Sequence[Path], dossier: Path, *, delai: float = DELAI_CONVERSION, jobs: int | None = 1,
                progression: Progression | None = None) -> list[Path]:
    """Convert documents to PDF/A-2b in ``dossier`` with ``jobs`` LibreOffice processes; return the PDFs.

    The PDFs have the documents' stems, in the documents' order. A document
    that takes more than ``delai`` seconds stops the conversion with a
    :class:`ConversionImpossible` naming it.
    """
    fichiers = [Path(f) for f in fichiers]
    if not fichiers:
        return []
    commande = _soffice()
    parts = repartir(fichiers, processus_pour(len(fichiers), jobs))
    compteur, arret = _Compteur(len(fichiers), progression), threading.Event()
    if len(parts) == 1:
        _convertir(commande, parts[0], dossier, delai, compteur, arret)
    else:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            futurs = [pool.submit(_convertir, commande, part, dossier, delai, compteur, arret) for part in parts]
            echecs: list[ConversionImpossible] = []
            for futur in as_completed(futurs):
                try:
                    futur.result()
                except ConversionImpossible as exc:
                    echecs.append(exc)
                    arret.set()
            if echecs:
                raise ConversionImpossible([f for exc in echecs for f in exc.findings])
    return [dossier / f"{f.stem}.pdf" for f in fichiers]
