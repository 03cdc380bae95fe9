"""URLs of agreements_paper (see tests/url_cases/__init__.py for the format)."""

CASES: dict = {}
