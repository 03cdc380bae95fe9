"""What every rule check shares: the code lists, the document's parts, the helpers and the
register of rules (each rule module adds its checks with ``@rule``)."""

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree
from stdnum import luhn

from ..einvoice import NS

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
