"""Map view: per area target, visited and percent equal the raw snapshot; each kecamatan is drawn as its own
approximate area in its band's colour; the camera shows every area; the layer holds only what is drawn."""

from __future__ import annotations

import json
import math
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from regsosek import access, maps, paths, phase, privacy, reference, settings, warehouse
from regsosek.views import map as map_view
from tests.snapshots import AFTER, EARLY, MID, PHASES

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


def committed_polygons(name: str, code: str) -> dict[str, list]:
    """code -> the polygons of its feature, read straight from data/reference."""
    collection = json.loads((paths.REFERENCE_DIR / name).read_text(encoding="utf-8"))
    out = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        out[feature["properties"][code]] = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                                            else [geometry["coordinates"]])
    return out


def expected_colour(pct: float | None) -> list[int]:
    """The legend's bands: <25, 25-50, 50-75, 75-90, >=90 percent; grey when unknown."""
    if pct is None or pd.isna(pct):
        return list(maps.NO_DATA_COLOUR)
    bands = [c for _, c, _ in maps.COVERAGE_BANDS]
    index = 0 if pct < 25 else 1 if pct < 50 else 2 if pct < 75 else 3 if pct < 90 else 4
    return list(bands[index])


def count_text(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def drawn_rows(layer: pd.DataFrame) -> Counter:
    return Counter((name, target, visited, json.dumps(polygon), tuple(colour))
                   for name, target, visited, polygon, colour in zip(layer["name"], layer["target"], layer["visited"],
                                                                     layer["polygon"], layer["colour"]))


def viewport(camera: maps.Camera) -> tuple[float, float, float, float]:
    """The lon/lat box a FIT_WIDTH_PX x MAP_HEIGHT_PX Web Mercator view shows (deck.gl: 512 * 2**zoom px world)."""
    world = 512 * 2 ** camera.zoom
    half_lon = maps.FIT_WIDTH_PX / 2 / world * 360
    centre_y = math.log(math.tan(math.pi / 4 + math.radians(camera.latitude) / 2))
    half_y = maps.MAP_HEIGHT_PX / 2 / world * 2 * math.pi

    def lat(y: float) -> float:
        return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)

    return (camera.longitude - half_lon, lat(centre_y - half_y), camera.longitude + half_lon, lat(centre_y + half_y))


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
    if level == "desa":
        assert list(layer.columns) == list(maps.POINT_LAYER_COLUMNS)
        expected_tooltips = Counter((n, count_text(t), count_text(v), tuple(expected_colour(p)))
                                    for n, t, v, p in zip(want["area_name"], want["target"], want["visited"],
                                                          want["percent_visited"]))
        assert Counter(zip(layer["name"], layer["target"], layer["visited"], map(tuple, layer["colour"]))) \
            == expected_tooltips
        assert sorted(layer["lat"]) == pytest.approx(sorted(want["lat"].astype(float)), abs=1e-5)
        assert sorted(layer["lon"]) == pytest.approx(sorted(want["lon"].astype(float)), abs=1e-5)
        return
    # One row per polygon of each kecamatan's own area, in the colour of its percent.
    assert list(layer.columns) == list(maps.LAYER_COLUMNS)
    shapes = committed_polygons("kecamatan.geojson", "kec_code")
    expected = Counter()
    for code, row in want.iterrows():
        for polygon in shapes[code]:
            expected[(row["area_name"], count_text(row["target"]), count_text(row["visited"]), json.dumps(polygon),
                      tuple(expected_colour(row["percent_visited"])))] += 1
    assert drawn_rows(layer) == expected


def test_a_regency_outside_the_scope_is_not_drawn(published):
    scope = access.scope_for("bps_surabaya", "bps_kabkota", (SURABAYA,))
    view = map_view.build(scope, snapshot(published, EARLY), kab="3501")
    assert view.kab is None and view.level == "kec"
    want = expected_areas(published, EARLY, "kec", SURABAYA)
    assert rows(view.areas) == rows(want)


@pytest.mark.parametrize(("scope", "kab"), [
    (PROVINCE, None),
    (PROVINCE, SURABAYA),
    (access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,)), None),
])
def test_the_map_opens_on_every_area_it_draws_islands_included(published, scope, kab):
    view = map_view.build(scope, snapshot(published, EARLY), kab=kab)
    kabs = [kab] if kab else list(scope.kab_codes)
    desa = reference.desa()
    desa = desa[desa["kab_code"].isin(kabs)]
    min_lon, min_lat, max_lon, max_lat = viewport(view.camera)
    assert desa["lon"].between(min_lon, max_lon).all() and desa["lat"].between(min_lat, max_lat).all()
    kec = committed_polygons("kecamatan.geojson", "kec_code")
    ring_points = [pt for code in reference.kecamatan().query("kab_code in @kabs")["kec_code"]
                   for polygon in kec[code] for ring in polygon for pt in ring]
    assert all(min_lon <= x <= max_lon and min_lat <= y <= max_lat for x, y in ring_points)
    # Fitted, not merely wide: the areas fill at least half of the narrower side.
    lons, lats = [x for x, _ in ring_points], [y for _, y in ring_points]
    assert (max(lons) - min(lons)) / (max_lon - min_lon) > 0.5 or (max(lats) - min(lats)) / (max_lat - min_lat) > 0.5
    if scope is PROVINCE and kab is None:
        # Masalembu (north), Kangean's Sapeken (east) and Bawean lie on the map.
        kecamatan = reference.kecamatan().set_index("kec_code")
        for code in ("352923", "352925", "352517"):  # Masalembu, Sapeken, Sangkapura
            point = kecamatan.loc[code]
            assert min_lon < point["lon"] < max_lon and min_lat < point["lat"] < max_lat
        assert view.camera == maps.PROVINCE
    if kab:
        assert view.camera.zoom > maps.PROVINCE.zoom and view.camera.radius_m == maps.DESA_RADIUS_M


@pytest.mark.parametrize(("scope", "kab", "names"), [
    (PROVINCE, None, lambda: {n.removeprefix("Kab. ") for n in reference.kabkota()["nama"]}),
    (access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,)), None, lambda: {"Sampang"}),
    (PROVINCE, SURABAYA, lambda: set(reference.kecamatan().query("kab_code == @SURABAYA")["nama"])),
])
def test_labels_name_the_drawn_boundaries(published, scope, kab, names):
    view = map_view.build(scope, snapshot(published, MID), kab=kab)
    assert list(view.labels.columns) == list(maps.LABEL_COLUMNS)
    assert set(view.labels["text"]) == names() and len(view.labels) == len(names())
    assert list(view.boundaries.columns) == list(maps.BOUNDARY_COLUMNS)
    code = "kec_code" if kab else "kab_code"
    shapes = committed_polygons(f"{'kecamatan' if kab else 'kabkota'}.geojson", code)
    table = reference.kecamatan().query("kab_code == @kab") if kab else \
        reference.kabkota().query("kab_code in @scope.kab_codes")
    want = Counter(json.dumps(p) for c in table[code] for p in shapes[c])
    assert Counter(json.dumps(p) for p in view.boundaries["polygon"]) == want


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
    assert list(layer.columns) == list(maps.LAYER_COLUMNS if kab is None else maps.POINT_LAYER_COLUMNS)
    for col in ("target", "visited"):
        numbers = [int(v.replace(".", "")) for v in layer[col] if v != privacy.SUPPRESSED]
        assert not [n for n in numbers if 1 <= n < settings.SMALL_COUNT]
    hidden = layer[(layer["visited"] == privacy.SUPPRESSED) | (layer["target"] == privacy.SUPPRESSED)]
    assert (hidden["percent"] == maps.NOT_AVAILABLE).all()
    assert all(colour == list(maps.NO_DATA_COLOUR) for colour in hidden["colour"])
    if small["visited"].any():
        assert (layer["visited"] == privacy.SUPPRESSED).sum() >= small["visited"].sum()
        assert view.has_grey_areas


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


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_tooltips_follow_the_language(published, as_of):
    want = expected_areas(published, as_of, "desa", SAMPANG)
    view = map_view.build(PROVINCE, snapshot(published, as_of), kab=SAMPANG, lang="en")
    expected = Counter((n, f"{int(t):,}", f"{int(v):,}") for n, t, v in
                       zip(want["area_name"], want["target"], want["visited"]))
    assert Counter(zip(view.layer["name"], view.layer["target"], view.layer["visited"])) == expected
    percents = {f"{p:.1f}%" for p in want["percent_visited"].dropna()}
    assert set(view.layer["percent"]) - {maps.NOT_AVAILABLE} <= percents


# Widths of the column a map is drawn into: a 390 px phone, a narrow window, a 1440 px screen with the sidebar.
DRAWN_WIDTHS = (358, 700, 1104)


def on_screen(lon: float, lat: float, camera: maps.Camera, width: int, height: int) -> tuple[float, float]:
    """Pixel position of a point in a deck.gl Web Mercator view (world 512 * 2**zoom px wide), worked out here."""
    world = 512 * 2 ** camera.zoom

    def merc(value: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

    return (width / 2 + (lon - camera.longitude) / 360 * world,
            height / 2 - (merc(lat) - merc(camera.latitude)) / (2 * math.pi) * world)


@pytest.mark.parametrize("width", DRAWN_WIDTHS)
def test_the_province_fits_the_width_the_map_is_drawn_at_islands_included(width):
    camera = maps.at_width(maps.PROVINCE, width)
    height = maps.map_height(width)
    assert height <= maps.MAP_HEIGHT_PX and (width > 600 or height < maps.MAP_HEIGHT_PX)
    kab = committed_polygons("kabkota.geojson", "kab_code")
    points = [pt for polygons in kab.values() for polygon in polygons for ring in polygon for pt in ring]
    assert len(kab) == 38
    xs, ys = zip(*(on_screen(lon, lat, camera, width, height) for lon, lat in points))
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    # Fitted, not merely small: the province fills at least 80% of the width or of the height.
    assert (max(xs) - min(xs)) / width > 0.8 or (max(ys) - min(ys)) / height > 0.8
    # Masalembu, Sapeken (Kangean) and Sangkapura (Bawean) are on it, and Ngawi and Pacitan in the far west.
    kecamatan = reference.kecamatan().set_index("kec_code")
    for code in ("352923", "352925", "352517"):
        x, y = on_screen(kecamatan.at[code, "lon"], kecamatan.at[code, "lat"], camera, width, height)
        assert 0 < x < width and 0 < y < height
    for code in ("3501", "3521"):
        for polygon in kab[code]:
            for lon, lat in polygon[0]:
                assert on_screen(lon, lat, camera, width, height)[0] > 0


def test_the_old_fixed_camera_cut_off_the_west_on_a_phone():
    """What the phone showed before the map knew its width: Pacitan and Ngawi outside a 358 px map."""
    west = min(lon for polygon in committed_polygons("kabkota.geojson", "kab_code")["3501"] for lon, _ in polygon[0])
    assert on_screen(west, -8.2, maps.PROVINCE, 358, maps.MAP_HEIGHT_PX)[0] < 0
    assert on_screen(west, -8.2, maps.at_width(maps.PROVINCE, 358), 358, maps.map_height(358))[0] > 0


def label_boxes(labels: pd.DataFrame, camera: maps.Camera, width: int) -> list[tuple[float, float, float, float]]:
    """Each drawn name's box on screen: 11 px text is at most 6.5 px a character and 15 px a line."""
    boxes = []
    for lon, lat, text in labels[["lon", "lat", "text"]].itertuples(index=False):
        x, y = on_screen(lon, lat, camera, width, maps.map_height(width))
        boxes.append((x - len(text) * 3.25, y - 7.5, x + len(text) * 3.25, y + 7.5))
    return boxes


@pytest.mark.parametrize("width", DRAWN_WIDTHS)
def test_regency_names_do_not_overlap_and_the_largest_are_kept(width):
    camera = maps.at_width(maps.PROVINCE, width)
    every = maps.label_frame(reference.area_shapes("kab"))
    drawn = maps.readable_labels(every, camera)
    boxes = label_boxes(drawn, camera, width)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    # Every name left out would have touched a name kept before it (the kept are the most populous first).
    population = reference.kabkota().assign(text=lambda k: k["nama"].str.removeprefix("Kab. ")) \
        .set_index("text")["penduduk"]
    kept = set(drawn["text"])
    assert population.idxmax() == "Kota Surabaya" and "Kota Surabaya" in kept
    for text in set(every["text"]) - kept:
        row = every[every["text"] == text].iloc[0]
        [box] = label_boxes(every[every["text"] == text], camera, width)
        heavier = [b for b, t in zip(boxes, drawn["text"]) if population[t] > population[text]]
        assert any(not (box[2] + 4 <= b[0] or b[2] + 4 <= box[0] or box[3] + 4 <= b[1] or b[3] + 4 <= box[1])
                   for b in heavier), (text, row["lon"], row["lat"])
    assert len(drawn) >= {358: 6, 700: 15, 1104: 15}[width]


def test_a_regency_map_keeps_names_apart_too():
    shapes = reference.area_shapes("kec").query("kab_code == @SURABAYA")
    camera = maps.at_width(maps.fit_camera(maps.shapes_bounds(shapes)), 358)
    drawn = maps.readable_labels(maps.label_frame(shapes), camera)
    boxes = label_boxes(drawn, camera, 358)
    assert 0 < len(drawn) < len(shapes)
    assert all(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
               for i, a in enumerate(boxes) for b in boxes[i + 1:])
