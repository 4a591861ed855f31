"""The Jinja environment templates render in: sandboxed, immutable, no loader, bounded, autoescaped, French filters."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    Template,
    Undefined,
    nodes,
    pass_eval_context,
)
from jinja2.exceptions import SecurityError, TemplateRuntimeError, TemplateSyntaxError
from jinja2.parser import Parser
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from deliberations.calcul.references import en_euros
from deliberations.langue import formats
from deliberations.rendu import bornes, operations
from deliberations.rendu.bornes import borner, taille
from deliberations.rendu.texte import imprimer, imprimer_dans_le_rendu


class _AucunFichier(BaseLoader):
    """Templates read no other file: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise SecurityError(f"« {template} » : un modèle ne peut ni inclure, ni importer, ni étendre un autre modèle "
                            "ou fichier ({% include %}, {% import %} et {% extends %} sont interdits)")


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


_MARKUP_JOIN, _STR_JOIN = operations.joindre_borne(markup_join), operations.joindre_borne(str_join)


def _compter_les_tours(arbre: nodes.Template) -> nodes.Template:
    """Every ``{% for %}`` loop (and ``loop(…)`` of a recursive one) counts its turns against the budget."""
    compter = nodes.EnvironmentAttribute("compter_les_tours")
    for boucle in list(arbre.find_all(nodes.For)):
        boucle.iter = nodes.Call(compter, [boucle.iter], [], None, None, lineno=boucle.iter.lineno)
    for appel in list(arbre.find_all(nodes.Call)):
        if isinstance(appel.node, nodes.Name) and appel.node.name == "loop" and appel.args:
            appel.args[0] = nodes.Call(compter, [appel.args[0]], [], None, None, lineno=appel.lineno)
    return arbre


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
    concat = staticmethod(operations.concatener)
    compter_les_tours = staticmethod(bornes.compter_les_tours)

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=_AucunFichier(), **options)
        operations.installer(self.filters)
        self.globals["lipsum"] = operations.lipsum

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
        if type(getattr(__obj, "__self__", None)) is str and getattr(__obj, "__name__", "") in operations.METHODES:
            args = operations.borner_methode(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        operations.borner_operation(operator, left, right)
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
            operations.borner_accolades(gabarit, valeurs)
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


#: what a template may print besides text: numbers, dates and lists or tables of them
_IMPRIMABLES = (int, float, Decimal, dt.date, dt.time, list, tuple, dict, set, frozenset)


def _inimprimable(valeur: Any) -> str | None:
    """Why ``valeur`` cannot be printed (Python would write its English ``repr``), or None."""
    if isinstance(valeur, bool):
        return ("une valeur vraie ou fausse ne s'imprime pas (Python écrirait True ou False) : écrivez "
                "{% if … %}oui{% else %}non{% endif %}")
    if isinstance(valeur, (_IMPRIMABLES, Undefined)):  # printing an undefined value raises its own error
        return None
    if isinstance(valeur, (range, Iterator, type({}.items()), type({}.keys()), type({}.values()))):
        return "une suite ne s'imprime pas telle quelle : ajoutez |list, ou |join(', ')"
    if callable(valeur):
        return "une fonction ou une macro ne s'imprime pas : appelez-la, avec ses parenthèses ( )"
    return f"une valeur de type « {type(valeur).__name__} » ne s'imprime pas (cycler, joiner, namespace, loop…)"


def _compter_l_impression(valeur: Any) -> None:
    """A printed value: a container measured before it is turned into text; its size spent from the output.

    A value whose text would be Python's (a function, a generator,
    ``True``) is refused: it would print English into the document.
    """
    if isinstance(valeur, str):
        longueur = len(valeur)
    elif valeur is None:
        return
    else:
        pourquoi = _inimprimable(valeur)
        if pourquoi is not None:
            raise TemplateRuntimeError(pourquoi)
        borner(valeur, "« {{ }} »")
        longueur = taille(valeur)
    courant = bornes.budget()
    if courant is not None:
        if longueur < 10_000 and courant.sortie >= longueur:
            courant.sortie -= longueur  # the common case, inline
        else:
            courant.imprimer(longueur)  # reads the clock; raises beyond the bound


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
