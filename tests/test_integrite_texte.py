"""Text that must not change on its way from the YAML file to Word.

Issue 11, family « text that changes on the way » (and two « messages »):

- an explicit YAML tag that would drop or change the value (``!Direction
  Europe`` losing its first word, ``!!binary`` printed as base64, ``!!set``,
  ``!!python/…``) is refused at its line, naming the field;
- C0 controls but tab and line breaks, DEL, C1 controls (NEL included),
  noncharacters, lone surrogates are refused at their line, naming the field
  and the character's code, whether typed raw or as a ``"\\x96"`` escape;
- every key and value is put in NFC: the checks that compare text work on
  text pasted from macOS (decomposed accents);
- U+2028 and U+2029 are kept as typed, and never shift the line numbers of
  later findings (an editor counts ``\\n`` only);
- a number too long for Python (5 000 digits) is refused in French.

The catalogue cases run the real ``deliberations check`` through the helpers
of ``test_entrees_invalides``; the properties feed arbitrary text to a text
field and require a refusal naming the field and line, or the text arriving
in the model (and, for a sample, in the rendered .docx) equal to its NFC form.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import deliberations
from conftest import sans_espaces
from deliberations.api import rendre_en_memoire
from deliberations.erreurs import ErreurEntree
from test_entrees_invalides import (
    EXEMPLE,
    PROFIL,
    ajouter,
    c,
    enchainer,
    executer,
    inserer_apres,
    preparer,
    remplacer,
    sans_anglais,
    verifier_cas,
    verifier_lignes,
)
from test_fuzz import lire

DIRECTION = "direction: Direction Europe International"


def direction(valeur: str) -> object:
    """The ``direction:`` line (line 9 of the example) with another value."""
    return remplacer(DIRECTION, f"direction: {valeur}")


def nfd(texte: str) -> str:
    return unicodedata.normalize("NFD", texte)


#: forbidden characters, typed raw in the file: (character, id)
INTERDITS_BRUTS = ["\x7f", "\x80", "\x85", "\x96", "\x9f", "\ufdd0", "\ufdd9", "\ufdda", "\ufdef", "\ufffe", "\uffff",
                   "\U0001fffe", "\U0010ffff", "\x01", "\x1b"]

#: forbidden characters written as double-quoted YAML escapes: (escape, code)
INTERDITS_ECHAPPES = [("\\x7f", 0x7F), ("\\x96", 0x96), ("\\N", 0x85), ("\\uFDD9", 0xFDD9), ("\\U0001FFFE", 0x1FFFE),
                      ("\\uD800", 0xD800), ("\\uDC80", 0xDC80), ("\\x01", 0x01), ("\\e", 0x1B)]

CATALOGUE_TEXTE = [
    # --- explicit tags ------------------------------------------------------------
    c("etiquette-locale-premier-mot", direction("!Direction Europe International"), 1,
      ("étiquette YAML « !Direction » non acceptée", "guillemets", '"!Direction Europe International"'),
      "direction: !Direction", "direction"),
    c("etiquette-locale-seule", direction("!important"), 1, ("étiquette YAML « !important »", "guillemets"),
      "direction: !important", "direction"),
    c("etiquette-binaire", direction("!!binary SGVsbG8="), 1, ("étiquette YAML « !!binary » non acceptée", "retirez"),
      "direction: !!binary", "direction"),
    c("etiquette-ensemble", direction("!!set {a, b}"), 1, "étiquette YAML « !!set »", "direction: !!set", "direction"),
    c("etiquette-omap", direction("!!omap [a: 1]"), 1, "étiquette YAML « !!omap »", "direction: !!omap", "direction"),
    c("etiquette-python", direction("!!python/object/apply:os.system [ls]"), 1,
      "étiquette YAML « !!python/object/apply:os.system »", "direction: !!python", "direction"),
    c("etiquette-verbatim", direction("!<tag:example.com,2026:x> Europe"), 1,
      "étiquette YAML « !<tag:example.com,2026:x> »", "direction: !<", "direction"),
    c("etiquette-null-sur-du-texte", direction("!!null Direction Europe"), 1, "étiquette YAML « !!null »",
      "direction: !!null", "direction"),
    c("etiquette-int-sur-du-texte", direction("!!int douze"), 1, "étiquette YAML « !!int »",
      "direction: !!int", "direction"),
    c("etiquette-dans-un-paragraphe", remplacer("- Le présent rapport vise", "- !important Le présent rapport vise"), 1,
      "étiquette YAML « !important »", "!important Le", "expose[1].paragraphes[2]"),
    c("etiquette-dans-une-cellule", remplacer("[Ville de Pantin,", "[!Ville de Pantin,"), 1,
      "étiquette YAML « !Ville »", "[!Ville", "annexes[1].tableaux[1].lignes[1][1]"),
    c("etiquette-sur-une-cle", remplacer(DIRECTION, "!x direction: Direction"), 1, "étiquette YAML « !x »",
      "!x direction", "direction"),
    c("etiquette-sur-une-liste", remplacer("visas:\n", "visas: !liste\n"), 1, "étiquette YAML « !liste »",
      "visas: !liste", "visas"),

    # --- forbidden characters -----------------------------------------------------------
    *[c(f"brut-U+{ord(x):04X}", remplacer("direction: Direction Europe", f"direction: Direction{x} Europe"), 1,
        ("caractère interdit", f"U+{ord(x):04X}"), "direction: Direction", "direction") for x in INTERDITS_BRUTS],
    *[c(f"echappe-U+{code:04X}", direction(f'"Direction{e} Europe"'), 1, ("caractère interdit", f"U+{code:04X}"),
        "direction: ", "direction") for e, code in INTERDITS_ECHAPPES],
    c("c1-dans-un-paragraphe", remplacer("Le présent rapport vise", "Le présent\x96 rapport vise"), 1,
      ("caractère interdit", "U+0096"), "Le présent", "expose[1].paragraphes[2]"),
    c("non-caractere-dans-une-cellule", remplacer("[Ville de Pantin,", "[Ville de\ufdd9 Pantin,"), 1,
      ("caractère interdit", "U+FDD9"), "Ville de\ufdd9", "annexes[1].tableaux[1].lignes[1].structure"),
    c("c1-dans-un-texte-plie", remplacer("maximiser les effets", "maximiser\x85 les effets"), 1,
      ("caractère interdit", "U+0085"), "maximiser\x85", "expose[1].paragraphes[1]"),
    c("c1-dans-une-cle", remplacer(DIRECTION, "dir\x96ection: Direction"), 1,
      ("clé", "caractère interdit", "U+0096"), "dir\x96ection"),
    c("c1-dans-un-commentaire", remplacer("# Point 06-04", "# Point\x96 06-04"), 1,
      ("caractère interdit", "U+0096"), 1),
    c("controle-entre-cle-et-valeur", remplacer(DIRECTION, "direction:\x01Direction"), 1,
      ("caractère interdit", "U+0001"), "direction:\x01"),

    # --- line and paragraph separators: kept, and later lines keep their number ----------------
    *[c(f"apres-U+{ord(x):04X}-la-ligne-reste-juste",
        enchainer(remplacer("direction: Direction Europe", f"direction: Direction{x}Europe"),
                  remplacer("service: Service", "servic: Service")), 1, "clé inconnue « servic »", "servic:", "servic")
      for x in ("\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c")],
    c("apres-U+2028-dans-un-paragraphe-plie", enchainer(
        remplacer("maximiser les effets", "maximiser\u2028les\u2029effets"),
        remplacer("vote: {}", "vote: {membres: quarante}")), 1, "nombre entier attendu", "vote:", "vote.membres"),

    # --- decomposed accents (macOS): the checks still see the words ------------------------------
    c("date-impossible-nfd", remplacer("Le présent rapport vise", nfd("Le 31 février 2023, le présent rapport vise")), 1,
      ("date impossible", "« 31 février 2023 »"), "Le 31 f", "expose[1].paragraphes[2]"),
    c("jour-faux-nfd", remplacer("Le présent rapport vise", nfd("Le vendredi 1er février 2023, le présent rapport vise")),
      1, ("« vendredi 1er février 2023 »", "mercredi"), "Le vendredi", "expose[1].paragraphes[2]"),
    c("cle-en-double-nfd", inserer_apres("valeurs:", "  né: 1\n  " + nfd("né") + ": 2"), 1, "clé « né » en double",
      nfd("né") + ": 2", "valeurs.né"),
    c("date-de-visa-nfd", remplacer("    titre: d'orientation relative", nfd("    titre: du 31 février 1998 relative")), 1,
      "date impossible", nfd("titre: du 31 f"), "visas[3].titre"),

    # --- a forbidden character quoted in the message of another field is shown by its code ---------------
    c("substitut-dans-un-nombre", remplacer("vote: {}", 'vote: {membres: "4\\ud8000"}'), 1,
      ("nombre entier attendu", "4<U+D800>0"), "vote:", "vote.membres"),
    c("substitut-dans-une-date", remplacer("  date: 2023-09-14", '  date: "2023\\udfff-09-14"'), 1,
      ("date illisible", "2023<U+DFFF>-09-14"), "  date: \"2023", "seance.date"),
    c("non-caractere-dans-un-choix", remplacer("vote: {}", "vote: {resultat: unanim\ufdd0ité}"), 1,
      "U+FDD0", "vote:", "vote.resultat"),

    # --- numbers Python cannot read ----------------------------------------------------------
    c("entier-de-5000-chiffres", remplacer("vote: {}", "vote: {membres: " + "9" * 5000 + "}"), 1,
      ("nombre trop grand", "18 chiffres"), "vote:", "vote.membres"),
    c("montant-de-5000-chiffres", remplacer('[Ville de Pantin, "15 000,00 €"', "[Ville de Pantin, " + "9" * 5000), 1,
      ("montant trop grand", "le plus grand montant qui s'écrive en lettres"), "[Ville de Pantin", "annexes[1].tableaux[1].lignes[1].acompte"),
]


@pytest.mark.parametrize("cas", CATALOGUE_TEXTE)
def test_texte_refuse(cas, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = preparer(tmp_path, cas)
    monkeypatch.chdir(tmp_path)
    avant = dossier.etat()
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    verifier_cas(cas, dossier, code, sortie, erreurs)
    assert dossier.etat() == avant, "un fichier a été écrit"


# --------------------------------------------------------------------------
# Accepted: exactly what was typed (in NFC) reaches the model


ACCEPTES_TEXTE = [
    pytest.param(direction('"!Direction Europe"'), ("direction",), "!Direction Europe", id="point-d-exclamation-entre-guillemets"),
    pytest.param(direction("!!str Direction Europe"), ("direction",), "Direction Europe", id="etiquette-str"),
    pytest.param(direction("! Direction Europe"), ("direction",), "Direction Europe", id="etiquette-non-specifique"),
    pytest.param(remplacer('numero: "06-04"', "numero: !!str 0604"), ("numero",), "0604", id="etiquette-str-sur-un-nombre"),
    pytest.param(remplacer("date: 2023-09-14", "date: !!timestamp 2023-09-14"), ("seance", "date"),
                 dt.date(2023, 9, 14), id="etiquette-timestamp-sur-une-date"),
    pytest.param(remplacer("visas:\n", "visas: !!seq\n"), ("visas", 0), "le Code de l'action sociale et des familles",
                 id="etiquette-seq-sur-une-liste"),
    pytest.param(direction("Direction\u2028Europe"), ("direction",), "Direction\u2028Europe", id="U+2028-garde"),
    pytest.param(direction("Direction\u2029Europe"), ("direction",), "Direction\u2029Europe", id="U+2029-garde"),
    pytest.param(direction(nfd("Direction Économie")), ("direction",), "Direction Économie", id="nfd-en-nfc"),
    pytest.param(direction('"Direction\\x0bEurope"'), ("direction",), "Direction\nEurope", id="echappe-x0b-saut-de-ligne"),
    pytest.param(direction("Direction\rEurope"), ("direction",), "Direction\nEurope", id="retour-chariot-seul"),
    pytest.param(lambda t: t.replace("\n", "\r"), ("direction",), "Direction Europe International",
                 id="fichier-mac-ancien-en-retours-chariot"),
    pytest.param(lambda t: t.replace("\n", "\r\n"), ("seance", "date"), dt.date(2023, 9, 14), id="fichier-windows"),
    pytest.param(direction("Direction\ufeffEurope"), ("direction",), "Direction\ufeffEurope", id="U+FEFF-garde"),
    pytest.param(direction("Direction \U0010fffd Europe"), ("direction",), "Direction \U0010fffd Europe",
                 id="usage-prive-garde"),
]


@pytest.mark.parametrize("mutation, chemin, attendu", ACCEPTES_TEXTE)
def test_texte_accepte(mutation, chemin: tuple, attendu: object, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    dossier = preparer(tmp_path, point=mutation)
    code, sortie, erreurs = executer(["check", str(dossier.point)], capsys)
    sans_anglais(sortie, erreurs)
    assert code == 0, sortie + erreurs
    verifier_lignes(sortie)
    valeur: object = deliberations.load(dossier.point)
    for partie in chemin:
        valeur = valeur[partie] if isinstance(partie, int) else getattr(valeur, partie)  # type: ignore[index]
    assert valeur == attendu


def test_exemple_entier_en_nfd_donne_le_meme_modele(tmp_path: Path) -> None:
    """The whole example and its profile saved decomposed (as macOS pastes) give the same item."""
    dossier = preparer(tmp_path, point=nfd)
    dossier.profil.write_text(nfd(PROFIL.read_text(encoding="utf-8")), encoding="utf-8")
    assert dossier.point.read_text(encoding="utf-8") != EXEMPLE.read_text(encoding="utf-8")
    nfc = deliberations.load(EXEMPLE).model_dump()
    decompose = deliberations.load(dossier.point).model_dump()
    assert decompose == nfc
    assert "Département de la Seine-Saint-Denis" in repr(decompose) and "e\u0301" not in repr(decompose)


def test_considerant_nfd_n_est_pas_double(tmp_path: Path) -> None:
    """« Considérant que … » typed decomposed is printed once, not « Considérant Considérant »."""
    dossier = preparer(tmp_path, point=ajouter("considerants:\n  - " + nfd("Considérant que le réseau est utile") + "\n"))
    point = deliberations.load(dossier.point)
    assert [f for f in deliberations.check(point) if f.est_erreur] == []
    texte = "\n".join(lire(donnees) for _, donnees in rendre_en_memoire(point))
    assert "Considérant que le réseau est utile," in texte
    assert "Considérant Considérant" not in texte and "Conside\u0301rant" not in texte


# --------------------------------------------------------------------------
# Properties: any text in a text field is refused (field and line named) or arrives as its NFC form


def interdit(caractere: str) -> bool:
    """What a text may not hold, written independently of the code: every Cc but tab, LF, CR and
    \\x0b; surrogates; noncharacters."""
    code = ord(caractere)
    if caractere in "\t\n\r\x0b":
        return False
    return (unicodedata.category(caractere) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE)


def attendu_nfc(texte: str) -> str:
    return unicodedata.normalize("NFC", texte.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n"))


def en_guillemets(texte: str, echapper: list[bool]) -> str:
    """``texte`` as a YAML double-quoted scalar on one line: raw where YAML allows it, else escaped."""
    morceaux = []
    for caractere, forcer in zip(texte, echapper):
        code = ord(caractere)
        if caractere in '"\\' or caractere in "\n\r" or 0xD800 <= code <= 0xDFFF or (forcer and caractere != " "):
            morceaux.append(f"\\U{code:08X}" if caractere not in '"\\' else "\\" + caractere)
        else:
            morceaux.append(caractere)
    return '"' + "".join(morceaux) + '"'


#: characters worth trying: every plane, plus the ones this family is about
_SPECIAUX = st.sampled_from(["\x00", "\x01", "\t", "\n", "\r", "\x0b", "\x1b", "\x7f", "\x80", "\x85", "\x9f", "\xa0",
                             "\u0301", "e\u0301", "\u2028", "\u2029", "\ufdd0", "\ufdd9", "\ufdef", "\ufeff", "\ufffe",
                             "\uffff", "\U0001fffe", "\U0010ffff", "\ud800", "\udc80", "!", "#", ": ", "&", "*"])
_TEXTES = st.lists(st.one_of(st.text(min_size=1, max_size=6), _SPECIAUX), min_size=1, max_size=8).map("".join)
_ECRITURES = st.lists(st.booleans(), min_size=60, max_size=60)

_DOSSIER = Path(tempfile.mkdtemp(prefix="integrite-texte-"))
_MODELE = EXEMPLE.read_text(encoding="utf-8")
(_DOSSIER / "collectivites").mkdir()
(_DOSSIER / "collectivites" / PROFIL.name).write_bytes(PROFIL.read_bytes())


def charger_direction(valeur_yaml: str) -> tuple[object, list]:
    """Load the example with ``direction: VALEUR``: (item, []) or (None, findings)."""
    chemin = _DOSSIER / "point.yaml"
    chemin.write_text(_MODELE.replace(DIRECTION, f"direction: {valeur_yaml}", 1), encoding="utf-8", newline="\n")
    try:
        return deliberations.load(chemin), []
    except ErreurEntree as exc:
        return None, exc.findings


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTES, _ECRITURES)
def test_un_texte_quelconque_est_refuse_ou_garde_en_nfc(texte: str, echapper: list[bool]) -> None:
    point, findings = charger_direction(en_guillemets(texte, echapper + [False] * len(texte)))
    premier = next((x for x in texte if interdit(x)), None)
    if premier is not None or not attendu_nfc(texte).strip():
        assert point is None, f"accepté : {texte!r}"
        (finding,) = findings
        assert (finding.lieu.ligne, finding.lieu.champ) == (9, "direction"), str(finding)
        sans_anglais(str(finding))
        if premier is not None:
            assert f"U+{ord(premier):04X}" in finding.message
        return
    assert findings == [], [str(f) for f in findings]
    assert point.direction == attendu_nfc(texte)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_TEXTES.filter(lambda t: not any(interdit(x) for x in t) and attendu_nfc(t).strip() != ""))
def test_un_texte_garde_revient_du_docx_en_nfc(texte: str) -> None:
    point, findings = charger_direction(en_guillemets(texte, [False] * len(texte)))
    assert point is not None, [str(f) for f in findings]
    if [f for f in deliberations.check(point) if f.est_erreur]:
        return  # a check refuses it (a placeholder, a date…): nothing is rendered
    lu = "\n".join(lire(donnees) for _, donnees in rendre_en_memoire(point))
    assert sans_espaces(attendu_nfc(texte).strip()) in sans_espaces(lu)


#: what an editor does not count as a new line, but PyYAML did
_SEPARATEURS = st.sampled_from(["\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_SEPARATEURS, st.text(st.characters(exclude_characters="\n\"\\"), max_size=3)),
                min_size=1, max_size=10).map("".join), st.booleans())
def test_les_lignes_suivantes_gardent_leur_numero(valeur: str, entre_guillemets: bool) -> None:
    """Whatever stands on line 9, a finding on line 10 names line 10, as an editor counts."""
    # plain, a value keeps clear of YAML's own signs (« # » comment, « : » key, a tab PyYAML refuses there)
    simple = valeur.replace("#", "").replace(":", "").replace("\t", "")
    ecrite = f'"{valeur}"' if entre_guillemets else f"Direction {simple} Europe"
    chemin = _DOSSIER / "point.yaml"
    texte = _MODELE.replace(DIRECTION, f"direction: {ecrite}", 1).replace("service: Service", "servic: Service", 1)
    chemin.write_text(texte, encoding="utf-8", newline="\n")
    assert texte.split("\n")[9].startswith("servic:")
    with pytest.raises(ErreurEntree) as exc:
        deliberations.load(chemin)
    lignes = {f.lieu.ligne for f in exc.value.findings if "servic" in f.message}
    assert lignes == {10}, [str(f) for f in exc.value.findings]


#: (tag, value) pairs where the tag changes nothing: accepted
_SANS_EFFET = {("!!int", "15000"), ("!!timestamp", "2023-09-14"), ("!!null", "~"), ("!!seq", "[a, b]"),
               ("!!map", "{a: b}"), *(("!!str", v) for v in ("Europe", "15000", "2023-09-14", "oui", "~"))}


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.from_regex(r"![A-Za-z0-9_-]{1,12}", fullmatch=True), st.from_regex(r"!![a-z/]{1,10}", fullmatch=True),
                 st.sampled_from(["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map",
                                  "!!binary", "!!set", "!!omap", "!!pairs", "!!merge", "!!value", "!!yaml"])),
       st.sampled_from(["Europe", "15000", "2023-09-14", "oui", "~", "[a, b]", "{a: b}"]))
@example("!!str", "[a, b]")
@example("!!seq", "Europe")
@example("!!int", "Europe")
def test_une_etiquette_quelconque_est_refusee_a_sa_ligne(etiquette: str, valeur: str) -> None:
    """Any explicit tag is refused, naming field and line, unless it changes nothing (``!!str`` on a text…)."""
    point, findings = charger_direction(f"{etiquette} {valeur}")
    if (etiquette, valeur) in _SANS_EFFET:
        assert not any("étiquette" in f.message for f in findings), [str(f) for f in findings]
        if etiquette == "!!str":
            assert point is not None and point.direction == valeur
        return
    assert point is None
    (finding,) = findings
    assert (finding.lieu.ligne, finding.lieu.champ) == (9, "direction"), str(finding)
    assert f"étiquette YAML « {etiquette} » non acceptée" in finding.message, str(finding)
    sans_anglais(str(finding))
