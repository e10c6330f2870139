"""Cakupan (coverage): drill-down province -> kab/kota -> kecamatan -> desa (-> SLS), with the
outcomes of the visits, the areas that need a look, and the officers against their workload.

The area chosen in the URL is checked here: a regency outside the user's scope is refused (and
said so), a kecamatan or desa must belong to the area above it. SLS rows only for roles with
`sees_sls_rows`. Frames hold only the columns drawn.

Suppression (roles with `suppress_small_counts`), always over every sibling area of the level
shown (a chosen desa is picked out afterwards, so its cells are hidden exactly as in the full list):
- coverage table: target, visited, the six outcomes (which sum to visited), PPL assigned and
  active; percent visited and families per PPL hide with their counts;
- the flags table reuses the coverage table's target and visited cells (so one area never shows
  in one table what the other hides); SLS counts are protected in their own right, and the
  departure from the population estimate hides with the target (estimate x departure = target);
- workforce table: officers by role (PPL = dropped out + working), active PPL, the workload and
  the workload still to visit (not shown; its rate per PPL is); rates hide with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, facts, phase, privacy, reference, settings, warehouse

OUTCOMES = facts.OUTCOMES
TABLE_COLUMNS = ("area_code", "area_name", "target", "visited", "percent_visited", *OUTCOMES,
                 "ppl_assigned", "ppl_active_last_day", "families_per_ppl")
TABLE_COUNTS = ("target", "visited", *OUTCOMES, "ppl_assigned", "ppl_active_last_day")
SLS_COLUMNS = ("sls_id", "rt", "rw", "ppl_id", "target", "visited", "percent_visited", *OUTCOMES)
FLAG_COLUMNS = ("area_code", "area_name", "target", "visited", "percent_visited", "sls", "sls_not_started",
                "over_target")
ESTIMATE_COLUMNS = ("estimate", "estimate_diff_percent", "departs_from_estimate")
WORKFORCE_COLUMNS = ("area_code", "area_name", "koseka", "pml", "ppl", "ppl_dropped_out", "ppl_working",
                     "ppl_active_last_day", "workload", "families_per_ppl", "remaining_per_ppl", "thin")
CHART_COLUMNS = ("area_code", "area_name", "percent_visited", "gap_to_plan")
WORKFORCE_COUNTS = ("koseka", "pml", "ppl", "ppl_dropped_out", "ppl_working", "ppl_active_last_day", "workload",
                    "workload_remaining")


@dataclass(frozen=True)
class CoverageView:
    timeline: phase.Timeline
    kab: str | None
    kab_name: str | None
    kec: str | None
    desa: str | None
    outside_scope: bool  # the URL asked for a regency the user may not see (its own area is shown)
    kab_options: dict[str, str]  # code -> name, only when the user has more than one regency
    kec_options: dict[str, str]  # of the chosen regency
    desa_options: dict[str, str]  # of the chosen kecamatan
    level: str  # level of the coverage rows: "kab", "kec" or "desa"
    table: pd.DataFrame  # TABLE_COLUMNS, suppressed
    sls: pd.DataFrame | None  # SLS_COLUMNS of the chosen desa; None when not asked or not allowed
    flags: pd.DataFrame  # FLAG_COLUMNS (+ ESTIMATE_COLUMNS at kab level), suppressed
    estimate_shown: bool  # the population estimate exists only per regency
    workforce_level: str  # "kab" or "kec"
    workforce: pd.DataFrame  # WORKFORCE_COLUMNS, suppressed; thin areas first
    plan_percent: float  # the straight-line plan on the as-of day (0 before fieldwork, 100 once it closed)
    chart: pd.DataFrame  # CHART_COLUMNS: areas of the table whose percent is shown, furthest behind plan first


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          kec: str | None = None, desa: str | None = None) -> CoverageView:
    def run(name: str, **params: object) -> pd.DataFrame:
        return db.cached_run(name, scope, snapshot.snapshot_id, **params)

    outside = kab is not None and not scope.may_see_kab(kab)
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None and len(scope.kab_codes) == 1:
        kab = scope.kab_codes[0]
    kab_rows = run("coverage_by_area", level="kab", parent=None)
    kec_rows = run("coverage_by_area", level="kec", parent=kab) if kab else None
    kec = kec if kec_rows is not None and kec in set(kec_rows["area_code"]) else None
    desa_rows = run("coverage_by_area", level="desa", parent=kec) if kec else None
    desa = desa if desa_rows is not None and desa in set(desa_rows["area_code"]) else None

    if kec is not None:
        level, parent, rows = "desa", kec, desa_rows
    elif kab is not None:
        level, parent, rows = "kec", kab, kec_rows
    else:
        level, parent, rows = "kab", None, kab_rows

    table = privacy.protect(rows, list(TABLE_COUNTS), scope, sums={"visited": OUTCOMES},
                            rates={"percent_visited": ("target", "visited"),
                                   "families_per_ppl": ("target", "ppl_assigned")})
    table = table.astype({c: "Int64" for c in TABLE_COUNTS})[list(TABLE_COLUMNS)]

    flags = _flags(run, scope, snapshot, table, level, parent)
    workforce_level = "kab" if kab is None else "kec"
    workforce = _workforce(run, scope, workforce_level, kab)
    if desa is not None:
        table = table[table["area_code"] == desa]
        flags = flags[flags["area_code"] == desa]
    if kec is not None:
        workforce = workforce[workforce["area_code"] == kec]

    sls = None
    if desa is not None and scope.spec.sees_sls_rows:
        sls_rows = run("coverage_sls", desa_code=desa)
        sls = privacy.protect(sls_rows, ["target", "visited", *OUTCOMES], scope, sums={"visited": OUTCOMES},
                              rates={"percent_visited": ("target", "visited")})
        sls = sls.astype({c: "Int64" for c in ("target", "visited", *OUTCOMES)})[list(SLS_COLUMNS)]

    timeline = phase.timeline(snapshot.as_of)
    plan = _plan_percent(run, timeline)
    chart = table[table["percent_visited"].notna()][["area_code", "area_name", "percent_visited"]]
    chart = chart.assign(gap_to_plan=chart["percent_visited"] - plan).sort_values(
        ["gap_to_plan", "area_code"], kind="stable")[list(CHART_COLUMNS)]

    def names(frame: pd.DataFrame | None) -> dict[str, str]:
        return {} if frame is None else dict(zip(frame["area_code"], frame["area_name"]))

    return CoverageView(
        timeline=timeline,
        kab=kab,
        kab_name=reference.kab_names().get(kab) if kab else None,
        kec=kec,
        desa=desa,
        outside_scope=outside,
        kab_options=names(kab_rows) if len(scope.kab_codes) > 1 else {},
        kec_options=names(kec_rows),
        desa_options=names(desa_rows),
        level=level,
        table=table.reset_index(drop=True),
        sls=None if sls is None else sls.reset_index(drop=True),
        flags=flags.reset_index(drop=True),
        estimate_shown=level == "kab",
        workforce_level=workforce_level,
        workforce=workforce.reset_index(drop=True),
        plan_percent=plan,
        chart=chart.reset_index(drop=True),
    )


def _plan_percent(run, timeline: phase.Timeline) -> float:
    """The plan on the as-of day, from the one plan definition (pipeline_by_day's plan_percent)."""
    if timeline.phase is phase.Phase.BEFORE:
        return 0.0
    if timeline.visits_final:
        return 100.0
    days = run("pipeline_by_day", area_code=None)
    today = days[pd.to_datetime(days["day"]).dt.date == timeline.last_field_day]
    return float(today["plan_percent"].iloc[0]) if len(today) else 0.0


def family_estimate(scale: float) -> pd.DataFrame:
    """Per regency: population / mean family size x the snapshot's scale (an independent check)."""
    regencies = reference.kabkota()
    families = regencies["penduduk"] / regencies["kab_code"].map(facts.mean_family_size) * scale
    return pd.DataFrame({"kab_code": regencies["kab_code"], "families": families.astype("float64")})


def _flags(run, scope: access.Scope, snapshot: warehouse.SnapshotInfo, table: pd.DataFrame, level: str,
           parent: str | None) -> pd.DataFrame:
    estimate = family_estimate(snapshot.scale)
    raw = run("coverage_flags", level=level, parent=parent, estimate_kab=list(estimate["kab_code"]),
              estimate_families=[float(v) for v in estimate["families"]],
              tolerance_percent=settings.ESTIMATE_TOLERANCE_PERCENT)
    shown_cells = table.set_index("area_code")[["target", "visited", "percent_visited"]]
    flags = raw.drop(columns=["target", "visited", "percent_visited"]).join(shown_cells, on="area_code")
    flags = privacy.protect(flags, ["sls", "sls_not_started"], scope)
    flags = flags.astype({c: "Int64" for c in ("target", "visited", "sls", "sls_not_started")})
    flags["estimate_diff_percent"] = flags["estimate_diff_percent"].mask(flags["target"].isna())
    columns = [*FLAG_COLUMNS, *(ESTIMATE_COLUMNS if level == "kab" else ())]
    return flags[columns]


def _workforce(run, scope: access.Scope, level: str, kab: str | None) -> pd.DataFrame:
    raw = run("workforce_by_area", level=level, parent=kab, families_per_ppl_max=settings.THIN_FAMILIES_PER_PPL)
    shown = privacy.protect(raw, list(WORKFORCE_COUNTS), scope, sums={"ppl": ("ppl_dropped_out", "ppl_working")},
                            rates={"families_per_ppl": ("workload", "ppl_working"),
                                   "remaining_per_ppl": ("workload_remaining", "ppl_working")})
    shown = shown.astype({c: "Int64" for c in WORKFORCE_COUNTS})
    return shown.sort_values(["thin", "area_code"], ascending=[False, True], kind="stable")[list(WORKFORCE_COLUMNS)]
