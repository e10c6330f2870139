"""Saved target lists, and how one user's list overlaps the lists of CSR partners.

A saved list is the targets page's filter with a name, a purpose, the time it was saved and the
snapshot it was looked at: one JSON file per list, paths.data_dir()/lists/<username>/<list_id>.json,
written atomically. A user reads, opens and deletes only its own lists. A file is data like a URL:
its filter is checked again against the owner's current scope every time it is read.

The overlap report gives, for one of the viewer's lists, one figure: how many of its families are
also on at least one other partner's saved list. It names no partner and no list. Family ids are
matched in queries/list_overlap.sql and counted on the server, never shown; another partner's list is
taken only within the regencies the viewer and that partner both may see (`comparable_lists`), and
only when it holds at least settings.LIST_OVERLAP_MIN_FAMILIES families there. The targets view
hides the figure unless the viewer's own list is that large too, and coarsens it for roles that
suppress small counts.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from regsosek import access, db, paths, settings, users, warehouse
from regsosek import targeting as tg

MAX_LISTS = 50
NAME_MAX_CHARS = 80
PURPOSE_MAX_CHARS = 200
LIST_ID_RE = re.compile(r"^[0-9a-f]{16}$")


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


def partner_lists(viewer: access.Scope) -> list[tuple[access.Scope, SavedList]]:
    """Every saved list of every other user whose lists take part in the partner overlap, with that
    user's current scope."""
    found = []
    for row in users.list_users():
        if row.username == viewer.username or not users.USERNAME_RE.match(row.username):
            continue
        try:
            partner = access.scope_for(row.username, row.role, row.kab_codes, row.programmes)
        except PermissionError:
            continue
        if partner.spec.shares_lists_with_partners:
            found.extend((partner, saved) for saved in lists_of(partner))
    return found


@dataclass(frozen=True)
class Comparable:
    """Another partner's list as the overlap sees it: its filter within the regencies both may see."""

    kabs: tuple[str, ...]
    filters: tg.TargetFilter


def comparable_lists(viewer: access.Scope) -> list[Comparable]:
    """The other partners' lists to compare with: only those of partners sharing a regency with the viewer."""
    comparable = []
    for partner, theirs in partner_lists(viewer):
        shared = tuple(k for k in viewer.kab_codes if partner.may_see_kab(k))
        if shared:
            comparable.append(Comparable(kabs=shared, filters=theirs.filters))
    return comparable


@dataclass(frozen=True)
class Overlap:
    own_families: int  # families on the viewer's list, as its list shows them
    families: int  # of those, families also on at least one other partner's list (raw: the view protects it)


def overlap(viewer: access.Scope, own: SavedList, snapshot_id: str) -> Overlap:
    """Families on `own` that are also on at least one comparable list of another partner.

    The family ids of each comparison stay in this function: only the two counts come back.
    """
    own_params = {**own.filters.query_params(), "min_desa_families": tg.min_desa_families(viewer)}
    level = own.filters.area_level()
    own_families = tg.total_count(db.cached_run("target_by_area", viewer, snapshot_id, level=level, **own_params))[0]
    on_other_lists: set[str] = set()
    for other in comparable_lists(viewer):
        found = db.cached_run("list_overlap", viewer, snapshot_id, other_kab_codes=list(other.kabs),
                              min_list_families=settings.LIST_OVERLAP_MIN_FAMILIES, **own_params,
                              **{f"other_{k}": v for k, v in other.filters.query_params().items()})
        on_other_lists.update(found["keluarga_id"])
    return Overlap(own_families=own_families, families=len(on_other_lists))
