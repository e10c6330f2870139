"""Conditions page: draws the map and the profile for the roles that may open it, hides small counts for
roles that suppress them, and refuses the others whatever the URL says. Numbers: tests/test_view_conditions.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from regsosek import i18n, maps, settings
from tests.monitoring_expected import open_page, shown_counts


def deck_layers(at) -> dict[str, pd.DataFrame]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return {layer["id"]: pd.DataFrame(layer["data"]) for layer in spec["layers"]}


def test_gubernur_sees_regency_areas_with_names_and_no_small_count(workdir):
    at = open_page("conditions", "gubernur", indicator="firewood")
    assert not at.exception
    layers = deck_layers(at)
    assert sorted(layers["indicator"].columns) == sorted(maps.INDICATOR_LAYER_COLUMNS)
    # The names that fit at the province zoom without overlapping (tests/test_view_map.py), Surabaya among them.
    assert 15 <= len(set(layers["labels"]["text"])) < 38 and "Kota Surabaya" in set(layers["labels"]["text"])
    [table] = [df.value for df in at.main.dataframe if i18n.t("cond_col_numerator") in df.value.columns]
    for key in ("cond_col_numerator", "cond_col_denominator"):
        assert not shown_counts(table[i18n.t(key)]).between(1, settings.SMALL_COUNT - 1).any()


def test_a_partner_sees_only_its_regencies_and_a_link_to_its_list(workdir):
    at = open_page("conditions", "csr_madura", area="3527", level="kec", kab="3527")
    assert not at.exception
    layers = deck_layers(at)
    assert set(layers["labels"]["text"]) == {"Sampang"}
    links = [m.value for m in at.main.markdown if "targets?" in m.value]
    assert links and "kab=3527" in links[0] and "min_working_age=1" in links[0]


def test_a_regency_outside_the_partner_scope_is_ignored(workdir):
    at = open_page("conditions", "csr_madura", kab="3578", area="3578")
    assert not at.exception
    assert "Surabaya" not in json.dumps([layer.to_dict() for layer in deck_layers(at).values()])
    assert i18n.t("cond_profile_scope") in [h.value for h in at.main.subheader]


def test_english_tooltips_and_legend(workdir):
    at = open_page("conditions", "bps_jatim", lang="en", indicator="desil_1_2")
    assert not at.exception
    values = deck_layers(at)["indicator"]["value"]
    assert values.str.fullmatch(r"\d+\.\d%|–").all()


@pytest.mark.parametrize("username", ["admin"])
def test_roles_without_the_page_are_refused(workdir, username):
    at = open_page("conditions", username, area="3527", kab="3527")
    assert at.main.error and not at.main.dataframe and not at.get("deck_gl_json_chart")


def test_brief_downloads_are_offered_and_a_partner_accepts_the_terms_first(workdir):
    at = open_page("conditions", "gubernur", area="3527")
    assert not at.exception
    assert len(at.get("download_button")) == 2
    at = open_page("conditions", "csr_madura", area="3527")
    assert not at.exception
    assert not at.get("download_button")
    assert i18n.t("cond_brief_terms") in [c.value for c in at.main.caption]


def test_a_regency_head_lands_on_its_kecamatan(workdir):
    at = open_page("conditions", "bps_surabaya")
    assert not at.exception
    assert at.selectbox(key="cond_level").value == "kec"
    assert set(deck_layers(at)["labels"]["text"]) == {"Kota Surabaya"}
