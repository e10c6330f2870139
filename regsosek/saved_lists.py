"""Saved target lists, and how one user's list overlaps the lists of CSR partners.

A saved list is the targets page's filter with a name, a purpose, the time it was saved and the
snapshot it was looked at: one row of the app database's `saved_lists` table (regsosek.store), written
in one transaction. A user reads, opens and deletes only its own lists. A stored filter is data like a
URL: it is checked again against the owner's current scope every time it is read.

The overlap report gives, for one of the viewer's lists, one figure: how many of its families are
also on at least one other partner's saved list. It names no partner and no list. Family ids are
matched in queries/list_overlap.sql and counted on the server, never shown; another partner's list is
taken only within the regencies the viewer and that partner both may see (`comparable_lists`), and
only when it holds at least settings.LIST_OVERLAP_MIN_FAMILIES families there. The targets view
hides the figure unless the viewer's own list is that large too, and coarsens it for roles that
suppress small counts.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from regsosek import access, db, settings, store, users, warehouse
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


_T = store.saved_lists


def _owner(username: str) -> str:
    if not users.USERNAME_RE.match(username):
        raise ListError(f"not a username: {username!r}")
    return username


def _list_id(list_id: object) -> str:
    if not isinstance(list_id, str) or not LIST_ID_RE.match(list_id):
        raise ListError(f"not a list id: {list_id!r}")
    return list_id


def save(scope: access.Scope, name: str, purpose: str, filters: tg.TargetFilter,
         snapshot: warehouse.SnapshotInfo) -> SavedList:
    """Store the filter as the user's own list; a name is required."""
    owner = _owner(scope.username)
    name, purpose = name.strip()[:NAME_MAX_CHARS], purpose.strip()[:PURPOSE_MAX_CHARS]
    if not name:
        raise ListError("a saved list needs a name")
    saved = SavedList(list_id=secrets.token_hex(8), owner=owner, name=name, purpose=purpose,
                      filters=tg.from_params(scope, filters.url_params()),
                      saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
                      snapshot_id=snapshot.snapshot_id, as_of=snapshot.as_of.isoformat())
    with store.write() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(_T).where(_T.c.owner == owner)).scalar()
        if count >= MAX_LISTS:
            raise ListError(f"at most {MAX_LISTS} saved lists per user")
        connection.execute(sa.insert(_T).values(
            list_id=saved.list_id, owner=owner, name=saved.name, purpose=saved.purpose,
            filters={k: v for k, v in saved.filters.url_params().items() if v is not None},
            saved_at=saved.saved_at, snapshot_id=saved.snapshot_id, as_of=saved.as_of))
    return saved


def _read(row, scope: access.Scope) -> SavedList | None:
    try:
        filters = row["filters"]
        if not isinstance(filters, dict):
            return None
        return SavedList(list_id=row["list_id"], owner=scope.username, name=str(row["name"])[:NAME_MAX_CHARS],
                         purpose=str(row["purpose"] or "")[:PURPOSE_MAX_CHARS],
                         filters=tg.from_params(scope, filters), saved_at=str(row["saved_at"] or ""),
                         snapshot_id=str(row["snapshot_id"] or ""), as_of=str(row["as_of"] or ""))
    except (ValueError, KeyError, TypeError):
        return None


def lists_of(scope: access.Scope) -> list[SavedList]:
    """The user's own lists, newest first; unreadable rows are left out."""
    owner = _owner(scope.username)
    with store.read() as connection:
        rows = connection.execute(sa.select(_T).where(_T.c.owner == owner)).mappings().all()
    found = (_read(row, scope) for row in rows)
    return sorted((s for s in found if s is not None), key=lambda s: s.saved_at, reverse=True)


def get(scope: access.Scope, list_id: str) -> SavedList | None:
    """One of the user's own lists, or None (another user's id finds nothing)."""
    try:
        list_id, owner = _list_id(list_id), _owner(scope.username)
    except ListError:
        return None
    with store.read() as connection:
        row = connection.execute(sa.select(_T).where(_T.c.list_id == list_id, _T.c.owner == owner)).mappings().first()
    return _read(row, scope) if row is not None else None


def delete(scope: access.Scope, list_id: str) -> None:
    list_id, owner = _list_id(list_id), _owner(scope.username)
    with store.write() as connection:
        connection.execute(sa.delete(_T).where(_T.c.list_id == list_id, _T.c.owner == owner))


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
    others = comparable_lists(viewer)
    ids = tg.record_ids(viewer, own.filters, *(other.filters for other in others))
    own_params = {**own.filters.query_params(**ids), "min_desa_families": tg.min_desa_families(viewer)}
    level = own.filters.area_level()
    own_families = tg.total_count(db.cached_run("target_by_area", viewer, snapshot_id, level=level, **own_params))[0]
    on_other_lists: set[str] = set()
    for other in others:
        found = db.cached_run("list_overlap", viewer, snapshot_id, other_kab_codes=list(other.kabs),
                              min_list_families=settings.LIST_OVERLAP_MIN_FAMILIES, **own_params,
                              **{f"other_{k}": v for k, v in other.filters.query_params(**ids).items()})
        on_other_lists.update(found["keluarga_id"])
    return Overlap(own_families=own_families, families=len(on_other_lists))
