"""Verification of a rendered document before any file exists: strict XML, every printed value read back."""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from collections import OrderedDict
from typing import Any, Sequence

from lxml import etree

from deliberations.erreurs import ErreurVerification
from deliberations.rendu import wordxml
from deliberations.rendu.styles import TABLEAU_ANNEXE, identifiants, noms_des_styles
from deliberations.rendu.texte import normaliser

#: WordprocessingML elements that hide, move, link or embed text: (element, what it does, in French)
ELEMENTS_SUSPECTS = (
    ("vanish", "texte masqué"), ("specVanish", "texte masqué"), ("webHidden", "texte masqué"),
    ("instrText", "code de champ"), ("fldSimple", "champ"), ("fldChar", "champ"), ("hyperlink", "lien"),
    ("altChunk", "contenu importé"), ("ins", "révision"), ("del", "révision"), ("moveFrom", "révision"),
    ("moveTo", "révision"), ("object", "objet incorporé"), ("pict", "image"), ("drawing", "image"),
)
_SUSPECT = re.compile(rf"<w:({'|'.join(nom for nom, _ in ELEMENTS_SUSPECTS)})[\s/>]")
_ROLES = dict(ELEMENTS_SUSPECTS)


def elements_etrangers(source: str, rendu: str) -> list[tuple[str, str]]:
    """Suspect elements (:data:`ELEMENTS_SUSPECTS`) the rendered XML of a part holds and its template never does.

    Printed values are escaped text: an element of one of these kinds that
    the template does not have came from a value read as WordprocessingML.

    >>> elements_etrangers('<w:r><w:t>{{ x }}</w:t></w:r>', '<w:r><w:t></w:t></w:r><w:r><w:rPr><w:vanish/>')
    [('w:vanish', 'texte masqué')]
    >>> elements_etrangers('<w:rPr><w:vanish/></w:rPr>', '<w:rPr><w:vanish/></w:rPr><w:rPr><w:vanish/></w:rPr>')
    []
    """
    if _SUSPECT.search(rendu) is None:  # the common case: one pass, nothing found
        return []
    dans_le_modele = set(_SUSPECT.findall(source))
    trouves = dict.fromkeys(nom for nom in _SUSPECT.findall(rendu) if nom not in dans_le_modele)
    return [(f"w:{nom}", _ROLES[nom]) for nom in trouves]


def verifier_elements(source: str, rendu: str, partie: str, modele: str) -> None:
    """Raise :class:`ErreurVerification` when :func:`elements_etrangers` finds any."""
    etrangers = elements_etrangers(source, rendu)
    if etrangers:
        quoi = ", ".join(f"« {nom} » ({role})" for nom, role in etrangers)
        raise ErreurVerification.de(f"le rendu de {partie} contient {quoi}, absent du modèle : une valeur a été lue "
                                    "comme du code Word ; rien n'a été écrit (anomalie du rendu, merci de la "
                                    "signaler)", modele)


_PARTIES_TEXTE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


class _PartiesBienFormees:
    """Digests of the parts (other than text parts) already found well formed, the last :attr:`GARDEES`.

    Styles, numbering, theme, settings… come out of every render of a
    template byte for byte the same: a part with the digest of a part that
    parsed strictly is the same part, and parses the same way.
    """

    GARDEES = 256

    def __init__(self) -> None:
        self._empreintes: OrderedDict[bytes, None] = OrderedDict()
        self._verrou = threading.Lock()

    @staticmethod
    def empreinte(donnees: bytes) -> bytes:
        return hashlib.blake2b(donnees, digest_size=32).digest()

    def __contains__(self, empreinte: bytes) -> bool:
        with self._verrou:
            if empreinte in self._empreintes:
                self._empreintes.move_to_end(empreinte)
                return True
            return False

    def ajouter(self, empreinte: bytes) -> None:
        with self._verrou:
            self._empreintes[empreinte] = None
            while len(self._empreintes) > self.GARDEES:
                self._empreintes.popitem(last=False)


_BIEN_FORMEES = _PartiesBienFormees()


def bien_forme(donnees: bytes) -> None:
    """Record ``donnees`` (a part that parsed strictly) as well formed: the same bytes in a rendered document are."""
    _BIEN_FORMEES.ajouter(_BIEN_FORMEES.empreinte(donnees))


def finir(docx: bytes, alignements: list[Sequence[str]], nom: str) -> tuple[bytes, str]:
    """Parse every XML part strictly, post-process the text parts, read the text back.

    Text parts (body, headers, footers, notes) are always parsed; another
    part is skipped when its bytes are those of a part already parsed
    (:class:`_PartiesBienFormees`). ``alignements`` are those of the annex
    tables of ``word/document.xml`` when they are still to be adjusted (tables
    whose style is named « Tableau annexe » in ``word/styles.xml``). The
    archive is rewritten only when post-processing changed a part.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        noms = [info.filename for info in zin.infolist()]
        if len(set(noms)) != len(noms):
            doubles = sorted({n for n in noms if noms.count(n) > 1})
            raise ErreurVerification.de(f"{nom} : partie(s) en double dans le document ({', '.join(doubles)}) ; "
                                        "rien n'a été écrit (anomalie du rendu, merci de la signaler)")
        annexe: frozenset[str] = frozenset()
        if alignements:
            styles = zin.read("word/styles.xml") if "word/styles.xml" in zin.namelist() else None
            annexe = identifiants(TABLEAU_ANNEXE, noms_des_styles(styles))
        parties = {info.filename: zin.read(info) for info in zin.infolist()
                   if info.filename.endswith((".xml", ".rels"))}
        modifiees, texte = verifier_parties(parties, alignements, annexe, nom)
        del parties
        if modifiees:
            sortie = io.BytesIO()
            with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    donnees = modifiees.get(info.filename) or zin.read(info)
                    zout.writestr(info, donnees, compress_type=zipfile.ZIP_DEFLATED)
            docx = sortie.getvalue()
    return docx, texte


def verifier_parties(parties: dict[str, bytes], alignements: list[Sequence[str]], annexe: frozenset[str],
                     nom: str) -> tuple[dict[str, bytes], str]:
    """Parse the XML ``parties`` strictly, post-process the text parts; their new bytes and the text read back.

    A part that is not a text part is skipped when its bytes are those of a
    part already parsed. ``annexe``: the ids of the annex table style (see
    :func:`finir`). ``parties`` is emptied as it is read.
    """
    textes: list[str] = []
    modifiees: dict[str, bytes] = {}
    for partie in list(parties):
        if not partie.endswith((".xml", ".rels")):
            continue
        donnees = parties.pop(partie)
        est_texte = _PARTIES_TEXTE.match(partie) is not None
        empreinte = None
        if not est_texte:
            empreinte = _BIEN_FORMEES.empreinte(donnees)
            if empreinte in _BIEN_FORMEES:
                continue
        try:
            racine = wordxml.analyser(donnees)
        except etree.XMLSyntaxError as exc:
            raise ErreurVerification.de(
                f"{nom} : la partie {partie} n'est pas du XML valide ({exc}) ; rien n'a été écrit "
                "(anomalie du rendu, merci de la signaler)"
            ) from None
        del donnees
        if est_texte:
            lu, exposant = wordxml.lire(racine)  # the text, and whether a « 1er » may be left
            modifie = wordxml.exposants(racine) if exposant else 0
            if partie == "word/document.xml" and alignements:
                modifie += wordxml.ajuster_tableaux(racine, alignements, annexe)
            if modifie:
                modifiees[partie] = wordxml.serialiser(racine)
                lu = wordxml.texte(racine)  # the text of what is written
            textes.append(lu)
        elif empreinte is not None:
            _BIEN_FORMEES.ajouter(empreinte)
        del racine
    return modifiees, "\n".join(textes)


def chemins_valeur(contexte: Any, morceau: str, chemin: str = "") -> list[str]:
    """Context paths whose value contains ``morceau`` (to name a missing value)."""
    if isinstance(contexte, dict):
        return [c for k, v in contexte.items() for c in chemins_valeur(v, morceau, f"{chemin}.{k}" if chemin else str(k))]
    if isinstance(contexte, (list, tuple)):
        return [c for i, v in enumerate(contexte) for c in chemins_valeur(v, morceau, f"{chemin}[{i}]")]
    if isinstance(contexte, str) and morceau in normaliser(contexte):
        return [chemin]
    return []
