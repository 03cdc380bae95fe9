"""E-invoices of issued invoices and credit notes: what they say, from the snapshot only; what
stops one from being built; the buyer reference finance sets once; stored once."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from invoicing import einvoice, einvoice_documents, services
from invoicing.einvoice import EinvoiceNotReady
from invoicing.einvoice_validation import validate
from invoicing.models import ImmutableInvoiceError, Invoice
from municipalities.models import Municipality
from tests.url_cases.invoicing_invoices import HANINGE, TABY, issue_invoice

from .conftest import D

NS = {"cac": einvoice.NS["cac"], "cbc": einvoice.NS["cbc"]}


def text(root, path):
    return [e.text for e in root.xpath(path, namespaces=NS)]


@pytest.fixture
def taby_2025(pools, users):
    return issue_invoice(TABY, users, year=2025, start=D(2025, 6, 10), invoice_date=D(2025, 6, 12))


def test_an_invoice_is_a_peppol_bis_3_invoice_with_bankgiro_ocr_and_both_parties(taby_2025):
    invoice = taby_2025
    xml = einvoice.build_ubl(invoice)
    assert validate(xml) == []
    root = etree.fromstring(xml)
    assert etree.QName(root).localname == "Invoice"
    assert text(root, "cbc:CustomizationID") == [einvoice.CUSTOMIZATION_ID]
    assert text(root, "cbc:ProfileID") == ["urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"]
    assert text(root, "cbc:ID") == [invoice.number]
    assert text(root, "cbc:IssueDate") == ["2025-06-12"] and text(root, "cbc:DueDate") == [
        "2025-07-12"
    ]
    assert text(root, "cbc:BuyerReference") == ["REF-0160"]  # § 1 of the agreement
    seller = "cac:AccountingSupplierParty/cac:Party"
    assert root.xpath(f"{seller}/cbc:EndpointID/@schemeID", namespaces=NS) == ["0007"]
    assert text(root, f"{seller}/cbc:EndpointID") == ["2120000142"]
    assert text(root, f"{seller}/cac:PartyLegalEntity/cbc:CompanyID") == ["2120000142"]
    assert text(root, f"{seller}/cac:PartyTaxScheme/cbc:CompanyID") == ["SE212000014201"]
    buyer = "cac:AccountingCustomerParty/cac:Party"
    assert text(root, f"{buyer}/cbc:EndpointID") == ["2120001603"]
    assert text(root, f"{buyer}/cac:PartyLegalEntity/cbc:RegistrationName") == ["Täby"]
    assert text(root, f"{buyer}/cac:PostalAddress/cbc:PostalZone") == ["100 01"]
    assert text(root, "cac:PaymentMeans/cbc:PaymentMeansCode") == ["30"]
    assert text(root, "cac:PaymentMeans/cbc:PaymentID") == [invoice.ocr]
    account = "cac:PaymentMeans/cac:PayeeFinancialAccount"
    assert text(root, f"{account}/cbc:ID") == ["50501055"]  # 5050-1055 from the settings
    assert text(root, f"{account}/cac:FinancialInstitutionBranch/cbc:ID") == ["SE:BANKGIRO"]
    assert text(root, "cac:PaymentTerms/cbc:Note")[0].startswith("30 dagar netto")
    amount = f"{invoice.amount:.2f}"
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [amount]
    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == ["0.00"]
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == ["E"]
    assert "7/12" in text(root, "cac:InvoiceLine/cac:Item/cbc:Name")[0]
    assert text(root, "cac:InvoicePeriod/cbc:StartDate") == ["2025-06-01"]  # 7 twelfths


def test_a_credit_note_is_a_credit_note_that_refers_to_the_invoice_it_credits(taby_2025):
    note = services.credit(
        taby_2025, reason="Force majeure § 10", percent=Decimal("25"), invoice_date=D(2025, 9, 1)
    )
    xml = einvoice.build_ubl(note)
    assert validate(xml) == []
    root = etree.fromstring(xml)
    assert etree.QName(root).localname == "CreditNote"
    assert text(root, "cbc:CreditNoteTypeCode") == ["381"]
    reference = "cac:BillingReference/cac:InvoiceDocumentReference"
    assert text(root, f"{reference}/cbc:ID") == [taby_2025.number]
    assert text(root, f"{reference}/cbc:IssueDate") == ["2025-06-12"]
    # The credit note states what it credits as a positive amount; its type says credit.
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [f"{-note.amount:.2f}"]
    assert not root.xpath("cac:PaymentMeans", namespaces=NS)
    assert "Force majeure" in text(root, "cbc:Note")[0]


def test_the_document_is_made_from_the_snapshot_not_from_todays_data(taby_2025):
    before = einvoice.build_ubl(taby_2025)
    Municipality.objects.filter(code=TABY).update(name="Nya Täby", org_number="212000-0142")
    invoice = Invoice.objects.get(pk=taby_2025.pk)
    assert einvoice.build_ubl(invoice) == before


def test_category_o_carries_no_vat_number_no_rate_and_says_not_subject_to_vat(taby_2025, settings):
    settings.INVOICE_VAT_CATEGORY = "O"
    xml = einvoice.build_ubl(taby_2025)
    assert validate(xml) == []
    root = etree.fromstring(xml)
    assert not root.xpath("//cac:PartyTaxScheme", namespaces=NS)  # BR-O-02
    assert not root.xpath("//cac:ClassifiedTaxCategory/cbc:Percent", namespaces=NS)  # BR-O-05
    category = "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory"
    assert text(root, f"{category}/cbc:ID") == ["O"]
    assert text(root, f"{category}/cbc:TaxExemptionReasonCode") == ["VATEX-EU-O"]
    assert text(root, f"{category}/cbc:TaxExemptionReason") == [
        settings.INVOICE_VAT_EXEMPTION_REASON
    ]


def test_f_skatt_is_stated_when_the_settings_say_so(taby_2025, settings):
    settings.INVOICE_SELLER_F_SKATT = True
    root = etree.fromstring(einvoice.build_ubl(taby_2025))
    schemes = root.xpath(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='TAX']"
        "/cbc:CompanyID",
        namespaces=NS,
    )
    assert [s.text for s in schemes] == ["Godkänd för F-skatt"]
    assert validate(etree.tostring(root)) == []


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("5050-1055", "50501055"),
        ("123-4566", "1234566"),
        (" 5050-1055 ", "50501055"),
        ("000-0000", None),  # the placeholder of the settings
        ("5050-1056", None),  # wrong check digit
        ("50501055", None),  # written without the hyphen
        ("12-34566", None),
        ("12345-6789", None),
        ("", None),
    ],
)
def test_bankgiro_format_and_check_digit(value, digits):
    assert einvoice.bankgiro_digits(value) == digits


@pytest.mark.parametrize("bankgiro", ["000-0000", "5050-1056"])
def test_an_invalid_bankgiro_refuses_the_e_invoice_but_not_the_pdf(taby_2025, settings, bankgiro):
    from invoicing import documents

    settings.INVOICE_SELLER_BANKGIRO = bankgiro
    with pytest.raises(EinvoiceNotReady) as refused:
        einvoice.build_ubl(taby_2025)
    assert any(
        "INVOICE_SELLER_BANKGIRO" in reason and bankgiro in reason
        for reason in refused.value.reasons
    )
    assert bankgiro in str(refused.value)
    pdf = documents.ensure_pdf(taby_2025)  # the invoice still goes out, without the XML
    assert (
        pdf.startswith(b"%PDF") and Invoice.objects.get(pk=taby_2025.pk).pdf_has_einvoice is False
    )
    # A credit note asks for no payment, so it needs no Bankgiro.
    note = services.credit(taby_2025, reason="Test")
    assert validate(einvoice.build_ubl(note)) == []


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("INVOICE_VAT_CATEGORY", "S", "INVOICE_VAT_CATEGORY"),
        ("INVOICE_SELLER_ORG_NUMBER", "212000-0143", "INVOICE_SELLER_ORG_NUMBER"),
        ("INVOICE_SELLER_VAT_NUMBER", "SE212000014202", "SE212000014201"),
        ("INVOICE_VAT_EXEMPTION_REASON", " ", "INVOICE_VAT_EXEMPTION_REASON"),
    ],
)
def test_seller_settings_that_break_a_rule_refuse_the_e_invoice(
    taby_2025, settings, setting, value, words
):
    setattr(settings, setting, value)
    with pytest.raises(EinvoiceNotReady) as refused:
        einvoice.build_ubl(taby_2025)
    assert words in str(refused.value)


def test_category_e_needs_a_vat_number_or_f_skatt(taby_2025, settings):
    settings.INVOICE_SELLER_VAT_NUMBER = ""
    assert any("F-skatt" in r for r in einvoice.readiness(taby_2025))  # BR-E-02
    settings.INVOICE_SELLER_F_SKATT = True
    assert validate(einvoice.build_ubl(taby_2025)) == []


def test_no_organisation_number_in_the_snapshot_refuses_the_e_invoice(pools, users):
    invoice = issue_invoice(TABY, users, year=2025, org_number="")
    with pytest.raises(EinvoiceNotReady) as refused:
        einvoice.build_ubl(invoice)
    assert "organisationsnummer" in str(refused.value)


# --- The buyer reference ----------------------------------------------------------------------------


@pytest.fixture
def without_reference(pools, users):
    return issue_invoice(HANINGE, users, year=2025, buyer_reference="")


def test_without_a_buyer_reference_the_e_invoice_is_refused_until_finance_sets_one(
    without_reference, users
):
    invoice = without_reference
    with pytest.raises(EinvoiceNotReady) as refused:
        einvoice.build_ubl(invoice)
    assert "Fakturareferens" in str(refused.value) and "§ 1" in str(refused.value)
    snapshot = dict(invoice.snapshot)

    einvoice_documents.set_buyer_reference(invoice, reference=" KST-4711 ", by=users["finance"])

    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.einvoice_buyer_reference == "KST-4711"
    assert invoice.einvoice_buyer_reference_set_by == users["finance"]
    assert invoice.einvoice_buyer_reference_set_at is not None
    assert invoice.snapshot == snapshot  # the issued invoice's underlag never changes
    root = etree.fromstring(einvoice.build_ubl(invoice))
    assert text(root, "cbc:BuyerReference") == ["KST-4711"]
    # A credit note against it carries the same reference.
    note = services.credit(invoice, reason="Test", percent=Decimal("10"))
    assert text(etree.fromstring(einvoice.build_ubl(note)), "cbc:BuyerReference") == ["KST-4711"]


def test_the_buyer_reference_is_set_once_and_only_when_section_1_gave_none(
    without_reference, taby_2025, users
):
    with pytest.raises(ValidationError):
        einvoice_documents.set_buyer_reference(
            without_reference, reference=" ", by=users["finance"]
        )
    einvoice_documents.set_buyer_reference(without_reference, reference="A", by=users["finance"])
    with pytest.raises(ValidationError, match="redan"):
        einvoice_documents.set_buyer_reference(
            without_reference, reference="B", by=users["finance"]
        )
    # The model refuses it too, whoever calls save().
    invoice = Invoice.objects.get(pk=without_reference.pk)
    invoice.einvoice_buyer_reference = "B"
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()
    invoice = Invoice.objects.get(pk=taby_2025.pk)  # § 1 gave REF-0160
    invoice.einvoice_buyer_reference = "ANNAN"
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()
    # …and it opens no door to the invoice's other fields.
    invoice = Invoice.objects.get(pk=without_reference.pk)
    invoice.amount += 1
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()


# --- Stored once ------------------------------------------------------------------------------------


def test_the_e_invoice_is_stored_once_and_then_served_byte_for_byte(taby_2025, settings):
    first = einvoice_documents.ensure_xml(taby_2025)
    invoice = Invoice.objects.get(pk=taby_2025.pk)
    assert invoice.einvoice_sha256 and invoice.einvoice_xml.name.startswith("einvoices/")
    settings.INVOICE_SELLER_REFERENCE = "Ny handläggare"  # a later change of the settings…
    assert einvoice_documents.ensure_xml(invoice) == first  # …does not change what was issued
    invoice.einvoice_sha256 = "0" * 64
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()


def test_a_stored_e_invoice_that_no_longer_matches_is_never_served(taby_2025):
    einvoice_documents.ensure_xml(taby_2025)
    invoice = Invoice.objects.get(pk=taby_2025.pk)
    with invoice.einvoice_xml.open("wb") as stored:
        stored.write(b"<Invoice/>")
    with pytest.raises(einvoice_documents.StoredXmlMismatch):
        einvoice_documents.ensure_xml(invoice)
