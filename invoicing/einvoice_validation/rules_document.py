"""Rules of the document as a whole, its parties and its payment."""

from lxml import etree
from stdnum import luhn

from ..einvoice import CUSTOMIZATION_ID
from .base import (
    CREDIT_NOTE_TYPE_CODES,
    DATE,
    ELECTRONIC_ADDRESS_SCHEMES,
    INVOICE_TYPE_CODES,
    ISO_COUNTRY_PREFIX,
    PROFILE,
    Document,
    Failure,
    _all,
    _decimal,
    _missing,
    _one,
    _text,
    rule,
    se_orgnr_ok,
)

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
