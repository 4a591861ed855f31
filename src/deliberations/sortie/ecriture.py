"""Atomic, all-or-nothing writing of documents and their PDFs."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from deliberations.erreurs import ErreurRendu, FichierExistant, Lieu, erreur
from deliberations.sortie.pdf import DELAI_CONVERSION, libreoffice


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
    dossier.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier, prefix=".deliberations-") as temporaire:
        temp = Path(temporaire)
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
                  delai: float = DELAI_CONVERSION) -> list[Path]:
    """Convert written documents to PDF in ``dossier`` (ONE LibreOffice call); return the PDFs.

    The PDFs are named after the documents (``06-04-rapport.pdf``) and
    appear atomically, all or none; an existing PDF is replaced only with
    ``force``.
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
    dossier.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier, prefix=".deliberations-") as temporaire:
        pdfs = libreoffice(fichiers, Path(temporaire), delai=delai)
        deplacer_tout(list(zip(pdfs, cibles)), force)
    return cibles


def ecrire_document(donnees: bytes, cible: str | Path, *, force: bool = False) -> Path:
    """Write one rendered document to ``cible``, atomically; an existing file is replaced only with ``force``."""
    cible = Path(cible)
    refuser_existants([cible], force)
    cible.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cible.parent, prefix=".deliberations-") as temporaire:
        source = Path(temporaire) / cible.name
        ecrire_fichier(source, donnees)
        deplacer_tout([(source, cible)], force)
    return cible
