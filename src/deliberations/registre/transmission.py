"""The transmission folder of a séance: each act as PDF/A, its annexes, one manifest for an ACTES client.

For every item of the séance (each must have its ``actes:`` section)::

    06_04_acte.pdf          the délibération, PDF/A-2b
    06_04_annexe_1.pdf      its annexes (``actes.pieces``), PDF, JPEG or PNG, as given
    manifeste.json          natures, matières, numbers, objets, dates, files and their SHA-256

File names are made of the act's ACTES number (digits, capitals, ``_``) and
lower-case ASCII. The manifest's JSON Schema is
``docs/actes-manifeste.schema.json``. Every rule is checked first — matière
of the classification (the préfecture's file if the collectivité names one),
nature, ACTES number (unique in the séance), objet on one line of at most 499
characters, decision date not in the future, annexes present and of an
accepted kind by their content — and a single finding writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any, Callable

from deliberations.api import load, rendre_en_memoire
from deliberations.controles.actes import numero_actes_du_point, problemes_actes
from deliberations.controles.checks import OBJET_MAX
from deliberations.entree.classification import lire_classification
from deliberations.entree.origine import origine
from deliberations.erreurs import Erreur, ErreurEntree, Finding, erreur
from deliberations.model.actes import CLASSIFICATION_NATIONALE, Classification, nature
from deliberations.model.objets import Point
from deliberations.seance.fichier import Seance
from deliberations.sortie.ecriture import publier
from deliberations.sortie.pdf import libreoffice

#: the manifest's format version
VERSION_MANIFESTE = 1
MANIFESTE = "manifeste.json"

#: accepted annex kinds: (first bytes, MIME type, extension)
_SIGNATURES = [(b"%PDF-", "application/pdf", "pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
               (b"\xff\xd8\xff", "image/jpeg", "jpg")]

Progression = Callable[[int, int, str], None]


def _type_de(donnees: bytes) -> tuple[str, str] | None:
    return next(((mime, ext) for debut, mime, ext in _SIGNATURES if donnees.startswith(debut)), None)


def _classification(point: Point, memoire: dict[Path, Classification]) -> Classification:
    """The préfecture's classification the collectivité names (relative to its profile), or the national one."""
    nom = point.collectivite.classification
    if nom is None:
        return CLASSIFICATION_NATIONALE
    chemin = Path(nom)
    if not chemin.is_absolute():
        fichier = origine(point).lieu(("collectivite", "classification")).fichier
        chemin = (Path(fichier).parent if fichier else Path.cwd()) / chemin
    if chemin not in memoire:
        memoire[chemin] = lire_classification(chemin)
    return memoire[chemin]


def verifier_acte(point: Point, classification: Classification, aujourd_hui: dt.date) -> list[Finding]:
    """Every finding that keeps an item from being transmitted."""
    lieu = origine(point).lieu
    if point.actes is None:
        return [erreur(lieu(()), "section actes: manquante (nature et matière ACTES de l'acte, par exemple "
                                 "« actes: {nature: DE, matiere: \"7.5\"} »)")]
    findings = list(problemes_actes(point, classification))
    if point.actes.matiere is None:
        findings.append(erreur(lieu(("actes", "matiere")), "matière ACTES manquante (par exemple « 7.5 »)"))
    if point.seance.date > aujourd_hui:
        findings.append(erreur(lieu(("seance", "date")), f"date de décision {point.seance.date:%d/%m/%Y} dans le "
                                                         "futur : ACTES ne transmet qu'un acte déjà adopté"))
    objet = point.objet.strip()
    if "\n" in objet or len(objet) > OBJET_MAX:
        findings.append(erreur(lieu(("objet",)), f"objet sur une ligne et de {OBJET_MAX} caractères au plus "
                                                 "pour ACTES"))
    for k, piece in enumerate(point.actes.pieces):
        ici, chemin = lieu(("actes", "pieces", k)), _piece(point, k)
        try:
            debut = chemin.read_bytes()[:16]
        except OSError:
            findings.append(erreur(ici, f"annexe « {piece} » introuvable ({chemin})"))
            continue
        if _type_de(debut) is None:
            findings.append(erreur(ici, f"annexe « {piece} » : ACTES n'accepte que des fichiers PDF, JPEG ou PNG"))
    return findings


def _piece(point: Point, k: int) -> Path:
    piece = point.actes.pieces[k]  # type: ignore[union-attr]
    ici = origine(point).lieu(("actes", "pieces", k))
    return Path(piece) if Path(piece).is_absolute() else Path(ici.fichier or ".").parent / piece


def _document(point: Point, modeles: Any) -> tuple[str, bytes]:
    """The act itself among the item's rendered documents: the délibération."""
    rendus = rendre_en_memoire(point, modeles)
    return next(((n, d) for n, d in rendus if "deliberation" in n), rendus[-1])


def preparer_transmission(seance: Seance, dossier: str | Path, *, force: bool = False, jobs: int | None = None,
                          aujourd_hui: dt.date | None = None, progression: Progression | None = None) -> list[Path]:
    """Write the séance's transmission folder (all or nothing); return the files written."""
    if seance.en_erreur:
        raise ErreurEntree([f for f in seance.tous_les_constats() if f.est_erreur])
    aujourd_hui = aujourd_hui or dt.date.today()
    memoire: dict[Path, Classification] = {}
    points, findings = [], []
    deja: dict[str, Point] = {}
    for entree in seance.points:
        point = load(entree.fichier, defauts=seance.defauts_du_point(entree), modeles=seance.modeles)
        try:
            classification = _classification(point, memoire)
        except Erreur as exc:
            findings.extend(exc.findings)
            continue
        problemes = verifier_acte(point, classification, aujourd_hui)
        findings.extend(problemes)
        if not problemes:
            numero = numero_actes_du_point(point)
            if numero in deja:
                findings.append(erreur(origine(point).lieu(("numero",)), f"numéro ACTES {numero} déjà celui de "
                                                                         f"l'acte {deja[numero].numero}"))
            deja[numero] = point
        points.append((point, classification))
    if findings:
        raise ErreurEntree(findings)
    fichiers: list[tuple[str, bytes]] = []
    actes: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="deliberations-actes-") as temporaire:
        temp = Path(temporaire)
        sources = []
        for point, _ in points:
            _, donnees = _document(point, seance.modeles)
            source = temp / f"{numero_actes_du_point(point)}_acte.docx"
            source.write_bytes(donnees)
            sources.append(source)
        pdfs = libreoffice(sources, temp, jobs=jobs, progression=progression)
        for (point, classification), pdf in zip(points, pdfs):
            fichiers.append((pdf.name, pdf.read_bytes()))
            actes.append(_entree_manifeste(point, classification, fichiers))
    premier = points[0][0] if points else None
    classification = points[0][1] if points else CLASSIFICATION_NATIONALE
    manifeste = {
        "version": VERSION_MANIFESTE,
        "collectivite": {"nom": premier.collectivite.nom if premier else "",
                         "siret": premier.collectivite.siret if premier else None},
        "seance": {"instance": seance.instance, "date": str(seance.date)},
        "classification": {"source": "classification nationale" if classification is CLASSIFICATION_NATIONALE
                           else Path(classification.source).name,
                           "date": classification.date.isoformat() if classification.date else None},
        "actes": actes,
    }
    fichiers.append((MANIFESTE, (json.dumps(manifeste, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
    return publier(fichiers, dossier, force=force)


def _entree_manifeste(point: Point, classification: Classification, fichiers: list[tuple[str, bytes]]) -> dict[str, Any]:
    """The manifest's entry for one act; its annexes are added to ``fichiers``."""
    assert point.actes is not None and point.actes.matiere is not None
    numero = numero_actes_du_point(point)
    code, abrege, libelle = nature(point.actes.nature)  # type: ignore[misc]
    matiere = classification.matiere(point.actes.matiere)
    assert matiere is not None
    nom_acte, donnees_acte = fichiers[-1]
    annexes = []
    for k in range(len(point.actes.pieces)):
        chemin = _piece(point, k)
        donnees = chemin.read_bytes()
        mime, extension = _type_de(donnees)  # type: ignore[misc]
        nom = f"{numero}_annexe_{k + 1}.{extension}"
        fichiers.append((nom, donnees))
        annexes.append({"fichier": nom, "type": mime, "sha256": hashlib.sha256(donnees).hexdigest(),
                        "origine": chemin.name})
    return {
        "numero_actes": numero,
        "numero": point.numero,
        "nature": {"code": code, "abrege": abrege, "libelle": libelle},
        "matiere": {"code": matiere.code, "libelle": matiere.libelle, "niveaux": [*matiere.parents, matiere.libelle]},
        "objet": " ".join(point.objet.split()),
        "date_decision": point.seance.date.isoformat(),
        "document": {"fichier": nom_acte, "type": "application/pdf",
                     "sha256": hashlib.sha256(donnees_acte).hexdigest()},
        "annexes": annexes,
    }
