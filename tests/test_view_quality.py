"""Quality view: each check's cases and families equal the same check done with pandas on the raw snapshot."""

from __future__ import annotations

import io
from datetime import date, time

import numpy as np
import pandas as pd
import pytest

from regsosek import access, phase, reference, settings, validate, warehouse
from regsosek.views import quality
from tests.monitoring_expected import page_numbers, page_of
from tests.snapshots import EARLY, MID, PHASES

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


def build(published, as_of, scope, kab=None, kind=None, page=1) -> quality.QualityView:
    return quality.build(scope, warehouse.get(published.ids[as_of]), kab=kab, kind=kind, page=page)


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
    listed = quality.all_findings(PROVINCE, warehouse.get(published.ids[as_of]), kind=kind)
    assert view.kind == kind
    assert view.page.rows == len(listed)
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
    listed = quality.all_findings(PROVINCE, warehouse.get(published.ids[as_of]), kind=kind)
    assert listed["kab_code"].nunique() > 1
    ordered = listed.sort_values("case_no")
    places = [(families.at[k, "kab_code"], families.at[k, "kec_code"], families.at[k, "desa_code"], k)
              for k in ordered["keluarga_id"]]
    assert places == sorted(places)
    assert ordered["case_no"].tolist() == list(range(1, len(listed) + 1))


def test_big_household_values_are_the_member_counts(published):
    families = published.table(MID, "keluarga").set_index("keluarga_id")
    listed = quality.all_findings(PROVINCE, warehouse.get(published.ids[MID]), kind="big_household")
    assert len(listed) > 0
    assert (listed["value"].to_numpy() == families.loc[listed["keluarga_id"], "jumlah_art"].to_numpy()).all()


def test_unknown_kind_and_foreign_regency_fall_back(published):
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    view = build(published, MID, scope, kab=SURABAYA, kind="stage_order")
    assert view.kab is None and view.kind == quality.LISTABLE[0]
    assert set(view.findings["kab_code"]) <= {SAMPANG}


def expected_list(published, as_of: str, kind: str, kabs: set[str] | None) -> pd.DataFrame:
    """The list of one family check as pandas finds it: keluarga_id and case_no, in list order.

    A family check's cases are its families, numbered 1.. in the order regency, kecamatan, desa, family; the
    shared-NIK check numbers NIKs in NIK order and lists each NIK's families in id order."""
    families = published.table(as_of, "keluarga")
    if kind == "nik_multi_family":
        people = published.table(as_of, "anggota")
        pairs = people[["nik", "keluarga_id"]].drop_duplicates()
        per_nik = pairs.groupby("nik")["keluarga_id"].nunique()
        shared = pairs[pairs["nik"].isin(per_nik[per_nik > 1].index)]
        shared = shared.merge(families[["keluarga_id", "kab_code"]], on="keluarga_id")
        if kabs is not None:
            shared = shared[shared["kab_code"].isin(kabs)]
        shared = shared.sort_values(["nik", "keluarga_id"]).reset_index(drop=True)
        return shared.assign(case_no=shared["nik"].rank(method="dense").astype(int))
    cases = expected_checks(published, as_of, kabs)[kind][0]
    found = families[families["keluarga_id"].isin(cases)]
    found = found.sort_values(["kab_code", "kec_code", "desa_code", "keluarga_id"]).reset_index(drop=True)
    return found.assign(case_no=range(1, len(found) + 1))


@pytest.fixture(autouse=True)
def short_pages(monkeypatch):
    """Pages of 5 rows, so that the test data's lists have a first, a middle and a last page that differ."""
    monkeypatch.setattr(settings, "LIST_PAGE_SIZE", 5)


def check_page(shown: pd.DataFrame, want: pd.DataFrame, number: int) -> None:
    size = settings.LIST_PAGE_SIZE
    part = page_of(want, number)
    assert len(shown) == len(part) <= size
    assert len(part) > 0 or want.empty
    assert shown["keluarga_id"].tolist() == part["keluarga_id"].tolist()
    assert shown["case_no"].tolist() == part["case_no"].tolist()
    assert shown["kab_code"].tolist() == part["kab_code"].tolist()


PAGED_KINDS = ("far_geotag", "odd_hour", "nik_multi_family")


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kind", PAGED_KINDS)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_list_pages(published, as_of, kind, scope, kab, kabs, which):
    want = expected_list(published, as_of, kind, kabs)
    number = page_numbers(len(want))[which]
    view = build(published, as_of, scope, kab, kind, page=str(number))
    assert (view.page.number, view.page.pages, view.page.rows) == (number, page_numbers(len(want))["last"], len(want))
    assert list(view.findings.columns) == list(quality.FINDING_COLUMNS[kind])
    check_page(view.findings, want, number)


@pytest.mark.parametrize("kind", PAGED_KINDS)
def test_the_province_lists_have_several_pages(published, kind):
    """So the middle and last pages above are other pages than the first."""
    assert page_numbers(len(expected_list(published, MID, kind, None)))["last"] >= 3


@pytest.mark.parametrize(("asked", "which"), [("0", "first"), ("-1", "first"), ("x", "first"), ("2.0", "first"),
                                              ("100000", "last"), (10**9, "last")])
def test_junk_and_out_of_range_pages_clamp(published, asked, which):
    want = expected_list(published, MID, "far_geotag", None)
    number = page_numbers(len(want))[which]
    view = build(published, MID, PROVINCE, kind="far_geotag", page=asked)
    assert view.page.number == number
    check_page(view.findings, want, number)


def test_a_regency_head_pages_only_through_its_own_cases(published):
    """Another regency in the URL and a page past the end give the last page of the head's own list."""
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    want = expected_list(published, MID, "odd_hour", {SAMPANG})
    view = build(published, MID, scope, kab=SURABAYA, kind="odd_hour", page="999")
    assert view.kab is None and view.page.rows == len(want)
    check_page(view.findings, want, page_numbers(len(want))["last"])
    assert set(view.findings["kab_code"]) == {SAMPANG}


def read_csv(data: bytes) -> pd.DataFrame:
    """A downloaded CSV's table, without its "# key: value" header block."""
    lines = [line for line in data.decode("utf-8").splitlines() if not line.lstrip('"').startswith("# ")]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kind", PAGED_KINDS)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_the_file_holds_the_whole_list_in_scope(published, as_of, kind, scope, kab, kabs):
    view = build(published, as_of, scope, kab, kind, page=2)
    want = expected_list(published, as_of, kind, kabs)
    labels = {c: c for c in quality.FINDING_COLUMNS[kind]}
    download = quality.findings_file(scope, warehouse.get(published.ids[as_of]), view, labels, lang="id",
                                     shown_filters="").build()
    rows = read_csv(download.data)
    assert download.rows == len(rows) == len(want)
    assert rows["keluarga_id"].tolist() == want["keluarga_id"].tolist()
    assert rows["case_no"].astype(int).tolist() == want["case_no"].tolist()
    assert rows["kab_code"].tolist() == want["kab_code"].tolist()
    if kind == "nik_multi_family":
        assert all(len(v) == 16 and v[6:14] == "*" * 8 for v in rows["detail"])


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("kind", ("big_household", "ppl_day_overload"))
def test_the_pages_of_the_other_checks_cover_their_list_once(published, as_of, kind):
    """Page after page gives every case once, numbered 1.. in order (the case sets are checked above)."""
    snapshot = warehouse.get(published.ids[as_of])
    first = quality.build(PROVINCE, snapshot, kind=kind)
    pages = [quality.build(PROVINCE, snapshot, kind=kind, page=n).findings for n in range(1, first.page.pages + 1)]
    assert all(len(p) == settings.LIST_PAGE_SIZE for p in pages[:-1])
    numbers = [n for p in pages for n in p["case_no"]]
    assert numbers == list(range(1, first.page.rows + 1))
    assert first.page.rows == len(quality.all_findings(PROVINCE, snapshot, kind=kind))
    assert first.page.rows > 0 or as_of == EARLY  # no such case yet on 20 October
