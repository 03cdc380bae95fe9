"""The cost pages: pools and their confirmation, the Bilaga as HTML, XLSX and PDF, special amounts.

Expected figures come from the published documents (BRIEF), not from the application.
"""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from invoicing import services
from invoicing.models import Invoice
from invoicing.views_costs import pool_years
from municipalities.models import Municipality
from offers.costs import proposal
from offers.models import CostPool, SpecialAnnualAmount

from .conftest import D

POOLS = "/fakturering/kostnader/"
SPECIAL = "/fakturering/kostnader/sarskilt/"
TABY, GOTLAND = "0160", "0980"
ROW = re.compile(
    r'<th scope="row">([^<]+)</th>\s*<td class="num">([^<]+)</td>\s*'
    r'<td class="num">([^<]+)</td>\s*<td class="num">([^<]+)</td>'
)


def nbsp(text: str) -> str:
    """'4 080 000 kr' as the pages print it: non-breaking spaces."""
    return text.replace(" ", "\u00a0")


def pool_set_url(year: int) -> str:
    return f"/fakturering/kostnader/ram/{year}/"


def table_rows(html: str) -> list[tuple[str, str, str, str]]:
    return [tuple(cell.replace("&nbsp;", "\u00a0") for cell in m) for m in ROW.findall(html)]


@pytest.fixture
def pl(client_for):
    return client_for("project_leader")


# --- The pools page ---------------------------------------------------------------------------


def test_the_pools_page_proposes_4_080_000_for_2022_when_only_2021_exists(pl):
    assert list(CostPool.objects.values_list("year", flat=True)) == [2021]
    response = pl.get(POOLS)
    assert response.status_code == 200
    line = next(line for line in response.context["lines"] if line.year == 2022)
    assert (line.pool, line.amount) == (None, Decimal("4080000"))
    row = re.search(r'<tr id="ar-2022">.*?</tr>', response.content.decode(), re.S).group()
    assert nbsp("4 080 000 kr") in row
    assert "förslag, ej fastställd" in row
    assert 'href="/fakturering/kostnader/ram/2022/"' in row


def test_every_proposal_on_the_pools_page_is_the_one_invoicing_would_use(pl):
    CostPool.objects.create(year=2024, amount=Decimal("4300000"), note="beslut")
    lines = pool_years()
    assert [line.year for line in lines][-1] == 2021 and len(lines) >= 5
    for line in lines:
        if line.pool is None:
            assert line.proposal == proposal(line.year), line.year
    by_year = {line.year: line for line in lines}
    assert by_year[2023].proposal == Decimal("4161600")
    assert by_year[2025].proposal == Decimal("4386000")  # from 2024's 4 300 000, not the chain


def test_finance_reads_the_pools_but_gets_no_button_to_confirm(client_for):
    response = client_for("finance").get(POOLS)
    assert response.status_code == 200
    assert "/fakturering/kostnader/ram/" not in response.content.decode()


def test_the_pools_page_asks_the_same_number_of_queries_for_one_pool_or_seven(pl, pools):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert pl.get(POOLS).status_code == 200
        return len(queries)

    many = count()
    CostPool.objects.exclude(year=2021).delete()
    assert count() == many


# --- Confirming a pool ------------------------------------------------------------------------


def test_confirming_the_proposal_needs_no_note_and_takes_two_steps(pl, users):
    form = pl.get(pool_set_url(2022))
    assert form.status_code == 200
    assert 'value="4 080 000"' in form.content.decode()

    review = pl.post(pool_set_url(2022), {"amount": "4 080 000", "note": ""})
    assert review.status_code == 200
    assert "Fastställa" in review.content.decode()
    assert not CostPool.objects.filter(year=2022).exists()  # nothing saved before confirming

    done = pl.post(pool_set_url(2022), {"amount": "4080000", "note": "", "bekrafta": "1"})
    assert done.status_code == 302 and done["Location"] == POOLS
    pool = CostPool.objects.get(year=2022)
    assert (pool.amount, pool.note, pool.confirmed_by) == (
        Decimal("4080000"),
        "",
        users["project_leader"],
    )


def test_overriding_without_a_note_is_refused_and_with_one_it_is_kept(pl):
    for data in (
        {"amount": "4 100 000", "note": " "},
        {"amount": "4 100 000", "note": "", "bekrafta": "1"},
    ):
        response = pl.post(pool_set_url(2022), data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "avviker från förslaget 4\u00a0080\u00a0000\u00a0kr" in errors["note"][0]
        assert not CostPool.objects.filter(year=2022).exists()

    review = pl.post(pool_set_url(2022), {"amount": "4 100 000", "note": "Styrgruppen 2022-01-20"})
    assert "Beloppet avviker från förslaget" in review.content.decode()
    pl.post(
        pool_set_url(2022),
        {"amount": "4100000", "note": "Styrgruppen 2022-01-20", "bekrafta": "1"},
    )
    pool = CostPool.objects.get(year=2022)
    assert (pool.amount, pool.note) == (Decimal("4100000"), "Styrgruppen 2022-01-20")


@pytest.mark.parametrize("typed", ["4 080 000 kr", "4\u00a0080\u00a0000", "4080000"])
def test_amounts_are_read_the_swedish_way(pl, typed):
    pl.post(pool_set_url(2022), {"amount": typed, "note": "", "bekrafta": "1"})
    assert CostPool.objects.get(year=2022).amount == Decimal("4080000")


@pytest.mark.parametrize("typed", ["4,08 mnkr", "-4080000", "4080000.50", ""])
def test_an_amount_that_is_not_whole_kronor_is_refused(pl, typed):
    response = pl.post(pool_set_url(2022), {"amount": typed, "note": "x", "bekrafta": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert not CostPool.objects.filter(year=2022).exists()


def test_changing_goes_back_to_the_form_with_what_was_typed(pl):
    response = pl.post(pool_set_url(2022), {"amount": "4 100 000", "note": "x", "andra": "1"})
    assert response.templates[0].name == "invoicing/costs/pool_form.html"
    assert 'value="4 100 000"' in response.content.decode()
    assert not CostPool.objects.filter(year=2022).exists()


def test_a_year_with_invoices_keeps_its_pool(pl, pools, active):
    active(TABY, D(2024, 3, 1))
    services.issue_run(2025, invoice_date=D(2025, 1, 15))

    page = pl.get(pool_set_url(2025))
    assert page.status_code == 200
    assert "kan inte längre ändras" in page.content.decode()
    assert "form" not in page.context or page.context.get("form") is None

    response = pl.post(
        pool_set_url(2025), {"amount": "1", "note": "fel", "bekrafta": "1"}, follow=True
    )
    assert "kan inte längre ändras" in response.content.decode()
    assert CostPool.objects.get(year=2025).amount == pools[2025]
    assert "/fakturering/kostnader/ram/2025/" not in pl.get(POOLS).content.decode()


def test_a_refusal_from_set_pool_is_shown_on_the_form(pl, monkeypatch):
    def refuse(**kwargs):
        raise ValueError("Det finns fakturor för 2022; kostnadsramen kan inte längre ändras.")

    monkeypatch.setattr("invoicing.views_costs.set_pool", refuse)
    response = pl.post(pool_set_url(2022), {"amount": "4080000", "note": "", "bekrafta": "1"})
    assert response.status_code == 200
    assert "kan inte längre ändras" in response.context["form"].non_field_errors()[0]


def test_a_year_out_of_range_is_not_found(pl):
    assert pl.get(pool_set_url(1999)).status_code == 404
    assert pl.get("/fakturering/kostnader/2101/").status_code == 404


# --- The cost table (Bilaga) ------------------------------------------------------------------


def test_the_2022_table_is_laid_out_as_published(client_for):
    CostPool.objects.create(year=2022, amount=Decimal("4080000"))
    response = client_for("steering_member").get("/fakturering/kostnader/2022/")
    assert response.status_code == 200
    rows = table_rows(response.content.decode())
    assert len(rows) == 26 + 1  # the cost base and "Summa"
    assert rows[0] == ("Botkyrka", nbsp("93 106"), nbsp("3,97 %"), nbsp("162 053 kr"))
    assert rows[-1] == ("Summa", nbsp("2 344 124"), nbsp("100,00 %"), nbsp("4 080 000 kr"))
    names = [name for name, *_ in rows[:-1]]
    assert names[-3:] == ["Vaxholm", "Värmdö", "Österåker"]
    assert names.index("Sundbyberg") < names.index("Södertälje")
    assert names.index("Tyresö") < names.index("Täby")
    assert "Gotland" not in names


def test_a_municipal_contact_sees_their_own_row_highlighted(client_for):
    CostPool.objects.create(year=2022, amount=Decimal("4080000"))
    html = client_for("contact_taby").get("/fakturering/kostnader/2022/").content.decode()
    assert re.search(r'<tr class="highlight">\s*<th scope="row">Täby</th>', html)
    assert html.count('class="highlight"') == 1


def test_a_year_without_a_confirmed_pool_names_the_proposal_and_shows_no_table(client_for):
    client = client_for("contact_nacka")
    response = client.get("/fakturering/kostnader/2022/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kostnadsramen för 2022 är inte fastställd" in html
    assert nbsp("4 080 000 kr") in html
    assert "<table" not in html
    assert client.get("/fakturering/kostnader/2022.xlsx").status_code == 404
    assert client.get("/fakturering/kostnader/2022.pdf").status_code == 404


def test_the_xlsx_holds_the_table_as_numbers_ready_to_print(client_for):
    CostPool.objects.create(year=2022, amount=Decimal("4080000"))
    response = client_for("contact_taby").get("/fakturering/kostnader/2022.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="kostnadsfordelning-2022.xlsx"' in response["Content-Disposition"]

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 26 + 1  # heading, the cost base, "Summa"
    assert rows[0] == (
        "Parter",
        "Invånare 31 december 2018",
        "Andel invånare i procent av länets totala invånare",
        "Kostnadsfördelning",
    )
    assert rows[1][0] == "Botkyrka" and rows[1][1] == 93_106 and rows[1][3] == 162_053
    assert rows[1][2] == pytest.approx(0.0397)
    assert rows[-1][0] == "Summa" and rows[-1][1] == 2_344_124 and rows[-1][3] == 4_080_000
    assert rows[-1][2] == 1
    assert [r[0] for r in rows[-4:-1]] == ["Vaxholm", "Värmdö", "Österåker"]
    for row in rows[1:]:
        assert all(isinstance(v, int | float) for v in row[1:]), row
    botkyrka = sheet[2]
    assert botkyrka[1].number_format == "#,##0"
    assert botkyrka[2].number_format == "0.00 %"
    assert botkyrka[3].number_format == '#,##0 "kr"'
    assert sheet.print_title_rows == "$1:$1"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_the_pdf_is_a_pdf(client_for):
    CostPool.objects.create(year=2022, amount=Decimal("4080000"))
    response = client_for("finance").get("/fakturering/kostnader/2022.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# --- Special annual amounts -------------------------------------------------------------------


def test_gotlands_special_amount_makes_it_invoiceable(pl, pools, active, users):
    active(GOTLAND, D(2022, 3, 1))
    plan = services.plan_run(2022, invoice_date=D(2022, 3, 15))
    assert plan.planned == [] and "Gotland" in plan.errors[0]

    response = pl.post(
        SPECIAL,
        {
            "municipality": Municipality.objects.get(code=GOTLAND).pk,
            "year": 2022,
            "amount": "60 000",
            "note": "Styrgruppen 2022-02-01",
        },
    )
    assert response.status_code == 302
    special = SpecialAnnualAmount.objects.get()
    assert (special.amount, special.set_by) == (Decimal("60000"), users["project_leader"])

    plan = services.plan_run(2022, invoice_date=D(2022, 3, 15))
    assert plan.errors == []
    (gotland,) = plan.planned
    assert (gotland.municipality.code, gotland.twelfths, gotland.amount) == (
        GOTLAND,
        10,
        Decimal("50000"),
    )
    page = pl.get(SPECIAL).content.decode()
    assert "Gotland" in page and nbsp("60 000 kr") in page


def test_a_special_amount_is_only_for_a_municipality_outside_the_cost_base(pl):
    response = pl.post(
        SPECIAL,
        {"municipality": Municipality.objects.get(code=TABY).pk, "year": 2022, "amount": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert not SpecialAnnualAmount.objects.exists()


def test_a_special_amount_can_change_until_it_is_invoiced(pl, pools, active):
    gotland = Municipality.objects.get(code=GOTLAND)
    data = {"municipality": gotland.pk, "year": 2022, "amount": "60 000", "note": ""}
    pl.post(SPECIAL, data)
    pl.post(SPECIAL, {**data, "amount": "72 000"})
    assert SpecialAnnualAmount.objects.get().amount == Decimal("72000")

    active(GOTLAND, D(2022, 1, 1))
    services.issue_run(2022, invoice_date=D(2022, 1, 15))
    assert Invoice.objects.get().amount == Decimal("72000")
    response = pl.post(SPECIAL, {**data, "amount": "1"})
    assert response.status_code == 200
    assert "redan fakturerad för 2022" in response.context["form"].non_field_errors()[0]
    assert SpecialAnnualAmount.objects.get().amount == Decimal("72000")


def test_city_staff_read_the_special_amounts_without_a_form(client_for):
    response = client_for("signatory").get(SPECIAL)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert '<form method="post" class="stacked"' not in response.content.decode()


def test_overriding_a_confirmed_pool_shows_an_empty_note_field(pl):
    """Issue 12: the note is the reason for the new decision, never the previous one's."""
    CostPool.objects.create(year=2022, amount=Decimal("4100000"), note="Styrgruppen 2022-01-20")
    response = pl.get(pool_set_url(2022))
    html = response.content.decode()
    field = re.search(r'<textarea name="note"[^>]*>(.*?)</textarea>', html, re.S)
    assert field and field.group(1).strip() == ""
    assert "Styrgruppen 2022-01-20" in html  # still shown, as what was decided before
    assert response.context["form"].initial["amount"] == Decimal("4100000")
