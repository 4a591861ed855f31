"""Hostile templates: a Word template cannot reach Python, files or the network, nor exhaust the machine.

A template is a user's file: a ``.docx`` whose tags Jinja runs in a sandbox
without any loader. Each escape attempt is refused with a French
:class:`~deliberations.rendu.docx.ModeleInvalide` naming the template and the
place of the tag in it (« paragraphe 2 », « tableau 1, ligne 2, cellule 3 »,
« en-tête 1, paragraphe 1 »); nothing is written; the command line prints
one line per problem and no traceback. Expressions that would build a huge
value (``'x' * 10**9``, ``range(10**9)``) are refused before they are
computed. (Values typed by a user are never evaluated: see
``test_render.py``.)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
import yaml

from conftest import RACINE, lignes_docx
from deliberations import render, valider
from deliberations.erreurs import ModeleInvalide
from exemples import point_minimal

MODELES = RACINE / "templates" / "rapport-deliberation"

#: escape attempts: (tag, what the French message says)
EVASIONS = {
    "mro": ("{{ ''.__class__.__mro__ }}", "accès interdit à l'attribut « __class__ »"),
    "cycler": ("{{ cycler.__init__.__globals__ }}", "accès interdit à l'attribut « __init__ »"),
    "objet": ("{{ objet.__class__ }}", "accès interdit à l'attribut « __class__ »"),
    "lipsum": ("{{ lipsum.__globals__ }}", "accès interdit à l'attribut « __globals__ »"),
    "include": ("{% include '/etc/passwd' %}", "ne peut ni inclure, ni importer, ni étendre"),
    "import": ("{% import 'os' as os %}", "ne peut ni inclure, ni importer, ni étendre"),
    "extends": ("{% extends '/etc/passwd' %}", "ne peut ni inclure, ni importer, ni étendre"),
    "self": ("{{ self.__init__ }}", "accès interdit à l'attribut « __init__ »"),
    "range": ("{{ range(10**9)|list }}", "range() : au plus 100 000 éléments"),
    "repetition": ("{{ 'x' * 10**9 }}", "résultat trop grand"),
}

#: other ways to build a huge value: each refused before it is computed
DEMESURES = [
    "{{ [0] * 10**9 }}",
    "{{ 10 * 'x' * 10**8 }}",
    "{{ 2 ** (10 ** 10) }}",  # Jinja reads 2 ** 10 ** 10 as (2 ** 10) ** 10
    "{{ (2**99999) * (2**99999) }}",
    "{{ '%01000000000d' % 1 }}",
    "{{ '%*d' % (10**9, 1) }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '{:>{w}}'.format(1, w=10**9) }}",
    "{{ '%01000000000d'|format(1) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'|indent(10**9) }}",
    "{{ range(10)|slice(10**9)|list }}",
    "{{ lipsum(10**9) }}",
    "{% set a = 'x' * 900000 %}{{ a + a }}",
]

#: bounded, legitimate uses of the same operators: they still work
MESURES = {
    "{{ 'ab' * 3 }}": "ababab",
    "{{ 2**10 }}": "1024",
    "{{ '%05d' % 42 }}": "00042",
    "{{ '{:>5}'.format('x') }}": "    x",
    "{{ '%s et %s'|format('a', 'b') }}": "a et b",
    "{{ 'x'|center(5) }}": "  x  ",
    "{{ range(3)|list|length }}": "3",
    "{{ [1, 2] + [3] }}": "[1, 2, 3]",
    "{{ 'a' + 'b' }}": "ab",
    "{{ objet|upper }}": "FACILITATION DES CLAUSES SOCIALES",
}


@pytest.fixture(scope="module")
def point():
    return valider(point_minimal())


def _modele(dossier: Path, *paragraphes: str, nom: str = "note.docx") -> Path:
    """A folder with one template: the given paragraphs, in order."""
    dossier.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for texte in paragraphes:
        document.add_paragraph(texte)
    document.save(str(dossier / nom))
    return dossier


def _fichiers(racine: Path) -> set[Path]:
    return {p for p in racine.rglob("*")}


def _refus(point, modeles: Path, sortie: Path) -> ModeleInvalide:
    avant = _fichiers(sortie.parent)
    with pytest.raises(ModeleInvalide) as exc:
        render(point, sortie, modeles=modeles)
    assert _fichiers(sortie.parent) == avant, "rien ne doit être écrit"
    return exc.value


@pytest.mark.parametrize("nom", EVASIONS)
def test_evasion_refusee_et_situee(point, tmp_path, nom):
    balise, message = EVASIONS[nom]
    modeles = _modele(tmp_path / "modeles", "Introduction : {{ objet }}", f"Avant {balise} après.", "Fin.")
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    debut = time.perf_counter()
    erreur = _refus(point, modeles, tmp_path / "sortie")
    assert time.perf_counter() - debut < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoire < 200 * 1024  # KiB: no huge value built
    (finding,) = erreur.findings
    assert finding.lieu.fichier == str(modeles / "note.docx")
    assert finding.lieu.champ == "paragraphe 2"
    assert message in finding.message and finding.message.startswith("modèle invalide : ")
    assert f"balise « {balise} »" in finding.message
    assert str(finding).startswith(f"{modeles / 'note.docx'}: erreur: paragraphe 2: modèle invalide : ")
    assert "Traceback" not in str(erreur) and "root:" not in str(erreur)


@pytest.mark.parametrize("balise", DEMESURES)
def test_expression_demesuree_refusee_avant_calcul(point, tmp_path, balise):
    modeles = _modele(tmp_path / "modeles", balise)
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    debut = time.perf_counter()
    erreur = _refus(point, modeles, tmp_path / "sortie")
    assert time.perf_counter() - debut < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoire < 200 * 1024
    (finding,) = erreur.findings
    assert finding.lieu.champ == "paragraphe 1"
    assert "trop grand" in finding.message or "lipsum() : au plus" in finding.message


def test_expressions_mesurees_permises(point, tmp_path):
    modeles = _modele(tmp_path / "modeles", *(f"{balise}|" for balise in MESURES))
    (ecrit,) = render(point, tmp_path / "sortie", modeles=modeles)
    assert lignes_docx(ecrit) == [f"{attendu}|" for attendu in MESURES.values()]


def test_lieu_dans_un_tableau(point, tmp_path):
    dossier = tmp_path / "modeles"
    dossier.mkdir()
    document = docx.Document()
    document.add_paragraph("{{ objet }}")
    tableau = document.add_table(rows=2, cols=3)
    tableau.cell(0, 0).text = "{{ objet }}"
    tableau.cell(1, 2).text = "{{ objet.__class__ }}"
    document.add_paragraph("{{ objet }}")
    document.save(str(dossier / "note.docx"))
    (finding,) = _refus(point, dossier, tmp_path / "sortie").findings
    assert finding.lieu.champ == "tableau 1, ligne 2, cellule 3"
    assert "« __class__ »" in finding.message


def test_lieu_dans_un_en_tete(point, tmp_path):
    dossier = tmp_path / "modeles"
    dossier.mkdir()
    document = docx.Document()
    document.add_paragraph("{{ objet }}")
    document.sections[0].header.paragraphs[0].text = "{{ numero }} {{ numero.__class__.__base__ }}"
    document.save(str(dossier / "note.docx"))
    (finding,) = _refus(point, dossier, tmp_path / "sortie").findings
    assert finding.lieu.champ == "en-tête 1, paragraphe 1"
    assert "balise « {{ numero.__class__.__base__ }} »" in finding.message


def test_lieu_dans_le_modele_integre(point, tmp_path):
    """In the real rapport template, inside a {%p for %} loop, the place is the paragraph a reader counts."""
    dossier = tmp_path / "modeles"
    dossier.mkdir()
    document = docx.Document(str(MODELES / "rapport.docx"))
    (numero,) = [k for k, p in enumerate(document.paragraphs) if "{{ proposition }}" in p.text]
    document.paragraphs[numero].add_run(" {{ proposition.__class__ }}")
    document.save(str(dossier / "rapport.docx"))
    (finding,) = _refus(point, dossier, tmp_path / "sortie").findings
    assert finding.lieu.fichier == str(dossier / "rapport.docx")
    assert finding.lieu.champ == f"paragraphe {numero + 1}"
    assert "balise « {{ proposition.__class__ }} »" in finding.message


def test_erreur_de_syntaxe_et_erreur_de_calcul_situees(point, tmp_path):
    modeles = _modele(tmp_path / "a", "{{ objet }}", "texte", "{% for x in %}")
    (finding,) = _refus(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 3" and "syntaxe invalide" in finding.message

    modeles = _modele(tmp_path / "b", "{{ objet }}", "{{ 1 / 0 }}")
    (finding,) = _refus(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 2" and "division par zéro" in finding.message

    modeles = _modele(tmp_path / "c", "{{ objet }}", "{{ collectivite.nomm }}")
    (finding,) = _refus(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 2" and "« nomm » n'existe pas" in finding.message


def test_ligne_de_commande_sans_trace(tmp_path):
    """``deliberations render … --modeles``: one French line per hostile template, nothing written, no traceback."""
    types = tmp_path / "types"
    fichiers = []
    for k, (nom, (balise, _)) in enumerate(EVASIONS.items()):
        dossier = types / f"hostile-{k}"
        _modele(dossier, "{{ objet }}", f"x {balise} y", nom="rapport.docx")
        (dossier / "type.yaml").write_text(
            f"nom: hostile-{k}\ntitre: Hostile {nom}\ndescription: Un modèle qui tente de sortir du bac à sable.\n"
            "documents:\n  - modele: rapport.docx\n    sortie: \"{numero}-rapport.docx\"\n    titre: Rapport\n",
            encoding="utf-8")
        fichier = tmp_path / f"point-{k}.yaml"
        fichier.write_text(yaml.safe_dump(point_minimal(type=f"hostile-{k}", numero=f"H-{k}"), allow_unicode=True),
                           encoding="utf-8")
        fichiers.append(fichier)
    sortie = tmp_path / "sortie"
    resultat = subprocess.run([sys.executable, "-m", "deliberations.cli", "render", *map(str, fichiers), "-o", str(sortie),
                               "--modeles", str(types)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert resultat.returncode == 1, resultat.stderr
    assert "Traceback" not in resultat.stderr and "erreur interne" not in resultat.stderr
    for k in range(len(EVASIONS)):
        modele = types / f"hostile-{k}" / "rapport.docx"
        assert f"{modele}: erreur: paragraphe 2: modèle invalide : " in resultat.stderr + resultat.stdout
    assert resultat.stderr.count("rien n'a été écrit") == len(EVASIONS)
    assert not sortie.exists() or not any(sortie.iterdir())


def test_un_modele_ne_modifie_pas_les_donnees(tmp_path: Path) -> None:
    """The sandbox is immutable: a template cannot change the lists it prints (nor the next document)."""
    from jinja2.exceptions import SecurityError

    from deliberations.rendu.jinja import environnement

    with pytest.raises(SecurityError):
        environnement().from_string("{{ visas.append('Vu rien') }}").render(visas=["Vu le code"])
