""".ci/pip_audit.py: a real finding always fails; only a service that answered nothing passes
with "not checked". pip-audit itself is replaced by canned answers (no network in tests)."""

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


def test_no_service_answering_is_said_plainly_and_does_not_block(answers, capsys):
    answers(osv=OSV_DOWN, pypi=[NOT_FOUND, EDITABLE])
    assert pip_audit.main() == 0
    out = capsys.readouterr().out
    assert "pip-audit: vulnerability service unreachable, not checked" in out
    assert "no known vulnerabilities" not in out


def test_any_other_failure_of_pip_audit_stops_the_run(answers, capsys):
    answers(osv=(2, "error: unrecognized arguments"))
    with pytest.raises(SystemExit) as stopped:
        pip_audit.main()
    assert stopped.value.code != 0
