"""Mistargeting page: draws the view for the roles that may open it, says why when there are no deciles yet,
hides small counts for the Governor's office, refuses the others. Numbers: tests/test_view_mistargeting.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from regsosek import i18n, maps, settings
from tests.monitoring_expected import open_page, shown_counts
from tests.snapshots import EARLY


def area_table(at) -> pd.DataFrame:
    [table] = [df.value for df in at.main.dataframe if i18n.t("mis_col_eligible") in df.value.columns]
    return table


def test_a_regency_head_sees_its_kecamatan(workdir):
    at = open_page("mistargeting", "bps_surabaya", programme="bsu")
    assert not at.exception
    assert at.selectbox(key="mis_programme").value == "bsu"
    assert len(area_table(at)) > 0
    assert not at.get("deck_gl_json_chart")  # the regency map is for the province view


def test_gubernur_gets_no_small_count_and_a_map_of_shown_rates(workdir):
    at = open_page("mistargeting", "gubernur")
    assert not at.exception
    table = area_table(at)
    for key in ("mis_col_eligible", "mis_col_excluded", "mis_col_recipients", "mis_col_included"):
        shown = shown_counts(table[i18n.t(key)])
        assert not shown.between(1, settings.SMALL_COUNT - 1).any()
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers = {layer["id"]: pd.DataFrame(layer["data"]) for layer in spec["layers"]}
    assert sorted(layers) == ["exclusion", "labels"]
    assert sorted(layers["exclusion"].columns) == sorted(maps.EXCLUSION_LAYER_COLUMNS)
    assert sorted(layers["labels"].columns) == sorted(maps.LABEL_COLUMNS)
    # The names that fit at the province zoom without overlapping (tests/test_view_map.py), Surabaya among them.
    assert 15 <= len(set(layers["labels"]["text"])) < 38 and "Kota Surabaya" in set(layers["labels"]["text"])


def test_a_snapshot_without_deciles_says_why(workdir):
    at = open_page("mistargeting", "bps_jatim", snapshot=workdir.ids[EARLY])
    assert not at.exception
    assert i18n.t("mis_no_scores") in [info.value for info in at.main.info]
    assert not at.main.dataframe


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_mistargeting_are_refused(workdir, username):
    at = open_page("mistargeting", username, programme="pkh")
    assert at.main.error and not at.main.dataframe and not at.get("deck_gl_json_chart")


def test_the_regency_map_has_a_legend_in_the_user_language(workdir):
    at = open_page("mistargeting", "gubernur", lang="en")
    assert not at.exception
    legend = next(m.value for m in at.main.markdown if i18n.t("mis_map_legend", "en") in m.value)
    for label in ("< 20.0%", "20.0–40.0%", "≥ 80.0%"):
        assert label in legend
    assert i18n.t("cond_boundaries_approximate", "en") in [c.value for c in at.main.caption]


def verification_table(at, lang: str = "id") -> pd.DataFrame:
    [table] = [df.value for df in at.main.dataframe if i18n.t("mis_ver_col_flagged", lang) in df.value.columns]
    return table


@pytest.mark.parametrize("username", ["gubernur", "bps_jatim", "bps_surabaya"])
def test_verification_by_area_is_drawn_with_its_bases(workdir, username):
    at = open_page("mistargeting", username)
    assert not at.exception
    table = verification_table(at)
    poorest = "1, 2"
    for key in ("mis_ver_col_decided", "mis_ver_col_inclusion_rate", "mis_ver_col_recipients",
                "mis_ver_col_inclusion_rate_after", "mis_ver_col_recipients_after", "mis_ver_col_exclusion_rate",
                "mis_ver_col_poorest", "mis_ver_col_exclusion_rate_after", "mis_ver_col_poorest_after"):
        assert i18n.t(key, poorest=poorest) in table.columns
    assert len(table) == len(area_table(at)) > 0
    if username == "gubernur":
        for key in ("mis_ver_col_flagged", "mis_ver_col_recipients", "mis_ver_col_poorest"):
            assert not shown_counts(table[i18n.t(key, poorest=poorest)]).between(1, settings.SMALL_COUNT - 1).any()
    assert any(i18n.t("mis_ver_title") == h.value for h in at.main.subheader)
    progress = [m.value for m in at.main.markdown if "forum" in m.value]
    assert len(progress) == 1 and "<10" not in progress[0]  # a total is given only when none of its cells is hidden


def test_the_map_tooltips_and_verification_read_in_english(workdir):
    at = open_page("mistargeting", "bps_jatim", lang="en")
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    [layer] = [pd.DataFrame(layer["data"]) for layer in spec["layers"] if layer["id"] == "exclusion"]
    rates = [r for r in layer["rate"] if r != maps.NOT_AVAILABLE]
    assert rates and all("," not in r and r.endswith("%") for r in rates) and any("." in r for r in rates)
    assert i18n.t("mis_ver_col_flagged", "en") in verification_table(at, "en").columns
