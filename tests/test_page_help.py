"""Catatan bantuan page: one smoke run per role that may open it, refusals with no data, and a partner ticking
families on its saved list and seeing the reach change; a refused batch shows its report and writes nothing. The
numbers are tested on the view (tests/test_view_reach.py) and the store (tests/test_help.py)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from regsosek import access, audit, export, help, i18n, privacy, saved_lists, warehouse
from regsosek import targeting as tg
from regsosek.views import reach
from tests.monitoring_expected import metric, open_page
from tests.snapshots import LIVE

MADURA = ("3526", "3527", "3528", "3529")
PARTNER = access.scope_for("csr_madura", "mitra_csr", MADURA)


@pytest.mark.parametrize("username", ["gubernur", "bps_jatim", "bps_sampang"])
def test_roles_in_scope_see_reach_and_no_recording(workdir, private_store, username):
    at = open_page("help", username)
    assert not at.exception and not at.main.error
    assert len(at.main.metric) == 5 and len(at.main.dataframe) == 2  # reach: all families, the poorest
    assert "help_record" not in [b.key for b in at.main.button] and not at.main.get("file_uploader")


@pytest.mark.parametrize("username", ["admin"])
def test_other_roles_are_refused_and_see_no_data(workdir, private_store, username):
    at = open_page("help", username)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.main.button


def test_a_partner_ticks_families_on_its_saved_list_and_the_reach_changes(workdir, private_store):
    saved_lists.save(PARTNER, "Sampang desil 1-4", "", tg.TargetFilter(kab=("3527",), desil_max=4),
                     warehouse.get(workdir.ids[LIVE.isoformat()]))
    at = open_page("help", "csr_madura")
    assert not at.exception and not at.main.error
    helped_label = i18n.t("help_col_by_partner")
    assert metric(at, helped_label) == "0"
    assert len(at.main.dataframe) == 3  # reach (two tables), and the page of the saved list
    options = at.multiselect(key="help_tick").options
    assert len(options) > 12
    picked = [o.split(" · ")[0] for o in options[:12]]
    at.multiselect(key="help_tick").set_value(picked)
    at.selectbox(key="help_kind").set_value("sekolah")
    at.date_input(key="help_date").set_value(date(2022, 12, 1))
    at.number_input(key="help_value").set_value(300000)
    at.button(key="help_record").click().run()
    assert not at.exception and not at.main.error
    assert at.main.success[0].value == i18n.t("help_recorded", count="12")
    assert metric(at, helped_label) == "12"
    assert metric(at, i18n.t("help_own_families")) == "12"
    mine = help.records_of(PARTNER)
    assert set(mine["family_pseudonym"]) == set(picked) and set(mine["kind"]) == {"sekolah"}
    # The same families, kind and date again: refused with a report, nothing more written.
    at.multiselect(key="help_tick").set_value(picked[:2])
    at.button(key="help_record").click().run()
    assert at.main.error[0].value == i18n.t("help_refused")
    [report] = [d.value for d in at.main.dataframe if i18n.t("help_report_line") in d.value.columns]
    assert list(report[i18n.t("help_report_line")]) == [1, 2]
    assert len(help.records_of(PARTNER)) == 12
    [record] = audit.read_log(action=help.AUDIT_ACTION).to_dict("records")
    assert record["user"] == "csr_madura" and record["details"]["entries"] == 12
    assert record["details"]["source"] == "list" and record["details"]["kinds"] == ["sekolah"]


def test_an_uploaded_file_is_audited_with_its_hash(workdir, private_store):
    fam = workdir.table(LIVE.isoformat(), "keluarga")
    ids = sorted(fam.loc[(fam["kab_code"] == "3526") & fam["hasil_kunjungan"].isin(["ditemukan"]), "keluarga_id"])[:3]
    secret = export.server_secret()
    data = ("id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\n" + "".join(
        f"{privacy.pseudonym(k, secret, 'csr_madura')},tunai,2022-12-01,100000\n" for k in ids)).encode()
    outcome = reach.record_upload(PARTNER, warehouse.get(workdir.ids[LIVE.isoformat()]), data)
    assert outcome.ok and outcome.recorded == 3
    [record] = audit.read_log(action=help.AUDIT_ACTION).to_dict("records")
    assert record["details"]["sha256"] == hashlib.sha256(data).hexdigest() and record["details"]["source"] == "upload"


def test_a_partner_without_saved_lists_is_pointed_to_the_target_lists(workdir, private_store):
    at = open_page("help", "csr_madura")
    assert not at.exception
    assert i18n.t("help_no_lists") in [i.value for i in at.main.info]


@pytest.mark.parametrize("username", ["bps_sampang", "csr_madura"])
def test_the_target_list_keeps_belum_terjangkau_and_the_verification_choice_in_the_url(workdir, private_store,
                                                                                       username):
    at = open_page("targets", username, kab="3527", desil_max="2", unreached="1", verified="without")
    assert not at.exception and not at.main.error
    assert at.checkbox(key="tf_unreached").value is True and at.selectbox(key="tf_verified").value == "without"
    at.selectbox(key="tf_verified").set_value("only")
    at.checkbox(key="tf_unreached").uncheck()
    at.button(key="FormSubmitter:targets_filter-" + i18n.t("targets_apply")).click().run()
    assert not at.exception
    assert at.query_params["verified"] in ("only", ["only"]) and "unreached" not in at.query_params
    wanted = "Desil kesejahteraan 1–2 · Kabupaten/kota: Kab. Sampang · Verifikasi desa: hanya yang sudah diverifikasi"
    assert i18n.t("targets_filter_now", filters=wanted) in [c.value for c in at.main.caption]


def test_the_unreached_preset_is_offered_to_partners_and_fills_the_form(workdir, private_store):
    at = open_page("targets", "csr_madura", kab="3528")
    assert i18n.t("targets_preset_unreached_poorest") in at.selectbox(key="tf_preset").options
    at.selectbox(key="tf_preset").set_value("unreached_poorest").run()
    at.button(key="tf_preset_apply").click().run()
    assert not at.exception
    assert at.checkbox(key="tf_unreached").value is True and at.slider(key="tf_desil").value == (1, 2)
    assert at.query_params["unreached"] in ("1", ["1"]) and at.query_params["kab"] in ("3528", ["3528"])


def test_nothing_a_partner_is_sent_holds_a_real_family_id_or_a_name(workdir, private_store):
    snapshot = warehouse.get(workdir.ids[LIVE.isoformat()])
    saved_lists.save(PARTNER, "Bangkalan", "", tg.TargetFilter(kab=("3526",), desil_max=3), snapshot)
    fam = workdir.table(LIVE.isoformat(), "keluarga")
    fam = fam[fam["kab_code"].isin(MADURA)]
    secret = export.server_secret()
    helped = sorted(fam.loc[fam["hasil_kunjungan"] == "ditemukan", "keluarga_id"])[:10]
    data = ("id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\n" + "".join(
        f"{privacy.pseudonym(k, secret, 'csr_madura')},tunai,2022-12-01,100000\n" for k in helped)).encode()
    assert reach.record_upload(PARTNER, snapshot, data).ok
    at = open_page("help", "csr_madura")
    assert not at.exception and len(at.main.dataframe) == 4  # reach (two tables), the list's page, own records
    sent = " ".join(d.value.to_string() for d in at.main.dataframe) + " ".join(
        str(o) for o in at.multiselect(key="help_tick").options)
    assert not set(fam["keluarga_id"]) & set(sent.replace("·", " ").split())
    full_names = {n for n in fam["nama_kepala"].dropna() if " " in n}
    assert not [n for n in full_names if n in sent]
