import plotly.express as px
import streamlit as st

from regsosek import export, formats, privacy, saved_lists, widgets
from regsosek import targeting as tg
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, query_param_list, set_query_params
from regsosek.views import targets

session = page_setup("targets")
t = session.t
scope = session.scope
st.title(t("page_targets_title"))
snapshot = widgets.require_snapshot(session)

current = tg.from_url(scope, lambda name: query_param(name, None, allowed=lambda value: True),
                      lambda name, allowed: query_param_list(name, allowed=allowed))
# The form shows the filter in force: set once from the URL, then by every action that changes it.
for form_key, form_value in tg.form_values(current).items():
    if form_key not in st.session_state:
        st.session_state[form_key] = form_value


def _show(new: tg.TargetFilter) -> None:
    """Make `new` the filter in force: the URL, the form's widgets and the first page of the list."""
    set_query_params(**new.url_params())
    st.session_state.update(tg.form_values(new))
    st.session_state["tf_page"] = 1


def _apply_preset() -> None:
    if st.session_state.get("tf_preset") is not None:
        _show(tg.with_preset(st.session_state["tf_preset"], current, scope))


def _submit() -> None:
    _show(tg.from_form(scope, st.session_state))
    st.session_state["tf_preset"] = None  # the filter in force is the form's now, not a preset's


def _save_list() -> None:
    try:
        saved_lists.save(scope, st.session_state.get("lists_name", ""), st.session_state.get("lists_purpose", ""),
                         current, snapshot)
        st.session_state["lists_message"] = "lists_saved"
    except saved_lists.ListError:
        st.session_state["lists_message"] = "lists_name_needed"


def _delete_list(list_id: str) -> None:
    saved_lists.delete(scope, list_id)
    st.session_state.pop("lists_pick", None)


def _count(value: int | None) -> str:
    return formats.count(value, session.lang)


def _accept_terms() -> None:
    if st.session_state.get("tf_terms"):
        export.accept_terms(scope.username, export.TERMS_VERSION)


view = widgets.build_view(session, targets.build, filters=current, page=st.session_state.get("tf_page", 1),
                          purpose=st.session_state.get("tf_purpose", ""),
                          picked_list=st.session_state.get("lists_pick"), lang=session.lang)

preset_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
# No preset shows as chosen until the user picks one: the filter in force is the one the caption names.
preset_col.selectbox(t("targets_preset"), options=list(view.preset_options), key="tf_preset", index=None,
                     placeholder=t("targets_preset_placeholder"), format_func=lambda name: t(f"targets_preset_{name}"))
button_col.button(t("targets_preset_apply"), on_click=_apply_preset, key="tf_preset_apply",
                  disabled=st.session_state.get("tf_preset") is None)

with st.form("targets_filter"):
    area_cols = st.columns(3)
    area_cols[0].multiselect(t("targets_kab"), options=list(view.kab_options), key="tf_kab",
                             format_func=view.kab_options.__getitem__, placeholder=t("targets_choose"))
    area_cols[1].selectbox(t("targets_kec"), options=[None, *view.kec_options], key="tf_kec",
                           format_func=lambda c: t("targets_all") if c is None else view.kec_options[c],
                           placeholder=t("targets_all"))
    area_cols[2].selectbox(t("targets_desa"), options=[None, *view.desa_options], key="tf_desa",
                           format_func=lambda c: t("targets_all") if c is None else view.desa_options[c],
                           placeholder=t("targets_all"))
    range_cols = st.columns(2)
    range_cols[0].slider(t("targets_desil"), 1, 10, key="tf_desil")
    range_cols[1].slider(t("targets_size"), 1, tg.SIZE_MAX, key="tf_size")
    prog_cols = st.columns(2)
    prog_cols[0].multiselect(t("targets_received"), options=list(view.programme_options), key="tf_received",
                             placeholder=t("targets_choose"), format_func=tg.PROGRAMME_LABELS.__getitem__)
    prog_cols[1].multiselect(t("targets_not_received"), options=list(view.programme_options),
                             key="tf_not_received", placeholder=t("targets_choose"),
                             format_func=tg.PROGRAMME_LABELS.__getitem__)
    cond_cols = st.columns(2)
    cond_cols[0].multiselect(t("targets_housing"), options=list(tg.HOUSING_CONDITIONS), key="tf_housing",
                             placeholder=t("targets_choose"), format_func=lambda c: t(f"targets_cond_{c}"))
    cond_cols[1].multiselect(t("targets_vulnerable"), options=list(tg.VULNERABLE_CONDITIONS), key="tf_vulnerable",
                             placeholder=t("targets_choose"), format_func=lambda c: t(f"targets_cond_{c}"))
    pot_cols = st.columns(2)
    pot_cols[0].checkbox(t("targets_cond_business"), key="tf_business")
    pot_cols[1].number_input(t("targets_min_working_age"), 0, tg.SIZE_MAX, key="tf_working_age")
    reach_cols = st.columns(2)
    reach_cols[0].checkbox(t("targets_unreached"), key="tf_unreached")
    reach_cols[1].selectbox(t("targets_verified"), list(tg.VERIFIED_CHOICES), key="tf_verified",
                            format_func=lambda c: t(f"targets_verified_{c}"))
    st.form_submit_button(t("targets_apply"), type="primary", on_click=_submit)

st.caption(t("targets_filter_now", filters=view.description))
if not view.timeline.visits_final:
    st.caption(t("targets_not_final"))

metric_cols = st.columns(2)
metric_cols[0].metric(t("targets_families"), _count(view.families),
                      help=t("targets_help_families", small=view.small_count))
metric_cols[1].metric(t("targets_persons"), _count(view.persons), help=t("targets_help_persons"))

st.subheader(t(f"targets_by_{view.level}"))
widgets.table(view.by_area, {"area_code": t("targets_col_area_code"), "area_name": t("targets_col_area"),
                             "families": t("targets_families"), "persons": t("targets_persons")},
              lang=session.lang, counts=("families", "persons"), width="stretch")
if not view.chart.empty:
    figure = px.bar(view.chart, x="area_name", y="families",
                    labels={"area_name": t("targets_col_area"), "families": t("targets_families")})
    figure.update_traces(hovertemplate="%{x}: %{y:,d}<extra></extra>")
    figure.update_layout(separators=formats.plotly_separators(session.lang), yaxis={"tickformat": ",d"})
    st.plotly_chart(figure, width="stretch", config=widgets.CHART_CONFIG)

st.subheader(t("lists_title"))
st.caption(t("lists_intro"))
with st.form("lists_save_form", clear_on_submit=True):
    save_cols = st.columns(2)
    save_cols[0].text_input(t("lists_name"), max_chars=saved_lists.NAME_MAX_CHARS, key="lists_name")
    save_cols[1].text_input(t("lists_purpose"), max_chars=saved_lists.PURPOSE_MAX_CHARS, key="lists_purpose")
    st.form_submit_button(t("lists_save"), on_click=_save_list)
message = st.session_state.pop("lists_message", None)
if message == "lists_saved":
    st.success(t("lists_saved"))
elif message:
    st.error(t("lists_name_needed", max=saved_lists.MAX_LISTS))
if not view.saved:
    st.caption(t("lists_none"))
else:
    saved_table = view.saved_table.assign(
        saved_at=view.saved_table["saved_at"].map(lambda v: formats.timestamp(v, session.lang)),
        as_of=view.saved_table["as_of"].map(lambda v: formats.day(v, session.lang)))
    widgets.table(saved_table, {"name": t("lists_col_name"), "purpose": t("lists_col_purpose"),
                                     "saved_at": t("lists_col_saved_at"), "as_of": t("lists_col_as_of"),
                                     "filters": t("lists_col_filters")}, lang=session.lang, width="stretch")
    own = {s.list_id: s for s in view.saved}
    picked = own[st.selectbox(t("lists_pick"), list(own), key="lists_pick", format_func=lambda i: own[i].name)]
    action_cols = st.columns(2)
    action_cols[0].button(t("lists_open"), key="lists_open", on_click=_show, args=(picked.filters,))
    action_cols[1].button(t("lists_delete"), key="lists_delete", on_click=_delete_list, args=(picked.list_id,))
    if view.overlap is not None and view.overlap.list_id == picked.list_id:
        st.markdown(f"**{t('lists_overlap')}**")
        if view.overlap.own_too_small:
            st.caption(t("lists_overlap_too_small", min=view.overlap.min_families))
        else:
            shown = (privacy.SUPPRESSED if view.overlap.families is None
                     else t("lists_overlap_at_least", count=_count(view.overlap.families)) if view.overlap.coarsened
                     else _count(view.overlap.families))
            st.metric(t("lists_col_families"), shown,
                      help=t("lists_overlap_note", min=view.overlap.min_families, step=view.overlap.rounding))

st.subheader(t("targets_list"))
if view.rows is None:
    st.info(t("targets_list_empty"))
    st.stop()
st.session_state["tf_page"] = view.page
st.number_input(t("targets_page", pages=view.pages), 1, view.pages, key="tf_page")
widgets.table(targets.readable_rows(view.rows, session.lang), targets.row_labels(view.rows.columns, session.lang),
              lang=session.lang, width="stretch")

st.subheader(t("targets_download"))
st.text_input(t("targets_purpose"), key="tf_purpose", max_chars=200)
if view.terms_needed:
    st.markdown(t("targets_terms"))
    st.checkbox(t("targets_terms_accept"), key="tf_terms", on_change=_accept_terms)
    st.stop()
if view.purpose_needed:
    st.info(t("targets_purpose_needed"))
    st.stop()
if view.over_cap:
    st.caption(t("targets_row_cap", cap=_count(view.row_cap)))
if not st.checkbox(t("targets_prepare"), key="tf_prepare"):
    st.stop()
for col, offer in zip(st.columns(len(view.downloads)), view.downloads):
    export.offer(col, t(offer.label_key), offer.pending, targets.PAGE, key=offer.key)
