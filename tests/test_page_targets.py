"""The target-list page against a published snapshot: shown counts equal counts computed with pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from regsosek import access, i18n, privacy
from regsosek import targeting as tg

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2022-11-14"
MADURA = ("3526", "3527", "3528", "3529")


def run_page(username: str, params: dict | None = None, page: str = "targets") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = username
    for name, value in (params or {}).items():
        at.query_params[name] = value
    return at.run()


def url_of(f: tg.TargetFilter) -> dict:
    return {k: (v if isinstance(v, list) else str(v)) for k, v in f.url_params().items() if v is not None}


def families_frame(published) -> pd.DataFrame:
    """Every family with a desil and its conditions, from the raw generated Parquet."""
    k = published.table(AS_OF, "keluarga")
    a = published.table(AS_OF, "anggota")
    a["out_of_school"] = a["umur"].between(7, 18) & (a["partisipasi_sekolah"] != "masih_sekolah")
    a["head_elderly"] = (a["hubungan"] == "kepala") & (a["umur"] >= 60)
    members = a.groupby("keluarga_id").agg(out_of_school=("out_of_school", "any"),
                                          head_elderly=("head_elderly", "any"))
    k = k[k["desil"].notna()].join(members, on="keluarga_id")
    k["unfit_house"] = (k["lantai"] == "tanah") | (k["dinding"] == "bambu_anyaman") | (k["atap"] == "ijuk_rumbia")
    return k


def expected(frame: pd.DataFrame, preset: str) -> pd.DataFrame:
    d = frame["desil"]
    pkh, bpnt = (frame[c].fillna(False).astype(bool) for c in ("terima_pkh", "terima_bpnt"))
    rules = {
        "poorest_without_pkh_bpnt": d.between(1, 2) & ~pkh & ~bpnt,
        "well_off_with_pkh_bpnt": d.between(8, 10) & (pkh | bpnt),
        "unfit_house": d.between(1, 4) & frame["unfit_house"],
        "children_out_of_school": d.between(1, 4) & frame["out_of_school"].fillna(False).astype(bool),
        "household_business": d.between(3, 6) & frame["usaha_rumah_tangga"].fillna(False).astype(bool),
    }
    return frame[rules[preset]]


def shown_metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.main.metric]


@pytest.mark.parametrize("preset", sorted(tg.PRESETS))
def test_each_preset_shows_the_count_in_the_data(published, preset):
    want = expected(families_frame(published), preset)
    at = run_page("bps_jatim", url_of(tg.PRESETS[preset]))
    assert not at.exception
    assert shown_metrics(at) == [privacy.suppress_total(len(want), _scope("bps_provinsi")),
                                 privacy.suppress_total(int(want["jumlah_art"].sum()), _scope("bps_provinsi"))]
    by_kab = at.main.dataframe[0].value
    counts = want.groupby("kab_code").size()
    shown = dict(zip(by_kab[i18n.t("targets_col_area_code")], by_kab[i18n.t("targets_families")].astype(int)))
    assert shown == counts.to_dict()


def _scope(role: str) -> access.Scope:
    return access.scope_for("x", role, MADURA if access.ROLES[role].scoped_to_kab else ())


def test_preset_button_writes_the_filter_to_the_url(published):
    at = run_page("bps_jatim")
    at.selectbox(key="tf_preset").set_value("unfit_house")
    at.button(key="tf_preset_apply").click().run()
    assert at.query_params["desil_max"] in ("4", ["4"])
    assert at.query_params["conditions"] in ("unfit_house", ["unfit_house"])
    want = expected(families_frame(published), "unfit_house")
    assert shown_metrics(at)[0] == privacy.suppress_total(len(want), _scope("bps_provinsi"))


def test_list_page_shows_masked_rows_of_the_first_page(published):
    at = run_page("bps_jatim", url_of(tg.PRESETS["unfit_house"]))
    rows = at.main.dataframe[1].value
    want = expected(families_frame(published), "unfit_house").sort_values(["desa_code", "keluarga_id"])
    assert list(rows.columns) == list(tg.LIST_COLUMNS[access.TIER_PSEUDONYMISED])
    assert list(rows["keluarga_id"]) == list(want["keluarga_id"].head(tg.PAGE_SIZE))
    assert list(rows["nik_kepala"]) == [privacy.mask_nik(n) for n in want["nik_kepala"].head(tg.PAGE_SIZE)]


def test_kabkota_user_sees_only_its_kab_whatever_the_url(published):
    at = run_page("bps_surabaya", {"kab": ["3501", "3578"], "desil_max": "4"})
    assert not at.exception
    frame = families_frame(published)
    want = frame[(frame["kab_code"] == "3578") & frame["desil"].between(1, 4)]
    assert shown_metrics(at)[0] == privacy.suppress_total(len(want), _scope("bps_provinsi"))
    rows = at.main.dataframe[1].value
    assert rows["keluarga_id"].str.startswith("3578").all()
    areas = at.main.dataframe[0].value[i18n.t("targets_col_area_code")]
    assert all(code.startswith("3578") for code in areas)


def test_csr_partner_sees_counts_of_its_regencies_only(published):
    at = run_page("csr_madura", url_of(tg.PRESETS["poorest_without_pkh_bpnt"]))
    frame = expected(families_frame(published), "poorest_without_pkh_bpnt")
    frame = frame[frame["kab_code"].isin(MADURA)]
    assert shown_metrics(at)[0] == privacy.suppress_total(len(frame), _scope("mitra_csr"))
    rows = at.main.dataframe[1].value
    assert list(rows.columns) == list(tg.LIST_COLUMNS[access.TIER_CSR])


@pytest.mark.parametrize("username", ["gubernur", "admin"])
def test_roles_without_target_lists_are_refused(published, username):
    at = run_page(username, {"desil_max": "2"})
    assert at.main.error and not at.main.dataframe and not at.main.metric
