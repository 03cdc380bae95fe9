"""The versions of the agreement text: edited by the project leader until the first signature."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import templates_service
from agreements.models import AgreementTemplate, Signature, Status


def sign(agreement, user):
    return Signature.objects.create(
        agreement=agreement,
        party="kommunen",
        user=user,
        full_name="Nils Nackasson",
        title="Socialchef",
        document_sha256="0" * 64,
    )


def edit_data(template, **changes):
    """The POST of the edit page as it is shown, with ``changes`` (field or section order → body)."""
    data = {
        "title": template.title,
        "year": template.year,
        "valid_from": template.valid_from.isoformat(),
        "city_party": template.city_party,
        "signatory_name": template.signatory_name,
        "signatory_title": template.signatory_title,
    }
    sections = list(template.sections.order_by("order"))
    data.update(
        {
            "sections-TOTAL_FORMS": len(sections),
            "sections-INITIAL_FORMS": len(sections),
            "sections-MIN_NUM_FORMS": 0,
            "sections-MAX_NUM_FORMS": 1000,
        }
    )
    for i, section in enumerate(sections):
        data[f"sections-{i}-id"] = section.pk
        data[f"sections-{i}-template"] = template.pk
        data[f"sections-{i}-heading"] = section.heading
        data[f"sections-{i}-body"] = section.body
    for key, value in changes.items():
        data[key] = value
    return data


def test_the_list_shows_every_version_newest_first(client_for, template_2023):
    response = client_for("project_leader").get(reverse("agreements:template_list"))
    assert response.status_code == 200
    versions = [t.version for t in response.context["templates"]]
    assert versions.index("2023") < versions.index("2021")
    assert "Kan ändras" in response.content.decode()


def test_the_project_leader_edits_a_version_nobody_has_signed(client_for, template_2023):
    client = client_for("project_leader")
    url = reverse("agreements:template_edit", args=[template_2023.pk])
    response = client.post(
        url,
        edit_data(
            template_2023, signatory_title="Avdelningschef", **{"sections-1-body": "Ny text."}
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    template_2023.refresh_from_db()
    assert template_2023.signatory_title == "Avdelningschef"
    first_paragraph = template_2023.sections.order_by("order")[1]
    assert first_paragraph.body == "Ny text."


def test_a_signed_version_is_frozen_and_offers_a_new_one(
    client_for, users, make_agreement, template_2023
):
    agreement = make_agreement(status=Status.SENT)
    assert agreement.template == template_2023
    before = list(template_2023.sections.order_by("order").values_list("body", flat=True))
    data = edit_data(template_2023, signatory_title="Ändrad", **{"sections-1-body": "Ändrad."})
    sign(agreement, users["contact_nacka"])

    client = client_for("project_leader")
    url = reverse("agreements:template_edit", args=[template_2023.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "låst" in page
    assert "Ändringarna sparades inte" in page
    assert reverse("agreements:template_new_version", args=[template_2023.pk]) in page
    assert response.context["form"] is None  # read-only
    template_2023.refresh_from_db()
    assert template_2023.signatory_title != "Ändrad"
    after = list(template_2023.sections.order_by("order").values_list("body", flat=True))
    assert after == before


def test_the_save_itself_refuses_a_version_signed_meanwhile(users, make_agreement, template_2023):
    """A signature between the check of the page and the save: the locked save still refuses."""
    from agreements.forms_templates import SectionFormSet, TemplateForm

    data = edit_data(template_2023, **{"sections-0-body": "Kapplöpning."})
    form = TemplateForm(data, instance=template_2023)
    formset = SectionFormSet(data, instance=template_2023)
    assert form.is_valid() and formset.is_valid()
    sign(make_agreement(status=Status.SENT), users["contact_nacka"])
    with pytest.raises(ValidationError, match="låst"):
        templates_service.save_template(form, formset)
    assert template_2023.sections.order_by("order")[0].body != "Kapplöpning."


def test_a_new_version_copies_every_section_and_is_editable(
    client_for, users, make_agreement, template_2023
):
    sign(make_agreement(status=Status.SENT), users["contact_nacka"])
    client = client_for("project_leader")
    url = reverse("agreements:template_new_version", args=[template_2023.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": "2025", "valid_from": "2025-07-01"})
    copy = AgreementTemplate.objects.get(version="2025")
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:template_edit", args=[copy.pk])
    assert copy.valid_from == datetime.date(2025, 7, 1)
    for name in ("year", "title", "city_party", "signatory_name", "signatory_title"):
        assert getattr(copy, name) == getattr(template_2023, name)
    fields = ("order", "heading", "body")
    assert list(copy.sections.values_list(*fields)) == list(
        template_2023.sections.values_list(*fields)
    )
    assert copy.sections.count() == 13
    assert not copy.is_frozen

    edit = reverse("agreements:template_edit", args=[copy.pk])
    page = client.get(edit)
    assert page.context["form"] is not None
    response = client.post(edit, edit_data(copy, **{"sections-12-body": "Ny underskrift."}))
    assert response.status_code == 302
    assert copy.sections.get(order=copy.sections.order_by("-order")[0].order).body == (
        "Ny underskrift."
    )
    assert template_2023.sections.order_by("-order")[0].body != "Ny underskrift."


@pytest.mark.parametrize("label", ["2021", " 2023 "])
def test_a_label_in_use_is_refused(client_for, template_2023, label):
    count = AgreementTemplate.objects.count()
    url = reverse("agreements:template_new_version", args=[template_2023.pk])
    response = client_for("project_leader").post(
        url, {"version": label, "valid_from": "2025-07-01"}
    )
    assert response.status_code == 200
    assert "finns redan" in response.content.decode()
    assert AgreementTemplate.objects.count() == count


def test_the_service_refuses_a_label_in_use(users, template_2023):
    with pytest.raises(ValidationError, match="finns redan"):
        templates_service.new_version_from(
            template_2023,
            version="2021",
            valid_from=datetime.date(2025, 1, 1),
            by=users["project_leader"],
        )


@pytest.mark.parametrize("role", ["finance", "contact_taby", "contact_nacka"])
def test_others_are_refused(client_for, template_2023, role):
    client = client_for(role)
    edit = reverse("agreements:template_edit", args=[template_2023.pk])
    new = reverse("agreements:template_new_version", args=[template_2023.pk])
    assert client.get(reverse("agreements:template_list")).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(edit, edit_data(template_2023, title="X")).status_code == 403
    response = client.post(new, {"version": "2099", "valid_from": "2099-01-01"})
    assert response.status_code == 403
    assert not AgreementTemplate.objects.filter(version="2099").exists()
    template_2023.refresh_from_db()
    assert template_2023.title != "X"
