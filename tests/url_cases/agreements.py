"""URLs of the agreements app (filled in as its pages are built)."""

CASES: dict = {}
