"""pip-audit over the project's environment, honest about what it could check.

Run with the venv's Python: ``.venv/bin/python .ci/pip_audit.py`` (``make audit`` does).

pip-audit asks a vulnerability service about every installed distribution: OSV (api.osv.dev) by
default, or PyPI's JSON API (https://pypi.org/pypi/<name>/<version>/json). On a machine whose
network reaches neither, pip-audit either fails with a connection error (OSV) or skips every
package as "not found on PyPI" (PyPI answers 404 for the per-version page) and still prints
"No known vulnerabilities found". Neither means the dependencies are safe, so this script:

- fails (exit 1) on any reported vulnerability, whatever service found it, unless its id is in
  IGNORED below with the reason;
- fails on any other error of pip-audit;
- when pip-audit could check nothing, asks PyPI's project page instead
  (https://pypi.org/pypi/<name>/json, which such a network may still reach): its
  "vulnerabilities" are those of the project's latest release, so they are exact for every
  package installed at its latest release and fail the run the same way; every other package
  is listed as not checked, with its version and the latest;
- only when nothing at all could be checked, prints
  "pip-audit: vulnerability service unreachable, not checked" and exits 0, so that a CI run
  without network is not blocked; a partial check lists what it could not check.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Vulnerability id → why it does not apply to kommunavtal. Empty: nothing is waived.
IGNORED: dict[str, str] = {}

UNREACHABLE_SIGNS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "ConnectTimeout",
    "ReadTimeout",
    "Network is unreachable",
)
NOT_FOUND = "not found on PyPI"
UNREACHABLE_MESSAGE = "pip-audit: vulnerability service unreachable, not checked"


def run(service: str, report: Path) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--vulnerability-service",
        service,
        "--format",
        "json",
        "--output",
        str(report),
        "--skip-editable",  # kommunavtal itself is not on PyPI
        "--progress-spinner",
        "off",
        "--timeout",
        "20",
    ]
    for vulnerability in IGNORED:
        command += ["--ignore-vuln", vulnerability]
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    return result.returncode, result.stderr


def audit(service: str) -> tuple[str, list[dict]]:
    """("report", dependencies) when pip-audit answered; ("unreachable", []) when it could not
    reach the service. Any other failure stops the script."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        returncode, stderr = run(service, report)
        if report.exists() and report.stat().st_size:
            return "report", json.loads(report.read_text())["dependencies"]
    if returncode != 0 and any(sign in stderr for sign in UNREACHABLE_SIGNS):
        print(f"pip-audit ({service}): cannot reach the service: {stderr.strip().splitlines()[-1]}")
        return "unreachable", []
    print(stderr, file=sys.stderr)
    sys.exit(f"pip-audit ({service}) failed (exit {returncode}) without a report")


def main() -> int:
    for service in ("osv", "pypi"):
        outcome, dependencies = audit(service)
        if outcome == "unreachable":
            continue
        vulnerable = [d for d in dependencies if d.get("vulns")]
        checked = [d for d in dependencies if "skip_reason" not in d]
        skipped = [d for d in dependencies if "skip_reason" in d]
        if vulnerable:
            for dependency in vulnerable:
                for vuln in dependency["vulns"]:
                    fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
                    print(
                        f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                        f"(fixed in {fixes}) {vuln.get('description', '')[:200]}"
                    )
            print(f"pip-audit ({service}): {len(vulnerable)} vulnerable dependencies")
            return 1
        if not checked:
            # Every lookup failed (PyPI's per-version pages answered 404): nothing was checked.
            not_found = sum(NOT_FOUND in d["skip_reason"] for d in skipped)
            print(f"pip-audit ({service}): none of {not_found} dependencies could be looked up")
            continue
        for dependency in skipped:
            print(f"not checked: {dependency['name']}: {dependency['skip_reason']}")
        print(
            f"pip-audit ({service}): {len(checked)} dependencies checked, "
            f"no known vulnerabilities; {len(skipped)} not checked"
        )
        return 0
    return latest_release_check()


def installed() -> list[tuple[str, str]]:
    """(name, version) of every installed distribution but the project itself (editable)."""
    listing = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pip", "list", "--format", "json", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(d["name"], d["version"]) for d in json.loads(listing)]


def project_page(name: str) -> dict | None:
    """PyPI's JSON page of the project (its latest release), or None if it cannot be had."""
    url = f"https://pypi.org/pypi/{name}/json"
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (OSError, ValueError):
        return None


def latest_release_check() -> int:
    packages = installed()
    with ThreadPoolExecutor(max_workers=8) as pool:
        pages = list(pool.map(project_page, (name for name, _ in packages)))
    if not any(pages):
        print(UNREACHABLE_MESSAGE)
        return 0
    checked, not_checked, findings = 0, [], []
    for (name, version), page in zip(packages, pages, strict=True):
        if page is None:
            not_checked.append(f"{name} {version}: its PyPI page could not be read")
            continue
        latest = page["info"]["version"]
        if latest != version:
            not_checked.append(f"{name} {version}: not its latest release ({latest})")
            continue
        checked += 1
        for vuln in page.get("vulnerabilities") or []:
            if vuln.get("withdrawn") or vuln["id"] in IGNORED:
                continue
            fixes = ", ".join(vuln.get("fixed_in") or []) or "no fix yet"
            findings.append(
                f"VULNERABLE {name} {version}: {vuln['id']} (fixed in {fixes}) "
                f"{(vuln.get('summary') or vuln.get('details') or '')[:200]}"
            )
    for line in findings:
        print(line)
    for line in not_checked:
        print(f"not checked: {line}")
    print(
        f"PyPI's advisories for the latest releases: {checked} of {len(packages)} packages "
        f"checked, {len(findings)} vulnerabilities; {len(not_checked)} not checked"
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
