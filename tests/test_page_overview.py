"""Overview page: headline figures and the regencies furthest behind / ahead, checked against the raw snapshot."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from monitoring_expected import ROOT, expected_by_area, fmt_count, metric, signed_in
from streamlit.testing.v1 import AppTest

from regsosek import facts, i18n, privacy, reference

LATE = "2022-11-14"


def page(username: str) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=30), username)
    return at.run()


def expected_headline(published, as_of: str, kab_codes: list[str]) -> dict:
    fam = published.table(as_of, "keluarga")
    fam = fam[fam["kab_code"].isin(kab_codes)]
    sls = published.table(as_of, "sls")
    sls = sls[sls["kab_code"].isin(kab_codes)]
    officers = published.table(as_of, "petugas")
    officers = officers[officers["kab_code"].isin(kab_codes)]
    last_day = min(date.fromisoformat(as_of), facts.CAMPAIGN_END)
    visit_day = pd.to_datetime(fam["tgl_kunjungan"]).dt.date
    target = int(sls["jumlah_prelist"].sum() + (~fam["prelist"]).sum())
    visited = int(fam["tgl_kunjungan"].notna().sum())
    on_last_day = fam[visit_day == last_day]
    last7 = fam[(visit_day > last_day - timedelta(days=7)) & (visit_day <= last_day)]
    pace = len(last7) / 7
    finish = None if visited >= target or pace == 0 else last_day + timedelta(days=int(-(-(target - visited) // pace)))
    return {"target": target, "visited": visited, "percent": 100 * visited / target,
            "active": on_last_day["ppl_id"].nunique(), "ppl": int((officers["peran"] == "PPL").sum()),
            "officers": len(officers), "per_ppl": len(on_last_day) / on_last_day["ppl_id"].nunique(),
            "finish": finish, "days_elapsed": (last_day - facts.CAMPAIGN_START).days + 1}


@pytest.mark.parametrize("username,role", [("gubernur", "gubernur"), ("bps_jatim", "bps_provinsi"),
                                           ("bps_surabaya", "bps_kabkota")])
def test_headline_equals_the_raw_snapshot(published, username, role):
    kab_codes = ["3578"] if role == "bps_kabkota" else sorted(published.table(LATE, "sls")["kab_code"].unique())
    exp = expected_headline(published, LATE, kab_codes)
    at = page(username)
    assert not at.exception
    t = i18n.t
    assert metric(at, t("overview_visited")) == fmt_count(exp["visited"], role)
    assert metric(at, t("overview_target")) == fmt_count(exp["target"], role)
    assert metric(at, t("overview_percent")) == f"{exp['percent']:.1f}%"
    assert metric(at, t("overview_days_elapsed")) == f"{exp['days_elapsed']} / 31"
    assert metric(at, t("overview_ppl_active")) == f"{fmt_count(exp['active'], role)} / {fmt_count(exp['ppl'], role)}"
    assert metric(at, t("overview_workforce")) == fmt_count(exp["officers"], role)
    assert metric(at, t("overview_per_ppl_day")) == f"{exp['per_ppl']:.1f}"
    finish = exp["finish"].isoformat() if exp["finish"] else t("overview_finish_none")
    assert metric(at, t("overview_finish")) == finish


@pytest.mark.parametrize("username,role", [("bps_jatim", "bps_provinsi"), ("bps_surabaya", "bps_kabkota")])
def test_behind_and_ahead_lists_and_behind_count(published, username, role):
    level = "kec" if role == "bps_kabkota" else "kab"
    kab_codes = ["3578"] if role == "bps_kabkota" else None
    exp = expected_by_area(published, LATE, level, kab_codes)
    days_elapsed = 31
    exp["gap"] = exp["percent"] - 100 * days_elapsed / 31
    at = page(username)
    behind, ahead = (df.value for df in at.main.dataframe)
    assert list(behind["area_name"]) == list(exp.nsmallest(5, "gap")["area_name"])
    assert list(ahead["area_name"]) == list(exp.nlargest(5, "gap")["area_name"])
    assert behind["visited"].astype(int).tolist() == exp.nsmallest(5, "gap")["visited"].tolist()
    link = behind["link"].iloc[0]
    assert link.startswith("/coverage?kab=3578&kec=" if level == "kec" else "/coverage?kab=")
    behind_count = int((exp["percent"] < 100 * days_elapsed / 31).sum())
    assert metric(at, i18n.t("overview_behind")) == f"{behind_count} / {len(exp)}"


def test_regency_head_sees_no_other_regency(published):
    at = page("bps_surabaya")
    names = {n for df in at.main.dataframe for n in df.value["area_name"]}
    kec_names = set(published_kec_names("3578"))
    assert names and names <= kec_names


def published_kec_names(kab_code: str) -> list[str]:
    kec = reference.kecamatan()
    return list(kec[kec["kab_code"] == kab_code]["nama"])


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_the_page_see_no_figures(published, username):
    at = page(username)
    assert not at.main.metric and not at.main.dataframe
    assert at.main.error


def test_gubernur_sees_suppressed_small_counts(published):
    at = page("gubernur")
    for df in (d.value for d in at.main.dataframe):
        for value in df["visited"]:
            assert value == privacy.SUPPRESSED or int(str(value).replace(".", "")) >= 10
