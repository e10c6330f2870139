"""Append-only log of data downloads, tamper-evident.

One JSON object per line in paths.data_dir()/audit/downloads.jsonl. Each line
carries the previous line's hash (`prev`) and its own (`hash`), an HMAC-SHA256
under the server's audit key (`[audit] key` in .streamlit/secrets.toml, kept
outside the data folder). Editing, removing or reordering a line breaks the
chain; rewriting the whole log needs the key. The head (last seq and hash,
itself keyed) is kept in a separate file, downloads.head.json, so cutting lines
off the end is seen too; `python -m regsosek audit verify` prints the head for
an operator to note down and compare later. Appends are serialised across
threads and processes.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from regsosek import files, keys, paths

GENESIS = "0" * 64
FIELDS = ("seq", "time", "user", "role", "page", "filters", "rows", "sha256", "prev")

_lock = threading.Lock()


@dataclass(frozen=True)
class Verdict:
    """What `check()` found: intact or not, how many records, the head, and the first problem."""

    intact: bool
    records: int
    head_seq: int
    head_hash: str
    problem: str = ""


def log_path() -> Path:
    return paths.data_dir() / "audit" / "downloads.jsonl"


def head_path() -> Path:
    return log_path().with_name("downloads.head.json")


def _key() -> bytes:
    return keys.secret("audit", "key").encode("utf-8")


def _digest(record: dict, key: bytes) -> str:
    body = {k: record[k] for k in FIELDS}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def _head_mac(seq: int, head_hash: str, key: bytes) -> str:
    return hmac.new(key, f"head:{seq}:{head_hash}".encode("ascii"), hashlib.sha256).hexdigest()


def _last_record(handle) -> dict | None:
    handle.seek(0)
    last = None
    for line in handle:
        if line.strip():
            last = line
    return json.loads(last) if last else None


def append(user: str, role: str, page: str, filters: dict, rows: int, file_sha256: str) -> dict:
    """Record one download; returns the record written."""
    key = _key()
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
            record["hash"] = _digest(record, key)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
            files.write_text_atomic(head_path(), json.dumps({
                "seq": record["seq"], "hash": record["hash"],
                "mac": _head_mac(record["seq"], record["hash"], key)}))
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


def _read_head() -> dict | None:
    try:
        head = json.loads(head_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return head if isinstance(head, dict) else {}


def check() -> Verdict:
    """Verify every line, the chain, the keys and the head; say what is wrong first."""
    key = _key()
    try:
        records = _records()
    except (ValueError, OSError) as err:
        return Verdict(False, 0, 0, "", f"unreadable log: {err}")
    prev, seq = GENESIS, 0
    for seq, record in enumerate(records, start=1):
        try:
            ok = (isinstance(record, dict) and record.get("seq") == seq and record.get("prev") == prev
                  and hmac.compare_digest(str(record.get("hash")), _digest(record, key)))
        except (KeyError, TypeError):
            ok = False
        if not ok:
            return Verdict(False, len(records), seq - 1, prev,
                           f"line {seq}: edited, reordered, or written without the audit key")
        prev = record["hash"]
    head = _read_head()
    if head is None:
        if records:
            return Verdict(False, len(records), seq, prev, "head file missing")
        return Verdict(True, 0, 0, GENESIS)
    try:
        head_ok = hmac.compare_digest(str(head.get("mac")), _head_mac(int(head["seq"]), str(head["hash"]), key))
    except (KeyError, TypeError, ValueError):
        head_ok = False
    if not head_ok:
        return Verdict(False, len(records), seq, prev, "head file altered or written without the audit key")
    if head["seq"] != seq or head["hash"] != prev:
        return Verdict(False, len(records), seq, prev,
                       f"the head says {head['seq']} records but the log ends at {seq}: lines cut off or added")
    return Verdict(True, len(records), seq, prev)


def verify() -> bool:
    """True when every line is intact, chained to the one before it, and the log ends at the recorded head."""
    return check().intact


def run(argv: list[str]) -> int:
    """python -m regsosek audit verify: print the head and the verdict; exit 1 when broken."""
    parser = argparse.ArgumentParser(prog="python -m regsosek audit",
                                     description="Check the download log. Run it from the app's working "
                                                 "directory (where .streamlit/secrets.toml holds the audit key).")
    parser.add_argument("action", choices=("verify",))
    parser.parse_args(argv)
    verdict = check()
    print(f"log: {log_path()}")
    print(f"records: {verdict.records}")
    print(f"head: seq {verdict.head_seq} hash {verdict.head_hash}")
    if verdict.intact:
        print("verdict: intact. Note the head; a later head must continue from it.")
        return 0
    print(f"verdict: BROKEN: {verdict.problem}")
    return 1
