"""Term matching: special categories, blocked words and confidential terms — whole words, case
and accents ignored, Dutch and English inflections, phrases, compounds."""

import pytest

from plein.policy.detectors import blocked_word, confidential_term, special_category
from plein.policy.detectors.terms import Term, TermIndex
from plein.policy.terms import CATEGORIES, special_category_terms


def categories(text: str) -> list[tuple[str, str]]:
    return [(f.category or "", f.text) for f in special_category.detect(text)]


@pytest.mark.parametrize(
    ("text", "category", "span"),
    [
        ("Petra heeft zich vanochtend ziek gemeld.", "health", "ziek gemeld"),
        ("Jan ligt in het ziekenhuis na een hartaanval.", "health", "hartaanval"),
        ("Sanne is zwanger van haar tweede kindje!", "health", "zwanger"),
        ("Hij zit thuis met een burn-out.", "health", "burn-out"),
        ("Hij zit thuis met een burn out.", "health", "burn out"),
        ("Mijn collega heeft borstkanker.", "health", "borstkanker"),
        ("Ze heeft DEPRESSIEVE klachten.", "health", "DEPRESSIEVE"),
        ("Ze is moslim en viert het Suikerfeest.", "religion", "moslim"),
        ("Hij is atheïst.", "religion", "atheïst"),
        ("Hij is atheist.", "religion", "atheist"),
        ("De joden in onze gemeente", "religion", "joden"),
        ("Ik ben lid van de FNV.", "union", "FNV"),
        ("Twee vakbondsleden zitten in de OR.", "union", "vakbondsleden"),
        ("Hij is homo en getrouwd met Peter.", "sexual_orientation", "homo"),
        ("Hij heeft een strafblad.", "criminal", "strafblad"),
        ("Ik stem al jaren op de VVD.", "political", "VVD"),
        ("We loggen in met vingerafdrukken.", "biometric", "vingerafdrukken"),
        ("Ze deed een DNA-test.", "genetic", "DNA-test"),
        ("Zij heeft een migratieachtergrond.", "ethnicity", "migratieachtergrond"),
        ("She is pregnant and will go on maternity leave.", "health", "pregnant"),
        ("He called in sick with the flu.", "health", "called in sick"),
        ("John was diagnosed with diabetes.", "health", "diabetes"),
        ("She is a practising Muslim.", "religion", "Muslim"),
        ("He's been a union member for years.", "union", "union member"),
        ("Both are trade-union members.", "union", "trade-union"),
        ("They are gay.", "sexual_orientation", "gay"),
        ("He has a criminal record.", "criminal", "criminal record"),
        ("He has HIV.", "health", "HIV"),
    ],
)
def test_it_finds_special_categories_in_dutch_and_english(text, category, span):
    assert (category, span) in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik geloof dat we dit kwartaal goed draaien.",  # geloven, not faith
        "Het DNA van ons bedrijf is innovatie.",
        "We hebben de feature disabled.",
        "De nieuwe versie came out last week.",
        "The European Union has new rules.",
        "This aids our planning.",  # "aids" the verb, not AIDS
        "He was ill-prepared for the meeting.",
        "We voerden een verdachte e-mail door de scanner.",
        "Christian from Sales joins the call.",
        "De jaarlijkse griepprik is er weer.",  # no whole-word match inside a compound
        "Innovatie zit in ons DNA.",
    ],
)
def test_it_does_not_find_special_categories_in_ordinary_sentences(text):
    assert categories(text) == []


def test_every_category_has_dutch_and_english_terms():
    terms = special_category_terms()
    assert set(terms) == set(CATEGORIES)
    for category in CATEGORIES:
        languages = {term.language for term in terms[category]}
        assert languages == {"nl", "en"}, category


def test_the_special_category_lists_are_configurable():
    lists = {"health": [Term("mantelzorg", "nl")], "hobby": [Term("postzegels")]}
    found = special_category.detect(
        "Ik doe aan mantelzorg en verzamel postzegels; ik ben ziek.", category_terms=lists
    )
    assert [(f.category, f.value) for f in found] == [
        ("health", "mantelzorg"),
        ("hobby", "postzegels"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wat een klootzak.", ["klootzak"]),
        ("Wat een KLOOTZAKKEN!", ["klootzakken"]),
        ("Wat een klootzakje", ["klootzak"]),
        ("Kutweer vandaag", ["kut"]),
        ("Dat was fucking goed!", ["fucking"]),
        ("He was fucked.", ["fuck"]),
        ("Tering, wat een dag", ["tering"]),
    ],
)
def test_blocked_words_match_with_inflections(text, expected):
    assert [f.value for f in blocked_word.detect(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "We komen uit Scunthorpe.",  # no match inside a word
        "Een teer onderwerp.",  # "tering" stems to "teer": listed as =tering, so not inflected
        "Het licht flikkert.",
        "Kun je dat even lullen? Nee, dat is geen blocked word.",
        "Shitake-paddenstoelen",
        "Brandvertragend (fire retardant) materiaal",
    ],
)
def test_blocked_words_do_not_match_ordinary_words(text):
    assert blocked_word.detect(text) == []


def test_blocked_words_accept_any_list_with_accents_ignored():
    found = blocked_word.detect("Wat een sukkels, en wat een idióót.", words=["sukkel", "idioot"])
    assert [(f.value, f.text) for f in found] == [("sukkel", "sukkels"), ("idioot", "idióót")]


def test_confidential_terms_match_whole_words_and_phrases_as_written():
    terms = ["Orion", "Project Zeus", "Zorggroep Noord", "ACME"]
    text = "Over ORION's lancering, project  zeus en Acme: niet Orionnevel of Zorggroep Noorden."
    found = confidential_term.detect(text, terms=terms)
    assert [(f.value, f.text) for f in found] == [
        ("Orion", "ORION"),
        ("Project Zeus", "project  zeus"),
        ("ACME", "Acme"),
    ]


def test_a_phrase_does_not_match_across_a_sentence_boundary():
    index = TermIndex([(Term("trade union", "en"), "union")])
    assert index.find("We trade. Union rules apply.") == []
    assert [hit.term for hit in index.find("The trade union met.")] == ["trade union"]


def test_terms_in_capitals_match_only_in_capitals():
    index = TermIndex([(Term("AIDS"), "health")])
    assert index.find("It aids us") == []
    assert len(index.find("Living with AIDS")) == 1


def test_one_index_serves_many_lists_at_once():
    index = TermIndex(
        [(Term(f"codenaam{number}"), f"rule-{number}") for number in range(500)]
        + [(Term("vakbond", "nl"), "union"), (Term("vakbond", "nl"), "union-public")]
    )
    hits = index.find("De vakbonden en codenaam7 en CODENAAM499.")
    assert sorted(hit.payload for hit in hits) == ["rule-499", "rule-7", "union", "union-public"]
