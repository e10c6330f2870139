import duckdb
import pandas as pd
import streamlit as st

from regsosek import db, privacy
from regsosek.ui import page_setup

session = page_setup("overview")
st.title(session.t("page_overview_title"))
t = session.t
scope, snapshot = session.scope, session.snapshot
if snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()

# A regency head watches kecamatan; province-wide users watch regencies.
level = "kec" if len(scope.kab_codes) == 1 else "kab"
try:
    head = db.cached_run("overview_headline", scope, snapshot.snapshot_id, level=level).iloc[0]
    areas = db.cached_run("forecast_by_area", scope, snapshot.snapshot_id, level=level, parent=None)
except (duckdb.Error, db.UnknownSnapshot):
    st.warning(t("mon_data_unavailable"))
    st.stop()


def count(value: object) -> str:
    return privacy.suppress_total(None if pd.isna(value) else int(value), scope)


def percent(value: object) -> str:
    return "–" if pd.isna(value) else f"{float(value):.1f}%"


row1 = st.columns(4)
row1[0].metric(t("overview_visited"), count(head["visited"]))
row1[1].metric(t("overview_target"), count(head["target"]))
row1[2].metric(t("overview_percent"), percent(head["percent_visited"]),
               delta=t("overview_vs_plan", gap=float(head["percent_visited"] - head["plan_percent"])))
row1[3].metric(t("overview_behind"), f"{int(head['areas_behind_plan'])} / {int(head['areas'])}")

row2 = st.columns(4)
row2[0].metric(t("overview_days_elapsed"), f"{int(head['days_elapsed'])} / {int(head['days_total'])}")
row2[1].metric(t("overview_days_left"), str(int(head["days_left"])))
row2[2].metric(t("overview_ppl_active"), f"{count(head['ppl_active_last_day'])} / {count(head['ppl'])}")
row2[3].metric(t("overview_workforce"), count(head["officers"]))

row3 = st.columns(4)
per_ppl = head["families_per_active_ppl_day"]
row3[0].metric(t("overview_per_ppl_day"), "–" if pd.isna(per_ppl) else f"{float(per_ppl):.1f}")
finish = head["projected_finish"]
row3[1].metric(t("overview_finish"),
               t("overview_finish_none") if pd.isna(finish) else pd.Timestamp(finish).date().isoformat())

if snapshot.is_scaled_demo:
    st.caption(t("overview_workforce_scaled", pct=f"{snapshot.scale * 100:g}", officers=count(head["officers"]),
                 full=privacy.suppress_total(snapshot.workforce_full, scope)))
st.caption(t("overview_plan_note"))

table = areas.assign(
    link=lambda d: [f"/coverage?kab={code}" if level == "kab" else f"/coverage?kab={code[:4]}&kec={code}"
                    for code in d["area_code"]])
shown = privacy.suppress(table, ["target", "visited"], scope, rate_cols={"percent_visited": ("target", "visited"),
                                                                        "gap_to_plan": ("target", "visited")})
columns = ["area_name", "link", "percent_visited", "plan_percent", "gap_to_plan", "visited", "target"]
config = {
    "area_name": st.column_config.TextColumn(t("mon_col_area")),
    "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
    "plan_percent": st.column_config.NumberColumn(t("mon_col_plan"), format="%.1f"),
    "gap_to_plan": st.column_config.NumberColumn(t("mon_col_gap"), format="%+.1f"),
    "visited": t("mon_col_visited"),
    "target": t("mon_col_target"),
    "link": st.column_config.LinkColumn(t("mon_col_link"), display_text=t("mon_link_text")),
}
ranked = shown.assign(_gap=table["gap_to_plan"]).dropna(subset=["_gap"])
left, right = st.columns(2)
left.subheader(t("overview_behind_title"))
left.dataframe(ranked.nsmallest(5, "_gap")[columns], column_config=config, hide_index=True)
right.subheader(t("overview_ahead_title"))
right.dataframe(ranked.nlargest(5, "_gap")[columns], column_config=config, hide_index=True)
