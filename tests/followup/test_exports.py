"""The report's files: XLSX with the same figures as the page, a PDF, and attaching the report
to a steering-group meeting as a paper."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from steering_group import meetings, services
from steering_group.models import Minutes, Paper

from .conftest import NACKA, TABY, YEAR

ATTACH_URL = f"/uppfoljning/bifoga/?ar={YEAR}&halvar=1"


def test_xlsx_has_the_rows_of_the_page(client_for, pool, figures):
    figures(TABY, {"mikamottagningen": (5, 20, 1, 0), "kast": (7, 15, 2, 4)})
    figures(NACKA, {"kast": (0, 3, 1, 0)})
    response = client_for("finance").get(f"/uppfoljning/rapport.xlsx?ar={YEAR}&halvar=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-2024-h1.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Sammanställning", "Per verksamhet", "Om rapporten"]
    summary = list(workbook["Sammanställning"].iter_rows(values_only=True))
    assert summary[0][:4] == (
        "Kommunkod",
        "Kommun",
        "Invånare 2018",
        "Stödda individer",
    )
    assert summary[0][7:] == (
        "Kostnad för perioden",
        "Kostnad per invånare",
        "Kostnad per stödd individ",
    )
    nacka, taby, total = summary[1:]
    assert taby == (TABY, "Täby", 71397, 12, 35, 3, 4, 60916, 0.85, 5076)
    assert nacka[:7] == (NACKA, "Nacka", 103656, 0, 3, 1, 0)
    assert nacka[9] is None  # nobody supported: no cost per individual
    assert total[1] == "Summa" and total[3:7] == (12, 38, 4, 4)
    assert total[7] == 60916 + nacka[7]
    per_service = list(workbook["Per verksamhet"].iter_rows(values_only=True))
    assert (TABY, "Täby", "KAST", 7, 15, 2, 4) in per_service
    assert len(per_service) == 1 + 2 * 3 + 3  # header, two municipalities × three, the sums
    assert "andel enligt kostnadsfördelningen" in workbook["Om rapporten"]["A2"].value
    # The same figures on the page.
    html = client_for("finance").get(f"/uppfoljning/?ar={YEAR}&halvar=1").content.decode()
    assert "60\u00a0916\u00a0kr" in html and "0,85\u00a0kr" in html and "5\u00a0076\u00a0kr" in html


def test_pdf_of_the_report(client_for, pool, figures):
    figures(TABY, {"kast": (1, 2, 3, 4)})
    response = client_for("steering_member").get(f"/uppfoljning/rapport.pdf?ar={YEAR}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-2024.pdf"'


@pytest.fixture
def meeting(users):
    year = timezone.localdate().year
    term = services.create_term(year=year, by=users["project_leader"])
    starts = datetime.datetime(year, 12, 31, 9, 0, tzinfo=timezone.get_current_timezone())
    return meetings.schedule_meeting(
        term=term,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Socialförvaltningen",
        agenda=["Uppföljning av nyttjandet"],
        by=users["project_leader"],
    )


@pytest.mark.parametrize("file_format", ["xlsx", "pdf"])
def test_the_project_leader_attaches_the_report_to_a_meeting(
    client_for, users, pool, figures, meeting, file_format
):
    figures(TABY, {"kast": (1, 2, 3, 4)})
    client = client_for("project_leader")
    page = client.get(f"/uppfoljning/?ar={YEAR}&halvar=1").content.decode()
    assert f'href="/uppfoljning/bifoga/?ar={YEAR}&amp;halvar=1"' in page
    response = client.post(ATTACH_URL, {"meeting": meeting.pk, "file_format": file_format})
    assert response.status_code == 302
    assert response["Location"] == f"/styrgrupp/moten/{meeting.pk}/"
    paper = Paper.objects.get(meeting=meeting)
    assert paper.title == "Uppföljning av nyttjandet, 2024, första halvåret"
    assert paper.original_name == f"uppfoljning-2024-h1.{file_format}"
    assert paper.uploaded_by == users["project_leader"]
    with paper.file.open("rb") as stored:
        content = stored.read()
    assert paper.size == len(content)
    if file_format == "xlsx":
        rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
        assert rows[1][:4] == (TABY, "Täby", 71397, 1)
    else:
        assert content.startswith(b"%PDF-")
    # It is a paper like any other: the term's readers download it.
    download = client_for("finance").get(f"/styrgrupp/handlingar/{paper.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_a_meeting_with_locked_minutes_is_not_offered(client_for, pool, meeting):
    now = timezone.now()
    minutes = Minutes(meeting=meeting, chair_name="Stina Styrgren", adjuster_name="Jonna J")
    minutes.chair_approved_at = minutes.adjuster_approved_at = now
    minutes.locked_at = minutes.published_at = now
    minutes.pdf.name = "steering_group/minutes/test.pdf"
    minutes.pdf_sha256 = "0" * 64
    minutes.save()
    client = client_for("project_leader")
    html = client.get(ATTACH_URL).content.decode()
    assert "Det finns inget möte att bifoga till" in html
    response = client.post(ATTACH_URL, {"meeting": meeting.pk, "file_format": "xlsx"})
    assert response.status_code == 200
    assert not Paper.objects.exists()


def test_only_the_project_leader_attaches(client_for, meeting):
    for role in ("finance", "signatory", "steering_member", "contact_taby"):
        response = client_for(role).post(ATTACH_URL, {"meeting": meeting.pk, "file_format": "xlsx"})
        assert response.status_code == 403
    assert not Paper.objects.exists()
