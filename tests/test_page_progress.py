"""Daily progress page: day-by-day pipeline, forecast and snapshot comparison equal the raw snapshots."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from monitoring_expected import ROOT, expected_by_area, expected_cell, shown_cells, signed_in
from streamlit.testing.v1 import AppTest

from regsosek import facts, reference

EARLY, LATE = "2022-10-28", "2022-11-14"


def page(username: str, **params: str) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "pages" / "progress.py"), default_timeout=30), username)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(df.value for df in at.main.dataframe if column in df.value.columns)


def expected_days(published, as_of: str, area: str | None, kab_codes: list[str] | None) -> pd.DataFrame:
    fam = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    if kab_codes is not None:
        fam, sls = fam[fam["kab_code"].isin(kab_codes)], sls[sls["kab_code"].isin(kab_codes)]
    if area is not None:
        key = {4: "kab_code", 6: "kec_code", 10: "desa_code"}[len(area)]
        fam, sls = fam[fam[key] == area], sls[sls[key] == area]
    days = pd.date_range(facts.CAMPAIGN_START, date.fromisoformat(as_of)).date
    out = pd.DataFrame(index=days)
    for name, col in (("visited", "tgl_kunjungan"), ("pml_checked", "tgl_periksa_pml"),
                      ("received", "tgl_terima_bps"), ("entered", "tgl_entri"), ("validated", "tgl_validasi")):
        per_day = pd.to_datetime(fam[col]).dt.date.value_counts()
        out[name] = per_day.reindex(days, fill_value=0).cumsum().to_numpy()
    out["visits"] = out["visited"].diff().fillna(out["visited"]).astype(int)
    target = sls["jumlah_prelist"].sum() + (~fam["prelist"]).sum()
    out["percent"] = 100 * out["visited"] / target
    out["plan"] = [100 * ((d - facts.CAMPAIGN_START).days + 1) / 31 if d <= facts.CAMPAIGN_END else None
                   for d in days]
    return out


@pytest.mark.parametrize("username,role,params,area,kabs", [
    ("bps_jatim", "bps_provinsi", {}, None, None),
    ("gubernur", "gubernur", {"area": "3529"}, "3529", None),
    ("bps_surabaya", "bps_kabkota", {}, None, ["3578"]),
    ("bps_surabaya", "bps_kabkota", {"area": "first_kec"}, "first_kec", ["3578"]),
])
def test_day_by_day_equals_the_raw_snapshot(published, username, role, params, area, kabs):
    if area == "first_kec":
        area = published.table(LATE, "sls").query("kab_code == '3578'")["kec_code"].min()
        params = {"area": area}
    exp = expected_days(published, LATE, area, kabs)
    at = page(username, **params)
    assert not at.exception
    days = table_with(at, "pml_checked")
    assert [pd.Timestamp(d).date() for d in days["day"]] == list(exp.index)
    for col in ("visits", "visited", "pml_checked", "received", "entered", "validated"):
        assert shown_cells(days[col]) == [expected_cell(v, role) for v in exp[col]], col
    assert (days["percent_visited"] - exp["percent"].to_numpy()).abs().max() < 0.006
    assert (days["plan_percent"] - exp["plan"].astype(float).to_numpy()).abs().max() < 0.006
    assert len(at.get("plotly_chart")) == 3


@pytest.mark.parametrize("username,role,level,kabs", [
    ("bps_jatim", "bps_provinsi", "kab", None), ("bps_surabaya", "bps_kabkota", "kec", ["3578"]),
])
def test_forecast_per_area(published, username, role, level, kabs):
    exp = expected_by_area(published, LATE, level, kabs).set_index("area_code")
    fam = published.table(LATE, "keluarga")
    if kabs:
        fam = fam[fam["kab_code"].isin(kabs)]
    day = pd.to_datetime(fam["tgl_kunjungan"]).dt.date
    last = facts.CAMPAIGN_END
    recent = fam[(day > last - timedelta(days=7)) & (day <= last)]
    pace = recent.groupby({"kab": "kab_code", "kec": "kec_code"}[level]).size().reindex(exp.index, fill_value=0) / 7
    at = page(username)
    shown = table_with(at, "at_risk").set_index("area_code").loc[exp.index]
    assert shown_cells(shown["visited"]) == [expected_cell(v, role) for v in exp["visited"]]
    assert (shown["pace_7_days"] - pace.round(1)).abs().max() < 1e-9
    remaining = exp["target"] - exp["visited"]
    assert list(shown["at_risk"]) == list(remaining > 0)


def test_comparison_with_the_earlier_snapshot(published):
    at = page("bps_surabaya", compare=published.early_id)
    change = table_with(at, "delta").set_index("area_code")
    then = expected_by_area(published, EARLY, "kec", ["3578"]).set_index("area_code")["visited"]
    now = expected_by_area(published, LATE, "kec", ["3578"]).set_index("area_code")["visited"]
    then = then.reindex(change.index, fill_value=0)
    assert list(change["visited_now"]) == list(now.loc[change.index])
    assert list(change["visited_then"]) == list(then)
    assert list(change["delta"]) == list(now.loc[change.index] - then)
    assert all(code.startswith("3578") for code in change.index)


def test_regency_head_cannot_open_another_regency_by_url(published):
    at = page("bps_surabaya", area="3527")
    sampang_kec = set(reference.kecamatan().query("kab_code == '3527'")["kec_code"])
    codes = {c for df in at.main.dataframe if "area_code" in df.value.columns for c in df.value["area_code"]}
    assert codes and not codes & (sampang_kec | {"3527"})
    days = table_with(at, "pml_checked")
    assert days["visited"].iloc[-1] == expected_days(published, LATE, None, ["3578"])["visited"].iloc[-1]


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = page(username, area="3527")
    assert not at.main.dataframe and at.main.error and not at.get("plotly_chart")
