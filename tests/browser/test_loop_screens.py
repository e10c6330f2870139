"""Ringkasan hands a kab/kota head its own regency's one-page brief, whatever the URL says: built on the click,
recorded in the audit log before the file arrives."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sqlite3

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser


@pytest.fixture
def server(writing_server):
    """The server of the tests that write what no other test reads back (see `writing_server`)."""
    return writing_server


def test_a_regency_head_downloads_its_own_brief_from_ringkasan(server, page, signed_in, wait_idle):
    signed_in("bps_surabaya")
    page.goto(f"{server}/overview?kab=3527&area=3527&brief=3527")
    page.get_by_role("heading", name="Ringkasan satu halaman: Kota Surabaya").wait_for(timeout=60_000)
    wait_idle()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh ringkasan (PDF A4)").click()
    download = info.value
    assert download.suggested_filename.startswith("brief_3578_") and download.suggested_filename.endswith(".pdf")
    data = open(download.path(), "rb").read()
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Kota Surabaya" in text and "Sampang" not in text

    with contextlib.closing(sqlite3.connect(server.data_dir / "regsosek.db")) as database:
        records = [{**json.loads(details), "user": user} for user, details in database.execute(
            "SELECT username, details FROM audit_log WHERE action = 'download'")]
    mine = [r for r in records if r["user"] == "bps_surabaya" and r["page"] == "overview"]
    assert len(mine) == 1
    assert mine[0]["filters"]["brief"] == "3578" and mine[0]["filters"]["file"] == download.suggested_filename
    assert mine[0]["sha256"] == hashlib.sha256(data).hexdigest()
