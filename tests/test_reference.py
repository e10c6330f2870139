"""The committed geography is complete, nested and inside East Java; its approximate areas tile the province."""

import json
import shutil

import pytest
import shapely
from shapely.geometry import shape

from regsosek import facts, paths, reference, reference_build

# A box around East Java incl. Madura, Bawean and the Kangean islands.
LAT_RANGE = (-8.9, -5.0)
LON_RANGE = (110.8, 116.3)


def test_row_counts_match_official_totals():
    assert len(reference.kabkota()) == facts.KABKOTA_COUNT == 38
    assert len(reference.kecamatan()) == facts.KECAMATAN_COUNT == 666
    assert len(reference.desa()) == facts.DESA_COUNT == 8494


def test_codes_unique_and_nested():
    kab, kec, desa = reference.kabkota(), reference.kecamatan(), reference.desa()
    assert kab["kab_code"].is_unique and kec["kec_code"].is_unique and desa["desa_code"].is_unique
    assert set(kec["kab_code"]) <= set(kab["kab_code"])
    assert set(desa["kec_code"]) <= set(kec["kec_code"])
    assert (kec["kec_code"].str[:4] == kec["kab_code"]).all()
    assert (desa["desa_code"].str[:6] == desa["kec_code"]).all()
    assert (desa["kab_code"] == desa["kec_code"].str[:4]).all()
    assert kab["kab_code"].str.startswith(facts.PROVINCE_CODE).all()
    # every kab has kecamatan, every kecamatan has desa
    assert set(kab["kab_code"]) == set(kec["kab_code"])
    assert set(kec["kec_code"]) == set(desa["kec_code"])


def test_points_inside_east_java_box():
    for table in (reference.kabkota(), reference.kecamatan(), reference.desa()):
        assert table["lat"].between(*LAT_RANGE).all()
        assert table["lon"].between(*LON_RANGE).all()


def test_population_total_as_published():
    assert reference.kabkota()["penduduk"].sum() == 41_919_906


def test_outline_is_a_polygon_feature_in_the_box():
    feature = reference.outline()
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lons = [pt[0] for poly in feature["geometry"]["coordinates"] for ring in poly for pt in ring]
    lats = [pt[1] for poly in feature["geometry"]["coordinates"] for ring in poly for pt in ring]
    assert LON_RANGE[0] < min(lons) and max(lons) < LON_RANGE[1]
    assert LAT_RANGE[0] < min(lats) and max(lats) < LAT_RANGE[1]


# --- approximate areas (kecamatan.geojson, kabkota.geojson) ---------------------------------------

ISLAND_KECAMATAN = {"352517": "Sangkapura (Bawean)", "352518": "Tambak (Bawean)", "352923": "Masalembu",
                    "352924": "Arjasa (Kangean)", "352925": "Sapeken", "352927": "Kangayan"}
AREA_FILES = {"kec": ("kecamatan.geojson", "kec_code"), "kab": ("kabkota.geojson", "kab_code")}


def read_areas(level: str, directory=paths.REFERENCE_DIR) -> dict[str, tuple[str, object]]:
    """code -> (name, shapely geometry), read straight from the committed file."""
    name, code = AREA_FILES[level]
    collection = json.loads((directory / name).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    areas = {}
    for feature in collection["features"]:
        props = feature["properties"]
        assert props[code] not in areas, f"{props[code]} has two features"
        areas[props[code]] = (props["nama"], shape(feature["geometry"]))
    return areas


@pytest.mark.parametrize(("level", "table"), [("kec", reference.kecamatan), ("kab", reference.kabkota)])
def test_every_area_has_exactly_one_valid_polygon_feature_with_its_code_and_name(level, table):
    areas = read_areas(level)
    code = AREA_FILES[level][1]
    want = dict(zip(table()[code], table()["nama"]))
    assert {c: name for c, (name, _) in areas.items()} == want
    for name, geom in areas.values():
        assert geom.geom_type in ("Polygon", "MultiPolygon") and geom.is_valid and geom.area > 0, name


@pytest.mark.parametrize("level", ["kec", "kab"])
def test_areas_do_not_overlap_and_cover_the_outline(level):
    geoms = [geom for _, geom in read_areas(level).values()]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    overlap = sum(geoms[i].intersection(geoms[j]).area for i, j in zip(left, right) if i < j)
    union = shapely.union_all(geoms)
    assert overlap < 1e-9 * union.area
    assert sum(g.area for g in geoms) == pytest.approx(union.area, rel=1e-9)
    # No gap between areas (the outline has no holes), and the outline is covered but for the
    # simplified coast.
    assert all(len(part.interiors) == 0 for part in shapely.get_parts(union))
    outline = shape(reference.outline()["geometry"])
    assert outline.difference(union).area < 0.005 * outline.area
    assert union.difference(outline).area < 0.05 * outline.area  # the islands' discs and the coast


def test_each_regency_is_the_union_of_its_kecamatan():
    kec, kab = read_areas("kec"), read_areas("kab")
    for kab_code, (name, geom) in kab.items():
        parts = shapely.union_all([g for code, (_, g) in kec.items() if code[:4] == kab_code])
        assert geom.symmetric_difference(parts).area < 1e-6 * geom.area, name


def test_each_desa_point_lies_in_its_own_kecamatan_islands_included():
    kec = read_areas("kec")
    desa = reference.desa()
    points = shapely.points(desa["lon"].astype(float), desa["lat"].astype(float))
    inside = [kec[code][1].covers(point) for code, point in zip(desa["kec_code"], points)]
    exceptions = desa[[not ok for ok in inside]]
    # Simplification moves a border by at most a few hundred metres: a handful of desa near one.
    assert len(exceptions) <= 10, exceptions[["desa_code", "nama", "lat", "lon"]]
    outline = shape(reference.outline()["geometry"])
    island_desa = desa[desa["kec_code"].isin(ISLAND_KECAMATAN)]
    island_points = shapely.points(island_desa["lon"].astype(float), island_desa["lat"].astype(float))
    assert not shapely.covers(outline, island_points).all(), "the outline misses some island desa"
    assert all(kec[code][1].covers(point) for code, point in zip(island_desa["kec_code"], island_points))


def test_boundaries_rebuild_byte_identically_and_stay_small(tmp_path):
    for name in ("desa.csv", "kecamatan.csv", "kabkota.csv", "jatim_outline.geojson"):
        shutil.copy(paths.REFERENCE_DIR / name, tmp_path / name)
    reference_build.build_boundaries(tmp_path)
    for name, _ in AREA_FILES.values():
        assert (tmp_path / name).read_bytes() == (paths.REFERENCE_DIR / name).read_bytes(), name
    assert sum((paths.REFERENCE_DIR / name).stat().st_size for name, _ in AREA_FILES.values()) < 1_500_000


@pytest.mark.parametrize("level", ["kec", "kab"])
def test_labels_sit_inside_their_area(level):
    shapes = reference.area_shapes(level)
    areas = read_areas(level)
    for row in shapes.itertuples():
        assert areas[row.code][1].covers(shapely.Point(row.label_lon, row.label_lat)), row.nama
