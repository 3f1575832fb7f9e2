"""Realistic Dutch and English sentences: what each detector finds, and what it must leave
alone (dates, amounts, order numbers, postcodes without a house number, …)."""

import pytest

from plein.policy.detectors import (
    address,
    blocked_word,
    bsn,
    detect_all,
    email,
    iban,
    link_domain,
    payment_card,
    phone,
    special_category,
)
from plein.policy.findings import Kind


def values(text: str, kind: Kind) -> list[str]:
    return [finding.value for finding in detect_all(text) if finding.kind == kind]


# ---------------------------------------------------------------------------------------- BSN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn BSN is 123456782.", "123456782"),
        ("BSN: 123456782", "123456782"),
        ("bsn 1234.56.782 (zie paspoort)", "123456782"),
        ("Burgerservicenummer: 123 456 782", "123456782"),
        ("Het burgerservicenummer van Jan de Vries is 123456782, graag verwerken.", "123456782"),
        ("sofinummer 111222333", "111222333"),
        ("Sofi-nummer: 111.222.333", "111222333"),
        ("BSN-nr. 123-456-782", "123456782"),
        ("Kun je 123456782 (bsn) in het dossier zetten?", "123456782"),
        ("Her citizen service number is 123456782.", "123456782"),
        ("Social security number: 123456782", "123456782"),
        ("Oud sofinummer van 8 cijfers: 12345672", "012345672"),
        ("BSN's: 111222333", "111222333"),
        ("**BSN:** 123456782", "123456782"),
        ("burgerservicenummer 12345678 2", "123456782"),
        ("BSN 1234 567 82", "123456782"),
        ("BSN 123456782 2024 was het jaar van de aanvraag", "123456782"),
        ("https://portaal.example/zoek?bsn=123456782", "123456782"),
    ],
)
def test_it_finds_a_valid_bsn_with_a_context_word(text, expected):
    assert values(text, Kind.BSN) == [expected]
    finding = next(f for f in bsn.detect(text) if f.kind == Kind.BSN)
    assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "Mijn BSN is 123456783.",  # fails the elfproef
        "Het ordernummer is 123456782.",  # valid, but no context
        "Stuur je BSN via het HR-portaal, niet hier.",  # a mention, no number
        "Vul je BSN in; je klantnummer is 123456782.",  # the nearest label is another number's
        "BSN nodig? Factuurnummer 123456782 is betaald.",
        "De btw is NL123456782B01 volgens de BSN-regels.",  # a VAT number
        "BSN: 1234567820",  # ten digits: not a BSN
        "BSN 123456782 euro was het bedrag",  # an amount
        "bsn € 123.456.782",
        "We kregen 123456782 bezoekers; het BSN-register is niet geraakt.",  # another clause
        "Er waren 123456782 aanvragen in totaal, en nul BSN-lekken.",  # after, but too far
        "Versie 1.234.567.820 van het BSN-systeem",
        "In 2025 ging het om 12-03-2025, geen BSN.",
        "BSN en geboortedatum: 12-03-1985",  # a date: eight digits in groups
        "BSN 1234-5672",
        "BSN 123456782-1",  # a longer code
        "BSN 123 456 782 123",  # a longer number
    ],
)
def test_it_does_not_find_a_bsn(text):
    assert values(text, Kind.BSN) == []


# --------------------------------------------------------------------------------------- IBAN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN: NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("Maak €5 over naar NL91ABNA0417164300 voor het cadeau.", "NL91ABNA0417164300"),
        ("rekening nl91abna0417164300", "NL91ABNA0417164300"),
        ("Our German account: DE89 3704 0044 0532 0130 00.", "DE89370400440532013000"),
        ("GB82 WEST 1234 5698 7654 32 is the UK account", "GB82WEST12345698765432"),
        ("Belgische rekening BE68 5390 0754 7034", "BE68539007547034"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
        ("NL91-ABNA-0417-1643-00", "NL91ABNA0417164300"),
    ],
)
def test_it_finds_an_iban(text, expected):
    assert values(text, Kind.IBAN) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "IBAN: NL91 ABNA 0417 1643 01",  # mod 97 fails
        "NL91 ABNA 0417 1643",  # too short for NL
        "NL91ABNA04171643001",  # one character too many
        "Zie pagina NL12 van het handboek.",
        "XX91ABNA0417164300",  # no such country
    ],
)
def test_it_does_not_find_an_iban(text):
    assert values(text, Kind.IBAN) == []


def test_the_digits_of_an_iban_are_not_also_a_phone_number_a_card_or_a_bsn():
    text = "BSN en IBAN: NL91 ABNA 0417 1643 00 of DE89 3704 0044 0532 0130 00"
    assert {f.kind for f in detect_all(text)} == {Kind.IBAN}


# ---------------------------------------------------------------------------------------- Cards


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Creditcard 4111 1111 1111 1111, geldig tot 12/27", "4111111111111111"),
        ("kaart: 4111-1111-1111-1111", "4111111111111111"),
        ("5555555555554444", "5555555555554444"),
        ("Amex 3782 822463 10005.", "378282246310005"),
        ("Mastercard 2223 0000 4841 0010", "2223000048410010"),
        ("Discover 6011 1111 1111 1117", "6011111111111117"),
        ("5555 5555 5555 4444 12/26 cvc 123", "5555555555554444"),
    ],
)
def test_it_finds_a_payment_card_number(text, expected):
    assert values(text, Kind.PAYMENT_CARD) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # Luhn fails
        "Barcode 8712345678906 op de doos",  # EAN-13, no card issuer
        "Order 1234567812345670",  # Luhn valid, no issuer prefix 1
        "Bedrag 4111111111111111,00",  # an amount
        "trackingcode 3S4111111111111111",  # glued to letters
    ],
)
def test_it_does_not_find_a_payment_card_number(text):
    assert values(text, Kind.PAYMENT_CARD) == []


# ---------------------------------------------------------------------------------------- Phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel me op 06-12345678.", "+31612345678"),
        ("mobiel: 06 1234 5678", "+31612345678"),
        ("06 12 34 56 78", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("(06) 12345678", "+31612345678"),
        ("06 - 12345678", "+31612345678"),
        ("06–12345678", "+31612345678"),
        ("06.12.34.56.78", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("+31 06 12345678", "+31612345678"),
        ("+31612345678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("Het kantoor: (020) 123 4567", "+31201234567"),
        ("020-1234567", "+31201234567"),
        ("030 - 234 56 78", "+31302345678"),
        ("0314 123456", "+31314123456"),
        ("085 123 4567", "+31851234567"),
        ("Gratis: 0800-1234", "+318001234"),
        ("0900 1234567", "+319001234567"),
        ("tel.0612345678", "+31612345678"),
        ("tel: +31 20 123 45 67", "+31201234567"),
        ("Bel 06 12345678 24/7", "+31612345678"),
        ("London office: +44 20 7946 0958", "+442079460958"),
        ("Call +1 (415) 555-0132 tomorrow", "+14155550132"),
        ("Brussel +32 2 123 45 67", "+3221234567"),
        ("Berlin +49 30 123456", "+4930123456"),
        ("Call 0044 20 7946 0958", "+442079460958"),
    ],
)
def test_it_finds_a_phone_number_the_way_people_write_them(text, expected):
    assert values(text, Kind.PHONE) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "De vergadering is op 12-03-2025.",
        "Op 01-03-2025 10:00 begint de training.",
        "om 06.12.2024 14:30",
        "2024-03-12",
        "Het budget is € 1.234.567,89.",
        "Ordernummer 123456 is verzonden.",
        "Ons kantoor zit in 3511 AB Utrecht.",
        "Mijn BSN is 123456782.",
        "Artikel 0612-34 uit de catalogus",  # too few digits
        "Het project kostte 0,612345678 procent",
        "https://example.nl/?tel=0612345678",
        "Versie 06.1234.5678.1 is uit",
        "Factuur 2025001234 is betaald",  # does not start with 0 or +
        "Bel 112 bij nood",
    ],
)
def test_it_does_not_find_a_phone_number(text):
    assert values(text, Kind.PHONE) == []


# ---------------------------------------------------------------------------------------- Email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail Anna.Jansen@Example.nl.", "anna.jansen@example.nl"),
        ("mail naar hr@plein.nl of jan+werk@bedrijf.co.uk", "hr@plein.nl"),
        ("anna(at)example.nl", "anna@example.nl"),
        ("anna [at] example [dot] nl", "anna@example.nl"),
        ("Write to j.de.vries@gemeente-utrecht.nl!", "j.de.vries@gemeente-utrecht.nl"),
    ],
)
def test_it_finds_an_email_address(text, expected):
    assert values(text, Kind.EMAIL)[0] == expected


@pytest.mark.parametrize(
    "text",
    ["versie@2.0", "@[Anna Jansen](p:12) bedankt!", "Het @-teken", "mail@localhost", "a @ b.nl"],
)
def test_it_does_not_find_an_email_address(text):
    assert values(text, Kind.EMAIL) == []


# -------------------------------------------------------------------------------------- Address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn adres is Kerkstraat 12, 3511 AB Utrecht.", "3511AB 12"),
        ("Kerkstraat 12a\n3511AB Utrecht", "3511AB 12A"),
        ("Postcode en huisnummer: 3511 AB 12", "3511AB 12"),
        ("3511AB-12", "3511AB 12"),
        ("postcode 3511 AB huisnummer 12", "3511AB 12"),
        ("Burgemeester van Roijensingel 12 bis, 8011 PR Zwolle", "8011PR 12BIS"),
        ("Van Speijkstraat 20-2, 1057 GH Amsterdam", "1057GH 20-2"),
        ("Ik woon op de Dorpsstraat 5 in Zeist.", "Dorpsstraat 5"),
        ("She lives at 221B Baker Street, London.", "221B Baker Street"),
    ],
)
def test_it_finds_a_home_address(text, expected):
    assert values(text, Kind.ADDRESS) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We zitten in 3511 AB.",
        "postcode 3511AB",
        "Postbus 123, 3500 AA Utrecht",
        "in 2024 en 2025 groeiden we",
        "postcode 3511 AB, 12 medewerkers",
        "3511 AB Utrecht heeft 12 medewerkers",
        "Rotterdam 2025 was een succes",
        "In 2024 stegen de kosten met 12%",
        "Het postcodegebied 3500 telt veel klanten",
    ],
)
def test_it_does_not_find_an_address(text):
    assert values(text, Kind.ADDRESS) == []


# ------------------------------------------------------------------------------- whole texts


def test_every_detector_is_a_pure_function_of_the_text():
    text = (
        "Hoi! Mijn BSN is 123456782, IBAN NL91 ABNA 0417 1643 00, bel 06-12345678 of mail "
        "anna@example.nl. Adres: Kerkstraat 12, 3511 AB Utrecht. Ik ben ziek. Zie plein.nl."
    )
    assert [f.kind for f in bsn.detect(text)] == [Kind.BSN]
    assert [f.kind for f in iban.detect(text)] == [Kind.IBAN]
    assert payment_card.detect(text) == []
    assert [f.value for f in phone.detect(text)] == ["+31612345678"]
    assert [f.value for f in email.detect(text)] == ["anna@example.nl"]
    assert [f.value for f in address.detect(text)] == ["3511AB 12"]
    assert [f.category for f in special_category.detect(text)] == ["health"]
    assert blocked_word.detect(text) == []
    # The domain of an e-mail address is not a link.
    assert [f.value for f in link_domain.detect(text)] == ["plein.nl"]


def test_spans_point_at_the_original_text():
    text = "Één ding: bel Jörg op 06-12345678 over zijn burn-out."
    for finding in detect_all(text):
        assert text[finding.start : finding.end] == finding.text


def test_an_ordinary_post_has_no_findings():
    text = (
        "Goedemorgen allemaal! Op 12-03-2025 starten we met de nieuwe planning. We hebben 1.250 "
        "klantvragen beantwoord (14% meer) en het budget van € 1.234.567,89 is rond. Bestelling "
        "20250312 is verzonden naar het magazijn in 3511 AB. Vrijdag borrel vanaf 16:00 uur!"
    )
    assert detect_all(text) == []


def test_an_english_post_has_no_findings():
    text = (
        "Great quarter, team: revenue grew 12% to €1,234,567.89 and order 100234567 shipped on "
        "12/03/2025. The new release (version 2.14.1) goes live at 09:30. Thanks everyone!"
    )
    assert detect_all(text) == []


def test_the_id_in_a_mention_is_not_a_number_of_its_own():
    text = "BSN-vraag voor @[Anna Jansen](p:123456782), bel @[Team](g:0612345678)"
    assert detect_all(text) == []
