"""One page of a long list: which page a request means, and which rows it holds.

The lists of the monitoring screens (officers, data quality) show settings.LIST_PAGE_SIZE rows at a
time; the page number comes from the URL, so anyone with a link can ask for any text. A page number
that is not a whole number reads as page 1, and one outside 1..pages is moved to the nearest end:
a request never errors and never reads past the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regsosek import settings
from regsosek import targeting as tg

_PAGE_TEXT = re.compile(r"[+-]?[0-9]{1,9}")  # a longer number is junk, not a page of any list shown here


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, within 1..pages
    pages: int  # at least 1 (an empty list has one empty page)
    rows: int  # rows in the whole list
    limit: int  # the page's rows: row_limit of a list query
    offset: int  # rows before the page: row_offset of a list query

    @property
    def first_row(self) -> int:
        """The 1-based number of the page's first row (0 on an empty list)."""
        return min(self.offset + 1, self.rows)

    @property
    def last_row(self) -> int:
        return min(self.offset + self.limit, self.rows)


def requested(value: object) -> int:
    """A page number as asked for (URL text or a number); anything that is not a whole number is page 1."""
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value).strip()
    return int(text) if _PAGE_TEXT.fullmatch(text) else 1


def page(value: object, rows: int) -> Page:
    """The page `value` asks for in a list of `rows` rows, clamped to the pages the list has."""
    pages = tg.page_count(rows)
    number = min(max(requested(value), 1), pages)
    size = settings.LIST_PAGE_SIZE
    return Page(number=number, pages=pages, rows=rows, limit=size, offset=(number - 1) * size)
