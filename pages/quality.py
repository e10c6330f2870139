import streamlit as st

from regsosek import export, formats, reference, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params
from regsosek.views import quality

session = page_setup("quality")
t = session.t
st.title(t("page_quality_title"))
snapshot = widgets.require_snapshot(session)
st.caption(t("quality_intro"))

kab = widgets.kab_picker(session, "quality_kab")
limits = quality.THRESHOLDS
labels = {
    "nik_multi_family": t("quality_kind_nik_multi_family"),
    "far_geotag": t("quality_kind_far_geotag", far_km=formats.number(limits.far_km, session.lang)),
    "odd_hour": t("quality_kind_odd_hour", hours=f"{limits.hours[0]}-{limits.hours[1]}"),
    "big_household": t("quality_kind_big_household", size=limits.big_household),
    "stage_order": t("quality_kind_stage_order"),
    "ppl_day_overload": t("quality_kind_ppl_day_overload", visits=limits.ppl_day_max),
}
kind = query_param("kind", quality.LISTABLE[0], allowed=quality.LISTABLE)
# Another regency starts the list at page 1; a link's page (first run of the session) is kept.
page_asked = query_param("page", "1", allowed=lambda value: True)
if st.session_state.get("quality_list_kab", kab) != kab:
    page_asked = "1"
st.session_state["quality_list_kab"] = kab
view = widgets.build_view(session, quality.build, kab=kab, kind=kind, page=page_asked)

widgets.table(view.summary.assign(kind=view.summary["kind"].map(labels)),
              {"kind": t("quality_check"), "cases": t("quality_cases"), "families": t("quality_families")},
              lang=session.lang, counts=("cases", "families"),
              config={"cases": st.column_config.Column(help=t("quality_help_cases")),
                      "families": st.column_config.Column(help=t("quality_help_families"))},
              width="stretch")
st.caption(t("quality_stage_order_note"))

widgets.url_select(t("quality_pick"), quality.LISTABLE, key="quality_kind", param="kind", current=view.kind,
                   format_func=labels.__getitem__, clears=("page",))
set_query_params(kab=view.kab, kind=view.kind, page=view.page.number if view.page.number > 1 else None)
if view.kind == "nik_multi_family":
    st.caption(t("quality_nik_note"))

columns = quality.FINDING_COLUMNS[view.kind]
column_labels = {c: t(f"mon_col_{c}") for c in columns if c not in ("value", "detail")}
column_labels |= {c: t(f"quality_{c}_{view.kind}") for c in columns if c in ("value", "detail")}
shown = {c: column_labels[c] for c in columns}
if view.findings.empty:
    st.info(t("mon_none"))
else:
    # The page number, kept in the URL: set from the URL at every run, a change writes the URL.
    st.session_state["quality_page"] = view.page.number
    st.number_input(t("quality_page", pages=formats.integer(view.page.pages, session.lang)), min_value=1,
                    max_value=view.page.pages, step=1, key="quality_page",
                    on_change=lambda: set_query_params(page=st.session_state["quality_page"]))
    st.caption(t("quality_page_rows", first=formats.integer(view.page.first_row, session.lang),
                 last=formats.integer(view.page.last_row, session.lang),
                 rows=formats.integer(view.page.rows, session.lang)))
    widgets.table(widgets.named_areas(view.findings), shown, lang=session.lang, width="stretch")
    shown_filters = " · ".join([labels[view.kind], reference.kab_names().get(view.kab, t("mon_all_regencies"))])
    # Built on the click (export.Delivery audits it then), never while the page draws.
    pending = quality.findings_file(session.scope, snapshot, view, shown, lang=session.lang,
                                    shown_filters=shown_filters, prepare=widgets.named_areas)
    export.offer(st, t("mon_download_csv"), pending, "quality", key="download_quality",
                 details=quality.file_details(view), help=t("mon_download_note"))
