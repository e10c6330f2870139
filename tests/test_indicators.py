"""Condition indicators: every numerator, denominator and share at kab/kota, kecamatan and desa level,
against pandas on the raw snapshot at three phases; suppression for a role that suppresses small counts."""

from __future__ import annotations

import pandas as pd
import pytest

from regsosek import access, facts, indicators, settings, warehouse
from tests.snapshots import EARLY, MID, PHASES

PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
GUBERNUR = access.scope_for("gubernur", "gubernur")
SAMPANG = "3527"
SAFE_WATER = ("air_kemasan", "ledeng", "sumur_bor_terlindung")


def family_flags(published, as_of: str) -> pd.DataFrame:
    """One row per interviewed family with every indicator's numerator and denominator, in pandas."""
    k = published.table(as_of, "keluarga")
    k = k[k["jumlah_art"].notna()].copy()
    a = published.table(as_of, "anggota")
    age = a["umur"].astype(int)
    school_age = age.between(7, 18)
    a = a.assign(one=1, school_age=school_age,
                 out_of_school=school_age & (a["partisipasi_sekolah"] != "masih_sekolah"),
                 disability=a["disabilitas"].astype(bool), working_age=age.between(15, 64),
                 head_elderly=(a["hubungan"] == "kepala") & (age >= 60))
    m = a.groupby("keluarga_id").agg(persons=("one", "sum"), school_age=("school_age", "sum"),
                                     out_of_school=("out_of_school", "sum"), disability=("disability", "sum"),
                                     working_age=("working_age", "sum"), head_elderly=("head_elderly", "any"))
    k = k.join(m, on="keluarga_id")
    for col in ("persons", "school_age", "out_of_school", "disability", "working_age"):
        k[col] = k[col].fillna(0).astype(int)
    k["head_elderly"] = k["head_elderly"].fillna(False).astype(bool)
    desil = k["desil"]
    scored = desil.notna()

    def flag(series: pd.Series) -> pd.Series:
        return series.fillna(False).astype(bool).astype(int)

    def received(programme: str) -> pd.Series:
        return flag(k[f"terima_{programme}"])

    pkh = received("pkh")
    eligible = desil.isin(facts.PROGRAMME_ELIGIBLE_DESIL["pkh"])
    earthen = k["lantai"] == "tanah"
    out = pd.DataFrame({
        "kab": k["kab_code"], "kec": k["kec_code"], "desa": k["desa_code"],
        "families": 1, "scored": scored.astype(int), "persons": k["persons"], "school_age": k["school_age"],
        "poorest": desil.isin([1, 2]).astype(int), "poor": desil.isin([1, 2, 3, 4]).astype(int),
        "unfit_house": (earthen | (k["dinding"] == "bambu_anyaman") | (k["atap"] == "ijuk_rumbia")).astype(int),
        "earthen_floor": earthen.astype(int),
        "no_own_toilet": k["jamban"].isin(["tidak_ada", "umum"]).astype(int),
        "unsafe_water": (~k["air_minum"].isin(SAFE_WATER)).astype(int),
        "low_power": ((k["penerangan"] == "non_pln") | (k["daya_listrik"] <= 450)).astype(int),
        "firewood": (k["bahan_bakar_masak"] == "kayu_bakar").astype(int),
        "out_of_school": k["out_of_school"],
        "elderly_alone": ((k["jumlah_art"] == 1) & k["head_elderly"]).astype(int),
        "disability": k["disability"],
        "female_head": (k["jk_kepala"] == "P").astype(int),
        "business": flag(k["usaha_rumah_tangga"]),
        "working_age": k["working_age"],
        **{code: received(code) for code, _, _ in facts.PROGRAMMES},
        "aid_eligible": eligible.astype(int),
        "aid_excluded": (eligible & (pkh == 0)).astype(int),
        "aid_recipients": (scored & (pkh == 1)).astype(int),
        "aid_included": (desil.isin(facts.INCLUSION_ERROR_DESIL) & (pkh == 1)).astype(int),
        "empowerment": (desil.between(3, 6) & (flag(k["usaha_rumah_tangga"]) == 1)
                        & (k["working_age"] > 0)).astype(int),
    })
    return out


def expected(published, as_of: str, level: str, kab: str | None = None) -> pd.DataFrame:
    flags = family_flags(published, as_of)
    if kab:
        flags = flags[flags["kab"] == kab]
    counts = [c for c in flags.columns if c not in ("kab", "kec", "desa")]
    return flags.groupby(level)[counts].sum()


def snapshot(published, as_of: str):
    return warehouse.get(published.ids[as_of])


def test_at_least_twelve_indicators_each_defined_once():
    assert len(indicators.INDICATORS) >= 12
    assert len(set(indicators.CODES)) == len(indicators.INDICATORS)
    assert len({(i.numerator, i.denominator) for i in indicators.INDICATORS}) == len(indicators.INDICATORS)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("level", "kab"), [("kab", None), ("kec", None), ("desa", SAMPANG)])
def test_counts_and_shares_match_pandas(published, as_of, level, kab):
    want = expected(published, as_of, level, kab)
    got = indicators.with_shares(indicators.counts_by_area(PROVINCE, snapshot(published, as_of), level, kab))
    areas = got[got["area_code"].notna()].set_index("area_code")
    assert set(areas.index) == set(want.index)
    for column in (*indicators.COUNTS, indicators.EMPOWERMENT):
        assert areas[column].astype(int).to_dict() == want[column].astype(int).to_dict(), column
    for ind in indicators.INDICATORS:
        den = want[ind.denominator]
        share = (100.0 * want[ind.numerator] / den.where(den > 0)).reindex(areas.index)
        pd.testing.assert_series_equal(areas[ind.share].astype(float), share.astype(float), check_names=False,
                                       rtol=1e-9, atol=1e-9)
    total = got[got["area_code"].isna()].iloc[0]
    for column in indicators.COUNTS:
        assert int(total[column]) == int(want[column].sum()), column


@pytest.mark.parametrize("as_of", PHASES)
def test_total_share_is_over_the_whole_selection(published, as_of):
    want = expected(published, as_of, "kab").sum()
    got = indicators.counts_by_area(GUBERNUR, snapshot(published, as_of), "kab", None)
    totals = indicators.protect_total(got[got["area_code"].isna()].iloc[0], GUBERNUR)
    for ind in indicators.INDICATORS:
        den, num = int(want[ind.denominator]), int(want[ind.numerator])
        if den == 0 or 0 < num < settings.SMALL_COUNT or 0 < den < settings.SMALL_COUNT:
            assert totals[ind.code] is None
        else:
            assert totals[ind.code] == pytest.approx(100.0 * num / den)


@pytest.mark.parametrize(("as_of", "level", "kab"), [(EARLY, "kec", None), (MID, "desa", SAMPANG)])
def test_small_counts_hidden_with_their_shares(published, as_of, level, kab):
    want = expected(published, as_of, level, kab)
    small = want[list(indicators.COUNTS)].apply(lambda c: c.between(1, settings.SMALL_COUNT - 1))
    assert small.to_numpy().sum() > 0, "the data must hold counts of 1-9 here"
    raw = indicators.counts_by_area(GUBERNUR, snapshot(published, as_of), level, kab)
    shown = indicators.protect(raw[raw["area_code"].notna()].reset_index(drop=True), GUBERNUR).set_index("area_code")
    for column in indicators.COUNTS:
        values = shown[column]
        truth = want[column].reindex(values.index)
        assert values[truth.between(1, settings.SMALL_COUNT - 1)].isna().all(), column
        visible = values.dropna()
        assert (visible.astype(int) == truth[visible.index].astype(int)).all(), column
        assert values.isna().sum() != 1, f"{column}: one hidden cell gives itself back through the total"
    for ind in indicators.INDICATORS:
        visible = shown[ind.share].dropna().index
        for column in (ind.numerator, ind.denominator):
            truth = want.loc[visible, column]
            assert not truth.between(1, settings.SMALL_COUNT - 1).any(), (ind.code, column)


def test_suppression_leaves_other_roles_alone(published):
    raw = indicators.counts_by_area(PROVINCE, snapshot(published, EARLY), "kec", None)
    shown = indicators.protect(raw[raw["area_code"].notna()].reset_index(drop=True), PROVINCE)
    assert not shown[list(indicators.COUNTS)].isna().any().any()


def test_each_regency_keeps_none_or_at_least_two_hidden_kecamatan(published):
    """A regency's count is shown on the regency map: with exactly one of its kecamatan hidden, the
    province-wide kecamatan map would give that one back (regency total minus the shown ones)."""
    shown = indicators.shown_by_area(GUBERNUR, snapshot(published, EARLY), "kec", None)
    want = expected(published, EARLY, "kec")
    assert want[list(indicators.COUNTS)].apply(lambda c: c.between(1, settings.SMALL_COUNT - 1)).any().any()
    for column in indicators.COUNTS:
        per_regency = shown[column].isna().groupby(shown["parent_code"]).agg(["sum", "size"])
        assert not ((per_regency["sum"] == 1) & (per_regency["size"] > 1)).any(), column


def test_a_hidden_kecamatan_hides_its_desa(published):
    """Where a kecamatan's count is hidden, its desa's non-zero counts are hidden too: they add up to it."""
    sid = snapshot(published, EARLY)
    kec = indicators.shown_by_area(GUBERNUR, sid, "kec", None).set_index("area_code")
    desa = indicators.shown_by_area(GUBERNUR, sid, "desa", None)
    want = expected(published, EARLY, "desa")
    large = 0
    for column in indicators.COUNTS:
        for code in kec.index[kec[column].isna()]:
            children = desa[desa["parent_code"] == code].set_index("area_code")[column]
            truth = want.loc[children.index, column]
            assert children[(truth > 0).to_numpy()].isna().all(), (column, code)
            large += int((truth >= settings.SMALL_COUNT).sum())
    assert large > 0, "the data must hold a hidden kecamatan with a desa count of 10 or more"


def test_grouped_suppression_is_privacy_protect_per_regency(published):
    """indicators.protect applies privacy.protect's rule to each regency's kecamatan (vectorised)."""
    from regsosek import privacy

    raw = indicators.counts_by_area(GUBERNUR, snapshot(published, EARLY), "kec", None)
    rows = raw[raw["area_code"].notna()].reset_index(drop=True)
    mine = indicators.protect(rows, GUBERNUR)
    counts = list(indicators.COUNTS)
    for _, group in rows.groupby("parent_code"):
        reference = privacy.protect(group, counts, GUBERNUR)
        for column in counts:
            assert (mine.loc[group.index, column].isna() == reference[column].isna()).all(), column
