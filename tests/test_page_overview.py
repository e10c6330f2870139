"""Ringkasan page: draws for each role that may open it, refuses the others; the numbers are tested on the view."""

from __future__ import annotations

import pytest
from monitoring_expected import metric, open_page

from regsosek import i18n


@pytest.mark.parametrize("username", ["gubernur", "bps_jatim", "bps_surabaya"])
def test_page_draws_the_view(published, username):
    at = open_page("overview", username)
    assert not at.exception
    assert metric(at, i18n.t("overview_visited"))
    assert all(m.help for m in at.main.metric)
    for frame in (df.value for df in at.main.dataframe):
        assert i18n.t("mon_col_area") in frame.columns and "prelist" not in frame.columns


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = open_page("overview", username)
    assert not at.main.metric and not at.main.dataframe
    assert at.main.error
