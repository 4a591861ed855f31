"""YAML composed by libyaml when it may decide alone: the same data, positions and messages as PyYAML's composer.

Table of cases (text → observable result), each read twice by
:func:`~deliberations.entree.lecture.lire_yaml`, libyaml allowed and not:

| text | libyaml used | result, both ways |
|---|---|---|
| the reference example | yes | same data, same line and column of every field |
| accents, emoji, CRLF, quoted text over two lines, folded block, alias | yes | same |
| a control character, U+2028 (masked) | yes | same data, same line of the forbidden character |
| duplicate key | yes | same French message and line |
| a ``!`` anywhere (tag, or text « Attention ! »), a tab | no | same (an accepted ``!`` text, a refused tag) |
| YAML syntax error (unclosed quote, bad indentation) | no (tried, refused: PyYAML decides) | same French message and line |
| 600 nested lists | no (nesting bound) | same refusal |

and a property: any text drawn from YAML's punctuation, letters,
spaces and line breaks reads the same both ways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations.entree import composition
from deliberations.entree.lecture import lire_yaml
from deliberations.entree import masque
from deliberations.erreurs import ErreurEntree

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"


def _lire(texte: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(composition, "ACTIF", libyaml)
    try:
        donnees, positions = lire_yaml(Path("point.yaml"), texte)
    except ErreurEntree as exc:
        return ("erreur", [f.format() if hasattr(f, "format") else str(f) for f in exc.findings], str(exc))
    return donnees, {c: (l.fichier, l.ligne, l.colonne, l.champ) for c, l in positions.lieux.items()}


CAS = [
    (EXEMPLE.read_text(encoding="utf-8"), True),
    ("objet: Égalité 😀 « clauses »\r\nmontant: '15 000,50'\r\n", True),
    ("a: 'texte sur\n  deux lignes'\nb: >-\n  plié\n  ici\nc: &x [1, {d: e}]\nf: *x\n", True),
    ("objet: avant\x01après\nvisa: un\u2028deux\n", True),
    ("objet: un\nmontant: 1\nobjet: deux\n", True),
    ("objet: Attention !\n", False),
    ("objet: !Direction Europe\n", False),
    ("objet: a\t\n", False),
    ("objet: 'guillemet jamais fermé\nmontant: 12\n", False),
    ("objet: a\n  montant: 12\n", False),
    ("a:\n" + "".join(" " * k + "-\n" for k in range(600)), False),
]


@pytest.mark.parametrize(("texte", "libyaml"), CAS)
def test_meme_lecture(texte: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (composition.composer_vite(masque.masquer(texte)) is not None) is libyaml
    assert _lire(texte, True, monkeypatch) == _lire(texte, False, monkeypatch)


def test_messages_en_francais(monkeypatch: pytest.MonkeyPatch) -> None:
    resultat = _lire("objet: un\nmontant: 1\nobjet: deux\n", True, monkeypatch)
    assert resultat[0] == "erreur" and "clé « objet » en double (déjà à la ligne 1)" in resultat[2]
    resultat = _lire("objet: 'guillemet jamais fermé\nmontant: 12\n", True, monkeypatch)
    assert resultat[0] == "erreur" and "guillemet" in resultat[2] and "point.yaml:1" in resultat[2]


_MORCEAUX = st.sampled_from(["a", "é", "b: ", "- ", ": ", "\n", "  ", " ", "'", '"', "[", "]", "{", "}", ", ", ",",
                             "#", "&x ", "*x", "&y", "*y", "|", ">", "|-", ">+", "?", "? ", "\r\n", "\r", "\x01",
                             "\u2028", "\x85", "😀", "1", "\t", "-", "%", "---", "...", "\\", "\\n", ":", "@", "`",
                             "<<", "~", "null", "~: ", "\ufeff", "\u00a0", "\ufdd0"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_MORCEAUX, max_size=30).map("".join)
       | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(":-#'\"[]{}\n "),
                 max_size=40))
def test_toute_lecture_identique(texte: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _lire(texte, True, monkeypatch) == _lire(texte, False, monkeypatch)
