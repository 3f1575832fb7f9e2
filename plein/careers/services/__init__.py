"""The careers app's public service functions: every write goes through here."""
