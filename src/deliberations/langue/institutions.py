"""The words of each assembly and its executive, derived from the kind of collectivité.

Never assembled from free strings: a commune's executive is « le Maire »,
never « le maire du Conseil municipal ». Each function takes the kind
(:data:`NATURES`) and the executive's gender.

>>> titre_executif("commune", "masculin", "Conseil municipal")
'Maire'
>>> sur_le_rapport("commune", "féminin", "Conseil municipal")
'Sur le rapport de Madame la Maire,'
>>> formule_signature("département", "masculin", "Conseil départemental", delegation=True)
'Pour le président du Conseil départemental\\net par délégation,'
>>> formule_signature("epci", "féminin", "Conseil communautaire", delegation=False)
'La Présidente,'
>>> date_en_lettres(datetime.date(2023, 2, 1))
"L'an deux mille vingt-trois, le premier février"
>>> heure_en_lettres("20:30"), heure_en_lettres("21 h"), heure_en_lettres("0h15")
('vingt heures trente', 'vingt et une heures', 'zéro heure quinze')
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from deliberations.langue.formats import nombre_en_lettres
from deliberations.langue.grammaire import de_la, la

#: kinds of collectivité
NATURES = ("département", "région", "commune", "epci", "syndicat", "paris")

Nature = Literal["département", "région", "commune", "epci", "syndicat", "paris"]

Genre = Literal["masculin", "féminin"]

_MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre")

#: words of an assembly's name that tell its kind (first match wins)
_INDICES: tuple[tuple[str, str], ...] = (
    ("conseil de paris", "paris"),
    ("conseil municipal", "commune"),
    ("conseil départemental", "département"),
    ("conseil général", "département"),
    ("conseil régional", "région"),
    ("conseil syndical", "syndicat"),
    ("comité syndical", "syndicat"),
    ("communautaire", "epci"),
    ("conseil de communauté", "epci"),
    ("conseil de la métropole", "epci"),
    ("conseil métropolitain", "epci"),
)


def deviner_nature(assemblee: str, titre_executif_saisi: str = "") -> str | None:
    """The kind of collectivité its assembly's name tells, or ``None``.

    >>> deviner_nature("Conseil municipal"), deviner_nature("Conseil communautaire"), deviner_nature("Assemblée")
    ('commune', 'epci', None)
    """
    texte = assemblee.lower()
    for indice, nature in _INDICES:
        if indice in texte:
            return nature
    if titre_executif_saisi.strip().lower() == "maire":
        return "commune"
    return None


def _executif(nature: str, genre: str) -> str:
    """« Maire », « Président », « Présidente »: the executive's title, capitalised as acts print it."""
    if nature in ("commune", "paris"):
        return "Maire"
    return "Présidente" if genre == "féminin" else "Président"


def titre_executif(nature: str, genre: str, assemblee: str, titre_saisi: str | None = None) -> str:
    """The executive's title as it follows « le » / « la ».

    Départements and régions name their assembly (« président du Conseil
    départemental »); a commune's or EPCI's executive stands alone
    (« Maire », « Président »); Paris's is « Maire de Paris ».
    """
    if nature in ("département", "région"):
        titre = titre_saisi if titre_saisi not in (None, "", "président", "présidente") else (
            "présidente" if genre == "féminin" else "président")
        return f"{titre} {de_la(assemblee)}"
    if nature == "paris":
        return "Maire de Paris"
    return _executif(nature, genre)


def article(genre: str) -> str:
    return "la" if genre == "féminin" else "le"


def civilite(genre: str) -> str:
    return "Madame" if genre == "féminin" else "Monsieur"


def sur_le_rapport(nature: str, genre: str, assemblee: str, titre_saisi: str | None = None) -> str:
    """« Sur le rapport du président du Conseil départemental, », « Sur le rapport de Monsieur le Maire, »."""
    titre = titre_executif(nature, genre, assemblee, titre_saisi)
    if nature in ("département", "région"):
        return f"Sur le rapport {'de la' if genre == 'féminin' else 'du'} {titre},"
    return f"Sur le rapport de {civilite(genre)} {article(genre)} {titre},"


def formule_signature(nature: str, genre: str, assemblee: str, *, delegation: bool,
                      titre_saisi: str | None = None) -> str:
    """« Le Maire, », « Pour le Maire et par délégation, », « Pour le président du … \\net par délégation, »."""
    titre = titre_executif(nature, genre, assemblee, titre_saisi)
    le = article(genre)
    if not delegation:
        return f"{le.capitalize()} {titre},"
    if nature in ("département", "région"):
        return f"Pour {le} {titre}\net par délégation,"
    return f"Pour {le} {titre} et par délégation,"


def secretaire_de_seance(nom: str) -> str:
    """« Le secrétaire de séance, », or « La secrétaire de séance, » for a name typed after « Mme » or « Madame ».

    >>> secretaire_de_seance("Mme Anne Martin"), secretaire_de_seance("M. Paul Martin")
    ('La secrétaire de séance,', 'Le secrétaire de séance,')
    """
    feminin = re.match(r"^\s*(mme|madame|mlle|mademoiselle)\b", nom, re.IGNORECASE)
    return "La secrétaire de séance," if feminin else "Le secrétaire de séance,"


def registre(instance: str) -> str:
    """« EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL »."""
    return f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS {de_la(instance.strip().lower())}".upper()


_NOMS_COMMUNS = {"commune": "la", "ville": "la", "communauté": "la", "métropole": "la", "région": "la",
                 "collectivité": "la", "syndicat": "le", "département": "le", "établissement": "l'"}


def de_la_collectivite(nom: str) -> str:
    """« de la commune de Sainte-Croix », « du syndicat … », « de Paris »: the collectivité after « de ».

    >>> de_la_collectivite("Commune de Sainte-Croix"), de_la_collectivite("Syndicat des eaux")
    ('de la commune de Sainte-Croix', 'du syndicat des eaux')
    >>> de_la_collectivite("Communauté de communes du Pays de Gex"), de_la_collectivite("Paris")
    ('de la communauté de communes du Pays de Gex', 'de Paris')
    """
    premier, _, reste = nom.strip().partition(" ")
    article_ = _NOMS_COMMUNS.get(premier.lower())
    if article_ is None:
        return f"de {nom.strip()}"
    mot = premier.lower() + (f" {reste}" if reste else "")
    if article_ == "le":
        return f"du {mot}"
    return f"de l'{mot}" if article_ == "l'" else f"de la {mot}"


def assemblee_de(instance: str, nom: str, nature: str | None = None) -> str:
    """The assembly as the préambule's subject: « le conseil municipal de la commune de Sainte-Croix ».

    The collectivité's name is not repeated after an assembly that already
    names it:

    >>> assemblee_de("conseil communautaire", "Communauté de communes du Pays de Gex")
    'le conseil communautaire de la communauté de communes du Pays de Gex'
    >>> assemblee_de("conseil de la métropole", "Métropole de Lyon"), assemblee_de("Conseil de Paris", "Ville de Paris", "paris")
    ('le conseil de la métropole de Lyon', 'le Conseil de Paris')
    >>> assemblee_de("comité syndical", "Syndicat des eaux du Lac")
    'le comité syndical du syndicat des eaux du Lac'
    """
    instance = instance.strip()
    if nature == "paris" or "paris" in instance.lower():
        return "le Conseil de Paris"
    instance = instance[:1].lower() + instance[1:]
    premier = nom.strip().partition(" ")[0].lower()
    m = re.match(rf"^(.*?)\s+(?:de la|du|de l'|des|de)\s+{re.escape(premier)}$", instance, re.IGNORECASE)
    if premier in _NOMS_COMMUNS and m:
        instance = m.group(1)
    return f"{la(instance)} {de_la_collectivite(nom)}"


def date_en_lettres(date: datetime.date) -> str:
    """« L'an deux mille vingt-trois, le six février » (« le premier » for day one)."""
    jour = "premier" if date.day == 1 else nombre_en_lettres(date.day)
    return f"L'an {nombre_en_lettres(date.year)}, le {jour} {_MOIS[date.month - 1]}"


_HEURE = re.compile(r"^\s*(\d{1,2})\s*(?::|h|H|heures?)\s*(\d{2})?\s*$")


def lire_heure(texte: str) -> tuple[int, int]:
    """(20, 30) from « 20:30 », « 20h30 », « 20 h 30 », « 20 heures 30 » or « 20 h »; ``ValueError`` otherwise."""
    m = _HEURE.match(texte)
    if not m:
        raise ValueError(f"heure illisible « {texte} » : écrivez par exemple 20:30 ou 20 h 30")
    heures, minutes = int(m.group(1)), int(m.group(2) or 0)
    if heures > 23 or minutes > 59:
        raise ValueError(f"heure impossible « {texte} » : de 0:00 à 23:59")
    return heures, minutes


def heure_en_lettres(texte: str) -> str:
    """« vingt heures trente », « vingt et une heures », « une heure »."""
    heures, minutes = lire_heure(texte)
    mot = nombre_en_lettres(heures, feminin=True)
    sortie = f"{mot} {'heures' if heures >= 2 else 'heure'}"
    if minutes:
        sortie += f" {nombre_en_lettres(minutes, feminin=True)}"
    return sortie
