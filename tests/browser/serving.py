"""Helpers the browser tests share: a free loopback port, waiting for a server's health check, whether a
request stays on this machine, waiting for a script run, and signing in."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from urllib.parse import urlparse

from regsosek import auth

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob"}
# The sign-out button of the sidebar, in either language: on every page of a signed-in session.
SIGNED_IN = ".st-key-shell_logout_button button"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


def is_local(url: str) -> bool:
    """A request that does not leave the machine (loopback, or data held by the page itself)."""
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or parsed.hostname in LOCAL_HOSTS


def record_requests(page) -> list[str]:
    """Every request and websocket URL the page opens from now on (the list fills as it goes)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    return requested


def wait_for_script(tab) -> None:
    """Until the page's script run has finished (Streamlit shows a running icon meanwhile)."""
    tab.wait_for_timeout(300)
    tab.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidgetRunningIcon'],"
        " [data-testid='stStatusWidgetRunningManIcon']\")")


def form_sign_in(tab, server: str, username: str, password: str) -> None:
    """Sign in through the form at the root address and wait for the sign-in cookie, so a new URL keeps the
    session; the role's first page is open."""
    tab.goto(server)
    tab.get_by_label("Nama pengguna").wait_for()
    wait_for_script(tab)  # a form filled during a rerun can be replaced, and the click lost
    tab.get_by_label("Nama pengguna").fill(username)
    tab.get_by_label("Kata sandi").fill(password)
    tab.get_by_role("button", name="Masuk").click()
    # Each role lands on its own first page; the sign-out button is on all of them.
    tab.get_by_role("button", name="Keluar", exact=True).first.wait_for()  # a rerun may briefly show two
    deadline = time.monotonic() + 15
    while not any(c["name"] == auth.COOKIE_NAME for c in tab.context.cookies()):
        assert time.monotonic() < deadline, "no sign-in cookie"
        tab.wait_for_timeout(100)


def open_signed_in(tab, url: str) -> None:
    """Open a page with a sign-in cookie and wait until the cookie has been read: the first run of a new
    page is signed out (the cookie is read by a component), so wait for the sign-out button.
    The page then draws in its own time: wait for what the test reads."""
    tab.goto(url)
    tab.locator(SIGNED_IN).first.wait_for()
