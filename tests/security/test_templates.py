"""Every template is safe under the Content Security Policy and posts with a CSRF token.

The templates are found by walking the template folders (tests/security/templates.py), so a
template another app adds tomorrow is checked too. Each check is first shown to catch a bad
example, so that a check that cannot fail is caught as well.
"""

import re

from .templates import html_templates, name

TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
EVENT_HANDLER = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.I)
POST_FORM = re.compile(r"""<form\b[^>]*\bmethod\s*=\s*["']?post\b""", re.I)
CSRF_TOKEN = "{% csrf_token %}"


def csp_problems(text: str) -> list[str]:
    """What the policy (script-src 'self', no inline handlers) would block in this HTML."""
    problems = []
    for match in TAG.finditer(text):
        tag, attributes = match.group(1).lower(), match.group(2)
        if tag == "script" and not re.search(r"\bsrc\s*=", attributes, re.I):
            problems.append(f"inline <script>: {match.group(0)[:80]}")
        if EVENT_HANDLER.search(attributes):
            problems.append(f"on…= handler: {match.group(0)[:80]}")
        if JS_URL.search(attributes):
            problems.append(f"javascript: URL: {match.group(0)[:80]}")
    return problems


def inline_style_problems(text: str) -> list[str]:
    """What style-src 'self' would block: <style> blocks and style="" attributes."""
    problems = [f"<style> block: {m.group(0)[:60]}" for m in re.finditer(r"<style\b", text, re.I)]
    for match in TAG.finditer(text):
        if re.search(r"(?:^|\s)style\s*=", match.group(2), re.I):
            problems.append(f"style attribute: {match.group(0)[:80]}")
    return problems


def forms_without_csrf(text: str) -> list[str]:
    """The opening tag of every POST form whose body has no {% csrf_token %}."""
    missing = []
    for match in POST_FORM.finditer(text):
        end = text.find("</form>", match.end())
        body = text[match.end() : end if end != -1 else len(text)]
        if CSRF_TOKEN not in body:
            missing.append(text[match.start() : text.find(">", match.start()) + 1])
    return missing


# Templates WeasyPrint renders to PDF: never served as HTML, so the policy does not apply.
def rendered_only_as_pdf(template_name: str) -> bool:
    return "pdf" in template_name.rsplit("/", 1)[-1]


TEMPLATES = html_templates()


def test_the_walk_finds_the_templates_of_every_app():
    names = {name(path) for path in TEMPLATES}
    assert "base.html" in names
    for app in ("accounts", "agreements", "invoicing", "municipalities", "steering_group"):
        assert any(n.startswith(f"{app}/") for n in names), app


def test_the_checks_catch_what_they_look_for():
    assert csp_problems('<script>alert(1)</script><script src="/static/a.js"></script>') == [
        "inline <script>: <script>"
    ]
    assert csp_problems('<button type="button" onclick="go()">') != []
    assert csp_problems('<a href="javascript:go()">') != []
    assert csp_problems('<a href="/online/" class="x" data-on="1">') == []
    assert inline_style_problems('<p style="color: red">') != []
    assert inline_style_problems("<style>p {}</style>") != []
    assert forms_without_csrf('<form method="post" action="/x/"><button>OK</button></form>') == [
        '<form method="post" action="/x/">'
    ]
    assert forms_without_csrf("<form method='POST'>{% csrf_token %}</form>") == []
    assert forms_without_csrf('<form method="get"></form>') == []


def problems_by_template(check, paths) -> dict[str, list[str]]:
    found = {name(path): check(path.read_text(encoding="utf-8")) for path in paths}
    return {template: problems for template, problems in found.items() if problems}


def test_no_inline_script_or_event_handler():
    assert problems_by_template(csp_problems, TEMPLATES) == {}


def test_pages_have_no_inline_style():
    """style-src 'self' would silently drop it; use a class in static/css/site.css."""
    pages = [p for p in TEMPLATES if not rendered_only_as_pdf(name(p))]
    assert problems_by_template(inline_style_problems, pages) == {}


def test_every_post_form_carries_a_csrf_token():
    posting = [p for p in TEMPLATES if POST_FORM.search(p.read_text(encoding="utf-8"))]
    assert len(posting) > 20  # the walk really reaches the forms
    assert problems_by_template(forms_without_csrf, posting) == {}
