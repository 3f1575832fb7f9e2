"""People's public service functions: every write to people goes through here."""
