from django.conf import settings
from django.core import mail

from tests.conftest import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post("/konto/logga-in/", {"username": username, "password": password})


def test_login_by_username_or_email_in_any_case(client, users):
    assert login(client, "kontakt.taby")["Location"] == "/"
    client.logout()
    assert login(client, "Kontakt.Taby@DEMO.kommunavtal.se")["Location"] == "/"


def test_wrong_password_gives_a_swedish_error_and_no_session(client, users):
    response = login(client, "kontakt.taby", "fel-lösenord")
    assert response.status_code == 200
    assert "Fel användarnamn, e-postadress eller lösenord" in response.content.decode()
    assert client.get("/").status_code == 302


def test_lockout_after_the_threshold_refuses_even_the_right_password(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "kontakt.taby", "fel-lösenord")
    response = login(client, "kontakt.taby")
    assert response.status_code == 429
    assert "Inloggningen är tillfälligt spärrad" in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in
    # Another user from the same address is not locked out by someone else's failures.
    assert login(client, "kontakt.nacka")["Location"] == "/"


def test_inactive_user_cannot_log_in(client, users):
    users["finance"].is_active = False
    users["finance"].save()
    assert login(client, "ekonomi").status_code == 200
    assert client.get("/").status_code == 302


def test_every_page_but_login_and_reset_requires_login(client, users):
    assert client.get("/kommuner/")["Location"] == "/konto/logga-in/?next=/kommuner/"
    assert client.get("/konto/losenord/aterstall/").status_code == 200


def test_password_reset_mails_a_working_link(client, users):
    response = client.post(
        "/konto/losenord/aterstall/", {"email": "kontakt.taby@demo.kommunavtal.se"}
    )
    assert response["Location"] == "/konto/losenord/aterstall/skickat/"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "kontakt.taby" in body
    link = next(line for line in body.splitlines() if "/konto/losenord/aterstall/" in line)
    path = link.split("testserver", 1)[1].strip()
    response = client.get(path, follow=True)
    assert "Välj nytt lösenord" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Ny-lång-fras-2026!", "new_password2": "Ny-lång-fras-2026!"}
    )
    assert response["Location"] == "/konto/losenord/aterstall/klart/"
    client.logout()
    assert login(client, "kontakt.taby", "Ny-lång-fras-2026!")["Location"] == "/"


def test_session_expires(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_passwords_are_hashed_with_argon2_in_production():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
