"""Blocks that must not split across pages, set on the rendered body.

A print shop keeps together what a reader reads as one thing. Word and
LibreOffice do it when paragraphs say so (``keepNext``: keep with the next
paragraph; ``cantSplit``: a table row never split); this module says so on the
rendered tree, where the last decision and the last rows of a table are known:

- the signature block keeps with the decision before it and with the vote and
  date boxes after it;
- the totals row of a table keeps with the rows before it, and no row splits.

The titles (``keepNext`` in their styles), the repeated header rows
(``tblHeader``) and widow and orphan control (``widowControl``) are the
templates' own.
"""

from __future__ import annotations

from typing import Collection

from lxml import etree

from deliberations.rendu import wordxml

W_KEEPNEXT, W_CANTSPLIT, W_TRPR, W_PSTYLE = wordxml.w("keepNext"), wordxml.w("cantSplit"), wordxml.w("trPr"), \
    wordxml.w("pStyle")

#: the pPr children that come before keepNext (OOXML sequence)
_AVANT_KEEPNEXT = frozenset({wordxml.w("pStyle")})


def _style(paragraphe: etree._Element) -> str | None:
    ppr = paragraphe.find(wordxml.W_PPR)
    style = ppr.find(W_PSTYLE) if ppr is not None else None
    return style.get(wordxml.W_VAL) if style is not None else None


def garder_avec_la_suite(paragraphe: etree._Element) -> None:
    """Give a paragraph ``keepNext`` (keep with the next one)."""
    ppr = paragraphe.find(wordxml.W_PPR)
    if ppr is None:
        ppr = etree.SubElement(paragraphe, wordxml.W_PPR)
        paragraphe.insert(0, ppr)
    if ppr.find(W_KEEPNEXT) is None:
        style = ppr.find(W_PSTYLE)
        element = etree.Element(W_KEEPNEXT)
        if style is not None:
            style.addnext(element)
        else:
            ppr.insert(0, element)


def _rangee_insecable(tr: etree._Element) -> None:
    trpr = tr.find(W_TRPR)
    if trpr is None:
        trpr = etree.Element(W_TRPR)
        premier = tr.find(wordxml.w("tblPrEx"))
        (premier.addnext if premier is not None else lambda e: tr.insert(0, e))(trpr)
    if trpr.find(W_CANTSPLIT) is None:
        trpr.insert(0, etree.Element(W_CANTSPLIT))


def _signe(element: etree._Element, styles_signature: Collection[str]) -> bool:
    """A signature paragraph, or a table of signatures side by side."""
    if element.tag == wordxml.W_P:
        return _style(element) in styles_signature
    return element.tag == wordxml.W_TBL and any(_style(p) in styles_signature for p in element.iter(wordxml.W_P))


def garder_la_signature(corps: etree._Element, styles_signature: Collection[str]) -> bool:
    """Keep the signature block with the decision before it and the boxes (tables) right after it.

    Signatures side by side (a table of signature paragraphs) are one block:
    their row never splits and keeps with what follows, like a signature
    paragraph.
    """
    enfants = list(corps)
    debut = next((k for k, e in enumerate(enfants) if _signe(e, styles_signature)), None)
    if debut is None:
        return False
    for precedent in reversed(enfants[:debut]):  # the last decision: the last paragraph with text before
        if precedent.tag == wordxml.W_P and "".join(t.text or "" for t in precedent.iter(wordxml.W_T)).strip():
            garder_avec_la_suite(precedent)
            break
    signature, suite = enfants[debut], enfants[debut:]
    if signature.tag == wordxml.W_TBL:
        for tr in signature.iter(wordxml.W_TR):
            _rangee_insecable(tr)
        for paragraphe in signature.iter(wordxml.W_P):
            garder_avec_la_suite(paragraphe)
        suite = enfants[debut + 1:]
    tableaux = 0
    for element in suite:
        if element.tag == wordxml.W_P:
            texte = "".join(t.text or "" for t in element.iter(wordxml.W_T)).strip()
            if element is not signature and (texte or tableaux >= 2):
                break  # the boxes are the tables right after the signature: an annex or a text ends them
            garder_avec_la_suite(element)
        elif element.tag == wordxml.W_TBL:
            tableaux += 1
            for tr in element.iter(wordxml.W_TR):
                _rangee_insecable(tr)
            if tableaux == 1:  # the vote box keeps with the date box after it
                for paragraphe in element.iter(wordxml.W_P):
                    garder_avec_la_suite(paragraphe)
        else:
            break
    return True


def garder_les_totaux(tbl: etree._Element, styles_totaux: Collection[str]) -> None:
    """No row of the table splits; the row before the totals keeps with them.

    The totals row is the last one, when one of its paragraphs has a style id
    of ``styles_totaux``.
    """
    rangees = [tr for tr in tbl if tr.tag == wordxml.W_TR]
    for tr in rangees:
        _rangee_insecable(tr)
    if len(rangees) >= 2 and any(_style(p) in styles_totaux for p in rangees[-1].iter(wordxml.W_P)):
        for paragraphe in rangees[-2].iter(wordxml.W_P):
            garder_avec_la_suite(paragraphe)
