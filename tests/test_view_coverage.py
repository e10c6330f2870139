"""Cakupan view: coverage rows, flags and workforce equal the raw snapshot at three phases; for
gubernur no hidden count comes back through outcome sums, column totals or rates, and no column
outside the drawn ones is handed over."""

from __future__ import annotations

import pandas as pd
import pytest
from monitoring_expected import expected_by_area

from regsosek import access, facts, settings, warehouse
from regsosek.views import coverage
from tests.snapshots import AFTER, EARLY, MID, PHASES


def scope_of(who: str) -> access.Scope:
    return {"gubernur": lambda: access.scope_for("gubernur", "gubernur"),
            "bps_jatim": lambda: access.scope_for("bps_jatim", "bps_provinsi"),
            "bps_surabaya": lambda: access.scope_for("bps_surabaya", "bps_kabkota", ("3578",))}[who]()


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("who,params,level,parent", [
    ("bps_jatim", {}, "kab", None), ("bps_jatim", {"kab": "3509"}, "kec", "3509"),
    ("bps_surabaya", {}, "kec", "3578"), ("gubernur", {}, "kab", None),
])
def test_table_equals_the_raw_snapshot(published, as_of, who, params, level, parent):
    view = coverage.build(scope_of(who), warehouse.get(published.ids[as_of]), **params)
    exp = expected_by_area(published, as_of, level, None, parent).set_index("area_code")
    got = view.table.set_index("area_code")
    assert view.level == level and sorted(got.index) == sorted(exp.index)
    assert list(view.table.columns) == list(coverage.TABLE_COLUMNS)
    exp = exp.loc[got.index]
    for column in ("target", "visited", *facts.OUTCOMES):
        shown = got[column].notna()
        assert list(got.loc[shown, column]) == list(exp.loc[shown, column]), column
        if who != "gubernur":
            assert shown.all()
    visible = got["percent_visited"].notna()
    assert (got.loc[visible, "percent_visited"] - exp.loc[visible, "percent"]).abs().max() < 0.006


@pytest.mark.parametrize("as_of", PHASES)
def test_workforce_counts_officers_where_posted_with_their_workload(published, as_of):
    view = coverage.build(scope_of("bps_surabaya"), warehouse.get(published.ids[as_of]))
    officers = published.table(as_of, "petugas")
    officers = officers[officers["kab_code"] == "3578"]
    fam = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    new = (~fam["prelist"]).groupby(fam["sls_id"]).sum()
    sls["target"] = sls["jumlah_prelist"] + sls["sls_id"].map(new).fillna(0)
    ppl = officers[officers["peran"] == "PPL"].set_index("petugas_id")
    workload = sls.groupby("ppl_id")["target"].sum().reindex(ppl.index, fill_value=0).groupby(ppl["kec_code"]).sum()
    got = view.workforce.set_index("area_code")
    by_role = officers.groupby(["kec_code", "peran"]).size().unstack(fill_value=0)
    for kec, row in got.iterrows():
        assert row["ppl"] == by_role.loc[kec].get("PPL", 0) and row["pml"] == by_role.loc[kec].get("PML", 0)
        assert row["workload"] == workload.get(kec, 0), kec
    working = ppl["tgl_berhenti"].isna().groupby(ppl["kec_code"]).sum()
    assert list(got["ppl_working"]) == list(working.reindex(got.index, fill_value=0))
    thin = [w == 0 or load / w > settings.THIN_FAMILIES_PER_PPL for w, load in zip(got["ppl_working"], got["workload"])]
    assert list(got["thin"]) == thin
    per_ppl = [None if w == 0 else round(load / w, 1) for w, load in zip(got["ppl_working"], got["workload"])]
    assert [None if pd.isna(v) else v for v in got["families_per_ppl"]] == pytest.approx(per_ppl)


@pytest.mark.parametrize("as_of", [MID, AFTER])  # no PPL has dropped out by 20 Oct
def test_families_per_working_ppl_leave_out_drop_outs(published, as_of):
    officers = published.table(as_of, "petugas")
    ppl = officers[officers["peran"] == "PPL"].set_index("petugas_id")
    working = ppl["tgl_berhenti"].isna()
    assert (~working).any(), "the check must run where PPL have dropped out"
    fam = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    new = (~fam["prelist"]).groupby(fam["sls_id"]).sum()
    sls["target"] = sls["jumlah_prelist"] + sls["sls_id"].map(new).fillna(0)
    workload = sls.groupby("ppl_id")["target"].sum().reindex(ppl.index, fill_value=0).groupby(ppl["kab_code"]).sum()
    got = coverage.build(scope_of("bps_jatim"), warehouse.get(published.ids[as_of])).workforce.set_index("area_code")
    # one decimal, rounded half away from zero in SQL: within 0.05 of the exact quotient
    assert got["families_per_ppl"].to_dict() == pytest.approx((workload / working.groupby(ppl["kab_code"]).sum())
                                                               .loc[got.index].to_dict(), abs=0.0501)


@pytest.mark.parametrize("as_of", PHASES)
def test_flags_and_the_estimate_only_per_regency(published, as_of):
    snapshot = warehouse.get(published.ids[as_of])
    view = coverage.build(scope_of("bps_jatim"), snapshot)
    exp = expected_by_area(published, as_of, "kab").set_index("area_code")
    estimate = coverage.family_estimate(snapshot.scale).set_index("kab_code")["families"].loc[exp.index]
    departs = (exp["target"] - estimate).abs() > estimate * settings.ESTIMATE_TOLERANCE_PERCENT / 100
    sls = published.table(as_of, "sls")
    fam = published.table(as_of, "keluarga")
    visited = fam.groupby("sls_id")["tgl_kunjungan"].count().reindex(sls["sls_id"], fill_value=0).to_numpy()
    not_started = pd.Series(visited == 0, index=sls["kab_code"]).groupby(level=0).sum().reindex(exp.index)
    flagged = departs | (exp["visited"] > exp["target"]) | (not_started > 0)
    got = view.flags.set_index("area_code")
    assert sorted(got.index) == sorted(exp.index[flagged])
    assert list(got["departs_from_estimate"]) == list(departs.loc[got.index])
    assert list(got["sls_not_started"]) == list(not_started.loc[got.index])
    assert view.estimate_shown
    kec_view = coverage.build(scope_of("bps_jatim"), snapshot, kab="3509")
    assert not kec_view.estimate_shown and "estimate" not in kec_view.flags.columns


def test_url_cannot_widen_the_scope_and_sls_rows_need_the_capability(published):
    snapshot = warehouse.get(published.ids[EARLY])
    view = coverage.build(scope_of("bps_surabaya"), snapshot, kab="3527", kec="352701")
    assert view.outside_scope and view.kab == "3578" and view.kec is None
    assert all(code.startswith("3578") for code in view.table["area_code"])
    desa = published.table(EARLY, "sls").query("kab_code == '3578'")["desa_code"].iloc[0]
    bps = coverage.build(scope_of("bps_surabaya"), snapshot, kab="3578", kec=desa[:6], desa=desa)
    assert bps.sls is not None and list(bps.sls.columns) == list(coverage.SLS_COLUMNS)
    gub = coverage.build(scope_of("gubernur"), snapshot, kab="3578", kec=desa[:6], desa=desa)
    assert gub.sls is None


def test_gubernur_outcomes_columns_and_rates_give_no_hidden_count_back(published):
    kab = "3527"
    raw = expected_by_area(published, EARLY, "kec", None, kab)
    counts = raw[["target", "visited", *facts.OUTCOMES]]
    assert ((counts > 0) & (counts < settings.SMALL_COUNT)).any().any(), "no small count to protect"
    view = coverage.build(scope_of("gubernur"), warehouse.get(published.ids[EARLY]), kab=kab)
    table = view.table
    assert not {"prelist", "new_families"} & set(table.columns)
    parts = table[["visited", *facts.OUTCOMES]]
    assert parts.isna().any().any()
    assert (parts.isna().sum(axis=1) != 1).all(), "visited = sum of outcomes recovers one hidden cell"
    assert (table[list(coverage.TABLE_COUNTS)].isna().sum(axis=0) != 1).all(), "the regency total recovers one"
    assert table.loc[table["visited"].isna() | table["target"].isna(), "percent_visited"].isna().all()
    assert table.loc[table["ppl_assigned"].isna() | table["target"].isna(), "families_per_ppl"].isna().all()
    shown = table[list(coverage.TABLE_COUNTS)].stack()
    assert not ((shown > 0) & (shown < settings.SMALL_COUNT)).any()
    flags = view.flags.set_index("area_code")
    cells = table.set_index("area_code").loc[flags.index, ["target", "visited"]]
    assert flags[["target", "visited"]].isna().equals(cells.isna())
    work = view.workforce
    assert "workload_remaining" not in work.columns
    assert (work[["ppl", "ppl_dropped_out", "ppl_working"]].isna().sum(axis=1) != 1).all()
    assert work.loc[work["ppl_working"].isna() | work["workload"].isna(), "families_per_ppl"].isna().all()


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("who,params,level,parent", [
    ("bps_jatim", {}, "kab", None), ("bps_jatim", {"kab": "3509"}, "kec", "3509"), ("gubernur", {}, "kab", None),
])
def test_chart_is_percent_against_plan_sorted_by_the_gap(published, as_of, who, params, level, parent):
    """The chart's percent per area and the plan of the as-of day (31-day straight line; 100 after close)."""
    from monitoring_expected import campaign_clock

    view = coverage.build(scope_of(who), warehouse.get(published.ids[as_of]), **params)
    clock = campaign_clock(as_of)
    plan = 100.0 if clock["final"] else clock["plan"]
    assert abs(view.plan_percent - plan) < 0.006
    exp = expected_by_area(published, as_of, level, None, parent).set_index("area_code")
    got = view.chart.set_index("area_code")
    assert (got["percent_visited"] - exp.loc[got.index, "percent"]).abs().max() < 0.006
    assert (got["gap_to_plan"] - (exp.loc[got.index, "percent"] - plan)).abs().max() < 0.02
    assert list(got["gap_to_plan"]) == sorted(got["gap_to_plan"])
    shown = view.table["percent_visited"].notna()
    assert sorted(got.index) == sorted(view.table.loc[shown, "area_code"])
    if who != "gubernur":
        assert len(got) == len(exp)


@pytest.mark.parametrize("as_of", PHASES)
def test_sls_rows_of_a_desa_equal_the_raw_snapshot(published, as_of):
    fam = published.table(as_of, "keluarga")
    desa = fam[(fam["kab_code"] == "3578") & fam["tgl_kunjungan"].notna()]["desa_code"].value_counts().idxmax()
    sls = published.table(as_of, "sls")
    sls = sls[sls["desa_code"] == desa].set_index("sls_id")
    fam = fam[fam["sls_id"].isin(sls.index)].groupby("sls_id")
    view = coverage.build(scope_of("bps_surabaya"), warehouse.get(published.ids[as_of]), kab="3578",
                          kec=desa[:6], desa=desa)
    got = view.sls.set_index("sls_id")
    assert sorted(got.index) == sorted(sls.index)
    new = fam["prelist"].apply(lambda s: int((~s).sum())).reindex(sls.index, fill_value=0)
    visited = fam["tgl_kunjungan"].count().reindex(sls.index, fill_value=0)
    assert visited.sum() > 0
    for sls_id, row in sls.iterrows():
        assert (got.at[sls_id, "rt"], got.at[sls_id, "rw"], got.at[sls_id, "ppl_id"]) == (row["rt"], row["rw"],
                                                                                           row["ppl_id"])
        assert int(got.at[sls_id, "target"]) == row["jumlah_prelist"] + new[sls_id]
        assert int(got.at[sls_id, "visited"]) == visited[sls_id]
        for outcome in facts.OUTCOMES:
            found = fam["hasil_kunjungan"].apply(lambda s, o=outcome: int((s == o).sum())).get(sls_id, 0)
            assert int(got.at[sls_id, outcome]) == found, outcome
