import pandas as pd
import plotly.express as px
import streamlit as st

from regsosek import db, export, reference
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

IDLE_DAYS = 3
OVERLOAD_RATIO = 1.5

session = page_setup("officers")
t = session.t
scope = session.scope
st.title(t("page_officers_title"))
if session.snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
st.caption(t("officers_intro"))

kab_names = reference.kab_names()
options = list(scope.kab_codes) if len(scope.kab_codes) == 1 else ["", *scope.kab_codes]
if "officers_kab" not in st.session_state:
    st.session_state["officers_kab"] = query_param("kab", options[0], allowed=options)
kab = st.selectbox(t("mon_area"), options, key="officers_kab",
                   format_func=lambda code: kab_names[code] if code else t("mon_all_regencies")) or None
set_query_params(kab=kab)

snapshot_id = session.snapshot.snapshot_id
productivity = db.cached_run("officer_productivity", scope, snapshot_id, kab=kab)
inactive = db.cached_run("inactive_officers", scope, snapshot_id, kab=kab, idle_days=IDLE_DAYS)
overloaded = db.cached_run("overloaded_ppl", scope, snapshot_id, kab=kab, ratio=OVERLOAD_RATIO)
backlog = db.cached_run("pml_backlog_list", scope, snapshot_id, kab=kab)


def show_list(name: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(t("mon_none"))
        return
    st.dataframe(frame.rename(columns={c: t(f"mon_col_{c}") for c in frame.columns}),
                 hide_index=True, width="stretch")
    details = {"list": name, "kab": kab}
    header = export.header_for(scope, session.snapshot.as_of.isoformat(), snapshot_id, export.describe(details), "")
    export.offer(st, t("mon_download_csv"), export.build(frame, header, "csv", name, row_cap=None), "officers",
                 key=f"download_{name}", details=details, help=t("mon_download_note"))


median = productivity["median_visits_per_day"].iloc[0] if not productivity.empty else None
cols = st.columns(5)
cols[0].metric(t("officers_metric_active"), f"{len(productivity):,}".replace(",", "."))
cols[1].metric(t("officers_metric_median"), "–" if median is None else f"{median:.1f}".replace(".", ","))
cols[2].metric(t("officers_metric_inactive"), f"{len(inactive):,}".replace(",", "."),
               help=t("officers_metric_inactive_help", dropped=int(inactive["dropped_out"].sum())))
cols[3].metric(t("officers_metric_overloaded"), f"{len(overloaded):,}".replace(",", "."))
cols[4].metric(t("officers_metric_backlog"), f"{int(backlog['backlog'].sum()):,}".replace(",", "."))

tabs = st.tabs([t("officers_tab_productivity"), t("officers_tab_inactive"),
                t("officers_tab_overloaded"), t("officers_tab_backlog")])
with tabs[0]:
    st.caption(t("officers_productivity_caption"))
    if not productivity.empty:
        figure = px.histogram(productivity, x="visits_per_day", nbins=30,
                              labels={"visits_per_day": t("officers_histogram_x")})
        figure.update_layout(yaxis_title=t("officers_histogram_y"), bargap=0.05, height=320)
        st.plotly_chart(figure, width="stretch")
    show_list("officer_productivity", productivity.drop(columns=["median_visits_per_day"]))
with tabs[1]:
    st.caption(t("officers_inactive_caption", days=IDLE_DAYS))
    show_list("inactive_officers", inactive)
with tabs[2]:
    st.caption(t("officers_overloaded_caption", ratio=f"{OVERLOAD_RATIO:g}".replace(".", ",")))
    show_list("overloaded_ppl", overloaded)
with tabs[3]:
    st.caption(t("officers_backlog_caption"))
    show_list("pml_backlog_list", backlog)
