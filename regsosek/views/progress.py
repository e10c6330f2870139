"""Progres harian (daily progress): the day-by-day series of one area, the forecast per area and a
comparison of two snapshots, for the phase of the operation the snapshot falls in.

During fieldwork the forecast holds the plan, the gap to it, the daily rate still needed, the pace
and the projected finish. After the last field day the visit figures are final: the forecast frame
holds the final coverage and the families not reached, and no projection; the document stages (PML
check .. validation) keep moving and stay in the day-by-day series.

Suppression (roles with `suppress_small_counts`):

* Forecast and final tables: target, visited, remaining (target = visited + remaining) and the visits
  behind the pace go through `privacy.protect`; percent and gap hide with target or visited, the
  rate needed with remaining, the pace with its visits, the projected finish with either.
* Day-by-day series. Each cumulative series (visited and each document stage) is shown only at
  "anchor" days: walking from the first day, a day is an anchor when the series grew by 0 or by at
  least SMALL_COUNT since the previous anchor (the start counts as an anchor at 0). The last value
  is the area's total, shown elsewhere, so while the stretch from the last anchor to it is 1 to
  SMALL_COUNT - 1, that anchor is dropped; then the last value is shown unless it is itself small.
  The daily visits of a day are shown only when that day and the day before are both anchors (for
  the first day: when it is an anchor); the percent visited only where the cumulative value is.
  So every shown daily value equals the difference of two shown neighbouring cumulative values,
  every difference of two shown cumulative values is 0 or at least SMALL_COUNT, and a hidden daily
  value always lies in a stretch of two or more hidden days whose total is at least SMALL_COUNT:
  no shown figure, nor difference of shown figures, gives one back. The plan line depends on
  dates only.
* Snapshot comparison: then + change = now is a row relation for `protect`, with the percents as
  rates; the two snapshots are ordered earlier -> later so that the change is never negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from regsosek import access, db, facts, phase, privacy, settings, warehouse

STAGES = ("pml_checked", "received", "entered", "validated")
DAY_COLUMNS = ("day", "visits", "visited", "percent_visited", "plan_percent", *STAGES)
FORECAST_COLUMNS = ("area_code", "area_name", "target", "visited", "percent_visited", "plan_percent",
                    "gap_to_plan", "remaining", "needed_per_day", "pace", "projected_finish", "at_risk")
FINAL_COLUMNS = ("area_code", "area_name", "target", "visited", "percent_visited", "remaining")
CHANGE_COLUMNS = ("area_code", "area_name", "target", "visited_then", "visited_now", "delta",
                  "percent_then", "percent_now")


@dataclass(frozen=True)
class ProgressView:
    timeline: phase.Timeline
    level: str  # the level of the forecast and comparison rows ("kab", or "kec" for one regency)
    area_options: dict[str, str]  # area code -> name: the areas whose series may be chosen
    area: str | None  # the chosen area; None: all of the user's regencies
    merges_small_days: bool  # small counts are hidden and days merged (the page says so)
    target: int | None  # the chosen area's target families (None: hidden)
    days: pd.DataFrame  # DAY_COLUMNS, one row per day from 15 Oct to the as-of date, suppressed
    plan_line: pd.DataFrame  # day, plan_percent: the straight-line plan up to the last field day
    forecast: pd.DataFrame  # FORECAST_COLUMNS during fieldwork, FINAL_COLUMNS after it; suppressed
    compare_options: dict[str, date]  # other published snapshots: id -> as-of date
    compare_id: str | None  # the snapshot compared with (None: no other snapshot)
    earlier_as_of: date | None
    later_as_of: date | None
    change: pd.DataFrame | None  # CHANGE_COLUMNS, earlier -> later, suppressed


def forecast_frame(scope: access.Scope, snapshot: warehouse.SnapshotInfo, timeline: phase.Timeline,
                   level: str) -> pd.DataFrame:
    """Per area at `level`: during fieldwork the plan, gap, rate needed, pace and projected finish;
    after it (visits final) the final coverage and what was not reached. Suppressed for the role.

    Carries `behind_plan`, `ahead_of_plan` and `done` besides the shown columns, for selections.
    """
    raw = db.cached_run("forecast_by_area", scope, snapshot.snapshot_id, level=level, parent=None,
                        pace_days=settings.PACE_WINDOW_DAYS)
    shown = privacy.protect(raw, ["target", "visited", "remaining", "visits_in_window"], scope,
                            sums={"target": ("visited", "remaining")},
                            rates={"percent_visited": ("target", "visited"), "gap_to_plan": ("target", "visited"),
                                   "needed_per_day": ("remaining",), "pace": ("visits_in_window",)})
    shown = _as_counts(shown, ["target", "visited", "remaining"])
    hidden_finish = shown["remaining"].isna() | shown["visits_in_window"].isna()
    shown["projected_finish"] = shown["projected_finish"].mask(hidden_finish)
    columns = FINAL_COLUMNS if timeline.visits_final else FORECAST_COLUMNS
    extra = ["behind_plan", "ahead_of_plan", "done"]
    return shown[[*columns, *extra]].reset_index(drop=True)


def cumulative(scope: access.Scope, snapshot: warehouse.SnapshotInfo, timeline: phase.Timeline,
               area: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Day by day for `area` (None: the user's whole scope): DAY_COLUMNS suppressed, the plan line
    (day, plan_percent) up to the last field day, and the target families (not suppressed)."""
    raw_days = db.cached_run("pipeline_by_day", scope, snapshot.snapshot_id, area_code=area)
    target = int(raw_days["target"].iloc[0]) if len(raw_days) else 0
    plan_line = raw_days.loc[raw_days["plan_percent"].notna(), ["day", "plan_percent"]]
    if not timeline.visits_final and timeline.phase is not phase.Phase.BEFORE:
        plan_line = pd.concat([plan_line, pd.DataFrame({"day": [facts.CAMPAIGN_END], "plan_percent": [100.0]})])
    return _protect_days(raw_days, scope), plan_line.reset_index(drop=True), target


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, area: str | None = None,
          compare: str | None = None) -> ProgressView:
    timeline = phase.timeline(snapshot.as_of)
    level = scope.area_level
    forecast = forecast_frame(scope, snapshot, timeline, level)
    area_options = dict(zip(forecast["area_code"], forecast["area_name"]))
    area = area if area in area_options else None

    days, plan_line, target = cumulative(scope, snapshot, timeline, area)

    others = {s.snapshot_id: s.as_of for s in warehouse.list_snapshots() if s.snapshot_id != snapshot.snapshot_id}
    compare_id = compare if compare in others else next(iter(others), None)
    change, earlier, later = None, None, None
    if compare_id is not None:
        other = warehouse.get(compare_id)
        change, earlier, later = _change(scope, snapshot, other, level)

    return ProgressView(
        timeline=timeline,
        level=level,
        area_options=area_options,
        area=area,
        merges_small_days=scope.spec.suppress_small_counts,
        target=privacy.protect_total(target, scope),
        days=days,
        plan_line=plan_line,
        forecast=forecast.drop(columns=["behind_plan", "ahead_of_plan", "done"]),
        compare_options=others,
        compare_id=compare_id,
        earlier_as_of=earlier,
        later_as_of=later,
        change=change,
    )


def shown_cumulative(values: pd.Series) -> list[bool]:
    """Which values of a non-decreasing cumulative series may be shown (see the module docstring)."""
    series = [int(v) for v in values]
    shown = [False] * len(series)
    anchors: list[int] = []
    base = 0
    for i, value in enumerate(series):
        if value == base or value - base >= settings.SMALL_COUNT:
            shown[i] = True
            anchors.append(i)
            base = value
    if series and not shown[-1]:
        final = series[-1]
        while anchors and 0 < final - series[anchors[-1]] < settings.SMALL_COUNT:
            shown[anchors.pop()] = False
        start = series[anchors[-1]] if anchors else 0
        shown[-1] = final == start or final - start >= settings.SMALL_COUNT
    return shown


def _protect_days(raw: pd.DataFrame, scope: access.Scope) -> pd.DataFrame:
    days = raw[list(DAY_COLUMNS)].copy()
    days["day"] = pd.to_datetime(days["day"]).dt.date
    for column in ("visits", "visited", *STAGES):
        days[column] = days[column].astype("Int64")
    if not scope.spec.suppress_small_counts or days.empty:
        return days.reset_index(drop=True)
    visited_shown = pd.Series(shown_cumulative(raw["visited"]), index=days.index)
    before_shown = visited_shown.shift(1, fill_value=True)
    days["visits"] = days["visits"].where(visited_shown & before_shown)
    days["visited"] = days["visited"].where(visited_shown)
    days["percent_visited"] = days["percent_visited"].where(visited_shown)
    for stage in STAGES:
        days[stage] = days[stage].where(pd.Series(shown_cumulative(raw[stage]), index=days.index))
    return days.reset_index(drop=True)


def _change(scope: access.Scope, snapshot: warehouse.SnapshotInfo, other: warehouse.SnapshotInfo,
            level: str) -> tuple[pd.DataFrame, date, date]:
    """Visited per area in the earlier and the later of the two snapshots, and the change."""
    earlier, later = sorted((snapshot, other), key=lambda s: (s.as_of, s.snapshot_id))
    parent = scope.kab_codes[0] if level == "kec" else None
    then = db.cached_run("coverage_by_area", scope, earlier.snapshot_id, level=level, parent=parent)
    raw = db.cached_run("snapshot_change_by_area", scope, later.snapshot_id, level=level, parent=parent,
                        then_codes=list(then["area_code"]), then_visited=[int(v) for v in then["visited"]])
    shown = privacy.protect(raw, ["target", "visited_then", "visited_now", "delta"], scope,
                            sums={"visited_now": ("visited_then", "delta")},
                            rates={"percent_then": ("target", "visited_then"),
                                   "percent_now": ("target", "visited_now")})
    shown = _as_counts(shown, ["target", "visited_then", "visited_now", "delta"])
    return shown[list(CHANGE_COLUMNS)].reset_index(drop=True), earlier.as_of, later.as_of


def _as_counts(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Count columns as nullable integers for every role (hidden ones are already <NA>)."""
    return frame.astype({column: "Int64" for column in columns})
