"""Reads of invoicing that pages and exports need, with what they show already joined.

Every list here is a fixed number of queries whatever its length: paid and credited amounts are
summed in SQL, never a query per row. ``balance`` is the same arithmetic as
:func:`invoicing.services.balance` (amount, less credit notes and payments; a payment's reversal
is a payment of the negative amount, so every sum counts it), done in SQL in two
forms: :func:`with_balances` annotates a queryset with correlated subqueries (the invoice page,
the overdue list, the exports), and the invoice list's :func:`totals` and :func:`page_balances`
join each invoice to the grouped sums (:func:`_joined`), which over the whole register is several
times cheaper to build; a test holds the two forms to the same figures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
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
from django.db.models.functions import Coalesce
from django.utils import timezone

from municipalities.models import Municipality
from offers.models import Offer

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
    offer_slug: str = ""


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
    if filters.offer_slug:
        invoices = invoices.filter(agreement__offer__slug=filters.offer_slug)
    if filters.overdue:
        today = today or timezone.localdate()
        invoices = invoices.alias(open_balance=balance_expression()).filter(
            overdue_q(today, balance="open_balance")
        )
    return invoices.order_by("-series_year", "-series_number")


LIST_FIELDS = (
    "pk",
    "number",
    "year",
    "kind",
    "amount",
    "invoice_date",
    "due_date",
    "status",
    "credited_invoice__number",
    "municipality__name",
)


def for_list(invoices: QuerySet, *, with_offer: bool = False) -> QuerySet:
    """Only what a row of the list shows, as plain values: model instances cost a page more than
    its query does. Paid and balance come from :func:`page_balances` (see :func:`list_rows`).
    ``with_offer``: the offer's name too (``agreement__offer__name``), for a list of several."""
    fields = (*LIST_FIELDS, "agreement__offer__name") if with_offer else LIST_FIELDS
    return invoices.select_related(None).values_list(*fields, named=True)


@dataclass
class ListRow:
    """One row of the invoice list, ready to show; ``values`` is a row of :func:`for_list`."""

    values: tuple
    kind: str
    status: str
    paid: Decimal
    balance: Decimal
    overdue: bool


def list_rows(rows, *, today: datetime.date) -> list[ListRow]:
    """The rows of a page (from :func:`for_list`) with their paid amount and balance (one query)
    and their labels looked up once."""
    rows = list(rows)
    balances = page_balances([row.pk for row in rows])
    kinds = {value: str(label) for value, label in Kind.choices}
    statuses = {value: str(label) for value, label in InvoiceStatus.choices}
    result = []
    for row in rows:
        paid, balance = balances[row.pk]
        result.append(
            ListRow(
                values=row,
                kind=kinds.get(row.kind, row.kind),
                status=statuses.get(row.status, row.status),
                paid=paid,
                balance=balance,
                overdue=(
                    row.status == InvoiceStatus.ISSUED
                    and row.kind != Kind.CREDIT
                    and row.due_date < today
                    and balance > 0
                ),
            )
        )
    return result


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal
    paid: Decimal
    outstanding: Decimal


def _joined(where: str) -> str:
    """FROM the invoices ``i`` that ``where`` names, each joined to the sum of its payments
    (``p.total``) and of the credit notes against it (``c.total``, ≤ 0), each sum grouped once.

    The same arithmetic as :func:`with_balances`, written as SQL: over the register's thousands
    of invoices the ORM spends more time building two correlated subqueries per invoice than the
    database spends answering a join (docs/benchmarks.md). Table names come from the models;
    ``where`` holds only placeholders.
    """
    q = connection.ops.quote_name
    invoice, payment = q(Invoice._meta.db_table), q(Payment._meta.db_table)
    return f"""
        FROM {invoice} i
        LEFT JOIN (SELECT invoice_id, SUM(amount) AS total FROM {payment}
                   GROUP BY invoice_id) p ON p.invoice_id = i.id
        LEFT JOIN (SELECT credited_invoice_id, SUM(amount) AS total FROM {invoice}
                   WHERE credited_invoice_id IS NOT NULL
                   GROUP BY credited_invoice_id) c ON c.credited_invoice_id = i.id
        WHERE {where}
    """  # noqa: S608  # nosec B608  # no value in the text, every value a parameter


BALANCE_SQL = "i.amount + COALESCE(c.total, 0) - COALESCE(p.total, 0)"


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def page_balances(ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """One query: (paid, balance) per invoice id; a credit note's balance is 0."""
    if not ids:
        return {}
    rows = _fetch(
        "SELECT i.id, COALESCE(p.total, 0), "
        f"CASE WHEN i.kind = %s THEN 0 ELSE {BALANCE_SQL} END"
        + _joined(f"i.id IN ({', '.join(['%s'] * len(ids))})"),
        (Kind.CREDIT, *ids),
    )
    return {pk: (_money(paid), _money(balance)) for pk, paid, balance in rows}


def totals(invoices: QuerySet) -> Totals:
    """One query: the number, the net amount (credit notes count negative), what is paid, and
    what is still to pay (the positive balances of open invoices: an over-payment does not lower
    another's debt). The invoices are the ``IN`` of ``invoices``' own SQL, so every filter and
    access rule is the queryset's."""
    try:
        ids_sql, params = invoices.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # visible_invoices(...).none()
        return Totals(0, Decimal(0), Decimal(0), Decimal(0))
    ((count, amount, paid, outstanding),) = _fetch(
        "SELECT COUNT(*), SUM(i.amount), SUM(COALESCE(p.total, 0)), "
        f"SUM(CASE WHEN i.status = %s AND i.kind <> %s AND {BALANCE_SQL} > 0 "
        f"THEN {BALANCE_SQL} ELSE 0 END)" + _joined(f"i.id IN ({ids_sql})"),
        (InvoiceStatus.ISSUED, Kind.CREDIT, *params),
    )
    return Totals(count, _money(amount), _money(paid), _money(outstanding))


def _money(value) -> Decimal:
    """A sum as the database gives it (Decimal from PostgreSQL; int or float from SQLite, which
    keeps decimals as floating point) as Decimal, converted as the ORM converts a money field."""
    return MONEY.to_python(value or 0)


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


def offer_choices(user) -> list[tuple[str, str]]:
    """(slug, name) of the offers whose invoices this user sees, by name; nothing to choose
    (one query, no join over the invoices) on a single-offer installation."""
    if Offer.objects.count() <= 1:
        return []
    visible = visible_invoices(user).order_by()
    return list(
        Offer.objects.filter(agreements__invoices__in=visible)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


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
    payments = list(invoice.payments.select_related("recorded_by", "reverses"))
    reversed_ids = {p.reverses_id for p in payments if p.reverses_id}
    for p in payments:
        p.is_reversed = p.pk in reversed_ids
    return {
        "payments": payments,
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
