import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from regsosek import export, formats, paging, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params
from regsosek.views import officers

session = page_setup("officers")
t = session.t
st.title(t("page_officers_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("officers_intro"))

kab = widgets.kab_picker(session, "officers_kab")
# The long lists' pages, in the URL (PAGE_PARAMS). Another regency starts them at page 1; a link's
# pages (the session's first run) are kept.
PAGE_PARAMS = {"officer_productivity": "page", "pml_backlog_list": "backlog_page"}
pages_asked = {name: query_param(param, "1", allowed=lambda value: True) for name, param in PAGE_PARAMS.items()}
if st.session_state.get("officers_list_kab", kab) != kab:
    pages_asked = dict.fromkeys(PAGE_PARAMS, "1")
st.session_state["officers_list_kab"] = kab
view = widgets.build_view(session, officers.build, kab=kab, productivity_page=pages_asked["officer_productivity"],
                          backlog_page=pages_asked["pml_backlog_list"])
shown_pages = {"officer_productivity": view.productivity_page, "pml_backlog_list": view.backlog_page}
set_query_params(**{PAGE_PARAMS[name]: page.number if page.number > 1 else None for name, page in shown_pages.items()})
if view.timeline.visits_final:
    st.caption(t("officers_visits_final"))


def count(value: int) -> str:
    return formats.integer(value, session.lang)


ratio = formats.number(view.overload_ratio, session.lang)
oldest = formats.day(view.oldest_unchecked_visit, session.lang)
cols = st.columns(6)
cols[0].metric(t("officers_metric_active"), count(view.ppl_visited), help=t("officers_help_active"))
cols[1].metric(t("officers_metric_median"),
               formats.number(view.median_visits_per_day, session.lang),
               help=t("officers_help_median"))
cols[2].metric(t("officers_metric_inactive"), count(view.inactive_count),
               help=t("officers_help_inactive", days=view.idle_days, dropped=view.inactive_dropped_out))
cols[3].metric(t("officers_metric_overloaded"), count(view.overloaded_count),
               help=t("officers_help_overloaded", ratio=ratio))
cols[4].metric(t("officers_metric_backlog"), count(view.backlog_families), help=t("officers_help_backlog"))
cols[5].metric(t("officers_metric_backlog_over", days=view.backlog_days), count(view.backlog_over_days),
               help=t("officers_help_backlog_over", days=view.backlog_days, oldest=oldest))

labels = {c: t(f"mon_col_{c}") for c in (*officers.PRODUCTIVITY_COLUMNS, *officers.INACTIVE_COLUMNS,
                                         *officers.OVERLOADED_COLUMNS, *officers.BACKLOG_COLUMNS)}
labels["backlog_over_days"] = t("mon_col_backlog_over_days", days=view.backlog_days)
helps = {"visits_per_day": t("officers_help_median"), "load_ratio": t("officers_help_overloaded", ratio=ratio),
         "days_since_last_visit": t("officers_help_days_since", days=view.idle_days),
         "backlog_over_days": t("officers_help_backlog_over", days=view.backlog_days, oldest=oldest)}


def pager(key: str, param: str, page: paging.Page) -> None:
    """The page number, kept in the URL (`param`): set from the URL at every run, a change writes the URL."""
    st.session_state[key] = page.number

    def on_change() -> None:
        set_query_params(**{param: st.session_state[key]})

    st.number_input(t("officers_page", pages=count(page.pages)), min_value=1, max_value=page.pages, step=1,
                    key=key, on_change=on_change)
    st.caption(t("officers_page_rows", first=count(page.first_row), last=count(page.last_row),
                 rows=count(page.rows)))


def show_list(name: str, frame: pd.DataFrame, columns: tuple[str, ...], page: paging.Page | None = None) -> None:
    if frame.empty:
        st.info(t("mon_none"))
        return
    shown = {c: labels[c] for c in columns}
    if page is not None:
        pager(f"{name}_page", PAGE_PARAMS[name], page)
    widgets.table(widgets.named_areas(frame), shown, lang=session.lang,
                  config={c: st.column_config.Column(help=h) for c, h in helps.items()}, width="stretch")
    offer = officers.list_file(session.scope, snapshot, view, name, shown, prepare=widgets.named_areas)
    export.offer(st, t("mon_download_csv"), offer, "officers", key=f"download_{name}",
                 details=officers.list_details(view, name), help=t("mon_download_note"))

tabs = st.tabs([t("officers_tab_productivity"), t("officers_tab_inactive"),
                t("officers_tab_overloaded"), t("officers_tab_backlog")])
with tabs[0]:
    st.caption(t("officers_productivity_caption"))
    if not view.histogram.empty:
        # One bar per bin over every PPL in scope (counted in SQL), its left edge at the bin's start.
        figure = go.Figure(go.Bar(x=view.histogram["bin_start"], y=view.histogram["ppl"], width=view.bin_width,
                                  offset=0, customdata=view.histogram["bin_end"],
                                  hovertemplate="%{x:,.1f}-<%{customdata:,.1f}: %{y:,d}<extra></extra>"))
        figure.update_layout(xaxis_title=t("officers_histogram_x"), yaxis_title=t("officers_histogram_y"),
                             bargap=0.05, height=320, separators=formats.plotly_separators(session.lang),
                             xaxis={"tickformat": ",.1f"}, yaxis={"tickformat": ",d"})
        st.plotly_chart(figure, width="stretch", config=widgets.CHART_CONFIG)
    show_list("officer_productivity", view.productivity, officers.PRODUCTIVITY_COLUMNS, view.productivity_page)
with tabs[1]:
    st.caption(t("officers_help_inactive", days=view.idle_days, dropped=view.inactive_dropped_out))
    show_list("inactive_officers", view.inactive, officers.INACTIVE_COLUMNS)
with tabs[2]:
    st.caption(t("officers_help_overloaded", ratio=ratio))
    show_list("overloaded_ppl", view.overloaded, officers.OVERLOADED_COLUMNS)
with tabs[3]:
    st.caption(t("officers_help_backlog"))
    show_list("pml_backlog_list", view.backlog, officers.BACKLOG_COLUMNS, view.backlog_page)
