import pandas as pd
import plotly.express as px
import streamlit as st

from regsosek import db, export, privacy, reference, saved_lists
from regsosek import targeting as tg
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, query_param_list, set_query_params

session = page_setup("targets")
t = session.t
scope = session.scope
st.title(t("page_targets_title"))
if session.snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
snapshot_id = session.snapshot.snapshot_id

FORM_KEYS = ("tf_kab", "tf_kec", "tf_desa", "tf_desil", "tf_size", "tf_received", "tf_not_received",
             "tf_housing", "tf_vulnerable", "tf_business", "tf_working_age", "tf_page")

current = tg.from_url(scope, lambda name: query_param(name, None, allowed=lambda value: True),
                      lambda name, allowed: query_param_list(name, allowed=allowed))


def _apply(new: tg.TargetFilter) -> None:
    set_query_params(**new.url_params())
    for key in FORM_KEYS:
        st.session_state.pop(key, None)


def _apply_preset() -> None:
    _apply(tg.with_preset(st.session_state["tf_preset"], current, scope))


kab_names = reference.kab_names()
preset_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
preset_col.selectbox(t("targets_preset"), options=list(tg.PRESETS), key="tf_preset",
                     format_func=lambda name: t(f"targets_preset_{name}"))
button_col.button(t("targets_preset_apply"), on_click=_apply_preset, key="tf_preset_apply")

with st.form("targets_filter"):
    area_cols = st.columns(3)
    kab = area_cols[0].multiselect(t("targets_kab"), options=list(scope.kab_codes), default=list(current.kab),
                                   format_func=lambda c: tg.label_of(kab_names, c), key="tf_kab",
                                   placeholder=t("targets_choose"))
    kec_names = tg.kecamatan_in_scope(scope, current.kab)
    kec = area_cols[1].selectbox(t("targets_kec"), options=[None, *kec_names], key="tf_kec",
                                 index=([None, *kec_names].index(current.kec) if current.kec else 0),
                                 format_func=lambda c: t("targets_all") if c is None else tg.label_of(kec_names, c))
    desa_names = tg.desa_in_kecamatan(current.kec) if current.kec else {}
    desa = area_cols[2].selectbox(t("targets_desa"), options=[None, *desa_names], key="tf_desa",
                                  index=([None, *desa_names].index(current.desa) if current.desa else 0),
                                  format_func=lambda c: t("targets_all") if c is None else tg.label_of(desa_names, c))
    range_cols = st.columns(2)
    desil = range_cols[0].slider(t("targets_desil"), 1, 10, (current.desil_min, current.desil_max), key="tf_desil")
    size = range_cols[1].slider(t("targets_size"), 1, tg.SIZE_MAX, (current.size_min, current.size_max),
                                key="tf_size")
    programmes = tg.allowed_programmes(scope)
    prog_cols = st.columns(2)
    received = prog_cols[0].multiselect(t("targets_received"), options=list(programmes),
                                        default=list(current.received), key="tf_received",
                                        placeholder=t("targets_choose"),
                                        format_func=tg.PROGRAMME_LABELS.__getitem__)
    not_received = prog_cols[1].multiselect(t("targets_not_received"), options=list(programmes),
                                            default=list(current.not_received), key="tf_not_received",
                                            placeholder=t("targets_choose"),
                                            format_func=tg.PROGRAMME_LABELS.__getitem__)
    cond_cols = st.columns(2)
    housing = cond_cols[0].multiselect(
        t("targets_housing"), options=list(tg.HOUSING_CONDITIONS), key="tf_housing", placeholder=t("targets_choose"),
        default=[c for c in current.conditions if c in tg.HOUSING_CONDITIONS],
        format_func=lambda c: t(f"targets_cond_{c}"))
    vulnerable = cond_cols[1].multiselect(
        t("targets_vulnerable"), options=list(tg.VULNERABLE_CONDITIONS), key="tf_vulnerable",
        placeholder=t("targets_choose"),
        default=[c for c in current.conditions if c in tg.VULNERABLE_CONDITIONS],
        format_func=lambda c: t(f"targets_cond_{c}"))
    pot_cols = st.columns(2)
    business = pot_cols[0].checkbox(t("targets_cond_business"), value="business" in current.conditions,
                                    key="tf_business")
    working_age = pot_cols[1].number_input(t("targets_min_working_age"), 0, tg.SIZE_MAX,
                                           current.min_working_age, key="tf_working_age")
    if st.form_submit_button(t("targets_apply"), type="primary"):
        chosen = tuple(housing) + tuple(vulnerable) + (("business",) if business else ())
        _apply(tg.from_params(scope, {
            "kab": kab, "received": received, "not_received": not_received, "conditions": chosen,
            "kec": kec, "desa": desa, "desil_min": desil[0], "desil_max": desil[1],
            "size_min": size[0], "size_max": size[1], "min_working_age": int(working_age)}))
        st.rerun()

st.caption(t("targets_filter_now", filters=current.describe()))
params = current.query_params()
level = current.area_level()
by_area = db.cached_run("target_by_area", scope, snapshot_id, level=level, **params)
families, persons = tg.total_count(by_area)

metric_cols = st.columns(2)
metric_cols[0].metric(t("targets_families"), privacy.suppress_total(families, scope))
metric_cols[1].metric(t("targets_persons"), privacy.suppress_total(persons, scope))

st.subheader(t(f"targets_by_{level}"))
areas = tg.area_rows(by_area)
shown_areas = privacy.suppress(areas, ["families", "persons"], scope)
area_table = shown_areas.rename(columns={"area_code": t("targets_col_area_code"), "area_name": t("targets_col_area"),
                                         "families": t("targets_families"), "persons": t("targets_persons")})
st.dataframe(area_table, hide_index=True, width="stretch")
chart = areas.assign(families=areas["families"].astype("int64"))
if scope.spec.suppress_small_counts:
    chart = chart[shown_areas["families"] != privacy.SUPPRESSED]
if not chart.empty:
    figure = px.bar(chart.head(40), x="area_name", y="families",
                    labels={"area_name": t("targets_col_area"), "families": t("targets_families")})
    st.plotly_chart(figure, width="stretch")

st.subheader(t("lists_title"))
st.caption(t("lists_intro"))
with st.form("lists_save_form", clear_on_submit=True):
    save_cols = st.columns(2)
    list_name = save_cols[0].text_input(t("lists_name"), max_chars=saved_lists.NAME_MAX_CHARS, key="lists_name")
    list_purpose = save_cols[1].text_input(t("lists_purpose"), max_chars=saved_lists.PURPOSE_MAX_CHARS,
                                           key="lists_purpose")
    if st.form_submit_button(t("lists_save")):
        try:
            saved = saved_lists.save(scope, list_name, list_purpose, current, session.snapshot)
            st.success(t("lists_saved", name=saved.name))
        except saved_lists.ListError:
            st.error(t("lists_name_needed", max=saved_lists.MAX_LISTS))
own_lists = {saved.list_id: saved for saved in saved_lists.lists_of(scope)}
if not own_lists:
    st.caption(t("lists_none"))
else:
    st.dataframe(pd.DataFrame([{
        t("lists_col_name"): s.name, t("lists_col_purpose"): s.purpose, t("lists_col_saved_at"): s.saved_at,
        t("lists_col_as_of"): s.as_of, t("lists_col_filters"): s.filters.describe()} for s in own_lists.values()]),
        hide_index=True, width="stretch")
    picked = own_lists[st.selectbox(t("lists_pick"), list(own_lists), key="lists_pick",
                                    format_func=lambda list_id: own_lists[list_id].name)]
    action_cols = st.columns(2)
    action_cols[0].button(t("lists_open"), key="lists_open", on_click=_apply, args=(picked.filters,))
    action_cols[1].button(t("lists_delete"), key="lists_delete", on_click=saved_lists.delete,
                          args=(scope, picked.list_id))
    st.markdown(f"**{t('lists_overlap')}**")
    st.caption(t("lists_overlap_note"))
    overlap = saved_lists.overlap(scope, picked, snapshot_id)
    if overlap.empty:
        st.caption(t("lists_overlap_none"))
    else:
        st.dataframe(privacy.suppress(overlap, ["families"], scope).rename(columns={
            "partner": t("lists_col_partner"), "list_name": t("lists_col_list"),
            "shared_kab": t("lists_col_shared_kab"), "families": t("lists_col_families")}),
            hide_index=True, width="stretch")

st.subheader(t("targets_list"))
secret = export.server_secret()
list_query = tg.list_query(scope)
if not tg.may_list_rows(families, scope):
    st.info(t("targets_list_suppressed", count=privacy.SUPPRESSED))
    st.stop()
pages = tg.page_count(families)
page = st.number_input(t("targets_page", pages=pages), 1, pages, 1, key="tf_page")
rows = db.cached_run(list_query, scope, snapshot_id, row_limit=tg.PAGE_SIZE,
                     row_offset=(int(page) - 1) * tg.PAGE_SIZE, **params)
st.dataframe(tg.mask_rows(rows, scope, secret), hide_index=True, width="stretch")

st.subheader(t("targets_download"))
purpose = st.text_input(t("targets_purpose"), key="tf_purpose", max_chars=200)
if scope.spec.suppress_small_counts and not export.terms_accepted(scope.username):
    st.markdown(t("targets_terms"))
    if st.checkbox(t("targets_terms_accept"), key="tf_terms"):
        export.accept_terms(scope.username, export.TERMS_VERSION)
        st.rerun()
    st.stop()
if scope.spec.suppress_small_counts and not purpose.strip():
    st.info(t("targets_purpose_needed"))
    st.stop()
if families > export.ROW_CAP:
    st.caption(t("targets_row_cap", cap=export.ROW_CAP))
# Building a 5,000-row list and its Excel file takes seconds at full scale: only on request.
if not st.checkbox(t("targets_prepare"), key="tf_prepare"):
    st.stop()
full = db.cached_run(list_query, scope, snapshot_id, row_limit=export.ROW_CAP, row_offset=0, **params)
header = export.header_for(scope, session.snapshot.as_of.isoformat(), snapshot_id, current.describe(), purpose)
download_cols = st.columns(3)
for col, (fmt, frame, stem) in zip(download_cols, (
        ("csv", tg.mask_rows(full, scope, secret), "daftar_sasaran"),
        ("xlsx", tg.mask_rows(full, scope, secret), "daftar_sasaran"),
        ("csv", shown_areas, f"sasaran_per_{level}"))):
    export.offer(col, t(f"targets_download_{stem.split('_')[0]}_{fmt}"), export.build(frame, header, fmt, stem),
                 "targets", key=f"tf_download_{stem}_{fmt}")
