"""The English catalogue: switching language, and a complete, compiled locale/en.

The source strings are Swedish; locale/en/LC_MESSAGES/django.po holds the English ones
and django.mo is committed next to it. Refresh both with `make messages`.

The catalogue tests read the .po as committed, not the source code: a string added to
the code fails nothing here until `make messages` has extracted it, and from then on it
must be translated and compiled before the tests pass again.
"""

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


# --- Switching language -----------------------------------------------------------------


def switch_to_english(client):
    response = client.post("/sprak/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return response


def test_swedish_is_the_default(client_for):
    client = client_for("project_leader")
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert "Välkommen, Petra" in html
    assert "Logga ut" in html


def test_english_can_be_chosen_and_is_remembered(client_for):
    client = client_for("project_leader")
    switch_to_english(client)

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Welcome, Petra</h1>" in html
    # The main menu, the account bar and the footer.
    for text in ("Home", "Municipalities", "Agreements", "Invoices", "Users", "Log out"):
        assert f">{text}<" in html, text
    assert "Verify a signed agreement" in html
    assert "Välkommen" not in html
    assert "Logga ut" not in html
    # Plural forms come from the catalogue too.
    assert "in the population key" in html


def test_english_for_an_anonymous_visitor(client, reference_data):
    switch_to_english(client)
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Logga in" not in page


def test_switching_back_to_swedish(client_for):
    client = client_for("contact_taby")
    switch_to_english(client)
    assert "Log out" in client.get("/").content.decode()
    client.post("/sprak/", {"language": "sv", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert "Logga ut" in html


# --- The catalogue ----------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, obsolete ones (#~) left out; the header is the first."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)
        entry = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
            continue
        if line.startswith("#,"):
            if entry is not None and (entry.msgid or entry.msgstr):
                finish()
            entry = entry or Entry(line=number)
            entry.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            assert entry is not None and target is not None, f"{path}:{number}"
            text = ast.literal_eval(line)
        else:
            text = ast.literal_eval(rest)
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry(line=number)
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
            elif keyword == "msgstr":
                target = ("msgstr", 0)
            else:
                target = (keyword, None)
            if target[0] == "msgid_plural":
                entry.msgid_plural = ""
            elif target[0] == "msgctxt":
                entry.msgctxt = ""
            elif target[0] == "msgstr":
                entry.msgstr.setdefault(target[1], "")
        name, index = target
        if name == "msgstr":
            entry.msgstr[index] += text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)
    finish()
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    entries = parse_po(PO_FILE)
    assert entries and entries[0].msgid == "", "the .po has no header"
    return entries[1:]


def test_the_catalogue_is_complete(po_entries):
    assert len(po_entries) > 100
    untranslated = [e.msgid for e in po_entries if not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in po_entries if "fuzzy" in e.flags]
    wrong_plurals = [e.msgid for e in po_entries if e.msgid_plural and sorted(e.msgstr) != [0, 1]]
    assert not untranslated, f"untranslated in {PO_FILE.name}: {untranslated}"
    assert not fuzzy, f"fuzzy (check and remove the flag): {fuzzy}"
    assert not wrong_plurals, f"plural entries need msgstr[0] and msgstr[1]: {wrong_plurals}"


def test_the_header_is_not_fuzzy_and_names_the_plural_rule():
    header = parse_po(PO_FILE)[0]
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_the_compiled_catalogue_matches_the_po(po_entries):
    """django.mo is committed: it must be compiled from the .po as it stands."""
    with MO_FILE.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = []
    for e in po_entries:
        if e.msgid_plural is None:
            if e.msgctxt is None:
                found = {0: mo.gettext(e.msgid)}
            else:
                found = {0: mo.pgettext(e.msgctxt, e.msgid)}
        else:
            # English plural rule: n == 1 → msgstr[0], otherwise msgstr[1].
            if e.msgctxt is None:
                found = {i: mo.ngettext(e.msgid, e.msgid_plural, n) for i, n in ((0, 1), (1, 2))}
            else:
                found = {
                    i: mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                    for i, n in ((0, 1), (1, 2))
                }
        if found != e.msgstr:
            stale.append(e.msgid)
    assert not stale, f"{MO_FILE.name} is out of date; run `make messages`. Differs: {stale}"


def test_an_english_browser_still_gets_swedish_until_english_is_chosen(client, db):
    response = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()
    client.post("/sprak/", {"language": "en", "next": "/konto/logga-in/"})
    response = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert '<html lang="en">' in response.content.decode()
