"""The query layer: locked-down connection, refusals, scope binding, hostile filter values."""

from __future__ import annotations

import concurrent.futures
import re

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regsosek import access, db, paths, reference, warehouse

PROVINCE = access.scope_for("prov", "bps_provinsi")


def test_connection_is_locked_down(published):
    db.run("snapshot_rows", PROVINCE, published.late_id)
    cur = db.connection().cursor()
    settings_now = dict(cur.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN "
        "('enable_external_access', 'lock_configuration', 'allowed_directories')").fetchall())
    assert settings_now["enable_external_access"] == "false"
    assert settings_now["lock_configuration"] == "true"
    assert str(warehouse.root()) in settings_now["allowed_directories"]
    with pytest.raises(duckdb.Error):
        cur.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        cur.execute("SET allowed_directories = ['/']")
    with pytest.raises(duckdb.Error):
        cur.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()
    raw = published.raw["2022-11-14"] / "sls.parquet"  # inside the data dir, outside the warehouse
    with pytest.raises(duckdb.Error):
        cur.execute(f"SELECT count(*) FROM read_parquet('{raw}')").fetchall()
    published_sls = warehouse.get(published.late_id).path / "sls.parquet"
    assert cur.execute(f"SELECT count(*) FROM read_parquet('{published_sls}')").fetchall()[0][0] > 0


@pytest.mark.parametrize("name", ["nope", "../queries/progress_summary", "progress_summary.sql",
                                  "progress_summary; DROP TABLE x", "", "marts/targets_sls", "PROGRESS_SUMMARY"])
def test_unknown_query_refused(published, name):
    with pytest.raises(db.UnknownQuery):
        db.run(name, PROVINCE, published.late_id)


@pytest.mark.parametrize("snapshot_id", ["2099-01-01_deadbeef", "latest", "2022-11-14_455d5144' OR 1=1",
                                         "../2022-11-14", "", "2022-11-14_ABCDEF12"])
def test_unknown_snapshot_refused(published, snapshot_id):
    with pytest.raises(db.UnknownSnapshot):
        db.run("snapshot_rows", PROVINCE, snapshot_id)


def test_parameters_checked(published):
    with pytest.raises(TypeError, match="missing"):
        db.run("coverage_by_area", PROVINCE, published.late_id, level="kab")
    with pytest.raises(TypeError, match="unknown"):
        db.run("snapshot_rows", PROVINCE, published.late_id, level="kab")
    with pytest.raises(TypeError, match="scope"):
        db.run("snapshot_rows", PROVINCE, published.late_id, kab_codes=["3501"])
    with pytest.raises(TypeError):
        db.run("snapshot_rows", "bps_provinsi", published.late_id)


def test_every_query_filters_by_scope():
    names = db.query_names()
    assert {"progress_summary", "coverage_by_area", "pipeline_by_day", "snapshot_rows"} <= set(names)
    for name in names:
        sql = (paths.QUERIES_DIR / f"{name}.sql").read_text()
        assert re.search(r"\$kab_codes\b", sql), f"{name}.sql does not filter by $kab_codes"


def test_results_have_plain_types(published):
    for name, params in (("progress_summary", {}), ("coverage_by_area", {"level": "kec", "parent": None}),
                         ("pipeline_by_day", {"area_code": None}), ("snapshot_rows", {})):
        frame = db.run(name, PROVINCE, published.late_id, **params)
        numeric = frame.select_dtypes("number")
        assert set(map(str, numeric.dtypes)) <= {"int64", "int32", "float64"}, (name, frame.dtypes)
        assert not any("decimal" in str(t).lower() for t in frame.dtypes), name


def test_cached_run_keys_on_scope(published):
    one = access.scope_for("a", "bps_kabkota", ("3501",))
    two = access.scope_for("b", "bps_kabkota", ("3502",))
    first = db.cached_run("snapshot_rows", one, published.late_id)
    second = db.cached_run("snapshot_rows", two, published.late_id)
    assert first.equals(db.run("snapshot_rows", one, published.late_id))
    assert not first.equals(second)
    assert db.cached_run("snapshot_rows", one, published.late_id).equals(first)


def test_concurrent_queries_from_threads(published):
    scopes = [access.scope_for("k", "bps_kabkota", (code,)) for code in reference.kabkota()["kab_code"][:8]]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda s: db.run("progress_summary", s, published.early_id), scopes * 4))
    totals = [int(r["target"].iloc[0]) for r in results]
    assert totals[:8] == totals[8:16] == totals[24:]


HOSTILE = st.one_of(
    st.none(),
    st.sampled_from(["3501", "3578", "350101", "3501012001", "35", "'", "' OR '1'='1", "3501'; DROP TABLE areas; --",
                     "%", "_", "35%", "\\", "$kab_codes", "NULL", "3501\x00", "ｓ"]),
    st.text(max_size=40),
    st.text(alphabet="0123456789'%;-", min_size=1, max_size=12),
    st.integers(0, 9999).map(lambda n: f"35{n:02d}"),
    st.just("9" * 5000),
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _codes():
    return {
        "kab": set(reference.kabkota()["kab_code"]),
        "kec": set(reference.kecamatan()["kec_code"]),
        "desa": set(reference.desa()["desa_code"]),
    }


@SETTINGS
@given(parent=HOSTILE, level=st.sampled_from(["kab", "kec", "desa", "kab'--", "", "KAB"]))
def test_coverage_filters_are_data_never_sql(published, parent, level):
    from test_queries import expected_coverage

    got = db.run("coverage_by_area", PROVINCE, published.late_id, level=level, parent=parent)
    if level not in ("kab", "kec", "desa"):
        assert got.empty
    else:
        expected = expected_coverage(published, "2022-11-14", PROVINCE, level, parent)
        assert got["area_code"].tolist() == list(expected.index)
        assert got["target"].tolist() == expected["target"].astype(int).tolist()
    assert len(db.run("snapshot_rows", PROVINCE, published.late_id)) == 4


@SETTINGS
@given(area=HOSTILE)
def test_pipeline_by_day_filters_are_data_never_sql(published, area):
    from test_queries import campaign_days, expected_daily

    scope = access.scope_for("k", "bps_kabkota", ("3501", "3578"))
    got = campaign_days(db.run("pipeline_by_day", scope, published.late_id, area_code=area))
    expected = expected_daily(published, "2022-11-14", scope, area)
    codes = _codes()
    known = area is None or any(area in c for c in codes.values())
    if known and expected["visits"].sum() > 0:
        assert got["visits"].tolist() == expected["visits"].tolist()
    else:
        assert got.empty or got["visits"].sum() == 0
    assert len(db.run("snapshot_rows", PROVINCE, published.late_id)) == 4
