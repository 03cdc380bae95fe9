"""WCAG 2.1 A and AA (DOS-lagen) on every page, for every role, checked by axe-core in Chromium.

No page is listed here: the sweep walks the URL × role table (tests/url_cases/, the same one that
tests/test_urls_by_role.py checks), so a page added to the product is swept as soon as it is in the
table. For each role it opens every URL that answers that role 200, skips what is no HTML (PDF,
XLSX, ZIP, ICS), and runs axe; then it sends each form of those pages with nothing filled in and
runs axe on the page that comes back with its errors, checking too that every error is tied to
its field, and on the role's refusal (403) and "not found" (404) pages. One test per role, one browser context and page for all of that role's pages.

Only the forms that the table says an empty POST re-renders (200, or 400 for a form that must name
itself) are sent, so the sweep changes nothing that a later page needs.

Run it alone with ``pytest -m axe`` (about three minutes on two cores). CI runs it once, on SQLite:
the HTML does not depend on the database.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.conftest import ROLES
from tests.test_urls_by_role import CASES, fill  # noqa: F401  (fill is the table's fixture)
from tests.url_cases import FORBIDDEN, NOT_FOUND, OK

from .a11y import axe_violations, error_association_problems, use_session_of

pytestmark = [pytest.mark.browser, pytest.mark.axe]

ERROR_STATES = (200, 400)

# The forms inside <main> that send a POST (the header's log-out and the footer's language form
# are on every page and do something else), with the number of fields a user fills in.
FORMS = """() => [...document.querySelectorAll('main form')].map((form, index) => ({
  index,
  method: form.method,
  action: form.action,
  fields: [...form.elements].filter((el) =>
    el.matches('select, textarea, input:not([type=hidden]):not([type=submit]):not([type=button])'
               + ':not([type=reset]):not([type=image])')).length,
}))"""

# Send the form as a user who fills in nothing: the browser's own checks are off (so that the
# server's errors show), the fields send nothing, hidden values and the submit button stay.
SUBMIT_EMPTY = """(index) => {
  const form = document.querySelectorAll('main form')[index];
  form.noValidate = true;
  for (const el of [...form.elements]) {
    if (el.matches('button, input[type=hidden], input[type=submit], input[type=button]')) continue;
    el.removeAttribute('name');
  }
  const submitter = form.querySelector('button:not([type=button]):not([type=reset]), input[type=submit]');
  form.requestSubmit(submitter || undefined);
}"""


def visit(page: Page, path: str):
    """The response to opening ``path``, or None when the browser takes it as a download."""
    try:
        return page.goto(path)
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return None
        raise


def is_html(response) -> bool:
    return response.headers.get("content-type", "").startswith("text/html")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_form_error_meets_wcag_21_aa(role, page: Page, site, client_for, fill):  # noqa: F811
    if role != "anonymous":
        use_session_of(page.context, client_for(role), site)
    paths = {fill(path): name for name, (path, get, _post) in CASES.items() if get[role] == OK}
    post_ok = {
        urlsplit(fill(path)).path: post[role] in ERROR_STATES
        for _name, (path, _get, post) in CASES.items()
        if post is not None
    }

    problems, forms, swept, errors_swept = [], {}, 0, 0
    for path, name in sorted(paths.items()):
        where = f"{role} GET {path} ({name})"
        response = visit(page, path)
        if response is None or not is_html(response):
            continue
        if response.status != OK:
            problems.append(f"{where}: answered {response.status}, the table says 200")
            continue
        swept += 1
        problems += axe_violations(page, where)
        for form in page.evaluate(FORMS):
            action = urlsplit(form["action"]).path
            if form["method"] == "post" and form["fields"] and post_ok.get(action):
                forms.setdefault(action, (path, form["index"]))

    # The pages a role meets when it may not see or do something: one refusal (403) and one
    # "not found" (404), an object of another municipality, or an address that leads nowhere.
    for status in (FORBIDDEN, NOT_FOUND):
        refused = [fill(p) for _n, (p, get, _post) in sorted(CASES.items()) if get[role] == status]
        path = refused[0] if refused else ("/finns-inte/" if status == NOT_FOUND else None)
        if path is None:
            continue
        response = page.goto(path)
        where = f"{role} GET {path} (the {status} page)"
        if response.status != status:
            problems.append(f"{where}: answered {response.status}")
            continue
        problems += axe_violations(page, where)

    for action, (path, index) in sorted(forms.items()):
        where = f"{role} POST {action} (empty form on {path})"
        page.goto(path)
        with page.expect_navigation() as navigation:
            page.evaluate(SUBMIT_EMPTY, index)
        status = navigation.value.status
        if status not in ERROR_STATES:
            problems.append(f"{where}: answered {status} instead of showing the errors")
            continue
        problems += axe_violations(page, where)
        problems += error_association_problems(page, where)
        errors_swept += 1

    assert swept, f"no HTML page was swept for {role}"
    if problems:
        summary = f"{len(problems)} problems on {swept} pages and {errors_swept} forms with errors"
        pytest.fail(f"{summary} ({role}):\n" + "\n".join(problems), pytrace=False)
