"""Stockholm city's contact persons in § 1 are data of the agreement version, filled in by the
project leader; an agreement is not sent or signed while its version lacks them or holds the
placeholder "(namn, titel, telefon, e-post)", and the pages say exactly what is missing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agreements import services, signing, templates_service
from agreements.demo import fill_demo_city_contacts
from agreements.documents import document_fingerprint, render_agreement_html
from agreements.models import AgreementTemplate, Status, TemplateContact

PLACEHOLDER_TEXT = "(namn, titel, telefon, e-post)"
DETAILS = {
    "org_number": "212000-0167",
    "department": "Socialtjänsten",
    "contact_person": "Nils Nackasson",
    "contact_details": "08-718 80 00",
    "postal_address": "Nacka kommun\n131 81 Nacka",
    "invoicing_address": "Nacka kommun\n131 81 Nacka",
}


def empty_contacts(version="2023"):
    TemplateContact.objects.filter(template__version=version).update(
        name="", title="", phone="", email=""
    )


def contacts_post(template, **overrides):
    contacts = list(template.contacts.order_by("order"))
    data = {
        "contacts-TOTAL_FORMS": len(contacts),
        "contacts-INITIAL_FORMS": len(contacts),
        "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000,
    }
    for i, contact in enumerate(contacts):
        data |= {
            f"contacts-{i}-id": contact.pk,
            f"contacts-{i}-template": template.pk,
            f"contacts-{i}-name": "Anna Andersson",
            f"contacts-{i}-title": "Biträdande enhetschef",
            f"contacts-{i}-phone": "08-508 250 00",
            f"contacts-{i}-email": "anna.andersson@stockholm.se",
        }
    return data | overrides


@pytest.mark.django_db
def test_reference_data_loads_the_versions_contacts_empty_and_without_a_placeholder():
    for _ in range(2):  # idempotent
        call_command("load_reference_data", stdout=io.StringIO())
    v2023 = AgreementTemplate.objects.get(version="2023")
    v2021 = AgreementTemplate.objects.get(version="2021")
    assert [c.role for c in v2023.contacts.all()] == ["Kontaktperson"]
    assert v2021.contacts.count() == 4
    assert PLACEHOLDER_TEXT not in v2023.city_party and "namn, titel" not in v2021.city_party
    assert v2023.missing_city_contacts() == ["Kontaktperson: namn, titel, telefon, e-post saknas."]
    assert TemplateContact.objects.exclude(name="").count() == 0


def test_the_demo_fills_the_contacts_and_the_agreement_text_names_them(make_agreement):
    agreement = make_agreement(status=Status.SENT)
    text = render_agreement_html(agreement)
    assert PLACEHOLDER_TEXT not in text
    assert "Anna Lindqvist, Biträdande enhetschef, 08-508 25 100" in text
    assert fill_demo_city_contacts() == 0  # idempotent: nothing left to fill


def test_an_agreement_is_not_sent_while_the_version_lacks_contacts(make_agreement, client_for):
    empty_contacts()
    draft = make_agreement()
    client = client_for("project_leader")
    page = client.get(f"/avtal/{draft.pk}/").content.decode()
    assert 'id="missing-contacts"' in page
    assert "Kontaktperson: namn, titel, telefon, e-post saknas." in page
    assert f'href="/avtal/{draft.pk}/skicka/"' not in page
    confirm = client.get(f"/avtal/{draft.pk}/skicka/").content.decode()
    assert "Kontaktperson: namn, titel, telefon, e-post saknas." in confirm
    assert "Skicka avtalet</button>" not in confirm
    response = client.post(f"/avtal/{draft.pk}/skicka/")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert response.status_code == 200
    with pytest.raises(ValidationError) as exc:
        services.send_agreement(draft, by=None)
    assert "kontaktuppgifter i avtalsversion 2023" in str(exc.value)


def test_a_placeholder_in_the_city_party_blocks_signing_and_is_named(make_agreement, client_for):
    agreement = make_agreement(status=Status.SENT, **DETAILS)
    AgreementTemplate.objects.filter(version="2023").update(
        city_party=f"Socialförvaltningen\nKontaktperson: biträdande enhetschef {PLACEHOLDER_TEXT}"
    )
    agreement.refresh_from_db()
    page = client_for("contact_nacka").get(f"/avtal/{agreement.pk}/granska/").content.decode()
    assert f"platshållaren ”{PLACEHOLDER_TEXT}”" in page
    assert 'name="password"' not in page  # no signing form
    with pytest.raises(signing.SigningRefused):
        signing.sign_for_municipality(
            agreement,
            user=agreement.municipality.users.first() or agreement.created_by,
            full_name="Nils Nackasson",
            title="Socialchef",
            fingerprint=document_fingerprint(agreement),
            ip_address=None,
            user_agent="",
        )
    agreement.refresh_from_db()
    assert agreement.status == Status.SENT and not agreement.signatures.exists()


def test_the_project_leader_fills_the_contacts_on_the_versions_page(client_for, make_agreement):
    empty_contacts()
    template = AgreementTemplate.objects.get(version="2023")
    client = client_for("project_leader")
    listing = client.get("/avtal/versioner/").content.decode()
    assert f'href="/avtal/versioner/{template.pk}/kontakter/">Saknas: fyll i' in listing
    edit = client.get(f"/avtal/versioner/{template.pk}/").content.decode()
    assert "Kontaktperson: namn, titel, telefon, e-post saknas." in edit
    assert f'href="/avtal/versioner/{template.pk}/kontakter/"' in edit
    bad = client.post(
        f"/avtal/versioner/{template.pk}/kontakter/",
        contacts_post(template, **{"contacts-0-email": "", "contacts-0-name": PLACEHOLDER_TEXT}),
    )
    assert bad.status_code == 200
    assert "inte platshållaren" in bad.content.decode()
    assert template.missing_city_contacts()
    done = client.post(f"/avtal/versioner/{template.pk}/kontakter/", contacts_post(template))
    assert done.status_code == 302
    assert template.missing_city_contacts() == []
    draft = make_agreement()
    assert "Anna Andersson, Biträdande enhetschef, 08-508 250 00, anna.andersson@stockholm.se" in (
        render_agreement_html(draft)
    )
    services.send_agreement(draft, by=None)
    draft.refresh_from_db()
    assert draft.status == Status.SENT


def test_a_signed_agreement_keeps_its_text_when_the_contacts_change(make_agreement, users):
    agreement = make_agreement(status=Status.SENT, **DETAILS)
    signing.sign_for_municipality(
        agreement,
        user=users["contact_nacka"],
        full_name="Nils Nackasson",
        title="Socialchef",
        fingerprint=document_fingerprint(agreement),
        ip_address=None,
        user_agent="",
    )
    agreement.refresh_from_db()
    before = render_agreement_html(agreement)
    TemplateContact.objects.filter(template=agreement.template).update(name="Ny Person")
    agreement.refresh_from_db()
    assert render_agreement_html(agreement) == before
    assert "Ny Person" not in before and "Anna Lindqvist" in before


def test_a_new_version_copies_the_contacts(template_2023, users):
    copy = templates_service.new_version_from(
        template_2023, version="2027", valid_from=template_2023.valid_from, by=None
    )
    assert [(c.role, c.name) for c in copy.contacts.all()] == [
        (c.role, c.name) for c in template_2023.contacts.all()
    ]


def test_the_migration_turns_contact_lines_into_contacts(template_2023):
    """agreements/migrations/0006: placeholder lines become empty contacts, a written-out line
    "namn, titel, telefon, e-post" a filled one; the rest of the text stays."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("agreements.migrations.0006_city_contacts_from_text")
    TemplateContact.objects.all().delete()
    AgreementTemplate.objects.filter(pk=template_2023.pk).update(
        city_party=(
            "Socialförvaltningen i Stockholms stad, org.nr 212000-0142\n"
            f"Kontaktperson: biträdande enhetschef {PLACEHOLDER_TEXT}\n"
            "Kontaktperson för KAST: Eva Ek, enhetschef, 08-1, eva.ek@stockholm.se"
        )
    )
    migration.split_contacts(apps, None)
    template_2023.refresh_from_db()
    assert template_2023.city_party == "Socialförvaltningen i Stockholms stad, org.nr 212000-0142"
    contacts = [(c.role, c.name, c.email) for c in template_2023.contacts.all()]
    assert contacts == [
        ("Kontaktperson", "", ""),
        ("Kontaktperson för KAST", "Eva Ek", "eva.ek@stockholm.se"),
    ]
    assert template_2023.missing_city_contacts() == [
        "Kontaktperson: namn, titel, telefon, e-post saknas."
    ]
