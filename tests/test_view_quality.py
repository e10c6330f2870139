"""Quality view: each check's cases and families equal the same check done with pandas on the raw snapshot."""

from __future__ import annotations

from datetime import date, time

import numpy as np
import pytest

from regsosek import access, phase, reference, validate, warehouse
from regsosek.views import quality
from tests.snapshots import MID, PHASES

SURABAYA = "3578"
SAMPANG = "3527"
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
CASES = [
    pytest.param(PROVINCE, None, None, id="province"),
    pytest.param(PROVINCE, SURABAYA, {SURABAYA}, id="province-narrowed"),
    pytest.param(access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,)), None, {SAMPANG}, id="kabkota"),
]


def hhmm(text: str) -> time:
    return time.fromisoformat(text)


def expected_checks(published, as_of: str, kabs: set[str] | None) -> dict[str, tuple[set, set]]:
    """Per check: (cases, families involved), found with pandas. Cases are NIKs, (PPL, day) pairs or family ids."""
    families = published.table(as_of, "keluarga")
    people = published.table(as_of, "anggota")
    if kabs is None:
        kabs = set(families["kab_code"])
    families_per_nik = people.groupby("nik")["keluarga_id"].nunique()
    shared = people[people["nik"].isin(families_per_nik[families_per_nik > 1].index)]
    shared = shared.merge(families[["keluarga_id"]].assign(kab=families["kab_code"]), on="keluarga_id")
    shared = shared[shared["kab"].isin(kabs)]
    scoped = families[families["kab_code"].isin(kabs)]
    desa = reference.desa().set_index("desa_code")[["lat", "lon"]].astype(float)
    tagged = scoped[scoped["lat"].notna()].join(desa.add_suffix("_desa"), on="desa_code")
    lat1, lat2 = np.radians(tagged["lat_desa"]), np.radians(tagged["lat"])
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(tagged["lon"] - tagged["lon_desa"]) / 2) ** 2)
    far = tagged[2 * 6371 * np.arcsin(np.sqrt(a)) > validate.FAR_GEOTAG_KM]
    visited = scoped[scoped["jam_kunjungan"].notna()]
    odd = visited[(visited["jam_kunjungan"] < hhmm(validate.VISIT_HOURS[0]))
                  | (visited["jam_kunjungan"] > hhmm(validate.VISIT_HOURS[1]))]
    big = scoped[scoped["jumlah_art"] > validate.BIG_HOUSEHOLD]
    per_day = scoped[scoped["tgl_kunjungan"].notna()].groupby(["ppl_id", "tgl_kunjungan"]).size()
    overloaded = per_day[per_day > validate.PPL_VISITS_PER_DAY_MAX]
    return {
        "nik_multi_family": (set(shared["nik"]), set(shared["keluarga_id"])),
        "far_geotag": (set(far["keluarga_id"]), set(far["keluarga_id"])),
        "odd_hour": (set(odd["keluarga_id"]), set(odd["keluarga_id"])),
        "big_household": (set(big["keluarga_id"]), set(big["keluarga_id"])),
        "stage_order": (set(), set()),
        "ppl_day_overload": (set(overloaded.index), int(overloaded.sum())),
    }


def build(published, as_of, scope, kab=None, kind=None) -> quality.QualityView:
    return quality.build(scope, warehouse.get(published.ids[as_of]), kab=kab, kind=kind)


def n(value) -> int:
    return value if isinstance(value, int) else len(value)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_cases_and_families_per_check(published, as_of, scope, kab, kabs):
    view = build(published, as_of, scope, kab)
    want = expected_checks(published, as_of, kabs)
    assert view.timeline == phase.timeline(date.fromisoformat(as_of))
    assert list(view.summary["kind"]) == list(quality.KINDS)
    shown = view.summary.set_index("kind")
    for kind, (cases, families) in want.items():
        assert (shown.at[kind, "cases"], shown.at[kind, "families"]) == (len(cases), n(families)), kind


def test_the_checks_find_something_to_count(published):
    """Every check but stage_order has cases in the test data, so the counts above are not all zero."""
    want = expected_checks(published, MID, None)
    assert all(want[kind][0] for kind in ("nik_multi_family", "far_geotag", "odd_hour", "big_household"))


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kind", quality.LISTABLE)
def test_each_list_holds_the_cases_of_its_check(published, as_of, kind):
    view = build(published, as_of, PROVINCE, kind=kind)
    cases, families = expected_checks(published, as_of, None)[kind]
    listed = view.findings
    assert view.kind == kind
    assert list(listed.columns) == list(quality.FINDING_COLUMNS[kind])
    if kind == "ppl_day_overload":
        assert set(zip(listed["ppl_id"], listed["day"])) == cases
        assert int(listed["value"].sum()) == families
    elif kind == "nik_multi_family":
        assert listed["case_no"].nunique() == len(cases)
        assert set(listed["keluarga_id"]) == families
        assert not set(listed["detail"]) & cases
        assert all(len(v) == 16 and v[6:14] == "*" * 8 for v in listed["detail"])
    else:
        assert set(listed["keluarga_id"]) == cases
        assert listed["case_no"].tolist() == list(range(1, len(cases) + 1))


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kind", ("far_geotag", "odd_hour"))
def test_cases_are_numbered_by_regency_kecamatan_desa_and_family(published, as_of, kind):
    families = published.table(as_of, "keluarga").set_index("keluarga_id")
    listed = build(published, as_of, PROVINCE, kind=kind).findings
    assert listed["kab_code"].nunique() > 1
    ordered = listed.sort_values("case_no")
    places = [(families.at[k, "kab_code"], families.at[k, "kec_code"], families.at[k, "desa_code"], k)
              for k in ordered["keluarga_id"]]
    assert places == sorted(places)
    assert ordered["case_no"].tolist() == list(range(1, len(listed) + 1))


def test_big_household_values_are_the_member_counts(published):
    families = published.table(MID, "keluarga").set_index("keluarga_id")
    listed = build(published, MID, PROVINCE, kind="big_household").findings
    assert len(listed) > 0
    assert (listed["value"].to_numpy() == families.loc[listed["keluarga_id"], "jumlah_art"].to_numpy()).all()


def test_unknown_kind_and_foreign_regency_fall_back(published):
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    view = build(published, MID, scope, kab=SURABAYA, kind="stage_order")
    assert view.kab is None and view.kind == quality.LISTABLE[0]
    assert set(view.findings["kab_code"]) <= {SAMPANG}
