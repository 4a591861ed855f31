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

import copy
import difflib
import functools
import keyword
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal, Mapping, Optional, Sequence

from pydantic import Field, TypeAdapter, ValidationError, create_model
from pydantic.json_schema import GenerateJsonSchema

from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model import (Colonne, Date, Entier, Modele, Montant, Paragraphe, Point, Pourcentage, Texte, TexteLibre,
                    Booleen)
from deliberations.entree.lecture import Positions, lire_yaml

if TYPE_CHECKING:  # pragma: no cover
    from deliberations.entree.chargement import Charge

__all__ = [
    "VOCABULAIRE", "GROUPE", "VARIABLE_ENVIRONNEMENT", "MANIFESTE", "TYPE_PAR_DEFAUT",
    "Manifeste", "ChampManifeste", "ColonneManifeste", "DocumentManifeste", "TableauManifeste",
    "TypeRapport", "Extension", "Catalogue", "catalogue", "lire_manifeste", "type_du_point", "modele_pour",
    "champs_du_point", "schema", "oublier", "dossier_integre",
]

#: kinds of value a type field may have
VOCABULAIRE = ("texte", "paragraphes", "montant", "pourcentage", "entier", "date", "liste", "table")
#: entry-point group through which installed packages add types
GROUPE = "deliberations.types"
#: environment variable listing folders of types
VARIABLE_ENVIRONNEMENT = "DELIBERATIONS_MODELES"
#: file name of a manifest
MANIFESTE = "type.yaml"
#: type of an item without ``type:``
TYPE_PAR_DEFAUT = "rapport-deliberation"
#: output name placeholders a ``documents[].sortie`` pattern may use
MARQUES_SORTIE = ("numero", "type", "date")
#: checks a manifest cannot remove: rendering needs them
CHECKS_TOUJOURS = ("references", "verbes")

Check = Callable[[Point], Iterable[Finding]]

_NOM_TYPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOM_CHAMP = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVES_JINJA = {"true", "false", "none", "loop", "self", "caller", "varargs", "kwargs", "range", "dict",
                   "lipsum", "cycler", "joiner", "namespace", "not", "and", "or", "in", "is"}


# --------------------------------------------------------------------------
# The manifest


TypeChamp = Literal["texte", "paragraphes", "montant", "pourcentage", "entier", "date", "liste", "table"]
TypeColonneChamp = Literal["texte", "paragraphes", "montant", "pourcentage", "entier", "date", "liste"]


class ColonneManifeste(Modele):
    """One column of a ``table`` field: a question asked for each row."""

    type: TypeColonneChamp = Field(description="texte, paragraphes, montant, pourcentage, entier, date ou liste")
    aide: Texte = Field(description="Ce que le champ contient, pour qui remplit le fichier")
    titre: Texte | None = Field(default=None, description="Libellé lisible (par défaut : le nom)")
    obligatoire: Booleen | None = Field(default=None, description="Par défaut : oui, sauf si une valeur par défaut est donnée")
    defaut: Any = Field(default=None, description="Valeur prise quand le champ est absent")

    @property
    def requis(self) -> bool:
        return self.obligatoire if self.obligatoire is not None else self.defaut is None


class ChampManifeste(ColonneManifeste):
    """A field a type adds to the common keys of an item."""

    type: TypeChamp = Field(description="texte, paragraphes, montant, pourcentage, entier, date, liste ou table")
    colonnes: dict[str, ColonneManifeste] | None = Field(default=None, description="Pour une table : ses colonnes")


class DocumentManifeste(Modele):
    """A document the type produces: a template of the folder and an output name."""

    modele: Texte = Field(description="Fichier .docx du dossier du type : rapport.docx")
    sortie: Texte | None = Field(default=None, description="Nom du fichier produit : {numero}-rapport.docx")
    titre: Texte | None = Field(default=None, description="Ce qu'est le document : Rapport")

    def nom_sortie(self) -> str:
        return self.sortie or "{numero}-" + self.modele


class TableauManifeste(Modele):
    """A table the annexes of an item of this type must contain."""

    nom: Texte = Field(description="Nom du tableau dans les messages : plan de financement")
    aide: TexteLibre | None = None
    colonnes: list[Colonne] = Field(default_factory=list, description="Colonnes exigées (nom, titre, type)")
    repartition: Booleen = Field(default=False, description="Le tableau est une répartition (repartition: …)")
    base: Texte | None = Field(default=None, description="Champ montant du type égal à la base de la répartition")
    obligatoire: Booleen = True


class Manifeste(Modele):
    """The content of ``type.yaml``."""

    nom: Texte = Field(description="Nom du type, écrit dans la clé type: des points (minuscules, chiffres, tirets)")
    titre: Texte = Field(description="Titre lisible du type")
    description: TexteLibre = ""
    documents: list[DocumentManifeste] = Field(default_factory=list)
    champs: dict[str, ChampManifeste] = Field(default_factory=dict)
    tableaux: list[TableauManifeste] = Field(default_factory=list)
    checks: Any = Field(default="tous", description="tous, une liste de noms, ou {sauf: [noms]}")


def _noms_checks_integres() -> list[str]:
    from deliberations.controles.checks import CHECKS, nom_check

    return [nom_check(c) for c in CHECKS]


def lire_manifeste(dossier: Path, checks_propres: Iterable[str] = ()) -> Manifeste:
    """Read and validate ``dossier/type.yaml``; raise :class:`ErreurEntree` with located French findings.

    ``checks_propres`` names the checks an installed package adds to this
    folder (the manifest's ``checks:`` may name them).
    """
    chemin = dossier / MANIFESTE
    donnees, positions = lire_yaml(chemin)
    nom = str(chemin)

    def lieu(*chemin_: str | int) -> Lieu:
        return positions.lieu(tuple(chemin_), nom)

    if not isinstance(donnees, dict):
        raise ErreurEntree([erreur(Lieu(nom, 1), "le manifeste contient des clés (nom:, titre:, documents:, champs:…)")])
    try:
        manifeste = Manifeste.model_validate(donnees)
    except ValidationError as exc:
        raise ErreurEntree(_traduire_manifeste(exc, donnees, positions, nom)) from None
    findings = list(_verifier_manifeste(manifeste, donnees, dossier, lieu, list(checks_propres)))
    if findings:
        raise ErreurEntree(findings)
    return manifeste


def _traduire_manifeste(exc: ValidationError, donnees: Any, positions: Positions, nom: str) -> list[Finding]:
    """Validation errors of a manifest in French, at their line, with suggestions."""
    from deliberations.entree.chargement import Charge, traduire

    return traduire(exc, Charge(nom, positions), Manifeste, chemin_de=lambda err: _chemin_reel(donnees, err["loc"]))


def _chemin_reel(donnees: Any, loc: Sequence[Any]) -> tuple[str | int, ...]:
    """The part of a pydantic location that exists in the data (union tags dropped)."""
    chemin: list[str | int] = []
    courant = donnees
    for k, partie in enumerate(loc):
        if isinstance(courant, dict) and partie in courant:
            chemin.append(partie)
            courant = courant[partie]
        elif isinstance(courant, list) and isinstance(partie, int) and 0 <= partie < len(courant):
            chemin.append(partie)
            courant = courant[partie]
        elif k == len(loc) - 1 and isinstance(partie, str) and isinstance(courant, dict):
            chemin.append(partie)  # a missing key: named at its parent's line
    return tuple(chemin)


def _typer(spec: ColonneManifeste, valeur: Any) -> Any:
    """Validate a value as a field of this kind (used for ``defaut``)."""
    return TypeAdapter(_annotation_simple(spec)).validate_python(valeur)


def _annotation_simple(spec: ColonneManifeste) -> Any:
    if spec.type == "texte":
        return Texte
    if spec.type == "paragraphes":
        return list[Paragraphe]
    if spec.type == "liste":
        return list[Texte]
    return {"montant": Montant, "pourcentage": Pourcentage, "entier": Entier, "date": Date}[spec.type]


def _reserves() -> dict[str, str]:
    """Names a type field may not take, with the reason."""
    from deliberations.rendu.contexte import VARIABLES

    reserves = {nom: "c'est une clé commune à tous les points" for nom in Point.model_fields}
    for nom in VARIABLES:
        reserves.setdefault(nom, "c'est une variable commune des modèles")
    for nom in (*keyword.kwlist, *_RESERVES_JINJA):
        reserves.setdefault(nom, "c'est un mot réservé des modèles")
    return reserves


def _verifier_manifeste(manifeste: Manifeste, donnees: dict[str, Any], dossier: Path,
                        lieu: Callable[..., Lieu], checks_propres: list[str]) -> Iterator[Finding]:
    if not _NOM_TYPE.match(manifeste.nom):
        propre = re.sub(r"[^a-z0-9]+", "-", _sans_accents(manifeste.nom).lower()).strip("-")
        yield erreur(lieu("nom"), f"nom de type invalide « {manifeste.nom} » : minuscules sans accent, chiffres et "
                                  f"tirets (par exemple « {propre or 'mon-type'} »)")
    reserves = _reserves()
    for nom_champ, champ in manifeste.champs.items():
        yield from _verifier_champ(nom_champ, champ, ("champs", nom_champ), lieu, reserves)
    for k, document in enumerate(manifeste.documents):
        yield from _verifier_document(document, dossier, lambda *c, k=k: lieu("documents", k, *c))
    sorties = [d.nom_sortie() for d in manifeste.documents]
    for k, sortie in enumerate(sorties):
        if sortie in sorties[:k]:
            yield erreur(lieu("documents", k, "sortie"), f"deux documents produisent « {sortie} »")
    if not manifeste.documents and not any(dossier.glob("*.docx")):
        yield erreur(lieu("documents"), "aucun document : listez les modèles .docx (documents:) ou posez-les dans le dossier")
    for k, tableau in enumerate(manifeste.tableaux):
        if tableau.base is not None:
            champ = manifeste.champs.get(tableau.base)
            if champ is None or champ.type != "montant":
                montants = [n for n, c in manifeste.champs.items() if c.type == "montant"]
                proche = difflib.get_close_matches(tableau.base, montants, n=1)
                aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else (
                    f" (champs montant : {', '.join(montants)})" if montants else " (le type n'a aucun champ montant)")
                yield erreur(lieu("tableaux", k, "base"), f"la base « {tableau.base} » n'est pas un champ montant du type{aide}")
            if not tableau.repartition:
                yield erreur(lieu("tableaux", k, "base"), "une base n'a de sens que pour une répartition (repartition: oui)")
    yield from _verifier_checks(manifeste, donnees, lieu, checks_propres)


def _sans_accents(texte: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", texte) if unicodedata.category(c) != "Mn")


def _verifier_champ(nom: str, champ: ColonneManifeste, chemin: tuple[str | int, ...], lieu: Callable[..., Lieu],
                    reserves: dict[str, str]) -> Iterator[Finding]:
    if not _NOM_CHAMP.match(nom):
        propre = re.sub(r"[^a-z0-9]+", "_", _sans_accents(nom).lower()).strip("_")
        yield erreur(lieu(*chemin), f"nom de champ invalide « {nom} » : minuscules sans accent, chiffres et « _ », "
                                    f"en commençant par une lettre (par exemple « {propre or 'mon_champ'} »)")
    elif nom in reserves:
        yield erreur(lieu(*chemin), f"le champ ne peut pas s'appeler « {nom} » : {reserves[nom]} (choisissez un autre nom)")
    if isinstance(champ, ChampManifeste) and champ.type == "table":
        if not champ.colonnes:
            yield erreur(lieu(*chemin, "type"), "une table a des colonnes (colonnes: {nom: {type: texte, aide: …}})")
        else:
            internes = {"numero": "c'est le numéro de ligne, fourni d'office"}
            for nom_colonne, colonne in champ.colonnes.items():
                yield from _verifier_champ(nom_colonne, colonne, (*chemin, "colonnes", nom_colonne), lieu,
                                           {**internes, **{k: v for k, v in reserves.items() if "réservé" in v}})
    elif isinstance(champ, ChampManifeste) and champ.colonnes is not None:
        yield erreur(lieu(*chemin, "colonnes"), "seul un champ de type table a des colonnes")
    if champ.defaut is not None:
        if champ.obligatoire:
            yield erreur(lieu(*chemin, "obligatoire"), "un champ obligatoire n'a pas de valeur par défaut")
        if champ.type == "table":
            yield erreur(lieu(*chemin, "defaut"), "une table n'a pas de valeur par défaut")
        else:
            try:
                _typer(champ, champ.defaut)
            except ValidationError as exc:
                detail = exc.errors(include_url=False)[0]
                message = str(detail.get("ctx", {}).get("error", "")) or detail["msg"]
                yield erreur(lieu(*chemin, "defaut"), f"valeur par défaut incorrecte pour un champ {champ.type} : {message}")


def _verifier_document(document: DocumentManifeste, dossier: Path, lieu: Callable[..., Lieu]) -> Iterator[Finding]:
    if not document.modele.lower().endswith(".docx") or "/" in document.modele or "\\" in document.modele:
        yield erreur(lieu("modele"), f"modèle « {document.modele} » : le nom d'un fichier .docx du dossier du type")
    elif not (dossier / document.modele).is_file():
        presents = sorted(f.name for f in dossier.glob("*.docx"))
        proche = difflib.get_close_matches(document.modele, presents, n=1)
        aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else (
            f" (fichiers présents : {', '.join(presents)})" if presents else "")
        yield erreur(lieu("modele"), f"modèle introuvable : {document.modele}{aide}")
    sortie = document.nom_sortie()
    try:
        marques = [m for _, m, _, _ in string.Formatter().parse(sortie) if m is not None]
    except ValueError:
        yield erreur(lieu("sortie"), f"nom de sortie « {sortie} » : accolade non fermée")
        return
    for marque in marques:
        if marque not in MARQUES_SORTIE:
            proche = difflib.get_close_matches(marque, MARQUES_SORTIE, n=1)
            aide = f"vouliez-vous dire « {{{proche[0]}}} » ? " if proche else ""
            yield erreur(lieu("sortie"), f"nom de sortie « {sortie} » : {{{marque}}} inconnu ({aide}possibles : "
                                         + ", ".join(f"{{{m}}}" for m in MARQUES_SORTIE) + ")")
    if not sortie.lower().endswith(".docx"):
        yield erreur(lieu("sortie"), f"nom de sortie « {sortie} » : il se termine par .docx")
    if re.search(r'[/\\:*?"<>|]|\.\.', sortie) or sortie.startswith((".", "-")):
        yield erreur(lieu("sortie"), f"nom de sortie « {sortie} » : un nom de fichier simple, sans dossier "
                                     "ni caractère / \\ : * ? \" < > |")


def _verifier_checks(manifeste: Manifeste, donnees: dict[str, Any], lieu: Callable[..., Lieu],
                     checks_propres: list[str]) -> Iterator[Finding]:
    connus = [*_noms_checks_integres(), *(["tableaux"] if manifeste.tableaux else []), *checks_propres]
    valeur = manifeste.checks
    if valeur == "tous" or valeur is None:
        return
    if isinstance(valeur, dict) and set(valeur) == {"sauf"}:
        noms, chemin = valeur["sauf"], ("checks", "sauf")
    elif isinstance(valeur, list):
        noms, chemin = valeur, ("checks",)
    else:
        yield erreur(lieu("checks"), "checks: vaut « tous », une liste de noms, ou {sauf: [noms]} "
                                     f"(noms : {', '.join(connus)})")
        return
    if not isinstance(noms, list):
        yield erreur(lieu(*chemin), "liste de noms de vérifications attendue")
        return
    for k, nom in enumerate(noms):
        if nom not in connus:
            proche = difflib.get_close_matches(str(nom), connus, n=1)
            aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
            yield erreur(lieu(*chemin, k), f"vérification inconnue « {nom} »{aide} ; vérifications : {', '.join(connus)}")
        elif chemin[-1] == "sauf" and nom in CHECKS_TOUJOURS:
            yield erreur(lieu(*chemin, k), f"la vérification « {nom} » s'applique toujours (le rendu en a besoin)")


# --------------------------------------------------------------------------
# A type and its input model


@dataclass(frozen=True)
class Extension:
    """What an entry point of ``deliberations.types`` may return: a folder and its checks."""

    dossier: str | os.PathLike[str]
    checks: Mapping[str, Check] = field(default_factory=dict)


ORIGINES = ("intégré", "dossier", "paquet")


@dataclass(eq=False)
class TypeRapport:
    """A report type: its manifest, its folder, where it comes from, its own checks."""

    manifeste: Manifeste
    dossier: Path
    origine: str
    provenance: str
    checks_propres: Mapping[str, Check] = field(default_factory=dict)
    _modele: type[Point] | None = field(default=None, repr=False)

    @property
    def nom(self) -> str:
        return self.manifeste.nom

    @property
    def titre(self) -> str:
        return self.manifeste.titre

    @property
    def champs(self) -> dict[str, ChampManifeste]:
        return self.manifeste.champs

    @property
    def manifeste_chemin(self) -> Path:
        return self.dossier / MANIFESTE

    @property
    def modele(self) -> type[Point]:
        """The pydantic model of this type's input files (a subclass of Point)."""
        if self._modele is None:
            self._modele = _creer_modele(self.manifeste)
            _TYPES_DES_MODELES[self._modele] = self
        return self._modele

    def documents(self) -> list[tuple[Path, str]]:
        """(template path, output name pattern) of each document, in order."""
        if self.manifeste.documents:
            return [(self.dossier / d.modele, d.nom_sortie()) for d in self.manifeste.documents]
        from deliberations.rendu.docx import modeles_du_dossier

        return [(g, "{numero}-" + g.name) for g in modeles_du_dossier(self.dossier)]

    def verifications(self) -> list[Check]:
        """The checks that apply to this type's items, in order."""
        from deliberations.controles.checks import CHECKS, check_tableaux_exiges, nom_check

        disponibles: dict[str, Check] = {nom_check(c): c for c in CHECKS}
        if self.manifeste.tableaux:
            exigences = self.manifeste.tableaux

            def check_tableaux(point: Point) -> Iterable[Finding]:
                return check_tableaux_exiges(point, exigences)

            disponibles["tableaux"] = check_tableaux
        disponibles.update(self.checks_propres)
        choix = self.manifeste.checks
        if isinstance(choix, list):
            noms = [n for n in disponibles if n in choix or n in CHECKS_TOUJOURS]
        elif isinstance(choix, dict):
            noms = [n for n in disponibles if n not in (choix.get("sauf") or [])]
        else:
            noms = list(disponibles)
        return [disponibles[n] for n in noms]


_TYPES_DES_MODELES: dict[type, TypeRapport] = {}


def _annotation(nom: str, spec: ColonneManifeste, nom_type: str) -> tuple[Any, Any]:
    """(annotation, pydantic Field) of a type field or a table column."""
    description = spec.aide
    titre = spec.titre or nom
    if isinstance(spec, ChampManifeste) and spec.type == "table":
        colonnes = {n: _annotation(n, c, nom_type) for n, c in (spec.colonnes or {}).items()}
        ligne = create_model(f"Ligne_{_identifiant(nom_type)}_{nom}", __base__=Modele, __module__=__name__,
                             **colonnes)  # type: ignore[call-overload]
        ligne.__doc__ = f"Une ligne du champ « {nom} » : {spec.aide}"
        annotation: Any = list[ligne]  # type: ignore[valid-type]
    else:
        annotation = _annotation_simple(spec)
    liste = spec.type in ("paragraphes", "liste", "table")
    if spec.requis:
        if liste:
            return annotation, Field(..., min_length=1, description=description, title=titre)
        return annotation, Field(..., description=description, title=titre)
    if spec.defaut is not None:
        typee = _typer(spec, spec.defaut)
        if liste:
            return annotation, Field(default_factory=lambda: copy.deepcopy(typee), description=description,
                                     title=titre, json_schema_extra={"default": spec.defaut})
        return annotation, Field(default=typee, description=description, title=titre)
    if liste:
        return annotation, Field(default_factory=list, description=description, title=titre)
    if spec.type == "texte":
        annotation = TexteLibre
    return Optional[annotation], Field(default=None, description=description, title=titre)


def _identifiant(nom: str) -> str:
    return re.sub(r"\W", "_", nom)


def _creer_modele(manifeste: Manifeste) -> type[Point]:
    """The input model of a type: Point plus the type's fields, ``type`` fixed to its name."""
    nom = manifeste.nom
    champs: dict[str, Any] = {}
    if nom == TYPE_PAR_DEFAUT:
        champs["type"] = (Literal[nom], Field(default=nom, description="Type de rapport"))  # type: ignore[valid-type]
    else:
        champs["type"] = (Literal[nom], Field(..., description="Type de rapport"))  # type: ignore[valid-type]
    for nom_champ, spec in manifeste.champs.items():
        champs[nom_champ] = _annotation(nom_champ, spec, nom)
    modele = create_model(f"Point_{_identifiant(nom)}", __base__=Point, __module__=__name__, **champs)
    modele.__doc__ = f"Un point de type « {nom} » : {manifeste.titre}."
    return modele  # type: ignore[no-any-return]


# --------------------------------------------------------------------------
# Discovery


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


_CACHE: dict[tuple[Any, ...], TypeRapport] = {}


def _type_du_dossier(dossier: Path, origine: str, provenance: str, checks: Mapping[str, Check]) -> TypeRapport:
    """The type of a folder holding ``type.yaml`` (cached while the manifest is unchanged)."""
    chemin = dossier / MANIFESTE
    try:
        marque = chemin.stat().st_mtime_ns
    except OSError:
        marque = 0
    cle = (str(dossier.resolve()), marque, origine, provenance, tuple(sorted(checks.items(), key=lambda x: x[0])))
    try:
        trouve = _CACHE.get(cle)
    except TypeError:  # unhashable check objects
        trouve, cle = None, ()
    if trouve is None:
        manifeste = lire_manifeste(dossier, list(checks))
        trouve = TypeRapport(manifeste, dossier, origine, provenance, dict(checks))
        if cle:
            _CACHE[cle] = trouve
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


def _dossiers(modeles: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None) -> list[Path]:
    if modeles is None:
        return []
    if isinstance(modeles, (str, os.PathLike)):
        return [Path(modeles)]
    return [Path(m) for m in modeles]


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group=GROUPE))


@functools.cache
def _extensions() -> tuple[tuple[tuple[Path, str, dict[str, Check], Lieu], ...], tuple[Finding, ...]]:
    """Folders and checks of the installed packages' entry points (loaded once per process)."""
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
    """Forget cached manifests and entry points (after installing a package, in tests)."""
    _CACHE.clear()
    _extensions.cache_clear()


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


def catalogue(modeles: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None) -> Catalogue:
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
    for dossier, d_ou in [*((d, VARIABLE_ENVIRONNEMENT) for d in env), *((d, "--modeles") for d in _dossiers(modeles))]:
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


# --------------------------------------------------------------------------
# Items and their type


def type_du_point(point: Point, modeles: Any = None) -> TypeRapport | None:
    """The type an item was validated as (``None`` for a plain Point of an unknown type)."""
    trouve = _TYPES_DES_MODELES.get(type(point))
    if trouve is not None:
        return trouve
    try:
        return catalogue(modeles).types.get(point.type)
    except ErreurEntree:
        return None


def champs_du_point(point: Point) -> dict[str, ChampManifeste]:
    """The type fields of an item (empty for a type without fields)."""
    type_ = _TYPES_DES_MODELES.get(type(point))
    return dict(type_.champs) if type_ is not None else {}


def modele_pour(donnees: Mapping[str, Any], charge: Charge, modeles: Any = None) -> tuple[type[Point], TypeRapport | None]:
    """The model to validate an item with, from its ``type:`` key (default: rapport-deliberation).

    Raises :class:`ErreurEntree` for an unknown type (with the known types and
    a suggestion) or an unusable catalogue.
    """
    nom = donnees.get("type", TYPE_PAR_DEFAUT)
    if not isinstance(nom, str) or not nom.strip():
        return Point, None  # the model reports the bad value
    nom = nom.strip()
    types = catalogue(modeles)
    if nom not in types and nom == TYPE_PAR_DEFAUT:
        return Point, None
    type_ = types.trouver(nom, charge.lieu(("type",)))
    return type_.modele, type_


def preparer(donnees: dict[str, Any], positions: Positions, type_: TypeRapport) -> dict[str, Any]:
    """Fill what the type derives before validation; return the (possibly copied) data.

    A share table the manifest ties to a montant field (``base: budget``)
    may leave out its ``base``: it is the field, written once.
    """
    bases = [t.base for t in type_.manifeste.tableaux if t.repartition and t.base]
    if not bases or bases[0] not in donnees:
        return donnees
    champ = bases[0]
    annexes = donnees.get("annexes")
    if not isinstance(annexes, list):
        return donnees
    copie: dict[str, Any] | None = None
    for i, annexe in enumerate(annexes):
        tableaux_ = annexe.get("tableaux") if isinstance(annexe, dict) else None
        for j, tableau in enumerate(tableaux_ if isinstance(tableaux_, list) else []):
            repartition = tableau.get("repartition") if isinstance(tableau, dict) else None
            if isinstance(repartition, dict) and "base" not in repartition:
                if copie is None:
                    copie = copy.deepcopy(donnees)
                copie["annexes"][i]["tableaux"][j]["repartition"]["base"] = donnees[champ]
                lieu = positions.lieu((champ,))
                positions.ajouter(("annexes", i, "tableaux", j, "repartition", "base"),
                                  Lieu(lieu.fichier, lieu.ligne))
    return copie if copie is not None else donnees


# --------------------------------------------------------------------------
# JSON Schema


class _SchemaEntree(GenerateJsonSchema):
    """JSON Schema of what the loader accepts: scalars may be written as text."""

    def int_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\s*-?[\d\s\u202f\u00a0]+\s*$"}]}

    def bool_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"},
                          {"type": "string", "enum": ["oui", "non", "vrai", "faux", "true", "false", "yes", "no",
                                                      "1", "0"]}]}

    def decimal_schema(self, schema: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, {"type": "string"}]}

    def date_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$",
                "description": "2023-09-14 ou 14/09/2023"}

    def str_schema(self, schema: Any) -> dict[str, Any]:
        return {"type": ["string", "number"]}


def schema(type_: TypeRapport) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the input files of a type."""
    resultat = type_.modele.model_json_schema(schema_generator=_SchemaEntree)
    resultat = {"$schema": "https://json-schema.org/draft/2020-12/schema", **resultat}
    resultat["title"] = f"{type_.titre} (type « {type_.nom} »)"
    resultat["description"] = type_.manifeste.description.strip() or type_.titre
    proprietes = resultat["properties"]
    # the loader joins these files before validation
    proprietes["collectivite"] = {"anyOf": [{"$ref": "#/$defs/Collectivite"},
                                            {"type": "string", "description": "chemin d'un profil de collectivité"}]}
    tableau = resultat.get("$defs", {}).get("Tableau")
    if tableau is not None:
        tableau["properties"]["source"] = {"anyOf": [{"$ref": "#/$defs/Source"}, {"type": "string"}, {"type": "null"}],
                                           "default": None}
    for champ, spec in type_.champs.items():
        proprietes[champ].setdefault("description", spec.aide)
    repartition = resultat.get("$defs", {}).get("Repartition")
    if repartition is not None and any(t.base for t in type_.manifeste.tableaux):
        # the type gives the base (preparer): a share table may leave it out
        repartition["required"] = [r for r in repartition.get("required", []) if r != "base"]
    return resultat

