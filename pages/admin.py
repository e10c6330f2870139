import streamlit as st

from regsosek import formats
from regsosek.ui import escape_markdown, page_setup
from regsosek.views import admin as admin_view

session = page_setup("admin")
t = session.t
lang = session.lang
scope = session.scope
LIVE_CHOICE = "admin_live_choice"
LIVE_DONE = "admin_live_done"
INGEST_CHOICE = "admin_ingest_choice"
INGEST_REPORT = "admin_ingest_report"


def on_make_live() -> None:
    # Runs before the script: the table and the sidebar drawn next already show the new live snapshot.
    chosen = st.session_state.get(LIVE_CHOICE)
    st.session_state[LIVE_DONE] = chosen if admin_view.make_live(scope, chosen) else None


def on_ingest() -> None:
    with st.spinner(t("admin_ingest_running")):
        st.session_state[INGEST_REPORT] = admin_view.ingest_folder(scope, st.session_state.get(INGEST_CHOICE))


st.title(t("page_admin_title"))
view = admin_view.build(scope, session.snapshot)

st.header(t("admin_snapshots"))
if not view.snapshot_ids:
    st.info(t("admin_snapshots_none"))
else:
    done = st.session_state.pop(LIVE_DONE, None)
    if done:
        st.success(t("admin_set_live_done", snapshot_id=done))
    snapshots = view.snapshots.assign(as_of=view.snapshots["as_of"].map(lambda v: formats.day(v, lang)),
                                      published_at=view.snapshots["published_at"].map(
                                          lambda v: formats.timestamp(v, lang)))
    st.dataframe(snapshots.rename(columns={
        "live": t("admin_col_live"), "as_of": t("admin_col_as_of"), "snapshot_id": t("admin_col_snapshot_id"),
        "scale": t("admin_col_scale"), "rows": t("admin_col_rows"), "published_at": t("admin_col_published_at")}),
        hide_index=True, column_config={t("admin_col_live"): st.column_config.CheckboxColumn()})
    if st.session_state.get(LIVE_CHOICE) not in view.snapshot_ids:
        st.session_state[LIVE_CHOICE] = view.live_id or view.snapshot_ids[0]
    with st.form("admin_set_live"):
        st.selectbox(t("admin_set_live"), view.snapshot_ids, key=LIVE_CHOICE)
        st.form_submit_button(t("admin_set_live_submit"), on_click=on_make_live)

st.header(t("admin_users"))
if view.users.empty:
    st.warning(t("login_no_users"))
else:
    st.dataframe(view.users.rename(columns={
        "username": t("admin_col_username"), "name": t("admin_col_name"), "role": t("admin_col_role"),
        "kab": t("admin_col_kab"), "programmes": t("admin_col_programmes"), "demo": t("admin_col_demo")}),
        hide_index=True, column_config={t("admin_col_demo"): st.column_config.CheckboxColumn()})
    if view.users["demo"].any():
        st.warning(t("admin_demo_users_present"))
st.caption(t("admin_users_cli_hint"))

st.header(t("admin_ingest"))
st.caption(t("admin_ingest_where", folder=escape_markdown(str(view.incoming))))
report = st.session_state.pop(INGEST_REPORT, None)
if report is not None and report.ok:
    st.success(t("admin_ingest_ok", snapshot_id=report.snapshot_id))
elif report is not None:
    st.error(t("admin_ingest_failed"))
    for problem in report.problems:
        st.markdown(f"- {escape_markdown(problem.message(session.lang))}")
if not view.ingest_folders:
    st.info(t("admin_ingest_none"))
else:
    with st.form("admin_ingest"):
        st.selectbox(t("admin_ingest_folder"), view.ingest_folders, key=INGEST_CHOICE)
        st.form_submit_button(t("admin_ingest_submit"), on_click=on_ingest)

st.header(t("admin_audit"))
verdict = view.audit_verdict
if verdict.intact:
    st.success(t("admin_audit_intact", records=formats.integer(verdict.records, lang), seq=verdict.head_seq,
                 hash=verdict.head_hash))
else:
    st.error(t("admin_audit_broken", problem=verdict.problem, seq=verdict.head_seq, hash=verdict.head_hash))
if view.audit_log.empty:
    st.info(t("admin_audit_empty"))
else:
    st.dataframe(view.audit_log.assign(time=view.audit_log["time"].map(lambda v: formats.timestamp(v, lang))),
                 hide_index=True)
