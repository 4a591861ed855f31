"""The Jinja environment templates render in: sandboxed, immutable, no loader, bounded, autoescaped, French filters."""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from typing import Any, Sequence

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    Template,
    nodes,
    pass_environment,
    pass_eval_context,
)
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.parser import Parser
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from jinja2.utils import _PassArg

from deliberations.calcul.references import en_euros
from deliberations.langue import formats
from deliberations.rendu import bornes
from deliberations.rendu.bornes import TAILLE_MAX_EXPRESSION, borner, taille
from deliberations.rendu.bornes import trop_grand as _trop_grand
from deliberations.rendu.texte import imprimer, imprimer_dans_le_rendu

#: the largest integer (bits) one template expression may build
_BITS_MAX = 100_000


_LARGEUR_POURCENT = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


class _AucunFichier(BaseLoader):
    """Templates read no other file: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise SecurityError(f"« {template} » : un modèle ne peut ni inclure, ni importer, ni étendre un autre modèle "
                            "ou fichier ({% include %}, {% import %} et {% extends %} sont interdits)")


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


def _joindre(joindre: Any) -> Any:
    """Jinja's ``~`` (``markup_join`` or ``str_join``), refusing a result beyond the bound before building it."""

    def joint(morceaux: Any) -> str:
        morceaux = tuple(morceaux)
        if sum(taille(m) for m in morceaux) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« ~ »")
        return joindre(morceaux)

    return joint


def _concatener(morceaux: Any) -> str:
    """Jinja's ``concat`` (the output of a template, a macro, a block), refusing an output beyond the bound."""
    morceaux = morceaux if isinstance(morceaux, list) else list(morceaux)
    longueur = sum(map(len, morceaux))
    if longueur > bornes.TAILLE_MAX_SORTIE:
        raise SecurityError(f"document rendu trop grand : plus de {bornes.TAILLE_MAX_SORTIE:,} caractères"
                            .replace(",", " "))
    return "".join(morceaux)


class _Gabarit(Template):
    """A compiled template whose ``~`` is bounded, rendered within a :class:`~.bornes.Budget`."""

    @classmethod
    def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Any = None) -> Any:
        espace = {"environment": environment, "__file__": code.co_filename}
        exec(code, espace)
        espace["markup_join"], espace["str_join"] = _MARKUP_JOIN, _STR_JOIN
        gabarit = cls._from_namespace(environment, espace, globals)
        gabarit._uptodate = uptodate
        return gabarit

    def render(self, *args: Any, **kwargs: Any) -> str:
        with bornes.budget_du_rendu():
            return super().render(*args, **kwargs)


_MARKUP_JOIN, _STR_JOIN = _joindre(markup_join), _joindre(str_join)


def _compter_les_tours(arbre: nodes.Template) -> nodes.Template:
    """Every ``{% for %}`` loop (and ``loop(…)`` of a recursive one) counts its turns against the budget."""
    compter = nodes.EnvironmentAttribute("compter_les_tours")
    for boucle in list(arbre.find_all(nodes.For)):
        boucle.iter = nodes.Call(compter, [boucle.iter], [], None, None, lineno=boucle.iter.lineno)
    for appel in list(arbre.find_all(nodes.Call)):
        if isinstance(appel.node, nodes.Name) and appel.node.name == "loop" and appel.args:
            appel.args[0] = nodes.Call(compter, [appel.args[0]], [], None, None, lineno=appel.lineno)
    return arbre


#: filters that print their value as text (a container is measured before it is turned into text)
_EN_TEXTE = frozenset({"string", "tojson", "pprint", "urlencode", "xmlattr", "e", "escape", "forceescape", "upper",
                       "lower", "title", "capitalize", "trim", "striptags", "truncate", "wordwrap", "wordcount",
                       "center", "indent", "replace", "join", "format", "list"})

#: filters refused: their output would be read as WordprocessingML, not as text
FILTRES_REFUSES = _REFUSES = {
    "safe": "« |safe » interdit : le texte d'un point est toujours imprimé comme du texte, jamais comme du code "
            "Word (retirez |safe)",
    "urlize": "« |urlize » interdit : un document Word n'imprime pas de liens HTML (retirez |urlize)",
}


def _refuse(nom: str) -> Any:
    message = _REFUSES[nom]

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

    if attribute is None and isinstance(valeur, (list, tuple, set, frozenset, dict)):
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
_METHODES = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "join", "replace"})


def _borner_methode(methode: Any, args: tuple[Any, ...]) -> None:
    """``'x'.ljust(10**9)``, ``'-'.join(liste)``, ``s.replace('x', s)``: refused beyond the bound."""
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
        if isinstance(elements, (list, tuple, set, frozenset, dict)) and \
                taille(elements) + len(texte) * len(elements) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« join »")
    elif nom == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        fois = texte.count(args[0]) if args[0] else len(texte) + 1
        if len(texte) + fois * max(len(args[1]) - len(args[0]), 0) > TAILLE_MAX_EXPRESSION:
            raise _trop_grand("« replace »")


#: the deepest a template's tree may nest (blocks within blocks, expressions within expressions)
PROFONDEUR_MAX = 50

_TROP_IMBRIQUE = ("balise trop imbriquée : trop de blocs, de parenthèses ou d'opérations les uns dans les autres "
                  "(simplifiez-la, ou découpez-la avec {% set %})")


def _trop_profond(arbre: nodes.Node) -> nodes.Node | None:
    """The first node nested deeper than :data:`PROFONDEUR_MAX` (walked without recursion), or None."""
    pile = [(arbre, 1)]
    while pile:
        noeud, profondeur = pile.pop()
        if profondeur > PROFONDEUR_MAX:
            return noeud
        pile.extend((enfant, profondeur + 1) for enfant in noeud.iter_child_nodes())
    return None


class _Bac(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, without any loader, with bounds on what one expression and one render may build."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = _Gabarit
    concat = staticmethod(_concatener)
    compter_les_tours = staticmethod(bornes.compter_les_tours)

    def __init__(self, **options: Any) -> None:
        from jinja2.filters import do_center, sync_do_slice

        super().__init__(loader=_AucunFichier(), **options)
        self.filters.update(center=_borne("center", do_center, "width"), indent=_borne("indent", _indenter, "width"),
                            slice=_borne("slice", sync_do_slice, "slices"), format=_format, replace=_remplacer,
                            join=_joindre_filtre, sum=_sommer)
        for nom in list(self.filters):
            self.filters[nom] = _filtre_borne(nom, self.filters[nom])
        self.filters.update((nom, _refuse(nom)) for nom in _REFUSES)
        self.globals["lipsum"] = _lipsum

    def _parse(self, source: str, name: Any, filename: Any) -> nodes.Template:
        analyseur = Parser(self, source, name, filename)
        try:
            arbre = analyseur.parse()
        except RecursionError:
            raise TemplateSyntaxError(_TROP_IMBRIQUE, analyseur.stream.current.lineno, name, filename) from None
        trop_profond = _trop_profond(arbre)
        if trop_profond is not None:
            raise TemplateSyntaxError(_TROP_IMBRIQUE, trop_profond.lineno or 1, name, filename)
        return arbre

    def _compile(self, source: str, filename: str) -> Any:
        try:
            return super()._compile(source, filename)
        except (RecursionError, MemoryError, SyntaxError):  # Python's own limits (nesting, indentation)
            raise TemplateSyntaxError(_TROP_IMBRIQUE, 1, None, filename) from None

    def _generate(self, source: Any, name: Any, filename: Any, defer_init: bool = False) -> str:
        if isinstance(source, nodes.Template):
            source = _compter_les_tours(source)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def call(__self, __context: Any, __obj: Any, /, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        courant = bornes.budget()
        if courant is not None:
            courant.faire_un_pas(bornes.PAS_PAR_APPEL)
        if type(getattr(__obj, "__self__", None)) is str and getattr(__obj, "__name__", "") in _METHODES:
            _borner_methode(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

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


#: the French filters of :mod:`deliberations.langue.formats`
FILTRES_FRANCAIS = ("montant", "montant_en_lettres", "nombre_en_lettres", "date_longue", "pourcentage", "ordinal")


def _filtres(env: SandboxedEnvironment) -> SandboxedEnvironment:

    for nom in FILTRES_FRANCAIS:
        fonction = getattr(formats, nom, None)
        if fonction is not None:
            env.filters[nom] = fonction
    env.filters.update(FILTRES_SUPPLEMENTAIRES)
    return env


def _euros(valeur: Any) -> str:


    return en_euros(formats.en_decimal(valeur))


def _sans_centimes(valeur: Any) -> str:

    return formats.montant(valeur, centimes=False)


def _jour_semaine(valeur: Any) -> str:

    return formats.date_longue(valeur, jour_semaine=True)


#: filters named like the formats of prose references (``${x | euros}``)
FILTRES_SUPPLEMENTAIRES = {"euros": _euros, "sans_centimes": _sans_centimes, "jour_semaine": _jour_semaine}

#: the filters the project adds to Jinja's (named in messages about an unknown filter)
FILTRES_DU_PROJET = (*FILTRES_FRANCAIS, *FILTRES_SUPPLEMENTAIRES)


def environnement(imprimes: set[str] | None = None) -> SandboxedEnvironment:
    """The Jinja environment templates render in.

    Sandboxed, autoescaped, undefined variables are errors; the filters
    ``montant``, ``montant_en_lettres``, ``nombre_en_lettres``,
    ``date_longue``, ``pourcentage`` and ``ordinal`` are those of
    :mod:`deliberations.formats`; ``euros``, ``sans_centimes`` and
    ``jour_semaine`` those of prose references. Every printed value goes through
    :func:`texte_word`; its text is added to ``imprimes`` (for verification).
    """
    def imprimer_borne(valeur: Any) -> Any:
        _compter_l_impression(valeur)
        return imprimer(valeur, imprimes)

    return _filtres(_Bac(autoescape=True, finalize=imprimer_borne, undefined=StrictUndefined))


def _compter_l_impression(valeur: Any) -> None:
    """A printed value: a container measured before it is turned into text; its size spent from the output."""
    if isinstance(valeur, str):
        longueur = len(valeur)
    elif valeur is None:
        return
    else:
        borner(valeur, "« {{ }} »")
        longueur = taille(valeur)
    courant = bornes.budget()
    if courant is not None:
        courant.sortie -= longueur
        if courant.sortie < 0:
            courant.imprimer(0)  # raises


@pass_eval_context
def _imprimer_dans_le_rendu(contexte: Any, valeur: Any) -> Any:
    _compter_l_impression(valeur)
    return imprimer_dans_le_rendu(contexte, valeur)


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
def environnement_du_rendu() -> _EnvironnementDuRendu:
    return _EnvironnementDuRendu()
