"""Each named query returns the numbers in the data: expected values are computed
here with pandas from the raw generated Parquet, independently of DuckDB and the marts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from regsosek import access, db, facts, reference

AS_OFS = ("2022-10-28", "2022-11-14")


def province() -> access.Scope:
    return access.scope_for("prov", "bps_provinsi")


def kab_scope(*codes: str) -> access.Scope:
    return access.scope_for("kab", "bps_kabkota", codes)


def expected_targets(published, as_of: str, kab_codes) -> pd.DataFrame:
    """Per SLS: target = prelist + new families, visited, outcomes."""
    sls = published.table(as_of, "sls")
    fam = published.table(as_of, "keluarga")
    sls = sls[sls["kab_code"].isin(kab_codes)]
    fam = fam[fam["kab_code"].isin(kab_codes)]
    per_sls = fam.groupby("sls_id").agg(new=("prelist", lambda s: int((~s).sum())),
                                        visited=("tgl_kunjungan", "count"))
    outcomes = fam.pivot_table(index="sls_id", columns="hasil_kunjungan", values="keluarga_id",
                               aggfunc="count", fill_value=0)
    out = sls.set_index("sls_id").join(per_sls).join(outcomes).fillna(0)
    out["target"] = out["jumlah_prelist"] + out["new"]
    return out.reset_index()


def last_day_active(published, as_of: str) -> set[str]:
    fam = published.table(as_of, "keluarga")
    last = min(date.fromisoformat(as_of), facts.CAMPAIGN_END)
    return set(fam.loc[fam["tgl_kunjungan"] == last, "ppl_id"])


@pytest.mark.parametrize("as_of", AS_OFS)
@pytest.mark.parametrize("kabs", [None, ("3501",), ("3578", "3529")])
def test_progress_summary(published, as_of, kabs):
    scope = province() if kabs is None else kab_scope(*kabs)
    expected = expected_targets(published, as_of, scope.kab_codes)
    petugas = published.table(as_of, "petugas")
    ppl = petugas[(petugas["peran"] == "PPL") & petugas["kab_code"].isin(scope.kab_codes)]

    row = db.run("progress_summary", scope, published.ids[as_of]).iloc[0]

    assert row["target"] == expected["target"].sum()
    assert row["visited"] == expected["visited"].sum()
    assert row["percent_visited"] == pytest.approx(100 * expected["visited"].sum() / expected["target"].sum(),
                                                   abs=0.01)
    assert row["ppl_assigned"] == len(ppl)
    assert row["ppl_active_last_day"] == len(last_day_active(published, as_of) & set(ppl["petugas_id"]))
    elapsed = (min(date.fromisoformat(as_of), facts.CAMPAIGN_END) - facts.CAMPAIGN_START).days + 1
    assert (row["days_elapsed"], row["days_left"], row["days_total"]) == (elapsed, 31 - elapsed, 31)


def expected_coverage(published, as_of, scope, level, parent) -> pd.DataFrame:
    t = expected_targets(published, as_of, scope.kab_codes)
    t["area_code"] = t[f"{level}_code"]
    parent_col = {"kab": None, "kec": "kab_code", "desa": "kec_code"}[level]
    if parent is not None:
        t = t[t["kab_code"].str[:2] == parent] if parent_col is None else t[t[parent_col] == parent]
    active = last_day_active(published, as_of)
    t["active_ppl"] = t["ppl_id"].where(t["ppl_id"].isin(active))
    out = t.groupby("area_code").agg(target=("target", "sum"), visited=("visited", "sum"),
                                     menolak=("menolak", "sum"), baru=("baru", "sum"),
                                     ppl_assigned=("ppl_id", "nunique"),
                                     ppl_active_last_day=("active_ppl", "nunique"))
    return out.sort_index()


@pytest.mark.parametrize(("level", "parent"), [("kab", None), ("kab", "35"), ("kec", "3501"), ("kec", None),
                                               ("desa", "350101"), ("desa", None)])
def test_coverage_by_area(published, level, parent):
    scope = province()
    expected = expected_coverage(published, "2022-11-14", scope, level, parent)

    got = db.run("coverage_by_area", scope, published.late_id, level=level, parent=parent).set_index("area_code")

    assert list(got.index) == list(expected.index)
    for col in ("target", "visited", "menolak", "baru", "ppl_assigned", "ppl_active_last_day"):
        assert got[col].tolist() == expected[col].astype(int).tolist(), col
    assert got["families_per_ppl"].tolist() == pytest.approx((got["target"] / got["ppl_assigned"]).tolist(), abs=0.051)
    names = {"kab": reference.kabkota().set_index("kab_code")["nama"],
             "kec": reference.kecamatan().set_index("kec_code")["nama"],
             "desa": reference.desa().set_index("desa_code")["nama"]}[level]
    assert got["area_name"].tolist() == names.loc[got.index].tolist()


def test_coverage_respects_scope(published):
    got = db.run("coverage_by_area", kab_scope("3501"), published.late_id, level="kab", parent=None)
    assert got["area_code"].tolist() == ["3501"]
    # asking for another regency's kecamatan returns nothing, not an error
    assert db.run("coverage_by_area", kab_scope("3501"), published.late_id, level="kec", parent="3578").empty


def campaign_days(pipeline: pd.DataFrame) -> pd.DataFrame:
    """pipeline_by_day cut at the last campaign day, with the cumulative columns named as expected_daily."""
    days = pipeline[pd.to_datetime(pipeline["day"]).dt.date <= facts.CAMPAIGN_END]
    return days.rename(columns={"visited": "visits_cum", "pml_checked": "pml_checked_cum",
                                "validated": "validated_cum", "percent_visited": "percent_cum"})


def expected_daily(published, as_of, scope, area) -> pd.DataFrame:
    fam = published.table(as_of, "keluarga")
    fam = fam[fam["kab_code"].isin(scope.kab_codes)]
    if area is not None:
        fam = fam[(fam["kab_code"] == area) | (fam["kec_code"] == area) | (fam["desa_code"] == area)]
    end = min(date.fromisoformat(as_of), facts.CAMPAIGN_END)
    days = pd.date_range(facts.CAMPAIGN_START, end).date
    out = pd.DataFrame(index=pd.Index(days, name="day"))
    out["visits"] = fam.groupby("tgl_kunjungan").size().reindex(days, fill_value=0).to_numpy()
    out["visits_cum"] = out["visits"].cumsum()
    for col, name in (("tgl_periksa_pml", "pml_checked_cum"), ("tgl_validasi", "validated_cum")):
        out[name] = [(fam[col] <= d).sum() for d in days]
    return out


@pytest.mark.parametrize("as_of", AS_OFS)
@pytest.mark.parametrize("area", [None, "3501", "350101", "3578"])
def test_pipeline_by_day_over_the_campaign(published, as_of, area):
    scope = province()
    expected = expected_daily(published, as_of, scope, area)
    targets = expected_targets(published, as_of, scope.kab_codes)
    if area is not None:
        targets = targets[(targets["kab_code"] == area) | (targets["kec_code"] == area)
                          | (targets["desa_code"] == area)]

    got = campaign_days(db.run("pipeline_by_day", scope, published.ids[as_of], area_code=area))

    assert got["day"].tolist() == list(expected.index)
    for col in ("visits", "visits_cum", "pml_checked_cum", "validated_cum"):
        assert got[col].tolist() == expected[col].tolist(), col
    percent = 100 * expected["visits_cum"] / targets["target"].sum()
    assert got["percent_cum"].tolist() == pytest.approx(percent.round(2).tolist(), abs=0.01)


def test_snapshot_rows(published):
    scope = kab_scope("3501", "3502")
    got = db.run("snapshot_rows", scope, published.late_id).set_index("table_name")["rows"]
    for table in ("keluarga", "anggota", "petugas", "sls"):
        frame = published.table("2022-11-14", table)
        assert got[table] == frame["kab_code"].isin(scope.kab_codes).sum()
    province_rows = db.run("snapshot_rows", province(), published.late_id).set_index("table_name")["rows"]
    manifest = pd.read_json(published.raw["2022-11-14"] / "manifest.json", typ="series")
    assert province_rows.to_dict() == manifest["row_counts"]
