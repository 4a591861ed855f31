"""The domain objects: collectivité, séance, visas, propositions, vote, dates, annexes, and the agenda item.

Each is a pydantic model that refuses unknown keys (:class:`~deliberations.model.base.Modele`);
:class:`Point` holds one agenda item whole (see :mod:`deliberations.model`).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Mapping, Union

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    model_validator,
)

from deliberations.langue import verbes
from deliberations.model.base import Modele, Paragraphe
from deliberations.model.genres import NOMS_COLONNES
from deliberations.model.scalaires import Booleen, Date, Entier, Montant, MontantOuReference, Texte, TexteLibre, lire_identifiant


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
    apostrophe: Literal["droite", "typographique"] = Field(
        default="droite", description="Apostrophe des documents : droite (') ou typographique (’)")


class Seance(Modele):
    """A meeting of an assembly."""

    instance: Texte = Field(description="commission permanente, conseil départemental, conseil municipal…")
    date: Date


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

    def formes(self) -> tuple[str, str]:
        """(« D'AUTORISER », « AUTORISE »): explicit forms win over the verb table.

        Raises :class:`~deliberations.langue.verbes.VerbeInconnu` for a verb
        the table does not know and the item does not conjugate.
        """
        infinitif = self.infinitif or verbes.infinitif(self.verbe)
        indicatif = self.indicatif or verbes.indicatif(self.verbe)
        return infinitif, indicatif


class Signataire(Modele):
    formule: TexteLibre | None = Field(default=None, description="Par défaut : « Pour le président du … et par délégation, »")
    qualite: TexteLibre | None = Field(default=None, description="la vice-présidente")
    nom: Texte


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


#: kinds of value an annex column may have
TypeColonne = Literal[NOMS_COLONNES]  # type: ignore[valid-type]


class Colonne(Modele):
    nom: Annotated[str, BeforeValidator(lire_identifiant)] = Field(
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

    base: MontantOuReference = Field(description="Montant réparti, ou sa référence : ${annexe1.total.montant}")
    part: Texte = Field(description="Nom de la colonne des pourcentages")
    montant: Texte = Field(description="Nom de la colonne des montants")
    decimales: Entier = Field(default=1, description="Décimales d'un taux calculé (cellule de taux laissée vide)")


class Regroupement(Modele):
    """A breakdown of another table by a column (chapitre, article, fonction): its amounts are that table's, summed."""

    tableau: Texte = Field(description="Le tableau détaillé : annexe1, ou annexe1.tableau2")
    par: Texte = Field(description="La colonne commune aux deux tableaux qui regroupe les lignes (chapitre, article…)")


class Tableau(Modele):
    titre: TexteLibre | None = None
    colonnes: list[Colonne]
    lignes: list[Any] = Field(default_factory=list)
    source: Source | None = None
    totaux: Booleen | dict[str, Any] = True
    libelle_totaux: Texte = "TOTAUX"
    repartition: Repartition | None = None
    regroupe: Regroupement | None = Field(default=None, description="Ce tableau regroupe un autre tableau par une colonne")

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

    #: the report type this model was made for (``None`` for a plain Point), set by the types layer
    type_rapport: ClassVar[Any] = None
    #: that type's fields (name → manifest entry with ``type`` and ``colonnes``)
    champs_type: ClassVar[Mapping[str, Any]] = {}

    # Where the item was read from, and its computed annex tables (see calculs).
    _origine: Any = PrivateAttr(default=None)
    _calcul: Any = PrivateAttr(default=None)


Collectivite.model_rebuild()
