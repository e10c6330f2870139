"""The committed geography is complete, nested and inside East Java."""

from regsosek import facts, reference

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
