"""Fuzzing every text field of an item: whatever a clerk types comes out intact.

Each example is an item whose every text field (objet, direction, service,
section title, paragraphs, list items, propositions, visas, considérants,
signataire, annex title and paragraph, table title, text cells, column
titles) holds arbitrary Unicode: ``st.text()`` minus what the model refuses
(C0 controls other than tab and line breaks, DEL, C1 controls, noncharacters,
surrogates) and
minus what the checks refuse or resolve (leftover
placeholders such as ``[à compléter]`` or ``<%champ%>``, and ``${``, a prose
reference). Template syntax, XML specials, bidi marks, combining
characters, emoji, no-break spaces, zero-width joiners and long strings are
all in. The properties:

- the item renders (rendered in memory, both documents), unless the checks
  refuse it (then the example is discarded and the reason counted);
- every XML part of every document is well formed (strict parse);
- python-docx reads back every field's text exactly: the model's
  normalisations applied (``\\r\\n`` and ``\\r`` and ``\\x0b`` are line
  breaks), surrounding whitespace stripped (the documents trim and
  punctuate), line breaks read as ``\\n``, tabs as ``\\t``.

Profiles, chosen by the environment variable ``HYPOTHESIS_PROFILE``:
``ci`` (the default: 2 000 examples, ≈ 3 minutes and 600 MB on two cores),
``long`` (20 000, by hand: ≈ 45 minutes, and 3 GB, for Hypothesis keeps
every example's choices) and ``rapide`` (100, while editing)::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -q tests/test_fuzz.py -k intact

Examples are random at each run (not derandomized); on failure Hypothesis
prints the minimal example and the seed (``--hypothesis-seed=…``) to replay.

:func:`test_clients_reels_sur_echantillon` writes a fixed sample of fuzzed
documents, converts them with LibreOffice (one call) and reads them with
pandoc.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, Phase, assume, event, example, given, note, seed, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import normaliser, sans_espaces
from deliberations import check, valider
from deliberations.api import rendre_en_memoire
from deliberations.controles.checks import reste
from deliberations.erreurs import ErreurEntree
from deliberations.sortie.ecriture import convertir_pdf, publier
from exemples import point_minimal

# --------------------------------------------------------------------------
# Profiles (local to this module: Hypothesis' own « ci » profile, loaded when CI is set, stays untouched)

_PROFILS = {
    "ci": settings(max_examples=2_000, deadline=None, derandomize=False, print_blob=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
    "rapide": settings(max_examples=100, deadline=None, derandomize=False, print_blob=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
    "long": settings(max_examples=20_000, deadline=None, derandomize=False, print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]),
}
PROFIL = _PROFILS.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), _PROFILS["ci"])

# --------------------------------------------------------------------------
# Texts

#: what the model refuses
REFUSES = (({chr(c) for c in range(0x20)} - {"\t", "\n", "\r", "\x0b"}) | {chr(c) for c in range(0x7F, 0xA0)}
            | {chr(c) for c in range(0xFDD0, 0xFDF0)} | {chr(p * 0x10000 + f) for p in range(17) for f in (0xFFFE, 0xFFFF)})

CARACTERES = st.characters(exclude_categories=("Cs",), exclude_characters="".join(sorted(REFUSES)))

#: pieces a clerk (or an attacker) types, mixed into the arbitrary text
FRAGMENTS = [
    "{{ 7*7 }}", "{% if x %}", "{%p endfor %}", "{%tr for l in lignes %}", "{# c #}", "{_{ x }_}", "}}", "{%",
    "&", "&amp;", "<", ">", "\"", "'", "<w:t>", "</w:t></w:r>", "]]>", "&#123;",
    "\u200f", "\u200e", "\u202e", "\u2066", "\u0301", "e\u0301", "\u200d", "\u200b", "\ufeff", "\u00ad",
    "🎉", "👨\u200d👩\u200d👧", "🇫🇷", "👍🏽", "\xa0", "\u202f", "\u2028", "\u2029",
    "مرحبا", "שלום", "1er janvier", "article 1er", "1re", "\t", "\n", "\r\n", "\r", "\x0b", " ", "  ",
    "€", "15 000 €", "%", "$", "$$", "\\", "/", "..", "\U0010fffd", "\U0001fffd", "\ue000",
]


def _normaliser_modele(texte: str) -> str:
    """The text as the model keeps it: ``\\r\\n``, ``\\r`` and ``\\x0b`` are line breaks, in NFC."""
    return unicodedata.normalize("NFC", texte.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n"))


def _acceptable(texte: str) -> bool:
    """Not blank, no prose reference, no leftover placeholder (the checks refuse those)."""
    normal = _normaliser_modele(texte)
    return bool(normal.strip()) and "${" not in normal and reste(normal) is None


_MORCEAUX = st.one_of(st.text(CARACTERES, min_size=1, max_size=12), st.sampled_from(FRAGMENTS))
_COURT = st.lists(_MORCEAUX, min_size=1, max_size=8).map("".join)
_LONG = st.builds(lambda texte, fois: texte * fois, _COURT, st.integers(20, 400))

TEXTE = st.one_of(st.text(CARACTERES, min_size=1), _COURT, _COURT, _COURT, _COURT, _LONG).filter(_acceptable)

# --------------------------------------------------------------------------
# Items

#: the fuzzed fields: (name shown on failure, how the value goes into the item)
CHAMPS = [
    "objet", "direction", "service", "section.titre", "section.paragraphe1", "section.liste1", "section.liste2",
    "section.paragraphe2", "proposition1", "proposition2", "visa.libre", "visa.texte", "considerant1",
    "considerant2", "signataire.formule", "signataire.qualite", "signataire.nom", "annexe.titre",
    "annexe.paragraphe", "tableau.titre", "cellule1", "cellule2", "colonne.structure", "colonne.acompte",
    "colonne.solde", "colonne.total",
]


def item(v: dict[str, str]) -> dict[str, Any]:
    """The item holding the fuzzed texts ``v`` (one per name of :data:`CHAMPS`)."""
    return point_minimal(
        objet=v["objet"], direction=v["direction"], service=v["service"], valeurs={},
        expose=[{"titre": v["section.titre"], "paragraphes": [
            v["section.paragraphe1"], {"liste": [v["section.liste1"], v["section.liste2"]]}, v["section.paragraphe2"]]}],
        propositions=[{"verbe": "autoriser", "texte": v["proposition1"]},
                      {"verbe": "approuver", "texte": v["proposition2"]}],
        visas=[v["visa.libre"], {"texte": v["visa.texte"]}],
        considerants=[v["considerant1"], v["considerant2"]],
        signataire={"formule": v["signataire.formule"], "qualite": v["signataire.qualite"],
                    "nom": v["signataire.nom"]},
        annexes=[{"titre": v["annexe.titre"], "paragraphes": [v["annexe.paragraphe"]], "tableaux": [{
            "titre": v["tableau.titre"],
            "colonnes": [
                {"nom": "structure", "titre": v["colonne.structure"]},
                {"nom": "acompte", "type": "montant", "titre": v["colonne.acompte"]},
                {"nom": "solde", "type": "montant", "titre": v["colonne.solde"]},
                {"nom": "total", "type": "montant", "formule": "acompte + solde", "titre": v["colonne.total"]},
            ],
            "lignes": [[v["cellule1"], "15000", "15000"], [v["cellule2"], "1250,50", "0"]],
            "totaux": True,
        }]}],
    )


TEXTES = st.fixed_dictionaries({nom: TEXTE for nom in CHAMPS})


def attendu(texte: str) -> str:
    """What the documents print of a field: normalised by the model, surrounding whitespace trimmed."""
    return _normaliser_modele(texte).strip()


def point_ou_refus(v: dict[str, str]) -> tuple[Any, str]:
    """(the validated item, "") or (None, the reason the model or the checks refuse it)."""
    try:
        point = valider(item(v))
    except ErreurEntree as exc:
        return None, f"modèle : {exc.findings[0].message.split(':')[0]}"
    erreurs = [f for f in check(point) if f.est_erreur]
    if erreurs:
        return None, f"check : {erreurs[0].message.split(':')[0][:60]}"
    return point, ""


# --------------------------------------------------------------------------
# Reading back

_STRICT = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True, no_network=True)
_TEXTE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
#: digests of parts already found well formed (styles, theme… are the same in every document)
_DEJA_VUES: set[bytes] = set()


def lire(donnees: bytes) -> str:
    """Parse every XML part strictly (raise if one is not well formed); return the text python-docx reads.

    The text is that of every paragraph (body, tables, headers, footers,
    notes), one per line, as python-docx's ``Paragraph.text`` gives it
    (breaks ``\\n``, tabs ``\\t``).
    """
    import hashlib

    from docx.oxml.parser import parse_xml

    textes = []
    with zipfile.ZipFile(io.BytesIO(donnees)) as z:
        for nom in z.namelist():
            if not nom.endswith((".xml", ".rels")):
                continue
            partie = z.read(nom)
            empreinte = hashlib.blake2b(partie, digest_size=16).digest()
            if empreinte not in _DEJA_VUES:
                try:
                    etree.fromstring(partie, _STRICT)
                except etree.XMLSyntaxError as exc:
                    raise AssertionError(f"{nom} n'est pas du XML bien formé : {exc}") from None
                _DEJA_VUES.add(empreinte)
            if _TEXTE.match(nom):
                racine = parse_xml(partie)
                textes += [Paragraph(p, None).text for p in racine.iter(qn("w:p"))]
    return "\n".join(textes)


# --------------------------------------------------------------------------
# The property


#: every field at once: template syntax, XML specials, every normalised break, bidi, emoji, superscripts
EXPLICITE = "{{ 7*7 }}{%p if x %}\r\n&<>\"' \u202e🎉\x0b1er janvier\tarticle 1er\r]]>{_{ x }_}\u200d\xa0"


@PROFIL
@given(TEXTES)
@example({nom: EXPLICITE for nom in CHAMPS})
@example({nom: f" {nom} " for nom in CHAMPS})
def test_chaque_texte_revient_intact(v: dict[str, str]) -> None:
    point, refus = point_ou_refus(v)
    if point is None:
        event(refus)
    assume(point is not None)
    documents = rendre_en_memoire(point)
    assert [nom for nom, _ in documents] == ["06-04-rapport.docx", "06-04-deliberation.docx"]
    lu = "\n".join(lire(donnees) for _, donnees in documents)
    # printed in French typography, which changes spaces and apostrophes only (tests/test_typographie.py)
    compose = sans_espaces(lu)
    absents = {champ: attendu(texte) for champ, texte in v.items() if sans_espaces(attendu(texte)) not in compose}
    note(f"texte lu : {lu!r}")
    assert not absents


# --------------------------------------------------------------------------
# Real clients on a fixed sample


def echantillon(taille: int = 8, graine: int = 20240607) -> list[dict[str, str]]:
    """``taille`` fuzzed field sets the checks accept, always the same for a given Hypothesis version."""
    trouves: list[dict[str, str]] = []

    @seed(graine)
    @settings(max_examples=taille * 4, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(TEXTES)
    def collecter(v: dict[str, str]) -> None:
        if len(trouves) < taille and point_ou_refus(v)[0] is not None and v not in trouves:
            trouves.append(v)

    collecter()
    return trouves


def _espaces(texte: str) -> str:
    return sans_espaces(normaliser(texte))


@pytest.mark.outil("soffice", "pandoc")
def test_clients_reels_sur_echantillon(tmp_path: Path) -> None:
    """LibreOffice converts a sample of fuzzed documents (one call); pandoc reads every field back."""
    lots = echantillon()
    assert len(lots) == 8
    fichiers: list[Path] = []
    for k, v in enumerate(lots):
        point = valider({**item(v), "numero": f"F-{k}"})
        fichiers += publier(rendre_en_memoire(point), tmp_path / "docx")
    pdfs = convertir_pdf(fichiers, tmp_path / "pdf")
    assert [p.name for p in pdfs] == [f.with_suffix(".pdf").name for f in fichiers]
    assert all(p.is_file() and p.read_bytes().startswith(b"%PDF") for p in pdfs)

    manquants = []
    for k, v in enumerate(lots):
        lu = ""
        for chemin in fichiers[2 * k:2 * k + 2]:
            resultat = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", "--columns=100000", str(chemin)],
                                      capture_output=True, timeout=120)
            assert resultat.returncode == 0, resultat.stderr.decode("utf-8", "replace")
            lu += resultat.stdout.decode("utf-8") + "\n"
        lu = _espaces(lu)
        for champ, texte in v.items():
            # pandoc lays tables out in columns: compare a cell line by line
            morceaux = re.split(r"[\n\t]", attendu(texte)) if champ.startswith(("cellule", "colonne")) else [attendu(texte)]
            for morceau in morceaux:
                if _espaces(morceau) and _espaces(morceau) not in lu:
                    manquants.append((k, champ, morceau))
    assert not manquants
