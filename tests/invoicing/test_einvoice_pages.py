"""The e-invoice as people get it: attached to the PDF (read back from the PDF), downloaded alone,
a year's ZIP and the export command for finance, the buyer reference form, the invoice page and
the run's warnings."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from invoicing import documents, einvoice_documents, exports, services
from invoicing.einvoice_validation import validate
from invoicing.models import Invoice
from tests.url_cases.invoicing_invoices import HANINGE, TABY, active_agreement, issue_invoice

from .conftest import D

NACKA = "0182"


@pytest.fixture
def taby(pools, users):
    return issue_invoice(TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12))


@pytest.fixture
def haninge_without_reference(pools, users):
    # Täby's invoice may be issued first: the same date, as dates never go backwards in a series.
    return issue_invoice(HANINGE, users, year=2025, buyer_reference="", invoice_date=D(2025, 6, 12))


def embedded_files(pdf: bytes) -> dict[str, bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    return {name: contents[0] for name, contents in reader.attachments.items()}


def test_the_pdf_carries_the_e_invoice_as_an_attachment_in_pdf_a_3(taby, client_for):
    response = client_for("finance").get(f"/fakturering/{taby.pk}/faktura.pdf")
    assert response.status_code == 200
    files = embedded_files(response.content)
    assert list(files) == [f"faktura-{taby.number}.xml"]
    xml = files[f"faktura-{taby.number}.xml"]
    assert validate(xml) == []
    # The attachment is the stored e-invoice, the one its own download serves.
    download = client_for("finance").get(f"/fakturering/{taby.pk}/e-faktura.xml")
    assert download.status_code == 200 and download.content == xml
    assert download["Content-Type"] == "application/xml"
    assert f'filename="faktura-{taby.number}.xml"' in download["Content-Disposition"]
    # PDF/A-3, with the XML named as an alternative form of the invoice.
    reader = PdfReader(io.BytesIO(response.content))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata  # PDF/A-3: the part that allows attachments
    (spec_ref,) = {ref.idnum for ref in reader.trailer["/Root"]["/AF"]}  # WeasyPrint lists it twice
    spec = reader.get_object(spec_ref)
    assert spec["/AFRelationship"] == "/Alternative" and spec["/Desc"].startswith("E-faktura")
    assert Invoice.objects.get(pk=taby.pk).pdf_has_einvoice


def test_a_credit_note_pdf_carries_its_own_credit_note_xml(taby, users):
    note = services.credit(taby, reason="Test", percent=Decimal("10"))
    files = embedded_files(documents.ensure_pdf(note))
    assert list(files) == [f"kreditfaktura-{note.number}.xml"]
    assert b"<CreditNote" in files[f"kreditfaktura-{note.number}.xml"]


def test_the_year_zip_of_pdfs_rendered_in_worker_processes_carries_each_xml(taby, pools, users):
    nacka = issue_invoice(NACKA, users, year=2025, invoice_date=D(2025, 6, 12))
    archive = zipfile.ZipFile(io.BytesIO(exports.year_pdf_zip_bytes(2025, workers=2)))
    for invoice in (taby, nacka):
        pdf = archive.read(documents.pdf_filename(invoice))
        assert list(embedded_files(pdf)) == [f"faktura-{invoice.number}.xml"]
        assert Invoice.objects.get(pk=invoice.pk).pdf_has_einvoice


def test_without_a_buyer_reference_the_pdf_has_no_xml_and_the_page_says_what_to_do(
    haninge_without_reference, client_for, users
):
    invoice = haninge_without_reference
    finance = client_for("finance")
    pdf = finance.get(f"/fakturering/{invoice.pk}/faktura.pdf").content
    assert embedded_files(pdf) == {}
    page = finance.get(f"/fakturering/{invoice.pk}/").content.decode()
    assert "Inte klar" in page and "Fakturareferens (Er referens) saknas" in page
    assert "har den inte bifogad" in page  # the stored PDF never changes
    assert f"/fakturering/{invoice.pk}/e-faktura/referens/" in page

    refused = finance.get(f"/fakturering/{invoice.pk}/e-faktura.xml")
    assert refused.status_code == 302 and refused["Location"] == f"/fakturering/{invoice.pk}/"
    assert any("kan inte skapas" in str(m) for m in get_messages(refused.wsgi_request))

    form = finance.get(f"/fakturering/{invoice.pk}/e-faktura/referens/")
    assert form.status_code == 200 and "Er referens" in form.content.decode()
    unconfirmed = finance.post(f"/fakturering/{invoice.pk}/e-faktura/referens/", {"referens": "X"})
    assert unconfirmed.status_code == 200 and unconfirmed.context["form"].errors["bekraftad"]
    assert Invoice.objects.get(pk=invoice.pk).einvoice_buyer_reference == ""
    done = finance.post(
        f"/fakturering/{invoice.pk}/e-faktura/referens/", {"referens": "KST 12", "bekraftad": "on"}
    )
    assert done.status_code == 302
    saved = Invoice.objects.get(pk=invoice.pk)
    assert (saved.einvoice_buyer_reference, saved.einvoice_buyer_reference_set_by) == (
        "KST 12",
        users["finance"],
    )
    page = finance.get(f"/fakturering/{invoice.pk}/").content.decode()
    assert "Klar" in page and "KST 12" in page and "angiven av" in page
    xml = finance.get(f"/fakturering/{invoice.pk}/e-faktura.xml")
    assert (
        xml.status_code == 200 and b"<cbc:BuyerReference>KST 12</cbc:BuyerReference>" in xml.content
    )
    assert finance.get(f"/fakturering/{invoice.pk}/faktura.pdf").content == pdf  # unchanged
    again = finance.get(f"/fakturering/{invoice.pk}/e-faktura/referens/")
    assert again.status_code == 302  # set once


def test_the_invoice_page_says_the_e_invoice_is_ready_and_offers_it(taby, client_for):
    page = client_for("contact_taby").get(f"/fakturering/{taby.pk}/").content.decode()
    assert "Klar" in page and f"/fakturering/{taby.pk}/e-faktura.xml" in page
    assert "referens/" not in page  # only finance sets a reference
    assert "PDF:en skapas när den laddas ner första gången" in page


def test_a_municipality_gets_its_own_xml_and_never_anothers(taby, client_for):
    assert (
        client_for("contact_taby").get(f"/fakturering/{taby.pk}/e-faktura.xml").status_code == 200
    )
    assert (
        client_for("contact_nacka").get(f"/fakturering/{taby.pk}/e-faktura.xml").status_code == 404
    )
    assert (
        client_for("steering_member").get(f"/fakturering/{taby.pk}/e-faktura.xml").status_code
        == 403
    )


def test_a_contact_is_not_shown_the_citys_settings(
    haninge_without_reference, settings, client_for, users
):
    settings.INVOICE_SELLER_BANKGIRO = "000-0000"
    users["contact_taby"].municipality_id = haninge_without_reference.municipality_id
    users["contact_taby"].save()
    page = client_for("contact_taby").get(f"/fakturering/{haninge_without_reference.pk}/")
    html = page.content.decode()
    assert "Inte klar" in html and "INVOICE_SELLER_BANKGIRO" not in html
    staff = client_for("finance").get(f"/fakturering/{haninge_without_reference.pk}/")
    assert "INVOICE_SELLER_BANKGIRO" in staff.content.decode()


def test_finance_gets_a_years_e_invoices_as_one_zip_with_what_could_not_be_built(
    taby, haninge_without_reference, client_for
):
    response = client_for("finance").get("/fakturering/2025/e-fakturor.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["ej-skapade.txt", f"faktura-{taby.number}.xml"]
    assert validate(archive.read(f"faktura-{taby.number}.xml")) == []
    missing = archive.read("ej-skapade.txt").decode()
    assert haninge_without_reference.number in missing and "Fakturareferens" in missing
    assert client_for("finance").get("/fakturering/2019/e-fakturor.zip").status_code == 404
    assert client_for("signatory").get("/fakturering/2025/e-fakturor.zip").status_code == 403


def test_export_einvoices_writes_one_file_each_and_exits_1_for_those_it_cannot(
    taby, haninge_without_reference, tmp_path
):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "export_einvoices", "2025", "--output", str(tmp_path / "ut"), stdout=out, stderr=err
        )
    assert failed.value.returncode == 1
    written = sorted(p.name for p in (tmp_path / "ut").iterdir())
    assert written == [f"faktura-{taby.number}.xml"]
    assert (tmp_path / "ut" / written[0]).read_bytes() == einvoice_documents.ensure_xml(taby)
    assert haninge_without_reference.number in err.getvalue()
    assert "Fakturareferens" in err.getvalue()


def test_export_einvoices_exits_0_when_every_one_is_built(taby, users, tmp_path):
    note = services.credit(taby, reason="Test", percent=Decimal("10"))
    out = io.StringIO()
    call_command("export_einvoices", "2025", "--output", str(tmp_path / "ut"), stdout=out)
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        f"faktura-{taby.number}.xml",
        f"kreditfaktura-{note.number}.xml",
    ]
    assert "2 e-fakturor skrivna" in out.getvalue()


def test_the_run_warns_per_invoice_without_a_buyer_reference(pools, active, client_for):
    active(TABY, D(2024, 3, 1), buyer_reference="")
    active(NACKA, D(2024, 1, 1))
    page = client_for("finance").get(
        "/fakturering/kostnader/korning/", {"ar": 2025, "fakturadatum": "2025-01-15"}
    )
    html = page.content.decode()
    assert "1 faktura kan inte skickas som e-faktura" in html
    assert "Täby: ingen fakturareferens i avtalets § 1" in html and "Nacka:" not in html

    out, err = io.StringIO(), io.StringIO()
    call_command(
        "invoice_run",
        "2025",
        "--date",
        "2025-01-15",
        "--dry-run",
        "--format",
        "csv",
        stdout=out,
        stderr=err,
    )
    # The CSV keeps its columns; the warning goes to stderr, for the person running it.
    assert len(out.getvalue().splitlines()) == 3
    assert "varning (e-faktura): Täby: ingen fakturareferens" in err.getvalue()
    assert "Nacka:" not in err.getvalue()
    out = io.StringIO()
    call_command("invoice_run", "2025", "--date", "2025-01-15", "--dry-run", stdout=out)
    assert "varning (e-faktura): Täby: ingen fakturareferens" in out.getvalue()


def test_a_proposed_first_invoice_without_a_buyer_reference_is_flagged(users, client_for):
    from django.utils import timezone

    from offers.costs import proposal
    from offers.models import CostPool
    from offers.pools import set_pool

    year = timezone.localdate().year
    for y in range(2022, year + 1):
        if not CostPool.objects.filter(year=y).exists():
            set_pool(year=y, amount=proposal(y), note="", by=None)
    active_agreement(TABY, users, start=D(year, 1, 10), buyer_reference="")
    page = client_for("finance").get("/fakturering/kostnader/korning/")
    (proposed,) = page.context["first_due"].planned
    assert page.context["first_due"].einvoice_warnings == [
        "Täby: ingen fakturareferens i avtalets § 1; fakturan kan inte skickas som e-faktura "
        "förrän ekonomi anger en på fakturan."
    ]
    assert "ingen fakturareferens i avtalets § 1" in page.content.decode()
