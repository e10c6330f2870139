from urllib.parse import urlencode

import streamlit as st

from regsosek import brief, export, formats, indicators, map_width, maps, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params
from regsosek.views import conditions

session = page_setup("conditions")
t = session.t
st.title(t("page_conditions_title"))
widgets.require_snapshot(session)
st.caption(t("cond_intro"))
tab_map, tab_profile = st.tabs([t("cond_tab_map"), t("cond_tab_profile")])

with tab_map:
    indicator = widgets.url_select(
        t("cond_indicator"), indicators.CODES, key="cond_indicator", param="indicator",
        current=query_param("indicator", indicators.CODES[0], allowed=indicators.CODES),
        format_func=lambda code: t(f"ind_{code}"))
    kab = widgets.kab_picker(session, "cond_kab")
    levels = conditions.level_options(session.scope, kab)
    level = widgets.url_select(t("cond_level"), levels, key="cond_level", param="level",
                               current=query_param("level", levels[0], allowed=levels),
                               format_func=lambda code: t(f"cond_level_{code}"))
    set_query_params(indicator=indicator, level=level)
    view = widgets.build_view(session, conditions.build, indicator=indicator, level=level, kab=kab,
                              lang=session.lang)
    ind = indicators.BY_CODE[view.indicator]
    average_key = "cond_average_kab" if view.kab else (
        "cond_average_province" if session.scope.is_province_wide else "cond_average_scope")
    st.metric(f"{t(ind.label_key)}: {t(average_key)}", formats.percent(view.average, session.lang),
              help=t(ind.help_key))
    if view.layer.empty:
        st.info(t("cond_empty"))
    width = map_width.measured("cond_map_width")
    st.pydeck_chart(maps.indicator_deck(view.level, view.layer, view.boundaries, view.labels, view.camera,
                                        t("cond_tooltip"), width), height=maps.map_height(width))
    swatches = list(zip(maps.SEQUENTIAL, maps.band_labels(view.bands, session.lang)))
    if view.has_grey_areas:
        swatches.append((maps.NO_DATA_COLOUR, t("cond_band_hidden")))
    swatches.append((maps.BASE_COLOUR, t("cond_band_no_data")))
    legend = " &nbsp; ".join(
        f'<span style="display:inline-block;width:12px;height:12px;background:rgb{colour}"></span> {label}'
        for colour, label in swatches)
    st.markdown(f"**{t(ind.label_key)} ({t('cond_legend')}):** &nbsp; {legend}", unsafe_allow_html=True)
    st.caption(t("cond_boundaries_approximate"))
    widgets.table(view.areas, {c: t(f"cond_col_{c}") for c in conditions.AREA_COLUMNS}, lang=session.lang,
                  counts=conditions.AREA_COUNTS, percents=("share",),
                  config={"share": st.column_config.Column(help=t(ind.help_key)),
                          "numerator": st.column_config.Column(help=t("cond_help_numerator")),
                          "denominator": st.column_config.Column(help=t("cond_help_denominator"))},
                  width="stretch")

with tab_profile:
    options = conditions.area_options(session.scope)
    choices = ["", *options]
    area = widgets.url_select(t("cond_area"), choices, key="cond_area", param="area",
                              current=query_param("area", "", allowed=choices),
                              format_func=lambda code: options.get(code, t("cond_area_scope")))
    profile = widgets.build_view(session, conditions.build_profile, area=area or None)
    st.subheader(t("cond_profile_of", area=profile.area_name) if profile.area_name else t("cond_profile_scope"))
    rows = profile.indicators.assign(indicator=[t(f"ind_{code}") for code in profile.indicators["indicator"]])
    columns = {"indicator": t("cond_col_indicator"), "share": t("cond_col_profile_share")}
    if profile.level != "province":
        columns |= {"average": t(f"cond_average_{profile.average_of}"), "rank": t("cond_col_rank"),
                    "areas_ranked": t("cond_col_areas_ranked")}
    widgets.table(rows, columns, lang=session.lang, percents=("share", "average"),
                  config={"rank": st.column_config.Column(help=t("cond_help_rank"))}, width="stretch")

    st.subheader(t("cond_brief"))
    if profile.terms_needed:
        st.caption(t("cond_brief_terms"))
    else:
        code = profile.area or brief.PROVINCE_CODE
        pdf_col, png_col = st.columns(2)
        for column, fmt in ((pdf_col, "pdf"), (png_col, "png")):
            export.offer(column, t(f"cond_brief_{fmt}"),
                         brief.pending(session.scope, session.snapshot, code, session.lang, fmt),
                         "conditions", key=f"cond_brief_{fmt}", details={"brief": code, "format": fmt},
                         help=t("cond_brief_note"))

    st.subheader(t("cond_pockets"))
    st.caption(t("cond_pockets_note", min=profile.pocket_min_families))
    if profile.pockets.empty:
        st.info(t("cond_pockets_none"))
    else:
        widgets.table(profile.pockets, {"area_name": t("cond_col_area_name"), "kec_name": t("cond_col_kec_name"),
                                        "scored": t("cond_col_scored"), "poorest": t("cond_col_poorest"),
                                        "share": t("cond_col_pocket_share")},
                      lang=session.lang, counts=conditions.POCKET_COUNTS, percents=("share",), width="stretch")

    st.subheader(t("cond_empowerment"))
    st.caption(t("cond_empowerment_note"))
    st.metric(t("cond_empowerment_total"), formats.count(profile.empowerment_total, session.lang),
              help=t("cond_empowerment_note"))
    widgets.table(profile.empowerment, {"area_name": t("cond_col_area_name"), "families": t("cond_col_families"),
                                        "empowerment": t("cond_col_empowerment")},
                  lang=session.lang, counts=conditions.EMPOWERMENT_COUNTS, width="stretch")
    if profile.target_link is not None:
        query = urlencode({k: v for k, v in profile.target_link.items() if v is not None}, doseq=True)
        st.markdown(f"[{t('cond_empowerment_link')}](targets?{query})")
        st.caption(t("cond_empowerment_link_note"))
