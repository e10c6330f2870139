"""Kualitas data (data quality): cases and families per check, and the cases of one check.

Open only to roles that see family rows by name (the role table gives the page to no role that
suppresses small counts). NIKs are shown masked.

A check can find tens of thousands of cases over the province: the view holds one page of the list
(settings.LIST_PAGE_SIZE rows, `paging`); the whole list is read only for its file, built on the click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, export, paging, phase, privacy, validate, warehouse

KINDS = ("nik_multi_family", "far_geotag", "odd_hour", "big_household", "stage_order", "ppl_day_overload")
# stage_order is always 0 for a published snapshot (ingest refuses one with stage dates out of order).
LISTABLE = tuple(kind for kind in KINDS if kind != "stage_order")
SUMMARY_COLUMNS = ("kind", "cases", "families")
_PLACE = ("case_no", "kab_code", "kec_code")
# The columns a check's list draws: what identifies a case and what it found (value / detail).
FINDING_COLUMNS = {
    "nik_multi_family": (*_PLACE, "desa_code", "keluarga_id", "ppl_id", "day", "value", "detail"),
    "far_geotag": (*_PLACE, "desa_code", "keluarga_id", "ppl_id", "day", "value"),
    "odd_hour": (*_PLACE, "desa_code", "keluarga_id", "ppl_id", "day", "detail"),
    "big_household": (*_PLACE, "desa_code", "keluarga_id", "ppl_id", "day", "value"),
    "ppl_day_overload": (*_PLACE, "ppl_id", "day", "value", "detail"),
}


@dataclass(frozen=True)
class Thresholds:
    far_km: float
    hours: tuple[str, str]  # plausible visit hours, "HH:MM"
    big_household: int
    ppl_day_max: int


THRESHOLDS = Thresholds(far_km=validate.FAR_GEOTAG_KM,
                        hours=(validate.VISIT_HOURS[0][:5], validate.VISIT_HOURS[1][:5]),
                        big_household=validate.BIG_HOUSEHOLD, ppl_day_max=validate.PPL_VISITS_PER_DAY_MAX)


@dataclass(frozen=True)
class QualityView:
    timeline: phase.Timeline
    kab: str | None
    summary: pd.DataFrame  # SUMMARY_COLUMNS, one row per check in KINDS order
    kind: str  # the check whose cases are listed
    page: paging.Page  # which page of the check's list `findings` holds
    findings: pd.DataFrame  # FINDING_COLUMNS[kind], one page; NIKs masked
    thresholds: Thresholds


def _listed(kab: str | None, kind: str | None, scope: access.Scope) -> tuple[str | None, str]:
    """The regency (one of the scope's, else all of them: None) and the listable check a request means."""
    return (kab if kab is not None and scope.may_see_kab(kab) else None), (kind if kind in LISTABLE else LISTABLE[0])


def _shown(findings: pd.DataFrame, kind: str) -> pd.DataFrame:
    if kind == "nik_multi_family":
        findings = findings.assign(detail=findings["detail"].map(privacy.mask_nik))
    return findings[list(FINDING_COLUMNS[kind])].reset_index(drop=True)


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          kind: str | None = None, page: object = 1) -> QualityView:
    """`page`: the page of the check's list asked for (URL text; junk or out of range clamps)."""
    kab, kind = _listed(kab, kind, scope)
    sid = snapshot.snapshot_id
    summary = db.cached_run("quality_summary", scope, sid, kab=kab)
    rows = list_rows(scope, snapshot, summary, kab, kind)
    shown_page = paging.page(page, rows)
    findings = db.cached_run("quality_findings_list", scope, sid, kab=kab, kind=kind, row_limit=shown_page.limit,
                             row_offset=shown_page.offset)
    return QualityView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        summary=summary[list(SUMMARY_COLUMNS)].reset_index(drop=True),
        kind=kind,
        page=shown_page,
        findings=_shown(findings, kind),
        thresholds=THRESHOLDS,
    )


def list_rows(scope: access.Scope, snapshot: warehouse.SnapshotInfo, summary: pd.DataFrame, kab: str | None,
              kind: str) -> int:
    """The rows of a check's list: its cases (from the summary the page shows anyway) for a check with one row
    per case; for the shared NIK, whose cases have a row per family, counted by quality_findings_count."""
    if kind != "nik_multi_family":
        return int(summary.set_index("kind").at[kind, "cases"])
    return int(db.cached_run("quality_findings_count", scope, snapshot.snapshot_id, kab=kab, kind=kind)["rows"].iloc[0])


def all_findings(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
                 kind: str | None = None) -> pd.DataFrame:
    """Every case of one check in scope (or in `kab`), numbered and ordered as the list pages them; NIKs masked."""
    kab, kind = _listed(kab, kind, scope)
    findings = db.run("quality_findings_list", scope, snapshot.snapshot_id, kab=kab, kind=kind, row_limit=None,
                      row_offset=0)
    return _shown(findings, kind)


def findings_file(scope: access.Scope, snapshot: warehouse.SnapshotInfo, view: QualityView,
                  labels: Mapping[str, str], *, lang: str, shown_filters: str,
                  prepare: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame) -> export.Pending:
    """The check's whole list as a CSV, built on the click (the query runs then, not while the page draws).

    `labels` names (and orders) the columns written; `prepare` readies the rows for reading (area names).
    """
    header = export.header_for(scope, snapshot.as_of.isoformat(), snapshot.snapshot_id,
                               export.describe(file_details(view)), "", lang=lang, shown_filters=shown_filters)
    stem = f"quality_{view.kind}"

    def build_file() -> export.Download:
        rows = prepare(all_findings(scope, snapshot, kab=view.kab, kind=view.kind))
        return export.build(rows[list(labels)].rename(columns=dict(labels)), header, "csv", stem, row_cap=None)

    return export.Pending(build=build_file, file_name=export.file_name(stem, header.as_of, "csv"),
                          mime=export.MIME["csv"])


def file_details(view: QualityView) -> dict[str, object]:
    """What the audit record and the file header say about the list's file."""
    return {"kind": view.kind, "kab": view.kab}
