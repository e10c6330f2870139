"""Verifikasi desa page: a regency head opens a desa's pack, records a decision, and the download is built and
audited only on the click; other roles are refused. The numbers are tested on the view
(tests/test_view_verification.py)."""

from __future__ import annotations

import pytest

from regsosek import audit, i18n, verification
from tests.monitoring_expected import capture_offers, deliver, open_page
from tests.snapshots import LIVE
from tests.test_view_verification import busiest_desa

SURABAYA = "3578"


def test_a_regency_head_records_a_decision_and_downloads_the_pack(workdir, private_store, monkeypatch):
    offered = capture_offers(monkeypatch)
    desa = busiest_desa(workdir, LIVE.isoformat(), SURABAYA)
    at = open_page("verification", "bps_surabaya", kec=desa[:6], desa=desa)
    assert not at.exception and not at.main.error
    tables = [df.value for df in at.main.dataframe]
    assert len(tables) == 2
    assert i18n.t("verify_col_nik_kepala") in tables[1].columns
    at.radio(key="verify_decision").set_value("wrong").run()
    family = at.selectbox(key="verify_family").value
    at.selectbox(key="verify_family").set_value(family)
    at.radio(key="verify_reason").set_value("moved")
    at.text_input(key="verify_note").input("pindah ke Sidoarjo")
    at.button(key="verify_record").click().run()
    assert not at.exception and not at.main.error
    decided = verification.decisions_in([SURABAYA]).set_index("keluarga_id")
    assert decided.loc[family, ["decision", "reason", "note"]].tolist() == ["wrong", "moved", "pindah ke Sidoarjo"]
    assert audit.read_log(action="download").empty
    pack = [o for o in offered if o["key"] == "verify_download"][-1]
    deliver(pack)
    [record] = audit.read_log(action="download").to_dict("records")
    assert record["page"] == "verification" and record["user"] == "bps_surabaya" and record["rows"] > 0
    printed = [o for o in offered if o["key"] == "verify_download_pdf"][-1]
    assert deliver(printed).startswith(b"%PDF")
    second = audit.read_log(action="download").to_dict("records")[-1]
    assert second["filters"]["file"].endswith(".pdf") and second["rows"] == record["rows"]


def test_another_regency_in_the_url_shows_no_desa_of_it(workdir, private_store):
    desa = busiest_desa(workdir, LIVE.isoformat(), "3527")
    at = open_page("verification", "bps_surabaya", kab="3527", kec=desa[:6], desa=desa)
    assert not at.exception
    assert len(at.main.dataframe) == 1  # the rates of its own kecamatan only
    assert set(at.main.dataframe[0].value[i18n.t("verify_col_area_code")].str[:4]) == {SURABAYA}


@pytest.mark.parametrize("username", ["gubernur", "csr_madura", "admin"])
def test_other_roles_are_refused_and_see_no_data(workdir, private_store, username):
    at = open_page("verification", username, kab=SURABAYA)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.main.button
