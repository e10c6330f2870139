import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from regsosek import access, db, facts, privacy, reference
from regsosek.ui import page_setup
from regsosek.urlstate import query_param, set_query_params

session = page_setup("coverage")
st.title(session.t("page_coverage_title"))
t = session.t
scope, snapshot = session.scope, session.snapshot
if snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()

ESTIMATE_TOLERANCE_PERCENT = 5.0
THIN_FAMILIES_PER_PPL = round(facts.FAMILIES_PER_PPL * 1.2)
OUTCOME_COLS = [f"mon_col_{o}" for o in facts.OUTCOMES]
COUNT_COLS = ["target", "visited", *facts.OUTCOMES, "ppl_assigned", "ppl_active_last_day"]
shows_sls = scope.spec.tier != access.TIER_AGGREGATE


def run(name: str, **params: object) -> pd.DataFrame:
    return db.cached_run(name, scope, snapshot.snapshot_id, **params)


def shown_numbers(raw: pd.DataFrame, shown: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Numbers for a chart: what the table hides is left out of the chart too."""
    out = raw.copy()
    for col in cols:
        out[col] = raw[col].astype("float64").where(shown[col] != privacy.SUPPRESSED)
    return out


def pick(label_key: str, options: pd.DataFrame, current: str | None, param: str, clears: tuple[str, ...]) -> None:
    codes = [""] + list(options["area_code"])
    names = dict(zip(options["area_code"], options["area_name"]))
    names[""] = t("coverage_all")

    def on_change() -> None:
        set_query_params(**{param: st.session_state[f"coverage_{param}"] or None}, **dict.fromkeys(clears))

    st.selectbox(t(label_key), codes, index=codes.index(current) if current in codes else 0,
                 format_func=names.__getitem__, key=f"coverage_{param}", on_change=on_change)


kab_asked = query_param("kab", None, allowed=lambda v: v.isdigit() and len(v) == 4)
kab = kab_asked if kab_asked and scope.may_see_kab(kab_asked) else None
if kab_asked and kab is None:
    st.warning(t("coverage_outside_scope"))
if kab is None and len(scope.kab_codes) == 1:
    kab = scope.kab_codes[0]
kec = query_param("kec", None, allowed=lambda v: kab is not None and v.isdigit() and len(v) == 6 and v[:4] == kab)
desa = query_param("desa", None, allowed=lambda v: kec is not None and v.isdigit() and len(v) == 10 and v[:6] == kec)

try:
    kab_rows = run("coverage_by_area", level="kab", parent=None)
    kec_rows = run("coverage_by_area", level="kec", parent=kab) if kab else None
    desa_rows = run("coverage_by_area", level="desa", parent=kec) if kec else None
except (duckdb.Error, db.UnknownSnapshot):
    st.warning(t("mon_data_unavailable"))
    st.stop()

pickers = st.columns(3)
with pickers[0]:
    if len(scope.kab_codes) > 1:
        pick("coverage_pick_kab", kab_rows, kab, "kab", ("kec", "desa"))
    else:
        st.markdown(f"**{t('coverage_pick_kab')}**: {reference.kab_names()[kab]}")
if kec_rows is not None:
    with pickers[1]:
        pick("coverage_pick_kec", kec_rows, kec, "kec", ("desa",))
if desa_rows is not None:
    with pickers[2]:
        pick("coverage_pick_desa", desa_rows, desa, "desa", ())

if desa is not None and shows_sls:
    st.subheader(t("coverage_sls_table"))
    sls = run("coverage_sls", desa_code=desa)
    st.dataframe(sls, hide_index=True, column_config={
        "sls_id": t("coverage_col_sls"), "rt": t("coverage_col_rt"), "rw": t("coverage_col_rw"),
        "ppl_id": t("coverage_col_ppl"), "target": t("mon_col_target"), "prelist": None, "new_families": None,
        "visited": t("mon_col_visited"),
        "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
        **{o: t(f"mon_col_{o}") for o in facts.OUTCOMES}})

if kec is not None:
    level, parent, rows = "desa", kec, desa_rows
elif kab is not None:
    level, parent, rows = "kec", kab, kec_rows
else:
    level, parent, rows = "kab", None, kab_rows
if desa is not None:
    rows = rows[rows["area_code"] == desa]

st.subheader(t("coverage_table"))
shown = privacy.suppress(rows, COUNT_COLS, scope, rate_cols={
    "percent_visited": ("target", "visited"), "families_per_ppl": ("target", "ppl_assigned")})
st.dataframe(shown, hide_index=True, column_config={
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
    "prelist": None, "new_families": None, "visited": t("mon_col_visited"),
    "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
    **{o: t(f"mon_col_{o}") for o in facts.OUTCOMES},
    "ppl_assigned": t("mon_col_ppl_assigned"), "ppl_active_last_day": t("mon_col_ppl_active"),
    "families_per_ppl": st.column_config.NumberColumn(t("mon_col_families_per_ppl"), format="%.1f")})

chart = shown_numbers(rows, shown, ["target", "visited"])
figure = go.Figure([
    go.Bar(name=t("coverage_chart_target"), x=chart["area_name"], y=chart["target"]),
    go.Bar(name=t("coverage_chart_visited"), x=chart["area_name"], y=chart["visited"],
           customdata=shown["percent_visited"], hovertemplate="%{y} (%{customdata:.1f}%)"),
])
figure.update_layout(barmode="group", height=380, margin={"t": 20, "b": 10}, legend={"orientation": "h"})
st.plotly_chart(figure, width="stretch")

st.subheader(t("coverage_flags"))
st.caption(t("coverage_flags_note", tolerance=f"{ESTIMATE_TOLERANCE_PERCENT:g}"))
regencies = reference.kabkota()
estimate = regencies["penduduk"] / regencies["kab_code"].map(facts.mean_family_size) * snapshot.scale
flags = run("coverage_flags", level=level, parent=parent, estimate_kab=list(regencies["kab_code"]),
            estimate_families=[float(v) for v in estimate], tolerance_percent=ESTIMATE_TOLERANCE_PERCENT)
if desa is not None:
    flags = flags[flags["area_code"] == desa]
if flags.empty:
    st.info(t("coverage_flags_none"))
else:
    flags_shown = privacy.suppress(flags, ["target", "visited", "sls", "sls_not_started"], scope,
                                   rate_cols={"percent_visited": ("target", "visited")})
    st.dataframe(flags_shown, hide_index=True, column_config={
        "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "target": t("mon_col_target"),
        "visited": t("mon_col_visited"),
        "percent_visited": st.column_config.NumberColumn(t("mon_col_percent"), format="%.1f"),
        "sls": t("coverage_col_sls"), "sls_not_started": t("coverage_col_sls_not_started"),
        "estimate": t("coverage_col_estimate"), "estimate_diff_percent": t("coverage_col_estimate_diff"),
        "over_target": t("coverage_col_over_target"), "departs_from_estimate": t("coverage_col_departs")})

st.subheader(t("coverage_workforce"))
st.caption(t("coverage_workforce_note", limit=THIN_FAMILIES_PER_PPL))
workforce = run("workforce_by_area", level="kab" if kab is None else "kec", parent=kab,
                families_per_ppl_max=THIN_FAMILIES_PER_PPL)
if kec is not None:
    workforce = workforce[workforce["area_code"] == kec]
workforce_counts = ["koseka", "pml", "ppl", "ppl_dropped_out", "ppl_working", "ppl_active_last_day", "target"]
workforce_shown = privacy.suppress(workforce, workforce_counts, scope, rate_cols={
    "families_per_ppl": ("target", "ppl_working"), "remaining_per_ppl": ("target", "ppl_working")})
st.dataframe(workforce_shown.sort_values("thin", ascending=False, kind="stable"), hide_index=True, column_config={
    "area_code": t("mon_col_code"), "area_name": t("mon_col_area"), "koseka": t("coverage_col_koseka"),
    "pml": t("coverage_col_pml"), "ppl": t("coverage_col_ppl"), "ppl_dropped_out": t("coverage_col_ppl_dropped"),
    "ppl_working": t("coverage_col_ppl_working"), "ppl_active_last_day": t("mon_col_ppl_active"),
    "target": t("mon_col_target"),
    "families_per_ppl": st.column_config.NumberColumn(t("mon_col_families_per_ppl"), format="%.1f"),
    "remaining_per_ppl": st.column_config.NumberColumn(t("coverage_col_remaining_per_ppl"), format="%.1f"),
    "thin": t("coverage_col_thin")})
