"""A template's error, in French, at its place in the template (paragraph, cell, tag)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from jinja2 import (
    TemplateError,
    TemplateSyntaxError,
)

from deliberations.erreurs import Lieu, ModeleInvalide, erreur
from deliberations.rendu import wordxml
from deliberations.rendu.balises import lire_partie

_BALISE_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def ligne_du_modele(exc: BaseException) -> int | None:
    """The line of the (preprocessed) template source where Jinja raised ``exc``, if it did."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    import traceback

    lignes = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return lignes[-1] if lignes else None


def _compacte(balise: str) -> str:
    """A tag as compared: docxtpl's prefix (``{%p``) dropped, straight quotes, no spaces."""
    balise = html.unescape(balise).translate(str.maketrans("“”‘’", "\"\"''"))
    balise = re.sub(r"^\{([{%#])(-?)(?:p|tr|tc|r)(?=\s)", r"{\1\2", balise)
    return re.sub(r"\s+", "", balise)


def _lieu_de_l_erreur(gabarit: Any, exc: BaseException) -> tuple[str, str]:
    """Where a template error is: (« paragraphe 3 » or « tableau 1, ligne 2, cellule 1 », the tag).

    docxtpl renders the XML of a part with one paragraph per line: the line
    Jinja names holds the faulty tag, found back among the tags of the
    template's part (read as :mod:`deliberations.lint` reads them).
    """

    ligne, partie = ligne_du_modele(exc), gabarit.current_rendering_part
    if ligne is None or partie is None:
        return "", ""
    if partie is gabarit.docx.part:
        nom, racine, source = "word/document.xml", gabarit.docx.element, gabarit.get_xml()
    else:
        nom, racine = str(partie.partname).lstrip("/"), wordxml.analyser(partie.blob)
        source = partie.blob.decode("utf-8") if "footnotes" in partie.content_type else gabarit.get_part_xml(partie)
    lignes = re.split(r"\r\n|\r|\n", re.sub(r"<w:p([ >])", r"\n<w:p\1", gabarit.patch_xml(source)))
    if not 1 <= ligne <= len(lignes):
        return "", ""
    dans_la_ligne = {_compacte(b) for b in _BALISE_JINJA.findall(lignes[ligne - 1])}
    rang = sum(1 for l in lignes[:ligne - 1] if _BALISE_JINJA.search(l))
    lue = lire_partie(nom, racine)
    trouvees: dict[str, list[str]] = {}
    for balise in lue.balises:
        if _compacte(balise.source) in dans_la_ligne:
            trouvees.setdefault(balise.lieu, []).append(balise.texte)
    if not trouvees:
        return "", ""
    lieu = min(trouvees, key=lambda l: (-len(set(trouvees[l])), abs(lue.ordre.get(l, 0) - rang)))
    noms = re.findall(r"'([^']+)'", str(exc))
    balise = next((b for b in trouvees[lieu] for n in noms if n in b), trouvees[lieu][0])
    return lieu, balise


def _message_modele(exc: BaseException) -> str:
    """A template error, in French."""
    from jinja2.sandbox import MAX_RANGE

    texte = str(exc)
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe invalide : {exc.message}"
    if m := re.fullmatch(r"access to attribute '(.+)' of '(.+)' object is unsafe\.", texte):
        return (f"accès interdit à l'attribut « {m.group(1)} » : un modèle n'a accès qu'aux valeurs du point, "
                "jamais aux objets Python")
    if re.fullmatch(r".* is not safely callable", texte):
        return "appel interdit : un modèle n'a accès qu'aux valeurs du point, jamais aux objets Python"
    if m := re.fullmatch(r"'(.+)' is undefined", texte):
        return f"variable inconnue « {m.group(1)} »"
    if m := re.fullmatch(r"'(.+)' has no attribute '(.+)'", texte):
        return f"« {m.group(2)} » n'existe pas ({m.group(1)})"
    if isinstance(exc, OverflowError) and "MAX_RANGE" in texte:
        return f"range() : au plus {format(MAX_RANGE, ',').replace(',', ' ')} éléments"
    if isinstance(exc, TemplateError):
        return texte
    return f"erreur en évaluant la balise : {texte} ({type(exc).__name__})"


def modele_invalide(gabarit: Any, exc: BaseException, modele: Path) -> ModeleInvalide:
    """A template error as a French finding naming the template and the place of the faulty tag."""
    try:
        lieu, balise = _lieu_de_l_erreur(gabarit, exc)
    except Exception:  # locating is a courtesy: never hide the error itself
        lieu, balise = "", ""
    message = f"modèle invalide : {_message_modele(exc)}"
    if balise:
        message += f" (balise « {balise if len(balise) <= 120 else balise[:119] + '…'} »)"
    else:
        extrait = [x.strip() for x in getattr(exc, "docx_context", None) or [] if x.strip()]
        if extrait:
            message += " ; autour de : " + " | ".join(extrait)[:300]
    return ModeleInvalide([erreur(Lieu(str(modele), champ=lieu), message)])
