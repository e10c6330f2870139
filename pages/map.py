import streamlit as st

from regsosek import db, maps, privacy, reference
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

session = page_setup("map")
t = session.t
scope = session.scope
st.title(t("page_map_title"))
if session.snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
st.caption(t("map_intro"))

kab_names = reference.kab_names()
options = list(scope.kab_codes) if len(scope.kab_codes) == 1 else ["", *scope.kab_codes]
if "map_kab" not in st.session_state:
    st.session_state["map_kab"] = query_param("kab", options[0], allowed=options)
kab = st.selectbox(t("mon_area"), options, key="map_kab",
                   format_func=lambda code: kab_names[code] if code else t("mon_all_regencies"))
set_query_params(kab=kab or None)

snapshot_id = session.snapshot.snapshot_id
if kab:
    areas = db.cached_run("coverage_map_desa", scope, snapshot_id, kab=kab)
    st.subheader(t("map_level_desa", kab=kab_names[kab]))
    radius_m, zoom = 500, 9.5
else:
    areas = db.cached_run("coverage_map_kecamatan", scope, snapshot_id)
    st.subheader(t("map_level_kec"))
    radius_m, zoom = 2500, 7.0

shown = privacy.suppress(areas, ["target", "visited"], scope, rate_cols={"percent_visited": ("target", "visited")})
if shown.empty:
    st.info(t("map_empty"))
view = maps.PROVINCE_VIEW if not kab else maps.view_for(shown, zoom)
st.pydeck_chart(maps.coverage_deck(shown, radius_m, view, t("map_tooltip")), height=560)

swatches = [(colour, t(key)) for _, colour, key in maps.COVERAGE_BANDS]
if scope.spec.suppress_small_counts:
    swatches.append((maps.NO_DATA_COLOUR, t(maps.NO_DATA_KEY)))
legend = " &nbsp; ".join(
    f'<span style="display:inline-block;width:12px;height:12px;background:rgb{colour}"></span> {label}'
    for colour, label in swatches)
st.markdown(f"**{t('map_legend')}:** &nbsp; {legend}", unsafe_allow_html=True)
st.caption(t("map_points_note"))

table_columns = ["area_name", "target", "visited", "percent_visited"]
st.dataframe(shown[table_columns].rename(columns={c: t(f"mon_col_{c}") for c in table_columns}),
             hide_index=True, width="stretch")
