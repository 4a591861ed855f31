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
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from deliberations.calcul.references import en_euros
from deliberations.langue import formats
from deliberations.rendu.texte import imprimer, imprimer_dans_le_rendu

#: the longest string or list (characters or items) one template expression may build
TAILLE_MAX_EXPRESSION = 1_000_000


#: the largest integer (bits) one template expression may build
_BITS_MAX = 100_000


_LARGEUR_POURCENT = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


class _AucunFichier(BaseLoader):
    """Templates read no other file: ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise SecurityError(f"« {template} » : un modèle ne peut ni inclure, ni importer, ni étendre un autre modèle "
                            "ou fichier ({% include %}, {% import %} et {% extends %} sont interdits)")


def _trop_grand(quoi: str) -> SecurityError:
    limite = format(TAILLE_MAX_EXPRESSION, ",").replace(",", " ")
    return SecurityError(f"{quoi} : résultat trop grand (au plus {limite} caractères ou éléments par expression)")


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


class _Bac(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, without any loader, with bounds on what one expression may build."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        from jinja2.filters import do_center, do_indent, sync_do_slice

        super().__init__(loader=_AucunFichier(), **options)
        self.filters.update(center=_borne("center", do_center, "width"), indent=_borne("indent", do_indent, "width"),
                            slice=_borne("slice", sync_do_slice, "slices"), format=_format)
        self.globals["lipsum"] = _lipsum

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
    return _filtres(_Bac(autoescape=True, finalize=lambda valeur: imprimer(valeur, imprimes), undefined=StrictUndefined))


class _EnvironnementDuRendu(_Bac):
    """:func:`environnement`, shared by every render, keeping the templates it compiled.

    docxtpl compiles each part of a template at every render; the compiled
    template of a given source is kept (the last :attr:`GARDES` sources).
    ``finalize`` adds to the printed set of the render under way
    (:data:`_IMPRIMES`), at every render (never at compile time).
    """

    GARDES = 64

    def __init__(self) -> None:
        super().__init__(autoescape=True, finalize=imprimer_dans_le_rendu, undefined=StrictUndefined)
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
