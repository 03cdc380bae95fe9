"""Money: Decimal only, and one rounding rule for the whole product.

§ 6 amounts are whole kronor, rounded half up (0,5 kr goes up). Every place that rounds money calls
:func:`round_kr`; nothing else calls ``quantize`` on money.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE_KRONA = Decimal("1")


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
    sign = "−" if number < 0 else ""
    return sign + f"{abs(int(number)):,}".replace(",", "\u00a0")


def format_kr(amount: Decimal | int) -> str:
    """'162 053 kr': whole kronor with grouped thousands, as on the published cost table."""
    if isinstance(amount, Decimal) and amount != amount.to_integral_value():
        raise ValueError(f"{amount} is not whole kronor; round it with round_kr first")
    return f"{group_thousands(amount)}\u00a0kr"


def format_percent(value: Decimal, places: int = 2) -> str:
    """'3,97 %': a percentage with a decimal comma, rounded half up."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP)}".replace(".", ",") + "\u00a0%"
