"""One API surface: the CLI is the library called, the séance runs on any executor, one exception root.

- every command of the CLI is a public function with the same options;
- the séance takes the same types folders as ``render``, from Python and from the CLI, and
  nothing writes the process environment to pass them;
- the séance runner takes any :class:`concurrent.futures.Executor` (a Dask cluster's among them);
- input, template, rendering and conversion errors are siblings under one root.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import deliberations
from conftest import RACINE, lignes_docx
from deliberations import erreurs
from deliberations.cli import _analyseur, main
from deliberations.registre.transmission import preparer_transmission
from deliberations.seance import charger_seance, rendre_seance

EXEMPLES = RACINE / "examples"
SEANCE = EXEMPLES / "seance-2023-09-14.yaml"
PAQUET = RACINE / "src" / "deliberations"


def _options(commande: str) -> set[str]:
    """The option names (dest) of a CLI command, without the positional arguments."""
    sous = next(a for a in _analyseur()._actions if a.dest == "commande")
    return {a.dest for a in sous.choices[commande]._actions if a.option_strings and a.dest != "help"}


def _parametres(*fonctions) -> set[str]:
    return {n for f in fonctions for n in inspect.signature(f).parameters}


@pytest.mark.parametrize("commande, fonctions, propres", [
    # options that are the CLI's own: where to write, and the output folder is the function's second argument
    # (check --format json is Finding.en_dict() on each finding deliberations.check returns)
    ("check", [deliberations.check], {"format_sortie"}),
    ("render", [deliberations.render], {"sortie"}),
    ("contexte", [deliberations.contexte], set()),
    ("seance", [charger_seance, rendre_seance], {"sortie"}),
    ("actes", [charger_seance, preparer_transmission], {"sortie"}),
])
def test_chaque_commande_a_les_options_de_sa_fonction(commande, fonctions, propres):
    manquantes = _options(commande) - propres - _parametres(*fonctions)
    assert not manquantes, f"{commande} : options sans équivalent Python : {manquantes}"


def test_les_fonctions_de_seance_prennent_les_dossiers_de_types_comme_render():
    assert "modeles" in inspect.signature(deliberations.render).parameters
    assert "modeles" in inspect.signature(charger_seance).parameters
    assert "executeur" in inspect.signature(charger_seance).parameters
    assert "executeur" in inspect.signature(rendre_seance).parameters


def _ecritures_de_l_environnement(arbre: ast.AST) -> list[int]:
    lignes = []
    for noeud in ast.walk(arbre):
        cibles = []
        if isinstance(noeud, (ast.Assign, ast.AugAssign, ast.Delete)):
            cibles = noeud.targets if isinstance(noeud, (ast.Assign, ast.Delete)) else [noeud.target]
        for cible in cibles:
            if isinstance(cible, ast.Subscript) and ast.unparse(cible.value) == "os.environ":
                lignes.append(noeud.lineno)
        if isinstance(noeud, ast.Call):
            nom = ast.unparse(noeud.func)
            if nom in ("os.putenv", "os.unsetenv") or re.fullmatch(
                    r"os\.environ\.(pop|popitem|update|setdefault|clear|__setitem__|__delitem__)", nom):
                lignes.append(noeud.lineno)
    return lignes


def test_rien_n_ecrit_l_environnement():
    fautes = {str(f.relative_to(PAQUET)): lignes for f in PAQUET.rglob("*.py")
              if (lignes := _ecritures_de_l_environnement(ast.parse(f.read_text(encoding="utf-8"))))}
    assert fautes == {}


def test_le_detecteur_voit_une_ecriture():
    assert _ecritures_de_l_environnement(ast.parse("import os\nos.environ['X'] = '1'\nos.environ.pop('Y')\n")) == [2, 3]


# --------------------------------------------------------------------------
# contexte: the template context of an item, as JSON


def test_commande_contexte(capsys):
    item = EXEMPLES / "06-04-clauses-sociales.yaml"
    assert main(["contexte", str(item)]) == 0
    imprime = json.loads(capsys.readouterr().out)
    assert imprime == json.loads(json.dumps(deliberations.contexte(item), ensure_ascii=False, default=str))
    assert imprime["numero"] == "06-04" and imprime["titre_deliberation"].startswith("Délibération n° 06-04")


def test_commande_contexte_refuse_un_point_en_erreur(tmp_path, capsys):
    item = tmp_path / "point.yaml"
    shutil.copytree(EXEMPLES / "collectivites", tmp_path / "collectivites")
    texte = (EXEMPLES / "06-04-clauses-sociales.yaml").read_text(encoding="utf-8")
    item.write_text(texte.replace("verbe: approuver", "verbe: flibuster", 1), encoding="utf-8")
    assert main(["contexte", str(item)]) == 1
    sortie = capsys.readouterr()
    assert sortie.out.startswith(str(item)) and "flibuster" in sortie.out and "{" not in sortie.out[:1]


# --------------------------------------------------------------------------
# A séance whose items use a report type from a folder


def _seance_d_un_type_local(dossier: Path) -> tuple[Path, Path]:
    """A séance of one item of type « programme-local », a copy of the built-in « programme » in ``types/``."""
    types = dossier / "types" / "programme-local"
    shutil.copytree(RACINE / "templates" / "programme", types)
    manifeste = types / "type.yaml"
    manifeste.write_text(re.sub(r"^nom: programme$", "nom: programme-local",
                                manifeste.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    shutil.copytree(EXEMPLES / "collectivites", dossier / "collectivites")
    item = (EXEMPLES / "mayotte-clauses-insertion.yaml").read_text(encoding="utf-8")
    (dossier / "point.yaml").write_text(re.sub(r"^type: programme$", "type: programme-local", item, flags=re.M),
                                        encoding="utf-8")
    donnees = deliberations.load(dossier / "point.yaml", modeles=dossier / "types")
    seance = dossier / "seance.yaml"
    seance.write_text(f"instance: {donnees.seance.instance}\ndate: {donnees.seance.date.isoformat()}\n"
                      "points:\n  - point.yaml\n", encoding="utf-8")
    return seance, dossier / "types"


def test_seance_avec_un_type_local_depuis_python(tmp_path):
    fichier, types = _seance_d_un_type_local(tmp_path)
    sans = charger_seance(fichier, jobs=1)
    assert sans.en_erreur and any("programme-local" in f.message for f in sans.tous_les_constats())
    seance = charger_seance(fichier, jobs=2, modeles=types)
    assert not seance.en_erreur, seance.tous_les_constats()
    resultat = rendre_seance(seance, tmp_path / "sortie", jobs=2)
    assert resultat.reussi, resultat.echecs
    noms = sorted(p.name for p in resultat.ecrits)
    assert noms == sorted(["ordre-du-jour.docx", *(f"{seance.points[0].numero}-{nom}.docx"
                                                     for nom in ("rapport", "deliberation"))])


def test_seance_avec_un_type_local_en_ligne_de_commande(tmp_path, capsys, monkeypatch):
    fichier, types = _seance_d_un_type_local(tmp_path)
    monkeypatch.delenv("DELIBERATIONS_MODELES", raising=False)
    assert main(["seance", str(fichier), "-o", str(tmp_path / "sortie"), "--modeles", str(types)]) == 0
    assert "1 points, 3 fichiers écrits" in capsys.readouterr().out
    assert "DELIBERATIONS_MODELES" not in os.environ


def test_un_type_casse_est_nomme_par_son_option(tmp_path, capsys, monkeypatch):
    """A broken types folder given with --modeles is reported at that folder, never as an environment variable."""
    fichier, types = _seance_d_un_type_local(tmp_path)
    (types / "programme-local" / "type.yaml").write_text("nom: programme-local\ntitre: [\n", encoding="utf-8")
    monkeypatch.delenv("DELIBERATIONS_MODELES", raising=False)
    code = main(["seance", str(fichier), "-o", str(tmp_path / "sortie"), "--modeles", str(types)])
    sortie = capsys.readouterr()
    assert code != 0 and "type.yaml" in sortie.out + sortie.err
    assert "DELIBERATIONS_MODELES" not in sortie.out + sortie.err


# --------------------------------------------------------------------------
# Executors


def _rendre_avec(executeur, dossier: Path) -> list[str]:
    seance = charger_seance(SEANCE, executeur=executeur)
    assert not seance.en_erreur
    resultat = rendre_seance(seance, dossier, executeur=executeur)
    assert resultat.reussi, resultat.echecs
    return sorted(p.name for p in resultat.ecrits)


def test_seance_sur_un_executeur_quelconque(tmp_path):
    attendus = _rendre_avec(None, tmp_path / "pool")
    with ThreadPoolExecutor(max_workers=2) as executeur:
        assert _rendre_avec(executeur, tmp_path / "fils") == attendus
    assert len(attendus) == 7
    for nom in attendus:
        assert lignes_docx(tmp_path / "fils" / nom) == lignes_docx(tmp_path / "pool" / nom)


def test_seance_sur_un_cluster_dask(tmp_path):
    """A Dask ``distributed`` local cluster's executor: worker processes load, check and render the items."""
    distributed = pytest.importorskip("distributed") if os.environ.get("CI") != "true" else __import__("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        noms = _rendre_avec(client.get_executor(), tmp_path / "dask")
    assert len(noms) == 7 and "ordre-du-jour.docx" in noms
    assert any("RAPPORT" in ligne for ligne in lignes_docx(tmp_path / "dask" / "06-04-rapport.docx"))


# --------------------------------------------------------------------------
# One exception root


def _classes_d_erreur() -> dict[str, type]:
    return {nom: classe for nom, classe in vars(erreurs).items()
            if isinstance(classe, type) and issubclass(classe, BaseException) and classe.__module__ == erreurs.__name__}


def test_une_racine_et_des_soeurs():
    classes = _classes_d_erreur()
    assert all(issubclass(c, erreurs.Erreur) for c in classes.values())
    familles = [erreurs.ErreurEntree, erreurs.ModeleInvalide, erreurs.ErreurRendu, erreurs.ConversionImpossible,
                erreurs.ErreurRegistre]
    for a in familles:
        for b in familles:
            assert a is b or not issubclass(a, b), f"{a.__name__} est une sous-classe de {b.__name__}"
    assert not issubclass(erreurs.FichierExistant, erreurs.ErreurEntree)


def test_l_arbre_du_docstring_nomme_chaque_exception():
    for nom in _classes_d_erreur():
        assert re.search(rf"^\s*(?:[│├└─ ]+)?{nom}\b", erreurs.__doc__, re.M), f"{nom} absent de l'arbre"


def test_chaque_exception_est_publique():
    for nom in _classes_d_erreur():
        assert getattr(deliberations, nom) is getattr(erreurs, nom)


def test_un_dossier_de_gabarits_seuls_en_ligne_de_commande_comme_en_python(tmp_path, capsys):
    """A folder of bare .docx templates replaces the type's templates, from Python and from the CLI alike."""
    gabarits = tmp_path / "gabarits"
    gabarits.mkdir()
    shutil.copy(RACINE / "templates" / "rapport-deliberation" / "deliberation.docx", gabarits / "acte.docx")
    item = EXEMPLES / "06-04-clauses-sociales.yaml"
    (python,) = deliberations.render(item, tmp_path / "python", modeles=gabarits)
    assert main(["render", str(item), "-o", str(tmp_path / "cli"), "--modeles", str(gabarits)]) == 0
    assert python.name == "06-04-acte.docx" and (tmp_path / "cli" / "06-04-acte.docx").is_file()
    assert lignes_docx(python) == lignes_docx(tmp_path / "cli" / "06-04-acte.docx")
