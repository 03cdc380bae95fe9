"""OCR references for Bankgirot: the invoice number's digits, a length digit and a Luhn check digit.

Bankgirot's "hård kontroll" of OCR numbers checks both the length digit (the number of digits of
the whole reference, check digits included, modulo 10) and the check digit (Luhn, "10-modulen").
"""

import re

from stdnum import luhn


def ocr_reference(invoice_number: str) -> str:
    """'2025-0001' → '2025000106': digits, then the length digit, then the Luhn check digit."""
    digits = re.sub(r"\D", "", invoice_number)
    if not digits:
        raise ValueError(f"{invoice_number!r} has no digits")
    length_digit = str((len(digits) + 2) % 10)
    body = digits + length_digit
    return body + luhn.calc_check_digit(body)


def is_valid_ocr(reference: str) -> bool:
    """True if the reference passes both the length and the Luhn check."""
    if not re.fullmatch(r"\d{2,25}", reference):
        return False
    return int(reference[-2]) == len(reference) % 10 and luhn.is_valid(reference)
