"""Peta kondisi (condition map) and Profil wilayah (area profile).

The map: one indicator (regsosek.indicators) by regency, kecamatan or desa, suppressed for roles that
suppress small counts, with the approximate areas, regency names and a legend fitted to the shares.
The profile of the scope, a regency or a kecamatan: each indicator against the average of the level
above (the user's regencies or the regency) with its rank among its sibling areas, the poverty
pockets (desa with the highest share in desil 1-2 among those with at least
settings.POCKET_MIN_FAMILIES scored families), and the empowerment candidates per area with the
target-list filter that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from regsosek import access, export, indicators, maps, phase, privacy, reference, settings, warehouse

AREA_COLUMNS = ("area_name", "numerator", "denominator", "share")
AREA_COUNTS = ("numerator", "denominator")
PROFILE_COLUMNS = ("indicator", "share", "average", "rank", "areas_ranked")
POCKET_COLUMNS = ("area_name", "kec_name", "scored", "poorest", "share")
POCKET_COUNTS = ("scored", "poorest")
EMPOWERMENT_COLUMNS = ("area_name", "families", "empowerment")
EMPOWERMENT_COUNTS = ("families", "empowerment")
POCKET_INDICATOR = "desil_1_2"


@dataclass(frozen=True)
class ConditionsView:
    timeline: phase.Timeline
    indicator: str  # an indicators.CODES entry
    level: str  # "kab", "kec" or "desa"
    kab: str | None  # the regency whose kecamatan or desa are drawn; None: the whole scope
    levels: tuple[str, ...]  # the levels that may be chosen with this regency choice
    areas: pd.DataFrame  # AREA_COLUMNS (+ area_code), suppressed: hidden counts <NA>, hidden shares NaN
    average: float | None  # the indicator over the whole selection; None when hidden or without families
    bands: tuple[float, ...]  # lower bounds of the legend's five colours (percent)
    layer: pd.DataFrame  # maps.INDICATOR_LAYER_COLUMNS, or maps.INDICATOR_POINT_COLUMNS at "desa" level
    boundaries: pd.DataFrame  # maps.BOUNDARY_COLUMNS: the regencies drawn
    labels: pd.DataFrame  # maps.LABEL_COLUMNS: their names
    camera: maps.Camera
    has_grey_areas: bool  # some area's share is hidden or has no denominator: the legend explains grey


@dataclass(frozen=True)
class ProfileView:
    timeline: phase.Timeline
    area: str | None  # a regency or kecamatan code; None: the user's whole scope
    area_name: str | None  # None for the whole scope (the page names it)
    level: str  # the profiled area's level: "province" (the scope), "kab" or "kec"
    average_of: str  # what the averages are over: "scope" (the user's regencies), "province" or "kab"
    families: int | None  # interviewed families in the area; None when hidden
    indicators: pd.DataFrame  # PROFILE_COLUMNS: share of the area, average of the level above, rank / areas ranked
    pockets: pd.DataFrame  # POCKET_COLUMNS: desa with the highest shown share of desil 1-2, at most RANKED_AREAS
    pocket_min_families: int
    empowerment: pd.DataFrame  # EMPOWERMENT_COLUMNS per area one level down, suppressed
    empowerment_total: int | None  # candidates in the whole area; None when hidden
    target_link: dict[str, object] | None  # URL parameters of the target list with the matching filter
    terms_needed: bool  # the role must accept the data-use terms (on the target lists) before downloading a brief


def _levels(kab: str | None) -> tuple[str, ...]:
    return ("kec", "desa") if kab else ("kab", "kec")


def level_options(scope: access.Scope, kab: str | None) -> tuple[str, ...]:
    """The levels the map may show for a regency choice (a one-regency user always has its regency)."""
    return _levels(kab if kab and scope.may_see_kab(kab) else (scope.kab_codes[0] if len(scope.kab_codes) == 1
                                                                 else None))


def area_options(scope: access.Scope) -> dict[str, str]:
    """The areas a profile may be asked for, code -> name: the user's regencies, then their kecamatan."""
    names = reference.kab_names()
    kec = reference.kecamatan()
    kec = kec[kec["kab_code"].isin(scope.kab_codes)]
    kecamatan = {code: f"{name} ({names[kab]})"
                 for code, name, kab in zip(kec["kec_code"], kec["nama"], kec["kab_code"])}
    return {**{code: names[code] for code in scope.kab_codes}, **kecamatan}


def _points(areas: pd.DataFrame) -> pd.DataFrame:
    points = reference.desa().set_index("desa_code")[["lat", "lon"]]
    return areas.join(points, on="area_code")


def _regency_shapes(scope: access.Scope, kab: str | None) -> pd.DataFrame:
    shapes = reference.area_shapes("kab")
    return shapes[shapes["code"].isin([kab] if kab else scope.kab_codes)]


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, indicator: str | None = None,
          level: str | None = None, kab: str | None = None, lang: str = "id") -> ConditionsView:
    """The chosen indicator per area, suppressed, with what the map draws."""
    ind = indicators.BY_CODE.get(indicator or "", indicators.INDICATORS[0])
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None and len(scope.kab_codes) == 1:
        kab = scope.kab_codes[0]
    levels = _levels(kab)
    level = level if level in levels else levels[0]
    counts = indicators.counts_by_area(scope, snapshot, level, kab)
    total = counts[counts["area_code"].isna()]
    shown = indicators.shown_by_area(scope, snapshot, level, kab, (ind,))
    areas = pd.DataFrame({
        "area_code": shown["area_code"].astype("string"),
        "area_name": shown["area_name"].astype("string"),
        "numerator": shown[ind.numerator],
        "denominator": shown[ind.denominator],
        "share": shown[ind.share].astype("float64"),
    })
    average = (_regency_shares(scope, snapshot, kab)[ind.code] if kab
               else indicators.protect_total(total.iloc[0] if len(total) else None, scope)[ind.code])
    bands = maps.share_bands(areas["share"].max())
    drawn = _points(areas) if level == "desa" else areas
    shapes = _regency_shapes(scope, kab)
    camera = maps.PROVINCE if scope.is_province_wide and kab is None else maps.fit_camera(maps.shapes_bounds(shapes))
    return ConditionsView(
        timeline=phase.timeline(snapshot.as_of),
        indicator=ind.code,
        level=level,
        kab=kab,
        levels=levels,
        areas=areas,
        average=average,
        bands=bands,
        layer=maps.indicator_layer_frame(drawn, level, bands, lang),
        boundaries=maps.boundary_frame(shapes),
        labels=maps.label_frame(shapes),
        camera=camera,
        has_grey_areas=bool(areas["share"].isna().any()),
    )


def _regency_shares(scope: access.Scope, snapshot: warehouse.SnapshotInfo, kab: str) -> dict[str, float | None]:
    """A regency's shares as the regency map shows them (None where hidden): the average its areas are
    compared with, so no share is shown here that the regency map hides (share x a shown count)."""
    row = indicators.shown_by_area(scope, snapshot, "kab", kab)
    return {ind.code: None if row.empty or pd.isna(row[ind.share].iloc[0]) else float(row[ind.share].iloc[0])
            for ind in indicators.INDICATORS}


def _area_of(scope: access.Scope, area: str | None) -> tuple[str, str | None, str | None]:
    """(level, regency, kecamatan) of a profile request, within the scope; anything else is the scope."""
    if area and len(area) == 4 and scope.may_see_kab(area):
        return "kab", area, None
    if area and len(area) == 6 and scope.may_see_kab(area[:4]):
        kec = reference.kecamatan()
        if area in set(kec["kec_code"]):
            return "kec", area[:4], area
    return "province", None, None


def _profile_rows(siblings: pd.DataFrame, area: str | None, averages: dict[str, float | None],
                  own: dict[str, float | None] | None) -> pd.DataFrame:
    rows = []
    for ind in indicators.INDICATORS:
        if area is None:
            share, rank, ranked = own[ind.code] if own else None, pd.NA, pd.NA
        else:
            ranks = indicators.rank_worst_first(siblings[ind.share], ind)
            mine = siblings["area_code"] == area
            share = siblings.loc[mine, ind.share].iloc[0] if mine.any() else None
            share = None if share is None or pd.isna(share) else float(share)
            rank = ranks[mine].iloc[0] if mine.any() and share is not None else pd.NA
            ranked = int(ranks.notna().sum())
        rows.append({"indicator": ind.code, "share": share, "average": averages[ind.code],
                     "rank": rank, "areas_ranked": ranked})
    out = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    return out.astype({"share": "float64", "average": "float64", "rank": "Int64", "areas_ranked": "Int64"})


def _pockets(desa: pd.DataFrame, kec: str | None, min_families: int) -> pd.DataFrame:
    """Desa with enough scored families, highest shown share of desil 1-2 first (hidden shares never placed)."""
    share = indicators.BY_CODE[POCKET_INDICATOR].share
    rows = desa if kec is None else desa[desa["parent_code"] == kec]
    rows = rows[rows["scored"].notna() & (rows["scored"] >= min_families) & rows[share].notna()]
    rows = rows.sort_values([share, "area_name"], ascending=[False, True]).head(settings.RANKED_AREAS)
    kec_names = reference.kecamatan().set_index("kec_code")["nama"]
    return pd.DataFrame({
        "area_name": rows["area_name"].astype("string").to_numpy(),
        "kec_name": [kec_names.get(code) for code in rows["parent_code"]],
        "scored": rows["scored"].astype("Int64").to_numpy(),
        "poorest": rows["poorest"].astype("Int64").to_numpy(),
        "share": rows[share].astype("float64").to_numpy(),
    }, columns=list(POCKET_COLUMNS)).astype({"scored": "Int64", "poorest": "Int64"})


def target_link(scope: access.Scope, kab: str | None, kec: str | None) -> dict[str, object] | None:
    """The target list's URL parameters for the empowerment candidates of an area (None when the
    role has no target list)."""
    if not access.may_open(scope.role, access.TARGETS):
        return None
    return replace(indicators.EMPOWERMENT_FILTER, kab=(kab,) if kab else (), kec=kec).url_params()


def _empowerment(scope: access.Scope, snapshot: warehouse.SnapshotInfo, level: str, kab: str | None,
                 kec: str | None, total: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
    """Candidates per area one level down within the profiled area, and in the whole area, each as shown
    at its own level (`indicators.shown_by_area`: the parts of a shown whole never give a hidden one back)."""
    extra = EMPOWERMENT_COUNTS
    if level == "province":
        parts = indicators.shown_by_area(scope, snapshot, "kab", None, (), extra)
        pool = privacy.protect_total(total[indicators.EMPOWERMENT].iloc[0] if len(total) else None, scope)
        return parts[list(EMPOWERMENT_COLUMNS)], pool
    if level == "kab":
        parts = indicators.shown_by_area(scope, snapshot, "kec", kab, (), extra)
        whole = indicators.shown_by_area(scope, snapshot, "kab", kab, (), extra)
    else:
        parts = indicators.shown_by_area(scope, snapshot, "desa", kab, (), extra)
        parts = parts[parts["parent_code"] == kec]
        whole = indicators.shown_by_area(scope, snapshot, "kec", kab, (), extra)
        whole = whole[whole["area_code"] == kec]
    value = whole[indicators.EMPOWERMENT].iloc[0] if len(whole) else None
    pool = None if value is None or pd.isna(value) else int(value)
    return parts[list(EMPOWERMENT_COLUMNS)].reset_index(drop=True), pool


def build_profile(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, area: str | None = None) -> ProfileView:
    """Every indicator of one area against the level above, its poverty pockets and empowerment pool."""
    level, kab, kec = _area_of(scope, area)
    code = kec or kab
    sibling_level = {"province": "kab", "kab": "kab", "kec": "kec"}[level]
    siblings_raw = indicators.counts_by_area(scope, snapshot, sibling_level, kab if level == "kec" else None)
    siblings = indicators.shown_by_area(scope, snapshot, sibling_level, kab if level == "kec" else None)
    total = siblings_raw[siblings_raw["area_code"].isna()]
    averages = (_regency_shares(scope, snapshot, kab) if level == "kec"
                else indicators.protect_total(total.iloc[0] if len(total) else None, scope))
    table = _profile_rows(siblings, code, averages, averages if code is None else None)
    if code is None:
        families = privacy.protect_total(total["families"].iloc[0] if len(total) else None, scope)
    else:
        mine = siblings.loc[siblings["area_code"] == code, "families"]
        families = None if mine.empty or pd.isna(mine.iloc[0]) else int(mine.iloc[0])
    if level == "province":
        table["average"] = float("nan")

    desa = indicators.shown_by_area(scope, snapshot, "desa", kab, (indicators.BY_CODE[POCKET_INDICATOR],))
    min_families = max(settings.POCKET_MIN_FAMILIES, settings.SMALL_COUNT if scope.spec.suppress_small_counts else 0)
    empowerment, pool = _empowerment(scope, snapshot, level, kab, kec, total)
    names = {**reference.kab_names(), **dict(zip(reference.kecamatan()["kec_code"], reference.kecamatan()["nama"]))}
    return ProfileView(
        timeline=phase.timeline(snapshot.as_of),
        area=code,
        area_name=names.get(code) if code else None,
        level=level,
        average_of="kab" if level == "kec" else ("province" if scope.is_province_wide else "scope"),
        families=families,
        indicators=table,
        pockets=_pockets(desa, kec, min_families),
        pocket_min_families=min_families,
        empowerment=empowerment,
        empowerment_total=pool,
        target_link=target_link(scope, kab, kec),
        terms_needed=scope.spec.must_accept_terms and not export.terms_accepted(scope.username),
    )
