"""Report types: a folder holding a manifest (``type.yaml``) and Word templates.

A report type is what a template author adds without writing Python, in the
manner of a copier template: a folder ``<type>/`` with

- ``type.yaml``, the manifest: ``nom``, ``titre``, ``description``, the
  ``documents`` it produces (template and output name pattern), the
  ``champs`` it adds to the common keys of an item (typed, documented
  questions: ``type``, ``aide``, ``defaut``, ``obligatoire``), the
  ``tableaux`` its annexes must contain, and the ``checks`` that apply;
- its ``.docx`` templates.

This module reads and validates manifests (French errors at the line of
``type.yaml``), discovers types, and builds for each type the pydantic model
of its input files: a subclass of :class:`~deliberations.model.Point` whose
extra fields are the type's ``champs``, so a type field is a top-level key of
the input file (``budget: 147 000 €`` next to ``objet:``), an unknown key
still gets a "did you mean", and the JSON Schema is complete.

Types come from, in this order (a name defined twice is an error naming
both places):

1. the built-in types, shipped in the package (``deliberations.modeles``);
2. the folders of the ``DELIBERATIONS_MODELES`` environment variable
   (separated by ``os.pathsep``);
3. the folders given by the caller (``--modeles`` on the command line);
4. installed packages, through the entry-point group ``deliberations.types``.

A folder given in 2 or 3 is either a type folder (it holds ``type.yaml``)
or a folder of type folders.

Entry-point contract: the object an entry point of the group
``deliberations.types`` loads is a path (``str`` or ``os.PathLike``) to a
type folder or a folder of type folders, or a callable taking no argument
and returning such a path, or a mapping ``{"dossier": path, "checks":
{nom: fonction}}`` (or an :class:`Extension`). Each check is a function from
an item to an iterable of :class:`~deliberations.erreurs.Finding`; it applies
to the types of that folder, under its name (the manifest's ``checks:`` may
list or exclude it).
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import (
    Any,
    Iterator,
    Mapping,
    Sequence,
    Union,
)

from deliberations.controles.checks import Check
from deliberations.entree.lecture import lire_yaml
from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model.objets import Point
from deliberations.types.manifeste import MANIFESTE, lire_manifeste
from deliberations.types.type_rapport import ORIGINES, TypeRapport

#: folders of report types besides the built-in ones: one folder, several, or none
Modeles = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]

#: entry-point group through which installed packages add types
GROUPE = "deliberations.types"


#: environment variable listing folders of types
VARIABLE_ENVIRONNEMENT = "DELIBERATIONS_MODELES"


def dossier_integre() -> Path | None:
    """The folder of the built-in types (the package ``deliberations.modeles``)."""
    candidats: list[Path] = []
    try:  # installed: templates/ is the data package deliberations.modeles (see pyproject.toml)
        from importlib.resources import files

        candidats.append(Path(str(files("deliberations.modeles"))))
    except (ImportError, TypeError, ValueError, ModuleNotFoundError):
        pass
    ici = Path(__file__).resolve().parents[1]
    candidats += [ici / "modeles", ici.parents[1] / "templates"]
    for dossier in candidats:
        if dossier.is_dir() and any((sous / MANIFESTE).is_file() for sous in dossier.iterdir() if sous.is_dir()):
            return dossier
    return None


class _Memoire:
    """What the catalogue keeps between calls; each entry is valid while what it was read from is unchanged.

    A type is kept with the modification time of its manifest; the installed
    packages' entry points with the paths Python imports from and their
    modification times (installing or removing a package changes them). No
    caller has to reset anything; :func:`oublier` forgets all the same.
    """

    def __init__(self) -> None:
        self.types: dict[tuple[Any, ...], TypeRapport] = {}
        self.extensions: tuple[tuple[Any, ...], Any] | None = None


_MEMOIRE = _Memoire()


def _empreinte_des_paquets() -> tuple[Any, ...]:
    """What changes when a package is installed or removed: the import paths and their modification times."""
    marques: list[tuple[str, int | None]] = []
    for entree in sys.path:
        try:
            marques.append((entree, os.stat(entree or ".").st_mtime_ns))
        except OSError:
            marques.append((entree, None))
    return tuple(marques)


def _type_du_dossier(dossier: Path, origine: str, provenance: str, checks: Mapping[str, Check]) -> TypeRapport:
    """The type of a folder holding ``type.yaml`` (cached while the manifest is unchanged)."""
    chemin = dossier / MANIFESTE
    try:
        marque = chemin.stat().st_mtime_ns
    except OSError:
        marque = 0
    cle = (str(dossier.resolve()), marque, origine, provenance, tuple(sorted(checks.items(), key=lambda x: x[0])))
    try:
        trouve = _MEMOIRE.types.get(cle)
    except TypeError:  # unhashable check objects
        trouve, cle = None, ()
    if trouve is None:
        manifeste = lire_manifeste(dossier, list(checks))
        trouve = TypeRapport(manifeste, dossier, origine, provenance, dict(checks))
        if cle:
            _MEMOIRE.types[cle] = trouve
    return trouve


def _types_d_un_dossier(dossier: Path, origine: str, provenance: str | None, checks: Mapping[str, Check],
                        findings: list[Finding], lieu: Lieu) -> list[TypeRapport]:
    """The types of a type folder or of a folder of type folders."""
    if not dossier.is_dir():
        findings.append(erreur(lieu, f"dossier de modèles introuvable : {dossier}"))
        return []
    if (dossier / MANIFESTE).is_file():
        dossiers = [dossier]
    else:
        dossiers = sorted(s for s in dossier.iterdir() if s.is_dir() and (s / MANIFESTE).is_file())
        if not dossiers and origine != "intégré":
            findings.append(erreur(lieu, f"aucun type de rapport dans {dossier} : il faut un dossier par type, "
                                         f"avec son {MANIFESTE}"))
    types = []
    for sous in dossiers:
        try:
            types.append(_type_du_dossier(sous, origine, provenance or str(sous), checks))
        except ErreurEntree as exc:
            findings.extend(exc.findings)
    return types


def dossiers_types(modeles: Modeles) -> list[Path]:
    """The folders ``modeles`` names, as a list."""
    if modeles is None:
        return []
    if isinstance(modeles, (str, os.PathLike)):
        return [Path(modeles)]
    return [Path(m) for m in modeles]


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=GROUPE))


def _extensions() -> tuple[tuple[tuple[Path, str, dict[str, Check], Lieu], ...], tuple[Finding, ...]]:
    """Folders and checks of the installed packages' entry points (read again when the installed packages change)."""
    empreinte = _empreinte_des_paquets()
    if _MEMOIRE.extensions is not None and _MEMOIRE.extensions[0] == empreinte:
        return _MEMOIRE.extensions[1]  # type: ignore[no-any-return]
    resultat = _lire_extensions()
    _MEMOIRE.extensions = (empreinte, resultat)
    return resultat


def _lire_extensions() -> tuple[tuple[tuple[Path, str, dict[str, Check], Lieu], ...], tuple[Finding, ...]]:
    trouvees: list[tuple[Path, str, dict[str, Check], Lieu]] = []
    findings: list[Finding] = []
    for point_entree in sorted(_entry_points(), key=lambda e: (e.name, e.value)):
        distribution = getattr(getattr(point_entree, "dist", None), "name", None) or "?"
        provenance = f"paquet {distribution} ({point_entree.name} = {point_entree.value})"
        lieu = Lieu(f"paquet {distribution}", None, f"point d'entrée {point_entree.name}")
        try:
            objet = point_entree.load()
            if callable(objet) and not isinstance(objet, (str, os.PathLike)):
                objet = objet()
            dossier, checks = _lire_extension(objet)
        except Exception as exc:  # a broken plugin is reported, never a traceback
            findings.append(erreur(lieu, f"extension inutilisable ({point_entree.value}) : "
                                         f"{type(exc).__name__} : {exc}"))
            continue
        trouvees.append((dossier, provenance, checks, lieu))
    return tuple(trouvees), tuple(findings)


def _lire_extension(objet: Any) -> tuple[Path, dict[str, Check]]:
    if isinstance(objet, (str, os.PathLike)):
        return Path(objet), {}
    if isinstance(objet, Mapping):
        dossier, checks = objet.get("dossier"), objet.get("checks") or {}
    elif hasattr(objet, "dossier"):
        dossier, checks = objet.dossier, getattr(objet, "checks", None) or {}
    else:
        raise TypeError(f"chemin de dossier, {{'dossier': …, 'checks': …}} ou Extension attendu, pas {type(objet).__name__}")
    if not isinstance(dossier, (str, os.PathLike)):
        raise TypeError("« dossier » doit être un chemin de dossier")
    if not isinstance(checks, Mapping):
        checks = {_nom_fonction(c): c for c in checks}
    for nom, fonction in checks.items():
        if not callable(fonction):
            raise TypeError(f"la vérification « {nom} » n'est pas une fonction")
    return Path(dossier), dict(checks)


def _nom_fonction(fonction: Any) -> str:
    nom = getattr(fonction, "__name__", str(fonction))
    return nom[len("check_"):] if nom.startswith("check_") else nom


def oublier() -> None:
    """Forget the manifests and entry points read so far (they are read again when they change anyway)."""
    _MEMOIRE.types.clear()
    _MEMOIRE.extensions = None


@dataclass
class Catalogue:
    """Every known report type, by name."""

    types: dict[str, TypeRapport]

    def __iter__(self) -> Iterator[TypeRapport]:
        return iter(sorted(self.types.values(), key=lambda t: (ORIGINES.index(t.origine), t.nom)))

    def __contains__(self, nom: object) -> bool:
        return nom in self.types

    def noms(self) -> list[str]:
        return sorted(self.types)

    def trouver(self, nom: str, lieu: Lieu | None = None) -> TypeRapport:
        """The type called ``nom``; raise :class:`ErreurEntree` (with a suggestion) when unknown."""
        if nom in self.types:
            return self.types[nom]
        proche = difflib.get_close_matches(str(nom), list(self.types), n=1, cutoff=0.6)
        aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
        raise ErreurEntree([erreur(lieu or Lieu(), f"type de rapport inconnu « {nom} »{aide} ; types connus : "
                                                   f"{', '.join(self.noms()) or 'aucun'}")])


def catalogue(modeles: Modeles = None) -> Catalogue:
    """Every report type: built-in, ``DELIBERATIONS_MODELES``, ``modeles`` folders, installed packages.

    Raises :class:`ErreurEntree` when a manifest is invalid, a folder is
    missing, a plugin is broken, or two types share a name (the message
    names both places).
    """
    findings: list[Finding] = []
    trouves: list[TypeRapport] = []
    integre = dossier_integre()
    if integre is not None:
        trouves += _types_d_un_dossier(integre, "intégré", None, {}, findings, Lieu(str(integre)))
    vus: set[Path] = {integre.resolve()} if integre is not None else set()
    env = [Path(p) for p in os.environ.get(VARIABLE_ENVIRONNEMENT, "").split(os.pathsep) if p.strip()]
    for dossier, d_ou in [*((d, VARIABLE_ENVIRONNEMENT) for d in env), *((d, "--modeles") for d in dossiers_types(modeles))]:
        resolu = dossier.resolve()
        if resolu in vus:
            continue
        vus.add(resolu)
        trouves += _types_d_un_dossier(dossier, "dossier", None, {}, findings, Lieu(d_ou, None, str(dossier)))
    extensions, erreurs_extensions = _extensions()
    findings.extend(erreurs_extensions)
    for dossier, provenance, checks, lieu in extensions:
        trouves += _types_d_un_dossier(dossier, "paquet", provenance, checks, findings, lieu)
    types: dict[str, TypeRapport] = {}
    for type_ in trouves:
        premier = types.get(type_.nom)
        if premier is None:
            types[type_.nom] = type_
        elif premier.dossier.resolve() != type_.dossier.resolve():
            findings.append(erreur(
                _lieu_nom(type_),
                f"type de rapport « {type_.nom} » défini deux fois : {premier.dossier} ({premier.origine}"
                + (f", {premier.provenance}" if premier.origine == "paquet" else "")
                + f") et {type_.dossier} ({type_.origine}"
                + (f", {type_.provenance}" if type_.origine == "paquet" else "")
                + ") ; renommez l'un des deux (clé nom: de son type.yaml)"))
    if findings:
        raise ErreurEntree(findings)
    return Catalogue(types)


def _lieu_nom(type_: TypeRapport) -> Lieu:
    try:
        _, positions = lire_yaml(type_.manifeste_chemin)
        return positions.lieu(("nom",), str(type_.manifeste_chemin))
    except ErreurEntree:
        return Lieu(str(type_.manifeste_chemin))


def type_du_point(point: Point, modeles: Any = None) -> TypeRapport | None:
    """The type an item was validated as (``None`` for a plain Point of an unknown type)."""
    trouve = type(point).type_rapport
    if trouve is not None:
        return trouve
    try:
        return catalogue(modeles).types.get(point.type)
    except ErreurEntree:
        return None

