import streamlit as st

from regsosek import export, store, verification, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param
from regsosek.views import verification as verification_view

session = page_setup("verification")
t = session.t
st.title(t("page_verification_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("verify_intro"))

kab = widgets.kab_picker(session, "verify_kab")
kec = query_param("kec", None, allowed=str.isdigit)
desa = query_param("desa", None, allowed=str.isdigit)
view = widgets.build_view(session, verification_view.build, kab=kab, kec=kec, desa=desa)

MESSAGE = "verify_message"
if message := st.session_state.pop(MESSAGE, None):
    (st.success if message[0] == "ok" else st.error)(message[1])

st.subheader(t("verify_rates_title"))
st.caption(t("verify_rates_help"))
area_labels = {c: t(f"verify_col_{c}") for c in verification_view.AREA_COLUMNS}
widgets.table(view.by_area, area_labels, lang=session.lang, counts=verification_view.AREA_COUNTS,
              percents=tuple(verification_view.AREA_RATES), width="stretch",
              config={rate: st.column_config.Column(help=t(f"verify_help_{rate}"))
                      for rate in verification_view.AREA_RATES})

if view.kab is None:
    st.info(t("verify_pick_regency"))
    st.stop()
cols = st.columns(2)
with cols[0]:
    widgets.url_select(t("verify_kec"), ["", *view.kec_options], key="verify_kec", param="kec",
                       current=view.kec or "", clears=("desa",),
                       format_func=lambda code: view.kec_options[code] if code else t("verify_pick"))
with cols[1]:
    widgets.url_select(t("verify_desa"), ["", *view.desa_options], key="verify_desa", param="desa",
                       current=view.desa or "",
                       format_func=lambda code: view.desa_options[code] if code else t("verify_pick"))
if view.desa is None or view.families is None:
    st.info(t("verify_pick_desa"))
    st.stop()


def kind_label(code: object) -> str:
    return t(f"verify_kind_{code}")


def decision_label(code: object) -> str:
    return t(f"verify_decision_{code}") if isinstance(code, str) and code else t("verify_undecided")


st.subheader(t("verify_pack_title", desa=view.desa_options[view.desa]))
families = view.families.assign(error_kind=view.families["error_kind"].map(kind_label))
if "decision" in families:
    families = families.assign(decision=families["decision"].map(decision_label),
                               reason=families["reason"].map(lambda r: t(f"verify_reason_{r}")
                                                             if isinstance(r, str) else ""))
shown = {c: t(f"verify_col_{c}") for c in families.columns}
if families.empty:
    st.info(t("mon_none"))
else:
    widgets.table(families, shown, lang=session.lang, width="stretch")
pack_labels = {c: t(f"verify_col_{c}") for c in (*verification_view.PACK_COLUMNS_NAMED,
                                                  *verification_view.PACK_COLUMNS_MASKED,
                                                  *verification_view.DECISION_FIELDS)}
downloads = st.columns(2)
export.offer(downloads[0], t("verify_download"),
             verification_view.pack_download(session.scope, snapshot, view.desa, pack_labels, lang=session.lang),
             "verification", key="verify_download", details={"desa": view.desa}, help=t("verify_download_help"))
export.offer(downloads[1], t("verify_download_pdf"),
             verification_view.pack_download(session.scope, snapshot, view.desa, pack_labels, "pdf", session.lang),
             "verification", key="verify_download_pdf", details={"desa": view.desa, "format": "pdf"},
             help=t("verify_download_pdf_help"))

if view.records and not families.empty:
    st.subheader(t("verify_record_title"))
    people = {row.keluarga_id: f"{row.nama_kepala} · RT {row.rt}/RW {row.rw} · {kind_label(row.error_kind)}"
              for row in view.families.itertuples()}
    st.selectbox(t("verify_family"), list(people), key="verify_family", format_func=people.get)
    st.radio(t("verify_decision"), verification.DECISIONS, key="verify_decision", format_func=decision_label,
             horizontal=True)
    if st.session_state.get("verify_decision") == "wrong":
        st.radio(t("verify_reason"), verification.REASONS, key="verify_reason",
                 format_func=lambda r: t(f"verify_reason_{r}"), horizontal=True)
    st.text_input(t("verify_note"), key="verify_note", max_chars=verification.NOTE_MAX)

    def on_record() -> None:
        decision = st.session_state.get("verify_decision")
        try:
            verification_view.record_decision(
                session.scope, snapshot, desa=view.desa, keluarga_id=st.session_state.get("verify_family"),
                decision=decision, reason=st.session_state.get("verify_reason") if decision == "wrong" else None,
                note=st.session_state.get("verify_note", ""))
        except verification.DecisionRefused:
            st.session_state[MESSAGE] = ("error", t("verify_refused"))
        except store.Unavailable:
            st.session_state[MESSAGE] = ("error", t("store_unavailable"))
        else:
            st.session_state["verify_note"] = ""
            st.session_state[MESSAGE] = ("ok", t("verify_recorded"))

    st.button(t("verify_record"), key="verify_record", on_click=on_record, type="primary")
