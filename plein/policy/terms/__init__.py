"""The term lists shipped with Plein: special categories under the GDPR per category and
language (`special_category/<category>.<nl|en>.txt`) and blocked words per language. They are
defaults: the engine takes any lists as input."""

from functools import cache
from pathlib import Path

from plein.policy.detectors.terms import Term

FOLDER = Path(__file__).parent
CATEGORIES = (
    "health",
    "religion",
    "union",
    "ethnicity",
    "political",
    "sexual_orientation",
    "criminal",
    "biometric",
    "genetic",
)


def read_list(path: Path, language: str | None = None) -> list[Term]:
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(Term(line, language))
    return terms


@cache
def special_category_terms() -> dict[str, tuple[Term, ...]]:
    """Category -> its terms, Dutch and English."""
    terms: dict[str, tuple[Term, ...]] = {}
    for category in CATEGORIES:
        found: list[Term] = []
        for language in ("nl", "en"):
            found.extend(
                read_list(FOLDER / "special_category" / f"{category}.{language}.txt", language)
            )
        terms[category] = tuple(found)
    return terms


@cache
def blocked_words() -> tuple[Term, ...]:
    return tuple(
        term
        for language in ("nl", "en")
        for term in read_list(FOLDER / f"blocked_words.{language}.txt", language)
    )
