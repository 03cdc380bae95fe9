""".ci/pip_audit.py: a real finding always fails; only a service that answered nothing passes
with "not checked". pip-audit itself and PyPI's project pages are replaced by canned answers (no
network in tests)."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "pip_audit.py"
spec = importlib.util.spec_from_file_location("ci_pip_audit", SCRIPT)
pip_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pip_audit)

OSV_DOWN = (1, "requests.exceptions.ConnectionError: ... NameResolutionError(...)")
NOT_FOUND = {
    "name": "django",
    "skip_reason": "Dependency not found on PyPI and could not be audited",
}
EDITABLE = {"name": "kommunavtal", "skip_reason": "distribution marked as editable"}
CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "5.2.1",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"], "description": "SQL injection"}],
}


@pytest.fixture
def answers(monkeypatch):
    """answers(osv=..., pypi=...): each a list of dependencies (a report) or (exit, stderr)."""

    def install(**by_service):
        def fake_run(service, report):
            answer = by_service[service]
            if isinstance(answer, tuple):
                return answer
            report.write_text(json.dumps({"dependencies": answer}))
            return (1 if any(d.get("vulns") for d in answer) else 0), ""

        monkeypatch.setattr(pip_audit, "run", fake_run)

    return install


def test_a_vulnerability_fails_whichever_service_found_it(answers, capsys):
    answers(osv=[VULNERABLE, EDITABLE])
    assert pip_audit.main() == 1
    assert "VULNERABLE django 5.2.1: PYSEC-2025-1 (fixed in 5.2.2)" in capsys.readouterr().out
    answers(osv=OSV_DOWN, pypi=[VULNERABLE, NOT_FOUND])
    assert pip_audit.main() == 1


def test_a_clean_report_passes_and_says_what_was_not_checked(answers, capsys):
    answers(osv=[CLEAN, EDITABLE])
    assert pip_audit.main() == 0
    out = capsys.readouterr().out
    assert "1 dependencies checked, no known vulnerabilities; 1 not checked" in out
    assert "not checked: kommunavtal" in out


@pytest.fixture
def pypi_pages(monkeypatch):
    """pypi_pages(installed, pages): what is installed, and PyPI's page per name (None: unread)."""

    def install(installed, pages):
        monkeypatch.setattr(pip_audit, "installed", lambda: installed)
        monkeypatch.setattr(pip_audit, "project_page", lambda name: pages.get(name))

    return install


def page(latest, *vulns):
    return {"info": {"version": latest}, "vulnerabilities": list(vulns)}


ADVISORY = {
    "id": "GHSA-xxxx",
    "fixed_in": ["2.0.1"],
    "summary": "Path traversal",
    "withdrawn": None,
}


def test_without_pip_audit_pypis_pages_check_the_packages_at_their_latest_release(
    answers, pypi_pages, capsys
):
    answers(osv=OSV_DOWN, pypi=[NOT_FOUND, EDITABLE])
    pypi_pages(
        [("weasyprint", "68.0"), ("django", "5.2.19")],
        {"weasyprint": page("68.0"), "django": page("6.1.3")},
    )
    assert pip_audit.main() == 0
    out = capsys.readouterr().out
    assert "1 of 2 packages checked, 0 vulnerabilities; 1 not checked" in out
    assert "not checked: django 5.2.19: not its latest release (6.1.3)" in out
    assert "unreachable" not in out


def test_an_advisory_on_the_installed_latest_release_fails(answers, pypi_pages, capsys):
    answers(osv=OSV_DOWN, pypi=[NOT_FOUND])
    withdrawn = {**ADVISORY, "id": "GHSA-gone", "withdrawn": "2026-01-01T00:00:00"}
    pypi_pages([("lxml", "2.0.0")], {"lxml": page("2.0.0", ADVISORY, withdrawn)})
    assert pip_audit.main() == 1
    out = capsys.readouterr().out
    assert "VULNERABLE lxml 2.0.0: GHSA-xxxx (fixed in 2.0.1) Path traversal" in out
    assert "GHSA-gone" not in out


def test_no_service_answering_is_said_plainly_and_does_not_block(answers, pypi_pages, capsys):
    answers(osv=OSV_DOWN, pypi=[NOT_FOUND, EDITABLE])
    pypi_pages([("django", "5.2.19")], {})
    assert pip_audit.main() == 0
    out = capsys.readouterr().out
    assert "pip-audit: vulnerability service unreachable, not checked" in out
    assert "no known vulnerabilities" not in out


def test_any_other_failure_of_pip_audit_stops_the_run(answers, capsys):
    answers(osv=(2, "error: unrecognized arguments"))
    with pytest.raises(SystemExit) as stopped:
        pip_audit.main()
    assert stopped.value.code != 0
