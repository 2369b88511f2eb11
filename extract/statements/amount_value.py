"""One money amount as a value: its dataclass, the digit-run grammar every scanner shares, and the
checks every found amount passes (the store's integer range, "about" words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Amount:
    text: str
    start: int
    end: int
    value: int
    currency: str
    approximate: bool


# Digit runs are bounded: 19 digits reach 2**63 (the store's integer), and a longer run, or a
# longer fraction, is an identifier or garbage, never money. (?!,?\d) keeps a long run whole.
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,19})(?:\.\d{1,12})?(?!,?\d)"
# The store keeps amounts in a signed 64-bit integer: anything larger is not an amount.
MAX_VALUE = 2**63 - 1
_APPROX_BEFORE = re.compile(r"(?:약|대략|어림잡아|about|around|roughly|nearly|approximately|some)\s?$")
_APPROX_AFTER = re.compile(r"^\s?(?:가량|안팎|내외|정도|남짓|규모|\+)")


def decimal_of(num: str) -> Decimal:
    return Decimal(num.replace(",", ""))


def finish(text: str, start: int, end: int, value: Decimal, currency: str, approx: bool) -> Amount | None:
    """The amount, or None when the store could not hold its value."""
    if value > MAX_VALUE:
        return None
    before = text[max(0, start - 16) : start]
    after = text[end : end + 8]
    approx = approx or bool(_APPROX_BEFORE.search(before)) or bool(_APPROX_AFTER.match(after))
    return Amount(text[start:end], start, end, int(value.to_integral_value()), currency, approx)
