"""Peta (map): coverage per kecamatan of the user's regencies, or per desa of one regency.

Kecamatan are drawn as their approximate areas (reference.area_shapes) under the regency borders
with regency names; a regency's desa as points over its kecamatan, named.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, maps, phase, privacy, reference, warehouse

TABLE_COLUMNS = ("area_name", "target", "visited", "percent_visited")
COUNTS = ("target", "visited")


@dataclass(frozen=True)
class MapView:
    timeline: phase.Timeline
    kab: str | None  # the regency whose desa are drawn; None: kecamatan of all the user's regencies
    level: str  # "kec" or "desa"
    areas: pd.DataFrame  # TABLE_COLUMNS, suppressed: a hidden count is <NA>, its percent NaN
    layer: pd.DataFrame  # what the map sends: maps.LAYER_COLUMNS ("kec") or maps.POINT_LAYER_COLUMNS ("desa")
    boundaries: pd.DataFrame  # maps.BOUNDARY_COLUMNS: the scope's regencies ("kec"), the regency's kecamatan ("desa")
    labels: pd.DataFrame  # maps.LABEL_COLUMNS: the names of those boundaries' areas
    camera: maps.Camera  # fitted to the boundaries
    has_grey_areas: bool  # some area has no shown percent (hidden or no target): the legend explains grey


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None,
          lang: str = "id") -> MapView:
    """Target, visited and percent visited per area, suppressed for roles that suppress small counts.

    Counts and percents are protected together: a percent is hidden with either of its counts, and
    a column never holds exactly one hidden cell (the column sums are shown as the parent's totals).
    The map's tooltips are written for `lang`.
    """
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None:
        raw = db.cached_run("coverage_map_kecamatan", scope, snapshot.snapshot_id)
    else:
        raw = db.cached_run("coverage_map_desa", scope, snapshot.snapshot_id, kab=kab)
    shown = privacy.protect(raw, list(COUNTS), scope, rates={"percent_visited": COUNTS})
    if not scope.spec.suppress_small_counts:
        shown = shown.astype({c: "Int64" for c in COUNTS})
    level = "kec" if kab is None else "desa"
    if kab is None:
        shapes = reference.area_shapes("kab")
        shapes = shapes[shapes["code"].isin(scope.kab_codes)]
    else:
        shapes = reference.area_shapes("kec")
        shapes = shapes[shapes["kab_code"] == kab]
    return MapView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        level=level,
        areas=shown[list(TABLE_COLUMNS)].reset_index(drop=True),
        layer=maps.coverage_layer_frame(shown, level, lang),
        boundaries=maps.boundary_frame(shapes),
        labels=maps.label_frame(shapes),
        camera=maps.fit_camera(maps.shapes_bounds(shapes), radius_m=maps.DESA_RADIUS_M if kab else 0.0),
        has_grey_areas=bool(shown["percent_visited"].isna().any()),
    )
