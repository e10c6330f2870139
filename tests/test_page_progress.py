"""Progres harian page: draws for each role that may open it, keeps the chosen area in the URL, refuses
other roles and other regencies; the numbers are tested on the view."""

from __future__ import annotations

import json
import re

import pytest
from monitoring_expected import open_page

from regsosek import i18n, reference


@pytest.mark.parametrize("username,params", [("gubernur", {"area": "3529"}), ("bps_jatim", {}),
                                             ("bps_surabaya", {})])
def test_page_draws_the_view(published, username, params):
    at = open_page("progress", username, **params)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert len(at.main.dataframe) == 3
    if params:
        assert at.query_params["area"] in ("3529", ["3529"])


def test_regency_head_cannot_open_another_regency_by_url(published):
    at = open_page("progress", "bps_surabaya", area="3527")
    sampang = set(reference.kecamatan().query("kab_code == '3527'")["kec_code"]) | {"3527"}
    code = i18n.t("mon_col_code")
    codes = {c for df in at.main.dataframe if code in df.value.columns for c in df.value[code]}
    assert codes and not codes & sampang
    assert all(c.startswith("3578") for c in codes)


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = open_page("progress", username, area="3527")
    assert not at.main.dataframe and at.main.error and not at.get("plotly_chart")


@pytest.mark.parametrize("lang,months", [("id", "Okt|Nov"), ("en", "Oct|Nov")])
def test_charts_label_at_most_seven_dates_as_day_and_month(published, lang, months):
    """On a phone the x axis must stand level under the legend: seven labels at most, each "15 Okt"."""
    at = open_page("progress", "bps_jatim", lang=lang)
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    for chart in charts:
        axis = json.loads(chart.proto.spec)["layout"]["xaxis"]
        labels = axis["ticktext"]
        assert 2 <= len(labels) <= 7 and len(axis["tickvals"]) == len(labels)
        assert all(re.fullmatch(rf"\d{{1,2}} ({months})", label) for label in labels), labels
