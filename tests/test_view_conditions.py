"""Conditions view: the map's areas, average, layer and camera, and the area profile (shares, averages, ranks,
poverty pockets, empowerment candidates and the target list they link to), against pandas on the raw snapshot
at three phases; suppression where small counts exist."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from regsosek import access, db, formats, indicators, maps, reference, settings, targeting, warehouse
from regsosek.views import conditions
from tests.snapshots import AFTER, EARLY, MID, PHASES
from tests.test_indicators import family_flags

PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
GUBERNUR = access.scope_for("gubernur", "gubernur")
SAMPANG = "3527"
PARTNER = access.scope_for("csr_madura", "mitra_csr", ("3526", "3527", "3528", "3529"))
SMALL = settings.SMALL_COUNT


def snap(published, as_of: str):
    return warehouse.get(published.ids[as_of])


def grouped(flags: pd.DataFrame, key: str) -> pd.DataFrame:
    counts = [c for c in flags.columns if c not in ("kab", "kec", "desa")]
    return flags.groupby(key)[counts].sum()


def share(num: float, den: float) -> float | None:
    return 100.0 * num / den if den else None


def same(a: object, b: object) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA:
        return b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    return b is not None and not pd.isna(b) and abs(float(a) - float(b)) < 1e-9


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("code", "level", "kab"), [("firewood", "kab", None), ("desil_1_2", "kec", SAMPANG),
                                                    ("out_of_school", "desa", SAMPANG)])
def test_map_areas_and_average_match_pandas(published, as_of, code, level, kab):
    ind = indicators.BY_CODE[code]
    flags = family_flags(published, as_of)
    if kab:
        flags = flags[flags["kab"] == kab]
    want = grouped(flags, level)
    view = conditions.build(PROVINCE, snap(published, as_of), indicator=code, level=level, kab=kab, lang="en")
    assert (view.level, view.kab) == (level, kab)
    areas = view.areas.set_index("area_code")
    assert set(areas.index) == set(want.index)
    for area, row in want.iterrows():
        assert int(areas.at[area, "numerator"]) == int(row[ind.numerator])
        assert int(areas.at[area, "denominator"]) == int(row[ind.denominator])
        assert same(areas.at[area, "share"], share(row[ind.numerator], row[ind.denominator]))
    assert same(view.average, share(flags[ind.numerator].sum(), flags[ind.denominator].sum()))
    names = {**reference.kab_names(), **dict(zip(reference.kecamatan()["kec_code"], reference.kecamatan()["nama"])),
             **dict(zip(reference.desa()["desa_code"], reference.desa()["nama"]))}
    assert dict(zip(areas.index, areas["area_name"])) == {a: names[a] for a in want.index}
    # The layer's tooltips: each area's own share, in the chosen language.
    texts = {formats.percent(share(r[ind.numerator], r[ind.denominator]), "en") for _, r in want.iterrows()}
    assert set(view.layer["value"]) <= texts
    assert set(view.layer["name"]) <= {names[a] for a in want.index}


def test_province_camera_shows_every_island(published):
    view = conditions.build(GUBERNUR, snap(published, AFTER))
    assert view.camera == maps.PROVINCE
    # Bawean (north), Masalembu (far north), Kangean (far east) lie inside the fitted box.
    world = maps.TILE_PX * 2 ** view.camera.zoom
    half_lon = maps.FIT_WIDTH_PX / 2 / world * 360
    for lon, lat in ((112.65, -5.78), (114.43, -5.55), (115.45, -6.95)):
        assert abs(lon - view.camera.longitude) < half_lon
        y = maps._mercator_y(lat) - maps._mercator_y(view.camera.latitude)
        assert abs(y) / (2 * math.pi) * world < maps.MAP_HEIGHT_PX / 2
    assert len(set(view.labels["text"])) == 38


def test_legend_bands_hold_every_shown_share(published):
    view = conditions.build(PROVINCE, snap(published, MID), indicator="low_power", level="kec")
    shown = view.areas["share"].dropna()
    assert shown.max() < view.bands[-1] + 5 * (view.bands[1] - view.bands[0])
    assert len(view.bands) == len(maps.SEQUENTIAL)


@pytest.mark.parametrize("as_of", [EARLY, MID])
def test_map_hides_small_counts_and_their_shares(published, as_of):
    flags = family_flags(published, as_of)
    want = grouped(flags[flags["kab"] == SAMPANG], "desa")
    ind = indicators.BY_CODE["female_head"]
    assert want[ind.numerator].between(1, SMALL - 1).any(), "the data must hold counts of 1-9 here"
    view = conditions.build(GUBERNUR, snap(published, as_of), indicator=ind.code, level="desa", kab=SAMPANG)
    areas = view.areas.set_index("area_code")
    for area, row in want.iterrows():
        if 0 < row[ind.numerator] < SMALL or 0 < row[ind.denominator] < SMALL:
            assert pd.isna(areas.at[area, "share"])
        if 0 < row[ind.numerator] < SMALL:
            assert pd.isna(areas.at[area, "numerator"])
    assert areas["numerator"].isna().sum() != 1
    assert set(view.layer["value"][view.layer["value"] != "–"]) <= {
        formats.percent(v, "id") for v in areas["share"].dropna()}


@pytest.mark.parametrize("as_of", PHASES)
def test_regency_profile_against_the_province(published, as_of):
    flags = family_flags(published, as_of)
    by_kab = grouped(flags, "kab")
    whole = by_kab.sum()
    profile = conditions.build_profile(PROVINCE, snap(published, as_of), area=SAMPANG)
    assert (profile.level, profile.area_name, profile.average_of) == ("kab", "Kab. Sampang", "province")
    rows = profile.indicators.set_index("indicator")
    for ind in indicators.INDICATORS:
        shares = pd.Series({k: share(r[ind.numerator], r[ind.denominator]) for k, r in by_kab.iterrows()},
                           dtype="float64")
        mine = shares.get(SAMPANG)
        assert same(rows.at[ind.code, "share"], mine), ind.code
        assert same(rows.at[ind.code, "average"], share(whole[ind.numerator], whole[ind.denominator])), ind.code
        shown = shares.dropna()
        if mine is None or pd.isna(mine):
            assert pd.isna(rows.at[ind.code, "rank"])
            continue
        worse = shown < mine if ind.higher_is_worse is False else shown > mine
        assert int(rows.at[ind.code, "rank"]) == 1 + int(worse.sum()), ind.code
        assert int(rows.at[ind.code, "areas_ranked"]) == len(shown)


@pytest.mark.parametrize("as_of", PHASES)
def test_kecamatan_profile_against_its_regency(published, as_of):
    flags = family_flags(published, as_of)
    in_kab = flags[flags["kab"] == SAMPANG]
    kec = sorted(in_kab["kec"].unique())[0] if len(in_kab) else "352701"
    profile = conditions.build_profile(PROVINCE, snap(published, as_of), area=kec)
    assert (profile.level, profile.average_of) == ("kec", "kab")
    rows = profile.indicators.set_index("indicator")
    whole = in_kab[[c for c in in_kab.columns if c not in ("kab", "kec", "desa")]].sum()
    mine = in_kab[in_kab["kec"] == kec].sum(numeric_only=True)
    for ind in indicators.INDICATORS:
        assert same(rows.at[ind.code, "average"], share(whole[ind.numerator], whole[ind.denominator])), ind.code
        assert same(rows.at[ind.code, "share"], share(mine[ind.numerator], mine[ind.denominator])), ind.code


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("area", [None, SAMPANG])
def test_poverty_pockets(published, as_of, area, monkeypatch):
    monkeypatch.setattr(settings, "POCKET_MIN_FAMILIES", 15)
    flags = family_flags(published, as_of)
    if area:
        flags = flags[flags["kab"] == area]
    desa = grouped(flags, "desa")
    enough = desa[desa["scored"] >= 15]
    shares = (100.0 * enough["poorest"] / enough["scored"]).sort_values(ascending=False)
    listed = min(settings.RANKED_AREAS, len(shares))
    assert area or len(shares) > settings.RANKED_AREAS, "the test needs more desa than are listed"
    assert area or len(desa) > len(enough), "some desa must have too few families"
    profile = conditions.build_profile(PROVINCE, snap(published, as_of), area=area)
    pockets = profile.pockets
    assert profile.pocket_min_families == 15
    assert len(pockets) == listed
    cutoff = shares.iloc[listed - 1]
    assert sorted(pockets["share"].round(9), reverse=True) == sorted(shares.iloc[:listed].round(9), reverse=True)
    assert (pockets["share"] >= cutoff - 1e-9).all()
    names = dict(zip(reference.desa()["desa_code"], reference.desa()["nama"]))
    top = shares[shares > cutoff + 1e-9].index
    assert {names[d] for d in top} <= set(pockets["area_name"])
    assert (pockets["scored"] >= 15).all()


@pytest.mark.parametrize("as_of", PHASES)
def test_empowerment_pool_and_its_target_list(published, as_of):
    flags = family_flags(published, as_of)
    in_kab = flags[flags["kab"] == SAMPANG]
    want = grouped(in_kab, "kec")["empowerment"]
    profile = conditions.build_profile(PROVINCE, snap(published, as_of), area=SAMPANG)
    names = dict(zip(reference.kecamatan()["kec_code"], reference.kecamatan()["nama"]))
    got = dict(zip(profile.empowerment["area_name"], profile.empowerment["empowerment"].astype(int)))
    assert got == {names[k]: int(v) for k, v in want.items()}
    assert profile.empowerment_total == int(want.sum())
    # The link opens the target list whose filter counts exactly these families.
    f = targeting.from_params(PROVINCE, profile.target_link)
    by_area = db.run("target_by_area", PROVINCE, published.ids[as_of], level="kab",
                     min_desa_families=0, **f.query_params())
    assert targeting.total_count(by_area)[0] == int(want.sum())


def test_empowerment_suppressed_for_a_partner(published):
    flags = family_flags(published, MID)
    per_desa = grouped(flags[flags["kab"].isin(PARTNER.kab_codes)], "desa")["empowerment"]
    small = per_desa[per_desa.between(1, SMALL - 1)]
    by_kec = per_desa.groupby(per_desa.index.str[:6]).size()
    kec = next(k for k in sorted(set(small.index.str[:6])) if by_kec[k] >= 3)
    want = per_desa[per_desa.index.str.startswith(kec)]
    assert want.between(1, SMALL - 1).any(), "the data must hold counts of 1-9 here"
    profile = conditions.build_profile(PARTNER, snap(published, MID), area=kec)
    names = dict(zip(reference.desa()["desa_code"], reference.desa()["nama"]))
    shown = dict(zip(profile.empowerment["area_name"], profile.empowerment["empowerment"]))
    for desa, value in want.items():
        if 0 < value < SMALL:
            assert pd.isna(shown[names[desa]])
    assert profile.empowerment["empowerment"].isna().sum() != 1
    total = int(want.sum())
    assert profile.empowerment_total == (None if 0 < total < SMALL else total)
    assert profile.target_link is not None and profile.target_link["kec"] == kec


def test_profile_outside_the_scope_falls_back_to_the_scope(published):
    profile = conditions.build_profile(PARTNER, snap(published, MID), area="3578")
    assert (profile.level, profile.area, profile.average_of) == ("province", None, "scope")
    assert conditions.build_profile(GUBERNUR, snap(published, MID), area=SAMPANG).target_link is None


@pytest.mark.parametrize("as_of", [EARLY, MID])
def test_a_regency_average_is_its_share_on_the_regency_map(published, as_of):
    """For a role that suppresses, a kecamatan's regency average is the regency's share as the regency map
    shows it: hidden there, hidden here."""
    regencies = conditions.build(GUBERNUR, snap(published, as_of), indicator="elderly_alone", level="kab")
    shown = regencies.areas.set_index("area_code")["share"]
    for kab in (SAMPANG, "3501", "3578"):
        view = conditions.build(GUBERNUR, snap(published, as_of), indicator="elderly_alone", level="kec", kab=kab)
        assert same(view.average, shown.get(kab))
        kec = view.areas["area_code"].iloc[0]
        profile = conditions.build_profile(GUBERNUR, snap(published, as_of), area=kec)
        assert same(profile.indicators.set_index("indicator").at["elderly_alone", "average"], shown.get(kab))
