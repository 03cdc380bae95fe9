"""One way to write money (issue 12, point 2): every place a person reads an amount writes it
with core.money.format_amount: Swedish grouping with a non-breaking space, a decimal comma, öre
only when not whole, the real minus sign. Machine outputs (CSV) keep plain numbers."""

import io
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from core.money import format_amount
from invoicing import services
from tests.url_cases.invoicing_invoices import TABY, issue_invoice

from .conftest import D

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1234.50", f"1{NBSP}234,50{NBSP}kr"),
        ("0.01", f"0,01{NBSP}kr"),
        ("-500", f"{MINUS}500{NBSP}kr"),
        ("128920.00", f"128{NBSP}920{NBSP}kr"),
        ("25000.50", f"25{NBSP}000,50{NBSP}kr"),
    ],
)
def test_the_formatter(amount, text):
    assert format_amount(Decimal(amount)) == text


def test_a_float_is_refused():
    with pytest.raises(TypeError):
        format_amount(0.1)


@pytest.fixture
def invoice(reference_data, users):
    return issue_invoice(TABY, users)  # 2021


def test_messages_and_the_audit_history_write_amounts_the_swedish_way(invoice, client_for):
    finance = client_for("finance")
    partial = invoice.amount - Decimal("0.01")
    done = finance.post(
        f"/fakturering/{invoice.pk}/betalning/",
        {"paid_on": "2021-02-01", "amount": str(partial)},
        follow=True,
    )
    html = done.content.decode()
    assert f"Delbetalning: 0,01{NBSP}kr återstår." in html  # was "0.01 kr"
    assert format_amount(partial) in html
    history = client_for("project_leader").get("/historik/", {"typ": "betalningar"})
    assert f"{invoice.number}: {format_amount(partial)} 2021-02-01" in history.content.decode()
    assert f"{partial} kr" not in history.content.decode()  # was "128920.00 kr"


def test_pages_in_english_still_write_amounts_the_one_way(invoice, client_for):
    services.record_payment(invoice, paid_on=D(2021, 2, 1), amount=Decimal("25000.50"))
    finance = client_for("finance")
    finance.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = finance.get(f"/fakturering/{invoice.pk}/").content.decode().replace("&nbsp;", NBSP)
    assert "25,000.50" not in html
    assert f"25{NBSP}000,50{NBSP}kr" in html


def test_the_commands_text_uses_the_formatter_and_the_csv_stays_plain(pools, active):
    active(TABY, D(2024, 3, 1))
    out = io.StringIO()
    call_command("invoice_run", "2025", "--date", "2025-01-15", "--dry-run", stdout=out)
    (planned,) = services.plan_run(2025, invoice_date=D(2025, 1, 15)).planned
    assert f"summa {format_amount(planned.amount)};" in out.getvalue()
    csv_out = io.StringIO()
    call_command(
        "invoice_run",
        "2025",
        "--date",
        "2025-01-15",
        "--dry-run",
        "--format",
        "csv",
        stdout=csv_out,
        stderr=io.StringIO(),
    )
    assert f",{int(planned.amount)},2025-01-15," in csv_out.getvalue()
