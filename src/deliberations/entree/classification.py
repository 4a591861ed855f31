"""A préfecture's classification of matières: the ACTES ``RetourClassification`` message, read safely.

The file is the XML the préfecture sends through ACTES (usually ISO-8859-1),
in the namespace ``http://www.interieur.gouv.fr/ACTES#v1.1-20040216``::

    <actes:RetourClassification xmlns:actes="…">
      <actes:DateClassification>2023-01-10</actes:DateClassification>
      <actes:NaturesActes>
        <actes:NatureActe actes:CodeNatureActe="1" actes:TypeAbrege="DE" actes:Libelle="Délibérations"/>
      </actes:NaturesActes>
      <actes:Matieres>
        <actes:Matiere1 actes:CodeMatiere="7" actes:Libelle="Finances locales">
          <actes:Matiere2 actes:CodeMatiere="5" actes:Libelle="Subventions"/>
        </actes:Matiere1>
      </actes:Matieres>
    </actes:RetourClassification>

No DTD, entity or network access is ever followed; every problem is an
:class:`ErreurEntree` naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from deliberations.erreurs import ErreurEntree, FichierIllisible, Lieu, erreur
from deliberations.model.actes import Classification, classification

NS = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216"
_ANALYSEUR = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _a(nom: str) -> str:
    return f"{{{NS}}}{nom}"


def _refuser(chemin: Path, message: str, ligne: int | None = None) -> ErreurEntree:
    return ErreurEntree([erreur(Lieu(str(chemin), ligne), f"classification ACTES : {message}")])


def lire_classification(chemin: str | Path) -> Classification:
    """The classification in a préfecture's ``RetourClassification`` file."""
    chemin = Path(chemin)
    try:
        donnees = chemin.read_bytes()
    except OSError as exc:
        raise FichierIllisible.de(f"classification ACTES illisible ({exc.strerror or exc})", chemin) from None
    try:
        racine = etree.fromstring(donnees, _ANALYSEUR)
    except etree.XMLSyntaxError as exc:
        raise _refuser(chemin, f"XML illisible ({exc.msg})", exc.lineno) from None
    if racine.getroottree().docinfo.doctype:
        raise _refuser(chemin, "XML refusé : une déclaration DOCTYPE (DTD, entités) n'est pas acceptée", 1)
    if racine.tag != _a("RetourClassification"):
        nom = etree.QName(racine).localname
        raise _refuser(chemin, f"message XML RetourClassification attendu, trouvé « {nom} »", racine.sourceline)
    date_element = racine.find(_a("DateClassification"))
    if date_element is None or not (date_element.text or "").strip():
        raise _refuser(chemin, "DateClassification manquante (la date de version de la classification)",
                       racine.sourceline)
    try:
        date = dt.date.fromisoformat((date_element.text or "").strip())
    except ValueError:
        raise _refuser(chemin, f"DateClassification « {date_element.text} » : date illisible, attendue AAAA-MM-JJ",
                       date_element.sourceline) from None
    natures = {}
    for element in racine.iterfind(f"{_a('NaturesActes')}/{_a('NatureActe')}"):
        code, abrege, libelle = (element.get(_a(n)) for n in ("CodeNatureActe", "TypeAbrege", "Libelle"))
        if not code or not abrege:
            raise _refuser(chemin, "NatureActe sans CodeNatureActe ou TypeAbrege", element.sourceline)
        natures[code] = (abrege, libelle or "")
    entrees: list[tuple[str, str]] = []
    matieres = racine.find(_a("Matieres"))
    if matieres is None:
        raise _refuser(chemin, "aucune matière (élément Matieres manquant)", racine.sourceline)

    def parcourir(element: etree._Element, niveau: int, prefixe: str) -> None:
        for enfant in element.iterchildren(_a(f"Matiere{niveau}")):
            code = (enfant.get(_a("CodeMatiere")) or "").strip()
            if not code.isdigit():
                raise _refuser(chemin, f"Matiere{niveau} sans CodeMatiere numérique", enfant.sourceline)
            complet = f"{prefixe}.{code}" if prefixe else code
            entrees.append((complet, (enfant.get(_a("Libelle")) or "").strip()))
            parcourir(enfant, niveau + 1, complet)

    parcourir(matieres, 1, "")
    return classification(entrees, date=date, source=str(chemin), **({"natures": natures} if natures else {}))
