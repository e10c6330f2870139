"""How numbers, percents, dates and times read in the UI, in the session's language.

Built on Babel's `id` and `en` locales (CLDR data): Bahasa Indonesia reads 1.234.567, 96,9% and
16 Agu 2022; English 1,234,567, 96.9% and 16 Aug 2022. Times of publication and of the audit log
are shown in Western Indonesia Time (WIB, Asia/Jakarta). Pages, tables and charts all format
through here, so one figure reads the same everywhere.

A missing value reads "–"; a hidden small count reads "<10" (`count`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo

import pandas as pd
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from regsosek import privacy

NOT_AVAILABLE = "–"
TIMEZONE = ZoneInfo("Asia/Jakarta")
TIMEZONE_NAME = "WIB"
DATE_PATTERN = "d MMM y"
SHORT_DATE_PATTERN = "d MMM"  # a chart axis's labels within one year
TIME_PATTERN = "HH:mm"


def is_missing(value: object) -> bool:
    """None, NaN, <NA> and NaT: a value that is not there."""
    if value is None:
        return True
    return not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _decimal(value: float | int) -> Decimal:
    # Halves round away from zero (8.65 -> 8,7), as people round by hand; Babel's default is half-even.
    # repr() keeps the shortest exact form (96.95 stays 96.95), so rounding halves behave as written.
    return Decimal(repr(float(value))) if isinstance(value, float) else Decimal(int(value))


def integer(value: int | float | None, lang: str) -> str:
    """A whole number with the language's grouping: id 1.234.567, en 1,234,567; missing reads "–"."""
    if is_missing(value):
        return NOT_AVAILABLE
    with localcontext(rounding=ROUND_HALF_UP):
        return babel_numbers.format_decimal(_decimal(value), format="#,##0", locale=lang)


def count(value: int | float | None, lang: str) -> str:
    """A count that privacy may have hidden: a hidden (None/<NA>) count reads "<10"."""
    return privacy.SUPPRESSED if is_missing(value) else integer(value, lang)


def number(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A number with `digits` decimals: id 8,7 and 1.234,5; en 8.7 and 1,234.5; missing reads "–"."""
    if is_missing(value) or (isinstance(value, float) and math.isinf(value)):
        return NOT_AVAILABLE
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with localcontext(rounding=ROUND_HALF_UP):
        return babel_numbers.format_decimal(_decimal(value), format=pattern, locale=lang)


def percent(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A value already in percent (96.94) as id 96,9% / en 96.9%; missing reads "–"."""
    if is_missing(value) or (isinstance(value, float) and math.isinf(value)):
        return NOT_AVAILABLE
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    with localcontext(rounding=ROUND_HALF_UP):
        return babel_numbers.format_percent(_decimal(value) / 100, format=pattern, locale=lang)


def signed(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A difference with its sign: id +1,5 / -0,3 (en +1.5 / -0.3); missing reads "–".

    An ASCII minus: st.metric colours a delta red by its leading "-".
    """
    if is_missing(value):
        return NOT_AVAILABLE
    text = number(abs(value), lang, digits)
    return ("+" if value >= 0 else "-") + text


def day(value: date | datetime | str | None, lang: str) -> str:
    """A calendar date as "16 Nov 2022" (id: Indonesian month abbreviations, e.g. "16 Agu 2022")."""
    if is_missing(value) or value == "":
        return NOT_AVAILABLE
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return babel_dates.format_date(value, DATE_PATTERN, locale=lang)


def timestamp(value: datetime | str | None, lang: str) -> str:
    """A moment (publication, audit record) in WIB: "16 Nov 2022 10:04 WIB". A naive time is taken as UTC."""
    if is_missing(value) or value == "":
        return NOT_AVAILABLE
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(TIMEZONE)
    return (f"{babel_dates.format_date(local.date(), DATE_PATTERN, locale=lang)} "
            f"{babel_dates.format_time(local.time(), TIME_PATTERN, locale=lang)} {TIMEZONE_NAME}")


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` for the language: the decimal mark, then the group mark (id ",.", en ".,")."""
    return babel_numbers.get_decimal_symbol(lang) + babel_numbers.get_group_symbol(lang)


def date_axis(days: Iterable[date | datetime | str], lang: str, *, most: int = 12) -> dict[str, object]:
    """An x-axis over dates whose labels read as `day` (Indonesian month names in id).

    Plotly names months in English by itself; this gives it `tickvals`/`ticktext` built here,
    at most `most` labels spread evenly. When every label falls in one year, the labels are day and month
    ("15 Okt"; the hover gives the full date): short enough to stand level on a phone, where full dates were
    tilted and ran into the legend below.
    """
    values = sorted({date.fromisoformat(str(d)[:10]) for d in days if not is_missing(d)})
    step = max(1, math.ceil(len(values) / most))
    ticks = values[::step]
    if len({d.year for d in ticks}) == 1:
        text = [babel_dates.format_date(d, SHORT_DATE_PATTERN, locale=lang) for d in ticks]
    else:
        text = [day(d, lang) for d in ticks]
    return {"tickmode": "array", "tickvals": [d.isoformat() for d in ticks], "ticktext": text}


def hover_dates(days: Iterable[date | datetime | str], lang: str) -> list[str]:
    """The `day` text of each date, for a chart's hover (`customdata`)."""
    return [day(d, lang) for d in days]
