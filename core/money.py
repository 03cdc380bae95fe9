"""Money: Decimal only, and one rounding rule for the whole product.

§ 6 amounts are whole kronor, rounded half up (0,5 kr goes up). Every place that rounds money calls
:func:`round_kr`; nothing else calls ``quantize`` on money.

Every place a person reads an amount (pages, messages, mails, PDFs, audit history, a command's
text output) writes it with :func:`format_amount` (in templates: ``|money`` or ``|kr``). Machine
outputs keep plain numbers: CSV, XLSX cells, the e-invoice XML.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE_KRONA = Decimal("1")
ONE_ORE = Decimal("0.01")
MINUS = "\u2212"  # the real minus sign, not a hyphen
NBSP = "\u00a0"


def round_kr(amount: Decimal) -> Decimal:
    """Round an amount half up to whole kronor.

    >>> round_kr(Decimal("162052.5"))
    Decimal('162053')
    >>> round_kr(Decimal("-0.5"))
    Decimal('-1')
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be Decimal, not {type(amount).__name__}")
    return amount.quantize(ONE_KRONA, rounding=ROUND_HALF_UP)


def group_thousands(number: int | Decimal) -> str:
    """Write an integer the Swedish way, with a non-breaking space between thousands: 162 053."""
    sign = MINUS if number < 0 else ""
    return sign + f"{abs(int(number)):,}".replace(",", NBSP)


def format_amount(amount: Decimal | int, *, unit: bool = True) -> str:
    """The one way a person reads an amount (pages, messages, mails, PDFs, audit history):
    Swedish grouping with a non-breaking space, a decimal comma, öre only when the amount is not
    whole kronor, and the real minus sign.

    >>> format_amount(Decimal("1234.50"))
    '1\xa0234,50\xa0kr'
    >>> format_amount(Decimal("0.01"))
    '0,01\xa0kr'
    >>> format_amount(Decimal("-500.00"))
    '\u2212500\xa0kr'
    >>> format_amount(Decimal("128920.00"), unit=False)
    '128\xa0920'
    """
    if isinstance(amount, float) or not isinstance(amount, Decimal | int):
        raise TypeError(f"money must be Decimal, not {type(amount).__name__}")
    amount = Decimal(amount)
    sign = MINUS if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        text = f"{int(amount):,}".replace(",", NBSP)
    else:
        whole, ore = f"{amount.quantize(ONE_ORE, rounding=ROUND_HALF_UP):.2f}".split(".")
        text = f"{int(whole):,}".replace(",", NBSP) + "," + ore
    if sign and text.strip("0,\u00a0") == "":
        sign = ""  # −0,00 is 0
    return f"{sign}{text}{NBSP}kr" if unit else f"{sign}{text}"


def format_kr(amount: Decimal | int) -> str:
    """'162 053 kr': whole kronor with grouped thousands, as on the published cost table."""
    if isinstance(amount, Decimal) and amount != amount.to_integral_value():
        raise ValueError(f"{amount} is not whole kronor; round it with round_kr first")
    return format_amount(amount)


def format_percent(value: Decimal, places: int = 2) -> str:
    """'3,97 %': a percentage with a decimal comma, rounded half up."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP)}".replace(".", ",") + "\u00a0%"
