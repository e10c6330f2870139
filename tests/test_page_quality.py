"""Data-quality page: draws the view for the roles that may open it, keeps the URL's check and a regency head in
its regency, lists NIKs masked, audits downloads, refuses the others. Numbers: tests/test_view_quality.py."""

from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from regsosek import audit, export, i18n, settings
from tests import monitoring_expected as expected

SURABAYA = "3578"


def open_page(username: str, **query: str) -> AppTest:
    return expected.open_page("quality", username, **query)


def listed(at: AppTest):
    [table] = [df.value for df in at.main.dataframe if i18n.t("mon_col_case_no") in df.value.columns]
    return table


def test_summary_and_the_chosen_list(workdir):
    at = open_page("bps_jatim", kind="far_geotag")
    assert not at.exception
    assert at.selectbox(key="quality_kind").value == "far_geotag"
    summary = next(df.value for df in at.main.dataframe if i18n.t("quality_cases") in df.value.columns)
    assert len(summary) == 6
    assert i18n.t("quality_stage_order_note") in [c.value for c in at.main.caption]
    assert i18n.t("quality_value_far_geotag") in listed(at).columns
    at.selectbox(key="quality_kind").set_value("big_household").run()
    assert i18n.t("quality_value_big_household") in listed(at).columns
    assert at.query_params.get("kind") in ("big_household", ["big_household"])


def test_the_list_shows_the_page_in_the_url(workdir):
    """A page of LIST_PAGE_SIZE cases, the one the URL asks for, and the pager set to it."""
    first = open_page("bps_jatim", kind="odd_hour")
    second = open_page("bps_jatim", kind="odd_hour", page="2")
    assert not second.exception
    assert (first.number_input(key="quality_page").value, second.number_input(key="quality_page").value) == (1, 2)
    assert len(listed(first)) == len(listed(second)) == settings.LIST_PAGE_SIZE
    numbers = listed(second)[i18n.t("mon_col_case_no")].tolist()
    assert numbers == list(range(settings.LIST_PAGE_SIZE + 1, 2 * settings.LIST_PAGE_SIZE + 1))
    assert second.query_params.get("page") in ("2", ["2"])


def test_a_page_past_the_end_clamps_and_another_check_starts_at_page_one(workdir):
    at = open_page("bps_jatim", kind="odd_hour", page="99999")
    assert not at.exception
    pager = at.number_input(key="quality_page")
    assert pager.value == pager.max > 1
    at.selectbox(key="quality_kind").set_value("far_geotag").run()
    assert at.number_input(key="quality_page").value == 1 < at.number_input(key="quality_page").max


def test_shared_niks_are_listed_masked(workdir):
    at = open_page("bps_jatim", kind="nik_multi_family")
    niks = listed(at)[i18n.t("quality_detail_nik_multi_family")]
    assert len(niks) > 0 and all(len(v) == 16 and v[6:14] == "*" * 8 for v in niks)


def test_a_kabkota_user_cannot_list_another_kab_by_url(workdir):
    at = open_page("bps_surabaya", kab="3501", kind="odd_hour")
    assert at.selectbox(key="quality_kab").value == SURABAYA
    table = listed(at)
    assert len(table) > 0
    assert set(table[i18n.t("mon_col_kab_code")]) == {"Kota Surabaya (3578)"}


@pytest.mark.parametrize("username", ["gubernur", "csr_madura", "admin"])
def test_other_roles_are_refused_and_see_no_data(workdir, username):
    at = open_page(username, kind="nik_multi_family")
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.download_button


def test_download_is_published_only_on_the_click_and_the_click_is_audited(workdir, private_store, monkeypatch):
    offered = expected.capture_offers(monkeypatch)
    at = open_page("bps_jatim", kind="odd_hour")
    assert not at.download_button(key="download_quality").proto.url  # nothing under /media yet
    assert audit.read_log(action="download").empty
    [quality_offer] = offered
    data = expected.deliver(quality_offer)
    records = audit.read_log(action="download")
    assert records["sha256"].iloc[0] == hashlib.sha256(data).hexdigest()
    assert list(records["page"]) == ["quality"]
    assert records["filters"].iloc[0]["kind"] == "odd_hour"
    table_lines = [line for line in data.decode("utf-8").splitlines() if not line.lstrip('"').startswith("# ")]
    # The whole list (heading line aside), not the page shown.
    assert records["rows"].iloc[0] == len(table_lines) - 1 > len(listed(at)) == settings.LIST_PAGE_SIZE


def test_no_file_is_built_while_the_page_draws(workdir, monkeypatch):
    built = []
    real_build = export.build
    monkeypatch.setattr(export, "build", lambda *a, **k: built.append(a[3]) or real_build(*a, **k))
    offered = expected.capture_offers(monkeypatch)
    at = open_page("bps_jatim")
    assert not at.exception and len(offered) == 1
    assert built == []
    expected.deliver(offered[0])
    assert built == [f"quality_{offered[0]['details']['kind']}"]
