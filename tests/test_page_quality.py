"""Data-quality page: each count equals the same check done with pandas on the raw snapshot."""

from __future__ import annotations

from datetime import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from regsosek import access, audit, i18n, reference
from tests import monitoring_expected as expected

AS_OF = "2022-11-14"
SURABAYA = "3578"
KINDS = ("nik_multi_family", "far_geotag", "odd_hour", "big_household", "stage_order", "ppl_day_overload")


def open_page(username: str, **query: str) -> AppTest:
    return expected.open_page("quality", username, **query)


def expected_cases(published, kab_codes: set[str]) -> dict[str, set]:
    """The cases of every check, found with pandas: NIKs, family ids or (PPL, day) pairs."""
    families = published.table(AS_OF, "keluarga")
    people = published.table(AS_OF, "anggota")
    families_per_nik = people.groupby("nik")["keluarga_id"].nunique()
    shared = people[people["nik"].isin(families_per_nik[families_per_nik > 1].index)]
    desa = reference.desa().set_index("desa_code")[["lat", "lon"]]
    tagged = families[families["lat"].notna()].join(desa.add_suffix("_desa"), on="desa_code")
    lat1, lat2 = np.radians(tagged["lat_desa"]), np.radians(tagged["lat"])
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(tagged["lon"] - tagged["lon_desa"]) / 2) ** 2)
    km = 2 * 6371 * np.arcsin(np.sqrt(a))
    visited = families[families["jam_kunjungan"].notna()]
    odd = visited[(visited["jam_kunjungan"] < time(6)) | (visited["jam_kunjungan"] > time(21))]
    in_scope = families[families["kab_code"].isin(kab_codes)]
    per_day = in_scope[in_scope["tgl_kunjungan"].notna()].groupby(["ppl_id", "tgl_kunjungan"]).size()
    scoped = set(in_scope["keluarga_id"])
    return {
        "nik_multi_family": set(shared.loc[shared["kab_code"].isin(kab_codes), "nik"]),
        "far_geotag": set(tagged.loc[km > 5.0, "keluarga_id"]) & scoped,
        "odd_hour": set(odd["keluarga_id"]) & scoped,
        "big_household": set(in_scope.loc[in_scope["jumlah_art"] > 15, "keluarga_id"]),
        "stage_order": set(),
        "ppl_day_overload": set(per_day[per_day > 40].index),
    }


def summary_cases(at: AppTest) -> list[int]:
    table = next(df.value for df in at.main.dataframe if i18n.t("quality_cases") in df.value.columns)
    return [int(v) for v in table[i18n.t("quality_cases")]]


@pytest.mark.parametrize(("username", "role", "kabs"), [("bps_jatim", "bps_provinsi", ()),
                                                        ("bps_surabaya", "bps_kabkota", (SURABAYA,))])
def test_counts_equal_the_raw_data(workdir, username, role, kabs):
    scope = access.scope_for(username, role, kabs)
    expected = expected_cases(workdir, set(scope.kab_codes))
    at = open_page(username)
    assert not at.exception
    assert summary_cases(at) == [len(expected[kind]) for kind in KINDS]
    if role == "bps_provinsi":
        assert all(expected[kind] for kind in ("nik_multi_family", "far_geotag", "odd_hour", "big_household"))


def test_kab_in_the_url_narrows_the_counts(workdir):
    expected = expected_cases(workdir, {SURABAYA})
    at = open_page("bps_jatim", kab=SURABAYA)
    assert at.selectbox(key="quality_kab").value == SURABAYA
    assert summary_cases(at) == [len(expected[kind]) for kind in KINDS]


def test_stage_order_is_zero_and_explained(workdir):
    at = open_page("bps_jatim")
    assert summary_cases(at)[KINDS.index("stage_order")] == 0
    assert i18n.t("quality_stage_order_note") in [c.value for c in at.main.caption]


def test_far_geotag_list_names_the_families(workdir):
    scope = access.scope_for("bps_jatim", "bps_provinsi")
    at = open_page("bps_jatim", kind="far_geotag")
    assert at.selectbox(key="quality_kind").value == "far_geotag"
    listed = next(df.value for df in at.main.dataframe if i18n.t("mon_col_keluarga_id") in df.value.columns)
    assert set(listed[i18n.t("mon_col_keluarga_id")]) == expected_cases(workdir, set(scope.kab_codes))["far_geotag"]


def test_shared_niks_are_listed_masked(workdir):
    scope = access.scope_for("bps_jatim", "bps_provinsi")
    niks = expected_cases(workdir, set(scope.kab_codes))["nik_multi_family"]
    at = open_page("bps_jatim", kind="nik_multi_family")
    listed = next(df.value for df in at.main.dataframe if i18n.t("mon_col_case_no") in df.value.columns)
    assert listed[i18n.t("mon_col_case_no")].nunique() == len(niks)
    shown = set(listed[i18n.t("mon_col_detail")])
    assert not shown & niks
    assert all(len(v) == 16 and v[6:14] == "*" * 8 for v in shown)


def test_a_kabkota_user_cannot_list_another_kab_by_url(workdir):
    at = open_page("bps_surabaya", kab="3501", kind="odd_hour")
    assert at.selectbox(key="quality_kab").value == SURABAYA
    listed = next(df.value for df in at.main.dataframe if i18n.t("mon_col_keluarga_id") in df.value.columns)
    assert len(listed) > 0
    assert set(listed[i18n.t("mon_col_kab_code")]) == {SURABAYA}


@pytest.mark.parametrize("username", ["gubernur", "csr_madura"])
def test_other_roles_are_refused_and_see_no_data(workdir, username):
    at = open_page(username)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.download_button


def test_download_is_recorded_in_the_audit_log(workdir, tmp_path, monkeypatch):
    log = tmp_path / "audit" / "downloads.jsonl"
    monkeypatch.setattr(audit, "log_path", lambda: log)
    at = open_page("bps_jatim", kind="odd_hour")
    at.download_button(key="download_quality").click().run()
    records = audit.read_log()
    assert list(records["page"]) == ["quality"]
    assert records["filters"].iloc[0]["kind"] == "odd_hour"
    province = set(access.scope_for("bps_jatim", "bps_provinsi").kab_codes)
    assert records["rows"].iloc[0] == len(expected_cases(workdir, province)["odd_hour"])
