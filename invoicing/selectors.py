"""Reads of invoicing that pages and exports need, with what they show already joined.

Every list here is a fixed number of queries whatever its length: paid and credited amounts are
correlated subqueries, never a query per row. ``balance`` is the same arithmetic as
:func:`invoicing.services.balance` (amount, less credit notes and payments), done in SQL.

The subqueries are computed only where they are needed: for the rows of one page, for the open
invoices in the totals, and in the filter of overdue invoices; never for every invoice of the
register just to count or sum it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from municipalities.models import Municipality

from .access import visible_invoices
from .models import Invoice, InvoiceStatus, Kind, Payment

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)


def _sum_of(queryset, key: str):
    """A correlated subquery: the sum of ``amount`` over ``queryset`` rows grouped by ``key``."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(key).annotate(total=Sum("amount")).values("total")[:1],
            output_field=MONEY,
        ),
        ZERO,
        output_field=MONEY,
    )


def paid_sum():
    return _sum_of(Payment.objects.filter(invoice=OuterRef("pk")), "invoice")


def credited_sum():
    """The credit notes against the invoice: zero or negative."""
    return _sum_of(Invoice.objects.filter(credited_invoice=OuterRef("pk")), "credited_invoice")


def balance_expression():
    """What is still to pay on an invoice (0 for a credit note)."""
    return Case(
        When(kind=Kind.CREDIT, then=ZERO),
        default=F("amount") + credited_sum() - paid_sum(),
        output_field=MONEY,
    )


def with_balances(invoices: QuerySet) -> QuerySet:
    """Annotate paid, credited (≤ 0) and balance (what is still to pay; 0 for a credit note)."""
    return invoices.annotate(paid=paid_sum(), credited=credited_sum()).annotate(
        balance=Case(
            When(kind=Kind.CREDIT, then=ZERO),
            default=F("amount") + F("credited") - F("paid"),
            output_field=MONEY,
        )
    )


OPEN = Q(status=InvoiceStatus.ISSUED) & ~Q(kind=Kind.CREDIT)


def overdue_q(today: datetime.date, *, balance: str = "balance") -> Q:
    """Unpaid invoices past their due date; needs the balance annotated or aliased as ``balance``."""
    return OPEN & Q(due_date__lt=today, **{f"{balance}__gt": 0})


@dataclass(frozen=True)
class InvoiceFilters:
    year: int | None = None
    status: str = ""
    municipality_code: str = ""
    overdue: bool = False


def filtered_invoices(user, filters: InvoiceFilters, *, today: datetime.date | None = None):
    """The invoices ``user`` may see, narrowed by ``filters``, newest first (no balances yet:
    see :func:`with_balances` and :func:`totals`)."""
    invoices = visible_invoices(user)
    if filters.year:
        invoices = invoices.filter(year=filters.year)
    if filters.status:
        invoices = invoices.filter(status=filters.status)
    if filters.municipality_code:
        invoices = invoices.filter(municipality__code=filters.municipality_code)
    if filters.overdue:
        today = today or timezone.localdate()
        invoices = invoices.alias(open_balance=balance_expression()).filter(
            overdue_q(today, balance="open_balance")
        )
    return invoices.order_by("-series_year", "-series_number")


def for_list(invoices: QuerySet) -> QuerySet:
    """Only what a row of the list shows (no agreement, no snapshot), with balances."""
    return with_balances(
        invoices.select_related(None)
        .select_related("municipality", "credited_invoice")
        .only(
            "number",
            "year",
            "kind",
            "amount",
            "invoice_date",
            "due_date",
            "status",
            "credited_invoice__number",
            "municipality__name",
            "municipality__code",
        )
    )


@dataclass
class ListRow:
    """One row of the invoice list, ready to show."""

    invoice: Invoice
    kind: str
    status: str
    overdue: bool


def list_rows(invoices, *, today: datetime.date) -> list[ListRow]:
    """The rows of a page (invoices from :func:`for_list`), with their labels looked up once."""
    kinds = {value: str(label) for value, label in Kind.choices}
    statuses = {value: str(label) for value, label in InvoiceStatus.choices}
    return [
        ListRow(
            invoice=invoice,
            kind=kinds.get(invoice.kind, invoice.kind),
            status=statuses.get(invoice.status, invoice.status),
            overdue=(
                invoice.status == InvoiceStatus.ISSUED
                and invoice.kind != Kind.CREDIT
                and invoice.due_date < today
                and invoice.balance > 0
            ),
        )
        for invoice in invoices
    ]


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal
    paid: Decimal
    outstanding: Decimal


def totals(invoices: QuerySet) -> Totals:
    """Two queries: the number, the net amount (credit notes count negative), what is still to
    pay (the positive balances of open invoices: an over-payment does not lower another's debt),
    and what is paid."""
    invoices = invoices.order_by()
    # Aggregates are named apart from any annotation: an aggregate called like an annotation it
    # sums makes Django leave that annotation out of its subquery.
    row = invoices.aggregate(
        total_count=Count("pk"),
        total_amount=Coalesce(Sum("amount"), ZERO, output_field=MONEY),
        total_outstanding=Coalesce(
            Sum(
                Case(
                    When(OPEN, then=Greatest(balance_expression(), ZERO, output_field=MONEY)),
                    default=ZERO,
                    output_field=MONEY,
                )
            ),
            ZERO,
            output_field=MONEY,
        ),
    )
    paid = Payment.objects.filter(invoice__in=invoices.values("pk")).aggregate(
        total_paid=Coalesce(Sum("amount"), ZERO, output_field=MONEY)
    )["total_paid"]
    return Totals(row["total_count"], row["total_amount"], paid, row["total_outstanding"])


def filter_choices(user) -> tuple[list[int], list[tuple[str, str]]]:
    """The years and the municipalities that the filters offer: those with invoices this user sees.

    Two queries, whatever the number of invoices.
    """
    visible = visible_invoices(user).order_by()
    years = sorted(set(visible.values_list("year", flat=True).distinct()), reverse=True)
    municipalities = (
        Municipality.objects.filter(pk__in=visible.values("municipality_id"))
        .order_by("name")
        .values_list("code", "name")
    )
    return years, list(municipalities)


def overdue_invoices(user, *, today: datetime.date | None = None) -> QuerySet:
    """Unpaid invoices past their due date, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        with_balances(visible_invoices(user))
        .filter(overdue_q(today))
        .order_by("due_date", "series_year", "series_number")
    )


def days_overdue(invoice, today: datetime.date) -> int:
    return max((today - invoice.due_date).days, 0)


def invoice_detail(invoice: Invoice) -> dict:
    """What the invoice page shows beside the invoice: its payments, its credit notes, and the
    balance. Three queries."""
    annotated = with_balances(Invoice.objects.filter(pk=invoice.pk)).values(
        "paid", "credited", "balance"
    )[0]
    return {
        "payments": list(invoice.payments.select_related("recorded_by")),
        "credit_notes": list(invoice.credit_notes.order_by("series_year", "series_number")),
        **annotated,
    }


def year_invoices(year: int) -> QuerySet:
    """Every invoice and credit note concerning ``year``, in number order (for the ZIP)."""
    return (
        Invoice.objects.filter(year=year)
        .select_related("municipality", "credited_invoice")
        .order_by("series_year", "series_number")
    )
