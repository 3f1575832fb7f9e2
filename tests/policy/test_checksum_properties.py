"""Property-based tests of the checksum detectors: BSN (elfproef), IBAN (mod 97), cards (Luhn)."""

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum import luhn, numdb

from plein.policy.detectors import detect_all
from plein.policy.findings import Kind

# No deadline: the shared test machine is sometimes busy; the checks are exhaustive anyway.
checks = settings(deadline=None, max_examples=150)


def elfproef(digits: str) -> bool:
    """The BSN check, written out (not the library the detector uses)."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return (
        int(digits) > 0 and sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0
    )


def found(text: str, kind: Kind) -> list[str]:
    return [finding.value for finding in detect_all(text) if finding.kind == kind]


# ---------------------------------------------------------------------------------------- BSN

BSN_CONTEXTS = (
    "BSN: {}",
    "Mijn burgerservicenummer is {}.",
    "Kun je het BSN {} even controleren?",
    "sofinummer {}",
    "Het BSN-nummer van de nieuwe collega: {}",
    "{} (BSN)",
    "Her citizen service number is {}.",
    "Please check social security number {} before Friday.",
)
BSN_FORMATS = (
    lambda d: d,
    lambda d: f"{d[:4]}.{d[4:6]}.{d[6:]}",
    lambda d: f"{d[:4]} {d[4:6]} {d[6:]}",
    lambda d: f"{d[:3]} {d[3:6]} {d[6:]}",
    lambda d: f"{d[:3]}.{d[3:6]}.{d[6:]}",
    lambda d: f"{d[:3]}-{d[3:6]}-{d[6:]}",
    lambda d: f"{d[:8]} {d[8]}",
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@st.composite
def valid_bsns(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    check = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=True)) % 11
    assume(check < 10 and int(body + str(check)) > 0)
    return body + str(check)


@checks
@given(valid_bsns(), st.sampled_from(BSN_CONTEXTS), st.sampled_from(BSN_FORMATS))
def test_every_valid_bsn_with_a_context_word_is_found(digits, context, form):
    assert found(context.format(form(digits)), Kind.BSN) == [digits]


@checks
@given(nine_digits, st.sampled_from(BSN_CONTEXTS), st.sampled_from(BSN_FORMATS))
def test_a_nine_digit_number_with_context_is_a_bsn_exactly_when_it_passes_the_elfproef(
    digits, context, form
):
    expected = [digits] if elfproef(digits) else []
    assert found(context.format(form(digits)), Kind.BSN) == expected


@checks
@given(valid_bsns())
def test_a_valid_bsn_without_a_context_word_is_not_found(digits):
    text = f"Het ordernummer is {digits} en de levering volgt morgen."
    assert found(text, Kind.BSN) == []


@checks
@given(valid_bsns(), st.integers(min_value=0, max_value=8), st.integers(1, 9))
def test_a_bsn_with_one_digit_changed_is_not_found(digits, position, shift):
    changed = digits[:position] + str((int(digits[position]) + shift) % 10) + digits[position + 1 :]
    # The elfproef catches every change of one digit (weights 2..9 are not multiples of 11)...
    # except at the last position with weight -1: also caught. So never a BSN.
    assert found(f"BSN: {changed}", Kind.BSN) == []


# --------------------------------------------------------------------------------------- IBAN

IBAN_COUNTRIES = ("NL", "DE", "BE", "GB", "FR", "ES", "IT", "AT", "CH", "LU", "IE", "PL")
_STRUCTURE = re.compile(r"([0-9]+)!([nac])")
_ALPHABETS = {
    "n": "0123456789",
    "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "c": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
}


@st.composite
def valid_ibans(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(IBAN_COUNTRIES))
    structure = numdb.get("iban").info(country)[0][1]["bban"]
    bban = "".join(
        draw(st.text(alphabet=_ALPHABETS[kind], min_size=int(n), max_size=int(n)))
        for n, kind in _STRUCTURE.findall(structure)
    )
    number = country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban
    assert stdnum_iban.is_valid(number, check_country=False)
    return number


IBAN_FORMATS = (
    lambda n: n,
    lambda n: " ".join(n[i : i + 4] for i in range(0, len(n), 4)),
    lambda n: n.lower(),
    lambda n: " ".join(n[i : i + 4] for i in range(0, len(n), 4)).lower(),
    lambda n: "-".join(n[i : i + 4] for i in range(0, len(n), 4)),
)
IBAN_CONTEXTS = (
    "{}",
    "IBAN: {}.",
    "Maak het bedrag over naar {} t.n.v. de personeelsvereniging.",
    "Please transfer the money to {}, thanks!",
    "rekening ({})",
)


@checks
@given(valid_ibans(), st.sampled_from(IBAN_FORMATS), st.sampled_from(IBAN_CONTEXTS))
def test_every_valid_iban_is_found_however_it_is_written(number, form, context):
    findings = [f for f in detect_all(context.format(form(number))) if f.kind == Kind.IBAN]
    assert [f.value for f in findings] == [number]
    assert findings[0].text == form(number)


@checks
@given(valid_ibans(), st.data())
def test_an_iban_with_one_digit_changed_is_not_found(number, data):
    digit_positions = [i for i, c in enumerate(number) if c.isdigit()]
    position = data.draw(st.sampled_from(digit_positions))
    shift = data.draw(st.integers(1, 9))
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    form = data.draw(st.sampled_from(IBAN_FORMATS))
    findings = detect_all(f"IBAN: {form(changed)}")
    assert [f for f in findings if f.kind in (Kind.IBAN, Kind.PAYMENT_CARD, Kind.BSN)] == []


# --------------------------------------------------------------------------------------- Cards

ISSUERS = (
    ("4", 16),  # Visa
    ("4", 13),
    ("51", 16),  # Mastercard
    ("55", 16),
    ("2221", 16),
    ("2720", 16),
    ("34", 15),  # American Express
    ("37", 15),
    ("6011", 16),  # Discover
    ("65", 16),
    ("6759", 16),  # Maestro
    ("6759", 19),
    ("3530", 16),  # JCB
    ("36", 14),  # Diners
)


@st.composite
def valid_cards(draw: st.DrawFn) -> str:
    prefix, length = draw(st.sampled_from(ISSUERS))
    body = prefix + draw(
        st.text(
            alphabet="0123456789",
            min_size=length - len(prefix) - 1,
            max_size=length - len(prefix) - 1,
        )
    )
    return body + luhn.calc_check_digit(body)


def grouped(number: str, separator: str) -> str:
    if len(number) == 15:  # American Express: 4-6-5
        return separator.join((number[:4], number[4:10], number[10:]))
    if len(number) == 14:  # Diners: 4-6-4
        return separator.join((number[:4], number[4:10], number[10:]))
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


CARD_FORMATS = (lambda n: n, lambda n: grouped(n, " "), lambda n: grouped(n, "-"))
CARD_CONTEXTS = (
    "{}",
    "Creditcard: {}, geldig tot 12/27.",
    "My card number is {} - please charge it.",
    "kaartnummer {}",
)


@checks
@given(valid_cards(), st.sampled_from(CARD_FORMATS), st.sampled_from(CARD_CONTEXTS))
def test_every_luhn_valid_card_number_with_an_issuer_prefix_is_found(number, form, context):
    assert found(context.format(form(number)), Kind.PAYMENT_CARD) == [number]


@checks
@given(valid_cards(), st.data())
def test_a_card_number_with_one_digit_changed_is_not_found(number, data):
    position = data.draw(st.integers(0, len(number) - 1))
    shift = data.draw(st.integers(1, 9))
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    form = data.draw(st.sampled_from(CARD_FORMATS))
    assert found(f"Kaart: {form(changed)}", Kind.PAYMENT_CARD) == []


@checks
@given(st.text(alphabet="0123456789", min_size=13, max_size=19))
def test_a_luhn_valid_number_without_an_issuer_prefix_is_not_a_card(digits):
    assume(digits[0] in "0789" and digits[:2] not in ("36", "38", "39"))
    number = digits[:-1] + luhn.calc_check_digit(digits[:-1])
    assert found(f"nummer {number}", Kind.PAYMENT_CARD) == []
