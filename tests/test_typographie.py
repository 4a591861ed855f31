"""French typography: the table of correct French (before → after), then its properties.

The rules are those of the Lexique des règles typographiques en usage à
l'Imprimerie nationale (espaces insécables et fines) and of Word's French
autocorrection: a narrow no-break space (U+202F, « fine ») before ; ! ? and
inside « », a no-break space (U+00A0) before : and after the abbreviations
that go with what follows, digit groups held together.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXEMPLE, lignes_docx
from deliberations.langue.typographie import typographier

F = "\u202f"  # fine insécable
I = "\u00a0"  # espace insécable

TABLE = [
    # ponctuation haute
    ("je vous propose :", f"je vous propose{I}:"),
    ("DÉCIDE :", f"DÉCIDE{I}:"),
    ("Abstentions :", f"Abstentions{I}:"),
    ("à l'annexe 1 ;", f"à l'annexe 1{F};"),
    ("à l'annexe 1;", f"à l'annexe 1{F};"),
    ("Est-ce possible ?", f"Est-ce possible{F}?"),
    ("Adopté !", f"Adopté{F}!"),
    ("Vraiment ?!", f"Vraiment{F}?!"),
    (f"déjà insécable{I}:", f"déjà insécable{I}:"),
    # guillemets
    ("« Oui »", f"«{F}Oui{F}»"),
    ("«Oui»", f"«{F}Oui{F}»"),
    ("le « plan de relance » voté", f"le «{F}plan de relance{F}» voté"),
    # abréviations
    ("n° 2023-142", f"n°{I}2023-142"),
    ("N° 12", f"N°{I}12"),
    ("M. Dupont et Mme Martin", f"M.{I}Dupont et Mme{I}Martin"),
    ("MM. Durand et Petit", f"MM.{I}Durand et Petit"),
    ("l'art. L. 2121-29", f"l'art.{I}L. 2121-29"),
    ("Article 1er", f"Article{I}1er"),
    ("Article 2 :", f"Article{I}2{I}:"),
    # nombres et unités
    ("30 000 €", f"30{F}000{I}€"),
    ("1 234 567,89 €", f"1{F}234{F}567,89{I}€"),
    ("une subvention de 2 500 euros", f"une subvention de 2{F}500{I}euros"),
    ("20 %", f"20{I}%"),
    ("1,5 M€ et 300 k€", f"1,5{I}M€ et 300{I}k€"),
    ("à 14 h 30", f"à 14{I}h 30"),
    ("12 000 habitants", f"12{F}000 habitants"),
    # dates
    ("le 14 septembre 2023", f"le 14{I}septembre 2023"),
    ("le 1er janvier 2024", f"le 1er{I}janvier 2024"),
    ("le 3 Mars", f"le 3{I}Mars"),
    # espaces doubles
    ("deux  espaces", "deux espaces"),
    ("trois   espaces", "trois espaces"),
    # ce qui reste tel quel
    ("https://www.exemple.fr/a:b?c=1;d", "https://www.exemple.fr/a:b?c=1;d"),
    ("voir www.seine-saint-denis.fr : le site", f"voir www.seine-saint-denis.fr{I}: le site"),
    ("ecrire à greffe@exemple.fr ; merci", f"ecrire à greffe@exemple.fr{F}; merci"),
    ("délibération 2021-VII-24", "délibération 2021-VII-24"),
    ("ratio 3:2 et a;b", "ratio 3:2 et a;b"),
    ("10:30", "10:30"),
    ("en 2023 150 communes", "en 2023 150 communes"),
    ("", ""),
    ("sans rien", "sans rien"),
    ("ligne 1\nligne 2 :", f"ligne 1\nligne 2{I}:"),
]


@pytest.mark.parametrize("avant, apres", TABLE, ids=[a[:30] or "vide" for a, _ in TABLE])
def test_table(avant, apres):
    assert typographier(avant) == apres


@pytest.mark.parametrize("avant, style, apres", [
    ("l'acte d'engagement", "typographique", "l’acte d’engagement"),
    ("l’acte d'engagement", "droite", "l'acte d'engagement"),
    ("l’acte", "typographique", "l’acte"),
    ("'cité'", "typographique", "'cité'"),  # a quotation mark, not an apostrophe
])
def test_apostrophe(avant, style, apres):
    assert typographier(avant, apostrophe=style) == apres


_SANS = re.compile(r"[ \u00a0\u202f'’]")


@given(st.text(alphabet=st.sampled_from(list("ab1 2:;!?«»'’€%n°M.\u00a0\u202f\n0éh")), max_size=60))
def test_ne_change_que_espaces_et_apostrophes(texte):
    resultat = typographier(texte)
    assert _SANS.sub("", resultat) == _SANS.sub("", texte)
    assert typographier(resultat) == resultat  # idempotent


@given(st.text(max_size=80))
def test_lettres_et_chiffres_intacts(texte):
    resultat = typographier(texte, apostrophe="typographique")
    assert _SANS.sub("", resultat) == _SANS.sub("", texte)
    assert resultat.count("\n") == texte.count("\n")


_MORCEAUX = ["1", "12", "1er", "1ER", " ", "\u00a0", "\u202f", "  ", "000", "€", "k€", "M€", "%", "euros", "h",
             "septembre", "JANVIER", "Article", "ARTICLE", "art.", "n°", "M.", "Mme", ":", ";", "!", "?", "«", "»",
             "'", "a", "É", ",", "."]


def _gardes_sans_effet(texte):
    """Each rule's guard is a necessary condition: the pass gives what every rule applied blindly gives."""
    from deliberations.langue import typographie

    a_l_aveugle = texte
    for _, motif, remplacement in typographie._REGLES:
        a_l_aveugle = motif.sub(remplacement, a_l_aveugle)
    return typographie._passe(texte, "droite") == typographie._COURBE.sub("'", a_l_aveugle)


def test_les_gardes_ne_sautent_aucune_regle_sur_trois_morceaux():
    import itertools

    fautes = ["".join(t) for t in itertools.product(_MORCEAUX, repeat=3) if not _gardes_sans_effet("".join(t))]
    assert fautes == []


@given(st.lists(st.sampled_from(_MORCEAUX), max_size=14).map("".join))
def test_les_gardes_ne_sautent_aucune_regle(texte):
    assert _gardes_sans_effet(texte)


def _donnees_exemple():
    from deliberations import load

    return load(EXEMPLE).model_dump(mode="json")


def test_le_rendu_compose_les_valeurs_sans_toucher_au_point(tmp_path):
    """Printed values are typeset; the item and what the checks compare are left as typed."""
    from deliberations import check, load, render

    point = load(EXEMPLE)
    avant = point.model_dump()
    rapport, deliberation = render(point, tmp_path)
    assert point.model_dump() == avant and not [f for f in check(point) if f.est_erreur]
    texte = "\n".join(lignes_docx(rapport) + lignes_docx(deliberation))
    assert f"Réunion du 14{I}septembre 2023" in texte and f"Délibération n°{I}06-04 du 14{I}septembre 2023" in texte
    assert re.search(r"\d \d{3}\b", texte) is None  # no breakable space inside a figure
    assert re.search(r"\S (?:€|%)", texte) is None  # nor before a currency or a percent sign


def test_apostrophe_typographique_choisie_par_la_collectivite(tmp_path):
    from deliberations import render, valider

    donnees = _donnees_exemple()
    donnees["collectivite"]["apostrophe"] = "typographique"
    _, deliberation = render(valider(donnees), tmp_path)
    texte = "\n".join(lignes_docx(deliberation))
    assert "APPROUVE l’adhésion au réseau Alliance Villes Emploi" in texte
    droite = _donnees_exemple()
    _, deliberation = render(valider(droite), tmp_path / "droite")
    assert "APPROUVE l'adhésion au réseau Alliance Villes Emploi" in "\n".join(lignes_docx(deliberation))


# --------------------------------------------------------------------------
# The rendered documents: no breakable space where French typography wants a no-break one

#: (what is wrong, a breakable space where a no-break one is due), written from the rules, not from the code
_FAUTES = [
    ("espace ordinaire avant une ponctuation haute", re.compile(r"\S( )[:;!?»](?=\s|$)")),
    ("espace ordinaire après «", re.compile(r"«( )")),
    ("espace ordinaire après une abréviation", re.compile(r"(?<!\w)(?:n°|M\.|Mme|art\.)( )\S")),
    ("espace ordinaire entre un nombre et son unité", re.compile(r"\d( )(?:€|%|k€|M€|euros?\b)")),
    ("espace ordinaire dans un nombre", re.compile(r"(?<![\d,.])\d{1,3}( )\d{3}(?!\d)")),
    ("espace ordinaire entre le jour et le mois", re.compile(
        r"\b(?:\d{1,2}|1er)( )(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b")),
    ("deux espaces", re.compile(r"\S(  +)\S")),
]


def fautes_typographiques(chemin) -> list[str]:
    """Every breakable space a print shop would not set, in the paragraphs of a .docx (body, headers, footers)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fautes = []
    with zipfile.ZipFile(chemin) as z:
        for nom in z.namelist():
            if not re.match(r"word/(document|header\d*|footer\d*)\.xml$", nom):
                continue
            for p in etree.fromstring(z.read(nom)).iter(f"{w}p"):
                texte = "".join(t.text or "" for t in p.iter(f"{w}t"))
                for quoi, motif in _FAUTES:
                    for m in motif.finditer(texte):
                        fautes.append(f"{nom}: {quoi} : « {texte[max(0, m.start() - 25):m.end() + 25]} »")
    return fautes


def test_le_detecteur_voit_les_fautes(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("je vous propose : le 14 septembre, 30 000 € ; n° 12  fin")
    document.add_paragraph(f"je vous propose{I}: le 14{I}septembre, 30{F}000{I}€{F}; n°{I}12 fin")
    document.save(str(tmp_path / "a.docx"))
    fautes = fautes_typographiques(tmp_path / "a.docx")
    assert len(fautes) == 7 and all("propose : le 14 sept" in f or "12  fin" in f or "000 €" in f or "n° 12" in f
                                    for f in fautes), fautes


EXEMPLES = sorted(f for f in (EXEMPLE.parent).glob("*.yaml")
                  if re.search(r"^numero:", f.read_text(encoding="utf-8"), re.MULTILINE))


@pytest.mark.parametrize("exemple", EXEMPLES, ids=[e.stem for e in EXEMPLES])
def test_les_documents_des_exemples_sont_composes(exemple, tmp_path):
    from deliberations import render

    fautes = [f for chemin in render(exemple, tmp_path) for f in fautes_typographiques(chemin)]
    assert fautes == []


# --------------------------------------------------------------------------
# lint-template: the template's own text


@pytest.mark.parametrize("texte, attendu", [
    ("En conséquence, je vous propose :", "avant « : »"),
    ("{{ decision.article }} : {{ decision.texte }}", "avant « : »"),
    ("Rapport n° {{ numero }}", "après « n° »"),
    ("Est-ce voté ?", "avant « ? »"),
    (f"je vous propose{I}:", None),
    (f"{{{{ decision.article }}}}{I}: {{{{ decision.texte }}}}", None),
    ("Rapport sans ponctuation", None),
])
def test_lint_signale_le_texte_du_modele(tmp_path, texte, attendu):
    import docx

    from deliberations.rendu.lint import lint_modele

    document = docx.Document()
    document.add_paragraph("Premier paragraphe")
    document.add_paragraph(texte)
    document.save(str(tmp_path / "modele.docx"))
    findings = [f for f in lint_modele(tmp_path / "modele.docx") if "typographie" in f.message]
    if attendu is None:
        assert findings == []
    else:
        (finding,) = findings
        assert not finding.est_erreur and attendu in finding.message and finding.lieu.champ == "paragraphe 2"
        assert "Ctrl+Maj+Espace" in finding.message


def test_les_modeles_integres_sont_composes():
    from deliberations.rendu.lint import lint_modele

    racine = EXEMPLE.parent.parent / "templates"
    constats = [str(f) for modele in sorted(racine.glob("*/*.docx")) for f in lint_modele(modele)
                if "typographie" in f.message]
    assert constats == []
