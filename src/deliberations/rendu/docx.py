"""docxtpl, strict: one template and a context to verified ``.docx`` bytes.

The only module that touches docxtpl. Values are never template code: the
Jinja environment (:mod:`.jinja`) is sandboxed and autoescaped, and its
``finalize`` turns every printed value into escaped WordprocessingML text
(:mod:`.texte`). The rendered body is parsed strictly and post-processed on
that tree (table grids, superscripts, annex tables); the saved document is
verified (:mod:`.verification`) before the caller may write it.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

from jinja2 import (
    TemplateError,
)
from lxml import etree

from deliberations.erreurs import ErreurRendu, ErreurVerification, Lieu, ModeleInvalide, erreur
from deliberations.langue.typographie import Apostrophe
from deliberations.rendu import mise_en_page, paquet, verification, wordxml
from deliberations.rendu.archive import verifier_archive
from deliberations.rendu.bornes import budget_du_rendu
from deliberations.rendu.erreurs_modele import ligne_du_modele, modele_invalide
from deliberations.rendu.jinja import environnement_du_rendu
from deliberations.rendu.lint import lint_modele
from deliberations.rendu.styles import DEBUT_SIGNATURE, TABLEAU_ANNEXE, TOTAUX, Noms, identifiants
from deliberations.rendu.texte import _APOSTROPHE, _IMPRIMES

#: characters docxtpl's ``resolve_listing`` turns into runs and breaks (``\t``, ``\a``, ``\n``, ``\f``)
_LISTING = re.compile(r"[\t\x07\n\x0c]")


def precharger() -> None:
    """Import docxtpl now (before forking workers, which then inherit it)."""
    _docxtpl()


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
        #: the template's path (named in messages)
        modele = ""
        #: the template's styles, by name (python-docx opens a copy of the template without them)
        noms: Noms = {}

        def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
            rendu = super().render_xml_part(src_xml, part, context, jinja_env)
            imprimes = _IMPRIMES.get()
            # only a value holding « < » or « & » could turn into WordprocessingML, were it not escaped
            if imprimes is None or any("<" in v or "&" in v for v in imprimes):
                verification.verifier_elements(src_xml, rendu, str(part.partname).lstrip("/"), self.modele)
            return rendu

        def patch_xml(self, src_xml: str) -> str:
            # docxtpl's clean-up of a part's XML before Jinja (regular expressions only: a function of the
            # text alone) gives, for every render of a template, the same text: cleaned once per text
            propre = _NETTOYES.get(src_xml)
            if propre is None:
                propre = super().patch_xml(src_xml)
                _NETTOYES.ajouter(src_xml, propre)
            return propre

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
            except etree.XMLSyntaxError:
                raise _xml_casse(Path(self.modele)) from None
            del xml
            noms = self.noms  # the template's styles, found by their names
            annexe = identifiants(TABLEAU_ANNEXE, noms)
            for tbl in arbre.iter(wordxml.W_TBL):
                # annex tables are sized from their content, below
                if not (self.alignements and wordxml.style_tableau(tbl) in annexe):
                    wordxml.ajuster_grille(tbl)
            wordxml.exposants(arbre)
            if self.alignements:
                wordxml.ajuster_tableaux(arbre, self.alignements, annexe)
            # docxtpl hands over the body element itself (w:body)
            corps = arbre if arbre.tag == wordxml.w("body") else arbre.find(wordxml.w("body"))
            if corps is not None:
                mise_en_page.garder_la_signature(corps, identifiants(DEBUT_SIGNATURE, noms))
                totaux = identifiants(TOTAUX, noms)
                for tbl in corps.iter(wordxml.W_TBL):
                    if wordxml.style_tableau(tbl) in annexe:
                        mise_en_page.garder_les_totaux(tbl, totaux)
            return arbre

        def render_properties(self, *args: Any, **kwargs: Any) -> None:
            return None

    return ModeleStrict


class _Nettoyes:
    """The last :attr:`GARDES` texts cleaned by docxtpl's ``patch_xml``, by their source text."""

    GARDES = 64

    def __init__(self) -> None:
        self._textes: OrderedDict[str, str] = OrderedDict()
        self._verrou = threading.Lock()

    def get(self, source: str) -> str | None:
        with self._verrou:
            propre = self._textes.get(source)
            if propre is not None:
                self._textes.move_to_end(source)
            return propre

    def ajouter(self, source: str, propre: str) -> None:
        with self._verrou:
            self._textes[source] = propre
            while len(self._textes) > self.GARDES:
                self._textes.popitem(last=False)


_NETTOYES = _Nettoyes()


def _xml_casse(modele: Path) -> ModeleInvalide:
    """The rendered XML does not parse: a block of the template cuts Word's structure; lint names where."""
    findings = [f for f in lint_modele(modele) if f.severite == "erreur"]
    if findings:
        return ModeleInvalide(findings)
    return ModeleInvalide.de("modèle invalide : le document rendu n'est pas du XML valide : un bloc {% if %} ou "
                             "{% for %} s'ouvre-t-il dans un paragraphe, une cellule ou une ligne de tableau et se "
                             "ferme-t-il dans une autre ? (écrivez {%p %}, {%tr %} ou {%tc %}) ; rien n'a été écrit",
                             modele)


def _alignements(contexte: dict[str, Any]) -> list[Sequence[str]]:
    return [tableau.get("alignements", []) for annexe in contexte.get("annexes", [])
            for tableau in annexe.get("tableaux", [])]


#: the start of a reference as typed, in the text read back (letters, digits, dots: untouched by typography)
_REFERENCE = re.compile(r"\$\{[\w.]{0,60}")


def rendre_docx(modele: str | Path, contexte: dict[str, Any], *, apostrophe: Apostrophe = "droite") -> bytes:
    """Render one template with a context; return the verified ``.docx`` bytes.

    Every printed value is set in French typography
    (:func:`~deliberations.langue.typographie.typographier`, with the
    collectivité's ``apostrophe`` style).

    Raises :class:`ModeleInvalide` for a template error (also: a file that is
    not a ``.docx``, an archive inflating beyond its bounds) and
    :class:`ErreurVerification` when the result is not well formed or a
    printed value is missing from the text read back.
    """
    modele = Path(modele)
    verifier_archive(modele)  # a zip, bounded once inflated, before docxtpl unzips it
    imprimes: set[str] = set()
    lu_du_modele = paquet.paquet_du_modele(modele)
    # python-docx opens the template with stand-ins for the large parts the render leaves alone
    gabarit = _docxtpl()(io.BytesIO(lu_du_modele.allege))
    try:
        gabarit.init_docx()  # python-docx opens the package (render reuses it)
    except Exception:  # a part python-docx cannot make sense of: its messages are English
        raise ModeleInvalide.de("modèle invalide : document Word abîmé, une de ses parties est illisible "
                                "(enregistrez-le de nouveau au format .docx dans Word ou LibreOffice)", modele) from None
    gabarit.alignements = _alignements(contexte)
    gabarit.modele = str(modele)
    gabarit.noms = lu_du_modele.noms
    jeton = _IMPRIMES.set(imprimes)
    jeton_apostrophe = _APOSTROPHE.set(apostrophe)
    try:
        with budget_du_rendu():  # one budget for every part of the document (body, headers, footers, notes)
            gabarit.render(contexte, jinja_env=environnement_du_rendu())
    except ErreurRendu:
        raise
    except etree.XMLSyntaxError:
        raise _xml_casse(modele) from None
    except Exception as exc:  # raised by the template's code (Jinja names its line): the template's error
        if not isinstance(exc, TemplateError) and ligne_du_modele(exc) is None:
            raise
        raise modele_invalide(gabarit, exc, modele) from None
    finally:
        _IMPRIMES.reset(jeton)
        _APOSTROPHE.reset(jeton_apostrophe)
    _proprietes(gabarit, contexte, modele)
    # the parts the render leaves alone are the template's, as it stores them (parsed strictly once)
    parties = paquet.contenu(gabarit.docx.part.package, lu_du_modele)
    # python-docx's objects hold the rendered tree in reference cycles, which only a full (slow)
    # collection would free: empty the body now, before the written parts are parsed again,
    # rather than hold both trees at once
    gabarit.docx.element.body.clear()
    del gabarit
    # annex tables were adjusted on the tree
    modifiees, lu = verification.verifier_parties(paquet.a_verifier(parties), [], frozenset(), modele.name)
    donnees = paquet.zipper(parties, modifiees)
    del parties
    absents = wordxml.manquants(imprimes, lu)
    if absents:
        findings = []
        for morceau in absents[:10]:
            chemins = verification.chemins_valeur(contexte, morceau)
            ou = f" (valeur {', '.join(chemins[:3])})" if chemins else ""
            extrait = morceau if len(morceau) <= 120 else morceau[:117] + "…"
            findings.append(erreur(Lieu(str(modele)), f"le texte « {extrait} »{ou} manque dans le document rendu ; "
                                                       "rien n'a été écrit (anomalie du rendu, merci de la signaler)"))
        raise ErreurVerification(findings)
    for reste in _REFERENCE.finditer(lu):  # the last guard: a ${ only where a value wrote it ($${)
        if not verification.chemins_valeur(contexte, reste.group()):
            raise ErreurVerification.de(f"le document rendu montre la référence non résolue « {reste.group()} » ; "
                                        "rien n'a été écrit", modele)
    return donnees


def _proprietes(gabarit: Any, contexte: dict[str, Any], modele: Path) -> None:
    """Document properties (title, subject, author) from the context."""
    import datetime as dt

    def une_ligne(texte: Any) -> str:
        return re.sub(r"\s+", " ", str(texte or "")).strip()[:255]

    _reconnaitre_proprietes(gabarit.docx.part.package)
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


def _reconnaitre_proprietes(paquet: Any) -> None:
    """Relate the core properties part with the relationship type python-docx knows.

    LibreOffice relates ``docProps/core.xml`` with another spelling of the type
    (``…/officedocument/2006/relationships/metadata/core-properties``);
    python-docx would not find the part and would add a second
    ``docProps/core.xml`` to the archive.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.parts.coreprops import CorePropertiesPart

    for rel in list(paquet.rels.values()):
        if rel.reltype != RT.CORE_PROPERTIES and rel.reltype.endswith("/metadata/core-properties") \
                and not rel.is_external and isinstance(rel.target_part, CorePropertiesPart):
            paquet.rels.add_relationship(RT.CORE_PROPERTIES, rel.target_part, rel.rId)
