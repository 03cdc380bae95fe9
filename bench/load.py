"""make bench, load step: the app under gunicorn (2 workers) on 127.0.0.1, 16 connections for 60 s
(wrk) against three pages at national scale.

1. Builds the same synthetic dataset as bench/run.py (290 municipalities, 2 900 invoices; its own
   builders) in a throwaway SQLite file (or BENCH_DATABASE_URL, an empty PostgreSQL database),
   plus one municipal contact of a synthetic municipality with its ten invoices.
2. Serves it with gunicorn (2 sync workers, config/gunicorn.conf.py as in production) and
   production settings: DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, collected
   static files served by whitenoise. The one difference from
   production: SECURE_SSL_REDIRECT=false, because this runs over plain HTTP on 127.0.0.1 with no
   TLS proxy in front (the Secure cookies are sent back by hand, as a browser behind the proxy
   would).
3. Logs in the contact and finance through the real login form to get their session cookies.
4. Runs wrk (apt-get install wrk) with 2 threads and 16 connections for BENCH_LOAD_SECONDS
   (default 60) against the login page, the contact's home page and finance's invoice list, and
   reports requests per second, p50 and p95 latency and errors (socket errors and every response
   that is not 2xx), against the targets 0 errors and p95 < 100 ms. Before each page, a short run
   with one connection gives the time a request takes when it waits for no other.
   BENCH_LOAD_PAGES=finance_invoices (names separated by commas) runs only those, for a trial.

The figures are added to bench/results.json under "load" (run after bench/run.py, which writes
the file anew) and quoted in docs/benchmarks.md. Nothing asserts a time.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_tmp = tempfile.TemporaryDirectory(prefix="kommunavtal-load-")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{_tmp.name}/load.sqlite3"
PRODUCTION_LIKE = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1, no TLS proxy: bench only
    "DATABASE_URL": DATABASE_URL,
    "MEDIA_ROOT": f"{_tmp.name}/media",
    "EMAIL_URL": "consolemail://",
    "LOG_LEVEL": "WARNING",
    # A valid Bankgiro (Bankgirot's own): nothing is issued with the placeholder 000-0000.
    "INVOICE_SELLER_BANKGIRO": "5050-1055",
}
os.environ.update(PRODUCTION_LIKE, BENCH_DATABASE_URL=DATABASE_URL)

from bench import run as dataset  # noqa: E402  (sets Django up against DATABASE_URL)

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CONNECTIONS = 16
SINGLE_SECONDS = min(10, SECONDS)  # the one-connection run before each page's load
THREADS = 2
WORKERS = 2
CONTACT = "kontakt.bench"
PASSWORD = "kommunavtal-demo"  # the demo users' password (accounts/demo.py)
PAGES = [
    ("login", "anonymous", "/konto/logga-in/"),
    ("contact_home", CONTACT, "/"),
    ("finance_invoices", "ekonomi", "/fakturering/"),
]
P95_TARGET_MS = 100

WRK_SCRIPT = r"""
-- Counts every response that is not 2xx (wrk itself counts only >= 400) and prints one JSON line.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "non2xx": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, bad,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    latency.max))
end
"""


def build():
    """The dataset of bench/run.py, issued for all ten years, and a contact of one municipality."""
    import datetime

    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from accounts.demo import load_demo_users
    from accounts.models import User
    from accounts.roles import Role
    from invoicing import services
    from invoicing.models import Invoice

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    load_demo_users()
    municipalities, _ = dataset.build_municipalities()
    dataset.build_agreements(municipalities)
    for year in dataset.YEARS:
        services.issue_run(year, invoice_date=datetime.date(year, 1, 15))
    contact = User.objects.create_user(
        username=CONTACT,
        email="kontakt@bench.example.se",
        password=PASSWORD,
        first_name="Bengt",
        last_name="Benchsson",
        municipality=municipalities[0],
    )
    contact.groups.set([Group.objects.get(name=Role.MUNICIPAL_CONTACT.value)])
    call_command("collectstatic", interactive=False, verbosity=0)
    return Invoice.objects.count(), Invoice.objects.filter(municipality=municipalities[0]).count()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, *, cookies=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    jar = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.update({k: m.value for k, m in SimpleCookie(header).items()})
    connection.close()
    return response.status, response.headers, content, jar


def start_gunicorn(port, log):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--config",
        "config/gunicorn.conf.py",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(  # noqa: S603 (our own fixed command)
        command, cwd=ROOT, env={**os.environ, **PRODUCTION_LIKE}, stdout=log, stderr=log
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}); see {log.name}")
        try:
            if request(port, "GET", "/konto/logga-in/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)  # waiting for the workers to boot, not measuring anything
    server.terminate()
    sys.exit("gunicorn did not answer within 120 s")


def log_in(port, username) -> dict:
    """The session cookie of a real login through the form (CSRF token and all)."""
    status, _, html, jar = request(port, "GET", "/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, headers, _, new = request(
        port,
        "POST",
        "/konto/logga-in/",
        cookies=jar,
        body={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    if status != 302 or "sessionid" not in new:
        sys.exit(f"login as {username} failed: {status}")
    cookies = {"sessionid": new["sessionid"]}
    status, *_ = request(port, "GET", "/", cookies=cookies)
    assert status == 200, f"{username}'s home page answered {status}"
    return cookies


def wrk(port, path, cookies, script, *, threads=THREADS, connections=CONNECTIONS, seconds=SECONDS):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
    ]
    if cookies:
        command += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    output = subprocess.run(  # noqa: S603 (our own fixed command)
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    errors = raw["non2xx"] + raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "path": path,
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": errors,
        "errors_detail": {
            k: raw[k] for k in ("non2xx", "connect", "read", "write", "timeout") if raw[k]
        },
    }


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (the load step needs it)")
    print(f"Load: building the dataset in {DATABASE_URL.split('@')[-1]} …", flush=True)
    invoices, contact_invoices = build()
    port = free_port()
    script = Path(_tmp.name) / "count.lua"
    script.write_text(WRK_SCRIPT)
    load_before = os.getloadavg()
    with open(Path(_tmp.name) / "gunicorn.log", "w+") as log:
        server = start_gunicorn(port, log)
        try:
            sessions = {"anonymous": None, CONTACT: log_in(port, CONTACT)}
            sessions["ekonomi"] = log_in(port, "ekonomi")
            pages = {}
            only = os.environ.get("BENCH_LOAD_PAGES")  # e.g. "finance_invoices", for a trial
            for name, who, path in PAGES:
                if only and name not in only.split(","):
                    continue
                for _ in range(20):  # warm both workers' templates and connections
                    request(port, "GET", path, cookies=sessions[who])
                # One connection first: the time a request takes when it waits for nobody.
                alone = wrk(
                    port,
                    path,
                    sessions[who],
                    script,
                    threads=1,
                    connections=1,
                    seconds=SINGLE_SECONDS,
                )
                print(f"Load: {name} ({path}) for {SECONDS} s …", flush=True)
                pages[name] = wrk(port, path, sessions[who], script)
                pages[name]["as"] = who
                pages[name]["one_connection"] = {
                    k: alone[k] for k in ("requests_per_s", "p50_ms", "p95_ms", "errors")
                }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    load_after = os.getloadavg()
    results = {
        "database": DATABASE_URL.split(":", 1)[0],
        "invoices": invoices,
        "contact_invoices": contact_invoices,
        "server": f"gunicorn, {WORKERS} sync workers, 127.0.0.1",
        "client": f"wrk, {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per page",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "pages": pages,
        "targets": {
            name: {
                "errors_0": page["errors"] == 0,
                f"p95_below_{P95_TARGET_MS}_ms": page["p95_ms"] < P95_TARGET_MS,
            }
            for name, page in pages.items()
        },
    }
    report(results)


def report(results):
    out = ROOT / "bench" / "results.json"
    previous = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    previous["load"] = results
    out.write_text(json.dumps(previous, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print(
        f"load: {results['server']}; {results['client']}; {results['database']}, "
        f"{results['invoices']} invoices"
    )
    print(
        f"{'page':<18} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f"   {'alone: p50 ms':>13}"
    )
    for name, page in results["pages"].items():
        print(
            f"{name:<18} {page['requests_per_s']:>8.1f} {page['p50_ms']:>8.1f} "
            f"{page['p95_ms']:>8.1f} {page['p99_ms']:>8.1f} {page['errors']:>7}"
            f"   {page['one_connection']['p50_ms']:>13.1f}"
        )
    print(
        f"load average before {results['load_average_before']}, after {results['load_average_after']}"
    )
    for name, targets in results["targets"].items():
        for target, met in targets.items():
            print(f"  {'met ' if met else 'MISSED'}  {name}: {target}")
    print(f'\nAdded to {out.relative_to(ROOT)} under "load"')


if __name__ == "__main__":
    main()
