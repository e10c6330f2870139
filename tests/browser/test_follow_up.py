"""A kab/kota head creates a follow-up task from a finding and closes it, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def server(writing_server):
    """The server of the tests that write what no other test reads back (see `writing_server`)."""
    return writing_server


def test_a_regency_head_creates_a_task_from_a_finding_and_closes_it(server, page, signed_in, wait_idle):
    signed_in("bps_surabaya")
    page.goto(f"{server}/tasks?temuan=pml_backlog")
    page.get_by_role("heading", name="Tindak lanjut").first.wait_for()
    wait_idle()
    picker = page.get_by_role("combobox", name="Untuk petugas (PML atau Koseka)")
    option = page.get_by_role("option", name=re.compile(r"^3578-KOSEKA-")).first
    for _ in range(5):
        # The page keeps its filters in the URL; a rerun that lands while the list is open closes it (and
        # the typed text with it). Pick again until the picker shows a Koseka.
        try:
            picker.click(timeout=5_000)
            page.keyboard.type("KOSEKA")
            option.click(timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
        wait_idle()
        if picker.input_value().startswith("3578-KOSEKA-"):
            break
    else:
        pytest.fail("no Koseka could be picked in five tries")
    page.get_by_label("Catatan", exact=True).fill("Periksa tunggakan dokumen")
    page.get_by_role("button", name="Buat tugas").click()
    expect(page.get_by_text("Tugas no. 1 dibuat.")).to_be_visible(timeout=30_000)
    wait_idle()
    for status in ("dikerjakan", "selesai", "diverifikasi"):
        page.get_by_role("tab", name="Daftar tugas").click()
        wait_idle()
        page.get_by_role("button", name="Ubah ke status berikutnya").click()
        expect(page.get_by_text(f"Tugas no. 1 sekarang {status}.")).to_be_visible(timeout=30_000)
        wait_idle()
    page.get_by_role("tab", name="Daftar tugas").click()
    expect(page.get_by_text("Semua tugas sudah diverifikasi.")).to_be_visible()
