import plotly.express as px
import pydeck as pdk
import streamlit as st

from regsosek import db, facts, privacy
from regsosek import targeting as tg
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

session = page_setup("mistargeting")
t = session.t
scope = session.scope
st.title(t("page_mistargeting_title"))
if session.snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
snapshot_id = session.snapshot.snapshot_id
st.caption(t("mis_intro", desil=", ".join(str(d) for d in facts.INCLUSION_ERROR_DESIL)))

by_desil = db.cached_run("mistargeting_by_desil", scope, snapshot_id, kab=[])
shown_desil = privacy.suppress(by_desil, ["families", "receiving"], scope,
                               rate_cols={"percent_receiving": ("families", "receiving")})
st.subheader(t("mis_receipt_by_desil"))
matrix = shown_desil.pivot(index="programme", columns="desil", values="percent_receiving").astype("float64")
matrix.index = [tg.PROGRAMME_LABELS[p] for p in matrix.index]
figure = px.imshow(matrix, text_auto=".0f", aspect="auto", color_continuous_scale="Blues",
                   labels={"x": t("mis_desil"), "y": t("mis_programme"), "color": t("mis_rate")})
st.plotly_chart(figure, width="stretch")

programme = query_param("programme", tg.PROGRAMME_CODES[0], allowed=tg.PROGRAMME_CODES)
chosen = st.selectbox(t("mis_programme"), options=list(tg.PROGRAMME_CODES), key="mis_programme",
                      index=tg.PROGRAMME_CODES.index(programme), format_func=tg.PROGRAMME_LABELS.__getitem__)
if chosen != programme:
    set_query_params(programme=chosen)
level = tg.mistargeting_level(scope)
by_area = db.cached_run("mistargeting_by_area", scope, snapshot_id, kab=[], level=level, **tg.mistargeting_params())
by_area = by_area[by_area["programme"] == chosen].reset_index(drop=True)
shown = privacy.suppress(by_area, tg.MISTARGETING_COUNT_COLS, scope, rate_cols=tg.MISTARGETING_RATE_COLS)

st.subheader(t("mis_by_area"))
table = shown[["area_name", "eligible_families", "excluded", "exclusion_rate", "recipients", "included",
               "inclusion_rate"]].rename(columns={
    "area_name": t("mis_col_area"), "eligible_families": t("mis_col_eligible"), "excluded": t("mis_col_excluded"),
    "exclusion_rate": t("mis_col_exclusion_rate"), "recipients": t("mis_col_recipients"),
    "included": t("mis_col_included"), "inclusion_rate": t("mis_col_inclusion_rate")})
st.dataframe(table, hide_index=True, width="stretch")

if level == "kab":
    st.subheader(t("mis_map"))
    points = shown[["lon", "lat", "exclusion_rate"]].dropna().astype("float64")
    layer = pdk.Layer("ScatterplotLayer", data=points, get_position="[lon, lat]",
                      get_radius="exclusion_rate * 300", get_fill_color=[200, 30, 30, 160], pickable=True)
    view = pdk.ViewState(latitude=-7.6, longitude=112.7, zoom=6.5)
    st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None,
                             tooltip={"text": "{exclusion_rate}%"}))
