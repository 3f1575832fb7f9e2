"""The demo organisation (Van Dijk Installatietechniek) and its demo accounts.

Import it once Django is set up: the accounts name their roles from the people models.
"""

from plein.people.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from plein.people.demo.generator import load_demo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "load_demo"]
