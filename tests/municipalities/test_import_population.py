"""import_population and the upload page: SCB's formatting tolerated, bad rows refused whole."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from municipalities.models import Municipality, PopulationFigure

DATE = datetime.date(2024, 12, 31)


def county_rows():
    with open("fixtures/stockholm-county-population-2018.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["folkmangd_2018_12_31"]]


def scb_csv(rows, *, sep=";") -> bytes:
    """A file the way SCB writes it: title, header, Riket and county rows, spaced thousands."""
    lines = [
        "Folkmängd i riket, län och kommuner 31 december 2024",
        sep.join(["Kommunkod", "Kommun", "Folkmängd", "Män", "Kvinnor"]),
        sep.join(["00", "Riket", "10 587 710", "", ""]),
        sep.join(["01", "Stockholms län", "2 454 821", "", ""]),
    ]
    for code, name, population in rows:
        lines.append(sep.join([code, name, population, "1", "1"]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def grown(rows, by=1000):
    """The 26 municipalities with a new population each, written with a space for thousands."""
    return [
        (r["kommunkod"], r["kommun"], f"{int(r['folkmangd_2018_12_31']) + by:,}".replace(",", " "))
        for r in rows
    ]


def run(path, date="2024-12-31"):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_population", str(path), "--date", date, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def figures_2024():
    return PopulationFigure.objects.filter(reference_date=DATE)


def test_good_scb_csv_is_imported(reference_data, tmp_path, figures_2024):
    path = tmp_path / "be0101.csv"
    path.write_bytes(scb_csv(grown(county_rows())))
    code, out, err = run(path)
    assert (code, err) == (0, "")
    assert "26 kommuner per 2024-12-31: 26 nya, 0 uppdaterade" in out
    assert figures_2024.count() == 26
    assert figures_2024.get(municipality__code="0127").population == 93_106 + 1000
    # Re-importing the same file updates in place; it does not duplicate.
    code, out, _ = run(path)
    assert code == 0 and "0 nya, 26 uppdaterade" in out
    assert figures_2024.count() == 26


def test_xlsx_with_code_and_name_in_one_cell_and_non_breaking_spaces(
    reference_data, tmp_path, figures_2024
):
    wb = Workbook()
    ws = wb.active
    ws.append(["Folkmängd i riket, län och kommuner 31 december 2024"])
    ws.append([])
    ws.append(["Region", "Folkmängd"])
    ws.append(["Riket", 10_587_710])
    ws.append(["01 Stockholms län", 2_454_821])
    ws.append(["0127 Botkyrka", "95\u00a0000"])
    ws.append(["0160 Täby", 75_000])
    ws.append(["0182 Nacka", 110000.0])
    path = tmp_path / "scb.xlsx"
    wb.save(path)
    code, out, err = run(path)
    assert code == 0, err
    assert dict(figures_2024.values_list("municipality__code", "population")) == {
        "0127": 95_000,
        "0160": 75_000,
        "0182": 110_000,
    }


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (("9999", "Atlantis", "1 000"), "okänd kommunkod 9999"),
        (("0160", "Nacka", "71 397"), "stämmer inte med kommunkod 0160"),
        (("0160", "Täby", ""), "folkmängd saknas"),
        (("0160", "Täby", "71,5"), "är inte ett heltal"),
        (("0160", "Täby", "-5"), "måste vara större än noll"),
        (("0182", "Nacka", "103 656"), "kommunkod 0182 finns redan på rad"),
    ],
)
def test_one_bad_row_among_good_ones_writes_nothing_and_names_the_row(
    reference_data, tmp_path, figures_2024, bad_row, reason
):
    rows = grown(county_rows())
    rows = [r for r in rows if r[0] != "0160"] + [bad_row]  # the bad row comes last
    path = tmp_path / "bad.csv"
    path.write_bytes(scb_csv(rows))
    code, out, err = run(path)
    bad_line_number = 4 + len(rows)  # title, header, Riket, county, then the rows
    assert code == 1
    assert f"Rad {bad_line_number}: " in err and reason in err
    assert "inget har sparats" in err
    assert out == ""
    assert figures_2024.count() == 0


def test_every_bad_row_is_reported_not_only_the_first(reference_data, tmp_path, figures_2024):
    rows = [("0160", "Täby", "x"), ("0182", "Nacka", "100"), ("9998", "Okänd", "5")]
    path = tmp_path / "bad.csv"
    path.write_bytes(scb_csv(rows, sep=","))
    code, _out, err = run(path)
    assert code == 1
    assert "Rad 5: " in err and "Rad 7: " in err and "Rad 6" not in err
    assert figures_2024.count() == 0


def test_unreadable_and_wrong_type_files_are_clear_errors(reference_data, tmp_path, figures_2024):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    code, _out, err = run(broken)
    assert code == 1 and "går inte att läsa som Excel" in err
    other = tmp_path / "figures.pdf"
    other.write_bytes(b"%PDF-1.7")
    code, _out, err = run(other)
    assert code == 1 and ".xlsx eller .csv" in err
    assert figures_2024.count() == 0


def test_latin1_csv_is_read(reference_data, tmp_path, figures_2024):
    path = tmp_path / "latin1.csv"
    path.write_bytes("0160;Täby;72 000\n0117;Österåker;45 000\n".encode("cp1252"))
    code, _out, err = run(path)
    assert code == 0, err
    assert figures_2024.get(municipality__code="0117").population == 45_000


def test_bad_date_is_refused(reference_data, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes(scb_csv([("0160", "Täby", "1")]))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_population", str(path), "--date", "31/12/2024")


# --- The upload page ------------------------------------------------------------------------


def upload(client, content: bytes, name="scb.csv", date="2024-12-31"):
    return client.post(
        "/kommuner/folkmangd/importera/",
        {"file": SimpleUploadedFile(name, content), "reference_date": date, "source": "SCB test"},
    )


def test_upload_previews_old_new_and_change_then_confirm_writes(client_for, figures_2024):
    client = client_for("project_leader")
    PopulationFigure.objects.create(
        municipality=Municipality.objects.get(code="0160"), reference_date=DATE, population=70_000
    )
    response = upload(client, scb_csv([("0160", "Täby", "71 000"), ("0182", "Nacka", "104 000")]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Förhandsvisning" in html
    assert "70\u00a0000" in html and "71\u00a0000" in html and "+1\u00a0000" in html
    assert "Spara folkmängden" in html
    # Nothing is written by the preview.
    assert figures_2024.get(municipality__code="0160").population == 70_000
    assert not figures_2024.filter(municipality__code="0182").exists()

    sha = response.context["pending"]["sha256"]
    response = client.post("/kommuner/folkmangd/bekrafta/", {"sha256": sha}, follow=True)
    assert "1 nya, 1 uppdaterade" in response.content.decode()
    assert figures_2024.get(municipality__code="0160").population == 71_000
    assert figures_2024.get(municipality__code="0182").source == "SCB test"
    # Confirming twice does nothing more: the preview is used up.
    response = client.post("/kommuner/folkmangd/bekrafta/", {"sha256": sha}, follow=True)
    assert "Förhandsvisningen har gått ut" in response.content.decode()


def test_upload_with_a_bad_row_shows_every_error_and_writes_nothing(client_for, figures_2024):
    client = client_for("project_leader")
    response = upload(client, scb_csv([("0160", "Täby", "71 000"), ("0182", "Täby", "-1")]))
    html = response.content.decode()
    assert "Filen har 2 fel. Inget har sparats." in html
    assert "Rad 6: " in html
    assert "Spara folkmängden" not in html
    assert figures_2024.count() == 0
    # And there is nothing pending to confirm.
    response = client.post("/kommuner/folkmangd/bekrafta/", {"sha256": "x"}, follow=True)
    assert figures_2024.count() == 0


def test_upload_form_errors_are_in_swedish(client_for):
    response = client_for("project_leader").post("/kommuner/folkmangd/importera/", {})
    html = response.content.decode()
    assert "Rätta följande" in html
    assert "Detta fält måste fyllas i" in html
