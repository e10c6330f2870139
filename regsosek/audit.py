"""Append-only log of downloads, sign-ins and admin actions, tamper-evident.

One row per event in the app database's `audit_log` table (regsosek.store): seq, time, user, role,
action ("download", "sign_in", "sign_out", "user_add", "set_live", ...), details (JSON), `prev` (the
previous row's hash) and `hash`, an HMAC-SHA256 under the server's audit key (`[audit] key` in
.streamlit/secrets.toml, kept outside the database and the data folder). Editing, removing or reordering
a row breaks the chain; rewriting the whole log needs the key. The head (last seq and hash, itself
keyed) is kept in the `audit_head` row, so cutting rows off the end is seen too; `python -m regsosek
audit verify` prints the head for an operator to note down and compare later.

Appends are serialised by the database (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction
lock), so writers in any number of threads, processes and machines make one chain. A row and the head
are written in one transaction: a writer killed mid-append leaves no half record.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from regsosek import keys, store

GENESIS = "0" * 64
FIELDS = ("seq", "time", "user", "role", "action", "details", "prev")
# The fields of a download's details, shown as columns of their own by read_log().
DOWNLOAD_FIELDS = ("page", "filters", "rows", "sha256")
DOWNLOAD = "download"


@dataclass(frozen=True)
class Verdict:
    """What `check()` found: intact or not, how many records, the head, and the first problem."""

    intact: bool
    records: int
    head_seq: int
    head_hash: str
    problem: str = ""


def _key() -> bytes:
    return keys.secret("audit", "key").encode("utf-8")


def canonical(value: object) -> str:
    """The one JSON text of a value that the hash covers and the database stores."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _digest(record: dict, key: bytes) -> str:
    body = {k: record[k] for k in FIELDS}
    return hmac.new(key, canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()


def _head_mac(seq: int, head_hash: str, key: bytes) -> str:
    return hmac.new(key, f"head:{seq}:{head_hash}".encode("ascii"), hashlib.sha256).hexdigest()


def append_in(connection: sa.Connection, key: bytes, user: str, role: str, action: str, details: dict,
              time: str | None = None) -> dict:
    """Append one record inside the caller's write transaction (store.write()); returns it."""
    store.serialize(connection, "audit")
    last = connection.execute(sa.select(store.audit_log.c.seq, store.audit_log.c.hash)
                              .order_by(store.audit_log.c.seq.desc()).limit(1)).first()
    record = {
        "seq": (last.seq + 1) if last else 1,
        "time": time or datetime.now(UTC).isoformat(timespec="milliseconds"),
        "user": str(user),
        "role": str(role),
        "action": str(action),
        "details": canonical(details),
        "prev": last.hash if last else GENESIS,
    }
    record["hash"] = _digest(record, key)
    connection.execute(sa.insert(store.audit_log).values(
        seq=record["seq"], time=record["time"], username=record["user"], role=record["role"],
        action=record["action"], details=record["details"], prev=record["prev"], hash=record["hash"]))
    head = {"seq": record["seq"], "hash": record["hash"], "mac": _head_mac(record["seq"], record["hash"], key)}
    if connection.execute(sa.update(store.audit_head).where(store.audit_head.c.id == 1).values(**head)).rowcount == 0:
        connection.execute(sa.insert(store.audit_head).values(id=1, **head))
    return record


def record(user: str, role: str, action: str, details: dict | None = None) -> dict:
    """Record one event (a sign-in, an admin action...); returns the record written."""
    key = _key()
    with store.write() as connection:
        return append_in(connection, key, user, role, action, details or {})


def append(user: str, role: str, page: str, filters: dict, rows: int, file_sha256: str) -> dict:
    """Record one download; returns the record written."""
    return record(user, role, DOWNLOAD, {"page": str(page), "filters": json.loads(canonical(filters)),
                                         "rows": int(rows), "sha256": str(file_sha256)})


def _rows(after_seq: int = 0, connection: sa.Connection | None = None) -> list[dict]:
    if connection is None:
        with store.read() as connection:
            return _rows(after_seq, connection)
    found = connection.execute(sa.select(store.audit_log).where(store.audit_log.c.seq > after_seq)
                               .order_by(store.audit_log.c.seq)).mappings().all()
    return [{"seq": r["seq"], "time": r["time"], "user": r["username"], "role": r["role"], "action": r["action"],
             "details": r["details"], "prev": r["prev"], "hash": r["hash"]} for r in found]


def read_log(after_seq: int = 0, action: str | None = None) -> pd.DataFrame:
    """The records after `after_seq` (all by default; only `action`'s if given), oldest first: FIELDS + hash,
    `details` as a dict, and a download's page, filters, rows and sha256 as columns of their own (empty for
    other actions)."""
    records = [r for r in _rows(after_seq) if action is None or r["action"] == action]
    for row in records:
        row["details"] = json.loads(row["details"])
        download = row["details"] if row["action"] == DOWNLOAD else {}
        for field in DOWNLOAD_FIELDS:
            row[field] = download.get(field)
    frame = pd.DataFrame(records, columns=[*FIELDS, "hash", *DOWNLOAD_FIELDS])
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return frame


def head_seq() -> int:
    """The seq of the newest record (0 for an empty log)."""
    with store.read() as connection:
        return int(connection.execute(sa.select(sa.func.coalesce(sa.func.max(store.audit_log.c.seq), 0))).scalar())


def check() -> Verdict:
    """Verify every record, the chain, the keys and the head; say what is wrong first."""
    key = _key()
    with store.read(snapshot=True) as connection:  # the rows and the head as of one moment
        records = _rows(0, connection)
        head = connection.execute(sa.select(store.audit_head).where(store.audit_head.c.id == 1)).mappings().first()
    prev, seq = GENESIS, 0
    for seq, row in enumerate(records, start=1):
        ok = (row["seq"] == seq and row["prev"] == prev and hmac.compare_digest(str(row["hash"]), _digest(row, key)))
        if ok:
            try:
                json.loads(row["details"])
            except ValueError:
                ok = False
        if not ok:
            return Verdict(False, len(records), seq - 1, prev,
                           f"record {seq}: edited, reordered, or written without the audit key")
        prev = row["hash"]
    if head is None:
        if records:
            return Verdict(False, len(records), seq, prev, "head missing")
        return Verdict(True, 0, 0, GENESIS)
    if not hmac.compare_digest(str(head["mac"]), _head_mac(int(head["seq"]), str(head["hash"]), key)):
        return Verdict(False, len(records), seq, prev, "head altered or written without the audit key")
    if head["seq"] != seq or head["hash"] != prev:
        return Verdict(False, len(records), seq, prev,
                       f"the head says {head['seq']} records but the log ends at {seq}: records cut off or added")
    return Verdict(True, len(records), seq, prev)


def verify() -> bool:
    """True when every record is intact, chained to the one before it, and the log ends at the recorded head."""
    return check().intact


def run(argv: list[str]) -> int:
    """python -m regsosek audit verify: print the head and the verdict; exit 1 when broken."""
    parser = argparse.ArgumentParser(prog="python -m regsosek audit",
                                     description="Check the audit log. Run it from the app's working "
                                                 "directory (where .streamlit/secrets.toml holds the audit key).")
    parser.add_argument("action", choices=("verify",))
    parser.parse_args(argv)
    try:
        verdict = check()
    except store.Unavailable as err:
        print(f"error: the database {store.describe()} cannot be reached: {err}")
        return 2
    print(f"log: {store.describe()} (table audit_log)")
    print(f"records: {verdict.records}")
    print(f"head: seq {verdict.head_seq} hash {verdict.head_hash}")
    if verdict.intact:
        print("verdict: intact. Note the head; a later head must continue from it.")
        return 0
    print(f"verdict: BROKEN: {verdict.problem}")
    return 1
