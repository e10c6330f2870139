"""Moving an earlier version's files into the app database, once (run by store.upgrade).

Earlier versions kept the app state in files under paths.data_dir(): users.yaml, lists/<user>/<id>.json,
lists/<user>/terms.json, auth/login_failures.json, auth/logins.json and audit/downloads.jsonl (with
downloads.head.json). Each file is read, its rows written in one transaction together with a row in
`imports` (its path and sha256), and only then renamed to `<name>.imported`, never deleted. A second
run finds nothing left to move; a run stopped between the commit and the rename finds the `imports`
row and only renames. Rows already in the database (same user, same list id) are kept as they are.

The old download log is checked with the audit key first, then its records are appended to the
database's chain (re-hashed, under the same key) after a record `import` that names the old log's
head and verdict: an old log that did not verify is still moved, and says so.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import sqlalchemy as sa
import yaml

from regsosek import paths, store

SUFFIX = ".imported"


def _sources() -> list[tuple[str, Path]]:
    data = paths.data_dir()
    found = [("users", data / "users.yaml")]
    lists = data / "lists"
    if lists.is_dir():
        for folder in sorted(p for p in lists.iterdir() if p.is_dir()):
            for file in sorted(folder.glob("*.json")):
                found.append(("terms" if file.name == "terms.json" else "list", file))
    found += [("login_attempts", data / "auth" / "login_failures.json"), ("logins", data / "auth" / "logins.json"),
              ("audit", data / "audit" / "downloads.jsonl")]
    return [(kind, path) for kind, path in found if path.is_file()]


def import_files(engine: sa.Engine) -> dict[str, int]:
    """Move every earlier file still there into the database; {kind: rows written}."""
    moved: dict[str, int] = {}
    for kind, path in _sources():
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        source = str(path.relative_to(paths.data_dir()))
        with store.write(engine) as connection:
            done = connection.execute(sa.select(store.imports.c.source).where(
                store.imports.c.source == source, store.imports.c.sha256 == digest)).first()
            if done is None:
                rows = _IMPORTERS[kind](connection, path, data)
                connection.execute(sa.insert(store.imports).values(source=source, sha256=digest,
                                                                   imported_at=time.time()))
                moved[kind] = moved.get(kind, 0) + rows
        path.rename(path.with_name(path.name + SUFFIX))
        if kind == "audit":
            head = path.with_name("downloads.head.json")
            if head.exists():
                head.rename(head.with_name(head.name + SUFFIX))
    return moved


def _exists(connection: sa.Connection, column: sa.Column, value: object) -> bool:
    return connection.execute(sa.select(column).where(column == value)).first() is not None


def _users(connection: sa.Connection, path: Path, data: bytes) -> int:
    config = yaml.safe_load(data.decode("utf-8")) or {}
    written = 0
    for username, fields in ((config.get("credentials") or {}).get("usernames") or {}).items():
        if not isinstance(fields, dict) or _exists(connection, store.users.c.username, username):
            continue
        connection.execute(sa.insert(store.users).values(
            username=str(username), name=str(fields.get("name", "")), password_hash=str(fields.get("password", "")),
            role=str(fields.get("role", "")), kab_codes=[str(k) for k in fields.get("kab_codes") or ()],
            programmes=[str(p) for p in fields.get("programmes") or ()],
            generation=str(fields.get("generation") or ""), demo=fields.get("demo") is True,
            created_at=path.stat().st_mtime))
        written += 1
    return written


def _json(data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError:
        return None


def _list(connection: sa.Connection, path: Path, data: bytes) -> int:
    payload = _json(data)
    if not isinstance(payload, dict) or not isinstance(payload.get("filters"), dict):
        return 0
    if _exists(connection, store.saved_lists.c.list_id, path.stem):
        return 0
    connection.execute(sa.insert(store.saved_lists).values(
        list_id=path.stem, owner=path.parent.name, name=str(payload.get("name", ""))[:200],
        purpose=str(payload.get("purpose", ""))[:400], filters=payload["filters"],
        saved_at=str(payload.get("saved_at", "")), snapshot_id=str(payload.get("snapshot_id", "")),
        as_of=str(payload.get("as_of", ""))))
    return 1


def _terms(connection: sa.Connection, path: Path, data: bytes) -> int:
    payload = _json(data)
    username = path.parent.name
    if not isinstance(payload, dict) or _exists(connection, store.terms.c.username, username):
        return 0
    connection.execute(sa.insert(store.terms).values(username=username, version=str(payload.get("version", "")),
                                                     accepted_at=str(payload.get("accepted", ""))))
    return 1


def _login_attempts(connection: sa.Connection, path: Path, data: bytes) -> int:
    payload = _json(data)
    written = 0
    for username, entry in (payload.items() if isinstance(payload, dict) else ()):
        if not isinstance(entry, dict) or _exists(connection, store.login_attempts.c.username, username):
            continue
        connection.execute(sa.insert(store.login_attempts).values(
            username=str(username), failures=int(entry.get("count", 0)), last_failure=float(entry.get("last", 0)),
            locked_until=float(entry.get("locked_until", 0))))
        written += 1
    return written


def _logins(connection: sa.Connection, path: Path, data: bytes) -> int:
    payload = _json(data)
    written = 0
    for login_id, record in (payload.items() if isinstance(payload, dict) else ()):
        if not isinstance(record, dict) or _exists(connection, store.logins.c.login_id, login_id):
            continue
        connection.execute(sa.insert(store.logins).values(
            login_id=str(login_id), username=str(record.get("user", "")),
            generation=str(record.get("generation", "")), expires=float(record.get("expires", 0))))
        written += 1
    return written


# The fields of an old download record, and how its chain was hashed.
_OLD_FIELDS = ("seq", "time", "user", "role", "page", "filters", "rows", "sha256", "prev")


def _old_verdict(records: list[dict], head_path: Path, key: bytes) -> tuple[bool, int, str, str]:
    import hmac

    from regsosek import audit

    prev = audit.GENESIS
    for seq, record in enumerate(records, start=1):
        body = json.dumps({k: record.get(k) for k in _OLD_FIELDS}, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        if record.get("seq") != seq or record.get("prev") != prev or not hmac.compare_digest(
                str(record.get("hash")), hmac.new(key, body, hashlib.sha256).hexdigest()):
            return False, seq - 1, prev, f"line {seq}: edited, reordered, or written without the audit key"
        prev = record["hash"]
    try:
        head = json.loads(head_path.read_text(encoding="utf-8"))
        head_mac = hmac.new(key, f"head:{head['seq']}:{head['hash']}".encode("ascii"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(str(head.get("mac")), head_mac):
            return False, len(records), prev, "head file altered or written without the audit key"
        if head["seq"] != len(records) or head["hash"] != prev:
            return False, len(records), prev, "lines cut off or added after the head"
    except (OSError, ValueError, KeyError, TypeError):
        if records:
            return False, len(records), prev, "head file missing or unreadable"
    return True, len(records), prev, ""


def _audit(connection: sa.Connection, path: Path, data: bytes) -> int:
    from regsosek import audit

    key = audit._key()
    records, unreadable = [], 0
    for line in data.decode("utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            unreadable += 1
            continue
        if isinstance(record, dict):
            records.append(record)
    intact, seq, head, problem = _old_verdict(records, path.with_name("downloads.head.json"), key)
    audit.append_in(connection, key, "cli", "-", "import", {
        "source": str(path.relative_to(paths.data_dir())), "records": len(records), "unreadable_lines": unreadable,
        "old_head_seq": seq, "old_head_hash": head, "old_log_intact": intact, "problem": problem})
    for record in records:
        audit.append_in(connection, key, str(record.get("user", "")), str(record.get("role", "")), audit.DOWNLOAD,
                        {"page": str(record.get("page", "")), "filters": record.get("filters") or {},
                         "rows": int(record.get("rows") or 0), "sha256": str(record.get("sha256", "")),
                         "old_seq": record.get("seq")},
                        time=str(record.get("time", "")))
    return len(records)


_IMPORTERS = {"users": _users, "list": _list, "terms": _terms, "login_attempts": _login_attempts,
              "logins": _logins, "audit": _audit}
