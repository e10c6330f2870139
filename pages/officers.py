import pandas as pd
import plotly.express as px
import streamlit as st

from regsosek import export, formats, widgets
from regsosek.ui import page_setup
from regsosek.views import officers

session = page_setup("officers")
t = session.t
st.title(t("page_officers_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("officers_intro"))

kab = widgets.kab_picker(session, "officers_kab")
view = widgets.build_view(session, officers.build, kab=kab)
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


def show_list(name: str, frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    if frame.empty:
        st.info(t("mon_none"))
        return
    shown = {c: labels[c] for c in columns}
    frame = widgets.named_areas(frame)
    widgets.table(frame, shown, lang=session.lang,
                  config={c: st.column_config.Column(help=h) for c, h in helps.items()}, width="stretch")
    offer = officers.list_file(session.scope, snapshot, view, name, frame, shown)
    export.offer(st, t("mon_download_csv"), offer, "officers", key=f"download_{name}",
                 details=officers.list_details(view, name), help=t("mon_download_note"))

tabs = st.tabs([t("officers_tab_productivity"), t("officers_tab_inactive"),
                t("officers_tab_overloaded"), t("officers_tab_backlog")])
with tabs[0]:
    st.caption(t("officers_productivity_caption"))
    if not view.productivity.empty:
        figure = px.histogram(view.productivity[["visits_per_day"]], x="visits_per_day", nbins=30,
                              labels={"visits_per_day": t("officers_histogram_x")})
        figure.update_traces(hovertemplate="%{x:,.1f}: %{y:,d}<extra></extra>")
        figure.update_layout(yaxis_title=t("officers_histogram_y"), bargap=0.05, height=320,
                             separators=formats.plotly_separators(session.lang),
                             xaxis={"tickformat": ",.1f"}, yaxis={"tickformat": ",d"})
        st.plotly_chart(figure, width="stretch", config=widgets.CHART_CONFIG)
    show_list("officer_productivity", view.productivity, officers.PRODUCTIVITY_COLUMNS)
with tabs[1]:
    st.caption(t("officers_help_inactive", days=view.idle_days, dropped=view.inactive_dropped_out))
    show_list("inactive_officers", view.inactive, officers.INACTIVE_COLUMNS)
with tabs[2]:
    st.caption(t("officers_help_overloaded", ratio=ratio))
    show_list("overloaded_ppl", view.overloaded, officers.OVERLOADED_COLUMNS)
with tabs[3]:
    st.caption(t("officers_help_backlog"))
    show_list("pml_backlog_list", view.backlog, officers.BACKLOG_COLUMNS)
