"""French grammar the acts need: « au / à la / aux », « du / de la », lists, end punctuation."""

from __future__ import annotations

import re

_VOYELLE = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)


_FEMININS = ("commission", "assemblée", "séance", "conférence", "délégation")


def a_la(groupe: str) -> str:
    """« à la commission permanente », « au conseil municipal », « à l'assemblée »."""
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"à l'{groupe}"
    return f"à la {groupe}" if groupe.lower().startswith(_FEMININS) else f"au {groupe}"


def de_la(groupe: str) -> str:
    """« de la commission », « du conseil », « de l'assemblée »."""
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"de l'{groupe}"
    return f"de la {groupe}" if groupe.lower().startswith(_FEMININS) else f"du {groupe}"


def la(groupe: str) -> str:
    if _VOYELLE.match(groupe) and not groupe.lower().startswith("h"):
        return f"l'{groupe}"
    return f"la {groupe}" if groupe.lower().startswith(_FEMININS) else f"le {groupe}"


def premiere_majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def enumerer(elements: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    if len(elements) <= 1:
        return "".join(elements)
    return ", ".join(elements[:-1]) + " et " + elements[-1]


def ponctuer(texte: str, signe: str) -> str:
    """End a list item with ``signe`` unless it already ends with punctuation."""
    nu = texte.rstrip()
    if nu.endswith((";", ".", ",", ":", "!", "?", "…")):
        return nu
    return f"{nu} {signe}" if signe == ";" else f"{nu}{signe}"
