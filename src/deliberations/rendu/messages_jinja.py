"""Jinja's and Python's errors in a template, in French: syntax, unknown filters and tests, evaluation.

Jinja and Python speak English; a clerk or a template author reads French.
Each kind of error maps, by its type and the pattern of its message, to a
short French sentence (tables below); an error in no table gets a generic
French sentence, never the English text (the caller adds the faulty tag).
An error the project's own code raised on purpose (its filters, the
sandbox's bounds) is French already and keeps its text.
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.exceptions import FilterArgumentError, SecurityError, TemplateError, UndefinedError

from deliberations.rendu.jinja import FILTRES_DU_PROJET, environnement_du_rendu

_PAQUET = Path(__file__).resolve().parents[1]

#: Jinja's names of tokens, as the template author types them
_JETONS = {"end of print statement": "}}", "begin of print statement": "{{", "end of statement block": "%}",
           "begin of statement block": "{%", "end of comment": "#}", "begin of comment": "{#",
           "end of template": "fin du modèle", "template data / text": "texte", "comment": "commentaire",
           "name": "nom", "integer": "nombre entier", "float": "nombre", "string": "texte entre guillemets",
           "operator": "opérateur", "whitespace": "espace"}

#: Python's types, as a reader names the values
_NATURES = {"str": "un texte", "Markup": "un texte", "int": "un nombre entier", "float": "un nombre",
            "Decimal": "un nombre", "bool": "un booléen", "NoneType": "une valeur vide", "None": "une valeur vide",
            "list": "une liste", "tuple": "une liste", "dict": "un dictionnaire", "set": "un ensemble",
            "date": "une date", "datetime": "une date et heure", "range": "une suite de nombres",
            "generator": "une suite", "Undefined": "une valeur indéfinie", "StrictUndefined": "une valeur indéfinie",
            "function": "une fonction", "builtin_function_or_method": "une fonction", "method": "une fonction",
            "Macro": "une macro", "LoopContext": "la boucle « loop »", "Namespace": "un namespace"}

#: the tags of Jinja a template uses (for « vouliez-vous dire » on an unknown one)
_MOTS = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro", "call", "endcall",
         "filter", "endfilter", "with", "endwith", "raw", "endraw", "autoescape", "endautoescape")


def nature(nom_de_type: str) -> str:
    """« un texte », « un nombre entier »…: a Python type (or Jinja's ``'dict object'``) as a reader says it."""
    nom = re.sub(r"\s+object$", "", nom_de_type.strip("'\" ")).rpartition(".")[2]
    return _NATURES.get(nom, f"une valeur de type « {nom} »")


def _jeton(description: str) -> str:
    return _JETONS.get(description, description)


def aide_inconnu(nom: str, connus: Iterable[str], *, liste: Iterable[str] = ()) -> str:
    """`` (vouliez-vous dire « x » ?)`` for a name close to a known one, else `` (… : liste)`` if given, else ""."""
    proche = difflib.get_close_matches(nom, list(connus), n=1)
    if proche:
        return f" (vouliez-vous dire « {proche[0]} » ?)"
    liste = list(liste)
    return f" ({', '.join(liste)})" if liste else ""


def filtre_inconnu(nom: str) -> str:
    aide = aide_inconnu(nom, environnement_du_rendu().filters,
                        liste=[f"filtres : {', '.join(FILTRES_DU_PROJET)}, et ceux de Jinja : upper, default, join…"])
    return f"filtre inconnu « {nom} »{aide}"


def test_inconnu(nom: str) -> str:
    aide = aide_inconnu(nom, environnement_du_rendu().tests,
                        liste=["tests : defined, none, number, string, sequence, even, odd, divisibleby…"])
    return f"test inconnu « {nom} »{aide}"


# --------------------------------------------------------------------------
# Syntax: Jinja's lexer, parser and compiler


def _citations(texte: str) -> list[str]:
    return re.findall(r"'([^']+)'", texte)


def _blocs(message: str) -> str:
    """Jinja's « Unexpected end of template » and « Encountered unknown tag », from their parts."""
    nom = m.group(1) if (m := re.match(r"Encountered unknown tag '([^']+)'", message)) else None
    cherches = _citations(m.group(1)) if (m := re.search(r"looking for(?: the following tags:)? (.+?)\.(?: |$)",
                                                          message)) else []
    ouvert = m.group(1) if (m := re.search(r"innermost block that needs to be closed is '([^']+)'", message)) else None
    fin = next((c for c in cherches if c.startswith("end")), None)
    if nom is None:
        if ouvert and fin:
            return f"bloc {{% {ouvert} %}} jamais fermé : ajoutez {{% {fin} %}}"
        if fin:
            return f"fin du modèle atteinte : il manque {{% {fin} %}}"
        return "fin de modèle inattendue : un bloc n'est pas fermé"
    if nom.startswith("end") or nom in ("else", "elif"):
        if ouvert and fin:
            return f"{{% {nom} %}} rencontré alors que le bloc {{% {ouvert} %}} attend {{% {fin} %}} (blocs mal imbriqués)"
        if nom.startswith("end"):
            return f"{{% {nom} %}} ferme un bloc qui n'a pas été ouvert"
        return f"{{% {nom} %}} hors d'un bloc {{% if %}}" + (" ou {% for %}" if nom == "else" else "")
    return f"balise inconnue « {nom} »{aide_inconnu(nom, _MOTS, liste=['balises : if, for, set, macro, call, filter, with, raw'])}"


def _inattendu(m: re.Match[str]) -> str:
    jeton = _jeton(m.group(1))
    if jeton in ("}}", "%}"):
        return f"« {jeton} » inattendu : l'expression est incomplète"
    return f"« {jeton} » inattendu"


def _expression_attendue(m: re.Match[str]) -> str:
    jeton = _jeton(m.group(1))
    if jeton in ("}}", "%}", "fin du modèle"):
        return f"expression manquante avant « {jeton} » : écrivez une valeur ou une variable"
    return f"expression attendue, « {jeton} » trouvé"


#: Jinja's syntax messages (``TemplateSyntaxError.message``): (pattern, French, or a function of the match)
_SYNTAXE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"balise trop imbriquée", lambda m: m.string),  # the sandbox's own (French) message
    (r"No filter named '([^']+)'", lambda m: filtre_inconnu(m.group(1))),
    (r"No test named '([^']+)'", lambda m: test_inconnu(m.group(1))),
    (r"(Unexpected end of template|Encountered unknown tag)", lambda m: _blocs(m.string)),
    (r"Missing end of raw directive", "bloc {% raw %} jamais fermé : ajoutez {% endraw %}"),
    (r"Missing end of comment tag", "commentaire {# jamais fermé : ajoutez #}"),
    (r".*(?:escape|\\N)", "caractère « \\ » mal employé dans un texte entre guillemets (écrivez \\\\)"),
    (r"unexpected end of template, expected '(.+)'\.?$",
     lambda m: f"balise incomplète : « {_jeton(m.group(1))} » attendu avant la fin du modèle"),
    (r"unexpected '(.+)', expected '(.+)'$", lambda m: f"« {m.group(1)} » inattendu, « {m.group(2)} » attendu"),
    (r"unexpected char '(.+)' at \d+$", lambda m: f"caractère « {m.group(1)} » inattendu"),
    (r"unexpected char (.+) at \d+$", lambda m: f"caractère {m.group(1)} inattendu"),
    (r"unexpected '(.+)'$", _inattendu),
    (r"expected token '(.+)', got '(.+)'$",
     lambda m: f"« {_jeton(m.group(1))} » attendu, « {_jeton(m.group(2))} » trouvé"),
    (r"Expected an expression, got '(.+)'$", _expression_attendue),
    (r"tag name expected", "nom de balise attendu après « {% »"),
    (r"expected name or number", "nom ou nombre attendu après « . »"),
    (r"expected subscript expression", "indice attendu entre [ ]"),
    (r"invalid syntax for function call expression", "appel de fonction mal écrit"),
    (r"You cannot chain multiple tests with is", "un seul test par « is »"),
    (r"non-default argument follows default argument",
     "un argument sans valeur par défaut suit un argument qui en a une"),
    (r"expected call", "appel de macro attendu"),
    (r"can't assign to '?(\w+)'?", "affectation impossible : seul un nom reçoit une valeur"),
    (r"Can't assign to special loop variable", "« loop » est réservé : choisissez un autre nom de variable de boucle"),
    (r"Invalid character in identifier", "caractère interdit dans un nom"),
    (r"Block names in Jinja have to be valid Python identifiers", "nom de bloc invalide (pas de tiret : écrivez _)"),
    (r"block '(.+)' defined twice", lambda m: f"bloc « {m.group(1)} » défini deux fois"),
    (r"names starting with an underline can not be imported", "un nom commençant par « _ » ne s'importe pas"),
    (r"When defining macros or call blocks the special \"caller\" argument",
     "l'argument « caller » d'une macro doit avoir une valeur par défaut"),
]


def message_syntaxe(exc: TemplateSyntaxError) -> str:
    """Jinja's syntax error (or unknown filter or test, found when compiling), in French."""
    return _traduire(exc.message or "", _SYNTAXE, "syntaxe incorrecte")


def _traduire(message: str, table: list[tuple[str, Any]], defaut: str) -> str:
    for motif, francais in table:
        m = re.match(motif, message, re.DOTALL)
        if m:
            return francais(m) if callable(francais) else francais
    return defaut


# --------------------------------------------------------------------------
# Evaluation: Jinja's runtime errors and Python's, raised by a tag's code


def _fonction(nom: str) -> str:
    """``do_int`` → ``int``, ``str.upper`` → ``upper``, ``Joiner.__init__`` → ``joiner``: the name a template wrote."""
    classe, _, nom = nom.rpartition(".")
    if nom == "__init__" and classe:
        return classe.rpartition(".")[2].lower()
    return re.sub(r"^(?:(?:sync_)?do_|test_)", "", nom)


def _dans(balise: str, cle: str) -> str:
    """`` dans « collectivite »`` when the tag writes ``collectivite.cle`` (or ``collectivite['cle']``)."""
    m = re.search(r"([\w.]*\w)\s*(?:\.\s*" + re.escape(cle) + r"\b|\[\s*['\"]?" + re.escape(cle) + r"['\"]?\s*\])",
                  balise)
    return f" dans « {m.group(1)} »" if m else ""


def _absent(m: re.Match[str], balise: str) -> str:
    cle = m.group(2)
    return f"« {cle} » n'existe pas{_dans(balise, cle)} ({nature(m.group(1))})"


def _element_absent(m: re.Match[str], balise: str) -> str:
    element = m.group(2)
    return f"l'élément [{element}] n'existe pas{_dans(balise, element)} ({nature(m.group(1))})"


def _variable_inconnue(m: re.Match[str], balise: str) -> str:
    nom = m.group(1)
    if nom == "loop":
        return "variable inconnue « loop » : elle n'existe que dans un bloc {% for %}"
    return f"variable inconnue « {nom} »"


def _operation(operateur: str, *types: str) -> str:
    operateur = operateur.split()[0]
    return f"opération « {operateur} » impossible entre {' et '.join(nature(t) for t in types)}" + (
        " (pour joindre des textes, écrivez ~)" if operateur == "+" and "str" in types else "")


def _plage() -> str:
    from jinja2.sandbox import MAX_RANGE

    return f"range() : au plus {format(MAX_RANGE, ',').replace(',', ' ')} éléments"


_R = Callable[[re.Match[str], str], str]

_APPEL_INTERDIT = "appel interdit : un modèle n'a accès qu'aux valeurs du point, jamais aux objets Python"

#: Jinja's runtime messages, Python's messages: (pattern, French, or a function of the match and the tag)
_EXECUTION: dict[type, list[tuple[str, str | _R]]] = {
    UndefinedError: [
        (r"'(.+)' is undefined$", _variable_inconnue),
        (r"access to attribute '(.+)' of '(.+)' object is unsafe\.?$",
         lambda m, b: f"accès interdit à l'attribut « {m.group(1)} » : un modèle n'a accès qu'aux valeurs du "
                      "point, jamais aux objets Python"),
        (r"'?(.+?)'? has no attribute '(.+)'$", _absent),
        (r"'?(.+?)'? has no element (.+)$", _element_absent),
    ],
    SecurityError: [
        (r"access to attribute '(.+)' of '(.+)' object is unsafe\.?$",
         lambda m, b: f"accès interdit à l'attribut « {m.group(1)} » : un modèle n'a accès qu'aux valeurs du "
                      "point, jamais aux objets Python"),
        (r".* is not safely callable", _APPEL_INTERDIT),
    ],
    FilterArgumentError: [
        (r"You can only sort by either \"key\" or \"value\"", "dictsort : by vaut « key » ou « value »"),
        (r"method must be common, ceil or floor", "round : method vaut « common », « ceil » ou « floor »"),
        (r"argument must be iterable", "l'argument du filtre doit être une liste"),
        (r"map requires a filter argument", "map : nom de filtre ou attribute= attendu"),
        (r"Missing parameter for attribute name", "nom d'attribut manquant"),
    ],
    TemplateError: [
        (r"No filter named '([^']+)'", lambda m, b: filtre_inconnu(m.group(1))),
        (r"No test named '([^']+)'", lambda m, b: test_inconnu(m.group(1))),
    ],
    ZeroDivisionError: [(r"", "division par zéro")],
    RecursionError: [(r"", "appels sans fin : une macro s'appelle-t-elle elle-même ?")],
    MemoryError: [(r"", "mémoire insuffisante pour évaluer la balise")],
    TypeError: [
        (r"'(\w+)' object is not callable", lambda m, b: f"appel impossible : la valeur est {nature(m.group(1))}, pas "
                                                         "une fonction (retirez les parenthèses)"),
        (r"'(\w+)' object is not iterable", lambda m, b: f"impossible de parcourir {nature(m.group(1))} : "
                                                         "{% for %} et les filtres de liste attendent une liste"),
        (r"can only concatenate (\w+) \(not \"(\w+)\"\) to \w+", lambda m, b: _operation("+", m.group(1), m.group(2))),
        (r"unsupported operand type\(s\) for (.+): '(\w+)' and '(\w+)'",
         lambda m, b: _operation(m.group(1), m.group(2), m.group(3))),
        (r"bad operand type for unary (.+): '(\w+)'",
         lambda m, b: f"opération « {m.group(1)} » impossible sur {nature(m.group(2))}"),
        (r"'(.+)' not supported between instances of '(\w+)' and '(\w+)'",
         lambda m, b: f"comparaison « {m.group(1)} » impossible entre {nature(m.group(2))} et {nature(m.group(3))}"),
        (r"([\w.]+)\(\) takes (?:from \d+ to )?\d+ positional arguments? but \d+ (?:was|were) given",
         lambda m, b: f"trop d'arguments pour « {_fonction(m.group(1))} »"),
        (r"([\w.]+)\(\) takes no arguments", lambda m, b: f"« {_fonction(m.group(1))} » ne prend aucun argument"),
        (r"([\w.]+)\(\) got an unexpected keyword argument '(\w+)'",
         lambda m, b: f"argument « {m.group(2)} » inconnu de « {_fonction(m.group(1))} »"),
        (r"([\w.]+)\(\) missing \d+ required (?:positional |keyword-only )?arguments?: (.+)",
         lambda m, b: f"argument manquant pour « {_fonction(m.group(1))} » : {', '.join(_citations(m.group(2)))}"),
        (r"([\w.]+)\(\) got multiple values for (?:keyword )?argument '(\w+)'",
         lambda m, b: f"argument « {m.group(2)} » donné deux fois à « {_fonction(m.group(1))} »"),
        (r"macro '(\w+)' takes not more than (\d+) argument",
         lambda m, b: f"trop d'arguments pour la macro « {m.group(1)} » (au plus {m.group(2)})"),
        (r"macro '(\w+)' was invoked with two values for the special caller argument",
         lambda m, b: f"appel de la macro « {m.group(1)} » par {{% call %}} impossible ici : elle reçoit deux fois "
                      "l'argument caller"),
        (r"macro '(\w+)' takes no keyword argument '(\w+)'",
         lambda m, b: f"la macro « {m.group(1)} » n'a pas d'argument « {m.group(2)} »"),
        (r"not all arguments converted during string formatting",
         "formatage « % » : plus de valeurs que de champs % dans le texte"),
        (r"not enough arguments for format string", "formatage « % » : moins de valeurs que de champs % dans le texte"),
        (r"%(\w) format: an? (?:real )?(?:number|integer) is required, not (\w+)",
         lambda m, b: f"formatage « %{m.group(1)} » : un nombre est attendu, pas {nature(m.group(2))}"),
        (r"type (\w+) doesn't define __round__ method",
         lambda m, b: f"arrondi impossible : la valeur est {nature(m.group(1))}"),
        (r"'(\w+)' object is not subscriptable", lambda m, b: f"{nature(m.group(1))} n'a pas d'éléments [ ]"),
        (r"object of type '(\w+)' has no len\(\)",
         lambda m, b: f"longueur impossible : la valeur est {nature(m.group(1))}"),
        (r"'(\w+)' object cannot be interpreted as an integer",
         lambda m, b: f"nombre entier attendu, pas {nature(m.group(1))}"),
        (r"(?:sequence item \d+: )?expected str instance, (\w+) found",
         lambda m, b: f"texte attendu, pas {nature(m.group(1))}"),
        (r"cannot unpack non-iterable (\w+) object",
         lambda m, b: f"impossible de répartir {nature(m.group(1))} entre plusieurs noms"),
        (r"sum\(\) can't sum strings", "sum n'additionne pas des textes : pour les joindre, écrivez |join"),
        (r"unhashable type: '(\w+)'", lambda m, b: f"{nature(m.group(1))} ne peut servir de clé"),
        (r"'(\w+)' object does not support item assignment", "un modèle ne modifie pas les valeurs du point"),
        (r".*must be (?:an? )?(\w+)(?: or [\w ]+)?, not '?(\w+)'?",
         lambda m, b: f"{nature(m.group(1))} attendu, pas {nature(m.group(2))}"),
    ],
    ValueError: [
        (r"invalid literal for int\(\) with base \d+: (.+)", lambda m, b: f"nombre entier illisible : {m.group(1)}"),
        (r"could not convert string to float: (.+)", lambda m, b: f"nombre illisible : {m.group(1)}"),
        (r"range\(\) arg 3 must not be zero", "range() : le pas ne peut être nul"),
        (r"slice step cannot be zero", "découpage [::0] : le pas ne peut être nul"),
        (r"math domain error", "calcul impossible pour cette valeur"),
        (r"Unknown format code '(.)' for object of type '(\w+)'",
         lambda m, b: f"format « {m.group(1)} » impossible pour {nature(m.group(2))}"),
        (r"(?:Invalid format specifier|Format specifier missing precision|Sign not allowed)",
         "spécification de format illisible"),
        (r"empty separator", "séparateur vide"),
        (r"invalid width (-?\d+)", lambda m, b: f"largeur invalide : {m.group(1)} (au moins 1)"),
        (r"(?:max|min)\(\) (?:arg|iterable argument) is an empty sequence", "liste vide : ni plus grand ni plus petit"),
        (r"too many values to unpack \(expected (\d+)\)",
         lambda m, b: f"trop de valeurs à répartir ({m.group(1)} noms pour les recevoir)"),
        (r"not enough values to unpack \(expected (\d+), got (\d+)\)",
         lambda m, b: f"pas assez de valeurs à répartir ({m.group(2)} pour {m.group(1)} noms)"),
        (r"Exceeds the limit .* for integer string conversion", "nombre trop long pour être écrit"),
    ],
    OverflowError: [(r".*MAX_RANGE", lambda m, b: _plage())],
    IndexError: [
        (r"Replacement index (\d+) out of range", lambda m, b: f"format : aucune valeur pour le champ {{{m.group(1)}}}"),
        (r"(\w+) index out of range", lambda m, b: f"indice hors limites ({nature(m.group(1))})"),
    ],
    KeyError: [(r"", lambda m, b: f"clé « {m.string.strip(chr(39) + chr(34))} » inconnue")],
    AssertionError: [(r"expected length >= (\d+), got (-?\d+)",
                      lambda m, b: f"truncate : longueur d'au moins {m.group(1)} attendue, pas {m.group(2)}")],
    NameError: [(r"name '-?(?:inf|nan)' is not defined", "nombre trop grand")],
    RuntimeError: [(r"at least one item has to be provided", "cycler() : au moins une valeur")],
    AttributeError: [(r"'(\w+)' object has no attribute '(\w+)'", _absent)],
}

#: what an error of each type is, when no pattern of its type matched
_GENERIQUES: dict[type, str] = {
    UndefinedError: "valeur indéfinie",
    SecurityError: "opération interdite par le bac à sable",
    FilterArgumentError: "argument de filtre invalide",
    TemplateError: "erreur en évaluant le modèle",
    TypeError: "valeur d'un genre inadapté à cette opération",
    ValueError: "valeur impossible pour cette opération",
    OverflowError: "nombre trop grand",
    IndexError: "indice hors limites",
    KeyError: "clé inconnue",
    AttributeError: "attribut inexistant",
    NameError: "nom inconnu",
    UnicodeError: "caractère impossible à encoder",
    ArithmeticError: "calcul impossible",
}


def de_notre_code(exc: BaseException) -> bool:
    """Whether the project's own code raised ``exc`` on purpose (its messages are French).

    The innermost frame is a ``raise`` statement of the package: an error of
    Python's raised while calling something from the package (a wrong
    argument) is not.
    """
    pile = traceback.extract_tb(exc.__traceback__)
    if not pile:
        return False
    dernier = pile[-1]
    try:
        du_paquet = Path(dernier.filename).resolve().is_relative_to(_PAQUET)
    except (OSError, ValueError):
        return False
    return du_paquet and (dernier.line or "").lstrip().startswith("raise")


#: Python's ``repr`` of an object, as a reader names it: (pattern, French)
_REPRS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"<generator object [\w.<>]+ at 0x[0-9a-f]+>"), lambda m: "une suite"),
    (re.compile(r"<(?:built-in )?(?:bound )?(?:function|method) ([\w.<>]+)(?: of [^>]*)? at 0x[0-9a-f]+>"),
     lambda m: f"la fonction {m.group(1).rpartition('.')[2]}"),
    (re.compile(r"<([\w.]+) object at 0x[0-9a-f]+>"), lambda m: f"un objet {m.group(1).rpartition('.')[2]}"),
    (re.compile(r"(?<![\w«])Undefined(?![\w»])"), lambda m: "valeur indéfinie"),
]


def sans_repr(texte: str) -> str:
    """``<jinja2.utils.Joiner object at 0x7f…>`` → « un objet Joiner »: no Python ``repr`` in a message.

    >>> sans_repr("l'élément [<generator object do_batch at 0x7f00>] n'existe pas")
    "l'élément [une suite] n'existe pas"
    """
    if "0x" not in texte and "Undefined" not in texte:
        return texte
    for motif, francais in _REPRS:
        texte = motif.sub(francais, texte)
    return texte


def message_d_execution(exc: BaseException, balise: str = "") -> str:
    """An error a tag's code raised while rendering, in French (``balise``: the tag, to name what is missing)."""
    return sans_repr(_message_d_execution(exc, balise))


def _message_d_execution(exc: BaseException, balise: str) -> str:
    if de_notre_code(exc) and str(exc):
        return str(exc)
    texte = str(exc)
    for genre in type(exc).__mro__:
        for motif, francais in _EXECUTION.get(genre, []):
            m = re.match(motif, texte, re.DOTALL)
            if m:
                return francais(m, balise) if callable(francais) else francais
        if genre in _GENERIQUES:
            return _GENERIQUES[genre]
    return "erreur en évaluant la balise"
