"""E-invoices: each issued invoice and credit note as a Peppol BIS Billing 3.0 document (UBL 2.1
Invoice or CreditNote), as Swedish public bodies must receive them (e-fakturalagen 2018:1277).

:func:`build_ubl` makes the XML with lxml from the invoice's own fields and its snapshot (what the
agreement's § 1 said at issue), never from the agreement or the municipality as they are today,
and from the seller settings (``INVOICE_*``). What stops a document from being built is said by
:func:`readiness`, one clear sentence per missing or invalid detail; :func:`build_ubl` raises
:class:`EinvoiceNotReady` with those sentences rather than make a document Peppol would refuse.

Storing (once, with its SHA-256), the PDF attachment and the ZIP of a year live in
invoicing.einvoice_documents; the checks (UBL 2.1 XSD and the EN 16931 / Peppol / SE-R rules)
in invoicing.einvoice_validation.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from .lines import invoice_line  # the same words as the PDF's invoice line
from .models import Invoice
from .seller import bankgiro_digits, bankgiro_problem, current_seller

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CURRENCY = "SEK"
COUNTRY = "SE"
ORGNR_SCHEME = "0007"  # ISO 6523 ICD: Swedish organisation number (Bolagsverket)
INVOICE_TYPE_CODE = "380"  # commercial invoice
CREDIT_NOTE_TYPE_CODE = "381"
CREDIT_TRANSFER = "30"  # UNCL 4461, with SE:BANKGIRO as the Swedish rules ask
BANKGIRO_BRANCH = "SE:BANKGIRO"
UNIT_CODE = "C62"  # UN/ECE Rec 20: "one"
F_SKATT = "Godkänd för F-skatt"
NOT_SUBJECT_TO_VAT_CODE = "VATEX-EU-O"
VAT_CATEGORIES = ("E", "O")
DOCUMENT_LANGUAGE = "sv"

POSTAL_LINE = re.compile(r"^(?:SE-?)?(\d{3} ?\d{2})\s+(\S.*)$")


class EinvoiceNotReady(Exception):
    """The e-invoice cannot be built: ``reasons`` says why, one sentence each."""

    def __init__(self, number: str, reasons: list[str]):
        self.number = number
        self.reasons = reasons
        super().__init__(
            _("E-fakturan för %(number)s kan inte skapas: %(reasons)s")
            % {"number": number, "reasons": " ".join(reasons)}
        )


# --- Identifiers ---------------------------------------------------------------------------------


def compact_orgnr(value: str) -> str | None:
    """'212000-0142' → '2120000142'; None unless it is a valid organisation number."""
    try:
        return orgnr.validate(value or "")
    except StdnumError:
        return None


def expected_vat_number(org_digits: str) -> str:
    """A Swedish VAT number: SE, the organisation number, 01."""
    return f"SE{org_digits}01"


# --- What the document is made from --------------------------------------------------------------


@dataclass(frozen=True)
class Seller:
    name: str
    org_digits: str
    vat_number: str  # "" when the VAT category forbids it (O) or none is configured
    f_skatt: bool
    address_lines: list[str]
    bankgiro: str
    contact_name: str
    contact_email: str


def vat_category() -> str:
    return (settings.INVOICE_VAT_CATEGORY or "").strip().upper()


def seller_problems(*, needs_bankgiro: bool = True) -> list[str]:
    """What is wrong with the seller block (invoicing.seller) for an e-invoice (nothing: an
    empty list)."""
    problems = []
    block = current_seller()
    category = vat_category()
    org_digits = compact_orgnr(block.org_number)
    vat_number = (block.vat_number or "").replace(" ", "").upper()
    if category not in VAT_CATEGORIES:
        problems.append(
            _("Momskategorin INVOICE_VAT_CATEGORY = %(value)s ska vara E eller O.")
            % {"value": category or "–"}
        )
    if not block.name:
        problems.append(_("Säljarens namn (INVOICE_SELLER_NAME) saknas."))
    if org_digits is None:
        problems.append(
            _(
                "Säljarens organisationsnummer (INVOICE_SELLER_ORG_NUMBER = %(value)s) är inte ett "
                "giltigt organisationsnummer."
            )
            % {"value": block.org_number or "–"}
        )
    elif category == "E" and vat_number and vat_number != expected_vat_number(org_digits):
        problems.append(
            _(
                "Säljarens momsregistreringsnummer (INVOICE_SELLER_VAT_NUMBER = %(value)s) ska "
                "vara %(expected)s (SE, organisationsnumret, 01)."
            )
            % {"value": vat_number, "expected": expected_vat_number(org_digits)}
        )
    if category == "E" and not vat_number and not block.f_skatt:
        problems.append(
            _(
                "Momskategori E kräver säljarens momsregistreringsnummer eller "
                "”Godkänd för F-skatt” (INVOICE_SELLER_VAT_NUMBER, INVOICE_SELLER_F_SKATT)."
            )
        )
    if category in VAT_CATEGORIES and not (settings.INVOICE_VAT_EXEMPTION_REASON or "").strip():
        problems.append(
            _("Skälet till att ingen moms tas ut (INVOICE_VAT_EXEMPTION_REASON) saknas.")
        )
    if needs_bankgiro and (problem := bankgiro_problem(block)):
        problems.append(problem)
    return problems


def seller() -> Seller:
    """The seller as invoicing.seller says (check :func:`seller_problems` first)."""
    block = current_seller()
    org_digits = compact_orgnr(block.org_number) or ""
    vat_number = (block.vat_number or "").replace(" ", "").upper()
    return Seller(
        name=block.name,
        org_digits=org_digits,
        # BR-O-02: an invoice not subject to VAT carries no seller VAT identifier.
        vat_number=vat_number if vat_category() == "E" else "",
        f_skatt=block.f_skatt,
        address_lines=_lines(block.address),
        bankgiro=bankgiro_digits(block.bankgiro) or "",
        contact_name=block.reference_name,
        contact_email=block.reference_email or block.email,
    )


def buyer_reference(invoice: Invoice) -> str:
    """Er referens: § 1 of the agreement as the snapshot has it, else what finance set once on
    the invoice (for a credit note, also on the invoice it credits)."""
    reference = (invoice.snapshot.get("buyer_reference") or "").strip()
    if not reference:
        reference = invoice.einvoice_buyer_reference.strip()
    if not reference and invoice.is_credit_note and invoice.credited_invoice_id:
        reference = invoice.credited_invoice.einvoice_buyer_reference.strip()
    return reference


def readiness(invoice: Invoice) -> list[str]:
    """Why the e-invoice of ``invoice`` cannot be built; an empty list when it can."""
    reasons = []
    if not buyer_reference(invoice):
        reasons.append(
            _(
                "Fakturareferens (Er referens) saknas: kommunen angav ingen i avtalets § 1. "
                "Peppol kräver en; ekonomi kan ange den på fakturan."
            )
        )
    if compact_orgnr(invoice.snapshot.get("org_number", "")) is None:
        reasons.append(
            _(
                "Kommunens organisationsnummer saknas eller är ogiltigt i fakturans underlag; "
                "det behövs som Peppol-adress."
            )
        )
    return reasons + seller_problems(needs_bankgiro=not invoice.is_credit_note)


def is_ready(invoice: Invoice) -> bool:
    return not readiness(invoice)


def plan_warnings(plan) -> dict[int, list[str]]:
    """For an invoice run (services.RunPlan): agreement pk → what will keep its invoice from
    being sent as an e-invoice, from the snapshot the invoice will get."""
    warnings = {}
    for planned in plan.planned:
        found = []
        if not (planned.snapshot.get("buyer_reference") or "").strip():
            found.append(
                _(
                    "%(municipality)s: ingen fakturareferens i avtalets § 1; fakturan kan inte "
                    "skickas som e-faktura förrän ekonomi anger en på fakturan."
                )
                % {"municipality": planned.municipality}
            )
        if compact_orgnr(planned.snapshot.get("org_number", "")) is None:
            found.append(
                _(
                    "%(municipality)s: organisationsnummer saknas i avtalet; fakturan kan inte "
                    "skickas som e-faktura."
                )
                % {"municipality": planned.municipality}
            )
        if found:
            warnings[planned.agreement.pk] = found
    return warnings


# --- Building ------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _amount(value) -> str:
    return f"{Decimal(value):.2f}"


def _el(parent, tag: str, text=None, **attributes):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", attributes)
    if text is not None:
        element.text = str(text)
    return element


def _money(parent, tag: str, value) -> None:
    _el(parent, tag, _amount(value), currencyID=CURRENCY)


def _postal_address(party, lines: list[str]) -> None:
    """A Swedish address written as lines: the line '104 20 Stockholm' gives the postcode and the
    city; the line above it the street (or box); lines above that, the rest."""
    lines = list(lines)
    zone = city = None
    for index in range(len(lines) - 1, -1, -1):
        match = POSTAL_LINE.match(lines[index])
        if match:
            zone, city = match.group(1), match.group(2)
            lines = lines[:index] + lines[index + 1 :]
            break
    address = _el(party, "cac:PostalAddress")
    street = lines.pop() if lines else None
    additional = lines.pop() if lines else None
    if street:
        _el(address, "cbc:StreetName", street)
    if additional:
        _el(address, "cbc:AdditionalStreetName", additional)
    if city:
        _el(address, "cbc:CityName", city)
    if zone:
        _el(address, "cbc:PostalZone", zone)
    if lines:
        _el(_el(address, "cac:AddressLine"), "cbc:Line", ", ".join(lines))
    _el(_el(address, "cac:Country"), "cbc:IdentificationCode", COUNTRY)


def _supplier(root, s: Seller) -> None:
    party = _el(_el(root, "cac:AccountingSupplierParty"), "cac:Party")
    _el(party, "cbc:EndpointID", s.org_digits, schemeID=ORGNR_SCHEME)
    _el(_el(party, "cac:PartyName"), "cbc:Name", s.name)
    _postal_address(party, s.address_lines)
    if s.vat_number:
        scheme = _el(party, "cac:PartyTaxScheme")
        _el(scheme, "cbc:CompanyID", s.vat_number)
        _el(_el(scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
    if s.f_skatt:
        scheme = _el(party, "cac:PartyTaxScheme")
        _el(scheme, "cbc:CompanyID", F_SKATT)
        _el(_el(scheme, "cac:TaxScheme"), "cbc:ID", "TAX")
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", s.name)
    _el(legal, "cbc:CompanyID", s.org_digits, schemeID=ORGNR_SCHEME)
    if s.contact_name or s.contact_email:
        contact = _el(party, "cac:Contact")
        if s.contact_name:
            _el(contact, "cbc:Name", s.contact_name)
        if s.contact_email:
            _el(contact, "cbc:ElectronicMail", s.contact_email)


def _customer(root, invoice: Invoice) -> None:
    snap = invoice.snapshot
    name = snap.get("municipality_name") or ""
    org_digits = compact_orgnr(snap.get("org_number", ""))
    party = _el(_el(root, "cac:AccountingCustomerParty"), "cac:Party")
    _el(party, "cbc:EndpointID", org_digits, schemeID=ORGNR_SCHEME)
    _el(_el(party, "cac:PartyName"), "cbc:Name", name)
    _postal_address(party, _lines(snap.get("invoicing_address", "")))
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", name)
    _el(legal, "cbc:CompanyID", org_digits, schemeID=ORGNR_SCHEME)
    if (snap.get("contact_person") or "").strip():
        _el(_el(party, "cac:Contact"), "cbc:Name", snap["contact_person"].strip())


def _tax_category(parent, tag: str, category: str, *, with_reason: bool) -> None:
    element = _el(parent, tag)
    _el(element, "cbc:ID", category)
    if category == "E":
        _el(element, "cbc:Percent", "0")  # BR-E-05; category O has no rate (BR-O-05)
    if with_reason:
        if category == "O":
            _el(element, "cbc:TaxExemptionReasonCode", NOT_SUBJECT_TO_VAT_CODE)
        _el(element, "cbc:TaxExemptionReason", settings.INVOICE_VAT_EXEMPTION_REASON.strip())
    _el(_el(element, "cac:TaxScheme"), "cbc:ID", "VAT")


def _period(invoice: Invoice) -> tuple[datetime.date, datetime.date] | None:
    """The months the invoice covers: the last ``twelfths`` months of its year (§ 6); under the
    offer's days rule, its last ``days`` days."""
    end = datetime.date(invoice.year, 12, 31)
    if invoice.days:
        return end - datetime.timedelta(days=invoice.days - 1), end
    if not 1 <= invoice.twelfths <= 12:
        return None
    return datetime.date(invoice.year, 13 - invoice.twelfths, 1), datetime.date(
        invoice.year, 12, 31
    )


def _line_text(invoice: Invoice) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return invoice_line(invoice).replace("\u00a0", " ")


def build_ubl(invoice: Invoice) -> bytes:
    """The invoice (UBL Invoice) or credit note (UBL CreditNote) in Peppol BIS Billing 3.0, as
    UTF-8 bytes. Raises EinvoiceNotReady when a detail Peppol needs is missing."""
    reasons = readiness(invoice)
    if reasons:
        raise EinvoiceNotReady(invoice.number, reasons)
    is_credit = invoice.is_credit_note
    s = seller()
    category = vat_category()
    net = abs(invoice.amount)  # a credit note states positive amounts: the type says credit
    kind = "cn" if is_credit else "inv"
    root = etree.Element(
        f"{{{NS[kind]}}}{'CreditNote' if is_credit else 'Invoice'}",
        nsmap={None: NS[kind], "cac": NS["cac"], "cbc": NS["cbc"]},
    )
    _el(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    _el(root, "cbc:ProfileID", PROFILE_ID)
    _el(root, "cbc:ID", invoice.number)
    _el(root, "cbc:IssueDate", invoice.invoice_date.isoformat())
    if is_credit:
        _el(root, "cbc:CreditNoteTypeCode", CREDIT_NOTE_TYPE_CODE)
    else:
        _el(root, "cbc:DueDate", invoice.due_date.isoformat())
        _el(root, "cbc:InvoiceTypeCode", INVOICE_TYPE_CODE)
    with translation.override(DOCUMENT_LANGUAGE):
        if is_credit:
            original = invoice.snapshot.get("credited_number") or invoice.credited_invoice.number
            note = _("Kreditfaktura mot faktura %(number)s. Skäl: %(reason)s") % {
                "number": original,
                "reason": invoice.credit_reason,
            }
            _el(root, "cbc:Note", note)
        _el(root, "cbc:DocumentCurrencyCode", CURRENCY)
        _el(root, "cbc:BuyerReference", buyer_reference(invoice))
        period = _period(invoice)
        if period:
            element = _el(root, "cac:InvoicePeriod")
            _el(element, "cbc:StartDate", period[0].isoformat())
            _el(element, "cbc:EndDate", period[1].isoformat())
        if is_credit:
            reference = _el(_el(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
            _el(reference, "cbc:ID", original)
            _el(reference, "cbc:IssueDate", invoice.credited_invoice.invoice_date.isoformat())
        _supplier(root, s)
        _customer(root, invoice)
        if not is_credit:
            means = _el(root, "cac:PaymentMeans")
            _el(means, "cbc:PaymentMeansCode", CREDIT_TRANSFER, name="Bankgiro")
            _el(means, "cbc:PaymentID", invoice.ocr)
            account = _el(means, "cac:PayeeFinancialAccount")
            _el(account, "cbc:ID", s.bankgiro)
            _el(account, "cbc:Name", s.name)
            _el(_el(account, "cac:FinancialInstitutionBranch"), "cbc:ID", BANKGIRO_BRANCH)
            days = (invoice.due_date - invoice.invoice_date).days
            terms = _("%(days)s dagar netto. Ange OCR-nummer %(ocr)s vid betalning.") % {
                "days": days,
                "ocr": invoice.ocr,
            }
        else:
            terms = _("Krediteras mot faktura %(number)s; inget att betala.") % {"number": original}
        _el(_el(root, "cac:PaymentTerms"), "cbc:Note", terms)
    tax_total = _el(root, "cac:TaxTotal")
    _money(tax_total, "cbc:TaxAmount", 0)
    subtotal = _el(tax_total, "cac:TaxSubtotal")
    _money(subtotal, "cbc:TaxableAmount", net)
    _money(subtotal, "cbc:TaxAmount", 0)
    _tax_category(subtotal, "cac:TaxCategory", category, with_reason=True)
    totals = _el(root, "cac:LegalMonetaryTotal")
    for tag in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount"):
        _money(totals, f"cbc:{tag}", net)
    _money(totals, "cbc:PayableAmount", net)
    line = _el(root, "cac:CreditNoteLine" if is_credit else "cac:InvoiceLine")
    _el(line, "cbc:ID", "1")
    _el(
        line,
        "cbc:CreditedQuantity" if is_credit else "cbc:InvoicedQuantity",
        "1",
        unitCode=UNIT_CODE,
    )
    _money(line, "cbc:LineExtensionAmount", net)
    item = _el(line, "cac:Item")
    _el(item, "cbc:Name", _line_text(invoice))
    _tax_category(item, "cac:ClassifiedTaxCategory", category, with_reason=False)
    _money(_el(line, "cac:Price"), "cbc:PriceAmount", net)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
