"""URLs of invoicing (invoices); see tests/url_cases/__init__.py for the format.

The placeholders issue one invoice for 2021 to Täby (0160), which kontakt.taby may read and
kontakt.nacka may not, and one to Haninge (0136), which neither contact may read. Both are past
their due date, so finance can print a reminder; Haninge's agreement gave no buyer reference, so
finance can set one for its e-invoice. (Other parts use Nacka, Solna and Sundbyberg.)
"""

import datetime
from decimal import Decimal

from stdnum import luhn

from agreements import services as agreement_services
from agreements.models import Status
from invoicing import services
from municipalities.models import Municipality

from . import NOT_FOUND, only

TABY, HANINGE = "0160", "0136"
YEAR = 2021  # the reference data's confirmed pool (4 000 000 kr)


def org_number_for(code: str) -> str:
    """A valid (Luhn) organisation number for the municipality ``code``, like the real ones
    (212000-NNNN); test data only."""
    base = f"212000{code[1:]}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def active_agreement(code: str, users, *, start: datetime.date, **agreement_fields):
    """An ACTIVE agreement for ``code``, walked through the real transitions, with § 1 filled in
    as a municipality would (organisation number, addresses, buyer reference) unless
    ``agreement_fields`` say otherwise (e.g. ``buyer_reference=""``)."""
    by = users["project_leader"]
    municipality = Municipality.objects.get(code=code)
    agreement = agreement_services.prepare_agreement(municipality=municipality, by=by)
    details = {
        "org_number": org_number_for(code),
        "department": f"Socialförvaltningen, {municipality.name}",
        "contact_person": "Anna Andersson",
        "postal_address": f"{municipality.name} kommun\nBox 1\n100 00 {municipality.name}",
        "invoicing_address": f"{municipality.name} kommun\nFakturaskanning\nBox 2\n100 01 Ort",
        "buyer_reference": f"REF-{code}",
        **agreement_fields,
    }
    for name, value in details.items():
        setattr(agreement, name, value)
    agreement.save()
    agreement.transition(Status.SENT, by=by)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=by)
    agreement.start_date = start
    agreement.transition(Status.ACTIVE, by=by)
    return agreement


def issue_invoice(
    code: str,
    users,
    *,
    year: int = YEAR,
    start: datetime.date | None = None,
    invoice_date: datetime.date | None = None,
    **agreement_fields,
):
    """An ACTIVE agreement for ``code`` (see active_agreement) and its issued invoice for
    ``year``, computed by services.plan_run and issued by services.issue."""
    agreement = active_agreement(
        code, users, start=start or datetime.date(year, 1, 1), **agreement_fields
    )
    plan = services.plan_run(
        year, invoice_date=invoice_date or datetime.date(year, 1, 15), offer=agreement.offer
    )
    (planned,) = [p for p in plan.planned if p.agreement.pk == agreement.pk]
    return services.issue(planned, by=users["finance"])


def placeholders(users):
    taby = issue_invoice(TABY, users)
    payment, _warning = services.record_payment(
        taby, paid_on=datetime.date(YEAR, 2, 1), amount=Decimal(100), by=users["finance"]
    )
    return {
        "invoice_taby": taby.pk,
        "payment_taby": payment.pk,  # a partial payment finance may reverse
        # Haninge gave no buyer reference in § 1: finance sets one for the e-invoice.
        "invoice_haninge": issue_invoice(HANINGE, users, buyer_reference="").pk,
        "invoice_year": YEAR,
    }


READERS = only("project_leader", "finance", "signatory", "contact_taby", "contact_nacka")
TABY_READERS = {**READERS, "contact_nacka": NOT_FOUND}
FINANCE = only("finance")
FINANCE_ON_TABY = {**FINANCE, "contact_nacka": NOT_FOUND}  # kontakt.taby: 403, may look only
FINANCE_ON_HANINGE = {**FINANCE, "contact_taby": NOT_FOUND, "contact_nacka": NOT_FOUND}

CASES = {
    "invoicing:invoice_list": ("/fakturering/", READERS, None),
    "invoicing:invoice_detail": ("/fakturering/{invoice_taby}/", TABY_READERS, None),
    "invoicing:invoice_pdf": ("/fakturering/{invoice_taby}/faktura.pdf", TABY_READERS, None),
    "invoicing:payment": (
        "/fakturering/{invoice_taby}/betalning/",
        FINANCE_ON_TABY,
        FINANCE_ON_TABY,  # an empty form is shown again with its errors
    ),
    "invoicing:payment_reverse": (
        "/fakturering/{invoice_taby}/betalning/{payment_taby}/aterfor/",
        FINANCE_ON_TABY,
        FINANCE_ON_TABY,  # an empty form is shown again with its errors
    ),
    "invoicing:credit": (
        "/fakturering/{invoice_taby}/kreditera/",
        FINANCE_ON_TABY,
        FINANCE_ON_TABY,
    ),
    "invoicing:reminder_pdf": (
        "/fakturering/{invoice_haninge}/paminnelse.pdf",
        FINANCE_ON_HANINGE,
        None,
    ),
    "invoicing:overdue": (
        "/fakturering/forfallna/",
        only("project_leader", "finance", "signatory"),
        None,
    ),
    "invoicing:register_xlsx": ("/fakturering/register.xlsx?ar={invoice_year}", FINANCE, None),
    "invoicing:pdf_zip": ("/fakturering/{invoice_year}/fakturor.zip", FINANCE, None),
    "invoicing:invoice_xml": ("/fakturering/{invoice_taby}/e-faktura.xml", TABY_READERS, None),
    "invoicing:einvoice_reference": (
        "/fakturering/{invoice_haninge}/e-faktura/referens/",
        FINANCE_ON_HANINGE,
        FINANCE_ON_HANINGE,  # an empty form is shown again with its errors
    ),
    "invoicing:seller": (
        "/fakturering/saljare/",
        FINANCE,
        FINANCE,  # an empty form is shown again with its errors
    ),
    "invoicing:xml_zip": ("/fakturering/{invoice_year}/e-fakturor.zip", FINANCE, None),
}
