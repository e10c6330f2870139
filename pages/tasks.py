import streamlit as st

from regsosek import formats, store, tasks, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param
from regsosek.views import tasks as tasks_view

session = page_setup("tasks")
t = session.t
st.title(t("page_tasks_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("tasks_intro"))

kab = widgets.kab_picker(session, "tasks_kab")
kind = query_param("temuan", tasks_view.FINDING_KINDS[0], allowed=tasks_view.FINDING_KINDS)
officer = query_param("petugas", None, allowed=lambda value: value.isascii())
view = widgets.build_view(session, tasks_view.build, kab=kab, kind=kind, officer=officer)

MESSAGE = "tasks_message"
if message := st.session_state.pop(MESSAGE, None):
    (st.success if message[0] == "ok" else st.error)(message[1])

totals = view.totals
cols = st.columns(5)
cols[0].metric(t("tasks_metric_tasks"), formats.integer(totals.tasks, session.lang), help=t("tasks_help_tasks"))
cols[1].metric(t("tasks_metric_open"), formats.integer(totals.open, session.lang), help=t("tasks_help_open"))
cols[2].metric(t("tasks_metric_overdue"), formats.integer(totals.overdue, session.lang),
               help=t("tasks_help_overdue", today=formats.day(view.today, session.lang)))
cols[3].metric(t("tasks_metric_closed"), formats.integer(totals.closed, session.lang), help=t("tasks_help_closed"))
cols[4].metric(t("tasks_metric_closure_rate"), formats.percent(totals.closure_rate, session.lang),
               help=t("tasks_help_closure_rate"))

summary_labels = {c: t(f"tasks_col_{c}") for c in tasks_view.SUMMARY_COLUMNS}
widgets.table(view.summary, summary_labels, lang=session.lang, percents=("closure_rate",),
              config={"closure_rate": st.column_config.Column(help=t("tasks_help_closure_rate")),
                      "overdue": st.column_config.Column(help=t("tasks_help_overdue",
                                                                today=formats.day(view.today, session.lang)))},
              width="stretch")
if not view.acts:
    st.caption(t("tasks_counts_only"))
    st.stop()


def kind_label(code: str) -> str:
    return t(f"tasks_kind_{code}")


def status_label(code: object) -> str:
    return t(f"tasks_status_{code}") if isinstance(code, str) else t("tasks_no_task")


def say(ok: bool, text: str) -> None:
    st.session_state[MESSAGE] = ("ok" if ok else "error", text)


tabs = st.tabs([t("tasks_tab_findings"), t("tasks_tab_list"), t("tasks_tab_officers")])

with tabs[0]:
    if view.findings is None:
        st.info(t("tasks_pick_regency"))
    else:
        widgets.url_select(t("tasks_finding_kind"), tasks_view.FINDING_KINDS, key="tasks_kind", param="temuan",
                           current=view.finding_kind, format_func=kind_label)
        findings = view.findings.assign(task_status=view.findings["task_status"].map(status_label))
        finding_labels = {c: t(f"tasks_col_{c}") for c in tasks_view.FINDING_COLUMNS if c != "finding_key"}
        finding_labels.pop("finding_kind")
        if findings.empty:
            st.info(t("mon_none"))
        else:
            widgets.table(findings, finding_labels, lang=session.lang, width="stretch")
            st.subheader(t("tasks_create_title"))
            suggested = dict(zip(view.findings["finding_key"], view.findings["suggested_id"]))
            # Option labels stay the same when a task is made or moves on: the browser sends back the label it
            # shows, and a label that changed in between would no longer match any option.
            subjects = {row.finding_key: f"{row.subject} ({row.detail})" for row in view.findings.itertuples()}
            assignee_options = list(view.assignees)

            def on_finding_change() -> None:
                proposal = suggested.get(st.session_state.get("tasks_finding"))
                if proposal in view.assignees:
                    st.session_state["tasks_assignee"] = proposal

            if st.session_state.get("tasks_finding") not in subjects:
                st.session_state["tasks_finding"] = next(iter(subjects))
                on_finding_change()
            st.selectbox(t("tasks_finding"), list(subjects), key="tasks_finding", format_func=subjects.get,
                         on_change=on_finding_change)
            if st.session_state.get("tasks_assignee") not in view.assignees:
                st.session_state["tasks_assignee"] = None
            st.selectbox(t("tasks_assignee"), assignee_options, key="tasks_assignee", format_func=view.assignees.get,
                         placeholder=t("tasks_assignee_pick"))
            st.date_input(t("tasks_due"), value=view.default_due, min_value=view.today, key="tasks_due",
                          format="DD/MM/YYYY")
            st.text_area(t("tasks_note"), key="tasks_note", max_chars=tasks.NOTE_MAX)

            def on_create() -> None:
                assignee = st.session_state.get("tasks_assignee")
                if not assignee:
                    say(False, t("tasks_assignee_missing"))
                    return
                try:
                    task_id = tasks_view.create(session.scope, snapshot, kab=view.kab,
                                                finding_key=st.session_state["tasks_finding"],
                                                assignee_id=assignee, due=st.session_state["tasks_due"],
                                                note=st.session_state.get("tasks_note", ""))
                except tasks.TaskRefused:
                    say(False, t("tasks_refused"))
                except store.Unavailable:
                    say(False, t("store_unavailable"))
                else:
                    st.session_state["tasks_note"] = ""
                    say(True, t("tasks_created", task_id=task_id))

            st.button(t("tasks_create"), key="tasks_create", on_click=on_create, type="primary")

with tabs[1]:
    officer_options = ["", *view.by_officer["assignee_id"]]
    names = dict(zip(view.by_officer["assignee_id"], view.by_officer["assignee_name"]))
    widgets.url_select(t("tasks_officer"), officer_options, key="tasks_officer", param="petugas",
                       current=view.officer if view.officer in officer_options else "",
                       format_func=lambda code: f"{code} · {names[code]}" if code else t("tasks_all_officers"))
    if view.tasks.empty:
        st.info(t("tasks_none"))
    else:
        listed = view.tasks.assign(status=view.tasks["status"].map(status_label),
                                   finding_kind=view.tasks["finding_kind"].map(kind_label))
        list_labels = {c: t(f"tasks_col_{c}") for c in tasks_view.TASK_LIST_COLUMNS}
        widgets.table(listed, list_labels, lang=session.lang, width="stretch",
                      config={"overdue": st.column_config.Column(
                          help=t("tasks_help_overdue", today=formats.day(view.today, session.lang)))})
        movable = view.tasks[view.tasks["status"] != tasks.STATUSES[-1]]
        st.subheader(t("tasks_advance_title"))
        if movable.empty:
            st.info(t("tasks_all_verified"))
        else:
            steps = {int(row.task_id): t("tasks_advance_option", task_id=int(row.task_id), label=row.finding_label)
                     for row in movable.itertuples()}
            moves = {int(row.task_id): t("tasks_advance_step", status=status_label(row.status),
                                         next=status_label(tasks.next_status(row.status)))
                     for row in movable.itertuples()}
            st.selectbox(t("tasks_task"), list(steps), key="tasks_task", format_func=steps.get)
            if st.session_state.get("tasks_task") in moves:
                st.caption(moves[st.session_state["tasks_task"]])
            st.text_input(t("tasks_advance_note"), key="tasks_advance_note", max_chars=tasks.NOTE_MAX)

            def on_advance() -> None:
                task_id = st.session_state.get("tasks_task")
                try:
                    status = tasks_view.advance(session.scope, int(task_id),
                                                st.session_state.get("tasks_advance_note", ""))
                except (tasks.TaskRefused, tasks.TaskNotFound, TypeError, ValueError):
                    say(False, t("tasks_refused"))
                except store.Unavailable:
                    say(False, t("store_unavailable"))
                else:
                    st.session_state["tasks_advance_note"] = ""
                    say(True, t("tasks_advanced", task_id=task_id, status=status_label(status)))

            st.button(t("tasks_advance"), key="tasks_advance", on_click=on_advance, type="primary")
            chosen = st.session_state.get("tasks_task")
            if chosen in steps:
                history = tasks_view.history(session.scope, chosen)
                history = history.assign(status=history["status"].map(status_label),
                                         time=history["time"].map(lambda v: formats.timestamp(v, session.lang)))
                st.caption(t("tasks_history"))
                widgets.table(history, {c: t(f"tasks_event_{c}") for c in ("status", "username", "time", "note")},
                              lang=session.lang, width="stretch")

with tabs[2]:
    if view.by_officer.empty:
        st.info(t("tasks_none"))
    else:
        widgets.table(view.by_officer, {c: t(f"tasks_col_{c}") for c in tasks_view.OFFICER_COLUMNS},
                      lang=session.lang, width="stretch")
