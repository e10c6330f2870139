"""The targets view against independent pandas on the raw Parquet, early, mid-campaign and after close."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pandas as pd
import pytest

from regsosek import access, audit, export, paths, privacy, saved_lists, settings, warehouse
from regsosek import targeting as tg
from regsosek.views import targets
from tests.snapshots import AFTER, EARLY, MID, PHASES
from tests.test_targeting import condition_flags, matching
from tests.test_view_reach import plant_help

MADURA = ("3526", "3527", "3528", "3529")
TIMUR = ("3511", "3512", "3528", "3529")
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
SAMPANG_BPS = access.scope_for("bps_sampang", "bps_kabkota", ("3527",))
CSR = access.scope_for("csr_madura", "mitra_csr", MADURA)
TIMUR_CSR = access.scope_for("csr_timur", "mitra_csr", TIMUR)
PKH_ONLY = access.scope_for("csr_madura", "mitra_csr", MADURA, ("pkh",))


REFERENCE = paths.REFERENCE_DIR


def with_names(columns: tuple[str, ...]) -> list[str]:
    """List columns with the kecamatan and kab/kota names after the desa."""
    at = columns.index("desa_name") + 1
    return [*columns[:at], "kec_name", "kab_name", *columns[at:]]


def snapshot(published, as_of: str) -> warehouse.SnapshotInfo:
    return warehouse.get(published.ids[as_of])


def listable(frame: pd.DataFrame) -> pd.DataFrame:
    """A partner's families: only desa with at least SMALL_COUNT matching families (pandas)."""
    per_desa = frame.groupby("desa_code")["keluarga_id"].transform("size")
    return frame[per_desa >= 10]


def area_counts(frame: pd.DataFrame, column: str) -> dict[str, tuple[int, int]]:
    grouped = frame.groupby(column).agg(families=("keluarga_id", "size"), persons=("jumlah_art", "sum"))
    return {code: (int(row.families), int(row.persons)) for code, row in grouped.iterrows()}


def shown_counts(view: targets.TargetsView) -> dict[str, tuple[int, int]]:
    return {row.area_code: (int(row.families), int(row.persons)) for row in view.by_area.itertuples()}


@pytest.fixture(autouse=True)
def no_saved_lists(published):
    def clear():
        for scope in (CSR, TIMUR_CSR, PROVINCE):
            for saved in saved_lists.lists_of(scope):
                saved_lists.delete(scope, saved.list_id)
    clear()
    yield
    clear()


# --- counts --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("preset", sorted(tg.PRESETS))
def test_preset_counts_per_regency_equal_pandas(published, as_of, preset):
    want = matching(condition_flags(published, as_of), tg.PRESETS[preset], PROVINCE.kab_codes)
    view = targets.build(PROVINCE, snapshot(published, as_of), filters=tg.PRESETS[preset])
    assert (view.families, view.persons) == (len(want), int(want["jumlah_art"].sum()))
    assert view.level == "kab" and shown_counts(view) == area_counts(want, "kab_code")
    assert not re.search(r"[a-z]+_[a-z]+|=|;", view.description)  # words, no codes


@pytest.mark.parametrize("as_of", PHASES)
def test_one_regency_is_broken_down_by_kecamatan(published, as_of):
    f = tg.TargetFilter(desil_max=4)
    want = matching(condition_flags(published, as_of), f, ("3527",))
    view = targets.build(SAMPANG_BPS, snapshot(published, as_of), filters=tg.TargetFilter(kab=("3527",), desil_max=4))
    assert view.level == "kec" and shown_counts(view) == area_counts(want, "kec_code")
    assert view.families == len(want)


@pytest.mark.parametrize("as_of", PHASES)
def test_a_partner_counts_only_families_of_desa_with_ten_or_more_matches(published, as_of):
    f = tg.PRESETS["poorest_without_pkh_bpnt"]
    want = listable(matching(condition_flags(published, as_of), f, MADURA))
    view = targets.build(CSR, snapshot(published, as_of), filters=f)
    assert (view.families, view.persons) == (len(want), int(want["jumlah_art"].sum()))
    assert shown_counts(view) == area_counts(want, "kab_code")


def small_desa_filter(published, as_of: str) -> tuple[tg.TargetFilter, str, pd.DataFrame]:
    """A kecamatan filter in the partner's regencies whose desa hold both 1-9 and 10+ matching families."""
    flags = condition_flags(published, as_of)
    for desil_max in range(10, 0, -1):
        for kec, group in flags[flags["kab_code"].isin(MADURA)].groupby("kec_code"):
            f = tg.TargetFilter(kab=(kec[:4],), kec=kec, desil_max=desil_max)
            per_desa = matching(group, f, MADURA).groupby("desa_code").size()
            small = per_desa[per_desa.between(1, 9)]
            if len(small) and (per_desa >= 10).any():
                return f, small.index[0], matching(group, f, MADURA)
    raise AssertionError("no kecamatan with a small and a large desa")


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_a_small_desa_is_neither_counted_nor_listed_for_a_partner(published, as_of):
    f, small_desa, want = small_desa_filter(published, as_of)
    assert 1 <= (want["desa_code"] == small_desa).sum() <= 9  # the data holds a small desa here
    view = targets.build(CSR, snapshot(published, as_of), filters=f)
    assert view.level == "desa"
    assert small_desa not in set(view.by_area["area_code"])
    assert shown_counts(view) == area_counts(listable(want), "desa_code")
    assert view.families == len(listable(want))
    big_names = {view.desa_options[d].rsplit(" (", 1)[0] for d in listable(want)["desa_code"]}
    assert view.rows is not None and len(view.rows) == min(len(listable(want)), settings.LIST_PAGE_SIZE)
    assert set(view.rows["desa_name"]) <= big_names
    # BPS sees every family of the same filter, the small desa included.
    bps = targets.build(PROVINCE, snapshot(published, as_of), filters=f)
    assert shown_counts(bps)[small_desa] == area_counts(want, "desa_code")[small_desa]


def threshold_desa_filter(published, as_of: str) -> tuple[tg.TargetFilter, str, pd.DataFrame]:
    """A desil range over the partner's regencies with a desa of exactly SMALL_COUNT matching families (the
    smallest desa a partner is shown) and a desa of 1-9."""
    flags = condition_flags(published, as_of)
    for desil_max in range(10, 0, -1):
        f = tg.TargetFilter(desil_max=desil_max)
        want = matching(flags, f, MADURA)
        per_desa = want.groupby("desa_code").size()
        exact = per_desa[per_desa == settings.SMALL_COUNT]
        if len(exact) and per_desa.between(1, settings.SMALL_COUNT - 1).any():
            return f, exact.index[0], want
    raise AssertionError("no desil range with a desa of exactly SMALL_COUNT matches and a smaller one")


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_a_desa_with_exactly_the_minimum_is_counted_and_listed_for_a_partner(published, as_of):
    f, exact_desa, want = threshold_desa_filter(published, as_of)
    assert (want["desa_code"] == exact_desa).sum() == settings.SMALL_COUNT  # the data holds one here
    kept = listable(want).sort_values(["desa_code", "keluarga_id"]).reset_index(drop=True)
    view = targets.build(CSR, snapshot(published, as_of), filters=f)
    assert (view.families, view.persons) == (len(kept), int(kept["jumlah_art"].sum()))
    assert shown_counts(view) == area_counts(kept, "kab_code")
    key = export.server_secret()
    size = settings.LIST_PAGE_SIZE
    at = kept.index[kept["desa_code"] == exact_desa]
    for page in sorted({i // size + 1 for i in at}):  # the pages that hold the exact desa's families
        rows = targets.build(CSR, snapshot(published, as_of), filters=f, page=page).rows
        expected = kept.iloc[(page - 1) * size:page * size]
        assert list(rows["family_pseudonym"]) == [privacy.pseudonym(k, key, CSR.username)
                                                  for k in expected["keluarga_id"]], page


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_pages_that_cut_a_desa_hold_the_right_families(published, as_of):
    """A page is read from the desa that hold it: pages that begin inside a desa list exactly the families
    pandas puts there, for a regency head (every desa) and a partner (desa with 10+ matches)."""
    f = tg.TargetFilter(kab=("3527",), desil_max=4)
    flags = condition_flags(published, as_of)
    size = settings.LIST_PAGE_SIZE
    for scope, key in ((SAMPANG_BPS, None), (CSR, export.server_secret())):
        want = matching(flags, f, scope.kab_codes)
        want = (listable(want) if key else want).sort_values(["desa_code", "keluarga_id"]).reset_index(drop=True)
        starts = set(want.groupby("desa_code").head(1).index)
        cut = sorted({i // size + 1 for i in range(0, len(want), size) if i not in starts})
        assert len(cut) >= 2, "no page begins inside a desa"
        for page in cut[:3]:
            rows = targets.build(scope, snapshot(published, as_of), filters=f, page=page).rows
            expected = want.iloc[(page - 1) * size:page * size]["keluarga_id"]
            got = rows["family_pseudonym"] if key else rows["keluarga_id"]
            assert list(got) == ([privacy.pseudonym(k, key, scope.username) for k in expected] if key
                                 else list(expected)), (scope.username, page)


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_belum_terjangkau_in_one_regency_leaves_out_the_helped_families(workdir, private_store, as_of):
    """Counted from family rows (one regency, by kecamatan): the families a partner helps are not counted."""
    helped = plant_help(workdir, as_of)
    flags = condition_flags(workdir, as_of)
    unreached = tg.TargetFilter(desil_max=settings.UNREACHED_DESIL_MAX, unreached=True)
    taken_off = matching(flags, unreached, PROVINCE.kab_codes)
    taken_off = taken_off[taken_off["keluarga_id"].isin(helped)]
    assert len(taken_off)  # the data: recorded help takes unreached families off the list
    kab = max(sorted({str(k) for k in taken_off["kab_code"]}),
              key=lambda k: len(matching(flags, replace(unreached, kab=(k,)), PROVINCE.kab_codes,
                                         helped=frozenset(helped))))
    f = replace(unreached, kab=(kab,))
    want = matching(flags, f, PROVINCE.kab_codes, helped=frozenset(helped))
    view = targets.build(PROVINCE, snapshot(workdir, as_of), filters=f)
    assert view.level == "kec"
    assert (view.families, view.persons) == (len(want), int(want["jumlah_art"].sum()))
    assert shown_counts(view) == area_counts(want, "kec_code")
    assert view.rows is None or not set(view.rows["keluarga_id"]) & helped


def test_a_small_list_shows_no_rows_and_offers_no_file(published):
    f, small_desa, want = small_desa_filter(published, MID)
    only_small = tg.TargetFilter(kab=f.kab, kec=f.kec, desa=small_desa, desil_max=f.desil_max)
    assert 1 <= len(matching(want, only_small, MADURA)) <= 9
    view = targets.build(CSR, snapshot(published, MID), filters=only_small, purpose="x")
    assert view.families == 0 and view.rows is None and not view.downloads and view.by_area.empty


# --- rows ----------------------------------------------------------------------------------------------

def test_early_in_fieldwork_no_family_has_a_desil_yet(published):
    assert published.table(EARLY, "keluarga")["desil"].notna().sum() == 0
    view = targets.build(PROVINCE, snapshot(published, EARLY), filters=tg.TargetFilter())
    assert view.families == 0 and view.rows is None and view.by_area.empty and not view.timeline.visits_final


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_the_page_of_rows_is_the_right_families_masked(published, as_of):
    f = tg.TargetFilter(desil_max=6)
    want = matching(condition_flags(published, as_of), f, PROVINCE.kab_codes).sort_values(["desa_code", "keluarga_id"])
    view = targets.build(PROVINCE, snapshot(published, as_of), filters=f, page=2)
    size = settings.LIST_PAGE_SIZE
    assert view.pages == -(-len(want) // size) and view.page == 2
    expected = want.iloc[size:2 * size]
    assert list(view.rows.columns) == with_names(tg.NAMED_LIST_COLUMNS)
    assert list(view.rows["keluarga_id"]) == list(expected["keluarga_id"])
    kec = pd.read_csv(REFERENCE / "kecamatan.csv", dtype=str).set_index("kec_code")["nama"]
    kab = pd.read_csv(REFERENCE / "kabkota.csv", dtype=str).set_index("kab_code")["nama"]
    assert list(view.rows["kec_name"]) == list(expected["kec_code"].map(kec))
    assert list(view.rows["kab_name"]) == list(expected["kab_code"].astype(str).map(kab))
    assert list(view.rows["nik_kepala"]) == [n[:6] + "*" * 8 + n[-2:] for n in expected["nik_kepala"]]
    assert list(view.rows["nama_kepala"]) == list(expected["nama_kepala"])


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("scope", [PROVINCE, CSR], ids=["province", "partner"])
def test_pages_across_a_regency_boundary_hold_the_right_families(published, as_of, scope):
    """A page is read from the one or two regencies that hold it: pages that start in one regency and end
    in the next, the first and the last page list exactly the families pandas puts there."""
    f = tg.TargetFilter(desil_max=4)
    want = matching(condition_flags(published, as_of), f, scope.kab_codes)
    if scope is CSR:
        want = listable(want)
    want = want.sort_values(["desa_code", "keluarga_id"]).reset_index(drop=True)
    size = settings.LIST_PAGE_SIZE
    starts = want.groupby(want["kab_code"].astype(str)).head(1).index  # first row of each regency
    straddling = sorted({i // size + 1 for i in starts if i % size} - {1})
    assert straddling, "no page starts in one regency and ends in the next"
    pages = [1, *straddling[:2], -(-len(want) // size)]
    for page in pages:
        view = targets.build(scope, snapshot(published, as_of), filters=f, page=page)
        expected = want.iloc[(page - 1) * size:page * size]
        if scope is CSR:
            key = export.server_secret()
            assert list(view.rows["family_pseudonym"]) == [
                privacy.pseudonym(k, key, scope.username) for k in expected["keluarga_id"]], page
        else:
            assert list(view.rows["keluarga_id"]) == list(expected["keluarga_id"]), page


def test_a_page_past_the_end_shows_the_last_page(published):
    view = targets.build(PROVINCE, snapshot(published, MID), filters=tg.PRESETS["unfit_house"], page=10**6)
    assert view.page == view.pages and 0 < len(view.rows) <= settings.LIST_PAGE_SIZE


def test_a_partner_limited_to_pkh_sees_no_other_programme(published):
    f = tg.TargetFilter(desil_max=3)
    flags = condition_flags(published, MID)
    want = listable(matching(flags, f, MADURA)).sort_values(["desa_code", "keluarga_id"]).head(settings.LIST_PAGE_SIZE)
    assert want[[f"terima_{p}" for p in tg.PROGRAMME_CODES if p != "pkh"]].any(axis=None)  # they do receive others
    view = targets.build(PKH_ONLY, snapshot(published, MID), filters=f)
    assert view.programme_options == ("pkh",)
    assert list(view.rows["programmes"]) == ["pkh" if r else "" for r in want["terima_pkh"]]
    full = targets.build(CSR, snapshot(published, MID), filters=f)
    assert full.rows["programmes"].str.contains("bpnt").any()


def test_a_partner_gets_no_name_nik_birth_date_or_geotag(published):
    view = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2))
    assert list(view.rows.columns) == with_names(tg.MASKED_LIST_COLUMNS)
    assert view.rows["family_pseudonym"].str.fullmatch(r"KLG-[0-9A-F]{12}").all()
    assert view.rows["head_initials"].str.fullmatch(r"([A-Z]\. ?)+").all()


# --- downloads -----------------------------------------------------------------------------------------

@pytest.fixture
def audit_log(private_store):
    """An app database of its own: the audit log holds only this test's records."""
    return private_store


def test_no_file_is_built_or_audited_until_the_click_and_the_click_audits_first(published, audit_log, monkeypatch):
    built = []
    real_build = export.build
    monkeypatch.setattr(export, "build", lambda *a, **k: built.append(a[2]) or real_build(*a, **k))
    view = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2), purpose="bedah rumah")
    if view.terms_needed:
        export.accept_terms(CSR.username, export.TERMS_VERSION)
        view = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2), purpose="bedah rumah")
    assert [d.key for d in view.downloads] == ["tf_download_daftar_sasaran_csv", "tf_download_daftar_sasaran_xlsx",
                                               "tf_download_sasaran_per_kab_csv"]
    assert built == [] and audit.read_log(action="download").empty

    data = export.Delivery(view.downloads[0].pending, targets.PAGE)()
    assert built == ["csv"]
    [record] = audit.read_log(action="download").to_dict("records")
    assert record["sha256"] == hashlib.sha256(data).hexdigest() and record["user"] == "csr_madura"
    assert record["filters"]["purpose"] == "bedah rumah" and record["rows"] == view.families
    assert "csr_madura" in data.decode() and "bedah rumah" in data.decode()


def test_a_download_fails_closed_when_the_audit_cannot_be_written(published, audit_log, monkeypatch):
    view = targets.build(PROVINCE, snapshot(published, MID), filters=tg.TargetFilter(desil_max=1))

    def broken(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(OSError):
        export.Delivery(view.downloads[1].pending, targets.PAGE)()


def test_terms_and_purpose_come_before_any_file_for_roles_that_must_accept_them(published, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "terms_accepted", lambda username: False)
    view = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2), purpose="x")
    assert view.terms_needed and not view.downloads
    monkeypatch.setattr(export, "terms_accepted", lambda username: True)
    view = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2), purpose="  ")
    assert view.purpose_needed and not view.downloads
    bps = targets.build(PROVINCE, snapshot(published, MID), filters=tg.TargetFilter(desil_max=2))
    assert not bps.terms_needed and not bps.purpose_needed and bps.downloads


def test_roles_without_family_rows_get_no_view(published):
    for role in ("gubernur", "admin"):
        with pytest.raises(PermissionError):
            targets.build(access.scope_for("x", role), snapshot(published, MID), filters=tg.TargetFilter())


# --- partner overlap -----------------------------------------------------------------------------------

def on_both(flags, mine: tg.TargetFilter, others: list[tuple[tg.TargetFilter, tuple[str, ...]]]) -> int:
    own = set(listable(matching(flags, mine, MADURA))["keluarga_id"])
    taking_part = set()
    for f, kabs in others:
        theirs = listable(matching(flags, f, tuple(k for k in kabs if k in MADURA)))
        if len(theirs) >= settings.LIST_OVERLAP_MIN_FAMILIES:
            taking_part |= set(theirs["keluarga_id"])
    return len(own & taking_part)


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_overlap_is_one_coarsened_figure_over_other_partners_lists(published, as_of):
    snap = snapshot(published, as_of)
    flags = condition_flags(published, as_of)
    mine = saved_lists.save(CSR, "Termiskin", "", tg.TargetFilter(desil_max=3), snap)
    big = tg.TargetFilter(desil_max=5, kab=("3528", "3529", "3511"))
    tiny = tg.TargetFilter(desil_min=2, desil_max=2, kab=("3529",), size_max=1)
    saved_lists.save(TIMUR_CSR, "Rumah", "", big, snap)
    saved_lists.save(TIMUR_CSR, "Kecil", "", tiny, snap)
    assert len(listable(matching(flags, tiny, ("3529",)))) < settings.LIST_OVERLAP_MIN_FAMILIES
    raw = on_both(flags, mine.filters, [(big, TIMUR), (tiny, TIMUR)])
    assert raw >= 10
    view = targets.build(CSR, snap, filters=mine.filters, picked_list=mine.list_id)
    assert view.overlap == targets.OverlapFigure(mine.list_id, own_too_small=False, families=raw // 10 * 10,
                                                 coarsened=True)
    found = saved_lists.overlap(CSR, mine, snap.snapshot_id)
    assert (found.own_families, found.families) == (len(listable(matching(flags, mine.filters, MADURA))), raw)


def test_overlap_hides_zero_and_one_to_nine_alike(published, monkeypatch):
    monkeypatch.setattr(settings, "LIST_OVERLAP_MIN_FAMILIES", 20)  # the small test data holds few large lists
    snap = snapshot(published, MID)
    flags = condition_flags(published, MID)
    # My list and another partner's that share 1-9 families: they meet only in one decile, for large families.
    candidates = ((tg.TargetFilter(kab=("3529",), desil_max=k), tg.TargetFilter(kab=("3529",), desil_min=k, size_min=n))
                  for k in range(1, 10) for n in range(1, 12))
    mine_f, other = next((m, o) for m, o in candidates
                         if len(listable(matching(flags, m, MADURA))) >= settings.LIST_OVERLAP_MIN_FAMILIES
                         and 1 <= on_both(flags, m, [(o, TIMUR)]) <= 9
                         and len(listable(matching(flags, o, ("3529",)))) >= settings.LIST_OVERLAP_MIN_FAMILIES)
    mine = saved_lists.save(CSR, "Sumenep", "", mine_f, snap)
    saved_lists.save(TIMUR_CSR, "Lain", "", other, snap)
    assert 1 <= saved_lists.overlap(CSR, mine, snap.snapshot_id).families <= 9  # the data holds a small overlap
    small = targets.build(CSR, snap, filters=mine.filters, picked_list=mine.list_id).overlap
    for saved in saved_lists.lists_of(TIMUR_CSR):
        saved_lists.delete(TIMUR_CSR, saved.list_id)
    assert saved_lists.overlap(CSR, mine, snap.snapshot_id).families == 0
    none = targets.build(CSR, snap, filters=mine.filters, picked_list=mine.list_id).overlap
    assert small == none and small.families is None and not small.own_too_small


def test_a_small_own_list_gets_no_overlap(published):
    snap = snapshot(published, MID)
    flags = condition_flags(published, MID)
    small = tg.TargetFilter(kab=("3529",), desil_min=1, desil_max=1, size_max=2)
    assert len(listable(matching(flags, small, MADURA))) < settings.LIST_OVERLAP_MIN_FAMILIES
    mine = saved_lists.save(CSR, "Kecil", "", small, snap)
    saved_lists.save(TIMUR_CSR, "Semua", "", tg.TargetFilter(), snap)
    overlap = targets.build(CSR, snap, filters=small, picked_list=mine.list_id).overlap
    assert overlap.own_too_small and overlap.families is None


def test_only_partners_sharing_a_regency_are_compared(published):
    snap = snapshot(published, MID)
    saved_lists.save(TIMUR_CSR, "Timur", "", tg.TargetFilter(desil_max=3), snap)
    bangkalan = access.scope_for("csr_madura", "mitra_csr", ("3526",))
    assert saved_lists.comparable_lists(bangkalan) == []
    [shared] = saved_lists.comparable_lists(CSR)
    assert shared.kabs == ("3528", "3529") and shared.filters == tg.TargetFilter(desil_max=3)
    assert saved_lists.comparable_lists(PROVINCE) == [saved_lists.Comparable(TIMUR, tg.TargetFilter(desil_max=3))]


def test_the_overlap_view_names_no_partner_and_no_list(published):
    snap = snapshot(published, MID)
    mine = saved_lists.save(CSR, "Mine", "", tg.TargetFilter(desil_max=3), snap)
    saved_lists.save(TIMUR_CSR, "Rahasia Tapal Kuda", "tujuan rahasia", tg.TargetFilter(desil_max=5), snap)
    view = targets.build(CSR, snap, filters=mine.filters, picked_list=mine.list_id)
    text = repr(view.overlap) + view.saved_table.to_csv()
    assert "Rahasia" not in text and "Tapal Kuda" not in text and "csr_timur" not in text
    assert [s.name for s in view.saved] == ["Mine"]


def test_the_filter_reads_in_words_with_area_and_programme_names():
    f = tg.TargetFilter(kab=("3527",), desil_min=1, desil_max=4, received=("pbi_jk", "lpg_3kg"),
                        conditions=("firewood", "female_head"), size_min=1, size_max=20)
    kab = pd.read_csv(REFERENCE / "kabkota.csv", dtype=str).set_index("kab_code")["nama"]["3527"]
    assert targets.describe(f, "id") == (f"Desil kesejahteraan 1–4 · Kabupaten/kota: {kab} · Menerima salah satu"
                                         " program: PBI-JK, LPG 3 kg · Memasak dengan kayu bakar, Kepala keluarga"
                                         " perempuan")
    assert "Cooks with firewood, Female head of family" in targets.describe(f, "en")


def test_list_rows_and_files_read_out_codes_and_headings_in_the_language():
    rows = pd.DataFrame({"desa_name": ["Banyuates"], "conditions": ["firewood, female_head"],
                         "programmes": ["pbi_jk, lpg_3kg"], "jumlah_art": [4]})
    shown = targets.labelled(rows, "en")
    assert list(shown.columns) == ["Village", "Conditions", "Programmes received", "Family size"]
    assert shown.iloc[0].tolist() == ["Banyuates", "Cooks with firewood, Female head of family", "PBI-JK, LPG 3 kg", 4]
    assert targets.readable_rows(rows.assign(programmes=[""]), "id")["programmes"].tolist() == ["–"]


def test_presets_meant_for_government_are_not_offered_to_partners(published):
    partner = targets.build(CSR, snapshot(published, MID), filters=tg.TargetFilter())
    bps = targets.build(PROVINCE, snapshot(published, MID), filters=tg.TargetFilter())
    assert "well_off_with_pkh_bpnt" not in partner.preset_options and "unfit_house" in partner.preset_options
    assert set(bps.preset_options) == set(tg.PRESETS)
