"""Which characters a text may hold, and the one normalisation every text gets.

A text reaches Word character for character, once put in Unicode's composed
form (NFC: ``e`` + U+0301, as macOS pastes it, becomes ``é``, so the checks
that compare words see the same word). Line breaks are ``\\n`` (``\\r\\n``,
``\\r`` and Word's manual line break ``\\x0b`` become ``\\n``); tabs are
kept; U+2028 and U+2029 are kept as typed.

Refused, each named by its code: C0 controls other than tab and line
breaks, DEL, C1 controls (U+0080–U+009F, NEL included), noncharacters
(U+FDD0–U+FDEF and the last two code points of every plane), and lone
surrogates: Word cannot hold them, or shows nothing for them.

>>> normaliser("Conside\\u0301rant\\r\\nque")
'Considérant\\nque'
>>> premier_interdit("a\\x85b")
'\\x85'
>>> print(message_interdit("\\ufdd9"))
caractère interdit U+FDD9 (non-caractère Unicode, invisible, venu d'un copier-coller ? supprimez-le)
"""

from __future__ import annotations

import re
import unicodedata

_FINS_DE_PLAN = "".join(chr(plan * 0x10000 + fin) for plan in range(17) for fin in (0xFFFE, 0xFFFF))

#: every character a text may not hold (tab, line feed, carriage return and \x0b are line breaks or tabs)
INTERDITS = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _FINS_DE_PLAN + "]")


def premier_interdit(texte: str) -> str | None:
    """The first character of ``texte`` a text may not hold, or None."""
    trouve = INTERDITS.search(texte)
    return trouve.group() if trouve else None


def nature(caractere: str) -> str:
    """What kind of forbidden character it is, in French."""
    code = ord(caractere)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "caractère de contrôle"
    if 0xD800 <= code <= 0xDFFF:
        return "moitié isolée d'une paire de substitution"
    return "non-caractère Unicode"


def message_interdit(caractere: str) -> str:
    """The French message refusing ``caractere``, with its code."""
    return (f"caractère interdit U+{ord(caractere):04X} ({nature(caractere)}, invisible, venu d'un "
            "copier-coller ? supprimez-le)")


def normaliser(texte: str) -> str:
    """NFC, and ``\\r\\n``, ``\\r``, ``\\x0b`` as ``\\n`` (refusal is :func:`premier_interdit`'s job)."""
    texte = texte.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return unicodedata.normalize("NFC", texte)
