"""The target-list page: one smoke run per role, refusals, the preset form (bug 9.1), and files built only on click.

The numbers are tested on the view (tests/test_view_targets.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regsosek import access, audit, export, i18n, saved_lists, warehouse
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


@pytest.mark.parametrize("username", ["bps_jatim", "bps_sampang", "csr_madura"])
def test_the_page_draws_for_every_role_that_may_open_it(published, username):
    at = run_page(username, {"desil_max": "6"})
    assert not at.exception
    assert len(at.main.metric) == 2 and at.main.dataframe


@pytest.mark.parametrize("username", ["gubernur", "admin"])
def test_roles_without_target_lists_are_refused(published, username):
    at = run_page(username, {"desil_max": "2", "kab": ["3527"]})
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.main.get("download_button")


def test_a_partner_cannot_widen_its_scope_through_the_url(published):
    at = run_page("csr_madura", {"kab": ["3578", "3527"], "desil_max": "6"})
    assert not at.exception
    assert at.multiselect(key="tf_kab").value == ["3527"]
    codes = at.main.dataframe[0].value[i18n.t("targets_col_area_code")]
    assert len(codes) and all(code.startswith("3527") and len(code) == 6 for code in codes)


def test_an_applied_preset_fills_the_form_and_survives_the_next_submit(published):
    """Bug 9.1: the preset changed the caption but not the form; the next "Tampilkan" dropped it."""
    at = run_page("bps_jatim")
    # No preset reads as chosen before the user picks one (the list is unfiltered), and Terapkan waits for one.
    assert at.selectbox(key="tf_preset").value is None and at.button(key="tf_preset_apply").disabled
    at.selectbox(key="tf_preset").set_value("unfit_house").run()
    at.button(key="tf_preset_apply").click().run()
    preset = tg.PRESETS["unfit_house"]
    assert at.slider(key="tf_desil").value == (preset.desil_min, preset.desil_max)
    assert at.multiselect(key="tf_housing").value == ["unfit_house"]

    at.multiselect(key="tf_kab").set_value(["3527"])
    at.button(key="FormSubmitter:targets_filter-" + i18n.t("targets_apply")).click().run()
    assert not at.exception
    wanted = "Desil kesejahteraan 1–4 · Kabupaten/kota: Kab. Sampang · Rumah tidak layak huni"
    assert at.query_params["desil_max"] in ("4", ["4"])
    assert at.query_params["conditions"] in ("unfit_house", ["unfit_house"])
    assert at.query_params["kab"] in ("3527", ["3527"])
    assert i18n.t("targets_filter_now", filters=wanted) in [c.value for c in at.main.caption]
    assert at.slider(key="tf_desil").value == (1, 4) and at.multiselect(key="tf_housing").value == ["unfit_house"]
    assert at.selectbox(key="tf_preset").value is None  # the form's filter is in force now, not the preset's


def test_opening_a_saved_list_fills_the_form(published):
    scope = access.scope_for("bps_jatim", "bps_provinsi")
    saved = saved_lists.save(scope, "Lantai tanah", "", tg.TargetFilter(desil_max=3, conditions=("earthen_floor",)),
                             warehouse.get(published.late_id))
    try:
        at = run_page("bps_jatim", {"desil_max": "9"})
        at.button(key="lists_open").click().run()
        assert at.slider(key="tf_desil").value == (1, 3) and at.multiselect(key="tf_housing").value == ["earthen_floor"]
        assert at.query_params["desil_max"] in ("3", ["3"])
    finally:
        saved_lists.delete(scope, saved.list_id)


def test_download_buttons_build_nothing_and_audit_nothing_when_drawn(published, private_store, monkeypatch):
    built = []
    monkeypatch.setattr(export, "to_csv", lambda *a: built.append("csv") or b"")
    monkeypatch.setattr(export, "to_xlsx", lambda *a: built.append("xlsx") or b"")
    at = run_page("bps_jatim", url_of(tg.PRESETS["unfit_house"]))
    at.text_input(key="tf_purpose").input("verifikasi lapangan").run()
    assert not at.main.get("download_button")
    at.checkbox(key="tf_prepare").check().run()
    assert not at.exception
    buttons = at.main.get("download_button")
    assert [b.proto.label for b in buttons] == [i18n.t("targets_download_daftar_csv"),
                                                i18n.t("targets_download_daftar_xlsx"),
                                                i18n.t("targets_download_sasaran_csv")]
    assert all(not b.proto.url for b in buttons)  # nothing published under /media
    assert built == [] and audit.read_log(action="download").empty


def test_a_partner_must_accept_terms_and_state_a_purpose_before_files(published, monkeypatch):
    monkeypatch.setattr(export, "terms_accepted", lambda username: False)
    at = run_page("csr_madura", {"desil_max": "10"})
    assert at.checkbox(key="tf_terms") is not None and not at.main.get("download_button")
    assert "tf_prepare" not in [box.key for box in at.main.get("checkbox")]
