"""Date recognition: ``2024-09-09``, ``2024/9/9``, ``2024年9月9日``, and split day/year spans."""

from __future__ import annotations

import re

from newsreader.core.sanitize import clean_line

_FULL = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")
_STAMP = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})(?!\d)")
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})(?![\d/.-])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})(?![\d/.-])")


def _ymd(year: str, month: str, day: str) -> str | None:
    y, m, d = int(year), int(month), int(day)
    if 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """Return the first full date in ``text`` as ``YYYY-MM-DD``, or ``None``."""
    for match in _FULL.finditer(text):
        found = _ymd(match.group(1), match.group(2), match.group(3))
        if found:
            return found
    return None


def find_stamp(text: str) -> tuple[str, str] | None:
    """Return ``(YYYY-MM-DD, stamp as written)`` for the first date (with optional time)."""
    for match in _STAMP.finditer(text):
        day = _ymd(match.group(1), match.group(2), match.group(3))
        if day:
            return day, clean_line(match.group(0))
    return None


def find_split_date(text: str) -> str | None:
    """Return a date built from split parts: ``09-09`` + ``2024`` or ``2024-09`` + ``09``.

    List templates often render the day big and the year small in separate spans.
    """
    found = find_date(text)
    if found:
        return found
    year_month = _YEAR_MONTH.search(text)
    if year_month:
        rest = text[: year_month.start()] + " " + text[year_month.end() :]
        day = _DAY.search(rest)
        if day:
            return _ymd(year_month.group(1), year_month.group(2), day.group(1))
    month_day = _MONTH_DAY.search(text)
    if month_day:
        rest = text[: month_day.start()] + " " + text[month_day.end() :]
        year = _YEAR.search(rest)
        if year:
            return _ymd(year.group(1), month_day.group(1), month_day.group(2))
    return None


def is_date_only(text: str) -> bool:
    """True when ``text`` is nothing but a date (or date parts), e.g. ``[2024-09-09]``."""
    stripped = re.sub(r"[\s\[\]()（）【】年月日:：/.\-发布时间日期]", "", text)
    return stripped.isdigit() or not stripped
