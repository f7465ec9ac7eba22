"""Date recognition: ``2024-09-09``, ``2024/9/9``, ``2024年9月9日``, and split day/year spans.

Feeds' date strings (RFC 822, RFC 3339, the Chinese forms) are read by :func:`parse_instant`.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

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


# --- instants in feeds: RFC 822, RFC 3339 and the Chinese forms --------------------------------

CHINA = timezone(timedelta(hours=8), "CST")
"""China Standard Time: the zone of a feed date that names none, or names ``CST``."""

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# RFC 822 zone names, except CST: Chinese feeds write it for China Standard Time far more often
# than anyone writes it for US Central, and feedparser's reading of it as -06:00 put their items
# fourteen hours off.
_ZONE_NAMES = {
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "cst": 8 * 60,
    "bjt": 8 * 60,
    "hkt": 8 * 60,
    "est": -5 * 60,
    "edt": -4 * 60,
    "cdt": -5 * 60,
    "mst": -7 * 60,
    "mdt": -6 * 60,
    "pst": -8 * 60,
    "pdt": -7 * 60,
}
# An offset may follow a zone name (``GMT+08:00``, ``UTC-5``'s longer form); ``Etc/GMT`` is the
# tz database's spelling of UTC.
_ZONE = (
    r"(?:\s*(?P<zone>(?:(?:Etc/)?(?:GMT|UTC|UT))?[+-]\d{2}:?\d{2}|[zZ]|(?:Etc/)?[A-Za-z]{1,4}))?"
)
_TIME = r"(?:[T\s]*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?:[:：](?P<s>\d{2})(?:[.,]\d+)?)?)?"
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3,9},?\s*)?(?P<d>\d{1,2})[\s-]+(?P<mon>[A-Za-z]{3,9})\.?,?[\s-]+(?P<y>\d{2,4})"
    + _TIME
    + _ZONE
)
# The month first: JavaScript's ``Thu Aug 30 2012 17:26:16 +0200`` and ``January 2, 2024``; then
# C's asctime, Java's ``Date.toString()`` (``Tue Jan 02 10:00:00 CST 2024``, common in feeds that
# Chinese Java CMSs write) and Twitter's, with the year last.
_MONTH_FIRST = r"(?:[A-Za-z]{3,9},?\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+"
_MONTH_YEAR = re.compile(_MONTH_FIRST + r"(?P<y>\d{4})(?!\d)" + _TIME + _ZONE)
_MONTH_TIME_YEAR = re.compile(
    _MONTH_FIRST
    + r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    + _ZONE
    + r"\s+(?P<y>\d{4})(?!\d)"
)
_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    + _TIME
    + _ZONE
)


def _zone(text: str | None) -> timezone:
    """Return the zone a date wrote (``None``, an unknown name: China's)."""
    if not text:
        return CHINA
    lowered = text.lower().removeprefix("etc/")
    for name in ("gmt", "utc", "ut"):
        if lowered.startswith(name) and lowered[len(name) : len(name) + 1] in ("+", "-"):
            lowered = lowered[len(name) :]
            break
    if lowered in _ZONE_NAMES:
        return timezone(timedelta(minutes=_ZONE_NAMES[lowered]))
    if lowered[0] in "+-":
        digits = lowered[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes < 24 * 60:
            return timezone(timedelta(minutes=-minutes if lowered[0] == "-" else minutes))
    return CHINA


def parse_instant(text: str) -> datetime | None:
    """Return the moment a feed's date string names, or ``None`` when it names none.

    Reads RFC 822 (``Sat, 01 Mar 2025 10:00:00 +0800``, two-digit years, zone names,
    ``GMT+08:00``), the month-first forms of asctime, Java and JavaScript (``Tue Jan 02 10:00:00
    CST 2024``), RFC 3339 and ISO 8601 (``2025-03-01T10:00:00Z``, fractions, ``+0800``) and the
    Chinese forms
    (``2025年3月1日 10:00``, ``2025/03/01``, ``2025.3.1``). A date without a zone, and ``CST``,
    are China time (+08:00); a date without a time is midnight there.
    """
    text = text.strip()[:200]
    match = _NUMERIC.search(text)
    if match is not None:
        return _moment(match, int(match["y"]), int(match["mo"]))
    for pattern in (_RFC822, _MONTH_YEAR, _MONTH_TIME_YEAR):
        match = pattern.search(text)
        month = _MONTHS.get(match["mon"][:3].lower()) if match is not None else None
        if match is None or month is None:
            continue
        year = int(match["y"])
        if year < 100:
            year += 2000 if year < 50 else 1900  # RFC 2822 section 4.3
        moment = _moment(match, year, month)
        if moment is not None:
            return moment
    return None


def _moment(match: re.Match[str], year: int, month: int) -> datetime | None:
    """Return the moment of a matched date pattern, or ``None`` when it names no real day."""
    hour, minute, second = (int(match[k] or 0) for k in ("h", "mi", "s"))
    try:
        return datetime(
            year, month, int(match["d"]), hour, minute, second, tzinfo=_zone(match["zone"])
        )
    except ValueError:
        return None


def china_day(moment: datetime) -> str:
    """Return the day ``moment`` falls on in China (+08:00), as ``YYYY-MM-DD``."""
    return moment.astimezone(CHINA).date().isoformat()
