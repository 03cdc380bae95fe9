"""Each rule check of invoicing.einvoice_validation fails on a document broken in exactly the way
that rule forbids, and a correct document passes them all (and the UBL 2.1 XSD).

The documents are built by the product's own builder from invoices held in memory (no database):
an invoice, its credit note, and an invoice under VAT category O.
"""

import copy
import datetime
from decimal import Decimal

import pytest
from lxml import etree

from invoicing import einvoice
from invoicing.einvoice_validation import rule_failures, schema, validate, xsd_failures
from invoicing.models import Invoice, Kind
from invoicing.seller import environment_seller

NS = {"cac": einvoice.NS["cac"], "cbc": einvoice.NS["cbc"]}
SNAPSHOT = {
    "municipality_name": "Täby",
    "org_number": "212000-1603",
    "invoicing_address": "Täby kommun\nFakturaskanning\nBox 2\n183 80 Täby",
    "buyer_reference": "REF-0160",
    "contact_person": "Anna Andersson",
    "offer_name": "Mikamottagningen, KAST och regionkoordinatorer",
}


@pytest.fixture(autouse=True)
def seller_from_the_environment(monkeypatch):
    """No database: the seller block is the environment's, as before finance saves one."""
    monkeypatch.setattr(einvoice, "current_seller", environment_seller)


def invoice_in_memory(**fields) -> Invoice:
    values = {
        "number": "2025-0001",
        "kind": Kind.FIRST,
        "year": 2025,
        "twelfths": 7,
        "annual_amount": Decimal("131874"),
        "amount": Decimal("76927"),
        "ocr": "2025000106",
        "invoice_date": datetime.date(2025, 6, 12),
        "due_date": datetime.date(2025, 7, 12),
        "snapshot": SNAPSHOT,
        **fields,
    }
    return Invoice(**values)


def credit_note_in_memory() -> Invoice:
    return invoice_in_memory(
        number="2025-0002",
        kind=Kind.CREDIT,
        amount=Decimal("-19232"),
        ocr="2025000205",
        due_date=datetime.date(2025, 6, 12),
        credit_reason="Force majeure § 10",
        snapshot={**SNAPSHOT, "credited_number": "2025-0001", "percent": "25"},
        credited_invoice=invoice_in_memory(),
    )


def parsed(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


@pytest.fixture
def invoice_doc():
    return parsed(einvoice.build_ubl(invoice_in_memory()))


@pytest.fixture
def credit_doc():
    return parsed(einvoice.build_ubl(credit_note_in_memory()))


@pytest.fixture
def category_o_doc(settings):
    settings.INVOICE_VAT_CATEGORY = "O"
    return parsed(einvoice.build_ubl(invoice_in_memory()))


def failed(root) -> set[str]:
    return {f.rule for f in validate(etree.tostring(root))}


def test_the_correct_documents_pass_the_xsd_and_every_rule(invoice_doc, credit_doc, category_o_doc):
    for root in (invoice_doc, credit_doc, category_o_doc):
        assert validate(etree.tostring(root)) == []


# --- Mutations: each breaks one thing ------------------------------------------------------------


def find(root, path):
    (element,) = root.xpath(path, namespaces=NS)
    return element


def remove(path):
    def mutate(root):
        for element in root.xpath(path, namespaces=NS):
            element.getparent().remove(element)

    return mutate


def set_text(path, text):
    def mutate(root):
        for element in root.xpath(path, namespaces=NS):
            element.text = text

    return mutate


def set_attribute(path, name, value):
    def mutate(root):
        element = find(root, path)
        if value is None:
            del element.attrib[name]
        else:
            element.set(name, value)

    return mutate


def duplicate(path):
    def mutate(root):
        element = find(root, path)
        element.addnext(copy.deepcopy(element))

    return mutate


def insert_before(path, tag, text):
    def mutate(root):
        prefix, name = tag.split(":")
        element = etree.Element(f"{{{NS[prefix]}}}{name}")
        element.text = text
        find(root, path).addprevious(element)

    return mutate


def add_tax_scheme(company_id, scheme_id):
    """A PartyTaxScheme on the seller, where UBL puts it (before PartyLegalEntity)."""

    def mutate(root):
        scheme = etree.Element(f"{{{NS['cac']}}}PartyTaxScheme")
        etree.SubElement(scheme, f"{{{NS['cbc']}}}CompanyID").text = company_id
        tax = etree.SubElement(scheme, f"{{{NS['cac']}}}TaxScheme")
        etree.SubElement(tax, f"{{{NS['cbc']}}}ID").text = scheme_id
        find(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity").addprevious(scheme)

    return mutate


def both(*mutations):
    def mutate(root):
        for m in mutations:
            m(root)

    return mutate


SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
SELLER_VAT = f"{SELLER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']"
TOTALS = "cac:LegalMonetaryTotal"
SUBTOTAL = "cac:TaxTotal/cac:TaxSubtotal"
LINE = "cac:InvoiceLine"
ACCOUNT = "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"

INVOICE_CASES = [
    ("UBL-XSD", insert_before("cbc:CustomizationID", "cbc:IssueDate", "2025-06-12")),
    ("UBL-XSD", insert_before("cbc:ID", "cbc:Colour", "blue")),
    ("BR-01", remove("cbc:CustomizationID")),
    ("PEPPOL-EN16931-R004", set_text("cbc:CustomizationID", "urn:cen.eu:en16931:2017")),
    ("PEPPOL-EN16931-R001", remove("cbc:ProfileID")),
    ("PEPPOL-EN16931-R007", set_text("cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:1.0")),
    ("BR-02", remove("cbc:ID")),
    ("BR-03", remove("cbc:IssueDate")),
    ("BR-04", remove("cbc:InvoiceTypeCode")),
    ("PEPPOL-EN16931-P0100", set_text("cbc:InvoiceTypeCode", "999")),
    ("BR-05", remove("cbc:DocumentCurrencyCode")),
    ("PEPPOL-EN16931-R051", set_attribute(f"{TOTALS}/cbc:PayableAmount", "currencyID", "EUR")),
    (
        "PEPPOL-EN16931-R002",
        both(
            insert_before("cbc:DocumentCurrencyCode", "cbc:Note", "a"),
            insert_before("cbc:DocumentCurrencyCode", "cbc:Note", "b"),
        ),
    ),
    ("PEPPOL-EN16931-R003", remove("cbc:BuyerReference")),
    ("PEPPOL-EN16931-R008", set_text(f"{BUYER}/cac:Contact/cbc:Name", "")),
    ("PEPPOL-EN16931-F001", set_text("cbc:DueDate", "12/07/2025")),
    ("BR-06", remove(f"{SELLER}/cac:PartyLegalEntity/cbc:RegistrationName")),
    ("BR-07", remove(f"{BUYER}/cac:PartyLegalEntity/cbc:RegistrationName")),
    ("BR-08", remove(f"{SELLER}/cac:PostalAddress")),
    ("BR-09", remove(f"{SELLER}/cac:PostalAddress/cac:Country")),
    ("BR-10", remove(f"{BUYER}/cac:PostalAddress")),
    ("BR-11", remove(f"{BUYER}/cac:PostalAddress/cac:Country")),
    ("PEPPOL-EN16931-R020", remove(f"{SELLER}/cbc:EndpointID")),
    ("PEPPOL-EN16931-R010", remove(f"{BUYER}/cbc:EndpointID")),
    ("BR-CO-26", both(remove(SELLER_VAT), remove(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID"))),
    ("PEPPOL-EN16931-CL008", set_attribute(f"{BUYER}/cbc:EndpointID", "schemeID", "9999")),
    ("PEPPOL-COMMON-R049", set_text(f"{BUYER}/cbc:EndpointID", "2120001604")),
    ("PEPPOL-COMMON-R049", set_text(f"{BUYER}/cbc:EndpointID", "212000-1603")),
    ("BR-CO-09", set_text(f"{SELLER_VAT}/cbc:CompanyID", "212000014201")),
    ("SE-R-001", set_text(f"{SELLER_VAT}/cbc:CompanyID", "SE2120000142")),
    ("SE-R-002", set_text(f"{SELLER_VAT}/cbc:CompanyID", "SE21200001420X")),
    ("SE-R-003", set_text(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "212000-0142")),
    ("SE-R-004", set_text(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "21200001423")),
    ("SE-R-013", set_text(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "2120000143")),
    ("SE-R-005", add_tax_scheme("F-skatt finns", "TAX")),
    ("BR-49", remove("cac:PaymentMeans/cbc:PaymentMeansCode")),
    ("BR-61", remove(ACCOUNT)),
    ("SE-R-008", set_text(ACCOUNT, "5050-1055")),
    ("SE-R-009", set_text(ACCOUNT, "505010559")),
    ("KOMMUNAVTAL-BG-01", set_text(ACCOUNT, "50501056")),
    ("SE-R-011", set_text("cac:PaymentMeans/cbc:PaymentMeansCode", "50")),
    ("BR-CO-25", both(remove("cbc:DueDate"), remove("cac:PaymentTerms"))),
    ("BR-12", remove(f"{TOTALS}/cbc:LineExtensionAmount")),
    ("BR-13", remove(f"{TOTALS}/cbc:TaxExclusiveAmount")),
    ("BR-14", remove(f"{TOTALS}/cbc:TaxInclusiveAmount")),
    ("BR-15", remove(f"{TOTALS}/cbc:PayableAmount")),
    ("BR-CO-10", set_text(f"{TOTALS}/cbc:LineExtensionAmount", "76928.00")),
    ("BR-CO-13", set_text(f"{TOTALS}/cbc:TaxExclusiveAmount", "76928.00")),
    ("BR-CO-15", set_text(f"{TOTALS}/cbc:TaxInclusiveAmount", "76928.00")),
    ("BR-CO-16", set_text(f"{TOTALS}/cbc:PayableAmount", "76928.00")),
    ("BR-DEC-09", set_text(f"{TOTALS}/cbc:LineExtensionAmount", "76927.001")),
    ("BR-DEC-18", set_text(f"{TOTALS}/cbc:PayableAmount", "76927.001")),
    ("BR-DEC-23", set_text(f"{LINE}/cbc:LineExtensionAmount", "76927.001")),
    ("BR-CO-14", set_text("cac:TaxTotal/cbc:TaxAmount", "1.00")),
    (
        "BR-CO-17",
        both(
            set_text(f"{SUBTOTAL}/cac:TaxCategory/cbc:ID", "S"),
            set_text(f"{SUBTOTAL}/cac:TaxCategory/cbc:Percent", "25"),
        ),
    ),
    ("BR-CO-18", remove(SUBTOTAL)),
    ("PEPPOL-EN16931-R053", duplicate("cac:TaxTotal")),
    ("BR-45", remove(f"{SUBTOTAL}/cbc:TaxableAmount")),
    ("BR-47", remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:ID")),
    ("BR-48", remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:Percent")),
    ("BR-CL-18", set_text(f"{SUBTOTAL}/cac:TaxCategory/cbc:ID", "X")),
    (
        "PEPPOL-EN16931-P0105",
        insert_before(
            f"{SUBTOTAL}/cac:TaxCategory/cbc:TaxExemptionReason",
            "cbc:TaxExemptionReasonCode",
            "VATEX-EU-O",
        ),
    ),
    ("BR-E-01", duplicate(SUBTOTAL)),
    ("BR-E-02", remove(SELLER_VAT)),
    ("BR-E-05", set_text(f"{LINE}/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "25")),
    ("BR-E-08", set_text(f"{SUBTOTAL}/cbc:TaxableAmount", "1.00")),
    (
        "BR-E-09",
        both(
            set_text(f"{SUBTOTAL}/cbc:TaxAmount", "1.00"),
            set_text("cac:TaxTotal/cbc:TaxAmount", "1.00"),
        ),
    ),
    ("BR-E-10", remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:TaxExemptionReason")),
    ("BR-16", remove(LINE)),
    ("BR-21", remove(f"{LINE}/cbc:ID")),
    ("BR-22", remove(f"{LINE}/cbc:InvoicedQuantity")),
    ("BR-23", set_attribute(f"{LINE}/cbc:InvoicedQuantity", "unitCode", None)),
    ("BR-24", remove(f"{LINE}/cbc:LineExtensionAmount")),
    ("BR-25", remove(f"{LINE}/cac:Item/cbc:Name")),
    ("BR-26", remove(f"{LINE}/cac:Price")),
    ("BR-27", set_text(f"{LINE}/cac:Price/cbc:PriceAmount", "-76927.00")),
    ("BR-CL-17", set_text(f"{LINE}/cac:Item/cac:ClassifiedTaxCategory/cbc:ID", "X")),
    ("PEPPOL-EN16931-R120", set_text(f"{LINE}/cbc:InvoicedQuantity", "2")),
]

CREDIT_CASES = [
    ("PEPPOL-EN16931-P0101", set_text("cbc:CreditNoteTypeCode", "380")),
    ("BR-55", remove("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")),
    ("KOMMUNAVTAL-CN-01", remove("cac:BillingReference")),
    ("BR-16", remove("cac:CreditNoteLine")),
    ("BR-22", remove("cac:CreditNoteLine/cbc:CreditedQuantity")),
    ("BR-CO-10", set_text("cac:CreditNoteLine/cbc:LineExtensionAmount", "1.00")),
]

CATEGORY_O_CASES = [
    ("BR-O-01", duplicate(SUBTOTAL)),
    ("BR-O-02", add_tax_scheme("SE212000014201", "VAT")),
    (
        "BR-O-05",
        insert_before(
            f"{LINE}/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme", "cbc:Percent", "0"
        ),
    ),
    ("BR-O-08", set_text(f"{SUBTOTAL}/cbc:TaxableAmount", "1.00")),
    (
        "BR-O-09",
        both(
            set_text(f"{SUBTOTAL}/cbc:TaxAmount", "1.00"),
            set_text("cac:TaxTotal/cbc:TaxAmount", "1.00"),
        ),
    ),
    (
        "BR-O-10",
        both(
            remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:TaxExemptionReason"),
            remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:TaxExemptionReasonCode"),
        ),
    ),
    (
        "PEPPOL-EN16931-P0108",
        set_text(f"{SUBTOTAL}/cac:TaxCategory/cbc:TaxExemptionReasonCode", "VATEX-EU-D"),
    ),
]


def _ids(cases):
    return [f"{rule_id}-{i}" for i, (rule_id, _m) in enumerate(cases)]


@pytest.mark.parametrize(("rule_id", "mutate"), INVOICE_CASES, ids=_ids(INVOICE_CASES))
def test_a_broken_invoice_fails_the_rule(invoice_doc, rule_id, mutate):
    mutate(invoice_doc)
    assert rule_id in failed(invoice_doc)


@pytest.mark.parametrize(("rule_id", "mutate"), CREDIT_CASES, ids=_ids(CREDIT_CASES))
def test_a_broken_credit_note_fails_the_rule(credit_doc, rule_id, mutate):
    mutate(credit_doc)
    assert rule_id in failed(credit_doc)


@pytest.mark.parametrize(("rule_id", "mutate"), CATEGORY_O_CASES, ids=_ids(CATEGORY_O_CASES))
def test_a_broken_category_o_invoice_fails_the_rule(category_o_doc, rule_id, mutate):
    mutate(category_o_doc)
    assert rule_id in failed(category_o_doc)


def test_the_xsd_alone_catches_a_misplaced_element_the_rules_do_not_look_at(invoice_doc):
    find(invoice_doc, "cbc:DocumentCurrencyCode").addprevious(
        copy.deepcopy(find(invoice_doc, "cac:InvoicePeriod"))
    )
    tree = etree.ElementTree(invoice_doc)
    assert rule_failures(tree) == []
    failures = xsd_failures(tree)
    assert failures and failures[0].rule == "UBL-XSD" and "InvoicePeriod" in failures[0].message


def test_not_xml_at_all_is_a_failure_not_a_crash():
    assert [f.rule for f in validate(b"<Invoice")] == ["XML"]
    assert [f.rule for f in validate(b"<Order xmlns='urn:x'/>")][0] == "UBL-XSD"


def test_a_schema_import_from_outside_the_project_folder_is_refused_not_fetched():
    from invoicing.einvoice_validation import _LocalSchemas

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    remote = etree.fromstring(
        b'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        b'<xsd:import namespace="urn:x" schemaLocation="http://example.org/x.xsd"/>'
        b"</xsd:schema>",
        parser,
    )
    with pytest.raises(etree.XMLSchemaParseError):
        etree.XMLSchema(remote)
    schema.cache_clear()  # the real ones load from invoicing/schemas/ubl-2.1
    assert schema(einvoice.NS["inv"]) is not None and schema(einvoice.NS["cn"]) is not None
