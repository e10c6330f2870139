"""Peta (map): coverage per kecamatan of the user's regencies, or per desa of one regency."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, maps, phase, privacy, warehouse

TABLE_COLUMNS = ("area_name", "target", "visited", "percent_visited")
COUNTS = ("target", "visited")


@dataclass(frozen=True)
class MapView:
    timeline: phase.Timeline
    kab: str | None  # the regency whose desa are drawn; None: kecamatan of all the user's regencies
    level: str  # "kec" or "desa"
    areas: pd.DataFrame  # TABLE_COLUMNS, suppressed: a hidden count is <NA>, its percent NaN
    layer: pd.DataFrame  # maps.LAYER_COLUMNS: what the map sends to the browser
    camera: maps.Camera
    has_grey_points: bool  # some point has no shown percent (hidden or no target): the legend explains grey


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None) -> MapView:
    """Target, visited and percent visited per area, suppressed for roles that suppress small counts.

    Counts and percents are protected together: a percent is hidden with either of its counts, and
    a column never holds exactly one hidden cell (the column sums are shown as the parent's totals).
    """
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None:
        raw = db.cached_run("coverage_map_kecamatan", scope, snapshot.snapshot_id)
    else:
        raw = db.cached_run("coverage_map_desa", scope, snapshot.snapshot_id, kab=kab)
    shown = privacy.protect(raw, list(COUNTS), scope, rates={"percent_visited": COUNTS})
    if not scope.spec.suppress_small_counts:
        shown = shown.astype({c: "Int64" for c in COUNTS})
    layer = maps.coverage_layer_frame(shown)
    return MapView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        level="kec" if kab is None else "desa",
        areas=shown[list(TABLE_COLUMNS)].reset_index(drop=True),
        layer=layer,
        camera=maps.PROVINCE if kab is None else maps.camera_for(shown),
        has_grey_points=bool(shown["percent_visited"].isna().any()),
    )
