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
from deliberations.model.assemblee import Membres, PresencesPoint, Vote
from deliberations.model.base import Modele, Paragraphe
from deliberations.model.formules import Formules
from deliberations.model.genres import NOMS_COLONNES
from deliberations.model.actes import lire_matiere, lire_motif, lire_nature, lire_numero_actes, lire_siret
from deliberations.model.scalaires import (
    Booleen,
    Date,
    Entier,
    Heure,
    MontantOuReference,
    SansObjet,
    Texte,
    TexteLibre,
    lire_identifiant,
)


class President(Modele):
    """The executive: "le président", "la présidente", "le maire"…"""

    titre: Texte = "président"
    genre: Literal["masculin", "féminin"] = "masculin"


class NumerotationActes(Modele):
    """How the register of acts numbers the collectivité's délibérations."""

    motif: Annotated[Texte, BeforeValidator(lire_motif)] = Field(
        description="Motif des numéros : DEL{AAAA}_{000} ({AAAA}, {AA}, {MM}, {JJ} : la date de la séance ; "
                    "{rang} ; {000} : le compteur, sur trois chiffres)")
    remise: Literal["annuelle", "jamais"] = Field(
        default="annuelle", description="Le compteur repart à 1 chaque année (annuelle) ou jamais")
    motif_actes: Annotated[Texte, BeforeValidator(lire_motif)] | None = Field(
        default=None, description="Motif du numéro ACTES, s'il ne se déduit pas du numéro (mêmes jetons)")


class Collectivite(Modele):
    """A local authority; usually kept in a profile file that many items share."""

    nom: Texte = Field(description="Département de la Seine-Saint-Denis")
    nature: Literal["département", "région", "commune", "epci", "syndicat", "paris"] | None = Field(
        default=None, description="département, région, commune, epci, syndicat ou paris (sinon déduite de "
                                  "l'assemblée) : donne les mots de l'assemblée et de l'exécutif")
    assemblee: Texte = Field(description="Conseil départemental")
    president: President = Field(default_factory=President)
    tribunal_administratif: Texte = Field(description="Ville du tribunal administratif : Montreuil")
    recours: Texte | None = Field(default=None, description="Mention des voies et délais de recours (sinon la formule usuelle)")
    visas: list["VisaEntree"] = Field(default_factory=list, description="Visas communs à tous les actes")
    articles: Booleen = Field(default=False, description="Numéroter les décisions « Article 1er », « Article 2 »…")
    apostrophe: Literal["droite", "typographique"] = Field(
        default="droite", description="Apostrophe des documents : droite (') ou typographique (’)")
    siret: Annotated[str, BeforeValidator(lire_siret)] | None = Field(
        default=None, description="SIRET de la collectivité (14 chiffres) : table SCDL, manifeste de transmission")
    classification: Texte | None = Field(
        default=None, description="Fichier de classification ACTES de la préfecture (sinon la classification "
                                  "nationale), relatif au profil")
    registre: Texte | None = Field(
        default=None, description="Fichier du registre des actes (SQLite), relatif au profil : registre.sqlite")
    numerotation: NumerotationActes | None = Field(
        default=None, description="Numérotation des délibérations par le registre (sinon chaque acte garde le "
                                  "numéro de son point)")
    formules: Formules = Field(default_factory=Formules, description="Usages de rédaction de la collectivité")
    membres: Membres | None = Field(default=None, description="Membres de l'assemblée en exercice : leurs noms "
                                                              "(« M. Jean Dupont »), un fichier CSV (colonne nom), "
                                                              "ou leur nombre ; le fichier de séance peut les donner")


class Seance(Modele):
    """A meeting of an assembly."""

    instance: Texte = Field(description="commission permanente, conseil départemental, conseil municipal…")
    date: Date
    heure: Heure | None = Field(default=None, description="Heure d'ouverture : 20:30 ou 20 h 30")
    lieu: TexteLibre | None = Field(default=None, description="Où l'assemblée s'est réunie, tel qu'il suit "
                                                               "« s'est réuni » : à la mairie, salle des fêtes…")
    convocation: Date | None = Field(default=None, description="Date de la convocation")
    publique: Booleen | None = Field(default=None, description="Séance publique (oui) ou à huis clos (non)")
    president: TexteLibre | None = Field(default=None, description="Qui préside : M. Jean Dupont, Maire")
    secretaire: TexteLibre | None = Field(default=None, description="Secrétaire de séance : Mme Anne Martin")
    preambule: TexteLibre | None = Field(default=None, description="Le préambule en entier, s'il ne suit pas "
                                                                    "la forme usuelle")
    seconde_convocation: Booleen | None = Field(
        default=None, description="Réunie sur seconde convocation, faute de quorum à la première : délibère "
                                  "sans quorum (CGCT L2121-17)")


class Section(Modele):
    """A titled, numbered section of the exposé."""

    titre: Texte | None = None
    paragraphes: list[Paragraphe] = Field(default_factory=list)


class Proposition(Modele):
    """One act, typed once: a verb and its text.

    The rapport shows ``D'AUTORISER le versement …``, the délibération
    ``AUTORISE le versement …``. Unknown verbs need both forms.
    """

    verbe: Texte | None = Field(default=None, description="Sans verbe, le texte est imprimé tel quel "
                                                          "(« Une subvention de 2 500 € est allouée … »)")
    texte: Texte
    infinitif: Texte | None = None
    indicatif: Texte | None = None

    def formes(self) -> tuple[str, str]:
        """(« D'AUTORISER », « AUTORISE »): explicit forms win over the verb table.

        A proposition without a verb has empty forms (its text is a whole
        sentence). Raises :class:`~deliberations.langue.verbes.VerbeInconnu`
        for a verb the table does not know and the item does not conjugate.
        """
        if self.verbe is None:
            return self.infinitif or "", self.indicatif or ""
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
    numero: TexteLibre | list[Texte] | None = Field(
        default=None,
        description="« 92-722 », ou une liste d'articles ; obligatoire pour un article, sans objet pour un code")
    date: Date | None = Field(default=None, description="Date du texte ; sans objet pour un code")
    titre: TexteLibre | None = Field(
        default=None, description="« portant … », ou le nom d'un code (obligatoire pour un code)")
    code: TexteLibre | None = Field(
        default=None, description="Pour un article seulement : « de l'action sociale et des familles »")
    instance: TexteLibre | None = Field(
        default=None,
        description="Pour une délibération : « du conseil départemental » ; sans objet pour un code ou un article")


class VisaTexte(Modele):
    texte: Texte
    date: Date | None = Field(default=None, description="La date écrite dans le texte, vérifiée (avant la séance)")


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


class Dates(Modele):
    affichage: Date | None = Field(default=None, description="Imprimée « Date d'affichage du présent acte, le … »")
    publication: Date | None = Field(default=None, description="Imprimée « Date de publication du présent acte, le … »")
    notification: Date | None = None
    executoire: Date | None = None
    transmission: Date | None = Field(default=None, description="Imprimée « Transmis au représentant de l'État le … »")
    reception: Date | None = Field(default=None, description="Imprimée « Reçu en préfecture le … »")
    identifiant_actes: Texte | None = Field(
        default=None, description="Identifiant rendu par ACTES, imprimé avec la réception : 093-229300082-20230914-0604-DE")


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
    emplacement: Literal["annexe", "expose", "dispositif"] = Field(
        default="annexe", description="Où ses tableaux s'impriment : en annexe, dans l'exposé ou dans le "
                                      "dispositif (genre délibération de commune)")
    apres: Entier | None = Field(default=None, description="Dans l'exposé : après la section n ; dans le "
                                                           "dispositif : après la décision n (par défaut : à la fin)")
    tableaux: list[Tableau] = Field(default_factory=list)
    paragraphes: list[Paragraphe] = Field(default_factory=list)


class Actes(Modele):
    """What the transmission to the préfecture (ACTES) says of the act."""

    nature: Annotated[str, BeforeValidator(lire_nature)] = Field(
        default="DE", description="Nature ACTES : DE (délibération), AR, AI, CC, BF, AU, ou son code 1 à 6")
    matiere: Annotated[str, BeforeValidator(lire_matiere)] | None = Field(
        default=None, description="Matière de la classification ACTES, au moins deux niveaux : 7.5")
    numero: Annotated[str, BeforeValidator(lire_numero_actes)] | None = Field(
        default=None, description="Numéro ACTES (1 à 15 caractères : chiffres, majuscules, _) ; par défaut, "
                                  "dérivé du numéro de l'acte")
    pieces: list[Texte] = Field(default_factory=list, description="Annexes transmises : fichiers PDF, JPEG ou PNG, "
                                                                  "relatifs au point")


class Point(Modele):
    """One agenda item: everything the rapport and the délibération say."""

    type: Texte = "rapport-deliberation"
    collectivite: Collectivite
    numero: Texte
    seance: Seance
    direction: SansObjet = Field(description="Direction qui présente le rapport, ou « sans objet »")
    service: SansObjet | None = None
    rapporteur: TexteLibre | None = Field(default=None, description="Qui rapporte, si ce n'est pas l'exécutif : "
                                                                    "M. Paul Durand, adjoint aux finances")
    formules: Formules = Field(default_factory=Formules, description="Usages de rédaction propres au point")
    objet: TexteLibre
    expose: list[Section] = Field(default_factory=list)
    propositions: list[Proposition] = Field(min_length=1)
    annexes: list[Annexe] = Field(default_factory=list)
    visas: list[VisaEntree] = Field(default_factory=list)
    considerants: list[Texte] = Field(default_factory=list)
    presences: PresencesPoint | None = Field(
        default=None, description="Qui assiste au vote du point, par nom (déduit des présences de la séance)")
    vote: Vote = Field(default_factory=Vote, description="Le vote (déduit des résultats de la séance)")
    signataire: Signataire
    dates: Dates = Field(default_factory=Dates)
    actes: Actes | None = Field(default=None, description="Transmission au contrôle de légalité (ACTES)")
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
