"""Demo data of invoicing: the invoices of the demo's agreements and their
payments, each made by the real services at the moment it would have happened. Called from
load_demo_data (development only); running it again adds nothing.

- Invoices: finance issues each first invoice a few days after the countersignature, and the
  year's run in the middle of January (or today, when that has not come yet), so the numbers,
  OCR references and dates are those of real runs.
- Payments: each municipality pays its invoices a set number of days after the invoice date,
  always inside the 30 days, except that one municipality has not paid its latest invoice that is
  past due: exactly one invoice is overdue.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from agreements.demo import DEMO_CODES
from agreements.models import Agreement
from core.demo import DemoClock
from offers.demo import FIRST_POOL_YEAR
from offers.models import Offer

from . import seller, services
from .models import Invoice, InvoiceStatus, Kind, Payment, SellerDetails

# The municipality that has not paid: its latest invoice past the due date stays open.
LATE_PAYER = "0191"  # Sigtuna
RUN_DAY = (1, 14)  # the yearly run: 14 January


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


# The demo's seller block: a Bankgiro number with a valid check digit (not the city's), and
# finance's demo user as "Vår referens". Without a valid Bankgiro nothing may be issued.
DEMO_SELLER = {
    "bankgiro": "5050-1055",
    "reference_name": "Erik Ekonomsson",
    "reference_phone": "08-508 25 000",
    "reference_email": "ekonomi@demo.kommunavtal.se",
    "address": "Box 44\n104 20 Stockholm",
    "email": "faktura@demo.kommunavtal.se",
}


def set_demo_seller(clock: DemoClock) -> SellerDetails | None:
    """Finance sets the seller block before the first invoice (once: a block saved in the
    product is left as it is)."""
    if SellerDetails.objects.exists():
        return None
    with clock.at(clock.when(datetime.date(FIRST_POOL_YEAR, 1, 4), 9)):
        return seller.save_seller(by=_user("ekonomi"), **DEMO_SELLER)


def _first_invoice_day(agreement: Agreement) -> datetime.date:
    """Finance issues the first invoice four days after the agreement came into force, or was
    countersigned for a later start."""
    countersigned = max(s.signed_at for s in agreement.signatures.all())
    return timezone.localdate(countersigned) + datetime.timedelta(days=4)


def _run_day(year: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, *RUN_DAY), today)


def _issue(year: int, day: datetime.date, *, agreement_pks, kind=None, by) -> list[Invoice]:
    """Issue the planned invoices of ``year`` dated ``day`` for the given agreements (of the
    demo: an agreement someone made by hand is left to finance), one offer's run after the
    other's."""
    planned = [
        p
        for offer in Offer.objects.order_by("pk")
        for p in services.plan_run(year, offer=offer, invoice_date=day).planned
    ]
    return [
        services.issue(p, by=by)
        for p in planned
        if p.agreement.pk in agreement_pks and kind in (None, p.kind)
    ]


def issue_demo_invoices(clock: DemoClock) -> list[Invoice]:
    """The first invoice of each demo agreement, then each year's run through this year, in the
    order of their dates (invoice dates never go backwards within a number series)."""
    set_demo_seller(clock)
    problem = seller.issue_problem()
    if problem:
        raise RuntimeError(problem)
    finance = _user("ekonomi")
    demo_pks = set(
        Agreement.objects.filter(municipality__code__in=DEMO_CODES).values_list("pk", flat=True)
    )
    agreements = (
        Agreement.objects.filter(
            municipality__code__in=DEMO_CODES,
            status__in=services.INVOICED_STATUSES,
            start_date__isnull=False,
        )
        .filter(~Exists(Invoice.objects.filter(agreement=OuterRef("pk"), kind=Kind.FIRST)))
        .prefetch_related("signatures")
    )
    issued = []
    for agreement in sorted(agreements, key=_first_invoice_day):
        day = _first_invoice_day(agreement)
        moment = clock.when(day, 9)
        if moment is None:
            continue
        with clock.at(moment):
            issued += _issue(
                agreement.start_date.year,
                day,
                agreement_pks={agreement.pk},
                kind=Kind.FIRST,
                by=finance,
            )
    for year in range(FIRST_POOL_YEAR + 1, clock.today.year + 1):
        day = _run_day(year, clock.today)
        with clock.at(clock.when(day, 9)):
            issued += _issue(year, day, agreement_pks=demo_pks, by=finance)
    return issued


def _payment_delay(code: str) -> int:
    """Days from invoice to payment: between 8 and 28, always inside the 30 days."""
    return 8 + (int(code) * 7) % 21


def pay_demo_invoices(clock: DemoClock) -> list[Payment]:
    """Every demo invoice is paid in full once its payment day has come, except the late payer's
    latest invoice past its due date, which is left overdue."""
    finance = _user("ekonomi")
    invoices = list(
        Invoice.objects.filter(municipality__code__in=DEMO_CODES)
        .exclude(kind=Kind.CREDIT)
        .filter(~Exists(Payment.objects.filter(invoice=OuterRef("pk"))))
        .select_related("municipality")
        .order_by("invoice_date", "pk")
    )
    overdue = (
        Invoice.objects.filter(
            municipality__code=LATE_PAYER,
            due_date__lt=clock.today,
            kind__in=[Kind.FIRST, Kind.ANNUAL],
        )
        .order_by("-due_date")
        .values_list("pk", flat=True)
        .first()
    )
    payments = []
    for invoice in invoices:
        if invoice.pk == overdue or invoice.status != InvoiceStatus.ISSUED:
            continue
        paid_on = invoice.invoice_date + datetime.timedelta(
            days=_payment_delay(invoice.municipality.code)
        )
        moment = clock.when(paid_on, 15)
        if moment is None:
            continue
        with clock.at(moment):
            payment, _warning = services.record_payment(
                invoice,
                paid_on=paid_on,
                amount=services.balance(invoice),
                by=finance,
                note="Inbetalning enligt bankgirots redovisning",
            )
        payments.append(payment)
    return payments


def load_demo_data(clock: DemoClock) -> None:
    """The invoices and their payments (the pools were confirmed by offers' demo loader)."""
    issue_demo_invoices(clock)
    pay_demo_invoices(clock)
