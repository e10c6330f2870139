import streamlit as st

from regsosek import brief, export, facts, formats, settings, widgets
from regsosek.ui import page_setup
from regsosek.views import overview
from regsosek.views.overview import Finish

session = page_setup("overview")
t = session.t
st.title(t("page_overview_title"))
view = widgets.build_view(session, overview.build)
snapshot = session.snapshot
clock = view.timeline


def count(value: int | None) -> str:
    return formats.count(value, session.lang)


def percent(value: float | None) -> str:
    return formats.percent(value, session.lang)


def number(value: float | None) -> str:
    return formats.number(value, session.lang)


def area_table(frame, columns: tuple[str, ...]) -> None:
    labels = {"area_name": t("mon_col_area"), "link": t("mon_col_link"), "percent_visited": t("mon_col_percent"),
              "plan_percent": t("mon_col_plan"), "gap_to_plan": t("mon_col_gap"),
              "remaining": t("progress_col_not_reached"), "visited": t("mon_col_visited"),
              "target": t("mon_col_target")}
    config = {"link": st.column_config.LinkColumn(t("mon_col_link"), display_text=t("mon_link_text")),
              "percent_visited": st.column_config.Column(help=t("coverage_help_percent")),
              "plan_percent": st.column_config.Column(help=t("progress_help_plan")),
              "gap_to_plan": st.column_config.Column(help=t("progress_help_gap")),
              "target": st.column_config.Column(help=t("overview_help_target"))}
    widgets.table(frame, {c: labels[c] for c in columns}, lang=session.lang, counts=("remaining", "visited", "target"),
                  percents=("percent_visited", "plan_percent"), config=config)


if clock.visits_final:
    st.markdown(t("overview_headline_after", percent=percent(view.percent_visited), visited=count(view.visited),
                  target=count(view.target), not_done=count(view.areas_not_done), areas=count(view.areas)))
    st.info(t("overview_final_note", days=clock.days_after_close))
elif view.finish is None:
    st.markdown(t("overview_headline_before", start=formats.day(facts.CAMPAIGN_START, session.lang)))
    st.info(t("overview_before_note"))
else:
    st.markdown(t("overview_headline_during", percent=percent(view.percent_visited), visited=count(view.visited),
                  target=count(view.target), gap=formats.signed(view.gap_to_plan, session.lang),
                  plan=percent(view.plan_percent), behind=count(view.areas_behind_plan), areas=count(view.areas)))

row = st.columns(4)
if clock.visits_final:
    row[0].metric(t("overview_visited_final"), count(view.visited), help=t("overview_help_visited"))
    row[1].metric(t("overview_target"), count(view.target), help=t("overview_help_target"))
    row[2].metric(t("overview_final_percent"), percent(view.percent_visited), help=t("coverage_help_percent"))
    row[3].metric(t("overview_not_reached"), count(view.remaining), help=t("overview_help_remaining"))
else:
    row[0].metric(t("overview_visited"), count(view.visited), help=t("overview_help_visited"))
    row[1].metric(t("overview_target"), count(view.target), help=t("overview_help_target"))
    gap = None if view.gap_to_plan is None else t("overview_vs_plan",
                                                    gap=formats.signed(view.gap_to_plan, session.lang))
    row[2].metric(t("overview_percent"), percent(view.percent_visited), delta=gap, help=t("overview_help_percent"))
    row[3].metric(t("overview_remaining"), count(view.remaining), help=t("overview_help_remaining"))

row = st.columns(4)
row[0].metric(t("overview_days_elapsed"), f"{count(clock.days_elapsed)} / {count(clock.days_total)}",
              help=t("overview_help_days_elapsed"))
if clock.visits_final:
    row[1].metric(t("overview_not_done"), f"{count(view.areas_not_done)} / {count(view.areas)}",
                  help=t("overview_help_not_done"))
else:
    row[1].metric(t("overview_days_left"), count(clock.days_left), help=t("overview_help_days_left"))
row[2].metric(t("overview_ppl_active"), f"{count(view.ppl_active_last_day)} / {count(view.ppl)}",
              help=t("overview_help_ppl_active"))
row[3].metric(t("overview_workforce"), count(view.officers), help=t("overview_help_workforce"))

row = st.columns(4)
row[0].metric(t("overview_per_ppl_day"), number(view.families_per_active_ppl_day),
              help=t("overview_help_per_ppl_day"))
if view.finish is not None:
    row[1].metric(t("overview_behind"), f"{count(view.areas_behind_plan)} / {count(view.areas)}",
                  help=t("overview_help_behind"))
    row[2].metric(t("overview_pace"), number(view.pace), help=t("overview_help_pace", days=settings.PACE_WINDOW_DAYS))
    row[3].metric(t("overview_needed"),
                  t("overview_needed_none") if clock.days_left == 0 else number(view.needed_per_day),
                  help=t("overview_help_needed"))
    finish = {Finish.DONE: t("overview_finish_done"), Finish.NO_PACE: t("overview_finish_no_pace"),
              Finish.PROJECTED: formats.day(view.projected_finish, session.lang)}[view.finish]
    st.columns(4)[0].metric(t("overview_finish"), finish, help=t("overview_help_finish"))
    if view.finish == Finish.NO_PACE:
        st.caption(t("overview_finish_no_pace_note", days=settings.PACE_WINDOW_DAYS))

if not view.days.empty:
    st.plotly_chart(widgets.progress_chart(view.days, view.plan_line, lang=session.lang, actual=t("progress_actual"),
                                           plan=t("progress_plan"), end_label=t("progress_field_end"),
                                           title=t("overview_progress_title"), height=320),
                    width="stretch", config=widgets.CHART_CONFIG)

st.subheader(t("overview_documents"))
row = st.columns(4)
for column, (stage, value) in zip(row, view.documents.items()):
    column.metric(t(f"progress_stage_{stage}"), count(value), help=t("overview_help_stage"))

if view.scale_percent is not None:
    st.caption(t("overview_workforce_scaled", pct=number(view.scale_percent), officers=count(view.officers),
                 full=count(view.workforce_full)))

n = settings.RANKED_AREAS
if clock.visits_final:
    st.subheader(t("overview_not_done_title", n=n))
    if view.not_done.empty:
        st.info(t("overview_not_done_none"))
    else:
        area_table(view.not_done, overview.FINAL_COLUMNS)
elif view.finish is not None:
    st.caption(t("overview_plan_note"))
    left, right = st.columns(2)
    for column, frame, title, none in ((left, view.behind, "overview_behind_title", "overview_behind_none"),
                                       (right, view.ahead, "overview_ahead_title", "overview_ahead_none")):
        with column:
            st.subheader(t(title, n=n))
            if frame.empty:
                st.info(t(none))
            else:
                area_table(frame, overview.DURING_COLUMNS)

if view.follow_up is not None:
    st.subheader(t("overview_follow_up_title"))
    totals = view.follow_up_totals
    today = formats.day(view.today, session.lang)
    row = st.columns(4)
    row[0].metric(t("tasks_metric_tasks"), count(totals.tasks), help=t("tasks_help_tasks"))
    row[1].metric(t("tasks_metric_closed"), count(totals.closed), help=t("tasks_help_closed"))
    row[2].metric(t("tasks_metric_overdue"), count(totals.overdue), help=t("tasks_help_overdue", today=today))
    if "closure_rate" in view.follow_up:
        row[3].metric(t("tasks_metric_closure_rate"), percent(totals.closure_rate), help=t("tasks_help_closure_rate"))
    if len(view.follow_up) == 1 and "link" in view.follow_up:
        st.markdown(f"[{t('overview_follow_up_link')}]({view.follow_up['link'].iloc[0]})")
    if totals.tasks == 0:
        st.info(t("overview_follow_up_none"))
    elif len(view.follow_up) > 1:
        labels = {c: t(f"tasks_col_{c}") for c in view.follow_up.columns if c != "link"}
        if "link" in view.follow_up:
            labels = {"kab_name": labels.pop("kab_name"), "link": t("mon_col_link"), **labels}
            st.caption(t("overview_follow_up_order"))
        else:
            st.caption(t("tasks_counts_only"))
        widgets.table(view.follow_up, labels, lang=session.lang, percents=("closure_rate",),
                      config={"link": st.column_config.LinkColumn(t("mon_col_link"),
                                                                  display_text=t("overview_follow_up_link")),
                              "tasks": st.column_config.Column(help=t("tasks_help_tasks")),
                              "closed": st.column_config.Column(help=t("tasks_help_closed")),
                              "overdue": st.column_config.Column(help=t("tasks_help_overdue", today=today)),
                              "closure_rate": st.column_config.Column(help=t("tasks_help_closure_rate"))},
                      width="stretch")

if view.brief_area is not None:
    area = view.brief_area
    st.subheader(t("overview_brief_title", area=view.brief_area_name or t("brief_province")))
    pdf_col, png_col = st.columns(2)
    for column, fmt in ((pdf_col, "pdf"), (png_col, "png")):
        export.offer(column, t(f"cond_brief_{fmt}"), brief.pending(session.scope, snapshot, area, session.lang, fmt),
                     "overview", key=f"overview_brief_{fmt}", details={"brief": area, "format": fmt},
                     help=t("cond_brief_note"))
