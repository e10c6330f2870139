"""Village verification decisions (verifikasi desa) in the app database.

A desa's forum decides, per family flagged as a possible inclusion or exclusion error, whether the flag holds:
confirmed, wrong (with the reason: moved, died, welfare changed, wrong data) or not found, with a note. The
latest decision per family is kept (recording again replaces it); every decision is also an audit record,
written in the same transaction, so the history is in the log.

Only roles with `records_verification` write, and only for families of a regency in their scope; the view
checks that the family is flagged in the desa in the snapshot before calling `record`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from regsosek import access, audit, keys, store

DECISIONS = ("confirmed", "wrong", "not_found")
REASONS = ("moved", "died", "welfare_changed", "wrong_data")
# After verification a family leaves the area's base (it is no longer there) when decided:
LEAVES_BASE = {("wrong", "moved"), ("wrong", "died"), ("not_found", None)}
NOTE_MAX = 2000
DECISION_COLUMNS = ("keluarga_id", "kab_code", "desa_code", "decision", "reason", "note", "decided_by",
                    "decided_at")
AUDIT_ACTION = "verification_decision"


class DecisionRefused(PermissionError):
    """The user may not record this decision (role, regency, family not flagged, or a decision not allowed)."""


def record(scope: access.Scope, *, keluarga_id: str, kab_code: str, desa_code: str, decision: str,
           reason: str | None, note: str, snapshot_id: str) -> None:
    """Write (or replace) the decision on one family, with its audit record."""
    if not scope.spec.records_verification or not scope.may_see_kab(kab_code):
        raise DecisionRefused("this user does not record verification decisions for this regency")
    if decision not in DECISIONS:
        raise DecisionRefused(f"unknown decision {decision!r}")
    if (decision == "wrong") != (reason is not None) or (reason is not None and reason not in REASONS):
        raise DecisionRefused("a reason goes with 'wrong' only, and must be one of REASONS")
    note = str(note).strip()[:NOTE_MAX]
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    values = {"kab_code": kab_code, "desa_code": desa_code, "decision": decision, "reason": reason, "note": note,
              "snapshot_id": snapshot_id, "decided_by": scope.username, "decided_at": now}
    key = keys.secret("audit", "key").encode("utf-8")
    table = store.verification_decisions
    with store.write() as connection:
        updated = connection.execute(sa.update(table).where(table.c.keluarga_id == keluarga_id).values(**values))
        if updated.rowcount == 0:
            connection.execute(sa.insert(table).values(keluarga_id=keluarga_id, **values))
        audit.append_in(connection, key, scope.username, scope.role, AUDIT_ACTION,
                        {"keluarga_id": keluarga_id, "kab_code": kab_code, "desa_code": desa_code,
                         "decision": decision, "reason": reason}, time=now)


def decisions_in(kab_codes: tuple[str, ...] | list[str], desa_code: str | None = None) -> pd.DataFrame:
    """The latest decision per family in these regencies (and this desa, if given): DECISION_COLUMNS."""
    table = store.verification_decisions
    query = sa.select(*[table.c[c] for c in DECISION_COLUMNS]).where(table.c.kab_code.in_(list(kab_codes)))
    if desa_code is not None:
        query = query.where(table.c.desa_code == desa_code)
    with store.read() as connection:
        rows = connection.execute(query.order_by(table.c.keluarga_id)).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=list(DECISION_COLUMNS))
