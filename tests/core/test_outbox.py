"""Every mail goes through one outbox (core/outbox.py, django-post-office): stored before it is
sent, kept with the status "failed" when the mail server refuses it, without turning the action
that sent it into an error page, and sent again by `manage.py send_outbox` or the project
leader's button on /utkorg/."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from post_office.models import STATUS, Email

from accounts.models import User

FAILING = "tests.core.failing_mail.Backend"


@pytest.fixture
def mail_server(settings):
    """mail_server("down") / mail_server("up"): the server behind the outbox."""
    working = settings.POST_OFFICE["BACKENDS"]["default"]

    def switch(state):
        backend = FAILING if state == "down" else working
        settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}

    return switch


NEW_USER = {
    "username": "ny.anvandare",
    "first_name": "Nora",
    "last_name": "Ny",
    "email": "nora@stockholm.example.se",
    "roles": ["Ekonomi"],
    "is_active": "on",
}


def test_a_failing_mail_server_leaves_the_action_saved_and_the_mail_in_the_outbox(
    users, client_for, mail_server
):
    mail_server("down")
    leader = client_for("project_leader")
    response = leader.post("/anvandare/ny/", NEW_USER)

    # The user is created (no error page), and the welcome mail waits in the outbox.
    assert response.status_code == 302
    assert User.objects.filter(username="ny.anvandare").exists()
    assert mail.outbox == []
    (stored,) = Email.objects.all()
    assert stored.status == STATUS.failed
    assert stored.to == ["nora@stockholm.example.se"]
    assert "lösenord" in stored.message

    page = leader.get("/utkorg/").content.decode()
    assert "nora@stockholm.example.se" in page
    assert stored.subject in page
    assert "misslyckades, skickas igen" in page
    assert "Connection unexpectedly closed" in page
    assert "1 e-brev är inte skickat ännu." in page

    # A retry while the server is still down keeps it waiting; once it is up, it is sent.
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert "0 skickade, 1 misslyckades igen." in out.getvalue()
    mail_server("up")
    call_command("send_outbox", stdout=out)
    stored.refresh_from_db()
    assert stored.status == STATUS.sent
    (sent,) = mail.outbox
    assert sent.to == ["nora@stockholm.example.se"]
    assert "/konto/losenord/aterstall/" in sent.body

    page = leader.get("/utkorg/").content.decode()
    assert "skickat" in page and "inte skickat ännu" not in page
    # Sending again sends nothing twice.
    call_command("send_outbox", stdout=out)
    assert len(mail.outbox) == 1


def test_the_project_leader_can_retry_from_the_outbox_page(users, client_for, mail_server):
    mail_server("down")
    leader = client_for("project_leader")
    leader.post("/anvandare/ny/", NEW_USER)
    mail_server("up")
    response = leader.post("/utkorg/skicka-igen/", follow=True)
    assert "1 e-brev skickades." in response.content.decode()
    assert Email.objects.get().status == STATUS.sent
    assert [m.to for m in mail.outbox] == [["nora@stockholm.example.se"]]


def test_a_mail_is_not_retried_for_ever(users, client_for, mail_server, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 2}
    mail_server("down")
    leader = client_for("project_leader")
    leader.post("/anvandare/ny/", NEW_USER)
    for _ in range(3):
        call_command("send_outbox", stdout=io.StringIO())
    stored = Email.objects.get()
    assert stored.logs.count() == 3  # the first try and two retries
    assert "misslyckades, inga fler försök" in leader.get("/utkorg/").content.decode()


def test_the_password_reset_mail_goes_through_the_outbox(users, client, mail_server):
    mail_server("down")
    response = client.post(
        "/konto/losenord/aterstall/", {"email": users["finance"].email}, follow=True
    )
    assert response.status_code == 200
    (stored,) = Email.objects.all()
    assert stored.to == [users["finance"].email]
    assert stored.status == STATUS.failed


def test_the_outbox_page_is_paginated(users, client_for):
    from django.core.mail import EmailMessage

    from core import outbox

    outbox.send(
        EmailMessage(subject=f"Brev {n}", body="x", to=[f"p{n}@example.se"]) for n in range(55)
    )
    leader = client_for("project_leader")
    first = leader.get("/utkorg/").content.decode()
    assert "55 e-brev" in first and "Sida 1 av 2" in first
    assert "Brev 54" in first and "Brev 0<" not in first
    second = leader.get("/utkorg/?sida=2").content.decode()
    assert "Brev 0<" in second
