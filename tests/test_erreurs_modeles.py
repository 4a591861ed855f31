"""Every error a Word template can raise reaches the user in French, at its place in the template.

A table of broken templates, each a small ``.docx`` built here: an unclosed
block, a stray ``{% endif %}``, an unknown filter or test, bad syntax, an
unknown variable, a value of the wrong kind for a filter or an operation…
Rendering each raises :class:`~deliberations.erreurs.ModeleInvalide` (never
another exception, never a traceback) whose text is French (no English word
of Jinja's or Python's messages), names the place of the faulty tag
(« paragraphe 2 », « tableau 1, ligne 2, cellule 3 ») and the tag itself;
the command line prints one French line per problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import InvalidOperation
from pathlib import Path

import docx
import pytest
import yaml
from jinja2 import TemplateSyntaxError
from jinja2.exceptions import FilterArgumentError, SecurityError, TemplateRuntimeError, UndefinedError

from deliberations import contexte, render, valider
from deliberations.cli import main
from deliberations.erreurs import ModeleInvalide
from deliberations.rendu.docx import rendre_docx
from deliberations.rendu.messages_jinja import message_d_execution, message_syntaxe
from exemples import point_minimal

#: words of Jinja's and Python's English messages: none may reach the user
ANGLAIS = re.compile(
    r"\b(unexpected|expected|undefined|is not|got|object|attribute|no filter|no test|encountered|end of template"
    r"|jinja was|looking for|innermost|takes|given|not supported|instances?|must|invalid|out of range"
    r"|division by|unsupported|operand|callable|iterable|subscriptable|literal|missing|required|argument\(s"
    r"|traceback|error)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Cas:
    #: paragraphs of the template's body, in order (a tuple is one paragraph written in several runs)
    paragraphes: tuple[str | tuple[str, ...], ...]
    #: place of the faulty tag
    lieu: str
    #: French words the message must hold
    mots: tuple[str, ...]
    #: the faulty tag, as the message quotes it (None: the message quotes a part of it)
    balise: str | None


#: the broken templates: {id: case}; paragraph 1 is always a correct tag
CAS = {
    # blocks
    "if-jamais-ferme": Cas(("{{ objet }}", "{% if objet %}oui", "Fin : {{ numero }}"), "paragraphe 2",
                           ("jamais fermé", "{% endif %}"), "{% if objet %}"),
    "for-jamais-ferme": Cas(("{{ objet }}", "{% for x in [1, 2] %}{{ x }}", "{{ numero }}"), "paragraphe 2",
                            ("jamais fermé", "{% endfor %}"), "{% for x in [1, 2] %}"),
    "endif-sans-if": Cas(("{{ objet }}", "texte {% endif %}"), "paragraphe 2",
                         ("ferme un bloc qui n'a pas été ouvert",), "{% endif %}"),
    "else-hors-bloc": Cas(("{{ objet }}", "{% else %}"), "paragraphe 2", ("sans", "{% if %}", "ouvert"), "{% else %}"),
    "elif-hors-bloc": Cas(("{{ objet }}", "{% elif objet %}"), "paragraphe 2", ("sans", "{% if %}"), "{% elif objet %}"),
    "blocs-croises": Cas(("{{ objet }}", "{% if objet %}", "{% endfor %}"), "paragraphe 3",
                         ("ferme", "{% endif %}"), "{% endfor %}"),
    "raw-jamais-ferme": Cas(("{{ objet }}", "{% raw %} texte"), "paragraphe 2", ("jamais fermé", "{% endraw %}"),
                            "{% raw %}"),
    "balise-inconnue": Cas(("{{ objet }}", "{% inconnue objet %}"), "paragraphe 2", ("balise inconnue", "« inconnue »"),
                           "{% inconnue objet %}"),
    # filters and tests
    "filtre-inconnu": Cas(("{{ objet }}", "{{ objet|inconnu }}"), "paragraphe 2",
                          ("filtre inconnu « inconnu »", "montant"), "{{ objet|inconnu }}"),
    "filtre-proche": Cas(("{{ objet }}", "{{ objet|montan }}"), "paragraphe 2",
                         ("filtre inconnu « montan »", "vouliez-vous dire « montant »"), "{{ objet|montan }}"),
    "test-inconnu": Cas(("{{ objet }}", "{% if objet is inconnu %}x{% endif %}"), "paragraphe 2",
                        ("test inconnu « inconnu »",), "{% if objet is inconnu %}"),
    # syntax
    "expression-incomplete": Cas(("{{ objet }}", "{{ objet + }}"), "paragraphe 2", ("inattendu", "incomplète"),
                                 "{{ objet + }}"),
    "balise-vide": Cas(("{{ objet }}", "{{ }}"), "paragraphe 2", ("expression manquante",), "{{ }}"),
    "if-sans-condition": Cas(("{{ objet }}", "{% if %}x{% endif %}"), "paragraphe 2", ("expression manquante",),
                             "{% if %}"),
    "for-sans-in": Cas(("{{ objet }}", "{% for x %}{% endfor %}"), "paragraphe 2", ("« in » attendu",),
                       "{% for x %}"),
    "affectation-dans-balise": Cas(("{{ objet }}", "{{ x = 1 }}"), "paragraphe 2", ("« }} » attendu", "« = »"),
                                   "{{ x = 1 }}"),
    "caractere-interdit": Cas(("{{ objet }}", "{{ objet ! }}"), "paragraphe 2", ("caractère « ! »",), "{{ objet ! }}"),
    "parenthese-en-trop": Cas(("{{ objet }}", "{{ (objet)) }}"), "paragraphe 2", ("« ) »", "inattendu"),
                              "{{ (objet)) }}"),
    "balise-non-fermee": Cas(("{{ objet }}", "{{ objet }"), "paragraphe 2", ("jamais fermée",), None),
    # values
    "variable-inconnue": Cas(("{{ objet }}", "{{ inexistant }}"), "paragraphe 2", ("variable inconnue « inexistant »",),
                             "{{ inexistant }}"),
    "cle-inconnue": Cas(("{{ objet }}", "{{ collectivite.inexistant }}"), "paragraphe 2",
                        ("« inexistant » n'existe pas",), "{{ collectivite.inexistant }}"),
    "attribut-d-un-nombre": Cas(("{{ objet }}", "{% set n = 1 %}{{ n.chiffre }}"), "paragraphe 2",
                                ("« chiffre » n'existe pas", "nombre"), "{{ n.chiffre }}"),
    "appel-d-un-texte": Cas(("{{ objet }}", "{{ objet() }}"), "paragraphe 2", ("pas une fonction", "texte"),
                            "{{ objet() }}"),
    "montant-d-un-texte": Cas(("{{ objet }}", "{{ objet|montant }}"), "paragraphe 2", ("montant illisible",),
                              "{{ objet|montant }}"),
    "date-d-un-nombre": Cas(("{{ objet }}", "{{ 12|date_longue }}"), "paragraphe 2", ("date attendue",),
                            "{{ 12|date_longue }}"),
    "division-par-zero": Cas(("{{ objet }}", "{{ 1/0 }}"), "paragraphe 2", ("division par zéro",), "{{ 1/0 }}"),
    "modulo-zero": Cas(("{{ objet }}", "{{ 5 % 0 }}"), "paragraphe 2", ("division par zéro",), "{{ 5 % 0 }}"),
    "indice-d-un-texte": Cas(("{{ objet }}", "{{ objet[1000] }}"), "paragraphe 2", ("1000", "n'existe pas", "texte"),
                             "{{ objet[1000] }}"),
    "indice-d-une-liste": Cas(("{{ objet }}", "{{ [1, 2][5] }}"), "paragraphe 2", ("5", "n'existe pas", "liste"),
                              "{{ [1, 2][5] }}"),
    "texte-plus-nombre": Cas(("{{ objet }}", "{{ objet + 1 }}"), "paragraphe 2", ("« + » impossible", "texte", "nombre"),
                             "{{ objet + 1 }}"),
    "comparaison": Cas(("{{ objet }}", "{{ 1 < objet }}"), "paragraphe 2", ("comparaison « < » impossible",),
                       "{{ 1 < objet }}"),
    "boucle-sur-un-nombre": Cas(("{{ objet }}", "{% for x in 3 %}x{% endfor %}"), "paragraphe 2",
                                ("parcourir", "nombre"), "{% for x in 3 %}"),
    "trop-d-arguments": Cas(("{{ objet }}", "{{ objet|int(1, 2, 3) }}"), "paragraphe 2", ("arguments", "« int »"),
                            "{{ objet|int(1, 2, 3) }}"),
    "argument-nomme-inconnu": Cas(("{{ objet }}", "{{ objet|upper(x=1) }}"), "paragraphe 2",
                                  ("argument", "« x »"), "{{ objet|upper(x=1) }}"),
    "macro-trop-d-arguments": Cas(("{{ objet }}", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}"),
                                  "paragraphe 2", ("arguments", "« m »"), None),
    "arrondi-d-un-texte": Cas(("{{ objet }}", "{{ objet|round }}"), "paragraphe 2", ("arrondi", "texte"),
                              "{{ objet|round }}"),
    "formatage": Cas(("{{ objet }}", "{{ '%d' % objet }}"), "paragraphe 2", ("nombre",), "{{ '%d' % objet }}"),
    "range-pas-nul": Cas(("{{ objet }}", "{{ range(1, 5, 0)|list }}"), "paragraphe 2", ("pas",),
                         "{{ range(1, 5, 0)|list }}"),
    "entier-illisible": Cas(("{{ objet }}", "{{ objet|list|sum }}"), "paragraphe 2", ("impossible",),
                            "{{ objet|list|sum }}"),
    "interdit": Cas(("{{ objet }}", "{{ objet.__class__ }}"), "paragraphe 2", ("accès interdit",),
                    "{{ objet.__class__ }}"),
    # a tag Word cut into several runs (its formatting or spelling marks)
    "balise-coupee": Cas(("{{ objet }}", ("Objet : {{ objet|", "inconnu }}")), "paragraphe 2",
                         ("filtre inconnu « inconnu »",), "{{ objet|inconnu }}"),
    "variable-coupee": Cas(("{{ objet }}", ("{{ inex", "istant }}")), "paragraphe 2",
                           ("variable inconnue « inexistant »",), "{{ inexistant }}"),
}


@pytest.fixture(scope="module")
def point():
    return valider(point_minimal())


def _modele(dossier: Path, paragraphes: tuple[str | tuple[str, ...], ...], *, tableau: dict | None = None) -> Path:
    """A folder holding one bare template, ``note.docx``: the paragraphs, then an optional table {(row, cell): text}."""
    dossier.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for paragraphe in paragraphes:
        p = document.add_paragraph()
        for morceau in (paragraphe if isinstance(paragraphe, tuple) else (paragraphe,)):
            p.add_run(morceau)
    if tableau:
        t = document.add_table(rows=1 + max(r for r, _ in tableau), cols=1 + max(c for _, c in tableau))
        for (rangee, cellule), texte in tableau.items():
            t.cell(rangee, cellule).text = texte
    document.save(str(dossier / "note.docx"))
    return dossier


def _verifier_francais(texte: str, mots: tuple[str, ...]) -> None:
    anglais = ANGLAIS.findall(texte)
    assert not anglais, f"mots anglais {anglais} dans : {texte}"
    for mot in mots:
        assert mot in texte, f"« {mot} » manque dans : {texte}"


def _refus(point, modeles: Path, sortie: Path) -> ModeleInvalide:
    with pytest.raises(Exception) as info:
        render(point, sortie, modeles=modeles)
    assert type(info.value) is ModeleInvalide, f"{type(info.value).__name__}: {info.value}"
    assert not sortie.exists() or not any(sortie.iterdir()), "rien ne doit être écrit"
    return info.value


@pytest.mark.parametrize("nom", CAS)
def test_erreur_de_modele_en_francais_et_situee(point, tmp_path, nom):
    cas = CAS[nom]
    modeles = _modele(tmp_path / "modeles", cas.paragraphes)
    erreur = _refus(point, modeles, tmp_path / "sortie")
    (finding,) = erreur.findings
    texte = str(erreur)
    assert finding.lieu.fichier == str(modeles / "note.docx")
    assert finding.lieu.champ == cas.lieu, texte
    assert texte.startswith(f"{modeles / 'note.docx'}: erreur: {cas.lieu}: modèle invalide : "), texte
    assert "\n" not in texte
    _verifier_francais(finding.message, cas.mots)
    if cas.balise is not None:
        assert f"« {cas.balise} »" in finding.message, texte


@pytest.mark.parametrize("nom", ["if-jamais-ferme", "filtre-inconnu", "variable-inconnue", "division-par-zero",
                                 "indice-d-un-texte", "balise-coupee"])
def test_appel_direct_du_rendu(point, tmp_path, nom):
    """``rendre_docx(modele, contexte)`` raises the same French error as ``render``."""
    cas = CAS[nom]
    modele = _modele(tmp_path / "modeles", cas.paragraphes) / "note.docx"
    with pytest.raises(Exception) as info:
        rendre_docx(modele, contexte(point))
    assert type(info.value) is ModeleInvalide
    (finding,) = info.value.findings
    assert finding.lieu.champ == cas.lieu
    _verifier_francais(finding.message, cas.mots)


@pytest.mark.parametrize("texte, balise, mots", [
    ("{{ inexistant }}", "{{ inexistant }}", ("variable inconnue « inexistant »",)),
    ("{% if objet %}x", "{% if objet %}", ("jamais fermé", "{% endif %}")),
    ("{{ objet|inconnu }}", "{{ objet|inconnu }}", ("filtre inconnu",)),
    ("{{ 1/0 }}", "{{ 1/0 }}", ("division par zéro",)),
])
def test_erreur_dans_un_tableau(point, tmp_path, texte, balise, mots):
    modeles = _modele(tmp_path / "modeles", ("{{ objet }}",), tableau={(0, 0): "{{ numero }}", (1, 2): texte})
    (finding,) = _refus(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "tableau 1, ligne 2, cellule 3", str(finding)
    _verifier_francais(finding.message, mots)
    assert f"« {balise} »" in finding.message


@pytest.mark.parametrize("nom", CAS)
def test_lint_en_francais(tmp_path, nom):
    """``lint-template`` reads the same broken templates: whatever it reports is French too."""
    from deliberations.rendu.lint import lint_modele

    modele = _modele(tmp_path / "modeles", CAS[nom].paragraphes) / "note.docx"
    for finding in lint_modele(modele):
        assert not ANGLAIS.findall(finding.message), str(finding)


#: errors no table maps, with English messages Jinja or Python might one day raise: French, generic
INCONNUES = [
    TemplateSyntaxError("a brand new syntax error was encountered", 1),
    UndefinedError("something is undefined in a new way"),
    SecurityError("this new operation is unsafe"),
    FilterArgumentError("the new argument is invalid"),
    TemplateRuntimeError("a new runtime error occurred"),
    TypeError("an unexpected type error: got object"),
    ValueError("invalid value: expected something else"),
    IndexError("new index error"),
    KeyError("missing_key"),
    AttributeError("object has no new attribute"),
    OverflowError("math range error"),
    ZeroDivisionError("float division by zero"),
    InvalidOperation("[<class 'decimal.DivisionUndefined'>]"),
    UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    RecursionError("maximum recursion depth exceeded"),
    MemoryError(),
    RuntimeError("the runtime failed"),
    LookupError("not found"),
    NotImplementedError("not implemented"),
    Exception("anything at all"),
]


@pytest.mark.parametrize("exc", INCONNUES, ids=lambda e: type(e).__name__)
def test_message_inconnu_en_francais(exc):
    """An English message in no table gets a French sentence, never its English text."""
    message = message_syntaxe(exc) if isinstance(exc, TemplateSyntaxError) else message_d_execution(exc, "{{ x }}")
    assert message and not ANGLAIS.findall(message), message
    assert str(exc) not in message or not str(exc)


def test_message_du_projet_garde():
    """An error the project's own code raises on purpose is French already: its text is kept."""
    from deliberations.langue import formats

    with pytest.raises(ValueError) as info:
        formats.montant("abc")
    assert message_d_execution(info.value) == str(info.value) == "montant illisible : « abc »"
    with pytest.raises(TypeError) as info:
        formats.montant(1, 2, 3, 4)  # Python's error, raised while calling the project's function
    assert message_d_execution(info.value).startswith("trop d'arguments pour « montant »")


def test_ligne_de_commande(tmp_path, capsys):
    """``deliberations render … --modeles``: one French line per broken template, nothing written, no traceback."""
    for k, (nom, cas) in enumerate(CAS.items()):
        types = tmp_path / f"types-{k}"
        dossier = _modele(types / "casse", cas.paragraphes)
        (dossier / "type.yaml").write_text(
            "nom: casse\ntitre: Modèle cassé\ndescription: Un modèle dont une balise est fautive.\n"
            "documents:\n  - modele: note.docx\n    sortie: \"{numero}-note.docx\"\n    titre: Note\n",
            encoding="utf-8")
        fichier = tmp_path / f"point-{k}.yaml"
        fichier.write_text(yaml.safe_dump(point_minimal(type="casse"), allow_unicode=True), encoding="utf-8")
        sortie = tmp_path / f"sortie-{k}"
        code = main(["render", str(fichier), "-o", str(sortie), "--modeles", str(types)])
        lu = capsys.readouterr()
        tout = lu.out + lu.err
        assert code == 1, f"{nom}: {tout}"
        assert "Traceback" not in tout and "erreur interne" not in tout
        problemes = [ligne for ligne in tout.splitlines() if ": erreur: " in ligne]
        assert len(problemes) == 1, f"{nom}: {tout}"
        (ligne,) = problemes
        assert ligne.startswith(f"{dossier / 'note.docx'}: erreur: {cas.lieu}: modèle invalide : "), ligne
        _verifier_francais(ligne.split(": modèle invalide : ", 1)[1], cas.mots)
        assert "rien n'a été écrit" in lu.err
        assert not sortie.exists() or not any(sortie.iterdir())
