"""Invoice runs, numbering, OCR, immutability, credit notes and payments."""

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from invoicing import services
from invoicing.models import ImmutableInvoiceError, Invoice, InvoiceStatus
from invoicing.ocr import is_valid_ocr
from municipalities.models import Municipality
from offers.models import SpecialAnnualAmount

from .conftest import D

TABY, NACKA = "0160", "0182"


def expected_annual(pool, population, total=2_344_124):
    exact = Fraction(int(pool)) * population / total
    return Decimal(int(exact + Fraction(1, 2)))


def test_first_and_annual_invoices_of_a_year(pools, active):
    active(TABY, D(2025, 6, 10))
    active(NACKA, D(2024, 1, 1))
    plan = services.plan_run(2025, invoice_date=D(2025, 6, 12))
    assert plan.errors == []
    by_code = {p.municipality.code: p for p in plan.planned}
    taby = by_code[TABY]
    assert (taby.kind, taby.twelfths) == ("first", 7)
    assert taby.annual_amount == expected_annual(pools[2025], 71_397)
    assert taby.amount == Decimal(int(Fraction(int(taby.annual_amount) * 7, 12) + Fraction(1, 2)))
    nacka = by_code[NACKA]
    assert (nacka.kind, nacka.twelfths) == ("annual", 12)
    assert nacka.amount == nacka.annual_amount == expected_annual(pools[2025], 103_656)
    assert taby.due_date == D(2025, 7, 12)
    assert taby.snapshot["population"] == 71_397
    assert taby.snapshot["county_total"] == 2_344_124
    assert taby.snapshot["pool"] == str(pools[2025])


def test_a_run_issues_gapless_numbers_with_valid_ocr_and_is_idempotent(pools, active):
    for code in [TABY, NACKA, "0184", "0183"]:
        active(code, D(2024, 3, 1))
    issued, plan = services.issue_run(2025, invoice_date=D(2025, 1, 15))
    assert [i.number for i in issued] == ["2025-0001", "2025-0002", "2025-0003", "2025-0004"]
    assert all(is_valid_ocr(i.ocr) for i in issued)
    assert issued[0].ocr == "2025000106"
    again, plan = services.issue_run(2025, invoice_date=D(2025, 1, 16))
    assert again == [] and plan.already_issued == 4
    assert Invoice.objects.count() == 4


def test_one_invoice_per_agreement_and_year_is_a_database_rule(pools, active):
    active(TABY, D(2024, 3, 1))
    (invoice,), _ = services.issue_run(2025, invoice_date=D(2025, 1, 15))
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            agreement=invoice.agreement,
            municipality=invoice.municipality,
            year=2025,
            kind="annual",
            twelfths=12,
            annual_amount=1,
            amount=1,
            snapshot={},
            number="2025-9999",
            series_year=2025,
            series_number=9999,
            ocr="1",
            invoice_date=D(2025, 1, 1),
            due_date=D(2025, 1, 31),
        )


def test_issued_invoices_never_change_and_are_never_deleted(pools, active):
    active(TABY, D(2024, 3, 1))
    (invoice,), _ = services.issue_run(2025, invoice_date=D(2025, 1, 15))
    invoice.amount = Decimal("1")
    with pytest.raises(ImmutableInvoiceError, match="ändras aldrig"):
        invoice.save()
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.get(pk=invoice.pk).delete()
    invoice.refresh_from_db()
    assert invoice.amount != Decimal("1")


def test_a_year_without_a_confirmed_pool_is_an_error_naming_the_proposal(reference_data, active):
    active(TABY, D(2021, 3, 1))
    plan = services.plan_run(2023)
    assert plan.planned == []
    assert (
        "Kostnadsramen för 2023 är inte fastställd (förslag: 4\u00a0161\u00a0600\u00a0kr)"
        in plan.errors[0]
    )


def test_gotland_needs_an_explicit_annual_amount(pools, active):
    active("0980", D(2024, 1, 1))
    plan = services.plan_run(2025)
    assert "Gotland ingår inte i befolkningsnyckeln" in plan.errors[0]
    SpecialAnnualAmount.objects.create(
        municipality=Municipality.objects.get(code="0980"), year=2025, amount=Decimal("120000")
    )
    plan = services.plan_run(2025)
    assert plan.errors == []
    assert plan.planned[0].amount == Decimal("120000")


def test_a_start_in_the_latter_half_of_december_is_first_invoiced_the_next_year(pools, active):
    active(TABY, D(2024, 12, 16))
    assert services.plan_run(2024).planned == []
    (p,) = services.plan_run(2025).planned
    assert (p.kind, p.twelfths) == ("annual", 12)


def test_a_1_january_start_gets_one_invoice_with_12_twelfths(pools, active):
    active(TABY, D(2025, 1, 1))
    (p,) = services.plan_run(2025).planned
    assert (p.kind, p.twelfths, p.amount) == ("first", 12, p.annual_amount)


def test_an_ended_agreement_is_not_invoiced_after_its_end(pools, make_agreement):
    agreement = make_agreement(TABY, status="gallande", start=D(2023, 3, 1))
    from agreements.services import give_notice

    give_notice(agreement, by=None, notice_date=D(2024, 11, 30), party="kommunen")
    assert services.plan_run(2025).planned == []
    assert len(services.plan_run(2024).planned) == 1


def test_full_and_partial_credit_notes(pools, active):
    active(TABY, D(2024, 3, 1))
    (invoice,), _ = services.issue_run(2025, invoice_date=D(2025, 1, 15))
    partial = services.credit(
        invoice,
        reason="Force majeure § 10: verksamheten stängd en månad",
        percent=Decimal("25"),
        invoice_date=D(2025, 3, 1),
    )
    assert partial.number == "2025-0002" and partial.kind == "credit"
    # A quarter of 131 874 kr is 32 968,50 kr: half up gives 32 969 kr.
    assert partial.amount == -Decimal(int(Fraction(int(invoice.amount), 4) + Fraction(1, 2)))
    assert partial.credited_invoice == invoice
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    rest = services.credit(invoice, reason="Avtalet hävt", invoice_date=D(2025, 3, 2))
    assert rest.amount + partial.amount == -invoice.amount
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED
    with pytest.raises(ValidationError, match="kvar att kreditera"):
        services.credit(invoice, reason="igen")
    with pytest.raises(ValidationError):
        services.credit(rest, reason="en kreditfaktura krediteras inte")


def test_payments_warn_on_partial_and_over_payment(pools, active):
    active(TABY, D(2024, 3, 1))
    (invoice,), _ = services.issue_run(2025, invoice_date=D(2025, 1, 15))
    _, warning = services.record_payment(invoice, paid_on=D(2025, 2, 1), amount=Decimal("1000"))
    assert warning.startswith("Delbetalning")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    with pytest.raises(services.PaymentNeedsConfirmation) as asked:
        services.record_payment(invoice, paid_on=D(2025, 2, 2), amount=invoice.amount)
    assert asked.value.over == Decimal("1000")
    _, warning = services.record_payment(
        invoice, paid_on=D(2025, 2, 2), amount=invoice.amount, confirm_over=True
    )
    assert warning == "Överbetalning med 1\u00a0000\u00a0kr."
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    with pytest.raises(ValidationError):
        services.record_payment(invoice, paid_on=D(2025, 2, 2), amount=Decimal("0"))


# --- Commands ----------------------------------------------------------------------------


def call(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_invoice_run_dry_run_csv_then_issue_then_nothing_new(pools, active):
    active(TABY, D(2025, 6, 10))
    code, out, _ = call(
        "invoice_run", "2025", "--date", "2025-06-12", "--dry-run", "--format", "csv"
    )
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == "number,kommunkod,kommun,kind,twelfths,annual_amount_kr,amount_kr,invoice_date,due_date"
    )
    annual = expected_annual(pools[2025], 71_397)
    amount = int(Fraction(int(annual) * 7, 12) + Fraction(1, 2))
    assert lines[1] == f",0160,Täby,first,7,{annual},{amount},2025-06-12,2025-07-12"
    assert Invoice.objects.count() == 0
    past = "--confirm-past-date"  # 2025-06-12 lies far back whatever day the suite runs
    code, out, _ = call("invoice_run", "2025", "--date", "2025-06-12", "--format", "csv", past)
    assert out.splitlines()[1].startswith("2025-0001,0160,Täby,first,7,")
    code, out, err = call("invoice_run", "2025", "--date", "2025-06-12", "--format", "csv", past)
    assert out.splitlines() == [lines[0]]  # the CSV alone, and nothing new in it
    assert "Inget nytt att fakturera" in err and "1 redan utfärdade" in err
    code, out, _ = call("invoice_run", "2025", "--date", "2025-06-13", past)
    assert code == 0 and "Inget nytt att fakturera" in out and "1 redan utfärdade" in out


def test_invoice_run_without_a_pool_exits_1(reference_data, active):
    active(TABY, D(2024, 3, 1))
    code, _, err = call("invoice_run", "2025", "--dry-run")
    assert code == 1 and "inte fastställd" in err


def test_set_cost_pool_and_cost_table_commands(reference_data):
    code, _, err = call("cost_table", "2022", "--format", "csv")
    assert code == 1 and "förslag: 4\u00a0080\u00a0000\u00a0kr" in err
    code, _, err = call("set_cost_pool", "2022", "4100000")
    assert code == 1 and "ange en anteckning" in err
    code, out, _ = call("set_cost_pool", "2022", "4080000", "--note", "Indexerat 2 %")
    assert code == 0 and "4\u00a0080\u00a0000\u00a0kr fastställd" in out
    code, out, _ = call("cost_table", "2022", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "kommunkod,kommun,population,share_percent,amount_kr"
    assert "0127,Botkyrka,93106,3.97,162053" in lines
    assert lines[-1] == ",Summa,2344124,100.00,4080000"
    assert len(lines) == 28  # header, 26 municipalities, sum
    names = [line.split(",")[1] for line in lines[1:-1]]
    assert names[:2] == ["Botkyrka", "Danderyd"]
    assert names[-4:] == ["Vallentuna", "Vaxholm", "Värmdö", "Österåker"]
