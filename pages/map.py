import streamlit as st

from regsosek import map_width, maps, reference, widgets
from regsosek.ui import page_setup
from regsosek.views import map as map_view

session = page_setup("map")
t = session.t
st.title(t("page_map_title"))
widgets.require_snapshot(session)
st.caption(t("map_intro"))

kab = widgets.kab_picker(session, "map_kab")
view = widgets.build_view(session, map_view.build, kab=kab, lang=session.lang)
if view.timeline.visits_final:
    st.caption(t("map_visits_final"))
if view.level == "desa":
    st.subheader(t("map_level_desa", kab=reference.kab_names()[view.kab]))
else:
    st.subheader(t("map_level_kec"))

if view.layer.empty:
    st.info(t("map_empty"))
width = map_width.measured("map_width")
st.pydeck_chart(maps.coverage_deck(view.level, view.layer, view.boundaries, view.labels, view.camera,
                                   t("map_tooltip"), width), height=maps.map_height(width))

swatches = [(colour, t(key)) for _, colour, key in maps.COVERAGE_BANDS]
if view.has_grey_areas:
    swatches.append((maps.NO_DATA_COLOUR, t(maps.NO_DATA_KEY)))
if view.level == "kec":
    swatches.append((maps.BASE_COLOUR, t(maps.BASE_KEY)))
legend = " &nbsp; ".join(
    f'<span style="display:inline-block;width:12px;height:12px;background:rgb{colour}"></span> {label}'
    for colour, label in swatches)
st.markdown(f"**{t('map_legend')}:** &nbsp; {legend}", unsafe_allow_html=True)
st.caption(t("map_points_note") if view.level == "desa" else t("map_areas_note"))
st.caption(t("map_boundaries_approximate"))

widgets.table(view.areas, {c: t(f"map_col_{c}") for c in map_view.TABLE_COLUMNS}, lang=session.lang,
              counts=map_view.COUNTS, percents=("percent_visited",),
              config={c: st.column_config.Column(help=t(f"map_help_{c}")) for c in map_view.TABLE_COLUMNS},
              width="stretch")
