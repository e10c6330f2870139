"""Coverage page: the drill-down table, flags and workforce equal the raw snapshot; the URL cannot widen a scope."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from monitoring_expected import ROOT, expected_by_area, expected_cell, shown_cells, signed_in
from streamlit.testing.v1 import AppTest

from regsosek import facts, privacy, reference

LATE = "2022-11-14"


def page(username: str, **params: str) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "pages" / "coverage.py"), default_timeout=30), username)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def coverage_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.main.dataframe if "ppl_assigned" in df.value.columns)


@pytest.mark.parametrize("username,role,params,level,parent,kabs", [
    ("bps_jatim", "bps_provinsi", {}, "kab", None, None),
    ("bps_jatim", "bps_provinsi", {"kab": "3509"}, "kec", "3509", None),
    ("bps_surabaya", "bps_kabkota", {}, "kec", "3578", ["3578"]),
    ("gubernur", "gubernur", {"kab": "3529"}, "kec", "3529", None),
])
def test_table_equals_the_raw_snapshot(published, username, role, params, level, parent, kabs):
    exp = expected_by_area(published, LATE, level, kabs, parent).set_index("area_code")
    at = page(username, **params)
    assert not at.exception
    shown = coverage_table(at).set_index("area_code")
    assert sorted(shown.index) == sorted(exp.index)
    exp = exp.loc[shown.index]
    for col in ("target", "visited", *facts.OUTCOMES):
        assert shown_cells(shown[col]) == [expected_cell(v, role) for v in exp[col]], col
    visible = shown["percent_visited"].notna()
    assert (shown.loc[visible, "percent_visited"] - exp.loc[visible, "percent"]).abs().max() < 0.006
    if role == "gubernur":
        assert (shown[list(facts.OUTCOMES)] == privacy.SUPPRESSED).any().any()


def test_drill_down_to_sls_for_bps(published):
    fam = published.table(LATE, "keluarga")
    desa = fam[fam["kab_code"] == "3578"]["desa_code"].iloc[0]
    at = page("bps_surabaya", kab="3578", kec=desa[:6], desa=desa)
    sls_table = next(df.value for df in at.main.dataframe if "sls_id" in df.value.columns)
    sls = published.table(LATE, "sls")
    sls = sls[sls["desa_code"] == desa].set_index("sls_id")
    desa_fam = fam[fam["desa_code"] == desa]
    visited = desa_fam.groupby("sls_id")["tgl_kunjungan"].count().reindex(sls.index, fill_value=0)
    target = sls["jumlah_prelist"] + (~desa_fam["prelist"]).groupby(desa_fam["sls_id"]).sum().reindex(
        sls.index, fill_value=0)
    assert list(sls_table["sls_id"]) == list(sls.index)
    assert list(sls_table["visited"]) == list(visited)
    assert list(sls_table["target"]) == list(target)


def test_gubernur_never_gets_sls_rows(published):
    fam = published.table(LATE, "keluarga")
    desa = fam[fam["kab_code"] == "3578"]["desa_code"].iloc[0]
    at = page("gubernur", kab="3578", kec=desa[:6], desa=desa)
    assert not any("sls_id" in df.value.columns or "ppl_id" in df.value.columns for df in at.main.dataframe)


def test_flags_and_estimate(published):
    at = page("bps_jatim")
    flags = next(df.value for df in at.main.dataframe if "departs_from_estimate" in df.value.columns)
    exp = expected_by_area(published, LATE, "kab").set_index("area_code")
    regencies = reference.kabkota().set_index("kab_code")
    estimate = regencies["penduduk"] / regencies.index.map(facts.mean_family_size) * published_scale(published)
    departs = ((exp["target"] - estimate.loc[exp.index]).abs() > 0.05 * estimate.loc[exp.index])
    sls = published.table(LATE, "sls")
    fam = published.table(LATE, "keluarga")
    visited_sls = fam.groupby("sls_id")["tgl_kunjungan"].count().reindex(sls["sls_id"], fill_value=0)
    not_started = (visited_sls.to_numpy() == 0)
    not_started_by_kab = pd.Series(not_started, index=sls["kab_code"]).groupby(level=0).sum()
    over = exp["visited"] > exp["target"]
    expected_flagged = sorted(exp.index[departs | over | (not_started_by_kab.reindex(exp.index) > 0)])
    assert sorted(flags["area_code"]) == expected_flagged
    flagged = flags.set_index("area_code")
    assert list(flagged["departs_from_estimate"]) == list(departs.loc[flagged.index])
    assert list(flagged["sls_not_started"]) == list(not_started_by_kab.reindex(flagged.index))


def published_scale(published) -> float:
    return float(json.loads((published.raw[LATE] / "manifest.json").read_text())["scale"])


def test_workforce_equals_the_officers_file(published):
    at = page("bps_surabaya")
    workforce = next(df.value for df in at.main.dataframe if "koseka" in df.value.columns).set_index("area_code")
    officers = published.table(LATE, "petugas")
    officers = officers[officers["kab_code"] == "3578"]
    by_kec = officers.groupby(["kec_code", "peran"]).size().unstack(fill_value=0)
    for kec, row in workforce.iterrows():
        assert row["ppl"] == by_kec.loc[kec].get("PPL", 0)
        assert row["pml"] == by_kec.loc[kec].get("PML", 0)
    working = officers[(officers["peran"] == "PPL") & officers["tgl_berhenti"].isna()]
    assert workforce["ppl_working"].sum() == len(working)


@pytest.mark.parametrize("other_kab", ["3527", "3501"])
def test_regency_head_with_another_regency_in_the_url_sees_only_its_own(published, other_kab):
    at = page("bps_surabaya", kab=other_kab)
    assert at.main.warning
    other_kec = set(reference.kecamatan().query("kab_code == @other_kab")["kec_code"])
    codes = {c for df in at.main.dataframe if "area_code" in df.value.columns for c in df.value["area_code"]}
    assert codes and not codes & other_kec and not codes & {other_kab}
    assert all(c.startswith("3578") for c in codes)


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = page(username, kab="3527")
    assert not at.main.dataframe and at.main.error


def test_choosing_a_regency_puts_it_in_the_url_and_drills_down(published):
    at = page("bps_jatim")
    at.selectbox(key="coverage_kab").set_value("3509").run()
    assert at.query_params["kab"] in ("3509", ["3509"])
    shown = coverage_table(at)
    exp = expected_by_area(published, LATE, "kec", None, "3509")
    assert sorted(shown["area_code"]) == sorted(exp["area_code"])
