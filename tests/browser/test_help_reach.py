"""A partner uploads help records in a real browser: a file with another partner's id is refused with its report
and nothing changes; its own pseudonyms are recorded and the reach counts change."""

from __future__ import annotations

import secrets

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from playwright.sync_api import expect

from regsosek import files, privacy

pytestmark = pytest.mark.browser


@pytest.fixture
def server(writing_server):
    """The server of the tests that write what no other test reads back (see `writing_server`)."""
    return writing_server


def families_with_a_programme(data_dir, kab: str, n: int) -> list[str]:
    """Families of the served snapshot in one regency, visited and receiving a programme (read from its Parquet)."""
    [folder] = [p for p in (data_dir / "warehouse" / "snapshots").iterdir() if (p / "keluarga").is_dir()]
    part = ds.partitioning(pa.schema([("kab_code", pa.string())]), flavor="hive")
    fam = ds.dataset(folder / "keluarga", format="parquet", partitioning=part).to_table(
        columns=["keluarga_id", "kab_code", "hasil_kunjungan", "terima_pkh", "terima_pbi_jk"]).to_pandas()
    keep = (fam["kab_code"] == kab) & fam["hasil_kunjungan"].isin(["ditemukan", "baru"])
    keep &= fam["terima_pkh"].fillna(False).astype(bool) | fam["terima_pbi_jk"].fillna(False).astype(bool)
    return sorted(fam.loc[keep, "keluarga_id"])[:n]


def metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).first


def upload(page, wait_idle, name: str, text: str) -> None:
    page.get_by_text("Unggah CSV", exact=True).click()
    wait_idle()
    page.locator("input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}])
    page.get_by_text(name).first.wait_for()  # the upload reruns the page: wait for it before the click
    wait_idle()
    page.get_by_role("button", name="Periksa dan simpan berkas").click()


def test_a_partner_uploads_help_records_and_sees_the_reach_change(server, page, signed_in, wait_idle):
    secret = files.create_once(server.data_dir / "secret.key", secrets.token_bytes(32))
    ids = families_with_a_programme(server.data_dir, "3527", 15)
    assert len(ids) == 15
    signed_in("csr_madura")
    page.goto(f"{server}/help")
    page.get_by_role("heading", name="Catatan bantuan").first.wait_for()
    wait_idle()
    expect(metric(page, "Dibantu mitra")).to_contain_text("0")

    heading = "id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\n"
    other = privacy.pseudonym(ids[0], secret, "csr_timur")
    bad = heading + f"{privacy.pseudonym(ids[1], secret, 'csr_madura')},pangan,2022-12-01,250000\n" + \
        f"{other},pangan,2022-12-01,250000\n"
    upload(page, wait_idle, "salah.csv", bad)
    expect(page.get_by_text("Ditolak seluruhnya, tidak ada yang tersimpan.")).to_be_visible(timeout=30_000)
    wait_idle()
    expect(metric(page, "Dibantu mitra")).to_contain_text("0")

    good = heading + "".join(f"{privacy.pseudonym(k, secret, 'csr_madura')},pangan,2022-12-01,250000\n" for k in ids)
    upload(page, wait_idle, "bantuan.csv", good)
    expect(page.get_by_text("15 catatan bantuan tersimpan.")).to_be_visible(timeout=30_000)
    wait_idle()
    expect(metric(page, "Dibantu mitra")).to_contain_text("15")
    expect(metric(page, "Keluarga yang Anda bantu")).to_contain_text("15")
