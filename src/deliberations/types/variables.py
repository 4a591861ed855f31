"""What the templates may print, described: the contract of the template context (documentation, linting, reserved names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Variable:
    """What a template variable holds: its description, its keys, or its elements."""

    description: str
    #: a dict-like value: its keys
    attributs: Mapping[str, Variable] | None = None
    #: a list: what each element is
    element: Variable | None = None


def _d(description: str, /, **attributs: Variable) -> Variable:
    return Variable(description, attributs=attributs)


def _l(description: str, element: Variable) -> Variable:
    return Variable(description, element=element)


_T = Variable


_PARAGRAPHE = _d("un paragraphe : soit un texte, soit une liste à puces",
                 texte=_T("le texte du paragraphe (vide pour une liste)"),
                 liste=_l("les éléments d'une liste à puces (vide pour un texte)", _T("un élément")))


_TABLEAU = _d(
    "un tableau", titre=_T("titre (peut être vide)"), entetes=_l("en-têtes des colonnes", _T("un en-tête")),
    types=_l("type de chaque colonne", _T("texte, montant…")),
    alignements=_l("alignement de chaque colonne", _T("gauche ou droite")),
    lignes=_l("les lignes", _l("les cellules d'une ligne, mises en forme", _T("une cellule"))),
    totaux=_l("la ligne des totaux (vide sans totaux)", _T("une cellule")))


_SIGNATURE = _d("une signature", formule=_T("Le Maire, ou Pour le président du Conseil départemental et par "
                                            "délégation, (sur deux lignes)"),
                qualite=_T("la vice-présidente,"), nom=_T("Mélissa Youssouf"))


_ANNEXE = _d(
    "une annexe", numero=_T("1, 2, …"), titre=_T("ANNEXE 1 AU RAPPORT : …"),
    intitule=_T("le titre de l'annexe seul, tel que saisi"),
    paragraphes=_l("ses paragraphes", _PARAGRAPHE),
    tableaux=_l("ses tableaux", _TABLEAU),
    emplacement=_T("annexe, expose ou dispositif"), apres=_T("la section ou la décision qu'elle suit, ou rien"))


#: the variables every report type's templates may use
VARIABLES: dict[str, Variable] = {
    "type": _T("nom du type de rapport : rapport-deliberation"),
    "collectivite": _d("la collectivité", nom=_T("Département de la Seine-Saint-Denis"),
                       assemblee=_T("Conseil départemental"), tribunal_administratif=_T("Montreuil")),
    "numero": _T("numéro du point : 06-04"),
    "objet": _T("objet du point (références ${…} résolues)"),
    "direction": _T("direction qui présente le rapport"),
    "service": _T("service (vide s'il n'est pas donné)"),
    "seance": _d("la séance", instance=_T("commission permanente"),
                 date=_T("date de la séance (une date : seance.date|date_longue)"),
                 date_longue=_T("14 septembre 2023"), heure=_T("20:30 (vide si elle n'est pas donnée)"),
                 lieu=_T("à la mairie (vide si non donné)"),
                 convocation=_T("date de la convocation (une date, ou rien)"),
                 president=_T("M. Jean Dupont, Maire (vide si non donné)"),
                 secretaire=_T("Mme Anne Martin (vide si non donné)")),
    "titre_rapport": _T("RAPPORT À LA COMMISSION PERMANENTE"),
    "reunion": _T("Réunion du 14 septembre 2023"),
    "expose": _l("les sections de l'exposé", _d("une section", numero=_T("1, 2, …"), titre=_T("titre (peut être vide)"),
                                                  paragraphes=_l("ses paragraphes", _PARAGRAPHE),
                                                  tableaux=_l("délibération de commune : les tableaux placés après "
                                                              "la section (emplacement: expose)", _TABLEAU))),
    "propositions": _l("les propositions du rapport", _T("D'AUTORISER le versement … ;")),
    "titre_deliberation": _T("Délibération n° 06-04 du 14 septembre 2023"),
    "assemblee_deliberante": _T("La commission permanente du conseil départemental,"),
    "visas": _l("les visas (ceux de la collectivité, puis ceux du point)", _T("Vu la loi n° 92-722 du 29 juillet 1992 …,")),
    "considerants": _l("les considérants", _T("Considérant que …,")),
    "sur_le_rapport": _T("Sur le rapport du président du Conseil départemental,"),
    "decisions": _l("les décisions de la délibération",
                    _d("une décision", article=_T("« Article 1er » si la collectivité numérote ses articles, sinon vide"),
                       texte=_T("AUTORISE le versement … ;"),
                       intitule=_T("délibération de commune : « Article 1er : », « Article premier.- », "
                                   "« Art. 2.- », ou vide"),
                       tableaux=_l("délibération de commune : les tableaux placés après la décision "
                                   "(emplacement: dispositif)", _TABLEAU),
                       vote=_T("délibération de commune : le vote séparé qui s'achève à cette décision "
                               "(« Adopté par 3 voix pour et 2 voix contre. »), ou vide"))),
    "signataire": _d("la signature", formule=_T("Pour le président du Conseil départemental et par délégation, (sur deux lignes)"),
                     qualite=_T("la vice-présidente,"), nom=_T("Mélissa Youssouf")),
    "annexes": _l("les annexes", _ANNEXE),
    "vote": _d("le vote", cases=_l("les cases du tableau de vote (présences puis vote, sur une rangée)",
                                   _d("une case", libelle=_T("Adopté à l'unanimité :"),
                                      valeur=_T("X, un nombre, ou vide"))),
               presences=_l("les cases des présences : membres, présents, représentés, votants (vide pour un "
                            "projet)", _d("une case", libelle=_T("Présents :"), valeur=_T("un nombre"))),
               voix=_l("les cases du vote : exprimés, pour, unanimité, majorité, contre, abstentions…",
                       _d("une case", libelle=_T("Voix pour :"), valeur=_T("X, un nombre, ou vide"))),
               resultat=_T("unanimité, majorité, rejet, ou vide")),
    "dates": _d("les mentions de date de l'acte", mise_en_ligne=_T("Date de publication du présent acte, le …"),
                notification=_T("Date de notification du présent acte, le …"),
                executoire=_T("Certifie que le présent acte est devenu exécutoire le …")),
    "mentions": _T("« Transmis au représentant de l'État le … », « Reçu en préfecture le … (identifiant ACTES …) », "
                   "une ligne par date connue ; vide pour un projet"),
    "recours": _T("mention des voies et délais de recours"),
    # the one-document délibération (type deliberation-commune)
    "registre": _T("délibération de commune : EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL"),
    "preambule": _T("délibération de commune : L'an deux mille vingt-trois, le six février, à vingt heures "
                    "trente, le conseil municipal de la commune de …, dûment convoqué le …, s'est réuni …"),
    "presences": _l("délibération de commune : les lignes des présences (« Nombre de conseillers en exercice : 27 "
                    "— présents : 22 — votants : 25 », présents, représentés, excusés, absents, qui ne prend pas "
                    "part au vote)", _T("une ligne")),
    "secretaire_seance": _T("délibération de commune : Secrétaire de séance : Mme Anne Martin (vide si non donné)"),
    "formule_deliberative": _T("délibération de commune ou de département : Après en avoir délibéré, à "
                               "l'unanimité, (vide si la collectivité n'en imprime pas)"),
    "formule_decision": _T("délibération de commune ou de département : DÉCIDE : (vide si la collectivité n'en "
                           "imprime pas)"),
    "phrase_vote": _T("délibération de commune ou de département : phrase du vote après le dispositif (vide si "
                      "non donnée)"),
    "ainsi_fait": _T("délibération de commune : Ainsi fait et délibéré les jour, mois et an susdits. (ou vide)"),
    "signatures": _l("délibération de commune : les signatures (l'exécutif, puis le secrétaire de séance)",
                     _SIGNATURE),
    "annexes_jointes": _l("délibération de commune : les annexes imprimées après la signature (emplacement: "
                          "annexe)", _ANNEXE),
    "tirets": _T("délibération de commune ou de département : vrai pour un tiret devant chaque décision non "
                 "numérotée"),
    "imprimer": _d("délibération de commune ou de département : ce que la collectivité imprime",
                   vote=_T("vrai pour le tableau de vote"), recours=_T("vrai pour la mention des recours"),
                   dates=_T("vrai pour les cases de dates"),
                   cote_a_cote=_T("délibération de commune : vrai pour les deux signatures côte à côte "
                                  "(formules.signatures: cote_a_cote)")),
}


def variable_du_champ(champ: Any) -> Variable:
    """The description of a type field as a template variable."""
    if champ.type == "table":
        colonnes = {nom: variable_du_champ(spec) for nom, spec in (champ.colonnes or {}).items()}
        return _l(champ.aide, _d("une ligne", numero=_T("1, 2, …"), **colonnes))
    if champ.type == "paragraphes":
        return _l(champ.aide, _PARAGRAPHE)
    if champ.type == "liste":
        return _l(champ.aide, _T("un élément"))
    return _T(champ.aide)
