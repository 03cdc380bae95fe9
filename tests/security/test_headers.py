"""The Content Security Policy, CSRF, cookies and HSTS as a browser receives them."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User

from .production import production_settings
from .test_templates import csp_problems

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = [p.strip().split(None, 1) for p in header.split(";") if p.strip()]
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


@pytest.mark.parametrize("role", ["anonymous", "contact_taby", "finance"])
def test_pages_carry_the_policy_with_no_inline_script(client_for, role):
    client = client_for(role)
    response = client.get("/konto/logga-in/" if role == "anonymous" else "/")
    assert response.status_code == 200
    assert directives(response) == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp_problems(response.content.decode()) == []


def test_the_django_admin_works_under_the_policy(client, reference_data):
    """The admin's scripts are files and its data sits in data- attributes: nothing inline."""
    admin = User.objects.create_superuser("admin", "admin@example.se", "admin-lösenord-1")
    client.force_login(admin)
    for path in [
        "/admin/",
        "/admin/municipalities/municipality/",
        "/admin/municipalities/municipality/add/",
        "/admin/agreements/agreement/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert directives(response) == POLICY, path
        assert csp_problems(response.content.decode()) == [], path


def test_a_post_without_the_csrf_token_is_refused(users):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/konto/logga-in/", {"username": "kontakt.taby", "password": "kommunavtal-demo"}
    )
    assert response.status_code == 403
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    # With the token from the form the same login goes through.
    token = strict.get("/konto/logga-in/").cookies[settings.CSRF_COOKIE_NAME].value
    response = strict.post(
        "/konto/logga-in/",
        {"username": "kontakt.taby", "password": "kommunavtal-demo", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_cookies_are_secure_httponly_and_samesite_with_debug_off(client, users):
    """The test settings are production's (DEBUG off) except the HTTPS redirect."""
    response = client.get("/konto/logga-in/")
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/konto/logga-in/", {"username": "kontakt.taby", "password": "kommunavtal-demo"}
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_https_responses_carry_hsts_for_a_year(client, users):
    response = client.get("/konto/logga-in/", secure=True)
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts


def test_production_settings_redirect_to_https_and_mark_the_cookies():
    """config.settings itself (not the test settings), as production loads it."""
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "DEBUG",
    ]
    values = production_settings(*names)
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "DEBUG": False,
    }
