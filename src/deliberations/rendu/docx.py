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

import contextvars
import errno
import functools
import gc
import hashlib
import html
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import unicodedata
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable, Sequence

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateSyntaxError, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from deliberations.rendu import wordxml
from deliberations.erreurs import ErreurEntree, Lieu, erreur
from deliberations.model import Point

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

_RACINE_DEPOT = Path(__file__).resolve().parents[3]


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


#: any character :func:`texte_word` changes or refuses (a value without one is printed as is)
_A_TRAITER = re.compile(r"[\x00-\x1f&<>\"'{}\ufffe\uffff\ud800-\udfff]")

#: the set printed values are added to, for the render under way (see :func:`rendre_docx`)
_IMPRIMES: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("imprimes", default=None)


def _imprimer(valeur: Any, imprimes: set[str] | None) -> Any:
    """Jinja's ``finalize``: a printed value as Word text (:func:`texte_word`), its text added to ``imprimes``."""
    if valeur is None:
        return Markup("")
    if isinstance(valeur, Markup):
        return valeur
    texte = valeur if isinstance(valeur, str) else str(valeur)
    if _A_TRAITER.search(texte) is None:  # nothing to escape, break or refuse: the common case
        if imprimes is not None:
            imprimes.add(texte if type(texte) is str else _normaliser(texte))
        return Markup(texte)
    sortie = texte_word(texte)
    if imprimes is not None:
        imprimes.add(_normaliser(texte))
    return sortie


@pass_eval_context
def _imprimer_dans_le_rendu(_contexte: Any, valeur: Any) -> Any:
    """:func:`_imprimer` into the printed set of the render under way.

    Taking the evaluation context keeps Jinja from applying it to constants
    at compile time: a compiled template is reused by later renders.
    """
    return _imprimer(valeur, _IMPRIMES.get())


# --------------------------------------------------------------------------
# The sandbox: no Python internals, no other file, bounded expressions

#: the longest string or list (characters or items) one template expression may build
TAILLE_MAX_EXPRESSION = 1_000_000
#: the largest integer (bits) one template expression may build
_BITS_MAX = 100_000
_LARGEUR_POURCENT = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


class _AucunFichier(BaseLoader):
    """Templates read no other file: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise SecurityError(f"« {template} » : un modèle ne peut ni inclure, ni importer, ni étendre un autre modèle "
                            "ou fichier ({% include %}, {% import %} et {% extends %} sont interdits)")


def _trop_grand(quoi: str) -> SecurityError:
    limite = format(TAILLE_MAX_EXPRESSION, ",").replace(",", " ")
    return SecurityError(f"{quoi} : résultat trop grand (au plus {limite} caractères ou éléments par expression)")


def _est_entier(valeur: Any) -> bool:
    return isinstance(valeur, int) and not isinstance(valeur, bool)


def _trop_long(chiffres: str) -> bool:
    return len(chiffres) > 7 or int(chiffres) > TAILLE_MAX_EXPRESSION


def _borner_operation(operateur: str, gauche: Any, droite: Any) -> None:
    """Refuse, before computing it, an operation whose result would be huge (``'x' * 10**9``, ``2 ** (10 ** 10)``)."""
    if operateur == "*":
        for sequence, fois in ((gauche, droite), (droite, gauche)):
            if isinstance(sequence, (str, list, tuple)) and _est_entier(fois) and len(sequence) * fois > TAILLE_MAX_EXPRESSION:
                raise _trop_grand("« * »")
        if _est_entier(gauche) and _est_entier(droite) and gauche.bit_length() + droite.bit_length() > _BITS_MAX:
            raise _trop_grand("« * »")
    elif operateur == "**":
        if (_est_entier(gauche) and _est_entier(droite) and droite > 0 and abs(gauche) > 1
                and droite * abs(gauche).bit_length() > _BITS_MAX):
            raise _trop_grand("« ** »")
    elif operateur == "+":
        if (isinstance(gauche, (str, list, tuple)) and isinstance(droite, (str, list, tuple))
                and len(gauche) + len(droite) > TAILLE_MAX_EXPRESSION):
            raise _trop_grand("« + »")
    elif operateur == "%" and isinstance(gauche, str):
        _borner_pourcent(gauche, droite)


def _borner_pourcent(gabarit: str, arguments: Any) -> None:
    """``'%01000000000d' % 1`` or ``'%*d' % (10**9, 1)``: a width beyond the bound is refused."""
    valeurs = arguments if isinstance(arguments, tuple) else (arguments,)
    for m in _LARGEUR_POURCENT.finditer(gabarit):
        for largeur in m.groups():
            if largeur == "*" and any(_est_entier(v) and abs(v) > TAILLE_MAX_EXPRESSION for v in valeurs):
                raise _trop_grand("« % »")
            if largeur and largeur != "*" and _trop_long(largeur):
                raise _trop_grand("« % »")


def _borner_accolades(gabarit: str, valeurs: Sequence[Any]) -> None:
    """``'{:>1000000000}'.format(x)``: a width beyond the bound is refused."""
    import string

    try:
        champs = list(string.Formatter().parse(gabarit))
    except ValueError:
        return  # str.format raises the same error
    for _, _, specification, _ in champs:
        if not specification:
            continue
        if any(_trop_long(n) for n in re.findall(r"\d+", specification)):
            raise _trop_grand("« format »")
        if "{" in specification and any(_est_entier(v) and abs(v) > TAILLE_MAX_EXPRESSION for v in valeurs):
            raise _trop_grand("« format »")


def _borne(nom: str, filtre: Any, argument: str) -> Any:
    """The filter ``nom``, refusing its integer argument (a width, a count) beyond the bound."""

    @functools.wraps(filtre)
    def borne(*args: Any, **kwargs: Any) -> Any:
        valeur = kwargs.get(argument, args[1] if len(args) > 1 else None)
        if _est_entier(valeur) and abs(valeur) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand(f"« |{nom} »")
        return filtre(*args, **kwargs)

    return borne


def _format(valeur: Any, *args: Any, **kwargs: Any) -> str:
    from jinja2.filters import do_format

    _borner_pourcent(str(valeur), tuple(kwargs.values()) or args)
    return do_format(valeur, *args, **kwargs)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    from jinja2.utils import generate_lorem_ipsum

    if (_est_entier(n) and n > 100) or (_est_entier(max) and max > 1000):
        raise SecurityError("lipsum() : au plus 100 paragraphes de 1 000 mots")
    return generate_lorem_ipsum(n, html, min, max)


class _Bac(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, without any loader, with bounds on what one expression may build."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        from jinja2.filters import do_center, do_indent, sync_do_slice

        super().__init__(loader=_AucunFichier(), **options)
        self.filters.update(center=_borne("center", do_center, "width"), indent=_borne("indent", do_indent, "width"),
                            slice=_borne("slice", sync_do_slice, "slices"), format=_format)
        self.globals["lipsum"] = _lipsum

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _borner_operation(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        enveloppe = super().wrap_str_format(value)
        if enveloppe is None:
            return None
        gabarit = value.__self__

        @functools.wraps(enveloppe)
        def format_borne(*args: Any, **kwargs: Any) -> str:
            valeurs = [*args, *kwargs.values()]
            if args and isinstance(args[0], dict):  # format_map
                valeurs += list(args[0].values())
            _borner_accolades(gabarit, valeurs)
            return enveloppe(*args, **kwargs)

        return format_borne


def _filtres(env: SandboxedEnvironment) -> SandboxedEnvironment:
    from deliberations.langue import formats

    for nom in ("montant", "montant_en_lettres", "nombre_en_lettres", "date_longue", "pourcentage", "ordinal"):
        fonction = getattr(formats, nom, None)
        if fonction is not None:
            env.filters[nom] = fonction
    env.filters.update(FILTRES_SUPPLEMENTAIRES)
    return env


def _euros(valeur: Any) -> str:
    from deliberations.calcul.references import _euros as euros

    from deliberations.langue import formats

    return euros(formats.en_decimal(valeur))


def _sans_centimes(valeur: Any) -> str:
    from deliberations.langue import formats

    return formats.montant(valeur, centimes=False)


def _jour_semaine(valeur: Any) -> str:
    from deliberations.langue import formats

    return formats.date_longue(valeur, jour_semaine=True)


#: filters named like the formats of prose references (``${x | euros}``)
FILTRES_SUPPLEMENTAIRES = {"euros": _euros, "sans_centimes": _sans_centimes, "jour_semaine": _jour_semaine}


def environnement(imprimes: set[str] | None = None) -> SandboxedEnvironment:
    """The Jinja environment templates render in.

    Sandboxed, autoescaped, undefined variables are errors; the filters
    ``montant``, ``montant_en_lettres``, ``nombre_en_lettres``,
    ``date_longue``, ``pourcentage`` and ``ordinal`` are those of
    :mod:`deliberations.formats`; ``euros``, ``sans_centimes`` and
    ``jour_semaine`` those of prose references. Every printed value goes through
    :func:`texte_word`; its text is added to ``imprimes`` (for verification).
    """
    return _filtres(_Bac(autoescape=True, finalize=lambda valeur: _imprimer(valeur, imprimes), undefined=StrictUndefined))


class _EnvironnementDuRendu(_Bac):
    """:func:`environnement`, shared by every render, keeping the templates it compiled.

    docxtpl compiles each part of a template at every render; the compiled
    template of a given source is kept (the last :attr:`GARDES` sources).
    ``finalize`` adds to the printed set of the render under way
    (:data:`_IMPRIMES`), at every render (never at compile time).
    """

    GARDES = 64

    def __init__(self) -> None:
        super().__init__(autoescape=True, finalize=_imprimer_dans_le_rendu, undefined=StrictUndefined)
        self._compiles: OrderedDict[str, Any] = OrderedDict()
        self._verrou = threading.Lock()
        _filtres(self)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._verrou:
            compile_ = self._compiles.get(source)
            if compile_ is not None:
                self._compiles.move_to_end(source)
                return compile_
        compile_ = super().from_string(source)
        with self._verrou:
            self._compiles[source] = compile_
            while len(self._compiles) > self.GARDES:
                self._compiles.popitem(last=False)
        return compile_


@functools.cache
def _environnement_du_rendu() -> _EnvironnementDuRendu:
    return _EnvironnementDuRendu()


# --------------------------------------------------------------------------
# docxtpl, strict

#: characters docxtpl's ``resolve_listing`` turns into runs and breaks (``\t``, ``\a``, ``\n``, ``\f``)
_LISTING = re.compile(r"[\t\x07\n\x0c]")


@functools.cache
def _docxtpl() -> type:
    from docxtpl import DocxTemplate

    class ModeleStrict(DocxTemplate):  # type: ignore[misc]
        """docxtpl without its silent XML recovery, and without rendering core properties.

        The rendered body is parsed strictly and post-processed on that tree
        (table grids, superscripts, annex tables) before docxtpl saves it.
        """

        #: alignments of the annex tables (see :func:`_alignements`), sized from their content
        alignements: list[Sequence[str]] = []
        #: length of the rendered body (characters)
        taille_corps = 0

        def resolve_listing(self, xml: str) -> str:
            # docxtpl rewrites \t, \a, \n and \f found inside w:t; values print their breaks and tabs
            # as markup (texte_word), so a rendered part usually has none of these characters, and the
            # rewrite (regular expressions over every paragraph and run) would give back the same text
            if _LISTING.search(xml) is None:
                return xml
            return super().resolve_listing(xml)

        def fix_tables(self, xml: str) -> Any:
            try:
                arbre = etree.fromstring(xml, wordxml.ANALYSEUR)
            except etree.XMLSyntaxError as exc:
                raise ErreurVerification.de(
                    f"le document rendu n'est pas du XML valide ({exc}) ; rien n'a été écrit "
                    "(anomalie du rendu, merci de la signaler)"
                ) from None
            self.taille_corps = len(xml)
            del xml
            for tbl in arbre.iter(wordxml.W_TBL):
                # annex tables are sized from their content, below
                if not (self.alignements and wordxml.style_tableau(tbl) == STYLE_ANNEXE):
                    wordxml.ajuster_grille(tbl)
            wordxml.exposants(arbre)
            if self.alignements:
                wordxml.ajuster_tableaux(arbre, self.alignements, style=STYLE_ANNEXE)
            return arbre

        def render_properties(self, *args: Any, **kwargs: Any) -> None:
            return None

    return ModeleStrict


_PARTIES_TEXTE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _alignements(contexte: dict[str, Any]) -> list[Sequence[str]]:
    return [tableau.get("alignements", []) for annexe in contexte.get("annexes", [])
            for tableau in annexe.get("tableaux", [])]


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


def _finir(docx: bytes, alignements: list[Sequence[str]], nom: str) -> tuple[bytes, str]:
    """Parse every XML part strictly, post-process the text parts, read the text back.

    Text parts (body, headers, footers, notes) are always parsed; another
    part is skipped when its bytes are those of a part already parsed
    (:class:`_PartiesBienFormees`). ``alignements`` are those of the annex
    tables of ``word/document.xml`` when they are still to be adjusted. The
    archive is rewritten only when post-processing changed a part.
    """
    textes: list[str] = []
    modifiees: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        for info in zin.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            donnees = zin.read(info)
            est_texte = _PARTIES_TEXTE.match(info.filename) is not None
            empreinte = None
            if not est_texte:
                empreinte = _BIEN_FORMEES.empreinte(donnees)
                if empreinte in _BIEN_FORMEES:
                    continue
            try:
                racine = wordxml.analyser(donnees)
            except etree.XMLSyntaxError as exc:
                raise ErreurVerification.de(
                    f"{nom} : la partie {info.filename} n'est pas du XML valide ({exc}) ; rien n'a été écrit "
                    "(anomalie du rendu, merci de la signaler)"
                ) from None
            del donnees
            if est_texte:
                lu, exposant = wordxml.lire(racine)  # the text, and whether a « 1er » may be left
                modifie = wordxml.exposants(racine) if exposant else 0
                if info.filename == "word/document.xml" and alignements:
                    modifie += wordxml.ajuster_tableaux(racine, alignements, style=STYLE_ANNEXE)
                if modifie:
                    modifiees[info.filename] = wordxml.serialiser(racine)
                    lu = wordxml.texte(racine)  # the text of what is written
                textes.append(lu)
            elif empreinte is not None:
                _BIEN_FORMEES.ajouter(empreinte)
            del racine
        if modifiees:
            sortie = io.BytesIO()
            with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    donnees = modifiees.get(info.filename) or zin.read(info)
                    zout.writestr(info, donnees, compress_type=zipfile.ZIP_DEFLATED)
            docx = sortie.getvalue()
    return docx, "\n".join(textes)


def _chemins_valeur(contexte: Any, morceau: str, chemin: str = "") -> list[str]:
    """Context paths whose value contains ``morceau`` (to name a missing value)."""
    if isinstance(contexte, dict):
        return [c for k, v in contexte.items() for c in _chemins_valeur(v, morceau, f"{chemin}.{k}" if chemin else str(k))]
    if isinstance(contexte, (list, tuple)):
        return [c for i, v in enumerate(contexte) for c in _chemins_valeur(v, morceau, f"{chemin}[{i}]")]
    if isinstance(contexte, str) and morceau in _normaliser(contexte):
        return [chemin]
    return []


# --------------------------------------------------------------------------
# Template errors, in French, at their place in the template

_BALISE_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def _ligne_du_modele(exc: BaseException) -> int | None:
    """The line of the (preprocessed) template source where Jinja raised ``exc``, if it did."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    import traceback

    lignes = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return lignes[-1] if lignes else None


def _compacte(balise: str) -> str:
    """A tag as compared: docxtpl's prefix (``{%p``) dropped, straight quotes, no spaces."""
    balise = html.unescape(balise).translate(str.maketrans("“”‘’", "\"\"''"))
    balise = re.sub(r"^\{([{%#])(-?)(?:p|tr|tc|r)(?=\s)", r"{\1\2", balise)
    return re.sub(r"\s+", "", balise)


def _lieu_de_l_erreur(gabarit: Any, exc: BaseException) -> tuple[str, str]:
    """Where a template error is: (« paragraphe 3 » or « tableau 1, ligne 2, cellule 1 », the tag).

    docxtpl renders the XML of a part with one paragraph per line: the line
    Jinja names holds the faulty tag, found back among the tags of the
    template's part (read as :mod:`deliberations.lint` reads them).
    """
    from deliberations.rendu.lint import lire_partie

    ligne, partie = _ligne_du_modele(exc), gabarit.current_rendering_part
    if ligne is None or partie is None:
        return "", ""
    if partie is gabarit.docx.part:
        nom, racine, source = "word/document.xml", gabarit.docx.element, gabarit.get_xml()
    else:
        nom, racine = str(partie.partname).lstrip("/"), wordxml.analyser(partie.blob)
        source = partie.blob.decode("utf-8") if "footnotes" in partie.content_type else gabarit.get_part_xml(partie)
    lignes = re.split(r"\r\n|\r|\n", re.sub(r"<w:p([ >])", r"\n<w:p\1", gabarit.patch_xml(source)))
    if not 1 <= ligne <= len(lignes):
        return "", ""
    dans_la_ligne = {_compacte(b) for b in _BALISE_JINJA.findall(lignes[ligne - 1])}
    rang = sum(1 for l in lignes[:ligne - 1] if _BALISE_JINJA.search(l))
    lue = lire_partie(nom, racine)
    trouvees: dict[str, list[str]] = {}
    for balise in lue.balises:
        if _compacte(balise.source) in dans_la_ligne:
            trouvees.setdefault(balise.lieu, []).append(balise.texte)
    if not trouvees:
        return "", ""
    lieu = min(trouvees, key=lambda l: (-len(set(trouvees[l])), abs(lue.ordre.get(l, 0) - rang)))
    noms = re.findall(r"'([^']+)'", str(exc))
    balise = next((b for b in trouvees[lieu] for n in noms if n in b), trouvees[lieu][0])
    return lieu, balise


def _message_modele(exc: BaseException) -> str:
    """A template error, in French."""
    from jinja2.sandbox import MAX_RANGE

    texte = str(exc)
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe invalide : {exc.message}"
    if m := re.fullmatch(r"access to attribute '(.+)' of '(.+)' object is unsafe\.", texte):
        return (f"accès interdit à l'attribut « {m.group(1)} » : un modèle n'a accès qu'aux valeurs du point, "
                "jamais aux objets Python")
    if re.fullmatch(r".* is not safely callable", texte):
        return "appel interdit : un modèle n'a accès qu'aux valeurs du point, jamais aux objets Python"
    if m := re.fullmatch(r"'(.+)' is undefined", texte):
        return f"variable inconnue « {m.group(1)} »"
    if m := re.fullmatch(r"'(.+)' has no attribute '(.+)'", texte):
        return f"« {m.group(2)} » n'existe pas ({m.group(1)})"
    if isinstance(exc, OverflowError) and "MAX_RANGE" in texte:
        return f"range() : au plus {format(MAX_RANGE, ',').replace(',', ' ')} éléments"
    if isinstance(exc, TemplateError):
        return texte
    return f"erreur en évaluant la balise : {texte} ({type(exc).__name__})"


def _modele_invalide(gabarit: Any, exc: BaseException, modele: Path) -> ModeleInvalide:
    """A template error as a French finding naming the template and the place of the faulty tag."""
    try:
        lieu, balise = _lieu_de_l_erreur(gabarit, exc)
    except Exception:  # locating is a courtesy: never hide the error itself
        lieu, balise = "", ""
    message = f"modèle invalide : {_message_modele(exc)}"
    if balise:
        message += f" (balise « {balise if len(balise) <= 120 else balise[:119] + '…'} »)"
    else:
        extrait = [x.strip() for x in getattr(exc, "docx_context", None) or [] if x.strip()]
        if extrait:
            message += " ; autour de : " + " | ".join(extrait)[:300]
    return ModeleInvalide([erreur(Lieu(str(modele), champ=lieu), message)])


#: a rendered body longer than this (characters, ≈ 1 000 annex rows) is freed at once after saving
_GRAND_CORPS = 1_000_000


def rendre_docx(modele: str | Path, contexte: dict[str, Any]) -> bytes:
    """Render one template with a context; return the verified ``.docx`` bytes.

    Raises :class:`ModeleInvalide` for a template error and
    :class:`ErreurVerification` when the result is not well formed or a
    printed value is missing from the text read back.
    """
    modele = Path(modele)
    imprimes: set[str] = set()
    gabarit = _docxtpl()(str(modele))
    gabarit.alignements = _alignements(contexte)
    jeton = _IMPRIMES.set(imprimes)
    try:
        gabarit.render(contexte, jinja_env=_environnement_du_rendu())
    except ErreurRendu:
        raise
    except etree.XMLSyntaxError as exc:
        raise ErreurVerification.de(f"le rendu n'est pas du XML valide ({exc}) ; rien n'a été écrit", modele) from None
    except Exception as exc:  # raised by the template's code (Jinja names its line): the template's error
        if not isinstance(exc, TemplateError) and _ligne_du_modele(exc) is None:
            raise
        raise _modele_invalide(gabarit, exc, modele) from None
    finally:
        _IMPRIMES.reset(jeton)
    _proprietes(gabarit, contexte, modele)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    grand = gabarit.taille_corps > _GRAND_CORPS
    del gabarit
    if grand:
        # python-docx's objects hold the rendered tree in reference cycles: free it before the
        # saved document is parsed again, rather than hold both trees at once
        gc.collect()
    donnees, lu = _finir(tampon.getvalue(), [], modele.name)  # annex tables were adjusted on the tree
    del tampon
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
    candidats = [Path(__file__).resolve().parents[1] / "modeles" / type_, _RACINE_DEPOT / "templates" / type_]
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
    from deliberations.types.catalogue import MANIFESTE

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
    from deliberations.types.catalogue import catalogue, type_du_point

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
    from deliberations.controles.checks import check

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
        from deliberations.entree.chargement import load

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
    from deliberations.rendu.contexte import contexte as construire_contexte

    documents = documents_du_point(point, modeles)
    contexte = construire_contexte(point)
    return [(nom, rendre_docx(gabarit, contexte)) for gabarit, nom in documents]


def _verifier_cibles(dossier: Path, noms: Sequence[str], force: bool) -> list[Path]:
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
