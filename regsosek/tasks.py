"""Follow-up tasks (tindak lanjut) in the app database: create, move through the statuses, list.

A task is made from a finding (a lagging area, an inactive or overloaded PPL, a PML backlog, a data-quality
case) for a named PML or Koseka, with a due date and a note. Its status goes baru -> dikerjakan -> selesai ->
diverifikasi, one step at a time; every step records who and when (a task_events row) and an audit record,
in the same transaction as the change, so a change is never kept without its record.

Scope: only roles with `acts_on_tasks` write, and only for tasks of a regency in their scope; a task of another
regency reads as missing (its id says nothing). The views check the finding and the officer against the
snapshot before calling `create`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from regsosek import access, audit, keys, store

STATUSES = ("baru", "dikerjakan", "selesai", "diverifikasi")
OPEN_STATUSES = ("baru", "dikerjakan")
CLOSED_STATUSES = ("selesai", "diverifikasi")
ASSIGNEE_ROLES = ("PML", "KOSEKA")
NOTE_MAX = 2000
TASK_COLUMNS = ("task_id", "kab_code", "kec_code", "finding_kind", "finding_key", "finding_label", "assignee_id",
                "assignee_role", "assignee_name", "due_date", "note", "status", "snapshot_id", "created_by",
                "created_at", "updated_by", "updated_at")
EVENT_COLUMNS = ("task_id", "status", "username", "role", "time", "note")
AUDIT_CREATE = "task_create"
AUDIT_STATUS = "task_status"


class TaskNotFound(LookupError):
    """No task with this id in the user's regencies (another regency's task reads the same)."""


class TaskRefused(PermissionError):
    """The user may not do this (no right to act on tasks, an area outside its scope, a wrong step)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def next_status(status: str) -> str | None:
    """The one status a task may move to from `status` (None once verified)."""
    position = STATUSES.index(status)
    return STATUSES[position + 1] if position + 1 < len(STATUSES) else None


def _require_actor(scope: access.Scope, kab_code: str) -> None:
    if not scope.spec.acts_on_tasks:
        raise TaskRefused("this role does not act on follow-up tasks")
    if not scope.may_see_kab(kab_code):
        raise TaskRefused(f"regency {kab_code} is outside the user's scope")


def create(scope: access.Scope, *, kab_code: str, kec_code: str | None, finding_kind: str, finding_key: str,
           finding_label: str, assignee_id: str, assignee_role: str, assignee_name: str, due: date, note: str,
           snapshot_id: str) -> int:
    """Write a new task (status baru) with its first event and audit record; returns its id."""
    _require_actor(scope, kab_code)
    if assignee_role not in ASSIGNEE_ROLES:
        raise TaskRefused(f"a task goes to a PML or a Koseka, not {assignee_role!r}")
    if not isinstance(due, date):
        raise TaskRefused("a due date is required")
    note = str(note).strip()[:NOTE_MAX]
    now = _now()
    key = keys.secret("audit", "key").encode("utf-8")
    with store.write() as connection:
        task_id = connection.execute(sa.insert(store.tasks).values(
            kab_code=kab_code, kec_code=kec_code, finding_kind=finding_kind, finding_key=finding_key,
            finding_label=finding_label[:400], assignee_id=assignee_id, assignee_role=assignee_role,
            assignee_name=assignee_name[:200], due_date=due.isoformat(), note=note, status=STATUSES[0],
            snapshot_id=snapshot_id, created_by=scope.username, created_at=now, updated_by=scope.username,
            updated_at=now)).inserted_primary_key[0]
        connection.execute(sa.insert(store.task_events).values(
            task_id=task_id, status=STATUSES[0], username=scope.username, role=scope.role, time=now, note=note))
        audit.append_in(connection, key, scope.username, scope.role, AUDIT_CREATE,
                        {"task_id": int(task_id), "kab_code": kab_code, "finding_key": finding_key,
                         "assignee_id": assignee_id, "due_date": due.isoformat()}, time=now)
    return int(task_id)


def advance(scope: access.Scope, task_id: int, status: str, note: str = "") -> None:
    """Move a task one step to `status`, recording who and when. Refused for any other step."""
    if not scope.spec.acts_on_tasks:
        raise TaskRefused("this role does not act on follow-up tasks")
    note = str(note).strip()[:NOTE_MAX]
    now = _now()
    key = keys.secret("audit", "key").encode("utf-8")
    with store.write() as connection:
        query = sa.select(store.tasks.c.kab_code, store.tasks.c.status).where(store.tasks.c.task_id == int(task_id))
        if not store.is_sqlite(connection.engine):
            query = query.with_for_update()
        row = connection.execute(query).first()
        if row is None or not scope.may_see_kab(row.kab_code):
            raise TaskNotFound(f"no task {task_id}")
        if status not in STATUSES or next_status(row.status) != status:
            raise TaskRefused(f"task {task_id} cannot go from {row.status} to {status}")
        connection.execute(sa.update(store.tasks).where(store.tasks.c.task_id == int(task_id))
                           .values(status=status, updated_by=scope.username, updated_at=now))
        connection.execute(sa.insert(store.task_events).values(
            task_id=int(task_id), status=status, username=scope.username, role=scope.role, time=now, note=note))
        audit.append_in(connection, key, scope.username, scope.role, AUDIT_STATUS,
                        {"task_id": int(task_id), "kab_code": row.kab_code, "from": row.status, "to": status},
                        time=now)


def tasks_in(kab_codes: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Every task of these regencies (TASK_COLUMNS), due_date as a date."""
    with store.read() as connection:
        rows = connection.execute(sa.select(*[store.tasks.c[c] for c in TASK_COLUMNS])
                                  .where(store.tasks.c.kab_code.in_(list(kab_codes)))
                                  .order_by(store.tasks.c.task_id)).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=list(TASK_COLUMNS))
    frame["task_id"] = frame["task_id"].astype("int64")
    frame["due_date"] = pd.to_datetime(frame["due_date"]).dt.date
    return frame


def events(scope: access.Scope, task_id: int) -> pd.DataFrame:
    """The status changes of one task in the user's regencies, oldest first (EVENT_COLUMNS)."""
    with store.read() as connection:
        owner = connection.execute(sa.select(store.tasks.c.kab_code)
                                   .where(store.tasks.c.task_id == int(task_id))).scalar()
        if owner is None or not scope.may_see_kab(owner):
            raise TaskNotFound(f"no task {task_id}")
        rows = connection.execute(sa.select(*[store.task_events.c[c] for c in EVENT_COLUMNS])
                                  .where(store.task_events.c.task_id == int(task_id))
                                  .order_by(store.task_events.c.event_id)).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=list(EVENT_COLUMNS))
