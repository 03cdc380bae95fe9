"""The import: a template that round-trips, a preview, then all or nothing with every bad row
named by its number and reason."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from followup import importing
from followup.importing import COLUMNS
from followup.models import UsageFigure

from .conftest import NACKA, SOLNA, TABY, YEAR, xlsx_bytes

IMPORT_URL = "/uppfoljning/importera/"
CONFIRM_URL = "/uppfoljning/importera/bekrafta/"

GOOD = [
    (TABY, "Täby", "mikamottagningen", YEAR, 1, 12, 40, 3, 25),
    (TABY, "Täby", "kast", YEAR, 1, 4, 10, 0, 0),
    (182, "Nacka", "KAST", YEAR, 2, 2, 5, 1, 0),  # Excel made the code a number; the code's case
    (NACKA, "", "Regionkoordinatorer", YEAR, 2, 1, 9, 2, 0),  # the name instead of the code
    (SOLNA, "Solna", "kast", YEAR, 2, None, None, None, None),  # nothing reported: skipped
]


def upload(client, content, name="nyttjande.xlsx"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def test_a_good_file_is_previewed_then_written_once(client_for, users):
    client = client_for("project_leader")
    response = upload(client, xlsx_bytes(GOOD))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alla rader i nyttjande.xlsx är godkända: 4 rader. Inget är sparat ännu." in html
    assert not UsageFigure.objects.exists()  # the preview writes nothing
    sha = response.context["pending"]["sha256"]

    response = client.post(CONFIRM_URL, {"sha256": sha})
    assert response.status_code == 302
    assert UsageFigure.objects.count() == 4
    nacka = UsageFigure.objects.get(municipality__code=NACKA, service__code="kast")
    assert (nacka.year, nacka.half, nacka.individuals_supported, nacka.contacts) == (YEAR, 2, 2, 5)
    assert nacka.entered_by == users["project_leader"]
    # The preview is used once: confirming again writes nothing and says so.
    response = client.post(CONFIRM_URL, {"sha256": sha}, follow=True)
    assert "Förhandsvisningen har gått ut" in response.content.decode()
    assert UsageFigure.objects.count() == 4


def test_every_bad_row_is_named_and_nothing_is_written(client_for):
    rows = [
        GOOD[0],
        ("9999", "", "kast", YEAR, 1, 1, 1, 1, 1),  # row 3: unknown code
        (TABY, "Nacka", "kast", YEAR, 2, 1, 1, 1, 1),  # row 4: the name does not match
        (TABY, "Täby", "origo", YEAR, 2, 1, 1, 1, 1),  # row 5: unknown service
        (TABY, "Täby", "kast", YEAR, 3, 1, 1, 1, 1),  # row 6: a third half-year
        (TABY, "Täby", "kast", YEAR, 2, -1, "två", 1.5, None),  # row 7: four bad counts
        (TABY, "Täby", "mikamottagningen", YEAR, 1, 1, 1, 1, 1),  # row 8: repeats row 2
        (TABY, "Täby", "kast", 2099, 1, 1, 1, 1, 1),  # row 9: has not begun
    ]
    response = upload(client_for("project_leader"), xlsx_bytes(rows))
    html = response.content.decode()
    assert "Inget har sparats" in html
    messages = [str(e) for e in response.context["errors"]]
    assert messages == [
        "Rad 3: okänd kommunkod 9999.",
        "Rad 4: kommunen 'Nacka' stämmer inte med kommunkod 0160 (Täby).",
        "Rad 5: okänd verksamhet 'origo' (ska vara kast, mikamottagningen, regionkoordinatorer).",
        "Rad 6: halvåret ska vara 1 eller 2, inte '3'.",
        "Rad 7: individer får inte vara negativt (-1).",
        "Rad 7: kontakter 'två' är inte ett heltal.",
        "Rad 7: konsultationer '1.5' är inte ett heltal.",
        "Rad 7: utbildningsdeltagare saknas.",
        "Rad 8: samma kommun, verksamhet och halvår som rad 2.",
        "Rad 9: 2099, första halvåret har inte börjat ännu.",
    ]
    assert "pending" not in response.context
    assert not UsageFigure.objects.exists()


def test_one_bad_row_among_good_ones_writes_nothing(client_for, figures):
    figures(TABY, {"kast": (1, 1, 1, 1)})
    rows = [*GOOD[:4], (NACKA, "Nacka", "kast", YEAR, 1, 1, 1, 1, -3)]
    response = upload(client_for("project_leader"), xlsx_bytes(rows))
    assert [str(e) for e in response.context["errors"]] == [
        "Rad 6: utbildningsdeltagare får inte vara negativt (-3)."
    ]
    assert list(UsageFigure.objects.values_list("individuals_supported", flat=True)) == [1]


def test_a_bad_header_or_an_unreadable_file_is_one_clear_error(client_for):
    client = client_for("project_leader")
    response = upload(client, xlsx_bytes([GOOD[0]], header=["kommunkod", "antal"]))
    (error,) = response.context["errors"]
    assert str(error).startswith("Rad 1: rubrikraden ska vara kommunkod,kommun,verksamhet")
    assert "saknas: verksamhet, år, halvår" in str(error) and "okända: antal" in str(error)
    response = upload(client, b"not a workbook")
    assert [str(e) for e in response.context["errors"]] == [
        "Filen går inte att läsa som Excel (.xlsx)."
    ]
    assert not UsageFigure.objects.exists()


def test_a_csv_file_is_read_too(client_for):
    content = (",".join(COLUMNS) + f"\n0160,Täby,kast,{YEAR},1,1,2,3,4\n").encode()
    client = client_for("project_leader")
    response = upload(client, content, name="nyttjande.csv")
    client.post(CONFIRM_URL, {"sha256": response.context["pending"]["sha256"]})
    assert UsageFigure.objects.get().counts() == {
        "individuals_supported": 1,
        "contacts": 2,
        "consultations": 3,
        "training_participants": 4,
    }


def test_the_template_round_trips(client_for, figures):
    """Download the template, fill in a row, upload it: the stored figures come back unchanged
    and the new one is added."""
    figures(TABY, {"kast": (4, 10, 0, 2)}, half=2)
    client = client_for("project_leader")
    response = client.get(f"/uppfoljning/mall.xlsx?ar={YEAR}&halvar=2")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="nyttjande-{YEAR}-h2.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert rows[1:] == [
        (TABY, "Täby", "mikamottagningen", YEAR, 2, None, None, None, None),
        (TABY, "Täby", "kast", YEAR, 2, 4, 10, 0, 2),
        (TABY, "Täby", "regionkoordinatorer", YEAR, 2, None, None, None, None),
    ]
    assert "Instruktioner" in workbook.sheetnames
    sheet.cell(2, 6).value, sheet.cell(2, 7).value, sheet.cell(2, 8).value = 3, 7, 1
    sheet.cell(2, 9).value = 0
    out = io.BytesIO()
    workbook.save(out)

    response = upload(client, out.getvalue())
    states = [(p.service, p.state) for p in response.context["preview"]]
    assert states == [("Mikamottagningen", "ny"), ("KAST", "oförändrad")]
    client.post(CONFIRM_URL, {"sha256": response.context["pending"]["sha256"]})
    stored = dict(
        UsageFigure.objects.filter(year=YEAR, half=2).values_list(
            "service__code", "individuals_supported"
        )
    )
    assert stored == {"kast": 4, "mikamottagningen": 3}


def test_the_template_has_every_county_municipality_when_nobody_has_figures(reference_data):
    content = importing.template_xlsx(YEAR, 1)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    codes = {r[0] for r in rows[1:]}
    assert len(codes) == 26 and "0980" not in codes  # Stockholm county, not Gotland
    assert len(rows) == 1 + 26 * 3


def test_only_the_project_leader_imports(client_for):
    for role in ("finance", "contact_taby", "steering_member"):
        client = client_for(role)
        assert upload(client, xlsx_bytes(GOOD)).status_code == 403
        assert client.get("/uppfoljning/mall.xlsx").status_code == 403
    assert not UsageFigure.objects.exists()
