"""Readable at a glance, in a real browser: each role's first screen, the language's figures, no raw
names or missing-value markers, the as-of date in a phone screenshot, and a link that restores the
snapshot and the language."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from regsosek import access, i18n
from tests.browser.serving import form_sign_in, open_signed_in, wait_for_script

pytestmark = pytest.mark.browser


@pytest.fixture
def server(shared_server):
    """These tests only read pages: one server for the session (each test has its own browser context)."""
    return shared_server

USERS = {
    "gubernur": ("gubernur-jatim-22", "gubernur", "Ringkasan"),
    "bps_jatim": ("bps-jatim-22", "bps_provinsi", "Ringkasan"),
    "bps_sampang": ("bps-sampang-22", "bps_kabkota", "Ringkasan"),
    "csr_madura": ("csr-madura-22", "mitra_csr", "Daftar sasaran"),
    "admin": ("admin-regsosek-22", "admin", "Administrasi"),
}
# Markers of a value that is not there, and snake_case names of columns or codes (e.g. jumlah_art, pbi_jk).
MISSING = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
# The snake_case words the shell may show as such: none today.
ALLOWED_SNAKE: set[str] = set()


def _idle(tab) -> None:
    wait_for_script(tab)


def _sign_in(tab, server: str, username: str) -> None:
    """Sign in through the form at the root address; the role's first page opens."""
    form_sign_in(tab, server, username, USERS[username][0])


def _main_text(tab, where: str = "stMain") -> str:
    """The text a reader sees in a region; icons drawn from the icon font (their ligature names) left out."""
    return tab.evaluate("""(where) => {
        const region = document.querySelector(`[data-testid='${where}']`).cloneNode(true);
        region.querySelectorAll("[data-testid='stIconMaterial']").forEach((icon) => icon.remove());
        document.body.appendChild(region);
        const text = region.innerText;
        region.remove();
        return text;
    }""", where)


@pytest.mark.parametrize("username", list(USERS))
def test_each_role_lands_on_its_page_with_home_still_in_the_menu(server, page, username):
    landing = USERS[username][2]
    _sign_in(page, server, username)
    expect(page.get_by_role("heading", name=landing, exact=True).first).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Beranda").click()
    expect(page.get_by_role("heading", name="Beranda", exact=True).first).to_be_visible(timeout=30_000)
    # Beranda's own address, reloaded, and /home (its address in older links) open Beranda with no
    # "Page not found" dialog, whose overlay left every link under it unclickable; the menu still works.
    assert urlparse(page.url).path == "/"
    for address in (page.url, f"{server}/home"):
        page.goto(address)
        expect(page.get_by_role("heading", name="Beranda", exact=True).first).to_be_visible(timeout=30_000)
        _idle(page)
        expect(page.get_by_role("dialog")).to_have_count(0)
        assert urlparse(page.url).path == "/"
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=landing, exact=True).click(timeout=10_000)
    expect(page.get_by_role("heading", name=landing, exact=True).first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("lang,group,decimal,as_of", [("id", ".", ",", "Data per"), ("en", ",", ".", "Data as of")])
def test_ringkasan_reads_in_the_chosen_language(server, page, signed_in, lang, group, decimal, as_of):
    signed_in("bps_jatim")
    open_signed_in(page, f"{server}/overview?lang={lang}")
    _idle(page)
    values = page.locator("[data-testid='stMetricValue']")
    values.first.wait_for()
    texts = values.all_inner_texts()
    big = [v for v in texts if re.fullmatch(r"\d{1,3}([.,]\d{3})+", v)]
    assert big and all(group in v for v in big), texts
    percents = [v for v in texts if v.endswith("%")]
    assert percents and all(re.fullmatch(rf"\d+\{decimal}\d%", v) for v in percents), percents
    body = _main_text(page)
    assert re.search(rf"{as_of} \d{{1,2}} \w{{3}} 2022", body)


# One test per role and page it may open, so the workers share the pages out.
EVERY_PAGE = [(username, page_id) for username in ("gubernur", "bps_jatim", "csr_madura", "admin")
              for page_id in access.allowed_pages(USERS[username][1])]


@pytest.fixture(scope="module")
def reading_tab(role_context, shared_server):
    """One signed-in tab per role (for this module and worker), moved from page to page through the menu as a
    reader does: each page is one script run in an open session, not a new browser context loading the app."""
    tabs: dict[str, object] = {}

    def _tab(username: str):
        if username not in tabs:
            tabs[username] = role_context(username).new_page()
            tabs[username].set_default_timeout(30_000)
            open_signed_in(tabs[username], shared_server)
        return tabs[username]

    return _tab


@pytest.mark.parametrize(("username", "page_id"), EVERY_PAGE)
def test_no_missing_value_marker_or_raw_name_on_any_page(reading_tab, username, page_id):
    tab = reading_tab(username)
    title = i18n.t(f"page_{page_id}_title", "id")
    _idle(tab)  # a click during a rerun can land on a replaced link
    tab.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
    tab.locator("[data-testid='stMain'] h1").filter(has_text=re.compile(rf"^{re.escape(title)}$")).first.wait_for()
    _idle(tab)
    text = _main_text(tab) + "\n" + _main_text(tab, "stSidebar")
    for _ in range(8):  # until the page has stopped changing: read it again a second after each change
        tab.wait_for_timeout(1_000)
        _idle(tab)
        seen, text = text, _main_text(tab) + "\n" + _main_text(tab, "stSidebar")
        if text == seen:
            break
    bad = MISSING.findall(text) + [w for w in SNAKE.findall(text) if w not in ALLOWED_SNAKE]
    assert not bad, sorted(set(bad))


@pytest.mark.parametrize("username", ["gubernur", "csr_madura"])
def test_the_as_of_date_is_in_the_first_phone_screen(server, browser, sign_in_cookies, username):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_cookies(sign_in_cookies(server, username))
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        open_signed_in(tab, server)  # the role's first page
        status = tab.locator("[data-testid='stMain']").get_by_text(re.compile(r"Data per \d{1,2} \w{3} 2022"))
        # Wholly inside the first 390 x 844 screen, unscrolled; retried while a rerun redraws the line.
        expect(status.first).to_be_in_viewport(ratio=1)
        expect(status.first).to_contain_text("demo berskala")
    finally:
        context.close()


def _publish_earlier(data_dir) -> str:
    """Publish a second, earlier snapshot beside the live one; returns its id."""
    script = ("import sys\nfrom datetime import date\nfrom regsosek import ingest, paths\n"
              "from regsosek.synth.generate import generate\n"
              "folder = generate(paths.snapshots_dir(), 0.004, 7, [date(2022, 11, 1)])[0]\n"
              "report = ingest.ingest(folder)\nsys.exit(0 if report.ok else report.as_text('en'))\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=root)
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=root)
    [earlier] = [p.name for p in (data_dir / "warehouse" / "snapshots").iterdir() if p.name.startswith("2022-11-01")]
    return earlier


def test_a_link_with_snapshot_and_language_restores_both(fresh_server, page, browser):
    server = fresh_server  # it publishes another snapshot: not on the shared server
    earlier = _publish_earlier(server.data_dir)
    _sign_in(page, server, "bps_jatim")
    page.goto(f"{server}/coverage?kab=3527")
    page.wait_for_url(re.compile(r"lang=id"))
    page.wait_for_url(re.compile(r"snapshot="))
    assert f"snapshot={earlier}" not in page.url

    link = f"{server}/coverage?kab=3527&snapshot={earlier}&lang=en"
    other = browser.new_context()
    other.add_cookies(page.context.cookies())  # the same user in another browser, signed in
    tab = other.new_page()
    tab.set_default_timeout(30_000)
    try:
        tab.goto(link)
        expect(tab.get_by_role("heading", name="Enumeration coverage").first).to_be_visible()
        expect(tab.locator("[data-testid='stMain']").get_by_text("Data as of 1 Nov 2022").first).to_be_visible()
        tab.wait_for_url(re.compile(r"lang=en"))
        assert f"snapshot={earlier}" in tab.url and "kab=3527" in tab.url
        tab.get_by_role("button", name="Share").click()
        shared = tab.locator("[data-testid='stCode']").inner_text()
        assert f"snapshot={earlier}" in shared and "lang=en" in shared and "kab=3527" in shared
    finally:
        other.close()
