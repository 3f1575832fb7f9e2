"""Special-category term lists, one file per category and language (a package, so the lists
ship with an installed Plein)."""
