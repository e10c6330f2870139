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


def deck_layers(at: AppTest) -> dict[str, pd.DataFrame]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    # pydeck's placeholder style: Streamlit then draws no basemap (without it, Streamlit adds Carto's).
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    return {layer["id"]: pd.DataFrame(layer["data"]) for layer in spec["layers"]}


def coverage_layer(at: AppTest) -> pd.DataFrame:
    return deck_layers(at)["coverage"]


@pytest.mark.parametrize(("kab", "columns"), [(SURABAYA, maps.POINT_LAYER_COLUMNS), (None, maps.LAYER_COLUMNS)])
def test_the_layers_carry_only_drawn_columns(workdir, kab, columns):
    at = open_page("bps_jatim", **({"kab": kab} if kab else {}))
    assert not at.exception
    assert at.selectbox(key="map_kab").value == (kab or "")
    layers = deck_layers(at)
    assert sorted(layers) == ["base", "boundaries", "coverage", "labels"]
    assert sorted(layers["base"].columns) == sorted(maps.BOUNDARY_COLUMNS)
    assert sorted(layers["coverage"].columns) == sorted(columns)
    assert sorted(layers["boundaries"].columns) == sorted(maps.BOUNDARY_COLUMNS)
    assert sorted(layers["labels"].columns) == sorted(maps.LABEL_COLUMNS)
    table = at.main.dataframe[0].value
    assert list(table.columns) == [i18n.t(f"map_col_{c}") for c in ("area_name", "target", "visited",
                                                                     "percent_visited")]
    assert set(table[i18n.t("map_col_area_name")]) == set(layers["coverage"]["name"])
    assert i18n.t("map_boundaries_approximate") in [c.value for c in at.main.caption]
    # Literal text properties: pydeck reads a bare string as an expression ("sans-serif" -> NaN: no label drawn).
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    labels = next(layer for layer in spec["layers"] if layer["id"] == "labels")
    assert (labels["fontFamily"], labels["getTextAnchor"]) == ("sans-serif", "middle")


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
