import plotly.graph_objects as go
import streamlit as st

from regsosek import formats, settings, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params
from regsosek.views import progress

session = page_setup("progress")
t = session.t
st.title(t("page_progress_title"))
widgets.require_snapshot(session)
view = widgets.build_view(session, progress.build,
                          area=query_param("area", None, allowed=lambda v: v.isdigit() and len(v) <= 10),
                          compare=query_param("compare", None, allowed=lambda v: len(v) <= 40))
set_query_params(area=view.area, compare=view.compare_id)
col = st.column_config.Column

options = ["", *view.area_options]
names = {"": t("progress_all_area"), **view.area_options}
widgets.url_select(t("progress_pick_area"), options, key="progress_area", param="area", current=view.area or "",
                   format_func=names.__getitem__)
if view.merges_small_days:
    st.caption(t("progress_suppressed_note"))

days = view.days
lang = session.lang
axis_days = [*days["day"], *view.plan_line["day"]]


def by_day(figure: go.Figure, value_format: str, **layout: object) -> go.Figure:
    """Dates on the x axis and in the hover read as the language writes them; numbers too. Seven dates at
    most: they stand level on a phone, under the legend (twelve were tilted and ran into a legend of three rows)."""
    figure.update_traces(hovertemplate="%{customdata}: %{y:" + value_format + "}<extra>%{fullData.name}</extra>")
    figure.update_layout(xaxis=formats.date_axis(axis_days, lang, most=7), margin={"b": 10}, **layout)
    return widgets.readable(figure, lang)


def when(frame) -> list[str]:
    return formats.hover_dates(frame["day"], lang)


cumulative = widgets.progress_chart(days, view.plan_line, lang=lang, actual=t("progress_actual"),
                                    plan=t("progress_plan"), end_label=t("progress_field_end"),
                                    title=t("progress_cum_title"))
st.plotly_chart(cumulative, width="stretch", config=widgets.CHART_CONFIG)

stages = ("visited", *progress.STAGES)


def daily_chart() -> go.Figure:
    return by_day(go.Figure([go.Bar(name=t("mon_col_visited"), x=days["day"], y=days["visits"].astype("float64"),
                                    customdata=when(days))]),
                  ",d", title=t("progress_daily_title"), yaxis={"tickformat": ",d"}, height=300)


def pipeline_chart() -> go.Figure:
    return by_day(go.Figure([go.Scatter(name=t(f"progress_stage_{stage}"), x=days["day"],
                                        y=days[stage].astype("float64"), mode="lines", customdata=when(days))
                             for stage in stages]),
                  ",d", title=t("progress_pipeline_title"), yaxis={"tickformat": ",d"}, height=340,
                  legend={"orientation": "h"})


# Each chart is kept per distinct input: its series, the plan days on its axis, the language.
axis = view.plan_line[["day"]]
st.plotly_chart(widgets.kept_figure(daily_chart, "progress_daily", days[["day", "visits"]], axis, lang),
                width="stretch", config=widgets.CHART_CONFIG)
st.plotly_chart(widgets.kept_figure(pipeline_chart, "progress_pipeline", days[["day", *stages]], axis, lang),
                width="stretch", config=widgets.CHART_CONFIG)

widgets.table(days, {"day": t("progress_day"), "visits": t("progress_daily_title"),
                     "visited": t("progress_stage_visited"), "percent_visited": t("mon_col_percent"),
                     "plan_percent": t("mon_col_plan"),
                     **{stage: t(f"progress_stage_{stage}") for stage in progress.STAGES}},
              lang=lang, counts=("visits", *stages), percents=("percent_visited", "plan_percent"),
              config={"visits": col(help=t("progress_help_visits")), "plan_percent": col(help=t("progress_help_plan")),
                      **{stage: col(help=t("progress_help_cumulative")) for stage in stages}})

if view.timeline.visits_final:
    st.subheader(t("progress_final_title"))
    st.caption(t("progress_final_note"))
    labels = {"area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
              "visited": t("mon_col_visited"), "percent_visited": t("mon_col_percent"),
              "remaining": t("progress_col_not_reached")}
else:
    st.subheader(t("progress_forecast_title"))
    st.caption(t("progress_forecast_note"))
    labels = {"area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
              "visited": t("mon_col_visited"), "percent_visited": t("mon_col_percent"),
              "plan_percent": t("mon_col_plan"), "gap_to_plan": t("mon_col_gap"),
              "remaining": t("mon_col_remaining"), "needed_per_day": t("mon_col_needed"),
              "pace": t("mon_col_pace"), "projected_finish": t("mon_col_finish"), "at_risk": t("mon_col_at_risk")}
widgets.table(view.forecast, labels, lang=lang, counts=("target", "visited", "remaining"),
              percents=("percent_visited", "plan_percent"), config={
    "target": col(help=t("overview_help_target")), "visited": col(help=t("overview_help_visited")),
    "plan_percent": col(help=t("progress_help_plan")), "gap_to_plan": col(help=t("progress_help_gap")),
    "needed_per_day": col(help=t("progress_help_needed")),
    "pace": col(help=t("overview_help_pace", days=settings.PACE_WINDOW_DAYS)),
    "projected_finish": col(help=t("progress_help_finish")), "at_risk": col(help=t("progress_help_at_risk"))})

st.subheader(t("progress_compare_title"))
if view.change is None:
    st.info(t("progress_compare_none"))
    st.stop()
snapshot_ids = list(view.compare_options)
widgets.url_select(t("progress_compare_pick"), snapshot_ids, key="progress_compare", param="compare",
                   current=view.compare_id,
                   format_func=lambda sid: f"{formats.day(view.compare_options[sid], lang)} ({sid})")
earlier, later = formats.day(view.earlier_as_of, lang), formats.day(view.later_as_of, lang)
widgets.table(view.change, {
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
    "visited_then": t("progress_col_then", as_of=earlier), "visited_now": t("progress_col_now", as_of=later),
    "delta": t("progress_col_delta"), "percent_then": t("progress_col_percent_then", as_of=earlier),
    "percent_now": t("progress_col_percent_then", as_of=later)},
    lang=lang, counts=("target", "visited_then", "visited_now", "delta"), percents=("percent_then", "percent_now"),
    config={"delta": col(help=t("progress_help_delta"))})
