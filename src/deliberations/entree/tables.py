"""Annex tables from spreadsheets: CSV and XLSX to rows of cells as shown, each with its place (file, sheet, row, cell).

Nothing a spreadsheet holds is dropped silently. A cell is read as Excel or
LibreOffice shows it (see :mod:`.cellules`), or the problem is recorded
against it in :attr:`TableLue.problemes`, so that the item's reader can
report it at the field the cell fills; a cell with no column title is a
problem of its row. What concerns the whole file (unreadable, empty, a
missing sheet, a quote never closed) is raised here.

Merged XLSX cells: the top-left cell's value applies to every cell of the
range (a name merged over two rows names both rows), marked with the range
(:attr:`Cellule.fusion`): the item's reader refuses it in a number column,
where repeating it would count it twice in a total. A hidden row holding data
is refused: the clerk does not see it, the document would print it.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from deliberations.entree.cellules import VIDE, Cellule, CelluleRefusee, interpreter, verifier_texte
from deliberations.entree.lecture import decoder, lire_octets
from deliberations.erreurs import ErreurEntree, Lieu, erreur
from deliberations.model.scalaires import cite

#: (row index in :attr:`TableLue.lignes`, column index or None for the whole row) → French message
Problemes = dict[tuple[int, int | None], str]


@dataclass
class TableLue:
    """Rows read from a CSV or XLSX file, with their places and what could not be read."""

    entetes: list[str]
    lignes: list[list[Cellule]]
    lieux: list[list[Lieu]]
    #: the place of each row (its first physical line)
    lieux_lignes: list[Lieu] = field(default_factory=list)
    problemes: Problemes = field(default_factory=dict)
    #: the line (CSV) or row (XLSX) of the header
    ligne_entete: int = 1


def lire_table(chemin: Path, feuille: str | None = None, demande: Lieu | None = None) -> TableLue:
    """Read a CSV (``;``, tab or ``,`` separated, UTF-8) or XLSX sheet; the first row that is not empty is the header.

    ``demande`` is where the item asks for this table (its ``source:``
    line): a missing sheet is reported there.
    """
    suffixe = chemin.suffix.lower()
    if suffixe == ".csv":
        if feuille is not None:
            message = f"une feuille ne se choisit que dans un classeur .xlsx, pas dans {cite(chemin.name)}"
            raise ErreurEntree([erreur(demande or Lieu(str(chemin)), message)])
        return _lire_csv(chemin)
    if suffixe in (".xlsx", ".xlsm"):
        return _lire_xlsx(chemin, feuille, demande)
    raise ErreurEntree([erreur(Lieu(str(chemin)), "format de tableau non reconnu (attendu : .csv ou .xlsx)")])


# --------------------------------------------------------------------------
# CSV


def separateur(texte: str) -> str:
    """The separator of a CSV, from its header line (the first that is not blank, quoted titles left out):
    ``;`` first (French Excel), then tab, then ``,``.

    >>> separateur('\\n"Nom; prénom",Acompte\\nA,1\\n'), separateur("Nom;Montant, en €\\n")
    (',', ';')
    """
    lignes = [ligne for ligne in re.split(r"\r\n|\r|\n", texte[:65536]) if ligne.strip()]
    entete = re.sub(r'"[^"]*"', "", lignes[0] if lignes else "")
    for candidat in (";", "\t", ","):
        if candidat in entete:
            return candidat
    return ";"


def _rangs_csv(texte: str, nom: str) -> list[tuple[int, list[str]]]:
    """Each record with the physical line it starts on."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur(texte), quotechar='"',
                         doublequote=True, strict=True)
    rangs, debut = [], 1
    try:
        for rang in lecteur:
            rangs.append((debut, rang))
            debut = lecteur.line_num + 1
    except csv.Error as exc:
        if "field larger" in str(exc):
            message = f"cellule de plus de {csv.field_size_limit()} caractères : raccourcissez-la"
            raise ErreurEntree([erreur(Lieu(nom, debut), message)]) from None
        if "end of data" in str(exc):
            message = (f"guillemet ouvert à la ligne {debut} et jamais fermé : fermez-le, "
                       "ou doublez-le (\"\") s'il fait partie du texte")
            raise ErreurEntree([erreur(Lieu(nom, debut), message)]) from None
        message = ("guillemets mal placés : une cellule entre guillemets doit se terminer par un guillemet, "
                   "et un guillemet dans le texte s'écrit deux fois (\"\")")
        raise ErreurEntree([erreur(Lieu(nom, lecteur.line_num or debut), message)]) from None
    return rangs


_TOTAL = re.compile(r"(sous-?\s*)?(total|totaux)(\s+g[ée]n[ée]ral)?\s*:?", re.IGNORECASE)


def ligne_de_total(textes: list[str | None]) -> str | None:
    """The message for a row that is the spreadsheet's own total (« TOTAL », « Sous-total : »), else None.

    The library adds the rows up itself: read as a beneficiary, such a row
    would count every amount twice.

    >>> ligne_de_total(["TOTAL", "360 000"]) is not None, ligne_de_total(["Total Energies", "1"])
    (True, None)
    """
    premier = next((t.strip() for t in textes if t and t.strip()), "")
    if not _TOTAL.fullmatch(premier):
        return None
    return (f"ligne de total du tableur (« {cite(premier)} ») : retirez-la ; le total est calculé, "
            "et s'il doit être vérifié, écrivez-le sous totaux:")


def _sauts(texte: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", texte))


def _lire_csv(chemin: Path) -> TableLue:
    nom = str(chemin)
    texte = decoder(lire_octets(chemin), nom)
    if "\x00" in texte:
        ligne = texte.count("\n", 0, texte.index("\x00")) + 1
        message = "caractère nul U+0000 dans le fichier : ce n'est pas un CSV texte"
        raise ErreurEntree([erreur(Lieu(nom, ligne), message)])
    rangs = [(debut, rang) for debut, rang in _rangs_csv(texte, nom)]
    while rangs and not any(c.strip() for c in rangs[0][1]):
        rangs.pop(0)  # empty lines above the header
    if not rangs:
        raise ErreurEntree([erreur(Lieu(nom, 1), "tableau vide")])
    ligne_entete, premier = rangs[0]
    entetes = []
    for i, titre in enumerate(premier):
        try:
            entetes.append(verifier_texte(titre, "").strip())
        except CelluleRefusee as exc:
            raise ErreurEntree([erreur(Lieu(nom, ligne_entete, f"en-tête, colonne {i + 1}"), str(exc))]) from None
    table = TableLue(entetes, [], [], ligne_entete=ligne_entete)
    for debut, rang in rangs[1:]:
        if not any(c.strip() for c in rang):
            continue
        k = len(table.lignes)
        cellules, lieux, ligne = [], [], debut
        for i, brut in enumerate(rang):
            titre = entetes[i] if i < len(entetes) else ""
            precision = f", cellule à la ligne {ligne}" if ligne != debut else ""
            colonne = f"colonne « {titre} »" if titre else f"colonne {i + 1}"
            lieux.append(Lieu(nom, debut, colonne + precision))
            try:
                valeur = verifier_texte(brut, "")
                cellules.append(Cellule(valeur, valeur))
            except CelluleRefusee as exc:
                table.problemes[(k, i)] = str(exc)
                cellules.append(VIDE)
            if brut.strip() and not titre:
                table.problemes.setdefault((k, None), _sans_titre_csv(len(rang), len(entetes), i, brut, ligne, debut))
            ligne += _sauts(brut)
        if (total := ligne_de_total([c.texte for c in cellules])) is not None:
            table.problemes[(k, None)] = total
        table.lignes.append(cellules)
        table.lieux.append(lieux + [Lieu(nom, debut, f"colonne « {e} »") for e in entetes[len(rang):]])
        table.lieux_lignes.append(Lieu(nom, debut))
    return table


def _sans_titre_csv(cellules: int, colonnes: int, index: int, valeur: str, ligne: int, debut: int) -> str:
    if index >= colonnes:
        ou = "" if ligne == debut else f", ligne {ligne}"
        return (f"{cellules} cellules pour {colonnes} colonnes d'en-tête : la cellule {index + 1} "
                f"(« {cite(valeur)} »{ou}) n'a pas de colonne : retirez le séparateur en trop, "
                "ou mettez entre guillemets le texte qui en contient un")
    return (f"la cellule {index + 1} (« {cite(valeur)} ») est sous une colonne sans titre : "
            f"donnez un titre à la colonne {index + 1}")


# --------------------------------------------------------------------------
# XLSX


#: most bytes the members of a workbook may inflate to (a budget export of 100 000 rows is ≈ 30 MiB)
DECOMPRESSE_MAX = 200 * 1024 * 1024


def _borner_le_zip(chemin: Path) -> None:
    """Refuse a workbook whose members would inflate beyond :data:`DECOMPRESSE_MAX`, before openpyxl opens it.

    The sizes are those the zip declares; Python's zipfile never gives more
    than a member's declared size (it checks the CRC at the end), so the bound
    holds for what openpyxl reads.
    """
    try:
        with zipfile.ZipFile(chemin) as archive:
            membres = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: openpyxl's own refusal follows
    total = 0
    for membre in membres:
        total += membre.file_size
        if total > DECOMPRESSE_MAX:
            raise ErreurEntree([erreur(Lieu(str(chemin)), (
                f"classeur refusé : décompressé, il dépasserait {DECOMPRESSE_MAX // (1024 * 1024)} Mio "
                f"(à « {membre.filename} ») ; enregistrez-le de nouveau dans Excel ou LibreOffice, ou exportez "
                "la feuille utile en CSV"))])


def _lire_xlsx(chemin: Path, feuille: str | None, demande: Lieu | None) -> TableLue:
    import openpyxl  # deferred: heavy, and only needed for XLSX sources
    from openpyxl.utils import get_column_letter

    nom = str(chemin)
    lire_octets(chemin)  # size and existence checks
    _borner_le_zip(chemin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns in English about extensions it skips
        try:
            classeur = openpyxl.load_workbook(chemin, data_only=True)
            formules = openpyxl.load_workbook(chemin, read_only=True, data_only=False)
        except Exception:  # openpyxl raises many kinds on a damaged file
            raise ErreurEntree([erreur(Lieu(nom), "classeur illisible : fichier .xlsx endommagé, protégé par un mot "
                                                  "de passe ou d'un autre format ; ouvrez-le et enregistrez-le au "
                                                  "format .xlsx")]) from None
    try:
        ws = classeur[_feuille(classeur.sheetnames, feuille, nom, demande)]
        avec_formule = {(c.row, c.column) for rang in formules[ws.title].iter_rows() for c in rang
                        if getattr(c, "data_type", None) == "f"}
    finally:
        formules.close()
    titre = ws.title
    fusions = _fusions(ws)
    rangs = list(ws.iter_rows())
    while rangs and all(c.value is None for c in rangs[0]) and not any((c.row, c.column) in fusions for c in rangs[0]):
        rangs.pop(0)  # empty rows above the header
    if not rangs:
        raise ErreurEntree([erreur(Lieu(nom, 1, f"feuille « {titre} »"), "feuille vide")])
    lues: dict[tuple[int, int], Cellule] = {}
    refusees: dict[tuple[int, int], str] = {}
    for rang in rangs:
        for c in rang:
            coord = (c.row, c.column)
            ref = f"{get_column_letter(c.column)}{c.row}"
            try:
                if c.value is None and coord in avec_formule and c.data_type != "str":  # "str": an empty text result
                    raise CelluleRefusee(f"formule sans valeur calculée en {ref} ; ouvrez et enregistrez le classeur "
                                         "dans Excel ou LibreOffice")
                lues[coord] = interpreter(c.value, c.number_format, ref, erreur_formule=c.data_type == "e")
            except CelluleRefusee as exc:
                refusees[coord] = str(exc)
    for coord, (origine, plage, _) in sorted(fusions.items(), key=lambda e: e[0] != e[1][0]):  # top-left first
        if origine in refusees:
            refusees[coord] = refusees[origine]
        elif origine in lues and lues[origine].valeur is not None:
            lues[coord] = replace(lues[origine], fusion=plage)
    entetes = []
    for c in rangs[0]:
        coord = (c.row, c.column)
        if coord in fusions and fusions[coord][2] > c.row:
            raise ErreurEntree([erreur(Lieu(nom, c.row, f"feuille « {titre} », en-tête"),
                                       f"en-tête sur plusieurs lignes (cellules fusionnées {fusions[coord][1]}) : "
                                       f"mettez un titre par colonne, sur la seule ligne {c.row}")])
        if coord in refusees:
            raise ErreurEntree([erreur(Lieu(nom, c.row, f"feuille « {titre} », en-tête"), refusees[coord])])
        entetes.append((lues.get(coord, VIDE).texte or "").strip())
    ligne_entete = rangs[0][0].row
    table = TableLue(entetes, [], [], ligne_entete=ligne_entete)
    for rang in rangs[1:]:
        cellules = [lues.get((c.row, c.column), VIDE) for c in rang]
        if not any((c.row, c.column) in refusees for c in rang) and \
                all(x.valeur is None or (isinstance(x.valeur, str) and not x.valeur.strip()) for x in cellules):
            continue
        k, ligne = len(table.lignes), rang[0].row
        if ws.row_dimensions[ligne].hidden:
            table.problemes[(k, None)] = (f"ligne {ligne} masquée dans le classeur : affichez-la "
                                          "(elle sera imprimée) ou supprimez-la")
        if (total := ligne_de_total([c.texte for c in cellules])) is not None:
            table.problemes[(k, None)] = total
        for i, c in enumerate(rang):
            ref = f"{get_column_letter(c.column)}{c.row}"
            if (c.row, c.column) in refusees:
                table.problemes[(k, i)] = refusees[(c.row, c.column)]
            if not entetes[i] and cellules[i].texte and cellules[i].texte.strip() and (k, None) not in table.problemes:
                table.problemes[(k, None)] = (
                    f"la cellule {ref} (« {cite(cellules[i].texte)} ») n'a pas de titre de colonne en ligne "
                    f"{ligne_entete} : donnez-lui un titre, ou videz-la")
        table.lignes.append(cellules)
        table.lieux.append([Lieu(nom, ligne, f"feuille « {titre} », cellule {get_column_letter(c.column)}{ligne}, "
                                             f"colonne « {e} »") for c, e in zip(rang, entetes)])
        table.lieux_lignes.append(Lieu(nom, ligne, f"feuille « {titre} »"))
    return table


def _feuille(noms: list[str], feuille: Any, nom: str, demande: Lieu | None) -> str:
    """The sheet to read: the one named, or the only one; several sheets and no name is refused."""
    liste = ", ".join(f"« {cite(n)} »" for n in noms)
    if feuille is None:
        if len(noms) == 1:
            return noms[0]
        raise ErreurEntree([erreur(demande or Lieu(nom), f"le classeur {cite(Path(nom).name)} a {len(noms)} feuilles "
                                   f"({liste}) : choisissez la sienne avec feuille:, par exemple "
                                   f"« source: {{fichier: {cite(Path(nom).name)}, feuille: {cite(noms[0])}}} »")])
    if feuille in noms:
        return str(feuille)
    proches = difflib.get_close_matches(str(feuille).strip().lower(), [n.strip().lower() for n in noms], n=1)
    proche = next((n for n in noms if proches and n.strip().lower() == proches[0]), None)
    suggestion = f" ; vouliez-vous dire « {cite(proche)} » ?" if proche is not None else ""
    raise ErreurEntree([erreur(demande or Lieu(nom), f"feuille « {cite(feuille)} » introuvable dans {cite(nom)} "
                               f"(feuilles : {liste}){suggestion}")])


def _fusions(ws: Any) -> dict[tuple[int, int], tuple[tuple[int, int], str, int]]:
    """Each cell of a merged range → (its top-left cell, the range as Excel names it, « B7:B8 », its last row)."""
    fusions = {}
    for plage in ws.merged_cells.ranges:
        origine = (plage.min_row, plage.min_col)
        for ligne in range(plage.min_row, plage.max_row + 1):
            for colonne in range(plage.min_col, plage.max_col + 1):
                fusions[(ligne, colonne)] = (origine, plage.coord, plage.max_row)
    return fusions
