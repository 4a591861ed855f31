"""Scalar values as a clerk types them: text, amounts, percentages, numbers, dates, yes/no.

Each reader takes what YAML, CSV or XLSX gives (text, numbers, dates) and
returns the typed value or raises ``ValueError`` with a French message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
)

from deliberations.langue import decimaux, formats, institutions
from deliberations.model.caracteres import INTERDITS, message_interdit, normaliser, premier_interdit


def lire_texte(valeur: Any) -> str:
    """Text as typed, in NFC: line breaks kept (``\\x0b`` is one), tabs kept, other controls refused."""
    if valeur is None:
        raise ValueError("texte attendu, valeur vide")
    if isinstance(valeur, (dict, list)):
        raise ValueError("texte attendu, pas une liste ni un dictionnaire")
    if not isinstance(valeur, str):
        valeur = str(valeur)
    interdit = premier_interdit(valeur)
    if interdit is not None:
        raise ValueError(message_interdit(interdit))
    return normaliser(valeur)


def lire_texte_non_vide(valeur: Any) -> str:
    texte = lire_texte(valeur)
    if not texte.strip():
        raise ValueError("texte vide")
    return texte


def cite(valeur: Any) -> str:
    """A value quoted in a message: on one line (breaks shown as ⏎, other controls,
    noncharacters and lone surrogates as <U+0001>), at most 80 characters.

    >>> cite("a\\x01b\\ud800c\\u2028d")
    'a<U+0001>b<U+D800>c ⏎ d'
    """
    texte = re.sub(r"[ \t]*(?:\r\n|[\n\r\x0b\x85\u2028\u2029])[ \t]*", " ⏎ ", str(valeur))
    texte = INTERDITS.sub(lambda m: f"<U+{ord(m.group()):04X}>", texte)
    return texte if len(texte) <= 80 else texte[:79] + "…"


_DECIMALES = re.compile(r"^(-?\d{1,3}\.\d{3})([\s\u202f\xa0]*€)?$")


# an amount in another currency: refused, saying what is accepted (« EUR » and « euros » are read as €)
_DEVISE = re.compile(r"^(-?\d[\d\s\u202f\xa0.,]*?)\s*(F|FF|FRF|francs?|\$|USD|£|GBP|CHF|EUR|euros?)$", re.IGNORECASE)
_DEVISES = {"f": "francs", "ff": "francs", "frf": "francs", "franc": "francs", "francs": "francs", "$": "dollars",
            "usd": "dollars", "£": "livres", "gbp": "livres", "chf": "francs suisses"}


def _pas_un_conteneur(valeur: Any, attendu: str) -> None:
    if isinstance(valeur, (dict, list)):
        raise ValueError(f"{attendu}, pas une liste ni un dictionnaire")


def lire_montant(valeur: Any, *, negatif: bool = False) -> Decimal:
    """An amount as typed: at most two decimals (``15 000,50 €``), below a million milliards.

    Decimals beyond the cent are refused unless they are zeros (``15 000,500``
    is 15 000,50): money typed is never rounded. An amount of
    :data:`~deliberations.langue.decimaux.MONTANT_MAX` or more is refused (it
    could not be written in words). No digit is lost, whatever the length.
    """
    if isinstance(valeur, bool) or valeur is None:
        raise ValueError("montant attendu")
    _pas_un_conteneur(valeur, "montant attendu")
    ambigu = _DECIMALES.match(valeur.strip()) if isinstance(valeur, str) else None
    if ambigu:
        chiffres, euro = ambigu.group(1), " €" if ambigu.group(2) else ""
        raise ValueError(
            f"montant ambigu : « {cite(valeur)} » (écrivez {chiffres.replace('.', '')}{euro} pour des milliers, "
            f"ou {chiffres.replace('.', ',')[:-1]}{euro} avec au plus deux décimales)"
        )
    devise = _DEVISE.match(valeur.strip()) if isinstance(valeur, str) else None
    if devise and devise.group(2).lower() in ("eur", "euro", "euros"):  # « 40 000 euros » is 40 000 €
        en_euros = f"{devise.group(1).strip()} €"
        try:
            return lire_montant(en_euros, negatif=negatif)
        except ValueError as exc:  # quoted as typed
            raise ValueError(str(exc).replace(f"« {cite(en_euros)} »", f"« {cite(valeur)} »")) from None
    if devise:
        chiffres = devise.group(1).strip()
        raise ValueError(f"montant illisible : « {cite(valeur)} » (en {_DEVISES.get(devise.group(2).lower(), devise.group(2))} : "
                         f"seuls les euros sont acceptés ; écrivez {chiffres} € ou {chiffres})")
    try:
        nombre = formats.en_decimal(valeur)
    except (TypeError, ValueError):
        raise ValueError(f"montant illisible : « {cite(valeur)} »") from None
    if decimaux.trop_grand(nombre):
        raise ValueError(f"montant trop grand : « {cite(valeur)} » (au plus {formats.montant(formats.MONTANT_MAX)}, "
                         "le plus grand montant qui s'écrive en lettres)")
    exposant = nombre.as_tuple().exponent
    if isinstance(exposant, int) and exposant < -2:
        au_centime = nombre.quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # at most 18 digits here: exact
        if nombre != au_centime:
            raise ValueError(f"montant avec plus de deux décimales : « {cite(valeur)} »")
        nombre = au_centime
    if nombre < 0 and not negatif:
        raise ValueError(f"montant négatif : « {cite(valeur)} »")
    return nombre


def lire_montant_ou_reference(valeur: Any) -> Decimal | str:
    """An amount, or a reference to one typed as ``${annexe1.total.montant}`` (kept as typed, resolved by the checks)."""
    if isinstance(valeur, str) and re.fullmatch(r"\s*\$\{[^{}]*\}\s*", valeur):
        return valeur.strip()
    return lire_montant(valeur)


def lire_montant_signe(valeur: Any) -> Decimal:
    return lire_montant(valeur, negatif=True)


def lire_pourcentage(valeur: Any) -> Decimal:
    _pas_un_conteneur(valeur, "pourcentage attendu")
    if isinstance(valeur, str):
        valeur = valeur.replace("%", "").strip()
    try:
        nombre = formats.en_decimal(valeur)
    except (TypeError, ValueError):
        raise ValueError(f"pourcentage illisible : « {cite(valeur)} »") from None
    if nombre < 0:
        raise ValueError(f"pourcentage négatif : « {cite(valeur)} »")
    return nombre


#: Most digits of a whole number (Python refuses to read more than 4 300).
CHIFFRES_MAX = 18


def lire_entier(valeur: Any) -> int:
    if isinstance(valeur, bool):
        raise ValueError("nombre entier attendu")
    if isinstance(valeur, int):
        if abs(valeur) >= 10**CHIFFRES_MAX:
            raise ValueError(f"nombre trop grand (au plus {CHIFFRES_MAX} chiffres)")
        return valeur
    _pas_un_conteneur(valeur, "nombre entier attendu")
    texte = str(valeur).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+", texte):
        raise ValueError(f"nombre entier attendu : « {cite(valeur)} »")
    if len(texte.lstrip("-").lstrip("0")) > CHIFFRES_MAX:
        raise ValueError(f"nombre trop grand : « {cite(valeur)} » (au plus {CHIFFRES_MAX} chiffres)")
    return int(texte)


def lire_entier_positif(valeur: Any) -> int:
    n = lire_entier(valeur)
    if n < 0:
        raise ValueError(f"nombre négatif : « {cite(valeur)} »")
    return n


_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def lire_date(valeur: Any) -> dt.date:
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
        raise ValueError(f"date illisible : « {cite(texte)} » (attendu : 2023-09-14 ou 14/09/2023)")
    try:
        return dt.date(annee, mois, jour)
    except ValueError:
        raise ValueError(f"date impossible : « {cite(texte)} »") from None


def lire_identifiant(valeur: Any) -> str:
    """A column name usable in formulas and references: letters, digits and _."""
    texte = lire_texte_non_vide(valeur).strip()
    if not texte.isidentifier():
        raise ValueError(f"nom de colonne invalide : {texte!r} (lettres, chiffres et _ seulement, "
                         "sans espace ; par exemple : montant_2023)")
    return texte


def lire_booleen(valeur: Any) -> bool:
    if isinstance(valeur, bool):
        return valeur
    _pas_un_conteneur(valeur, "oui ou non attendu")
    texte = str(valeur).strip().lower()
    if texte in ("oui", "vrai", "true", "yes", "1"):
        return True
    if texte in ("non", "faux", "false", "no", "0"):
        return False
    raise ValueError(f"oui ou non attendu : « {cite(valeur)} »")


Texte = Annotated[str, BeforeValidator(lire_texte_non_vide)]


TexteLibre = Annotated[str, BeforeValidator(lire_texte)]


Montant = Annotated[Decimal, BeforeValidator(lire_montant)]


#: an amount or a ``${…}`` reference to one (a share table's base, a printed total)
MontantOuReference = Annotated[Decimal | str, BeforeValidator(lire_montant_ou_reference)]
MontantSigne = Annotated[Decimal, BeforeValidator(lire_montant_signe)]


Pourcentage = Annotated[Decimal, BeforeValidator(lire_pourcentage)]


Entier = Annotated[int, BeforeValidator(lire_entier_positif)]


Date = Annotated[dt.date, BeforeValidator(lire_date)]


Booleen = Annotated[bool, BeforeValidator(lire_booleen)]


def lire_sans_objet(valeur: Any) -> str | None:
    """A text, or ``None`` for « sans objet » (a field that does not apply to this act)."""
    if valeur is None:
        return None
    texte = lire_texte_non_vide(valeur)  # a blank field is not « sans objet »: say so, or write the text
    if " ".join(texte.split()).lower() == "sans objet":
        return None
    return texte


def lire_heure(valeur: Any) -> str:
    """« 20:30 » from « 20:30 », « 20h30 », « 20 h 30 » or « 20 heures 30 »; a French error otherwise."""
    texte = f"{valeur} h" if isinstance(valeur, int) and not isinstance(valeur, bool) else lire_texte(valeur)
    heures, minutes = institutions.lire_heure(texte)
    return f"{heures}:{minutes:02d}"


#: a text, or « sans objet » (read as absent)
SansObjet = Annotated[str | None, BeforeValidator(lire_sans_objet)]


#: an hour of the day, kept as « 20:30 »
Heure = Annotated[str, BeforeValidator(lire_heure)]
