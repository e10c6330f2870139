"""Screenshots of every page each demo user may open, at desktop and phone size, with one command.

    python bench/screens.py                          # the project's data (run `python -m regsosek demo` first)
    python bench/screens.py --data /tmp/demo-data --out bench/screens --users gubernur csr_madura
    python bench/screens.py --lang en --pages help overview --sizes phone   # some screens, in English

Starts `streamlit run app.py` on a free port over the data directory, signs each demo user in
through the form in Debian's chromium (Playwright, launched by executable path), opens each page
the user's role may open at 1440x900 and at 390x844 (a phone), and writes one full-page PNG per
page and size: <out>/<user>/<page>_<width>.png, and an index.html showing all of them, so a
reviewer can look through every screen in a minute. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from regsosek import access, users  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
# The demo users (README) and their published demo passwords.
DEMO_PASSWORDS = {
    "gubernur": "gubernur-jatim-22", "bps_jatim": "bps-jatim-22", "bps_surabaya": "bps-surabaya-22",
    "bps_sampang": "bps-sampang-22", "csr_madura": "csr-madura-22", "csr_timur": "csr-timur-22",
    "admin": "admin-regsosek-22",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(data_dir: Path, workdir: Path) -> tuple[subprocess.Popen, str]:
    shutil.copytree(ROOT / ".streamlit", workdir / ".streamlit", ignore=shutil.ignore_patterns("secrets.toml"),
                    dirs_exist_ok=True)
    port = _free_port()
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    log = (workdir / "streamlit.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                             str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
                            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"streamlit exited with {proc.returncode}; see {workdir / 'streamlit.log'}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("streamlit did not become healthy in 60 s")


def _settle(tab) -> None:
    """Until the script run has finished and the page has drawn (charts, tables)."""
    tab.wait_for_timeout(500)
    tab.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidgetRunningIcon'],"
                          " [data-testid='stStatusWidgetRunningManIcon']\")", timeout=60_000)
    tab.wait_for_timeout(1_500)


def _sign_in(tab, url: str, username: str, password: str) -> None:
    tab.goto(url)
    tab.get_by_label("Nama pengguna").wait_for()
    _settle(tab)
    tab.get_by_label("Nama pengguna").fill(username)
    tab.get_by_label("Kata sandi").fill(password)
    tab.get_by_role("button", name="Masuk").click()
    # By its widget key: a role-name match for "Keluar" also finds buttons such as "Keluarga ..." on a landing page.
    tab.locator(".st-key-shell_logout_button button").wait_for()
    deadline = time.monotonic() + 15
    while not any(c["name"] == "regsosek_auth" for c in tab.context.cookies()):
        if time.monotonic() > deadline:
            raise SystemExit(f"{username}: no sign-in cookie")
        tab.wait_for_timeout(100)


def shoot(url: str, out: Path, usernames: list[str], *, lang: str = "id", pages: list[str] | None = None,
          sizes: list[str] | None = None) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for username in usernames:
            row = users.get_user(username)
            if row is None:
                print(f"{username}: no such user in this data directory, skipped")
                continue
            for size, (width, height) in SIZES.items():
                if sizes and size not in sizes:
                    continue
                context = browser.new_context(viewport={"width": width, "height": height},
                                              is_mobile=size == "phone", has_touch=size == "phone")
                tab = context.new_page()
                tab.set_default_timeout(60_000)
                try:
                    _sign_in(tab, url, username, DEMO_PASSWORDS[username])
                except (SystemExit, PlaywrightError) as problem:  # a busy machine: try once more
                    print(f"{username}: sign-in again ({problem})")
                    _sign_in(tab, url, username, DEMO_PASSWORDS[username])
                for page_id in access.allowed_pages(row.role):
                    if pages and page_id not in pages:
                        continue
                    tab.goto(f"{url}/{page_id}?lang={lang}")
                    _settle(tab)
                    path = out / username / f"{page_id}_{width}{'' if lang == 'id' else '_' + lang}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    # The page scrolls inside Streamlit's main container, not the document: grow the
                    # window to the container's height so one image holds the whole page.
                    tall = tab.evaluate("() => Math.max(...[...document.querySelectorAll("
                                        "\"[data-testid='stMain'], [data-testid='stMain'] *\")].map("
                                        "(e) => e.scrollHeight))")
                    tab.set_viewport_size({"width": width, "height": max(height, min(int(tall or 0), 12_000))})
                    tab.wait_for_timeout(1_000)
                    tab.screenshot(path=str(path), full_page=True)
                    tab.set_viewport_size({"width": width, "height": height})
                    written.append(path)
                    print(f"{path.relative_to(out)}")
                context.close()
        browser.close()
    return written


def write_index(out: Path, written: list[Path]) -> Path:
    rows = []
    for path in written:
        name = html.escape(str(path.relative_to(out)))
        rows.append(f'<figure><figcaption>{name}</figcaption><a href="{name}"><img src="{name}" loading="lazy">'
                    f"</a></figure>")
    index = out / "index.html"
    index.write_text("<!doctype html><meta charset=utf-8><title>Regsosek screens</title>"
                     "<style>body{font-family:sans-serif}figure{display:inline-block;vertical-align:top;"
                     "margin:8px}img{max-width:360px;max-height:600px;border:1px solid #ccc}</style>"
                     + "".join(rows), encoding="utf-8")
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="data directory (default: REGSOSEK_DATA_DIR or data/)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "screens")
    parser.add_argument("--users", nargs="+", default=list(DEMO_PASSWORDS), choices=list(DEMO_PASSWORDS))
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="the pages' language (default id)")
    parser.add_argument("--pages", nargs="+", help="only these page ids (default: every page the user may open)")
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), help="only these sizes (default: both)")
    args = parser.parse_args()
    if args.data is not None:
        os.environ["REGSOSEK_DATA_DIR"] = str(args.data.resolve())
    from regsosek import paths

    data_dir = paths.data_dir()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} missing (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="regsosek-screens-") as workdir:
        proc, url = _start_server(data_dir, Path(workdir))
        try:
            written = shoot(url, args.out.resolve(), args.users, lang=args.lang, pages=args.pages,
                            sizes=args.sizes)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"{len(written)} screenshots; open {write_index(args.out.resolve(), written)}")


if __name__ == "__main__":
    main()
