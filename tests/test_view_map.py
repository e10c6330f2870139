"""Map view: per area target, visited and percent equal the raw snapshot; the layer holds only what is drawn."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from regsosek import access, maps, phase, privacy, reference, settings, warehouse
from regsosek.views import map as map_view
from tests.snapshots import EARLY, PHASES

SURABAYA = "3578"
SAMPANG = "3527"
TUBAN = "3523"  # its desa hold visited counts of 1-9 early in fieldwork
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
GUBERNUR = access.scope_for("gubernur", "gubernur")


def expected_areas(published, as_of: str, level: str, kab: str | None) -> pd.DataFrame:
    """Per kecamatan (or desa of `kab`) with SLS: target = prelist + new families, visited, percent."""
    key = {"kec": "kec_code", "desa": "desa_code"}[level]
    families = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    if kab is not None:
        families, sls = families[families["kab_code"] == kab], sls[sls["kab_code"] == kab]
    target = sls.groupby(key)["jumlah_prelist"].sum().add(
        families[~families["prelist"].astype(bool)].groupby(key).size(), fill_value=0).astype(int)
    visited = families[families["tgl_kunjungan"].notna()].groupby(key).size().reindex(target.index, fill_value=0)
    names = (reference.kecamatan().set_index("kec_code") if level == "kec"
             else reference.desa().set_index("desa_code"))["nama"]
    points = (reference.kecamatan().set_index("kec_code") if level == "kec"
              else reference.desa().set_index("desa_code"))[["lat", "lon"]]
    out = pd.DataFrame({"area_name": names.reindex(target.index), "target": target, "visited": visited.astype(int)})
    out["percent_visited"] = [percent(v, t) for v, t in zip(out["visited"], out["target"])]
    return out.join(points)


def percent(part: int, whole: int) -> float | None:
    """100 * part / whole to one decimal, halves rounded up; None without a whole."""
    if not whole:
        return None
    return float((Decimal(100 * int(part)) / Decimal(int(whole))).quantize(Decimal("0.1"), ROUND_HALF_UP))


def rows(frame: pd.DataFrame) -> Counter:
    return Counter((name, None if pd.isna(t) else int(t), None if pd.isna(v) else int(v),
                    None if pd.isna(p) else round(float(p), 1))
                   for name, t, v, p in zip(frame["area_name"], frame["target"], frame["visited"],
                                            frame["percent_visited"]))


def snapshot(published, as_of: str) -> warehouse.SnapshotInfo:
    return warehouse.get(published.ids[as_of])


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "level"), [
    (PROVINCE, None, "kec"),
    (PROVINCE, SURABAYA, "desa"),
    (access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,)), None, "kec"),
])
def test_areas_equal_the_raw_snapshot(published, as_of, scope, kab, level):
    view = map_view.build(scope, snapshot(published, as_of), kab=kab)
    want = expected_areas(published, as_of, level, kab if kab else (SAMPANG if len(scope.kab_codes) == 1 else None))
    assert view.level == level and view.kab == kab
    assert view.timeline == phase.timeline(pd.Timestamp(as_of).date())
    assert list(view.areas.columns) == list(map_view.TABLE_COLUMNS)
    assert rows(view.areas) == rows(want)
    layer = view.layer
    assert list(layer.columns) == list(maps.LAYER_COLUMNS)
    expected_tooltips = Counter((n, f"{t:,}".replace(",", "."), f"{v:,}".replace(",", "."))
                                for n, t, v in zip(want["area_name"], want["target"], want["visited"]))
    assert Counter(zip(layer["name"], layer["target"], layer["visited"])) == expected_tooltips
    assert sorted(layer["lat"]) == pytest.approx(sorted(want["lat"].astype(float)), abs=1e-5)
    assert sorted(layer["lon"]) == pytest.approx(sorted(want["lon"].astype(float)), abs=1e-5)


def test_a_regency_outside_the_scope_is_not_drawn(published):
    scope = access.scope_for("bps_surabaya", "bps_kabkota", (SURABAYA,))
    view = map_view.build(scope, snapshot(published, EARLY), kab="3501")
    assert view.kab is None and view.level == "kec"
    want = expected_areas(published, EARLY, "kec", SURABAYA)
    assert rows(view.areas) == rows(want)


def test_the_desa_map_centres_on_the_regency(published):
    view = map_view.build(PROVINCE, snapshot(published, EARLY), kab=SURABAYA)
    want = expected_areas(published, EARLY, "desa", SURABAYA)
    assert view.camera.latitude == pytest.approx(want["lat"].astype(float).mean())
    assert view.camera.longitude == pytest.approx(want["lon"].astype(float).mean())
    assert view.camera.zoom > maps.PROVINCE.zoom


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kab", [None, TUBAN])
def test_gubernur_gets_no_small_count_anywhere(published, as_of, kab):
    level = "kec" if kab is None else "desa"
    want = expected_areas(published, as_of, level, kab)
    view = map_view.build(GUBERNUR, snapshot(published, as_of), kab=kab)
    shown = view.areas
    small = {"target": want["target"].between(1, settings.SMALL_COUNT - 1),
             "visited": want["visited"].between(1, settings.SMALL_COUNT - 1)}
    for col in ("target", "visited"):
        values = shown[col].dropna().astype(int)
        assert not values.between(1, settings.SMALL_COUNT - 1).any()
        assert shown[col].isna().sum() != 1
        assert shown[col].isna().sum() >= small[col].sum()
    assert shown.loc[shown["target"].isna() | shown["visited"].isna(), "percent_visited"].isna().all()
    # Shown cells are the true values: every shown (name, count) is one of the raw ones.
    for col in ("target", "visited"):
        raw = Counter(zip(want["area_name"], want[col]))
        assert Counter(zip(shown.loc[shown[col].notna(), "area_name"],
                           shown.loc[shown[col].notna(), col].astype(int))) <= raw
    layer = view.layer
    assert list(layer.columns) == list(maps.LAYER_COLUMNS)
    for col in ("target", "visited"):
        numbers = [int(v.replace(".", "")) for v in layer[col] if v != privacy.SUPPRESSED]
        assert not [n for n in numbers if 1 <= n < settings.SMALL_COUNT]
    hidden = layer[(layer["visited"] == privacy.SUPPRESSED) | (layer["target"] == privacy.SUPPRESSED)]
    assert (hidden["percent"] == maps.NOT_AVAILABLE).all()
    assert all(colour == list(maps.NO_DATA_COLOUR) for colour in hidden["colour"])
    if small["visited"].any():
        assert (layer["visited"] == privacy.SUPPRESSED).sum() >= small["visited"].sum()
        assert view.has_grey_points


@pytest.mark.parametrize(("as_of", "kab"), [(EARLY, TUBAN), *((as_of, None) for as_of in PHASES)])
def test_suppression_is_tested_where_small_counts_exist(published, as_of, kab):
    """The gubernur test above runs on data that holds visited counts of 1-9, and hides them."""
    want = expected_areas(published, as_of, "kec" if kab is None else "desa", kab)
    small = want[want["visited"].between(1, settings.SMALL_COUNT - 1)]
    assert len(small) > 0
    view = map_view.build(GUBERNUR, snapshot(published, as_of), kab=kab)
    assert view.areas["visited"].isna().sum() >= max(len(small), 2)
    hidden_names = Counter(view.layer.loc[view.layer["visited"] == privacy.SUPPRESSED, "name"])
    assert Counter(small["area_name"]) <= hidden_names


def test_other_roles_keep_every_count(published):
    want = expected_areas(published, EARLY, "desa", SAMPANG)
    view = map_view.build(PROVINCE, snapshot(published, EARLY), kab=SAMPANG)
    assert view.areas["visited"].notna().all()
    assert rows(view.areas) == rows(want)
