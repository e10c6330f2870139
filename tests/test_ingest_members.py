"""The member columns the ingest adds to every published family row, against pandas on the raw snapshot."""

from __future__ import annotations

import pandas as pd
import pytest

from regsosek import targeting as tg
from regsosek import warehouse
from tests.snapshots import PHASES, read_raw_table

MEMBER_COLUMNS = ("members_school_age", "members_out_of_school", "members_under_five", "members_elderly",
                  "members_disability", "members_working_age", "head_elderly")


def expected_members(published, as_of: str) -> pd.DataFrame:
    """Per family of the raw snapshot, its member counts as the column definitions say, in pandas."""
    families = published.table(as_of, "keluarga")[["keluarga_id"]]
    persons = published.table(as_of, "anggota")
    age = persons["umur"]
    school_age = age.between(7, 18)
    persons = persons.assign(
        members_school_age=school_age,
        members_out_of_school=school_age & persons["partisipasi_sekolah"].notna()
        & (persons["partisipasi_sekolah"] != "masih_sekolah"),
        members_under_five=age < 5,
        members_elderly=age >= 60,
        members_disability=persons["disabilitas"].fillna(False).astype(bool),
        members_working_age=age.between(15, 64),
        head_elderly=(persons["hubungan"] == "kepala") & (age >= 60),
    )
    counts = persons.groupby("keluarga_id")[list(MEMBER_COLUMNS[:-1])].sum()
    heads = persons.groupby("keluarga_id")["head_elderly"].any()
    out = families.join(counts, on="keluarga_id").join(heads, on="keluarga_id")
    out[list(MEMBER_COLUMNS[:-1])] = out[list(MEMBER_COLUMNS[:-1])].fillna(0).astype(int)
    out["head_elderly"] = out["head_elderly"].fillna(False).astype(bool)
    return out.set_index("keluarga_id").sort_index()


def published_families(published, as_of: str) -> pd.DataFrame:
    return read_raw_table(warehouse.get(published.ids[as_of]).path, "keluarga").set_index("keluarga_id").sort_index()


@pytest.mark.parametrize("as_of", PHASES)
def test_member_columns_equal_pandas_on_the_raw_persons(published, as_of):
    got = published_families(published, as_of)
    want = expected_members(published, as_of)
    assert got.index.equals(want.index)
    # The data must give every column something to count, or a wrong definition could pass unseen.
    assert (want[list(MEMBER_COLUMNS[:-1])] > 0).any().all() and want["head_elderly"].any()
    assert (want["members_out_of_school"] < want["members_school_age"]).any()
    for column in MEMBER_COLUMNS[:-1]:
        assert str(got[column].dtype) == "int32", column
        pd.testing.assert_series_equal(got[column].astype(int), want[column], check_names=False, obj=column)
    assert got["head_elderly"].dtype == bool
    pd.testing.assert_series_equal(got["head_elderly"], want["head_elderly"], check_names=False)


@pytest.mark.parametrize("as_of", PHASES)
def test_published_families_keep_every_raw_value(published, as_of):
    raw = published.table(as_of, "keluarga").set_index("keluarga_id").sort_index()
    got = published_families(published, as_of)
    assert set(got.columns) == set(raw.columns) | set(MEMBER_COLUMNS) | set(tg.CONDITIONS)
    pd.testing.assert_frame_equal(got[raw.columns], raw, check_dtype=False)


def expected_conditions(published, as_of: str) -> pd.DataFrame:
    """Every family's target conditions as regsosek/targeting.py words them, in pandas (NULL: not met)."""
    k = published.table(as_of, "keluarga").set_index("keluarga_id").sort_index()
    members = expected_members(published, as_of).loc[k.index]
    out = pd.DataFrame(index=k.index)
    out["earthen_floor"] = k["lantai"] == "tanah"
    out["no_own_toilet"] = k["jamban"].isin(["tidak_ada", "umum"])
    out["unsafe_water"] = k["air_minum"].notna() & ~k["air_minum"].isin(["air_kemasan", "ledeng",
                                                                          "sumur_bor_terlindung"])
    out["low_power"] = (k["penerangan"] == "non_pln") | (k["daya_listrik"] <= 450)
    out["firewood"] = k["bahan_bakar_masak"] == "kayu_bakar"
    out["unfit_house"] = (k["lantai"] == "tanah") | (k["dinding"] == "bambu_anyaman") | (k["atap"] == "ijuk_rumbia")
    out["elderly_alone"] = (k["jumlah_art"] == 1) & members["head_elderly"]
    out["disability"] = members["members_disability"] > 0
    out["child_out_of_school"] = members["members_out_of_school"] > 0
    out["under_five"] = members["members_under_five"] > 0
    out["female_head"] = k["jk_kepala"] == "P"
    out["business"] = k["usaha_rumah_tangga"].fillna(False).astype(bool)
    return out.fillna(False).astype(bool)


@pytest.mark.parametrize("as_of", PHASES)
def test_condition_columns_equal_pandas_on_the_raw_snapshot(published, as_of):
    want = expected_conditions(published, as_of)
    got = published_families(published, as_of)
    assert got.index.equals(want.index)
    for condition in tg.CONDITIONS:
        assert want[condition].any() and not want[condition].all(), condition
        assert got[condition].dtype == bool, condition
        pd.testing.assert_series_equal(got[condition], want[condition], check_names=False, obj=condition)
