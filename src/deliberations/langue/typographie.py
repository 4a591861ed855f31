"""French typography of printed text: the no-break spaces a print shop sets, one apostrophe.

Word inserts them as one types French; a generated document gets them here,
at render time, never in what the user typed nor in what the checks compare.
:func:`typographier` changes only spaces and apostrophes:

- a narrow no-break space (U+202F) before « ; », « ! », « ? », and inside « » ;
- a no-break space (U+00A0) before « : », after « n° », « M. », « Mme », « art. »,
  between a number and its unit (€, %, k€, M€, euros, h), between a day and its
  month (« 14 septembre », « 1er janvier ») and in « Article 1er » ;
- a narrow no-break space inside the digit groups of a number (« 30 000 € »), as
  :func:`deliberations.langue.formats.montant` writes them ;
- one space where several were typed ;
- one apostrophe style: typographic (’) or straight (').

URLs, e-mail addresses and code-like words (``a:b``, ``x;y``, ``2021-VII-24``)
are left as they are.

>>> typographier("je vous propose : ")
'je vous propose\\xa0: '
>>> typographier("« Oui ! »")
'«\\u202fOui\\u202f!\\u202f»'
>>> typographier("un montant de 30 000 € ; voir https://exemple.fr/a:b")
'un montant de 30\\u202f000\\xa0€\\u202f; voir https://exemple.fr/a:b'
>>> typographier("l'acte", apostrophe="typographique")
'l’acte'
"""

from __future__ import annotations

import re
from typing import Any, Callable, Literal

#: apostrophe styles a collectivité may choose
Apostrophe = Literal["droite", "typographique"]

FINE = "\u202f"
INSECABLE = "\u00a0"
#: every space the pass may turn into another one (typed, or already no-break)
_ESPACES = " \u00a0\u202f"
_E = f"[{_ESPACES}]"

_MOIS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
         "decembre")

#: what is left as typed: URLs, e-mail addresses
#: stands for a protected segment while the rules run (a private-use character)
_MARQUE = "\ue000"
_PEUT_PROTEGER = re.compile(r"@|://|www\.", re.IGNORECASE)
_PROTEGES = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)

#: what may follow a high punctuation mark for it to be one (not « a;b », « 10:30 »)
_FIN = r"(?=[ \t\n\r]|$|[»)\]!?])"


def _un_espace(m: re.Match[str]) -> str:
    """Several spaces typed: one, a no-break one when one of them was."""
    return INSECABLE if INSECABLE in m.group(0) else FINE if FINE in m.group(0) else " "


def _groupes(m: re.Match[str]) -> str:
    return m.group(1) + re.sub(_E, FINE, m.group(2))


def _cherche(motif: str, drapeaux: int = 0) -> Callable[[str], bool]:
    """A guard: whether ``motif`` occurs in the text (a search is cheaper than the rule's substitution)."""
    recherche = re.compile(motif, drapeaux).search
    return lambda texte: recherche(texte) is not None


def _contient(signes: str) -> Callable[[str], bool]:
    return _cherche(f"[{re.escape(signes)}]")


#: (when the rule may apply, pattern, replacement), in order; each guard is a cheap necessary
#: condition of its pattern, so that the common cell (« Structure n° 12 ») runs one substitution
_REGLES: list[tuple[Callable[[str], bool], re.Pattern[str], Any]] = [
    (_cherche(f"{_E}{{2}}"), re.compile(f"(?<=\\S){_E}{{2,}}(?=\\S)"), _un_espace),
    # ; ! ? after a word: a narrow no-break space (where a space was typed, or none)
    (_contient(";!?"), re.compile(rf"(?<=[^\s{_ESPACES}!?;:«]){_E}?([;!?]){_FIN}"), lambda m: FINE + m.group(1)),
    # : after a word, a no-break space
    (_contient(":"), re.compile(rf"(?<=[^\s{_ESPACES}:;!?«]){_E}?:{_FIN}"), INSECABLE + ":"),
    # inside « »
    (_contient("«"), re.compile(rf"«{_E}*"), "«" + FINE),
    (_contient("»"), re.compile(rf"(?<=[^\s{_ESPACES}«]){_E}*»"), FINE + "»"),
    # after n°, M., Mme, art.; Article 1er
    (_contient("°M."), re.compile(rf"(?<!\w)([nN]°|M\.|MM\.|Mmes?|Mlles?|[aA]rt\.){_E}+(?=\S)"), lambda m: m.group(1) + INSECABLE),
    (_cherche("(?i:rticle)"), re.compile(rf"\b([aA]rticle|ARTICLE){_E}+(?=\d)"), lambda m: m.group(1) + INSECABLE),
    # the digit groups of a number typed in prose: 30 000, 1 234 567,89
    (_cherche(rf"\d{_E}\d"), re.compile(rf"(?<![\d.,])(\d{{1,3}})((?:{_E}\d{{3}})+)(?!\d)"), _groupes),
    # a number and its unit
    (_cherche(rf"\d{_E}+[€%kMeh]"), re.compile(rf"(?<=\d){_E}+(€|%|k€|M€|euros?\b|h\b)"), lambda m: INSECABLE + m.group(1)),
    # a day and its month: 14 septembre, 1er janvier
    (_cherche(rf"(?:\d|er){_E}+[^\W\d]", re.IGNORECASE),
     re.compile(rf"\b(\d{{1,2}}|1er){_E}+(?=(?:{_MOIS})\b)", re.IGNORECASE), lambda m: m.group(1) + INSECABLE),
]


_DROITE = re.compile(r"(?<=\w)'(?=\w)")
_COURBE = re.compile(r"(?<=\w)’(?=\w)")
#: a text without any of these is left as it is
_A_VOIR = re.compile(r"[ ;:!?«»'’]")


def _passe(morceau: str, apostrophe: Apostrophe) -> str:
    for peut_servir, motif, remplacement in _REGLES:
        if peut_servir(morceau):
            morceau = motif.sub(remplacement, morceau)
    if apostrophe == "typographique":
        return _DROITE.sub("’", morceau) if "'" in morceau else morceau
    return _COURBE.sub("'", morceau) if "’" in morceau else morceau


def typographier(texte: str, *, apostrophe: Apostrophe = "droite") -> str:
    """``texte`` with French no-break spaces and one apostrophe style; only spaces and apostrophes change."""
    if not _A_VOIR.search(texte):  # no space, punctuation or apostrophe a rule looks at: the common cell
        return texte
    if _MARQUE in texte:  # typed by someone: nothing can stand for a protected segment
        return _passe(texte, apostrophe)
    proteges: list[str] = []

    def mettre_de_cote(m: re.Match[str]) -> str:
        proteges.append(m.group(0))
        return _MARQUE

    # a URL or an address stands as one word while the rules run, then comes back as typed
    resultat = _passe(_PROTEGES.sub(mettre_de_cote, texte) if _PEUT_PROTEGER.search(texte) else texte, apostrophe)
    if proteges:
        restes = iter(proteges)
        resultat = re.sub(_MARQUE, lambda _: next(restes), resultat)
    return resultat
