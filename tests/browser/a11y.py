"""What the accessibility tests share: axe-core (the copy inside axe-playwright-python's wheel, so
no network is needed) limited to WCAG 2.0/2.1 level A and AA, a session for a role without the
login form, and the checks of a form's error state that axe does not make."""

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import BrowserContext, Page

# axe-core's tags for the success criteria of WCAG 2.0 and 2.1, levels A and AA: what DOS-lagen
# asks for (EN 301 549 points to WCAG 2.1 AA). Best practices and AAA are left out on purpose.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page: Page, where: str) -> list[str]:
    """One line per element that breaks a WCAG 2.1 A/AA rule on the page as it is now."""
    results = _axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{where}: {violation['id']} ({violation['impact']}) at {', '.join(map(str, node['target']))}"
        f" – {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def use_session_of(context: BrowserContext, client, base_url: str) -> None:
    """Give the browser the session cookie of a Django test client that is logged in."""
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


# Error messages must be tied to their fields: a field marked aria-invalid is described (itself or
# through its fieldset) by the list of its errors; every list of field errors describes a field;
# every link of the error summary leads to a field that takes the focus.
_ERROR_ASSOCIATION = """() => {
  const problems = [];
  const describedBy = (el) => (el?.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  const label = (el) => el.name || el.id || el.outerHTML.slice(0, 60);
  for (const field of document.querySelectorAll('main [aria-invalid="true"]')) {
    const ids = [...describedBy(field), ...describedBy(field.closest('fieldset'))];
    const described = ids.map((id) => document.getElementById(id)).filter(Boolean);
    if (!described.some((el) => el.matches('.errorlist, .errorlist *'))) {
      problems.push(`${label(field)} is aria-invalid but not described by its error`);
    }
  }
  const referenced = new Set(
    [...document.querySelectorAll('main [aria-describedby]')].flatMap((el) => describedBy(el)));
  for (const list of document.querySelectorAll('main ul.errorlist:not(.nonfield)')) {
    if (list.closest('.error-summary')) continue;
    if (!list.id || !referenced.has(list.id)) {
      problems.push(`the error "${list.textContent.trim()}" is tied to no field`);
    }
  }
  for (const link of document.querySelectorAll('.error-summary a[href^="#"]')) {
    const target = link.getAttribute('href').slice(1);
    const field = target && document.getElementById(target);
    if (!field || !field.matches('input, select, textarea, [tabindex]')) {
      problems.push(`the error summary's link "${link.textContent.trim()}" leads to no field (#${target})`);
    }
  }
  return problems;
}"""


def error_association_problems(page: Page, where: str) -> list[str]:
    return [f"{where}: {problem}" for problem in page.evaluate(_ERROR_ASSOCIATION)]


# --- The keyboard alone ---------------------------------------------------------------------

# The element that has the focus, and whether a sighted keyboard user can see where it is: an
# outline of at least 2 px (site.css draws 3 px in yellow with a dark ring) on a visible box.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    element: el.outerHTML.slice(0, 120),
    style: `${style.outlineStyle} ${style.outlineWidth} focus-visible=${el.matches(':focus-visible')}`,
    outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def assert_focus_visible(page: Page) -> None:
    focus = page.evaluate(_FOCUS)
    assert focus is not None, "the focus is lost (on the page itself)"
    assert focus["outlined"], f"no visible focus outline ({focus['style']}) on {focus['element']}"
    assert focus["shown"], f"the focused element is not on the screen: {focus['element']}"


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, checking at every stop that the
    focus can be seen."""
    key = "Shift+Tab" if backwards else "Tab"
    target.wait_for()
    if has_focus(target):
        return
    for _ in range(limit):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if has_focus(target):
            return
    raise AssertionError(f"{limit} × {key} never reached {target}")
