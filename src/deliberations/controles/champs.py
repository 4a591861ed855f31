"""Nothing typed is lost: fields without meaning are refused, references resolve where they are printed.

Every field of an item is printed by the built-in templates, checked, or
refused here where it has no meaning (a ``numero`` on a visa of nature
``code``). References ``${…}`` are resolved in every text the documents
print (:func:`textes_resolus`); anywhere else a ``${`` is refused at its
field (:func:`check_references_non_permises`), so that a rendered document
never shows a reference as typed.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from deliberations.calcul.tableaux import tableaux, totalise
from deliberations.calcul.valeurs import textes
from deliberations.entree.origine import origine
from deliberations.erreurs import Finding, Lieu, avertissement, erreur
from deliberations.langue import formats
from deliberations.model.objets import Point, Tableau, Visa, VisaTexte

Chemin = tuple[str | int, ...]

#: the fields a structured visa prints, by nature (others are refused: they would be lost)
CHAMPS_DE_VISA: dict[str, frozenset[str]] = {
    "code": frozenset({"titre"}),
    "article": frozenset({"numero", "code", "date", "titre"}),
    "articles": frozenset({"numero", "code", "date", "titre"}),
}
_CHAMPS_AUTRES_VISAS = frozenset({"numero", "date", "titre", "instance"})


def champs_de_visa(nature: str) -> frozenset[str]:
    """The optional fields a visa of this nature prints."""
    return CHAMPS_DE_VISA.get(nature, _CHAMPS_AUTRES_VISAS)


def _lieu(point: Point, *chemin: str | int) -> Lieu:
    return origine(point).lieu(tuple(chemin))


def _visas(point: Point) -> list[tuple[Chemin, Any]]:
    return [*((("collectivite", "visas", i), v) for i, v in enumerate(point.collectivite.visas)),
            *((("visas", i), v) for i, v in enumerate(point.visas))]


def check_champs(point: Point) -> Iterable[Finding]:
    """Fields the documents would not print are refused: a visa's fields without meaning for its nature,
    an article without its number, a visa's date absent from its text, a totals label without a totals
    row to print it, a tribunal the recours mention does not name; named values never cited are
    reported."""
    for chemin, visa in _visas(point):
        if isinstance(visa, Visa):
            permis = champs_de_visa(visa.nature)
            for champ in ("numero", "date", "code", "instance"):
                if getattr(visa, champ) not in (None, "", []) and champ not in permis:
                    yield erreur(_lieu(point, *chemin, champ),
                                 f"champ sans objet pour un visa de nature {visa.nature} : il ne serait pas imprimé")
            if visa.nature in ("article", "articles") and not visa.numero:
                yield erreur(_lieu(point, *chemin, "nature"), f"un visa de nature {visa.nature} donne son numéro "
                                                             "(numero: L121-1)")
            if visa.nature == "code" and not (visa.titre or "").strip():
                yield erreur(_lieu(point, *chemin, "nature"), "un visa de nature code donne son titre "
                                                             "(titre: de l'action sociale et des familles)")
        elif isinstance(visa, VisaTexte) and visa.date is not None:
            ecrites = {_plat(formats.date_longue(visa.date)), visa.date.strftime("%d/%m/%Y")}
            if not any(d in _plat(visa.texte) for d in ecrites):
                yield erreur(_lieu(point, *chemin, "date"),
                             f"la date du visa ({formats.date_longue(visa.date)}) n'est pas écrite dans son texte, "
                             "qui seul est imprimé : écrivez-la dans le texte, ou retirez « date »")
    for i, annexe in enumerate(point.annexes):
        if annexe.numero == 0:
            yield erreur(_lieu(point, "annexes", i, "numero"), "les annexes se numérotent à partir de 1")
    for annexe_calculee in tableaux(point):
        for tableau in annexe_calculee:
            libelle = tableau.tableau.libelle_totaux
            if "libelle_totaux" not in tableau.tableau.model_fields_set or not libelle:
                continue
            premiere = tableau.tableau.colonnes[0].nom if tableau.tableau.colonnes else None
            if not totalise(tableau) or premiere in tableau.totaux:
                raison = ("le tableau n'a pas de ligne des totaux" if not totalise(tableau)
                          else f"sa première colonne « {premiere} » porte un total")
                yield erreur(_lieu(point, *tableau.chemin, "libelle_totaux"),
                             f"libellé des totaux sans objet : {raison}, il ne serait pas imprimé")
    collectivite = point.collectivite
    if collectivite.recours and _plat(collectivite.tribunal_administratif) not in _plat(collectivite.recours):
        yield erreur(_lieu(point, "collectivite", "tribunal_administratif"),
                     f"le tribunal administratif « {collectivite.tribunal_administratif} » n'est pas nommé dans la "
                     "mention « recours », qui seule est imprimée : nommez-le dans « recours »")
    yield from _valeurs_non_citees(point)


def _plat(texte: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", texte.replace("1er", "1")).strip().lower()


def _valeurs_non_citees(point: Point) -> Iterable[Finding]:
    citees = set()
    cites = [texte for _, _, texte in textes_resolus(point)]
    cites += [texte for chemin, texte in _chaines(point, ()) if _valeur_citee(chemin)]  # a base or a total
    for texte in cites:
        citees.update(re.findall(r"\$\{\s*valeurs\s*\.\s*(\w+)", texte))
    for nom in point.valeurs:
        if nom not in citees and nom != "montant_engage":
            yield avertissement(_lieu(point, "valeurs", nom), "valeur nommée citée nulle part : elle ne sera pas "
                                "imprimée (citez-la par ${valeurs." + nom + "} ou retirez-la)")


# --------------------------------------------------------------------------
# References


#: texts already listed during one run of the checks (item id → list): several checks read them
_MEMOIRE: contextvars.ContextVar[dict[int, list[tuple[Lieu, Chemin, str]]] | None] = contextvars.ContextVar(
    "textes_resolus", default=None)


@contextlib.contextmanager
def une_passe() -> Iterator[None]:
    """One run of the checks: :func:`textes_resolus` lists an item's texts once (the item cannot change meanwhile)."""
    jeton = _MEMOIRE.set({})
    try:
        yield
    finally:
        _MEMOIRE.reset(jeton)


def textes_resolus(point: Point) -> list[tuple[Lieu, Chemin, str]]:
    """Every text whose references the documents resolve: (place, path, text as typed).

    The prose of :func:`~deliberations.calcul.valeurs.textes`, and the texts
    printed as they are: direction, service, signataire, visas and their parts,
    annex tables' cells, column titles and totals label.
    """
    memoire = _MEMOIRE.get()
    if memoire is not None:
        if id(point) not in memoire:
            memoire[id(point)] = _textes_resolus(point)
        return memoire[id(point)]
    return _textes_resolus(point)


def _textes_resolus(point: Point) -> list[tuple[Lieu, Chemin, str]]:
    sortie = [(_lieu(point, *chemin), chemin, texte) for chemin, texte in textes(point)]
    vus = {chemin for _, chemin, _ in sortie}

    def ajouter(chemin: Chemin, texte: Any) -> None:
        if isinstance(texte, str) and texte and chemin not in vus:
            vus.add(chemin)
            sortie.append((_lieu(point, *chemin), chemin, texte))

    for champ in ("direction", "service"):
        ajouter((champ,), getattr(point, champ))
    if point.signataire is not None:  # an act may print no signature of the executive
        for champ in ("formule", "qualite", "nom"):
            ajouter(("signataire", champ), getattr(point.signataire, champ))
    for chemin, visa in _visas(point):
        if isinstance(visa, str):
            ajouter(chemin, visa)
        elif isinstance(visa, VisaTexte):
            ajouter((*chemin, "texte"), visa.texte)
        else:
            for champ in ("titre", "code", "instance"):
                ajouter((*chemin, champ), getattr(visa, champ))
            if isinstance(visa.numero, list):
                for k, numero in enumerate(visa.numero):
                    ajouter((*chemin, "numero", k), numero)
            else:
                ajouter((*chemin, "numero"), visa.numero)
    for i, annexe in enumerate(point.annexes):
        for j, tableau in enumerate(annexe.tableaux):
            for k, colonne in enumerate(tableau.colonnes):
                ajouter(("annexes", i, "tableaux", j, "colonnes", k, "titre"), colonne.titre)
            ajouter(("annexes", i, "tableaux", j, "libelle_totaux"), tableau.libelle_totaux)
    for annexe_calculee in tableaux(point):
        for tableau_calcule in annexe_calculee:
            for k, ligne in enumerate(tableau_calcule.lignes):
                for nom, cellule in ligne.items():
                    chemin = (*tableau_calcule.chemin, "lignes", k, nom)
                    if isinstance(cellule.valeur, str) and cellule.valeur and chemin not in vus:
                        vus.add(chemin)
                        sortie.append((cellule.lieu, chemin, cellule.valeur))
    return sortie


def _chaines(valeur: Any, chemin: Chemin) -> Iterator[tuple[Chemin, str]]:
    """Every string of the item, with its path (annex rows excepted: their cells are typed by the tables)."""
    if isinstance(valeur, str):
        yield chemin, valeur
    elif isinstance(valeur, BaseModel):
        for nom in type(valeur).model_fields:
            if isinstance(valeur, Tableau) and nom == "lignes":
                continue
            yield from _chaines(getattr(valeur, nom), (*chemin, nom))
    elif isinstance(valeur, (list, tuple)):
        for k, element in enumerate(valeur):
            yield from _chaines(element, (*chemin, k))
    elif isinstance(valeur, dict):
        for cle, element in valeur.items():
            yield from _chaines(element, (*chemin, str(cle)))


def _valeur_citee(chemin: Chemin) -> bool:
    """A table's base or declared total may cite another value (``${annexe1.total.montant}``): the checks resolve it."""
    return (len(chemin) >= 5 and chemin[0] == "annexes" and chemin[2] == "tableaux"
            and (chemin[4:] == ("repartition", "base") or (len(chemin) == 6 and chemin[4] == "totaux")))


def check_references_non_permises(point: Point) -> Iterable[Finding]:
    """A ``${`` in a field whose text is not resolved (a number, a verb, a file name…) is an error."""
    resolus = {chemin for _, chemin, _ in textes_resolus(point)}
    for chemin, texte in _chaines(point, ()):
        if "${" in texte and chemin not in resolus and not _valeur_citee(chemin):
            yield erreur(_lieu(point, *chemin), "référence « ${ » impossible dans ce champ, qui est imprimé ou lu "
                                               "tel quel : écrivez la valeur elle-même")
