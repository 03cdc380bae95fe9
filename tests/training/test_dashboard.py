"""Participants per municipality and year: attended and confirmed-but-unrecorded counted apart,
the waiting list, absentees and cancellations not at all; on the start pages of the project
leader (every municipality) and of a contact (their own)."""

from django.utils import timezone

from tests.clock import on
from training import selectors, services
from training.models import Registration, RegistrationStatus

from .conftest import JARFALLA, SOLNA, TABY, hold

# Sessions are planned 20 to 30 days ahead and counted by year: in spring, so that they fall in
# the year the start page shows.
pytestmark = on("2026-05-12")


def training_card(page: str) -> str:
    """The training card of a start page, from its heading to its last link."""
    start = page.index('id="training-home-heading"')
    return page[start : page.index("</div>", page.index('href="/utbildning/"', start))]


def rows_by_code(year, **kwargs):
    return {
        r.municipality.code: (r.attended, r.unrecorded)
        for r in selectors.participants_by_municipality(year, **kwargs)
    }


def test_participants_count_attended_and_unrecorded_apart(
    taby, users, in_force, contact, make_session, register
):
    in_force(JARFALLA)
    jarfalla = contact(JARFALLA)
    held = make_session(capacity=3, days=20)
    anna, bo = register(held, "Anna"), register(held, "Bo")
    jonna = register(held, "Jonna", by=jarfalla)
    register(held, "Cecilia")  # waiting: not counted
    hold(held, days_ago=1)
    services.record_attendance(held, attended={anna.pk, jonna.pk}, by=users["project_leader"])
    assert Registration.objects.get(pk=bo.pk).attended is False  # absent: not counted

    coming = make_session(capacity=5, days=20)
    register(coming, "David")
    cancelled = register(coming, "Eva")
    services.cancel_registration(registration=cancelled, by=users["contact_taby"])
    year = held.date.year

    assert rows_by_code(year) == {TABY: (1, 1), JARFALLA: (1, 0)}
    assert rows_by_code(year, municipality_ids={taby.pk}) == {TABY: (1, 1)}
    assert rows_by_code(year - 1) == {}
    totals = selectors.participant_totals(selectors.participants_by_municipality(year))
    assert totals == {"attended": 2, "unrecorded": 1}


def test_the_participant_count_takes_two_queries_whatever_the_number_of_municipalities(
    taby, users, make_session, django_assert_num_queries
):
    from municipalities.models import Municipality

    session = make_session(capacity=100)
    year = session.date.year

    def add(municipalities):
        for municipality in municipalities:
            Registration.objects.create(
                session=session,
                municipality=municipality,
                name=f"Person {municipality.code}",
                email=f"p{municipality.code}@example.se",
                workplace="Socialtjänsten",
                status=RegistrationStatus.CONFIRMED,
            )

    municipalities = list(Municipality.objects.all()[:12])
    add(municipalities[:1])
    with django_assert_num_queries(2):
        assert len(selectors.participants_by_municipality(year)) == 1
    add(municipalities[1:])
    with django_assert_num_queries(2):
        rows = selectors.participants_by_municipality(year)
    assert len(rows) == 12


def test_the_project_leader_sees_every_municipality_on_the_start_page(
    taby, in_force, contact, make_session, register, client_for
):
    in_force(SOLNA)
    session = make_session(capacity=5, title="Vårens utbildningshalvdag")
    register(session, "Anna")
    register(session, "Sara", by=contact(SOLNA))

    page = client_for("project_leader").get("/").content.decode()

    card = training_card(page)
    assert f"Utbildning {session.date.year}" in card
    assert "Täby" in card and "Solna" in card
    assert "Vårens utbildningshalvdag" in card


def test_a_contact_sees_only_their_own_figures_on_the_start_page(
    taby, in_force, contact, make_session, register, client_for
):
    in_force(SOLNA)
    session = make_session(capacity=5)
    register(session, "Anna")
    register(session, "Bo")
    register(session, "Sara", by=contact(SOLNA))
    year = timezone.localdate().year

    card = training_card(client_for("contact_taby").get("/").content.decode())

    assert f"Utbildning {year}" in card
    assert "2 bekräftade platser utan registrerad närvaro" in card
    assert "Solna" not in card


def test_the_participants_page_for_a_contact_shows_their_municipality_only(
    taby, in_force, contact, make_session, register, client_for
):
    in_force(SOLNA)
    session = make_session(capacity=5)
    register(session, "Anna")
    register(session, "Sara", by=contact(SOLNA))
    year = session.date.year

    own = client_for("contact_taby").get(f"/utbildning/deltagare/?ar={year}").content.decode()
    assert "Täby" in own and "Solna" not in own
    everyone = client_for("steering_member").get(f"/utbildning/deltagare/?ar={year}")
    assert "Solna" in everyone.content.decode()
    assert "Sara" not in everyone.content.decode()  # counts only, no names
    empty = client_for("project_leader").get(f"/utbildning/deltagare/?ar={year - 5}")
    assert f"Inga deltagare {year - 5} ännu." in empty.content.decode()
    bad = client_for("project_leader").get("/utbildning/deltagare/?ar=abc")
    this_year = timezone.localdate().year
    assert f"Deltagare i utbildning {this_year}" in bad.content.decode()
