"""Saved target lists: own lists only, filters checked again on reading, overlap counts equal pandas."""

from __future__ import annotations

import json

import pytest

from regsosek import access, i18n, privacy, saved_lists, warehouse
from regsosek import targeting as tg
from tests.test_page_targets import MADURA, run_page
from tests.test_targeting import AS_OF, condition_flags, matching

TIMUR = ("3511", "3512", "3528", "3529")
MADURA_CSR = access.scope_for("csr_madura", "mitra_csr", MADURA)
TIMUR_CSR = access.scope_for("csr_timur", "mitra_csr", TIMUR)
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")


@pytest.fixture
def lists(published):
    """The shared warehouse with no saved lists before or after the test (other page tests count tables)."""
    def clear():
        for scope in (MADURA_CSR, TIMUR_CSR, PROVINCE):
            for saved in saved_lists.lists_of(scope):
                saved_lists.delete(scope, saved.list_id)
    clear()
    yield warehouse.get(published.late_id)
    clear()


def test_a_user_sees_and_opens_only_its_own_lists(lists):
    mine = saved_lists.save(MADURA_CSR, "  Bedah rumah Sampang ", "renovasi", tg.PRESETS["unfit_house"], lists)
    assert [s.list_id for s in saved_lists.lists_of(MADURA_CSR)] == [mine.list_id]
    assert saved_lists.get(MADURA_CSR, mine.list_id) == mine and mine.name == "Bedah rumah Sampang"
    assert (mine.as_of, mine.snapshot_id) == (AS_OF, lists.snapshot_id)
    assert saved_lists.lists_of(TIMUR_CSR) == [] and saved_lists.get(TIMUR_CSR, mine.list_id) is None
    for hostile in ("../csr_madura/" + mine.list_id, mine.list_id + ".json", "", "0" * 64):
        assert saved_lists.get(MADURA_CSR, hostile) is None
    with pytest.raises(saved_lists.ListError):
        saved_lists.save(MADURA_CSR, "   ", "", tg.TargetFilter(), lists)


def test_a_tampered_file_is_read_back_within_the_owners_scope(lists):
    mine = saved_lists.save(MADURA_CSR, "x", "", tg.TargetFilter(kab=("3527",)), lists)
    path = saved_lists._path("csr_madura", mine.list_id)
    payload = json.loads(path.read_text())
    payload["filters"] = {"kab": ["3578", "3527"], "desil_min": "0; DROP", "conditions": ["x", "disability"]}
    path.write_text(json.dumps(payload))
    assert saved_lists.get(MADURA_CSR, mine.list_id).filters == tg.TargetFilter(kab=("3527",),
                                                                               conditions=("disability",))


def test_overlap_counts_families_on_both_lists_in_shared_regencies_only(published, lists):
    mine = saved_lists.save(MADURA_CSR, "Termiskin", "", tg.PRESETS["poorest_without_pkh_bpnt"], lists)
    theirs = saved_lists.save(TIMUR_CSR, "Rumah tidak layak", "", tg.TargetFilter(desil_max=3, kab=("3529", "3511")),
                              lists)
    flags = condition_flags(published, AS_OF)
    both = set(matching(flags, mine.filters, ("3528", "3529"))["keluarga_id"]) & set(
        matching(flags, theirs.filters, ("3528", "3529"))["keluarga_id"])
    assert len(both) > 0
    got = saved_lists.overlap(MADURA_CSR, mine, lists.snapshot_id)
    assert got.to_dict("records") == [{"partner": "Mitra CSR Tapal Kuda", "list_name": "Rumah tidak layak",
                                       "shared_kab": "3528, 3529", "families": len(both)}]
    bps_list = saved_lists.save(PROVINCE, "Provinsi", "", tg.TargetFilter(desil_max=2), lists)
    from_bps = saved_lists.overlap(PROVINCE, bps_list, lists.snapshot_id)
    want = set(matching(flags, bps_list.filters, TIMUR)["keluarga_id"]) & set(
        matching(flags, theirs.filters, TIMUR)["keluarga_id"])
    with_madura = set(matching(flags, bps_list.filters, MADURA)["keluarga_id"]) & set(
        matching(flags, mine.filters, MADURA)["keluarga_id"])
    assert from_bps.set_index("partner")["families"].to_dict() == {"Mitra CSR Madura": len(with_madura),
                                                                   "Mitra CSR Tapal Kuda": len(want)}
    assert saved_lists.overlap(TIMUR_CSR, theirs, lists.snapshot_id)["list_name"].tolist() == ["Termiskin"]


def test_partners_without_a_shared_regency_are_not_compared(lists):
    mine = saved_lists.save(MADURA_CSR, "Bangkalan", "", tg.TargetFilter(kab=("3526",)), lists)
    saved_lists.save(PROVINCE, "BPS", "", tg.TargetFilter(), lists)
    surabaya = access.scope_for("csr_madura", "mitra_csr", ("3526",))
    assert saved_lists.overlap(surabaya, mine, lists.snapshot_id).empty


def test_the_page_saves_opens_and_shows_a_suppressed_overlap(published, lists):
    flags = condition_flags(published, AS_OF)
    small = next(f for kec in sorted(flags[flags["kab_code"] == "3529"]["kec_code"].unique())
                 for f in [tg.TargetFilter(kab=("3529",), kec=kec, desil_max=2, size_max=1)]
                 if 0 < len(matching(flags, f, TIMUR)) < 10)
    saved_lists.save(TIMUR_CSR, "Lansia", "", small, lists)
    at = run_page("csr_madura", {"desil_max": "2"})
    at.text_input(key="lists_name").input("Lansia Sumenep")
    at.text_input(key="lists_purpose").input("sembako")
    at.button(key="FormSubmitter:lists_save_form-" + i18n.t("lists_save")).click().run()
    assert not at.exception
    [mine] = saved_lists.lists_of(MADURA_CSR)
    assert mine.filters == tg.TargetFilter(desil_max=2) and mine.purpose == "sembako"
    overlap = len(set(matching(flags, mine.filters, ("3528", "3529"))["keluarga_id"])
                  & set(matching(flags, small, ("3528", "3529"))["keluarga_id"]))
    table = at.main.dataframe[2].value
    assert 0 < overlap < 10 and table[i18n.t("lists_col_families")].tolist() == [privacy.SUPPRESSED]

    at.query_params["desil_max"] = "9"
    at.button(key="lists_open").click().run()
    assert at.query_params["desil_max"] in ("2", ["2"])
