"""WordprocessingML post-processing and reading, with lxml only.

The renderer (:mod:`deliberations.rendering`) uses these functions on the
rendered parts of a ``.docx``, in one pass each:

- :func:`analyser` parses a part strictly (no recovery: a broken part is an
  error, never silently repaired);
- :func:`exposants` puts the « er » of « 1er juillet » (and « 1re », and
  « article 1er ») in superscript, splitting the run;
- :func:`ajuster_grille` makes a table's grid match its cells after a
  ``{%tc %}`` column loop;
- :func:`ajuster_tableaux` right-aligns the amount columns of the annex tables
  and sizes their columns from their content;
- :func:`texte` reads a part's text back, paragraphs and line breaks as
  ``\\n``, tabs as ``\\t``.

Nothing here knows about templates or the domain model.
"""

from __future__ import annotations

import copy
import re
from typing import Collection, Iterable, Sequence

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w("p")`` → ``{…/main}p``."""
    return f"{{{W}}}{tag}"


W_P, W_R, W_T, W_TAB, W_BR, W_CR = w("p"), w("r"), w("t"), w("tab"), w("br"), w("cr")
W_TBL, W_TR, W_TC, W_PPR, W_RPR, W_TCPR = w("tbl"), w("tr"), w("tc"), w("pPr"), w("rPr"), w("tcPr")
W_VAL, W_JC = w("val"), w("jc")

#: strict: no recovery, no entity expansion, large documents allowed
ANALYSEUR = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)


def analyser(donnees: bytes | str) -> etree._Element:
    """Parse one XML part strictly; raise ``lxml.etree.XMLSyntaxError`` if it is not well formed."""
    return etree.fromstring(donnees, ANALYSEUR)


def serialiser(racine: etree._Element) -> bytes:
    return etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------
# Schema order helpers

_APRES_JC = frozenset(w(t) for t in ("textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                                  "cnfStyle", "rPr", "sectPr", "pPrChange"))
_APRES_VERTALIGN = frozenset(w(t) for t in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"))


def _inserer_avant(parent: etree._Element, enfant: etree._Element, suivants: frozenset[str]) -> None:
    """Insert ``enfant`` before the first child whose tag is in ``suivants`` (else append)."""
    for position, existant in enumerate(parent):
        if existant.tag in suivants:
            parent.insert(position, enfant)
            return
    parent.append(enfant)


def _sous_element(parent: etree._Element, tag: str, premier: bool = False) -> etree._Element:
    element = parent.find(tag)
    if element is None:
        element = parent.makeelement(tag, {})
        if premier:
            parent.insert(0, element)
        else:
            parent.append(element)
    return element


def aligner(paragraphe: etree._Element, valeur: str) -> None:
    """Set the paragraph's justification (``left``, ``right``, ``center``, ``both``)."""
    ppr = paragraphe[0] if len(paragraphe) else None
    if ppr is None or ppr.tag != W_PPR:
        ppr = paragraphe.makeelement(W_PPR, {})
        paragraphe.insert(0, ppr)
    proprietes = ppr[:]
    for jc in proprietes:
        if jc.tag == W_JC:
            jc.set(W_VAL, valeur)
            return
    if not proprietes or proprietes[-1].tag not in _APRES_JC:
        etree.SubElement(ppr, W_JC, {W_VAL: valeur})  # made in place: cheaper than makeelement + append
    else:
        _inserer_avant(ppr, ppr.makeelement(W_JC, {W_VAL: valeur}), _APRES_JC)


# --------------------------------------------------------------------------
# « 1er » in superscript

_MOIS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
#: « 1er » / « 1re » before a month name, or after « article »
EXPOSANT = re.compile(
    rf"(?<![\w.,])1(er|re)(?=[ \u00a0\u202f]+(?:{_MOIS})\b)"
    r"|(?<=\b[Aa]rticle[ \u00a0\u202f])1(er)\b",
    re.IGNORECASE,
)


def _exposant_possible(contenu: str) -> bool:
    """Whether a text may hold a « 1er » or « 1re »: ``EXPOSANT`` matches these letters in either case only."""
    return "1e" in contenu or "1r" in contenu or "1E" in contenu or "1R" in contenu


def _exposant_rpr(rpr: etree._Element | None, run: etree._Element) -> etree._Element:
    nouveau = copy.deepcopy(rpr) if rpr is not None else run.makeelement(W_RPR, {})
    for ancien in nouveau.findall(w("vertAlign")):
        nouveau.remove(ancien)
    va = nouveau.makeelement(w("vertAlign"), {W_VAL: "superscript"})
    _inserer_avant(nouveau, va, _APRES_VERTALIGN)
    return nouveau


def _t(run: etree._Element, texte: str) -> etree._Element:
    t = run.makeelement(W_T, {})
    t.text = texte
    if texte != texte.strip():
        t.set(XML_SPACE, "preserve")
    return t


def exposants(racine: etree._Element) -> int:
    """Superscript the « er »/« re » of « 1er janvier », « 1re », « article 1er »; return how many.

    The run holding the text is split in three (before, « er » with
    ``w:vertAlign w:val="superscript"``, after), each keeping the run's
    formatting; the text read back is unchanged.

    >>> from lxml import etree
    >>> p = analyser(f'<w:p xmlns:w="{W}"><w:r><w:t>le 1er juillet</w:t></w:r></w:p>')
    >>> exposants(p), texte(p)
    (1, '\\nle 1er juillet')
    >>> [r.find(W_RPR) is not None for r in p.iter(W_R)]
    [False, True, False]
    """
    total = 0
    candidats = [t for t in racine.iter(W_T) if (contenu := t.text) and _exposant_possible(contenu)]
    for t in candidats:
        contenu = t.text
        trouves = list(EXPOSANT.finditer(contenu))
        if not trouves:
            continue
        run = t.getparent()
        if run is None or run.tag != W_R:
            continue
        rpr = run.find(W_RPR)
        morceaux: list[tuple[str, bool]] = []  # (text, superscript)
        debut = 0
        for m in trouves:
            groupe = 1 if m.group(1) else 2
            morceaux.append((contenu[debut:m.start(groupe)], False))
            morceaux.append((m.group(groupe), True))
            debut = m.end(groupe)
        morceaux.append((contenu[debut:], False))

        enfants = list(run)
        index = enfants.index(t)
        apres = enfants[index + 1:]
        # the original run keeps everything before t, plus the first piece
        premier = morceaux[0][0]
        if premier:
            t.text = premier
            if premier != premier.strip():
                t.set(XML_SPACE, "preserve")
        else:
            run.remove(t)
        for element in apres:
            run.remove(element)
        precedent = run
        for position, (morceau, haut) in enumerate(morceaux[1:], start=1):
            dernier = position == len(morceaux) - 1
            if not morceau and not (dernier and apres):
                continue
            nouveau = run.makeelement(W_R, dict(run.attrib))
            if haut:
                nouveau.append(_exposant_rpr(rpr, run))
            elif rpr is not None:
                nouveau.append(copy.deepcopy(rpr))
            if morceau:
                nouveau.append(_t(run, morceau))
            if dernier:
                for element in apres:
                    nouveau.append(element)
            precedent.addnext(nouveau)
            precedent = nouveau
        total += len(trouves)
    return total


# --------------------------------------------------------------------------
# Tables


W_GRIDSPAN, W_TCW, W_W, W_TYPE = w("gridSpan"), w("tcW"), w("w"), w("type")


def _largeur_cellule(tc: etree._Element) -> int:
    """How many grid columns a cell spans."""
    tcpr = tc.find(W_TCPR)
    if tcpr is not None:
        span = tcpr.find(W_GRIDSPAN)
        if span is not None:
            try:
                return max(1, int(span.get(W_VAL, "1")))
            except ValueError:
                return 1
    return 1


def _colonnes_rangees(tbl: etree._Element) -> int:
    """Grid columns used by the widest row."""
    if tbl.find(f".//{W_GRIDSPAN}") is None:
        return max((len(tr.findall(W_TC)) for tr in tbl.iterchildren(W_TR)), default=0)
    return max((sum(_largeur_cellule(tc) for tc in tr.iterchildren(W_TC)) for tr in tbl.iterchildren(W_TR)),
               default=0)


_NS = {"w": W}


def _poser_largeur(tc: etree._Element, largeur: str) -> None:
    """Set a cell's ``w:tcW`` (twips), creating ``w:tcPr`` and ``w:tcW`` first if needed."""
    tcpr = tc[0] if len(tc) and tc[0].tag == W_TCPR else None
    if tcpr is None:
        tcpr = tc.makeelement(W_TCPR, {})
        tc.insert(0, tcpr)
    tcw = tcpr[0] if len(tcpr) and tcpr[0].tag == W_TCW else None
    if tcw is None:
        tcw = tcpr.makeelement(W_TCW, {})
        tcpr.insert(0, tcw)
    tcw.set(W_W, largeur)
    tcw.set(W_TYPE, "dxa")


def _definir_largeurs(tbl: etree._Element, largeurs: list[int]) -> None:
    """Rewrite ``w:tblGrid`` and every cell's ``w:tcW`` (twips)."""
    _definir_grille(tbl, largeurs)
    fusions = tbl.find(f".//{W_GRIDSPAN}") is not None
    textes = [str(l) for l in largeurs]
    for tr in tbl.iterchildren(W_TR):
        colonne = 0
        for tc in tr.iterchildren(W_TC):
            span = _largeur_cellule(tc) if fusions else 1
            if span == 1 and colonne < len(textes):
                largeur = textes[colonne]
            else:
                largeur = str(sum(largeurs[colonne:colonne + span]))
            colonne += span
            _poser_largeur(tc, largeur)


def _definir_grille(tbl: etree._Element, largeurs: list[int]) -> None:
    """Rewrite ``w:tblGrid``: one ``w:gridCol`` per width (twips)."""
    grille = tbl.find(w("tblGrid"))
    if grille is None:
        grille = tbl.makeelement(w("tblGrid"), {})
        tblpr = tbl.find(w("tblPr"))
        if tblpr is not None:
            tblpr.addnext(grille)
        else:
            tbl.insert(0, grille)
    for col in list(grille):
        grille.remove(col)
    for largeur in largeurs:
        grille.append(grille.makeelement(w("gridCol"), {W_W: str(largeur)}))


def _largeur_totale(tbl: etree._Element) -> int:
    grille = tbl.find(w("tblGrid"))
    total = 0
    if grille is not None:
        for col in grille.iterchildren(w("gridCol")):
            try:
                total += int(float(col.get(W_W, "0")))
            except ValueError:
                pass
    return total or 9638  # 17 cm


def ajuster_grille(tbl: etree._Element) -> bool:
    """After a ``{%tc %}`` column loop, give the grid as many columns as the widest row.

    The table keeps its total width, shared equally. Returns whether the
    grid changed.
    """
    grille = tbl.find(w("tblGrid"))
    colonnes = 0 if grille is None else len(grille.findall(w("gridCol")))
    cellules = _colonnes_rangees(tbl)
    if cellules == 0 or cellules == colonnes:
        return False
    total = _largeur_totale(tbl)
    base, reste = divmod(total, cellules)
    _definir_largeurs(tbl, [base + (1 if k < reste else 0) for k in range(cellules)])
    return True


def _texte_cellule(tc: etree._Element) -> str:
    return "".join(t.text or "" for t in tc.iter(W_T))


def style_tableau(tbl: etree._Element) -> str | None:
    """The table style id of a ``w:tbl`` (``None`` without style)."""
    tblpr = tbl.find(w("tblPr"))
    if tblpr is None:
        return None
    style = tblpr.find(w("tblStyle"))
    return None if style is None else style.get(W_VAL)


def _est_entete(tr: etree._Element) -> bool:
    trpr = tr.find(w("trPr"))
    return trpr is not None and trpr.find(w("tblHeader")) is not None


def _besoins(lignes: list[list[str]], entetes: list[str], alignements: Sequence[str]) -> list[float]:
    """Width each column needs, in characters: content length, the header's longest word."""
    besoins = []
    for k, alignement in enumerate(alignements):
        contenu = max((len(ligne[k]) for ligne in lignes if k < len(ligne)), default=0)
        mot = max((len(m) for m in entetes[k].split()), default=0) if k < len(entetes) else 0
        if alignement == "droite":
            besoin = max(contenu + 1, mot + 1, 6)
        else:
            besoin = min(max(contenu, mot + 1, 8), 42)
        besoins.append(float(besoin))
    return besoins


#: a row without exactly $n cells
_RANGEE_IRREGULIERE = etree.XPath("boolean(w:tr[count(w:tc) != $n])", namespaces=_NS)
#: header rows (``w:trPr/w:tblHeader``)
_RANGEES_ENTETE = etree.XPath("w:tr[w:trPr[1]/w:tblHeader]", namespaces=_NS)


def ajuster_tableaux(racine: etree._Element, alignements: list[Sequence[str]], styles: Collection[str],
                     echantillon: int = 400) -> int:
    """Align and size the annex tables (tables whose style id is one of ``styles``, in order).

    ``alignements[i]`` gives, for the i-th such table, each column's
    alignment (``"droite"`` or ``"gauche"``). Cells of right-aligned columns
    are right-aligned, except in header rows; column widths follow the
    content (the first ``echantillon`` rows and the last ones are measured).
    A table with a row of another number of cells only gets its grid fixed
    (:func:`ajuster_grille`). Returns the number of tables adjusted.
    """
    tables = [tbl for tbl in racine.iter(W_TBL) if style_tableau(tbl) in styles]
    for tbl in tables[len(alignements):]:  # more such tables than specifications: grid only
        ajuster_grille(tbl)
    faits = 0
    for tbl, colonnes in zip(tables, alignements):
        if _RANGEE_IRREGULIERE(tbl, n=len(colonnes)):
            _ajuster_rangee_par_rangee(tbl, colonnes, echantillon)
        else:
            _ajuster_tableau(tbl, colonnes, echantillon)
        faits += 1
    return faits


def _ajuster_tableau(tbl: etree._Element, colonnes: Sequence[str], echantillon: int) -> None:
    """:func:`ajuster_tableaux` for one table whose rows all have one cell per column.

    The sampled rows are measured first; then one pass over the rows sets
    each cell's width and aligns its paragraphs (no cell is visited twice).
    """
    rangees = list(tbl.iterchildren(W_TR))
    entete = _RANGEES_ENTETE(tbl)
    entetes = [_texte_cellule(tc) for tc in entete[-1].iterchildren(W_TC)] if entete else []
    exclues = set(entete)
    dernieres = max(len(rangees) - 3, echantillon)
    mesurees = [[_texte_cellule(tc) for tc in tr.iterchildren(W_TC)]
                for tr in (*rangees[:echantillon], *rangees[dernieres:]) if tr not in exclues]
    largeurs = _largeurs(tbl, mesurees, entetes, colonnes)
    if tbl.find(f".//{W_GRIDSPAN}") is not None:  # merged cells: widths by grid position
        _aligner_colonnes(rangees, exclues, colonnes)
        _definir_largeurs(tbl, largeurs)
        return
    _definir_grille(tbl, largeurs)
    cellules = [(str(largeur), alignement == "droite") for largeur, alignement in zip(largeurs, colonnes)]
    for tr in rangees:
        corps = tr not in exclues
        for (largeur, droite), tc in zip(cellules, tr.iterchildren(W_TC)):
            enfants = tc[:]
            tcpr = enfants[0] if enfants else None
            tcw = tcpr[0] if tcpr is not None and tcpr.tag == W_TCPR and len(tcpr) else None
            if tcw is not None and tcw.tag == W_TCW:
                tcw.set(W_W, largeur)
                tcw.set(W_TYPE, "dxa")
            else:
                _poser_largeur(tc, largeur)
            if droite and corps:
                for p in enfants:
                    if p.tag == W_P:
                        aligner(p, "right")


def _aligner_colonnes(rangees: list[etree._Element], exclues: set[etree._Element], colonnes: Sequence[str]) -> None:
    for tr in rangees:
        if tr not in exclues:
            for tc, alignement in zip(tr.iterchildren(W_TC), colonnes):
                if alignement == "droite":
                    for p in tc.iterchildren(W_P):
                        aligner(p, "right")


#: twips per character of a 10-point figure (bold or not), and a cell's two margins
_TWIPS_PAR_CHIFFRE, _MARGES_CELLULE = 95, 170


def _largeurs(tbl: etree._Element, mesurees: list[list[str]], entetes: list[str], colonnes: Sequence[str]) -> list[int]:
    """Column widths (twips): right-aligned columns get their longest content's width when all fit in 4/5
    of the table, text columns sharing the rest; otherwise each column a share in proportion to its need."""
    besoins, total = _besoins(mesurees, entetes, colonnes), _largeur_totale(tbl)
    fixes = {k: int(b * _TWIPS_PAR_CHIFFRE + _MARGES_CELLULE) for k, b in enumerate(besoins) if colonnes[k] == "droite"}
    textes = sum(b for k, b in enumerate(besoins) if k not in fixes)
    if fixes and textes and sum(fixes.values()) <= total * 4 / 5:
        reste = total - sum(fixes.values())
        largeurs = [fixes[k] if k in fixes else int(reste * b / textes) for k, b in enumerate(besoins)]
    else:
        largeurs = [int(total * b / sum(besoins)) for b in besoins]
    largeurs[-1] += total - sum(largeurs)
    return largeurs


def _ajuster_rangee_par_rangee(tbl: etree._Element, colonnes: Sequence[str], echantillon: int) -> None:
    """:func:`ajuster_tableaux` for one table, row by row, up to a row of another number of cells."""
    n = len(colonnes)
    rangees = list(tbl.iterchildren(W_TR))
    mesurees: list[list[str]] = []
    entetes: list[str] = []
    for position, tr in enumerate(rangees):
        cellules = list(tr.iterchildren(W_TC))
        if len(cellules) != n:
            ajuster_grille(tbl)
            return
        if _est_entete(tr):
            entetes = [_texte_cellule(tc) for tc in cellules]
            continue
        if position < echantillon or position >= len(rangees) - 3:
            mesurees.append([_texte_cellule(tc) for tc in cellules])
        for tc, alignement in zip(cellules, colonnes):
            if alignement == "droite":
                for p in tc.iterchildren(W_P):
                    aligner(p, "right")
    _definir_largeurs(tbl, _largeurs(tbl, mesurees, entetes, colonnes))


# --------------------------------------------------------------------------
# Reading back


def texte(racine: etree._Element) -> str:
    """The text of a part: each paragraph starts with ``\\n``; breaks ``\\n``, tabs ``\\t``.

    Table cells are made of paragraphs, so every cell's text is on its own
    line. Tab stops (``w:tabs/w:tab``) are not text and are skipped.

    >>> texte(analyser(f'<w:p xmlns:w="{W}"><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>'))
    '\\na\\tb\\nc'
    """
    return lire(racine)[0]


def lire(racine: etree._Element) -> tuple[str, bool]:
    """:func:`texte`, and whether :func:`exposants` may find anything to do, in one pass.

    >>> lire(analyser(f'<w:p xmlns:w="{W}"><w:r><w:t>le 1er mai</w:t></w:r></w:p>'))
    ('\\nle 1er mai', True)
    """
    morceaux: list[str] = []
    ajouter = morceaux.append
    exposant = False
    for element in racine.iter(W_P, W_T, W_TAB, W_BR, W_CR):
        tag = element.tag
        if tag == W_T:
            contenu = element.text
            if contenu:
                ajouter(contenu)
                if not exposant and _exposant_possible(contenu):
                    exposant = True
        elif tag == W_P:
            ajouter("\n")
        elif element.getparent().tag == W_R:  # a tab character or a break, not a tab stop
            ajouter("\t" if tag == W_TAB else "\n")
    return "".join(morceaux), exposant


def manquants(valeurs: Iterable[str], lu: str) -> list[str]:
    """The pieces of ``valeurs`` (split on line breaks and tabs) absent from the text ``lu``.

    A piece is found when it is a whole line or cell of ``lu`` (set lookup)
    or, failing that, a substring of it.

    >>> manquants(["a & b", "x\\ny", "absent"], "\\na & b\\nx\\ty\\ncompris")
    ['absent']
    """
    segments = {s.strip() for s in re.split(r"[\n\t]", lu)}
    absents: list[str] = []
    vus: set[str] = set()
    for valeur in valeurs:
        for morceau in re.split(r"[\n\t]", valeur):
            morceau = morceau.strip()
            if not morceau or morceau in vus:
                continue
            vus.add(morceau)
            if morceau not in segments and morceau not in lu:
                absents.append(morceau)
    return absents
