"""URLs of invoicing (invoices); see tests/url_cases/__init__.py for the format."""

CASES: dict = {}
