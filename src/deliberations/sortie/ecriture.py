"""Atomic, all-or-nothing writing of documents and their PDFs.

Files are written in a temporary folder inside the output folder (same file
system: the final move is atomic), named after the machine and the process
(``.deliberations-HOTE-PID-…``): a run killed while writing leaves it
behind, and the next run into that folder removes the ones whose process on
this machine is gone. A write the system refuses (permission, read-only
share, full disk, a file where a folder is expected) is an
:class:`ErreurRendu` naming the path, in French, and nothing is written.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from deliberations.erreurs import ErreurRendu, FichierExistant, Lieu, erreur
from deliberations.sortie.pdf import DELAI_CONVERSION, Progression, libreoffice


#: why the system refused a write, as a clerk reads it
_RAISONS = {
    errno.EACCES: "permission refusée", errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule", errno.ENOSPC: "disque plein",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier", errno.EISDIR: "c'est un dossier",
    errno.ENAMETOOLONG: "nom trop long", errno.ENOENT: "dossier introuvable",
    errno.EEXIST: "un fichier porte déjà ce nom", errno.EBUSY: "fichier occupé",
    **({errno.EDQUOT: "quota de disque dépassé"} if hasattr(errno, "EDQUOT") else {}),
}
_PREFIXE = ".deliberations-"


@contextlib.contextmanager
def ecriture_refusee(chemin: Path) -> Iterator[None]:
    """Turn the system's refusal of a write (:class:`OSError`) into an :class:`ErreurRendu` naming the path."""
    try:
        yield
    except ErreurRendu:
        raise
    except OSError as exc:
        raison = _RAISONS.get(exc.errno or 0, exc.strerror or "erreur du système")
        raise ErreurRendu.de(f"écriture impossible ({raison}) ; rien n'a été écrit",
                             Path(exc.filename) if exc.filename else chemin) from None


def preparer_dossier(dossier: Path) -> None:
    """Create the output folder, or say why it cannot be one (a file there, or on the way)."""
    for parent in (dossier, *dossier.parents):
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise ErreurRendu.de("n'est pas un dossier : les documents ne peuvent pas y être écrits ; "
                                     "rien n'a été écrit", parent)
            break
    with ecriture_refusee(dossier):
        dossier.mkdir(parents=True, exist_ok=True)


@functools.lru_cache(maxsize=1)
def hote() -> str:
    """This machine's name as it appears in temporary folders' names."""
    return re.sub(r"[^\w.]", "_", socket.gethostname()) or "machine"


def _vivant(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def nettoyer(dossier: Path) -> list[Path]:
    """Remove the temporary folders in ``dossier`` left by a run of this machine that is gone; return them."""
    if os.name != "posix":  # os.kill(pid, 0) would end the process elsewhere
        return []
    motif = re.compile(rf"{re.escape(_PREFIXE)}{re.escape(hote())}-(\d+)-\w+")
    retires = []
    with contextlib.suppress(OSError):
        for chemin in dossier.iterdir():
            trouve = motif.fullmatch(chemin.name)
            if trouve and not chemin.is_symlink() and chemin.is_dir() and not _vivant(int(trouve[1])):
                shutil.rmtree(chemin, ignore_errors=True)
                retires.append(chemin)
    return retires


@contextlib.contextmanager
def temporaire(dossier: Path) -> Iterator[Path]:
    """A temporary folder inside ``dossier`` (created if need be), removed afterwards; leftovers cleaned first."""
    preparer_dossier(dossier)
    nettoyer(dossier)
    with ecriture_refusee(dossier), \
            tempfile.TemporaryDirectory(dir=dossier, prefix=f"{_PREFIXE}{hote()}-{os.getpid()}-") as chemin:
        yield Path(chemin)


def ecrire_fichier(chemin: Path, donnees: bytes) -> None:
    with open(chemin, "xb") as fichier:
        fichier.write(donnees)
        fichier.flush()
        os.fsync(fichier.fileno())


#: errors of os.link meaning "this file system has no hard links"
_SANS_LIENS = {getattr(errno, nom) for nom in ("EPERM", "EXDEV", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK", "EACCES")
               if hasattr(errno, nom)}


def deplacer_tout(paires: Sequence[tuple[Path, Path]], force: bool) -> None:
    """Move each temporary file to its destination; all or nothing for new files.

    Without ``force`` a destination is created with ``os.link`` (fails if it
    exists, even if created meanwhile); with ``force`` it is replaced with
    ``os.replace``. On failure, destinations created by this call are removed.
    """
    crees: list[Path] = []
    try:
        for source, cible in paires:
            if force:
                existait = cible.exists()
                os.replace(source, cible)
                if not existait:
                    crees.append(cible)
                continue
            try:
                os.link(source, cible)
            except FileExistsError:
                raise FichierExistant.de("le fichier existe déjà (utilisez force=True ou --force pour le remplacer)",
                                         cible) from None
            except OSError as exc:
                if exc.errno not in _SANS_LIENS:
                    raise
                # no hard links on this file system: check, then rename
                if cible.exists():
                    raise FichierExistant.de(
                        "le fichier existe déjà (utilisez force=True ou --force pour le remplacer)", cible) from None
                os.replace(source, cible)
            crees.append(cible)
    except BaseException:
        for cible in crees:
            try:
                cible.unlink()
            except OSError:
                pass
        raise


def refuser_existants(cibles: Iterable[Path], force: bool) -> None:
    if force:
        return
    existants = [c for c in cibles if c.exists() or c.is_symlink()]
    if existants:
        raise FichierExistant([erreur(Lieu(str(c)), "le fichier existe déjà (utilisez force=True ou --force "
                                                    "pour le remplacer) ; rien n'a été écrit") for c in existants])


def verifier_cibles(dossier: Path, noms: Sequence[str], force: bool) -> list[Path]:
    racine = dossier.resolve()
    cibles = [dossier / nom for nom in noms]
    for nom, cible in zip(noms, cibles):
        try:  # a bare file name, never outside the output folder
            dehors = (nom in ("", ".", "..") or Path(nom).name != nom or len(os.fsencode(nom)) > 255
                      or cible.resolve().parent != racine)
        except (OSError, ValueError):  # NUL character…
            dehors = True
        if dehors:
            lien = " (lien symbolique vers un autre dossier)" if cible.is_symlink() else ""
            raise ErreurRendu.de(f"nom de fichier de sortie invalide : {nom!r}{lien}", dossier)
    refuser_existants(cibles, force)
    return cibles


def publier(rendus: Sequence[tuple[str, bytes]], dossier: str | Path, *, pdf: bool = False,
            force: bool = False) -> list[Path]:
    """Write rendered documents (and their PDFs) into ``dossier``, all or nothing; return the paths."""
    dossier = Path(dossier)
    docx = verifier_cibles(dossier, [nom for nom, _ in rendus], force)
    pdfs = verifier_cibles(dossier, [c.with_suffix(".pdf").name for c in docx], force) if pdf else []
    with temporaire(dossier) as temp:
        sources = [temp / c.name for c in docx]
        for source, (_, donnees) in zip(sources, rendus):
            ecrire_fichier(source, donnees)
        paires = list(zip(sources, docx))
        if pdf:
            sources_pdf = libreoffice(sources, temp)
            paires += list(zip(sources_pdf, pdfs))
        deplacer_tout(paires, force)
    return [cible for _, cible in paires]


def convertir_pdf(fichiers: Sequence[str | Path], dossier: str | Path, *, force: bool = False,
                  delai: float = DELAI_CONVERSION, jobs: int | None = 1,
                  progression: Progression | None = None) -> list[Path]:
    """Convert written documents to PDF/A-2b in ``dossier`` (``jobs`` LibreOffice processes); return the PDFs.

    The PDFs are named after the documents (``06-04-rapport.pdf``) and
    appear atomically, all or none; an existing PDF is replaced only with
    ``force``. A document that takes more than ``delai`` seconds stops the
    conversion, named in the error; ``progression(fait, total, "pdf")`` is
    called as PDFs appear.
    """
    fichiers = [Path(f) for f in fichiers]
    if not fichiers:
        return []
    dossier = Path(dossier)
    cibles = [dossier / f"{f.stem}.pdf" for f in fichiers]
    if len(set(cibles)) != len(cibles):
        raise ErreurRendu.de("deux documents portent le même nom : leurs PDF se remplaceraient", dossier)
    absents = [f for f in fichiers if not f.is_file()]
    if absents:
        raise ErreurRendu([erreur(Lieu(str(f)), "document introuvable") for f in absents])
    refuser_existants(cibles, force)
    with temporaire(dossier) as temp:
        pdfs = libreoffice(fichiers, temp, delai=delai, jobs=jobs, progression=progression)
        deplacer_tout(list(zip(pdfs, cibles)), force)
    return cibles


def ecrire_document(donnees: bytes, cible: str | Path, *, force: bool = False) -> Path:
    """Write one rendered document to ``cible``, atomically; an existing file is replaced only with ``force``."""
    cible = Path(cible)
    if cible.is_dir():
        raise ErreurRendu.de("est un dossier : le fichier ne peut pas y être écrit ; rien n'a été écrit", cible)
    refuser_existants([cible], force)
    with temporaire(cible.parent) as temp:
        source = temp / cible.name
        ecrire_fichier(source, donnees)
        deplacer_tout([(source, cible)], force)
    return cible
