"""Generate the agenda template of a séance, ``templates/seance/ordre-du-jour.docx``.

    python tools/fabriquer_ordre_du_jour.py [DOSSIER]

Same styles and rules as ``tools/fabriquer_modeles.py`` (whose helpers it
uses). Context: ``collectivite.nom``, ``titre``, ``reunion``, ``points``
(``rang``, ``numero``, ``objet``, ``direction``, ``montant``) and ``total``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

import fabriquer_modeles as fm  # noqa: E402

DOSSIER = fm.RACINE / "templates" / "seance"
LARGEURS = [1.6, 9.4, 3.4, 2.6]


def fabriquer_ordre_du_jour():  # type: ignore[no-untyped-def]
    doc = fm._document("Modèle d'ordre du jour")
    s = fm._style_paragraphe
    s(doc, "Cellule à droite", "CelluleDroite", base="Cellule", aligne=WD_ALIGN_PARAGRAPH.RIGHT)
    s(doc, "Totaux à droite", "TotauxDroite", base="Totaux", aligne=WD_ALIGN_PARAGRAPH.RIGHT)
    fm._pied_de_page(doc, "Ordre du jour – {{ reunion }}")

    doc.add_paragraph("{{ collectivite.nom }}", style="Collectivité")
    doc.add_paragraph("{{ titre }}", style="Titre du document")
    doc.add_paragraph("{{ reunion }}", style="Réunion")

    tableau = doc.add_table(rows=5, cols=4)
    fm._proprietes_tableau(tableau, bordures=fm.BORDURE)
    fm._largeurs(tableau, LARGEURS)
    entete, debut, ligne, fin, totaux = tableau.rows
    for cellule, texte in zip(entete.cells, ["N°", "Objet", "Direction", "Montant engagé"]):
        fm._cellule(cellule, texte, "En-tête de tableau")
        fm._fond(cellule, fm.FOND_ENTETE)
    fm._rangee_entete(entete)
    fm._insecable(entete)
    fm._cellule(debut.cells[0], "{%tr for point in points %}", "Commande de modèle")
    for cellule, (texte, style) in zip(ligne.cells, [
        ("{{ point.numero }}", "Cellule"),
        ("{{ point.objet }}", "Cellule"),
        ("{{ point.direction }}", "Cellule"),
        ("{{ point.montant }}", "Cellule à droite"),
    ]):
        fm._cellule(cellule, texte, style)
    fm._insecable(ligne)
    fm._cellule(fin.cells[0], "{%tr endfor %}", "Commande de modèle")
    a, b, c, d = totaux.cells
    fm._cellule(a, "", "Totaux")
    fm._cellule(b, "TOTAL DE LA SÉANCE", "Totaux")
    fm._cellule(c, "", "Totaux")
    fm._cellule(d, "{{ total }}", "Totaux à droite")
    for cellule in totaux.cells:
        fm._fond(cellule, fm.FOND_TOTAUX)
    fm._insecable(totaux)
    return doc


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dossier = Path(argv[0]) if argv else DOSSIER
    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / "ordre-du-jour.docx"
    fm.enregistrer(fabriquer_ordre_du_jour(), chemin)
    print(f"écrit : {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
