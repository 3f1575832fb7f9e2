"""The community's public service functions: every write to the social network goes here."""
