"""PDF through LibreOffice headless: one call converts every document, with a private profile and a time limit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from deliberations.erreurs import ConversionImpossible

#: seconds LibreOffice may take to convert one batch of documents
DELAI_CONVERSION = 600


def _soffice() -> str:
    commande = os.environ.get("DELIBERATIONS_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not commande:
        raise ConversionImpossible.de(
            "LibreOffice est introuvable (commande soffice) : installez-le (par exemple "
            "« apt install libreoffice-writer ») ou indiquez son chemin dans DELIBERATIONS_SOFFICE, "
            "ou rendez sans PDF"
        )
    return commande


def libreoffice(fichiers: Sequence[Path], dossier: Path, *, delai: float = DELAI_CONVERSION) -> list[Path]:
    """Convert documents to PDF with ONE LibreOffice call; return the PDFs (same stems, in ``dossier``).

    LibreOffice runs headless with a private, temporary profile, so that it
    neither disturbs nor waits for a LibreOffice the user has open.
    """
    commande = _soffice()
    with tempfile.TemporaryDirectory(prefix="deliberations-libreoffice-") as profil:
        arguments = [commande, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                     f"-env:UserInstallation={Path(profil).as_uri()}",
                     "--convert-to", "pdf", "--outdir", str(dossier), *(str(f) for f in fichiers)]
        try:
            processus = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            raise ConversionImpossible.de(f"LibreOffice n'a pas pu être lancé ({commande}) : {exc.strerror or exc}") from None
        try:
            _, erreurs = processus.communicate(timeout=delai)
        except subprocess.TimeoutExpired:
            if hasattr(os, "killpg"):
                try:
                    os.killpg(processus.pid, signal.SIGKILL)
                except OSError:
                    pass
            processus.kill()
            processus.communicate()
            raise ConversionImpossible.de(f"LibreOffice n'a pas fini la conversion en PDF en {delai:g} secondes") from None
    pdfs = [dossier / f"{Path(f).stem}.pdf" for f in fichiers]
    absents = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if processus.returncode != 0 or absents:
        message = (erreurs or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f" : {message[-1]}" if message else ""
        manque = f" ; PDF manquant(s) : {', '.join(absents)}" if absents else ""
        raise ConversionImpossible.de(
            f"LibreOffice a échoué (code {processus.returncode}){detail}{manque}")
    return pdfs
