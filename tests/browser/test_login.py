"""Sign-in and role checks as a user meets them, in Chromium against a real server."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import jwt
import pytest

from regsosek import auth
from tests.browser.serving import form_sign_in, wait_for_script

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

LOGIN_BUTTON = "Masuk"


@pytest.fixture
def server(writing_server):
    """One server for the module's sign-ins, failures and sign-outs (see `writing_server`); a test that needs a
    server nobody has opened yet, or changes a password, takes `fresh_server`."""
    return writing_server


def login(page, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna").wait_for()
    wait_for_script(page)  # a form filled during a rerun can be replaced, and the click lost
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name=LOGIN_BUTTON).click()


def test_fresh_server_deep_link_shows_only_the_login_form(fresh_server, page):
    server = fresh_server
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
    page.get_by_role("heading", name="Ringkasan").first.wait_for()  # the Governor's office lands on Ringkasan
    wait_for_auth_cookie(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Kinerja petugas").count() == 0  # not in the menu

    page.goto(f"{server}/officers")  # a new session, signed in again by the cookie
    page.get_by_text("Akses ditolak").wait_for()
    assert page.get_by_role("heading", name="Kinerja petugas").count() == 0

    wait_idle()
    page.get_by_role("button", name="Keluar", exact=True).click()
    page.get_by_label("Kata sandi").first.wait_for()  # the old run's form may linger while the new one draws
    page.goto(f"{server}/coverage")  # the cookie is gone too
    page.get_by_label("Kata sandi").first.wait_for()  # the old run's form may linger while the new one draws
    assert page.get_by_role("heading", name="Cakupan pendataan").count() == 0


def _jwt_alg_none() -> str:
    def b64(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({'username': 'admin', 'exp_date': time.time() + 3600})}."


def _server_key(server) -> str:
    return tomllib.loads((server.workdir / ".streamlit" / "secrets.toml").read_text())["auth"]["cookie_key"]


def test_crafted_cookies_leave_the_sign_in_form_working(server, browser):
    """Issue 16 #10: a cookie with alg=none blocked sign-in with an uncaught error page."""
    crafted = {  # in this order: the first page view makes the server write its own key
        "alg_none": _jwt_alg_none,
        "garbage": lambda: "not-a-token",
        "wrong_key": lambda: jwt.encode({"username": "admin", "exp_date": time.time() + 3600}, "x" * 48,
                                        algorithm="HS256"),
        "signed_but_never_recorded": lambda: jwt.encode({"username": "admin", "exp_date": time.time() + 3600},
                                                        _server_key(server), algorithm="HS256"),
        "expired": lambda: jwt.encode({"username": "admin", "exp_date": time.time() - 60}, _server_key(server),
                                      algorithm="HS256"),
    }
    for name, make in crafted.items():
        value = make()
        context = browser.new_context()
        context.add_cookies([{"name": auth.COOKIE_NAME, "value": value, "url": server}])
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(f"{server}/overview")
        tab.get_by_label("Kata sandi").first.wait_for()
        assert tab.locator("[data-testid='stException']").count() == 0, name
        assert tab.get_by_role("heading", name="Ringkasan").count() == 0, name
        if name == "expired":  # and the form still signs in
            login(tab, "gubernur", "gubernur-jatim-22")
            tab.get_by_role("heading", name="Ringkasan").first.wait_for()
        context.close()


def test_the_cookie_is_the_sign_in_librarys_jwt_and_a_reload_stays_signed_in(server, page, sign_in):
    sign_in("bps_jatim", "bps-jatim-22")
    cookie = next(c for c in page.context.cookies() if c["name"] == auth.COOKIE_NAME)
    assert cookie["sameSite"] == "Strict"
    payload = jwt.decode(cookie["value"], _server_key(server), algorithms=["HS256"])
    assert payload["username"] == "bps_jatim"
    assert abs(payload["exp_date"] - (time.time() + auth.COOKIE_EXPIRY_DAYS * 86_400)) < 120
    page.reload()
    page.get_by_role("button", name="Keluar", exact=True).wait_for()
    assert page.get_by_label("Kata sandi").count() == 0


def test_sign_out_and_password_change_end_every_open_tab_and_old_cookie(fresh_server, page, wait_idle):
    """Issue 16 #9: open sessions kept working after sign-out; a cookie from before `user passwd` still signed in."""
    server = fresh_server  # it changes a password: on a server of its own

    def sign_in(username: str, password: str) -> None:
        form_sign_in(page, server, username, password)

    sign_in("gubernur", "gubernur-jatim-22")
    second = page.context.new_page()
    second.set_default_timeout(30_000)
    second.goto(f"{server}/coverage")  # a second tab, signed in by the cookie
    second.get_by_role("heading", name="Cakupan pendataan").wait_for()

    wait_idle()
    page.get_by_role("button", name="Keluar", exact=True).click()
    page.get_by_label("Kata sandi").first.wait_for()
    wait_idle(second)
    second.locator("[data-testid='stSidebar']").get_by_text("Beranda").click()  # the open tab's next step
    second.get_by_text("Sesi Anda telah berakhir").wait_for()
    assert second.get_by_role("heading", name="Beranda").count() == 0

    sign_in("gubernur", "gubernur-jatim-22")
    old_cookie = next(c for c in page.context.cookies() if c["name"] == auth.COOKIE_NAME)
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(server.data_dir), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "regsosek", "user", "passwd", "gubernur", "--password-stdin"],
                   input="a-new-password-22\n", text=True, env=env, check=True, cwd=ROOT)
    other = page.context.browser.new_context()
    other.add_cookies([old_cookie])
    stolen = other.new_page()
    stolen.set_default_timeout(30_000)
    stolen.goto(f"{server}/coverage")
    stolen.get_by_label("Kata sandi").first.wait_for()
    assert stolen.get_by_role("heading", name="Cakupan pendataan").count() == 0
    other.close()
    wait_idle()
    page.locator("[data-testid='stSidebar']").get_by_text("Cakupan pendataan").click()
    page.get_by_text("Sesi Anda telah berakhir").wait_for()
