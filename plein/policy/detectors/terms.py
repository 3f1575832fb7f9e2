"""Whole-word term matching for term lists: special categories, confidential terms, blocked
words. One `TermIndex` holds the terms of any number of rules, so 200 rules cost one pass.

How a term in a list is written, and what it matches:
- `vakbond`: the word, case and accents ignored, and its inflections (`vakbonden`): a text word
  matches when its Snowball stem (Dutch or English, per the list's language; both when the
  language is not known) equals the term's stem. That holds only for terms whose stem the
  stemmer got by cutting a suffix off (the stem is a prefix of the term); a term it changes
  more (`tering` stems to `teer`, which would make "een teer onderwerp" match) matches as
  written only, so a list gives such a term's inflections itself. A text word shorter than the
  term by more than two letters never matches (`illness` does not match "ill").
- `trade union`: a phrase; its words follow each other with only spaces or hyphens between
  them (so `burn-out` matches "burn out" and "burn-out"), each word matched as above.
- `kanker*`, `*kanker`: every word that starts (`kankerpatiënt`) or ends (`borstkanker`) with
  it: the way to catch Dutch compounds.
- `HIV`, `VVD`: a term written in capitals (two or more letters, no lower case) matches only in
  capitals and as written (no inflections): "aids" the verb is not "AIDS". (Not in an index
  built with `inflections=False`, for confidential terms: there `ACME` matches "Acme" too.)
- `=tering`: the leading `=` asks for the word as written (no inflections).
Lines starting with `#` in a list file are comments.

Words are `\\w+` runs of the folded text (`plein.policy.text.fold`), so `Orion's` holds the word
`orion`, and a term never matches inside a longer word (`Scunthorpe` does not contain a
blocked word).
"""

import threading
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import Stemmer

from plein.policy.text import WORD, fold

LANGUAGES = {"nl": "dutch", "en": "english"}
_local = threading.local()


def stemmer(language: str) -> "Stemmer.Stemmer":
    """One stemmer per thread and language: PyStemmer objects are not thread-safe."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(LANGUAGES[language])
    return stemmers[language]


@dataclass(frozen=True, slots=True)
class Term:
    """A term as a list gives it: the text, and the language (None: both)."""

    text: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class TermHit:
    start: int
    end: int
    term: str
    payload: Hashable


@dataclass(slots=True, eq=False)
class _Entry:
    """One term however many lists hold it: `payloads` says which."""

    term: str
    words: tuple[str, ...]
    stems: tuple[dict[str, str], ...]  # per word: language -> stem; empty: as written only
    case_sensitive: str | None  # the exact text to find
    min_length: int
    payloads: list[Hashable] = field(default_factory=list)
    # The later words of a phrase: those matched as written, and those matched by stem.
    required: frozenset[str] = frozenset()
    stemmed: tuple[tuple[str, dict[str, str]], ...] = ()


@dataclass
class _Index:
    exact: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    stem: dict[str, dict[str, list[_Entry]]] = field(default_factory=dict)
    prefix: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    suffix: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))


class TermIndex:
    """Terms of many lists compiled once; `find(text)` returns every hit with its payload."""

    def __init__(
        self,
        terms: Iterable[tuple[Term, Hashable]] = (),
        *,
        inflections: bool = True,
    ) -> None:
        self._index = _Index()
        self._inflections = inflections
        self._dirty = True
        self._entries: list[_Entry] = []
        self._by_key: dict[Hashable, _Entry] = {}
        self.size = 0
        for term, payload in terms:
            self.add(term, payload)
        self._freeze()

    def add(self, term: Term, payload: Hashable, *, inflections: bool | None = None) -> None:
        """Add one term; `inflections=False` matches it as written, case-insensitively (for
        names: confidential terms)."""
        inflect = self._inflections if inflections is None else inflections
        raw = term.text.strip()
        if not raw or raw.startswith("#"):
            return
        self._dirty = True
        as_written = raw.startswith("=") or not inflect
        raw = raw.lstrip("=").strip()
        prefix = raw.endswith("*")
        suffix = raw.startswith("*")
        raw = raw.strip("*").strip()
        words = tuple(WORD.findall(fold(raw)))
        if not words:
            return
        letters = [c for c in raw if c.isalpha()]
        case_sensitive = (
            raw
            if inflect
            and len(words) == 1
            and len(letters) >= 2
            and raw == raw.upper()
            and raw != raw.lower()
            else None
        )
        languages: tuple[str, ...] = ()
        if not (as_written or case_sensitive or prefix or suffix):
            languages = (term.language,) if term.language in LANGUAGES else tuple(LANGUAGES)
        stems = tuple(
            {
                language: stem
                for language in languages
                if len(stem := stem_words(language, [word])[0]) >= 3 and word.startswith(stem)
            }
            for word in words
        )
        mode = (
            "prefix"
            if prefix and len(words) == 1
            else "suffix"
            if suffix and len(words) == 1
            else ""
        )
        key = (words, tuple(tuple(sorted(d.items())) for d in stems), case_sensitive, mode)
        self.size += 1
        existing = self._by_key.get(key)
        if existing is not None:
            if payload not in existing.payloads:
                existing.payloads.append(payload)
            return
        entry = _Entry(
            term=raw,
            words=words,
            stems=stems,
            case_sensitive=case_sensitive,
            min_length=len(words[0]) - 2,
            payloads=[payload],
            required=frozenset(w for w, d in zip(words[1:], stems[1:], strict=True) if not d),
            stemmed=tuple((w, d) for w, d in zip(words[1:], stems[1:], strict=True) if d),
        )
        self._by_key[key] = entry
        self._entries.append(entry)
        first = words[0]
        if mode == "prefix":
            self._index.prefix[first].append(entry)
            return
        if mode == "suffix":
            self._index.suffix[first].append(entry)
            return
        self._index.exact[first].append(entry)
        for language, stem in stems[0].items():
            self._index.stem.setdefault(language, defaultdict(list))[stem].append(entry)

    def _freeze(self) -> None:
        self._dirty = False
        self._exact_keys = frozenset(self._index.exact)
        self._stem_keys = {
            language: frozenset(stems) for language, stems in self._index.stem.items()
        }
        # Every language a word of some term is stemmed in (also later words of phrases).
        self._languages = sorted(
            {language for entry in self._entries for stems in entry.stems for language in stems}
        )
        self._prefixes = tuple(self._index.prefix)
        self._suffixes = tuple(self._index.suffix)

    def __bool__(self) -> bool:
        return self.size > 0

    def find(self, text: str, folded: str | None = None) -> list[TermHit]:
        if not self.size:
            return []
        if self._dirty:
            self._freeze()
        folded = fold(text) if folded is None else folded
        unique = list(set(WORD.findall(folded)))
        # Set operations in C first: which words of the text can start a term at all.
        hit_words = set(self._exact_keys.intersection(unique))
        stem_lists: dict[str, list[str]] = {}
        for language in self._languages:
            stems = stem_lists[language] = stem_words(language, unique)
            wanted = self._stem_keys.get(language, frozenset()).intersection(stems)
            if wanted:
                hit_words.update(
                    word for word, stem in zip(unique, stems, strict=True) if stem in wanted
                )
        for prefix in self._prefixes:
            hit_words.update(_words_starting(folded, prefix))
        for suffix in self._suffixes:
            hit_words.update(_words_ending(folded, suffix))
        if not hit_words:
            return []
        # Every word of the text is in the stem cache now: look stems up there.
        stem_maps = {language: _STEM_CACHE[language] for language in stem_lists}
        present: set[str] | None = None
        present_stems: dict[str, set[str]] = {}
        hits: list[TermHit] = []
        for word in hit_words:
            entries = self._candidates(word, stem_maps)
            if any(len(entry.words) > 1 for entry in entries):
                # A phrase can only match when its other words all occur in the text.
                if present is None:
                    present = set(unique)
                    present_stems = {lang: set(stems) for lang, stems in stem_lists.items()}
                entries = [
                    entry
                    for entry in entries
                    if len(entry.words) == 1 or _all_words_present(entry, present, present_stems)
                ]
            if not entries:
                continue
            for start in _occurrences(folded, word):
                for entry in entries:
                    end = _match(entry, start, start + len(word), folded, text, stem_maps)
                    if end is not None:
                        hits.extend(
                            TermHit(start, end, entry.term, payload) for payload in entry.payloads
                        )
        return _longest(hits)

    def _candidates(self, word: str, stem_maps: dict[str, dict[str, str]]) -> list[_Entry]:
        index = self._index
        found = list(index.exact.get(word, ()))
        seen = {id(entry) for entry in found}
        for language, stem_map in stem_maps.items():
            for entry in index.stem.get(language, {}).get(stem_map.get(word, ""), ()):
                if len(word) >= entry.min_length and id(entry) not in seen:
                    seen.add(id(entry))
                    found.append(entry)
        for prefix in self._prefixes:
            if word.startswith(prefix):
                found.extend(index.prefix[prefix])
        for suffix in self._suffixes:
            if word.endswith(suffix):
                found.extend(index.suffix[suffix])
        return found


_STEM_CACHE: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
_STEM_CACHE_SIZE = 50_000


def stem_words(language: str, words: list[str]) -> list[str]:
    """Stems of `words`, remembered: most words of a post were in earlier posts."""
    cache = _STEM_CACHE[language]
    stems = list(map(cache.get, words))
    if None in stems:
        missing = [word for word, stem in zip(words, stems, strict=True) if stem is None]
        if len(cache) > _STEM_CACHE_SIZE:
            cache.clear()
        cache.update(zip(missing, stemmer(language).stemWords(missing), strict=True))
        stems = list(map(cache.__getitem__, words))
    return stems  # type: ignore[return-value]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _words_starting(folded: str, prefix: str) -> set[str]:
    """The words of the folded text that start with `prefix` (string searches: cheaper than a
    loop over every word)."""
    found = set()
    position = folded.find(prefix)
    while position != -1:
        if position == 0 or not _is_word_char(folded[position - 1]):
            match = WORD.match(folded, position)
            if match is not None:
                found.add(match.group())
        position = folded.find(prefix, position + 1)
    return found


def _words_ending(folded: str, suffix: str) -> set[str]:
    found = set()
    length = len(suffix)
    position = folded.find(suffix)
    while position != -1:
        end = position + length
        if end == len(folded) or not _is_word_char(folded[end]):
            start = position
            while start > 0 and _is_word_char(folded[start - 1]):
                start -= 1
            found.add(folded[start:end])
        position = folded.find(suffix, position + 1)
    return found


def _occurrences(folded: str, word: str) -> list[int]:
    """Where `word` stands as a whole word in the folded text."""
    found = []
    length = len(word)
    position = folded.find(word)
    while position != -1:
        end = position + length
        if (position == 0 or not _is_word_char(folded[position - 1])) and (
            end == len(folded) or not _is_word_char(folded[end])
        ):
            found.append(position)
        position = folded.find(word, end)
    return found


_GAP = frozenset(" -\t\n")


def _match(
    entry: _Entry,
    start: int,
    end: int,
    folded: str,
    text: str,
    stem_maps: dict[str, dict[str, str]],
) -> int | None:
    """The end of `entry` matched from the word at start:end, or None."""
    if entry.case_sensitive is not None:
        return end if text[start:end] == entry.case_sensitive else None
    length = len(folded)
    for offset in range(1, len(entry.words)):
        # The next word follows after one to three spaces or hyphens ("burn-out", "burn out").
        position = end
        while position < length and position - end < 3 and folded[position] in _GAP:
            position += 1
        if position == end:
            return None
        token = WORD.match(folded, position)
        if token is None:
            return None
        word = token.group()
        expected = entry.words[offset]
        if word != expected:
            wanted = entry.stems[offset]
            if not any(
                stem_maps.get(language, {}).get(word) == stem for language, stem in wanted.items()
            ):
                return None
        end = token.end()
    return end


def _all_words_present(
    entry: _Entry, present: set[str], present_stems: dict[str, set[str]]
) -> bool:
    if entry.required and not entry.required.issubset(present):
        return False
    for word, stems in entry.stemmed:
        if word in present:
            continue
        if not any(stem in present_stems.get(language, ()) for language, stem in stems.items()):
            return False
    return True


def _longest(hits: list[TermHit]) -> list[TermHit]:
    """Per payload, drop a hit inside a longer hit of the same payload ("ziek" in "ziek
    gemeld"), and duplicates."""
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    kept: list[TermHit] = []
    reach: dict[Hashable, int] = {}
    for hit in hits:
        if reach.get(hit.payload, -1) >= hit.end:
            continue
        kept.append(hit)
        reach[hit.payload] = hit.end
    return kept
