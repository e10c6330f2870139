"""Two app servers on one app database (the deployment with several processes behind one address): a lockout
made on one holds on the other, and a sign-out on one ends the same sign-in open on the other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from regsosek import auth
from tests.browser.serving import free_port, wait_for_script, wait_healthy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_servers(tmp_path_factory, published_data_dir) -> Iterator[tuple[str, str]]:
    """Two freshly started servers sharing one data folder (its SQLite app database and warehouse) and one
    working directory (the same secrets, as every process of a deployment must have)."""
    data_dir = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(published_data_dir, data_dir)
    workdir = tmp_path_factory.mktemp("shared_cwd")
    shutil.copytree(ROOT / ".streamlit", workdir / ".streamlit", ignore=shutil.ignore_patterns("secrets.toml"))
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    # The secrets exist before either server starts, so the two do not each create their own.
    subprocess.run([sys.executable, "-c", "from regsosek import audit, auth; auth.cookie_key(); audit._key()"],
                   env=env, cwd=workdir, check=True)
    procs, urls = [], []
    for name in ("a", "b"):
        port = free_port()
        log = (workdir / f"streamlit_{name}.log").open("w")
        procs.append((subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT), log))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, (proc, _) in zip(urls, procs):
            wait_healthy(url, proc, timeout=60.0)
        yield urls[0], urls[1]
    finally:
        for proc, log in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


def _login(tab, username: str, password: str) -> None:
    tab.get_by_label("Nama pengguna").wait_for()
    wait_for_script(tab)
    tab.get_by_label("Nama pengguna").fill(username)
    tab.get_by_label("Kata sandi").fill(password)
    tab.get_by_role("button", name="Masuk").click()


def _a_lockout_made_on_one_server_holds_on_the_other(first: str, second: str, browser) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(first)
    for i in range(auth.MAX_FAILURES):
        _login(tab, "bps_jatim", f"wrong-password-{i}")
        tab.get_by_text("Nama pengguna atau kata sandi salah." if i < auth.MAX_FAILURES - 1
                        else "Terlalu banyak percobaan gagal").first.wait_for()
    other = browser.new_context().new_page()
    other.set_default_timeout(30_000)
    other.goto(second)
    _login(other, "bps_jatim", "bps-jatim-22")  # the right password, on the other server
    other.get_by_text("Terlalu banyak percobaan gagal").wait_for()
    assert other.get_by_role("heading", name="Beranda").count() == 0
    other.context.close()
    context.close()


def _a_sign_out_on_one_server_ends_the_sign_in_open_on_the_other(first: str, second: str, browser) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(first)
    _login(tab, "gubernur", "gubernur-jatim-22")
    tab.get_by_role("button", name="Keluar", exact=True).first.wait_for()  # the role's own first page
    deadline = time.monotonic() + 15
    while not any(c["name"] == auth.COOKIE_NAME for c in context.cookies()):
        assert time.monotonic() < deadline, "no sign-in cookie"
        tab.wait_for_timeout(100)

    elsewhere = context.new_page()  # the same browser on the other server: its cookie names the same sign-in
    elsewhere.set_default_timeout(30_000)
    elsewhere.goto(f"{second}/coverage")
    elsewhere.get_by_role("heading", name="Cakupan pendataan").wait_for()

    wait_for_script(tab)
    tab.get_by_role("button", name="Keluar", exact=True).click()
    tab.get_by_label("Kata sandi").first.wait_for()
    wait_for_script(elsewhere)
    elsewhere.locator("[data-testid='stSidebar']").get_by_text("Beranda").click()  # its next step
    elsewhere.get_by_text("Sesi Anda telah berakhir").wait_for()
    assert elsewhere.get_by_role("heading", name="Beranda").count() == 0
    context.close()


def test_a_lockout_and_a_sign_out_made_on_one_server_hold_on_the_other(two_servers, browser):
    """Both on one pair of servers (starting a pair is the slow part): the lockout is of one user, the
    sign-out of another."""
    first, second = two_servers
    _a_lockout_made_on_one_server_holds_on_the_other(first, second, browser)
    _a_sign_out_on_one_server_ends_the_sign_in_open_on_the_other(first, second, browser)
