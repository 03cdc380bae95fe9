"""The participant lists as XLSX: one session's, and a year's; cancelled registrations left out,
the waiting list in its order, text never read as a formula."""

import io

from openpyxl import load_workbook

from tests.clock import on
from training import services

from .conftest import hold

# Sessions 40 and 50 days ahead fall in one year.
pytestmark = on("2026-05-12")


def sheet_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def test_the_session_list_has_the_confirmed_then_the_waiting_list(
    taby, users, make_session, register, client_for
):
    session = make_session(capacity=1)
    cancelled = register(session, "Anna")
    register(session, "Bo", workplace='=HYPERLINK("http://evil.example")')
    register(session, "Cecilia")
    register(session, "David")
    services.cancel_registration(registration=cancelled, by=users["contact_taby"])

    response = client_for("finance").get(f"/utbildning/{session.pk}/deltagare.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"deltagare-utbildning-{session.date:%Y-%m-%d}" in response["Content-Disposition"]
    header, *rows = sheet_rows(response.content)
    assert header[:6] == ("Namn", "E-post", "Arbetsplats", "Kommun", "Status", "Plats i kön")
    assert [(r[0], r[3], r[4], r[5]) for r in rows] == [
        ("Bo", "Täby", "bekräftad", None),
        ("Cecilia", "Täby", "på väntelistan", 1),
        ("David", "Täby", "på väntelistan", 2),
    ]
    assert rows[0][2] == '=HYPERLINK("http://evil.example")'  # stored as text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].data_type == "s"


def test_the_year_list_holds_every_session_of_the_year_with_attendance(
    taby, users, make_session, register, client_for
):
    first = make_session(capacity=5, days=40, title="Vårens halvdag")
    second = make_session(capacity=5, days=50, title="Höstens halvdag")
    anna = register(first, "Anna")
    register(second, "Bo")
    hold(first, days_ago=2)
    services.record_attendance(first, attended={anna.pk}, by=users["project_leader"])
    year = first.date.year

    response = client_for("project_leader").get(f"/utbildning/deltagare/{year}.xlsx")

    header, *rows = sheet_rows(response.content)
    assert header[:3] == ("Datum", "Utbildning", "Slag")
    assert header[-1] == "Deltog"
    by_name = {r[3]: r for r in rows}
    assert by_name["Anna"][1] == "Vårens halvdag"
    assert by_name["Anna"][-1] == "ja"
    assert by_name["Bo"][-1] is None
    assert by_name["Anna"][0].date() == first.date


def test_contacts_get_no_participant_list(taby, make_session, client_for):
    session = make_session()
    client = client_for("contact_taby")
    assert client.get(f"/utbildning/{session.pk}/deltagare.xlsx").status_code == 403
    assert client.get(f"/utbildning/deltagare/{session.date.year}.xlsx").status_code == 403
