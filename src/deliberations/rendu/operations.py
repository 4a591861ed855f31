"""Bounded operations of the sandbox: operators, filters and str methods refuse a result beyond the bound.

Each check runs before the value is computed (``'x' * 10**9``,
``a.replace('x', a)``, ``'{0}{0}'.format(a)``, ``l|join``): the size of the
result is estimated from the operands (:func:`~.bornes.taille`, which walks
containers without building their text). Filters spend the render's budget
for what they go through (:class:`~.bornes.Budget`). ``|safe`` and
``|urlize`` are refused, ``|e`` keeps a value as text: item text is always
printed as text, escaped once, when printed.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Sequence

from jinja2 import pass_environment, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.utils import _PassArg
from markupsafe import Markup

from deliberations.rendu import bornes
from deliberations.rendu.bornes import TAILLE_MAX_EXPRESSION, borner, taille
from deliberations.rendu.bornes import trop_grand as _trop_grand

#: the largest integer (bits) one template expression may build
_BITS_MAX = 100_000


_LARGEUR_POURCENT = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


def _est_entier(valeur: Any) -> bool:
    return isinstance(valeur, int) and not isinstance(valeur, bool)


def _trop_long(chiffres: str) -> bool:
    return len(chiffres) > 7 or int(chiffres) > TAILLE_MAX_EXPRESSION


def borner_operation(operateur: str, gauche: Any, droite: Any) -> None:
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
    if isinstance(arguments, dict):
        valeurs = tuple(arguments.values())
    _borner_champs(gabarit, gabarit.count("%"), valeurs, "« % »")


def _borner_champs(gabarit: str, champs: int, valeurs: Sequence[Any], quoi: str) -> None:
    """``'%s%s%s' % (a, a, a)``, ``'{0}{0}'.format(a)``: at most ``champs`` values, each as long as the longest."""
    if champs and valeurs:
        plus_longue = max(taille(v) for v in valeurs)
        if len(gabarit) + champs * plus_longue > TAILLE_MAX_EXPRESSION:
            raise _trop_grand(quoi)


def borner_accolades(gabarit: str, valeurs: Sequence[Any]) -> None:
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
    _borner_champs(gabarit, sum(1 for _, champ, _, _ in champs if champ is not None), valeurs, "« format »")


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


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    from jinja2.utils import generate_lorem_ipsum

    if (_est_entier(n) and n > 100) or (_est_entier(max) and max > 1000):
        raise SecurityError("lipsum() : au plus 100 paragraphes de 1 000 mots")
    return generate_lorem_ipsum(n, html, min, max)


def joindre_borne(joindre: Any) -> Any:
    """Jinja's ``~`` (``markup_join`` or ``str_join``), refusing a result beyond the bound before building it."""

    def joint(morceaux: Any) -> str:
        morceaux = tuple(morceaux)
        if sum(taille(m) for m in morceaux) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« ~ »")
        return joindre(morceaux)

    return joint


def concatener(morceaux: Any) -> str:
    """Jinja's ``concat`` (the output of a template, a macro, a block), refusing an output beyond the bound."""
    morceaux = morceaux if isinstance(morceaux, list) else list(morceaux)
    longueur = sum(map(len, morceaux))
    if longueur > bornes.TAILLE_MAX_SORTIE:
        raise SecurityError(f"document rendu trop grand : plus de {bornes.TAILLE_MAX_SORTIE:,} caractères"
                            .replace(",", " "))
    return "".join(morceaux)



#: filters that print their value as text (a container is measured before it is turned into text)
_EN_TEXTE = frozenset({"string", "tojson", "pprint", "urlencode", "xmlattr", "e", "escape", "forceescape", "upper",
                       "lower", "title", "capitalize", "trim", "striptags", "truncate", "wordwrap", "wordcount",
                       "center", "indent", "replace", "join", "format", "list"})

#: filters refused: their output would be read as WordprocessingML, not as text
FILTRES_REFUSES = {
    "safe": "« |safe » interdit : le texte d'un point est toujours imprimé comme du texte, jamais comme du code "
            "Word (retirez |safe)",
    "urlize": "« |urlize » interdit : un document Word n'imprime pas de liens HTML (retirez |urlize)",
}


def _refuse(nom: str) -> Any:
    message = FILTRES_REFUSES[nom]

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise SecurityError(message)

    return refuse


@pass_eval_context
def _remplacer(contexte: Any, texte: Any, ancien: Any, nouveau: Any, count: Any = None) -> Any:
    from jinja2.filters import do_replace

    if isinstance(texte, str) and isinstance(ancien, str) and isinstance(nouveau, str) and len(nouveau) > len(ancien):
        fois = texte.count(ancien) if ancien else len(texte) + 1
        if _est_entier(count) and count >= 0:
            fois = min(fois, count)
        if len(texte) + fois * (len(nouveau) - len(ancien)) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« |replace »")
    return do_replace(contexte, texte, ancien, nouveau, count)


@pass_eval_context
def _joindre_filtre(contexte: Any, valeur: Any, d: str = "", attribute: Any = None) -> str:
    from jinja2.filters import sync_do_join

    if not isinstance(valeur, (str, list, tuple, set, frozenset, dict)):
        valeur = list(bornes.compter_les_tours(valeur))  # a generator (|map, |select…): measured once it is a list
    if attribute is None and not isinstance(valeur, str):
        if taille(valeur) + taille(d) * len(valeur) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« |join »")
    resultat = sync_do_join(contexte, valeur, d, attribute)
    if len(resultat) > TAILLE_MAX_EXPRESSION:
        raise _trop_grand("« |join »")
    return resultat


def _indenter(texte: Any, width: Any = 4, first: bool = False, blank: bool = False) -> str:
    from jinja2.filters import do_indent

    largeur = width if _est_entier(width) else len(width) if isinstance(width, str) else 0
    if isinstance(texte, str) and len(texte) + (texte.count("\n") + 1) * abs(largeur) > TAILLE_MAX_EXPRESSION:
        raise _trop_grand("« |indent »")
    return do_indent(texte, width, first, blank)


@pass_eval_context
def _en_json(contexte: Any, valeur: Any, indent: Any = None) -> Any:
    from jinja2.filters import do_tojson

    if _est_entier(indent) and indent > 100:  # as many spaces again at every item: 100 is plenty
        raise _trop_grand("« |tojson »")
    borner(valeur, "« |tojson »")
    resultat = do_tojson(contexte, valeur, indent)
    if len(resultat) > TAILLE_MAX_EXPRESSION:
        raise _trop_grand("« |tojson »")
    return resultat


@pass_environment
def _sommer(contexte: Any, valeur: Any, attribute: Any = None, start: Any = 0) -> Any:
    from jinja2.filters import sync_do_sum

    if not isinstance(start, (int, float)) or isinstance(start, bool):
        borner(valeur, "« |sum »")
    return sync_do_sum(contexte, valeur, attribute, start)


def _filtre_borne(nom: str, filtre: Any) -> Any:
    """Jinja's filter ``nom``, spending the budget for what it goes through; a container measured before text."""
    passe = 1 if _PassArg.from_obj(filtre) is not None else 0
    en_texte = nom in _EN_TEXTE

    @functools.wraps(filtre)
    def borne(*args: Any, **kwargs: Any) -> Any:
        valeur = args[passe] if len(args) > passe else None
        courant = bornes.budget()
        if courant is not None:
            courant.travailler(len(valeur) if isinstance(valeur, (str, list, tuple, dict, set, frozenset)) else 1)
        if en_texte and not isinstance(valeur, str):
            borner(valeur, f"« |{nom} »")
        return filtre(*args, **kwargs)

    return borne


#: the str methods whose result may outgrow their string
METHODES = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "join", "replace"})


def borner_methode(methode: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """``'x'.ljust(10**9)``, ``'-'.join(liste)``, ``s.replace('x', s)``: refused beyond the bound; the arguments to call with."""
    texte, nom = methode.__self__, methode.__name__
    if nom in ("center", "ljust", "rjust", "zfill"):
        if args and _est_entier(args[0]) and args[0] > TAILLE_MAX_EXPRESSION:
            raise _trop_grand(f"« {nom} »")
    elif nom == "expandtabs":
        largeur = args[0] if args and _est_entier(args[0]) else 8
        if len(texte) + texte.count("\t") * largeur > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« expandtabs »")
    elif nom == "join" and args:
        elements = args[0]
        if not isinstance(elements, (str, list, tuple, set, frozenset, dict)):
            elements = list(bornes.compter_les_tours(elements))  # a generator: measured once it is a list
            args = (elements, *args[1:])
        if taille(elements) + len(texte) * len(elements) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« join »")
    elif nom == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        fois = texte.count(args[0]) if args[0] else len(texte) + 1
        if len(texte) + fois * max(len(args[1]) - len(args[0]), 0) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« replace »")
    return args




def _echapper(valeur: Any) -> Any:
    """``|e``, ``|escape``: a value stays text, escaped once when printed (typeset and verified like any other).

    Jinja's filter would return HTML-escaped ``Markup`` that the printing
    passes through as is: neither typeset, nor verified. The output of the
    template itself (a macro, a ``{% set %}`` block) is kept as it is.
    """
    return valeur if isinstance(valeur, (str, Markup)) else str(valeur)


def _echapper_toujours(valeur: Any) -> str:
    """``|forceescape``: the value as text, even the output of the template itself (its Word code shows as text)."""
    return str(valeur)


def installer(filtres: dict[str, Any]) -> None:
    """Jinja's filters in ``filtres`` made bounded; ``|safe`` and ``|urlize`` refused; ``|e`` prints text."""
    from jinja2.filters import do_center, sync_do_slice

    filtres.update(center=_borne("center", do_center, "width"), indent=_borne("indent", _indenter, "width"),
                   slice=_borne("slice", sync_do_slice, "slices"), format=_format, replace=_remplacer,
                   join=_joindre_filtre, sum=_sommer, tojson=_en_json, e=_echapper, escape=_echapper,
                   forceescape=_echapper_toujours)
    for nom in list(filtres):
        filtres[nom] = _filtre_borne(nom, filtres[nom])
    filtres.update((nom, _refuse(nom)) for nom in FILTRES_REFUSES)

