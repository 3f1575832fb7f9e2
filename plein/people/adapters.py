from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Plein is invitation-only: people join through an invitation or the HR import."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
