"""Values → WordprocessingML text: escaping, line breaks, tabs; the record of printed values."""

from __future__ import annotations

import contextvars
import re
from typing import Any

from jinja2 import (
    pass_eval_context,
)
from markupsafe import Markup, escape

from deliberations.erreurs import ErreurRendu
from deliberations.langue.typographie import Apostrophe, typographier

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


def normaliser(valeur: str) -> str:
    return valeur.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")


#: any character :func:`texte_word` changes or refuses (a value without one is printed as is)
_A_TRAITER = re.compile(r"[\x00-\x1f&<>\"'{}\ufffe\uffff\ud800-\udfff]")


#: the set printed values are added to, for the render under way (see :func:`rendre_docx`)
_IMPRIMES: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("imprimes", default=None)
#: the apostrophe style of the render under way; None: printed values are not typeset (template tooling)
_APOSTROPHE: contextvars.ContextVar[Apostrophe | None] = contextvars.ContextVar("apostrophe", default=None)


def imprimer(valeur: Any, imprimes: set[str] | None, apostrophe: Apostrophe | None = None) -> Any:
    """Jinja's ``finalize``: a printed value as Word text (:func:`texte_word`), its text added to ``imprimes``.

    With an ``apostrophe`` style, the value is first set in French typography
    (:func:`~deliberations.langue.typographie.typographier`): what is printed
    and verified is the typeset text; the item itself is never changed.
    """
    if valeur is None:
        return Markup("")
    if isinstance(valeur, Markup):
        return valeur
    texte = valeur if isinstance(valeur, str) else str(valeur)
    if apostrophe is not None:
        texte = typographier(texte, apostrophe=apostrophe)
    if _A_TRAITER.search(texte) is None:  # nothing to escape, break or refuse: the common case
        if imprimes is not None:
            imprimes.add(texte if type(texte) is str else normaliser(texte))
        return Markup(texte)
    sortie = texte_word(texte)
    if imprimes is not None:
        imprimes.add(normaliser(texte))
    return sortie


@pass_eval_context
def imprimer_dans_le_rendu(_contexte: Any, valeur: Any) -> Any:
    """:func:`imprimer` into the printed set of the render under way.

    Taking the evaluation context keeps Jinja from applying it to constants
    at compile time: a compiled template is reused by later renders.
    """
    return imprimer(valeur, _IMPRIMES.get(), _APOSTROPHE.get())
