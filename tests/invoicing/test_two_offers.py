"""Two offers side by side: one municipality signs both, each offer's run invoices its own
agreements with its own pool, cost base and first-year rule, the numbers run on in one series,
and the municipality's contacts see both offers' invoices and no one else's."""

import datetime
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import CommandError, call_command

from agreements import services as agreement_services
from agreements.models import AgreementTemplate, Status
from invoicing import documents, einvoice, services
from invoicing.models import Invoice, InvoiceSequence
from municipalities.models import Municipality, PopulationFigure
from offers.models import CostPool, FirstYearRule, Offer, Service
from offers.pools import set_pool
from tests.clock import on
from tests.pdf_text import check_pdf, words
from tests.url_cases.invoicing_invoices import active_agreement, org_number_for

from .conftest import D

TABY, NACKA, HANINGE = "0160", "0182", "0136"
SECOND_BASE = [
    TABY,
    NACKA,
    "0180",
    "0114",
    "0115",
]  # Täby, Nacka, Stockholm, Upplands Väsby, Vallentuna
SECOND_POOL = Decimal("1000000")
NBSP = "\u00a0"
LINES = ("Beskrivning", "Belopp")  # the column headers of the invoice's table


def half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def kr(amount) -> str:
    return f"{int(amount):,}".replace(",", NBSP) + f"{NBSP}kr"


@pytest.fixture
def first(reference_data):
    return Offer.objects.default()


@pytest.fixture
def second(reference_data, first):
    """A resource centre over five municipalities, with its own two services, its 2025 pool, its
    own agreement version (a copy of today's 2023 text, contacts filled in) and the days rule."""
    offer = Offer.objects.create(
        name="Resurscentrum mot hedersrelaterat våld",
        slug="resurscentrum",
        host_party="Socialförvaltningen i Stockholms stad, org.nr 212000-0142",
        indexation_percent=Decimal("3.00"),
        population_date=first.population_date,
        payment_term_days=20,
        first_year_rule=FirstYearRule.DAYS,
        has_steering_group=False,
        has_followup=False,
        has_training=False,
    )
    offer.cost_base.set(Municipality.objects.filter(code__in=SECOND_BASE))
    for order, (code, name) in enumerate([("radgivning", "Rådgivning"), ("utbildning", "Stöd")]):
        Service.objects.create(
            offer=offer, code=code, name=name, positions=1, description=name, order=order
        )
    CostPool.objects.create(offer=offer, year=2025, amount=SECOND_POOL, note="test")
    source = AgreementTemplate.objects.get(offer=first, version="2023")
    contacts, sections = list(source.contacts.all()), list(source.sections.all())
    template = source
    template.pk = None
    template.offer = offer
    template.version = "RC-2025"
    template.title = "Avtal om nyttjande av Resurscentrum mot hedersrelaterat våld"
    template.save()
    for row in [*contacts, *sections]:
        row.pk = None
        row.template = template
        row.save()
    return offer


def second_agreement(code, users, *, start, offer):
    """An ACTIVE agreement of ``offer`` (on its own version) for ``code``, § 1 filled in."""
    by = users["project_leader"]
    municipality = Municipality.objects.get(code=code)
    agreement = agreement_services.prepare_agreement(
        municipality=municipality, by=by, template=AgreementTemplate.objects.get(offer=offer)
    )
    agreement.org_number = org_number_for(code)
    agreement.invoicing_address = f"{municipality.name} kommun\nBox 2\n100 01 Ort"
    agreement.buyer_reference = f"RC-{code}"
    agreement.save()
    agreement.transition(Status.SENT, by=by)
    agreement.transition(Status.SIGNED_BY_MUNICIPALITY, by=by)
    agreement.start_date = start
    agreement.transition(Status.ACTIVE, by=by)
    return agreement


def second_county_total() -> int:
    return sum(
        PopulationFigure.objects.filter(
            reference_date=datetime.date(2018, 12, 31), municipality__code__in=SECOND_BASE
        ).values_list("population", flat=True)
    )


def population(code) -> int:
    return PopulationFigure.objects.get(
        reference_date=datetime.date(2018, 12, 31), municipality__code=code
    ).population


@pytest.fixture
def both(pools, users, first, second):
    """Täby has signed both offers from 10 June 2025, Nacka only the first."""
    return {
        "taby_first": active_agreement(TABY, users, start=D(2025, 6, 10)),
        "nacka_first": active_agreement(NACKA, users, start=D(2025, 6, 10)),
        "taby_second": second_agreement(TABY, users, start=D(2025, 6, 10), offer=second),
    }


def test_each_offers_run_invoices_its_own_agreements_with_its_own_figures(
    both, pools, first, second
):
    day = D(2025, 6, 20)
    first_run, first_plan = services.issue_run(2025, offer=first, invoice_date=day)
    second_run, second_plan = services.issue_run(2025, offer=second, invoice_date=day)

    assert {i.agreement for i in first_run} == {both["taby_first"], both["nacka_first"]}
    assert [i.agreement for i in second_run] == [both["taby_second"]]
    assert first_plan.errors == second_plan.errors == []

    # The first offer: its pool, the whole county, 7 twelfths (start 10 June).
    taby_first = next(i for i in first_run if i.municipality.code == TABY)
    annual = half_up(Fraction(int(pools[2025])) * population(TABY) / 2_344_124)
    assert (taby_first.annual_amount, taby_first.twelfths, taby_first.days) == (annual, 7, None)
    assert taby_first.amount == half_up(Fraction(annual * 7, 12))

    # The second: its own pool over its own five municipalities, 205 days of 365 (10 June to
    # 31 December), due after its own 20 days.
    (taby_second,) = second_run
    annual = half_up(Fraction(int(SECOND_POOL)) * population(TABY) / second_county_total())
    assert taby_second.annual_amount == annual
    assert (taby_second.twelfths, taby_second.days) == (0, 205)
    assert taby_second.amount == half_up(Fraction(annual * 205, 365))
    assert taby_second.due_date == D(2025, 7, 10)
    assert taby_second.snapshot["county_total"] == second_county_total()
    assert taby_second.snapshot["offer_slug"] == "resurscentrum"

    # Running either again issues nothing new.
    assert services.issue_run(2025, offer=first, invoice_date=day)[0] == []
    assert services.issue_run(2025, offer=second, invoice_date=day)[0] == []


def test_two_offers_invoices_share_one_gapless_series(both, first, second):
    day = D(2025, 6, 20)
    services.issue_run(2025, offer=first, invoice_date=D(2025, 6, 18))
    services.issue_run(2025, offer=second, invoice_date=day)
    note = services.credit(
        Invoice.objects.get(agreement=both["taby_second"]), reason="fel", invoice_date=day
    )

    invoices = Invoice.objects.order_by("series_number")
    assert [i.series_number for i in invoices] == [1, 2, 3, 4]
    assert [i.number for i in invoices] == ["2025-0001", "2025-0002", "2025-0003", "2025-0004"]
    assert invoices.last() == note and note.days == 205  # the credit note covers the same days
    assert {i.agreement.offer for i in invoices} == {first, second}
    assert InvoiceSequence.objects.get(year=2025).last_number == 4


def test_a_run_without_an_offer_is_refused_when_there_are_several(both, first, second):
    with pytest.raises(services.OfferNotChosen, match="resurscentrum"):
        services.plan_run(2025, invoice_date=D(2025, 6, 20))
    # A first invoice previewed on its own is its agreement's offer's.
    plan = services.plan_run(2025, invoice_date=D(2025, 6, 20), agreement_pk=both["taby_second"].pk)
    assert plan.offer == second and [p.days for p in plan.planned] == [205]


def test_the_pool_lock_looks_at_the_offers_own_invoices_only(both, pools, first, second, users):
    services.issue_run(2025, offer=second, invoice_date=D(2025, 6, 20))

    with pytest.raises(ValueError, match="Det finns fakturor för 2025"):
        set_pool(year=2025, amount=Decimal("1100000"), note="höjd", by=None, offer=second)
    # The first offer has nothing invoiced for 2025: its pool can still change.
    pool, _proposal = set_pool(
        year=2025, amount=pools[2025] + 1, note="justerad", by=None, offer=first
    )
    assert pool.amount == pools[2025] + 1


def test_invoice_run_names_the_offers_when_several_exist_and_none_is_chosen(both):
    with pytest.raises(CommandError) as refused:
        call_command("invoice_run", "2025", "--date", "2025-06-20", "--dry-run")
    message = str(refused.value)
    assert "--offer" in message
    assert "mikamottagningen-kast-regionkoordinatorer" in message and "resurscentrum" in message
    assert not Invoice.objects.exists()

    out = io.StringIO()
    call_command(
        "invoice_run",
        "2025",
        "--date",
        "2025-06-20",
        "--dry-run",
        "--offer",
        "resurscentrum",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert len([line for line in lines if "Täby" in line]) == 1
    assert "205 dagar av" in out.getvalue() and "Nacka" not in out.getvalue()
    assert "1 fakturor skulle utfärdas för 2025" in out.getvalue()

    with pytest.raises(CommandError, match="inget erbjudande med kortnamnet okand"):
        call_command("invoice_run", "2025", "--dry-run", "--offer", "okand")


def test_the_days_rule_invoice_reads_in_days_and_names_the_offer(both, second):
    (invoice,), _plan = services.issue_run(2025, offer=second, invoice_date=D(2025, 6, 20))
    annual, amount = invoice.annual_amount, invoice.amount

    found = check_pdf(documents.render_invoice_pdf(invoice), column_headers=[LINES], pages=1)
    page = words(found.pages[0])
    cells = [words(cell.text) for table in found.tables for row in table.rows for cell in row]

    assert (
        f"Avtal om nyttjande av insatser vid Resurscentrum mot hedersrelaterat våld 2025: "
        f"205 dagar av {words(kr(annual))}" in cells
    )
    assert f"{words(kr(annual))} × 205/365 = {words(kr(amount))}" in page
    assert "avtalet gäller 205 dagar av årets 365" in page
    assert "/12" not in page and "tolftedelar" not in page
    assert "Mikamottagningen" not in page

    # The e-invoice says the same, and its period is the 205 days.
    xml = einvoice.build_ubl(invoice).decode()
    assert "Resurscentrum mot hedersrelaterat våld 2025: 205 dagar av" in xml
    assert "<cbc:StartDate>2025-06-10</cbc:StartDate>" in xml
    assert "<cbc:EndDate>2025-12-31</cbc:EndDate>" in xml


@pytest.mark.parametrize("contact, status", [("contact_taby", 200), ("contact_nacka", 404)])
def test_a_municipal_contact_sees_both_offers_invoices_of_their_own_only(
    both, first, second, client_for, contact, status
):
    services.issue_run(2025, offer=first, invoice_date=D(2025, 6, 20))
    services.issue_run(2025, offer=second, invoice_date=D(2025, 6, 20))
    taby = Invoice.objects.filter(municipality__code=TABY).order_by("series_number")
    assert taby.count() == 2

    client = client_for(contact)
    for invoice in taby:
        assert client.get(f"/fakturering/{invoice.pk}/").status_code == status
        assert client.get(f"/fakturering/{invoice.pk}/faktura.pdf").status_code == status

    if contact == "contact_taby":
        page = client.get("/fakturering/").content.decode()
        assert "Erbjudande" in page
        assert "Resurscentrum mot hedersrelaterat våld" in page
        assert "Mikamottagningen, KAST och regionkoordinatorer" in page
        only_second = client.get("/fakturering/?erbjudande=resurscentrum").content.decode()
        assert taby[1].number in only_second and taby[0].number not in only_second


def test_the_register_names_each_invoices_offer_and_filters_by_it(both, first, second, client_for):
    from openpyxl import load_workbook

    services.issue_run(2025, offer=first, invoice_date=D(2025, 6, 20))
    services.issue_run(2025, offer=second, invoice_date=D(2025, 6, 20))
    finance = client_for("finance")

    def offers_in(query):
        sheet = load_workbook(
            io.BytesIO(finance.get("/fakturering/register.xlsx" + query).content)
        ).active
        rows = list(sheet.iter_rows(values_only=True))
        offer, twelfths, days = (rows[0].index(h) for h in ("Erbjudande", "Tolftedelar", "Dagar"))
        return sorted((row[offer], row[twelfths], row[days]) for row in rows[1:])

    assert offers_in("") == [
        ("Mikamottagningen, KAST och regionkoordinatorer", 7, None),
        ("Mikamottagningen, KAST och regionkoordinatorer", 7, None),
        ("Resurscentrum mot hedersrelaterat våld", 0, 205),
    ]
    assert offers_in("?erbjudande=resurscentrum") == [
        ("Resurscentrum mot hedersrelaterat våld", 0, 205)
    ]


def test_the_cost_pages_are_each_offers_own(both, pools, first, second, client_for):
    leader = client_for("project_leader")
    base = "/fakturering/kostnader/erbjudande/resurscentrum/"

    pools_page = leader.get(base).content.decode()
    assert "Resurscentrum mot hedersrelaterat våld" in pools_page
    assert f'href="{base}2025/"' in pools_page
    assert 'href="/fakturering/kostnader/"' in pools_page  # the other offer's pools
    assert "föregående års ram × 1,03" in pools_page  # its own 3 % a year

    table = leader.get(base + "2025/").content.decode()
    taby = half_up(Fraction(int(SECOND_POOL)) * population(TABY) / second_county_total())
    assert words(kr(taby)) in words(table) and "Haninge" not in table
    assert "Haninge" in leader.get("/fakturering/kostnader/2025/").content.decode()
    # 2026 is not confirmed for the second offer: a proposal at its own 3 %.
    assert words(kr(1_030_000)) in words(leader.get(base + "2026/").content.decode())
    assert leader.get("/fakturering/kostnader/erbjudande/okand/").status_code == 404

    finance = client_for("finance")
    preview = finance.get(base + "korning/?ar=2025&fakturadatum=2025-06-20").content.decode()
    assert f'action="{base}korning/utfarda/"' in preview
    assert "Täby" in preview and "Nacka" not in preview
    default = finance.get("/fakturering/kostnader/korning/?ar=2025&fakturadatum=2025-06-20")
    assert "Nacka" in default.content.decode()

    total = services.plan_run(2025, offer=second, invoice_date=D(2025, 6, 20)).total
    response = finance.post(
        base + "korning/utfarda/",
        {
            "ar": 2025,
            "fakturadatum": "2025-06-20",
            "antal": 1,
            "summa": int(total),
            "bekrafta_datum": "on",
        },
    )
    assert response.status_code == 302
    assert list(Invoice.objects.values_list("agreement", flat=True)) == [both["taby_second"].pk]


@on("2025-06-20")
def test_finance_sees_each_offers_first_invoices_with_a_link_to_its_own_run(
    both, first, second, client_for
):
    page = client_for("finance").get("/").content.decode()

    assert page.count("Förhandsgranska och utfärda första fakturan till Täby") == 2
    assert "(Resurscentrum mot hedersrelaterat våld)" in page
    assert "från 2025-06-10: 205 dagar" in page and "från 2025-06-10: 7/12" in page
    second_run = "/fakturering/kostnader/erbjudande/resurscentrum/korning/?ar=2025"
    assert f"{second_run}&amp;fakturadatum=2025-06-20&amp;avtal={both['taby_second'].pk}" in page
    first_run = "/fakturering/kostnader/korning/?ar=2025"
    assert f"{first_run}&amp;fakturadatum=2025-06-20&amp;avtal={both['taby_first'].pk}" in page


def test_the_project_leader_is_asked_for_each_offers_missing_pool(pools, users, second):
    from config.todo import for_project_leader

    items = for_project_leader(users["project_leader"], D(2025, 6, 20))

    pool_items = [(i.text, i.url) for i in items if "Kostnadsramen" in str(i.text)]
    assert pool_items == [
        (
            "Kostnadsramen för 2026 (Resurscentrum mot hedersrelaterat våld) är inte fastställd.",
            "/fakturering/kostnader/erbjudande/resurscentrum/ram/2026/",
        )
    ]  # the first offer's 2026 pool is confirmed


def test_the_cost_commands_take_the_offer(second):
    with pytest.raises(CommandError, match="resurscentrum"):
        call_command("cost_table", "2025")

    out = io.StringIO()
    call_command("cost_table", "2025", "--offer", "resurscentrum", "--format", "csv", stdout=out)
    rows = out.getvalue().splitlines()
    assert len(rows) == 1 + len(SECOND_BASE) + 1  # header, the five, Summa
    assert rows[-1] == f",Summa,{second_county_total()},100.00,1000000"

    out = io.StringIO()
    call_command("set_cost_pool", "2026", "1030000", "--offer", "resurscentrum", stdout=out)
    assert (
        words(out.getvalue())
        == "Kostnadsram 2026: 1 030 000 kr fastställd (förslag var 1 030 000 kr)."
    )
    assert CostPool.objects.get(offer=second, year=2026).amount == 1_030_000
