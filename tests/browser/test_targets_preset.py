"""Bug 9.1 in a real browser: a preset fills the form, and the next "Tampilkan" keeps it.

AppTest cannot show this bug: it resets widgets whose state is dropped, while the browser keeps
the old widget values and sends them back on the next submit.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from regsosek import targeting as tg
from regsosek.views import targets as targets_view

pytestmark = pytest.mark.browser


@pytest.fixture
def server(shared_server):
    """This test only reads pages: one server for the session (it has its own browser context)."""
    return shared_server


def test_a_preset_then_a_regency_keeps_the_preset(server, page, signed_in, wait_idle):
    signed_in("bps_jatim")
    page.goto(f"{server}/targets")
    page.get_by_role("combobox", name="Pilihan cepat").click()
    page.get_by_role("option", name="Rumah tidak layak huni, desil 1-4").click()
    wait_idle()
    page.get_by_role("button", name="Terapkan").click()
    preset = tg.PRESETS["unfit_house"]
    expect(page.get_by_text(f"Filter: {targets_view.describe(preset, 'id')}", exact=True)).to_be_visible(timeout=30_000)
    wait_idle()
    expect(page.get_by_text("Rumah tidak layak huni", exact=True).first).to_be_visible()  # the form shows it

    page.get_by_role("combobox", name="Kabupaten/kota").click()
    page.keyboard.type("Sampang")
    page.get_by_role("option", name=re.compile("Sampang")).first.click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Tampilkan").click()
    wanted = tg.TargetFilter(kab=("3527",), desil_min=1, desil_max=4, conditions=("unfit_house",))
    expect(page.get_by_text(f"Filter: {targets_view.describe(wanted, 'id')}", exact=True)).to_be_visible(timeout=30_000)
    assert re.search(r"desil_max=4", page.url) and "conditions=unfit_house" in page.url and "kab=3527" in page.url
