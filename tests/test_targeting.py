"""The target filter: URL values checked against the scope, the shared SQL definition against pandas,
and audited files."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pandas as pd
import pytest

from regsosek import access, audit, db, export, i18n, reference, settings
from regsosek import targeting as tg
from tests.test_page_targets import MADURA

AS_OF = "2022-11-14"
CSR = access.scope_for("csr_madura", "mitra_csr", MADURA)
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
PROGRAMME_COLUMNS = {code: f"terima_{code}" for code in tg.PROGRAMME_CODES}


def condition_flags(published, as_of: str) -> pd.DataFrame:
    """Every family with a desil and each condition of targeting.py, computed with pandas."""
    k = published.table(as_of, "keluarga")
    a = published.table(as_of, "anggota")
    a["disability"] = a["disabilitas"]
    a["child_out_of_school"] = a["umur"].between(7, 18) & (a["partisipasi_sekolah"] != "masih_sekolah")
    a["under_five"] = a["umur"] < 5
    a["head_elderly"] = (a["hubungan"] == "kepala") & (a["umur"] >= 60)
    a["working_age"] = a["umur"].between(15, 64)
    members = a.groupby("keluarga_id").agg(disability=("disability", "any"),
                                          child_out_of_school=("child_out_of_school", "any"),
                                          under_five=("under_five", "any"), head_elderly=("head_elderly", "any"),
                                          working_age=("working_age", "sum"))
    k = k[k["desil"].notna()].join(members, on="keluarga_id")
    k[["disability", "child_out_of_school", "under_five", "head_elderly"]] = (
        k[["disability", "child_out_of_school", "under_five", "head_elderly"]].fillna(False).astype(bool))
    k["working_age"] = k["working_age"].fillna(0)
    k["earthen_floor"] = k["lantai"] == "tanah"
    k["no_own_toilet"] = k["jamban"].isin(["tidak_ada", "umum"])
    k["unsafe_water"] = k["air_minum"].notna() & ~k["air_minum"].isin(["air_kemasan", "ledeng", "sumur_bor_terlindung"])
    k["low_power"] = (k["penerangan"] == "non_pln") | (k["daya_listrik"] <= 450)
    k["firewood"] = k["bahan_bakar_masak"] == "kayu_bakar"
    k["unfit_house"] = (k["lantai"] == "tanah") | (k["dinding"] == "bambu_anyaman") | (k["atap"] == "ijuk_rumbia")
    k["elderly_alone"] = (k["jumlah_art"] == 1) & k["head_elderly"]
    k["female_head"] = k["jk_kepala"] == "P"
    k["business"] = k["usaha_rumah_tangga"].fillna(False).astype(bool)
    for column in PROGRAMME_COLUMNS.values():
        k[column] = k[column].fillna(False).astype(bool)
    return k


def matching(flags: pd.DataFrame, f: tg.TargetFilter, kab_codes: tuple[str, ...], helped: frozenset[str] = frozenset(),
             verified: frozenset[str] = frozenset()) -> pd.DataFrame:
    """The families a filter selects, by pandas (`helped`: families with partner help; `verified`: with a village
    verification decision)."""
    keep = flags["kab_code"].isin(kab_codes) & flags["desil"].between(f.desil_min, f.desil_max)
    keep &= flags["jumlah_art"].between(f.size_min, f.size_max) & (flags["working_age"] >= f.min_working_age)
    if f.kab:
        keep &= flags["kab_code"].isin(f.kab)
    if f.kec:
        keep &= flags["kec_code"] == f.kec
    if f.desa:
        keep &= flags["desa_code"] == f.desa
    if f.received:
        keep &= flags[[PROGRAMME_COLUMNS[p] for p in f.received]].any(axis=1)
    if f.not_received:
        keep &= ~flags[[PROGRAMME_COLUMNS[p] for p in f.not_received]].any(axis=1)
    for condition in f.conditions:
        keep &= flags[condition].astype(bool)
    if f.unreached:
        keep &= ~flags[list(PROGRAMME_COLUMNS.values())].any(axis=1) & ~flags["keluarga_id"].isin(helped)
    if f.verified != "all":
        keep &= flags["keluarga_id"].isin(verified) == (f.verified == "only")
    return flags[keep]


def params_of(values: dict) -> tg.TargetFilter:
    return tg.from_params(CSR, values)


# --- URL validation -------------------------------------------------------------------------------------

def test_defaults_when_the_url_says_nothing():
    assert params_of({}) == tg.TargetFilter()


@pytest.mark.parametrize("values", [
    {"kab": ["3578"]},  # a real regency outside the partner's scope
    {"kab": ["9999", "35", "3526'--", ""]},  # unknown codes
    {"kab": "3526"},  # a single value where a list is expected
    {"kec": "357801"},  # a real kecamatan outside the scope
    {"kec": "' OR 1=1 --"},
    {"desa": "3526010001"},  # a desa without a kecamatan
    {"received": ["pkh; DROP TABLE keluarga", "PKH", "bansos"]},
    {"conditions": ["earthen_floor'", "all", "<script>"]},
])
def test_values_outside_the_scope_or_unknown_are_dropped(values):
    assert params_of(values) == tg.TargetFilter()


def test_kecamatan_outside_the_chosen_kab_and_desa_outside_the_kecamatan_are_dropped():
    kec = reference.kecamatan()
    sampang_kec = kec[kec["kab_code"] == "3527"]["kec_code"].iloc[0]
    bangkalan_kec = kec[kec["kab_code"] == "3526"]["kec_code"].iloc[0]
    desa = reference.desa()
    other_desa = desa[desa["kec_code"] == bangkalan_kec]["desa_code"].iloc[0]
    inside = desa[desa["kec_code"] == sampang_kec]["desa_code"].iloc[0]
    assert params_of({"kab": ["3526"], "kec": sampang_kec}).kec is None
    assert params_of({"kab": ["3527"], "kec": sampang_kec, "desa": other_desa}) == tg.TargetFilter(
        kab=("3527",), kec=sampang_kec)
    assert params_of({"kab": ["3527"], "kec": sampang_kec, "desa": inside}).desa == inside


@pytest.mark.parametrize("desil_min, desil_max, want", [
    ("0", "11", (1, 10)), ("-3", "4", (1, 4)), ("7", "3", (7, 7)), ("abc", "5 OR 1=1", (1, 10)),
    ("99999999999999999999", "", (10, 10)), ("٣", "4", (1, 4)), ("2.5", "4", (1, 4)),
])
def test_desil_range_is_clamped_and_ordered(desil_min, desil_max, want):
    f = params_of({"desil_min": desil_min, "desil_max": desil_max})
    assert (f.desil_min, f.desil_max) == want


def test_a_partner_cannot_filter_on_programmes_it_was_not_given():
    scope = access.scope_for("csr_x", "mitra_csr", MADURA, ("pkh",))
    f = tg.from_params(scope, {"received": ["pkh", "bpnt"], "not_received": ["blt"]})
    assert (f.received, f.not_received) == (("pkh",), ())
    preset = tg.with_preset("poorest_without_pkh_bpnt", f, scope)
    assert preset.not_received == ("pkh",) and (preset.desil_min, preset.desil_max) == (1, 2)


@pytest.mark.parametrize("name", sorted(tg.PRESETS))
def test_presets_keep_the_chosen_area_and_survive_a_url_round_trip(name):
    current = params_of({"kab": ["3527"], "desil_min": "9"})
    chosen = tg.with_preset(name, current, CSR)
    assert chosen.kab == ("3527",)
    assert params_of({k: v for k, v in chosen.url_params().items() if v is not None}) == chosen
    assert (chosen.desil_min, chosen.desil_max, chosen.conditions) == (
        tg.PRESETS[name].desil_min, tg.PRESETS[name].desil_max, tg.PRESETS[name].conditions)


# --- the shared SQL definition ---------------------------------------------------------------------------

@pytest.mark.parametrize("as_of", ["2022-10-28", "2022-11-14"])
def test_every_condition_counts_as_pandas_does_in_each_snapshot(published, as_of):
    """The macro reads the tables of the snapshot the query runs on, not of the snapshot that created it."""
    flags = condition_flags(published, as_of)
    snapshot_id = published.ids[as_of]
    for condition in tg.CONDITIONS:
        f = tg.TargetFilter(conditions=(condition,), desil_max=6, min_working_age=1)
        got = db.run("target_by_area", CSR, snapshot_id, level="kab", min_desa_families=0, **f.query_params())
        want = matching(flags, f, MADURA)
        assert tg.total_count(got) == (len(want), int(want["jumlah_art"].sum())), condition
    f = tg.TargetFilter(received=("pkh", "pbi_jk"), not_received=("bsu",), size_min=3)
    got = db.run("target_by_area", CSR, snapshot_id, level="kab", min_desa_families=0, **f.query_params())
    assert tg.total_count(got)[0] == len(matching(flags, f, MADURA))



MART_CASES = [tg.TargetFilter(), tg.TargetFilter(desil_max=4, conditions=("child_out_of_school",)),
              tg.TargetFilter(desil_min=1, desil_max=2, not_received=("pkh", "bpnt")),
              tg.TargetFilter(desil_min=8, received=("pkh", "bpnt"), size_min=2, size_max=5),
              tg.TargetFilter(kab=("3578", "3526"), conditions=("unfit_house", "female_head")),
              tg.TargetFilter(kab=("3578", "3526"), desil_max=3)]


@pytest.mark.parametrize("as_of", ["2022-11-01", "2022-11-30"])
@pytest.mark.parametrize("f", MART_CASES,
                         ids=["all", "children", "poorest", "well_off_size", "kab_three", "kab_two_no_condition"])
def test_province_counts_per_regency_equal_pandas_and_the_kecamatan_breakdown(published, as_of, f):
    """A province-wide count per regency is read from the target_counts mart, a finer one from family rows:
    both equal pandas on the raw snapshot, per regency and in total."""
    want = matching(condition_flags(published, as_of), f, PROVINCE.kab_codes)
    assert len(want) > 0
    params = {**f.query_params(), "min_desa_families": 0}
    by_kab = db.run("target_by_area", PROVINCE, published.ids[as_of], level="kab", **params)
    by_kec = db.run("target_by_area", PROVINCE, published.ids[as_of], level="kec", **params)
    for got in (by_kab, by_kec):
        assert tg.total_count(got) == (len(want), int(want["jumlah_art"].sum()))
    per_kab = want.groupby("kab_code").agg(families=("keluarga_id", "size"), persons=("jumlah_art", "sum"))
    rows = by_kab[by_kab["area_code"].notna()].set_index("area_code")[["families", "persons"]].sort_index()
    pd.testing.assert_frame_equal(rows, per_kab.astype("int64"), check_names=False)

# --- audited files ---------------------------------------------------------------------------------------

@pytest.fixture
def audit_log(private_store):
    """An app database of its own: the audit log holds only this test's records."""
    return private_store


def test_csv_and_excel_carry_the_header_honour_the_cap_and_are_logged_with_their_sha256(published, audit_log):
    f = tg.TargetFilter(desil_max=9)
    cap = settings.EXPORT_ROW_CAP
    rows = db.run(tg.list_query(PROVINCE), PROVINCE, published.late_id, row_limit=cap + 50, row_offset=0,
                  min_desa_families=0, **f.query_params())
    assert len(rows) > cap
    frame = tg.mask_rows(rows, PROVINCE, export.server_secret())
    header = export.header_for(PROVINCE, AS_OF, published.late_id, f.describe(), "bantuan bedah rumah")
    csv_file = export.build(frame, header, "csv", "daftar_sasaran")
    xlsx_file = export.build(frame, header, "xlsx", "daftar_sasaran")

    text = csv_file.data.decode("utf-8").splitlines()
    assert text[:7] == [f"# {key}: {value}" for key, value in header.lines()]
    assert f"# {i18n.t('export_purpose', 'id')}: bantuan bedah rumah" in text
    assert f"# {i18n.t('export_filters', 'id')}: {f.describe()}" in text
    body = pd.read_csv(io.StringIO("\n".join(text[7:])), dtype=str)
    assert list(body.columns) == list(tg.NAMED_LIST_COLUMNS)
    assert len(body) == cap == csv_file.rows
    assert list(body["keluarga_id"]) == list(frame["keluarga_id"].head(cap))

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [v[:2] for v in values[:7]] == [(key, value) for key, value in header.lines()]
    assert values[8] == tuple(tg.NAMED_LIST_COLUMNS)
    assert len(values) - 9 == cap == xlsx_file.rows

    for file in (csv_file, xlsx_file):
        assert export.Delivery(file, "targets")() == file.data
    log = audit.read_log(action="download")
    assert list(log["sha256"]) == [hashlib.sha256(csv_file.data).hexdigest(),
                                   hashlib.sha256(xlsx_file.data).hexdigest()]
    assert list(log["rows"]) == [cap, cap]
    assert log["filters"][0]["purpose"] == "bantuan bedah rumah" and log["user"][0] == "bps_jatim"
    assert audit.verify()


@pytest.mark.parametrize("f", [tg.TargetFilter(), tg.TargetFilter(kab=("3578",), desil_max=4),
                               tg.TargetFilter(conditions=("under_five",))], ids=["all", "kab_desil", "member"])
def test_listed_conditions_name_every_condition_a_shown_family_meets(published, f):
    """Member-based conditions are worked out for the shown rows even when the filter does not ask for them."""
    flags = matching(condition_flags(published, "2022-11-14"), f, PROVINCE.kab_codes).set_index("keluarga_id")
    rows = db.run("target_list_bps", PROVINCE, published.late_id, **f.query_params(), min_desa_families=0,
                  row_limit=500, row_offset=0)
    assert len(rows) == min(500, len(flags)) > 0
    for condition in tg.CONDITIONS:
        shown = rows["conditions"].str.split(", ").apply(lambda names, c=condition: c in names)
        assert (shown.to_numpy() == flags.loc[rows["keluarga_id"], condition].astype(bool).to_numpy()).all(), condition
