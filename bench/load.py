"""Many users at once: signed-in sessions in one headless Chromium moving through their pages.

    python bench/load.py [--sessions 5] [--minutes 1] [--ramp 60] [--think 5 20] [--reload-share 0.25]
    python bench/load.py --url http://127.0.0.1:8080 --pid 1234 --pid 1235   # a running setup

Without --url it starts its own `streamlit run app.py` on a loopback port over a copy of the demo
data (built once with `python -m regsosek demo` into --demo-cache when missing). Sessions are
browser contexts of one Chromium (/usr/bin/chromium, launched by path), with a mix of roles:
the governor's office, BPS province, BPS kab/kota heads browsing their monitoring pages, and CSR
partners applying a preset to their target list and downloading it. Sessions start evenly over
the first --ramp seconds (people arrive at their desks one after another, not 20 in one second).
Each waits 5-20 s between actions (think time): an official reads a headline, two or three figures
and glances at a table or chart before moving on; 5 s is a quick look, 20 s a read. That is still
busier than a real morning (minutes per page), so the load errs on the heavy side; `--think 2 5`
gives the old stress mix. Some moves are full reloads (a new Streamlit session: websocket, sign-in
cookie read, first script run), the others menu clicks (one script run in the open session).

Time to a settled page: from the click or the navigation to the last websocket message the server
sent for it (settled: messages came and then none for 0.3 s, the app's `data-test-script-state`
is notRunning and the page's heading is shown). Where the time goes, per page view: "wait" from
the action to the server's first message (for a reload: the HTML and scripts, the websocket, the new
session; under load also the queue for the CPU), "server" from the first message to the last (the
script run and sending its elements), "browser" from the last message until the page reads as drawn
(its run state and heading). Server CPU and RSS are read from /proc for the server's process ids,
and the browser's CPU (Chromium and its driver: every other process under this one) the same way.

After the mixed run, one quiet session measures a full reload against a menu click (wall time, server
and browser CPU seconds each). The browser's CPU is split by Chromium process kind (page renderers; the GPU
process, which composites and, without a GPU, runs WebGL in software; the rest), and each page view's own
renderer CPU is read from Chromium (CDP) and summed per kind of move.

    python bench/load.py --sessions 0 --moves 3 --idle-sessions 20   # where the browser's CPU goes

`--moves N` then signs in, clicks to and reloads every page N times, one move at a time with the browser
quiet before each, and prints the browser and server CPU of each move per page (signing in, menu click,
reload, building and downloading a list), and what each page costs while it is read with nobody moving.
`--idle-sessions K` leaves K signed-in tabs open on their pages for --idle-seconds and prints the browser's
CPU meanwhile (anything animating or polling shows here). Prints per page p50/p95, errors, server RSS and
CPU, CPU seconds per page view and the page views per second one core sustains. Sends traffic only to the
loopback server (the browser aborts every other request) and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
TICKS = os.sysconf("SC_CLK_TCK")
USER = contextvars.ContextVar("user", default="-")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
ACTION_TIMEOUT_MS = 30_000

# Page headings (regsosek/i18n.py, Bahasa Indonesia).
TITLES = {
    "home": "Beranda", "overview": "Ringkasan", "coverage": "Cakupan pendataan", "progress": "Kemajuan harian",
    "officers": "Kinerja petugas", "map": "Peta", "quality": "Kualitas data", "targets": "Daftar sasaran",
    "mistargeting": "Salah sasaran",
}
MONITORING = ("overview", "coverage", "progress", "map", "mistargeting")
PRESETS = ("Anak tidak sekolah, desil 1-4", "Rumah tidak layak huni, desil 1-4",
           "Punya usaha rumah tangga, desil 3-6")


@dataclass(frozen=True)
class Profile:
    username: str
    password: str
    pages: tuple[str, ...]
    builds_lists: bool = False


# The demo accounts (README); sessions take them in this order, round robin.
PROFILES = (
    Profile("gubernur", "gubernur-jatim-22", ("home", *MONITORING)),
    Profile("bps_jatim", "bps-jatim-22", ("home", *MONITORING, "officers", "quality", "targets")),
    Profile("bps_surabaya", "bps-surabaya-22", ("home", *MONITORING, "officers", "quality", "targets")),
    Profile("csr_madura", "csr-madura-22", ("home", "targets"), builds_lists=True),
    Profile("bps_sampang", "bps-sampang-22", ("home", *MONITORING, "officers", "quality")),
    Profile("csr_timur", "csr-timur-22", ("home", "targets"), builds_lists=True),
)

# A page is settled when the server's messages for the action have arrived (websocket frames, then
# none for QUIET_S), the app's script state is notRunning and the page's heading is shown. The DOM's
# run state alone misses runs under load: the browser can draw "running" and "notRunning" in one go.
QUIET_S = 0.3
READY = """
(title) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const titles = title === null ? null : [].concat(title);
  return !titles || [...document.querySelectorAll("h1")]
    .some(h => titles.some(t => h.textContent.trim().startsWith(t)));
}
"""


class Wire:
    """Counts the websocket messages a tab receives from the server, and when the last one came."""

    def __init__(self, page) -> None:
        self.frames = 0
        self.last = time.monotonic()
        self.times: list[float] = []  # when each frame came
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, _payload: object) -> None:
        self.frames += 1
        self.last = time.monotonic()
        self.times.append(self.last)

    def first_after(self, before: int) -> float:
        """When the first frame after the first `before` frames came."""
        return self.times[before] if 0 <= before < len(self.times) else self.last


WIRES: dict[int, Wire] = {}


def wire(page) -> Wire:
    return WIRES.setdefault(id(page), Wire(page))


class Renderer:
    """CPU seconds of one tab's renderer process, read from Chromium itself (CDP Performance.getMetrics).

    With many tabs at once the whole browser's CPU cannot be split by action from /proc; a tab's own
    renderer can. It leaves out the GPU process (compositing) and the browser process.
    """

    def __init__(self, cdp) -> None:
        self.cdp = cdp

    @classmethod
    async def attach(cls, page) -> Renderer:
        cdp = await page.context.new_cdp_session(page)
        await cdp.send("Performance.enable")
        renderer = cls(cdp)
        RENDERERS[id(page)] = renderer
        return renderer

    async def cpu(self) -> float | None:
        try:
            metrics = (await self.cdp.send("Performance.getMetrics"))["metrics"]
        except Exception:  # noqa: BLE001 - a tab between two documents: no figure for this action
            return None
        return next((m["value"] for m in metrics if m["name"] == "ProcessTime"), None)


RENDERERS: dict[int, Renderer] = {}


async def renderer_cpu(page) -> float | None:
    renderer = RENDERERS.get(id(page))
    return await renderer.cpu() if renderer is not None else None


@dataclass
class Stats:
    times: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    # Per page view: (wait for the first message, server first to last message, browser drawing), s.
    phases: dict[str, list[tuple[float, float, float]]] = field(default_factory=lambda: defaultdict(list))
    # Per page view: the CPU seconds of its tab's renderer from the action until the page settled.
    renderer: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    error_samples: list[str] = field(default_factory=list)
    lost_clicks: int = 0  # sign-in clicks the server did not answer within 20 s, clicked again

    def ok(self, kind: str, page: str, seconds: float) -> None:
        self.times[(kind, page)].append(seconds)

    def failed(self, kind: str, page: str, why: str) -> None:
        """Counts the error; the first two of each kind of move and page are kept to print (what went wrong)."""
        self.errors[(kind, page)] += 1
        if self.errors[(kind, page)] <= 2:
            # The head says what was waited for; the tail of a Playwright call log says why it never happened.
            short = why if len(why) <= 900 else f"{why[:300]} ... {why[-600:]}"
            self.error_samples.append(f"{USER.get()} {kind} {page}: {short}")

    @property
    def views(self) -> int:
        return sum(len(v) for v in self.times.values())


class ServerProbe:
    """CPU seconds and RSS of the server processes, from /proc; RSS sampled for the peak."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak_rss = 0

    def cpu(self) -> float:
        total = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICKS

    def rss(self) -> int:
        total = sum(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE for pid in self.pids)
        self.peak_rss = max(self.peak_rss, total)
        return total

    async def sample(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.rss()
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except TimeoutError:
                pass


class BrowserProbe:
    """CPU seconds of the browser side: every process under this one but the server's, sampled from /proc.

    A renderer that ends between two samples loses at most its last half second.
    """

    def __init__(self, exclude: list[int]) -> None:
        self.exclude = set(exclude)
        self.seen: dict[tuple[int, int], float] = {}  # (pid, start time) -> CPU s last read
        self.kinds: dict[tuple[int, int], str] = {}  # (pid, start time) -> process kind (process_kind)

    def _children(self) -> dict[int, list[int]]:
        tree: dict[int, list[int]] = defaultdict(list)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                tree[ppid].append(int(entry.name))
        return tree

    def read(self) -> float:
        tree, todo = self._children(), [os.getpid()]
        while todo:
            for pid in tree.get(todo.pop(), []):
                if pid in self.exclude:
                    continue
                todo.append(pid)
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                key = (pid, int(fields[19]))
                self.seen[key] = (int(fields[11]) + int(fields[12])) / TICKS
                if key not in self.kinds:
                    self.kinds[key] = process_kind(pid)
        return sum(self.seen.values())

    def by_kind(self) -> dict[str, float]:
        """CPU seconds so far per process kind: page renderers, the GPU process (compositing, WebGL), the rest."""
        self.read()
        totals: dict[str, float] = defaultdict(float)
        for key, seconds in self.seen.items():
            totals[self.kinds.get(key, "other")] += seconds
        return dict(totals)

    async def sample(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.read()
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except TimeoutError:
                pass


def process_kind(pid: int) -> str:
    """ "renderer" (a tab's pages), "gpu" (compositing and WebGL, in software here) or "other" (the browser
    process, network and storage services, the Playwright driver). Chromium rewrites its processes' argv,
    so the kind is read from the flags only each kind carries."""
    try:
        line = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return "other"
    if "--renderer-client-id" in line or "--type=renderer" in line:
        return "renderer"
    if "--gpu-preferences" in line or "--type=gpu-process" in line:
        return "gpu"
    return "other"


async def settle(page, before: int, title: str | list[str] | None) -> tuple[float, float]:
    """Wait until settled after an action that found `before` frames.

    Returns when its last frame came and when the page first read as drawn after that frame.
    """
    tab = wire(page)
    deadline = time.monotonic() + ACTION_TIMEOUT_MS / 1000
    drawn: tuple[int, float] | None = None  # (frames then, when) the page first read as drawn
    while time.monotonic() < deadline:
        if tab.frames > before:
            if drawn is None or drawn[0] != tab.frames:
                drawn = (tab.frames, time.monotonic()) if await page.evaluate(READY, title) else None
            if drawn is not None and drawn[0] == tab.frames and time.monotonic() - tab.last >= QUIET_S:
                if await page.locator("[data-testid='stException']").count():
                    raise RuntimeError("the page shows an exception")
                return tab.last, max(drawn[1], tab.last)
        await asyncio.sleep(0.05)
    raise TimeoutError(f"not settled within {ACTION_TIMEOUT_MS / 1000:.0f} s")


PAGE_STATE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const main = "[data-testid='stMain']";
    const all = (selector) => [...document.querySelectorAll(selector)];
    const cut = (text, n) => (text || "").slice(0, n);
    return [
        app?.getAttribute("data-test-script-state"), app?.getAttribute("data-test-connection-state"),
        all("h1").map((h) => h.textContent).join("|"), location.pathname,
        "sidebar collapsed=" + document.querySelector("[data-testid='stSidebar']")?.dataset.collapsed,
        "inert: " + all("[inert]").map((e) => `${e.tagName}#${e.id}.${e.dataset.testid || e.className}`).join(" "),
        "overlays: " + all("[role=dialog],[role=listbox],[role=menu],[role=tooltip],[data-react-aria-top-layer]")
            .map((e) => `${e.tagName}.${e.getAttribute("role")}:${cut(e.textContent, 60)}`).join(" | "),
        "alerts: " + all(`${main} [data-testid='stAlert']`).map((e) => cut(e.textContent, 80)).join(" | "),
        "inputs: " + all(`${main} input[type=text], ${main} input[type=checkbox]`)
            .map((e) => cut(e.getAttribute("aria-label"), 30) + "="
                + cut(String(e.type == "checkbox" ? e.checked : e.value), 30))
            .join(" | "),
    ];
}"""


async def page_state(page) -> str:
    """What the page showed when an action failed: the run state, the connection, the headings, the path,
    whether the sidebar is folded, what is inert (a click on anything inside it never lands), the overlays
    open, the main area's alerts and its inputs' values."""
    try:
        return str(await asyncio.wait_for(page.evaluate(PAGE_STATE), 5))
    except Exception as exc:  # noqa: BLE001
        return f"unreadable: {type(exc).__name__}"


async def idle(page) -> None:
    """Until the run a widget change started has finished (a click meanwhile can land on a replaced element)."""
    await page.wait_for_timeout(300)
    await settle(page, -1, None)


async def timed(stats: Stats, kind: str, name: str, page, action, title: str | list[str] | None) -> bool:
    """Run `action`; the time counts from its start to the last server message of the page it led to."""
    cpu_before = await renderer_cpu(page)
    started = time.monotonic()
    try:
        before = wire(page).frames
        await action()
        last, drawn = await settle(page, before, title)
        seconds = last - started
        first = min(wire(page).first_after(before), last)
        stats.phases[kind].append((max(first - started, 0.0), last - first, drawn - last))
        cpu_after = await renderer_cpu(page)
        if cpu_before is not None and cpu_after is not None:
            # A reload may be served by a new renderer process, whose count starts at 0.
            stats.renderer[kind].append(cpu_after - cpu_before if cpu_after >= cpu_before else cpu_after)
    except Exception as exc:  # noqa: BLE001 - every failure is counted and the session goes on
        stats.failed(kind, name, f"{type(exc).__name__}: {' '.join(str(exc).split())} [{await page_state(page)}]")
        return False
    stats.ok(kind, name, seconds)
    return True


async def sign_in(stats: Stats, page, base: str, profile: Profile) -> bool:
    return await open_sign_in_form(stats, page, base) and await submit_sign_in(stats, page, profile)


async def open_sign_in_form(stats: Stats, page, base: str) -> bool:
    async def open_form() -> None:
        await page.goto(base)

    # The form may be drawn again by a second run (the sign-in cookie is read by a component): a form
    # filled meanwhile loses its click. Wait until the server has been quiet for a moment.
    if not await timed(stats, "signin", "form", page, open_form, None):
        return False
    while time.monotonic() - wire(page).last < 1.0:
        await asyncio.sleep(0.1)
    return True


async def submit_sign_in(stats: Stats, page, profile: Profile) -> bool:
    async def submit() -> None:
        await page.get_by_label("Nama pengguna").fill(profile.username)
        await page.get_by_label("Kata sandi").fill(profile.password)
        before = wire(page).frames
        button = page.get_by_role("button", name="Masuk")
        await button.click()
        deadline = time.monotonic() + 20  # a busy server may take a while to answer
        while wire(page).frames == before and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        if wire(page).frames == before and await button.count():  # nothing came back: a user clicks again
            stats.lost_clicks += 1
            await button.click()

    # Signing in opens the role's own first page (its landing page).
    if not await timed(stats, "signin", "submit", page, submit, list(TITLES.values())):
        return False
    deadline = time.monotonic() + 15
    while not any(c["name"] == "regsosek_auth" for c in await page.context.cookies()):
        if time.monotonic() > deadline:
            stats.failed("signin", "cookie", "no sign-in cookie")
            return False
        await asyncio.sleep(0.1)
    return True


async def landed_on(page) -> str:
    """The page a sign-in opened (each role lands on its own first page), read from its heading."""
    headings = await page.evaluate("[...document.querySelectorAll('h1')].map(h => h.textContent.trim())")
    for page_id, title in sorted(TITLES.items(), key=lambda item: -len(item[1])):  # "Peta kondisi" before "Peta"
        if any(h.startswith(title) for h in headings):
            return page_id
    return "home"


async def go(stats: Stats, page, base: str, target: str, reload: bool) -> bool:
    if reload:
        return await timed(stats, "reload", target, page, lambda: page.goto(f"{base}/{target}"), TITLES[target])
    link = page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=TITLES[target], exact=True)
    return await timed(stats, "menu", target, page, link.click, TITLES[target])


async def build_list_and_download(stats: Stats, page, rng: random.Random) -> None:
    """A CSR partner: apply a preset, state the purpose (and accept the terms once), download the CSV."""
    async def preset() -> None:
        label = rng.choice(PRESETS)
        await page.get_by_role("combobox", name="Pilihan cepat").click()
        await page.keyboard.type(label[:12])
        await page.get_by_role("option", name=label).click()
        await idle(page)  # choosing starts a run; a click meanwhile can land on a replaced button
        await page.get_by_role("button", name="Terapkan").click()

    if not await timed(stats, "action", "targets:preset", page, preset, TITLES["targets"]):
        return
    purpose = page.get_by_label("Tujuan penggunaan data")
    if not await purpose.input_value():
        async def fill() -> None:
            await purpose.fill("Uji beban: program bedah rumah")
            await purpose.press("Enter")

        if not await timed(stats, "action", "targets:purpose", page, fill, TITLES["targets"]):
            return
    terms = page.get_by_text("Saya menyetujui ketentuan penggunaan data")
    if await terms.count():
        if not await timed(stats, "action", "targets:terms", page, terms.click, TITLES["targets"]):
            return
    prepare = page.get_by_role("checkbox", name="Siapkan berkas unduhan")
    if await prepare.count() and not await prepare.is_checked():
        if not await timed(stats, "action", "targets:prepare", page, lambda: page.get_by_text(
                "Siapkan berkas unduhan").click(), TITLES["targets"]):
            return
    started = time.monotonic()
    try:
        async with page.expect_download(timeout=ACTION_TIMEOUT_MS) as info:
            await page.get_by_role("button", name="Daftar (CSV)").click()
        download = await info.value
        if await download.failure():
            raise RuntimeError(await download.failure())
        await download.path()
    except Exception as exc:  # noqa: BLE001
        stats.failed("action", "targets:download", f"{type(exc).__name__}: {exc} [{await page_state(page)}]")
        return
    stats.ok("action", "targets:download", time.monotonic() - started)


async def user_session(browser, base: str, profile: Profile, deadline: float, stats: Stats, rng: random.Random,
                       think: tuple[float, float], reload_share: float, host: str) -> None:
    context, page = await new_tab(browser, host, downloads=True)
    USER.set(profile.username)
    try:
        # A user whose sign-in fails tries again after a pause, until the end of the run; every failure counts.
        while not await sign_in(stats, page, base, profile):
            if time.monotonic() + think[0] >= deadline:
                return
            await asyncio.sleep(rng.uniform(*think))
        current = await landed_on(page)
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(*think))
            if time.monotonic() >= deadline:
                break
            if profile.builds_lists and current == "targets" and rng.random() < 0.7:
                await build_list_and_download(stats, page, rng)
                continue
            target = rng.choice([p for p in profile.pages if p != current])
            if await go(stats, page, base, target, reload=rng.random() < reload_share):
                current = target
            else:  # start again from a fresh load of the page, as a user would
                await go(stats, page, base, target, reload=True)
                current = target
    finally:
        await context.close()


async def reload_against_click(browser, base: str, host: str, probe: ServerProbe, browser_probe: BrowserProbe,
                               rounds: int) -> list[str]:
    """One quiet signed-in session: full reloads, then menu clicks, between two pages."""
    stats = Stats()
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    await context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc == host
                        else route.abort())
    page = await context.new_page()
    wire(page)
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    lines = []
    try:
        if not await sign_in(stats, page, base, PROFILES[1]):
            return ["calibration: sign-in failed: " + "; ".join(stats.error_samples)]
        for kind in ("reload", "menu"):
            cpu_before, browser_before = probe.cpu(), browser_probe.read()
            for i in range(rounds):
                await asyncio.sleep(0.3)
                await go(stats, page, base, ("overview", "coverage")[i % 2], reload=kind == "reload")
            cpu, browser_cpu = probe.cpu() - cpu_before, browser_probe.read() - browser_before
            times = [t for (k, _), v in stats.times.items() if k == kind for t in v]
            errors = sum(n for (k, _), n in stats.errors.items() if k == kind)
            if times:
                lines.append(f"  {kind:<7} {len(times):>3} x  wall p50 {percentile(times, 50):6.2f} s  "
                             f"p95 {percentile(times, 95):6.2f} s  server CPU {1000 * cpu / rounds:6.0f} ms each,"
                             f" browser CPU {1000 * browser_cpu / rounds:6.0f} ms each  errors {errors}")
                phases = stats.phases[kind]
                cols = [f"{statistics.median(v):5.2f}" for v in zip(*phases, strict=True)]
                lines.append(f"          p50 wait {cols[0]} s, server {cols[1]} s, browser {cols[2]} s")
            else:
                lines.append(f"  {kind:<7} all {rounds} failed: {'; '.join(stats.error_samples[:2])}")
    finally:
        await context.close()
    return lines


# What one move costs the browser: its CPU from the action until MOVE_TAIL_S after the page settled (drawing
# goes on after the last message), with the browser quiet before. Then what the page costs while it is read:
# the browser's CPU over IDLE_WINDOW_S with nobody moving (the pointer left where the move put it).
MOVE_TAIL_S = 1.0
IDLE_WINDOW_S = 5.0
MOVE_PAGES = ("home", *MONITORING, "officers", "quality", "targets")


async def quiet_browser(browser_probe: BrowserProbe, limit_s: float = 6.0) -> None:
    """Until the browser uses under 5% of a core over half a second (at most `limit_s`)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = browser_probe.read()
        await asyncio.sleep(0.5)
        if browser_probe.read() - before < 0.025:
            return


async def new_tab(browser, host: str, downloads: bool = False):
    context = await browser.new_context(accept_downloads=downloads, viewport={"width": 1400, "height": 900})
    await context.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc == host
                        else route.abort())
    page = await context.new_page()
    wire(page)
    await Renderer.attach(page)
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    return context, page


@dataclass
class MoveCosts:
    browser: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    server: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    idle: dict[str, list[dict[str, float]]] = field(default_factory=lambda: defaultdict(list))

    async def measure(self, kind: str, name: str, browser_probe: BrowserProbe, probe: ServerProbe, move) -> bool:
        """`move`: the coroutine of the move, started here once the browser is quiet."""
        await quiet_browser(browser_probe)
        browser_before, server_before = browser_probe.read(), probe.cpu()
        ok = await move
        await asyncio.sleep(MOVE_TAIL_S)
        if ok is not False:
            self.browser[(kind, name)].append(browser_probe.read() - browser_before)
            self.server[(kind, name)].append(probe.cpu() - server_before)
        return ok is not False

    async def measure_idle(self, name: str, browser_probe: BrowserProbe) -> None:
        before = browser_probe.by_kind()
        await asyncio.sleep(IDLE_WINDOW_S)
        after = browser_probe.by_kind()
        self.idle[name].append({k: (v - before.get(k, 0.0)) / IDLE_WINDOW_S for k, v in after.items()})


async def move_costs(browser, base: str, host: str, probe: ServerProbe, browser_probe: BrowserProbe,
                     rounds: int) -> list[str]:
    """One session at a time on a quiet machine: the browser CPU of each kind of move, page by page."""
    stats, costs = Stats(), MoveCosts()
    for _ in range(rounds):  # a sign-in: a fresh browser context, its form, then signing in
        context, page = await new_tab(browser, host)
        try:
            if await costs.measure("signin", "form", browser_probe, probe,
                                   open_sign_in_form(stats, page, base)):
                await costs.measure("signin", "submit", browser_probe, probe,
                                    submit_sign_in(stats, page, PROFILES[1]))
        finally:
            await context.close()
    context, page = await new_tab(browser, host)
    try:
        if not await sign_in(stats, page, base, PROFILES[1]):
            return ["move costs: sign-in failed: " + "; ".join(stats.error_samples)]
        current = await landed_on(page)
        for name in MOVE_PAGES:
            for _ in range(rounds):
                origin = "home" if name != "home" else "overview"  # a menu click comes from another page
                if current != origin and await go(stats, page, base, origin, reload=False):
                    current = origin
                if await costs.measure("menu", name, browser_probe, probe,
                                       go(stats, page, base, name, reload=False)):
                    await costs.measure_idle(name, browser_probe)
                await costs.measure("reload", name, browser_probe, probe, go(stats, page, base, name, reload=True))
                current = name
    finally:
        await context.close()
    context, page = await new_tab(browser, host, downloads=True)
    try:
        rng = random.Random(7)
        if await sign_in(stats, page, base, PROFILES[3]):
            for _ in range(rounds):
                await costs.measure("action", "targets:list+download", browser_probe, probe,
                                    build_list_and_download(stats, page, rng))
    finally:
        await context.close()
    lines = [f"  {'kind':<7} {'page':<22} {'n':>3} {'browser CPU ms':>15} {'server CPU ms':>14}   "
             f"(mean; a move from its start until {MOVE_TAIL_S:g} s after it settled)"]
    for key in sorted(costs.browser):
        browser_ms, server_ms = (1000 * statistics.fmean(v[key]) for v in (costs.browser, costs.server))
        lines.append(f"  {key[0]:<7} {key[1]:<22} {len(costs.browser[key]):>3} {browser_ms:>15.0f} {server_ms:>14.0f}")
    for kind in ("signin", "menu", "reload", "action"):
        values = [v for (k, _), vs in costs.browser.items() if k == kind for v in vs]
        if values:
            lines.append(f"  {kind:<7} {'(all pages)':<22} {len(values):>3} {1000 * statistics.fmean(values):>15.0f}")
    lines.append(f"  a page being read, nobody moving (CPU s per s over {IDLE_WINDOW_S:g} s after a menu click; "
                 "renderer / gpu / other):")
    for name, samples in costs.idle.items():
        mean = {k: statistics.fmean(s.get(k, 0.0) for s in samples) for k in ("renderer", "gpu", "other")}
        lines.append(f"  idle    {name:<22} {len(samples):>3} {mean['renderer']:6.3f} / {mean['gpu']:6.3f} / "
                     f"{mean['other']:6.3f}")
    lines.extend(f"  error: {sample}" for sample in stats.error_samples)
    return lines


async def idle_sessions(browser, base: str, host: str, browser_probe: BrowserProbe, sessions: int,
                        seconds: float) -> list[str]:
    """`sessions` signed-in tabs, each left on a page after a menu click, nobody moving: the browser's CPU."""
    stats, contexts, shown = Stats(), [], []
    try:
        for i in range(sessions):
            profile = PROFILES[i % len(PROFILES)]
            context, page = await new_tab(browser, host)
            contexts.append(context)
            if not await sign_in(stats, page, base, profile):
                continue
            # The monitoring roles spread over their pages; a CSR partner stays on its list.
            landed = await landed_on(page)
            target = landed if profile.builds_lists else profile.pages[(1 + i) % len(profile.pages)]
            if target != landed:
                await go(stats, page, base, target, reload=False)
            shown.append(target)
        await asyncio.sleep(3)
        before = browser_probe.by_kind()
        await asyncio.sleep(seconds)
        after = browser_probe.by_kind()
    finally:
        for context in contexts:
            await context.close()
    used = {k: v - before.get(k, 0.0) for k, v in after.items()}
    total = sum(used.values())
    return [f"  {len(shown)} tabs ({', '.join(sorted(shown))}), {seconds:.0f} s: {total:.1f} CPU s "
            f"({100 * total / seconds:.0f}% of one core): "
            + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(used.items())),
            *(f"  error: {sample}" for sample in stats.error_samples)]


def percentile(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen | None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} not healthy after {timeout:.0f} s")


def demo_data(cache: Path) -> Path:
    """The demo warehouse and users, built once into `cache`."""
    if not (cache / "warehouse" / "live.json").exists():
        print(f"building the demo data in {cache} (once) ...", flush=True)
        cache.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, REGSOSEK_DATA_DIR=str(cache), PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-m", "regsosek", "demo"], cwd=ROOT, env=env, check=True,
                       stderr=subprocess.DEVNULL)
    return cache


def start_server(work: Path, data_source: Path) -> tuple[str, subprocess.Popen]:
    data_dir = work / "data"
    # Not the generated raw snapshots nor DuckDB's spill folder (top level only: the warehouse has snapshots/).
    shutil.copytree(data_source, data_dir,
                    ignore=lambda folder, names: [n for n in names if Path(folder) == data_source
                                                  and n in ("snapshots", "tmp")])
    workdir = work / "cwd"
    shutil.copytree(ROOT / ".streamlit", workdir / ".streamlit", ignore=shutil.ignore_patterns("secrets.toml"))
    port = free_port()
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    log = (work / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url, proc


def report(stats: Stats, probe: ServerProbe, cpu: float, wall: float, sessions: int, rss_end: int,
           browser_cpu: float, browser_kinds: dict[str, float]) -> None:
    print(f"\n{'kind':<7} {'page':<18} {'n':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'errors':>6}")
    keys = sorted(set(stats.times) | set(stats.errors))
    for kind, page in keys:
        times = stats.times.get((kind, page), [])
        figures = (f"{percentile(times, 50):7.2f} {percentile(times, 95):7.2f} {max(times):7.2f}" if times
                   else f"{'-':>7} {'-':>7} {'-':>7}")
        print(f"{kind:<7} {page:<18} {len(times):>5} {figures} {stats.errors.get((kind, page), 0):>6}")
    every = [t for v in stats.times.values() for t in v]
    views, errors = stats.views, sum(stats.errors.values())
    print(f"{'all':<7} {'':<18} {views:>5} {percentile(every, 50) if every else 0:7.2f} "
          f"{percentile(every, 95) if every else 0:7.2f} {max(every, default=0):7.2f} {errors:>6}")
    for sample in stats.error_samples:
        print(f"  error: {sample}")
    if stats.lost_clicks:
        print(f"  sign-in clicks the server did not answer within 20 s, clicked again: {stats.lost_clicks}")
    print(f"\n{sessions} sessions, {wall:.0f} s: {views} settled page views ({views / wall:.2f} per s),"
          f" {errors} errors")
    print(f"server: {cpu:.1f} CPU s ({100 * cpu / wall:.0f}% of one core), RSS {rss_end / 2**20:.0f} MB at the end,"
          f" {probe.peak_rss / 2**20:.0f} MB peak")
    print(f"browser (Chromium and its driver): {browser_cpu:.1f} CPU s ({100 * browser_cpu / wall:.0f}% of one core)"
          + (f", {1000 * browser_cpu / views:.0f} ms per page view" if views else "") + ": "
          + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in sorted(browser_kinds.items())))
    print("a tab's renderer CPU per page view, from the action until settled (CDP; leaves out the GPU and "
          "browser processes and what a page does while it is read), mean / p95 ms:")
    for kind, values in sorted(stats.renderer.items()):
        print(f"  {kind:<7} {len(values):>5} x  {1000 * statistics.fmean(values):5.0f} / "
              f"{1000 * percentile(values, 95):5.0f}  total {sum(values):6.1f} s")
    print("where a page view's time goes, p50 / p95 s: wait (to the first server message), "
          "server (first to last message), browser (last message to drawn)")
    for kind, phases in sorted(stats.phases.items()):
        cols = [f"{percentile(list(v), 50):5.2f} / {percentile(list(v), 95):5.2f}" for v in zip(*phases, strict=True)]
        print(f"  {kind:<7} {len(phases):>5} x  wait {cols[0]}  server {cols[1]}  browser {cols[2]}")
    if views:
        per_view = cpu / views
        print(f"server CPU per page view: {1000 * per_view:.0f} ms; one core sustains about "
              f"{1 / per_view:.1f} page views per s" if per_view else "server CPU per page view: 0")


async def run(args: argparse.Namespace, base: str, pids: list[int]) -> int:
    host = urlparse(base).netloc
    probe = ServerProbe(pids)
    stats = Stats()
    rng = random.Random(args.seed)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            stop = asyncio.Event()
            browser_probe = BrowserProbe(pids)
            sampler = asyncio.create_task(probe.sample(stop))
            browser_sampler = asyncio.create_task(browser_probe.sample(stop))
            cpu_before, browser_before, started = probe.cpu(), browser_probe.read(), time.monotonic()
            kinds_before = browser_probe.by_kind()
            deadline = started + 60 * args.minutes
            tasks = []
            if not args.sessions:
                args.calibrate = 0
            for i in range(args.sessions):
                profile = PROFILES[i % len(PROFILES)]
                tasks.append(asyncio.create_task(user_session(
                    browser, base, profile, deadline, stats, random.Random(rng.random()), tuple(args.think),
                    args.reload_share, host)))
                # A ramp-up: the sessions arrive evenly over the first --ramp seconds.
                await asyncio.sleep(min(args.ramp, 60 * args.minutes / 2) / max(args.sessions, 1))
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=60 * args.minutes + 120)
            wall = time.monotonic() - started
            cpu = probe.cpu() - cpu_before
            browser_cpu = browser_probe.read() - browser_before
            kinds = {kind: seconds - kinds_before.get(kind, 0.0) for kind, seconds in browser_probe.by_kind().items()}
            stop.set()
            await sampler
            await browser_sampler
            if args.sessions:
                report(stats, probe, cpu, wall, args.sessions, probe.rss(), browser_cpu, kinds)
            if args.calibrate:
                print(f"\nfull reload against menu click, one quiet session, {args.calibrate} each "
                      "(overview and coverage in turn, bps_jatim):")
                for line in await reload_against_click(browser, base, host, probe, browser_probe, args.calibrate):
                    print(line)
            if args.moves:
                print(f"\nbrowser CPU per move, one session at a time, {args.moves} of each (bps_jatim; the list and "
                      "download as csr_madura):", flush=True)
                for line in await move_costs(browser, base, host, probe, browser_probe, args.moves):
                    print(line)
            if args.idle_sessions:
                print(f"\n{args.idle_sessions} signed-in tabs left open on their pages, nobody moving:", flush=True)
                for line in await idle_sessions(browser, base, host, browser_probe, args.idle_sessions,
                                                args.idle_seconds):
                    print(line)
        finally:
            await browser.close()
    return 0 if not stats.errors else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which the sessions start")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 20.0), metavar=("MIN", "MAX"),
                        help="seconds between a session's actions (uniform)")
    parser.add_argument("--reload-share", type=float, default=0.25, help="share of moves that are full reloads")
    parser.add_argument("--calibrate", type=int, default=10, help="reloads and menu clicks in the quiet session")
    parser.add_argument("--moves", type=int, default=0,
                        help="then measure the browser CPU of each kind of move on each page, this many times each")
    parser.add_argument("--idle-sessions", type=int, default=0,
                        help="then leave this many signed-in tabs open on their pages and measure the browser idle")
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--url", help="a running server or proxy on this machine (loopback only)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="server process ids (with --url)")
    parser.add_argument("--demo-cache", type=Path, default=Path(tempfile.gettempdir()) / "regsosek-load-demo",
                        help="demo data built once (delete it after a change to what the ingest publishes)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} missing (Debian package chromium)")

    if args.url:
        if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("--url must be a loopback address: this load goes to the local server only")
        if not args.pid:
            raise SystemExit("--url needs the server process ids (--pid, once per process)")
        wait_healthy(args.url.rstrip("/"), None)
        return asyncio.run(run(args, args.url.rstrip("/"), args.pid))

    with tempfile.TemporaryDirectory(prefix="regsosek-load-") as tmp:
        base, proc = start_server(Path(tmp), demo_data(args.demo_cache))
        print(f"server {base} (pid {proc.pid}) on a copy of the demo data", flush=True)
        try:
            return asyncio.run(run(args, base, [proc.pid]))
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            print(server_problems(Path(tmp) / "streamlit.log"))


def server_problems(log: Path, most: int = 3) -> str:
    """What the server's log says went wrong: its tracebacks and errors, counted, the first few in full."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback") or " ERROR " in line]
    if not starts:
        return f"server log: no traceback or error ({len(lines)} lines)"
    shown = ["\n    ".join(lines[i:i + 25]) for i in starts[:most]]
    return (f"server log: {len(starts)} tracebacks or errors; the first {len(shown)}:\n    "
            + "\n  ---\n    ".join(shown))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
