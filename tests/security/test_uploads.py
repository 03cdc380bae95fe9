"""Uploaded files: checked for type and size with a Swedish reason, stored under MEDIA_ROOT
outside every static path, and reachable only through the views that check access.

The views' own tests (tests/agreements/test_paper.py, tests/municipalities/
test_import_population.py, tests/steering_group/test_meetings.py) test each download for each
role; this module checks what holds for all of them, at the real limits.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve

from agreements.forms_paper import PaperImportForm, ScanUploadForm
from municipalities.forms import PopulationUploadForm
from steering_group.forms import PaperForm

from .production import production_settings

MB = 1024 * 1024
PDF = b"%PDF-1.7\n%test\n"
CSV = b"kommunkod,kommun,folkmangd\n0160,T\xc3\xa4by,75000\n"

# form, its file field, other fields, a good file name and content, the limit in bytes
UPLOADS = {
    "population": (
        PopulationUploadForm,
        "file",
        {"reference_date": "2024-12-31"},
        ("folkmangd.csv", CSV),
        5 * MB,
    ),
    "paper_agreements": (PaperImportForm, "file", {}, ("avtal.csv", CSV), 5 * MB),
    "scan": (ScanUploadForm, "scan", {}, ("avtal.pdf", PDF), 20 * MB),
    "meeting_paper": (PaperForm, "file", {"title": "Handling"}, ("handling.pdf", PDF), 20 * MB),
}
WRONG_TYPE = {
    "population": ("folkmangd.exe", b"MZ\x90\x00"),
    "paper_agreements": ("avtal.html", b"<script>alert(1)</script>"),
    "scan": ("avtal.pdf", b"<html>not a pdf</html>"),  # the name lies; the content decides
    "meeting_paper": ("handling.exe", b"MZ\x90\x00"),
}
WRONG_TYPE_MESSAGE = {
    "population": "Filändelsen",
    "paper_agreements": "Filändelsen",
    "scan": "Filen är inte en PDF.",
    "meeting_paper": "Filen måste vara PDF, Word",
}


def errors(kind, name, content):
    form_class, field, data, _good, _limit = UPLOADS[kind]
    form = form_class(data, {field: SimpleUploadedFile(name, content)})
    return form.errors.get(field, []) if not form.is_valid() else []


@pytest.mark.parametrize("kind", UPLOADS)
def test_a_good_file_at_the_limit_is_accepted(kind):
    _form, _field, _data, (name, content), limit = UPLOADS[kind]
    assert errors(kind, name, content + b"0" * (limit - len(content))) == []


@pytest.mark.parametrize("kind", UPLOADS)
def test_one_byte_over_the_limit_is_refused_in_swedish(kind):
    _form, _field, _data, (name, content), limit = UPLOADS[kind]
    (message,) = errors(kind, name, content + b"0" * (limit + 1 - len(content)))
    assert f"{limit // MB} MB" in message
    assert message.startswith("Filen är")


@pytest.mark.parametrize("kind", UPLOADS)
def test_a_file_of_another_type_is_refused_in_swedish(kind):
    (message,) = errors(kind, *WRONG_TYPE[kind])
    assert WRONG_TYPE_MESSAGE[kind] in message


def test_the_upload_page_shows_the_reason_and_stores_nothing(client_for, media_root):
    response = client_for("project_leader").post(
        "/kommuner/folkmangd/importera/",
        {"file": SimpleUploadedFile("folkmangd.exe", b"MZ"), "reference_date": "2024-12-31"},
    )
    assert response.status_code == 200
    assert "Filändelsen" in response.content.decode()
    assert not Path(media_root).exists() or not any(Path(media_root).rglob("*"))


def test_media_root_is_outside_every_static_path_in_production():
    values = production_settings("MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS", "MEDIA_URL")
    media = Path(values["MEDIA_ROOT"]).resolve()
    for static in [values["STATIC_ROOT"], *values["STATICFILES_DIRS"]]:
        static = Path(static).resolve()
        assert not media.is_relative_to(static) and not static.is_relative_to(media)
    assert values["MEDIA_URL"] in ("", "/")  # documents have no public address


def project_file_fields():
    return [
        (model._meta.label, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]


def test_every_stored_document_lives_under_media_root():
    fields = project_file_fields()
    assert {label for label, _ in fields} >= {
        "agreements.Agreement",
        "invoicing.Invoice",
        "steering_group.Paper",
        "steering_group.Minutes",
    }
    for label, field in fields:
        assert Path(field.storage.location).resolve() == Path(settings.MEDIA_ROOT).resolve()
        upload_to = field.upload_to if isinstance(field.upload_to, str) else ""
        assert not upload_to.startswith("/") and ".." not in upload_to, label


def all_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_url_serves_files_straight_from_disk():
    for route, callback in all_patterns():
        assert callback is not serve, route
        assert not route.startswith(("media", "^media")), route


def test_a_stored_file_is_not_reachable_by_its_storage_name(client_for, media_root):
    stored = Path(media_root) / "invoices" / "2025-0001.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(PDF)
    client = client_for("project_leader")
    for path in [
        "/media/invoices/2025-0001.pdf",
        "/invoices/2025-0001.pdf",
        "/static/invoices/2025-0001.pdf",
        "/static/../var/media/invoices/2025-0001.pdf",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
