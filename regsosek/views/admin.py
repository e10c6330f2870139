"""Admin: published snapshots with the live one marked, users, snapshot folders to ingest, and the
audit log with its verdict. Also the two actions of the page, each checked against what the view offers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from regsosek import access, audit, ingest, paths, reference, users, warehouse

SNAPSHOT_COLUMNS = ("live", "as_of", "snapshot_id", "scale", "rows", "published_at")
USER_COLUMNS = ("username", "name", "role", "kab", "programmes", "demo")
AUDIT_COLUMNS = ("seq", "time", "user", "role", "action", "details")


@dataclass(frozen=True)
class AdminView:
    snapshots: pd.DataFrame  # SNAPSHOT_COLUMNS, newest first; `live` marks the live one
    snapshot_ids: tuple[str, ...]
    live_id: str | None
    users: pd.DataFrame  # USER_COLUMNS; never a hash or a generation
    incoming: Path  # where snapshot folders are put for ingestion
    ingest_folders: tuple[str, ...]  # folder names under `incoming` that hold a manifest, newest first
    audit_log: pd.DataFrame  # AUDIT_COLUMNS, newest first; details as JSON text
    audit_verdict: audit.Verdict  # audit.check(): intact or not, records, head seq and hash, first problem


def _require_admin(scope: access.Scope) -> None:
    if not access.may_open(scope.role, access.ADMIN):
        raise PermissionError(f"role {scope.role} may not administer")


def _snapshots() -> tuple[pd.DataFrame, tuple[str, ...], str | None]:
    published = warehouse.list_snapshots()
    live = warehouse.live()
    live_id = live.snapshot_id if live is not None else None
    frame = pd.DataFrame([{
        "live": s.snapshot_id == live_id,
        "as_of": s.as_of.isoformat(),
        "snapshot_id": s.snapshot_id,
        "scale": f"{s.scale:g}",
        "rows": ", ".join(f"{k}: {v:,}" for k, v in sorted(s.row_counts.items())),
        "published_at": s.published_at,
    } for s in published], columns=list(SNAPSHOT_COLUMNS))
    return frame, tuple(s.snapshot_id for s in published), live_id


def _users() -> pd.DataFrame:
    kab_names = reference.kab_names()
    return pd.DataFrame([{
        "username": row.username,
        "name": row.name,
        "role": row.role,
        "kab": ", ".join(f"{k} {kab_names.get(k, '?')}" for k in row.kab_codes),
        "programmes": ", ".join(row.programmes),
        "demo": row.demo,
    } for row in users.list_users()], columns=list(USER_COLUMNS))


def _ingest_folders() -> tuple[str, ...]:
    # Only folders in the incoming area are offered: a typed path could point anywhere on the server.
    incoming = paths.snapshots_dir()
    if not incoming.is_dir():
        return ()
    return tuple(sorted((p.name for p in incoming.iterdir() if (p / "manifest.json").is_file()), reverse=True))


def _audit_log() -> pd.DataFrame:
    log = audit.read_log()
    log["details"] = log["details"].map(lambda f: json.dumps(f, ensure_ascii=False, sort_keys=True))
    return log[list(AUDIT_COLUMNS)].iloc[::-1].reset_index(drop=True)


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo | None = None) -> AdminView:
    _require_admin(scope)
    snapshots, ids, live_id = _snapshots()
    return AdminView(snapshots=snapshots, snapshot_ids=ids, live_id=live_id, users=_users(),
                     incoming=paths.snapshots_dir(), ingest_folders=_ingest_folders(),
                     audit_log=_audit_log(), audit_verdict=audit.check())


def make_live(scope: access.Scope, snapshot_id: str) -> bool:
    """Make a published snapshot live for everyone; False for an id that is not published."""
    _require_admin(scope)
    if warehouse.get(snapshot_id) is None:
        return False
    warehouse.set_live(snapshot_id)
    audit.record(scope.username, scope.role, "set_live", {"snapshot_id": snapshot_id})
    return True


def ingest_folder(scope: access.Scope, folder_name: str) -> ingest.Report:
    """Validate and publish one folder offered by the view (nothing outside the incoming area)."""
    _require_admin(scope)
    if folder_name not in _ingest_folders():
        raise ValueError(f"not a snapshot folder in {paths.snapshots_dir()}: {folder_name!r}")
    report = ingest.ingest(paths.snapshots_dir() / folder_name, published_by=scope.username)
    audit.record(scope.username, scope.role, "ingest", {"folder": folder_name, "ok": report.ok,
                                                        "snapshot_id": report.snapshot_id if report.ok else None})
    return report
