"""The wording of the acts: the assembly, the executive, visas, considérants, verbs, the signature."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from deliberations.erreurs import ErreurRendu
from deliberations.langue import formats, institutions
from deliberations.langue.grammaire import de_la, enumerer, ponctuer, premiere_majuscule
from deliberations.model.objets import Collectivite, Seance, Signataire, Visa, VisaTexte


def instance_complete(seance: Seance, collectivite: Collectivite) -> str:
    """« commission permanente du conseil départemental », « conseil municipal »."""
    instance = seance.instance.strip()
    assemblee = collectivite.assemblee.strip()
    if assemblee.lower() in instance.lower():
        return instance
    return f"{instance} {de_la(assemblee.lower())}"


def nature(collectivite: Collectivite) -> str | None:
    """The collectivité's kind: given, or told by its assembly's name (``None`` when neither says)."""
    return collectivite.nature or institutions.deviner_nature(collectivite.assemblee, collectivite.president.titre)


def president(collectivite: Collectivite) -> str:
    """« président du Conseil départemental », « Maire », « Présidente », « Maire de Paris »."""
    genre_, sorte = collectivite.president.genre, nature(collectivite)
    if sorte is None:
        return f"{collectivite.president.titre} {de_la(collectivite.assemblee)}"
    return institutions.titre_executif(sorte, genre_, collectivite.assemblee, collectivite.president.titre)


def sur_le_rapport(collectivite: Collectivite, rapporteur: str | None = None) -> str:
    """« Sur le rapport du président du Conseil départemental, », « Sur le rapport de Monsieur le Maire, ».

    A rapporteur other than the executive is named as typed (« Sur le
    rapport de M. Paul Durand, adjoint aux finances, »); a rapporteur line
    that already opens with « Sur » is printed as it is.
    """
    if rapporteur:
        texte = rapporteur.strip()
        if re.match(r"^sur\b", texte, re.IGNORECASE):
            return ponctuer(texte, ",")
        return ponctuer(f"Sur le rapport de {texte}", ",")
    sorte = nature(collectivite)
    if sorte is None:
        _, du = _article_president(collectivite)
        return f"Sur le rapport {du} {president(collectivite)},"
    return institutions.sur_le_rapport(sorte, collectivite.president.genre, collectivite.assemblee,
                                       collectivite.president.titre)


def _article_president(collectivite: Collectivite) -> tuple[str, str]:
    """(« le », « du ») or (« la », « de la ») for the executive."""
    if collectivite.president.genre == "féminin":
        return "la", "de la"
    return "le", "du"


_NATURES = {
    "loi": "la loi", "loi organique": "la loi organique", "décret": "le décret", "ordonnance": "l'ordonnance",
    "arrêté": "l'arrêté", "circulaire": "la circulaire", "règlement": "le règlement", "directive": "la directive",
    "délibération": "la délibération", "convention": "la convention", "décision": "la décision",
}


#: the openings of a visa line that keeps its own first word (« Ouï l'avis… », « Sur le rapport… »)
_OUVERTURES = re.compile(r"^(vu|ouï|oui|sur|après|entendu|eu égard|compte tenu|au vu)\b", re.IGNORECASE)


def texte_visa(visa: str | VisaTexte | Visa) -> str:
    """The visa as printed, starting with « Vu » and ending with a comma."""
    if isinstance(visa, (str, VisaTexte)):
        texte = visa if isinstance(visa, str) else visa.texte
        texte = texte.strip()
        if not _OUVERTURES.match(texte):
            texte = f"Vu {texte}"
        return ponctuer(texte, ",")
    morceaux: list[str] = []
    numeros = visa.numero if isinstance(visa.numero, list) else ([visa.numero] if visa.numero else [])
    if visa.nature == "code":
        titre = (visa.titre or "").strip()
        morceaux.append("le " + (titre if titre.lower().startswith("code") else f"Code {titre}"))
        titre = ""
    elif visa.nature in ("article", "articles"):
        pluriel = len(numeros) > 1 or visa.nature == "articles"
        morceaux.append(("les articles " if pluriel else "l'article ") + enumerer(numeros))
        if visa.code:
            code = visa.code.strip()
            morceaux.append("du " + (code if code.lower().startswith("code") else f"Code {code}"))
        titre = visa.titre or ""
    else:
        morceaux.append(_NATURES[visa.nature])
        if visa.instance:
            morceaux.append(visa.instance.strip())
        if numeros:
            morceaux.append("n° " + enumerer(numeros))
        titre = visa.titre or ""
    if visa.date and visa.nature not in ("code",):
        morceaux.append("du " + formats.date_longue(visa.date))
    if titre.strip():
        morceaux.append(titre.strip())
    return ponctuer("Vu " + " ".join(morceaux), ",")


def texte_considerant(texte: str) -> str:
    texte = texte.strip()
    if not texte.lower().startswith("considérant"):
        texte = f"Considérant {texte}"
    return ponctuer(texte, ",")


def signature(signataire: Signataire | None, collectivite: Collectivite) -> dict[str, str]:
    """The executive's signature block; empty for an act that prints none (no ``signataire``)."""
    if signataire is None:
        return {"formule": "", "qualite": "", "nom": ""}
    le, du = _article_president(collectivite)
    titre = president(collectivite)
    sorte = nature(collectivite)
    if signataire.formule is not None:
        formule = signataire.formule
    elif sorte is not None:
        formule = institutions.formule_signature(sorte, collectivite.president.genre, collectivite.assemblee,
                                                 delegation=bool(signataire.qualite),
                                                 titre_saisi=collectivite.president.titre)
    elif signataire.qualite:
        formule = f"Pour {le} {titre}\net par délégation,"
    else:
        formule = f"{premiere_majuscule(le)} {titre},"
    qualite = ponctuer(signataire.qualite, ",") if signataire.qualite else ""
    return {"formule": formule, "qualite": qualite, "nom": signataire.nom}


def visa_resolu(visa: str | VisaTexte | Visa, r: Callable[[str], str]) -> str | VisaTexte | Visa:
    """The visa with the references of its texts resolved."""
    if isinstance(visa, str):
        return r(visa)
    if isinstance(visa, VisaTexte):
        return visa.model_copy(update={"texte": r(visa.texte)})
    if isinstance(visa.numero, list):
        numero: Any = [r(n) for n in visa.numero]
    else:
        numero = r(visa.numero) if visa.numero else visa.numero
    return visa.model_copy(update={"numero": numero, **{c: r(getattr(visa, c)) for c in ("titre", "code", "instance")
                                                         if getattr(visa, c)}})


def signataire_resolu(signataire: Signataire | None, r: Callable[[str], str]) -> Signataire | None:
    """The signataire with the references of its texts resolved (None: an act that prints no signature)."""
    if signataire is None:
        return None
    return signataire.model_copy(update={c: r(getattr(signataire, c)) for c in ("formule", "qualite", "nom")
                                         if getattr(signataire, c)})


def mise_en_ligne(affichage: dt.date | None, publication: dt.date | None,
                  le_date: Callable[[dt.date | None], str]) -> str:
    """« Date d'affichage du présent acte, le … », and the publication date on its own line under its own label.

    With neither date, the affichage line stays to be filled in by hand.
    """
    lignes = []
    if affichage or not publication:
        lignes.append("Date d'affichage du présent acte, le" + (f" {le_date(affichage)}" if affichage else ""))
    if publication:
        lignes.append(f"Date de publication du présent acte, le {le_date(publication)}")
    return "\n".join(lignes)


def mentions(transmission: Any, reception: Any, identifiant: str | None, le_date: Any) -> str:
    """The transmission mentions of an adopted act, as its dates become known; nothing for a projet.

    « Transmis au représentant de l'État le … », « Reçu en préfecture le …
    (identifiant ACTES …) ». The date it was put online and its executory
    force have their own boxes.
    """
    lignes = []
    if transmission:
        lignes.append(f"Transmis au représentant de l'État le {le_date(transmission)}")
    if reception:
        lignes.append(f"Reçu en préfecture le {le_date(reception)}"
                      + (f" (identifiant ACTES {identifiant})" if identifiant else ""))
    return "\n".join(lignes)


def _montre_une_reference(valeur: Any) -> bool:
    """Whether any text of ``valeur`` (dicts, lists, tuples of texts) holds « ${ »: one pass, no paths built."""
    pile = [valeur]
    while pile:
        element = pile.pop()
        if type(element) is str:
            if "${" in element:
                return True
        elif isinstance(element, dict):
            pile.extend(element.values())
        elif isinstance(element, (list, tuple)):
            pile.extend(element)
        elif isinstance(element, str) and "${" in element:  # a str subclass (Markup…)
            return True
    return False


def garder_sans_reference(valeur: Any, resolus: set[str], chemin: str = "") -> None:
    """Raise :class:`ErreurRendu` when a text of the context shows a ``${`` that no resolved text wrote.

    The checks refuse a reference where it is not resolved; this is the last
    guard, so that no document ever prints a reference as typed.
    """
    if not chemin and not _montre_une_reference(valeur):  # the common case: no « ${ » anywhere
        return
    if isinstance(valeur, dict):
        for cle, element in valeur.items():
            garder_sans_reference(element, resolus, f"{chemin}.{cle}" if chemin else str(cle))
    elif isinstance(valeur, (list, tuple)):
        for k, element in enumerate(valeur):
            garder_sans_reference(element, resolus, f"{chemin}[{k}]")
    elif isinstance(valeur, str) and "${" in valeur:
        reste = valeur
        for resolu in sorted(resolus, key=len, reverse=True):
            reste = reste.replace(resolu, "")
        if "${" in reste:
            raise ErreurRendu.de(f"référence non résolue « {reste[reste.index('${'):][:60]} » dans la valeur "
                                 f"{chemin} ; rien n'a été écrit (anomalie, merci de la signaler)")
