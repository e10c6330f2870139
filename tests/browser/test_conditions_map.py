"""The conditions map draws its areas, legend and regency labels in Chromium from the app's own server alone:
no basemap, no outside request; the partner's map holds only its regencies."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from playwright.sync_api import expect

from regsosek import maps
from tests.browser.serving import is_local, open_signed_in, record_requests

pytestmark = pytest.mark.browser


@pytest.fixture
def server(shared_server):
    """These tests only read pages: one server for the session (each test has its own browser context)."""
    return shared_server


@pytest.mark.parametrize("username", ["gubernur", "csr_madura"])
def test_conditions_map_draws_areas_legend_and_labels_locally(server, page, signed_in, username):
    requested = record_requests(page)

    signed_in(username)
    open_signed_in(page, f"{server}/conditions")
    page.get_by_role("heading", name="Peta kondisi").first.wait_for()
    chart = page.locator("[data-testid='stDeckGlJsonChart']")
    expect(chart).to_have_count(1, timeout=30_000)  # a rerun may briefly show the previous run's map too
    chart.locator("canvas").first.wait_for(state="attached", timeout=30_000)
    box = chart.bounding_box()
    assert box is not None and box["height"] > 300
    page.wait_for_timeout(1_500)  # let deck.gl finish loading what it would load
    if os.environ.get("REGSOSEK_MAP_SCREENSHOT"):
        chart.screenshot(path=f"{os.environ['REGSOSEK_MAP_SCREENSHOT']}-conditions-{username}.png")

    main = page.locator("[data-testid='stMain']")
    main.get_by_text("Keluarga desil 1-2 (Persentase)", exact=False).wait_for()
    assert main.get_by_text("Batas wilayah adalah perkiraan", exact=False).count() == 1
    # The canvas is drawn: areas filled from the yellow-orange-red palette (red well above blue) in at
    # least two of its steps, and dark label text.
    with Image.open(io.BytesIO(chart.locator("canvas").first.screenshot())) as image:
        pixels = [(n, colour) for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 22)]
    warm = [(n, c) for n, c in pixels if c[0] - c[2] > 60]
    assert sum(n for n, _ in warm) > 2_000
    steps = {min(range(len(maps.SEQUENTIAL)), key=lambda i: sum(abs(a - b) for a, b in zip(c, maps.SEQUENTIAL[i])))
             for n, c in warm if n > 200}
    assert len(steps) >= 2
    assert any(max(c) < 60 for _, c in pixels)

    assert requested
    outside = [url for url in requested if not is_local(url)]
    assert outside == []
