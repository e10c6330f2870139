import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from regsosek import db, facts, privacy, warehouse
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

session = page_setup("progress")
st.title(session.t("page_progress_title"))
t = session.t
scope, snapshot = session.scope, session.snapshot
if snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()

STAGES = ("visited", "pml_checked", "received", "entered", "validated")
level = "kec" if len(scope.kab_codes) == 1 else "kab"


def run(name: str, snapshot_id: str | None = None, **params: object) -> pd.DataFrame:
    return db.cached_run(name, scope, snapshot_id or snapshot.snapshot_id, **params)


def shown_numbers(raw: pd.DataFrame, shown: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Numbers for a chart: what a table would hide is left out of the chart too."""
    out = raw.copy()
    for col in cols:
        out[col] = raw[col].astype("float64").where(shown[col] != privacy.SUPPRESSED)
    return out


try:
    forecast = run("forecast_by_area", level=level, parent=None)
except (duckdb.Error, db.UnknownSnapshot):
    st.warning(t("mon_data_unavailable"))
    st.stop()

area_names = dict(zip(forecast["area_code"], forecast["area_name"]))
area = query_param("area", None, allowed=set(area_names))
options = [""] + list(area_names)
area_names[""] = t("progress_all_area")


def on_area_change() -> None:
    set_query_params(area=st.session_state["progress_area"] or None)


st.selectbox(t("progress_pick_area"), options, index=options.index(area or ""), format_func=area_names.__getitem__,
             key="progress_area", on_change=on_area_change)

days = run("pipeline_by_day", area_code=area)
days_shown = privacy.suppress(days, ["visits", *STAGES], scope)
chart = shown_numbers(days, days_shown, ["visits", *STAGES])

cumulative = go.Figure([
    go.Scatter(name=t("progress_actual"), x=chart["day"], y=days["percent_visited"], mode="lines+markers"),
    go.Scatter(name=t("progress_plan"), x=[*chart["day"], facts.CAMPAIGN_END], y=[*days["plan_percent"], 100.0],
               mode="lines", line={"dash": "dash"}, connectgaps=False),
])
cumulative.update_layout(title=t("progress_cum_title"), yaxis={"ticksuffix": "%"}, height=340,
                         margin={"b": 10}, legend={"orientation": "h"})
st.plotly_chart(cumulative, width="stretch")

daily = go.Figure([go.Bar(name=t("mon_col_visited"), x=chart["day"], y=chart["visits"])])
daily.update_layout(title=t("progress_daily_title"), height=300, margin={"b": 10})
st.plotly_chart(daily, width="stretch")

pipeline = go.Figure([go.Scatter(name=t(f"progress_stage_{stage}"), x=chart["day"], y=chart[stage], mode="lines")
                      for stage in STAGES])
pipeline.update_layout(title=t("progress_pipeline_title"), height=340, margin={"b": 10},
                       legend={"orientation": "h"})
st.plotly_chart(pipeline, width="stretch")

st.dataframe(days_shown, hide_index=True, column_config={
    "day": st.column_config.DateColumn(t("progress_day")), "visits": t("progress_daily_title"),
    "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
    "plan_percent": st.column_config.NumberColumn(t("mon_col_plan"), format="%.1f"),
    **{stage: t(f"progress_stage_{stage}") for stage in STAGES}, "target": t("mon_col_target")})

st.subheader(t("progress_forecast_title"))
st.caption(t("progress_forecast_note"))
forecast_shown = privacy.suppress(forecast, ["target", "visited", "remaining"], scope, rate_cols={
    "percent_visited": ("target", "visited"), "gap_to_plan": ("target", "visited"),
    "needed_per_day": ("remaining",), "pace_7_days": ("remaining",)})
st.dataframe(forecast_shown.sort_values(["at_risk", "gap_to_plan"], ascending=[False, True]), hide_index=True,
             column_config={
                 "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
                 "visited": t("mon_col_visited"),
                 "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
                 "plan_percent": st.column_config.NumberColumn(t("mon_col_plan"), format="%.1f"),
                 "gap_to_plan": st.column_config.NumberColumn(t("mon_col_gap"), format="%+.1f"),
                 "remaining": t("mon_col_remaining"),
                 "needed_per_day": st.column_config.NumberColumn(t("mon_col_needed"), format="%.1f"),
                 "pace_7_days": st.column_config.NumberColumn(t("mon_col_pace"), format="%.1f"),
                 "projected_finish": st.column_config.DateColumn(t("mon_col_finish")),
                 "at_risk": st.column_config.CheckboxColumn(t("mon_col_at_risk"))})

st.subheader(t("progress_compare_title"))
others = [s for s in warehouse.list_snapshots() if s.snapshot_id != snapshot.snapshot_id]
if not others:
    st.info(t("progress_compare_none"))
    st.stop()
other_ids = [s.snapshot_id for s in others]
other_id = query_param("compare", other_ids[0], allowed=set(other_ids))
other = next(s for s in others if s.snapshot_id == other_id)


def on_compare_change() -> None:
    set_query_params(compare=st.session_state["progress_compare"])


st.selectbox(t("progress_compare_pick"), other_ids, index=other_ids.index(other_id),
             format_func=lambda sid: f"{warehouse.get(sid).as_of.isoformat()} ({sid})", key="progress_compare",
             on_change=on_compare_change)
parent = None if level == "kab" else scope.kab_codes[0]
then = run("coverage_by_area", snapshot_id=other_id, level=level, parent=parent)
change = run("snapshot_change_by_area", level=level, parent=parent, then_codes=list(then["area_code"]),
             then_visited=[int(v) for v in then["visited"]])
change_shown = privacy.suppress(change, ["target", "visited_then", "visited_now", "delta"], scope, rate_cols={
    "percent_then": ("target", "visited_then"), "percent_now": ("target", "visited_now")})
st.dataframe(change_shown, hide_index=True, column_config={
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
    "visited_then": t("progress_col_then", as_of=other.as_of.isoformat()),
    "visited_now": t("progress_col_now", as_of=snapshot.as_of.isoformat()),
    "delta": t("progress_col_delta"),
    "percent_then": st.column_config.NumberColumn(f"% ({other.as_of.isoformat()})", format="%.1f"),
    "percent_now": st.column_config.NumberColumn(f"% ({snapshot.as_of.isoformat()})", format="%.1f")})
