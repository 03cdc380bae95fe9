"""Each role's start page lists what waits for that person, each item a link to where it is done;
a page with nothing waiting says so (config/todo.py). All on a fixed day, 15 September 2026:
the first half of 2026 is over, 2027's pool is next year's."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from agreements import services as agreement_services
from agreements.models import NoticeParty, Status
from config import todo
from core.money import format_kr
from invoicing import services as invoice_services
from municipalities.models import Municipality
from offers.models import CostPool
from steering_group import services as sg_services
from steering_group.models import Minutes
from tests.steering_group.conftest import local
from tests.url_cases.invoicing_invoices import active_agreement

TODAY = datetime.date(2026, 9, 15)
TABY, NACKA, SOLNA, JARFALLA = "0160", "0182", "0184", "0123"
NOTHING = "Inget väntar på dig just nu."


def at(day: datetime.date, hour: int = 10):
    return time_machine.travel(
        datetime.datetime(
            day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone()
        ),
        tick=False,
    )


@pytest.fixture(autouse=True)
def on_the_day():
    with at(TODAY):
        yield


@pytest.fixture
def pools(reference_data):
    amount = Decimal("4000000")
    for year in range(2022, 2028):
        amount = (amount * Decimal("1.02")).quantize(Decimal("1"))
        CostPool.objects.create(year=year, amount=amount, note="test")


def todo_list(html: str) -> str:
    """The page's "Att göra" section."""
    start = html.index('id="todo-heading"')
    return html[start : html.index("</section>", start)]


def link(url: str, text: str) -> str:
    return f'<a href="{url}">{text}</a>'


def home(client_for, role) -> str:
    response = client_for(role).get("/")
    assert response.status_code == 200
    return todo_list(response.content.decode())


def issue(code, users, *, year, start, invoice_date):
    """An agreement signed before ``start`` and its invoice for ``year`` issued on
    ``invoice_date``, each on its own day."""
    with at(start - datetime.timedelta(days=30)):
        agreement = active_agreement(code, users, start=start)
    with at(invoice_date):
        plan = invoice_services.plan_run(year, invoice_date=invoice_date)
        (planned,) = [p for p in plan.planned if p.agreement.pk == agreement.pk]
        return invoice_services.issue(planned, by=users["finance"])


# --- Municipal contact ------------------------------------------------------------------------


def test_a_contact_with_nothing_waiting_is_told_so(client_for, make_agreement):
    make_agreement(NACKA, status=Status.SENT)  # another municipality's
    html = home(client_for, "contact_taby")
    assert NOTHING in html
    assert "<li" not in html


def test_a_contact_sees_the_agreement_to_sign_and_not_another_municipalitys(
    client_for, make_agreement
):
    taby = make_agreement(TABY, status=Status.SENT)
    make_agreement(NACKA, status=Status.SENT)
    html = home(client_for, "contact_taby")
    assert link(f"/avtal/{taby.pk}/granska/", "Avtalet för Täby väntar på er underskrift.") in html
    assert reverse("agreements:review", args=[taby.pk]) == f"/avtal/{taby.pk}/granska/"
    assert "Nacka" not in html and NOTHING not in html


def test_a_contact_sees_overdue_and_open_invoices_of_their_own_municipality(
    client_for, users, pools
):
    overdue = issue(
        TABY,
        users,
        year=2026,
        start=datetime.date(2026, 1, 1),
        invoice_date=datetime.date(2026, 1, 15),
    )
    other = issue(
        NACKA,
        users,
        year=2026,
        start=datetime.date(2026, 1, 1),
        invoice_date=datetime.date(2026, 1, 15),
    )
    open_invoice = issue(
        SOLNA, users, year=2026, start=datetime.date(2026, 9, 1), invoice_date=TODAY
    )
    taby_html = home(client_for, "contact_taby")
    url = reverse("invoicing:invoice_detail", args=[overdue.pk])
    assert (
        f'<li class="urgent"><a href="{url}">Faktura {overdue.number} är förfallen sedan {overdue.due_date.isoformat()}: {format_kr(overdue.amount)} att betala.</a>'
        in taby_html
    )
    assert other.number not in taby_html and open_invoice.number not in taby_html

    solna = User.objects.create_user(
        username="kontakt.solna", municipality=Municipality.objects.get(code=SOLNA)
    )
    solna.groups.set([Group.objects.get(name="Kommunkontakt")])
    client = client_for("anonymous")
    client.force_login(solna)
    html = todo_list(client.get("/").content.decode())
    url = reverse("invoicing:invoice_detail", args=[open_invoice.pk])
    assert f'<a href="{url}">Faktura {open_invoice.number}: ' in html
    assert f"att betala senast {open_invoice.due_date.isoformat()}." in html
    assert 'class="urgent"' not in html

    # Paid in full: nothing waits any more.
    with at(TODAY):
        invoice_services.record_payment(
            open_invoice, paid_on=TODAY, amount=open_invoice.amount, by=users["finance"]
        )
    assert open_invoice.number not in todo_list(client.get("/").content.decode())


def test_a_contact_is_reminded_of_missing_follow_up_figures(client_for, users, in_force, figures):
    with at(datetime.date(2025, 12, 1)):
        in_force(TABY, start=datetime.date(2026, 1, 1))
    html = home(client_for, "contact_taby")
    text = "Uppföljningssiffrorna för 2026, första halvåret är inte inrapporterade ännu."
    assert link("/uppfoljning/kommun/0160/", text) in html
    assert reverse("followup:municipality", args=[TABY]) == "/uppfoljning/kommun/0160/"

    figures(TABY, {"kast": (1, 2, 3, 4)}, year=2026, half=1)
    assert "Uppföljningssiffrorna" not in home(client_for, "contact_taby")


def test_a_contact_is_offered_training_to_register_for(
    client_for, in_force, make_session, register
):
    with at(datetime.date(2025, 12, 1)):
        in_force(TABY, start=datetime.date(2026, 1, 1))
    session = make_session(title="Halvdag om människohandel", days=20)
    html = home(client_for, "contact_taby")
    url = reverse("training:session", args=[session.pk])
    assert link(url, "Anmäl personal till Halvdag om människohandel den 2026-10-05.") in html

    register(session, "Anna")
    assert "Halvdag om människohandel" not in home(client_for, "contact_taby")


def test_a_contact_without_an_agreement_is_not_offered_training(client_for, make_session):
    make_session(title="Halvdag om människohandel", days=20)
    assert NOTHING in home(client_for, "contact_taby")


# --- Signatory --------------------------------------------------------------------------------


def test_the_signatory_sees_agreements_to_countersign(client_for, make_agreement):
    assert NOTHING in home(client_for, "signatory")
    make_agreement(NACKA, status=Status.SENT)  # waits for the municipality, not for her
    signed = make_agreement(TABY, status=Status.SIGNED_BY_MUNICIPALITY)
    html = home(client_for, "signatory")
    url = reverse("agreements:countersign", args=[signed.pk])
    assert url == f"/avtal/{signed.pk}/kontrasignera/"
    assert (
        f'<a href="{url}">Avtalet med Täby väntar på din kontrasignering. Undertecknat av kommunen 2026-09-15.</a>'
        in html
    )
    assert "Nacka" not in html


# --- Finance ----------------------------------------------------------------------------------


def test_finance_with_nothing_waiting_is_told_so(client_for, pools):
    assert NOTHING in home(client_for, "finance")


def test_finance_sees_first_invoices_the_years_run_and_overdue_invoices(client_for, users, pools):
    run = reverse("invoicing:run")
    with at(datetime.date(2026, 2, 1)):
        active_agreement(TABY, users, start=datetime.date(2026, 3, 1))
    html = home(client_for, "finance")
    assert link(run, "1 första faktura att utfärda för 2026.") in html
    assert "årsfaktur" not in html

    with at(datetime.date(2024, 12, 1)):
        active_agreement(NACKA, users, start=datetime.date(2025, 1, 1))
    html = home(client_for, "finance")
    assert link(run, "Årets körning: 1 årsfaktura för 2026 att utfärda.") in html

    overdue = issue(
        SOLNA,
        users,
        year=2026,
        start=datetime.date(2026, 1, 1),
        invoice_date=datetime.date(2026, 1, 15),
    )
    html = home(client_for, "finance")
    text = f"1 förfallen faktura, {format_kr(overdue.amount)} obetalt."
    assert f'<li class="urgent"><a href="{reverse("invoicing:overdue")}">{text}</a>' in html
    assert NOTHING not in html


# --- Project leader ---------------------------------------------------------------------------


def test_the_project_leader_with_nothing_waiting_is_told_so(client_for, pools):
    assert NOTHING in home(client_for, "project_leader")


def test_the_project_leader_is_asked_to_confirm_next_years_pool(client_for, reference_data):
    html = home(client_for, "project_leader")
    url = reverse("invoicing:pool_set", args=[2027])
    assert link(url, "Kostnadsramen för 2027 är inte fastställd.") in html


def test_the_project_leader_sees_applications_to_decide(client_for, users, pools, apply):
    term = sg_services.create_term(year=2027, by=users["project_leader"])
    apply(term, TABY)
    apply(term, NACKA)
    html = home(client_for, "project_leader")
    url = reverse("steering_group:members", args=[2027])
    assert link(url, "2 intresseanmälningar till styrgruppen 2027 att ta ställning till.") in html


def test_the_project_leader_sees_minutes_to_write_and_to_have_approved(
    client_for, users, pools, schedule
):
    term = sg_services.create_term(year=2026, by=users["project_leader"])
    with at(datetime.date(2026, 8, 1)):
        held = schedule(term, local(2026, 9, 1))
        written = schedule(term, local(2026, 9, 8))
        schedule(term, local(2026, 10, 1))  # still to come
    Minutes.objects.create(meeting=written)
    html = home(client_for, "project_leader")
    write = reverse("steering_group:meeting", args=[held.pk])
    approve = reverse("steering_group:minutes", args=[written.pk])
    assert link(write, "Skriv protokollet från styrgruppens möte 2026-09-01.") in html
    assert (
        link(approve, "Protokollet från styrgruppens möte 2026-09-08 väntar på justering.") in html
    )
    assert "2026-10-01" not in html


def test_the_project_leader_sees_notices_received(client_for, users, pools, in_force, figures):
    with at(datetime.date(2025, 12, 1)):
        agreement = in_force(TABY, start=datetime.date(2026, 1, 1))
    figures(TABY, {"kast": (1, 2, 3, 4)}, year=2026, half=1)
    agreement_services.give_notice(
        agreement,
        by=users["contact_taby"],
        notice_date=datetime.date(2026, 9, 10),
        party=NoticeParty.MUNICIPALITY,
    )
    agreement.refresh_from_db()
    html = home(client_for, "project_leader")
    url = reverse("agreements:detail", args=[agreement.pk])
    text = f"Täby har sagt upp avtalet, sista dag {agreement.last_day.isoformat()}."
    assert link(url, text) in html


def test_the_project_leader_is_asked_to_follow_up_municipalities_without_figures(
    client_for, pools, in_force, figures
):
    with at(datetime.date(2025, 12, 1)):
        in_force(TABY, start=datetime.date(2026, 1, 1))
        in_force(NACKA, start=datetime.date(2026, 1, 1))
    figures(NACKA, {"kast": (1, 2, 3, 4)}, year=2026, half=1)
    html = home(client_for, "project_leader")
    url = reverse("followup:entry", args=[TABY, 2026, 1])
    assert link(url, "Följ upp Täby: siffrorna för 2026, första halvåret saknas.") in html
    assert "Följ upp Nacka" not in html


# --- Constant number of queries ----------------------------------------------------------------


def _queries(user) -> int:
    user = type(user).objects.get(pk=user.pk)  # no cached roles
    with CaptureQueriesContext(connection) as queries:
        todo.collect(user, today=TODAY)
    return len(queries)


@pytest.mark.parametrize("role", ["project_leader", "finance", "signatory", "contact_taby"])
def test_each_roles_to_do_reads_the_same_number_of_queries_whatever_the_data(
    users, pools, role, schedule, apply, make_session, make_agreement
):
    def grow(codes):
        for code in codes:
            invoice = issue(
                code,
                users,
                year=2026,
                start=datetime.date(2026, 1, 1),
                invoice_date=datetime.date(2026, 1, 15),
            )
            agreement_services.give_notice(
                invoice.agreement,
                by=users["project_leader"],
                notice_date=datetime.date(2026, 9, 1),
                party=NoticeParty.MUNICIPALITY,
            )
            apply(next_term, code)
        with at(datetime.date(2026, 1, 1)):
            for day in range(1, len(codes) + 1):
                schedule(term, local(2026, 8, day))
                make_session(title=f"Utbildning {code} {day}", days=300 + day)

    term = sg_services.create_term(year=2026, by=users["project_leader"])
    next_term = sg_services.create_term(year=2027, by=users["project_leader"])
    grow([TABY])
    make_agreement(SOLNA, status=Status.SIGNED_BY_MUNICIPALITY)
    small = _queries(users[role])
    small_items = todo.collect(users[role], today=TODAY)[0].items
    grow([NACKA, JARFALLA, "0114", "0115"])
    make_agreement("0117", status=Status.SIGNED_BY_MUNICIPALITY)
    make_agreement("0120", status=Status.SIGNED_BY_MUNICIPALITY)
    big_items = todo.collect(users[role], today=TODAY)[0].items
    assert small_items and big_items != small_items
    assert _queries(users[role]) == small


def test_many_municipalities_to_follow_up_are_one_item_leading_to_the_report(
    client_for, pools, in_force
):
    codes = [TABY, NACKA, SOLNA, JARFALLA, "0114", "0115"]
    with at(datetime.date(2025, 12, 1)):
        for code in codes:
            in_force(code, start=datetime.date(2026, 1, 1))
    html = home(client_for, "project_leader")
    url = reverse("followup:report") + "?ar=2026&amp;halvar=1"
    assert (
        f'<a href="{url}">Följ upp 6 kommuner: siffrorna för 2026, första halvåret saknas (' in html
    )
    assert "Följ upp Täby" not in html
