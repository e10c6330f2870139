"""Petugas (officers): PPL productivity, inactive and overloaded PPL, PML backlog.

Officer rows are open only to roles that see officers by name (the role table gives the page
to no role that suppresses small counts), so the lists are drawn as they are.

The productivity list holds every PPL who has visited (53 thousand over the province) and the PML
backlog list every PML with work waiting (13 thousand): the view holds one page of each
(settings.LIST_PAGE_SIZE rows, `paging`), and the figures above them (how many, the median, the
histogram, the families waiting) come from SQL over the whole list in scope, never from the page.

Files are never built while the page draws: `list_file` gives an `export.Pending` whose CSV is made
only when the user clicks, and `export.Delivery` audits it before the bytes leave the server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from regsosek import access, db, export, paging, phase, settings, warehouse

PRODUCTIVITY_COLUMNS = ("kab_code", "kec_code", "ppl_id", "nama", "pml_id", "target", "visited", "days_worked",
                        "visits_per_day")
INACTIVE_COLUMNS = ("kab_code", "kec_code", "ppl_id", "nama", "pml_id", "target", "visited", "remaining",
                    "last_visit", "days_since_last_visit", "tgl_berhenti", "dropped_out")
OVERLOADED_COLUMNS = ("kab_code", "kec_code", "ppl_id", "nama", "pml_id", "sls", "target", "visited",
                      "median_target", "load_ratio")
BACKLOG_COLUMNS = ("kab_code", "kec_code", "pml_id", "nama", "ppl", "visited", "checked", "backlog",
                   "backlog_over_days", "oldest_unchecked_visit")
LIST_QUERIES = {"officer_productivity": PRODUCTIVITY_COLUMNS, "inactive_officers": INACTIVE_COLUMNS,
                "overloaded_ppl": OVERLOADED_COLUMNS, "pml_backlog_list": BACKLOG_COLUMNS}


@dataclass(frozen=True)
class OfficersView:
    timeline: phase.Timeline
    kab: str | None  # the regency narrowed to; None: all the user's regencies
    idle_days: int
    overload_ratio: float
    backlog_days: int  # the wait the snapshot's backlog counts were published with
    ppl_visited: int  # PPL with at least one visit
    median_visits_per_day: float | None  # median over those PPL of families visited per day with visits
    histogram: pd.DataFrame  # bin_start, bin_end, ppl: every PPL with visits by visits_per_day, [start, end)
    bin_width: float
    productivity_page: paging.Page  # which page of the productivity list `productivity` holds
    backlog_page: paging.Page  # which page of the PML backlog list `backlog` holds
    inactive_count: int
    inactive_dropped_out: int  # of the inactive PPL, those who dropped out
    overloaded_count: int
    backlog_families: int  # visited families not yet checked by the PML
    backlog_over_days: int  # of those, visited more than backlog_days days before the snapshot date
    oldest_unchecked_visit: date | None
    productivity: pd.DataFrame  # PRODUCTIVITY_COLUMNS, one page of the PPL with visits
    inactive: pd.DataFrame  # INACTIVE_COLUMNS
    overloaded: pd.DataFrame  # OVERLOADED_COLUMNS
    backlog: pd.DataFrame  # BACKLOG_COLUMNS, one page of the PML with a backlog, most waiting first


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          productivity_page: object = 1, backlog_page: object = 1) -> OfficersView:
    """`productivity_page`, `backlog_page`: the page of each long list asked for (URL text; junk or out of
    range clamps). The inactive and overloaded PPL lists are short (hundreds over the province) and whole."""
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    sid = snapshot.snapshot_id
    summary = db.cached_run("officer_productivity_summary", scope, sid, kab=kab,
                            bin_width=settings.PRODUCTIVITY_BIN_WIDTH)
    ppl_visited = int(summary["ppl_visited"].iloc[0])
    median = summary["median_visits_per_day"].iloc[0]
    page = paging.page(productivity_page, ppl_visited)
    productivity = db.cached_run("officer_productivity", scope, sid, kab=kab, row_limit=page.limit,
                                 row_offset=page.offset, numbered=numbered(scope, kab))
    inactive = db.cached_run("inactive_officers", scope, sid, kab=kab, idle_days=settings.IDLE_DAYS)
    overloaded = db.cached_run("overloaded_ppl", scope, sid, kab=kab, ratio=settings.OVERLOAD_RATIO)
    waiting = db.cached_run("pml_backlog_summary", scope, sid, kab=kab).iloc[0]
    pml_page = paging.page(backlog_page, int(waiting["pml"]))
    backlog = db.cached_run("pml_backlog_list", scope, sid, kab=kab, row_limit=pml_page.limit,
                            row_offset=pml_page.offset)
    oldest = waiting["oldest_unchecked_visit"]
    return OfficersView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        idle_days=settings.IDLE_DAYS,
        overload_ratio=settings.OVERLOAD_RATIO,
        backlog_days=settings.BACKLOG_DAYS if pd.isna(waiting["backlog_days"]) else int(waiting["backlog_days"]),
        ppl_visited=ppl_visited,
        median_visits_per_day=None if pd.isna(median) else float(median),
        histogram=histogram(summary),
        bin_width=settings.PRODUCTIVITY_BIN_WIDTH,
        productivity_page=page,
        backlog_page=pml_page,
        inactive_count=len(inactive),
        inactive_dropped_out=int(inactive["dropped_out"].sum()),
        overloaded_count=len(overloaded),
        backlog_families=int(waiting["backlog"]),
        backlog_over_days=int(waiting["backlog_over_days"]),
        oldest_unchecked_visit=None if pd.isna(oldest) else oldest,
        productivity=productivity[list(PRODUCTIVITY_COLUMNS)].reset_index(drop=True),
        inactive=inactive[list(INACTIVE_COLUMNS)].reset_index(drop=True),
        overloaded=overloaded[list(OVERLOADED_COLUMNS)].reset_index(drop=True),
        backlog=backlog[list(BACKLOG_COLUMNS)].reset_index(drop=True),
    )


def histogram(summary: pd.DataFrame) -> pd.DataFrame:
    """The bins of officer_productivity_summary, each with its end (the next bin's start, empty or not)."""
    bins = summary.loc[summary["bin_start"].notna(), ["bin_start", "ppl"]].reset_index(drop=True)
    return bins.assign(bin_end=bins["bin_start"] + settings.PRODUCTIVITY_BIN_WIDTH)[["bin_start", "bin_end", "ppl"]]


def numbered(scope: access.Scope, kab: str | None) -> str | None:
    """Which list numbers of the ppl_productivity mart pick a page of the rows in view: one regency's,
    the province's (every regency in view), or none (sorted instead)."""
    if kab is not None or len(scope.kab_codes) == 1:
        return "kab"
    return "province" if scope.is_province_wide else None


def whole_list(scope: access.Scope, snapshot: warehouse.SnapshotInfo, name: str,
               kab: str | None) -> pd.DataFrame:
    """Every row of one officer list (LIST_QUERIES) in scope, in the list's order: what its file holds."""
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    params: dict[str, object] = {"kab": kab}
    if name in ("officer_productivity", "pml_backlog_list"):
        params |= {"row_limit": None, "row_offset": 0}
    if name == "officer_productivity":
        params["numbered"] = None
    elif name == "inactive_officers":
        params["idle_days"] = settings.IDLE_DAYS
    elif name == "overloaded_ppl":
        params["ratio"] = settings.OVERLOAD_RATIO
    return db.run(name, scope, snapshot.snapshot_id, **params)[list(LIST_QUERIES[name])]


def list_file(scope: access.Scope, snapshot: warehouse.SnapshotInfo, view: OfficersView, name: str,
              labels: Mapping[str, str],
              prepare: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame) -> export.Pending:
    """One officer list, whole, as a CSV built on the click (the query runs then, not while the page draws).

    `labels` names (and orders) the columns written; `prepare` readies the rows for reading (area names).
    """
    header = export.header_for(scope, snapshot.as_of.isoformat(), snapshot.snapshot_id,
                               export.describe(list_details(view, name)), "")

    def build_file() -> export.Download:
        rows = prepare(whole_list(scope, snapshot, name, view.kab))
        return export.build(rows[list(labels)].rename(columns=dict(labels)), header, "csv", name, row_cap=None)

    return export.Pending(build=build_file, file_name=export.file_name(name, header.as_of, "csv"),
                          mime=export.MIME["csv"])


def list_details(view: OfficersView, name: str) -> dict[str, object]:
    """What the audit record and the file header say about one officer list."""
    return {"list": name, "kab": view.kab}
