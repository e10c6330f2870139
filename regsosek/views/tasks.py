"""Tindak lanjut (follow-up tasks): findings with their task, task lists per area and per officer, the closure
rate per regency; creating a task and moving it through its statuses.

Findings come from the existing screens' views, unchanged: SLS not yet started per kecamatan (coverage flags),
inactive and overloaded PPL and PML backlogs (officers), and every listable data-quality case (quality). A
finding is named by a key that stays the same across snapshots (kind and subject), so a finding shows its task
in every later snapshot where it is still found.

Roles with `acts_on_tasks` see and act on the tasks of their own regencies (a one-regency head only its own:
another regency's task by id, by URL or by form is refused). Other roles that open the page (the Governor's
office) see only counts per regency. The counts are of the offices' own tasks, not of families or persons, so
no small-count suppression applies to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from regsosek import access, db, phase, reference, settings, tasks, warehouse
from regsosek.views import coverage, officers, quality

FINDING_KINDS = ("sls_not_started", "inactive_ppl", "overloaded_ppl", "pml_backlog", *quality.LISTABLE)
FINDING_COLUMNS = ("finding_key", "finding_kind", "kab_code", "kec_code", "subject", "detail", "suggested_id",
                   "task_id", "task_status", "task_due")
TASK_LIST_COLUMNS = ("task_id", "kab_code", "kec_code", "finding_kind", "finding_label", "assignee_id",
                     "assignee_name", "assignee_role", "due_date", "overdue", "status", "updated_by", "updated_at")
OFFICER_COLUMNS = ("assignee_id", "assignee_name", "assignee_role", "tasks", "open", "overdue", "closed")
SUMMARY_COLUMNS = ("kab_code", "kab_name", "tasks", "open", "overdue", "closed", "closure_rate")
EVENT_COLUMNS = tasks.EVENT_COLUMNS


def today_wib() -> date:
    return datetime.now(ZoneInfo("Asia/Jakarta")).date()


@dataclass(frozen=True)
class TaskTotals:
    tasks: int
    open: int  # baru or dikerjakan
    overdue: int  # open with a due date before today
    closed: int  # selesai or diverifikasi
    closure_rate: float | None  # closed / tasks, in percent; None with no task


@dataclass(frozen=True)
class TasksView:
    timeline: phase.Timeline
    today: date
    acts: bool  # the user creates and moves tasks and sees them; else counts only
    kab: str | None  # the regency narrowed to; None: all the user's regencies
    officer: str | None  # the officer the task list is narrowed to
    totals: TaskTotals
    summary: pd.DataFrame  # SUMMARY_COLUMNS, one row per regency of the scope
    tasks: pd.DataFrame  # TASK_LIST_COLUMNS, overdue first, then by due date; empty unless acts
    by_officer: pd.DataFrame  # OFFICER_COLUMNS, most overdue first; empty unless acts
    finding_kind: str  # the kind of finding listed
    findings: pd.DataFrame | None  # FINDING_COLUMNS of finding_kind in kab; None unless acts and a kab is chosen
    assignees: dict[str, str]  # PML / Koseka at work in kab: id -> "id · name (role)"; empty unless findings
    default_due: date


def _count_tasks(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Per row of `frame` (tasks): open, overdue and closed as 0/1 columns."""
    is_open = frame["status"].isin(tasks.OPEN_STATUSES)
    return pd.DataFrame({
        "tasks": 1,
        "open": is_open.astype("int64"),
        "overdue": (is_open & (frame["due_date"] < today)).astype("int64"),
        "closed": frame["status"].isin(tasks.CLOSED_STATUSES).astype("int64"),
    }, index=frame.index)


def closure_by_kab(scope: access.Scope, today: date | None = None) -> pd.DataFrame:
    """Per regency of the scope (every one, with or without tasks): SUMMARY_COLUMNS. The closure rate
    (tasks selesai or diverifikasi over all tasks of the regency, percent) is the figure for Ringkasan."""
    today = today or today_wib()
    found = tasks.tasks_in(scope.kab_codes)
    counts = _count_tasks(found, today).assign(kab_code=found["kab_code"])
    per_kab = (counts.groupby("kab_code")[["tasks", "open", "overdue", "closed"]].sum()
               .reindex(list(scope.kab_codes), fill_value=0).astype("int64"))
    names = reference.kab_names()
    per_kab["kab_name"] = [names[k] for k in per_kab.index]
    per_kab["closure_rate"] = (100.0 * per_kab["closed"] / per_kab["tasks"]).where(per_kab["tasks"] > 0)
    return per_kab.reset_index()[list(SUMMARY_COLUMNS)]


def totals(summary: pd.DataFrame) -> TaskTotals:
    """Tasks, open, overdue and closed over the rows of a summary (closure_by_kab), and the closure rate."""
    total = int(summary["tasks"].sum())
    closed = int(summary["closed"].sum())
    return TaskTotals(tasks=total, open=int(summary["open"].sum()), overdue=int(summary["overdue"].sum()),
                      closed=closed, closure_rate=100.0 * closed / total if total else None)


def _officers(scope: access.Scope, snapshot: warehouse.SnapshotInfo, kab: str) -> pd.DataFrame:
    return db.cached_run("task_officers", scope, snapshot.snapshot_id, kab=kab)


def findings(scope: access.Scope, snapshot: warehouse.SnapshotInfo, kab: str, kind: str) -> pd.DataFrame:
    """The findings of one kind in one regency of the scope, as the screens that show them find them:
    finding_key, finding_kind, kab_code, kec_code, subject (an officer or an area), detail, suggested_id
    (the officer who would follow it up: a PPL's PML, a PML's Koseka, a kecamatan's Koseka)."""
    if not scope.may_see_kab(kab) or kind not in FINDING_KINDS:
        return pd.DataFrame(columns=list(FINDING_COLUMNS[:7]))
    staff = _officers(scope, snapshot, kab)
    supervisor = dict(zip(staff["petugas_id"], staff["supervisor_id"]))
    # A kecamatan's Koseka: the one assigned there, else the Koseka over the kecamatan's first PML.
    pml = staff[staff["peran"] == "PML"].sort_values("petugas_id").drop_duplicates("kec_code")
    koseka = staff[staff["peran"] == "KOSEKA"]
    koseka_of_kec = {**dict(zip(pml["kec_code"], pml["supervisor_id"])),
                     **dict(zip(koseka["kec_code"], koseka["petugas_id"]))}
    if kind == "sls_not_started":
        view = coverage.build(scope, snapshot, kab=kab)
        rows = view.flags[view.flags["sls_not_started"].fillna(0) > 0]
        frame = pd.DataFrame({
            "finding_key": kind + ":" + rows["area_code"],
            "kab_code": kab,
            "kec_code": rows["area_code"],
            "subject": rows["area_name"],
            "detail": rows["sls_not_started"].astype("int64").astype(str) + "/" + rows["sls"].astype(str),
            "suggested_id": rows["area_code"].map(koseka_of_kec),
        })
    elif kind in ("inactive_ppl", "overloaded_ppl", "pml_backlog"):
        view = officers.build(scope, snapshot, kab=kab)
        if kind == "pml_backlog":
            rows = officers.whole_list(scope, snapshot, "pml_backlog_list", kab)
            subject_id, detail, suggested = rows["pml_id"], rows["backlog"].astype(str), rows["pml_id"].map(supervisor)
        else:
            rows = view.inactive if kind == "inactive_ppl" else view.overloaded
            subject_id, suggested = rows["ppl_id"], rows["pml_id"]
            detail = (rows["visited"].astype(str) + "/" + rows["target"].astype(str)) if kind == "inactive_ppl" \
                else rows["load_ratio"].round(2).astype(str)
        frame = pd.DataFrame({
            "finding_key": kind + ":" + subject_id,
            "kab_code": rows["kab_code"],
            "kec_code": rows["kec_code"],
            "subject": subject_id + " · " + rows["nama"],
            "detail": detail,
            "suggested_id": suggested,
        })
    else:
        rows = quality.all_findings(scope, snapshot, kab=kab, kind=kind)
        day = rows["day"].astype(str)
        if "keluarga_id" in rows:
            subject = rows["keluarga_id"]
            key = kind + ":" + rows["keluarga_id"] + ":" + day
        else:
            subject = rows["ppl_id"] + " · " + day
            key = kind + ":" + rows["ppl_id"] + ":" + day
        detail = rows["detail"] if "detail" in rows else rows["value"].round(1).astype(str)
        frame = pd.DataFrame({
            "finding_key": key,
            "kab_code": rows["kab_code"],
            "kec_code": rows["kec_code"],
            "subject": subject,
            "detail": detail.astype(str),
            "suggested_id": rows["ppl_id"].map(supervisor),
        })
    frame.insert(1, "finding_kind", kind)
    frame["suggested_id"] = frame["suggested_id"].astype(object).where(frame["suggested_id"].notna(), None)
    return frame.drop_duplicates("finding_key").reset_index(drop=True)[list(FINDING_COLUMNS[:7])]


def _latest_task(found: pd.DataFrame) -> pd.DataFrame:
    latest = found.sort_values("task_id").drop_duplicates("finding_key", keep="last")
    return latest.set_index("finding_key")[["task_id", "status", "due_date"]].rename(
        columns={"status": "task_status", "due_date": "task_due"})


def _assignees(staff: pd.DataFrame) -> pd.DataFrame:
    return staff[staff["peran"].isin(tasks.ASSIGNEE_ROLES) & staff["at_work"]]


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          officer: str | None = None, kind: str | None = None, today: date | None = None) -> TasksView:
    today = today or today_wib()
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None and len(scope.kab_codes) == 1:
        kab = scope.kab_codes[0]
    kind = kind if kind in FINDING_KINDS else FINDING_KINDS[0]
    acts = scope.spec.acts_on_tasks
    summary = closure_by_kab(scope, today)
    if kab is not None:
        summary = summary[summary["kab_code"] == kab].reset_index(drop=True)
    empty_list = pd.DataFrame(columns=list(TASK_LIST_COLUMNS))
    shown, by_officer, found_findings, assignees = empty_list, pd.DataFrame(columns=list(OFFICER_COLUMNS)), None, {}
    if acts:
        found = tasks.tasks_in((kab,) if kab else scope.kab_codes)
        counts = _count_tasks(found, today)
        listed = found.assign(overdue=counts["overdue"].astype(bool))
        by_officer = (counts.assign(assignee_id=found["assignee_id"], assignee_name=found["assignee_name"],
                                    assignee_role=found["assignee_role"])
                      .groupby(["assignee_id", "assignee_name", "assignee_role"], as_index=False)
                      [["tasks", "open", "overdue", "closed"]].sum()
                      .sort_values(["overdue", "open", "assignee_id"], ascending=[False, False, True], kind="stable")
                      .astype({c: "int64" for c in ("tasks", "open", "overdue", "closed")}))[list(OFFICER_COLUMNS)]
        if officer:
            listed = listed[listed["assignee_id"] == officer]
        shown = (listed.sort_values(["overdue", "due_date", "task_id"], ascending=[False, True, True], kind="stable")
                 [list(TASK_LIST_COLUMNS)])
        if kab is not None:
            found_findings = findings(scope, snapshot, kab, kind)
            found_findings = found_findings.join(_latest_task(found), on="finding_key")
            found_findings["task_id"] = found_findings["task_id"].astype("Int64")
            found_findings = found_findings[list(FINDING_COLUMNS)]
            staff = _assignees(_officers(scope, snapshot, kab))
            assignees = {row.petugas_id: f"{row.petugas_id} · {row.nama} ({row.peran})"
                         for row in staff.itertuples()}
    return TasksView(
        timeline=phase.timeline(snapshot.as_of),
        today=today,
        acts=acts,
        kab=kab,
        officer=officer if acts and officer else None,
        totals=totals(summary),
        summary=summary,
        tasks=shown.reset_index(drop=True),
        by_officer=by_officer.reset_index(drop=True),
        finding_kind=kind,
        findings=None if found_findings is None else found_findings.reset_index(drop=True),
        assignees=assignees,
        default_due=today + timedelta(days=settings.TASK_DUE_DAYS),
    )


def create(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str, finding_key: str,
           assignee_id: str, due: date, note: str) -> int:
    """Create a task for a finding of the snapshot in the user's regency, for one of its PML or Koseka at work.
    Whatever a form sends is checked again here: a finding or an officer not found in the user's scope is
    refused (tasks.TaskRefused)."""
    if not scope.spec.acts_on_tasks or not scope.may_see_kab(kab):
        raise tasks.TaskRefused(f"regency {kab} is outside the user's scope")
    kind = finding_key.split(":", 1)[0]
    rows = findings(scope, snapshot, kab, kind)
    finding = rows[rows["finding_key"] == finding_key]
    if finding.empty:
        raise tasks.TaskRefused(f"no finding {finding_key!r} in regency {kab}")
    staff = _assignees(_officers(scope, snapshot, kab))
    officer = staff[staff["petugas_id"] == assignee_id]
    if officer.empty:
        raise tasks.TaskRefused(f"no PML or Koseka {assignee_id!r} at work in regency {kab}")
    row, person = finding.iloc[0], officer.iloc[0]
    return tasks.create(scope, kab_code=kab, kec_code=row["kec_code"], finding_kind=kind, finding_key=finding_key,
                        finding_label=f"{row['subject']} ({row['detail']})", assignee_id=assignee_id,
                        assignee_role=person["peran"], assignee_name=person["nama"], due=due, note=note,
                        snapshot_id=snapshot.snapshot_id)


def advance(scope: access.Scope, task_id: int, note: str = "") -> str:
    """Move a task of the user's regencies to its next status; returns the new status."""
    found = tasks.tasks_in(scope.kab_codes)
    row = found[found["task_id"] == int(task_id)]
    if row.empty:
        raise tasks.TaskNotFound(f"no task {task_id}")
    target = tasks.next_status(row["status"].iloc[0])
    if target is None:
        raise tasks.TaskRefused(f"task {task_id} is already verified")
    tasks.advance(scope, int(task_id), target, note)
    return target


def history(scope: access.Scope, task_id: int) -> pd.DataFrame:
    """Who moved the task to which status and when (EVENT_COLUMNS), oldest first."""
    return tasks.events(scope, task_id)
