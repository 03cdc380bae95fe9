"""URLs of agreements_pipeline (see tests/url_cases/__init__.py for the format)."""

CASES: dict = {}
