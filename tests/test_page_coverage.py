"""Cakupan page: draws for each role that may open it, refuses other roles, cannot be widened by the URL,
and hands over only the drawn columns; the numbers are tested on the view."""

from __future__ import annotations

import pytest
from monitoring_expected import open_page

from regsosek import i18n, reference


def codes_shown(at) -> set[str]:
    code = i18n.t("mon_col_code")
    return {c for df in at.main.dataframe if code in df.value.columns for c in df.value[code]}


@pytest.mark.parametrize("username,params", [("gubernur", {"kab": "3529"}), ("bps_jatim", {}),
                                             ("bps_surabaya", {})])
def test_page_draws_the_view(published, username, params):
    at = open_page("coverage", username, **params)
    assert not at.exception and not at.main.warning
    assert codes_shown(at)
    for frame in (df.value for df in at.main.dataframe):
        assert not {"prelist", "new_families", "workload_remaining"} & set(frame.columns)


def test_gubernur_never_gets_sls_rows(published):
    desa = reference.desa().query("kab_code == '3578'")["desa_code"].iloc[0]
    at = open_page("coverage", "gubernur", kab="3578", kec=desa[:6], desa=desa)
    assert not any(i18n.t("coverage_col_rt") in df.value.columns for df in at.main.dataframe)


@pytest.mark.parametrize("other_kab", ["3527", "3501"])
def test_regency_head_with_another_regency_in_the_url_sees_only_its_own(published, other_kab):
    at = open_page("coverage", "bps_surabaya", kab=other_kab)
    assert at.main.warning
    codes = codes_shown(at)
    assert codes and all(c.startswith("3578") for c in codes)


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = open_page("coverage", username, kab="3527")
    assert not at.main.dataframe and at.main.error
