"""The public API: small, typed, and each name what the docs say it is."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import deliberations


def test_les_fonctions_publiques_restent_des_fonctions() -> None:
    # importing every submodule must not replace a public function by a module of the same name
    for module in Path(deliberations.__file__).parent.glob("*.py"):
        importlib.import_module(f"deliberations.{module.stem}") if module.stem != "__init__" else None
    for nom in ("load", "valider", "check", "render", "contexte"):
        assert inspect.isfunction(getattr(deliberations, nom)), nom


def test_py_typed_livre() -> None:
    assert (Path(deliberations.__file__).parent / "py.typed").is_file()


def test_signatures() -> None:
    parametres = inspect.signature(deliberations.render).parameters
    assert list(parametres)[:2] == ["item", "dossier"]
    assert {"pdf", "force"} <= {n for n, p in parametres.items() if p.kind is p.KEYWORD_ONLY}
