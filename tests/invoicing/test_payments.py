"""Payments (issue 12, point 2): an over-payment or a payment on a paid invoice only with a
confirmation that states the amount over, none dated before the invoice, and a mistyped payment
reversed by a counter-entry with a reason: nothing deleted, every balance counts it, and the
audit history shows it."""

from decimal import Decimal

import pytest

from invoicing import selectors, services
from invoicing.models import Invoice, InvoiceStatus, Payment
from tests.url_cases.invoicing_invoices import TABY, issue_invoice

from .conftest import D

NBSP = "\u00a0"


@pytest.fixture
def invoice(reference_data, users):
    return issue_invoice(TABY, users)  # 2021, dated 2021-01-15


def pay_url(invoice):
    return f"/fakturering/{invoice.pk}/betalning/"


def page_text(response) -> str:
    return response.content.decode().replace(NBSP, " ")


def test_an_over_payment_needs_a_confirmation_that_states_the_amount_over(invoice, client_for):
    finance = client_for("finance")
    data = {"paid_on": "2021-02-01", "amount": str(invoice.amount + 100), "note": ""}
    asked = finance.post(pay_url(invoice), data)
    assert asked.status_code == 200
    assert "Betalningen är 100 kr mer än det som återstår" in page_text(asked)
    assert not Payment.objects.exists()

    done = finance.post(pay_url(invoice), {**data, "bekrafta": "on"}, follow=True)
    assert "Överbetalning med 100 kr." in page_text(done)
    assert Payment.objects.get().amount == invoice.amount + 100


def test_a_second_payment_on_a_paid_invoice_needs_a_confirmation(invoice, client_for):
    finance = client_for("finance")
    full = {"paid_on": "2021-02-01", "amount": str(invoice.amount), "note": ""}
    assert finance.post(pay_url(invoice), full).status_code == 302  # exactly what is due
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID

    again = finance.post(pay_url(invoice), {**full, "amount": "50,50"})
    text = page_text(again)
    assert again.status_code == 200
    assert "Betalningen är 50,50 kr mer än det som återstår" in text
    assert "Fakturan är redan betald" in text
    assert Payment.objects.count() == 1


def test_a_payment_dated_before_the_invoice_is_refused(invoice, client_for):
    response = client_for("finance").post(
        pay_url(invoice), {"paid_on": "2021-01-14", "amount": "100", "note": ""}
    )
    assert response.status_code == 200
    assert "Betalningsdagen 2021-01-14 ligger före fakturadatumet 2021-01-15" in page_text(response)
    assert not Payment.objects.exists()
    with pytest.raises(Exception, match="ligger före fakturadatumet"):
        services.record_payment(invoice, paid_on=D(2021, 1, 1), amount=Decimal(1))


def balances(invoice) -> dict[str, Decimal]:
    """The balance of ``invoice`` by every computation the product has."""
    ids = Invoice.objects.filter(pk=invoice.pk)
    return {
        "services": services.balance(invoice),
        "with_balances": selectors.with_balances(ids).get().balance,
        "page_balances": selectors.page_balances([invoice.pk])[invoice.pk][1],
        "totals": selectors.totals(ids).outstanding,
        "detail": selectors.invoice_detail(invoice)["balance"],
    }


def test_a_mistyped_payment_is_reversed_by_a_counter_entry_with_a_reason(invoice, client_for):
    finance = client_for("finance")
    finance.post(pay_url(invoice), {"paid_on": "2021-02-01", "amount": str(invoice.amount)})
    payment = Payment.objects.get()
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID
    assert set(balances(invoice).values()) == {Decimal(0)}

    detail = finance.get(f"/fakturering/{invoice.pk}/")
    url = f"/fakturering/{invoice.pk}/betalning/{payment.pk}/aterfor/"
    assert url in detail.content.decode()
    assert finance.get(url).status_code == 200
    assert "Skäl till återföringen" in page_text(finance.post(url, {"reason": ""}))

    confirm = finance.post(url, {"reason": "Fel faktura: avsåg Nackas"})
    assert confirm.status_code == 200 and "Återföra betalningen" in page_text(confirm)
    assert Payment.objects.count() == 1  # nothing until confirmed

    done = finance.post(url, {"reason": "Fel faktura: avsåg Nackas", "confirm": "1"}, follow=True)
    assert "är återförd" in page_text(done)
    assert "Återföring av betalningen 2021-02-01: Fel faktura: avsåg Nackas" in page_text(done)
    reversal = Payment.objects.get(reverses=payment)
    assert reversal.amount == -payment.amount and Payment.objects.count() == 2
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.ISSUED
    assert set(balances(invoice).values()) == {invoice.amount}  # every balance counts it

    # Once only.
    finance.post(url, {"reason": "igen", "confirm": "1"})
    assert Payment.objects.count() == 2
    reversal_url = f"/fakturering/{invoice.pk}/betalning/{reversal.pk}/aterfor/"
    assert finance.get(reversal_url).status_code == 404

    history = client_for("project_leader").get("/historik/", {"typ": "betalningar"})
    assert "(återföring: Fel faktura: avsåg Nackas)" in page_text(history)


@pytest.mark.parametrize("role", ["project_leader", "signatory", "contact_taby"])
def test_only_finance_reverses_a_payment(invoice, users, client_for, role):
    payment, _ = services.record_payment(invoice, paid_on=D(2021, 2, 1), amount=Decimal(10))
    url = f"/fakturering/{invoice.pk}/betalning/{payment.pk}/aterfor/"
    assert client_for(role).post(url, {"reason": "x", "confirm": "1"}).status_code == 403
    assert Payment.objects.count() == 1
