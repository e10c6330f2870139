"""A real `streamlit run app.py` on a free port and a real Chromium driving it.

The server gets its own data directory with the demo users already written and
its own working directory for the generated cookie secret; it shares the
project's .streamlit/config.toml through a copy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from regsosek import users
from tests.browser.serving import form_sign_in, free_port, wait_for_script, wait_healthy
from tests.building import shared_build

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
PASSWORDS = {user.username: user.password for user in users.DEMO_USERS}
# A busy machine can take more than the default 5 s to draw a page: assertions wait as long as locators do.
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_PUBLISH_SMALL_SNAPSHOT = """
import sys
from datetime import date
from pathlib import Path
from regsosek import ingest, paths, users
from regsosek.synth.generate import generate
users.ensure_demo_users()
folder = generate(paths.snapshots_dir(), 0.004, 7, [date(2022, 11, 8)])[0]
report = ingest.ingest(folder)
sys.exit(0 if report.ok else report.as_text("en"))
"""


def _publish_small_snapshot(data_dir: Path) -> None:
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", _PUBLISH_SMALL_SNAPSHOT], env=env, check=True, cwd=ROOT)


@pytest.fixture(scope="session")
def published_data_dir(tmp_path_factory) -> Path:
    """A data directory with the demo users and one small published snapshot, built once per run for all
    workers (`shared_build`). Only copied: each server gets its own copy (`_started_server`)."""
    return shared_build(tmp_path_factory, "browser-published", _publish_small_snapshot)


class Server(str):
    """The base URL of a running server, with the data directory it serves and its working directory."""

    data_dir: Path
    workdir: Path


@contextlib.contextmanager
def _started_server(tmp_path_factory, published_data_dir) -> Iterator[Server]:
    """A freshly started server (no session has run app.py yet) on its own copy of the published data."""
    data_dir = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(published_data_dir, data_dir)
    workdir = tmp_path_factory.mktemp("cwd")
    shutil.copytree(ROOT / ".streamlit", workdir / ".streamlit",
                    ignore=shutil.ignore_patterns("secrets.toml"))
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    log = (workdir / "streamlit.log").open("w")
    # Tests run in parallel workers: another server can take a free port between the check and the bind,
    # and streamlit then exits; try another port.
    for attempt in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        url = Server(f"http://127.0.0.1:{port}")
        try:
            wait_healthy(url, proc)
            break
        except RuntimeError:
            if attempt == 2:
                log.close()
                raise
    url.data_dir = data_dir
    url.workdir = workdir
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def server(tmp_path_factory, published_data_dir) -> Iterator[Server]:
    """A freshly started server (no session has run app.py yet) on its own copy of the
    published data; yields its base URL."""
    with _started_server(tmp_path_factory, published_data_dir) as url:
        yield url


@pytest.fixture
def fresh_server(tmp_path_factory, published_data_dir) -> Iterator[Server]:
    """`server` under another name, for a test in a module whose `server` is the shared one."""
    with _started_server(tmp_path_factory, published_data_dir) as url:
        yield url


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory, published_data_dir) -> Iterator[Server]:
    """One server for the tests that only read pages and need no fresh server: each test still has its
    own browser context (no shared cookie or session). A module opts in by overriding `server` with it."""
    with _started_server(tmp_path_factory, published_data_dir) as url:
        yield url


@pytest.fixture(scope="session")
def writing_server(tmp_path_factory, published_data_dir) -> Iterator[Server]:
    """One server for the tests that write into its app database, each something no other test reads back:
    a regency head's follow-up tasks and downloaded brief, a partner's help records, accepted terms and
    download, failed and ended sign-ins. The read-only tests stay on `shared_server`, where nothing changes
    under them. A module opts in by overriding `server` with it."""
    with _started_server(tmp_path_factory, published_data_dir) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def role_context(browser, shared_server, sign_in_cookies):
    """A browser context per role on the shared server, signed in with the role's cookie, kept for the module
    (and worker): its tabs share the app's scripts from the context's cache. For tests that only read pages."""
    contexts: dict[str, object] = {}

    def _context(username: str):
        if username not in contexts:
            contexts[username] = browser.new_context()
            contexts[username].add_cookies(sign_in_cookies(shared_server, username))
        return contexts[username]

    yield _context
    for context in contexts.values():
        context.close()


@pytest.fixture
def sign_in(page, server):
    """Sign in through the form (for the tests about signing in, signing out and what the form does)."""

    def _sign_in(username: str, password: str) -> None:
        form_sign_in(page, server, username, password)

    return _sign_in


@pytest.fixture(scope="session")
def sign_in_cookies(browser):
    """Each demo user's sign-in cookie on a server, got once per server and worker through the real form.

    A sign-in is kept on the server until its sign-out, and every tab its cookie opens shares it, so the
    tests that neither sign out nor change a password reuse one sign-in per role instead of each filling
    the form and loading the role's first page again."""
    from regsosek import auth

    made: dict[tuple[str, str], list[dict]] = {}

    def _cookies(server: str, username: str) -> list[dict]:
        key = (str(server), username)
        if key not in made:
            context = browser.new_context()
            tab = context.new_page()
            tab.set_default_timeout(30_000)
            form_sign_in(tab, server, username, PASSWORDS[username])
            made[key] = [c for c in context.cookies() if c["name"] == auth.COOKIE_NAME]
            context.close()
        return made[key]

    return _cookies


@pytest.fixture
def signed_in(page, server, sign_in_cookies):
    """Give this test's browser context a user's sign-in cookie (see `sign_in_cookies`): the next page opened
    is signed in as that user. For tests that are not about signing in."""

    def _signed_in(username: str, tab=None) -> None:
        (tab or page).context.add_cookies(sign_in_cookies(server, username))

    return _signed_in


@pytest.fixture
def wait_idle(page):
    """Wait until the script run has finished: a click during a rerun can land on a replaced element."""

    def _wait_idle(tab=None) -> None:
        wait_for_script(tab or page)  # another tab of the same browser, when given

    return _wait_idle
