"""URLs of the steering group (see tests/url_cases/__init__.py for the format)."""

CASES: dict = {}
