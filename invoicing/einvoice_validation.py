"""Checks of an e-invoice: the official OASIS UBL 2.1 schemas, and the EN 16931, Peppol BIS
Billing 3.0 and Swedish (SE-R) rules that apply to the documents this product makes.

The official rules are Schematron compiled to XSLT 2, which lxml (XSLT 1) cannot run; so each
rule that applies to our documents is written here in Python under its official id, with the
official wording shortened. Rules marked KOMMUNAVTAL-… are the product's own (stricter) ones.
Swedish rules that the Peppol artefacts flag as warnings are failures here: we never send a
document that any rule doubts.

:func:`validate` returns the failed rules (an empty list: the document passes). The schemas are
kept in invoicing/schemas/ubl-2.1 (see its README for their origin and licence) and resolved
there only: nothing is ever fetched.
"""

import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from lxml import etree
from stdnum import luhn

from .einvoice import CUSTOMIZATION_ID, NS

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "ubl-2.1"
MAINDOC = {
    NS["inv"]: SCHEMA_DIR / "maindoc" / "UBL-Invoice-2.1.xsd",
    NS["cn"]: SCHEMA_DIR / "maindoc" / "UBL-CreditNote-2.1.xsd",
}
# The two ETSI XAdES schemas of the OASIS package are not kept (their licence does not clearly
# allow redistribution). They describe signatures inside UBL extensions, which our documents never
# have; they resolve to empty schemas of their namespaces, so such content would be checked laxly.
OMITTED_SCHEMAS = {
    "UBL-XAdESv132-2.1.xsd": "http://uri.etsi.org/01903/v1.3.2#",
    "UBL-XAdESv141-2.1.xsd": "http://uri.etsi.org/01903/v1.4.1#",
}

XP = {"cac": NS["cac"], "cbc": NS["cbc"], "inv": NS["inv"], "cn": NS["cn"]}
PROFILE = re.compile(r"^urn:fdc:peppol\.eu:2017:poacc:billing:([0-9]{2}):1\.0$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_COUNTRY_PREFIX = re.compile(r"^[A-Z]{2}")
VAT_CATEGORY_CODES = {"AE", "E", "S", "Z", "G", "O", "K", "L", "M"}  # UNCL 5305 (Peppol subset)
INVOICE_TYPE_CODES = set(
    [
        "71",
        "80",
        "82",
        "84",
        "102",
        "218",
        "219",
        "331",
        "380",
        "382",
        "383",
        "386",
        "388",
        "393",
        "395",
        "553",
        "575",
        "623",
        "780",
        "817",
        "870",
        "875",
        "876",
        "877",
    ]
)
CREDIT_NOTE_TYPE_CODES = {"381", "396", "81", "83", "532"}
ELECTRONIC_ADDRESS_SCHEMES = set(
    [
        "0002",
        "0007",
        "0009",
        "0037",
        "0060",
        "0088",
        "0096",
        "0097",
        "0106",
        "0130",
        "0135",
        "0142",
        "0151",
        "0183",
        "0184",
        "0188",
        "0190",
        "0191",
        "0192",
        "0193",
        "0195",
        "0196",
        "0198",
        "0199",
        "0200",
        "0201",
        "0202",
        "0204",
        "0208",
        "0209",
        "0210",
        "0211",
        "0212",
        "0213",
        "0215",
        "0216",
        "0218",
        "0221",
        "0230",
        "9901",
        "9910",
        "9913",
        "9914",
        "9915",
        "9918",
        "9919",
        "9920",
        "9922",
        "9923",
        "9924",
        "9925",
        "9926",
        "9927",
        "9928",
        "9929",
        "9930",
        "9931",
        "9932",
        "9933",
        "9934",
        "9935",
        "9936",
        "9937",
        "9938",
        "9939",
        "9940",
        "9941",
        "9942",
        "9943",
        "9944",
        "9945",
        "9946",
        "9947",
        "9948",
        "9949",
        "9950",
        "9951",
        "9952",
        "9953",
        "9957",
        "9959",
    ]
)
EXEMPT_REASON_CODES = {"VATEX-EU-D": "E", "VATEX-EU-F": "E", "VATEX-EU-I": "E", "VATEX-EU-J": "E"}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Failure:
    rule: str
    message: str

    def __str__(self):
        return f"[{self.rule}] {self.message}"


# --- The UBL 2.1 schemas -------------------------------------------------------------------------


class _LocalSchemas(etree.Resolver):
    """Resolve schema imports inside SCHEMA_DIR only; refuse anything else."""

    def resolve(self, url, pubid, context):
        name = Path(url).name
        if name in OMITTED_SCHEMAS:
            stub = (
                '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
                f'targetNamespace="{OMITTED_SCHEMAS[name]}"/>'
            )
            return self.resolve_string(stub, context)
        path = Path(url.removeprefix("file://")).resolve()
        if path.is_file() and SCHEMA_DIR in path.parents:
            return self.resolve_filename(str(path), context)
        raise OSError(f"schema {url} is not kept in {SCHEMA_DIR}; nothing is fetched")


@functools.cache
def schema(namespace: str) -> etree.XMLSchema:
    """The compiled XSD of the Invoice or CreditNote document (once per process)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas())
    document = etree.parse(str(MAINDOC[namespace]), parser)
    return etree.XMLSchema(document)


def xsd_failures(doc: etree._ElementTree) -> list[Failure]:
    namespace = etree.QName(doc.getroot()).namespace
    if namespace not in MAINDOC:
        return [Failure("UBL-XSD", f"not a UBL 2.1 Invoice or CreditNote ({namespace})")]
    xsd = schema(namespace)
    if xsd.validate(doc):
        return []
    return [Failure("UBL-XSD", f"line {e.line}: {e.message}") for e in xsd.error_log]


# --- Helpers for the rules -----------------------------------------------------------------------


def _all(node, path: str) -> list:
    return node.xpath(path, namespaces=XP)


def _one(node, path: str):
    found = _all(node, path)
    return found[0] if found else None


def _text(node, path: str) -> str:
    found = _one(node, path)
    if found is None:
        return ""
    return (found if isinstance(found, str) else (found.text or "")).strip()


def _decimal(node, path: str) -> Decimal | None:
    try:
        return Decimal(_text(node, path))
    except InvalidOperation:
        return None


def _sum(node, path: str) -> Decimal:
    total = Decimal(0)
    for element in _all(node, path):
        with contextlib.suppress(InvalidOperation):
            total += Decimal((element.text or "").strip())
    return total


def se_orgnr_ok(value: str) -> bool:
    """PEPPOL-COMMON-R049 / SE-R-013: ten digits whose last is the Luhn digit of the first nine."""
    return bool(re.fullmatch(r"\d{10}", value)) and luhn.is_valid(value)


Rule = Callable[["Document"], Iterator[Failure]]
RULES: list[Rule] = []


def rule(check: Rule) -> Rule:
    RULES.append(check)
    return check


@dataclass
class Document:
    root: etree._Element

    @property
    def is_credit_note(self) -> bool:
        return etree.QName(self.root).namespace == NS["cn"]

    @property
    def lines(self) -> list:
        return _all(self.root, "cac:CreditNoteLine" if self.is_credit_note else "cac:InvoiceLine")

    @property
    def supplier(self):
        return _one(self.root, "cac:AccountingSupplierParty/cac:Party")

    @property
    def customer(self):
        return _one(self.root, "cac:AccountingCustomerParty/cac:Party")

    def categories(self) -> set[str]:
        """Every VAT category used on a line or in the breakdown."""
        return {
            (e.text or "").strip()
            for e in _all(
                self.root,
                ".//cac:ClassifiedTaxCategory/cbc:ID | cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID",
            )
        }

    def subtotals(self, category: str) -> list:
        return [
            s
            for s in _all(self.root, "cac:TaxTotal/cac:TaxSubtotal")
            if _text(s, "cac:TaxCategory/cbc:ID") == category
        ]

    def line_categories(self, category: str) -> list:
        return [
            line
            for line in self.lines
            if _text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == category
        ]


def _missing(rule_id: str, message: str, present) -> Iterator[Failure]:
    if present is None or present == "" or present == []:
        yield Failure(rule_id, message)


# --- Document level ------------------------------------------------------------------------------


@rule
def _specification(d: Document):
    customization = _text(d.root, "cbc:CustomizationID")
    yield from _missing(
        "BR-01", "An Invoice shall have a Specification identifier (BT-24).", customization
    )
    if customization and not customization.startswith(CUSTOMIZATION_ID):
        yield Failure(
            "PEPPOL-EN16931-R004", f"Specification identifier MUST be {CUSTOMIZATION_ID}."
        )
    profile = _text(d.root, "cbc:ProfileID")
    yield from _missing("PEPPOL-EN16931-R001", "Business process MUST be provided.", profile)
    if profile and not PROFILE.match(profile):
        yield Failure(
            "PEPPOL-EN16931-R007",
            "Business process MUST be in the format urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.",
        )


@rule
def _mandatory_document_elements(d: Document):
    yield from _missing(
        "BR-02", "An Invoice shall have an Invoice number (BT-1).", _text(d.root, "cbc:ID")
    )
    yield from _missing(
        "BR-03",
        "An Invoice shall have an Invoice issue date (BT-2).",
        _text(d.root, "cbc:IssueDate"),
    )
    type_path = "cbc:CreditNoteTypeCode" if d.is_credit_note else "cbc:InvoiceTypeCode"
    type_code = _text(d.root, type_path)
    yield from _missing("BR-04", "An Invoice shall have an Invoice type code (BT-3).", type_code)
    if d.is_credit_note and type_code and type_code not in CREDIT_NOTE_TYPE_CODES:
        yield Failure(
            "PEPPOL-EN16931-P0101", "Credit note type code MUST be set according to the profile."
        )
    if not d.is_credit_note and type_code and type_code not in INVOICE_TYPE_CODES:
        yield Failure(
            "PEPPOL-EN16931-P0100", "Invoice type code MUST be set according to the profile."
        )
    currency = _text(d.root, "cbc:DocumentCurrencyCode")
    yield from _missing("BR-05", "An Invoice shall have an Invoice currency code (BT-5).", currency)
    for element in _all(d.root, ".//*[@currencyID]"):
        if element.get("currencyID") != currency:
            yield Failure(
                "PEPPOL-EN16931-R051",
                "All currencyID attributes must have the same value as the invoice currency code (BT-5).",
            )
            break
    if len(_all(d.root, "cbc:Note")) > 1:
        yield Failure("PEPPOL-EN16931-R002", "No more than one note is allowed on document level.")


@rule
def _buyer_reference(d: Document):
    if not (_text(d.root, "cbc:BuyerReference") or _text(d.root, "cac:OrderReference/cbc:ID")):
        yield Failure(
            "PEPPOL-EN16931-R003", "A buyer reference or purchase order reference MUST be provided."
        )


@rule
def _no_empty_elements(d: Document):
    for element in d.root.iter(etree.Element):
        if len(element) == 0 and not (element.text or "").strip():
            yield Failure(
                "PEPPOL-EN16931-R008",
                f"Document MUST not contain empty elements ({etree.QName(element).localname}).",
            )
            return


@rule
def _dates(d: Document):
    for element in _all(
        d.root,
        ".//cbc:IssueDate | .//cbc:DueDate | .//cbc:PaymentDueDate | .//cbc:StartDate | .//cbc:EndDate",
    ):
        if not DATE.match((element.text or "").strip()):
            yield Failure("PEPPOL-EN16931-F001", "A date MUST be formatted YYYY-MM-DD.")
            return


@rule
def _credit_note_refers_to_its_invoice(d: Document):
    references = _all(d.root, "cac:BillingReference")
    for reference in references:
        yield from _missing(
            "BR-55",
            "Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).",
            _text(reference, "cac:InvoiceDocumentReference/cbc:ID"),
        )
    if d.is_credit_note and not references:
        yield Failure("KOMMUNAVTAL-CN-01", "A credit note refers to the invoice it credits (BG-3).")


# --- Parties -------------------------------------------------------------------------------------


def _address_rules(party, *, address_rule: str, country_rule: str, who: str):
    address = _one(party, "cac:PostalAddress") if party is not None else None
    yield from _missing(
        address_rule, f"An Invoice shall contain the {who} postal address.", address
    )
    if address is not None:
        yield from _missing(
            country_rule,
            f"The {who} postal address shall contain a country code.",
            _text(address, "cac:Country/cbc:IdentificationCode"),
        )


@rule
def _parties(d: Document):
    supplier, customer = d.supplier, d.customer
    yield from _missing(
        "BR-06",
        "An Invoice shall contain the Seller name (BT-27).",
        _text(supplier, "cac:PartyLegalEntity/cbc:RegistrationName")
        if supplier is not None
        else "",
    )
    yield from _missing(
        "BR-07",
        "An Invoice shall contain the Buyer name (BT-44).",
        _text(customer, "cac:PartyLegalEntity/cbc:RegistrationName")
        if customer is not None
        else "",
    )
    yield from _address_rules(supplier, address_rule="BR-08", country_rule="BR-09", who="Seller")
    yield from _address_rules(customer, address_rule="BR-10", country_rule="BR-11", who="Buyer")
    yield from _missing(
        "PEPPOL-EN16931-R020",
        "Seller electronic address MUST be provided.",
        _text(supplier, "cbc:EndpointID") if supplier is not None else "",
    )
    yield from _missing(
        "PEPPOL-EN16931-R010",
        "Buyer electronic address MUST be provided.",
        _text(customer, "cbc:EndpointID") if customer is not None else "",
    )
    if supplier is not None and not (
        _text(supplier, "cac:PartyIdentification/cbc:ID")
        or _text(supplier, "cac:PartyLegalEntity/cbc:CompanyID")
        or _text(supplier, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID")
    ):
        yield Failure(
            "BR-CO-26",
            "The Seller identifier, legal registration identifier and/or VAT identifier shall be present.",
        )


@rule
def _electronic_addresses(d: Document):
    for endpoint in _all(d.root, ".//cbc:EndpointID"):
        if endpoint.get("schemeID") not in ELECTRONIC_ADDRESS_SCHEMES:
            yield Failure(
                "PEPPOL-EN16931-CL008",
                "Electronic address identifier scheme must be from the EAS code list.",
            )
    for element in _all(
        d.root,
        ".//cbc:EndpointID[@schemeID='0007'] | .//cac:PartyIdentification/cbc:ID[@schemeID='0007'] | .//cbc:CompanyID[@schemeID='0007']",
    ):
        if not se_orgnr_ok((element.text or "").strip()):
            yield Failure(
                "PEPPOL-COMMON-R049",
                "Swedish organization number MUST be stated in the correct format.",
            )


@rule
def _vat_identifiers(d: Document):
    for party in (d.supplier, d.customer):
        if party is None:
            continue
        for vat in _all(party, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"):
            if not ISO_COUNTRY_PREFIX.match((vat.text or "").strip()):
                yield Failure(
                    "BR-CO-09", "A VAT identifier shall have an ISO 3166-1 alpha-2 country prefix."
                )


@rule
def _swedish_seller(d: Document):
    supplier = d.supplier
    if (
        supplier is None
        or _text(supplier, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") != "SE"
    ):
        return
    vat = _text(supplier, "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID")
    if vat.startswith("SE"):
        if len(vat) != 14:
            yield Failure(
                "SE-R-001",
                "For Swedish suppliers, Swedish VAT-numbers must consist of 14 characters.",
            )
        if not vat[2:].isdigit():
            yield Failure(
                "SE-R-002",
                "For Swedish suppliers, the Swedish VAT-numbers must have the trailing 12 characters in numeric form.",
            )
    company = _text(supplier, "cac:PartyLegalEntity/cbc:CompanyID")
    if company:
        if not company.isdigit():
            yield Failure("SE-R-003", "Swedish organisation numbers should be numeric.")
        if len(company) != 10:
            yield Failure("SE-R-004", "Swedish organisation numbers consist of 10 characters.")
        if not se_orgnr_ok(company):
            yield Failure(
                "SE-R-013",
                "The last digit of a Swedish organization number must be valid according to the Luhn algorithm.",
            )
        for other in _all(
            supplier,
            "cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID)!='VAT']/cbc:CompanyID",
        ):
            if (other.text or "").strip().upper() != "GODKÄND FÖR F-SKATT":
                yield Failure(
                    "SE-R-005",
                    "For Swedish suppliers, when using Seller tax registration identifier, 'Godkänd för F-skatt' must be stated.",
                )


# --- Payment -------------------------------------------------------------------------------------


@rule
def _payment(d: Document):
    swedish = (
        d.supplier is not None
        and _text(d.supplier, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "SE"
    )
    for means in _all(d.root, "cac:PaymentMeans"):
        code = _text(means, "cbc:PaymentMeansCode")
        yield from _missing(
            "BR-49",
            "A Payment instruction shall specify the Payment means type code (BT-81).",
            code,
        )
        account = _text(means, "cac:PayeeFinancialAccount/cbc:ID")
        if code in ("30", "58") and not account:
            yield Failure(
                "BR-61", "A credit transfer shall give the Payment account identifier (BT-84)."
            )
        if swedish and code in ("50", "56"):
            yield Failure(
                "SE-R-011",
                "For Swedish Bankgiro or Plusgiro use code 30 with SE:BANKGIRO or SE:PLUSGIRO.",
            )
        if not swedish or code != "30" or not account:
            continue
        if (
            _text(means, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
            == "SE:BANKGIRO"
        ):
            if not account.isdigit():
                yield Failure(
                    "SE-R-008",
                    "For Swedish suppliers using Bankgiro, the Account ID must be numeric.",
                )
            if len(account) not in (7, 8):
                yield Failure(
                    "SE-R-009",
                    "For Swedish suppliers using Bankgiro, the Account ID must have 7-8 characters.",
                )
            if account.isdigit() and not luhn.is_valid(account):
                yield Failure(
                    "KOMMUNAVTAL-BG-01", "A Bankgiro number ends with its check digit (modulus 10)."
                )


@rule
def _payment_terms(d: Document):
    payable = _decimal(d.root, "cac:LegalMonetaryTotal/cbc:PayableAmount")
    has_due = _text(d.root, "cbc:DueDate") or _text(d.root, "cac:PaymentMeans/cbc:PaymentDueDate")
    if (
        payable is not None
        and payable > 0
        and not (has_due or _text(d.root, "cac:PaymentTerms/cbc:Note"))
    ):
        yield Failure(
            "BR-CO-25",
            "A positive amount due shall have a Payment due date (BT-9) or Payment terms (BT-20).",
        )


# --- Totals --------------------------------------------------------------------------------------

DECIMAL_RULES = {
    "cac:LegalMonetaryTotal/cbc:LineExtensionAmount": ("BR-DEC-09", "BT-106"),
    "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount": ("BR-DEC-12", "BT-109"),
    "cac:TaxTotal/cbc:TaxAmount": ("BR-DEC-13", "BT-110"),
    "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount": ("BR-DEC-14", "BT-112"),
    "cac:LegalMonetaryTotal/cbc:PayableAmount": ("BR-DEC-18", "BT-115"),
    "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount": ("BR-DEC-19", "BT-116"),
    "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount": ("BR-DEC-20", "BT-117"),
    "*/cbc:LineExtensionAmount": ("BR-DEC-23", "BT-131"),
}


@rule
def _decimals(d: Document):
    for path, (rule_id, term) in DECIMAL_RULES.items():
        for element in _all(d.root, path):
            value = (element.text or "").strip()
            if "." in value and len(value.split(".")[1]) > 2:
                yield Failure(rule_id, f"The allowed maximum number of decimals for {term} is 2.")


@rule
def _totals(d: Document):
    totals = _one(d.root, "cac:LegalMonetaryTotal")
    for rule_id, tag, term in (
        ("BR-12", "LineExtensionAmount", "Sum of Invoice line net amount (BT-106)"),
        ("BR-13", "TaxExclusiveAmount", "Invoice total amount without VAT (BT-109)"),
        ("BR-14", "TaxInclusiveAmount", "Invoice total amount with VAT (BT-112)"),
        ("BR-15", "PayableAmount", "Amount due for payment (BT-115)"),
    ):
        yield from _missing(
            rule_id,
            f"An Invoice shall have the {term}.",
            _text(totals, f"cbc:{tag}") if totals is not None else "",
        )
    if totals is None:
        return
    line_sum = sum(
        (_decimal(line, "cbc:LineExtensionAmount") or Decimal(0) for line in d.lines), Decimal(0)
    )
    line_extension = _decimal(totals, "cbc:LineExtensionAmount")
    exclusive = _decimal(totals, "cbc:TaxExclusiveAmount")
    inclusive = _decimal(totals, "cbc:TaxInclusiveAmount")
    payable = _decimal(totals, "cbc:PayableAmount")
    allowances = _decimal(totals, "cbc:AllowanceTotalAmount") or Decimal(0)
    charges = _decimal(totals, "cbc:ChargeTotalAmount") or Decimal(0)
    prepaid = _decimal(totals, "cbc:PrepaidAmount") or Decimal(0)
    rounding = _decimal(totals, "cbc:PayableRoundingAmount") or Decimal(0)
    vat = _sum(d.root, "cac:TaxTotal[cac:TaxSubtotal]/cbc:TaxAmount")
    if line_extension is not None and line_extension != line_sum:
        yield Failure(
            "BR-CO-10",
            "Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).",
        )
    if (
        None not in (exclusive, line_extension)
        and exclusive != line_extension - allowances + charges
    ):
        yield Failure(
            "BR-CO-13",
            "Invoice total amount without VAT (BT-109) = Σ line net amounts − allowances + charges.",
        )
    if None not in (inclusive, exclusive) and inclusive != exclusive + vat:
        yield Failure(
            "BR-CO-15",
            "Invoice total amount with VAT (BT-112) = total without VAT (BT-109) + total VAT (BT-110).",
        )
    if None not in (payable, inclusive) and payable != inclusive - prepaid + rounding:
        yield Failure(
            "BR-CO-16",
            "Amount due for payment (BT-115) = total with VAT (BT-112) − paid amount (BT-113) + rounding (BT-114).",
        )


@rule
def _vat_breakdown(d: Document):
    with_subtotals = _all(d.root, "cac:TaxTotal[cac:TaxSubtotal]")
    if len(with_subtotals) != 1:
        yield Failure(
            "PEPPOL-EN16931-R053", "Only one tax total with tax subtotals MUST be provided."
        )
    subtotals = _all(d.root, "cac:TaxTotal/cac:TaxSubtotal")
    if not subtotals:
        yield Failure("BR-CO-18", "An Invoice shall at least have one VAT breakdown group (BG-23).")
    for total in with_subtotals:
        if _decimal(total, "cbc:TaxAmount") != _sum(total, "cac:TaxSubtotal/cbc:TaxAmount"):
            yield Failure(
                "BR-CO-14",
                "Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).",
            )
    for subtotal in subtotals:
        category = _text(subtotal, "cac:TaxCategory/cbc:ID")
        taxable = _decimal(subtotal, "cbc:TaxableAmount")
        tax = _decimal(subtotal, "cbc:TaxAmount")
        rate = _decimal(subtotal, "cac:TaxCategory/cbc:Percent")
        yield from _missing(
            "BR-45",
            "Each VAT breakdown shall have a VAT category taxable amount (BT-116).",
            taxable,
        )
        yield from _missing(
            "BR-46", "Each VAT breakdown shall have a VAT category tax amount (BT-117).", tax
        )
        yield from _missing(
            "BR-47",
            "Each VAT breakdown shall be defined through a VAT category code (BT-118).",
            category,
        )
        if category and category not in VAT_CATEGORY_CODES:
            yield Failure(
                "BR-CL-18", "Invoice tax categories MUST be coded using UNCL5305 code list."
            )
        if category != "O" and rate is None:
            yield Failure(
                "BR-48",
                "Each VAT breakdown shall have a VAT category rate (BT-119), except if not subject to VAT.",
            )
        if None not in (taxable, tax, rate) and tax != (taxable * rate / 100).quantize(
            CENT, ROUND_HALF_UP
        ):
            yield Failure(
                "BR-CO-17",
                "VAT category tax amount (BT-117) = taxable amount (BT-116) × rate (BT-119) ÷ 100, rounded to two decimals.",
            )
        code = _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode").upper()
        if code == "VATEX-EU-O" and category != "O":
            yield Failure(
                "PEPPOL-EN16931-P0105",
                "Tax Category O MUST be used when exemption reason code is VATEX-EU-O.",
            )
        if code in EXEMPT_REASON_CODES and category != "E":
            yield Failure(
                "PEPPOL-EN16931-P0108",
                f"Tax Category E MUST be used when exemption reason code is {code}.",
            )


@rule
def _exempt_from_vat(d: Document):
    """BR-E: category E, exempt from VAT."""
    if "E" not in d.categories():
        return
    subtotals = d.subtotals("E")
    if len(subtotals) != 1:
        yield Failure(
            "BR-E-01",
            "An Invoice with category E shall contain exactly one VAT breakdown with category E.",
        )
    supplier = d.supplier
    if supplier is not None and not _all(supplier, "cac:PartyTaxScheme/cbc:CompanyID"):
        yield Failure(
            "BR-E-02",
            "An Invoice with category E shall contain the Seller VAT identifier (BT-31) or tax registration identifier (BT-32).",
        )
    for line in d.line_categories("E"):
        if _decimal(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent") != 0:
            yield Failure(
                "BR-E-05",
                "In an Invoice line with category E the Invoiced item VAT rate (BT-152) shall be 0.",
            )
    lines = sum(
        (
            _decimal(line, "cbc:LineExtensionAmount") or Decimal(0)
            for line in d.line_categories("E")
        ),
        Decimal(0),
    )
    for subtotal in subtotals:
        if _decimal(subtotal, "cbc:TaxableAmount") != lines:
            yield Failure(
                "BR-E-08",
                "The category E taxable amount (BT-116) = Σ line net amounts of category E.",
            )
        if _decimal(subtotal, "cbc:TaxAmount") != 0:
            yield Failure(
                "BR-E-09", "The VAT category tax amount (BT-117) of category E shall equal 0."
            )
        if not (
            _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
            or _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason")
        ):
            yield Failure(
                "BR-E-10",
                "A VAT breakdown with category E shall have a VAT exemption reason code (BT-121) or text (BT-120).",
            )


@rule
def _not_subject_to_vat(d: Document):
    """BR-O: category O, not subject to VAT."""
    categories = d.categories()
    if "O" not in categories:
        return
    subtotals = d.subtotals("O")
    if len(subtotals) != 1:
        yield Failure(
            "BR-O-01",
            "An Invoice with category O shall contain exactly one VAT breakdown with category O.",
        )
    vat_ids = _all(
        d.root,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT'] | cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT'] | cac:TaxRepresentativeParty/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']",
    )
    if vat_ids:
        yield Failure(
            "BR-O-02",
            "An Invoice with category O shall not contain the Seller, tax representative or Buyer VAT identifier.",
        )
    for line in d.line_categories("O"):
        if _one(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent") is not None:
            yield Failure(
                "BR-O-05",
                "An Invoice line with category O shall not contain an Invoiced item VAT rate (BT-152).",
            )
    lines = sum(
        (
            _decimal(line, "cbc:LineExtensionAmount") or Decimal(0)
            for line in d.line_categories("O")
        ),
        Decimal(0),
    )
    for subtotal in subtotals:
        if _decimal(subtotal, "cbc:TaxableAmount") != lines:
            yield Failure(
                "BR-O-08",
                "The category O taxable amount (BT-116) = Σ line net amounts of category O.",
            )
        if _decimal(subtotal, "cbc:TaxAmount") != 0:
            yield Failure(
                "BR-O-09", "The VAT category tax amount (BT-117) of category O shall be 0."
            )
        if not (
            _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
            or _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason")
        ):
            yield Failure(
                "BR-O-10",
                "A VAT breakdown with category O shall have an exemption reason code (BT-121) or text (BT-120) 'not subject to VAT'.",
            )
    if len(_all(d.root, "cac:TaxTotal/cac:TaxSubtotal")) > len(subtotals):
        yield Failure(
            "BR-O-11",
            "An Invoice with a category O breakdown shall not contain other VAT breakdowns.",
        )


# --- Lines ---------------------------------------------------------------------------------------


@rule
def _invoice_lines(d: Document):
    lines = d.lines
    if not lines:
        yield Failure("BR-16", "An Invoice shall have at least one Invoice line (BG-25).")
    quantity_tag = "cbc:CreditedQuantity" if d.is_credit_note else "cbc:InvoicedQuantity"
    for line in lines:
        yield from _missing(
            "BR-21",
            "Each Invoice line shall have an Invoice line identifier (BT-126).",
            _text(line, "cbc:ID"),
        )
        quantity = _decimal(line, quantity_tag)
        yield from _missing(
            "BR-22", "Each Invoice line shall have an Invoiced quantity (BT-129).", quantity
        )
        yield from _missing(
            "BR-23",
            "An Invoice line shall have an Invoiced quantity unit of measure code (BT-130).",
            _text(line, f"{quantity_tag}/@unitCode"),
        )
        net = _decimal(line, "cbc:LineExtensionAmount")
        yield from _missing(
            "BR-24", "Each Invoice line shall have an Invoice line net amount (BT-131).", net
        )
        yield from _missing(
            "BR-25",
            "Each Invoice line shall contain the Item name (BT-153).",
            _text(line, "cac:Item/cbc:Name"),
        )
        price = _decimal(line, "cac:Price/cbc:PriceAmount")
        yield from _missing(
            "BR-26", "Each Invoice line shall contain the Item net price (BT-146).", price
        )
        if price is not None and price < 0:
            yield Failure("BR-27", "The Item net price (BT-146) shall NOT be negative.")
        category = _text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID")
        if category not in VAT_CATEGORY_CODES:
            yield Failure(
                "BR-CL-17",
                "Invoiced item VAT category code MUST be coded using UNCL5305 code list.",
            )
        base = _decimal(line, "cac:Price/cbc:BaseQuantity") or Decimal(1)
        if None not in (net, quantity, price) and abs(net - quantity * price / base) > Decimal(
            "0.02"
        ):
            yield Failure(
                "PEPPOL-EN16931-R120",
                "Invoice line net amount MUST equal Invoiced quantity × (Item net price ÷ base quantity).",
            )


# --- Entry point ---------------------------------------------------------------------------------


def rule_failures(doc: etree._ElementTree) -> list[Failure]:
    document = Document(doc.getroot())
    return [failure for check in RULES for failure in check(document)]


def validate(xml: bytes) -> list[Failure]:
    """Every failed check of the document: the UBL 2.1 XSD and the rules. Empty: it passes."""
    try:
        doc = etree.ElementTree(
            etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
        )
    except etree.XMLSyntaxError as exc:
        return [Failure("XML", str(exc))]
    return xsd_failures(doc) + rule_failures(doc)
