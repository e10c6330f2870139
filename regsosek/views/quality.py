"""Kualitas data (data quality): cases and families per check, and the cases of one check.

Open only to roles that see family rows by name (the role table gives the page to no role that
suppresses small counts). NIKs are shown masked.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, phase, privacy, validate, warehouse

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
    findings: pd.DataFrame  # FINDING_COLUMNS[kind]; NIKs masked
    thresholds: Thresholds


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          kind: str | None = None) -> QualityView:
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    kind = kind if kind in LISTABLE else LISTABLE[0]
    sid = snapshot.snapshot_id
    summary = db.cached_run("quality_summary", scope, sid, kab=kab)
    findings = db.cached_run("quality_findings_list", scope, sid, kab=kab, kind=kind)
    if kind == "nik_multi_family":
        findings = findings.assign(detail=findings["detail"].map(privacy.mask_nik))
    return QualityView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        summary=summary[list(SUMMARY_COLUMNS)].reset_index(drop=True),
        kind=kind,
        findings=findings[list(FINDING_COLUMNS[kind])].reset_index(drop=True),
        thresholds=THRESHOLDS,
    )
