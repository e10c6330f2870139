"""Saved target lists: own lists only, filters checked again on reading; the page names no other partner.

The overlap figure is tested on the view (tests/test_view_targets.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from regsosek import access, i18n, saved_lists, store, warehouse
from regsosek import targeting as tg
from tests.test_page_targets import MADURA, run_page
from tests.test_targeting import AS_OF

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


def test_a_tampered_row_is_read_back_within_the_owners_scope(lists):
    mine = saved_lists.save(MADURA_CSR, "x", "", tg.TargetFilter(kab=("3527",)), lists)
    tampered = {"kab": ["3578", "3527"], "desil_min": "0; DROP", "conditions": ["x", "disability"]}
    with store.write() as connection:
        connection.execute(sa.update(store.saved_lists).where(store.saved_lists.c.list_id == mine.list_id)
                           .values(filters=tampered))
    assert saved_lists.get(MADURA_CSR, mine.list_id).filters == tg.TargetFilter(kab=("3527",),
                                                                               conditions=("disability",))


def test_the_page_saves_opens_and_names_no_other_partner(published, lists):
    saved_lists.save(TIMUR_CSR, "Rahasia Tapal Kuda", "tujuan rahasia", tg.TargetFilter(desil_max=6), lists)
    at = run_page("csr_madura", {"desil_max": "6"})
    at.text_input(key="lists_name").input("Keluarga Madura")
    at.text_input(key="lists_purpose").input("sembako")
    at.button(key="FormSubmitter:lists_save_form-" + i18n.t("lists_save")).click().run()
    assert not at.exception
    [mine] = saved_lists.lists_of(MADURA_CSR)
    assert mine.filters == tg.TargetFilter(desil_max=6) and mine.purpose == "sembako"
    assert at.main.success and at.selectbox(key="lists_pick").value == mine.list_id
    shown = "\n".join([str(e.value) for e in at.main.get("metric")] + [f.value.to_csv() for f in at.main.dataframe]
                      + [m.value for m in at.main.markdown] + [c.value for c in at.main.caption])
    assert "Keluarga Madura" in shown
    for secret in ("Rahasia", "Tapal Kuda", "csr_timur", "tujuan rahasia"):
        assert secret not in shown

    at.query_params["desil_max"] = "9"
    at.button(key="lists_open").click().run()
    assert at.query_params["desil_max"] in ("6", ["6"])
