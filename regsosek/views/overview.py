"""Ringkasan (overview): the headline figures and the areas furthest behind / ahead of plan.

The figures depend on the phase of the operation (regsosek.phase):
- during fieldwork: coverage against the straight-line plan, days left, the pace, the daily rate
  still needed and the projected finish ("done" when nothing is left, "no pace" when there were
  no visits to project with); the areas behind plan (gap < 0) and ahead of it (gap > 0);
- after the last field day the visit figures are final: the final coverage, the families not
  reached and the areas that did not finish; no plan, projection or rate needed. Documents (PML
  check .. validation) keep moving and are shown in every phase.

Counts go through `privacy.protect_total` (headline) and the area table through the shared
forecast frame of views.progress (the same suppression as the Progres harian screen).

Follow-up tasks (tindak lanjut), for roles that open that page: per regency of the scope, the tasks, those
done (selesai or diverifikasi) and those overdue, from `views.tasks.closure_by_kab`; roles that act on tasks
also get the closure rate (done over tasks) and the regencies ordered by it, lowest first; the others (the
Governor's office) only the counts, most overdue first. Regencies without a task come last. They count the
offices' own tasks, not families, so no small-count suppression applies.

The one-page brief of the user's own area (`brief.home_area`: the province, or a kab/kota head's regency) is
offered for download, built on the click.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from regsosek import access, brief, db, export, phase, privacy, reference, settings, warehouse
from regsosek.views import tasks
from regsosek.views.progress import cumulative, forecast_frame

DURING_COLUMNS = ("area_name", "link", "percent_visited", "plan_percent", "gap_to_plan", "visited", "target")
FINAL_COLUMNS = ("area_name", "link", "percent_visited", "remaining", "visited", "target")
DOCUMENT_STAGES = ("pml_checked", "received", "entered", "validated")
FOLLOW_UP_COUNTS = ("tasks", "closed", "overdue")
FOLLOW_UP_COLUMNS = ("kab_name", "link", "closure_rate", *FOLLOW_UP_COUNTS)  # roles that act on tasks
FOLLOW_UP_COUNT_COLUMNS = ("kab_name", *FOLLOW_UP_COUNTS)  # the others


class Finish:
    DONE = "done"  # every target family visited
    PROJECTED = "projected"  # a date, at the recent pace
    NO_PACE = "no_pace"  # families left but no visits in the pace window: nothing to project with


@dataclass(frozen=True)
class OverviewView:
    timeline: phase.Timeline
    level: str  # "kab", or "kec" for a one-regency user
    visited: int | None  # None: hidden (small count)
    target: int | None
    remaining: int | None  # target - visited; after close: families not reached
    percent_visited: float | None
    plan_percent: float | None  # during fieldwork only
    gap_to_plan: float | None  # during fieldwork only
    areas: int
    areas_behind_plan: int | None  # during fieldwork only
    areas_not_done: int | None  # after close only: areas where families were not reached
    ppl: int | None
    ppl_active_last_day: int | None
    officers: int | None
    workforce_full: int | None  # scaled demo: the full workforce these officers stand for
    scale_percent: float | None  # scaled demo: the share of families in the snapshot, in percent
    families_per_active_ppl_day: float | None
    pace: float | None  # during fieldwork only
    needed_per_day: float | None  # during fieldwork only, while field days are left
    finish: str | None  # Finish.*, during fieldwork only
    projected_finish: date | None  # when finish is Finish.PROJECTED
    documents: dict[str, int | None]  # DOCUMENT_STAGES -> families whose document reached the stage
    behind: pd.DataFrame  # DURING_COLUMNS: areas with gap < 0, furthest behind first (at most RANKED_AREAS)
    ahead: pd.DataFrame  # DURING_COLUMNS: areas with gap > 0, furthest ahead first
    not_done: pd.DataFrame  # FINAL_COLUMNS: after close, areas with families not reached, lowest coverage first
    days: pd.DataFrame  # progress.DAY_COLUMNS over the user's scope, suppressed: the cumulative chart
    plan_line: pd.DataFrame  # day, plan_percent: the plan the chart is read against
    follow_up: pd.DataFrame | None  # FOLLOW_UP_COLUMNS (acts on tasks) or FOLLOW_UP_COUNT_COLUMNS; None: no task page
    follow_up_totals: tasks.TaskTotals | None  # over the scope's regencies; closure_rate None unless acts on tasks
    today: date  # the day (WIB) open tasks are overdue against
    brief_area: str | None  # the area of the user's own brief; None when terms must be accepted first
    brief_area_name: str | None  # its regency's name; None for the province


def _follow_up(scope: access.Scope, today: date) -> tuple[pd.DataFrame | None, tasks.TaskTotals | None]:
    if not access.may_open(scope.role, access.TASKS):
        return None, None
    summary = tasks.closure_by_kab(scope, today)
    totals = tasks.totals(summary)  # the one definition of the totals and their closure rate
    if not scope.spec.acts_on_tasks:
        frame = summary.assign(no_task=summary["tasks"] == 0).sort_values(
            ["no_task", "overdue", "kab_name"], ascending=[True, False, True])[list(FOLLOW_UP_COUNT_COLUMNS)]
        return frame.reset_index(drop=True), replace(totals, closure_rate=None)
    summary["link"] = [f"/tasks?kab={code}" for code in summary["kab_code"]]
    frame = summary.assign(no_task=summary["tasks"] == 0).sort_values(
        ["no_task", "closure_rate", "overdue", "kab_name"], ascending=[True, True, False, True])
    return frame[list(FOLLOW_UP_COLUMNS)].reset_index(drop=True), totals


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, today: date | None = None) -> OverviewView:
    """`today` (WIB) decides which open tasks are overdue; None: the current day."""
    timeline = phase.timeline(snapshot.as_of)
    during = timeline.phase is phase.Phase.DURING
    final = timeline.visits_final
    level = scope.area_level
    head = db.cached_run("overview_headline", scope, snapshot.snapshot_id, level=level,
                         pace_days=settings.PACE_WINDOW_DAYS).iloc[0]
    areas = forecast_frame(scope, snapshot, timeline, level)
    days, plan_line, _ = cumulative(scope, snapshot, timeline)
    areas["link"] = [_coverage_link(code, level) for code in areas["area_code"]]

    def count(name: str) -> int | None:
        return privacy.protect_total(int(head[name]), scope)

    visited, target = count("visited"), count("target")
    visits_last_day, active = count("visits_last_day"), count("ppl_active_last_day")
    per_ppl = _number(head["families_per_active_ppl_day"]) if visits_last_day is not None and active else None
    percent = _number(head["percent_visited"]) if visited is not None and target is not None else None

    finish, projected = None, None
    if during:
        if bool(head["done"]):
            finish = Finish.DONE
        elif pd.isna(head["projected_finish"]) or count("visits_in_window") is None:
            finish = Finish.NO_PACE
        else:
            finish, projected = Finish.PROJECTED, pd.Timestamp(head["projected_finish"]).date()

    today = today or tasks.today_wib()
    follow_up, follow_up_totals = _follow_up(scope, today)
    limit = settings.RANKED_AREAS
    behind = pd.DataFrame(columns=list(DURING_COLUMNS))
    ahead = behind.copy()
    not_done = pd.DataFrame(columns=list(FINAL_COLUMNS))
    if during:
        behind = areas[areas["behind_plan"]].sort_values(["gap_to_plan", "area_code"]).head(limit)
        ahead = areas[areas["ahead_of_plan"]].sort_values(["gap_to_plan", "area_code"],
                                                            ascending=[False, True]).head(limit)
    if final:
        not_done = areas[~areas["done"]].sort_values(["percent_visited", "area_code"]).head(limit)

    return OverviewView(
        timeline=timeline,
        level=level,
        visited=visited,
        target=target,
        remaining=count("remaining"),
        percent_visited=percent,
        plan_percent=_number(head["plan_percent"]) if during else None,
        gap_to_plan=_number(head["gap_to_plan"]) if during and percent is not None else None,
        areas=int(head["areas"]),
        areas_behind_plan=int(head["areas_behind_plan"]) if during else None,
        areas_not_done=int(head["areas_not_done"]) if final else None,
        ppl=count("ppl"),
        ppl_active_last_day=active,
        officers=count("officers"),
        workforce_full=privacy.protect_total(snapshot.workforce_full, scope) if snapshot.is_scaled_demo else None,
        scale_percent=snapshot.scale * 100 if snapshot.is_scaled_demo else None,
        families_per_active_ppl_day=per_ppl,
        pace=_number(head["pace"]) if during and count("visits_in_window") is not None else None,
        needed_per_day=_number(head["needed_per_day"]) if during and count("remaining") is not None else None,
        finish=finish,
        projected_finish=projected,
        documents={stage: count(stage) for stage in DOCUMENT_STAGES},
        behind=behind[list(DURING_COLUMNS)].reset_index(drop=True),
        ahead=ahead[list(DURING_COLUMNS)].reset_index(drop=True),
        not_done=not_done[list(FINAL_COLUMNS)].reset_index(drop=True),
        days=days, plan_line=plan_line,
        follow_up=follow_up, follow_up_totals=follow_up_totals, today=today,
        brief_area=None if scope.spec.must_accept_terms and not export.terms_accepted(scope.username)
        else brief.home_area(scope),
        brief_area_name=reference.kab_names().get(brief.home_area(scope)),
    )


def _coverage_link(code: str, level: str) -> str:
    return f"/coverage?kab={code}" if level == "kab" else f"/coverage?kab={code[:4]}&kec={code}"


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)
