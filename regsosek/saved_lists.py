"""Saved target lists, and how one user's list overlaps the lists of CSR partners.

A saved list is the targets page's filter with a name, a purpose, the time it was saved and the
snapshot it was looked at: one JSON file per list, paths.data_dir()/lists/<username>/<list_id>.json,
written atomically. A user reads, opens and deletes only its own lists. A file is data like a URL:
its filter is checked again against the owner's current scope every time it is read.

The overlap report counts, for one of the viewer's lists, the families also on each other partner's
saved list. Family ids are matched inside DuckDB (queries/list_overlap.sql) and never leave it;
only the count comes back, over the regencies both the viewer and that partner may see. The page
suppresses counts under 10 for roles that suppress, so a partner learns no more than how many of
the families in its own regencies another partner also means to reach.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from regsosek import access, db, paths, users, warehouse
from regsosek import targeting as tg

MAX_LISTS = 50
NAME_MAX_CHARS = 80
PURPOSE_MAX_CHARS = 200
LIST_ID_RE = re.compile(r"^[0-9a-f]{16}$")
PARTNER_ROLE = "mitra_csr"


@dataclass(frozen=True)
class SavedList:
    list_id: str
    owner: str
    name: str
    purpose: str
    filters: tg.TargetFilter
    saved_at: str
    snapshot_id: str
    as_of: str


class ListError(ValueError):
    pass


def _folder(username: str) -> Path:
    if not users.USERNAME_RE.match(username):
        raise ListError(f"not a username: {username!r}")
    return paths.data_dir() / "lists" / username


def _path(username: str, list_id: str) -> Path:
    if not isinstance(list_id, str) or not LIST_ID_RE.match(list_id):
        raise ListError(f"not a list id: {list_id!r}")
    return _folder(username) / f"{list_id}.json"


def save(scope: access.Scope, name: str, purpose: str, filters: tg.TargetFilter,
         snapshot: warehouse.SnapshotInfo) -> SavedList:
    """Store the filter under the user's own folder; a name is required."""
    name, purpose = name.strip()[:NAME_MAX_CHARS], purpose.strip()[:PURPOSE_MAX_CHARS]
    if not name:
        raise ListError("a saved list needs a name")
    if len(lists_of(scope)) >= MAX_LISTS:
        raise ListError(f"at most {MAX_LISTS} saved lists per user")
    saved = SavedList(list_id=secrets.token_hex(8), owner=scope.username, name=name, purpose=purpose,
                      filters=tg.from_params(scope, filters.url_params()),
                      saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
                      snapshot_id=snapshot.snapshot_id, as_of=snapshot.as_of.isoformat())
    payload = {"list_id": saved.list_id, "owner": saved.owner, "name": saved.name, "purpose": saved.purpose,
               "filters": {k: v for k, v in saved.filters.url_params().items() if v is not None},
               "saved_at": saved.saved_at, "snapshot_id": saved.snapshot_id, "as_of": saved.as_of}
    warehouse.write_json_atomic(_path(scope.username, saved.list_id), payload)
    return saved


def _read(path: Path, scope: access.Scope) -> SavedList | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        filters = payload["filters"]
        if not isinstance(filters, dict):
            return None
        return SavedList(list_id=path.stem, owner=scope.username, name=str(payload["name"])[:NAME_MAX_CHARS],
                         purpose=str(payload.get("purpose", ""))[:PURPOSE_MAX_CHARS],
                         filters=tg.from_params(scope, filters), saved_at=str(payload.get("saved_at", "")),
                         snapshot_id=str(payload.get("snapshot_id", "")), as_of=str(payload.get("as_of", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def lists_of(scope: access.Scope) -> list[SavedList]:
    """The user's own lists, newest first; unreadable files are left out."""
    folder = _folder(scope.username)
    if not folder.is_dir():
        return []
    found = (_read(p, scope) for p in folder.glob("*.json") if LIST_ID_RE.match(p.stem))
    return sorted((s for s in found if s is not None), key=lambda s: s.saved_at, reverse=True)


def get(scope: access.Scope, list_id: str) -> SavedList | None:
    """One of the user's own lists, or None (another user's id finds nothing: the folder is the user's)."""
    try:
        path = _path(scope.username, list_id)
    except ListError:
        return None
    return _read(path, scope) if path.exists() else None


def delete(scope: access.Scope, list_id: str) -> None:
    _path(scope.username, list_id).unlink(missing_ok=True)


def partner_lists(viewer: access.Scope) -> list[tuple[users.UserRow, access.Scope, SavedList]]:
    """Every saved list of every CSR partner other than the viewer, with the partner's current scope."""
    found = []
    for row in users.list_users():
        if row.role != PARTNER_ROLE or row.username == viewer.username or not users.USERNAME_RE.match(row.username):
            continue
        try:
            partner = access.scope_for(row.username, row.role, row.kab_codes, row.programmes)
        except PermissionError:
            continue
        found.extend((row, partner, saved) for saved in lists_of(partner))
    return found


OVERLAP_COLUMNS = ["partner", "list_name", "shared_kab", "families"]


def overlap(viewer: access.Scope, own: SavedList, snapshot_id: str) -> pd.DataFrame:
    """Families on both `own` and each partner list, within the regencies the viewer and that partner share.

    Partners sharing no regency with the viewer are left out. Counts are raw: the caller suppresses.
    """
    rows = []
    own_params = own.filters.query_params()
    for row, partner, theirs in partner_lists(viewer):
        shared = [k for k in viewer.kab_codes if partner.may_see_kab(k)]
        if not shared:
            continue
        other_params = {f"other_{k}": v for k, v in theirs.filters.query_params().items()}
        result = db.cached_run("list_overlap", viewer, snapshot_id, partner_kab_codes=partner.kab_codes,
                               **own_params, **other_params)
        rows.append({"partner": row.name or row.username, "list_name": theirs.name,
                     "shared_kab": ", ".join(shared), "families": int(result["families"].iloc[0])})
    return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)
