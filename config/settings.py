"""Settings for kommunavtal.

Everything that differs between a laptop and production comes from the environment (or an
optional ``.env`` file beside manage.py), read with django-environ. With no setup at all the
project runs on SQLite in the project folder with DEBUG on.
"""

import datetime
from pathlib import Path

import csp.constants as csp
import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# Production refuses to start without a secret; in DEBUG a throwaway one is fine.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (put it in the environment or .env)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "post_office",
    "core",
    "accounts",
    "municipalities",
    "offers",
    "agreements",
    "invoicing",
    "steering_group",
    "training",
    "followup",
    "simple_history",
    "audit",
    "privacy",
    # The top floor: the start page and the commands that load every app's data.
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Links in mails, .ics files and PDFs use the address asked at when SITE_URL is not set.
    "core.middleware.RequestAddressMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit history (audit/) records the user who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.roles",
            ],
            "builtins": ["core.templatetags.money"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords and login -------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after eight hours of a working day, and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
# A form sent from a stale page answers the product's own page, not Django's technical one.
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

# Lockout: five failed logins for the same user name from the same address lock it for
# 30 minutes. Locking per (user name, address) keeps one attacker from locking everyone out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# --- Internationalisation ----------------------------------------------------------------

LANGUAGE_CODE = "sv"
# Each language is named in itself, so that anyone can find their own.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded and generated documents live outside the static path and are served only through
# views that check access.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail ------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every mail goes through one outbox (django-post-office, core/outbox.py): it is stored before it
# is sent, sent at once through the server of EMAIL_URL, and when that fails it waits in the
# outbox (status failed) for `manage.py send_outbox` to retry it (docs/operations.md). The
# project leader reads the outbox at /utkorg/. Mail sent by Django itself goes the same way.
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_CONFIG["EMAIL_BACKEND"]},
    "DEFAULT_PRIORITY": "now",
    "LOG_LEVEL": 2,  # one log row per attempt, sent or failed: the outbox page shows them
    "MAX_RETRIES": env.int("OUTBOX_MAX_RETRIES", default=20),
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kommunavtal@stockholm.se")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production) ---------------------------------------------------------------

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): only our own files, no inline script or style, no
# plugins, no framing, forms post only to us. The Django admin works under it (its scripts are
# files; it passes data in data- attributes). tests/security/test_templates.py keeps ours clean.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- The product -------------------------------------------------------------------------

# The public address, used in the links of mails, .ics files and PDFs (core/site.py). Set it in
# production. Unset (development), links use the address a page was asked at, or runserver's.
SITE_URL = env.str("SITE_URL", default="")

# The population key of § 6: SCB's figures of 31 December 2018.
COST_BASE_POPULATION_DATE = datetime.date(2018, 12, 31)

# Where the accessibility statement (/tillganglighet/) asks people to report a problem.
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Invoicing (seller details) ---------------------------------------------------------
# What every invoice, credit note and reminder says about the seller. The defaults are Stockholm
# city's Socialförvaltningen; the Bankgiro number and the VAT wording must be confirmed by the
# city's finance department. These values are the default: once finance saves the seller block
# in the product (Fakturering → Säljaruppgifter: Bankgiro, reference person, address, e-mail),
# that applies (invoicing.seller.current_seller, the one reader of these settings). The fee of § 6 carries
# no VAT (0 %); the invoice states the reason given here.
INVOICE_SELLER_NAME = env.str("INVOICE_SELLER_NAME", default="Stockholms stad, Socialförvaltningen")
INVOICE_SELLER_ORG_NUMBER = env.str("INVOICE_SELLER_ORG_NUMBER", default="212000-0142")
INVOICE_SELLER_VAT_NUMBER = env.str("INVOICE_SELLER_VAT_NUMBER", default="SE212000014201")
INVOICE_SELLER_ADDRESS = env.str(
    "INVOICE_SELLER_ADDRESS", default="Box 44\n104 20 Stockholm", multiline=True
)
INVOICE_SELLER_BANKGIRO = env.str("INVOICE_SELLER_BANKGIRO", default="000-0000")
INVOICE_SELLER_REFERENCE = env.str("INVOICE_SELLER_REFERENCE", default="")  # name (Vår referens)
INVOICE_SELLER_REFERENCE_PHONE = env.str("INVOICE_SELLER_REFERENCE_PHONE", default="")
INVOICE_SELLER_REFERENCE_EMAIL = env.str("INVOICE_SELLER_REFERENCE_EMAIL", default="")
INVOICE_SELLER_EMAIL = env.str("INVOICE_SELLER_EMAIL", default="")
INVOICE_VAT_EXEMPTION_REASON = env.str(
    "INVOICE_VAT_EXEMPTION_REASON",
    default=(
        "Ingen mervärdesskatt: ersättningen avser samverkan mellan kommuner inom länet och "
        "utgör inte omsättning i ekonomisk verksamhet."
    ),
)
# The e-invoice (Peppol BIS Billing 3.0): the VAT category finance decides applies to the fee,
# "E" (exempt from VAT, with the reason above) or "O" (not subject to VAT: the e-invoice then
# carries no seller VAT number), and whether the seller states "Godkänd för F-skatt".
INVOICE_VAT_CATEGORY = env.str("INVOICE_VAT_CATEGORY", default="E")
INVOICE_SELLER_F_SKATT = env.bool("INVOICE_SELLER_F_SKATT", default=False)
# --- end of Invoicing (seller details) ---------------------------------------------------
