"""What a detector reports: a `Finding`, one span of the text of one kind."""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    BSN = "bsn"
    IBAN = "iban"
    PAYMENT_CARD = "payment_card"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    SPECIAL_CATEGORY = "special_category"
    CONFIDENTIAL_TERM = "confidential_term"
    BLOCKED_WORD = "blocked_word"
    LINK_DOMAIN = "link_domain"


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected span. `value` is normalised (a BSN as nine digits, an IBAN upper case
    without spaces, a phone number in E.164, …); `start`/`end` are character offsets into the
    text (end exclusive) and `text` is `text[start:end]`. `category` is set for special
    categories only (health, religion, …)."""

    kind: Kind
    value: str
    start: int
    end: int
    text: str
    category: str | None = None


Span = tuple[int, int]


def overlaps(start: int, end: int, spans: list[Span] | tuple[Span, ...]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
