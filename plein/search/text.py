"""Text for the index and for snippets: plain text, accent-free words, Dutch stems, highlights.

Both backends see the same words: Markdown is stripped here, accents are folded here (SQLite's
unicode61 tokenizer and PostgreSQL's unaccent do the same in the index), and snippets are made
here, from the stored plain text, so a snippet never shows more than the result's own text and
is HTML-escaped except for the <mark> around matched words.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_TERMS = 8
MIN_PREFIX = 2  # shorter query words are matched whole, not as a prefix
TITLE_LENGTH = 300
BODY_LENGTH = 20_000  # what is indexed of a long text (articles): the start carries the meaning

_MENTION = re.compile(r"@\[(?P<label>[^\]\n]{1,120})\]\([pg]:\d{1,12}\)")
_IMAGE_OR_LINK = re.compile(r"!?\[(?P<text>[^\]\n]*)\]\([^)\n]*\)")
_LINE_START = re.compile(r"(?:>\s*)+|#{1,6}\s+|[-+]\s+|\d+\.\s+")  # quotes, headings, lists
_INLINE = str.maketrans(dict.fromkeys("*_`~|\\", " "))  # emphasis, code, tables, escapes
_WORD = re.compile(r"\w+", re.UNICODE)
_COMBINING = re.compile(r"[\u0300-\u036f]")

_stemmer = Stemmer.Stemmer("dutch")


def plain_text(markdown: str) -> str:
    """What a reader sees of a Markdown text, on one line: no markup, mentions as names.
    Raw HTML stays as text: the content gate shows it escaped, so search does too."""
    text = markdown or ""
    if "@[" in text:
        text = _MENTION.sub(lambda m: "@" + m["label"], text)
    if "](" in text:
        text = _IMAGE_OR_LINK.sub(lambda m: m["text"], text)
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line[:1] in (">", "#", "-", "+") or line[:1].isdigit():
            start = _LINE_START.match(line)
            if start:
                line = line[start.end() :]
        lines.append(line)
    return " ".join(" ".join(lines).translate(_INLINE).split())


def fold(text: str) -> str:
    """Lower case without accents: "Café Één" -> "cafe een"."""
    text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Dutch Snowball stem, applied until it settles: the stemmer itself takes "fietsen" to
    "fiets" but "fiets" to "fiet"; stemming again brings both to "fiet"."""
    for _ in range(3):
        stemmed = _stemmer.stemWord(word)
        if stemmed == word:
            break
        word = stemmed
    return word


def stems(text: str, *, all_stems: bool = False) -> str:
    """The distinct Dutch stems of a text, for the index's word-form column. Without
    `all_stems`, only those that are not words of the text (SQLite matches those in the text
    itself; PostgreSQL's text lexemes are its own stems, so it needs them all)."""
    found = set(words(text))
    stemmed = {stem(w) for w in found if len(w) > 2 and not w.isdigit()}
    return " ".join(stemmed if all_stems else stemmed - found)


@dataclass(frozen=True)
class Term:
    word: str  # folded: lower case, no accents
    stem: str  # its Dutch stem
    typed: str = ""  # lower case, as typed (for names: "zoë" finds "Zoë" but not "Zoe")

    @property
    def prefix(self) -> bool:
        return len(self.word) >= MIN_PREFIX


def parse_query(query: str) -> list[Term]:
    """The words of a search: folded, without duplicates, at most MAX_TERMS."""
    terms: dict[str, Term] = {}
    for typed in _WORD.findall((query or "").lower())[: MAX_TERMS * 2]:
        for word in words(typed):  # "café-bar" is two words; "Één" one
            if word not in terms:
                terms[word] = Term(word, stem(word), typed if fold(typed) == word else word)
    return list(terms.values())[:MAX_TERMS]


# --- Relevance ---------------------------------------------------------------------------------

TITLE_WEIGHT = 5.0
RANKED_LENGTH = 600  # characters of the body that count for relevance
_AVERAGE_WORDS = 30.0


def _word_matches(word: str, term: Term) -> bool:
    if word.startswith(term.word) if term.prefix else word == term.word:
        return True
    return len(word) > 2 and stem(word) == term.stem


@lru_cache(maxsize=1024)
def _starting_with(prefix: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(prefix) + r"\w*")


def _term_frequency(folded: str, term: Term) -> int:
    """How many words of the (folded) text match the term. A word form of the term shares its
    stem's beginning ("fiets" for "fietsen", stem "fiet"), so only the words that start with
    the shorter of the two are tested one by one; the regex scan runs at C speed."""
    start = term.stem if len(term.stem) < len(term.word) else term.word
    return sum(1 for word in _starting_with(start).findall(folded) if _word_matches(word, term))


def relevance(title: str, body: str, terms: Sequence[Term]) -> float:
    """A BM25-like score without IDF (each candidate holds every word of the query anyway):
    how often the words occur, saturating, in the title (weighted) and the start of the body."""
    score = 0.0
    for text, weight in ((title, TITLE_WEIGHT), (body[:RANKED_LENGTH], 1.0)):
        if not text:
            continue
        folded = fold(text)
        # Words counted by their gaps (a regex over every word costs as much as the rest of
        # the scoring).
        norm = 1.2 * (0.25 + 0.75 * (folded.count(" ") + 1) / _AVERAGE_WORDS)
        for term in terms:
            tf = _term_frequency(folded, term)
            if tf:
                score += weight * tf * 2.2 / (tf + norm)
    return score


# --- Snippets ----------------------------------------------------------------------------------

SNIPPET_LENGTH = 220


def _matches(token: str, terms: Sequence[Term]) -> bool:
    folded = fold(token)
    return any(_word_matches(folded, term) for term in terms)


def highlight(
    text: str, terms: Sequence[Term], *, length: int | None = SNIPPET_LENGTH
) -> SafeString:
    """The text (or the part around the first match) escaped, with matched words in <mark>."""
    text = text or ""
    spans = [m.span() for m in _WORD.finditer(text) if _matches(m.group(), terms)]
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, first - length // 4)
        if start:  # begin at a word
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > first else end
    pieces: list[str] = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def join_nonempty(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)
