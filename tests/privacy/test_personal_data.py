"""The personal-data page: everything stored about a person, found by e-mail (and name), erased
where the law allows, kept with the reason where it does not; signed agreements and issued
invoices never change."""

from django.urls import reverse

from accounts.models import User
from agreements.models import Agreement
from invoicing.models import Invoice
from privacy import inventory
from tests.url_cases.invoicing_invoices import TABY, issue_invoice
from training.models import Registration

ANNA = "anna.andersson@taby.se"


def page(client, email, name=""):
    response = client.get(reverse("privacy:person"), {"email": email, "name": name})
    assert response.status_code == 200
    return response.content.decode()


def test_everything_about_a_person_is_found_with_what_may_be_erased(
    users, client_for, make_session, register
):
    # Anna is the § 1 contact of Täby's signed agreement (and so in its issued invoice) and
    # was registered for a training session.
    invoice = issue_invoice(TABY, users, contact_person="Anna Andersson", contact_details=ANNA)
    register(make_session(), "Anna Andersson", email=ANNA)

    html = page(client_for("project_leader"), ANNA, "Anna Andersson")
    assert "Avtal, § 1 kontaktperson" in html and "Undertecknat avtal" in html
    assert invoice.number in html and "sju år" in html
    assert "Anmälan till utbildning" in html
    assert "Rättslig grund" in html and "bokföringslagen" in html
    findings = inventory.find(email=ANNA, name="Anna Andersson")
    assert {f.source: f.erasable for f in findings} == {
        "Avtal, § 1 kontaktperson": False,
        "Faktura (underlag)": False,
        "Anmälan till utbildning": True,
    }


def test_erasing_needs_a_confirmation_and_keeps_signed_documents(
    users, client_for, make_session, register
):
    invoice = issue_invoice(TABY, users, contact_person="Anna Andersson", contact_details=ANNA)
    registration = register(make_session(), "Anna Andersson", email=ANNA)
    client = client_for("project_leader")
    data = {"email": ANNA, "name": "Anna Andersson"}

    confirm = client.get(reverse("privacy:erase"), data).content.decode()
    assert "inte kan ångras" in confirm and "Anmälan till utbildning" in confirm
    # Without the confirmation nothing happens.
    response = client.post(reverse("privacy:erase"), data)
    assert response.status_code == 200
    assert "Bekräfta att raderingen inte kan ångras." in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).name == "Anna Andersson"

    response = client.post(reverse("privacy:erase"), {**data, "confirm": "on"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "(raderad)" and ANNA not in registration.email
    assert registration.municipality.code == TABY  # the counts per municipality stay right
    # The signed agreement and the issued invoice are exactly as they were.
    agreement = Agreement.objects.get(pk=invoice.agreement_id)
    assert agreement.contact_person == "Anna Andersson"
    assert Invoice.objects.get(pk=invoice.pk).snapshot == invoice.snapshot
    # What is left is what must be kept.
    assert all(not f.erasable for f in inventory.find(email=ANNA, name="Anna Andersson"))


def test_a_user_account_is_anonymised_in_the_history_too(users, client_for):
    nacka = users["contact_nacka"]
    email = nacka.email
    assert nacka.audit_history.filter(email=email).exists()
    client = client_for("project_leader")
    response = client.post(reverse("privacy:erase"), {"email": email, "confirm": "on"})
    assert response.status_code == 302
    nacka = User.objects.get(pk=nacka.pk)
    assert not nacka.is_active and not nacka.has_usable_password()
    assert nacka.email == "" and nacka.first_name == "(raderad)"
    assert not nacka.groups.exists()
    assert not User.audit_history.filter(email=email).exists()
    assert "Inget lagrat om den personen." in page(client, email)


def test_an_unsigned_agreements_contact_may_be_erased(users, client_for):
    from agreements import services as agreement_services
    from municipalities.models import Municipality

    agreement = agreement_services.prepare_agreement(
        municipality=Municipality.objects.get(code="0184"), by=users["project_leader"]
    )
    agreement.contact_person = "Sol Solnasson"
    agreement.contact_details = "sol@solna.se"
    agreement.save()
    (finding,) = inventory.find(email="sol@solna.se")
    assert finding.erasable
    inventory.erase([finding])
    agreement.refresh_from_db()
    assert agreement.contact_person == "" and agreement.contact_details == ""


def test_a_bad_address_is_a_clear_error(client_for):
    html = client_for("project_leader").get(reverse("privacy:person"), {"email": "nej"})
    assert "Fyll i en giltig e-postadress." in html.content.decode()


def test_only_the_project_leader(client_for):
    for role in ("finance", "signatory", "contact_taby", "steering_member"):
        assert client_for(role).get(reverse("privacy:person")).status_code == 403
        assert client_for(role).post(reverse("privacy:erase"), {}).status_code == 403


def test_a_city_contact_of_an_agreement_version_is_found_and_may_be_erased(users):
    from agreements.models import TemplateContact

    contact = TemplateContact.objects.filter(template__version="2023").get()
    findings = inventory.find(email=contact.email)  # the same person in the 2021 version too
    assert {f.description for f in findings} == {"2023: Kontaktperson", "2021: Kontaktperson"}
    assert all(f.erasable and contact.name in dict(f.details).values() for f in findings)
    inventory.erase(findings)
    contact.refresh_from_db()
    assert (contact.name, contact.email) == ("", "")
    assert contact.template.missing_city_contacts()  # to be filled in again before sending


def test_mails_in_the_outbox_are_found_and_erased(users, client_for):
    from django.core.mail import EmailMessage
    from post_office.models import Email

    from core import outbox

    message = EmailMessage(subject="Faktura 2027-0001", body="Hej Anna", to=[ANNA])
    message.attach("faktura.pdf", b"%PDF-1.7 test", "application/pdf")
    outbox.send([message, EmailMessage(subject="Annat", body="x", to=["bo@solna.se"])])

    html = page(client_for("project_leader"), ANNA)
    assert "E-brev i utkorgen" in html and "Faktura 2027-0001" in html
    (finding,) = inventory.find(email=ANNA)
    assert finding.erasable
    inventory.erase([finding])
    assert list(Email.objects.values_list("subject", flat=True)) == ["Annat"]
    assert inventory.find(email=ANNA) == []
