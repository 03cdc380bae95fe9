"""Links in mails, .ics files and PDFs use the address the product is served at (core/site.py):
SITE_URL when it is set (production); otherwise the address of the request, and with no request
the address runserver was started with (`make run PORT=8001`)."""

import datetime
import sys

import pytest
from django.core import mail

from core import site
from steering_group import ics, services
from steering_group.models import Meeting

NEW_USER = {
    "username": "ny.anvandare",
    "first_name": "Nora",
    "last_name": "Ny",
    "email": "nora@stockholm.example.se",
    "roles": ["Ekonomi"],
    "is_active": "on",
}


@pytest.fixture
def unset(settings):
    settings.SITE_URL = ""  # as on a developer's machine
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]


def test_a_mail_sent_while_answering_a_request_links_to_the_address_asked_at(
    unset, users, client_for
):
    client_for("project_leader").post("/anvandare/ny/", NEW_USER, HTTP_HOST="localhost:8001")
    (welcome,) = mail.outbox
    assert "http://localhost:8001/konto/losenord/aterstall/" in welcome.body
    assert ":8000" not in welcome.body


def test_without_a_request_links_use_runserver_s_address(unset, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["manage.py", "runserver", "127.0.0.1:8001"])
    assert site.absolute_url("/avtal/") == "http://127.0.0.1:8001/avtal/"
    monkeypatch.setattr(sys, "argv", ["manage.py", "runserver", "0.0.0.0:9000", "--noreload"])
    assert site.site_url() == "http://127.0.0.1:9000"
    monkeypatch.setattr(sys, "argv", ["manage.py", "runserver", "8002"])
    assert site.site_url() == "http://127.0.0.1:8002"
    monkeypatch.setattr(sys, "argv", ["manage.py", "invoice_run", "2027"])
    assert site.site_url() == "http://127.0.0.1:8000"


def test_the_setting_wins_in_production(settings, users, client_for):
    settings.SITE_URL = "https://kommunavtal.stockholm.se/"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    client_for("project_leader").post("/anvandare/ny/", NEW_USER, HTTP_HOST="localhost:8001")
    (welcome,) = mail.outbox
    assert "https://kommunavtal.stockholm.se/konto/losenord/aterstall/" in welcome.body
    assert "localhost" not in welcome.body


def test_an_ics_file_and_a_pdf_link_follow_the_request_too(unset, users, client_for, rf):
    """The .ics of a meeting invitation and the verification link printed in the agreement PDF."""
    from agreements import documents

    term = services.create_term(year=2099, by=users["project_leader"])
    meeting = Meeting.objects.create(
        term=term,
        starts_at=datetime.datetime(2099, 3, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2099, 3, 1, 11, tzinfo=datetime.UTC),
        place="Stadshuset",
    )
    request = rf.get("/", HTTP_HOST="localhost:8001")

    def view(request):
        from django.http import HttpResponse

        data = ics.meeting_ics(meeting, summary="Möte", description="")
        return HttpResponse(data + b"\n" + documents.verify_url().encode())

    body = site.RequestAddressMiddleware(view)(request).content.decode()
    unfolded = body.replace("\r\n ", "")
    assert f"URL:http://localhost:8001/styrgrupp/moten/{meeting.pk}/" in unfolded
    assert "http://localhost:8001/avtal/verifiera/" in unfolded
    # The event's UID does not depend on the address asked at.
    assert f"UID:styrgrupp-mote-{meeting.pk}@kommunavtal" in unfolded
