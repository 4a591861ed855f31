"""A rendered document's zip, written from its template's: the parts the render leaves alone copied as stored.

The built-in templates carry ``word/styles.xml`` (356 KiB) and
``word/stylesWithEffects.xml`` (438 KiB), 95 % of a document's XML; the
render changes only the text parts (body, headers, footers, notes), the core
properties, the package's index and relationships. python-docx would parse
the large parts on opening, serialise them again and recompress them at
every save.

:func:`paquet_du_modele` reads a template once per content (cached by the
digest of its bytes): each zip entry inflated and as stored, the names of
its styles, and a copy of the template (:attr:`Paquet.allege`) where the
large parts the render leaves alone are empty stand-ins, for python-docx to
open. :func:`contenu` lists the parts of the rendered package: every part
the render leaves alone, and every other part whose bytes are the
template's, is the template's entry, which :func:`zipper` copies as stored
(compressed bytes, checksum); the others are compressed. The template's
XML parts were parsed strictly once, when it was read: the verification of
the written document parses only the others (:func:`a_verifier`).
"""

from __future__ import annotations

import hashlib
import re
import struct
import threading
import time
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from lxml import etree

from deliberations.erreurs import ErreurRendu, ErreurVerification
from deliberations.rendu import verification, wordxml
from deliberations.rendu.styles import Noms, noms_des_styles

#: parts the render may change (their bytes are compared with the template's before any copy)
_MODIFIABLES = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml|"
                          r"\[Content_Types\]\.xml|.*\.rels)$")
#: an XML part left alone by the render and at least this large is handed to python-docx as an empty stand-in
REMPLACEE_DES = 8 * 1024
#: entries of a zip without zip64 records
_BORNE_ZIP = 0xFFFFFFFF


@dataclass(frozen=True)
class Entree:
    """One part of a template's zip."""

    #: inflated
    donnees: bytes
    #: as stored in the zip (``methode``: ``ZIP_STORED`` or ``ZIP_DEFLATED``); None: not to be copied
    brut: bytes | None
    methode: int
    crc: int
    #: MS-DOS time and date of the entry
    heure: int
    jour: int
    #: parsed strictly once (an XML part)
    sure: bool


@dataclass(frozen=True)
class Paquet:
    """A template's zip, read once."""

    entrees: Mapping[str, Entree]
    #: the template's styles (:func:`~deliberations.rendu.styles.noms_des_styles`)
    noms: Noms
    #: the template with empty stand-ins for :attr:`remplacees`, for python-docx to open
    allege: bytes
    #: large XML parts the render leaves alone, always written as the template stores them
    remplacees: frozenset[str]


class _Paquets:
    """The last :attr:`GARDES` templates read, by the digest of their bytes."""

    GARDES = 32

    def __init__(self) -> None:
        self._paquets: OrderedDict[bytes, Paquet] = OrderedDict()
        self._verrou = threading.Lock()

    def obtenir(self, octets: bytes) -> Paquet:
        empreinte = hashlib.blake2b(octets, digest_size=32).digest()
        with self._verrou:
            paquet = self._paquets.get(empreinte)
            if paquet is not None:
                self._paquets.move_to_end(empreinte)
                return paquet
        paquet = _lire(octets)
        with self._verrou:
            self._paquets[empreinte] = paquet
            while len(self._paquets) > self.GARDES:
                self._paquets.popitem(last=False)
        return paquet


_PAQUETS = _Paquets()


def paquet_du_modele(modele: Path) -> Paquet:
    """The template's :class:`Paquet` (read once per content); the caller has checked the archive."""
    return _PAQUETS.obtenir(modele.read_bytes())


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    annee, mois, jour, heure, minute, seconde = date_time[:6]
    return heure << 11 | minute << 5 | seconde // 2, (max(annee, 1980) - 1980) << 9 | mois << 5 | jour


def _lire(octets: bytes) -> Paquet:
    import io

    entrees: dict[str, Entree] = {}
    remplacees: set[str] = set()
    allege = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(octets)) as zin, zipfile.ZipFile(allege, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            donnees = zin.read(info)
            brut = None
            if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 0x1:
                debut = info.header_offset + 30 + sum(struct.unpack("<HH", octets[info.header_offset + 26:
                                                                                   info.header_offset + 30]))
                brut = octets[debut:debut + info.compress_size]
            xml = info.filename.endswith((".xml", ".rels"))
            racine = None
            if xml:
                try:
                    racine = wordxml.analyser(donnees)
                except etree.XMLSyntaxError:
                    racine = None
            sure = racine is not None and brut is not None and len(brut) == info.compress_size
            if sure:
                verification.bien_forme(donnees)
            heure, jour = _dos(info.date_time)
            entrees[info.filename] = Entree(donnees, brut, info.compress_type, info.CRC, heure, jour, sure)
            if sure and len(donnees) >= REMPLACEE_DES and not _MODIFIABLES.match(info.filename):
                assert racine is not None
                remplacees.add(info.filename)
                donnees = etree.tostring(etree.Element(racine.tag, nsmap=racine.nsmap), xml_declaration=True,
                                         encoding="UTF-8", standalone=True)
            zout.writestr(info, donnees, compress_type=zipfile.ZIP_DEFLATED)
    styles = entrees.get("word/styles.xml")
    return Paquet(entrees, noms_des_styles(styles.donnees if styles else None), allege.getvalue(),
                  frozenset(remplacees))


#: a part of a rendered document: copied from the template as stored (:class:`Entree`), or new bytes
Contenu = list[tuple[str, "Entree | bytes"]]


def contenu(paquet_docx: Any, modele: Paquet) -> Contenu:
    """The parts of the package python-docx holds (``paquet_docx``, opened from :attr:`Paquet.allege`), in order.

    A part the render leaves alone, or whose bytes are the template's, is
    the template's :class:`Entree`; another part is its bytes.
    """
    from docx.opc.part import XmlPart
    from docx.opc.pkgwriter import _ContentTypesItem

    parties = list(paquet_docx.iter_parts())
    for partie in parties:
        partie.before_marshal()
    sortie: Contenu = []

    def ajouter(nom: str, donnees: bytes | None) -> None:
        """``donnees`` None: the template's part, left alone by the render."""
        entree = modele.entrees.get(nom)
        if entree is not None and entree.brut is not None and (donnees is None or donnees == entree.donnees):
            sortie.append((nom, entree))
        elif donnees is None:
            assert entree is not None
            sortie.append((nom, entree.donnees))
        else:
            sortie.append((nom, donnees))

    ajouter("[Content_Types].xml", _ContentTypesItem.from_parts(parties).blob)
    ajouter("_rels/.rels", paquet_docx.rels.xml)
    for partie in parties:
        nom = partie.partname.membername
        laissee = nom in modele.remplacees or (isinstance(partie, XmlPart) and nom in modele.entrees
                                                and not _MODIFIABLES.match(nom))
        ajouter(nom, None if laissee else partie.blob)
        if len(partie.rels):
            ajouter(partie.partname.rels_uri.membername, partie.rels.xml)
    return sortie


def a_verifier(parties: Contenu) -> dict[str, bytes]:
    """The parts still to be verified: all but the template's parts known well formed (parsed strictly once)."""
    return {nom: (p.donnees if isinstance(p, Entree) else p) for nom, p in parties
            if not (isinstance(p, Entree) and p.sure)}


def zipper(parties: Contenu, modifiees: Mapping[str, bytes]) -> bytes:
    """The ``.docx`` bytes of ``parties``, with the bytes of ``modifiees`` in place of those parts."""
    ecrit = _Zip()
    for nom, partie in parties:
        if nom in modifiees:
            ecrit.nouveau(nom, modifiees[nom])
        elif isinstance(partie, Entree):
            ecrit.brut(nom, partie)
        else:
            ecrit.nouveau(nom, partie)
    return ecrit.fermer()


class _Zip:
    """A zip written entry by entry: copies of stored entries, or new entries compressed."""

    def __init__(self) -> None:
        self._morceaux: list[bytes] = []
        self._central: list[bytes] = []
        self._taille = 0
        self._noms: set[str] = set()
        self._heure, self._jour = _dos(time.localtime()[:6])

    def brut(self, nom: str, entree: Entree) -> None:
        assert entree.brut is not None
        self._ecrire(nom, entree.brut, entree.methode, entree.crc, len(entree.donnees), entree.heure, entree.jour)

    def nouveau(self, nom: str, donnees: bytes) -> None:
        compresseur = zlib.compressobj(6, zlib.DEFLATED, -15)
        brut = compresseur.compress(donnees) + compresseur.flush()
        self._ecrire(nom, brut, zipfile.ZIP_DEFLATED, zlib.crc32(donnees), len(donnees), self._heure, self._jour)

    def _ecrire(self, nom: str, brut: bytes, methode: int, crc: int, taille: int, heure: int, jour: int) -> None:
        if nom in self._noms:
            raise ErreurVerification.de(f"partie en double dans le document rendu ({nom}) ; rien n'a été écrit "
                                        "(anomalie du rendu, merci de la signaler)")
        self._noms.add(nom)
        nom_octets = nom.encode("utf-8")
        drapeaux = 0 if nom.isascii() else 0x800
        if max(self._taille, len(brut), taille) + len(brut) > _BORNE_ZIP:
            raise ErreurRendu.de("document rendu trop grand (plus de 4 Gio) ; rien n'a été écrit")
        self._central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, drapeaux, methode, heure, jour,
                                         crc, len(brut), taille, len(nom_octets), 0, 0, 0, 0, 0, self._taille)
                             + nom_octets)
        entete = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, drapeaux, methode, heure, jour, crc, len(brut), taille,
                             len(nom_octets), 0) + nom_octets
        self._morceaux += (entete, brut)
        self._taille += len(entete) + len(brut)

    def fermer(self) -> bytes:
        central = b"".join(self._central)
        fin = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(self._central), len(self._central), len(central),
                          self._taille, 0)
        return b"".join(self._morceaux) + central + fin
