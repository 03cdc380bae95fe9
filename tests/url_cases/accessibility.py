"""URLs of the accessibility statement (see tests/url_cases/__init__.py for the format).

The statement is open to everyone, logged in or not (DOS-lagen: it must be easy to find)."""

from . import ALL

CASES = {
    "accessibility": ("/tillganglighet/", ALL, None),
}
