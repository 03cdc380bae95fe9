"""Rules of the totals, the VAT breakdown and categories, and the lines."""

from decimal import ROUND_HALF_UP, Decimal

from .base import (
    CENT,
    EXEMPT_REASON_CODES,
    VAT_CATEGORY_CODES,
    Document,
    Failure,
    _all,
    _decimal,
    _missing,
    _one,
    _sum,
    _text,
    rule,
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


def _zero_rated_breakdown(d: Document, category: str, subtotals, *, tax_amount: str, reason: str):
    """BR-{E,O}-08, -09 and -10, which EN 16931 states alike for both categories: the breakdown's
    taxable amount is the sum of the category's line amounts, its tax is 0, and it says why."""
    lines = sum(
        (
            _decimal(line, "cbc:LineExtensionAmount") or Decimal(0)
            for line in d.line_categories(category)
        ),
        Decimal(0),
    )
    for subtotal in subtotals:
        if _decimal(subtotal, "cbc:TaxableAmount") != lines:
            yield Failure(
                f"BR-{category}-08",
                f"The category {category} taxable amount (BT-116) = Σ line net amounts of "
                f"category {category}.",
            )
        if _decimal(subtotal, "cbc:TaxAmount") != 0:
            yield Failure(f"BR-{category}-09", tax_amount)
        if not (
            _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
            or _text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason")
        ):
            yield Failure(f"BR-{category}-10", reason)


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
    yield from _zero_rated_breakdown(
        d,
        "E",
        subtotals,
        tax_amount="The VAT category tax amount (BT-117) of category E shall equal 0.",
        reason="A VAT breakdown with category E shall have a VAT exemption reason code (BT-121) or text (BT-120).",
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
    yield from _zero_rated_breakdown(
        d,
        "O",
        subtotals,
        tax_amount="The VAT category tax amount (BT-117) of category O shall be 0.",
        reason="A VAT breakdown with category O shall have an exemption reason code (BT-121) or text (BT-120) 'not subject to VAT'.",
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
