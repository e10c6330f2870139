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
