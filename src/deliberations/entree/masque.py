"""Characters PyYAML must not see, hidden before parsing and given back after.

PyYAML refuses raw C0 and C1 controls, DEL and U+FFFE/U+FFFF without saying
in which field they are, and it reads NEL (U+0085), U+2028, U+2029 and a
carriage return not followed by ``\\n`` as line breaks: a value is cut in
two and every later line number is one too high for an editor, which counts
``\\n`` only. (A file with no ``\\n`` at all, old Mac style, has its carriage
returns read as line ends.) Before parsing, each of these
characters (and the noncharacters, the escape's own alphabet) becomes three
characters YAML reads as ordinary text: U+FDD0, then its code point written
in two private-use characters. After parsing, :func:`demasquer` gives each
value back exactly as typed, and the model refuses what a text may not hold,
naming the field.

>>> masque = masquer("a\\x01b\\u2028c")
>>> masque.count("\\n"), len(masque)
(0, 9)
>>> demasquer(masque) == "a\\x01b\\u2028c"
True
"""

from __future__ import annotations

import re

from deliberations.model.caracteres import INTERDITS

#: opens a masked character
ECHAPPEMENT = "\ufdd0"

_HAUT, _BAS = 0x100000, 0xF0000

#: what is masked: every character a text may not hold, Word's line break \x0b, U+2028/U+2029, a lone \r
A_MASQUER = re.compile(INTERDITS.pattern[:-1] + "\x0b\u2028\u2029]|\r(?!\n)")

_MASQUE = re.compile(f"{ECHAPPEMENT}([\U00100000-\U00100010])([\U000f0000-\U000fffff])")


def _coder(m: re.Match[str]) -> str:
    code = ord(m.group())
    return ECHAPPEMENT + chr(_HAUT + (code >> 16)) + chr(_BAS + (code & 0xFFFF))


def _decoder(m: re.Match[str]) -> str:
    return chr(((ord(m.group(1)) - _HAUT) << 16) + ord(m.group(2)) - _BAS)


def masquer(texte: str) -> str:
    """``texte`` with every character of :data:`A_MASQUER` masked (line breaks ``\\n`` untouched)."""
    if "\n" not in texte:
        texte = texte.replace("\r", "\n")
    return A_MASQUER.sub(_coder, texte)


def demasquer(texte: str) -> str:
    """The characters :func:`masquer` hid, given back."""
    return _MASQUE.sub(_decoder, texte) if ECHAPPEMENT in texte else texte


def masques(texte: str) -> list[tuple[int, str]]:
    """(index in the masked text, character) of every masked character."""
    return [(m.start(), _decoder(m)) for m in _MASQUE.finditer(texte)]
