import datetime
from decimal import Decimal

import pytest

from invoicing import einvoice, einvoice_documents
from invoicing.einvoice_validation import validate
from invoicing.models import Invoice
from offers.models import CostPool
from tests.agreements.conftest import make_agreement, nacka  # noqa: F401  (shared fixtures)
from tests.url_cases.invoicing_invoices import active_agreement


@pytest.fixture
def pools(reference_data):
    """Confirmed pools 2021–2027, each the previous × 1,02 as § 6 proposes."""
    amount = Decimal("4000000")
    for year in range(2022, 2028):
        amount = (amount * Decimal("1.02")).quantize(Decimal("1"))
        CostPool.objects.create(year=year, amount=amount, note="test")
    return {p.year: p.amount for p in CostPool.objects.all()}


@pytest.fixture
def active(users):
    """active("0160", start) → an ACTIVE agreement whose § 1 is filled in as a municipality would
    (organisation number, billing address, buyer reference); ``buyer_reference=""`` etc. leave a
    detail out."""

    def make(code, start, **fields):
        return active_agreement(code, users, start=start, **fields)

    return make


def uses_database(request) -> str | None:
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            return name
    marker = request.node.get_closest_marker("django_db")
    if marker:
        return "transactional_db" if marker.kwargs.get("transaction") else "db"
    return None


@pytest.fixture(autouse=True)
def every_einvoice_validates(request):
    """At the end of every invoicing test: each invoice and credit note in the database yields an
    e-invoice that passes the UBL 2.1 XSD and every rule check, or, when a detail is missing (no
    buyer reference, no organisation number, a placeholder Bankgiro), refuses with the reasons."""
    database = uses_database(request)
    if database:
        request.getfixturevalue(database)  # so the database outlives this check
    yield
    if not database:
        return
    for invoice in Invoice.objects.select_related("credited_invoice").order_by("pk"):
        reasons = einvoice.readiness(invoice)
        if reasons:
            with pytest.raises(einvoice.EinvoiceNotReady) as refused:
                einvoice.build_ubl(invoice)
            assert refused.value.reasons == reasons, invoice.number
        else:
            failures = validate(einvoice.build_ubl(invoice))
            assert failures == [], f"{invoice.number}: {failures}"
        try:
            stored = einvoice_documents.read_stored_xml(invoice)
        except einvoice_documents.StoredXmlMismatch:
            continue  # a test that tampers with the stored file on purpose checks this itself
        if stored is not None:
            assert validate(stored) == [], invoice.number


D = datetime.date
