"""The public functions: load, check, contexte, render.

Each command of the CLI is a call of these (or of :mod:`deliberations.seance`
for a whole séance), with the same options: nothing the CLI does is out of
reach from Python. ``modeles`` is everywhere the same thing: a folder, or a
list of folders, of report types besides the built-in ones (see
:func:`deliberations.types.catalogue.catalogue`); for :func:`render`, a
folder of bare ``.docx`` templates without ``type.yaml`` replaces instead the
templates of the item's type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from deliberations.controles.checks import check as controler
from deliberations.entree.lecture import Positions
from deliberations.entree.origine import origine
from deliberations.erreurs import ErreurEntree, Finding, ModeleInvalide
from deliberations.model.objets import Point
from deliberations.rendu.contexte import contexte as construire_contexte
from deliberations.rendu.docx import rendre_docx
from deliberations.rendu.gabarits import dossier_modeles, gabarits_seuls
from deliberations.sortie.ecriture import ecrire_document, publier, verifier_cibles
from deliberations.sortie.noms import documents_du_point, noms_de_sortie
from deliberations.types.catalogue import Modeles, type_du_point
from deliberations.types.chargement import load as charger
from deliberations.types.chargement import valider

__all__ = ["load", "valider", "check", "contexte", "render", "rendre_en_memoire", "rendre_modele", "origine",
           "noms_de_sortie"]


def load(chemin: str | Path, *, defauts: Mapping[str, tuple[Any, Positions]] | None = None,
         modeles: Modeles = None) -> Point:
    """Read, join and validate one input file into a :class:`Point`; raise :class:`~deliberations.erreurs.ErreurEntree`.

    The item remembers its file and the positions of its values
    (:func:`origine`), so that checks name the line of every problem.
    ``defauts`` gives values for keys the file leaves out (a séance passes its
    instance, date and collectivité this way). A ``modeles`` folder of bare
    templates (no ``type.yaml``) is for rendering: the item keeps its type.
    """
    return charger(chemin, defauts=dict(defauts or {}), modeles=None if gabarits_seuls(modeles) else modeles)


def _point(item: Point | str | Path, modeles: Modeles) -> Point:
    if isinstance(item, Point):
        return item
    return load(item, modeles=modeles)


def check(item: Point | str | Path, *, modeles: Modeles = None) -> list[Finding]:
    """Every finding for an item (a :class:`Point` or the path of its file), errors first, in file order.

    The checks are those the item's report type selects (default: all).
    A file that cannot be loaded raises :class:`~deliberations.erreurs.ErreurEntree`.
    """
    point = _point(item, modeles)
    type_ = type_du_point(point, modeles)
    return controler(point, type_.verifications() if type_ is not None else None)


def contexte(item: Point | str | Path, *, modeles: Modeles = None) -> dict[str, Any]:
    """What the templates of an item print (the documented context), as plain strings, lists and dicts.

    Refuses (raises :class:`~deliberations.erreurs.ErreurEntree`) an item with errors.
    """
    point = _point(item, modeles)
    _refuser_si_erreurs(point, modeles)
    return construire_contexte(point)


def _refuser_si_erreurs(point: Point, modeles: Modeles) -> None:
    findings = [f for f in check(point, modeles=modeles) if f.est_erreur]
    if findings:
        raise ErreurEntree(findings)


def render(item: Point | str | Path, dossier: str | Path, *, pdf: bool = False, force: bool = False,
           modeles: Modeles = None) -> list[Path]:
    """Write the documents of an item (rapport, délibération…); return the paths written.

    ``item`` is a :class:`~deliberations.model.Point` or the path of an input
    file (then loaded). Writes the documents of the item's report type
    (``{numero}-rapport.docx`` and ``{numero}-deliberation.docx`` for the
    built-in types) in ``dossier`` (created if needed) and, with
    ``pdf=True``, their PDFs (one LibreOffice call).

    Raises :class:`~deliberations.erreurs.ErreurEntree` when the item has
    errors, :class:`~deliberations.erreurs.FichierExistant` when an output
    exists and ``force`` is false, :class:`~deliberations.erreurs.ModeleInvalide`,
    :class:`~deliberations.erreurs.ErreurVerification` or
    :class:`~deliberations.erreurs.ConversionImpossible`; in every case
    nothing is written.
    """
    point = _point(item, modeles)
    _refuser_si_erreurs(point, modeles)
    dossier = Path(dossier)
    cibles = noms_de_sortie(point, modeles)
    verifier_cibles(dossier, [*cibles, *([Path(c).with_suffix(".pdf").name for c in cibles] if pdf else [])], force)
    return publier(rendre_en_memoire(point, modeles), dossier, pdf=pdf, force=force)


def rendre_en_memoire(point: Point, modeles: Modeles = None) -> list[tuple[str, bytes]]:
    """Render and verify an item's documents without writing: (file name, bytes) pairs.

    The item is assumed checked (see :func:`render`, which refuses errors).
    """
    documents = documents_du_point(point, modeles)
    contexte_ = construire_contexte(point)
    apostrophe = point.collectivite.apostrophe
    return [(nom, rendre_docx(gabarit, contexte_, apostrophe=apostrophe)) for gabarit, nom in documents]


def rendre_modele(type_: str, nom: str, contexte_: dict[str, Any], cible: str | Path, *, force: bool = False,
                  modeles: str | Path | None = None) -> Path:
    """Render one template of a type (``"seance"``, ``"ordre-du-jour.docx"``) to ``cible``, verified, atomically."""
    modele = dossier_modeles(type_, modeles) / nom
    if not modele.is_file():
        raise ModeleInvalide.de(f"modèle « {nom} » introuvable pour le type « {type_} »", modele)
    return ecrire_document(rendre_docx(modele, contexte_), cible, force=force)
