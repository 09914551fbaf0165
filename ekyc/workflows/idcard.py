"""Facts read from a resident ID card's fields: the GB 11643-1999 check digit and the validity
period printed on the emblem side. Pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
import re

#: GB 11643-1999: weight of position i (0-16) is 2^(17-i) mod 11; the remainder of the weighted
#: sum modulo 11 picks the check character from this string.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
#: What cards print instead of an end date for a card that never expires.
LONG_TERM = ("长期", "long-term", "long term")

_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")
_DATE = re.compile(r"(\d{4})[./年-]?(\d{2})[./月-]?(\d{2})日?")


def check_digit(first17: str) -> str:
    """The check character of the first 17 digits of an 18-character ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the first 17 characters must be digits")
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def valid_id_number(number: str | None) -> bool:
    """True when ``number`` has 18 characters and its last one is the GB 11643 check character.

    Spaces are ignored and a lower-case x is accepted; 15-digit numbers (issued before 1999, no
    check digit, no longer valid) are not.
    """
    text = re.sub(r"\s", "", str(number or "")).upper()
    if not _NUMBER.match(text):
        return False
    return check_digit(text[:17]) == text[17]


def validity_end(valid_date: str | None) -> dt.date | str | None:
    """The last day of a validity period such as ``2020.01.01-2040.01.01``.

    Returns the date, ``"long-term"`` for a card printed 长期, or None when unreadable.
    """
    text = str(valid_date or "").strip()
    dates = list(_DATE.finditer(text))
    if not dates:
        return None
    rest = text[dates[0].end() :].lower()
    if len(dates) == 1:
        return "long-term" if any(word in rest for word in LONG_TERM) else None
    if len(dates) != 2:
        return None
    match = dates[1]
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def expired(valid_date: str | None, today: dt.date) -> bool | None:
    """True when the period has ended before ``today``; None when the period is unreadable.

    A card is valid through its end date (the printed day is the last valid one).
    """
    end = validity_end(valid_date)
    if end is None:
        return None
    if end == "long-term":
        return False
    assert isinstance(end, dt.date)
    return end < today
