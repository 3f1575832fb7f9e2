"""What the pages call the engine's kinds, actions, scopes and categories."""

from django.utils.translation import gettext_lazy as _

from plein.policy.engine import Action, Scope
from plein.policy.findings import Kind

KIND_LABELS = {
    Kind.BSN: _("Citizen service number (BSN)"),
    Kind.IBAN: _("Bank account number (IBAN)"),
    Kind.PAYMENT_CARD: _("Payment card number"),
    Kind.PHONE: _("Phone number"),
    Kind.EMAIL: _("E-mail address"),
    Kind.ADDRESS: _("Address"),
    Kind.SPECIAL_CATEGORY: _("Special category of personal data"),
    Kind.CONFIDENTIAL_TERM: _("Confidential terms"),
    Kind.BLOCKED_WORD: _("Blocked words"),
    Kind.LINK_DOMAIN: _("Links to websites"),
}
ACTION_LABELS = {
    Action.WARN: _("Warn the author"),
    Action.HOLD: _("Hold for review"),
    Action.BLOCK: _("Block"),
}
SCOPE_LABELS = {
    Scope.INTERNAL: _("Internal (the community)"),
    Scope.CAREERS: _("Public careers site"),
    Scope.OUTBOUND: _("Outbound channels"),
}
CATEGORY_LABELS = {
    "health": _("Health"),
    "religion": _("Religion or belief"),
    "union": _("Trade union membership"),
    "ethnicity": _("Race or ethnic origin"),
    "political": _("Political opinions"),
    "sexual_orientation": _("Sex life or sexual orientation"),
    "criminal": _("Criminal records"),
    "biometric": _("Biometric data"),
    "genetic": _("Genetic data"),
}
