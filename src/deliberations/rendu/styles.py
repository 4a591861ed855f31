"""The styles the renderer relies on in a template, found by their name.

A template author sees a style's **name** (« Tableau annexe ») in Word and
LibreOffice; the document refers to it by an **id**, which a re-save may
change (LibreOffice derives ids from names: « Début de signature » becomes
``Dbutdesignature``). The renderer therefore reads the template's
``word/styles.xml``, maps names to ids (:func:`identifiants`) and matches
the ids of the style named as in :data:`STYLES`; names compare without case
and spaces, and the id of the built-in templates is accepted too.

:data:`STYLES` is the one place where these styles are declared: their
name, what the renderer does with them, and when ``lint-template`` requires
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lxml import etree

from deliberations.rendu import wordxml


@dataclass(frozen=True)
class Style:
    """A style the renderer relies on."""

    #: the name Word and LibreOffice show
    nom: str
    #: ``w:type`` of the style: ``"table"`` or ``"paragraph"``
    genre: str
    #: its id in the built-in templates (accepted whatever its name)
    identifiant: str
    #: what a document rendered without it loses (French, for ``lint-template``)
    role: str
    #: required when the template's tags use this word (a variable or key); ``None``: optional
    requis_si: str | None = None


#: annex tables: amount columns right-aligned, column widths from their content
TABLEAU_ANNEXE = Style("Tableau annexe", "table", "TableauAnnexe",
                       "les tableaux d'annexe perdraient leur mise en forme (montants à droite, largeurs)",
                       requis_si="tableaux")
#: first paragraph of the signature block: it keeps with the last decision and the vote boxes
DEBUT_SIGNATURE = Style("Début de signature", "paragraph", "DebutSignature",
                        "la signature ne serait plus gardée avec la dernière décision et les cases de vote")
#: paragraphs of a table's totals row: it keeps with the rows before it
TOTAUX = Style("Totaux", "paragraph", "Totaux",
               "la ligne des totaux d'un tableau ne serait plus gardée avec les lignes qui la précèdent")

#: every style the renderer relies on
STYLES = (TABLEAU_ANNEXE, DEBUT_SIGNATURE, TOTAUX)


def cle(nom: str) -> str:
    """A style name as names compare: no case, no spaces.

    >>> cle("Tableau annexe") == cle("tableau  Annexe") == cle("TableauAnnexe")
    True
    """
    return "".join(nom.split()).casefold()


#: names of the styles of a template: (w:type, :func:`cle` of the name) → ids
Noms = Mapping[tuple[str, str], frozenset[str]]


def noms_des_styles(styles_xml: bytes | etree._Element | None) -> Noms:
    """Read ``word/styles.xml`` (bytes or parsed); ``None`` or unreadable: no style."""
    if styles_xml is None:
        return {}
    if isinstance(styles_xml, bytes):
        try:
            styles_xml = wordxml.analyser(styles_xml)
        except etree.XMLSyntaxError:
            return {}
    noms: dict[tuple[str, str], set[str]] = {}
    for style in styles_xml.iterchildren(wordxml.w("style")):
        nom, ident = style.find(wordxml.w("name")), style.get(wordxml.w("styleId"))
        if nom is not None and ident:
            noms.setdefault((style.get(wordxml.w("type"), "paragraph"), cle(nom.get(wordxml.W_VAL, ""))),
                            set()).add(ident)
    return {k: frozenset(v) for k, v in noms.items()}


def present(style: Style, noms: Noms) -> bool:
    """Whether the template defines ``style``: under its name, or with the built-in id."""
    return (style.genre, cle(style.nom)) in noms or any(
        genre == style.genre and style.identifiant in ids for (genre, _), ids in noms.items())


def identifiants(style: Style, noms: Noms) -> frozenset[str]:
    """The ids of ``style`` in a template: those of the styles of its name, and the built-in id."""
    return noms.get((style.genre, cle(style.nom)), frozenset()) | {style.identifiant}
