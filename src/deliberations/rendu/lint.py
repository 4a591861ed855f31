"""Template linting: every problem of a Word template, at its place in the document.

:func:`lint` reads a ``.docx`` (or every template of a report type's folder)
without rendering it and reports, each at its paragraph or table cell:

- a variable the report type does not provide (with a suggestion), or a key
  a known variable does not have (``collectivite.nomm``);
- an unknown filter or test;
- a Jinja syntax error, a block never closed or closed twice;
- a tag split across runs (Word's formatting or spelling marks cut it);
- Word's curly quotes inside a tag;
- a loop or condition spanning table rows written with ``{% %}`` or
  ``{%p %}`` instead of ``{%tr %}`` (or cells, instead of ``{%tc %}``);
- what the sandbox refuses: a name or attribute starting with ``_``
  (``__class__``, ``__globals__``), ``include``, ``import``, ``extends``,
  the filters ``|safe`` and ``|urlize`` (item text is always printed as text);
- a file that is not a ``.docx`` archive, or inflates beyond its bounds
  (:mod:`.archive`);
- a style the renderer needs that the template lacks, found by its name
  (« Tableau annexe », where annex tables are printed: :mod:`.styles`).

Places are counted as a reader would: « paragraphe 12 » is the twelfth
paragraph of the body outside tables; « tableau 2, ligne 3, cellule 1 »;
headers and footers are named (« pied de page 1, paragraphe 1 »).
"""

from __future__ import annotations

import difflib
import re
import zipfile
from pathlib import Path
from typing import Any, Mapping

from jinja2 import TemplateSyntaxError, nodes

from deliberations.erreurs import ErreurEntree, Finding, Lieu, ModeleInvalide, avertissement, erreur
from deliberations.langue.typographie import typographier
from deliberations.rendu import wordxml
from deliberations.rendu.archive import verifier_archive
from deliberations.rendu.balises import _PARTIES, INTERMEDIAIRES, OUVRANTS, Balise, blocs_desequilibres, lire_partie
from deliberations.rendu.jinja import environnement
from deliberations.rendu.messages_jinja import message_syntaxe
from deliberations.rendu.operations import FILTRES_REFUSES
from deliberations.rendu.styles import STYLES, Noms, noms_des_styles, present
from deliberations.types.catalogue import catalogue
from deliberations.types.manifeste import MANIFESTE, lire_manifeste
from deliberations.types.type_rapport import TypeRapport
from deliberations.types.variables import VARIABLES, Variable, variable_du_champ

_GUILLEMETS_COURBES = "“”‘’«»„‟‹›"


_CHAINES = re.compile(r"'[^']*'|\"[^\"]*\"")


_INTERDITES = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "import",
               nodes.Extends: "extends"}


def variables_du_type(type_: TypeRapport | None) -> dict[str, Variable]:
    """The variables a type's templates may use: the common ones and the type's fields."""

    variables = dict(VARIABLES)
    if type_ is not None:
        for nom, champ in type_.champs.items():
            variables[nom] = variable_du_champ(champ)
    return variables


def lint_modele(fichier: str | Path, type_: TypeRapport | None = None) -> list[Finding]:
    """Every problem of one ``.docx`` template, each at its place.

    ``type_`` gives the variables the template may use; without it, variables
    are not checked (everything else is).
    """

    fichier = Path(fichier)
    nom = str(fichier)
    try:
        verifier_archive(fichier)
    except ModeleInvalide as exc:
        return exc.findings
    try:
        with zipfile.ZipFile(fichier) as archive:
            parties = [(n, archive.read(n)) for n in archive.namelist() if _PARTIES.match(n)]
            styles_xml = archive.read("word/styles.xml") if "word/styles.xml" in archive.namelist() else None
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        return [erreur(Lieu(nom), f"fichier Word illisible : {exc}")]
    env = environnement()
    variables = variables_du_type(type_) if type_ is not None else None
    nom_type = type_.nom if type_ is not None else ""
    findings: list[Finding] = []
    balises: list[Balise] = []

    def signaler(lieu: str, message: str) -> None:
        findings.append(erreur(Lieu(nom, None, lieu), message))

    for nom_partie, donnees in sorted(parties, key=lambda x: (x[0] != "word/document.xml", x[0])):
        try:
            racine = wordxml.analyser(donnees)
        except Exception as exc:  # lxml's XMLSyntaxError
            signaler(nom_partie, f"XML illisible : {exc}")
            continue
        partie = lire_partie(nom_partie, racine)
        balises += partie.balises
        debut = len(findings)
        for lieu, message in partie.problemes:
            signaler(lieu, message)
        for balise in partie.balises:
            if balise.coupee:
                signaler(balise.lieu, f"balise « {balise.texte} » coupée en plusieurs morceaux de texte (Word y a mis "
                                      "une mise en forme ou une marque de correction) : retapez-la d'un seul tenant")
            sans_chaines = _CHAINES.sub("", balise.texte)
            courbes = sorted({c for c in sans_chaines if c in _GUILLEMETS_COURBES})
            if courbes:
                signaler(balise.lieu, f"guillemets typographiques {' '.join(courbes)} dans la balise « {balise.texte} » "
                                      "(Word les a remplacés) : écrivez des guillemets droits \" ou '")
            if balise.prefixe in ("tr", "tc") and balise.cellule is None:
                signaler(balise.lieu, f"« {balise.texte} » hors d'un tableau : {{%{balise.prefixe} … %}} répète une "
                                      f"{'ligne' if balise.prefixe == 'tr' else 'cellule'} de tableau")
        equilibre = _verifier_blocs(partie.balises, signaler)
        if equilibre:
            _verifier_structure(partie.balises, signaler)
        _verifier_jinja(partie.balises, env, variables, nom_type, signaler)
        for lieu, statique in partie.statiques:
            message = message_typographique(statique)
            if message:
                partie.ordre.setdefault(lieu, len(partie.ordre))
                findings.append(avertissement(Lieu(nom, None, lieu), message))
        findings[debut:] = sorted(findings[debut:], key=lambda f: partie.ordre.get(f.lieu.champ, len(partie.ordre)))
    return findings + _styles_absents(nom, balises, noms_des_styles(styles_xml))


def _styles_absents(nom: str, balises: list[Balise], noms: Noms) -> list[Finding]:
    """A style the renderer needs (:data:`STYLES`) that the template lacks, at the first tag needing it."""
    findings = []
    for style in STYLES:
        if style.requis_si is None or present(style, noms):
            continue
        mot = re.compile(rf"\b{re.escape(style.requis_si)}\b")
        utilisation = next((b for b in balises if mot.search(b.source)), None)
        if utilisation is not None:
            findings.append(avertissement(Lieu(nom, None, utilisation.lieu),
                                          f"style « {style.nom} » absent du modèle : {style.role} ; créez un style "
                                          f"de {'tableau' if style.genre == 'table' else 'paragraphe'} nommé "
                                          f"« {style.nom} » et appliquez-le (requis par « {utilisation.texte} »)"))
    return findings


def message_typographique(texte: str) -> str | None:
    """What French typography would change in a template's own text, or None.

    The rendering sets printed values in French typography, never the
    template's own text: its author types the no-break spaces.

    >>> message_typographique("je vous propose : x")
    'typographie : « je vous propose : x » : espace insécable attendue avant « : » (Ctrl+Maj+Espace dans Word)'
    >>> message_typographique("Rapport n° x") is not None, message_typographique("OBJET\\xa0: x") is None
    (True, True)
    """
    corrige = typographier(texte)
    if corrige.replace("’", "'") == texte.replace("’", "'"):
        return None
    k = next((i for i, (a, b) in enumerate(zip(texte, corrige)) if a != b), min(len(texte), len(corrige)))
    suite = corrige[k:].lstrip(" \u00a0\u202f")[:1]
    avant = texte[:k].rstrip()[-1:] if k else ""
    if suite in ":;!?»":
        ou = f"avant « {suite} »"
    elif avant:
        ou = f"après « {texte[:k].split()[-1] if texte[:k].split() else avant} »"
    else:
        ou = "ici"
    extrait = texte if len(texte) <= 70 else texte[max(0, k - 35):k + 35]
    return f"typographie : « {extrait.strip()} » : espace insécable attendue {ou} (Ctrl+Maj+Espace dans Word)"


def _verifier_blocs(balises: list[Balise], signaler: Any) -> bool:
    """Blocks open and close in order; report the others; return whether all balance."""
    problemes = blocs_desequilibres(balises)
    for lieu, message in problemes:
        signaler(lieu, message)
    return not problemes


def _verifier_structure(balises: list[Balise], signaler: Any) -> None:
    """Loops and conditions spanning table rows or cells use {%tr %} or {%tc %}."""
    pile: list[list[Balise]] = []
    for balise in balises:
        mot = balise.mot
        if not mot or (mot == "set" and "=" in balise.source):
            continue
        if mot in OUVRANTS:
            pile.append([balise])
        elif mot in INTERMEDIAIRES and pile:
            pile[-1].append(balise)
        elif mot.startswith("end") and pile:
            bloc = pile.pop() + [balise]
            for a, b in zip(bloc, bloc[1:]):
                _comparer(a, b, signaler)


def _comparer(a: Balise, b: Balise, signaler: Any) -> None:
    ca, cb = a.cellule, b.cellule
    if ca == cb:
        return
    if a.prefixe == "tr":
        if ca is not None and cb is not None and ca[0] != cb[0]:
            signaler(b.lieu, f"« {b.texte} » n'est pas dans le même tableau que « {a.texte} » ({a.lieu})")
        return
    lignes_differentes = ca is None or cb is None or ca[:2] != cb[:2]
    if a.prefixe == "tc":
        if lignes_differentes:
            signaler(a.lieu, f"« {a.texte} » et « {b.texte} » ({b.lieu}) sont dans des lignes différentes : "
                             "{%tc … %} répète des cellules d'une même ligne ; pour des lignes, écrivez {%tr … %}")
        return
    niveau = f"{{%{a.prefixe} … %}}" if a.prefixe else "{% … %}"
    if lignes_differentes:
        signaler(a.lieu, f"« {a.texte} » et « {b.texte} » ({b.lieu}) encadrent des lignes de tableau avec {niveau} : "
                         "écrivez {%tr " + _sans_prefixe(a) + " %} et {%tr " + _sans_prefixe(b) + " %}, chacun seul "
                         "dans sa ligne")
    else:
        signaler(a.lieu, f"« {a.texte} » et « {b.texte} » ({b.lieu}) encadrent des cellules avec {niveau} : "
                         "écrivez {%tc " + _sans_prefixe(a) + " %} et {%tc " + _sans_prefixe(b) + " %}")


def _sans_prefixe(balise: Balise) -> str:
    return re.sub(r"^\{%-?\s*|\s*-?%\}$", "", balise.source)


_SPECIALES = re.compile(r"^\{%-?\s*(colspan|cellbg|vm|hm)\b(.*?)-?%\}$", re.DOTALL)


def _source_jinja(balise: Balise) -> str:
    """The tag as Jinja parses it (docxtpl's own tags made neutral)."""
    m = _SPECIALES.match(balise.source)
    if m:
        argument = m.group(2).strip()
        return f"{{{{ {argument} }}}}" if argument else "{# #}"
    return balise.source


_NEUTRES = {"for": "{% for element_invalide in [] %}", "if": "{% if true %}", "elif": "{% elif true %}",
            "with": "{% with %}", "macro": "{% macro macro_invalide() %}", "call": "{% call macro_invalide() %}",
            "filter": "{% filter upper %}", "set": "{% set valeur_invalide %}", "autoescape": "{% autoescape true %}",
            "block": "{% block bloc_invalide %}"}


#: syntax errors reported per part, at most (then the check stops, and says so)
_ERREURS_DE_SYNTAXE_MAX = 100


def _verifier_jinja(balises: list[Balise], env: Any, variables: Mapping[str, Variable] | None, nom_type: str,
                    signaler: Any) -> None:
    """Parse the tags as docxtpl will; report syntax errors, then walk the tree."""
    sources = [_source_jinja(b) for b in balises]
    signales: set[int] = set()
    arbre = None
    for _ in range(len(balises) + 1):
        try:
            arbre = env.parse("\n".join(s.replace("\n", " ") for s in sources))
            break
        except TemplateSyntaxError as exc:
            index = min(max((exc.lineno or 1) - 1, 0), len(balises) - 1) if balises else 0
            if not balises:
                return
            if index not in signales:
                if len(signales) >= _ERREURS_DE_SYNTAXE_MAX:  # each one costs a parse of the whole part
                    signaler(balises[index].lieu, f"plus de {_ERREURS_DE_SYNTAXE_MAX} erreurs de syntaxe : les suivantes "
                                                  "ne sont pas vérifiées, corrigez d'abord celles-ci")
                    return
                signaler(balises[index].lieu, f"erreur de syntaxe dans « {balises[index].texte} » : "
                                              f"{message_syntaxe(exc)}")
                signales.add(index)
            mot = balises[index].mot
            neutre = _NEUTRES.get(mot, "{% " + mot + " %}" if mot.startswith("end") or mot == "else" else "{# #}")
            if sources[index] == neutre:
                return  # cannot recover: one report is enough
            sources[index] = neutre
    if arbre is None:
        return
    _parcourir_arbre(arbre, balises, env, variables, nom_type, signaler, signales)


def _parcourir_arbre(arbre: nodes.Template, balises: list[Balise], env: Any, variables: Mapping[str, Variable] | None,
                     nom_type: str, signaler: Any, signales: set[int]) -> None:
    def lieu_de(noeud: nodes.Node) -> tuple[int, str, str]:
        index = min(max(getattr(noeud, "lineno", 1) - 1, 0), len(balises) - 1)
        return index, balises[index].lieu, balises[index].texte

    def dire(noeud: nodes.Node, message: str) -> None:
        index, lieu, texte = lieu_de(noeud)
        if index in signales:
            return
        signaler(lieu, f"{message} : « {texte} »")

    for genre, mot in _INTERDITES.items():
        for noeud in arbre.find_all(genre):
            dire(noeud, f"« {mot} » interdit : un modèle est un document autonome, sans inclusion ni héritage")
    liees: set[str] = {"loop", "caller", "varargs", "kwargs", "self"}
    for noeud in arbre.find_all(nodes.Name):
        if noeud.ctx in ("store", "param"):
            liees.add(noeud.name)
    for noeud in arbre.find_all(nodes.Macro):
        liees.add(noeud.name)
    for noeud in arbre.find_all(nodes.Name):
        if noeud.name.startswith("_"):
            dire(noeud, f"nom « {noeud.name} » interdit (le bac à sable refuse ce qui commence par « _ »)")
        elif noeud.ctx == "load" and variables is not None and noeud.name not in variables \
                and noeud.name not in liees and noeud.name not in env.globals:
            connus = sorted({*variables, *liees} - {"self", "caller", "varargs", "kwargs"})
            proche = difflib.get_close_matches(noeud.name, connus, n=1)
            aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
            dire(noeud, f"variable « {noeud.name} » inconnue du type « {nom_type} »{aide}")
    for noeud in arbre.find_all(nodes.Getattr):
        if noeud.attr.startswith("_"):
            dire(noeud, f"attribut « {noeud.attr} » interdit (le bac à sable refuse ce qui commence par « _ »)")
    for noeud in arbre.find_all(nodes.Getitem):
        if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str) and noeud.arg.value.startswith("_"):
            dire(noeud, f"clé « {noeud.arg.value} » interdite (le bac à sable refuse ce qui commence par « _ »)")
    for noeud in arbre.find_all((nodes.Filter, nodes.Test)):
        table = env.filters if isinstance(noeud, nodes.Filter) else env.tests
        quoi = "filtre" if isinstance(noeud, nodes.Filter) else "test"
        if isinstance(noeud, nodes.Filter) and noeud.name in FILTRES_REFUSES:
            dire(noeud, FILTRES_REFUSES[noeud.name])
        elif noeud.name not in table:
            proche = difflib.get_close_matches(noeud.name, list(table), n=1)
            aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
            dire(noeud, f"{quoi} inconnu « {noeud.name} »{aide}")
        for argument in [*noeud.args, *(k.value for k in noeud.kwargs)]:
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str) and argument.value.startswith("_"):
                dire(noeud, f"« {argument.value} » interdit (le bac à sable refuse ce qui commence par « _ »)")
    if variables is not None:
        _verifier_attributs(arbre, variables, dire)


def _verifier_attributs(arbre: nodes.Template, variables: Mapping[str, Variable], dire: Any) -> None:
    """``collectivite.nomm``, ``section.titree``: keys a known variable does not have."""
    boucles: dict[str, Variable | None] = {}

    def decrire(noeud: nodes.Node) -> Variable | None:
        if isinstance(noeud, nodes.Name):
            if noeud.name in boucles:
                return boucles[noeud.name]
            return variables.get(noeud.name)
        if isinstance(noeud, nodes.Getattr):
            parent = decrire(noeud.node)
            if parent is not None and parent.attributs is not None:
                return parent.attributs.get(noeud.attr)
            return None
        if isinstance(noeud, nodes.Getitem) and isinstance(noeud.arg, nodes.Const):
            parent = decrire(noeud.node)
            if parent is None:
                return None
            if isinstance(noeud.arg.value, int):
                return parent.element
            if parent.attributs is not None:
                return parent.attributs.get(noeud.arg.value)
        return None

    for boucle in arbre.find_all(nodes.For):
        if isinstance(boucle.target, nodes.Name):
            liste = decrire(boucle.iter)
            element = liste.element if liste is not None else None
            nom = boucle.target.name
            boucles[nom] = element if nom not in boucles or boucles[nom] == element else None
    for noeud in arbre.find_all(nodes.Getattr):
        parent = decrire(noeud.node)
        if parent is not None and parent.attributs is not None and noeud.attr not in parent.attributs \
                and not noeud.attr.startswith("_"):
            proche = difflib.get_close_matches(noeud.attr, list(parent.attributs), n=1)
            aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else \
                f" (clés : {', '.join(parent.attributs)})"
            dire(noeud, f"« {noeud.attr} » inconnu ici{aide}")


def lint(chemin: str | Path, *, type_: str | None = None, modeles: Any = None) -> tuple[list[Finding], int]:
    """Lint a template, a report type's folder or a folder of types; return (findings, templates read).

    For a folder with ``type.yaml`` the manifest is validated too and the
    variables are those of that type. A lone ``.docx`` uses the type named
    by ``type_``, else that of its folder's ``type.yaml``; with neither,
    its variables are not checked.
    """

    chemin = Path(chemin)
    if not chemin.exists():
        return [erreur(Lieu(str(chemin)), "fichier ou dossier introuvable")], 0

    def type_du_dossier(dossier: Path) -> TypeRapport:
        try:
            for connu in catalogue(modeles):
                if connu.dossier.resolve() == dossier.resolve():
                    return connu
        except ErreurEntree:
            pass
        return TypeRapport(lire_manifeste(dossier), dossier, "dossier", str(dossier))

    def type_nomme() -> TypeRapport | None:
        return catalogue(modeles).trouver(type_) if type_ else None

    try:
        if chemin.is_file():
            choisi = type_nomme()
            if choisi is None and (chemin.parent / MANIFESTE).is_file():
                choisi = type_du_dossier(chemin.parent)
            return lint_modele(chemin, choisi), 1
        if (chemin / MANIFESTE).is_file():
            dossiers = [chemin]
        else:
            dossiers = sorted(s for s in chemin.iterdir() if s.is_dir() and (s / MANIFESTE).is_file())
        findings: list[Finding] = []
        lus = 0
        if not dossiers:
            choisi = type_nomme()
            for fichier in sorted(chemin.glob("*.docx")):
                findings += lint_modele(fichier, choisi)
                lus += 1
            if not lus:
                findings.append(erreur(Lieu(str(chemin)), f"ni {MANIFESTE} ni modèle .docx dans ce dossier"))
            return findings, lus
        for dossier in dossiers:
            try:
                type_rapport = type_du_dossier(dossier)
            except ErreurEntree as exc:
                findings += exc.findings
                continue
            gabarits = [g for g, _ in type_rapport.documents()]
            resolus = {g.resolve() for g in gabarits}
            autres = sorted(f for f in dossier.glob("*.docx")
                            if f.resolve() not in resolus and not f.name.startswith(("~$", ".")))
            for fichier in [*gabarits, *autres]:
                findings += lint_modele(fichier, type_rapport)
                lus += 1
        return findings, lus
    except ErreurEntree as exc:
        return exc.findings, 0
