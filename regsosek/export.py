"""Audited downloads: CSV and Excel with a header block, a row cap, and a line in the audit log.

The header block says who downloaded what and why: user, role, time, snapshot as-of date,
filters and purpose. Each download is appended to the audit log (regsosek.audit) with the
sha256 of the exact bytes handed out.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from regsosek import access, audit, files, paths

ROW_CAP = 5_000
SECRET_BYTES = 32
TERMS_VERSION = "2022-1"


@dataclass(frozen=True)
class ExportHeader:
    user: str
    role: str
    as_of: str
    snapshot_id: str
    filters: str
    purpose: str
    created: str

    def lines(self) -> list[tuple[str, str]]:
        return [("user", self.user), ("role", self.role), ("created", self.created),
                ("snapshot_as_of", self.as_of), ("snapshot_id", self.snapshot_id),
                ("filters", self.filters), ("purpose", self.purpose)]


@dataclass(frozen=True)
class Download:
    data: bytes
    file_name: str
    mime: str
    rows: int
    sha256: str
    header: ExportHeader


def server_secret() -> bytes:
    """The pseudonym key, created once (mode 0600) in the data folder; never leaves the server."""
    return files.create_once(paths.data_dir() / "secret.key", secrets.token_bytes(SECRET_BYTES))


def header_for(scope: access.Scope, as_of: str, snapshot_id: str, filters: str, purpose: str) -> ExportHeader:
    return ExportHeader(user=scope.username, role=scope.role, as_of=as_of, snapshot_id=snapshot_id,
                        filters=filters, purpose=purpose,
                        created=datetime.now(UTC).isoformat(timespec="seconds"))


def describe(details: dict[str, object]) -> str:
    """A filter dict as the one-line `filters` text of a header ("kind=odd_hour; kab=3578")."""
    return "; ".join(f"{key}={'' if value is None else value}" for key, value in details.items())


def to_csv(frame: pd.DataFrame, header: ExportHeader) -> bytes:
    buffer = io.StringIO()
    for key, value in header.lines():
        buffer.write(f"# {key}: {value}\n")
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(frame: pd.DataFrame, header: ExportHeader) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for key, value in header.lines():
        sheet.append([key, value])
    sheet.append([])
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build(frame: pd.DataFrame, header: ExportHeader, fmt: str, stem: str, row_cap: int | None = ROW_CAP) -> Download:
    """The file for one download (CSV or Excel), capped at `row_cap` rows (None: monitoring lists, uncapped)."""
    if row_cap is not None:
        frame = frame.head(row_cap)
    if fmt == "csv":
        data, mime = to_csv(frame, header), "text/csv"
    elif fmt == "xlsx":
        data, mime = to_xlsx(frame, header), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return Download(data=data, file_name=f"{stem}_{header.as_of}.{fmt}", mime=mime,
                    rows=len(frame), sha256=hashlib.sha256(data).hexdigest(), header=header)


def record(download: Download, page: str, details: dict[str, object] | None = None) -> dict:
    """Append the download to the audit log; `details` adds the page's filters as separate fields."""
    header = download.header
    filters = {"filters": header.filters, "purpose": header.purpose, "snapshot_id": header.snapshot_id,
               "file": download.file_name, **(details or {})}
    return audit.append(header.user, header.role, page, filters, download.rows, download.sha256)


def offer(container, label: str, download: Download, page: str, key: str,
          details: dict[str, object] | None = None, help: str | None = None) -> None:
    """A download button (on `st` or a column) whose click appends the file to the audit log.

    The one way a page hands out a file: every download carries the header block and is logged.
    """
    container.download_button(label, data=download.data, file_name=download.file_name, mime=download.mime,
                              key=key, on_click=record, args=(download, page, details), help=help)


def _terms_path(username: str) -> Path:
    return paths.data_dir() / "lists" / username / "terms.json"


def terms_accepted(username: str) -> bool:
    return _terms_path(username).exists()


def accept_terms(username: str, terms_version: str) -> None:
    path = _terms_path(username)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"accepted": datetime.now(UTC).isoformat(timespec="seconds"),
                                "version": terms_version}), encoding="utf-8")
