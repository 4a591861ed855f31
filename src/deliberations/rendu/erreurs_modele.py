"""A template's error, in French, at its place in the template (paragraph, cell, tag)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateAssertionError, TemplateSyntaxError

from deliberations.erreurs import Lieu, ModeleInvalide, erreur
from deliberations.rendu import wordxml
from deliberations.rendu.balises import blocs_desequilibres, lire_partie
from deliberations.rendu.messages_jinja import message_d_execution, message_syntaxe

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


def _partie_lue(gabarit: Any) -> tuple[Any, list[str]] | None:
    """The template's part being rendered, read as lint reads it, and its source lines as Jinja numbers them.

    docxtpl renders the XML of a part with one paragraph per line.
    """
    partie = gabarit.current_rendering_part
    if partie is None:
        return None
    if partie is gabarit.docx.part:
        nom, racine, source = "word/document.xml", gabarit.docx.element, gabarit.get_xml()
    else:
        nom, racine = str(partie.partname).lstrip("/"), wordxml.analyser(partie.blob)
        source = partie.blob.decode("utf-8") if "footnotes" in partie.content_type else gabarit.get_part_xml(partie)
    lignes = re.split(r"\r\n|\r|\n", re.sub(r"<w:p([ >])", r"\n<w:p\1", gabarit.patch_xml(source)))
    return lire_partie(nom, racine), lignes


def _balise_de_la_ligne(lue: Any, lignes: list[str], exc: BaseException) -> tuple[str, str]:
    """(place, tag) of the tag on the line where Jinja raised ``exc``: « paragraphe 3 » or « tableau 1, ligne 2, cellule 1 »."""
    ligne = ligne_du_modele(exc)
    if ligne is None or not 1 <= ligne <= len(lignes):
        return "", ""
    dans_la_ligne = {_compacte(b) for b in _BALISE_JINJA.findall(lignes[ligne - 1])}
    rang = sum(1 for l in lignes[:ligne - 1] if _BALISE_JINJA.search(l))
    trouvees: dict[str, list[str]] = {}
    for balise in lue.balises:
        if _compacte(balise.source) in dans_la_ligne:
            trouvees.setdefault(balise.lieu, []).append(balise.texte)
    if not trouvees:
        return "", ""
    lieu = min(trouvees, key=lambda l: (-len(set(trouvees[l])), abs(lue.ordre.get(l, 0) - rang)))
    noms = re.findall(r"'([^']+)'", str(exc))
    balise = next((b for n in noms for b in trouvees[lieu] if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", b)),
                  trouvees[lieu][0])
    return lieu, balise


def _est_un_bloc(exc: TemplateSyntaxError) -> bool:
    """A block never closed, closed twice or crossed (Jinja names the end of the template, or the closing tag)."""
    message = exc.message or ""
    m = re.match(r"Encountered unknown tag '([^']+)'", message)
    return (message.startswith(("Unexpected end of template", "Missing end of raw directive"))
            or bool(m and (m.group(1).startswith("end") or m.group(1) in ("else", "elif"))))


def _situer(gabarit: Any, exc: BaseException) -> tuple[str, str, str | None]:
    """(place, tag, message) of a template error; the message when the template's tags tell it better than Jinja.

    Jinja names the line where it noticed a syntax error: for a block never
    closed, that is the end of the part, and for a tag never closed in its
    paragraph, a later tag. The tags of the part, read as lint reads them,
    name the faulty tag itself.
    """
    lue_lignes = _partie_lue(gabarit)
    if lue_lignes is None:
        return "", "", None
    lue, lignes = lue_lignes
    if isinstance(exc, TemplateSyntaxError) and not isinstance(exc, TemplateAssertionError):
        if lue.non_fermees:
            lieu, message = lue.non_fermees[0]
            return lieu, "", message
        if _est_un_bloc(exc):
            blocs = blocs_desequilibres(lue.balises)
            if blocs:
                lieu, message = blocs[0]
                return lieu, "", message
    lieu, balise = _balise_de_la_ligne(lue, lignes, exc)
    return lieu, balise, None


def _message_modele(exc: BaseException, balise: str = "") -> str:
    """A template error, in French."""
    if isinstance(exc, TemplateAssertionError):
        return message_syntaxe(exc)
    if isinstance(exc, TemplateSyntaxError):
        return f"syntaxe invalide : {message_syntaxe(exc)}"
    return message_d_execution(exc, balise)


def modele_invalide(gabarit: Any, exc: BaseException, modele: Path) -> ModeleInvalide:
    """A template error as a French finding naming the template and the place of the faulty tag."""
    try:
        lieu, balise, message = _situer(gabarit, exc)
    except Exception:  # locating is a courtesy: never hide the error itself
        lieu, balise, message = "", "", None
    try:
        message = message or _message_modele(exc, balise)
    except Exception:  # translating too
        message = "erreur dans une balise du modèle"
    message = f"modèle invalide : {message}"
    if balise:
        message += f" (balise « {balise if len(balise) <= 120 else balise[:119] + '…'} »)"
    elif not lieu:
        extrait = [x.strip() for x in getattr(exc, "docx_context", None) or [] if x.strip()]
        if extrait:
            message += " ; autour de : " + " | ".join(extrait)[:300]
    return ModeleInvalide([erreur(Lieu(str(modele), champ=lieu), message)])
