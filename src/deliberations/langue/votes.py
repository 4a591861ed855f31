"""The French of attendance and votes: « à l'unanimité », « par 21 voix pour, 3 voix contre et 2 abstentions »,
« Nombre de conseillers en exercice : 27 — présents : 22 — votants : 25 », « Absente excusée : Mme Anne Martin ».

Figures are written in digits, as acts print them; « voix » is invariable,
« abstention » agrees in number; lists are joined with « et »; the heading
of a list of names agrees with them (« Absent excusé », « Absentes
excusées »), the gender read from the civility (« Mme », « Madame »…).
"""

from __future__ import annotations

from typing import Sequence

from deliberations.langue.grammaire import enumerer

_FEMININ = ("mme", "madame", "mlle", "mademoiselle")


def feminin(nom: str) -> bool:
    """A name whose civility is feminine: « Mme Anne Martin », « Madame X »."""
    premier = nom.strip().split(" ", 1)[0].rstrip(".").lower()
    return premier in _FEMININ


def accorder(masculin: str, noms: Sequence[str]) -> str:
    """« Présent », « Présente », « Présents », « Présentes » for the names (every word of ``masculin`` agrees)."""
    tous_feminins = bool(noms) and all(feminin(n) for n in noms)
    mots = []
    for mot in masculin.split(" "):
        if tous_feminins:
            mot += "e"
        if len(noms) > 1:
            mot += "s"
        mots.append(mot)
    return " ".join(mots)


def abstentions(n: int) -> str:
    return f"{n} abstention{'s' if n > 1 else ''}"


def phrase_vote(pour: int | None, contre: int | None, abstentions_: int | None, resultat: str | None,
                scrutin: str | None = None) -> str:
    """How the act says the vote, after « Après en avoir délibéré, »; empty for a vote not yet counted.

    >>> phrase_vote(25, 0, 0, "unanimité")
    "à l'unanimité"
    >>> phrase_vote(23, 0, 2, "unanimité")
    "à l'unanimité des suffrages exprimés"
    >>> phrase_vote(21, 3, 2, "majorité")
    'par 21 voix pour, 3 voix contre et 2 abstentions'
    """
    prefixe = {"secret": "au scrutin secret, ", "public": "au scrutin public, "}.get(scrutin or "", "")
    n_abst = abstentions_ or 0
    if resultat == "unanimité" and not contre:
        return prefixe + ("à l'unanimité des suffrages exprimés" if n_abst else "à l'unanimité")
    if pour is None:
        return ""
    morceaux = [f"{pour} voix pour"]
    if contre:
        morceaux.append(f"{contre} voix contre")
    if n_abst:
        morceaux.append(abstentions(n_abst))
    return f"{prefixe}par {enumerer(morceaux)}"


def phrase_resultat(pour: int | None, contre: int | None, abstentions_: int | None, resultat: str | None,
                    scrutin: str | None = None) -> str:
    """A vote stated on its own, after the decisions it covers: « Adopté à l'unanimité. », « Rejeté par … »."""
    if resultat is None:
        return ""
    verbe = "Rejeté" if resultat == "rejet" else "Adopté"
    suite = phrase_vote(pour, contre, abstentions_, resultat, scrutin)
    return f"{verbe} {suite}." if suite else f"{verbe}."


def decompte(membres: str, en_exercice: int | None, presents: int | None, votants: int | None) -> str:
    """« Nombre de conseillers en exercice : 27 — présents : 22 — votants : 25 » (the parts known)."""
    morceaux = []
    if en_exercice is not None:
        morceaux.append(f"Nombre de {membres} en exercice : {en_exercice}")
    if presents is not None:
        morceaux.append(f"présents : {presents}" if morceaux else f"Présents : {presents}")
    if votants is not None:
        morceaux.append(f"votants : {votants}" if morceaux else f"Votants : {votants}")
    return " — ".join(morceaux)


def ligne_noms(intitule: str, noms: Sequence[str]) -> str:
    """« Présents : M. A, Mme B et M. C. »; empty without names."""
    if not noms:
        return ""
    return f"{accorder(intitule, noms)} : {enumerer(list(noms))}."


def ligne_pouvoirs(pouvoirs: Sequence[tuple[str, str]]) -> str:
    """« Absente représentée : Mme A, pouvoir à M. B. », several separated by « ; »."""
    if not pouvoirs:
        return ""
    mandants = [de for de, _ in pouvoirs]
    return f"{accorder('Absent représenté', mandants)} : " + " ; ".join(f"{de}, pouvoir à {a}" for de, a in pouvoirs) + "."


def lignes_des_membres(presents: Sequence[str], pouvoirs: Sequence[tuple[str, str]], excuses: Sequence[str],
                       absents: Sequence[str]) -> list[str]:
    """The lists an act or a procès-verbal prints, in that order: présents, représentés, excusés, absents."""
    lignes = [ligne_noms("Présent", presents), ligne_pouvoirs(pouvoirs), ligne_noms("Absent excusé", excuses),
              ligne_noms("Absent", absents)]
    return [ligne for ligne in lignes if ligne]


def ne_prennent_pas_part(noms: Sequence[str]) -> str:
    """« M. X ne prend pas part au vote. », « M. X et Mme Y ne prennent pas part au vote. »"""
    if not noms:
        return ""
    verbe = "ne prend" if len(noms) == 1 else "ne prennent"
    return f"{enumerer(list(noms))} {verbe} pas part au vote."



def votes_nommes(contre: Sequence[str], abstentions_: Sequence[str], pour: Sequence[str] = ()) -> list[str]:
    """« Ont voté contre : M. A et Mme B. », « S'est abstenue : Mme C. »: the named votes, as lines."""
    lignes = []
    for noms, sens in ((pour, "pour"), (contre, "contre")):
        if noms:
            lignes.append(f"{'A' if len(noms) == 1 else 'Ont'} voté {sens} : {enumerer(list(noms))}.")
    if abstentions_:
        participe = accorder("abstenu", abstentions_)
        sujet = "S'est" if len(abstentions_) == 1 else "Se sont"
        lignes.append(f"{sujet} {participe} : {enumerer(list(abstentions_))}.")
    return lignes


def mouvements(arrivent: Sequence[str], partent: Sequence[str], heures: dict[str, str] | None = None) -> list[str]:
    """« M. X quitte la séance avant l'examen de ce point. », « Mme Y rejoint la séance à 20 h 50, avant l'examen de
    ce point. »: those who move at the same hour (or at no hour said) in one sentence."""
    heures = heures or {}
    lignes = []
    for noms, singulier, pluriel in ((arrivent, "rejoint", "rejoignent"), (partent, "quitte", "quittent")):
        groupes: dict[str, list[str]] = {}
        for nom in noms:
            groupes.setdefault(heures.get(nom, ""), []).append(nom)
        for heure, qui in groupes.items():
            quand = f" à {heure_imprimee(heure)}," if heure else ""
            lignes.append(f"{enumerer(qui)} {singulier if len(qui) == 1 else pluriel} la séance{quand} avant "
                          "l'examen de ce point.")
    return lignes


def heure_imprimee(heure: str) -> str:
    """« 20 h 50 », « 9 h » from « 20:50 », « 9:00 »."""
    h, _, m = heure.partition(":")
    return f"{int(h)} h {m}" if m and m != "00" else f"{int(h)} h"
