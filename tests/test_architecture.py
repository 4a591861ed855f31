"""The shape of the code: layers import one way, no cycle, modules of one job and modest size.

Every import counts, at module level or inside a function, under
``TYPE_CHECKING`` or not: a function-level import must not hide a cycle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import RACINE

PAQUET = RACINE / "src" / "deliberations"

#: the layers, in import order: a module may import from its own layer and the layers before it
COUCHES = ["erreurs", "langue", "model", "entree", "calcul", "controles", "types", "rendu", "sortie", "api",
           "seance", "registre", "cli"]

#: longest module, in lines (the issue's « about 500 »)
LIGNES_MAX = 520


def _nom_module(fichier: Path) -> str:
    parties = list(fichier.relative_to(PAQUET.parent).with_suffix("").parts)
    if parties[-1] == "__init__":
        parties.pop()
    return ".".join(parties)


MODULES = {_nom_module(f): f for f in sorted(PAQUET.rglob("*.py"))}


def _importes(module: str, fichier: Path) -> set[str]:
    """Every module of the package that ``module`` imports, wherever the import stands."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    paquet = module if fichier.name == "__init__.py" else module.rpartition(".")[0]
    cibles: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            cibles.update(a.name for a in noeud.names)
        elif isinstance(noeud, ast.ImportFrom):
            if noeud.level:
                base = paquet.split(".")
                base = base[: len(base) - (noeud.level - 1)]
                source = ".".join(base + ([noeud.module] if noeud.module else []))
            else:
                source = noeud.module or ""
            cibles.add(source)
            cibles.update(f"{source}.{a.name}" for a in noeud.names)  # from package import module
    return {c for c in cibles if c in MODULES and c != module}


GRAPHE = {m: _importes(m, f) for m, f in MODULES.items()}


def _couche(module: str) -> int | None:
    parties = module.split(".")
    if len(parties) == 1:
        return None  # the package itself: the lazy public surface
    return COUCHES.index(parties[1])


def test_chaque_module_a_une_couche():
    inconnus = [m for m in MODULES if m != "deliberations" and m.split(".")[1] not in COUCHES]
    assert not inconnus, f"modules hors des couches : {inconnus}"


def test_aucun_cycle_d_import():
    """Depth-first search over every import; a back edge is a cycle, reported with its path."""
    etat: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visiter(module: str, chemin: list[str]) -> None:
        etat[module] = 1
        for cible in sorted(GRAPHE[module]):
            if etat.get(cible) == 1:
                cycles.append([*chemin[chemin.index(cible):], cible] if cible in chemin else [module, cible])
            elif cible not in etat:
                visiter(cible, [*chemin, cible])
        etat[module] = 2

    for module in sorted(GRAPHE):
        if module not in etat:
            visiter(module, [module])
    assert not cycles, "cycles d'import :\n" + "\n".join(" → ".join(c) for c in cycles)


def test_les_couches_importent_dans_un_sens():
    fautes = []
    for module, cibles in GRAPHE.items():
        couche = _couche(module)
        if couche is None:
            continue
        for cible in cibles:
            autre = _couche(cible)
            if autre is None:
                fautes.append(f"{module} importe le paquet racine ({cible})")
            elif autre > couche:
                fautes.append(f"{module} ({COUCHES[couche]}) importe {cible} ({COUCHES[autre]})")
    assert not fautes, "\n".join(sorted(fautes))


@pytest.mark.parametrize("module", sorted(MODULES), ids=sorted(MODULES))
def test_module_de_taille_raisonnable(module):
    lignes = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lignes <= LIGNES_MAX, f"{module} : {lignes} lignes"


def test_le_test_voit_un_cycle(tmp_path, monkeypatch):
    """The cycle detector itself finds a cycle hidden in a function-level import."""
    a = tmp_path / "a.py"
    a.write_text("def f():\n    from deliberations.rendu.docx import rendre_docx\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "deliberations.langue.a", a)
    assert "deliberations.rendu.docx" in _importes("deliberations.langue.a", a)


def _enumerations_de_genres(arbre: ast.AST) -> list[int]:
    """Lines where a literal (tuple, list, set, dict keys) is a list of several kinds of value and nothing else."""
    from deliberations.model.genres import GENRES

    lignes = []
    for noeud in ast.walk(arbre):
        elements: list[ast.AST] = []
        if isinstance(noeud, (ast.Tuple, ast.List, ast.Set)):
            elements = list(noeud.elts)
        elif isinstance(noeud, ast.Dict):
            elements = [k for k in noeud.keys if k is not None]
        noms = {e.value for e in elements if isinstance(e, ast.Constant) and e.value in GENRES}
        if len(noms) >= 3 and len(noms) == len(elements):
            lignes.append(noeud.lineno)
    return lignes


def test_les_genres_ne_sont_enumeres_que_dans_leur_registre():
    """Adding a kind of value is one entry in model/genres.py: no other module lists the kinds."""
    fautes = {m: lignes for m, f in MODULES.items() if m != "deliberations.model.genres"
              and (lignes := _enumerations_de_genres(ast.parse(f.read_text(encoding="utf-8"))))}
    assert fautes == {}


def test_le_detecteur_voit_une_enumeration():
    assert _enumerations_de_genres(ast.parse('X = {"montant": 1, "date": 2, "entier": 3}\nY = ("texte", "montant", "x")')) == [1]


def test_chaque_module_est_decrit_dans_docs_architecture():
    """docs/architecture.md names every module in its layer's row: the documentation stays true to the code."""
    import pathlib

    doc = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    rangees = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \|[^\n]*", doc, re.M)}
    absents = [nom for nom in MODULES if nom.count(".") == 2
               and f"`{nom.split('.')[2]}`" not in rangees.get(nom.split(".")[1], "")]
    assert not absents, f"modules absents de docs/architecture.md : {absents}"
