"""URLs of the product as a whole (core/views.py; see tests/url_cases/__init__.py for the format).

The accessibility statement is open to everyone, logged in or not (DOS-lagen: it must be easy to
find); so is the favicon, which browsers fetch before anyone logs in."""

from tests.conftest import ROLES

from . import ALL, REDIRECT

CASES = {
    "accessibility": ("/tillganglighet/", ALL, None),
    "favicon": ("/favicon.ico", dict.fromkeys(ROLES, REDIRECT), None),
}
