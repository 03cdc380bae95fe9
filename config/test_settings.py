"""Settings for the test suite: production-like (DEBUG off), with fast password hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_URL", "consolemail://")
# A real, valid Bankgiro number (Bankgirot's own): the default 000-0000 is a placeholder, and the
# product refuses to build an e-invoice with it.
os.environ.setdefault("INVOICE_SELLER_BANKGIRO", "5050-1055")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
# The same HTML makes the same PDF bytes: a document the suite has already rendered is not written
# by WeasyPrint again (core/pdf.py), the suite's largest cost otherwise.
PDF_REUSE_RENDERS = True
SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests: serve from the finders
WHITENOISE_USE_FINDERS = True

# The outbox (core/outbox.py, which every mail of the product goes through) delivers to Django's
# test mailbox, mail.outbox.
POST_OFFICE = {
    **POST_OFFICE,  # noqa: F405
    "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
}
