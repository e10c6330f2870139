"""Officers page: every figure shown equals the same figure computed with pandas from the raw snapshot."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from regsosek import audit, facts, i18n
from tests.monitoring_expected import open_page

AS_OF = "2022-11-14"
SURABAYA = "3578"


def expected_ppl(published, kab_codes: set[str] | None) -> pd.DataFrame:
    """Per PPL: target, visited, last visit, dropout; from the raw Parquet."""
    families = published.table(AS_OF, "keluarga")
    sls = published.table(AS_OF, "sls")
    officers = published.table(AS_OF, "petugas")
    ppl = officers[officers["peran"] == "PPL"].set_index("petugas_id")
    prelist = sls.groupby("ppl_id")["jumlah_prelist"].sum()
    new = families[~families["prelist"]].groupby("ppl_id").size()
    visits = families[families["tgl_kunjungan"].notna()]
    out = pd.DataFrame({
        "kab_code": ppl["kab_code"],
        "pml_id": ppl["supervisor_id"],
        "dropped": ppl["tgl_berhenti"].notna(),
        "target": prelist.reindex(ppl.index, fill_value=0) + new.reindex(ppl.index, fill_value=0),
        "visited": visits.groupby("ppl_id").size().reindex(ppl.index, fill_value=0),
        "days": visits.groupby("ppl_id")["tgl_kunjungan"].nunique().reindex(ppl.index, fill_value=0),
        "last_visit": visits.groupby("ppl_id")["tgl_kunjungan"].max().reindex(ppl.index),
    })
    return out if kab_codes is None else out[out["kab_code"].isin(kab_codes)]


def expected_backlog(published, kab_codes: set[str] | None) -> int:
    families = published.table(AS_OF, "keluarga")
    waiting = families["tgl_kunjungan"].notna() & families["tgl_periksa_pml"].isna()
    if kab_codes is not None:
        waiting &= families["kab_code"].isin(kab_codes)
    return int(waiting.sum())


def metric(at: AppTest, key: str) -> str:
    label = i18n.t(key)
    return next(m.value for m in at.main.metric if m.label == label)


def as_int(text: str) -> int:
    return int(text.replace(".", ""))


def figures_of(ppl: pd.DataFrame, backlog: int) -> dict:
    last_field_day = min(date.fromisoformat(AS_OF), facts.CAMPAIGN_END)
    worked = ppl[ppl["days"] > 0]
    unfinished = ppl[ppl["visited"] < ppl["target"]]
    idle = unfinished["last_visit"].isna() | (unfinished["last_visit"] <= last_field_day - timedelta(days=3))
    return {
        "active": len(worked),
        "median": round(float((worked["visited"] / worked["days"]).median()), 1),
        "inactive": set(unfinished[idle].index),
        "overloaded": set(ppl[ppl["target"] > 1.5 * ppl["target"].median()].index),
        "backlog": backlog,
    }


def table_with(at: AppTest, column_key: str) -> pd.DataFrame:
    """The one table on the page that has this column (each list has a column of its own)."""
    found = [df.value for df in at.main.dataframe if i18n.t(column_key) in df.value.columns]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(("username", "kab_codes"), [("bps_jatim", None), ("bps_surabaya", {SURABAYA})])
def test_figures_equal_the_raw_data(workdir, username, kab_codes):
    at = open_page("officers", username)
    assert not at.exception
    want = figures_of(expected_ppl(workdir, kab_codes), expected_backlog(workdir, kab_codes))
    assert as_int(metric(at, "officers_metric_active")) == want["active"]
    assert float(metric(at, "officers_metric_median").replace(",", ".")) == pytest.approx(want["median"], abs=0.051)
    assert as_int(metric(at, "officers_metric_inactive")) == len(want["inactive"])
    assert as_int(metric(at, "officers_metric_overloaded")) == len(want["overloaded"])
    assert as_int(metric(at, "officers_metric_backlog")) == want["backlog"]
    assert len(table_with(at, "mon_col_visits_per_day")) == want["active"]
    if want["inactive"]:
        assert set(table_with(at, "mon_col_dropped_out")[i18n.t("mon_col_ppl_id")]) == want["inactive"]
    if want["overloaded"]:
        assert set(table_with(at, "mon_col_load_ratio")[i18n.t("mon_col_ppl_id")]) == want["overloaded"]
    assert table_with(at, "mon_col_backlog_over_3_days")[i18n.t("mon_col_backlog")].sum() == want["backlog"]
    if kab_codes is not None:
        for table in at.main.dataframe:
            assert set(table.value[i18n.t("mon_col_kab_code")]) <= kab_codes


def test_dropouts_are_listed_as_inactive(workdir):
    ppl = expected_ppl(workdir, None)
    dropped_unfinished = set(ppl[ppl["dropped"] & (ppl["visited"] < ppl["target"])].index)
    at = open_page("officers", "bps_jatim")
    inactive = table_with(at, "mon_col_dropped_out")
    shown_dropped = set(inactive.loc[inactive[i18n.t("mon_col_dropped_out")], i18n.t("mon_col_ppl_id")])
    assert dropped_unfinished
    assert shown_dropped == dropped_unfinished


def test_kab_in_the_url_narrows_the_province_view(workdir):
    at = open_page("officers", "bps_jatim", kab=SURABAYA)
    assert at.selectbox(key="officers_kab").value == SURABAYA
    want = figures_of(expected_ppl(workdir, {SURABAYA}), expected_backlog(workdir, {SURABAYA}))
    assert as_int(metric(at, "officers_metric_backlog")) == want["backlog"]


def test_a_kabkota_user_cannot_open_another_kab_by_url(workdir):
    at = open_page("officers", "bps_surabaya", kab="3501")
    assert at.selectbox(key="officers_kab").options == ["Kota Surabaya"]
    assert at.query_params.get("kab") in (SURABAYA, [SURABAYA])
    for table in at.main.dataframe:
        assert set(table.value[i18n.t("mon_col_kab_code")]) == {SURABAYA}


@pytest.mark.parametrize("username", ["gubernur", "csr_madura"])
def test_other_roles_are_refused_and_see_no_data(workdir, username):
    at = open_page("officers", username)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.download_button


def test_download_is_recorded_in_the_audit_log(workdir, tmp_path, monkeypatch):
    log = tmp_path / "audit" / "downloads.jsonl"
    monkeypatch.setattr(audit, "log_path", lambda: log)
    at = open_page("officers", "bps_surabaya")
    at.download_button(key="download_pml_backlog_list").click().run()
    records = audit.read_log()
    assert list(records["user"]) == ["bps_surabaya"]
    assert records["page"].iloc[0] == "officers"
    assert records["rows"].iloc[0] == len(table_with(at, "mon_col_backlog_over_3_days"))
