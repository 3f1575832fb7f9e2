"""Dutch citizen service numbers (BSN, formerly the sofinummer).

A number is a BSN when all of these hold:
- it is written as nine digits (`123456782`), eight digits (an old number, valid with a leading
  zero), or nine digits grouped the way people copy them from a passport or a pay slip, with
  one kind of separator: `1234.56.782`, `1234 56 782`, `123 456 782`, `123.456.782`,
  `123-456-782`, `12345678 2`;
- it stands on its own: not glued to letters (`NL123456782B01`, a VAT number), not part of a
  longer number, an amount (`€ 123.456.782`, `123456782,00`), a URL, an IBAN or a card;
- it passes the elfproef (stdnum.nl.bsn);
- a context word (bsn, burgerservicenummer, sofinummer, citizen service number, social security
  number, …) stands at most `CONTEXT_BEFORE` characters before it, or at most `CONTEXT_AFTER`
  after it in the same clause ("123456782 (BSN)"), and no label of another kind of number
  (ordernummer, klantnummer, invoice number, …) stands between that word and the number.
"""

import re

from stdnum.nl import bsn as stdnum_bsn

from plein.policy.detectors._numbers import Cluster, excluded, inside_iban_like
from plein.policy.detectors._numbers import clusters as find_clusters
from plein.policy.findings import Finding, Kind, Span

CONTEXT_BEFORE = 120
CONTEXT_AFTER = 25
OWN_LABEL = 30

# Like the other numbers' boundary, but a BSN may follow "=" or "#" ("?bsn=123456782"): the
# context word decides anyway.
BEFORE = r"(?<![\w+/&@€$£%\\-])(?<![0-9][ .,\-/])(?<![€$£][ ])(?<!\([pg]:)"

# A run of digit groups joined by one kind of separator ("123 456 782", "1234.56.782").
RUN = re.compile(BEFORE + r"[0-9]+(?:(?P<separator>[ .\-])[0-9]+(?:(?P=separator)[0-9]+)*)?")
# What may not follow a BSN: a letter, or more digits of the same number or amount.
_GLUED_AFTER = re.compile(r"[^\W_]|[.,\-/][0-9]")


CONTEXT = re.compile(
    r"""(?<![^\W_])(?:
        bsn(?:[- ]?(?:nummer|nr))?s?
      | burger[- ]?service[- ]?(?:nummer|nr)s?
      | sofi[- ]?(?:nummer|nr)s?
      | sofi
      | citizen'?s?\ service\ (?:number|no)
      | social[- ]security\ (?:number|no)
      | ssn
      | fiscaal\ ?nummer
      | persoonsgebonden\ nummer
      | pgn
      | tax\ identification\ number
      | national\ identification\ number
    )(?![^\W_])""",
    re.IGNORECASE | re.VERBOSE,
)

# Labels of other numbers: the nearest label before a number says what the number is.
OTHER_LABEL = re.compile(
    r"""(?<![^\W_])(?:
        (?:order|bestel|factuur|klant|personeels|medewerker|dossier|polis|zaak|ticket|artikel
          |relatie|lid|contract|referentie|kenmerk|debiteur|crediteur|leverancier|project
          |kvk|kamer\ van\ koophandel|btw|rekening|postcode|telefoon|mobiel)[- ]?(?:nummer|nr)s?
      | kenmerk | referentie | kvk | btw | iban | rekening | telefoon | tel | mobiel
      | (?:order|invoice|customer|employee|account|reference|ticket|case|policy|member
          |phone|tracking|vat|chamber\ of\ commerce)\ ?(?:number|no|nr|id)s?
      | order | invoice
    )(?![^\W_])""",
    re.IGNORECASE | re.VERBOSE,
)

_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
_AMOUNT_AFTER = re.compile(r"\s?(?:€|eur\b|euro|dollar|\$|%)", re.IGNORECASE)


def _has_context(text: str, start: int, end: int) -> bool:
    window_start = max(0, start - CONTEXT_BEFORE)
    contexts = list(CONTEXT.finditer(text, window_start, start))
    if contexts:
        last = contexts[-1]
        if not OTHER_LABEL.search(text, last.end(), start):
            return True
    # After the number ("123456782 (BSN)"): close by, in the same clause, and the number has
    # no label of its own just before it ("KvK 12345672 en BSN …").
    after = CONTEXT.search(text, end, min(len(text), end + CONTEXT_AFTER))
    return (
        after is not None
        and not _CLAUSE_END.search(text, end, after.start())
        and not OTHER_LABEL.search(text, end, after.start())
        and not OTHER_LABEL.search(text, max(0, start - OWN_LABEL), start)
    )


def _candidate(text: str, run: re.Match[str]) -> tuple[int, int, str] | None:
    """(start, end, digits) of the BSN a run of digit groups can be: all of it when it holds
    nine digits however grouped (`123 456 782`, `1234.56.782`, `12345678 2`) or eight digits in
    one group (an old number: `12345672`; eight digits in groups are dates: `12-03-2025`); or
    its first group, when that holds the number and a space separates what follows (`123456782
    2024`)."""
    groups = run.group().split(run.group("separator")) if run.group("separator") else [run.group()]
    digits = "".join(groups)
    start = run.start()
    if len(digits) == 9 or (len(digits) == 8 and len(groups) == 1):
        end = run.end()
    elif len(groups) > 1 and run.group("separator") == " " and len(groups[0]) in (8, 9):
        digits, end = groups[0], start + len(groups[0])
    else:
        return None
    if _GLUED_AFTER.match(text, end):
        return None
    return start, end, digits


def detect(
    text: str, *, exclude: list[Span] | None = None, clusters: list[Cluster] | None = None
) -> list[Finding]:
    findings: list[Finding] = []
    candidates = [
        candidate
        for cluster in (find_clusters(text) if clusters is None else clusters)
        if cluster.digits >= 8
        for run in RUN.finditer(text, cluster.start, cluster.limit)
        if (candidate := _candidate(text, run)) is not None
    ]
    for start, end, digits in candidates:
        if not stdnum_bsn.is_valid(digits) or int(digits) == 0:
            continue
        if excluded(start, end, exclude) or inside_iban_like(text, start):
            continue
        if _AMOUNT_AFTER.match(text, end) or not _has_context(text, start, end):
            continue
        findings.append(Finding(Kind.BSN, digits.zfill(9), start, end, text[start:end]))
    return findings
