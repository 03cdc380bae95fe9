"""Writes of invoicing: plan and issue a year's run, credit notes, payments.

The arithmetic is offers/rules.py's; this module finds what is due, snapshots what each invoice was
computed from, numbers it gaplessly inside the transaction that issues it, and never changes an
issued invoice.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, Status
from core.money import format_amount, round_kr
from offers import rules
from offers.costs import PoolNotConfirmed, cost_table
from offers.models import Offer, SpecialAnnualAmount

from .models import (
    Invoice,
    InvoiceSequence,
    InvoiceStatus,
    Kind,
    Payment,
)
from .ocr import ocr_reference
from .seller import issue_problem

INVOICED_STATUSES = [Status.ACTIVE, Status.NOTICE_GIVEN, Status.ENDED]
# An invoice date further back than this needs an explicit confirmation (the run's preview, the
# invoice_run command's --confirm-past-date): an old date makes an invoice overdue when issued.
PAST_DATE_DAYS = 7


class OfferNotChosen(ValueError):
    """A run names no offer on an installation with several: the message lists their slugs."""


def choose_offer(slug: str | None = None) -> Offer:
    """The offer with ``slug``; without one, the only offer of the installation.

    Raises OfferNotChosen (a ValueError, in Swedish) for an unknown slug, or for no slug when
    there are several offers: a run is always one offer's year.
    """
    offers = list(Offer.objects.order_by("slug"))
    slugs = ", ".join(o.slug for o in offers)
    if slug:
        for offer in offers:
            if offer.slug == slug:
                return offer
        raise OfferNotChosen(
            _("Det finns inget erbjudande med kortnamnet %(slug)s. Välj ett av: %(slugs)s.")
            % {"slug": slug, "slugs": slugs}
        )
    if len(offers) == 1:
        return offers[0]
    if not offers:
        raise OfferNotChosen(_("Det finns inget erbjudande. Läs in referensdata först."))
    raise OfferNotChosen(
        _("Det finns flera erbjudanden: välj ett med --offer (%(slugs)s).") % {"slugs": slugs}
    )


def _run_offer(offer: Offer | None, agreement_pk: int | None) -> Offer:
    """The offer a run is for: the one named; else the agreement's, for a first invoice previewed
    on its own; else the only offer of the installation (OfferNotChosen when there are several)."""
    if offer is not None:
        return offer
    if agreement_pk is not None:
        found = Offer.objects.filter(agreements__pk=agreement_pk).first()
        if found is not None:
            return found
    return choose_offer(None)


@dataclass(frozen=True)
class PlannedInvoice:
    agreement: Agreement
    year: int
    kind: str
    twelfths: int
    annual_amount: Decimal
    amount: Decimal
    invoice_date: datetime.date
    due_date: datetime.date
    snapshot: dict
    # Under the offer's days rule the first invoice covers days of the year, not twelfths.
    days: int | None = None

    @property
    def municipality(self):
        return self.agreement.municipality

    @property
    def offer(self) -> Offer:
        return self.agreement.offer


@dataclass
class RunPlan:
    year: int
    invoice_date: datetime.date
    offer: Offer | None = None
    planned: list[PlannedInvoice] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    already_issued: int = 0

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.planned), Decimal(0))


def _billing_details(agreement: Agreement, invoice_date: datetime.date) -> dict:
    """What the invoice is computed from and sent to. The billing address and buyer reference are
    the agreement's latest change in effect on the invoice date (Agreement.billing_details), else
    § 1 as signed."""
    m = agreement.municipality
    billing_to = agreement.billing_details(on=invoice_date)
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "org_number": agreement.org_number or m.org_number,
        "department": agreement.department,
        "contact_person": agreement.contact_person,
        "postal_address": agreement.postal_address,
        "invoicing_address": billing_to.invoicing_address,
        "buyer_reference": billing_to.buyer_reference,
        "agreement_id": agreement.pk,
        "offer_slug": agreement.offer.slug,
        "offer_name": agreement.offer.name,
        "template_version": agreement.template.version,
        "start_date": agreement.start_date.isoformat(),
    }


def _due_invoices(agreements, year: int, errors: list[str], *, offer: Offer):
    """(agreement, InvoiceDue) for every invoice the agreements call for in ``year``; an agreement
    whose dates contradict each other is reported in ``errors`` instead."""
    for agreement in agreements:
        try:
            dues = rules.invoiced_years(
                start=agreement.start_date,
                end=agreement.last_day,
                through_year=year,
                rule=offer.first_year_rule,
            )
        except ValueError:
            errors.append(
                _("%(municipality)s: avtalets sista dag %(end)s ligger före startdatum %(start)s.")
                % {
                    "municipality": agreement.municipality,
                    "end": agreement.last_day.isoformat(),
                    "start": agreement.start_date.isoformat(),
                }
            )
            continue
        for due in dues:
            if due.year == year:
                yield agreement, due


def signed_on(agreement: Agreement) -> datetime.date | None:
    """The day the agreement was signed by both parties: on paper, or the last electronic
    signature; None when neither is recorded."""
    if agreement.signed_on_paper and agreement.paper_signed_on:
        return agreement.paper_signed_on
    signed = [timezone.localdate(s.signed_at) for s in agreement.signatures.all()]
    return max(signed) if signed else None


def series_date_problem(invoice_date: datetime.date) -> str | None:
    """Invoice dates never go backwards within a number series (the year of the date)."""
    last = Invoice.objects.filter(series_year=invoice_date.year).aggregate(d=Max("invoice_date"))[
        "d"
    ]
    if last is None or invoice_date >= last:
        return None
    return _(
        "Fakturadatumet %(date)s ligger före %(last)s, fakturadatumet för det senast utfärdade i "
        "nummerserien %(series)s. Fakturadatum går aldrig bakåt i en nummerserie: välj "
        "%(last)s eller senare."
    ) % {"date": invoice_date.isoformat(), "last": last.isoformat(), "series": invoice_date.year}


def past_date_problem(
    invoice_date: datetime.date, *, today: datetime.date | None = None
) -> str | None:
    """An invoice date more than PAST_DATE_DAYS back needs a confirmation: what to confirm."""
    today = today or timezone.localdate()
    days = (today - invoice_date).days
    if days <= PAST_DATE_DAYS:
        return None
    return _(
        "Fakturadatumet %(date)s ligger %(days)s dagar bakåt i tiden, och fakturorna kan vara "
        "förfallna redan när de skickas. Bekräfta datumet för att utfärda dem ändå."
    ) % {"date": invoice_date.isoformat(), "days": days}


def plan_run(
    year: int,
    *,
    offer: Offer | None = None,
    invoice_date: datetime.date | None = None,
    agreement_pk: int | None = None,
) -> RunPlan:
    """Every invoice of ``offer`` due for ``year`` that is not issued yet, or the reasons it
    cannot be; with ``agreement_pk``, only that agreement's (a first invoice previewed on its own).

    A run is one offer's year. Without ``offer``: the agreement's offer with ``agreement_pk``,
    else the only offer of the installation (OfferNotChosen, a ValueError, when there are several).
    """
    invoice_date = invoice_date or timezone.localdate()
    offer = _run_offer(offer, agreement_pk)
    plan = RunPlan(year=year, invoice_date=invoice_date, offer=offer)
    agreements = (
        Agreement.objects.filter(
            offer=offer,
            status__in=INVOICED_STATUSES,
            start_date__isnull=False,
            start_date__year__lte=year,
        )
        .select_related("municipality", "template", "offer")
        .prefetch_related("billing_changes", "signatures")
        .order_by("municipality__code")
    )
    if agreement_pk is not None:
        agreements = agreements.filter(pk=agreement_pk)
    issued = set(
        Invoice.objects.filter(year=year, agreement__offer=offer)
        .exclude(kind=Kind.CREDIT)
        .values_list("agreement_id", flat=True)
    )
    due = list(_due_invoices(agreements, year, plan.errors, offer=offer))
    if not due:
        return plan
    problem = issue_problem()
    if problem:
        plan.errors.append(problem)
        return plan
    series_problem = series_date_problem(invoice_date)
    if series_problem:  # the whole run is refused: finance chooses another date
        plan.errors.append(series_problem)
        plan.already_issued = sum(1 for a, _due in due if a.pk in issued)
        return plan
    try:
        table = cost_table(year, offer=offer)
    except PoolNotConfirmed as exc:
        proposed = format_amount(exc.proposed) if exc.proposed is not None else "–"
        plan.errors.append(
            _(
                "Kostnadsramen för %(year)s är inte fastställd (förslag: %(proposed)s). "
                "Projektledaren måste fastställa den innan något faktureras."
            )
            % {"year": year, "proposed": proposed}
        )
        return plan
    specials = {
        s.municipality_id: s for s in SpecialAnnualAmount.objects.filter(offer=offer, year=year)
    }
    for agreement, invoice_due in due:
        if agreement.pk in issued:
            plan.already_issued += 1
            continue
        municipality = agreement.municipality
        if problem := _signing_date_problem(agreement, invoice_date):
            plan.errors.append(problem)  # this invoice is left out; finance picks a later date
            continue
        row = table.row_for(municipality)
        basis = {"pool": str(table.pool), "county_total": table.county_total}
        if row is not None:
            annual = row.amount
            basis |= {
                "population": row.population,
                "population_date": table.reference_date.isoformat(),
                "share_percent": str(row.share_percent),
            }
        elif municipality.pk in specials:
            annual = round_kr(specials[municipality.pk].amount)
            basis |= {"special_annual_amount": str(annual), "note": specials[municipality.pk].note}
        else:
            plan.errors.append(
                _(
                    "%(municipality)s ingår inte i befolkningsnyckeln och har inget särskilt "
                    "årsbelopp för %(year)s."
                )
                % {"municipality": municipality, "year": year}
            )
            continue
        amount = rules.due_amount(annual=annual, due=invoice_due)
        plan.planned.append(
            PlannedInvoice(
                agreement=agreement,
                year=year,
                kind=invoice_due.kind,
                twelfths=invoice_due.twelfths,
                days=invoice_due.days,
                annual_amount=annual,
                amount=amount,
                invoice_date=invoice_date,
                due_date=rules.due_date(
                    invoice_date=invoice_date, payment_term_days=offer.payment_term_days
                ),
                snapshot={**basis, **_billing_details(agreement, invoice_date), "year": year},
            )
        )
    return plan


def _signing_date_problem(agreement: Agreement, invoice_date: datetime.date) -> str | None:
    """An invoice is never dated before its agreement was signed."""
    signed = signed_on(agreement)
    if signed is None or invoice_date >= signed:
        return None
    return _(
        "%(municipality)s: fakturadatumet %(date)s ligger före %(signed)s, då avtalet "
        "undertecknades. Välj %(signed)s eller senare."
    ) % {
        "municipality": agreement.municipality,
        "date": invoice_date.isoformat(),
        "signed": signed.isoformat(),
    }


def _next_number(series_year: int) -> tuple[int, str]:
    """The next number of the year's series. Call inside the issuing transaction: the sequence
    row stays locked until it commits, so two processes can never take the same number and a
    rolled-back issue gives its number back (no gap)."""
    InvoiceSequence.objects.bulk_create(
        [InvoiceSequence(year=series_year, last_number=0)], ignore_conflicts=True
    )
    sequence = InvoiceSequence.objects.select_for_update().get(year=series_year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number, f"{series_year}-{sequence.last_number:04d}"


def _create_numbered(**fields) -> Invoice:
    series_number, number = _next_number(fields["invoice_date"].year)
    # Checked with the series locked, so no other issue can slip in between.
    problem = series_date_problem(fields["invoice_date"])
    if problem:
        raise ValidationError(problem)
    return Invoice.objects.create(
        series_year=fields["invoice_date"].year,
        series_number=series_number,
        number=number,
        ocr=ocr_reference(number),
        **fields,
    )


@transaction.atomic
def issue(planned: PlannedInvoice, *, by=None) -> Invoice:
    """Issue one planned invoice in its own transaction, with the next number of the series.

    Once it commits, the municipality's contacts get it by e-mail as a PDF (a failing mail is
    logged and never undoes the invoice).
    """
    from . import notifications  # here, not at the top: notifications imports agreements

    problem = issue_problem()  # an invoice that cannot be paid is never issued
    if problem:
        raise ValidationError(problem)
    invoice = _create_numbered(
        agreement=planned.agreement,
        municipality=planned.agreement.municipality,
        year=planned.year,
        kind=planned.kind,
        twelfths=planned.twelfths,
        days=planned.days,
        annual_amount=planned.annual_amount,
        amount=planned.amount,
        snapshot=planned.snapshot,
        invoice_date=planned.invoice_date,
        due_date=planned.due_date,
        issued_by=by,
    )
    transaction.on_commit(lambda: notifications.send_issued(invoice.pk), robust=True)
    return invoice


def issue_run(
    year: int,
    *,
    offer: Offer | None = None,
    invoice_date: datetime.date | None = None,
    by=None,
    agreement_pk: int | None = None,
):
    """Issue every invoice of ``offer`` due for ``year`` (with ``agreement_pk``: that agreement's
    only). Returns (issued invoices, the plan).

    Each invoice is issued in a transaction of its own: a run that stops half-way leaves whole
    invoices with gapless numbers, and running again issues only what is still missing. Every
    offer's invoices take their numbers from the one series of the year (InvoiceSequence), as
    bookkeeping wants one series.
    """
    plan = plan_run(year, offer=offer, invoice_date=invoice_date, agreement_pk=agreement_pk)
    issued = [issue(p, by=by) for p in plan.planned]
    return issued, plan


@transaction.atomic
def credit(
    invoice: Invoice,
    *,
    reason: str,
    by=None,
    percent: Decimal | None = None,
    invoice_date: datetime.date | None = None,
) -> Invoice:
    """A credit note against ``invoice``: the whole amount, or ``percent`` of it (§ 10)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError(_("En kreditfaktura kan inte krediteras."))
    if not reason.strip():
        raise ValidationError(_("Ange skälet till krediteringen."))
    already = -(invoice.credit_notes.aggregate(s=Sum("amount"))["s"] or Decimal(0))
    remaining = invoice.amount - already
    if percent is None:
        amount = remaining
    else:
        if not Decimal(0) < percent <= Decimal(100):
            raise ValidationError(_("Andelen ska vara mellan 0 och 100 procent."))
        amount = round_kr(invoice.amount * percent / Decimal(100))
    if amount <= 0 or amount > remaining:
        raise ValidationError(
            _("Det finns %(remaining)s kvar att kreditera på faktura %(number)s.")
            % {"remaining": format_amount(remaining), "number": invoice.number}
        )
    invoice_date = invoice_date or timezone.localdate()
    note = _create_numbered(
        agreement=invoice.agreement,
        municipality=invoice.municipality,
        year=invoice.year,
        kind=Kind.CREDIT,
        twelfths=invoice.twelfths,
        days=invoice.days,
        annual_amount=invoice.annual_amount,
        amount=-amount,
        snapshot={
            **invoice.snapshot,
            "credited_number": invoice.number,
            "percent": str(percent or 100),
        },
        credited_invoice=invoice,
        credit_reason=reason.strip(),
        invoice_date=invoice_date,
        due_date=invoice_date,
        issued_by=by,
    )
    if amount == remaining:
        invoice.status = InvoiceStatus.CREDITED
        invoice.save(update_fields=["status"])
    return note


def balance(invoice: Invoice) -> Decimal:
    """What is still to pay: the amount, less credit notes and payments."""
    credited = invoice.credit_notes.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    paid = invoice.payments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return invoice.amount + credited - paid


class PaymentNeedsConfirmation(Exception):
    """The payment is more than what is left to pay (an over-payment, or any payment on a paid
    invoice): it is recorded only when finance confirms, knowing ``over``."""

    def __init__(self, *, over: Decimal, left: Decimal):
        self.over = over
        self.left = left
        super().__init__(over)


@transaction.atomic
def record_payment(
    invoice: Invoice,
    *,
    paid_on: datetime.date,
    amount: Decimal,
    by=None,
    note: str = "",
    confirm_over: bool = False,
) -> tuple[Payment, str | None]:
    """Record a payment. Returns it with a warning for a partial or an over-payment.

    A payment dated before the invoice is refused. One that is more than what is left to pay
    (an over-payment, a payment on a paid invoice) raises :class:`PaymentNeedsConfirmation`
    unless ``confirm_over``.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError(_("Betalningar registreras på fakturor, inte på kreditfakturor."))
    if amount <= 0:
        raise ValidationError(_("Beloppet måste vara större än noll."))
    if paid_on < invoice.invoice_date:
        raise ValidationError(
            _(
                "Betalningsdagen %(paid_on)s ligger före fakturadatumet %(invoice_date)s: en "
                "betalning kan inte avse faktura %(number)s innan den utfärdades."
            )
            % {
                "paid_on": paid_on.isoformat(),
                "invoice_date": invoice.invoice_date.isoformat(),
                "number": invoice.number,
            }
        )
    left_before = balance(invoice)
    over = amount - max(left_before, Decimal(0))
    if over > 0 and not confirm_over:
        raise PaymentNeedsConfirmation(over=over, left=left_before)
    payment = Payment.objects.create(
        invoice=invoice, paid_on=paid_on, amount=amount, note=note, recorded_by=by
    )
    left = balance(invoice)
    warning = None
    if left > 0:
        warning = _("Delbetalning: %(left)s återstår.") % {"left": format_amount(left)}
    elif left < 0:
        warning = _("Överbetalning med %(over)s.") % {"over": format_amount(-left)}
    _update_paid_status(invoice, left)
    return payment, warning


def _update_paid_status(invoice: Invoice, left: Decimal) -> None:
    """Paid when nothing is left to pay; open again when a reversal leaves something to pay."""
    if left <= 0 and invoice.status == InvoiceStatus.ISSUED:
        invoice.status = InvoiceStatus.PAID
        invoice.save(update_fields=["status"])
    elif left > 0 and invoice.status == InvoiceStatus.PAID:
        invoice.status = InvoiceStatus.ISSUED
        invoice.save(update_fields=["status"])


@transaction.atomic
def reverse_payment(payment: Payment, *, reason: str, by=None) -> Payment:
    """Reverse a (mistyped) payment by a counter-entry: the same amount, negative, with the
    reason. Nothing is deleted; the balance and the invoice's status follow."""
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.is_reversal:
        raise ValidationError(_("En återföring kan inte återföras. Registrera betalningen igen."))
    if Payment.objects.filter(reverses=payment).exists():
        raise ValidationError(_("Betalningen är redan återförd."))
    if not reason.strip():
        raise ValidationError(_("Ange skälet till återföringen."))
    reversal = Payment.objects.create(
        invoice=invoice,
        paid_on=timezone.localdate(),
        amount=-payment.amount,
        reverses=payment,
        reason=reason.strip(),
        recorded_by=by,
    )
    _update_paid_status(invoice, balance(invoice))
    return reversal
