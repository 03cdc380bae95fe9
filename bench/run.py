"""make bench: figures for the invoicing hot paths at national scale, in a throwaway database.

Builds 290 municipalities with agreements over 10 years (2 900 invoices) and prints, and writes to
bench/results.json, each figure with the target it is held against. Nothing here asserts a time:
the figures are for reading (docs/benchmarks.md quotes them), not for failing a build.

How the times are taken: each is a median of repeated calls; a figure held against a floor is
timed in turn with its floor (a, b, a, b …) so that the ratio is of the same moment of the
machine; pages are timed without the query capture that counts their queries (a separate call),
after the heap that building the dataset left is collected and frozen (settle_heap).

Run: make bench   (SQLite in a temporary file; BENCH_DATABASE_URL=postgres://… for PostgreSQL)
"""

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_tmp = tempfile.TemporaryDirectory(prefix="kommunavtal-bench-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{_tmp.name}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ["MEDIA_ROOT"] = f"{_tmp.name}/media"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
settings.ALLOWED_HOSTS = ["testserver"]
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test settings keep a PDF already rendered from the same HTML; a benchmark of rendering must
# render every time, as production does.
settings.PDF_REUSE_RENDERS = False

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

YEARS = range(2016, 2026)
MUNICIPALITIES = 290


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def settle_heap() -> None:
    """Collect, then freeze, what building the dataset left on the heap, before timing pages.

    A server's worker does not carry the thousands of objects that building 2 900 invoices leaves
    in this process; without this, Python's full garbage collections, which walk the whole heap,
    land in the timed requests, and more often in those that allocate more (the list rather than
    its floor).
    """
    gc.collect()
    gc.freeze()


def paired_medians_ms(fn_a, fn_b, repeat: int) -> tuple[float, float]:
    """The medians of ``fn_a`` and ``fn_b`` timed in turn, a, b, a, b …, so that a ratio of the
    two is taken under the same conditions of the machine rather than a few seconds apart."""
    a, b = [], []
    for _ in range(repeat):
        a.append(timed(fn_a)[1] * 1000)
        b.append(timed(fn_b)[1] * 1000)
    return statistics.median(a), statistics.median(b)


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        _, seconds = timed(fn)
        samples.append(seconds * 1000)
    return statistics.median(samples)


def build_municipalities():
    """290 municipalities with a 2018 population each, and confirmed pools for ten years."""
    import datetime
    from decimal import Decimal

    from municipalities.models import Municipality, PopulationFigure
    from offers.models import CostPool, Offer

    offer = Offer.objects.default()
    base = offer.population_date
    created = Municipality.objects.bulk_create(
        Municipality(code=f"{2000 + i:04d}", name=f"Benchkommun {i:03d}", county="Benchlän")
        for i in range(MUNICIPALITIES)
    )
    PopulationFigure.objects.bulk_create(
        PopulationFigure(municipality=m, reference_date=base, population=5_000 + 997 * i)
        for i, m in enumerate(created)
    )
    # The real county's municipalities are not part of the synthetic country.
    Municipality.objects.exclude(pk__in=[m.pk for m in created]).update(in_cost_base=False)
    offer.cost_base.set(created)
    amount = Decimal("4000000")
    for year in YEARS:
        CostPool.objects.update_or_create(year=year, defaults={"amount": amount, "note": "bench"})
        amount = (amount * Decimal("1.02")).quantize(Decimal("1"))
    return created, datetime


def build_agreements(municipalities):
    import datetime

    from agreements.models import Agreement, AgreementTemplate, Status

    template = AgreementTemplate.objects.order_by("valid_from").first()
    for m in municipalities:
        agreement = Agreement.objects.create(municipality=m, template=template)
        for step in (Status.SENT, Status.SIGNED_BY_MUNICIPALITY):
            agreement.transition(step, by=None)
        agreement.start_date = datetime.date(YEARS[0], 1, 1)
        agreement.transition(Status.ACTIVE, by=None)


def main():
    import datetime

    from invoicing import services

    setup_test_environment()
    print("Building the throwaway database …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from accounts.demo import load_demo_users

    users = {u.username: u for u in load_demo_users()}
    municipalities, _ = build_municipalities()
    build_agreements(municipalities)
    results = {"database": connection.vendor}

    finance = Client()
    finance.force_login(users["ekonomi"])

    def list_queries(path="/fakturering/"):
        with CaptureQueriesContext(connection) as ctx:
            response = finance.get(path)
        assert response.status_code == 200, response.status_code
        return len(ctx.captured_queries)

    def list_view(path="/fakturering/"):
        # Timed as the floor is, without the query capture (its debug cursor costs per query).
        response = finance.get(path)
        assert response.status_code == 200, response.status_code

    # The invoice list at 26 invoices: the first 26 of the first year.
    first = services.plan_run(YEARS[0], invoice_date=datetime.date(YEARS[0], 1, 15))
    for p in first.planned[:26]:
        services.issue(p)
    results["list_queries_26"] = list_queries()
    settle_heap()
    results["list_ms_26"] = median_ms(list_view, 31)

    # Issue everything for the ten years; time one whole year of 290.
    for year in YEARS[:-1]:
        services.issue_run(year, invoice_date=datetime.date(year, 1, 15))
    issued, seconds = timed(
        services.issue_run, YEARS[-1], invoice_date=datetime.date(YEARS[-1], 1, 15)
    )
    issued = issued[0]
    results["issue_290_s"] = seconds
    results["issued_in_run"] = len(issued)

    from invoicing.models import Invoice

    results["invoices"] = Invoice.objects.count()
    results["list_queries_2900"] = list_queries()
    settle_heap()
    results["list_ms_2900"], results["floor_ms"] = paired_medians_ms(
        list_view, lambda: finance.get("/konto/losenord/byt/klart/"), 31
    )

    bench_documents(results, issued)
    report(results)


def bench_documents(results, issued):
    """PDF, ZIP and XLSX figures (invoicing.documents and invoicing.exports)."""
    from weasyprint import HTML

    from invoicing import documents, exports

    invoice = issued[0]
    documents.render_invoice_pdf(invoice)  # warm up fonts and templates
    floor = "<!DOCTYPE html><html lang='sv'><body><h1>Faktura</h1><p>En rad.</p></body></html>"
    HTML(string=floor).write_pdf()
    results["pdf_ms"], results["pdf_floor_ms"] = paired_medians_ms(
        lambda: documents.render_invoice_pdf(invoice), lambda: HTML(string=floor).write_pdf(), 9
    )
    year = invoice.year
    _, results["zip_290_s"] = timed(exports.year_pdf_zip_bytes, year)
    _, results["xlsx_2900_s"] = timed(exports.register_xlsx_bytes, None)


TARGETS = [
    ("pdf_ratio", "≤ 1.5", lambda r: r["pdf_ratio"] <= 1.5),
    ("issue_290_s", "< 3 s", lambda r: r["issue_290_s"] < 3),
    ("zip_290_s", "< 10 s", lambda r: r["zip_290_s"] < 10),
    ("list_ratio_2900", "≤ 3× floor", lambda r: r["list_ratio_2900"] <= 3),
    ("list_queries_same", "same at 26 and 2 900", lambda r: r["list_queries_same"]),
    ("xlsx_2900_s", "< 1 s", lambda r: r["xlsx_2900_s"] < 1),
]


def report(results):
    results["pdf_ratio"] = results["pdf_ms"] / results["pdf_floor_ms"]
    results["list_ratio_26"] = results["list_ms_26"] / results["floor_ms"]
    results["list_ratio_2900"] = results["list_ms_2900"] / results["floor_ms"]
    results["list_queries_same"] = results["list_queries_26"] == results["list_queries_2900"]
    results["targets"] = {name: {"target": t, "met": check(results)} for name, t, check in TARGETS}
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print(f"database          {results['database']}, {results['invoices']} invoices")
    print(
        f"pdf_ms            {results['pdf_ms']:8.1f}   floor {results['pdf_floor_ms']:.1f} ms, ratio {results['pdf_ratio']:.2f} (target ≤ 1.5)"
    )
    print(
        f"issue_290_s       {results['issue_290_s']:8.2f}   ({results['issued_in_run']} invoices; target < 3 s)"
    )
    print(f"zip_290_s         {results['zip_290_s']:8.2f}   (target < 10 s)")
    print(
        f"list_ms (26)      {results['list_ms_26']:8.1f}   {results['list_queries_26']} queries, {results['list_ratio_26']:.2f}× floor"
    )
    print(
        f"list_ms (2 900)   {results['list_ms_2900']:8.1f}   {results['list_queries_2900']} queries, {results['list_ratio_2900']:.2f}× floor (target ≤ 3×)"
    )
    print(f"floor_ms          {results['floor_ms']:8.1f}   (a template-only page)")
    print(f"xlsx_2900_s       {results['xlsx_2900_s']:8.2f}   (target < 1 s)")
    print()
    for name, target in results["targets"].items():
        print(f"  {'met ' if target['met'] else 'MISSED'}  {name}: {target['target']}")
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
