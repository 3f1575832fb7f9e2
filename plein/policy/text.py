"""Text folding shared by the detectors.

`fold(text)` lowercases and strips accents WITHOUT changing the length, so an offset in the
folded text is the same offset in the original: the term matcher works on the folded text and
reports spans of the original.
"""

import re
import unicodedata

WORD = re.compile(r"\w+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        stripped = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if len(stripped) == 1 and stripped != char:
            table[code] = stripped
    for chars, replacement in (
        ("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        ("\u201c\u201d\u201e\u201f\u2033", '"'),
        ("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
        ("\u00a0\u2007\u202f\u2009", " "),
    ):
        for char in chars:
            table[ord(char)] = replacement
    return table


FOLD_TABLE = _fold_table()


_FOLD_CHARS = {chr(code): replacement for code, replacement in FOLD_TABLE.items()}


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    return _FOLD_CHARS.get(char, char)


def fold(text: str) -> str:
    """Lower case, accents off, typographic quotes, dashes and spaces made plain; same length."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):  # a rare character (İ) that lowercases to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # Only the few characters outside ASCII need a look-up (str.translate with a dict looks
    # every character up: ten times slower on a 2,000-character post).
    return _NOT_ASCII.sub(_fold_char, lowered)
