"""Notice (§ 11) whose end date falls after 1 January: the project leader is told by mail, and the
confirmation, the agreement page and the next run's preview say that the next year is invoiced in
full (§ 6)."""

import datetime

import pytest
import time_machine

from agreements import services
from agreements.models import Status

D = datetime.date
NACKA = "0182"
RUN = "/fakturering/kostnader/korning/"


@pytest.fixture
def give_notice(django_capture_on_commit_callbacks):
    def give(client, agreement, notice_date):
        path = f"/avtal/{agreement.pk}/uppsagning/"
        data = {"notice_date": notice_date.isoformat(), "party": "kommunen"}
        preview = client.post(path, data).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(path, {**data, "confirmed": "1"}, follow=True).content.decode()
        return preview, done

    return give


@pytest.mark.parametrize(
    ("notice_date", "end", "year"),
    [(D(2026, 12, 15), "2027-01-15", 2027), (D(2026, 12, 1), "2027-01-01", 2027)],
)
def test_notice_in_december_says_next_year_is_invoiced_in_full(
    active, pools, client_for, give_notice, mailoutbox, notice_date, end, year
):
    agreement = active(NACKA, D(2025, 3, 1))
    with time_machine.travel(notice_date, tick=False):
        preview, done = give_notice(client_for("project_leader"), agreement, notice_date)
    note = f"hela {year} faktureras enligt § 6"
    assert "Bekräfta uppsägningen" in preview and end in preview and note in preview
    assert note in done  # the success message and the agreement page
    page = client_for("finance").get(f"/avtal/{agreement.pk}/").content.decode()
    assert 'id="full-year-note"' in page and note in page
    agreement.refresh_from_db()
    assert agreement.status == Status.NOTICE_GIVEN

    leader_mails = [m for m in mailoutbox if "projektledare@demo.kommunavtal.se" in m.to]
    assert len(leader_mails) == 1
    assert "Nacka" in leader_mails[0].subject and end in leader_mails[0].subject
    assert note in leader_mails[0].body

    run = client_for("finance").get(RUN, {"ar": year, "fakturadatum": f"{year}-01-10"})
    html = run.content.decode()
    assert 'id="notice-full-year"' in html
    assert f"Nacka: avtalet är uppsagt och upphör {end}" in html


def test_notice_ending_in_the_same_year_mails_the_leader_without_the_note(
    active, pools, client_for, give_notice, mailoutbox
):
    agreement = active(NACKA, D(2025, 3, 1))
    with time_machine.travel(D(2026, 3, 10), tick=False):
        preview, done = give_notice(client_for("contact_nacka"), agreement, D(2026, 3, 10))
    assert "2026-04-10" in preview and "faktureras enligt § 6" not in preview
    assert "Avtalet upphör 2026-04-10" in done and "hela 2026 faktureras" not in done
    leader_mails = [m for m in mailoutbox if "projektledare@demo.kommunavtal.se" in m.to]
    assert len(leader_mails) == 1 and "2026-04-10" in leader_mails[0].body
    run = client_for("finance").get(RUN, {"ar": 2027, "fakturadatum": "2027-01-10"})
    assert 'id="notice-full-year"' not in run.content.decode()


@pytest.mark.parametrize(
    ("start", "notice", "end", "expected"),
    [
        (D(2025, 3, 1), D(2026, 12, 15), D(2027, 1, 15), 2027),
        (D(2025, 3, 1), D(2026, 11, 30), D(2026, 12, 30), None),
        (D(2025, 3, 1), D(2026, 12, 15), D(2026, 12, 31), None),  # a latest end date comes first
        (None, None, None, None),
    ],
)
def test_the_year_invoiced_in_full_comes_from_the_billing_rules(start, notice, end, expected):
    assert (
        services.year_invoiced_in_full_after_notice(start=start, notice_date=notice, end_date=end)
        == expected
    )
