"""Ringkasan page: draws for each role that may open it, refuses the others; the numbers are tested on the view."""

from __future__ import annotations

import pytest
from monitoring_expected import metric, open_page

from regsosek import audit, brief, i18n
from tests.test_view_overview import make_tasks


@pytest.mark.parametrize("username", ["gubernur", "bps_jatim", "bps_surabaya"])
def test_page_draws_the_view(published, username):
    at = open_page("overview", username)
    assert not at.exception
    assert metric(at, i18n.t("overview_visited"))
    assert all(m.help for m in at.main.metric)
    for frame in (df.value for df in at.main.dataframe if i18n.t("tasks_col_tasks") not in df.value.columns):
        assert i18n.t("mon_col_area") in frame.columns and "prelist" not in frame.columns


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = open_page("overview", username)
    assert not at.main.metric and not at.main.dataframe
    assert at.main.error


@pytest.mark.parametrize("lang,group", [("id", "."), ("en", ",")])
def test_figures_read_in_the_session_language(published, lang, group):
    """The visited figure, read back from its text, equals the raw snapshot's count, grouped per language."""
    fam = published.table("2022-11-14", "keluarga")
    visited = int(fam["tgl_kunjungan"].notna().sum())
    at = open_page("overview", "bps_jatim", lang=lang)
    assert not at.exception
    shown = metric(at, i18n.t("overview_visited", lang))
    assert shown == f"{visited:,}".replace(",", group)
    assert int(shown.replace(group, "")) == visited
    percent = metric(at, i18n.t("overview_percent", lang))
    assert percent.endswith("%") and ("," in percent) == (lang == "id") and ("." in percent) == (lang == "en")


@pytest.mark.parametrize("lang,group", [("id", "."), ("en", ",")])
def test_a_headline_in_words_and_the_progress_chart_against_plan(published, lang, group):
    """One sentence with the share visited, visited of target in the language's figures; a chart with
    the plan line and the end of fieldwork marked."""
    fam = published.table("2022-11-14", "keluarga")
    visited = int(fam["tgl_kunjungan"].notna().sum())
    at = open_page("overview", "bps_jatim", lang=lang)
    headline = at.main.markdown[0].value
    assert f"{visited:,}".replace(",", group) in headline and f"{len(fam):,}".replace(",", group) in headline
    assert f"{100 * visited / len(fam):.1f}%".replace(".", "," if lang == "id" else ".") in headline
    [chart] = at.main.get("plotly_chart")
    spec = chart.proto.spec
    assert i18n.t("progress_plan", lang) in spec and i18n.t("progress_field_end", lang) in spec


@pytest.mark.parametrize("username,area", [("gubernur", "35"), ("bps_jatim", "35"), ("bps_surabaya", "3578")])
def test_the_own_areas_brief_is_offered_whatever_the_url_says(workdir, monkeypatch, username, area):
    asked = []
    real = brief.pending

    def spy(scope, snapshot, code, lang, fmt):
        asked.append(code)
        return real(scope, snapshot, code, lang, fmt)

    monkeypatch.setattr(brief, "pending", spy)
    before = len(audit.read_log(action="download"))
    at = open_page("overview", username, kab="3527", area="3527", brief="3527", kec="352701")
    assert not at.exception
    buttons = at.main.get("download_button")
    assert [b.proto.label for b in buttons] == [i18n.t("cond_brief_pdf"), i18n.t("cond_brief_png")]
    assert all(not b.proto.url for b in buttons)  # built on the click only
    assert asked == [area, area]
    assert len(audit.read_log(action="download")) == before


@pytest.mark.parametrize("username,rate", [("gubernur", False), ("bps_jatim", True), ("bps_surabaya", True)])
def test_follow_up_section_per_role(workdir, private_store, username, rate):
    at = open_page("overview", username)
    assert i18n.t("overview_follow_up_none") in [info.value for info in at.main.info]
    make_tasks(workdir)
    at = open_page("overview", username)
    assert not at.exception
    assert i18n.t("overview_follow_up_title") in [h.value for h in at.main.subheader]
    labels = [m.label for m in at.main.metric]
    assert i18n.t("tasks_metric_tasks") in labels and i18n.t("tasks_metric_overdue") in labels
    assert (i18n.t("tasks_metric_closure_rate") in labels) == rate
    assert metric(at, i18n.t("tasks_metric_tasks")) == ("7" if username == "bps_surabaya" else "9")
    tables = [df.value for df in at.main.dataframe if i18n.t("tasks_col_tasks") in df.value.columns]
    if username == "bps_surabaya":
        assert not tables  # one regency: its figures are the metrics
    else:
        [table] = tables
        assert len(table) == 38 and (i18n.t("tasks_col_closure_rate") in table.columns) == rate
