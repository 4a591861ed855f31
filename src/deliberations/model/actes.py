"""ACTES, the State's transmission protocol: the natures of acts and the classification of matières.

The six natures are fixed by the protocol. The matières are each
préfecture's classification (at least two levels, « 7.5 » Finances locales /
Subventions); the national first two levels ship here, and a préfecture's
own file (:func:`deliberations.entree.classification.lire_classification`)
replaces them, with its version date.

The national levels are those the préfectures publish and public ACTES
tools reproduce (for instance the matières lists of the open-source
S²LOW-based and collectivité tools found with the search tool); labels
are written in correct French (accents, « œ »).

>>> CLASSIFICATION_NATIONALE.matiere("7.5").libelle
'Subventions'
>>> CLASSIFICATION_NATIONALE.nom_scdl("7.5")
'finances locales/subventions'
>>> nature("DE")
('1', 'DE', 'Délibérations')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

#: code → (abbreviation, label): the six natures of the protocol
NATURES: dict[str, tuple[str, str]] = {
    "1": ("DE", "Délibérations"),
    "2": ("AR", "Actes réglementaires"),
    "3": ("AI", "Actes individuels"),
    "4": ("CC", "Contrats, conventions et avenants"),
    "5": ("BF", "Documents budgétaires et financiers"),
    "6": ("AU", "Autres"),
}

_CODE = re.compile(r"[1-9]\d*(?:\.[1-9]\d*)*")


_ACTES = re.compile(r"[A-Z0-9](?:[A-Z0-9_]{0,13}[A-Z0-9])?")


def lire_nature(valeur: object) -> str:
    """A nature as typed (« DE », « de », « 1 ») → its abbreviation; pydantic's validator."""
    trouvee = nature(str(valeur)) if isinstance(valeur, (str, int)) and not isinstance(valeur, bool) else None
    if trouvee is None:
        raise ValueError(f"nature ACTES inconnue : « {valeur} » (DE, AR, AI, CC, BF ou AU, ou leur code 1 à 6)")
    return trouvee[1]


def lire_matiere(valeur: object) -> str:
    """A matière code as typed (« 7.5 »). A float is refused: 7.10 (Divers) would have become 7.1."""
    if isinstance(valeur, float):
        raise ValueError(f"matière ACTES « {valeur} » donnée comme un nombre : écrivez-la comme un texte, "
                         "« 7.10 » n'est pas « 7.1 »")
    texte = str(valeur).strip() if isinstance(valeur, (str, int)) and not isinstance(valeur, bool) else ""
    if not _CODE.fullmatch(texte):
        raise ValueError(f"matière ACTES illisible : « {valeur} » (des nombres séparés par des points : 7.5)")
    return texte


def lire_numero_actes(valeur: object) -> str:
    texte = str(valeur).strip() if isinstance(valeur, (str, int)) and not isinstance(valeur, bool) else ""
    if not _ACTES.fullmatch(texte):
        raise ValueError(f"numéro ACTES invalide : « {valeur} » (1 à 15 caractères : chiffres, majuscules et _, "
                         "sans _ au début ni à la fin)")
    return texte


_JETON = re.compile(r"\{([^{}]*)\}")
#: the tokens of a numbering pattern besides the counter ({0}, {00}, {000}…)
JETONS_DE_DATE = {"AAAA": "%Y", "AA": "%y", "MM": "%m", "JJ": "%d"}
_COMPTEUR = re.compile(r"0+")


def jetons_du_motif(motif: str) -> list[str]:
    """The tokens of a numbering pattern (``DEL{AAAA}_{000}`` → ``["AAAA", "000"]``); ValueError if it is wrong."""
    if not motif.strip():
        raise ValueError("motif de numérotation vide : donnez par exemple « DEL{AAAA}_{000} »")
    reste = _JETON.sub("", motif)
    if "{" in reste or "}" in reste:
        raise ValueError(f"motif de numérotation « {motif} » : accolade sans sa paire")
    jetons = _JETON.findall(motif)
    inconnus = [j for j in jetons if j not in JETONS_DE_DATE and j != "rang" and not _COMPTEUR.fullmatch(j)]
    if inconnus:
        raise ValueError(
            f"motif de numérotation « {motif} » : {', '.join('{' + j + '}' for j in inconnus)} inconnu ; "
            "jetons permis : {AAAA}, {AA}, {MM}, {JJ}, {rang}, et le compteur {0}, {00}, {000}…")
    if sum(1 for j in jetons if _COMPTEUR.fullmatch(j)) > 1:
        raise ValueError(f"motif de numérotation « {motif} » : deux compteurs ; un seul est permis")
    return jetons


def lire_motif(valeur: object) -> str:
    """A numbering pattern as typed in a profile, its tokens checked."""
    if not isinstance(valeur, str):
        raise ValueError(f"motif de numérotation attendu, comme « DEL{{AAAA}}_{{000}} » : « {valeur} »")
    jetons_du_motif(valeur)
    return valeur


def deriver_numero_actes(numero: str) -> str:
    """The ACTES number of a display number: capitals, digits and ``_`` (accents dropped, other signs → ``_``).

    >>> deriver_numero_actes("2024-04-012"), deriver_numero_actes("dél. 2023/14")
    ('2024_04_012', 'DEL_2023_14')

    Raises :class:`ValueError` (in French) when nothing or more than 15 characters remain.
    """
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", numero) if not unicodedata.combining(c))
    derive = re.sub(r"[^A-Z0-9]+", "_", sans_accents.upper()).strip("_")
    if not derive:
        raise ValueError(f"numéro « {numero} » : le numéro ACTES qui en dérive est vide")
    if len(derive) > 15:
        raise ValueError(f"numéro « {numero} » : le numéro ACTES qui en dérive, « {derive} », a {len(derive)} "
                         "caractères (15 caractères au plus) ; donnez un numéro ACTES plus court (actes.numero)")
    return derive


def siret_valide(siret: str) -> bool:
    """14 digits with a valid Luhn key (La Poste's establishments: the digits add up to a multiple of 5)."""
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if siret.startswith("356000000"):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for rang, chiffre in enumerate(reversed(siret)):
        valeur = int(chiffre) * (2 if rang % 2 else 1)
        total += valeur - 9 if valeur > 9 else valeur
    return total % 10 == 0


def lire_siret(valeur: object) -> str:
    texte = re.sub(r"[ \u00a0\u202f]", "", str(valeur)) if isinstance(valeur, (str, int)) else ""
    if not siret_valide(texte):
        raise ValueError(f"SIRET invalide : « {valeur} » (14 chiffres dont le dernier est une clé de contrôle)")
    return texte


def nature(saisi: str) -> tuple[str, str, str] | None:
    """(code, abbreviation, label) of a nature given by its code (« 1 ») or abbreviation (« DE »), or None."""
    saisi = saisi.strip().upper()
    for code, (abrege, libelle) in NATURES.items():
        if saisi in (code, abrege):
            return code, abrege, libelle
    return None


@dataclass(frozen=True)
class Matiere:
    """One matière: its dotted code (« 7.5 »), its label, the labels of the levels above it."""

    code: str
    libelle: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Classification:
    """A classification of matières (and the natures it lists), with its version date and where it came from."""

    matieres: dict[str, Matiere]
    date: dt.date | None = None
    source: str = "classification nationale"
    natures: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(NATURES))

    def matiere(self, code: str) -> Matiere | None:
        return self.matieres.get(code.strip())

    def probleme(self, code: str) -> str | None:
        """Why ``code`` is not a matière of this classification (in French), or None when it is one."""
        code = code.strip()
        if not _CODE.fullmatch(code):
            return (f"matière ACTES « {code} » illisible : des nombres séparés par des points, "
                    "par exemple « 7.5 »")
        if "." not in code:
            libelle = self.matieres[code].libelle if code in self.matieres else "?"
            return (f"matière ACTES « {code} » ({libelle}) : au moins deux niveaux sont demandés, "
                    f"par exemple « {code}.1 »")
        if code not in self.matieres:
            return f"matière ACTES « {code} » inconnue de la {self._nom()}"
        return None

    def nom_scdl(self, code: str) -> str:
        """The SCDL name of a matière: levels 1 and 2 in lower case, « sans virgule ni parenthèse », joined by « / »."""
        matiere = self.matieres[code.strip()]
        niveaux = (*matiere.parents, matiere.libelle)[:2]
        return "/".join(" ".join(re.sub(r"[,()]", " ", n.lower()).split()) for n in niveaux)

    def _nom(self) -> str:
        date = f" du {self.date:%d/%m/%Y}" if self.date else ""
        return self.source if self.source == "classification nationale" else f"classification{date} ({self.source})"


def classification(entrees: list[tuple[str, str]], **autres: object) -> Classification:
    """A classification from (code, label) pairs given parents first."""
    matieres: dict[str, Matiere] = {}
    for code, libelle in entrees:
        parent = code.rpartition(".")[0]
        parents = (*matieres[parent].parents, matieres[parent].libelle) if parent else ()
        matieres[code] = Matiere(code, libelle, parents)
    return Classification(matieres, **autres)  # type: ignore[arg-type]


_NATIONALE = {
    "1": ("Commande publique", ["Marchés publics", "Délégations de service public", "Conventions de mandat",
                                "Autres contrats", "Transactions (protocole d'accord transactionnel)",
                                "Maîtrise d'œuvre", "Actes spéciaux et divers"]),
    "2": ("Urbanisme", ["Documents d'urbanisme", "Actes relatifs au droit d'occupation ou d'utilisation des sols",
                        "Droit de préemption urbain"]),
    "3": ("Domaine et patrimoine", ["Acquisitions", "Aliénations", "Locations", "Limites territoriales",
                                    "Actes de gestion du domaine public", "Actes de gestion du domaine privé"]),
    "4": ("Fonction publique", ["Personnels titulaires et stagiaires de la F.P.T.", "Personnels contractuels",
                                "Fonction publique hospitalière", "Autres catégories de personnels",
                                "Régime indemnitaire"]),
    "5": ("Institutions et vie politique", ["Élection exécutif", "Fonctionnement des assemblées",
                                            "Désignation de représentants", "Délégation de fonctions",
                                            "Délégation de signature", "Exercice des mandats locaux",
                                            "Intercommunalité", "Décision d'ester en justice"]),
    "6": ("Libertés publiques et pouvoirs de police", ["Police municipale",
                                                       "Pouvoir du président du conseil départemental",
                                                       "Pouvoir du président du conseil régional",
                                                       "Autres actes réglementaires", "Actes pris au nom de l'État"]),
    "7": ("Finances locales", ["Décisions budgétaires", "Fiscalité", "Emprunts",
                               "Interventions économiques en faveur des entreprises", "Subventions",
                               "Contributions budgétaires", "Avances", "Fonds de concours",
                               "Prise de participation (SEM, etc.)", "Divers"]),
    "8": ("Domaines de compétences par thèmes", ["Enseignement", "Aide sociale", "Voirie", "Aménagement du territoire",
                                                 "Politique de la ville, habitat, logement",
                                                 "Emploi, formation professionnelle", "Transports", "Environnement",
                                                 "Culture"]),
    "9": ("Autres domaines de compétences", ["Autres domaines de compétences des communes",
                                             "Autres domaines de compétences des départements",
                                             "Autres domaines de compétences des régions", "Vœux et motions"]),
}

#: the national first two levels
CLASSIFICATION_NATIONALE = classification(
    [pair for code, (libelle, sous) in _NATIONALE.items()
     for pair in [(code, libelle), *((f"{code}.{k}", s) for k, s in enumerate(sous, 1))]])
