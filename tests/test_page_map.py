"""Map page: the layer's points carry the coverage computed from the raw snapshot, and nothing else."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from regsosek import access, maps, privacy, reference
from tests import monitoring_expected as expected

AS_OF = "2022-11-14"
SURABAYA = "3578"


def open_page(username: str, **query: str) -> AppTest:
    return expected.open_page("map", username, **query)


def expected_coverage(published, level: str, kab_codes: set[str]) -> pd.DataFrame:
    """Per area (kec_code or desa_code): target = prelist + new families, visited; names from reference."""
    families = published.table(AS_OF, "keluarga")
    sls = published.table(AS_OF, "sls")
    families = families[families["kab_code"].isin(kab_codes)]
    sls = sls[sls["kab_code"].isin(kab_codes)]
    target = (sls.groupby(level)["jumlah_prelist"].sum()
              .add(families[~families["prelist"]].groupby(level).size(), fill_value=0))
    visited = families[families["tgl_kunjungan"].notna()].groupby(level).size().reindex(target.index, fill_value=0)
    names = (reference.kecamatan().set_index("kec_code") if level == "kec_code"
             else reference.desa().set_index("desa_code"))["nama"]
    out = pd.DataFrame({"area_name": names.reindex(target.index), "target": target.astype(int),
                        "visited": visited.astype(int)})
    out["percent_visited"] = (100 * out["visited"] / out["target"]).round(1)
    return out.reset_index(drop=True)


def coverage_layer(at: AppTest) -> pd.DataFrame:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    # pydeck's placeholder style: Streamlit then draws no basemap (without it, Streamlit adds Carto's).
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    layer = next(layer for layer in spec["layers"] if layer["id"] == "coverage")
    return pd.DataFrame(layer["data"])


def rows(frame: pd.DataFrame) -> list[tuple]:
    return sorted(zip(frame["name"], frame["target"], frame["visited"]))


def as_shown(expected: pd.DataFrame, scope: access.Scope) -> pd.DataFrame:
    return maps.layer_frame(privacy.suppress(expected.assign(lat=0.0, lon=0.0), ["target", "visited"], scope,
                                             rate_cols={"percent_visited": ("target", "visited")}))


def test_province_view_points_equal_the_raw_data(workdir):
    scope = access.scope_for("bps_jatim", "bps_provinsi")
    expected = expected_coverage(workdir, "kec_code", set(scope.kab_codes))
    layer = coverage_layer(open_page("bps_jatim"))
    assert rows(layer) == rows(as_shown(expected, scope))
    sample = layer[layer["name"] == expected["area_name"].iloc[0]].iloc[0]
    assert int(sample["target"].replace(".", "")) == expected["target"].iloc[0]
    assert int(sample["visited"].replace(".", "")) == expected["visited"].iloc[0]


def test_layer_carries_only_drawn_columns(workdir):
    layer = coverage_layer(open_page("bps_jatim", kab=SURABAYA))
    assert list(layer.columns) == sorted(maps.LAYER_COLUMNS)
    assert not any(col in layer.columns for col in ("nama", "nik", "nik_kepala", "nama_kepala", "area_code"))


def test_gubernur_sees_small_counts_suppressed(workdir):
    scope = access.scope_for("gubernur", "gubernur")
    expected = expected_coverage(workdir, "kec_code", set(scope.kab_codes))
    layer = coverage_layer(open_page("gubernur"))
    assert rows(layer) == rows(as_shown(expected, scope))
    small = expected[expected["visited"].between(1, 9)]
    assert len(small) > 0
    hidden = layer[layer["visited"] == privacy.SUPPRESSED]
    assert set(small["area_name"]) <= set(hidden["name"])
    assert all(colour == list(maps.NO_DATA_COLOUR) for colour in hidden["colour"])
    assert (hidden["percent"] == "–").all()


def test_choosing_a_kab_shows_its_desa(workdir):
    scope = access.scope_for("bps_jatim", "bps_provinsi")
    expected = expected_coverage(workdir, "desa_code", {SURABAYA})
    at = open_page("bps_jatim", kab=SURABAYA)
    assert at.selectbox(key="map_kab").value == SURABAYA
    assert rows(coverage_layer(at)) == rows(as_shown(expected, scope))


def test_a_kabkota_user_sees_only_its_own_desa_whatever_the_url(workdir):
    scope = access.scope_for("bps_surabaya", "bps_kabkota", (SURABAYA,))
    expected = expected_coverage(workdir, "desa_code", {SURABAYA})
    at = open_page("bps_surabaya", kab="3501")
    assert at.selectbox(key="map_kab").value == SURABAYA
    assert rows(coverage_layer(at)) == rows(as_shown(expected, scope))


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_other_roles_are_refused(workdir, username):
    at = open_page(username)
    assert at.main.error and not at.get("deck_gl_json_chart") and not at.main.dataframe
