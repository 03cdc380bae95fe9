"""Paper agreements: import_agreements, the upload page (preview, then confirm) and the scans."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from agreements import forms_paper, paper
from agreements.models import Agreement, Status, StatusChange
from offers.rules import end_date_after_notice

HEADER = "kommunkod,start_date,signed_on,end_date,notice_date"
IMPORT_URL = "/avtal/papper/importera/"
CONFIRM_URL = "/avtal/papper/bekrafta/"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today():
    return timezone.localdate()


def dates(today):
    """Dates relative to today, for rows whose status depends on it."""
    end_next_year = datetime.date(today.year + 1, 12, 31)
    return {
        "recent_notice": (today - datetime.timedelta(days=10)).isoformat(),
        "tomorrow": (today + datetime.timedelta(days=1)).isoformat(),
        "end_next_year": end_next_year.isoformat(),
        "after_end_next_year": (end_next_year + datetime.timedelta(days=1)).isoformat(),
    }


# Row 2 onwards; the comment says what each row is for.
GOOD_ROWS = [
    "0184,2021-03-01,2021-02-15,,",  # Solna: active, 2021 version
    "0183,2021-01-01,2020-12-01,2022-12-31,",  # Sundbyberg: fixed end passed → ended
    "0160,2023-01-01,2022-12-10,,",  # Täby: starts 1 January 2023 → 2023 version
    "0187,2022-12-31,,,",  # Vaxholm: the last day of the 2021 version
    "0182,2022-06-01,2022-05-20,,{recent_notice}",  # Nacka: notice given, ends in a month
    "0123,2021-04-15,,,2022-05-10",  # Järfälla: notice given, ended 2022-06-10
    "0136,2021-01-01,,{end_next_year},",  # Haninge: a fixed end still to come → active
]


def csv_bytes(rows, today, *, header=HEADER, sep=",", encoding="utf-8") -> bytes:
    lines = [header, *(r.format(**dates(today)) for r in rows)]
    return ("\n".join(lines).replace(",", sep) + "\n").encode(encoding)


def run(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_agreements", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path, content: bytes, name="avtal.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def by_code(code) -> Agreement:
    return Agreement.objects.get(municipality__code=code)


def history(agreement) -> list[str]:
    return list(agreement.history.order_by("at", "pk").values_list("to_status", flat=True))


# --- The command ----------------------------------------------------------------------------

ACTIVE_PATH = [Status.SENT, Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE]


def test_good_file_creates_each_agreement_with_its_status_history_and_version(
    reference_data, tmp_path, today
):
    code, out, err = run(write(tmp_path, csv_bytes(GOOD_ROWS, today)))
    assert (code, err) == (0, "")
    assert "7 pappersavtal importerade: 4 gällande, 1 uppsagt, 2 avslutat." in out
    assert Agreement.objects.count() == 7

    solna = by_code("0184")
    assert solna.status == Status.ACTIVE
    assert solna.template.version == "2021"
    assert (solna.start_date, solna.paper_signed_on, solna.end_date) == (
        datetime.date(2021, 3, 1),
        datetime.date(2021, 2, 15),
        None,
    )
    assert solna.signed_on_paper and solna.agreed_start_date == datetime.date(2021, 3, 1)
    assert solna.org_number == solna.municipality.org_number
    assert history(solna) == ACTIVE_PATH

    sundbyberg = by_code("0183")
    assert sundbyberg.status == Status.ENDED
    assert sundbyberg.end_date == datetime.date(2022, 12, 31) and sundbyberg.notice_date is None
    assert history(sundbyberg) == [*ACTIVE_PATH, Status.ENDED]

    taby = by_code("0160")
    assert (taby.status, taby.template.version) == (Status.ACTIVE, "2023")
    assert by_code("0187").template.version == "2021"

    nacka = by_code("0182")
    notice = today - datetime.timedelta(days=10)
    assert nacka.status == Status.NOTICE_GIVEN
    assert nacka.notice_date == notice
    assert nacka.end_date == end_date_after_notice(notice_date=notice)
    assert nacka.notice_party == ""  # the file does not say who gave notice
    assert history(nacka) == [*ACTIVE_PATH, Status.NOTICE_GIVEN]

    jarfalla = by_code("0123")
    assert jarfalla.status == Status.ENDED
    assert jarfalla.end_date == datetime.date(2022, 6, 10)
    assert history(jarfalla) == [*ACTIVE_PATH, Status.NOTICE_GIVEN, Status.ENDED]

    haninge = by_code("0136")
    assert haninge.status == Status.ACTIVE and haninge.end_date.month == 12

    changes = StatusChange.objects.all()
    assert changes.count() == 4 * 3 + 4 + 4 + 5  # 4 active, fixed end passed, notice, notice+end
    assert set(changes.values_list("comment", flat=True)) == {"Importerat pappersavtal"}
    assert set(changes.values_list("by", flat=True)) == {None}
    # The template versions are now frozen by the paper signatures.
    assert solna.template.is_frozen and taby.template.is_frozen


BAD_ROWS = [
    ("9999,2021-01-01,,,", None, "okänd kommunkod 9999."),
    ("abc,2021-01-01,,,", None, "ogiltig kommunkod 'abc'."),
    (",2021-01-01,,,", None, "kommunkod saknas."),
    ("0180,2021-01-01,,,", None, "Stockholm är värdkommun och kan inte ha något avtal."),
    ("0125,2025-02-30,,,", None, "startdatum 2025-02-30 finns inte i kalendern."),
    ("0125,01/03/2021,,,", None, "startdatum '01/03/2021' skrivs inte som ÅÅÅÅ-MM-DD."),
    ("0125,2021-03-01,2021-13-01,,", None, "undertecknat 2021-13-01 finns inte i kalendern."),
    ("0125,2021-03-01,,2021-3-31,", None, "slutdatum '2021-3-31' skrivs inte som ÅÅÅÅ-MM-DD."),
    ("0125,,2021-01-01,,", None, "startdatum saknas."),
    (
        "0125,2021-03-01,,2021-02-28,",
        None,
        "slutdatum 2021-02-28 ligger före startdatum 2021-03-01.",
    ),
    (
        "0125,2021-03-01,,,2021-02-01",
        None,
        "uppsägningsdatum 2021-02-01 ligger före startdatum 2021-03-01.",
    ),
    ("0125,2021-03-01,,,{tomorrow}", None, "uppsägningsdatum {tomorrow} ligger i framtiden."),
    ("0125,2021-03-01,{tomorrow},,", None, "undertecknat {tomorrow} ligger i framtiden."),
    (
        "0125,2021-03-01,,2022-05-01,2022-05-10",
        None,
        "slutdatum 2022-05-01 ligger före uppsägningsdatum 2022-05-10.",
    ),
    (
        "0125,2021-03-01,,2022-07-01,2022-05-10",
        None,
        "slutdatum 2022-07-01 ligger mer än en månad efter uppsägningsdatum 2022-05-10 "
        "(senast 2022-06-10).",
    ),
    ("0125,2020-12-31,,,", None, "ingen avtalsversion gäller 2020-12-31."),
    (
        "0125,2021-03-01,,,",
        "sent",
        "Ekerö har redan ett avtal som pågår eller gäller (skickat till kommunen); en kommun kan "
        "bara ha ett sådant avtal åt gången.",
    ),
    (
        "0125,2021-03-01,,,",
        "active",
        "Ekerö har redan ett avtal som pågår eller gäller (gällande); en kommun kan bara ha ett "
        "sådant avtal åt gången.",
    ),
    (
        "0125,2022-06-01,,,",
        "ended",
        "överlappar ett avtal med Ekerö som redan finns (2021-01-01–2022-12-31).",
    ),
    (GOOD_ROWS[0], None, "överlappar rad 2, som gäller samma kommun (Solna)."),  # a duplicate
    # Starts earlier and ends on Solna's first day: the later row in the file is the one named.
    ("0184,2021-01-01,,2021-03-01,", None, "överlappar rad 2, som gäller samma kommun (Solna)."),
    (
        "0136,{after_end_next_year},,,",
        None,
        "rad 8 gäller också Haninge, och det tidigare av de två avtalen har inte upphört; en "
        "kommun kan bara ha ett gällande avtal åt gången.",
    ),
    ("0125,2021-03-01,,,,extra", None, "raden har fler värden än rubrikraden har kolumner (5)."),
]


@pytest.mark.parametrize(("bad_row", "setup", "reason"), BAD_ROWS)
def test_one_bad_row_among_good_ones_writes_nothing_and_names_the_row(
    bad_row, setup, reason, tmp_path, today, make_agreement
):
    if setup == "sent":
        make_agreement("0125", status=Status.SENT)
    elif setup == "active":
        make_agreement("0125", status=Status.ACTIVE)
    elif setup == "ended":
        make_agreement(
            "0125",
            status=Status.ENDED,
            start=datetime.date(2021, 1, 1),
            end_date=datetime.date(2022, 12, 31),
        )
    agreements, changes = Agreement.objects.count(), StatusChange.objects.count()
    code, out, err = run(write(tmp_path, csv_bytes([*GOOD_ROWS, bad_row], today)))
    assert code == 1
    bad_line_number = 2 + len(GOOD_ROWS)
    assert f"Rad {bad_line_number}: {reason.format(**dates(today))}" in err.splitlines()
    assert err.count("Rad ") == 1, err  # only the bad row
    assert "1 fel; inget har sparats." in err
    assert out == ""
    assert (Agreement.objects.count(), StatusChange.objects.count()) == (agreements, changes)


def test_every_bad_row_and_every_reason_is_reported(reference_data, tmp_path, today):
    rows = ["0184,2021-03-01,,,", "9999,2021-02-30,,,", "0160,2021-01-01,,,", "0184,2021-06-01,,,"]
    code, _out, err = run(write(tmp_path, csv_bytes(rows, today, sep=";")))
    assert code == 1
    assert err.splitlines() == [
        "Rad 3: okänd kommunkod 9999.",
        "Rad 3: startdatum 2021-02-30 finns inte i kalendern.",
        "Rad 5: överlappar rad 2, som gäller samma kommun (Solna).",
        "3 fel; inget har sparats.",
    ]
    assert not Agreement.objects.exists()


def test_a_municipality_may_have_a_new_agreement_after_its_ended_one(
    reference_data, tmp_path, today
):
    rows = ["0183,2023-01-01,,,", "0183,2021-01-01,,2022-12-31,"]  # the later one first
    code, out, err = run(write(tmp_path, csv_bytes(rows, today)))
    assert code == 0, err
    ended, active = Agreement.objects.filter(municipality__code="0183").order_by("start_date")
    assert (ended.status, active.status) == (Status.ENDED, Status.ACTIVE)
    assert ended.created_at <= active.created_at
    assert active.template.version == "2023"


def test_no_overlap_with_an_earlier_ended_agreement_is_allowed(
    reference_data, tmp_path, today, make_agreement
):
    make_agreement(
        "0125",
        status=Status.ENDED,
        start=datetime.date(2021, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    code, _out, err = run(write(tmp_path, csv_bytes(["0125,2023-01-01,,,"], today)))
    assert code == 0, err
    assert Agreement.objects.filter(municipality__code="0125", status=Status.ACTIVE).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "avtal.csv", "Filen är tom."),
        (HEADER.encode() + b"\n", "avtal.csv", "Filen innehåller inga avtalsrader."),
        (
            b"kommun,start,signed_on,end_date,notice_date\n0184,2021-01-01,,,\n",
            "avtal.csv",
            "Rad 1: rubrikraden ska vara kommunkod,start_date,signed_on,end_date,notice_date "
            "(saknas: kommunkod, start_date; okända: kommun, start).",
        ),
        (b"not a zip", "avtal.xlsx", "Filen går inte att läsa som Excel (.xlsx)."),
        (b"%PDF-1.7", "avtal.pdf", "Filen måste vara .xlsx eller .csv."),
    ],
)
def test_files_that_cannot_be_imported_are_clear_errors(
    reference_data, tmp_path, content, name, message
):
    code, _out, err = run(write(tmp_path, content, name))
    assert code == 1
    assert err.splitlines()[0] == message
    assert not Agreement.objects.exists()


def test_xlsx_with_date_cells_numeric_codes_and_columns_in_another_order(
    reference_data, tmp_path, today
):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kommunkod", "Start_date", "End_date", "Notice_date", "Signed_on"])
    ws.append([184, datetime.date(2021, 3, 1), None, None, datetime.date(2021, 2, 15)])
    ws.append(["0160", "2023-01-01", None, None, None])
    ws.append([183, datetime.datetime(2021, 1, 1), datetime.date(2022, 12, 31), None, None])
    path = tmp_path / "avtal.xlsx"
    wb.save(path)
    code, out, err = run(path)
    assert code == 0, err
    assert "3 pappersavtal importerade: 2 gällande, 1 avslutat." in out
    solna = by_code("0184")
    assert solna.start_date == datetime.date(2021, 3, 1)
    assert solna.paper_signed_on == datetime.date(2021, 2, 15)
    assert by_code("0160").template.version == "2023"
    assert by_code("0183").status == Status.ENDED


def test_semicolons_a_byte_order_mark_and_cp1252_are_read(reference_data, tmp_path, today):
    bom = b"\xef\xbb\xbf" + csv_bytes(["0184,2021-03-01,,,"], today, sep=";")
    assert run(write(tmp_path, bom))[0] == 0
    latin = csv_bytes(["0160,2021-03-01,,,"], today, sep=";", encoding="cp1252")
    code, _out, err = run(write(tmp_path, latin, "latin.csv"))
    assert code == 0, err
    assert Agreement.objects.count() == 2


def test_the_import_refuses_what_changed_after_the_check(reference_data, today, make_agreement):
    rows, errors = paper.check_table(
        [(1, list(paper.COLUMNS)), (2, ["0125", "2021-03-01", "", "", ""])], today=today
    )
    assert not errors
    make_agreement("0125", status=Status.DRAFT)
    with pytest.raises(paper.PaperImportError) as exc:
        paper.import_rows(rows, by=None, today=today)
    assert "Rad 2: Ekerö har redan ett avtal" in str(exc.value.errors[0])
    assert Agreement.objects.count() == 1
    # A row whose status would differ on the day of writing (its end has passed by then).
    rows = paper.check_table(
        [(1, list(paper.COLUMNS)), (2, ["0184", "2021-03-01", "", "2030-01-01", ""])], today=today
    )[0]
    assert rows[0].status == Status.ACTIVE
    with pytest.raises(paper.PaperImportError, match="ändrats sedan förhandsvisningen"):
        paper.import_rows(rows, by=None, today=datetime.date(2030, 1, 2))
    assert Agreement.objects.count() == 1


# --- The upload page ------------------------------------------------------------------------


def upload(client, content: bytes, name="avtal.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def test_upload_previews_then_confirm_writes_exactly_that_once(client_for, users, today):
    client = client_for("project_leader")
    rows = ["0184,2021-03-01,2021-02-15,,", "0182,2022-06-01,,,{recent_notice}"]
    response = upload(client, csv_bytes(rows, today))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Förhandsvisning" in html and "Spara avtalen" in html
    assert "Solna (0184)" in html and "2021-02-15" in html
    assert "gällande" in html and "uppsagt" in html
    assert "en månad efter uppsägningen" in html
    assert not Agreement.objects.exists()  # the preview writes nothing

    sha = response.context["pending"]["sha256"]
    response = client.post(CONFIRM_URL, {"sha256": sha}, follow=True)
    html = response.content.decode()
    assert "2 pappersavtal importerade: 1 gällande, 1 uppsagt." in html
    assert Agreement.objects.count() == 2
    assert set(StatusChange.objects.values_list("by", flat=True)) == {users["project_leader"].pk}
    assert by_code("0184").created_by == users["project_leader"]
    # The list below the form now shows them, each with a link to attach its scan.
    assert f"/avtal/papper/{by_code('0184').pk}/skanning/" in html

    # Confirming twice does nothing more: the preview is used up.
    response = client.post(CONFIRM_URL, {"sha256": sha}, follow=True)
    assert "Förhandsvisningen har gått ut" in response.content.decode()
    assert Agreement.objects.count() == 2


def test_confirm_with_another_files_fingerprint_writes_nothing(client_for, today):
    client = client_for("project_leader")
    upload(client, csv_bytes(["0184,2021-03-01,,,"], today))
    response = client.post(CONFIRM_URL, {"sha256": "0" * 64}, follow=True)
    assert "Förhandsvisningen har gått ut" in response.content.decode()
    assert not Agreement.objects.exists()


def test_upload_with_a_bad_row_shows_every_error_and_writes_nothing(client_for, today):
    client = client_for("project_leader")
    response = upload(client, csv_bytes(["0184,2021-03-01,,,", "0183,2021-02-30,,,"], today))
    html = response.content.decode()
    assert "Filen har 1 fel. Inget har sparats." in html
    assert "Rad 3: startdatum 2021-02-30 finns inte i kalendern." in html
    assert "Spara avtalen" not in html
    response = client.post(CONFIRM_URL, {"sha256": "x"}, follow=True)
    assert "Förhandsvisningen har gått ut" in response.content.decode()
    assert not Agreement.objects.exists()


def test_confirm_after_the_database_changed_shows_errors_and_writes_nothing(
    client_for, today, make_agreement
):
    client = client_for("project_leader")
    response = upload(client, csv_bytes(["0184,2021-03-01,,,", "0125,2021-03-01,,,"], today))
    sha = response.context["pending"]["sha256"]
    make_agreement("0125", status=Status.SENT)  # someone sends Ekerö an agreement meanwhile
    response = client.post(CONFIRM_URL, {"sha256": sha})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inget har sparats" in html and "Rad 3: Ekerö har redan ett avtal" in html
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("avtal.pdf", b"%PDF-1.4", "Filändelsen"),
        ("avtal.csv", HEADER.encode() + b"\n0184,2021-03-01,,,\n", "Filen är större än 5 MB."),
    ],
)
def test_upload_form_refuses_other_types_and_large_files(
    client_for, monkeypatch, name, content, message
):
    monkeypatch.setattr(forms_paper, "MAX_UPLOAD_BYTES", 20)
    response = upload(client_for("project_leader"), content, name)
    html = response.content.decode()
    assert "Rätta följande" in html and message in html
    assert not Agreement.objects.exists()


def test_upload_page_has_an_empty_state_and_swedish_errors(client_for):
    client = client_for("project_leader")
    html = client.get(IMPORT_URL).content.decode()
    assert html.count("<h1") == 1
    assert "Inga pappersavtal har importerats ännu." in html
    assert '<label for="id_file"' in html
    html = client.post(IMPORT_URL, {}).content.decode()
    assert "Detta fält måste fyllas i" in html


def test_the_list_of_paper_agreements_takes_the_same_queries_for_more_rows(
    client_for, users, today
):
    client = client_for("project_leader")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(IMPORT_URL).status_code == 200
        return len(ctx.captured_queries)

    rows = paper.check_table([(1, list(paper.COLUMNS)), (2, ["0184", "2021-03-01", "", "", ""])])[0]
    paper.import_rows(rows, by=users["project_leader"])
    one = queries()
    rows = paper.check_table(
        [(1, list(paper.COLUMNS))]
        + [(n, [code, "2021-03-01", "", "", ""]) for n, code in enumerate(["0183", "0160"], 2)]
    )[0]
    paper.import_rows(rows, by=users["project_leader"])
    assert queries() == one


# --- Scans ----------------------------------------------------------------------------------


@pytest.fixture
def nacka_paper(users, today):
    rows, errors = paper.check_table(
        [(1, list(paper.COLUMNS)), (2, ["0182", "2021-03-01", "2021-02-15", "", ""])], today=today
    )
    assert not errors
    return paper.import_rows(rows, by=users["project_leader"])[0]


def scan_url(agreement):
    return f"/avtal/papper/{agreement.pk}/skanning/"


def download_url(agreement):
    return f"/avtal/papper/{agreement.pk}/skanning.pdf"


def attach(client, agreement, content=PDF, name="avtal.pdf"):
    return client.post(scan_url(agreement), {"scan": SimpleUploadedFile(name, content)})


def test_project_leader_attaches_a_scan_once(client_for, nacka_paper):
    client = client_for("project_leader")
    html = client.get(scan_url(nacka_paper)).content.decode()
    assert html.count("<h1") == 1 and "Inskannat original: avtal med Nacka" in html
    assert '<label for="id_scan"' in html

    response = attach(client, nacka_paper)
    assert response.status_code == 302
    nacka_paper.refresh_from_db()
    with nacka_paper.scan.open("rb") as fh:
        assert fh.read() == PDF
    html = client.get(scan_url(nacka_paper)).content.decode()
    assert "Det inskannade originalet är bifogat" in html
    assert download_url(nacka_paper) in html

    stored = nacka_paper.scan.name
    response = attach(client, nacka_paper, b"%PDF-1.4 another one")
    assert "redan ett inskannat original" in response.content.decode()
    nacka_paper.refresh_from_db()
    assert nacka_paper.scan.name == stored
    with nacka_paper.scan.open("rb") as fh:
        assert fh.read() == PDF


def test_attach_scan_refuses_a_second_one_even_without_the_page(nacka_paper):
    paper.attach_scan(nacka_paper, upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(paper.ValidationError, match="redan ett inskannat original"):
        paper.attach_scan(nacka_paper, upload=SimpleUploadedFile("b.pdf", PDF))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"PK\x03\x04 a zip, not a pdf", "Filen är inte en PDF."), (PDF, "Filen är större än")],
)
def test_scan_must_be_a_pdf_of_at_most_the_limit(
    client_for, nacka_paper, monkeypatch, content, message
):
    monkeypatch.setattr(paper, "MAX_SCAN_BYTES", len(PDF) - 1)
    response = attach(client_for("project_leader"), nacka_paper, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rätta följande" in html and message in html
    nacka_paper.refresh_from_db()
    assert not nacka_paper.scan


def test_scan_is_only_for_paper_agreements(client_for, make_agreement):
    signed_online = make_agreement("0160", status=Status.ACTIVE)
    client = client_for("project_leader")
    assert client.get(scan_url(signed_online)).status_code == 404
    assert client.get(download_url(signed_online)).status_code == 404  # no scan


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("project_leader", 200),
        ("finance", 200),
        ("signatory", 200),
        ("contact_nacka", 200),  # their own municipality's agreement
        ("contact_taby", 404),
        ("steering_member", 404),
    ],
)
def test_scan_download_for_those_who_may_see_the_agreement(client_for, nacka_paper, role, status):
    paper.attach_scan(nacka_paper, upload=SimpleUploadedFile("a.pdf", PDF))
    response = client_for(role).get(download_url(nacka_paper))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "pappersavtal-nacka-2021-03-01.pdf" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    ("role", "status"),
    [("finance", 403), ("signatory", 403), ("contact_nacka", 403), ("contact_taby", 404)],
)
def test_only_the_project_leader_attaches(client_for, nacka_paper, role, status):
    client = client_for(role)
    assert client.get(scan_url(nacka_paper)).status_code == status
    assert attach(client, nacka_paper).status_code == status
    nacka_paper.refresh_from_db()
    assert not nacka_paper.scan
