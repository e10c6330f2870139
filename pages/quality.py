import streamlit as st

from regsosek import db, export, privacy, reference, validate
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

session = page_setup("quality")
t = session.t
scope = session.scope
st.title(t("page_quality_title"))
if session.snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
st.caption(t("quality_intro"))

kab_names = reference.kab_names()
options = list(scope.kab_codes) if len(scope.kab_codes) == 1 else ["", *scope.kab_codes]
if "quality_kab" not in st.session_state:
    st.session_state["quality_kab"] = query_param("kab", options[0], allowed=options)
kab = st.selectbox(t("mon_area"), options, key="quality_kab",
                   format_func=lambda code: kab_names[code] if code else t("mon_all_regencies")) or None

snapshot_id = session.snapshot.snapshot_id
summary = db.cached_run("quality_summary", scope, snapshot_id, kab=kab)
labels = {
    "nik_multi_family": t("quality_kind_nik_multi_family"),
    "far_geotag": t("quality_kind_far_geotag", far_km=f"{validate.FAR_GEOTAG_KM:g}"),
    "odd_hour": t("quality_kind_odd_hour", hours=f"{validate.VISIT_HOURS[0][:5]}-{validate.VISIT_HOURS[1][:5]}"),
    "big_household": t("quality_kind_big_household", size=validate.BIG_HOUSEHOLD),
    "stage_order": t("quality_kind_stage_order"),
    "ppl_day_overload": t("quality_kind_ppl_day_overload", visits=validate.PPL_VISITS_PER_DAY_MAX),
}
st.dataframe(summary.assign(kind=summary["kind"].map(labels)).rename(columns={
    "kind": t("quality_check"), "cases": t("quality_cases"), "families": t("quality_families")}),
    hide_index=True, width="stretch")
st.caption(t("quality_stage_order_note"))

listable = [kind for kind in summary["kind"] if kind != "stage_order"]
if "quality_kind" not in st.session_state:
    st.session_state["quality_kind"] = query_param("kind", listable[0], allowed=listable)
kind = st.selectbox(t("quality_pick"), listable, key="quality_kind", format_func=labels.__getitem__)
set_query_params(kab=kab, kind=kind)

findings = db.cached_run("quality_findings_list", scope, snapshot_id, kab=kab, kind=kind)
if kind == "nik_multi_family":
    findings = findings.assign(detail=findings["detail"].map(privacy.mask_nik))
    st.caption(t("quality_nik_note"))
shown = findings.dropna(axis="columns", how="all")


if shown.empty:
    st.info(t("mon_none"))
else:
    st.dataframe(shown.rename(columns={c: t(f"mon_col_{c}") for c in shown.columns}),
                 hide_index=True, width="stretch")
    details = {"kind": kind, "kab": kab}
    header = export.header_for(scope, session.snapshot.as_of.isoformat(), snapshot_id, export.describe(details), "")
    export.offer(st, t("mon_download_csv"), export.build(shown, header, "csv", f"quality_{kind}", row_cap=None),
                 "quality", key="download_quality", details=details, help=t("mon_download_note"))
