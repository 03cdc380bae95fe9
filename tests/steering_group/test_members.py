"""Choosing the members (§ 5): at most ten people, one per municipality, the waiting list, the
rotation flag, and the Styrgruppsledamot role that follows this year's Membership rows."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from accounts.roles import Role
from agreements.models import Status
from steering_group import selectors, services
from steering_group.models import ApplicationStatus, Membership, Seat

from .conftest import CODES, TABY


def choose(term, applications, users):
    return services.choose_applications(
        term=term, applications=applications, by=users["project_leader"]
    )


def test_the_group_never_exceeds_ten_people(term, chair, users, in_force, apply):
    codes = CODES[:10]
    for code in codes:
        in_force(code)
    applications = [apply(term, code) for code in codes]

    result = choose(term, applications, users)

    # The chair plus nine representatives make ten; the tenth applicant waits, with the reason.
    assert term.memberships.count() == 10
    assert len(result.chosen) == 9
    assert [a.pk for a in result.waiting] == [applications[-1].pk]
    waiting = result.waiting[0]
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.WAITING
    assert "högst 10 personer" in waiting.waiting_reason

    # Neither the adjunct seat nor a second chair can be added to a full group.
    with pytest.raises(Exception, match="full"):
        services.add_member(
            term=term,
            seat=Seat.ADJUNCT,
            name="Rut Regionsson",
            email="rut@region.example.se",
            organisation="Region Stockholm (Mika Hälsa)",
            by=users["project_leader"],
        )
    assert term.memberships.count() == 10


def test_a_seat_is_kept_for_the_chair_until_one_is_chosen(term, users, in_force, apply):
    codes = CODES[:10]
    for code in codes:
        in_force(code)
    applications = [apply(term, code) for code in codes]

    result = choose(term, applications, users)

    assert len(result.chosen) == 9
    assert "en plats hålls för ordföranden" in result.waiting[0].waiting_reason
    chair = services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email="stina@stockholm.example.se",
        organisation="Stockholms stad",
        by=users["project_leader"],
    )
    assert chair.seat == Seat.CHAIR
    assert term.memberships.count() == 10


def test_the_adjunct_seat_counts_towards_the_ten(term, chair, users, in_force, apply):
    services.add_member(
        term=term,
        seat=Seat.ADJUNCT,
        name="Rut Regionsson",
        email="rut@region.example.se",
        organisation="Region Stockholm (Mika Hälsa)",
        by=users["project_leader"],
    )
    for code in CODES[:9]:
        in_force(code)
    result = choose(term, [apply(term, code) for code in CODES[:9]], users)
    assert (len(result.chosen), len(result.waiting)) == (8, 1)
    assert term.memberships.count() == 10


def test_one_representative_per_municipality(term, chair, users, in_force, apply):
    in_force(TABY)
    application = apply(term, TABY)
    choose(term, [application], users)
    # A second row for Täby: the service refuses it, and so does the database.
    assert term.memberships.filter(municipality__code=TABY).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            term=term,
            seat=Seat.MUNICIPALITY,
            name="Någon annan",
            email="annan@taby.example.se",
            organisation="Täby",
            municipality=application.municipality,
        )


def test_choosing_an_application_twice_changes_nothing(term, chair, users, in_force, apply):
    in_force(TABY)
    application = apply(term, TABY)
    choose(term, [application], users)
    result = choose(term, [application], users)
    assert (result.chosen, result.waiting) == ([], [])
    assert term.memberships.count() == 2


def test_one_chair_and_one_seat_per_person(term, chair, users):
    with pytest.raises(Exception, match="redan en ordförande"):
        services.add_member(
            term=term,
            seat=Seat.CHAIR,
            name="Andra Ordförande",
            email="andra@stockholm.example.se",
            organisation="Stockholms stad",
            by=users["project_leader"],
        )
    with pytest.raises(Exception, match="redan en plats"):
        services.add_member(
            term=term,
            seat=Seat.ADJUNCT,
            name="Stina igen",
            email=chair.email.upper(),
            organisation="Region Stockholm",
            by=users["project_leader"],
        )


def test_an_applicant_whose_agreement_has_ended_waits_with_the_reason(
    term, chair, users, in_force, apply, today
):
    in_force(TABY, status=Status.ENDED, end=today - datetime.timedelta(days=1))
    application = apply(term, TABY)
    result = choose(term, [application], users)
    assert result.chosen == []
    assert "inte längre ett gällande avtal" in result.waiting[0].waiting_reason


def test_the_project_leader_puts_an_application_on_the_waiting_list(term, users, apply):
    application = apply(term, TABY)
    with pytest.raises(Exception, match="skälet"):
        services.put_on_waiting_list(
            application=application, reason="  ", by=users["project_leader"]
        )
    services.put_on_waiting_list(
        application=application, reason="Täby satt med förra året.", by=users["project_leader"]
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITING
    assert application.waiting_reason == "Täby satt med förra året."


def test_removing_a_member_reopens_the_application(term, chair, users, in_force, apply):
    in_force(TABY)
    application = apply(term, TABY)
    (membership,) = choose(term, [application], users).chosen
    services.remove_member(membership=membership, by=users["project_leader"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not term.memberships.filter(municipality__code=TABY).exists()


# --- Rotation ---------------------------------------------------------------------------------


def test_a_representative_who_sat_last_year_is_flagged(users, in_force, apply, today):
    leader = users["project_leader"]
    last = services.create_term(year=today.year - 1, by=leader)
    this = services.create_term(year=today.year, by=leader)
    in_force(TABY)
    in_force("0163")
    choose(last, [apply(last, TABY, email="tove@taby.example.se")], users)
    # This year: Täby sends the same person (the e-mail in other case); Sollentuna a new one.
    chosen = services.choose_applications(
        term=this,
        applications=[apply(this, TABY, email="Tove@Taby.Example.se"), apply(this, "0163")],
        by=users["project_leader"],
        rotation_reason="Ingen annan från Täby kan i år.",
    ).chosen
    assert len(chosen) == 2

    rows = {m.municipality.code: m for m in selectors.members(this)}
    assert rows[TABY].rotation_flag is True
    assert rows["0163"].rotation_flag is False
    panel = selectors.compliance(this)
    assert [m.name for m in panel.rotation] == [rows[TABY].name]
    # Last year's group has nobody before it to be compared with.
    assert not any(m.rotation_flag for m in selectors.members(last))
    # The application shows the flag too, before anyone is chosen.
    assert {a.municipality.code: a.sat_last_year for a in selectors.applications(this)} == {
        TABY: True,
        "0163": False,
    }


def test_the_flag_is_shown_on_the_term_page(users, in_force, apply, today, client_for):
    leader = users["project_leader"]
    last = services.create_term(year=today.year - 1, by=leader)
    this = services.create_term(year=today.year, by=leader)
    in_force(TABY)
    choose(last, [apply(last, TABY)], users)
    services.choose_applications(
        term=this,
        applications=[apply(this, TABY)],
        by=users["project_leader"],
        rotation_reason="Ny socialchef börjar först i mars.",
    )
    page = client_for("project_leader").get(f"/styrgrupp/{this.year}/").content.decode()
    assert "byts ut efter ett år" in page
    assert "Vald trots § 5: Ny socialchef börjar först i mars." in page
    page = client_for("project_leader").get(f"/styrgrupp/{last.year}/").content.decode()
    assert "byts ut efter ett år" not in page.split("Ledamöter")[-1]


# --- The Styrgruppsledamot role --------------------------------------------------------------


def has_role(user):
    user.refresh_from_db()
    return user.groups.filter(name=Role.STEERING_GROUP_MEMBER.value).exists()


def test_a_member_with_an_account_gets_the_role_for_this_year_only(
    term, chair, users, in_force, apply, today
):
    taby = users["contact_taby"]
    in_force(TABY)
    assert not has_role(taby)
    (membership,) = choose(term, [apply(term, TABY, email=taby.email)], users).chosen
    assert membership.user == taby
    assert has_role(taby)

    services.remove_member(membership=membership, by=users["project_leader"])
    assert not has_role(taby)


def test_choosing_next_years_group_does_not_touch_the_role(users, in_force, apply, today):
    taby = users["contact_taby"]
    in_force(TABY)
    next_year = services.create_term(year=today.year + 1, by=users["project_leader"])
    choose(next_year, [apply(next_year, TABY, email=taby.email)], users)
    assert not has_role(taby)
    # On 1 January the daily sync gives it.
    result = services.sync_roles(today=datetime.date(today.year + 1, 1, 1))
    assert taby in result.added
    assert has_role(taby)


def test_the_sync_takes_the_role_from_last_years_members(term, chair, users, today):
    styrgrupp = users["steering_member"]
    assert has_role(styrgrupp)
    # This year the chair holds it; next year there is no group yet, so nobody does.
    assert services.sync_roles(today=today).removed == []
    result = services.sync_roles(today=datetime.date(today.year + 1, 1, 1))
    assert result.removed == [styrgrupp]
    assert not has_role(styrgrupp)


def test_the_sync_links_a_member_whose_link_was_missed(term, users, contact, today):
    """The daily job stays as a safety net: a membership left unlinked (a user imported with the
    signals bypassed, say) is linked and given the role."""
    membership = services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Nya Ordföranden",
        email="ny.ordforande@kommun.example.se",
        organisation="Stockholms stad",
        by=users["project_leader"],
    )
    assert membership.user is None
    account = contact("0163", username="ny.ordforande")
    Membership.objects.filter(pk=membership.pk).update(user=None)
    account.groups.through.objects.filter(
        user=account, group__name=Role.STEERING_GROUP_MEMBER.value
    ).delete()
    result = services.sync_roles(today=today)
    membership.refresh_from_db()
    assert membership.user == account
    assert account in result.added
    assert has_role(account)


def test_the_management_command_syncs_and_reports(term, chair, users, today):
    out = io.StringIO()
    call_command(
        "sync_steering_group_roles", "--dry-run", f"--date={today.year + 1}-01-01", stdout=out
    )
    assert "provkörning" in out.getvalue()
    assert "styrgrupp" in out.getvalue()
    assert has_role(users["steering_member"])  # a dry run changes nothing
    call_command(
        "sync_steering_group_roles", f"--date={today.year + 1}-01-01", stdout=io.StringIO()
    )
    assert not has_role(users["steering_member"])


def test_membership_is_read_from_the_rows_not_the_role(term, users, client_for, schedule, today):
    """styrgrupp has the role but no seat this year: the term is not theirs to read."""
    from .conftest import local

    schedule(term, local(today.year, 12, 30))
    assert client_for("steering_member").get(f"/styrgrupp/{term.year}/").status_code == 403
    services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email=users["steering_member"].email,
        organisation="Stockholms stad",
        by=users["project_leader"],
    )
    assert client_for("steering_member").get(f"/styrgrupp/{term.year}/").status_code == 200


def test_the_demo_group_has_the_demo_member_as_chair(users, today):
    from steering_group.demo import load_demo_steering_group

    term = load_demo_steering_group()
    assert load_demo_steering_group() == term  # twice is the same
    (chair,) = term.memberships.all()
    assert (term.year, chair.seat, chair.user) == (today.year, Seat.CHAIR, users["steering_member"])
    assert services.sync_roles(today=today).removed == []


# --- Linking a member to their account at once ---------------------------------------------


def test_a_member_chosen_before_their_account_exists_is_linked_when_it_is_created(
    term, users, client_for, today
):
    """Before: only the daily sync linked the account, so the member could not be chosen as
    adjuster until the next day."""
    from steering_group import minutes as minutes_service

    membership = services.add_member(
        term=term,
        seat=Seat.ADJUNCT,
        name="Rut Regionsson",
        email="rut@region.example.se",
        organisation="Region Stockholm (Mika Hälsa)",
        by=users["project_leader"],
    )
    assert membership.user is None
    assert not minutes_service.adjuster_choices(term).filter(pk=membership.pk).exists()

    # The project leader creates the account in the product (the form sets its roles after
    # saving it): the member is linked, holds the role and can be the adjuster at once.
    response = client_for("project_leader").post(
        "/anvandare/ny/",
        {
            "username": "rut",
            "first_name": "Rut",
            "last_name": "Regionsson",
            "email": "Rut@Region.example.se",
            "roles": [],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    membership.refresh_from_db()
    assert membership.user is not None and membership.user.username == "rut"
    assert has_role(membership.user)
    assert minutes_service.adjuster_choices(term).filter(pk=membership.pk).exists()


def test_a_user_who_changes_to_a_members_email_is_linked_at_once(term, users, contact, today):
    account = contact("0163", username="kim")
    membership = services.add_member(
        term=term,
        seat=Seat.CHAIR,
        name="Kim Kontakt",
        email="kim.ny@kommun.example.se",
        organisation="Stockholms stad",
        by=users["project_leader"],
    )
    assert membership.user is None
    account.email = "kim.ny@kommun.example.se"
    account.save()
    membership.refresh_from_db()
    assert membership.user == account
    assert has_role(account)
    # A later save of other fields (a login) leaves everything as it is.
    account.save(update_fields=["last_login"])
    assert has_role(account)


# --- § 5's one-year rotation, enforced; the chair carries over ------------------------------


def test_the_same_person_is_not_chosen_for_the_following_year_without_a_reason(
    users, in_force, apply, today, client_for
):
    leader = users["project_leader"]
    last = services.create_term(year=today.year - 1, by=leader)
    this = services.create_term(year=today.year, by=leader)
    in_force(TABY)
    choose(last, [apply(last, TABY, email="tove@taby.example.se")], users)
    application = apply(this, TABY, email="Tove@Taby.example.se")

    # Ticked on the page without a reason: the waiting list, with § 5 as the reason.
    client = client_for("project_leader")
    page = client.post(
        f"/styrgrupp/{this.year}/ledamoter/", {"applications": [application.pk]}, follow=True
    ).content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITING
    assert f"Satt i styrgruppen {this.year - 1}" in application.waiting_reason
    assert "§ 5" in page and "väntelistan" in page
    assert not this.memberships.filter(municipality__code=TABY).exists()

    # The project leader overrides it with a reason: chosen, the reason stored and shown.
    page = client.post(
        f"/styrgrupp/{this.year}/ledamoter/",
        {"applications": [application.pk], "rotation_reason": "Kommunen har ingen annan chef."},
        follow=True,
    ).content.decode()
    membership = this.memberships.get(municipality__code=TABY)
    assert membership.rotation_override_reason == "Kommunen har ingen annan chef."
    assert "Vald trots § 5: Kommunen har ingen annan chef." in page
    # A new person from the municipality needs no reason, and none is stored.
    in_force("0163")
    (other,) = choose(this, [apply(this, "0163")], users).chosen
    assert other.rotation_override_reason == ""


def test_the_chair_carries_over_to_next_years_group(users, today):
    leader = users["project_leader"]
    this = services.create_term(year=today.year, by=leader)
    chair = services.add_member(
        term=this,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email=users["steering_member"].email,
        title="Avdelningschef",
        organisation="Stockholms stad",
        by=leader,
    )
    following = services.create_term(year=today.year + 1, by=leader)
    carried = following.memberships.get(seat=Seat.CHAIR)
    assert (carried.name, carried.email, carried.title, carried.organisation, carried.user) == (
        chair.name,
        chair.email,
        "Avdelningschef",
        "Stockholms stad",
        users["steering_member"],
    )
    # The chair is not a representative: no rotation flag.
    assert not any(m.rotation_flag for m in selectors.members(following))


def test_a_chair_chosen_after_next_year_was_created_carries_over_when_members_are_chosen(
    users, today, in_force, apply
):
    leader = users["project_leader"]
    this = services.create_term(year=today.year, by=leader)
    following = services.create_term(year=today.year + 1, by=leader)
    assert not following.memberships.exists()
    services.add_member(
        term=this,
        seat=Seat.CHAIR,
        name="Stina Styrgren",
        email="stina@stockholm.example.se",
        organisation="Stockholms stad",
        by=leader,
    )
    in_force(TABY)
    choose(following, [apply(following, TABY)], users)
    assert following.memberships.get(seat=Seat.CHAIR).email == "stina@stockholm.example.se"
