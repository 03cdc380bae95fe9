"""Finance's invoice pages and the municipal contacts' own invoices: the list (filters, totals,
a constant number of queries), the invoice, payments, credit notes, overdue invoices, reminders,
who may see what, and the read-only admin."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from invoicing import selectors, services
from invoicing.models import Invoice, InvoiceStatus, Kind, Payment
from tests.url_cases.invoicing_invoices import HANINGE, TABY, issue_invoice

from .conftest import D

NBSP = "\u00a0"
NACKA = "0182"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def kr(amount) -> str:
    """How the pages write an amount (core.money.format_amount: Swedish grouping, the real
    minus sign)."""
    amount = Decimal(amount)
    whole = f"{abs(int(amount)):,}".replace(",", NBSP)
    sign = "\u2212" if amount < 0 else ""
    cents = "" if amount == int(amount) else "," + f"{abs(amount):.2f}".split(".")[1]
    return f"{sign}{whole}{cents}{NBSP}kr"


def total_cell(html: str, name: str) -> str:
    return re.search(rf'data-total="{name}">([^<]*)<', html).group(1).replace("&nbsp;", NBSP)


@pytest.fixture
def invoices(pools, users):
    """2025: Täby (unpaid, overdue), Haninge (paid), Nacka (partly paid, not yet due).
    2024: Haninge. Today is fixed by the dates: Nacka's invoice is due in the future."""
    today = timezone.localdate()
    taby = issue_invoice(TABY, users, year=2025, invoice_date=D(2025, 1, 15))
    haninge = issue_invoice(HANINGE, users, year=2024, invoice_date=D(2024, 1, 15))
    (planned,) = [
        p
        for p in services.plan_run(2025, invoice_date=D(2025, 1, 15)).planned
        if p.municipality.code == HANINGE
    ]
    haninge_2025 = services.issue(planned, by=users["finance"])
    nacka = issue_invoice(NACKA, users, year=2025, invoice_date=today)
    services.record_payment(haninge_2025, paid_on=D(2025, 2, 1), amount=haninge_2025.amount)
    services.record_payment(nacka, paid_on=today, amount=Decimal("1000"))
    return {"taby": taby, "haninge_2024": haninge, "haninge": haninge_2025, "nacka": nacka}


# --- The list ------------------------------------------------------------------------------------


def test_finance_sees_every_invoice_with_totals_of_the_filtered_set(invoices, client_for):
    inv = invoices
    client = client_for("finance")
    html = client.get("/fakturering/").content.decode()
    for invoice in inv.values():
        assert invoice.number in html
    amount = sum(i.amount for i in inv.values())
    paid = inv["haninge"].amount + Decimal("1000")
    outstanding = inv["taby"].amount + inv["haninge_2024"].amount + inv["nacka"].amount - 1000
    assert total_cell(html, "amount") == kr(amount)
    assert total_cell(html, "paid") == kr(paid)
    assert total_cell(html, "outstanding") == kr(outstanding)

    html = client.get("/fakturering/?ar=2024").content.decode()
    assert inv["haninge_2024"].number in html and inv["taby"].number not in html
    assert total_cell(html, "amount") == kr(inv["haninge_2024"].amount)

    html = client.get("/fakturering/?ar=2025&status=betald").content.decode()
    assert inv["haninge"].number in html and inv["nacka"].number not in html
    assert total_cell(html, "paid") == kr(inv["haninge"].amount)
    assert total_cell(html, "outstanding") == kr(0)

    html = client.get(f"/fakturering/?kommun={NACKA}").content.decode()
    assert inv["nacka"].number in html and inv["taby"].number not in html
    assert total_cell(html, "outstanding") == kr(inv["nacka"].amount - 1000)

    html = client.get("/fakturering/?forfallna=on").content.decode()
    assert inv["taby"].number in html and inv["haninge_2024"].number in html
    assert inv["nacka"].number not in html  # not due yet
    assert inv["haninge"].number not in html  # paid

    # A value that is not valid is left out, not refused.
    assert client.get("/fakturering/?ar=abc&status=nej").status_code == 200


def test_a_credit_note_counts_negative_in_the_sum_and_lowers_the_outstanding(invoices, client_for):
    note = services.credit(invoices["taby"], reason="Avtalet hävt")
    html = client_for("finance").get("/fakturering/?kommun=0160").content.decode()
    assert note.number in html
    assert total_cell(html, "amount") == kr(0)
    assert total_cell(html, "outstanding") == kr(0)


def test_an_invoice_paid_and_then_partly_credited_lowers_no_other_debt(invoices, client_for):
    """Nacka pays half of its invoice; a 60 % credit (§ 10) afterwards leaves it open (utfärdad)
    with a negative balance. The outstanding total counts it as 0, not as a negative that would
    hide part of Täby's debt, and its row shows the over-payment."""
    nacka, taby = invoices["nacka"], invoices["taby"]
    half = nacka.amount / 2 - Decimal("1000")  # 1 000 kr is paid already
    services.record_payment(nacka, paid_on=timezone.localdate(), amount=half)
    services.credit(nacka, reason="Force majeure", percent=Decimal("60"))
    nacka.refresh_from_db()
    assert nacka.status == InvoiceStatus.ISSUED
    balance = services.balance(nacka)
    assert balance < 0
    client = client_for("finance")
    html = client.get("/fakturering/?ar=2025").content.decode()
    assert total_cell(html, "outstanding") == kr(taby.amount)
    row = re.search(rf'<tr><th scope="row"><a [^>]*>{nacka.number}</a>.*?</tr>', html).group(0)
    assert kr(balance) in row.replace("&nbsp;", NBSP)


def test_payments_in_ore_are_shown_and_summed_to_the_ore(invoices, client_for):
    services.record_payment(invoices["taby"], paid_on=D(2025, 3, 1), amount=Decimal("100.50"))
    services.record_payment(invoices["taby"], paid_on=D(2025, 3, 2), amount=Decimal("0.25"))
    html = client_for("finance").get("/fakturering/?kommun=0160").content.decode()
    assert total_cell(html, "paid") == kr(Decimal("100.75"))
    assert total_cell(html, "outstanding") == kr(invoices["taby"].amount - Decimal("100.75"))
    row = re.search(rf"<a [^>]*>{invoices['taby'].number}</a>.*?</tr>", html).group(0)
    assert kr(Decimal("100.75")) in row.replace("&nbsp;", NBSP)


def test_a_municipal_contact_sees_only_their_own_invoices(invoices, client_for):
    html = client_for("contact_taby").get("/fakturering/").content.decode()
    assert invoices["taby"].number in html
    for key in ("haninge", "haninge_2024", "nacka"):
        assert invoices[key].number not in html
    assert 'name="kommun"' not in html  # no municipality filter for one municipality
    assert "register.xlsx" not in html  # no exports
    # Asking for another municipality gives nothing either.
    html = client_for("contact_taby").get(f"/fakturering/?kommun={HANINGE}").content.decode()
    assert invoices["haninge"].number not in html


def list_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/fakturering/?ar=2025")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_list_makes_the_same_number_of_queries_for_3_and_for_40_invoices(
    pools, users, client_for
):
    from municipalities.models import Municipality

    codes = list(
        Municipality.objects.filter(in_cost_base=True)
        .exclude(is_host=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    for code in codes[:3]:
        issue_invoice(code, users, year=2025)
    client = client_for("finance")
    small = list_queries(client)
    # Many more invoices, each with two payments and a credit note.
    for code in codes[3:]:
        invoice = issue_invoice(code, users, year=2025)
        services.record_payment(invoice, paid_on=D(2025, 3, 1), amount=Decimal("100"))
        services.record_payment(invoice, paid_on=D(2025, 3, 2), amount=Decimal("200"))
        services.credit(invoice, reason="Test", percent=Decimal("10"))
    assert Invoice.objects.count() >= 40
    large = list_queries(client)
    every = "\n".join(large)
    assert len(small) == len(large), f"{len(small)} queries for 3, {len(large)} for 40:\n{every}"
    assert len(large) <= 12, every


# --- One invoice ---------------------------------------------------------------------------------


def test_the_invoice_page_shows_its_fields_the_calculation_payments_and_credit_notes(
    invoices, client_for
):
    taby = invoices["taby"]
    services.record_payment(taby, paid_on=D(2025, 2, 1), amount=Decimal("5000"), note="Verif 17")
    note = services.credit(taby, reason="Force majeure § 10", percent=Decimal("10"))
    html = client_for("project_leader").get(f"/fakturering/{taby.pk}/").content.decode()
    assert taby.number in html and taby.ocr in html
    assert "Så har beloppet beräknats" in html
    assert f"71{NBSP}397 ÷ 2{NBSP}344{NBSP}124" in html
    assert "regionkoordinatorer 2025: 12/12 av" in html
    assert "Verif 17" in html and note.number in html and "Force majeure § 10" in html
    assert "REF-0160" in html
    # The project leader reads; only finance acts.
    assert "/betalning/" not in html and "/kreditera/" not in html
    html = client_for("finance").get(f"/fakturering/{taby.pk}/").content.decode()
    assert "/betalning/" in html and "/kreditera/" in html and "paminnelse.pdf" in html


def test_a_contact_gets_404_for_another_municipalitys_invoice_its_pdf_and_reminder(
    invoices, client_for
):
    client = client_for("contact_taby")
    haninge = invoices["haninge_2024"]
    for suffix in ("", "faktura.pdf", "paminnelse.pdf", "betalning/", "kreditera/"):
        assert client.get(f"/fakturering/{haninge.pk}/{suffix}").status_code == 404, suffix
    assert client.get(f"/fakturering/{invoices['taby'].pk}/").status_code == 200
    assert client.get(f"/fakturering/{invoices['taby'].pk}/faktura.pdf").status_code == 200
    # Its own invoice: may read, not act.
    assert client.get(f"/fakturering/{invoices['taby'].pk}/betalning/").status_code == 403
    assert client.get(f"/fakturering/{invoices['taby'].pk}/paminnelse.pdf").status_code == 403


# --- Payments ------------------------------------------------------------------------------------


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_a_partial_payment_warns_and_leaves_the_invoice_unpaid(invoices, client_for):
    taby = invoices["taby"]
    response = client_for("finance").post(
        f"/fakturering/{taby.pk}/betalning/",
        {"paid_on": "2025-02-10", "amount": "10 000,50", "note": "Delbetalning"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fakturering/{taby.pk}/"
    payment = Payment.objects.get(invoice=taby)
    assert payment.amount == Decimal("10000.50") and payment.paid_on == D(2025, 2, 10)
    levels = dict(messages_of(response))
    assert "Delbetalning" in levels["warning"]
    taby.refresh_from_db()
    assert taby.status == InvoiceStatus.ISSUED


def test_a_full_payment_marks_the_invoice_paid_and_an_over_payment_warns(invoices, client_for):
    taby = invoices["taby"]
    client = client_for("finance")
    response = client.post(
        f"/fakturering/{taby.pk}/betalning/",
        {"paid_on": "2025-02-10", "amount": str(taby.amount)},
    )
    assert [level for level, _ in messages_of(response)] == ["success"]
    taby.refresh_from_db()
    assert taby.status == InvoiceStatus.PAID
    response = client.post(
        f"/fakturering/{taby.pk}/betalning/",
        {"paid_on": "2025-02-11", "amount": "500", "bekrafta": "on"},  # confirmed: paid already
    )
    assert "Överbetalning" in dict(messages_of(response))["warning"]
    page = client.get(f"/fakturering/{taby.pk}/").content.decode()
    assert "2025-02-11" in page


def test_a_payment_form_with_errors_is_shown_again(invoices, client_for):
    taby = invoices["taby"]
    client = client_for("finance")
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    for data in ({}, {"paid_on": "2025-02-10", "amount": "0"}, {"paid_on": future, "amount": "1"}):
        response = client.post(f"/fakturering/{taby.pk}/betalning/", data)
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
    assert not Payment.objects.filter(invoice=taby).exists()


# --- Credit notes --------------------------------------------------------------------------------


def test_a_full_credit_is_confirmed_before_it_is_issued(invoices, client_for, users):
    taby = invoices["taby"]
    client = client_for("finance")
    data = {"scope": "hela", "reason": "Avtalet hävdes"}
    response = client.post(f"/fakturering/{taby.pk}/kreditera/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Utfärda en kreditfaktura på" in html and 'name="confirm"' in html
    assert f"{int(taby.amount):,}".replace(",", NBSP) in html
    assert not Invoice.objects.filter(kind=Kind.CREDIT).exists()  # nothing issued yet
    next_number = Invoice.objects.order_by("-pk").first().series_number
    # "Ändra" goes back to the form with what was written.
    response = client.post(
        f"/fakturering/{taby.pk}/kreditera/", {**data, "confirm": "1", "edit": "1"}
    )
    assert "Avtalet hävdes</textarea>" in response.content.decode()
    assert not Invoice.objects.filter(kind=Kind.CREDIT).exists()

    response = client.post(f"/fakturering/{taby.pk}/kreditera/", {**data, "confirm": "1"})
    note = Invoice.objects.get(kind=Kind.CREDIT)
    assert response.status_code == 302 and response["Location"] == f"/fakturering/{note.pk}/"
    assert note.credited_invoice == taby and note.amount == -taby.amount
    assert note.credit_reason == "Avtalet hävdes" and note.issued_by == users["finance"]
    assert note.series_number == next_number + 1  # the preview gave its number back
    taby.refresh_from_db()
    assert taby.status == InvoiceStatus.CREDITED
    # Nothing is left to credit: no second credit note.
    assert "/kreditera/" not in client.get(f"/fakturering/{taby.pk}/").content.decode()


def test_a_partial_credit_of_a_percentage_under_section_10(invoices, client_for):
    taby = invoices["taby"]
    client = client_for("finance")
    data = {"scope": "andel", "percent": "25,5", "reason": "Force majeure § 10"}
    expected = (taby.amount * Decimal("0.255")).quantize(Decimal("1"), rounding="ROUND_HALF_UP")
    html = client.post(f"/fakturering/{taby.pk}/kreditera/", data).content.decode()
    assert f"{int(expected):,}".replace(",", NBSP) in html
    client.post(f"/fakturering/{taby.pk}/kreditera/", {**data, "confirm": "1"})
    note = Invoice.objects.get(kind=Kind.CREDIT)
    assert note.amount == -expected and note.snapshot["percent"] == "25.5"
    taby.refresh_from_db()
    assert taby.status == InvoiceStatus.ISSUED


def test_a_credit_needs_a_reason_and_a_percentage_for_a_partial_one(invoices, client_for):
    taby = invoices["taby"]
    client = client_for("finance")
    for data in (
        {"scope": "hela", "reason": ""},
        {"scope": "andel", "reason": "x"},
        {"scope": "andel", "percent": "150", "reason": "x", "confirm": "1"},
    ):
        response = client.post(f"/fakturering/{taby.pk}/kreditera/", data)
        assert response.status_code == 200
        assert 'class="error-summary"' in response.content.decode()
    assert not Invoice.objects.filter(kind=Kind.CREDIT).exists()


def test_a_credit_note_is_not_paid_or_credited(invoices, client_for):
    note = services.credit(invoices["taby"], reason="Test", percent=Decimal("10"))
    client = client_for("finance")
    assert client.get(f"/fakturering/{note.pk}/kreditera/").status_code == 404
    assert client.get(f"/fakturering/{note.pk}/betalning/").status_code == 404
    assert client.get(f"/fakturering/{note.pk}/faktura.pdf").status_code == 200


# --- Overdue and reminders -----------------------------------------------------------------------


def test_the_overdue_list_shows_unpaid_invoices_past_due_with_days_overdue(invoices, client_for):
    today = timezone.localdate()
    html = client_for("finance").get("/fakturering/forfallna/").content.decode()
    taby, old = invoices["taby"], invoices["haninge_2024"]
    assert taby.number in html and old.number in html
    assert invoices["nacka"].number not in html and invoices["haninge"].number not in html
    assert f'<td class="num">{(today - taby.due_date).days}</td>' in html
    assert html.index(old.number) < html.index(taby.number)  # longest overdue first
    assert f"/fakturering/{taby.pk}/paminnelse.pdf" in html


def test_a_reminder_is_a_pdf_for_an_overdue_invoice_only(invoices, client_for):
    client = client_for("finance")
    response = client.get(f"/fakturering/{invoices['taby'].pk}/paminnelse.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "paminnelse-" in response["Content-Disposition"]
    assert client.get(f"/fakturering/{invoices['nacka'].pk}/paminnelse.pdf").status_code == 404
    assert client.get(f"/fakturering/{invoices['haninge'].pk}/paminnelse.pdf").status_code == 404


# --- Immutability in the admin -------------------------------------------------------------------


def test_the_admin_shows_invoices_read_only(invoices, client):
    admin = User.objects.create_superuser("admin", "admin@example.se", "admin-password-123")
    client.force_login(admin)
    taby = invoices["taby"]
    base = "/admin/invoicing/invoice/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}{taby.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{taby.pk}/change/", {"amount": "1"}).status_code == 403
    assert client.get(f"{base}{taby.pk}/delete/").status_code == 403
    assert client.post(f"{base}{taby.pk}/delete/", {"post": "yes"}).status_code == 403
    stored = Invoice.objects.get(pk=taby.pk)
    assert stored.amount == taby.amount


def test_home_links_finance_and_contacts_to_the_invoices(invoices, client_for):
    assert "/fakturering/forfallna/" in client_for("finance").get("/").content.decode()
    assert 'href="/fakturering/"' in client_for("contact_taby").get("/").content.decode()


def test_the_lists_sql_and_the_orms_balances_agree(invoices):
    """The two forms of the balance arithmetic (selectors' module docstring) give the same paid
    amounts and balances, with payments, a partial and a full credit note among the invoices."""
    services.record_payment(invoices["taby"], paid_on=D(2025, 3, 1), amount=Decimal("10.50"))
    services.credit(invoices["nacka"], reason="Force majeure", percent=Decimal("25"))
    services.credit(invoices["haninge_2024"], reason="Avtalet hävt")
    orm = {
        pk: (paid, balance)
        for pk, paid, balance in selectors.with_balances(Invoice.objects.all()).values_list(
            "pk", "paid", "balance"
        )
    }
    assert len(orm) == 6  # four invoices, two credit notes
    assert selectors.page_balances(list(orm)) == orm
    totals = selectors.totals(Invoice.objects.all())
    assert totals.paid == sum(paid for paid, _ in orm.values())
    open_ids = Invoice.objects.filter(status=InvoiceStatus.ISSUED).exclude(kind=Kind.CREDIT)
    assert totals.outstanding == sum(
        max(orm[pk][1], 0) for pk in open_ids.values_list("pk", flat=True)
    )
    assert totals.outstanding > 0
