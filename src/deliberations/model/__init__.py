"""Domain model: what a clerk types once, validated and typed.

The input layer is pydantic (located errors, JSON Schema). Amounts are
``Decimal`` (never float), dates ``datetime.date``, text is checked for
control characters. Nothing here knows about Word.

One agenda item (:class:`Point`) holds everything: the rapport's header,
exposé and propositions, the délibération's visas, considérants, vote and
dates, and the annexes. The rapport and the délibération are two views of it
(:mod:`deliberations.documents`), so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, PrivateAttr, Tag, model_validator

from deliberations.langue import formats

# --------------------------------------------------------------------------
# Scalar types


def _texte(valeur: Any) -> str:
    """Text as typed: line breaks kept, tabs kept, other controls refused."""
    if valeur is None:
        raise ValueError("texte attendu, valeur vide")
    if isinstance(valeur, (dict, list)):
        raise ValueError("texte attendu, pas une liste ni un dictionnaire")
    if not isinstance(valeur, str):
        valeur = str(valeur)
    valeur = valeur.replace("\r\n", "\n").replace("\r", "\n")
    sortie = []
    for c in valeur:
        code = ord(c)
        if c in "\n\t":
            sortie.append(c)
        elif c == "\x0b":
            sortie.append("\n")
        elif code < 0x20 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            raise ValueError(f"caractère de contrôle U+{code:04X} interdit dans un texte")
        else:
            sortie.append(c)
    return "".join(sortie)


def _texte_non_vide(valeur: Any) -> str:
    texte = _texte(valeur)
    if not texte.strip():
        raise ValueError("texte vide")
    return texte


def _cite(valeur: Any) -> str:
    """A value quoted in a message: on one line (breaks shown as ⏎, other controls as
    <U+0001>), at most 80 characters."""
    texte = re.sub(r"[ \t]*(?:\r\n|[\n\r\x0b\x85\u2028\u2029])[ \t]*", " ⏎ ", str(valeur))
    texte = re.sub(r"[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]", lambda m: f"<U+{ord(m.group()):04X}>", texte)
    return texte if len(texte) <= 80 else texte[:79] + "…"


_DECIMALES = re.compile(r"^(-?\d{1,3}\.\d{3})([\s\u202f\xa0]*€)?$")


def _pas_un_conteneur(valeur: Any, attendu: str) -> None:
    if isinstance(valeur, (dict, list)):
        raise ValueError(f"{attendu}, pas une liste ni un dictionnaire")


def _montant(valeur: Any, *, negatif: bool = False) -> Decimal:
    if isinstance(valeur, bool) or valeur is None:
        raise ValueError("montant attendu")
    _pas_un_conteneur(valeur, "montant attendu")
    ambigu = _DECIMALES.match(valeur.strip()) if isinstance(valeur, str) else None
    if ambigu:
        chiffres, euro = ambigu.group(1), " €" if ambigu.group(2) else ""
        raise ValueError(
            f"montant ambigu : '{_cite(valeur)}' (écrivez {chiffres.replace('.', '')}{euro} pour des milliers, "
            f"ou {chiffres.replace('.', ',')[:-1]}{euro} avec au plus deux décimales)"
        )
    try:
        nombre = formats.en_decimal(valeur)
    except (TypeError, ValueError):
        raise ValueError(f"montant illisible : '{_cite(valeur)}'") from None
    exposant = nombre.as_tuple().exponent
    if isinstance(exposant, int) and exposant < -2 and nombre != nombre.quantize(Decimal("0.01")):
        raise ValueError(f"montant avec plus de deux décimales : '{_cite(valeur)}'")
    if nombre < 0 and not negatif:
        raise ValueError(f"montant négatif : '{_cite(valeur)}'")
    return nombre.quantize(Decimal("0.01")) if isinstance(exposant, int) and exposant < -2 else nombre


def _montant_signe(valeur: Any) -> Decimal:
    return _montant(valeur, negatif=True)


def _pourcentage(valeur: Any) -> Decimal:
    _pas_un_conteneur(valeur, "pourcentage attendu")
    if isinstance(valeur, str):
        valeur = valeur.replace("%", "").strip()
    try:
        nombre = formats.en_decimal(valeur)
    except (TypeError, ValueError):
        raise ValueError(f"pourcentage illisible : '{_cite(valeur)}'") from None
    if nombre < 0:
        raise ValueError(f"pourcentage négatif : '{_cite(valeur)}'")
    return nombre


def _entier(valeur: Any) -> int:
    if isinstance(valeur, bool):
        raise ValueError("nombre entier attendu")
    if isinstance(valeur, int):
        return valeur
    _pas_un_conteneur(valeur, "nombre entier attendu")
    texte = str(valeur).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+", texte):
        raise ValueError(f"nombre entier attendu : '{_cite(valeur)}'")
    return int(texte)


def _entier_positif(valeur: Any) -> int:
    n = _entier(valeur)
    if n < 0:
        raise ValueError(f"nombre négatif : '{_cite(valeur)}'")
    return n


_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _date(valeur: Any) -> dt.date:
    if isinstance(valeur, dt.datetime):
        return valeur.date()
    if isinstance(valeur, dt.date):
        return valeur
    _pas_un_conteneur(valeur, "date attendue (2023-09-14 ou 14/09/2023)")
    texte = str(valeur).strip() if valeur is not None else ""
    if not texte:
        raise ValueError("date vide (attendu : 2023-09-14 ou 14/09/2023)")
    m = _DATE_ISO.match(texte)
    if m:
        annee, mois, jour = (int(x) for x in m.groups())
    elif (m := _DATE_FR.match(texte)):
        jour, mois, annee = (int(x) for x in m.groups())
    else:
        raise ValueError(f"date illisible : '{_cite(texte)}' (attendu : 2023-09-14 ou 14/09/2023)")
    try:
        return dt.date(annee, mois, jour)
    except ValueError:
        raise ValueError(f"date impossible : '{_cite(texte)}'") from None


def _identifiant(valeur: Any) -> str:
    """A column name usable in formulas and references: letters, digits and _."""
    texte = _texte_non_vide(valeur).strip()
    if not texte.isidentifier():
        raise ValueError(f"nom de colonne invalide : {texte!r} (lettres, chiffres et _ seulement, "
                         "sans espace ; par exemple : montant_2023)")
    return texte


def _booleen(valeur: Any) -> bool:
    if isinstance(valeur, bool):
        return valeur
    _pas_un_conteneur(valeur, "oui ou non attendu")
    texte = str(valeur).strip().lower()
    if texte in ("oui", "vrai", "true", "yes", "1"):
        return True
    if texte in ("non", "faux", "false", "no", "0"):
        return False
    raise ValueError(f"oui ou non attendu : '{_cite(valeur)}'")


Texte = Annotated[str, BeforeValidator(_texte_non_vide)]
TexteLibre = Annotated[str, BeforeValidator(_texte)]
Montant = Annotated[Decimal, BeforeValidator(_montant)]
MontantSigne = Annotated[Decimal, BeforeValidator(_montant_signe)]
Pourcentage = Annotated[Decimal, BeforeValidator(_pourcentage)]
Entier = Annotated[int, BeforeValidator(_entier_positif)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Booleen = Annotated[bool, BeforeValidator(_booleen)]


class Modele(BaseModel):
    """Base of every input object: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", validate_default=False, arbitrary_types_allowed=True)


# --------------------------------------------------------------------------
# Collectivité and séance


class President(Modele):
    """The executive: "le président", "la présidente", "le maire"…"""

    titre: Texte = "président"
    genre: Literal["masculin", "féminin"] = "masculin"


class Collectivite(Modele):
    """A local authority; usually kept in a profile file that many items share."""

    nom: Texte = Field(description="Département de la Seine-Saint-Denis")
    assemblee: Texte = Field(description="Conseil départemental")
    president: President = Field(default_factory=President)
    tribunal_administratif: Texte = Field(description="Ville du tribunal administratif : Montreuil")
    recours: Texte | None = Field(default=None, description="Mention des voies et délais de recours (sinon la formule usuelle)")
    visas: list["VisaEntree"] = Field(default_factory=list, description="Visas communs à tous les actes")
    articles: Booleen = Field(default=False, description="Numéroter les décisions « Article 1er », « Article 2 »…")


class Seance(Modele):
    """A meeting of an assembly."""

    instance: Texte = Field(description="commission permanente, conseil départemental, conseil municipal…")
    date: Date


# --------------------------------------------------------------------------
# Rapport


class Liste(Modele):
    """A bulleted list inside a section."""

    liste: list[Texte]


def _forme_paragraphe(valeur: Any) -> str:
    return "Liste" if isinstance(valeur, (dict, Liste)) else "Texte"


Paragraphe = Annotated[
    Union[Annotated[Texte, Tag("Texte")], Annotated[Liste, Tag("Liste")]],
    Discriminator(_forme_paragraphe),
]


class Section(Modele):
    """A titled, numbered section of the exposé."""

    titre: Texte | None = None
    paragraphes: list[Paragraphe] = Field(default_factory=list)


class Proposition(Modele):
    """One act, typed once: a verb and its text.

    The rapport shows ``D'AUTORISER le versement …``, the délibération
    ``AUTORISE le versement …``. Unknown verbs need both forms.
    """

    verbe: Texte
    texte: Texte
    infinitif: Texte | None = None
    indicatif: Texte | None = None


class Signataire(Modele):
    formule: TexteLibre | None = Field(default=None, description="Par défaut : « Pour le président du … et par délégation, »")
    qualite: TexteLibre | None = Field(default=None, description="la vice-présidente")
    nom: Texte


# --------------------------------------------------------------------------
# Délibération


NATURES_VISA = ("loi", "loi organique", "décret", "ordonnance", "arrêté", "circulaire", "règlement",
                "directive", "code", "article", "articles", "délibération", "convention", "décision")


class Visa(Modele):
    """A structured legal basis: rendered "Vu la loi n° 92-722 du 29 juillet 1992 portant …"."""

    nature: Literal[NATURES_VISA]  # type: ignore[valid-type]
    numero: TexteLibre | list[Texte] | None = None
    date: Date | None = None
    titre: TexteLibre | None = None
    code: TexteLibre | None = Field(default=None, description="Pour un article : « de l'action sociale et des familles »")
    instance: TexteLibre | None = Field(default=None, description="Pour une délibération : « du conseil départemental »")


class VisaTexte(Modele):
    texte: Texte
    date: Date | None = None


def _forme_visa(valeur: Any) -> str:
    if isinstance(valeur, (VisaTexte, Visa)):
        return type(valeur).__name__
    if isinstance(valeur, dict):
        return "VisaTexte" if "texte" in valeur else "Visa"
    return "Texte"


VisaEntree = Annotated[
    Union[Annotated[Texte, Tag("Texte")], Annotated[VisaTexte, Tag("VisaTexte")], Annotated[Visa, Tag("Visa")]],
    Discriminator(_forme_visa),
]


class Vote(Modele):
    """Vote counts; all empty for a projet not yet voted."""

    membres: Entier | None = None
    pour: Entier | None = None
    contre: Entier | None = None
    abstentions: Entier | None = None
    ne_prennent_pas_part: Entier | None = None
    resultat: Literal["unanimité", "majorité", "rejet"] | None = None


class Dates(Modele):
    affichage: Date | None = None
    publication: Date | None = None
    notification: Date | None = None
    executoire: Date | None = None


# --------------------------------------------------------------------------
# Annexes


TypeColonne = Literal["texte", "montant", "pourcentage", "entier", "date"]


class Colonne(Modele):
    nom: Annotated[str, BeforeValidator(_identifiant)] = Field(
        description="Nom court (lettres, chiffres, _), utilisé dans les formules et les références")
    titre: Texte | None = Field(default=None, description="En-tête imprimé")
    type: TypeColonne = "texte"
    formule: Texte | None = Field(default=None, description="acompte + solde")
    total: Booleen | None = Field(default=None, description="Totaliser la colonne (par défaut : montants)")

    @property
    def entete(self) -> str:
        return self.titre or self.nom


class Source(Modele):
    fichier: Texte
    feuille: Texte | None = None


class Repartition(Modele):
    """A share table (financing plan): parts of a base amount."""

    base: Montant
    part: Texte = Field(description="Nom de la colonne des pourcentages")
    montant: Texte = Field(description="Nom de la colonne des montants")


class Tableau(Modele):
    titre: TexteLibre | None = None
    colonnes: list[Colonne]
    lignes: list[Any] = Field(default_factory=list)
    source: Source | None = None
    totaux: Booleen | dict[str, Any] = True
    libelle_totaux: Texte = "TOTAUX"
    repartition: Repartition | None = None

    @model_validator(mode="after")
    def _noms_uniques(self) -> Tableau:
        vus: set[str] = set()
        for colonne in self.colonnes:
            if colonne.nom in vus:
                raise ValueError(f"colonne « {colonne.nom} » en double")
            vus.add(colonne.nom)
        return self


class Annexe(Modele):
    titre: Texte
    numero: Entier | None = None
    tableaux: list[Tableau] = Field(default_factory=list)
    paragraphes: list[Paragraphe] = Field(default_factory=list)


# --------------------------------------------------------------------------
# The agenda item


class Point(Modele):
    """One agenda item: everything the rapport and the délibération say."""

    type: Texte = "rapport-deliberation"
    collectivite: Collectivite
    numero: Texte
    seance: Seance
    direction: Texte
    service: TexteLibre | None = None
    objet: TexteLibre
    expose: list[Section] = Field(default_factory=list)
    propositions: list[Proposition] = Field(min_length=1)
    annexes: list[Annexe] = Field(default_factory=list)
    visas: list[VisaEntree] = Field(default_factory=list)
    considerants: list[Texte] = Field(default_factory=list)
    vote: Vote = Field(default_factory=Vote)
    signataire: Signataire
    dates: Dates = Field(default_factory=Dates)
    valeurs: dict[str, Any] = Field(default_factory=dict, description="Valeurs nommées, écrites une fois, citées dans le texte par ${valeurs.nom}")
    # A report type's own fields are top-level keys too: each type's model
    # subclasses Point (see types_rapport).

    # Where the item was read from, and its computed annex tables (see calculs).
    _origine: Any = PrivateAttr(default=None)
    _calcul: Any = PrivateAttr(default=None)


Collectivite.model_rebuild()
