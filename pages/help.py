from datetime import date

import streamlit as st

from regsosek import formats, help, privacy, store, widgets
from regsosek.ui import page_setup
from regsosek.views import reach
from regsosek.views import targets as targets_view

session = page_setup("help")
t = session.t
st.title(t("page_help_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("help_intro"))

view = widgets.build_view(session, reach.build, picked_list=st.session_state.get("help_list"),
                          tick_page=st.session_state.get("help_tick_page", 1))
desil = view.poorest_desil_max


def _count(value: int | None) -> str:
    return formats.count(value, session.lang)


def _help_text(column: str) -> str:
    return t(f"help_help_{column}", desil=desil) if column in reach.POOREST_COUNTS else t(f"help_help_{column}")


headline = ("families", "by_partner", "by_programme", "by_neither", "unreached")
for col, column in zip(st.columns(len(headline)), headline):
    col.metric(t(f"help_col_{column}"), _count(view.totals[column]), help=_help_text(column))

st.subheader(t("help_reach_title"))
# Two narrow tables, each led by the area's name (kept in view by widgets.table), so that a phone shows a
# name beside its numbers.
name = {"area_name": t("help_col_area_name")}
for title, counts in ((t("help_all_title"), reach.REACH_COUNTS),
                      (t("help_poorest_title", desil=desil), reach.POOREST_COUNTS)):
    st.markdown(f"**{title}**")
    widgets.table(view.by_area, name | {c: t(f"help_col_{c}") for c in counts}, lang=session.lang,
                  counts=counts, width="stretch",
                  config={c: st.column_config.Column(help=_help_text(c)) for c in counts})

if not view.records_help:
    st.stop()

MESSAGE = "help_message"


def _outcome(outcome: help.Outcome) -> None:
    if outcome.ok:
        st.session_state[MESSAGE] = ("ok", t("help_recorded", count=_count(outcome.recorded)), None)
    else:
        st.session_state[MESSAGE] = ("refused", t("help_refused"), reach.report(outcome, session.lang))


def _record_ticked() -> None:
    picked = st.session_state.get("help_tick") or []
    day = st.session_state.get("help_date")
    try:
        _outcome(reach.record_ticked(session.scope, snapshot, list(picked), kind=st.session_state.get("help_kind"),
                                     day=day.isoformat() if isinstance(day, date) else "",
                                     value=str(st.session_state.get("help_value") or "")))
    except store.Unavailable:
        st.session_state[MESSAGE] = ("refused", t("store_unavailable"), None)
    else:
        st.session_state["help_tick"] = []


def _record_upload() -> None:
    uploaded = st.session_state.get("help_file")
    if uploaded is None:
        return
    try:
        _outcome(reach.record_upload(session.scope, snapshot, uploaded.getvalue()))
    except store.Unavailable:
        st.session_state[MESSAGE] = ("refused", t("store_unavailable"), None)


st.subheader(t("help_record_title"))
st.caption(t("help_record_intro"))
# A choice kept in the session, not tabs: a message above would re-create tabs and show the first one again.
source = st.radio(t("help_source"), ("list", "upload"), key="help_source", horizontal=True,
                  format_func=lambda s: t(f"help_tab_{s}"))
if source == "list":
    if not view.saved:
        st.info(t("help_no_lists"))
    else:
        names = {s.list_id: s.name for s in view.saved}
        st.session_state["help_list"] = view.picked_list
        st.selectbox(t("help_pick_list"), list(names), key="help_list", format_func=names.get)
        if view.tick_rows is None:
            st.info(t("help_list_empty"))
        else:
            st.session_state["help_tick_page"] = view.tick_page
            st.number_input(t("help_tick_page", pages=view.tick_pages), 1, view.tick_pages, key="help_tick_page")
            widgets.table(targets_view.readable_rows(view.tick_rows, session.lang),
                          targets_view.row_labels(view.tick_rows.columns, session.lang), lang=session.lang,
                          width="stretch")
            people = {row.family_pseudonym: f"{row.family_pseudonym} · {row.head_initials} · {row.desa_name}"
                                            f" · RT {row.rt}/RW {row.rw}" for row in view.tick_rows.itertuples()}
            st.multiselect(t("help_tick"), list(people), key="help_tick", format_func=people.get,
                           placeholder=t("targets_choose"))
            cols = st.columns(3)
            cols[0].selectbox(t("help_kind"), list(view.kinds), key="help_kind",
                              format_func=lambda k: t(f"help_kind_{k}"))
            cols[1].date_input(t("help_date"), key="help_date", format="YYYY-MM-DD")
            cols[2].number_input(t("help_value"), min_value=0, step=50_000, key="help_value")
            st.button(t("help_record"), key="help_record", type="primary", on_click=_record_ticked)
else:
    st.file_uploader(t("help_upload_file"), type=["csv"], key="help_file", help=t("help_upload_help"))
    st.button(t("help_upload_button"), key="help_upload", type="primary", on_click=_record_upload)
    st.download_button(t("help_template"), help.template_csv(), file_name="contoh_catatan_bantuan.csv",
                       mime="text/csv", key="help_template")
if message := st.session_state.pop(MESSAGE, None):
    kind, text, problems = message
    (st.success if kind == "ok" else st.error)(text)
    if problems is not None and not problems.empty:
        st.markdown(f"**{t('help_report_title')}**")
        widgets.table(problems, {"line": t("help_report_line"), "column": t("help_report_column"),
                                 "problem": t("help_report_problem")}, lang=session.lang, width="stretch")

st.subheader(t("help_own_title"))
st.metric(t("help_own_families"), _count(view.own_families))
if view.own_records is None or view.own_records.empty:
    st.caption(t("help_own_none"))
else:
    records = view.own_records.assign(kind=view.own_records["kind"].map(lambda k: t(f"help_kind_{k}")),
                                      recorded_at=view.own_records["recorded_at"].map(
                                          lambda v: formats.timestamp(v, session.lang)))
    widgets.table(records, {c: t(f"help_col_{c}") for c in reach.RECORD_COLUMNS}, lang=session.lang,
                  width="stretch")

st.subheader(t("help_elsewhere_title"))
figures = [(t("help_elsewhere_helped"), view.helped_elsewhere)]
if view.list_elsewhere is not None:
    figures.append((t("help_elsewhere_list", name={s.list_id: s.name for s in view.saved}[view.picked_list]),
                    view.list_elsewhere))
for col, (label, figure) in zip(st.columns(len(figures)), figures):
    note = t("help_elsewhere_note", min=figure.min_families, step=figure.rounding)
    if figure.own_too_small:
        col.metric(label, "–", help=note)
        col.caption(t("help_elsewhere_too_small", min=figure.min_families))
    else:
        shown = (privacy.SUPPRESSED if figure.families is None
                 else t("help_elsewhere_at_least", count=_count(figure.families)))
        col.metric(label, shown, help=note)
