"""What the author reads next to a highlighted span: one whole sentence per kind (and per
special category), translated."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plein.policy.findings import Kind

SUGGESTIONS: dict[Kind, Promise] = {
    Kind.BSN: _("Leave out the citizen service number (BSN): share it only through the HR system."),
    Kind.IBAN: _(
        "Leave out the bank account number (IBAN), or share it in a private message with the "
        "people who need it."
    ),
    Kind.PAYMENT_CARD: _(
        "Leave out the payment card number: never share it in a message, not even in part of it."
    ),
    Kind.PHONE: _(
        "Leave out the phone number, or use a general number of the organisation instead of a "
        "personal one."
    ),
    Kind.EMAIL: _(
        "Leave out the e-mail address, or use a general address of the organisation instead of "
        "a personal one."
    ),
    Kind.ADDRESS: _(
        "Leave out the address: a home address with postcode and house number points to one "
        "household."
    ),
    Kind.SPECIAL_CATEGORY: _(
        "This may be sensitive personal data: leave it out unless the person concerned has "
        "agreed to share it."
    ),
    Kind.CONFIDENTIAL_TERM: _(
        "This name is confidential: leave it out or describe it in general terms."
    ),
    Kind.BLOCKED_WORD: _("Rephrase this without the offensive word."),
    Kind.LINK_DOMAIN: _("Link to an approved website instead of this one."),
}

CATEGORY_SUGGESTIONS: dict[str, Promise] = {
    "health": _(
        "Leave out information about someone's health, illness or pregnancy unless they have "
        'agreed to share it; "absent" or "on leave" is enough.'
    ),
    "religion": _("Leave out someone's religion or beliefs unless they have chosen to share them."),
    "union": _(
        "Leave out whether someone is a member of a trade union unless they have chosen to share "
        "it."
    ),
    "ethnicity": _("Leave out someone's ethnic origin or skin colour."),
    "political": _(
        "Leave out someone's political preference or party membership unless they have chosen "
        "to share it."
    ),
    "sexual_orientation": _(
        "Leave out someone's sexual orientation or gender identity unless they have chosen to "
        "share it."
    ),
    "criminal": _("Leave out information about someone's criminal record, convictions or arrests."),
    "biometric": _("Leave out biometric data such as fingerprints or face scans."),
    "genetic": _("Leave out genetic data such as the results of a DNA test."),
}

CATEGORY_NAMES: dict[str, Promise] = {
    "health": _("health"),
    "religion": _("religion or beliefs"),
    "union": _("trade union membership"),
    "ethnicity": _("ethnic origin"),
    "political": _("political opinions"),
    "sexual_orientation": _("sexual orientation"),
    "criminal": _("criminal records"),
    "biometric": _("biometric data"),
    "genetic": _("genetic data"),
}
