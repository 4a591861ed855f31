"""The manifest of a report type (``type.yaml``): its models, reading and validation with located French errors."""

from __future__ import annotations

import difflib
import keyword
import re
import string
from pathlib import Path
from typing import (
    Any,
    Callable,
    Iterable,
    Iterator,
    Literal,
    Sequence,
)

from pydantic import Field, TypeAdapter, ValidationError

from deliberations.controles.checks import CHECKS, nom_check
from deliberations.entree.lecture import Positions, lire_yaml
from deliberations.entree.origine import Charge
from deliberations.entree.traduction import traduire
from deliberations.erreurs import ErreurEntree, Finding, Lieu, erreur
from deliberations.model.base import Modele
from deliberations.model.genres import NOMS_CHAMPS, NOMS_COLONNES_DE_CHAMP, genre
from deliberations.model.objets import Colonne, Point
from deliberations.model.scalaires import Booleen, Texte, TexteLibre
from deliberations.types.variables import VARIABLES

#: kinds of value a type field may have
VOCABULAIRE = NOMS_CHAMPS


#: file name of a manifest
MANIFESTE = "type.yaml"


#: type of an item without ``type:``
TYPE_PAR_DEFAUT = "rapport-deliberation"


#: output name placeholders a ``documents[].sortie`` pattern may use
MARQUES_SORTIE = ("numero", "type", "date")


#: common keys of an item that a type may declare optional (``facultatifs:``)
FACULTATIFS = ("direction", "signataire")


#: checks a manifest cannot remove: rendering needs them
CHECKS_TOUJOURS = ("references", "verbes", "champs")


_NOM_TYPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_NOM_CHAMP = re.compile(r"^[a-z][a-z0-9_]*$")


_RESERVES_JINJA = {"true", "false", "none", "loop", "self", "caller", "varargs", "kwargs", "range", "dict",
                   "lipsum", "cycler", "joiner", "namespace", "not", "and", "or", "in", "is"}


TypeChamp = Literal[NOMS_CHAMPS]  # type: ignore[valid-type]


TypeColonneChamp = Literal[NOMS_COLONNES_DE_CHAMP]  # type: ignore[valid-type]


class ColonneManifeste(Modele):
    """One column of a ``table`` field: a question asked for each row."""

    type: TypeColonneChamp = Field(description=", ".join(NOMS_COLONNES_DE_CHAMP))
    aide: Texte = Field(description="Ce que le champ contient, pour qui remplit le fichier")
    titre: Texte | None = Field(default=None, description="Libellé lisible (par défaut : le nom)")
    obligatoire: Booleen | None = Field(default=None, description="Par défaut : oui, sauf si une valeur par défaut est donnée")
    defaut: Any = Field(default=None, description="Valeur prise quand le champ est absent")

    @property
    def requis(self) -> bool:
        return self.obligatoire if self.obligatoire is not None else self.defaut is None


class ChampManifeste(ColonneManifeste):
    """A field a type adds to the common keys of an item."""

    type: TypeChamp = Field(description=", ".join(NOMS_CHAMPS))
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
    facultatifs: list[Literal[FACULTATIFS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Clés communes dont ce genre n'a pas besoin : direction, signataire")
    checks: Any = Field(default="tous", description="tous, une liste de noms, ou {sauf: [noms]}")


def _noms_checks_integres() -> list[str]:

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
    return genre(spec.type).annotation


def _reserves() -> dict[str, str]:
    """Names a type field may not take, with the reason."""

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
