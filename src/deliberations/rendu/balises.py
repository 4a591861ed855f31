"""Reading a Word template's parts: paragraphs, table cells and the Jinja tags in them, with their place as a reader counts it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from deliberations.rendu import wordxml

_PARTIES = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


_BALISE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


_PREFIXE = re.compile(r"^\{([{%#])(-?)(p|tr|tc|r)(?=\s)")


_CONTENEURS = {wordxml.w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "txbxContent")}


@dataclass
class Balise:
    """One Jinja tag of a template, where it is and how docxtpl will read it."""

    texte: str
    lieu: str
    #: ``{{``, ``{%`` or ``{#``
    genre: str
    #: docxtpl's level: "", "p", "tr", "tc" or "r"
    prefixe: str
    #: the tag as Jinja sees it (docxtpl's prefix removed)
    source: str
    #: innermost table cell: (table id, row, cell); None outside tables
    cellule: tuple[int, int, int] | None
    coupee: bool = False

    @property
    def mot(self) -> str:
        """The first word of a ``{% %}`` tag: for, endfor, if…"""
        m = re.match(r"\{%-?\s*(\w+)", self.source)
        return m.group(1) if m and self.genre == "{%" else ""


@dataclass
class _Partie:
    """The tags of one XML part and the problems found while reading it."""

    nom: str
    balises: list[Balise] = field(default_factory=list)
    problemes: list[tuple[str, str]] = field(default_factory=list)  # (place, message)
    #: places holding tags, in document order
    ordre: dict[str, int] = field(default_factory=dict)
    #: (place, text) of every paragraph, each tag replaced by « x »: the template's own text
    statiques: list[tuple[str, str]] = field(default_factory=list)
    #: (place, message) of the tags opened and never closed in their paragraph (also in :attr:`problemes`)
    non_fermees: list[tuple[str, str]] = field(default_factory=list)


def _nom_partie(nom: str) -> str:
    m = re.match(r"^word/(header|footer)(\d*)\.xml$", nom)
    if m:
        return f"{'en-tête' if m.group(1) == 'header' else 'pied de page'} {m.group(2) or 1}, "
    if nom.endswith("footnotes.xml"):
        return "notes de bas de page, "
    if nom.endswith("endnotes.xml"):
        return "notes de fin, "
    return ""


def lire_partie(nom: str, racine: Any) -> _Partie:
    partie = _Partie(nom)
    prefixe = _nom_partie(nom)
    tables = [0]

    def parcourir(element: Any, lieu: str, cellule: tuple[int, int, int] | None) -> None:
        paragraphes = [e for e in _enfants(element) if e.tag == wordxml.W_P]
        numero = 0
        compteur_tables = 0
        for enfant in _enfants(element):
            if enfant.tag == wordxml.W_P:
                numero += 1
                if cellule is None:
                    ici = f"{lieu}paragraphe {numero}"
                else:
                    ici = lieu.rstrip(", ") + (f", paragraphe {numero}" if len(paragraphes) > 1 else "")
                _lire_paragraphe(enfant, ici, cellule, partie)
            elif enfant.tag == wordxml.W_TBL:
                compteur_tables += 1
                tables[0] += 1
                ident = tables[0]
                for r, tr in enumerate(enfant.iterchildren(wordxml.W_TR)):
                    for c, tc in enumerate(tr.iterchildren(wordxml.W_TC)):
                        parcourir(tc, f"{lieu}tableau {compteur_tables}, ligne {r + 1}, cellule {c + 1}, ",
                                  (ident, r, c))

    corps = racine.find(wordxml.w("body"))
    parcourir(corps if corps is not None else racine, prefixe, None)
    return partie


def _enfants(element: Any) -> Iterator[Any]:
    """Children, looking through content controls and revision marks."""
    for enfant in element:
        if enfant.tag in _CONTENEURS:
            yield from _enfants(enfant)
        else:
            yield enfant


def _lire_paragraphe(p: Any, lieu: str, cellule: tuple[int, int, int] | None, partie: _Partie) -> None:
    morceaux = [t.text or "" for t in p.iter(wordxml.W_T)]
    texte = "".join(morceaux)
    if texte.strip():
        partie.statiques.append((lieu, _BALISE.sub("x", texte)))
    if "{" not in texte and "}" not in texte:
        return
    partie.ordre.setdefault(lieu, len(partie.ordre))
    fins = []
    total = 0
    for morceau in morceaux:
        total += len(morceau)
        fins.append(total)

    def run(position: int) -> int:
        return next(k for k, fin in enumerate(fins) if position < fin)

    reste = texte
    for m in _BALISE.finditer(texte):
        brut = m.group(0)
        genre = brut[:2]
        prefixe = ""
        source = brut
        p_ = _PREFIXE.match(brut)
        if p_:
            prefixe = p_.group(3)
            source = "{" + p_.group(1) + p_.group(2) + brut[p_.end():]
        balise = Balise(brut, lieu, genre, prefixe, source, cellule, coupee=run(m.start()) != run(m.end() - 1))
        partie.balises.append(balise)
        reste = reste.replace(brut, " " * len(brut), 1)
    for ouvrant, fermant in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
        if ouvrant in reste:
            debut = reste.index(ouvrant)
            extrait = texte[debut:debut + 40]
            message = (f"balise « {extrait}… » jamais fermée par « {fermant} » dans le "
                       "paragraphe (une balise tient dans un seul paragraphe)")
            probleme = (lieu, message)
            partie.problemes.append(probleme)
            partie.non_fermees.append(probleme)
        elif fermant in reste:
            partie.problemes.append((lieu, f"« {fermant} » sans « {ouvrant} » qui l'ouvre"))


#: the block tags and the tag closing each
OUVRANTS = {"for": "endfor", "if": "endif", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
            "with": "endwith", "raw": "endraw", "autoescape": "endautoescape", "block": "endblock", "set": "endset"}


#: the tags inside a block, and the blocks they may stand in
INTERMEDIAIRES = {"else": ("for", "if"), "elif": ("if",)}


def blocs_desequilibres(balises: list[Balise]) -> list[tuple[str, str]]:
    """(place, French message) of every block tag out of order: closed twice, never closed, crossed."""
    problemes: list[tuple[str, str]] = []
    pile: list[Balise] = []
    for balise in balises:
        mot = balise.mot
        if not mot or (mot == "set" and "=" in balise.source):
            continue
        if mot in OUVRANTS:
            pile.append(balise)
        elif mot in INTERMEDIAIRES:
            if not pile or pile[-1].mot not in INTERMEDIAIRES[mot]:
                ouverts = " ni ".join("{% " + o + " %}" for o in INTERMEDIAIRES[mot])
                problemes.append((balise.lieu, f"« {balise.texte} » sans {ouverts} ouvert avant"))
        elif mot.startswith("end"):
            if not pile:
                problemes.append((balise.lieu, f"« {balise.texte} » ferme un bloc qui n'a pas été ouvert"))
            elif OUVRANTS[pile[-1].mot] != mot:
                ouvert = pile.pop()
                attendu = OUVRANTS[ouvert.mot]
                message = f"« {balise.texte} » ferme « {ouvert.texte} » ({ouvert.lieu}), qui attend {{% {attendu} %}}"
                problemes.append((balise.lieu, message))
            else:
                pile.pop()
    for ouvert in pile:
        problemes.append((ouvert.lieu, f"« {ouvert.texte} » n'est jamais fermé (il manque {{% {OUVRANTS[ouvert.mot]} %}})"))
    return problemes
