"""What reaches the browser, read off the websocket, for the Governor's office, a CSR partner and a regency head.

Every page the role may open is loaded in Chromium (Peta kondisi with its profile and desa level, Tindak
lanjut, Verifikasi desa with a desa's pack, Ringkasan with its follow-up and brief); every frame the server
sends is decoded (Streamlit's protobuf, and the Arrow tables inside it) and searched for what the role must
never receive: a full name (a role that sees names excepted), a 16-digit NIK, a birth date, a building
geotag, a count the screen shows as "<10", a column sent but hidden, and a /media/ file that can be fetched
without the session. Deep links to pages the role may not open, with their filters in the URL, must send a
refusal and no table, chart, map or figure.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime

import pyarrow as pa
import pyarrow.ipc
import pytest
from google.protobuf.message import Message
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from regsosek import privacy
from tests.browser.serving import open_signed_in, wait_for_script

pytestmark = pytest.mark.browser

NIK = re.compile(rb"(?<!\d)35\d{14}(?!\d)")
MEDIA = re.compile(rb"/media/[0-9a-f]{16,}\.(?:csv|xlsx|json|txt|png|jpe?g|svg|pdf|zip|bin)")
# Nothing a monitoring or target screen shows is dated before the operation's year: an older date is a birth date.
OLDEST_SHOWN = date(2022, 1, 1)
PAGES = {
    "gubernur": ("home", "overview", "coverage", "coverage?kab=3527", "progress", "progress?kab=3527", "map",
                 "mistargeting", "conditions", "conditions?level=kec&indicator=desil_1_2",
                 "conditions?kab=3527&level=desa&area=3527", "tasks", "help"),
    "csr_madura": ("home", "targets", "targets?kab=3527", "conditions", "conditions?kab=3527&level=desa&area=3527",
                   "conditions?level=kec&area=352705", "help"),
    # A regency head sees names (masked NIK) on Verifikasi desa: everything else must hold for it too.
    "bps_surabaya": ("overview", "tasks", "verification", "verification?kec={kec}&desa={desa}",
                     "conditions?level=desa&area={kec}"),
}
# Pages each role may not open, deep-linked with filters that would show data to a role that may.
FORBIDDEN = {
    "gubernur": ("officers", "targets?kab=3527", "verification?kab=3578&kec={kec}&desa={desa}", "admin"),
    "csr_madura": ("overview", "coverage?kab=3527", "map", "mistargeting", "tasks", "officers",
                   "verification?kab=3527"),
    "bps_surabaya": ("admin",),
}
SEES_NAMES = {"bps_surabaya"}
DATA_ELEMENTS = {"Dataframe", "DeckGlJsonChart", "PlotlyChart", "VegaLiteChart", "Metric"}
DRAWN = ", ".join(f"[data-testid='st{name}']" for name in ("DataFrame", "DeckGlJsonChart", "PlotlyChart",
                                                            "VegaLiteChart", "Metric"))


@dataclass
class Received:
    """Everything decoded from the frames of one page."""

    raw: list[bytes] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    hidden_shown_as_suppressed: list[str] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    data_elements: list[str] = field(default_factory=list)  # tables, charts, maps and figures sent


def _arrow(data: bytes) -> pa.Table | None:
    try:
        return pyarrow.ipc.open_stream(io.BytesIO(data)).read_all()
    except (pa.ArrowInvalid, OSError):
        return None


def _cells(table: pa.Table, into: Received) -> None:
    for column in table.columns:
        for value in column.to_pylist():
            if isinstance(value, str):
                into.strings.append(value)
            elif isinstance(value, bool) or value is None:
                continue
            elif isinstance(value, int | float):
                into.numbers.append(float(value))
            elif isinstance(value, datetime):
                into.dates.append(value.date())
            elif isinstance(value, date):
                into.dates.append(value)


def _check_styled(message: Message, into: Received) -> None:
    """A styled table: a cell displayed as "<10" must hold no number underneath."""
    data, display = _arrow(message.data), _arrow(message.styler.display_values)
    if data is None or display is None:
        return
    for name in display.column_names:
        if name not in data.column_names:
            continue
        for shown, value in zip(display[name].to_pylist(), data[name].to_pylist()):
            if shown == privacy.SUPPRESSED and value not in (None, privacy.SUPPRESSED):
                into.hidden_shown_as_suppressed.append(f"{name}={value}")


def _walk(message: Message, into: Received) -> None:
    for descriptor, value in message.ListFields():
        values = [value] if isinstance(value, Message | str | bytes | int | float) else list(value)
        for item in values:
            if isinstance(item, Message):
                if descriptor.message_type.name in DATA_ELEMENTS:
                    into.data_elements.append(descriptor.message_type.name)
                if descriptor.message_type.name == "ArrowData" and item.HasField("styler"):
                    _check_styled(item, into)
                if descriptor.message_type.name == "Dataframe" and item.columns:
                    into.hidden_columns += [name for name, config in json.loads(item.columns).items()
                                            if name != "_index" and isinstance(config, dict) and config.get("hidden")]
                _walk(item, into)
            elif isinstance(item, bytes):
                table = _arrow(item)
                if table is not None:
                    _cells(table, into)
            elif isinstance(item, str):
                into.strings.append(item)


def decode(frames: list[bytes]) -> Received:
    received = Received(raw=frames)
    for frame in frames:
        try:
            message = ForwardMsg.FromString(frame)
        except Exception:  # noqa: BLE001 - a frame that is not a ForwardMsg is still searched as bytes
            continue
        _walk(message, received)
    return received


@pytest.fixture(scope="session")
def secrets_of_the_snapshot(published_data_dir):
    """Names, NIKs and geotags of the families behind the server's snapshot, read from the raw files."""
    import pyarrow.dataset as ds

    folder = next(p for p in (published_data_dir / "snapshots").iterdir() if (p / "manifest.json").exists())
    keluarga = ds.dataset(folder / "keluarga", format="parquet").to_table(
        columns=["nama_kepala", "nik_kepala", "lat", "lon"]).to_pandas()
    anggota = ds.dataset(folder / "anggota", format="parquet").to_table(columns=["nama", "nik"]).to_pandas()
    # Full names only: a one-word name ("Kamal", "Panji") is also the name of a desa or kecamatan.
    names = {n for n in set(keluarga["nama_kepala"].dropna()) | set(anggota["nama"].dropna()) if " " in n.strip()}
    niks = set(keluarga["nik_kepala"].dropna()) | set(anggota["nik"].dropna())
    geotags = {round(v, 5) for v in keluarga["lat"].dropna()} | {round(v, 5) for v in keluarga["lon"].dropna()}
    return names, niks, geotags


@pytest.fixture(scope="session")
def surabaya_desa(published_data_dir) -> dict[str, str]:
    """The Surabaya desa with the most families flagged for verification (desil 7-10 with PKH, BPNT or BLT;
    desil 1-2 with none), read from the raw files: its pack lists names."""
    import pyarrow.dataset as ds

    folder = next(p for p in (published_data_dir / "snapshots").iterdir() if (p / "manifest.json").exists())
    fam = ds.dataset(folder / "keluarga", format="parquet", partitioning="hive").to_table(
        columns=["kab_code", "desa_code", "desil", "terima_pkh", "terima_bpnt", "terima_blt"]).to_pandas()
    fam = fam[(fam["kab_code"].astype(str) == "3578") & fam["desil"].notna()]
    receives = fam[["terima_pkh", "terima_bpnt", "terima_blt"]].fillna(False).astype(bool).any(axis=1)
    flagged = fam[((fam["desil"] >= 7) & receives) | ((fam["desil"] <= 2) & ~receives)]
    desa = flagged.groupby("desa_code").size().idxmax()
    return {"kec": desa[:6], "desa": desa}


def _media_fetchable_without_session(server: str, frames: list[bytes]) -> list[str]:
    open_urls = []
    for path in sorted({m.decode() for frame in frames for m in MEDIA.findall(frame)}):
        try:
            with urllib.request.urlopen(f"{server}{path}", timeout=5) as response:
                if response.status == 200:
                    open_urls.append(path)
        except urllib.error.URLError:
            pass
    return open_urls


def leaks(received: Received, secrets: tuple[set, set, set], sees_names: bool = False) -> dict[str, list]:
    names, niks, geotags = secrets
    found = {
        "full_names": [] if sees_names else sorted({s for s in received.strings if s in names})[:5],
        # In raw bytes, and cell by cell: an Arrow column's strings lie back to back, digits against digits.
        "nik": sorted(({m.decode() for frame in received.raw for m in NIK.findall(frame)}
                       | {s for s in received.strings if s in niks}) & niks)[:5],
        "birth_dates": sorted({d.isoformat() for d in received.dates if d < OLDEST_SHOWN})[:5],
        "geotags": sorted({n for n in received.numbers if round(n, 5) in geotags and n != round(n)})[:5],
        "hidden_counts_underneath_<10": received.hidden_shown_as_suppressed[:5],
        "hidden_columns": received.hidden_columns[:2],
    }
    return {kind: values for kind, values in found.items() if values}


def _collect_frames(page) -> list[bytes]:
    frames: list[bytes] = []

    def on_socket(socket) -> None:
        socket.on("framereceived", lambda payload: frames.append(
            payload if isinstance(payload, bytes) else payload.encode("utf-8")))

    page.on("websocket", on_socket)
    return frames


def _settle(page, frames: list[bytes], wait_idle) -> None:
    """Until the page has stopped sending: no script run and no new frame for a second (a sign-in cookie read,
    a picker set from the URL or a map reporting its width each bring another run with more frames)."""
    for _ in range(8):
        wait_idle()
        seen = len(frames)
        page.wait_for_timeout(1_000)  # late frames: lazy table chunks, chart data
        if len(frames) == seen:
            return


# One test per page and role, so the two workers share the pages out; each opens its page signed in with the
# role's cookie (see `sign_in_cookies`).
CASES = [(username, target, False) for username in sorted(PAGES) for target in PAGES[username]] + [
    (username, target, True) for username in sorted(FORBIDDEN) for target in FORBIDDEN[username]]


@pytest.fixture
def server(shared_server):
    """These tests only read pages: one server for the session (each test has its own tab; one context per
    role)."""
    return shared_server


@pytest.mark.parametrize(("username", "target", "refused"), CASES,
                         ids=[f"{u}-{'refused-' if r else ''}{t}" for u, t, r in CASES])
def test_no_personal_data_or_hidden_count_reaches_the_browser(server, role_context, username, target, refused,
                                                              secrets_of_the_snapshot, surabaya_desa):
    """A page the role may open, or a deep link to one it may not: a new tab (a new page load and session) in the
    role's context."""
    page = role_context(username).new_page()
    page.set_default_timeout(30_000)
    try:
        _check_deep_link(page, server, lambda: wait_for_script(page), username, target, refused,
                         secrets_of_the_snapshot, surabaya_desa)
    finally:
        page.close()


def _check_deep_link(page, server, wait_idle, username, target, refused, secrets_of_the_snapshot, surabaya_desa):
    frames = _collect_frames(page)
    found = {}
    target = target.format(**surabaya_desa)
    open_signed_in(page, f"{server}/{target}")
    if not refused:
        page.locator("[data-testid='stMain'] h1").first.wait_for()
        if target != "home":  # the first table, chart, map or figure; none drawn is reported below
            with contextlib.suppress(PlaywrightTimeout):
                page.locator(DRAWN).first.wait_for()
        _settle(page, frames, wait_idle)
        received = decode(list(frames))
        problems = leaks(received, secrets_of_the_snapshot, sees_names=username in SEES_NAMES)
        if not received.data_elements and target != "home":
            problems["nothing_drawn"] = [target]  # a page that drew nothing checked nothing
        media = _media_fetchable_without_session(server, received.raw)
        if media:
            problems["media_without_session"] = media
        if problems:
            found[target] = problems
    else:
        page.locator("[data-testid='stMain'] [data-testid='stAlert']").first.wait_for()
        _settle(page, frames, wait_idle)
        received = decode(list(frames))
        problems = leaks(received, secrets_of_the_snapshot, sees_names=username in SEES_NAMES)
        if received.data_elements:
            problems["data_on_a_refused_page"] = sorted(set(received.data_elements))
        if problems:
            found[f"refused {target}"] = problems
    assert found == {}


def test_csr_download_is_masked_recorded_and_cannot_be_fetched_without_the_session(writing_server, page,
                                                                                   sign_in_cookies):
    """Issue 16 #2: a prepared file sat under /media/ reachable by anyone holding the address. The file the
    partner downloads holds no full NIK or geotag, and the download is in the audit log."""
    server = writing_server  # it accepts the terms and downloads: not on the read-only server
    frames = _collect_frames(page)
    page.context.add_cookies(sign_in_cookies(server, "csr_madura"))
    page.goto(f"{server}/targets")
    page.get_by_label("Tujuan penggunaan data").fill("Program bedah rumah 2023")
    page.get_by_label("Tujuan penggunaan data").press("Enter")
    page.get_by_text("Saya menyetujui ketentuan penggunaan data").click()
    page.get_by_text("Siapkan berkas unduhan").click()
    button = page.get_by_role("button", name="Daftar (CSV)")
    button.wait_for()
    page.wait_for_timeout(500)
    assert _media_fetchable_without_session(server, list(frames)) == []

    with page.expect_download() as info:
        button.click()
    body = open(info.value.path(), encoding="utf-8-sig").read()

    assert "csr_madura" in body and "Program bedah rumah 2023" in body
    assert not re.search(r"\b35\d{14}\b", body)  # no full NIK
    assert not re.search(r"-[78]\.\d{4,}", body)  # no geotag latitude

    with contextlib.closing(sqlite3.connect(server.data_dir / "regsosek.db")) as database:  # the app database
        records = [{**json.loads(details), "user": user} for user, details in database.execute(
            "SELECT username, details FROM audit_log WHERE action = 'download'")]
    assert any(r["user"] == "csr_madura" and r["page"] == "targets" for r in records)


def test_a_download_the_browser_asks_for_late_is_still_served(writing_server, browser, page, sign_in_cookies):
    """Under load the browser asks for a list's file seconds after the click built it; meanwhile other users'
    script runs end, and Streamlit drops a file no session references after two of them (the 20-session load
    run lost every download, "canceled"). Here the server's answer with the file's address is held back while
    another user opens two pages, then handed to the page."""
    server = writing_server
    other = browser.new_context()
    other.add_cookies(sign_in_cookies(server, "bps_jatim"))
    reader = other.new_page()
    open_signed_in(reader, f"{server}/overview")
    held: list[bytes] = []  # the server's answer with the file's address
    held_by: list = []  # the page's socket it was for

    def relay(socket) -> None:
        to_server = socket.connect_to_server()

        def to_page(message) -> None:
            if isinstance(message, bytes) and ForwardMsg.FromString(message).HasField("backend_operation_response"):
                held.append(message)
                held_by.append(socket)
            else:
                socket.send(message)

        to_server.on_message(to_page)

    page.route_web_socket("**/_stcore/stream", relay)
    page.context.add_cookies(sign_in_cookies(server, "csr_madura"))
    page.goto(f"{server}/targets")
    purpose = page.get_by_label("Tujuan penggunaan data")
    purpose.fill("Program bedah rumah 2023")
    purpose.press("Enter")
    terms = page.get_by_text("Saya menyetujui ketentuan penggunaan data")
    page.get_by_text("Siapkan berkas unduhan").or_(terms).first.wait_for()
    if terms.count():  # accepted already when another test of this server got there first
        terms.click()
    page.get_by_text("Siapkan berkas unduhan").click()
    button = page.get_by_role("button", name="Daftar (CSV)")
    button.wait_for()
    with page.expect_download() as info:
        button.click()
        deadline = page.evaluate("Date.now()") + 30_000
        while not held:
            assert page.evaluate("Date.now()") < deadline, "no answer to the download's request"
            page.wait_for_timeout(100)
        for target, heading in (("coverage", "Cakupan pendataan"), ("overview", "Ringkasan")):
            open_signed_in(reader, f"{server}/{target}")
            reader.get_by_role("heading", name=heading).first.wait_for()
            wait_for_script(reader)
        held_by[0].send(held[0])
    assert info.value.failure() is None
    body = open(info.value.path(), encoding="utf-8-sig").read()
    assert "csr_madura" in body and "Program bedah rumah 2023" in body
    other.close()
