"""Invoice dates (issue 12, point 2): never backwards within a number series, never before the
agreement was signed, and a date far back only with an explicit confirmation. A refusal says
why in Swedish and issues nothing."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from invoicing import services
from invoicing.models import Invoice

from .conftest import D
from .test_cost_pages_run import CONFIRM, RUN, hidden_fields

TABY, NACKA, SOLNA = "0160", "0182", "0184"
TODAY = datetime.datetime(2026, 12, 8, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def issued(code):
    return Invoice.objects.filter(municipality__code=code)


def test_a_run_dated_before_the_last_invoice_of_its_series_is_refused(
    pools, active, client_for, users
):
    active(TABY, D(2026, 6, 10))
    (taby,) = services.plan_run(2026, invoice_date=D(2026, 12, 6)).planned
    services.issue(taby)
    active(NACKA, D(2026, 9, 1))

    finance = client_for("finance")
    page = finance.get(RUN, {"ar": 2026, "fakturadatum": "2026-10-01"})
    html = page.content.decode()
    assert "Fakturadatumet 2026-10-01 ligger före 2026-12-06" in html
    assert f'action="{CONFIRM}"' not in html  # nothing to confirm
    # A confirmation made up by hand issues nothing either.
    response = finance.post(
        CONFIRM,
        {"ar": 2026, "fakturadatum": "2026-10-01", "antal": 1, "summa": 1, "bekrafta_datum": "on"},
    )
    assert response.status_code == 200
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "invoice_run",
            "2026",
            "--date",
            "2026-10-01",
            "--confirm-past-date",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "ligger före 2026-12-06" in err.getvalue()
    assert not issued(NACKA).exists()

    # On or after the series' last date it goes through.
    page = finance.get(RUN, {"ar": 2026, "fakturadatum": "2026-12-06"})
    finance.post(CONFIRM, hidden_fields(page.content.decode(), CONFIRM))
    assert issued(NACKA).get().invoice_date == D(2026, 12, 6)


def test_an_invoice_date_before_the_signing_is_refused(pools, active, client_for):
    active(SOLNA, D(2026, 12, 1), signed_on_paper=True, paper_signed_on=D(2026, 12, 3))
    page = client_for("finance").get(RUN, {"ar": 2026, "fakturadatum": "2026-12-02"})
    html = page.content.decode()
    assert (
        "Solna: fakturadatumet 2026-12-02 ligger före 2026-12-03, då avtalet undertecknades" in html
    )
    plan = services.plan_run(2026, invoice_date=D(2026, 12, 2))
    assert plan.planned == []  # left out, with the reason; any other agreement still goes
    assert len(services.plan_run(2026, invoice_date=D(2026, 12, 3)).planned) == 1


def test_a_date_more_than_a_week_back_needs_a_tick(pools, active, client_for):
    active(TABY, D(2026, 6, 10))
    finance = client_for("finance")
    page = finance.get(RUN, {"ar": 2026, "fakturadatum": "2026-11-20"})
    html = page.content.decode()
    assert "ligger 18 dagar bakåt i tiden" in html
    assert "Jag bekräftar fakturadatumet 2026-11-20." in html
    data = hidden_fields(html, CONFIRM)

    refused = finance.post(CONFIRM, data)
    assert refused.status_code == 200
    assert "Ingenting utfärdades" in refused.content.decode()
    assert not issued(TABY).exists()

    response = finance.post(CONFIRM, {**data, "bekrafta_datum": "on"})
    assert response.status_code == 302
    assert issued(TABY).get().invoice_date == D(2026, 11, 20)


def test_a_date_a_few_days_back_needs_no_tick(pools, active, client_for):
    active(TABY, D(2026, 6, 10))
    finance = client_for("finance")
    html = finance.get(RUN, {"ar": 2026, "fakturadatum": "2026-12-01"}).content.decode()
    assert "Jag bekräftar fakturadatumet" not in html
    assert finance.post(CONFIRM, hidden_fields(html, CONFIRM)).status_code == 302
    assert issued(TABY).exists()


def test_the_command_needs_its_flag_for_a_date_far_back(pools, active):
    active(TABY, D(2026, 6, 10))
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    with pytest.raises(CommandError, match="--confirm-past-date"):
        call_command("invoice_run", "2026", "--date", "2026-11-20", **quiet)
    assert not issued(TABY).exists()
    call_command("invoice_run", "2026", "--date", "2026-11-20", "--dry-run", **quiet)
    assert not issued(TABY).exists()
    call_command("invoice_run", "2026", "--date", "2026-11-20", "--confirm-past-date", **quiet)
    assert issued(TABY).exists()
