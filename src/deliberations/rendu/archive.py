"""A Word template's archive, checked before anything unzips it: a zip, of bounded size once decompressed.

A ``.docx`` is a zip archive. A file that is not one (a renamed ``.doc``, a
text file, a truncated download) or whose members would inflate to
gigabytes (a « zip bomb ») is refused with a French
:class:`~deliberations.erreurs.ModeleInvalide` naming the template and the
member, before docxtpl, python-docx or the linter read it.

Each member is bounded by its declared size and by what it actually
inflates to (read by chunks, stopped at the bound: a member may lie about
its size); the total and the compression ratio are bounded too; every XML
part must parse (verification then trusts the parts the render leaves as
they are). A template
already checked (same path, size and modification time) is not read again.
"""

from __future__ import annotations

import os
import threading
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from deliberations.erreurs import ModeleInvalide
from deliberations.rendu import verification, wordxml

#: the most a template may inflate to, all members together (bytes)
TAILLE_MAX_DECOMPRESSEE = 50 * 1024 * 1024
#: the most one member may inflate to per byte it takes in the archive (beyond :data:`_RATIO_DES`)
RATIO_MAX = 200
#: members smaller than this (bytes, decompressed) are not held to :data:`RATIO_MAX`
_RATIO_DES = 1024 * 1024
#: the most members a template may hold
MEMBRES_MAX = 5_000

_MO = 1024 * 1024

#: the parts without which python-docx cannot open a document
_REQUISES = ("[Content_Types].xml", "word/document.xml")


def _mo(octets: int) -> str:
    return f"{octets / _MO:.0f} Mo" if octets >= _MO else f"{octets} octets"


class _Verifiees:
    """(path, size, mtime) of the templates found sound, the last :attr:`GARDEES`."""

    GARDEES = 256

    def __init__(self) -> None:
        self._cles: OrderedDict[tuple[str, int, int], None] = OrderedDict()
        self._verrou = threading.Lock()

    def __contains__(self, cle: tuple[str, int, int]) -> bool:
        with self._verrou:
            return cle in self._cles

    def ajouter(self, cle: tuple[str, int, int]) -> None:
        with self._verrou:
            self._cles[cle] = None
            while len(self._cles) > self.GARDEES:
                self._cles.popitem(last=False)


_VERIFIEES = _Verifiees()


def _refus(modele: Path, message: str) -> ModeleInvalide:
    return ModeleInvalide.de(f"modèle invalide : {message}", modele)


def verifier_archive(modele: str | Path) -> None:
    """Refuse a template that is not a readable zip, or would inflate beyond the bounds.

    Raises :class:`ModeleInvalide` (one finding naming the template, and the
    member when one is at fault).
    """
    modele = Path(modele)
    try:
        etat = os.stat(modele)
    except OSError:
        raise _refus(modele, "fichier introuvable ou illisible") from None
    if modele.is_dir():
        raise _refus(modele, "c'est un dossier, pas un document Word (.docx)")
    cle = (str(modele.resolve()), etat.st_size, etat.st_mtime_ns)
    if cle in _VERIFIEES:
        return
    try:
        with zipfile.ZipFile(modele) as archive:
            _verifier_membres(modele, archive)
    except ModeleInvalide:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError, ValueError,
            OSError):
        raise _refus(modele, "ce n'est pas un document Word (.docx) lisible : le fichier n'est pas une archive "
                             "zip ou elle est abîmée (enregistrez-le de nouveau au format .docx dans Word ou "
                             "LibreOffice)") from None
    _VERIFIEES.ajouter(cle)


def _verifier_membres(modele: Path, archive: zipfile.ZipFile) -> None:
    membres = archive.infolist()
    if len(membres) > MEMBRES_MAX:
        raise _refus(modele, f"archive de {len(membres)} parties (au plus {MEMBRES_MAX})")
    noms = {m.filename for m in membres}
    for requise in _REQUISES:
        if requise not in noms:
            raise _refus(modele, f"ce n'est pas un document Word (.docx) : la partie {requise} manque")
    declare = sum(m.file_size for m in membres)
    if declare > TAILLE_MAX_DECOMPRESSEE:
        grand = max(membres, key=lambda m: m.file_size)
        raise _refus(modele, f"archive trop grande une fois décompressée ({_mo(declare)}, au plus "
                             f"{_mo(TAILLE_MAX_DECOMPRESSEE)}) ; la plus grande partie est {grand.filename} "
                             f"({_mo(grand.file_size)})")
    total = 0
    for membre in membres:
        if membre.is_dir():
            continue
        xml = membre.filename.endswith((".xml", ".rels"))
        contenu = _taille_reelle(archive, membre, TAILLE_MAX_DECOMPRESSEE - total, xml)
        lu = len(contenu) if isinstance(contenu, bytes) else contenu
        if lu is None or lu > membre.file_size:
            raise _refus(modele, f"la partie {membre.filename} se décompresse au-delà de la taille qu'elle déclare "
                                 f"ou de {_mo(TAILLE_MAX_DECOMPRESSEE)} (archive piégée)")
        if isinstance(contenu, bytes):
            _analyser(modele, membre.filename, contenu)
        total += lu
        if lu > _RATIO_DES and lu > RATIO_MAX * max(membre.compress_size, 1):
            raise _refus(modele, f"la partie {membre.filename} est comprimée plus de {RATIO_MAX} fois "
                                 f"({_mo(membre.compress_size)} pour {_mo(lu)}) : archive piégée")


def _taille_reelle(archive: zipfile.ZipFile, membre: zipfile.ZipInfo, reste: int, garder: bool) -> int | bytes | None:
    """What ``membre`` inflates to (its bytes when ``garder``), read by chunks; None beyond ``reste`` bytes."""
    lu = 0
    morceaux = []
    with archive.open(membre) as flux:
        while True:
            morceau = flux.read(256 * 1024)
            if not morceau:
                return b"".join(morceaux) if garder else lu
            lu += len(morceau)
            if lu > reste:
                return None
            if garder:
                morceaux.append(morceau)


def _analyser(modele: Path, nom: str, donnees: bytes) -> None:
    """Refuse an XML part that does not parse (python-docx would fail on it, in English)."""
    try:
        wordxml.analyser(donnees)
        verification.bien_forme(donnees)  # a part the render leaves as it is need not be parsed again
    except etree.XMLSyntaxError as exc:
        ligne = f" (ligne {exc.lineno})" if exc.lineno else ""
        raise _refus(modele, f"la partie {nom} n'est pas du XML lisible{ligne} : document abîmé (enregistrez-le de "
                             "nouveau au format .docx dans Word ou LibreOffice)") from None
