"""Officers page: draws the view for the roles that may open it, keeps a regency head in its regency, audits
downloads, refuses the others. The numbers are tested on the view (tests/test_view_officers.py)."""

from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from regsosek import audit, export, i18n, settings
from tests.monitoring_expected import capture_offers, deliver, open_page

SURABAYA = "3578"


def table_with(at: AppTest, column_key: str, **fmt: object) -> list:
    """The tables on the page that have this column (each list has a column of its own)."""
    return [df.value for df in at.main.dataframe if i18n.t(column_key, **fmt) in df.value.columns]


def test_the_page_draws_every_list(workdir):
    at = open_page("officers", "bps_jatim")
    assert not at.exception
    assert len(at.main.metric) == 6
    assert len(table_with(at, "mon_col_visits_per_day")) == 1
    assert len(table_with(at, "mon_col_backlog_over_days", days=settings.BACKLOG_DAYS)) == 1


def productivity_table(at: AppTest):
    [table] = table_with(at, "mon_col_visits_per_day")
    return table


def test_the_productivity_list_shows_the_page_in_the_url(workdir):
    """A page of LIST_PAGE_SIZE PPL, the one the URL asks for, and the pager set to it."""
    first = open_page("officers", "bps_jatim")
    second = open_page("officers", "bps_jatim", page="2")
    assert not second.exception
    assert second.number_input(key="officer_productivity_page").value == 2
    assert first.number_input(key="officer_productivity_page").value == 1
    shown, before = productivity_table(second), productivity_table(first)
    assert len(shown) == len(before) == settings.LIST_PAGE_SIZE
    assert not set(shown[i18n.t("mon_col_ppl_id")]) & set(before[i18n.t("mon_col_ppl_id")])
    assert second.query_params.get("page") in ("2", ["2"])


def test_a_page_past_the_end_or_junk_clamps(workdir):
    at = open_page("officers", "bps_surabaya", page="99999")
    assert not at.exception
    pager = at.number_input(key="officer_productivity_page")
    assert pager.value == pager.max
    assert 0 < len(productivity_table(at)) <= settings.LIST_PAGE_SIZE
    junk = open_page("officers", "bps_surabaya", page="-4x")
    assert not junk.exception and junk.number_input(key="officer_productivity_page").value == 1


def test_kab_in_the_url_narrows_the_province_view(workdir):
    at = open_page("officers", "bps_jatim", kab=SURABAYA)
    assert at.selectbox(key="officers_kab").value == SURABAYA
    for table in at.main.dataframe:
        assert set(table.value[i18n.t("mon_col_kab_code")]) <= {"Kota Surabaya (3578)"}


def test_a_kabkota_user_cannot_open_another_kab_by_url(workdir):
    at = open_page("officers", "bps_surabaya", kab="3501")
    assert at.selectbox(key="officers_kab").options == ["Kota Surabaya"]
    assert at.query_params.get("kab") in (SURABAYA, [SURABAYA])
    assert at.main.dataframe
    for table in at.main.dataframe:
        assert set(table.value[i18n.t("mon_col_kab_code")]) == {"Kota Surabaya (3578)"}


@pytest.mark.parametrize("username", ["gubernur", "csr_madura", "admin"])
def test_other_roles_are_refused_and_see_no_data(workdir, username):
    at = open_page("officers", username, kab=SURABAYA)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.download_button


def test_download_is_published_only_on_the_click_and_the_click_is_audited(workdir, private_store, monkeypatch):
    offered = capture_offers(monkeypatch)
    at = open_page("officers", "bps_surabaya")
    assert not at.download_button(key="download_pml_backlog_list").proto.url  # nothing under /media yet
    assert audit.read_log(action="download").empty
    [backlog_offer] = [o for o in offered if o["key"] == "download_pml_backlog_list"]
    data = deliver(backlog_offer)
    records = audit.read_log(action="download")
    assert records["sha256"].iloc[0] == hashlib.sha256(data).hexdigest()
    assert list(records["user"]) == ["bps_surabaya"]
    assert records["page"].iloc[0] == "officers"
    [backlog] = table_with(at, "mon_col_backlog_over_days", days=settings.BACKLOG_DAYS)
    assert records["rows"].iloc[0] == len(backlog)


def test_no_file_is_built_while_the_page_draws(workdir, monkeypatch):
    built = []
    real_build = export.build
    monkeypatch.setattr(export, "build", lambda *a, **k: built.append(a[3]) or real_build(*a, **k))
    offered = capture_offers(monkeypatch)
    at = open_page("officers", "bps_jatim")
    assert not at.exception and len(offered) == 4
    assert built == []
    deliver(next(o for o in offered if o["key"] == "download_inactive_officers"))
    assert built == ["inactive_officers"]
