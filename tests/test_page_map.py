"""Map page: draws the view for each role that may open it, sends only the drawn columns, refuses the others.

The numbers are tested on the view (tests/test_view_map.py).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from regsosek import i18n, maps, privacy, settings
from tests import monitoring_expected as expected

SURABAYA = "3578"


def open_page(username: str, **query: str) -> AppTest:
    return expected.open_page("map", username, **query)


def coverage_layer(at: AppTest) -> pd.DataFrame:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    # pydeck's placeholder style: Streamlit then draws no basemap (without it, Streamlit adds Carto's).
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    layer = next(layer for layer in spec["layers"] if layer["id"] == "coverage")
    return pd.DataFrame(layer["data"])


def test_the_layer_carries_only_drawn_columns(workdir):
    at = open_page("bps_jatim", kab=SURABAYA)
    assert not at.exception
    assert at.selectbox(key="map_kab").value == SURABAYA
    layer = coverage_layer(at)
    assert sorted(layer.columns) == sorted(maps.LAYER_COLUMNS)
    table = at.main.dataframe[0].value
    assert list(table.columns) == [i18n.t(f"map_col_{c}") for c in ("area_name", "target", "visited",
                                                                     "percent_visited")]
    assert len(table) == len(layer)


def test_gubernur_page_sends_no_small_count(workdir):
    at = open_page("gubernur")
    assert not at.exception
    layer = coverage_layer(at)
    for col in ("target", "visited"):
        numbers = [int(v.replace(".", "")) for v in layer[col] if v != privacy.SUPPRESSED]
        assert not [n for n in numbers if 1 <= n < settings.SMALL_COUNT]
    table = at.main.dataframe[0].value
    for col in ("map_col_target", "map_col_visited"):
        shown = expected.shown_counts(table[i18n.t(col)])
        assert not shown.between(1, settings.SMALL_COUNT - 1).any()


def test_a_kabkota_user_sees_only_its_own_desa_whatever_the_url(workdir):
    at = open_page("bps_surabaya", kab="3501")
    assert at.selectbox(key="map_kab").value == SURABAYA
    assert at.selectbox(key="map_kab").options == ["Kota Surabaya"]
    assert len(coverage_layer(at)) > 0


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_other_roles_are_refused(workdir, username):
    at = open_page(username, kab=SURABAYA)
    assert at.main.error and not at.get("deck_gl_json_chart") and not at.main.dataframe
