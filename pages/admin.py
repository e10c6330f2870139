import importlib
import importlib.util

import pandas as pd
import streamlit as st

from regsosek import paths, reference, users, warehouse
from regsosek.ui import page_setup

session = page_setup("admin")
t = session.t
st.title(t("page_admin_title"))


def optional_module(name: str):
    """Modules that may be absent from an installation; errors inside a present module still surface."""
    return importlib.import_module(name) if importlib.util.find_spec(name) is not None else None


st.header(t("admin_snapshots"))
published = warehouse.list_snapshots()
live = warehouse.live()
if not published:
    st.info(t("admin_snapshots_none"))
else:
    st.dataframe(
        pd.DataFrame([{
            t("admin_col_live"): "●" if live is not None and s.snapshot_id == live.snapshot_id else "",
            t("admin_col_as_of"): s.as_of.isoformat(),
            t("admin_col_snapshot_id"): s.snapshot_id,
            t("admin_col_scale"): f"{s.scale:g}",
            t("admin_col_rows"): ", ".join(f"{k}: {v:,}" for k, v in sorted(s.row_counts.items())),
            t("admin_col_published_at"): s.published_at,
        } for s in published]),
        hide_index=True,
    )
    ids = [s.snapshot_id for s in published]
    with st.form("admin_set_live"):
        chosen = st.selectbox(t("admin_set_live"), ids,
                              index=ids.index(live.snapshot_id) if live is not None and live.snapshot_id in ids else 0)
        if st.form_submit_button(t("admin_set_live_submit")):
            warehouse.set_live(chosen)
            st.success(t("admin_set_live_done", snapshot_id=chosen))

st.header(t("admin_users"))
kab_names = reference.kab_names()
rows = users.list_users()
if not rows:
    st.info(t("admin_users_none"))
else:
    st.dataframe(
        pd.DataFrame([{
            t("admin_col_username"): row.username,
            t("admin_col_name"): row.name,
            t("admin_col_role"): row.role,
            t("admin_col_kab"): ", ".join(f"{k} {kab_names.get(k, '?')}" for k in row.kab_codes)
            or t("admin_all_kab"),
            t("admin_col_programmes"): ", ".join(row.programmes) or t("admin_all_kab"),
        } for row in rows]),
        hide_index=True,
    )
st.caption(t("admin_users_cli_hint"))

st.header(t("admin_ingest"))
ingest = optional_module("regsosek.ingest")
if ingest is None:
    st.info(t("admin_ingest_unavailable"))
else:
    incoming = paths.snapshots_dir()
    st.caption(t("admin_ingest_where", folder=incoming))
    # Only folders in the incoming area are offered: a typed path could point anywhere on the server.
    candidates = sorted((p for p in incoming.iterdir() if (p / "manifest.json").is_file()), reverse=True) \
        if incoming.is_dir() else []
    if not candidates:
        st.info(t("admin_ingest_none"))
    else:
        with st.form("admin_ingest"):
            folder = st.selectbox(t("admin_ingest_folder"), candidates, format_func=lambda p: p.name)
            if st.form_submit_button(t("admin_ingest_submit")):
                with st.spinner(t("admin_ingest_running")):
                    report = ingest.ingest(folder)
                if report.ok:
                    st.success(t("admin_ingest_ok", snapshot_id=report.snapshot_id))
                else:
                    st.error(t("admin_ingest_failed"))
                    for problem in report.problems:
                        st.markdown(f"- {problem.message(session.lang)}")

st.header(t("admin_audit"))
audit = optional_module("regsosek.audit")
if audit is None:
    st.info(t("admin_audit_unavailable"))
else:
    log = pd.DataFrame(audit.read_log())
    if log.empty:
        st.info(t("admin_audit_empty"))
    else:
        st.dataframe(log, hide_index=True)
