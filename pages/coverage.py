import plotly.graph_objects as go
import streamlit as st

from regsosek import facts, formats, settings, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param
from regsosek.views import coverage

session = page_setup("coverage")
t = session.t
lang = session.lang
st.title(t("page_coverage_title"))
widgets.require_snapshot(session)


def code(name: str, digits: int) -> str | None:
    return query_param(name, None, allowed=lambda v: v.isdigit() and len(v) == digits)


view = widgets.build_view(session, coverage.build, kab=code("kab", 4), kec=code("kec", 6), desa=code("desa", 10))
col = st.column_config.Column
if view.outside_scope:
    st.warning(t("coverage_outside_scope"))


def pick(label_key: str, options: dict[str, str], current: str | None, param: str, clears: tuple[str, ...]) -> None:
    names = {"": t("coverage_all"), **options}
    widgets.url_select(t(label_key), list(names), key=f"coverage_{param}", param=param, current=current or "",
                       format_func=names.__getitem__, clears=clears)


pickers = st.columns(3)
with pickers[0]:
    if view.kab_options:
        pick("coverage_pick_kab", view.kab_options, view.kab, "kab", ("kec", "desa"))
    else:
        st.markdown(f"**{t('coverage_pick_kab')}**: {view.kab_name}")
if view.kec_options:
    with pickers[1]:
        pick("coverage_pick_kec", view.kec_options, view.kec, "kec", ("desa",))
if view.desa_options:
    with pickers[2]:
        pick("coverage_pick_desa", view.desa_options, view.desa, "desa", ())

outcomes = {o: t(f"mon_col_{o}") for o in facts.OUTCOMES}
if view.sls is not None:
    st.subheader(t("coverage_sls_table"))
    widgets.table(view.sls, {"sls_id": t("coverage_col_sls"), "rt": t("coverage_col_rt"), "rw": t("coverage_col_rw"),
                             "ppl_id": t("coverage_col_ppl"), "target": t("mon_col_target"),
                             "visited": t("mon_col_visited"), "percent_visited": t("mon_col_percent"), **outcomes},
                  lang=lang, counts=("target", "visited", *facts.OUTCOMES), percents=("percent_visited",))

st.subheader(t("coverage_table"))
widgets.table(view.table, {
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
    "visited": t("mon_col_visited"), "percent_visited": t("mon_col_percent"), **outcomes,
    "ppl_assigned": t("mon_col_ppl_assigned"), "ppl_active_last_day": t("mon_col_ppl_active"),
    "families_per_ppl": t("mon_col_families_per_ppl")}, lang=lang, counts=coverage.TABLE_COUNTS,
    percents=("percent_visited",), config={
    "target": col(help=t("coverage_help_target")), "visited": col(help=t("coverage_help_visited")),
    "percent_visited": col(help=t("coverage_help_percent")),
    **{o: col(help=t("coverage_help_outcome")) for o in facts.OUTCOMES},
    "ppl_assigned": col(help=t("coverage_help_ppl_assigned")),
    "ppl_active_last_day": col(help=t("coverage_help_ppl_active")),
    "families_per_ppl": col(help=t("coverage_help_families_per_ppl"))})

chart = view.chart


def gap_chart() -> go.Figure:
    """The gap to plan, in points, per area: at 97% visited every absolute bar looks the same."""
    behind = chart["gap_to_plan"] < 0
    figure = go.Figure(go.Bar(
        x=chart["gap_to_plan"], y=chart["area_name"], orientation="h",
        marker={"color": [widgets.VERMILLION if b else widgets.BLUE for b in behind]},
        customdata=[[formats.percent(p, lang), formats.signed(g, lang)] for p, g in
                    zip(chart["percent_visited"], chart["gap_to_plan"])],
        texttemplate="%{customdata[0]}", textposition="auto", insidetextfont={"color": "#ffffff"},
        hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]})<extra></extra>"))
    figure.add_vline(x=0, line={"color": widgets.TEXT, "width": 2})
    figure.update_layout(height=max(240, 40 + 22 * len(chart)), margin={"t": 10, "b": 10, "l": 10, "r": 10},
                         xaxis={"title": t("coverage_chart_axis"), "zeroline": False},
                         yaxis={"autorange": "reversed", "automargin": True})
    return widgets.readable(figure, lang)


if not chart.empty:
    st.markdown(f"**{t('coverage_chart_title', plan=formats.percent(view.plan_percent, lang))}**")
    st.plotly_chart(widgets.kept_figure(gap_chart, "coverage_gap", chart[["area_name", "gap_to_plan",
                                                                           "percent_visited"]],
                                        lang, t("coverage_chart_axis")),
                    width="stretch", config=widgets.CHART_CONFIG)

st.subheader(t("coverage_flags"))
st.caption(t("coverage_flags_note", tolerance=formats.number(settings.ESTIMATE_TOLERANCE_PERCENT, lang, digits=0)))
if not view.estimate_shown:
    st.caption(t("coverage_estimate_only_kab"))
if view.flags.empty:
    st.info(t("coverage_flags_none"))
else:
    widgets.table(view.flags, {
        "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
        "visited": t("mon_col_visited"), "percent_visited": t("mon_col_percent"), "sls": t("coverage_col_sls"),
        "sls_not_started": t("coverage_col_sls_not_started"), "over_target": t("coverage_col_over_target"),
        **({"estimate": t("coverage_col_estimate"), "estimate_diff_percent": t("coverage_col_estimate_diff"),
            "departs_from_estimate": t("coverage_col_departs")} if view.estimate_shown else {})},
        lang=lang, counts=("target", "visited", "sls", "sls_not_started"),
        percents=("percent_visited", "estimate_diff_percent"), config={
        "sls_not_started": col(help=t("coverage_help_sls_not_started")),
        "estimate": col(help=t("coverage_help_estimate")),
        "estimate_diff_percent": col(help=t("coverage_help_estimate_diff"))})

st.subheader(t("coverage_workforce"))
st.caption(t("coverage_workforce_note", limit=formats.integer(settings.THIN_FAMILIES_PER_PPL, lang)))
st.caption(t("coverage_workforce_vs_target"))
widgets.table(view.workforce, {
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "koseka": t("coverage_col_koseka"),
    "pml": t("coverage_col_pml"), "ppl": t("coverage_col_ppl"), "ppl_dropped_out": t("coverage_col_ppl_dropped"),
    "ppl_working": t("coverage_col_ppl_working"), "ppl_active_last_day": t("mon_col_ppl_active"),
    "workload": t("coverage_col_workload"), "families_per_ppl": t("mon_col_families_per_ppl"),
    "remaining_per_ppl": t("coverage_col_remaining_per_ppl"), "thin": t("coverage_col_thin")},
    lang=lang, counts=("koseka", "pml", "ppl", "ppl_dropped_out", "ppl_working", "ppl_active_last_day", "workload"),
    config={
    "ppl_active_last_day": col(help=t("overview_help_ppl_active")),
    "workload": col(help=t("coverage_help_workload")),
    "families_per_ppl": col(help=t("coverage_help_families_per_working_ppl")),
    "remaining_per_ppl": col(help=t("coverage_help_remaining_per_ppl"))})
