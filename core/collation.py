"""Swedish alphabetical order (… x y z å ä ö), the same on SQLite and PostgreSQL.

Databases sort by their own collation (SQLite by code point, which puts Ä before Å), so lists
that a person reads are sorted in Python with :func:`swedish_key`.
"""

import unicodedata

ALPHABET = " -abcdefghijklmnopqrstuvwxyzåäö"
# Letters that Swedish sorts as another letter.
EQUIVALENTS = {"é": "e", "è": "e", "ü": "y", "æ": "ä", "ø": "ö", "w": "v"}
_RANK = {c: i for i, c in enumerate(ALPHABET)}


def swedish_key(text: str) -> tuple:
    """A sort key for Swedish: ``sorted(names, key=swedish_key)``."""
    folded = text.casefold()
    primary = []
    for char in folded:
        char = EQUIVALENTS.get(char, char)
        if char in _RANK:
            primary.append(_RANK[char])
        else:
            base = unicodedata.normalize("NFD", char)[0]
            primary.append(_RANK.get(base, len(ALPHABET) + ord(base)))
    # Ties (v/w, é/e) are broken by the text itself, so the order is total.
    return (tuple(primary), folded, text)
