"""A shared link opens the same view after a reload, and a download arrives masked and audited."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from regsosek import reference

pytestmark = pytest.mark.browser


def test_coverage_link_restores_the_drill_down_after_a_reload(server, page, sign_in, published_data_dir):
    sls = pq.read_table(next(published_data_dir.glob("snapshots/*/sls.parquet"))).to_pandas()
    kec = sorted(sls.loc[sls["kab_code"] == "3527", "kec_code"].unique())[-1]
    kec_name = reference.kecamatan().set_index("kec_code").loc[kec, "nama"]
    sign_in("bps_jatim", "bps-jatim-22")

    page.goto(f"{server}/coverage?kab=3527&kec={kec}")
    kab_picker = page.get_by_role("combobox", name="Kabupaten/kota")
    kec_picker = page.get_by_role("combobox", name="Kecamatan")
    expect(kab_picker).to_have_value("Kab. Sampang", timeout=30_000)
    expect(kec_picker).to_have_value(kec_name)

    page.reload()
    expect(kec_picker).to_have_value(kec_name, timeout=30_000)
    assert f"kec={kec}" in page.url and "kab=3527" in page.url


def test_csr_download_is_masked_and_recorded(server, page, sign_in):
    sign_in("csr_madura", "csr-madura-22")
    page.goto(f"{server}/targets")
    page.get_by_label("Tujuan penggunaan data").fill("Program bedah rumah 2023")
    page.get_by_label("Tujuan penggunaan data").press("Enter")
    page.get_by_text("Saya menyetujui ketentuan penggunaan data").click()
    page.get_by_text("Siapkan berkas unduhan").click()
    button = page.get_by_role("button", name="Daftar (CSV)")
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    body = open(info.value.path(), encoding="utf-8-sig").read()

    assert "csr_madura" in body and "Program bedah rumah 2023" in body
    assert not re.search(r"\b35\d{14}\b", body)  # no full NIK
    assert not re.search(r"-[78]\.\d{4,}", body)  # no geotag latitude

    with contextlib.closing(sqlite3.connect(server.data_dir / "regsosek.db")) as database:  # the app database
        records = [{**json.loads(details), "user": user} for user, details in database.execute(
            "SELECT username, details FROM audit_log WHERE action = 'download'")]
    assert any(r["user"] == "csr_madura" and r["page"] == "targets" for r in records)
