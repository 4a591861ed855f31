"""Render an item to Word (and PDF): context, template, verification, atomic write.

:func:`render` is the public entry point::

    from deliberations.rendering import render
    render("examples/06-04-clauses-sociales.yaml", "sortie", pdf=True)
    # → [sortie/06-04-rapport.docx, sortie/06-04-deliberation.docx,
    #    sortie/06-04-rapport.pdf, sortie/06-04-deliberation.pdf]

The only module that touches docxtpl. Values are never template code: the
Jinja environment is sandboxed and autoescaped, and its ``finalize`` turns
every printed value into escaped WordprocessingML text (line breaks become
``<w:br/>``, tabs ``<w:tab/>``). Every rendered document is verified before
a file exists: each XML part parses strictly, and every printed value is
found in the text read back. Files appear atomically, all or none.

Also public: :func:`rendre_docx` (one template to verified bytes),
:func:`rendre_modele` (one template of a type to one file),
:func:`convertir_pdf` (written documents to PDF, one LibreOffice call),
:func:`environnement` (the Jinja environment, for template tooling).
"""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from . import wordxml
from .erreurs import ErreurEntree, Lieu, erreur
from .model import Point

__all__ = [
    "render", "rendre_en_memoire", "publier", "documents_du_point", "rendre_docx", "rendre_modele", "convertir_pdf", "nom_de_fichier", "dossier_modeles", "environnement",
    "ErreurRendu", "FichierExistant", "ModeleInvalide", "ErreurVerification", "ConversionImpossible",
]

#: seconds LibreOffice may take to convert one batch of documents
DELAI_CONVERSION = 600

#: table style (id) marking annex tables: amount columns right-aligned, columns sized from content
STYLE_ANNEXE = "TableauAnnexe"

#: documents written first, in this order; other templates of a type follow by name
ORDRE = ("rapport", "deliberation")

_RACINE_DEPOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------
# Errors


class ErreurRendu(ErreurEntree):
    """A document could not be written; carries French findings like :class:`ErreurEntree`."""

    @classmethod
    def de(cls, message: str, fichier: str | Path = "") -> "ErreurRendu":
        return cls([erreur(Lieu(str(fichier)), message)])


class FichierExistant(ErreurRendu, FileExistsError):
    """An output file exists and ``force`` was not given."""


class ModeleInvalide(ErreurRendu):
    """A template cannot be found or rendered (Jinja syntax, unknown variable…)."""


class ErreurVerification(ErreurRendu):
    """The rendered document lost or damaged text: a bug, nothing was written."""


class ConversionImpossible(ErreurRendu):
    """LibreOffice is missing, failed or timed out while converting to PDF."""


# --------------------------------------------------------------------------
# Values → WordprocessingML text

_CONTROLE = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPECIAUX = re.compile(r"[&<>\"'{}\n\t\r\x0b]")
_BR = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def texte_word(valeur: str) -> Markup:
    """Escape a value for the inside of ``<w:t>``: entities, braces, breaks, tabs.

    Braces become character references so that nothing downstream (docxtpl's
    ``{_{`` unescaping) can read a value as template syntax.

    >>> str(texte_word("a & b < c"))
    'a &amp; b &lt; c'
    >>> str(texte_word("{{ 7*7 }}"))
    '&#123;&#123; 7*7 &#125;&#125;'
    >>> str(texte_word("un\\ndeux\\ttrois"))
    'un</w:t><w:br/><w:t xml:space="preserve">deux</w:t><w:tab/><w:t xml:space="preserve">trois'
    """
    controle = _CONTROLE.search(valeur)
    if controle:
        code = ord(controle.group())
        extrait = _CONTROLE.sub("?", valeur[max(0, controle.start() - 30):controle.start() + 30])
        raise ErreurRendu.de(f"caractère de contrôle U+{code:04X} interdit dans le texte « {extrait} »")
    if not _SPECIAUX.search(valeur):
        return Markup(valeur)
    texte = str(escape(valeur.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")))
    texte = texte.replace("{", "&#123;").replace("}", "&#125;").replace("\n", _BR).replace("\t", _TAB)
    return Markup(texte)


def _normaliser(valeur: str) -> str:
    return valeur.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")


def environnement(imprimes: set[str] | None = None) -> SandboxedEnvironment:
    """The Jinja environment templates render in.

    Sandboxed, autoescaped, undefined variables are errors; the filters
    ``montant``, ``montant_en_lettres``, ``nombre_en_lettres``,
    ``date_longue``, ``pourcentage`` and ``ordinal`` are those of
    :mod:`deliberations.formats`; ``euros``, ``sans_centimes`` and
    ``jour_semaine`` those of prose references. Every printed value goes through
    :func:`texte_word`; its text is added to ``imprimes`` (for verification).
    """
    from . import formats

    def finalize(valeur: Any) -> Any:
        if valeur is None:
            return Markup("")
        if isinstance(valeur, Markup):
            return valeur
        texte = valeur if isinstance(valeur, str) else str(valeur)
        sortie = texte_word(texte)
        if imprimes is not None:
            imprimes.add(_normaliser(texte))
        return sortie

    env = SandboxedEnvironment(autoescape=True, finalize=finalize, undefined=StrictUndefined)
    for nom in ("montant", "montant_en_lettres", "nombre_en_lettres", "date_longue", "pourcentage", "ordinal"):
        fonction = getattr(formats, nom, None)
        if fonction is not None:
            env.filters[nom] = fonction
    env.filters.update(FILTRES_SUPPLEMENTAIRES)
    return env


def _euros(valeur: Any) -> str:
    from .references import _euros as euros

    from . import formats

    return euros(formats.en_decimal(valeur))


def _sans_centimes(valeur: Any) -> str:
    from . import formats

    return formats.montant(valeur, centimes=False)


def _jour_semaine(valeur: Any) -> str:
    from . import formats

    return formats.date_longue(valeur, jour_semaine=True)


#: filters named like the formats of prose references (``${x | euros}``)
FILTRES_SUPPLEMENTAIRES = {"euros": _euros, "sans_centimes": _sans_centimes, "jour_semaine": _jour_semaine}


# --------------------------------------------------------------------------
# docxtpl, strict


@functools.cache
def _docxtpl() -> type:
    from docxtpl import DocxTemplate

    class ModeleStrict(DocxTemplate):  # type: ignore[misc]
        """docxtpl without its silent XML recovery, and without rendering core properties."""

        annexes_ajustees = False

        def fix_tables(self, xml: str) -> Any:
            try:
                arbre = etree.fromstring(xml, wordxml.ANALYSEUR)
            except etree.XMLSyntaxError as exc:
                raise ErreurVerification.de(
                    f"le document rendu n'est pas du XML valide ({exc}) ; rien n'a été écrit "
                    "(anomalie du rendu, merci de la signaler)"
                ) from None
            for tbl in arbre.iter(wordxml.W_TBL):
                # annex tables are sized later, from their content (see _finir)
                if not (self.annexes_ajustees and wordxml.style_tableau(tbl) == STYLE_ANNEXE):
                    wordxml.ajuster_grille(tbl)
            return arbre

        def render_properties(self, *args: Any, **kwargs: Any) -> None:
            return None

    return ModeleStrict


_PARTIES_TEXTE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _alignements(contexte: dict[str, Any]) -> list[Sequence[str]]:
    return [tableau.get("alignements", []) for annexe in contexte.get("annexes", [])
            for tableau in annexe.get("tableaux", [])]


def _finir(docx: bytes, alignements: list[Sequence[str]], nom: str) -> tuple[bytes, str]:
    """Parse every XML part strictly, post-process the text parts, read the text back."""
    textes: list[str] = []
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            donnees = zin.read(info)
            if info.filename.endswith((".xml", ".rels")):
                try:
                    racine = wordxml.analyser(donnees)
                except etree.XMLSyntaxError as exc:
                    raise ErreurVerification.de(
                        f"{nom} : la partie {info.filename} n'est pas du XML valide ({exc}) ; rien n'a été écrit "
                        "(anomalie du rendu, merci de la signaler)"
                    ) from None
                if _PARTIES_TEXTE.match(info.filename):
                    modifie = wordxml.exposants(racine)
                    if info.filename == "word/document.xml" and alignements:
                        modifie += wordxml.ajuster_tableaux(racine, alignements, style=STYLE_ANNEXE)
                    if modifie:
                        donnees = wordxml.serialiser(racine)
                    textes.append(wordxml.texte(racine))
            zout.writestr(info, donnees, compress_type=zipfile.ZIP_DEFLATED)
    return sortie.getvalue(), "\n".join(textes)


def _chemins_valeur(contexte: Any, morceau: str, chemin: str = "") -> list[str]:
    """Context paths whose value contains ``morceau`` (to name a missing value)."""
    if isinstance(contexte, dict):
        return [c for k, v in contexte.items() for c in _chemins_valeur(v, morceau, f"{chemin}.{k}" if chemin else str(k))]
    if isinstance(contexte, (list, tuple)):
        return [c for i, v in enumerate(contexte) for c in _chemins_valeur(v, morceau, f"{chemin}[{i}]")]
    if isinstance(contexte, str) and morceau in _normaliser(contexte):
        return [chemin]
    return []


def rendre_docx(modele: str | Path, contexte: dict[str, Any]) -> bytes:
    """Render one template with a context; return the verified ``.docx`` bytes.

    Raises :class:`ModeleInvalide` for a template error and
    :class:`ErreurVerification` when the result is not well formed or a
    printed value is missing from the text read back.
    """
    modele = Path(modele)
    imprimes: set[str] = set()
    env = environnement(imprimes)
    gabarit = _docxtpl()(str(modele))
    alignements = _alignements(contexte)
    gabarit.annexes_ajustees = bool(alignements)
    try:
        gabarit.render(contexte, jinja_env=env)
    except ErreurRendu:
        raise
    except TemplateError as exc:
        ligne = ""
        extrait = [x.strip() for x in getattr(exc, "docx_context", []) if x.strip()]
        if extrait:
            ligne = " ; autour de : " + " | ".join(extrait)[:300]
        raise ModeleInvalide.de(f"modèle invalide : {exc}{ligne}", modele) from None
    except etree.XMLSyntaxError as exc:
        raise ErreurVerification.de(f"le rendu n'est pas du XML valide ({exc}) ; rien n'a été écrit", modele) from None
    _proprietes(gabarit, contexte, modele)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    donnees, lu = _finir(tampon.getvalue(), alignements, modele.name)
    absents = wordxml.manquants(imprimes, lu)
    if absents:
        findings = []
        for morceau in absents[:10]:
            chemins = _chemins_valeur(contexte, morceau)
            ou = f" (valeur {', '.join(chemins[:3])})" if chemins else ""
            extrait = morceau if len(morceau) <= 120 else morceau[:117] + "…"
            findings.append(erreur(Lieu(str(modele)), f"le texte « {extrait} »{ou} manque dans le document rendu ; "
                                                       "rien n'a été écrit (anomalie du rendu, merci de la signaler)"))
        raise ErreurVerification(findings)
    return donnees


def _proprietes(gabarit: Any, contexte: dict[str, Any], modele: Path) -> None:
    """Document properties (title, subject, author) from the context."""
    import datetime as dt

    def une_ligne(texte: Any) -> str:
        return re.sub(r"\s+", " ", str(texte or "")).strip()[:255]

    proprietes = gabarit.docx.core_properties
    proprietes.title = une_ligne(contexte.get("objet"))
    titre = contexte.get("titre_rapport") if modele.stem == "rapport" else contexte.get("titre_deliberation")
    proprietes.subject = une_ligne(titre or modele.stem)
    proprietes.author = une_ligne((contexte.get("collectivite") or {}).get("nom", ""))
    proprietes.keywords = une_ligne(contexte.get("numero"))
    proprietes.comments = ""
    proprietes.last_modified_by = "deliberations"
    proprietes.language = "fr-FR"
    maintenant = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    proprietes.created = maintenant
    proprietes.modified = maintenant
    proprietes.revision = 1


# --------------------------------------------------------------------------
# Templates and file names


def dossier_modeles(type_: str = "rapport-deliberation", modeles: str | Path | None = None) -> Path:
    """The folder holding a report type's templates (``modeles`` wins when given)."""
    if modeles is not None:
        dossier = Path(modeles)
        if not dossier.is_dir():
            raise ModeleInvalide.de("dossier de modèles introuvable", dossier)
        return dossier
    candidats = [Path(__file__).resolve().parent / "modeles" / type_, _RACINE_DEPOT / "templates" / type_]
    try:  # installed: templates/ is the data package deliberations.modeles (see pyproject.toml)
        from importlib.resources import files

        candidats.insert(0, Path(str(files("deliberations.modeles") / type_)))
    except (ImportError, TypeError, ValueError):
        pass
    for dossier in candidats:
        if dossier.is_dir():
            return dossier
    raise ModeleInvalide.de(f"type de rapport inconnu « {type_} » : aucun dossier de modèles "
                            f"({', '.join(str(c) for c in candidats)})")


def _gabarits_seuls(modeles: Any) -> Path | None:
    """``modeles`` when it is a folder of ``.docx`` templates without any ``type.yaml``."""
    from .types_rapport import MANIFESTE

    if not isinstance(modeles, (str, os.PathLike)):
        return None
    dossier = Path(modeles)
    if not dossier.is_dir() or (dossier / MANIFESTE).is_file():
        return None
    if any((sous / MANIFESTE).is_file() for sous in dossier.iterdir() if sous.is_dir()):
        return None
    return dossier if any(dossier.glob("*.docx")) else None


def documents_du_point(point: Point, modeles: Any = None) -> list[tuple[Path, str]]:
    """(template, output file name) of each document of an item, from its report type.

    Output names follow the manifest's patterns (``{numero}-rapport.docx``),
    the number made file-name safe. ``modeles`` as in :func:`render`.
    """
    base = nom_de_fichier(point.numero)
    gabarits = _gabarits_seuls(modeles)
    if gabarits is not None:
        return [(g, f"{base}-{g.stem}.docx") for g in modeles_du_dossier(gabarits)]
    from .types_rapport import catalogue, type_du_point

    type_ = type_du_point(point, modeles) or catalogue(modeles).trouver(point.type)
    valeurs = {"numero": base, "type": point.type, "date": point.seance.date.isoformat()}
    return [(gabarit, motif.format(**valeurs)) for gabarit, motif in type_.documents()]


def modeles_du_dossier(dossier: Path) -> list[Path]:
    """The ``.docx`` templates of a folder: rapport, délibération, then the others by name."""
    fichiers = [f for f in dossier.glob("*.docx") if not f.name.startswith(("~$", "."))]
    fichiers.sort(key=lambda f: (ORDRE.index(f.stem) if f.stem in ORDRE else len(ORDRE), f.name))
    if not fichiers:
        raise ModeleInvalide.de("aucun modèle .docx dans le dossier", dossier)
    return fichiers


_INTERDITS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
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
    nom = unicodedata.normalize("NFC", str(numero))
    nom = _INTERDITS.sub("-", nom)
    nom = re.sub(r"\s+", " ", nom)
    nom = re.sub(r"\.{2,}", ".", nom).strip(" .").lstrip("-. ")  # no hidden file, no option-like name
    if not nom:
        nom = "sans-numero"
    if nom.split(".")[0].strip().upper() in _RESERVES:
        nom = "_" + nom
    return nom[:120]


# --------------------------------------------------------------------------
# PDF


def _soffice() -> str:
    commande = os.environ.get("DELIBERATIONS_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not commande:
        raise ConversionImpossible.de(
            "LibreOffice est introuvable (commande soffice) : installez-le (par exemple "
            "« apt install libreoffice-writer ») ou indiquez son chemin dans DELIBERATIONS_SOFFICE, "
            "ou rendez sans PDF"
        )
    return commande


def _libreoffice(fichiers: Sequence[Path], dossier: Path, *, delai: float = DELAI_CONVERSION) -> list[Path]:
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


# --------------------------------------------------------------------------
# Writing


def _ecrire(chemin: Path, donnees: bytes) -> None:
    with open(chemin, "xb") as fichier:
        fichier.write(donnees)
        fichier.flush()
        os.fsync(fichier.fileno())


#: errors of os.link meaning "this file system has no hard links"
_SANS_LIENS = {getattr(errno, nom) for nom in ("EPERM", "EXDEV", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK", "EACCES")
               if hasattr(errno, nom)}


def _publier(paires: Sequence[tuple[Path, Path]], force: bool) -> None:
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
    _refuser_existants(cibles, force)
    dossier.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier, prefix=".deliberations-") as temporaire:
        pdfs = _libreoffice(fichiers, Path(temporaire), delai=delai)
        _publier(list(zip(pdfs, cibles)), force)
    return cibles


def rendre_modele(type_: str, nom: str, contexte: dict[str, Any], cible: str | Path, *, force: bool = False,
                  modeles: str | Path | None = None) -> Path:
    """Render one template of a type (``"seance"``, ``"ordre-du-jour.docx"``) to ``cible``, verified, atomically."""
    modele = dossier_modeles(type_, modeles) / nom
    if not modele.is_file():
        raise ModeleInvalide.de(f"modèle « {nom} » introuvable pour le type « {type_} »", modele)
    cible = Path(cible)
    _refuser_existants([cible], force)
    donnees = rendre_docx(modele, contexte)
    cible.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cible.parent, prefix=".deliberations-") as temporaire:
        source = Path(temporaire) / cible.name
        _ecrire(source, donnees)
        _publier([(source, cible)], force)
    return cible


def _refuser_existants(cibles: Iterable[Path], force: bool) -> None:
    if force:
        return
    existants = [c for c in cibles if c.exists() or c.is_symlink()]
    if existants:
        raise FichierExistant([erreur(Lieu(str(c)), "le fichier existe déjà (utilisez force=True ou --force "
                                                    "pour le remplacer) ; rien n'a été écrit") for c in existants])


def _refuser_si_erreurs(point: Point) -> None:
    from .checks import check

    findings = [f for f in check(point) if f.est_erreur]
    if findings:
        raise ErreurEntree(findings)


def render(item: Point | str | Path, dossier: str | Path, *, pdf: bool = False, force: bool = False,
           modeles: Any = None) -> list[Path]:
    """Write the documents of an item (rapport, délibération…); return the paths written.

    ``item`` is a :class:`~deliberations.model.Point` or the path of an input
    file (then loaded). Writes the documents of the item's report type
    (``{numero}-rapport.docx`` and ``{numero}-deliberation.docx`` for the
    built-in types) in ``dossier`` (created if needed) and, with
    ``pdf=True``, their PDFs (one LibreOffice call). ``modeles`` is a folder
    (or a list of folders) of report types besides the built-in ones; a
    folder of ``.docx`` templates without ``type.yaml`` replaces instead the
    templates of the item's type.

    Raises :class:`~deliberations.erreurs.ErreurEntree` when the item has
    errors, :class:`FichierExistant` when an output exists and ``force`` is
    false, :class:`ModeleInvalide`, :class:`ErreurVerification` or
    :class:`ConversionImpossible`; in every case nothing is written.
    """
    if isinstance(item, Point):
        point = item
    else:
        from .chargement import load

        point = load(item, modeles=None if _gabarits_seuls(modeles) else modeles)
    _refuser_si_erreurs(point)
    dossier = Path(dossier)
    cibles = noms_de_sortie(point, modeles)
    _verifier_cibles(dossier, [*cibles, *([Path(c).with_suffix(".pdf").name for c in cibles] if pdf else [])], force)
    return publier(rendre_en_memoire(point, modeles), dossier, pdf=pdf, force=force)


def noms_de_sortie(point: Point, modeles: Any = None) -> list[str]:
    """The file names an item's documents get: ``{numero}-rapport.docx``…"""
    return [nom for _, nom in documents_du_point(point, modeles)]


def rendre_en_memoire(point: Point, modeles: str | Path | None = None) -> list[tuple[str, bytes]]:
    """Render and verify an item's documents without writing: (file name, bytes) pairs.

    The item is assumed checked (see :func:`render`, which refuses errors).
    """
    from .documents import contexte as construire_contexte

    documents = documents_du_point(point, modeles)
    contexte = construire_contexte(point)
    return [(nom, rendre_docx(gabarit, contexte)) for gabarit, nom in documents]


def _verifier_cibles(dossier: Path, noms: Sequence[str], force: bool) -> list[Path]:
    racine = dossier.resolve()
    cibles = [dossier / nom for nom in noms]
    for cible in cibles:
        if cible.resolve().parent != racine:  # never outside the output folder
            raise ErreurRendu.de("nom de fichier de sortie invalide", cible)
    _refuser_existants(cibles, force)
    return cibles


def publier(rendus: Sequence[tuple[str, bytes]], dossier: str | Path, *, pdf: bool = False,
            force: bool = False) -> list[Path]:
    """Write rendered documents (and their PDFs) into ``dossier``, all or nothing; return the paths."""
    dossier = Path(dossier)
    docx = _verifier_cibles(dossier, [nom for nom, _ in rendus], force)
    pdfs = _verifier_cibles(dossier, [c.with_suffix(".pdf").name for c in docx], force) if pdf else []
    dossier.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dossier, prefix=".deliberations-") as temporaire:
        temp = Path(temporaire)
        sources = [temp / c.name for c in docx]
        for source, (_, donnees) in zip(sources, rendus):
            _ecrire(source, donnees)
        paires = list(zip(sources, docx))
        if pdf:
            sources_pdf = _libreoffice(sources, temp)
            paires += list(zip(sources_pdf, pdfs))
        _publier(paires, force)
    return [cible for _, cible in paires]
