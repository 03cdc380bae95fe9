"""The agreement pages end to end with the test client: prepare, send, § 1, sign, countersign,
download, withdraw, notice, the list, and what another municipality's contact gets (404)."""

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from agreements import signing
from agreements.documents import bilaga_year, document_fingerprint
from agreements.models import Agreement, Party, Signature, Status
from municipalities.models import Municipality

FORM_DETAILS = {
    "org_number": "212000 0167",
    "department": "Socialtjänsten",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00, nils.nackasson@nacka.se",
    "postal_address": "Nacka kommun\r\n131 81 Nacka",
    "invoicing_address": "Nacka kommun\r\nFakturor\r\n131 81 Nacka",
    "buyer_reference": "REF-42",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sent(make_agreement):
    return make_agreement(status=Status.SENT)


@pytest.fixture
def filled(sent):
    return signing.save_details(
        sent, **{k: v.replace("\r\n", "\n") for k, v in FORM_DETAILS.items()}
    )


def shown_fingerprint(response) -> str:
    match = re.search(r'name="fingerprint" value="([0-9a-f]{64})"', response.content.decode())
    assert match, "the signing form carries the fingerprint of the document"
    return match.group(1)


def sign_data(fingerprint, **overrides):
    return {
        "fingerprint": fingerprint,
        "full_name": "Nils Nackasson",
        "title": "Socialchef",
        "authorised": "on",
        "password": DEMO_PASSWORD,
        **overrides,
    }


def sign_through_the_page(client, agreement, **extra):
    page = client.get(f"/avtal/{agreement.pk}/granska/")
    return client.post(
        f"/avtal/{agreement.pk}/granska/", sign_data(shown_fingerprint(page)), **extra
    )


@pytest.fixture
def signed(filled, client_for):
    response = sign_through_the_page(client_for("contact_nacka"), filled)
    assert response.status_code == 302
    filled.refresh_from_db()
    return filled


@pytest.fixture
def active(signed, client_for):
    client = client_for("signatory")
    page = client.get(f"/avtal/{signed.pk}/kontrasignera/")
    response = client.post(
        f"/avtal/{signed.pk}/kontrasignera/",
        sign_data(
            shown_fingerprint(page), full_name="Sara Direktörsdotter", title="Socialdirektör"
        ),
    )
    assert response.status_code == 302
    signed.refresh_from_db()
    return signed


# --- The project leader prepares and sends ------------------------------------------------------


def test_the_project_leader_prepares_and_sends_an_agreement(
    client_for, users, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("project_leader")
    form = client.get("/avtal/nytt/")
    choices = form.context["form"].fields["municipality"].queryset
    assert "Nacka" in [m.name for m in choices]
    assert not choices.filter(is_host=True).exists()
    nacka = Municipality.objects.get(code="0182")
    newest = form.context["form"].fields["template"].initial
    response = client.post(
        "/avtal/nytt/",
        {"municipality": nacka.pk, "template": newest, "agreed_start_date": "2027-01-01"},
    )
    agreement = Agreement.objects.get(municipality=nacka)
    assert response["Location"] == f"/avtal/{agreement.pk}/"
    assert agreement.status == Status.DRAFT
    assert str(agreement.agreed_start_date) == "2027-01-01"
    assert agreement.template.version == "2023"

    # Nacka now has an open agreement: it is no longer offered.
    choices = client.get("/avtal/nytt/").context["form"].fields["municipality"].queryset
    assert "Nacka" not in [m.name for m in choices]

    confirm = client.get(f"/avtal/{agreement.pk}/skicka/").content.decode()
    assert "Skicka avtalet till Nacka?" in confirm and users["contact_nacka"].email in confirm
    agreement.refresh_from_db()
    assert agreement.status == Status.DRAFT  # the confirmation page changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/avtal/{agreement.pk}/skicka/")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.SENT
    assert [m.to for m in mailoutbox] == [[users["contact_nacka"].email]]
    assert f"/avtal/{agreement.pk}/" in mailoutbox[0].body


def test_an_end_before_the_start_is_refused(client_for, nacka, template_2023):
    response = client_for("project_leader").post(
        "/avtal/nytt/",
        {
            "municipality": nacka.pk,
            "template": template_2023.pk,
            "agreed_start_date": "2027-01-01",
            "latest_end_date": "2026-12-31",
        },
    )
    assert response.status_code == 200
    assert "kan inte ligga före startdatum" in response.content.decode()
    assert not Agreement.objects.exists()


def test_sending_to_a_municipality_without_a_contact_explains_why_not(make_agreement, client_for):
    draft = make_agreement("0187")  # Vaxholm: no demo contact
    client = client_for("project_leader")
    assert "ingen kommunkontakt" in client.get(f"/avtal/{draft.pk}/skicka/").content.decode()
    response = client.post(f"/avtal/{draft.pk}/skicka/")
    assert response.status_code == 200
    assert "ingen kommunkontakt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_withdraw_asks_first_and_only_while_unsigned(make_agreement, client_for):
    draft = make_agreement()
    client = client_for("project_leader")
    assert (
        "Återkalla avtalet med Nacka?"
        in client.get(f"/avtal/{draft.pk}/aterkalla/").content.decode()
    )
    response = client.post(f"/avtal/{draft.pk}/aterkalla/", {"comment": "Fel version"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    assert draft.history.first().comment == "Fel version"
    # Withdrawn: nothing more to withdraw; the project leader is told so.
    response = client.post(f"/avtal/{draft.pk}/aterkalla/", follow=True)
    assert "kan återkallas" in response.content.decode()


def test_an_active_agreement_cannot_be_withdrawn(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE)
    response = client_for("project_leader").post(f"/avtal/{agreement.pk}/aterkalla/")
    assert response["Location"] == f"/avtal/{agreement.pk}/"
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE


# --- The municipality fills in § 1 and signs ----------------------------------------------------


def test_a_bad_orgnr_shows_an_error_and_saves_nothing(sent, client_for):
    response = client_for("contact_nacka").post(
        f"/avtal/{sent.pk}/uppgifter/", {**FORM_DETAILS, "org_number": "212000-0168"}
    )
    assert response.status_code == 200
    assert "inte ett giltigt organisationsnummer" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.department, sent.contact_person, sent.invoicing_address) == ("", "", "")


def test_required_details_are_required(sent, client_for):
    response = client_for("contact_nacka").post(
        f"/avtal/{sent.pk}/uppgifter/", {**FORM_DETAILS, "invoicing_address": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["invoicing_address"]
    sent.refresh_from_db()
    assert sent.department == ""


def test_details_are_saved_and_lead_to_the_review(sent, client_for):
    response = client_for("contact_nacka").post(f"/avtal/{sent.pk}/uppgifter/", FORM_DETAILS)
    assert response["Location"] == f"/avtal/{sent.pk}/granska/"
    sent.refresh_from_db()
    assert sent.org_number == "212000-0167"
    assert sent.invoicing_address == "Nacka kommun\nFakturor\n131 81 Nacka"
    assert sent.buyer_reference == "REF-42"


def test_the_review_shows_the_whole_agreement_and_the_signing_form(filled, client_for):
    response = client_for("contact_nacka").get(f"/avtal/{filled.pk}/granska/")
    html = response.content.decode()
    assert html.count("<h1") == 1
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    expected = list(filled.template.sections.values_list("heading", flat=True))
    assert headings[: len(expected)] == expected
    assert "Socialförvaltningen i Stockholms stad, org.nr 212000-0142" in html  # city's part
    assert "212000-0167" in html and "REF-42" in html  # the municipality's part
    assert re.search(r'<tr class="highlight">\s*<th scope="row">Nacka</th>', html)
    assert f"Årlig kostnad för Nacka {bilaga_year(filled)}:" in html
    assert shown_fingerprint(response) == document_fingerprint(filled)
    for label in ["Ditt fullständiga namn", "Titel", "Ditt lösenord"]:
        assert re.search(rf'<label for="id_\w+"[^>]*>{label}', html), label
    assert "Jag är behörig att underteckna avtalet för kommunen" in html


def test_the_review_asks_for_the_details_first(sent, client_for):
    client = client_for("contact_nacka")
    html = client.get(f"/avtal/{sent.pk}/granska/").content.decode()
    assert "Fyll i alla uppgifter i § 1" in html
    assert 'name="password"' not in html
    response = client.post(f"/avtal/{sent.pk}/granska/", sign_data("0" * 64))
    assert response["Location"] == f"/avtal/{sent.pk}/uppgifter/"
    assert not Signature.objects.exists()


def test_signing_with_the_wrong_password_is_refused(filled, client_for):
    client = client_for("contact_nacka")
    page = client.get(f"/avtal/{filled.pk}/granska/")
    response = client.post(
        f"/avtal/{filled.pk}/granska/",
        sign_data(shown_fingerprint(page), password="inte-rätt-lösenord"),
    )
    assert response.status_code == 200
    assert "Lösenordet stämmer inte" in response.content.decode()
    filled.refresh_from_db()
    assert filled.status == Status.SENT and not Signature.objects.exists()


def test_signing_without_confirming_authority_is_refused(filled, client_for):
    client = client_for("contact_nacka")
    page = client.get(f"/avtal/{filled.pk}/granska/")
    data = sign_data(shown_fingerprint(page))
    del data["authorised"]
    assert client.post(f"/avtal/{filled.pk}/granska/", data).status_code == 200
    assert not Signature.objects.exists()


def test_signing_after_the_details_changed_is_refused(filled, client_for):
    client = client_for("contact_nacka")
    page = client.get(f"/avtal/{filled.pk}/granska/")
    # Meanwhile, in another tab, the contact person is changed.
    client.post(f"/avtal/{filled.pk}/uppgifter/", {**FORM_DETAILS, "contact_person": "Nina N"})
    response = client.post(
        f"/avtal/{filled.pk}/granska/", sign_data(shown_fingerprint(page)), follow=True
    )
    assert response.redirect_chain[-1][0] == f"/avtal/{filled.pk}/granska/"
    assert "Avtalet har ändrats sedan du öppnade det" in response.content.decode()
    filled.refresh_from_db()
    assert filled.status == Status.SENT and filled.content_sha256 == ""
    assert not Signature.objects.exists()
    # The page now shows the new text, with its own fingerprint.
    assert shown_fingerprint(response) == document_fingerprint(filled)
    assert "Nina N" in response.content.decode()


def test_signing_records_the_signature(filled, client_for, users):
    response = sign_through_the_page(
        client_for("contact_nacka"),
        filled,
        REMOTE_ADDR="198.51.100.7",
        HTTP_USER_AGENT="Mozilla/5.0 (Test)",
    )
    assert response["Location"] == f"/avtal/{filled.pk}/"
    filled.refresh_from_db()
    assert filled.status == Status.SIGNED_BY_MUNICIPALITY
    signature = Signature.objects.get()
    assert signature.party == Party.MUNICIPALITY
    assert signature.user == users["contact_nacka"]
    assert (signature.full_name, signature.title) == ("Nils Nackasson", "Socialchef")
    assert signature.ip_address == "198.51.100.7"
    assert signature.user_agent == "Mozilla/5.0 (Test)"
    assert signature.document_sha256 == filled.content_sha256 == document_fingerprint(filled)


def test_after_signing_the_details_and_the_signature_are_closed(signed, client_for):
    client = client_for("contact_nacka")
    response = client.post(f"/avtal/{signed.pk}/uppgifter/", FORM_DETAILS)
    assert response["Location"] == f"/avtal/{signed.pk}/"
    response = client.post(f"/avtal/{signed.pk}/granska/", sign_data(signed.content_sha256))
    assert response["Location"] == f"/avtal/{signed.pk}/"
    assert Signature.objects.count() == 1


# --- The city countersigns; both download the same PDF ------------------------------------------


def test_the_signatory_is_shown_the_countersigning_step(signed, client_for):
    detail = client_for("signatory").get(f"/avtal/{signed.pk}/").content.decode()
    assert "Granska och kontrasignera" in detail
    page = client_for("signatory").get(f"/avtal/{signed.pk}/kontrasignera/")
    assert shown_fingerprint(page) == signed.content_sha256
    assert "behörig att underteckna avtalet för Stockholms stad" in page.content.decode()
    # Nobody else may countersign.
    assert (
        client_for("project_leader").post(f"/avtal/{signed.pk}/kontrasignera/").status_code == 403
    )


def test_countersigning_with_the_wrong_password_is_refused(signed, client_for):
    client = client_for("signatory")
    response = client.post(
        f"/avtal/{signed.pk}/kontrasignera/",
        sign_data(signed.content_sha256, password="fel-lösenord-123"),
    )
    assert response.status_code == 200
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED_BY_MUNICIPALITY


def test_countersigning_activates_and_both_parties_download_the_same_bytes(
    active, client_for, users
):
    assert active.status == Status.ACTIVE
    assert active.start_date == timezone.localdate()
    city = active.signatures.get(party=Party.CITY)
    assert (city.user, city.full_name) == (users["signatory"], "Sara Direktörsdotter")

    downloads = {}
    for role in ["contact_nacka", "project_leader", "finance"]:
        response = client_for(role).get(f"/avtal/{active.pk}/avtal.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="avtal-nacka-{active.pk}.pdf"'
        )
        downloads[role] = b"".join(response.streaming_content)
    assert len(set(downloads.values())) == 1
    pdf = downloads["contact_nacka"]
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == active.pdf_sha256
    # The content it was made from renders to the signed fingerprint again.
    assert document_fingerprint(active) == active.content_sha256

    detail = client_for("contact_nacka").get(f"/avtal/{active.pk}/").content.decode()
    assert "Ladda ner det undertecknade avtalet (PDF)" in detail
    assert "Säg upp avtalet" in detail


def test_the_mails_of_the_whole_journey(
    filled, client_for, users, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_through_the_page(client_for("contact_nacka"), filled)
    assert {m.to[0] for m in mailoutbox} == {
        users["project_leader"].email,
        users["signatory"].email,
        users["contact_nacka"].email,
    }
    mailoutbox.clear()
    client = client_for("signatory")
    page = client.get(f"/avtal/{filled.pk}/kontrasignera/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/avtal/{filled.pk}/kontrasignera/", sign_data(shown_fingerprint(page)))
    assert {m.to[0] for m in mailoutbox} == {
        users["project_leader"].email,
        users["contact_nacka"].email,
    }


def test_no_pdf_is_404(sent, client_for):
    assert client_for("project_leader").get(f"/avtal/{sent.pk}/avtal.pdf").status_code == 404


# --- Another municipality's contact sees nothing ------------------------------------------------

ACTION_PATHS = [
    "",
    "granska/",
    "uppgifter/",
    "kontrasignera/",
    "uppsagning/",
    "skicka/",
    "aterkalla/",
    "avtal.pdf",
]


@pytest.mark.parametrize("status", [Status.SENT, Status.SIGNED_BY_MUNICIPALITY, "active_pdf"])
def test_another_municipalitys_contact_gets_404_everywhere(status, filled, client_for):
    agreement = filled
    if status != Status.SENT:
        client = client_for("contact_nacka")
        sign_through_the_page(client, agreement)
    if status == "active_pdf":
        client = client_for("signatory")
        page = client.get(f"/avtal/{agreement.pk}/kontrasignera/")
        client.post(f"/avtal/{agreement.pk}/kontrasignera/", sign_data(shown_fingerprint(page)))
        agreement.refresh_from_db()
        assert agreement.pdf
    client = client_for("contact_taby")
    for suffix in ACTION_PATHS:
        path = f"/avtal/{agreement.pk}/{suffix}"
        assert client.get(path).status_code == 404, path
        assert client.post(path, sign_data(agreement.content_sha256 or "0" * 64)).status_code in (
            404,
            405,
        ), path
    assert "Nacka" not in client.get("/avtal/").content.decode()
    assert Signature.objects.filter(user__username="kontakt.taby").count() == 0


def test_a_contact_never_sees_a_draft(make_agreement, client_for):
    draft = make_agreement()
    client = client_for("contact_nacka")
    assert client.get(f"/avtal/{draft.pk}/").status_code == 404
    assert client.get("/avtal/").context["page"].paginator.count == 0


# --- Notice -------------------------------------------------------------------------------------


def test_the_municipality_gives_notice_after_a_confirmation(make_agreement, client_for, users):
    agreement = make_agreement(status=Status.ACTIVE, start=timezone.localdate().replace(day=1))
    client = client_for("contact_nacka")
    form = client.get(f"/avtal/{agreement.pk}/uppsagning/").content.decode()
    assert 'name="party"' not in form  # a contact gives notice for their own municipality
    date = timezone.localdate().isoformat()
    preview = client.post(
        f"/avtal/{agreement.pk}/uppsagning/", {"notice_date": date, "party": "stockholms_stad"}
    )
    assert preview.status_code == 200
    expected_end = signing.notice_end_date(agreement, notice_date=timezone.localdate())
    assert "Bekräfta uppsägningen" in preview.content.decode()
    assert expected_end.isoformat() in preview.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE  # nothing yet
    done = client.post(
        f"/avtal/{agreement.pk}/uppsagning/",
        {"notice_date": date, "party": "stockholms_stad", "confirmed": "1"},
    )
    assert done["Location"] == f"/avtal/{agreement.pk}/"
    agreement.refresh_from_db()
    assert agreement.status == Status.NOTICE_GIVEN
    assert agreement.notice_party == "kommunen"
    assert agreement.end_date == expected_end
    assert agreement.history.first().by == users["contact_nacka"]


def test_the_project_leader_chooses_the_party(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE, start=timezone.localdate().replace(day=1))
    client = client_for("project_leader")
    date = timezone.localdate().isoformat()
    assert (
        client.post(f"/avtal/{agreement.pk}/uppsagning/", {"notice_date": date}).status_code == 200
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE
    client.post(
        f"/avtal/{agreement.pk}/uppsagning/",
        {"notice_date": date, "party": "stockholms_stad", "confirmed": "1"},
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.notice_party) == (Status.NOTICE_GIVEN, "stockholms_stad")


def test_notice_before_the_start_is_refused_on_the_form(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE, start=timezone.localdate())
    response = client_for("project_leader").post(
        f"/avtal/{agreement.pk}/uppsagning/",
        {"notice_date": "2000-01-01", "party": "kommunen", "confirmed": "1"},
    )
    assert response.status_code == 200
    assert "före avtalets startdatum" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.ACTIVE


def test_finance_may_look_but_not_give_notice(make_agreement, client_for):
    agreement = make_agreement(status=Status.ACTIVE)
    client = client_for("finance")
    assert client.get(f"/avtal/{agreement.pk}/").status_code == 200
    assert client.get(f"/avtal/{agreement.pk}/uppsagning/").status_code == 403


# --- The list -----------------------------------------------------------------------------------


def test_the_list_filters_by_status(make_agreement, client_for):
    make_agreement("0182", status=Status.SENT)
    make_agreement("0160", status=Status.ACTIVE)
    make_agreement("0187")
    client = client_for("project_leader")
    names = lambda r: [a.municipality.name for a in r.context["page"].object_list]  # noqa: E731
    assert names(client.get("/avtal/")) == ["Nacka", "Täby", "Vaxholm"]
    assert names(client.get("/avtal/?status=gallande")) == ["Täby"]
    assert names(client.get("/avtal/?status=nonsense")) == ["Nacka", "Täby", "Vaxholm"]
    empty = client.get("/avtal/?status=avslutat").content.decode()
    assert "Inga avtal har den statusen." in empty
    # A contact sees their own municipality's, never a draft, and no draft filter.
    contact = client_for("contact_taby").get("/avtal/")
    assert names(contact) == ["Täby"]
    assert "utkast" not in [value for value, _label in contact.context["statuses"]]


def test_the_list_uses_the_same_number_of_queries_whatever_the_rows(make_agreement, client_for):
    client = client_for("project_leader")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/avtal/").status_code == 200
        return len(ctx.captured_queries)

    make_agreement("0182", status=Status.SENT)
    before = count()
    for code in ["0160", "0187", "0125", "0120", "0184"]:
        make_agreement(code, status=Status.ACTIVE)
    assert count() == before


def unlabelled_fields(html: str) -> list[str]:
    visible = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', html)
    without_id = [tag for tag in visible if 'id="' not in tag]
    ids = [re.search(r'id="([^"]+)"', tag).group(1) for tag in visible if 'id="' in tag]
    return without_id + [i for i in ids if f'for="{i}"' not in html]


def test_the_pages_have_one_heading_labelled_fields_and_accessible_tables(signed, client_for):
    client = client_for("project_leader")
    for path in [
        "/avtal/",
        f"/avtal/{signed.pk}/",
        f"/avtal/{signed.pk}/granska/",
        "/avtal/nytt/",
        "/avtal/verifiera/",
    ]:
        html = client.get(path).content.decode()
        assert html.count("<h1") == 1, path
        assert re.findall(r"<th(?![^>]*scope=)(?:\s[^>]*)?>", html) == [], path
        assert unlabelled_fields(html) == [], path
    html = client_for("signatory").get(f"/avtal/{signed.pk}/kontrasignera/").content.decode()
    assert html.count("<h1") == 1 and unlabelled_fields(html) == []
    detail = client_for("project_leader").get(f"/avtal/{signed.pk}/").content.decode()
    assert detail.count('<th scope="col">') >= 8
    assert "Nils Nackasson" in detail  # the signature
    assert "undertecknat av kommunen" in detail  # the history
