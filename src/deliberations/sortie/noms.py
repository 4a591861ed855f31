"""Output file names: an item's documents and their safe names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Sequence, TypeVar

from deliberations.model.objets import Point
from deliberations.rendu.gabarits import gabarits_seuls
from deliberations.types.catalogue import catalogue, type_du_point
from deliberations.types.type_rapport import modeles_du_dossier

T = TypeVar("T")

_INTERDITS = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u2044\u2215\u2216\u29f5\u29f8\u29f9]')


#: longest file-name-safe number (UTF-8 bytes): with « -deliberation.docx », far below 255
_OCTETS_NOM = 120


_RESERVES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}


def nom_de_fichier(numero: str) -> str:
    """A file-name-safe form of an item number (no separator, no ``..``, no reserved name).

    >>> nom_de_fichier("06-04")
    '06-04'
    >>> nom_de_fichier("../../etc/passwd")
    'etc-passwd'
    >>> nom_de_fichier("CON"), nom_de_fichier("a\\x00b"), nom_de_fichier(" .. ")
    ('_CON', 'a-b', 'sans-numero')
    """
    nom = unicodedata.normalize("NFKC", str(numero))  # fullwidth ／ and ． are / and .
    nom = "".join(c for c in nom if unicodedata.category(c) != "Cf")  # bidi overrides, zero-width characters
    nom = _INTERDITS.sub("-", nom)  # separators, look-alike slashes, controls, Windows' forbidden characters
    nom = re.sub(r"\s+", " ", nom)
    nom = re.sub(r"\.{2,}", ".", nom).strip(" .").lstrip("-. ")  # no hidden file, no option-like name
    nom = nom.encode("utf-8")[:_OCTETS_NOM].decode("utf-8", "ignore").rstrip(" .")  # file systems count bytes
    if not nom:
        nom = "sans-numero"
    if nom.split(".")[0].strip().upper() in _RESERVES:
        nom = "_" + nom
    return nom


def documents_du_point(point: Point, modeles: Any = None) -> list[tuple[Path, str]]:
    """(template, output file name) of each document of an item, from its report type.

    Output names follow the manifest's patterns (``{numero}-rapport.docx``),
    the number made file-name safe. ``modeles`` as in :func:`render`.
    """
    base = nom_de_fichier(point.numero)
    gabarits = gabarits_seuls(modeles)
    if gabarits is not None:
        return [(g, f"{base}-{g.stem}.docx") for g in modeles_du_dossier(gabarits)]

    type_ = type_du_point(point, modeles) or catalogue(modeles).trouver(point.type)
    valeurs = {"numero": base, "type": point.type, "date": point.seance.date.isoformat()}
    return [(gabarit, motif.format(**valeurs)) for gabarit, motif in type_.documents()]


def noms_de_sortie(point: Point, modeles: Any = None) -> list[str]:
    """The file names an item's documents get: ``{numero}-rapport.docx``…"""
    return [nom for _, nom in documents_du_point(point, modeles)]


def cle_de_nom(nom: str) -> str:
    """How file systems compare names: composed and decomposed accents alike (macOS), case ignored (Windows, macOS).

    >>> cle_de_nom("06-04-Délibération.docx") == cle_de_nom("06-04-de\u0301libe\u0301ration.DOCX")
    True
    """
    return unicodedata.normalize("NFC", nom).casefold()


def collisions(sorties: Sequence[tuple[T, Sequence[str]]]) -> list[tuple[str, T, T]]:
    """Final file names that two owners would both write: (name, first owner, second owner), in order.

    ``sorties`` pairs each owner (an item, a file) with the names it writes;
    names are compared as file systems compare them (:func:`cle_de_nom`).

    >>> collisions([("a", ["06-04-rapport.docx"]), ("b", ["06-04-RAPPORT.docx", "x.docx"])])
    [('06-04-RAPPORT.docx', 'a', 'b')]
    """
    vus: dict[str, T] = {}
    trouvees: list[tuple[str, T, T]] = []
    for proprietaire, noms in sorties:
        for nom in dict.fromkeys(noms):
            cle = cle_de_nom(nom)
            if cle in vus and vus[cle] is not proprietaire:
                trouvees.append((nom, vus[cle], proprietaire))
            else:
                vus.setdefault(cle, proprietaire)
    return trouvees
