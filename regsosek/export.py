"""Audited downloads: CSV and Excel with a header block, a row cap, and a line in the audit log.

The header block says who downloaded what and why: user, role, time, snapshot as-of date,
filters and purpose. Each download is appended to the audit log (regsosek.audit) with the
sha256 of the exact bytes handed out.

A file exists only after the click that audits it: `offer` draws a download button whose data is a
callable (`Delivery`); Streamlit runs it when the user clicks, it writes the audit record, and only
then are the bytes handed to Streamlit and published under /media. Nothing is published when the
button is drawn. The published file stays for `settings.DOWNLOAD_HOLD_SECONDS` (`hold_downloads`): Streamlit
keeps a file built on a click referenced by no session, and drops it after any two script runs of any session
end, which on a busy server can be before the browser asks for it. The button's callable is held as long
(`hold_clicks`): a rerun of the user's own session revokes it, and a click sent just before such a rerun
would find it gone. A held callable still builds nothing once its sign-in has ended (`Delivery.login`).

Both files speak the user's language: the header block (its labels, the role, the dates, the time
of creation in WIB, the filter in words) and the column names. The table's values are data:

- CSV is for machines: comma-separated (RFC 4180, CRLF rows, UTF-8), numbers with a decimal point
  and no grouping (96.5, 12345), dates as ISO 8601 (2022-11-14), an empty cell for a missing or
  hidden value. The header block is a run of "# label: value" rows before the table, so a reader
  skips it with `pandas.read_csv(path, comment="#")`. A comma keeps the file one table whatever
  the locale; a spreadsheet user takes the Excel file, which shows numbers the local way.
- Excel holds real numbers (format "#,##0" for whole numbers, "#,##0.0" otherwise) and real
  dates (format "d mmm yyyy"), shown in the reader's locale by Excel itself.

Everything written into a file is data, never a formula: a text cell (header or body) that starts
with =, +, -, @, a tab or a carriage return gets a leading apostrophe in CSV, and every text cell
is stored as a string in Excel.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa
from openpyxl import Workbook

from regsosek import access, audit, files, formats, i18n, paths, settings, store

if TYPE_CHECKING:
    from regsosek import auth

SECRET_BYTES = 32
TERMS_VERSION = "2022-1"
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
DATE_FORMAT = "d mmm yyyy"


@dataclass(frozen=True)
class ExportHeader:
    user: str
    role: str
    as_of: str
    snapshot_id: str
    filters: str
    purpose: str
    created: str  # ISO 8601 in WIB (+07:00)
    lang: str = i18n.DEFAULT_LANG
    shown_filters: str = ""  # the filter in words for the file; `filters` (codes) goes to the audit log

    def lines(self) -> list[tuple[str, str]]:
        """The header block in the user's language: (label, value) rows."""
        def t(key: str) -> str:
            return i18n.t(f"export_{key}", self.lang)
        role = i18n.t(f"role_{self.role}", self.lang) if f"role_{self.role}" in i18n.TEXT else self.role
        return [(t("user"), self.user), (t("role"), role), (t("created"), formats.timestamp(self.created, self.lang)),
                (t("snapshot_as_of"), formats.day(self.as_of, self.lang)), (t("snapshot_id"), self.snapshot_id),
                (t("filters"), self.shown_filters or self.filters), (t("purpose"), self.purpose or "–")]


@dataclass(frozen=True)
class Download:
    data: bytes
    file_name: str
    mime: str
    rows: int
    sha256: str
    header: ExportHeader


@dataclass(frozen=True)
class Pending:
    """A file not built yet: `build()` makes it when the user clicks (a target list takes seconds)."""

    build: Callable[[], Download]
    file_name: str
    mime: str


@dataclass(frozen=True)
class Delivery:
    """What a download button calls on click: build the file, audit it, and only then hand out the bytes.

    When the audit record cannot be written, no bytes are returned (the download fails closed). `login` is the
    sign-in of the run that drew the button: once it has ended (signed out, expired, password changed) the
    click builds nothing, even while its button is still held (`hold_downloads`).
    """

    source: Download | Pending
    page: str
    details: dict[str, object] | None = None
    login: auth.Login | None = None

    def __call__(self) -> bytes:
        if self.login is not None:
            from regsosek import auth

            if not auth.login_valid(self.login):
                raise PermissionError("the sign-in that drew this download button has ended")
        download = self.source.build() if isinstance(self.source, Pending) else self.source
        record(download, self.page, self.details)
        return download.data


def server_secret() -> bytes:
    """The pseudonym key, created once (mode 0600) in the data folder; never leaves the server."""
    return files.create_once(paths.data_dir() / "secret.key", secrets.token_bytes(SECRET_BYTES))


def header_for(scope: access.Scope, as_of: str, snapshot_id: str, filters: str, purpose: str, *,
               lang: str = i18n.DEFAULT_LANG, shown_filters: str = "") -> ExportHeader:
    return ExportHeader(user=scope.username, role=scope.role, as_of=as_of, snapshot_id=snapshot_id,
                        filters=filters, purpose=purpose,
                        created=datetime.now(UTC).astimezone(formats.TIMEZONE).isoformat(timespec="seconds"),
                        lang=lang, shown_filters=shown_filters)


def describe(details: dict[str, object]) -> str:
    """A filter dict as the one-line `filters` text of a header ("kind=odd_hour; kab=3578")."""
    return "; ".join(f"{key}={'' if value is None else value}" for key, value in details.items())


def header_text(value: object) -> str:
    """A header value on one line: line breaks and tabs become spaces (a header row stays one row)."""
    return re.sub(r"[\r\n\t]", " ", str(value))


def neutral(value: object) -> object:
    """A CSV cell that no spreadsheet reads as a formula: text starting with =, +, -, @, tab or CR gets a "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _plain(value: object) -> object:
    if value is None or (not isinstance(value, str | bytes) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def _csv_cell(value: object) -> object:
    """A CSV value: dates as ISO 8601, a missing value empty, text neutralised."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return neutral(value)


def to_csv(frame: pd.DataFrame, header: ExportHeader) -> bytes:
    """The header block as "# key: value" rows (quoted when needed), then the table; every text cell neutral."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; a CR or LF in a cell gets quoted
    for key, value in header.lines():
        writer.writerow([f"# {key}: {header_text(value)}"])
    writer.writerow([neutral(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(frame: pd.DataFrame, header: ExportHeader) -> bytes:
    """The header block, a blank row, then the table; text is stored as text (data type "s"), never a formula.

    Numbers are numbers and dates are dates, each with a display format; headings are bold and the
    columns wide enough for them.
    """
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = i18n.t("export_sheet", header.lang)
    rows: list[list[object]] = [[key, header_text(value)] for key, value in header.lines()]
    heading_row = len(rows) + 2
    rows += [[], [str(c) for c in frame.columns]]
    rows += [[_plain(v) for v in row] for row in frame.itertuples(index=False)]
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=number, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, bool):
                continue
            elif isinstance(value, int):
                cell.number_format = WHOLE_FORMAT
            elif isinstance(value, float):
                cell.number_format = WHOLE_FORMAT if value.is_integer() else DECIMAL_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if number == heading_row or (number < heading_row and column == 1):
                cell.font = Font(bold=True)
    for column, name in enumerate(frame.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=heading_row, column=column).column_letter].width = max(
            10, min(40, len(str(name)) + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_name(stem: str, as_of: str, fmt: str) -> str:
    return f"{stem}_{as_of}.{fmt}"


def build(frame: pd.DataFrame, header: ExportHeader, fmt: str, stem: str,
          row_cap: int | None = settings.EXPORT_ROW_CAP) -> Download:
    """The file for one download (CSV or Excel), capped at `row_cap` rows (None: monitoring lists, uncapped)."""
    if fmt not in MIME:
        raise ValueError(f"unknown export format {fmt!r}")
    if row_cap is not None:
        frame = frame.head(row_cap)
    data = to_csv(frame, header) if fmt == "csv" else to_xlsx(frame, header)
    return Download(data=data, file_name=file_name(stem, header.as_of, fmt), mime=MIME[fmt],
                    rows=len(frame), sha256=hashlib.sha256(data).hexdigest(), header=header)


def record(download: Download, page: str, details: dict[str, object] | None = None) -> dict:
    """Append the download to the audit log; `details` adds the page's filters as separate fields."""
    header = download.header
    filters = {"filters": header.filters, "purpose": header.purpose, "snapshot_id": header.snapshot_id,
               "file": download.file_name, **(details or {})}
    return audit.append(header.user, header.role, page, filters, download.rows, download.sha256)


def offer(container, label: str, download: Download | Pending, page: str, key: str,
          details: dict[str, object] | None = None, help: str | None = None) -> None:
    """A download button (on `st` or a column): the click audits the file, then hands it out.

    The one way a page hands out a file: every download carries the header block and is logged
    before its bytes leave the server (see `Delivery`); drawing the button publishes nothing.
    """
    hold_downloads()
    from regsosek import ui

    container.download_button(label, data=Delivery(download, page, details, login=ui.current_login()),
                              file_name=download.file_name, mime=download.mime, key=key, on_click="ignore",
                              help=help)


def hold_downloads() -> None:
    """Hold both halves of the running server's downloads: a button's callable (`hold_clicks`) and the file
    it publishes (`hold_files`), each for `settings.DOWNLOAD_HOLD_SECONDS`."""
    from streamlit import runtime

    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr
    hold_files(manager._storage)
    hold_clicks(manager)


class _Hold:
    """When each id was (last) added, and the ids asked to go while younger than `seconds`: those go at the
    first add or release after their time is up. The one rule behind `hold_files` and `hold_clicks`."""

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.seconds, self.clock = seconds, clock
        self.added: dict[str, float] = {}
        self.marked: set[str] = set()
        self.lock = threading.Lock()

    def _due(self, now: float) -> list[str]:
        gone = [i for i in self.marked if now - self.added[i] >= self.seconds]
        for i in gone:
            self.marked.discard(i)
            del self.added[i]
        return gone

    def add(self, item: str) -> None:
        """`item` was added (again: no longer marked)."""
        with self.lock:
            self.added[item] = self.clock()
            self.marked.discard(item)

    def due(self) -> list[str]:
        """The marked ids whose time is up: to go now."""
        with self.lock:
            return self._due(self.clock())

    def release(self, item: str) -> list[str]:
        """Asked to let `item` go: kept (marked) while young. Returns what goes now, `item` included if old."""
        with self.lock:
            now = self.clock()
            gone = self._due(now)
            if item in self.added and now - self.added[item] < self.seconds:
                self.marked.add(item)
            elif item not in gone:
                self.added.pop(item, None)
                self.marked.discard(item)
                gone.append(item)
            return gone


def hold_clicks(manager: object, seconds: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
    """Keep a download button's callable usable for `seconds` after its script run drew it.

    `manager` is Streamlit's `MediaFileManager`. Every run that draws a download button revokes the callable the
    button had in the run before, and the end of any session's run drops the callables no session refers to.
    A click sent just before a rerun of its own session (a text box left for the button commits its text and
    reruns; a cookie or URL update reruns) arrives with the revoked id and fails with "Deferred file ... not
    found": seen in the 20-session load run. Held, the click builds the file of the button the user saw; the
    callable is still bound to its sign-in (`Delivery.login`) and to a random id only that page was given.
    A held callable goes at the first revoke or clean-up after its time is up. Installed once per manager.
    """
    if getattr(manager, "clicks_held_for", None) is not None:
        return
    hold = _Hold(settings.DOWNLOAD_HOLD_SECONDS if seconds is None else seconds, clock)
    add, drop = manager.add_deferred, manager._drop_deferred_id

    def add_deferred(*args, **kwargs) -> str:
        file_id = add(*args, **kwargs)
        hold.add(file_id)  # nothing dropped here: Streamlit drops a callable only under the manager's lock
        return file_id

    def drop_deferred_id(file_id: str) -> None:  # Streamlit calls it holding the manager's lock
        for old in hold.release(file_id):
            drop(old)

    manager.add_deferred = add_deferred
    manager._drop_deferred_id = drop_deferred_id
    manager.clicks_held_for = hold.seconds


def hold_files(storage: object, seconds: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
    """Keep every file the media storage publishes for `seconds` after it was added, whatever asks to delete it.

    `storage` is the server's media storage (Streamlit's `MemoryMediaFileStorage`). Its `delete_file` of a
    file younger than `seconds` only marks it; a marked file goes at the first add or delete after its time is
    up, and a file added again (the same bytes published again) is unmarked. Installed once per storage; later
    calls do nothing.
    """
    if getattr(storage, "held_for", None) is not None:
        return
    hold = _Hold(settings.DOWNLOAD_HOLD_SECONDS if seconds is None else seconds, clock)
    load, delete = storage.load_and_get_id, storage.delete_file

    def load_and_get_id(*args, **kwargs) -> str:
        file_id = load(*args, **kwargs)
        hold.add(file_id)
        for old in hold.due():
            delete(old)
        return file_id

    def delete_file(file_id: str) -> None:
        for old in hold.release(file_id):
            delete(old)

    storage.load_and_get_id = load_and_get_id
    storage.delete_file = delete_file
    storage.held_for = hold.seconds


def terms_accepted(username: str) -> bool:
    """Whether the user accepted the terms now in force; terms accepted in an earlier version must be accepted again."""
    with store.read() as connection:
        version = connection.execute(sa.select(store.terms.c.version)
                                     .where(store.terms.c.username == username)).scalar()
    return version == TERMS_VERSION


def accept_terms(username: str, terms_version: str) -> None:
    values = {"version": terms_version, "accepted_at": datetime.now(UTC).isoformat(timespec="seconds")}
    with store.write() as connection:
        if not connection.execute(sa.update(store.terms).where(store.terms.c.username == username)
                                  .values(**values)).rowcount:
            connection.execute(sa.insert(store.terms).values(username=username, **values))
