import plotly.express as px
import streamlit as st

from regsosek import formats, map_width, maps, widgets
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params
from regsosek.views import mistargeting

session = page_setup("mistargeting")
t = session.t
st.title(t("page_mistargeting_title"))
widgets.require_snapshot(session)

programme = widgets.url_select(
    t("mis_programme"), mistargeting.PROGRAMMES, key="mis_programme", param="programme",
    current=query_param("programme", mistargeting.PROGRAMMES[0], allowed=mistargeting.PROGRAMMES),
    format_func=mistargeting.PROGRAMME_LABELS.__getitem__)
set_query_params(programme=programme)
rank_by = query_param("rank", "exclusion", allowed=mistargeting.RANKINGS)
view = widgets.build_view(session, mistargeting.build, programme=programme, rank_by=rank_by, lang=session.lang)


def desil_list(deciles: tuple[int, ...]) -> str:
    return ", ".join(str(d) for d in deciles)


eligible, well_off = desil_list(view.eligible_desil), desil_list(view.inclusion_desil)
st.caption(t("mis_intro", desil=well_off))
if not view.has_scores:
    st.info(t("mis_no_scores"))
    st.stop()


def count(value: int | None) -> str:
    return formats.count(value, session.lang)


def rate(value: float | None) -> str:
    return formats.percent(value, session.lang)


helps = {
    "eligible_families": t("mis_help_eligible", desil=eligible),
    "excluded": t("mis_help_excluded", desil=eligible),
    "exclusion_rate": t("mis_help_exclusion_rate", desil=eligible),
    "recipients": t("mis_help_recipients"),
    "included": t("mis_help_included", desil=well_off),
    "inclusion_rate": t("mis_help_inclusion_rate", desil=well_off),
}
labels = {"area_name": t("mis_col_area"), "eligible_families": t("mis_col_eligible"),
          "excluded": t("mis_col_excluded"), "exclusion_rate": t("mis_col_exclusion_rate"),
          "recipients": t("mis_col_recipients"), "included": t("mis_col_included"),
          "inclusion_rate": t("mis_col_inclusion_rate")}

st.subheader(t("mis_totals_for", programme=mistargeting.PROGRAMME_LABELS[view.programme]))
totals = view.totals
st.markdown(t("mis_headline", included=count(totals.included), programme=mistargeting.PROGRAMME_LABELS[view.programme],
              well_off=well_off, excluded=count(totals.excluded), eligible=eligible,
              inclusion_rate=rate(totals.inclusion_rate), exclusion_rate=rate(totals.exclusion_rate)))
# One row per error, so that no label is cut short.
cols = st.columns(3)
cols[0].metric(labels["eligible_families"], count(totals.eligible_families), help=helps["eligible_families"])
cols[1].metric(labels["excluded"], count(totals.excluded), help=helps["excluded"])
cols[2].metric(labels["exclusion_rate"], rate(totals.exclusion_rate), help=helps["exclusion_rate"])
cols = st.columns(3)
cols[0].metric(labels["recipients"], count(totals.recipients), help=helps["recipients"])
cols[1].metric(labels["included"], count(totals.included), help=helps["included"])
cols[2].metric(labels["inclusion_rate"], rate(totals.inclusion_rate), help=helps["inclusion_rate"])

st.subheader(t("mis_by_area"))
widgets.url_select(t("mis_rank_by"), list(mistargeting.RANKINGS), key="mis_rank", param="rank", current=view.rank_by,
                   format_func=lambda r: t(f"mis_rank_{r}"))
st.caption(t("mis_rank_note", min=count(view.min_base), ranked=count(view.ranked_areas),
             areas=count(len(view.by_area))))
widgets.table(view.by_area, labels, lang=session.lang, counts=mistargeting.AREA_COUNTS,
              percents=("exclusion_rate", "inclusion_rate"),
              config={c: st.column_config.Column(help=h) for c, h in helps.items()}, width="stretch")
st.caption(t("mis_missing_note"))

if view.exclusion_layer is not None:
    st.subheader(t("mis_map"))
    width = map_width.measured("mis_map_width")
    st.pydeck_chart(maps.exclusion_deck(view.exclusion_layer, t("mis_map_tooltip"), width),
                    height=maps.map_height(width))
    swatches = [*maps.exclusion_legend(session.lang), (maps.NO_DATA_COLOUR, t("mis_map_hidden"))]
    legend = " &nbsp; ".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:12px;height:12px;'
        f'background:rgb{colour}"></span> {label}</span>'
        for colour, label in swatches)
    st.markdown(f"**{t('mis_map_legend')}:** &nbsp; {legend}", unsafe_allow_html=True)
    st.caption(t("cond_boundaries_approximate"))

st.subheader(t("mis_ver_title"))
poorest = desil_list(view.verification_poorest)
st.caption(t("mis_ver_intro", well_off=well_off, poorest=poorest))
if view.verification_flagged is not None and view.verification_decided is not None:
    st.markdown(t("mis_ver_progress", decided=count(view.verification_decided),
                  flagged=count(view.verification_flagged)))
elif view.verification_decided is not None:
    st.markdown(t("mis_ver_progress_decided", decided=count(view.verification_decided)))
verification_labels = {"area_name": t("mis_col_area"),
                       **{c: t(f"mis_ver_col_{c}", poorest=poorest) for c in mistargeting.VERIFICATION_COLUMNS[1:]}}
widgets.table(view.verification, verification_labels, lang=session.lang, counts=mistargeting.VERIFICATION_COUNTS,
              percents=mistargeting.VERIFICATION_RATES,
              config={c: st.column_config.Column(help=t(f"mis_ver_help_{c}", well_off=well_off, poorest=poorest))
                      for c in mistargeting.VERIFICATION_COLUMNS[1:]}, width="stretch")
st.caption(t("mis_missing_note"))
if view.verification_hides:
    st.caption(t("mis_ver_hidden_note"))

st.subheader(t("mis_receipt_by_desil"))
matrix = view.receipt_matrix
cell_text = matrix.map(lambda v: formats.percent(v, session.lang))
figure = px.imshow(matrix, aspect="auto", color_continuous_scale="Blues",
                   labels={"x": t("mis_desil"), "y": t("mis_programme"), "color": t("mis_rate")})
figure.update_traces(text=cell_text.to_numpy(), texttemplate="%{text}",
                     hovertemplate="%{y}, " + t("mis_desil") + " %{x}: %{text}<extra></extra>")
figure.update_xaxes(dtick=1)  # every decile labelled, not every other one
st.plotly_chart(widgets.readable(figure, session.lang), width="stretch", config=widgets.CHART_CONFIG)
st.caption(t("mis_receipt_note"))
