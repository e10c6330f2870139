"""Sign-in and role checks as a user meets them, in Chromium against a real server."""

from __future__ import annotations

import time

import pytest

from regsosek import auth

pytestmark = pytest.mark.browser

LOGIN_BUTTON = "Masuk"


def login(page, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name=LOGIN_BUTTON).click()


def test_fresh_server_deep_link_shows_only_the_login_form(server, page):
    # The very first request to this server: Streamlit runs pages/coverage.py without app.py.
    page.goto(f"{server}/coverage")
    page.get_by_label("Kata sandi").first.wait_for()  # the old run's form may linger while the new one draws
    assert page.get_by_role("heading", name="Cakupan pendataan").count() == 0
    assert page.get_by_role("heading", name="Regsosek Jawa Timur").is_visible()
    assert "Cakupan pendataan" not in page.locator("[data-testid='stMain']").inner_text()


def wait_for_auth_cookie(page, timeout_s: float = 15.0) -> None:
    """The sign-in cookie is written by a component after the page is drawn; a new tab needs it."""
    deadline = time.monotonic() + timeout_s
    while not any(c["name"] == auth.COOKIE_NAME for c in page.context.cookies()):
        assert time.monotonic() < deadline, "no sign-in cookie"
        page.wait_for_timeout(100)


def test_wrong_password_and_unknown_user_get_the_same_message(server, page):
    page.goto(server)
    login(page, "gubernur", "not-the-password")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    login(page, "nobody_here", "not-the-password")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    assert page.get_by_role("heading", name="Beranda").count() == 0


def test_gubernur_is_refused_the_officers_page_and_can_log_out(server, page, wait_idle):
    page.goto(server)
    login(page, "gubernur", "gubernur-jatim-22")
    page.get_by_role("heading", name="Beranda").wait_for()
    wait_for_auth_cookie(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Kinerja petugas").count() == 0  # not in the menu

    page.goto(f"{server}/officers")  # a new session, signed in again by the cookie
    page.get_by_text("Akses ditolak").wait_for()
    assert page.get_by_role("heading", name="Kinerja petugas").count() == 0

    wait_idle()
    page.get_by_role("button", name="Keluar").click()
    page.get_by_label("Kata sandi").first.wait_for()  # the old run's form may linger while the new one draws
    page.goto(f"{server}/coverage")  # the cookie is gone too
    page.get_by_label("Kata sandi").first.wait_for()  # the old run's form may linger while the new one draws
    assert page.get_by_role("heading", name="Cakupan pendataan").count() == 0
