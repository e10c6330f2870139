"""The map draws its areas, legend and labels in Chromium from the app's own server alone: no basemap, no
outside request."""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect

from tests.browser.serving import is_local, open_signed_in, record_requests, wait_for_script

pytestmark = pytest.mark.browser


@pytest.fixture
def server(shared_server):
    """These tests only read pages: one server for the session (each test has its own browser context)."""
    return shared_server


@pytest.mark.parametrize("username", ["bps_jatim", "gubernur"])
def test_map_draws_a_deck_canvas_without_outside_requests(server, page, signed_in, username):
    requested = record_requests(page)

    signed_in(username)
    open_signed_in(page, f"{server}/map")
    page.get_by_role("heading", name="Peta", exact=True).wait_for()
    chart = page.locator("[data-testid='stDeckGlJsonChart']")
    expect(chart).to_have_count(1, timeout=30_000)  # a rerun may briefly show the previous run's map too
    chart.locator("canvas").first.wait_for(state="attached", timeout=30_000)
    box = chart.bounding_box()
    assert box is not None and box["height"] > 300
    page.wait_for_timeout(1_500)  # let deck.gl finish loading what it would load
    if os.environ.get("REGSOSEK_MAP_SCREENSHOT"):
        chart.screenshot(path=f"{os.environ['REGSOSEK_MAP_SCREENSHOT']}-{username}.png")

    # The legend names every band, and the page says the areas are approximate.
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("Keluarga dikunjungi / target").wait_for()
    for band in ("< 25%", "25-50%", "50-75%", "75-90%", "≥ 90%"):
        assert main.get_by_text(band, exact=False).count() >= 1
    assert main.get_by_text("Batas wilayah adalah perkiraan", exact=False).count() == 1
    # The canvas is drawn: pixels of more than a handful of colours (areas in several bands, labels).
    png = chart.locator("canvas").first.screenshot()
    assert len(png) > 20_000

    assert requested
    outside = [url for url in requested if not is_local(url)]
    assert outside == []


def test_on_a_phone_the_salah_sasaran_map_shows_the_whole_province(server, page, signed_in):
    """At 390 px the map reports its width, opens lower and fitted to it: land in the middle, a free margin on
    both sides (before, a map fitted for 700 px cut off Pacitan and Ngawi on the left edge)."""
    import io

    from PIL import Image

    page.set_viewport_size({"width": 390, "height": 844})
    signed_in("gubernur")
    page.goto(f"{server}/mistargeting")
    chart = page.locator("[data-testid='stDeckGlJsonChart']")
    expect(chart).to_have_count(1, timeout=30_000)
    chart.scroll_into_view_if_needed()
    # Fitted to the phone: the page asked for a lower map once the browser said how wide it draws it.
    page.wait_for_function("() => { const c = document.querySelector(\"[data-testid='stDeckGlJsonChart']\");"
                           " return c && c.getBoundingClientRect().height < 400; }", timeout=30_000)
    wait_for_script(page)

    def land_columns() -> tuple[int, list[int]]:
        image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
        width, height = image.size

        def land(x: int) -> bool:
            return any(max(image.getpixel((x, y))) - min(image.getpixel((x, y))) > 40 for y in range(0, height, 2))

        return width, [x for x in range(width) if land(x)]

    def fitted(width: int, columns: list[int]) -> bool:
        # The land spans the map (fitted, not merely small) and touches neither edge (nothing cut off).
        return bool(columns) and 5 < columns[0] < 0.15 * width and 0.85 * width < columns[-1] < width - 5

    # The lower map is drawn with its new camera a moment after its new height (on a busy machine, seconds):
    # look again for up to 20 s; a map that stays cut off still fails.
    deadline = time.monotonic() + 20
    width, columns = land_columns()
    while not fitted(width, columns) and time.monotonic() < deadline:
        page.wait_for_timeout(1_000)
        width, columns = land_columns()
    assert width < 390
    assert fitted(width, columns), (width, columns[:1], columns[-1:])
