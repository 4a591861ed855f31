"""Templates without bounds: a Word template cannot exhaust memory or time, nor let item text become Word code.

Each family is a table of hostile templates, run through the Python API
(``render``, ``rendre_docx``, ``lint_modele``) and the command line
(``deliberations render … --modeles``, ``deliberations lint-template``), with
the helpers of the bad-input catalogue (``test_entrees_invalides``):

- the archive: a file that is not a ``.docx`` (text, empty, truncated, an old
  ``.doc``), a package without its parts or with a part that is not XML, a
  « zip bomb » (declared or actual size, compression ratio) is refused with a
  French ``ModeleInvalide`` naming the template and the part, before anything
  unzips it;
- string growth (``~``, ``|replace``, ``|join``, ``.join``, ``.ljust``,
  ``|indent``, ``|sum``, printing a list of huge strings…) is refused before
  the value is built; the total output of a document is bounded;
- loops and calls are counted (nested loops over ``range``, strings, recursive
  loops, exponential macros) and a render has a time limit, in every thread;
- ``|safe`` and ``|urlize`` are refused (render and lint); item text holding
  WordprocessingML is printed as literal text by every route, and
  verification refuses a rendered part holding hidden text or another
  suspect element its template does not have;
- a template nested too deep (parentheses, operators, blocks) or a recursive
  macro gives a French message at the template's place, never Python's.
"""

from __future__ import annotations

import io
import resource
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError, TemplateError

from deliberations import contexte, render, valider
from deliberations.erreurs import Erreur, ErreurVerification, ModeleInvalide
from deliberations.rendu import archive, bornes, texte
from deliberations.rendu.docx import rendre_docx
from deliberations.rendu.jinja import environnement
from deliberations.rendu.lint import lint_modele
from deliberations.rendu.verification import elements_etrangers
from exemples import point_minimal
from test_entrees_invalides import ANGLAIS as ANGLAIS_CATALOGUE
from test_entrees_invalides import executer, preparer, sans_anglais, verifier_lignes
from test_erreurs_modeles import _verifier_francais

#: WordprocessingML a hostile item slips into its text: hidden text, if it were read as code
CHARGE = "avant</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>caché"


@pytest.fixture(scope="module")
def point():
    return valider(point_minimal())


def _docx(*paragraphes: str) -> bytes:
    document = docx.Document()
    for texte_ in paragraphes:
        document.add_paragraph(texte_)
    tampon = io.BytesIO()
    document.save(tampon)
    return tampon.getvalue()


def _dossier(racine: Path, donnees: bytes, nom: str = "note.docx") -> Path:
    """A folder of bare templates holding one template with these bytes."""
    racine.mkdir(parents=True, exist_ok=True)
    (racine / nom).write_bytes(donnees)
    return racine


def _modele(racine: Path, *paragraphes: str) -> Path:
    return _dossier(racine, _docx(*paragraphes))


def _fichiers(racine: Path) -> set[Path]:
    return set(racine.rglob("*"))


def _refus_api(point, modeles: Path, sortie: Path) -> ModeleInvalide:
    avant = _fichiers(sortie.parent)
    with pytest.raises(Erreur) as info:
        render(point, sortie, modeles=modeles)
    assert type(info.value) is ModeleInvalide, f"{type(info.value).__name__}: {info.value}"
    assert _fichiers(sortie.parent) == avant, "rien ne doit être écrit"
    return info.value


# --------------------------------------------------------------------------
# The archive


def _remplacer(membre: str, donnees: bytes | None) -> bytes:
    """A valid template with one member replaced (None: removed; a new name: added)."""
    source = zipfile.ZipFile(io.BytesIO(_docx("{{ objet }}")))
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in source.infolist():
            if info.filename != membre:
                zout.writestr(info, source.read(info))
        if donnees is not None:
            zout.writestr(membre, donnees)
    return sortie.getvalue()


def _menteur() -> bytes:
    """A member declaring 100 bytes that inflates to 5 MB (its size patched in both headers)."""
    donnees = bytearray(_remplacer("word/media/menteur.bin", b"\0" * (5 * 1024 * 1024)))
    nom = b"word/media/menteur.bin"
    petit = (100).to_bytes(4, "little")
    debut = 0
    while (debut := donnees.find(b"PK", debut)) >= 0:
        signature = bytes(donnees[debut:debut + 4])
        if signature == b"PK\x03\x04" and donnees[debut + 30:debut + 30 + len(nom)] == nom:
            donnees[debut + 22:debut + 26] = petit  # local header: uncompressed size
        elif signature == b"PK\x01\x02" and donnees[debut + 46:debut + 46 + len(nom)] == nom:
            donnees[debut + 24:debut + 28] = petit  # central directory: uncompressed size
        debut += 2
    assert zipfile.ZipFile(io.BytesIO(bytes(donnees))).getinfo(nom.decode()).file_size == 100
    return bytes(donnees)


@dataclass(frozen=True)
class Archive:
    donnees: object  # bytes, or a function building them (lazy: bombs are built only when run)
    mots: tuple[str, ...]
    partie: str | None = None  # the member the message names


_PAS_UN_DOCX = ("n'est pas un document Word (.docx) lisible", "archive zip")

ARCHIVES = {
    "vide": Archive(b"", _PAS_UN_DOCX),
    "texte": Archive("Ceci n'est pas un document Word.\n".encode(), _PAS_UN_DOCX),
    "doc-ancien": Archive(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, _PAS_UN_DOCX),
    "tronque": Archive(lambda: _docx("{{ objet }}")[:4000], _PAS_UN_DOCX),
    "pdf": Archive(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", _PAS_UN_DOCX),
    "sans-document": Archive(lambda: _remplacer("word/document.xml", None), ("la partie word/document.xml manque",),
                             "word/document.xml"),
    "sans-types": Archive(lambda: _remplacer("[Content_Types].xml", None), ("la partie [Content_Types].xml manque",),
                          "[Content_Types].xml"),
    "document-pas-xml": Archive(lambda: _remplacer("word/document.xml", b"<w:document><w:body>"),
                                ("n'est pas du XML lisible", "document abîmé"), "word/document.xml"),
    "types-pas-xml": Archive(lambda: _remplacer("[Content_Types].xml", b"pas du XML"),
                             ("n'est pas du XML lisible",), "[Content_Types].xml"),
    "relations-pas-xml": Archive(lambda: _remplacer("word/_rels/document.xml.rels", b"<Relationships"),
                                 ("n'est pas du XML lisible",), "word/_rels/document.xml.rels"),
    "styles-pas-xml": Archive(lambda: _remplacer("word/styles.xml", b"<w:styles"), ("n'est pas du XML lisible",),
                              "word/styles.xml"),
    "theme-pas-xml": Archive(lambda: _remplacer("word/theme/theme1.xml", b"<a:theme"), ("n'est pas du XML lisible",),
                             "word/theme/theme1.xml"),
    "proprietes-pas-xml": Archive(lambda: _remplacer("docProps/core.xml", b"<cp:coreProperties"),
                                  ("n'est pas du XML lisible",), "docProps/core.xml"),
    "bombe-declaree": Archive(lambda: _remplacer("word/media/bombe.bin", b"\0" * (60 * 1024 * 1024)),
                              ("trop grande une fois décompressée", "au plus 50 Mo"), "word/media/bombe.bin"),
    "bombe-comprimee": Archive(lambda: _remplacer("word/media/bombe.bin", b"\0" * (20 * 1024 * 1024)),
                               ("comprimée plus de 200 fois", "archive piégée"), "word/media/bombe.bin"),
    "taille-mensongere": Archive(_menteur, ("n'est pas un document Word (.docx) lisible",)),
}


def _octets(cas: Archive) -> bytes:
    return cas.donnees() if callable(cas.donnees) else cas.donnees  # type: ignore[operator,return-value]


@pytest.mark.parametrize("nom", ARCHIVES)
def test_archive_refusee_par_l_api(point, tmp_path, nom):
    cas = ARCHIVES[nom]
    modeles = _dossier(tmp_path / "modeles", _octets(cas))
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    debut = time.perf_counter()
    erreur = _refus_api(point, modeles, tmp_path / "sortie")
    assert time.perf_counter() - debut < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoire < 150 * 1024  # KiB: nothing inflated
    (finding,) = erreur.findings
    assert finding.lieu.fichier == str(modeles / "note.docx")
    assert finding.message.startswith("modèle invalide : ")
    _verifier_francais(finding.message, cas.mots)
    if cas.partie:
        assert cas.partie in finding.message
    # the template's own function says the same
    with pytest.raises(Erreur) as direct:
        rendre_docx(modeles / "note.docx", contexte(point))
    assert type(direct.value) is ModeleInvalide and str(direct.value) == str(erreur)
    # and so does the linter
    (trouve,) = lint_modele(modeles / "note.docx")
    assert trouve.severite == "erreur" and trouve.lieu.fichier == str(modeles / "note.docx")
    _verifier_francais(trouve.message, cas.mots)


@pytest.mark.parametrize("nom", ["texte", "tronque", "sans-types", "document-pas-xml", "bombe-comprimee",
                                 "taille-mensongere", "styles-pas-xml"])
def test_archive_refusee_en_ligne_de_commande(tmp_path, capsys, monkeypatch, nom):
    cas = ARCHIVES[nom]
    dossier = preparer(tmp_path)
    monkeypatch.chdir(tmp_path)
    modeles = _dossier(tmp_path / "modeles", _octets(cas))
    modele = modeles / "note.docx"
    for argv in (["render", str(dossier.point), "-o", str(tmp_path / "sortie"), "--modeles", str(modeles)],
                 ["lint-template", str(modele)]):
        code, sortie, erreurs = executer(argv, capsys)
        sans_anglais(sortie, erreurs, chemin=tmp_path)
        assert code == 1, sortie + erreurs
        (ligne,) = verifier_lignes(sortie)
        assert ligne.group("fichier") == str(modele) and ligne.group("severite") == "erreur"
        _verifier_francais(ligne.group("reste"), cas.mots)
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


def test_type_dont_le_modele_n_est_pas_un_docx(tmp_path, capsys, monkeypatch):
    """A report type (with its type.yaml) whose template is a text file: render and lint-template say so, in French."""
    import yaml

    types = tmp_path / "types"
    dossier = types / "hostile"
    dossier.mkdir(parents=True)
    (dossier / "rapport.docx").write_text("pas un document Word", encoding="utf-8")
    (dossier / "type.yaml").write_text(
        "nom: hostile\ntitre: Hostile\ndescription: Un modèle qui n'est pas un document Word.\n"
        "documents:\n  - modele: rapport.docx\n    sortie: \"{numero}-rapport.docx\"\n    titre: Rapport\n",
        encoding="utf-8")
    point = tmp_path / "point.yaml"
    point.write_text(yaml.safe_dump(point_minimal(type="hostile"), allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["render", str(point), "-o", str(tmp_path / "sortie"), "--modeles", str(types)],
                 ["lint-template", str(dossier)]):
        code, sortie, erreurs = executer(argv, capsys)
        sans_anglais(sortie, erreurs, chemin=tmp_path)
        assert code == 1, sortie + erreurs
        lignes = [m for m in verifier_lignes(sortie) if m.group("fichier") == str(dossier / "rapport.docx")]
        assert lignes and all(m.group("severite") == "erreur" for m in lignes), sortie
        _verifier_francais(lignes[0].group("reste"), _PAS_UN_DOCX)
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


def test_dossier_nomme_docx(point, tmp_path):
    modeles = tmp_path / "modeles"
    (modeles / "note.docx").mkdir(parents=True)
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.fichier == str(modeles / "note.docx")
    _verifier_francais(finding.message, ("c'est un dossier, pas un document Word",))


def test_archive_saine_verifiee_une_fois(tmp_path):
    """A sound template is read once (same path, size, date), then trusted: the normal path pays nothing."""
    modele = _modele(tmp_path / "modeles", "{{ objet }}") / "note.docx"
    archive.verifier_archive(modele)
    debut = time.perf_counter()
    for _ in range(100):
        archive.verifier_archive(modele)
    assert time.perf_counter() - debut < 0.1
    modele.write_bytes(b"plus un docx")  # changed: checked again
    with pytest.raises(ModeleInvalide):
        archive.verifier_archive(modele)


_VALIDE = _docx("{{ objet }}", "Fin.")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=300),
    st.integers(0, len(_VALIDE)).map(lambda n: _VALIDE[:n]),
    st.lists(st.tuples(st.integers(0, len(_VALIDE) - 1), st.integers(0, 255)), min_size=1, max_size=8).map(
        lambda changes: bytes(b if i not in dict(changes) else dict(changes)[i] for i, b in enumerate(_VALIDE))),
))
def test_propriete_octets_quelconques(point, tmp_path_factory, donnees):
    """Any bytes as a template: written, or refused in French (ModeleInvalide, or ErreurVerification), never a crash."""
    modele = tmp_path_factory.mktemp("octets") / "note.docx"
    modele.write_bytes(donnees)
    try:
        rendre_docx(modele, contexte(point))
    except (ModeleInvalide, ErreurVerification) as exc:
        _verifier_francais(str(exc).replace(str(modele), "<modèle>"), ())
    for finding in lint_modele(modele):
        _verifier_francais(finding.message, ())


# --------------------------------------------------------------------------
# Growth, loops, time, output


#: templates whose values or output would grow without bound: (template, words of the message)
DEMESURES = {
    "tilde": ("{% set a = 'x' * 900000 %}{{ (a ~ a ~ a)|length }}", ("« ~ »", "trop grand")),
    "tilde-doublee": ("{% set ns = namespace(a='x') %}{% for i in range(40) %}{% set ns.a = ns.a ~ ns.a %}{% endfor %}"
                      "{{ ns.a|length }}", ("« ~ »", "trop grand")),
    "replace": ("{% set a = 'x' * 900000 %}{{ (a|replace('x', 'xxxxxxxxxx'))|length }}", ("« |replace »",)),
    "replace-vide": ("{{ ('x' * 900000)|replace('', 'abc') }}", ("« |replace »",)),
    "methode-replace": ("{% set a = 'x' * 900000 %}{{ a.replace('x', a)|length }}", ("« replace »",)),
    "join": ("{% set l = ['x' * 900000] * 1000 %}{{ (l|join)|length }}", ("« |join »",)),
    "methode-join": ("{% set l = ['x' * 900000] * 1000 %}{{ '-'.join(l)|length }}", ("« join »",)),
    "ljust": ("{{ 'x'.ljust(10**9) }}", ("« ljust »",)),
    "zfill": ("{{ '1'.zfill(10**9) }}", ("« zfill »",)),
    "expandtabs": ("{{ ('\\t' * 100000).expandtabs(100000) }}", ("« expandtabs »",)),
    "indent": ("{{ ('\\n' * 900000)|indent(1000) }}", ("« |indent »",)),
    "sum-listes": ("{% set l = [[0] * 1000000] * 1000000 %}{{ (l|sum(start=[]))|length }}", ("« |sum »",)),
    "string-liste": ("{% set l = ['x' * 900000] * 1000000 %}{{ (l|string)|length }}", ("« |string »",)),
    "tojson-liste": ("{% set l = ['x' * 900000] * 1000000 %}{{ (l|tojson)|length }}", ("« |tojson »",)),
    "imprimer-liste": ("{% set l = ['x' * 900000] * 1000000 %}{{ l }}", ("« {{ }} »",)),
    "liste-imbriquee": ("{% set a = ['x' * 1000] * 10 %}{% set b = [a, a, a, a, a, a, a, a, a, a] %}"
                        "{% set c = [b, b, b, b, b, b, b, b, b, b] %}{% set d = [c, c, c, c, c, c, c, c, c, c] %}"
                        "{{ [d, d, d, d, d, d, d, d, d, d]|pprint|length }}", ("« |pprint »",)),
    "map-string": ("{% set l = [['x' * 900000] * 1000] * 1000 %}{{ l|map('string')|map('length')|sum }}",
                   ("« |string »",)),
    "pourcent-champs": ("{% set a = 'x' * 900000 %}{{ ('%s%s%s' % (a, a, a))|length }}", ("« % »",)),
    "pourcent-nomme": ("{% set a = 'x' * 9000 %}{{ ('%(a)s' * 200)|format(a=a)|length }}", ("trop grand",)),
    "accolades-reutilisees": ("{% set a = 'x' * 900000 %}{{ ('{0}{0}{0}'.format(a))|length }}", ("« format »",)),
    "tojson-indente": ("{{ range(1000)|list|tojson(indent=1000000) }}", ("« |tojson »",)),
    "join-d-un-generateur": ("{% set a = 'x' * 900000 %}{{ range(100)|map('string')|join(a) }}", ("« |join »",)),
    "methode-join-generateur": ("{% set a = 'x' * 900000 %}{{ a.join(range(100)|map('string')) }}",
                                ("« join »",)),
    "valeur-trop-profonde": ("{% set ns = namespace(l=[1]) %}{% for i in range(5000) %}{% set ns.l = [ns.l] %}"
                             "{% endfor %}{{ ns.l }}", ("trop grand",)),
    "boucles-imbriquees": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                           ("boucles ou appels sans fin", "5 000 000")),
    "boucles-sur-textes": ("{% for a in 'x' * 1000000 %}{% for b in 'x' * 1000000 %}{% endfor %}{% endfor %}",
                           ("boucles ou appels sans fin",)),
    "boucle-recursive": ("{% for x in range(100000) recursive %}{{ loop(range(100000)) }}{% endfor %}",
                         ("sans fin",)),
    "macro-exponentielle": ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
                            "{{ m(60) }}", ("boucles ou appels sans fin",)),
    "sortie": ("{% for i in range(100000) %}{{ 'x' * 999999 }}{% endfor %}", ("document rendu trop grand",)),
    "sortie-macro": ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% else %}{{ 'x' * 100000 }}{% endif %}"
                     "{% endmacro %}{{ m(20) }}", ("trop grand",)),
}


@pytest.mark.parametrize("nom", DEMESURES)
def test_croissance_et_boucles_bornees(point, tmp_path, nom):
    balise, mots = DEMESURES[nom]
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", balise)
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    debut = time.perf_counter()
    erreur = _refus_api(point, modeles, tmp_path / "sortie")
    assert time.perf_counter() - debut < 15
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memoire < 400 * 1024  # KiB
    (finding,) = erreur.findings
    assert finding.lieu.fichier == str(modeles / "note.docx")
    assert finding.lieu.champ == "paragraphe 2", str(erreur)
    assert finding.message.startswith("modèle invalide : ")
    _verifier_francais(finding.message, mots)


def test_croissance_en_ligne_de_commande(tmp_path, capsys, monkeypatch):
    dossier = preparer(tmp_path)
    monkeypatch.chdir(tmp_path)
    for nom in ("tilde", "boucles-imbriquees", "sortie", "methode-join"):
        modeles = _modele(tmp_path / f"modeles-{nom}", "{{ objet }}", DEMESURES[nom][0])
        code, sortie, erreurs = executer(["render", str(dossier.point), "-o", str(tmp_path / "sortie"),
                                          "--modeles", str(modeles)], capsys)
        sans_anglais(sortie, erreurs, chemin=tmp_path)
        assert code == 1
        (ligne,) = verifier_lignes(sortie)
        assert ligne.group("fichier") == str(modeles / "note.docx")
        assert ligne.group("reste").startswith("paragraphe 2: modèle invalide : ")
        _verifier_francais(ligne.group("reste"), DEMESURES[nom][1])
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


def test_sortie_statique_bornee(point, tmp_path):
    """The template's own text repeated by a loop counts too: the whole document's output is bounded."""
    modeles = _modele(tmp_path / "modeles", "{%p for i in range(100000) %}", "x" * 1000, "{%p endfor %}")
    debut = time.perf_counter()
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert time.perf_counter() - debut < 10
    assert finding.lieu.fichier == str(modeles / "note.docx")
    _verifier_francais(finding.message, ("document rendu trop grand", "32 000 000 caractères"))


def test_lint_s_arrete_apres_cent_erreurs_de_syntaxe(tmp_path):
    """Each syntax error costs a parse of the part: lint stops after 100, and says so, in bounded time."""
    modele = _modele(tmp_path / "modeles", *["{% if %}"] * 3000) / "note.docx"
    debut = time.perf_counter()
    findings = lint_modele(modele)
    assert time.perf_counter() - debut < 10
    syntaxe = [f for f in findings if "syntaxe" in f.message]
    assert len(syntaxe) == 101 and "plus de 100 erreurs de syntaxe" in syntaxe[-1].message
    assert syntaxe[-1].lieu.champ == "paragraphe 101"


def test_duree_bornee(point, tmp_path, monkeypatch):
    """Turns that are few but slow: the render stops at its time limit."""
    monkeypatch.setattr(bornes, "DUREE_MAX", 0.5)
    modeles = _modele(tmp_path / "modeles", "{% for i in range(100000) %}{% if ('x' * 900000).upper() %}{% endif %}"
                                            "{% endfor %}")
    debut = time.perf_counter()
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert time.perf_counter() - debut < 5
    _verifier_francais(finding.message, ("rendu trop long", "secondes"))


def test_duree_bornee_filtres_lents(point, tmp_path, monkeypatch):
    """Fewer turns than the clock's period, each a slow filter: the clock is read at each big one."""
    monkeypatch.setattr(bornes, "DUREE_MAX", 0.5)
    modeles = _modele(tmp_path / "modeles", "{% for i in range(200) %}{{ ('x ' * 100000)|wordwrap(3)|length }}"
                                            "{% endfor %}")
    debut = time.perf_counter()
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert time.perf_counter() - debut < 5
    _verifier_francais(finding.message, ("rendu trop long",))


def test_bornes_par_fil(point, tmp_path):
    """Séances render in threads: each render has its own budget; a hostile one does not stop the others."""
    hostile = _modele(tmp_path / "hostile", DEMESURES["boucles-imbriquees"][0]) / "note.docx"
    sain = _modele(tmp_path / "sain", "{% for i in range(40000) %}{% endfor %}{{ objet }}") / "note.docx"
    donnees = contexte(point)

    def rendre(modele: Path) -> str:
        try:
            rendre_docx(modele, donnees)
            return "écrit"
        except ModeleInvalide as exc:
            return exc.findings[0].message

    with ThreadPoolExecutor(max_workers=4) as pool:
        resultats = list(pool.map(rendre, [hostile, sain, sain, hostile, sain, sain, sain, sain]))
    assert [r == "écrit" for r in resultats] == [False, True, True, False, True, True, True, True], resultats
    assert all("boucles ou appels sans fin" in r for r in resultats if r != "écrit")
    assert bornes.budget() is None  # nothing left behind in this thread


#: bounded, legitimate uses: (template, text printed)
MESURES = {
    "{{ ['a', 'b']|join(', ') }}": "a, b",
    "{{ '-'.join(['a', 'b']) }}": "a-b",
    "{{ 'a' ~ 'b' ~ 1 }}": "ab1",
    "{{ 'abc'|replace('b', 'xx') }}": "axxc",
    "{{ 'abc'.replace('b', 'xx') }}": "axxc",
    "{{ 'x'.ljust(3, '-') }}": "x--",
    "{{ [1, 2]|sum }}": "3",
    "{{ [[1], [2]]|sum(start=[]) }}": "[1, 2]",
    "{{ 'a\\nb'|indent('-', true) }}": "-a-b",
    "{% for x in [1, 2, 3] %}{{ loop.index }}/{{ loop.length }}{% if loop.last %}!{% endif %}{% endfor %}":
        "1/32/33/3!",
    "{% for x in [] %}a{% else %}vide{% endfor %}": "vide",
    "{% for x in [[1, [2]], 3] recursive %}{% if x is iterable %}({{ loop(x) }}){% else %}{{ x }}{% endif %}"
    "{% endfor %}": "(1(2))3",
    "{% for a, b in [(1, 2)] %}{{ a + b }}{% endfor %}": "3",
    "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ n }}{% endif %}{% endmacro %}{{ m(5) }}": "12345",
    "{% for i in range(300) %}{% for j in range(300) %}{% endfor %}{% endfor %}fin": "fin",
    "{{ objet|upper|truncate(12, true, '') }}": "FACILITATION",
}


def test_usages_mesures_permis(point, tmp_path):
    modeles = _modele(tmp_path / "modeles", *(f"{balise}|" for balise in MESURES))
    (ecrit,) = render(point, tmp_path / "sortie", modeles=modeles)
    lus = [p.text.replace("\n", "") for p in docx.Document(str(ecrit)).paragraphs]
    assert lus == [f"{attendu}|" for attendu in MESURES.values()]


_PETITS = st.one_of(st.text(alphabet="ab", max_size=3).map(repr), st.integers(0, 3).map(str),
                    st.sampled_from(["objet", "'x' * 1000", "'x' * 999999", "[objet] * 1000", "range(100000)"]))


@st.composite
def _expression(draw, profondeur: int = 3):
    if profondeur == 0 or draw(st.booleans()):
        return draw(_PETITS)
    gauche, droite = draw(_expression(profondeur - 1)), draw(_expression(profondeur - 1))
    forme = draw(st.sampled_from([
        "({g} ~ {d})", "({g} * {d})", "({g} + {d})", "({g}|replace('x', {d}))", "([{g}, {d}]|join({d}))",
        "({g}|string)", "({g}|join)", "({g}|list)", "({g}|center({d}))", "({d}.join({g}))", "({g}|indent({d}))",
        "({g}|sum(start=[]))", "({g}|tojson)", "({g}|map('string')|list)", "({g}|batch(3)|list)", "({g} % {d})",
        "({g}|format({d}))", "('%s%s' % ({g}, {d}))", "('{{0}}{{0}}{{1}}'.format({g}, {d}))",
        "({g}|map('string')|join({d}))", "({d}.join({g}|map('string')))", "({g}|tojson({d}))", "({g}|wordwrap(1))",
    ]))
    return forme.format(g=gauche, d=droite)


@settings(max_examples=150, deadline=None)
@given(_expression(), st.booleans())
def test_propriete_expressions_quelconques(expression, en_boucle):
    """Any composition of growing operations: a bounded result, or a French refusal; never a huge value or a crash."""
    source = f"{{% for i in range(1000) %}}{{{{ {expression} }}}}{{% endfor %}}" if en_boucle else \
        f"{{{{ {expression} }}}}"
    debut = time.perf_counter()
    try:
        sortie = environnement().from_string(source).render(objet="Objet")
    except SecurityError as exc:
        _verifier_francais(str(exc), ())
    except (TemplateError, TypeError, ValueError, OverflowError, IndexError, KeyError, AttributeError,
            ZeroDivisionError):
        pass  # the template's own mistakes: translated elsewhere (test_erreurs_modeles)
    else:
        assert len(sortie) <= bornes.TAILLE_MAX_SORTIE
    assert time.perf_counter() - debut < 10, source


# --------------------------------------------------------------------------
# |safe, Markup, injected WordprocessingML


REFUSES = {
    "safe": ("{{ objet|safe }}", "« |safe » interdit"),
    "safe-dans-un-calcul": ("{{ ('<w:vanish/>' ~ objet)|safe|upper }}", "« |safe » interdit"),
    "safe-en-bloc": ("{% filter safe %}{{ objet }}{% endfilter %}", "« |safe » interdit"),
    "urlize": ("{{ objet|urlize }}", "« |urlize » interdit"),
}


@pytest.mark.parametrize("nom", REFUSES)
def test_safe_refuse(point, tmp_path, nom):
    balise, mots = REFUSES[nom]
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", f"Avant {balise} après.")
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 2"
    _verifier_francais(finding.message, (mots,))
    (trouve,) = lint_modele(modeles / "note.docx")
    assert trouve.lieu.champ == "paragraphe 2" and mots in trouve.message


def test_safe_refuse_en_ligne_de_commande(tmp_path, capsys, monkeypatch):
    dossier = preparer(tmp_path)
    monkeypatch.chdir(tmp_path)
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", "{{ objet|safe }}")
    for argv in (["render", str(dossier.point), "-o", str(tmp_path / "sortie"), "--modeles", str(modeles)],
                 ["lint-template", str(modeles / "note.docx")]):
        code, sortie, erreurs = executer(argv, capsys)
        sans_anglais(sortie, erreurs, chemin=tmp_path)
        assert code == 1
        (ligne,) = verifier_lignes(sortie)
        assert ligne.group("reste").startswith("paragraphe 2: ") and "« |safe » interdit" in ligne.group("reste")


#: every route by which a template prints a value
ROUTES = [
    "{{ objet }}",
    "{{ objet|e }}",
    "{{ objet|escape|trim }}",
    "{{ objet|forceescape }}",
    "{{ objet|e|e ~ '' }}",
    "{{ (objet|e).replace('avant', 'avant') }}",
    "{{ objet ~ '' }}",
    "{{ '%s'|format(objet) }}",
    "{{ '{}'.format(objet) }}",
    "{{ [objet]|join }}",
    "{{ objet|replace('avant', 'avant') }}",
    "{% set x %}{{ objet }}{% endset %}{{ x }}",
    "{% macro m() %}{{ objet }}{% endmacro %}{{ m() }}",
    "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ objet }}{% endcall %}",
    "{% autoescape false %}{{ objet }}{% endautoescape %}",
    "{% autoescape false %}{{ objet ~ '' }}{% endautoescape %}",
    "{% filter trim %}{{ objet }}{% endfilter %}",
]


@pytest.mark.parametrize("route", ROUTES)
def test_wordml_d_un_point_reste_du_texte(tmp_path, route):
    """Item text holding WordprocessingML comes out as literal text, whatever the route; no hidden run appears."""
    point = valider(point_minimal(objet=CHARGE))
    modeles = _modele(tmp_path / "modeles", f"[{route}]")
    (ecrit,) = render(point, tmp_path / "sortie", modeles=modeles)
    document = docx.Document(str(ecrit))
    assert [p.text for p in document.paragraphs] == [f"[{CHARGE}]"]
    assert not document.element.body.xpath(".//w:vanish")


@pytest.mark.parametrize("balise", ["{{ objet|e }}", "{{ objet|escape }}", "{{ objet|forceescape }}",
                                    "{{ objet|e ~ ' ' ~ objet }}"])
def test_texte_echappe_une_fois_et_verifie(tmp_path, balise):
    """``|e`` prints the text once escaped, in French typography, verified like any value (never as raw Markup)."""
    point = valider(point_minimal(objet="Objet : A & B < C"))
    modeles = _modele(tmp_path / "modeles", balise, "{{ objet }}")
    (ecrit,) = render(point, tmp_path / "sortie", modeles=modeles)
    premier, second = (p.text for p in docx.Document(str(ecrit)).paragraphs)
    assert premier.startswith(second) and "&amp;" not in premier and "\u00a0:" in second


def test_verification_refuse_un_element_venu_d_une_valeur(point, tmp_path, monkeypatch):
    """Should escaping ever fail, verification refuses the hidden run: nothing is written."""
    point = valider(point_minimal(objet=CHARGE))
    monkeypatch.setattr(texte, "texte_word", lambda valeur: texte.Markup(valeur))  # escaping broken on purpose
    modeles = _modele(tmp_path / "modeles", "{{ objet }}")
    with pytest.raises(ErreurVerification) as info:
        render(point, tmp_path / "sortie", modeles=modeles)
    assert "« w:vanish » (texte masqué)" in str(info.value) and "rien n'a été écrit" in str(info.value)
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


@pytest.mark.parametrize("source, rendu, attendu", [
    ("<w:r><w:t>{{ x }}</w:t></w:r>", "<w:r><w:rPr><w:vanish/></w:rPr></w:r>", ["w:vanish"]),
    ("<w:r><w:t>{{ x }}</w:t></w:r>", "<w:r><w:fldChar w:fldCharType='begin'/><w:instrText>X</w:instrText></w:r>",
     ["w:fldChar", "w:instrText"]),
    ("<w:p>{{ x }}</w:p>", "<w:p><w:hyperlink r:id='x'/><w:ins w:id='1'/></w:p>", ["w:hyperlink", "w:ins"]),
    ("<w:rPr><w:vanish/></w:rPr>", "<w:rPr><w:vanish/></w:rPr><w:rPr><w:vanish/></w:rPr>", []),  # the template's own
    ("<w:t>{{ x }}</w:t>", "<w:t>&lt;w:vanish/&gt;</w:t><w:insideH/><w:delText>a</w:delText>", []),  # text, other names
])
def test_elements_etrangers(source, rendu, attendu):
    assert [nom for nom, _ in elements_etrangers(source, rendu)] == attendu


# --------------------------------------------------------------------------
# Nesting, recursion: French at the template's place


IMBRIQUES = {
    "parentheses": "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
    "crochets": "{{ " + "[" * 300 + "1" + "]" * 300 + " }}",
    "additions": "{{ " + "1 + " * 3000 + "1 }}",
    "filtres": "{{ objet" + "|upper" * 2000 + " }}",
    "attributs": "{{ objet" + ".a" * 2000 + " }}",
    "negations": "{{ " + "not " * 2000 + "1 }}",
    "signes": "{{ " + "-" * 2000 + "1 }}",
    "blocs": "{% if true %}" * 120 + "x" + "{% endif %}" * 120,
}


@pytest.mark.parametrize("nom", IMBRIQUES)
def test_modele_trop_imbrique(point, tmp_path, nom):
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", IMBRIQUES[nom])
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 2"
    _verifier_francais(finding.message, ("balise trop imbriquée",))
    (trouve,) = lint_modele(modeles / "note.docx")
    assert trouve.lieu.champ == "paragraphe 2" and "balise trop imbriquée" in trouve.message


RECURSIFS = {
    "macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "macro-filtree": "{% macro f(n) %}{{ f(n + 1)|upper }}{% endmacro %}{{ f(0) }}",
    "macro-en-boucle": "{% macro f(n) %}{% for i in [1] %}{{ f(n + 1) }}{% endfor %}{% endmacro %}{{ f(0) }}",
    "macro-dans-set": "{% macro f(n) %}{% set x = f(n + 1) %}{{ x }}{% endmacro %}{{ f(0) }}",
    "macro-par-call": "{% macro f(n) %}{{ caller() }}{% endmacro %}{% macro g() %}{% call f(1) %}{{ g() }}"
                      "{% endcall %}{% endmacro %}{{ g() }}",
    "boucle-recursive": "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
    "call-de-soi": "{% macro f() %}{% call f() %}x{% endcall %}{% endmacro %}{{ f() }}",
}


@pytest.mark.parametrize("nom", RECURSIFS)
@pytest.mark.parametrize("fil", [False, True], ids=["principal", "fil"])
def test_recursion_en_francais(point, tmp_path, nom, fil):
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", RECURSIFS[nom])
    resultat: list[BaseException] = []

    def rendre() -> None:
        try:
            render(point, tmp_path / "sortie", modeles=modeles)
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            resultat.append(exc)

    if fil:
        fil_ = threading.Thread(target=rendre)
        fil_.start()
        fil_.join()
    else:
        rendre()
    (erreur,) = resultat
    assert type(erreur) is ModeleInvalide, f"{type(erreur).__name__}: {erreur}"
    (finding,) = erreur.findings
    assert finding.lieu.champ == "paragraphe 2"
    _verifier_francais(finding.message, ())
    assert "appels sans fin" in finding.message or "caller" in finding.message
    for fragment in ANGLAIS_CATALOGUE:
        assert fragment not in finding.message


def test_bloc_qui_casse_la_structure_de_word(point, tmp_path):
    """A block opened in a paragraph and closed in a table cell cuts Word's XML: the template's error, at its place."""
    dossier = tmp_path / "modeles"
    dossier.mkdir()
    document = docx.Document()
    document.add_paragraph("{% if false %}avant")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "dans{% endif %}"
    document.save(str(dossier / "note.docx"))
    erreur = _refus_api(point, dossier, tmp_path / "sortie")
    (finding,) = erreur.findings
    assert finding.lieu.fichier == str(dossier / "note.docx") and finding.lieu.champ == "paragraphe 1"
    _verifier_francais(finding.message, ("{%tr if false %}",))
    assert [str(f) for f in lint_modele(dossier / "note.docx") if f.severite == "erreur"] == [str(finding)]


#: values whose text would be Python's own (English, or an address in memory): refused when printed
INIMPRIMABLES = {
    "{{ true }}": "une valeur vraie ou fausse ne s'imprime pas",
    "{{ objet is defined }}": "une valeur vraie ou fausse ne s'imprime pas",
    "{{ range(3) }}": "une suite ne s'imprime pas",
    "{{ annexes|selectattr('titre') }}": "une suite ne s'imprime pas",
    "{{ collectivite.items() }}": "une suite ne s'imprime pas",
    "{{ lipsum }}": "une fonction ou une macro ne s'imprime pas",
    "{% macro m() %}x{% endmacro %}{{ m }}": "une fonction ou une macro ne s'imprime pas",
    "{{ namespace(a=1) }}": "« Namespace » ne s'imprime pas",
    "{{ cycler(1, 2) }}": "« Cycler » ne s'imprime pas",
}


@pytest.mark.parametrize("balise", INIMPRIMABLES)
def test_valeur_python_jamais_imprimee(point, tmp_path, balise):
    modeles = _modele(tmp_path / "modeles", "{{ objet }}", balise)
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    assert finding.lieu.champ == "paragraphe 2"
    _verifier_francais(finding.message, (INIMPRIMABLES[balise],))
    assert "0x" not in finding.message


@pytest.mark.parametrize("balise, mots", [
    ("{{ ''[cycler(1, 2)] }}", "un objet Cycler"),
    ("{{ numero[joiner()] }}", "un objet Joiner"),
    ("{{ objet[[1, 2]|select] }}", "une suite"),
    ("{{ objet[lipsum] }}", "la fonction lipsum"),
    ("{{ 0[(-1).x] }}", "valeur indéfinie"),
])
def test_message_sans_repr_python(point, tmp_path, balise, mots):
    """A value Python would show as ``<jinja2.utils.Cycler object at 0x7f…>`` is named in French in a message."""
    modeles = _modele(tmp_path / "modeles", balise)
    (finding,) = _refus_api(point, modeles, tmp_path / "sortie").findings
    message = finding.message.split(" (balise « ")[0]
    _verifier_francais(message, (mots,))
    assert "0x" not in message and "Undefined" not in message
