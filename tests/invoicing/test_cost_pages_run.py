"""The invoice run in the browser's terms (finance): preview, confirm, what was issued; and the
first invoice proposed as soon as an agreement comes into force (§ 6: invoiced when signed)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Status
from invoicing.models import Invoice
from offers.costs import proposal
from offers.models import CostPool
from offers.pools import set_pool

from .conftest import D

RUN = "/fakturering/kostnader/korning/"
CONFIRM = "/fakturering/kostnader/korning/utfarda/"
TABY, NACKA, GOTLAND, SOLNA = "0160", "0182", "0980", "0184"


def nbsp(text: str) -> str:
    return text.replace(" ", "\u00a0")


def hidden_fields(html: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form that posts to ``action``, as a browser would send them."""
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert form, f"no form posting to {action}"
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(1)))


@pytest.fixture
def finance(client_for):
    return client_for("finance")


@pytest.fixture
def pools_to_this_year(reference_data):
    """Each year's proposal confirmed, through this year (whatever year the tests run in)."""
    for year in range(2022, timezone.localdate().year + 1):
        if not CostPool.objects.filter(year=year).exists():
            set_pool(year=year, amount=proposal(year), note="", by=None)


# --- The year's run ---------------------------------------------------------------------------


@pytest.fixture
def three_agreements(pools, active):
    active(TABY, D(2024, 3, 1))
    active(NACKA, D(2024, 1, 1))
    active(GOTLAND, D(2024, 1, 1))  # outside the cost base, no special amount: an error


def test_the_preview_shows_the_invoices_their_totals_and_the_errors(finance, three_agreements):
    response = finance.get(RUN, {"ar": 2025, "fakturadatum": "2025-01-15"})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert sorted(p.municipality.code for p in plan.planned) == [TABY, NACKA]
    assert len(plan.errors) == 1 and "Gotland" in plan.errors[0]
    html = response.content.decode()
    totals = re.search(r'<dl class="details" id="run-totals">.*?</dl>', html, re.S).group()
    assert "2 fakturor" in totals
    total = int(plan.total)
    assert total == 131_874 + 191_458  # 4 329 729 kr × 71 397 and × 103 656 ÷ 2 344 124
    assert nbsp("323 332 kr") in totals
    assert "Gotland ingår inte i befolkningsnyckeln" in html
    assert "Utfärda 2 fakturor (" + nbsp("323 332 kr") + ")" in html
    assert Invoice.objects.count() == 0  # a preview issues nothing


def test_confirming_issues_the_run_and_a_second_confirm_issues_nothing(
    finance, three_agreements, users
):
    preview = finance.get(RUN, {"ar": 2025, "fakturadatum": "2025-01-15"})
    data = hidden_fields(preview.content.decode(), CONFIRM)
    assert data == {
        "csrfmiddlewaretoken": data["csrfmiddlewaretoken"],
        "ar": "2025",
        "fakturadatum": "2025-01-15",
        "antal": "2",
        "summa": "323332",
    }

    data["bekrafta_datum"] = "on"  # 2025-01-15 lies far back: confirmed (issue 12)
    response = finance.post(CONFIRM, data)
    assert response.status_code == 302
    invoices = list(Invoice.objects.order_by("series_number"))
    assert [i.number for i in invoices] == ["2025-0001", "2025-0002"]
    assert {i.issued_by for i in invoices} == {users["finance"]}
    assert all(i.invoice_date == D(2025, 1, 15) for i in invoices)

    issued = finance.get(response["Location"])
    html = issued.content.decode()
    for invoice in invoices:
        assert f'<a href="/fakturering/{invoice.pk}/">{invoice.number}</a>' in html
    assert "2 fakturor utfärdade för 2025" in html

    again = finance.post(CONFIRM, data)
    assert again.status_code == 200
    assert again.context["changed"] is True
    assert "Ingenting utfärdades" in again.content.decode()
    assert again.context["plan"].already_issued == 2
    assert Invoice.objects.count() == 2


def test_a_run_that_changed_since_the_preview_is_not_issued(finance, three_agreements, active):
    preview = finance.get(RUN, {"ar": 2025, "fakturadatum": "2025-01-15"})
    data = hidden_fields(preview.content.decode(), CONFIRM)
    active(SOLNA, D(2024, 5, 1))  # a new agreement in force between preview and confirm
    response = finance.post(CONFIRM, {**data, "bekrafta_datum": "on"})
    assert response.status_code == 200 and response.context["changed"]
    assert len(response.context["plan"].planned) == 3
    assert Invoice.objects.count() == 0


def test_a_confirm_without_a_preview_issues_nothing(finance, three_agreements):
    response = finance.post(CONFIRM, {})
    assert response.status_code == 200
    assert "förhandsgranska den först" in response.content.decode()
    assert Invoice.objects.count() == 0


def test_a_year_without_a_confirmed_pool_shows_why_and_offers_no_confirm(finance, active):
    active(TABY, D(2024, 3, 1))
    response = finance.get(RUN, {"ar": 2024, "fakturadatum": "2024-03-15"})
    html = response.content.decode()
    assert "Kostnadsramen för 2024 är inte fastställd" in html
    assert CONFIRM not in html


def test_the_preview_asks_the_same_number_of_queries_for_one_agreement_or_four(
    finance, pools, active
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            finance.get(RUN, {"ar": 2025, "fakturadatum": "2025-01-15"})
        return len(queries)

    active(TABY, D(2024, 3, 1))
    one = count()
    for code in (NACKA, SOLNA, "0183"):
        active(code, D(2024, 3, 1))
    assert count() == one


# --- First invoices proposed to finance ---------------------------------------------------------


def test_a_first_invoice_is_proposed_when_the_agreement_comes_into_force_until_issued(
    client_for, pools_to_this_year, make_agreement, users
):
    finance = client_for("finance")
    year = timezone.localdate().year
    agreement = make_agreement(TABY, status=Status.SIGNED_BY_MUNICIPALITY)
    assert finance.get(RUN).context["first_due"].planned == []
    assert "Täby" not in card(finance.get("/").content.decode())

    agreement.start_date = D(year, 1, 10)
    agreement.transition(Status.ACTIVE, by=users["signatory"])

    (proposed,) = finance.get(RUN).context["first_due"].planned
    assert (proposed.agreement, proposed.kind, proposed.twelfths) == (agreement, "first", 12)
    home = card(finance.get("/").content.decode())
    assert "Täby" in home and "Förhandsgranska och utfärda" in home
    # No one-click issue (issue 12): the start page links to the run's own preview.
    assert 'method="post"' not in home
    today = timezone.localdate().isoformat()
    link = f"{RUN}?ar={year}&amp;fakturadatum={today}&amp;avtal={agreement.pk}"
    assert link in home
    preview = finance.get(RUN, {"ar": year, "fakturadatum": today, "avtal": agreement.pk})
    assert [p.agreement for p in preview.context["plan"].planned] == [agreement]
    assert not Invoice.objects.exists()  # looking issues nothing
    data = hidden_fields(preview.content.decode(), CONFIRM)
    assert data["avtal"] == str(agreement.pk) and data["antal"] == "1"
    assert data["summa"] == str(int(proposed.amount))

    response = finance.post(CONFIRM, data)
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert (invoice.agreement, invoice.kind, invoice.amount) == (
        agreement,
        "first",
        proposed.amount,
    )
    assert invoice.invoice_date == timezone.localdate()
    assert (
        f'href="/fakturering/{invoice.pk}/"' in finance.get(response["Location"]).content.decode()
    )

    assert finance.get(RUN).context["first_due"].planned == []
    assert "Täby" not in card(finance.get("/").content.decode())
    again = finance.post(CONFIRM, data)
    assert again.status_code == 200 and again.context["changed"]
    assert Invoice.objects.count() == 1


def test_a_first_invoice_previewed_alone_issues_no_other(
    client_for, pools_to_this_year, make_agreement, active
):
    year = timezone.localdate().year
    taby = make_agreement(TABY, status=Status.ACTIVE, start=D(year, 1, 10))
    active(NACKA, D(year, 2, 1))  # also due, but not the one previewed
    finance = client_for("finance")
    today = timezone.localdate().isoformat()
    preview = finance.get(RUN, {"ar": year, "fakturadatum": today, "avtal": taby.pk})
    assert (
        finance.post(CONFIRM, hidden_fields(preview.content.decode(), CONFIRM)).status_code == 302
    )
    assert [i.agreement for i in Invoice.objects.all()] == [taby]


def test_the_one_click_issue_is_gone(client_for, pools_to_this_year, make_agreement):
    year = timezone.localdate().year
    agreement = make_agreement(TABY, status=Status.ACTIVE, start=D(year, 1, 10))
    response = client_for("finance").post(
        f"/fakturering/kostnader/korning/forsta/{agreement.pk}/", {"ar": year, "belopp": 1}
    )
    assert response.status_code == 404
    assert Invoice.objects.count() == 0


def card(html: str) -> str:
    """The finance start page's "Att fakturera" card, up to its link to the run."""
    found = re.search(
        r'<li class="card" id="att-fakturera">(.*?)Förhandsgranska och utfärda årets körning',
        html,
        re.S,
    )
    assert found, "no Att fakturera card"
    return found.group(1)


def test_the_start_page_card_counts_the_years_run(client_for, pools_to_this_year, active):
    year = timezone.localdate().year
    active(NACKA, D(year - 1, 1, 1))  # an annual invoice this year: counted, not a first one
    finance = client_for("finance")
    html = card(finance.get("/").content.decode())
    assert f"1</span> faktura väntar för {year}" in html
    assert "Nacka" not in html and "Utfärda" not in html
    assert finance.get(RUN).context["first_due"].planned == []
    assert 'href="/fakturering/kostnader/korning/"' in html
    assert not Invoice.objects.exists()
