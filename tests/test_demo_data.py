"""load_demo_data: what `make run` shows a newcomer. The fifteen municipalities of the city's 2022
report with agreements signed in 2021, invoices with payments and exactly one overdue, the steering
group with approved minutes, follow-up figures and training; a second run writes nothing. Each test
sets the clock, the awkward dates included (late December, 29 February, before the year's run)."""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from agreements.models import Agreement, Party, Status
from core.pdf import sha256_hex
from followup.models import UsageFigure
from invoicing.models import Invoice, InvoiceStatus, Kind
from offers.models import CostPool
from steering_group.models import Membership, Minutes, Seat, Term
from training.models import Registration, RegistrationStatus, TrainingSession

STOCKHOLM = ZoneInfo("Europe/Stockholm")
JOINED = {
    "Ekerö", "Haninge", "Järfälla", "Nynäshamn", "Salem", "Sigtuna", "Sollentuna", "Solna",
    "Sundbyberg", "Södertälje", "Täby", "Upplands Väsby", "Vaxholm", "Värmdö", "Nacka",
}  # fmt: skip
CLOCKS = [
    datetime.datetime(2027, 12, 31, 16, 0, tzinfo=STOCKHOLM),  # late December
    datetime.datetime(2028, 2, 29, 9, 30, tzinfo=STOCKHOLM),  # leap day, after the year's run
    datetime.datetime(2027, 1, 5, 8, 0, tzinfo=STOCKHOLM),  # before 14 January and before 9:00
]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def row_counts() -> dict[str, int]:
    """Every table's number of rows: the audit history's tables too (each save is a row)."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def stored_files(root) -> set[str]:
    return (
        {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        if root.exists()
        else set()
    )


def load_demo(out=None):
    call_command("load_demo_data", stdout=out or io.StringIO())


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.django_db
@pytest.mark.parametrize("now", CLOCKS, ids=lambda d: d.strftime("%Y-%m-%d"))
def test_the_demo_shows_a_living_system_and_a_second_run_writes_nothing(
    now, reference_data, debug, client, media_root
):
    with time_machine.travel(now, tick=False):
        out = io.StringIO()
        load_demo(out)
        today = now.date()

        # Fifteen agreements from 2021, signed by both parties, in force, their PDFs stored.
        agreements = list(Agreement.objects.select_related("municipality"))
        assert {a.municipality.name for a in agreements} == JOINED
        for agreement in agreements:
            assert agreement.status == Status.ACTIVE
            assert agreement.start_date.year == 2021
            assert agreement.template.version == "2021"
            assert {s.party for s in agreement.signatures.all()} == {Party.MUNICIPALITY, Party.CITY}
            assert all(s.signed_at.year == 2021 for s in agreement.signatures.all())
            assert sha256_hex(agreement.pdf.read()) == agreement.pdf_sha256
            agreement.pdf.close()

        # The pools as published: 4 000 000 kr for 2021, 4 080 000 kr for 2022, then × 1,02 to
        # this year and no further (next year's is the project leader's to confirm).
        pools = dict(CostPool.objects.values_list("year", "amount"))
        assert pools[2021] == Decimal("4000000") and pools[2022] == Decimal("4080000")
        assert pools[2023] == Decimal("4161600")
        assert max(pools) == today.year

        # A first invoice for each in 2021, numbered in date order; a yearly run each year since.
        first = list(Invoice.objects.filter(kind=Kind.FIRST).order_by("series_number"))
        assert [i.number for i in first] == [f"2021-{n:04d}" for n in range(1, 16)]
        assert [i.invoice_date for i in first] == sorted(i.invoice_date for i in first)
        for year in range(2022, today.year + 1):
            annual = Invoice.objects.filter(kind=Kind.ANNUAL, year=year)
            assert annual.count() == 15
            assert {i.invoice_date for i in annual} == {min(datetime.date(year, 1, 14), today)}
        nacka_2022 = Invoice.objects.get(municipality__name="Nacka", year=2022)
        assert nacka_2022.snapshot["pool"] == "4080000.00"
        assert len({i.ocr for i in Invoice.objects.all()}) == Invoice.objects.count()

        # Paid, open and exactly one overdue: Sigtuna's latest invoice past its due date.
        paid = Invoice.objects.filter(status=InvoiceStatus.PAID)
        assert paid.count() > 60
        overdue = Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_date__lt=today)
        assert [i.municipality.name for i in overdue] == ["Sigtuna"]
        assert all(p.paid_on <= today for i in paid for p in i.payments.all())

        # The steering group: last year's and this year's, with locked minutes and their PDFs.
        this_year = Term.objects.get(year=today.year)
        last_year = Term.objects.get(year=today.year - 1)
        for term in (last_year, this_year):
            assert term.memberships.get(seat=Seat.CHAIR).user.username == "styrgrupp"
            assert term.memberships.filter(seat=Seat.MUNICIPALITY).count() >= 4
        assert not (
            {m.email for m in last_year.memberships.filter(seat=Seat.MUNICIPALITY)}
            & {m.email for m in this_year.memberships.filter(seat=Seat.MUNICIPALITY)}
        )
        locked = Minutes.objects.filter(locked_at__isnull=False, meeting__term=last_year)
        assert locked.count() == 2
        for record in locked:
            assert sha256_hex(record.pdf.read()) == record.pdf_sha256
            record.pdf.close()

        # Follow-up figures of every municipality; training with registrations, one held.
        assert (
            set(UsageFigure.objects.values_list("municipality__name", flat=True).distinct())
            == JOINED
        )
        assert not UsageFigure.objects.filter(year__gt=today.year).exists()
        sessions = list(TrainingSession.objects.order_by("date"))
        assert len(sessions) == 3
        assert sessions[0].date < today < sessions[1].date
        assert sessions[0].attendance_recorded_at is not None
        assert all(s.registrations.exists() for s in sessions)
        assert Registration.objects.filter(attended=True).exists()
        assert not Registration.objects.exclude(status=RegistrationStatus.CONFIRMED).exists()

        # The logins are printed: the six of the suite and a contact for each other municipality.
        printed = out.getvalue()
        assert "kommunavtal-demo" in printed and "kontakt.taby" in printed
        assert "kontakt.upplands-vasby" in printed
        users = {u.username: u for u in User.objects.all()}
        assert len(users) == 6 + 13
        # The suite's users keep their one role, and Täby and Nacka sit in no steering group.
        assert [g.name for g in users["kontakt.taby"].groups.all()] == ["Kommunkontakt"]
        assert [g.name for g in users["styrgrupp"].groups.all()] == ["Styrgruppsledamot"]
        assert not Membership.objects.filter(user__username__in=["kontakt.taby", "kontakt.nacka"])
        assert all(u.check_password(DEMO_PASSWORD) for u in users.values())

        # Every page has content, as each role sees it.
        client.force_login(users["projektledare"])
        assert text_of(client.get("/avtal/")).count("Gällande") >= 15
        overdue = text_of(client.get("/fakturering/forfallna/"))
        assert "1 förfallen faktura" in overdue and "Sigtuna" in overdue
        term = text_of(client.get(f"/styrgrupp/{today.year}/"))
        assert "Stina Styrgren" in term and ("Sollentuna" in term or "Solna" in term)
        assert "Nacka" in text_of(client.get(f"/uppfoljning/?ar={today.year - 1}"))
        client.force_login(users["kontakt.taby"])
        invoices = text_of(client.get("/fakturering/"))
        assert "2021-0002" in invoices and "betald" in invoices and "Nacka" not in invoices
        assert "Utbildningshalvdag" in text_of(client.get("/utbildning/"))
        client.force_login(users["styrgrupp"])
        home = text_of(client.get("/"))
        assert "Möte " in home and f"Protokoll {today.year - 1}-10-12" in home

        # A second run writes nothing: no row anywhere (audit history included), no file.
        counts, files = row_counts(), stored_files(media_root)
        load_demo()
        assert row_counts() == counts
        assert stored_files(media_root) == files
