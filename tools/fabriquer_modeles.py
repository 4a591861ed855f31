"""Generate the built-in Word templates of the ``rapport-deliberation`` type.

    python tools/fabriquer_modeles.py [DOSSIER]

writes ``rapport.docx`` and ``deliberation.docx`` (default folder:
``templates/rapport-deliberation``). The templates are built with python-docx
so that they are reproducible and reviewable: change this script, run it,
commit both the script and the ``.docx``.

Rules the templates follow (template authors editing them in Word or
LibreOffice should keep them):

- every Jinja tag sits in a single run, with straight quotes;
- paragraph loops and conditions use docxtpl's ``{%p … %}``, table rows
  ``{%tr … %}``, table columns ``{%tc … %}`` (annex tables have a variable
  number of columns);
- paragraphs holding only a ``{%p … %}`` tag use the style « Commande de
  modèle » (small grey text): they vanish at rendering;
- annex tables use the table style « Tableau annexe »: the renderer finds
  them by that style to right-align amount columns and size the columns;
- every wording that depends on the collectivité or the instance comes from
  the context; only generic phrases are written here.

Styles are named in French (« Texte », « Visa », « Titre de section »…) so that
template authors can restyle a whole document from the style list.
"""

from __future__ import annotations

import copy
import datetime
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "templates" / "rapport-deliberation"

POLICE = "Carlito"  # metric-compatible with Calibri
ENCRE = RGBColor(0x1F, 0x2A, 0x44)  # dark blue-grey for headings
GRIS = RGBColor(0x80, 0x80, 0x80)
FOND_ENTETE = "DCE3EC"  # header row of tables
FOND_TOTAUX = "EEF1F5"  # TOTAUX row
BORDURE = "7F8C99"
LARGEUR_TEXTE = Cm(17)  # A4 width minus 2 × 2 cm

#: fixed date for properties and zip entries, so that the output is byte-for-byte reproducible
DATE_FIXE = datetime.datetime(2024, 1, 1)



# --------------------------------------------------------------------------
# Low-level helpers


def _polices(element, taille: float | None = None) -> None:
    """Set all four font slots of a style or docDefaults rPr to Carlito."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), POLICE)


def _style_paragraphe(doc, nom: str, ident: str, base: str = "Normal", *, taille: float | None = None,
                      gras: bool | None = None, italique: bool | None = None, couleur: RGBColor | None = None,
                      aligne=None, avant: float | None = None, apres: float | None = None,
                      retrait: float | None = None, suivant: str | None = None, avec_suivant: bool | None = None,
                      saut_avant: bool | None = None, petites_capitales: bool | None = None):
    style = doc.styles.add_style(nom, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = ident
    style.base_style = doc.styles[base]
    style.quick_style = True
    police = style.font
    if taille is not None:
        police.size = Pt(taille)
    if gras is not None:
        police.bold = gras
    if italique is not None:
        police.italic = italique
    if couleur is not None:
        police.color.rgb = couleur
    if petites_capitales is not None:
        police.small_caps = petites_capitales
    fmt = style.paragraph_format
    if aligne is not None:
        fmt.alignment = aligne
    if avant is not None:
        fmt.space_before = Pt(avant)
    if apres is not None:
        fmt.space_after = Pt(apres)
    if retrait is not None:
        fmt.left_indent = Cm(retrait)
    if avec_suivant is not None:
        fmt.keep_with_next = avec_suivant
    if saut_avant is not None:
        fmt.page_break_before = saut_avant
    if suivant is not None:
        style.next_paragraph_style = doc.styles[suivant]
    return style


def _avec_puces(style) -> None:
    """A hanging indent whose tab stop aligns the text after a literal « - » marker.

    The marker is text, not Word numbering: every reader (python-docx,
    pandoc, a copy-paste into a mail) sees « - AUTORISE … » as printed.
    """
    style.paragraph_format.left_indent = Cm(1)
    style.paragraph_format.first_line_indent = Cm(-0.5)
    style.paragraph_format.tab_stops.add_tab_stop(Cm(1))


def _puce(doc, texte: str, style: str = "Puce"):
    """A bulleted paragraph: « - », a tab, then the text."""
    return doc.add_paragraph(f"-\t{texte}", style=style)


def _bordure_paragraphe(style, *cotes: str, taille: int = 6, couleur: str = BORDURE, espace: int = 4) -> None:
    ppr = style.element.get_or_add_pPr()
    bordures = "".join(
        f'<w:{cote} w:val="single" w:sz="{taille}" w:space="{espace}" w:color="{couleur}"/>' for cote in cotes
    )
    pbdr = parse_xml(f'<w:pBdr {nsdecls("w")}>{bordures}</w:pBdr>')
    # pBdr comes after keepNext/keepLines/pageBreakBefore/numPr… and before spacing
    suivant = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        suivant = ppr.find(qn(tag))
        if suivant is not None:
            break
    if suivant is not None:
        suivant.addprevious(pbdr)
    else:
        ppr.append(pbdr)


def _tabulation_droite(style, position) -> None:
    style.paragraph_format.tab_stops.add_tab_stop(position, alignment=2)  # WD_TAB_ALIGNMENT.RIGHT


def _commande(doc, texte: str):
    """A paragraph holding only a ``{%p … %}`` tag (removed at rendering)."""
    return doc.add_paragraph(texte, style="Commande de modèle")


def _cellule(cellule, texte: str, style: str, *, gras: bool = False):
    paragraphe = cellule.paragraphs[0]
    paragraphe.style = style
    if texte:
        run = paragraphe.add_run(texte)
        if gras:
            run.bold = True
    return paragraphe


def _proprietes_cellule(cellule, xml: str) -> None:
    tcpr = cellule._tc.get_or_add_tcPr()
    for element in parse_xml(f"<w:tcPr {nsdecls('w')}>{xml}</w:tcPr>"):
        tcpr.append(copy.deepcopy(element))


def _bordures_cellule(trait: str, taille: int = 4, couleur: str = BORDURE,
                      cotes: tuple[str, ...] = ("top", "left", "bottom", "right")) -> str:
    """``w:tcBorders`` XML; ``trait`` is ``single`` or ``nil``."""
    if trait == "nil":
        return "<w:tcBorders>" + "".join(f'<w:{c} w:val="nil"/>' for c in cotes) + "</w:tcBorders>"
    return ("<w:tcBorders>"
            + "".join(f'<w:{c} w:val="{trait}" w:sz="{taille}" w:space="0" w:color="{couleur}"/>' for c in cotes)
            + "</w:tcBorders>")


def _fond(cellule, couleur: str) -> None:
    _proprietes_cellule(cellule, f'<w:shd w:val="clear" w:color="auto" w:fill="{couleur}"/>')


def _proprietes_tableau(tableau, *, bordures: str | None, largeur_pct: int = 5000, marges: bool = True) -> None:
    """Width 100 %, fixed layout, borders (``None``: no borders), cell margins, in schema order."""
    tblpr = tableau._tbl.tblPr
    style = tblpr.find(qn("w:tblStyle"))
    for enfant in list(tblpr):
        tblpr.remove(enfant)
    if style is not None:
        tblpr.append(style)
    cotes = ("top", "left", "bottom", "right", "insideH", "insideV")
    if bordures:
        trait = "".join(f'<w:{c} w:val="single" w:sz="4" w:space="0" w:color="{bordures}"/>' for c in cotes)
    else:
        trait = "".join(f'<w:{c} w:val="nil"/>' for c in cotes)
    xml = f'<w:tblW w:w="{largeur_pct}" w:type="pct"/><w:tblBorders>{trait}</w:tblBorders><w:tblLayout w:type="fixed"/>'
    if marges:
        xml += ('<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    else:
        xml += ('<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>')
    xml += '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    for element in parse_xml(f"<w:tblPr {nsdecls('w')}>{xml}</w:tblPr>"):
        tblpr.append(copy.deepcopy(element))


def _largeurs(tableau, largeurs_cm: list[float]) -> None:
    grille = tableau._tbl.tblGrid
    for col, largeur in zip(grille.findall(qn("w:gridCol")), largeurs_cm):
        col.set(qn("w:w"), str(int(Cm(largeur).twips)))
    for rangee in tableau.rows:
        for cellule, largeur in zip(rangee.cells, largeurs_cm):
            cellule.width = Cm(largeur)


def _rangee_entete(rangee) -> None:
    trpr = rangee._tr.get_or_add_trPr()
    trpr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _insecable(rangee) -> None:
    trpr = rangee._tr.get_or_add_trPr()
    trpr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _hauteur(rangee, cm: float) -> None:
    trpr = rangee._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{int(Cm(cm).twips)}" w:hRule="atLeast"/>'))


def _champ(paragraphe, instruction: str, defaut: str) -> None:
    paragraphe._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{defaut}</w:t></w:r></w:fldSimple>'
    ))


# --------------------------------------------------------------------------
# The document skeleton shared by both templates


def _document(titre: str):
    doc = Document()
    corps = doc.element.body
    for p in list(corps.iterchildren(qn("w:p"))):
        corps.remove(p)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(2)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)

    styles = doc.styles
    # docDefaults: Carlito 11, French
    defauts = styles.element.find(qn("w:docDefaults"))
    rpr = defauts.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for ancien in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(ancien)
    rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{POLICE}" w:hAnsi="{POLICE}" w:eastAsia="{POLICE}" w:cs="{POLICE}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>'))

    normal = styles["Normal"]
    _polices(normal.element)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    normal.paragraph_format.widow_control = True

    # settings: French separators and language
    reglages = doc.settings.element
    for tag, valeur in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = reglages.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), valeur)
    langue = reglages.find(qn("w:themeFontLang"))
    if langue is not None:
        langue.set(qn("w:val"), "fr-FR")
        langue.attrib.pop(qn("w:eastAsia"), None)
    # a justified line ending with a manual line break is not stretched (Word and LibreOffice)
    compat = reglages.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, parse_xml(f"<w:doNotExpandShiftReturn {nsdecls('w')}/>"))
    rsids = reglages.find(qn("w:rsids"))
    if rsids is not None:
        reglages.remove(rsids)


    s = _style_paragraphe
    commande = s(doc, "Commande de modèle", "CommandeModele", taille=7, couleur=GRIS)
    commande.font.italic = True
    s(doc, "Texte", "Texte", aligne=WD_ALIGN_PARAGRAPH.JUSTIFY, apres=6)
    puce = s(doc, "Puce", "Puce", base="Texte", apres=4)
    _avec_puces(puce)
    s(doc, "Collectivité", "Collectivite", taille=13, gras=True, couleur=ENCRE, petites_capitales=True, apres=2)
    s(doc, "Direction", "Direction", gras=True, apres=0)
    s(doc, "Service", "Service", apres=0)
    numero = s(doc, "Numéro", "Numero", taille=16, gras=True, couleur=ENCRE, aligne=WD_ALIGN_PARAGRAPH.CENTER,
               avant=6, retrait=12.5)
    _bordure_paragraphe(numero, "top", "left", "bottom", "right", taille=12, couleur="1F2A44", espace=4)
    s(doc, "Titre du document", "TitreDocument", taille=13, gras=True, couleur=ENCRE,
      aligne=WD_ALIGN_PARAGRAPH.CENTER, avant=24, apres=4, avec_suivant=True)
    s(doc, "Réunion", "Reunion", aligne=WD_ALIGN_PARAGRAPH.CENTER, apres=18, avec_suivant=True)
    objet = s(doc, "Objet", "Objet", gras=True, aligne=WD_ALIGN_PARAGRAPH.LEFT, avant=6, apres=18)
    _bordure_paragraphe(objet, "top", "bottom", taille=8, couleur="1F2A44", espace=6)
    s(doc, "Titre de section", "TitreSection", taille=12, gras=True, couleur=ENCRE, avant=14, apres=8,
      avec_suivant=True)
    s(doc, "Signature", "Signature", retrait=9.5, avant=0, apres=0, avec_suivant=True)
    s(doc, "Début de signature", "DebutSignature", base="Signature", avant=24, avec_suivant=True)
    s(doc, "Nom du signataire", "NomSignataire", base="Signature", gras=True, avant=30)
    s(doc, "Titre d'annexe", "TitreAnnexe", taille=12, gras=True, couleur=ENCRE, aligne=WD_ALIGN_PARAGRAPH.CENTER,
      apres=18, saut_avant=True, avec_suivant=True)
    s(doc, "Titre de tableau", "TitreTableau", gras=True, aligne=WD_ALIGN_PARAGRAPH.CENTER, avant=6, apres=8,
      avec_suivant=True)
    s(doc, "Après tableau", "ApresTableau", taille=6)
    s(doc, "En-tête de tableau", "EnteteTableau", taille=10, gras=True, aligne=WD_ALIGN_PARAGRAPH.CENTER)
    s(doc, "Cellule", "Cellule", taille=10)
    s(doc, "Totaux", "Totaux", base="Cellule", gras=True)
    s(doc, "Visa", "Visa", base="Texte", apres=6)
    s(doc, "Considérant", "Considerant", base="Texte", apres=6)
    s(doc, "Décision", "Decision", base="Puce", apres=6)
    s(doc, "Article", "Article", base="Texte", apres=8)
    s(doc, "Formule", "Formule", base="Texte", avant=6, apres=6, avec_suivant=True)
    s(doc, "Vote", "Vote", taille=10)
    s(doc, "Mention", "Mention", taille=9)
    s(doc, "Recours", "Recours", base="Texte", taille=9, italique=True, avant=12, couleur=RGBColor(0x40, 0x40, 0x40))

    pied = styles["Footer"]
    pied.font.size = Pt(8)
    pied.font.color.rgb = GRIS
    pied.paragraph_format.tab_stops.clear_all()
    _tabulation_droite(pied, LARGEUR_TEXTE)

    doc.core_properties.title = titre
    doc.core_properties.author = "deliberations"
    doc.core_properties.language = "fr-FR"
    doc.core_properties.comments = "Modèle généré par tools/fabriquer_modeles.py"
    doc.core_properties.last_modified_by = "deliberations"
    doc.core_properties.created = DATE_FIXE
    doc.core_properties.modified = DATE_FIXE
    doc.core_properties.revision = 1
    return doc


def _pied_de_page(doc, texte: str) -> None:
    pied = doc.sections[0].footer
    paragraphe = pied.paragraphs[0]
    paragraphe.style = doc.styles["Footer"]
    paragraphe.add_run(texte)
    paragraphe.add_run("\tpage ")
    _champ(paragraphe, "PAGE", "1")
    paragraphe._p.append(paragraphe.add_run(" / ")._r)
    _champ(paragraphe, "NUMPAGES", "1")


def _paragraphes(doc, variable: str) -> None:
    """Paragraphs of a section or an annex: texts and bulleted lists."""
    _commande(doc, f"{{%p for paragraphe in {variable} %}}")
    _commande(doc, "{%p if paragraphe.texte %}")
    doc.add_paragraph("{{ paragraphe.texte }}", style="Texte")
    _commande(doc, "{%p endif %}")
    _commande(doc, "{%p for element in paragraphe.liste %}")
    _puce(doc, "{{ element }}")
    _commande(doc, "{%p endfor %}")
    _commande(doc, "{%p endfor %}")


def _signature(doc) -> None:
    doc.add_paragraph("{{ signataire.formule }}", style="Début de signature")
    _commande(doc, "{%p if signataire.qualite %}")
    doc.add_paragraph("{{ signataire.qualite }}", style="Signature")
    _commande(doc, "{%p endif %}")
    doc.add_paragraph("{{ signataire.nom }}", style="Nom du signataire")


# --------------------------------------------------------------------------
# rapport.docx


def _en_tete(doc, numero: str) -> None:
    """Letterhead: collectivité, direction and service, then the number in a box on the right.

    Plain paragraphs, not a table: every reader (python-docx, pandoc, a PDF
    text extraction) sees them in this order.
    """
    doc.add_paragraph("{{ collectivite.nom }}", style="Collectivité")
    doc.add_paragraph("{{ direction }}", style="Direction")
    _commande(doc, "{%p if service %}")
    doc.add_paragraph("{{ service }}", style="Service")
    _commande(doc, "{%p endif %}")
    doc.add_paragraph(numero, style="Numéro")


def _tableau_annexe(doc) -> None:
    """An annex table: header row, one row per line, TOTAUX row; columns by ``{%tc %}``."""
    tableau = doc.add_table(rows=7, cols=3)
    tableau.style = doc.styles["Tableau annexe"]
    _proprietes_tableau(tableau, bordures=BORDURE)
    _largeurs(tableau, [4.5, 8, 4.5])
    entete, debut, ligne, fin, si_totaux, totaux, fin_totaux = tableau.rows

    def boucle_colonnes(rangee, debut_, corps, fin_, style, fond=None, gras=False):
        a, b, c = rangee.cells
        _cellule(a, debut_, "Commande de modèle")
        _cellule(b, corps, style, gras=gras)
        _cellule(c, fin_, "Commande de modèle")
        if fond:
            for cellule in (a, b, c):
                _fond(cellule, fond)
        _proprietes_cellule(b, '<w:vAlign w:val="center"/>')

    boucle_colonnes(entete, "{%tc for entete in tableau.entetes %}", "{{ entete }}", "{%tc endfor %}",
                    "En-tête de tableau", fond=FOND_ENTETE)
    _rangee_entete(entete)
    _insecable(entete)
    _cellule(debut.cells[0], "{%tr for ligne in tableau.lignes %}", "Commande de modèle")
    boucle_colonnes(ligne, "{%tc for cellule in ligne %}", "{{ cellule }}", "{%tc endfor %}", "Cellule")
    _insecable(ligne)
    _cellule(fin.cells[0], "{%tr endfor %}", "Commande de modèle")
    _cellule(si_totaux.cells[0], "{%tr if tableau.totaux %}", "Commande de modèle")
    boucle_colonnes(totaux, "{%tc for total in tableau.totaux %}", "{{ total }}", "{%tc endfor %}", "Totaux",
                    fond=FOND_TOTAUX)
    _insecable(totaux)
    _cellule(fin_totaux.cells[0], "{%tr endif %}", "Commande de modèle")


def _style_tableau_annexe(doc) -> None:
    style = doc.styles.add_style("Tableau annexe", WD_STYLE_TYPE.TABLE)
    style.style_id = "TableauAnnexe"
    style.base_style = doc.styles["Normal Table"]
    style.quick_style = True


def fabriquer_rapport() -> Document:
    doc = _document("Modèle de rapport")
    _style_tableau_annexe(doc)
    _pied_de_page(doc, "Rapport n° {{ numero }} – {{ reunion }}")

    _en_tete(doc, "{{ numero }}")
    doc.add_paragraph("{{ titre_rapport }}", style="Titre du document")
    doc.add_paragraph("{{ reunion }}", style="Réunion")
    doc.add_paragraph("OBJET : {{ objet }}", style="Objet")

    _commande(doc, "{%p for section in expose %}")
    _commande(doc, "{%p if section.titre %}")
    doc.add_paragraph("{{ section.numero }}. {{ section.titre }}", style="Titre de section")
    _commande(doc, "{%p endif %}")
    _paragraphes(doc, "section.paragraphes")
    _commande(doc, "{%p endfor %}")

    p = doc.add_paragraph("En conséquence, et compte tenu de ce qui précède, je vous propose :", style="Formule")
    p.paragraph_format.space_before = Pt(12)
    _commande(doc, "{%p for proposition in propositions %}")
    _puce(doc, "{{ proposition }}")
    _commande(doc, "{%p endfor %}")

    _signature(doc)

    _commande(doc, "{%p for annexe in annexes %}")
    doc.add_paragraph("{{ annexe.titre }}", style="Titre d'annexe")
    _paragraphes(doc, "annexe.paragraphes")
    _commande(doc, "{%p for tableau in annexe.tableaux %}")
    _commande(doc, "{%p if tableau.titre %}")
    doc.add_paragraph("{{ tableau.titre }}", style="Titre de tableau")
    _commande(doc, "{%p endif %}")
    _tableau_annexe(doc)
    doc.add_paragraph("", style="Après tableau")
    _commande(doc, "{%p endfor %}")
    _commande(doc, "{%p endfor %}")
    return doc


# --------------------------------------------------------------------------
# deliberation.docx


def fabriquer_deliberation() -> Document:
    doc = _document("Modèle de délibération")
    _pied_de_page(doc, "{{ titre_deliberation }}")

    _en_tete(doc, "{{ numero }}")
    doc.add_paragraph("{{ titre_deliberation }}", style="Titre du document")
    p = doc.add_paragraph("{{ objet }}", style="Objet")
    p.paragraph_format.space_before = Pt(12)

    doc.add_paragraph("{{ assemblee_deliberante }}", style="Formule")
    _commande(doc, "{%p for visa in visas %}")
    doc.add_paragraph("{{ visa }}", style="Visa")
    _commande(doc, "{%p endfor %}")
    _commande(doc, "{%p for considerant in considerants %}")
    doc.add_paragraph("{{ considerant }}", style="Considérant")
    _commande(doc, "{%p endfor %}")
    doc.add_paragraph("{{ sur_le_rapport }}", style="Formule")
    doc.add_paragraph("après en avoir délibéré,", style="Formule")

    _commande(doc, "{%p for decision in decisions %}")
    _commande(doc, "{%p if decision.article %}")
    p = doc.add_paragraph(style="Article")
    p.add_run("{{ decision.article }} :").bold = True
    p.add_run(" {{ decision.texte }}")
    _commande(doc, "{%p else %}")
    _puce(doc, "{{ decision.texte }}", style="Décision")
    _commande(doc, "{%p endif %}")
    _commande(doc, "{%p endfor %}")

    _signature(doc)
    doc.add_paragraph("", style="Après tableau").paragraph_format.space_after = Pt(18)

    # Vote: one row, one cell per box (« Adopté à l'unanimité : X »…)
    vote = doc.add_table(rows=1, cols=3)
    _proprietes_tableau(vote, bordures=BORDURE)
    _largeurs(vote, [4.25, 8.5, 4.25])
    a, b, c = vote.rows[0].cells
    _cellule(a, "{%tc for case in vote.cases %}", "Commande de modèle")
    p = _cellule(b, "", "Vote")
    p.add_run("{{ case.libelle }}").bold = True
    p.add_run(" {{ case.valeur }}")
    _cellule(c, "{%tc endfor %}", "Commande de modèle")
    _hauteur(vote.rows[0], 0.9)
    for cellule in (a, b, c):
        _proprietes_cellule(cellule, '<w:vAlign w:val="center"/>')
    doc.add_paragraph("", style="Après tableau")

    # Dates: publication or affichage | gap | notification | caractère exécutoire
    dates = doc.add_table(rows=1, cols=4)
    _proprietes_tableau(dates, bordures=BORDURE)
    _largeurs(dates, [5.5, 0.5, 5.5, 5.5])
    cellules = dates.rows[0].cells
    for cellule, texte in zip(cellules, ("{{ dates.mise_en_ligne }}", "", "{{ dates.notification }}",
                                         "{{ dates.executoire }}")):
        _cellule(cellule, texte, "Mention")
    # the second cell is a gap between the publication box and the other two
    _proprietes_cellule(cellules[1], _bordures_cellule("nil", cotes=("top", "bottom")))
    _hauteur(dates.rows[0], 2.4)

    doc.add_paragraph("{{ recours }}", style="Recours")
    return doc


def enregistrer(doc, chemin: Path) -> None:
    """Save with fixed zip timestamps (python-docx stamps entries with the current time)."""
    tampon = io.BytesIO()
    doc.save(tampon)
    sortie = io.BytesIO()
    with zipfile.ZipFile(tampon) as zin, zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixe = zipfile.ZipInfo(info.filename, date_time=DATE_FIXE.timetuple()[:6])
            fixe.compress_type = zipfile.ZIP_DEFLATED
            fixe.external_attr = 0o644 << 16
            zout.writestr(fixe, zin.read(info))
    chemin.write_bytes(sortie.getvalue())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dossier = Path(argv[0]) if argv else DOSSIER
    dossier.mkdir(parents=True, exist_ok=True)
    for nom, fabriquer in (("rapport.docx", fabriquer_rapport), ("deliberation.docx", fabriquer_deliberation)):
        chemin = dossier / nom
        enregistrer(fabriquer(), chemin)
        print(f"écrit : {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
