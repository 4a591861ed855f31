"""Verbs of French deliberative practice, in the two forms an act needs.

A rapport lists its propositions in the infinitive, introduced by a
capitalised preposition (« D'AUTORISER le versement… », « DE DÉCIDER… »);
the délibération adopted states the same decisions in the third person
singular of the present indicative (« AUTORISE le versement… »,
« DÉCIDE… »).  Each proposition is typed once, as a verb plus its text;
this module derives both forms from a curated table, :data:`VERBES`.

Nothing is guessed: a verb missing from the table raises
:class:`VerbeInconnu`, whose message tells the user how to give both forms
explicitly.

>>> infinitif("autoriser"), indicatif("autoriser")
("D'AUTORISER", 'AUTORISE')
>>> infinitif("prendre acte"), indicatif("prendre acte")
('DE PRENDRE ACTE', 'PREND ACTE')
"""

from __future__ import annotations

import difflib
import re
import types
import unicodedata
from collections.abc import Mapping

__all__ = [
    "H_ASPIRE",
    "H_MUET",
    "VERBES",
    "VerbeInconnu",
    "connu",
    "desaccords",
    "indicatif",
    "infinitif",
]

# Infinitive (lowercase, normalised) -> 3rd person singular present indicative.
# Phrases conjugate their verb only; the complement is copied unchanged.
# Spelling is the traditional one (« renouvelle », « reconnaît », « clôt »),
# which the 1990 rectifications still accept.
_TABLE: dict[str, str] = {
    # --- 1st group, regular (-er -> -e) ---------------------------------
    "abonder": "abonde",
    "abroger": "abroge",
    "accepter": "accepte",
    "accorder": "accorde",
    "acter": "acte",
    "actualiser": "actualise",
    "adopter": "adopte",
    "affecter": "affecte",
    "affirmer": "affirme",
    "agréer": "agrée",
    "allouer": "alloue",
    "aménager": "aménage",
    "annuler": "annule",
    "appliquer": "applique",
    "approuver": "approuve",
    "arrêter": "arrête",
    "attribuer": "attribue",
    "augmenter": "augmente",
    "autoriser": "autorise",
    "charger": "charge",
    "classer": "classe",
    "clôturer": "clôture",
    "confier": "confie",
    "confirmer": "confirme",
    "constater": "constate",
    "contracter": "contracte",
    "corriger": "corrige",
    "créer": "crée",
    "décider": "décide",
    "déclarer": "déclare",
    "déclasser": "déclasse",
    "demander": "demande",
    "dénoncer": "dénonce",
    "dénommer": "dénomme",
    "déroger": "déroge",
    "désaffecter": "désaffecte",
    "désigner": "désigne",
    "déterminer": "détermine",
    "diminuer": "diminue",
    "échanger": "échange",
    "effectuer": "effectue",
    "emprunter": "emprunte",
    "encaisser": "encaisse",
    "engager": "engage",
    "entériner": "entérine",
    "ériger": "érige",
    "évaluer": "évalue",
    "exiger": "exige",
    "exprimer": "exprime",
    "financer": "finance",
    "fixer": "fixe",
    "formuler": "formule",
    "imputer": "impute",
    "incorporer": "incorpore",
    "indexer": "indexe",
    "indiquer": "indique",
    "individualiser": "individualise",
    "installer": "installe",
    "instaurer": "instaure",
    "instituer": "institue",
    "intenter": "intente",
    "interpeller": "interpelle",
    "inviter": "invite",
    "lancer": "lance",
    "louer": "loue",
    "majorer": "majore",
    "mandater": "mandate",
    "minorer": "minore",
    "modifier": "modifie",
    "nommer": "nomme",
    "noter": "note",
    "notifier": "notifie",
    "œuvrer": "œuvre",
    "opposer": "oppose",
    "passer": "passe",
    "porter": "porte",
    "préciser": "précise",
    "prolonger": "prolonge",
    "prononcer": "prononce",
    "proposer": "propose",
    "proroger": "proroge",
    "ratifier": "ratifie",
    "réaffirmer": "réaffirme",
    "réaliser": "réalise",
    "rectifier": "rectifie",
    "recouvrer": "recouvre",
    "recruter": "recrute",
    "rédiger": "rédige",
    "refuser": "refuse",
    "régulariser": "régularise",
    "rembourser": "rembourse",
    "remercier": "remercie",
    "remplacer": "remplace",
    "renoncer": "renonce",
    "rapporter": "rapporte",
    "réserver": "réserve",
    "résilier": "résilie",
    "restituer": "restitue",
    "retirer": "retire",
    "revaloriser": "revalorise",
    "réviser": "révise",
    "signer": "signe",
    "solder": "solde",
    "solliciter": "sollicite",
    "souhaiter": "souhaite",
    "substituer": "substitue",
    "supprimer": "supprime",
    "transformer": "transforme",
    "utiliser": "utilise",
    "valider": "valide",
    "verser": "verse",
    "voter": "vote",
    # --- h muet (elision « D'H… ») and h aspiré (« DE H… ») --------------
    "habiliter": "habilite",
    "harmoniser": "harmonise",
    "hausser": "hausse",
    "héberger": "héberge",
    "homologuer": "homologue",
    "honorer": "honore",
    "hypothéquer": "hypothèque",
    # --- 1st group, é -> è before a final consonant syllable -------------
    "accéder": "accède",
    "adhérer": "adhère",
    "céder": "cède",
    "compléter": "complète",
    "concéder": "concède",
    "considérer": "considère",
    "déléguer": "délègue",
    "exonérer": "exonère",
    "intégrer": "intègre",
    "libérer": "libère",
    "préférer": "préfère",
    "procéder": "procède",
    "protéger": "protège",
    "réitérer": "réitère",
    "régler": "règle",
    "transférer": "transfère",
    # --- 1st group, mute e -> è ------------------------------------------
    "achever": "achève",
    "acheter": "achète",
    "lever": "lève",
    "mener": "mène",
    "prélever": "prélève",
    "racheter": "rachète",
    "relever": "relève",
    # --- 1st group, -eler / -eter doubling the consonant -----------------
    "appeler": "appelle",
    "rappeler": "rappelle",
    "rejeter": "rejette",
    "renouveler": "renouvelle",
    # --- 1st group, -oyer / -uyer: y -> i ---------------------------------
    "appuyer": "appuie",
    "déployer": "déploie",
    "employer": "emploie",
    "octroyer": "octroie",
    "renvoyer": "renvoie",
    # --- 2nd group (-ir -> -it) ------------------------------------------
    "abolir": "abolit",
    "amortir": "amortit",
    "assujettir": "assujettit",
    "choisir": "choisit",
    "définir": "définit",
    "élargir": "élargit",
    "établir": "établit",
    "fournir": "fournit",
    "garantir": "garantit",
    "investir": "investit",
    "répartir": "répartit",
    "rétablir": "rétablit",
    "saisir": "saisit",
    # --- 3rd group, -ir --------------------------------------------------
    "acquérir": "acquiert",
    "consentir": "consent",
    "intervenir": "intervient",
    "maintenir": "maintient",
    "obtenir": "obtient",
    "offrir": "offre",
    "ouvrir": "ouvre",
    "retenir": "retient",
    "revenir": "revient",
    "sortir": "sort",
    "soutenir": "soutient",
    # --- 3rd group, -re --------------------------------------------------
    "admettre": "admet",
    "conclure": "conclut",
    "clore": "clôt",
    "construire": "construit",
    "défendre": "défend",
    "dire": "dit",
    "dissoudre": "dissout",
    "élire": "élit",
    "émettre": "émet",
    "éteindre": "éteint",
    "étendre": "étend",
    "exclure": "exclut",
    "faire": "fait",
    "inscrire": "inscrit",
    "interdire": "interdit",
    "poursuivre": "poursuit",
    "prendre": "prend",
    "prescrire": "prescrit",
    "reconduire": "reconduit",
    "reconnaître": "reconnaît",
    "réduire": "réduit",
    "réélire": "réélit",
    "remettre": "remet",
    "rendre": "rend",
    "reprendre": "reprend",
    "rompre": "rompt",
    "soumettre": "soumet",
    "souscrire": "souscrit",
    "suspendre": "suspend",
    "transmettre": "transmet",
    "vendre": "vend",
    # --- 3rd group, -oir -------------------------------------------------
    "percevoir": "perçoit",
    "pourvoir": "pourvoit",
    "prévoir": "prévoit",
    "recevoir": "reçoit",
    # --- verbal phrases --------------------------------------------------
    "admettre en non-valeur": "admet en non-valeur",
    "donner acte": "donne acte",
    "donner délégation": "donne délégation",
    "donner mandat": "donne mandat",
    "donner pouvoir": "donne pouvoir",
    "donner son accord": "donne son accord",
    "donner un avis favorable": "donne un avis favorable",
    "émettre un avis": "émet un avis",
    "émettre un avis défavorable": "émet un avis défavorable",
    "émettre un avis favorable": "émet un avis favorable",
    "émettre un vœu": "émet un vœu",
    "faire droit": "fait droit",
    "mettre à disposition": "met à disposition",
    "mettre à jour": "met à jour",
    "mettre en œuvre": "met en œuvre",
    "mettre en place": "met en place",
    "mettre fin": "met fin",
    "prendre acte": "prend acte",
    "prendre connaissance": "prend connaissance",
    "prendre en charge": "prend en charge",
    "prendre note": "prend note",
    "rendre compte": "rend compte",
    "surseoir à statuer": "sursoit à statuer",
    # --- pronominal verbs ------------------------------------------------
    "s'abstenir": "s'abstient",
    "s'associer": "s'associe",
    "s'engager": "s'engage",
    "s'opposer": "s'oppose",
    "se constituer partie civile": "se constitue partie civile",
    "se prononcer": "se prononce",
    "se retirer": "se retire",
}

VERBES: Mapping[str, str] = types.MappingProxyType(_TABLE)
"""Read-only table: normalised infinitive -> indicative (3rd person singular), lowercase."""

H_MUET: frozenset[str] = frozenset(
    {
        "habiliter", "habiter", "harmoniser", "héberger", "hériter",
        "homologuer", "honorer", "humaniser", "hypothéquer",
    }
)
"""Verbs whose initial h is mute: the preposition elides (« D'HABILITER »)."""

H_ASPIRE: frozenset[str] = frozenset({"hacher", "hausser", "hâter", "heurter", "hisser"})
"""Verbs whose initial h is aspirated: no elision (« DE HAUSSER »).

An unknown h-verb is treated as aspirated; only the error message's example
uses that default, since unknown verbs are never conjugated."""

_VOYELLES = frozenset("aeiouyàâäéèêëîïôöùûüÿæœ")
_CONSONNE = r"(?:gu|qu|[bcçdfghjklmnpqrstvwxz]+)"


class VerbeInconnu(ValueError):
    """A verb absent from :data:`VERBES`; the message says how to give both forms.

    >>> try:
    ...     indicatif("autoriez")
    ... except VerbeInconnu as erreur:
    ...     erreur.suggestions
    ('autoriser',)
    """

    def __init__(self, verbe: str, suggestions: tuple[str, ...] = ()) -> None:
        self.verbe = verbe
        self.suggestions = suggestions
        super().__init__(_message(verbe, suggestions))


def _normaliser(v: str) -> str:
    """Normalise a typed verb: NFC, lowercase, straight apostrophe, single spaces."""
    if not isinstance(v, str):
        raise TypeError(f"verbe attendu sous forme de texte, reçu {type(v).__name__}")
    v = unicodedata.normalize("NFC", v).replace("\u2019", "'").replace("\u02bc", "'")
    return " ".join(v.lower().split())


def _prefixe(v: str) -> str:
    """Return « D' » or « DE » for a normalised infinitive (elision rule)."""
    premier_mot = v.split(" ", 1)[0]
    initiale = v[:1]
    if initiale in _VOYELLES or (initiale == "h" and premier_mot in H_MUET):
        return "D'"
    return "DE "


def _indicatif_probable(v: str) -> str | None:
    """Guess the indicative of an unknown verb, only to illustrate the error message.

    The guess is never used as a form: the user must confirm it explicitly.

    >>> _indicatif_probable("flécher"), _indicatif_probable("flétrir"), _indicatif_probable("foudroyer")
    ('flèche', 'flétrit', 'foudroie')
    >>> _indicatif_probable("pourfendre"), _indicatif_probable("maudire un avis"), _indicatif_probable("choir")
    ('pourfend', 'maudit un avis', 'choit')
    >>> _indicatif_probable("flibuster un avis"), _indicatif_probable("ester") , _indicatif_probable("clore")
    ('flibuste un avis', 'este', None)
    """
    mot, espace, reste = v.partition(" ")
    if mot.endswith(("oyer", "uyer")):
        conjugue = mot[:-3] + "ie"
    elif mot.endswith("er") and len(mot) > 2:
        radical = re.sub(rf"é({_CONSONNE})$", r"è\1", mot[:-2])
        conjugue = radical + "e"
    elif mot.endswith("ir") and len(mot) > 2:
        conjugue = mot[:-1] + "t"
    elif mot.endswith(("dre", "ttre")) and len(mot) > 4:
        conjugue = mot[:-3] if mot.endswith("ttre") else mot[:-2]
    elif mot.endswith("ire") and len(mot) > 3:
        conjugue = mot[:-2] + "t"
    else:
        return None
    return conjugue + espace + reste


def _message(verbe: str, suggestions: tuple[str, ...]) -> str:
    if verbe:
        exemple_verbe = verbe
        exemple_inf = _prefixe(verbe) + verbe.upper()
        probable = _indicatif_probable(verbe)
        exemple_ind = probable.upper() if probable else "…"
        debut = f"verbe inconnu : « {verbe} »."
    else:
        exemple_verbe, exemple_inf, exemple_ind = "flibuster", "DE FLIBUSTER", "FLIBUSTE"
        debut = "verbe vide."
    # Same keys as an input file's proposition; double quotes dropped so the example stays valid YAML.
    inf_cite, ind_cite = (forme.replace('"', "") for forme in (exemple_inf, exemple_ind))
    exemple = f'{{verbe: {exemple_verbe}, infinitif: "{inf_cite}", indicatif: "{ind_cite}"}}'
    if suggestions:
        proposees = " ou ".join(f"« {s} »" for s in suggestions)
        return f"{debut} Vouliez-vous dire {proposees} ? Sinon, donnez les deux formes, par exemple : {exemple}"
    return f"{debut} Donnez les deux formes, par exemple : {exemple}"


def _chercher(v: str) -> tuple[str, str]:
    """Return (normalised infinitive, indicative) or raise :class:`VerbeInconnu`."""
    cle = _normaliser(v)
    try:
        return cle, _TABLE[cle]
    except KeyError:
        pass
    suggestions = tuple(difflib.get_close_matches(cle, _TABLE, n=3, cutoff=0.75)) if cle else ()
    raise VerbeInconnu(cle, suggestions)


def connu(v: str) -> bool:
    """Tell whether *v* is in the table (case, spaces and apostrophe style ignored).

    >>> connu("Prendre  acte"), connu("flibuster")
    (True, False)
    """
    return _normaliser(v) in _TABLE


def infinitif(v: str) -> str:
    """Rapport form: capitalised preposition (elided if needed) and infinitive.

    >>> infinitif("autoriser")
    "D'AUTORISER"
    >>> infinitif("DÉCIDER")
    'DE DÉCIDER'
    >>> infinitif("habiliter"), infinitif("émettre un avis")
    ("D'HABILITER", "D'ÉMETTRE UN AVIS")
    >>> infinitif("flibuster")
    Traceback (most recent call last):
    ...
    deliberations.langue.verbes.VerbeInconnu: verbe inconnu : « flibuster ». Donnez les deux formes, par exemple : {verbe: flibuster, infinitif: "DE FLIBUSTER", indicatif: "FLIBUSTE"}
    """
    cle, _ = _chercher(v)
    return _prefixe(cle) + cle.upper()


def indicatif(v: str) -> str:
    """Délibération form: 3rd person singular present indicative, uppercase.

    >>> indicatif("autoriser"), indicatif("céder"), indicatif("renouveler")
    ('AUTORISE', 'CÈDE', 'RENOUVELLE')
    >>> indicatif("  Prendre   acte "), indicatif("recevoir")
    ('PREND ACTE', 'REÇOIT')
    >>> indicatif("autoriez")
    Traceback (most recent call last):
    ...
    deliberations.langue.verbes.VerbeInconnu: verbe inconnu : « autoriez ». Vouliez-vous dire « autoriser » ? Sinon, donnez les deux formes, par exemple : {verbe: autoriez, infinitif: "D'AUTORIEZ", indicatif: "…"}
    """
    _, forme = _chercher(v)
    return forme.upper()


def _sans_preposition(forme: str) -> str:
    return re.sub(r"^(?:de\s+|d'\s*)", "", forme)


def desaccords(verbe: str, infinitif_: str | None = None, indicatif_: str | None = None) -> list[tuple[str, str]]:
    """Explicit forms that contradict their verb: ``(field, French message)`` pairs.

    The rapport prints the infinitive, the délibération the indicative: forms
    that are not those of ``verbe`` would make them say different things.
    For a known verb each given form must be the table's (case, spaces and
    apostrophe style aside); for an unknown one the infinitive must be the
    verb after its preposition, and the indicative may not be another known
    verb's.

    >>> desaccords("autoriser", "D'AUTORISER", "autorise")
    []
    >>> desaccords("flibuster", "DE FLIBUSTER", "FLIBUSTE")
    []
    >>> [champ for champ, _ in desaccords("autoriser", "D'APPROUVER")]
    ['infinitif']
    >>> [champ for champ, _ in desaccords("flibuster", "DE FLIBUSTER", "AUTORISE")]
    ['indicatif']
    """
    cle = _normaliser(verbe)
    connu_ = cle in _TABLE
    retirez = " (retirez-la : elle se déduit du verbe)" if connu_ else ""
    sortie: list[tuple[str, str]] = []
    if infinitif_ is not None:
        donne = _normaliser(infinitif_)
        juste = donne == _normaliser(_prefixe(cle) + cle) if connu_ else _sans_preposition(donne) == cle
        if not juste:
            forme = f"« {_prefixe(cle) + cle.upper()} »"
            attendu = f" : {forme}" if connu_ else f" précédé de « de » ou « d' » : {forme}"
            sortie.append(("infinitif", f"la forme « {infinitif_.strip()} » n'est pas l'infinitif du verbe "
                                        f"« {cle} », attendu{attendu}{retirez} ; sinon le rapport et la "
                                        "délibération ne diraient pas la même chose"))
    if indicatif_ is not None:
        donne = _normaliser(indicatif_)
        if connu_:
            faux = donne != _TABLE[cle]
        else:
            faux = any(forme == donne and autre != cle for autre, forme in _TABLE.items())
        if faux:
            attendu = f", attendu : « {_TABLE[cle].upper()} »" if connu_ else ""
            sortie.append(("indicatif", f"la forme « {indicatif_.strip()} » n'est pas l'indicatif du verbe "
                                        f"« {cle} »{attendu}{retirez} ; sinon le rapport et la délibération ne "
                                        "diraient pas la même chose"))
    return sortie
