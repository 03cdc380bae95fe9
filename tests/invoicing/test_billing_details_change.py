"""A change of billing details after signing (§ 1 is frozen): recorded as a new row by a municipal
contact or the project leader, with a confirmation, shown with its history on the agreement page,
and used by invoices and e-invoices dated from the change on; the signed agreement is unchanged."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from agreements import services as agreement_services
from agreements.models import Agreement, BillingDetailsChange
from invoicing import einvoice, services

D = datetime.date
NACKA = "0182"
NEW_ADDRESS = "Nacka kommun\nNy fakturaadress\nBox 9\n131 81 Nacka"


@pytest.fixture
def agreement(active):
    return active(NACKA, D(2025, 3, 1))


def change_form(**overrides):
    return {
        "invoicing_address": NEW_ADDRESS,
        "buyer_reference": "NY-REF-7",
        "effective_from": "2026-06-01",
        "reason": "Ny organisation",
    } | overrides


def test_the_contact_records_a_change_after_a_confirmation(agreement, client_for, users):
    client = client_for("contact_nacka")
    path = f"/avtal/{agreement.pk}/fakturauppgifter/"
    with time_machine.travel(D(2026, 5, 20), tick=False):
        detail = client.get(f"/avtal/{agreement.pk}/").content.decode()
        assert f'href="{path}"' in detail
        form = client.get(path).content.decode()
        assert "Fakturaskanning" in form  # today's details as the starting point
        preview = client.post(path, change_form())
        assert "Bekräfta de nya fakturauppgifterna" in preview.content.decode()
        assert not BillingDetailsChange.objects.exists()  # nothing yet
        done = client.post(path, change_form(confirmed="1"), follow=True)
    html = done.content.decode()
    assert "gäller för fakturor daterade från och med 2026-06-01" in html
    assert "NY-REF-7" in html and "Ny organisation" in html  # the history on the agreement page
    (change,) = BillingDetailsChange.objects.all()
    assert (change.created_by, change.effective_from) == (users["contact_nacka"], D(2026, 6, 1))
    signed = Agreement.objects.get(pk=agreement.pk)
    assert signed.buyer_reference == "REF-0182"  # § 1 as signed
    assert "Ny fakturaadress" not in signed.invoicing_address


def test_later_invoices_and_einvoices_use_the_change_and_earlier_ones_do_not(
    agreement, pools, users
):
    with time_machine.travel(D(2026, 5, 20), tick=False):
        agreement_services.record_billing_change(
            agreement,
            by=users["project_leader"],
            invoicing_address=NEW_ADDRESS,
            buyer_reference="NY-REF-7",
            effective_from=D(2026, 6, 1),
        )
    before = services.plan_run(2027, invoice_date=D(2026, 5, 31))
    (planned_before,) = [p for p in before.planned if p.agreement.pk == agreement.pk]
    assert planned_before.snapshot["buyer_reference"] == "REF-0182"
    plan = services.plan_run(2027, invoice_date=D(2027, 1, 15))
    (planned,) = [p for p in plan.planned if p.agreement.pk == agreement.pk]
    assert planned.snapshot["invoicing_address"] == NEW_ADDRESS
    invoice = services.issue(planned, by=users["finance"])
    assert einvoice.buyer_reference(invoice) == "NY-REF-7"
    xml = einvoice.build_ubl(invoice)
    assert b"NY-REF-7" in xml and b"Ny fakturaadress" in xml


def test_a_change_in_the_past_or_unchanged_is_refused_and_nothing_is_written(agreement, users):
    with time_machine.travel(D(2026, 5, 20), tick=False):
        with pytest.raises(ValidationError, match="bakåt"):
            agreement_services.record_billing_change(
                agreement,
                by=users["project_leader"],
                invoicing_address=NEW_ADDRESS,
                buyer_reference="",
                effective_from=D(2026, 5, 1),
            )
        with pytest.raises(ValidationError, match="desamma"):
            agreement_services.record_billing_change(
                agreement,
                by=users["project_leader"],
                invoicing_address=agreement.invoicing_address,
                buyer_reference=agreement.buyer_reference,
                effective_from=D(2026, 6, 1),
            )
    assert not BillingDetailsChange.objects.exists()


def test_a_recorded_change_is_never_edited(agreement, users):
    with time_machine.travel(D(2026, 5, 20), tick=False):
        change = agreement_services.record_billing_change(
            agreement,
            by=users["project_leader"],
            invoicing_address=NEW_ADDRESS,
            buyer_reference="X",
            effective_from=D(2026, 6, 1),
        )
    change.buyer_reference = "Y"
    with pytest.raises(ValidationError):
        change.save()


def test_another_municipality_gets_404_and_finance_403(agreement, client_for):
    path = f"/avtal/{agreement.pk}/fakturauppgifter/"
    assert client_for("contact_taby").get(path).status_code == 404
    assert client_for("finance").get(path).status_code == 403
    assert client_for("project_leader").get(path).status_code == 200


def test_an_agreement_not_yet_signed_has_no_change_page(make_agreement, client_for):
    from agreements.models import Status

    sent = make_agreement(status=Status.SENT)
    response = client_for("contact_nacka").get(f"/avtal/{sent.pk}/fakturauppgifter/")
    assert response.status_code == 302
