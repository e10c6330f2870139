"""Append-only log of data downloads, tamper-evident.

One JSON object per line in paths.data_dir()/audit/downloads.jsonl. Each line
carries the sha256 of the previous line's record (`prev`) and of its own content
(`hash`), so editing, removing or reordering any earlier line breaks the chain
and `verify()` says so. Appends are serialised across threads and processes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from regsosek import paths

GENESIS = "0" * 64
FIELDS = ("seq", "time", "user", "role", "page", "filters", "rows", "sha256", "prev")

_lock = threading.Lock()


def log_path() -> Path:
    return paths.data_dir() / "audit" / "downloads.jsonl"


def _digest(record: dict) -> str:
    body = {k: record[k] for k in FIELDS}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def _last_record(handle) -> dict | None:
    handle.seek(0)
    last = None
    for line in handle:
        if line.strip():
            last = line
    return json.loads(last) if last else None


def append(user: str, role: str, page: str, filters: dict, rows: int, file_sha256: str) -> dict:
    """Record one download; returns the record written."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock, path.open("a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            last = _last_record(handle)
            record = {
                "seq": (last["seq"] + 1) if last else 1,
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "user": str(user),
                "role": str(role),
                "page": str(page),
                "filters": json.loads(json.dumps(filters, default=str)),
                "rows": int(rows),
                "sha256": str(file_sha256),
                "prev": last["hash"] if last else GENESIS,
            }
            record["hash"] = _digest(record)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return record


def _records() -> list[dict]:
    path = log_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_log() -> pd.DataFrame:
    """All downloads, oldest first (columns: FIELDS + hash)."""
    records = _records()
    frame = pd.DataFrame(records, columns=[*FIELDS, "hash"])
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return frame


def verify() -> bool:
    """True when every line is intact and chained to the one before it."""
    try:
        records = _records()
        prev = GENESIS
        for seq, record in enumerate(records, start=1):
            if record.get("seq") != seq or record.get("prev") != prev or record.get("hash") != _digest(record):
                return False
            prev = record["hash"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return True
