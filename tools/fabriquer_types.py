"""Generate the Word templates of the built-in report types ``cofinancement`` and ``programme``.

    python tools/fabriquer_types.py [DOSSIER [EXEMPLES]]

writes ``DOSSIER/cofinancement/rapport.docx``, ``…/deliberation.docx`` and
the same for ``programme`` (default folder: ``templates``), and the broken
template the guide lints, ``EXEMPLES/modele-errone.docx`` (default folder:
``docs/exemples``). The manifests
(``type.yaml``) are written by hand; the templates are built here with the
styles and rules of ``tools/fabriquer_modeles.py``, whose helpers this script
uses: every Jinja tag in one run with straight quotes, ``{%p %}`` for
paragraph loops and conditions, ``{%tr %}`` for table rows, command
paragraphs in the style « Commande de modèle ».

Both types add a « fiche »: a two-column box summarising the type's fields
(label on the left, value on the right), its optional rows wrapped in
``{%tr if … %}`` rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Pt  # noqa: E402

import fabriquer_modeles as fm  # noqa: E402

DOSSIER = fm.RACINE / "templates"
LARGEURS_FICHE = [4.6, 12.4]


# --------------------------------------------------------------------------
# Shared pieces


def _document(titre: str, avec_annexes: bool = True):  # type: ignore[no-untyped-def]
    doc = fm._document(titre)
    s = fm._style_paragraphe
    s(doc, "Libellé de fiche", "LibelleFiche", taille=10, gras=True, couleur=fm.ENCRE)
    s(doc, "Valeur de fiche", "ValeurFiche", taille=10)
    puce = s(doc, "Puce de fiche", "PuceFiche", base="Valeur de fiche", apres=2)
    fm._avec_puces(puce)
    puce.paragraph_format.left_indent = fm.Cm(0.5)
    s(doc, "Titre de fiche", "TitreFiche", taille=10, gras=True, couleur=fm.ENCRE, petites_capitales=True,
      avant=0, apres=0)
    s(doc, "Titre de sous-section", "TitreSousSection", taille=11, gras=True, couleur=fm.ENCRE, avant=10, apres=6,
      avec_suivant=True)
    s(doc, "Intertitre", "Intertitre", base="Texte", gras=True, avant=4, apres=4, avec_suivant=True)
    if avec_annexes:
        fm._style_tableau_annexe(doc)
    doc.core_properties.comments = "Modèle généré par tools/fabriquer_types.py"
    return doc


def _debut_rapport(doc) -> None:  # type: ignore[no-untyped-def]
    fm._pied_de_page(doc, "Rapport n° {{ numero }} – {{ reunion }}")
    fm._en_tete(doc, "{{ numero }}")
    doc.add_paragraph("{{ titre_rapport }}", style="Titre du document")
    doc.add_paragraph("{{ reunion }}", style="Réunion")
    doc.add_paragraph("OBJET : {{ objet }}", style="Objet")


def _fiche(doc, titre: str, lignes: list[tuple[str, str | list[str], str | None]]) -> None:  # type: ignore[no-untyped-def]
    """The summary box: (label, value or list of paragraph texts, condition or None) per row.

    A value given as a list is written as paragraphs of the value cell (a
    ``{%p for %}`` loop and its bullets); a row with a condition is wrapped in
    ``{%tr if condition %}`` … ``{%tr endif %}`` rows.
    """
    rangees = 1 + sum(3 if condition else 1 for _, _, condition in lignes)
    tableau = doc.add_table(rows=rangees, cols=2)
    fm._proprietes_tableau(tableau, bordures=fm.BORDURE)
    fm._largeurs(tableau, LARGEURS_FICHE)
    rows = list(tableau.rows)
    entete = rows.pop(0)
    cellule = entete.cells[0].merge(entete.cells[1])
    fm._cellule(cellule, titre, "Titre de fiche")
    fm._fond(cellule, fm.FOND_ENTETE)
    fm._insecable(entete)
    for libelle, valeur, condition in lignes:
        if condition:
            fm._cellule(rows.pop(0).cells[0], f"{{%tr if {condition} %}}", "Commande de modèle")
        rangee = rows.pop(0)
        gauche, droite = rangee.cells
        fm._cellule(gauche, libelle, "Libellé de fiche")
        fm._fond(gauche, fm.FOND_TOTAUX)
        if isinstance(valeur, str):
            fm._cellule(droite, valeur, "Valeur de fiche")
        else:
            premier = True
            for texte in valeur:
                if premier:
                    p = droite.paragraphs[0]
                    premier = False
                else:
                    p = droite.add_paragraph()
                if texte.startswith("{%p"):
                    p.style = doc.styles["Commande de modèle"]
                    p.add_run(texte)
                elif texte.startswith("-\t"):
                    p.style = doc.styles["Puce de fiche"]
                    p.add_run(texte)
                else:
                    p.style = doc.styles["Valeur de fiche"]
                    p.add_run(texte)
        for c in (gauche, droite):
            fm._proprietes_cellule(c, '<w:vAlign w:val="center"/>')
        fm._insecable(rangee)
        if condition:
            fm._cellule(rows.pop(0).cells[0], "{%tr endif %}", "Commande de modèle")
    doc.add_paragraph("", style="Après tableau").paragraph_format.space_after = Pt(6)


def _expose(doc, numerote: bool = True) -> None:  # type: ignore[no-untyped-def]
    fm._commande(doc, "{%p for section in expose %}")
    fm._commande(doc, "{%p if section.titre %}")
    doc.add_paragraph("{{ section.numero }}. {{ section.titre }}" if numerote else "{{ section.titre }}",
                      style="Titre de section")
    fm._commande(doc, "{%p endif %}")
    fm._paragraphes(doc, "section.paragraphes")
    fm._commande(doc, "{%p endfor %}")


def _propositions(doc) -> None:  # type: ignore[no-untyped-def]
    p = doc.add_paragraph("En conséquence, et compte tenu de ce qui précède, je vous propose :", style="Formule")
    p.paragraph_format.space_before = Pt(12)
    fm._commande(doc, "{%p for proposition in propositions %}")
    fm._puce(doc, "{{ proposition }}")
    fm._commande(doc, "{%p endfor %}")
    fm._signature(doc)


def _annexes_rapport(doc) -> None:  # type: ignore[no-untyped-def]
    fm._commande(doc, "{%p for annexe in annexes %}")
    doc.add_paragraph("{{ annexe.titre }}", style="Titre d'annexe")
    fm._paragraphes(doc, "annexe.paragraphes")
    _tableaux_annexe(doc)
    fm._commande(doc, "{%p endfor %}")


def _tableaux_annexe(doc) -> None:  # type: ignore[no-untyped-def]
    fm._commande(doc, "{%p for tableau in annexe.tableaux %}")
    fm._commande(doc, "{%p if tableau.titre %}")
    doc.add_paragraph("{{ tableau.titre }}", style="Titre de tableau")
    fm._commande(doc, "{%p endif %}")
    fm._tableau_annexe(doc)
    doc.add_paragraph("", style="Après tableau")
    fm._commande(doc, "{%p endfor %}")


def _debut_deliberation(doc) -> None:  # type: ignore[no-untyped-def]
    fm._pied_de_page(doc, "{{ titre_deliberation }}")
    fm._en_tete(doc, "{{ numero }}")
    doc.add_paragraph("{{ titre_deliberation }}", style="Titre du document")
    p = doc.add_paragraph("{{ objet }}", style="Objet")
    p.paragraph_format.space_before = Pt(12)
    doc.add_paragraph("{{ assemblee_deliberante }}", style="Formule")
    fm._commande(doc, "{%p for visa in visas %}")
    doc.add_paragraph("{{ visa }}", style="Visa")
    fm._commande(doc, "{%p endfor %}")
    fm._commande(doc, "{%p for considerant in considerants %}")
    doc.add_paragraph("{{ considerant }}", style="Considérant")
    fm._commande(doc, "{%p endfor %}")
    doc.add_paragraph("{{ sur_le_rapport }}", style="Formule")
    doc.add_paragraph("après en avoir délibéré,", style="Formule")
    fm._commande(doc, "{%p for decision in decisions %}")
    fm._commande(doc, "{%p if decision.article %}")
    p = doc.add_paragraph(style="Article")
    p.add_run("{{ decision.article }} :").bold = True
    p.add_run(" {{ decision.texte }}")
    fm._commande(doc, "{%p else %}")
    fm._puce(doc, "{{ decision.texte }}", style="Décision")
    fm._commande(doc, "{%p endif %}")
    fm._commande(doc, "{%p endfor %}")


def _fin_deliberation(doc) -> None:  # type: ignore[no-untyped-def]
    """Signature, vote, dates and recours, as in the rapport-deliberation délibération."""
    fm._signature(doc)
    doc.add_paragraph("", style="Après tableau").paragraph_format.space_after = Pt(18)
    vote = doc.add_table(rows=1, cols=3)
    fm._proprietes_tableau(vote, bordures=fm.BORDURE)
    fm._largeurs(vote, [4.25, 8.5, 4.25])
    a, b, c = vote.rows[0].cells
    fm._cellule(a, "{%tc for case in vote.cases %}", "Commande de modèle")
    p = fm._cellule(b, "", "Vote")
    p.add_run("{{ case.libelle }}").bold = True
    p.add_run(" {{ case.valeur }}")
    fm._cellule(c, "{%tc endfor %}", "Commande de modèle")
    fm._hauteur(vote.rows[0], 0.9)
    for cellule in (a, b, c):
        fm._proprietes_cellule(cellule, '<w:vAlign w:val="center"/>')
    doc.add_paragraph("", style="Après tableau")
    dates = doc.add_table(rows=1, cols=4)
    fm._proprietes_tableau(dates, bordures=fm.BORDURE)
    fm._largeurs(dates, [5.5, 0.5, 5.5, 5.5])
    cellules = dates.rows[0].cells
    for cellule, texte in zip(cellules, ("{{ dates.mise_en_ligne }}", "", "{{ dates.notification }}",
                                         "{{ dates.executoire }}")):
        fm._cellule(cellule, texte, "Mention")
    fm._proprietes_cellule(cellules[1], fm._bordures_cellule("nil", cotes=("top", "bottom")))
    fm._hauteur(dates.rows[0], 2.4)
    doc.add_paragraph("{{ recours }}", style="Recours")


# --------------------------------------------------------------------------
# cofinancement


_DUREE = ("{{ duree }} an{% if duree > 1 %}s{% endif %}"
          "{% if debut %} à compter du {{ debut|date_longue }}{% endif %}")

_FICHE_COFINANCEMENT: list[tuple[str, str | list[str], str | None]] = [
    ("Action cofinancée", "{{ action }}", None),
    ("Porteur", "{{ porteur }}", "porteur"),
    ("Territoire", "{{ territoire }}", "territoire"),
    ("Durée", _DUREE, None),
    ("Temps de travail", "{{ quotite|pourcentage }} du temps consacré à l'action", "quotite"),
    ("Budget total", "{{ budget|montant }} ({{ budget|montant_en_lettres }})", None),
    ("Missions", ["{%p for mission in missions %}", "-\t{{ mission }}", "{%p endfor %}"], "missions"),
]


def fabriquer_rapport_cofinancement():  # type: ignore[no-untyped-def]
    doc = _document("Modèle de rapport de cofinancement")
    _debut_rapport(doc)
    _fiche(doc, "Cofinancement en bref", _FICHE_COFINANCEMENT)
    _expose(doc)
    _propositions(doc)
    _annexes_rapport(doc)
    return doc


def fabriquer_deliberation_cofinancement():  # type: ignore[no-untyped-def]
    doc = _document("Modèle de délibération de cofinancement")
    _debut_deliberation(doc)
    _fin_deliberation(doc)
    # The financing plan is annexed to the act too, with its own heading.
    fm._commande(doc, "{%p for annexe in annexes %}")
    doc.add_paragraph("ANNEXE {{ annexe.numero }} À LA DÉLIBÉRATION : {{ annexe.intitule }}", style="Titre d'annexe")
    fm._paragraphes(doc, "annexe.paragraphes")
    _tableaux_annexe(doc)
    fm._commande(doc, "{%p endfor %}")
    return doc


# --------------------------------------------------------------------------
# programme


_FICHE_PROGRAMME: list[tuple[str, str | list[str], str | None]] = [
    ("Programme", "{{ intitule }}", None),
    ("Organisé par", "{{ organisateur }}", None),
    ("Dates", "Du {{ debut|date_longue }} au {{ fin|date_longue }}", None),
    ("Horaires", "{{ horaires }}", "horaires"),
    ("Axes de travail", "{{ axes|length }}", None),
]


def _axes(doc, detail: bool) -> None:  # type: ignore[no-untyped-def]
    fm._commande(doc, "{%p for axe in axes %}")
    doc.add_paragraph("Axe {{ axe.numero }} – {{ axe.titre }}", style="Titre de sous-section")
    if detail:
        fm._paragraphes(doc, "axe.description")
    fm._commande(doc, "{%p if axe.actions %}")
    if detail:
        doc.add_paragraph("Actions :", style="Intertitre")
    fm._commande(doc, "{%p for action in axe.actions %}")
    fm._puce(doc, "{{ action }}")
    fm._commande(doc, "{%p endfor %}")
    fm._commande(doc, "{%p endif %}")
    if detail:
        fm._commande(doc, "{%p if axe.bilan %}")
        doc.add_paragraph("Bilan :", style="Intertitre")
        fm._paragraphes(doc, "axe.bilan")
        fm._commande(doc, "{%p endif %}")
    fm._commande(doc, "{%p endfor %}")


def _liste(doc, titre: str, variable: str, element: str) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph(titre, style="Titre de section")
    fm._commande(doc, f"{{%p for element in {variable} %}}")
    fm._puce(doc, element)
    fm._commande(doc, "{%p endfor %}")


def fabriquer_rapport_programme():  # type: ignore[no-untyped-def]
    doc = _document("Modèle de rapport de programme d'action")
    _debut_rapport(doc)
    _fiche(doc, "Le programme en bref", _FICHE_PROGRAMME)
    _expose(doc, numerote=False)
    _liste(doc, "Objectifs", "objectifs", "{{ element }}")
    _liste(doc, "Public concerné", "publics", "{{ element }}")
    fm._commande(doc, "{%p if intervenants %}")
    doc.add_paragraph("Intervenants", style="Titre de section")
    fm._commande(doc, "{%p for intervenant in intervenants %}")
    p = fm._puce(doc, "")
    p.runs[0].text = "-\t"
    p.add_run("{{ intervenant.nom }}").bold = True
    p.add_run("{% if intervenant.qualite %}, {{ intervenant.qualite }}{% endif %}"
              "{% if intervenant.site %} ({{ intervenant.site }}){% endif %}")
    fm._commande(doc, "{%p endfor %}")
    fm._commande(doc, "{%p endif %}")
    fm._commande(doc, "{%p if mise_en_oeuvre %}")
    doc.add_paragraph("Mise en œuvre", style="Titre de section")
    fm._paragraphes(doc, "mise_en_oeuvre")
    fm._commande(doc, "{%p endif %}")
    doc.add_paragraph("Axes de travail", style="Titre de section")
    _axes(doc, detail=True)
    _propositions(doc)
    _annexes_rapport(doc)
    return doc


def fabriquer_deliberation_programme():  # type: ignore[no-untyped-def]
    doc = _document("Modèle de délibération de programme d'action")
    _debut_deliberation(doc)
    _fin_deliberation(doc)
    # The programme approved, annexed to the act.
    doc.add_paragraph("ANNEXE À LA DÉLIBÉRATION : PROGRAMME APPROUVÉ", style="Titre d'annexe")
    _fiche(doc, "{{ intitule }}", [
        ("Organisé par", "{{ organisateur }}", None),
        ("Dates", "Du {{ debut|date_longue }} au {{ fin|date_longue }}", None),
        ("Horaires", "{{ horaires }}", "horaires"),
        ("Objectifs", ["{%p for objectif in objectifs %}", "-\t{{ objectif }}", "{%p endfor %}"], None),
        ("Public concerné", ["{%p for public in publics %}", "-\t{{ public }}", "{%p endfor %}"], None),
    ])
    doc.add_paragraph("Axes de travail", style="Titre de section")
    _axes(doc, detail=False)
    return doc


def fabriquer_exemple_errone():  # type: ignore[no-untyped-def]
    """A template with four mistakes, shown by ``lint-template`` in docs/modeles.md."""
    doc = _document("Modèle avec des erreurs", avec_annexes=False)
    doc.add_paragraph("{{ objet }}", style="Objet")
    doc.add_paragraph("Budget : {{ budjet|montant }}", style="Texte")
    doc.add_paragraph("{{ action|majuscules }}", style="Texte")
    tableau = doc.add_table(rows=3, cols=1)
    fm._proprietes_tableau(tableau, bordures=fm.BORDURE)
    for rangee, texte in zip(tableau.rows, ("{% for annexe in annexes %}", "{{ annexe.intitule }}", "{% endfor %}")):
        fm._cellule(rangee.cells[0], texte, "Cellule")
    p = doc.add_paragraph("Durée : ", style="Texte")
    p.add_run("{{ dur")
    p.add_run("ee }} ans").bold = True  # Word split the tag when part of it was made bold
    return doc


TYPES = {
    "cofinancement": (fabriquer_rapport_cofinancement, fabriquer_deliberation_cofinancement),
    "programme": (fabriquer_rapport_programme, fabriquer_deliberation_programme),
}


EXEMPLES = fm.RACINE / "docs" / "exemples"


def main(argv: list[str] | None = None) -> int:
    """``[DOSSIER [EXEMPLES]]``: the templates' folder, and that of the guide's broken example."""
    argv = sys.argv[1:] if argv is None else argv
    racine = Path(argv[0]) if argv else DOSSIER
    exemples = Path(argv[1]) if len(argv) > 1 else EXEMPLES
    exemples.mkdir(parents=True, exist_ok=True)
    fm.enregistrer(fabriquer_exemple_errone(), exemples / "modele-errone.docx")
    print(f"écrit : {exemples / 'modele-errone.docx'}")
    for nom, (rapport, deliberation) in TYPES.items():
        dossier = racine / nom
        dossier.mkdir(parents=True, exist_ok=True)
        for fichier, fabriquer in (("rapport.docx", rapport), ("deliberation.docx", deliberation)):
            chemin = dossier / fichier
            fm.enregistrer(fabriquer(), chemin)
            print(f"écrit : {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
