"""Ingest survives faults: `kill -9` at each stage, and a disk that is too small or fills up.

After every fault the live snapshot is byte for byte what it was and a fresh process still builds
the views on it; a rerun publishes cleanly and removes what the killed run left behind. The full
run of 20 random kills with a table is `python bench/kill_ingest.py` (outside the suite).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from regsosek import db, ingest, settings, validate, warehouse
from tests.snapshots import EARLY

ROOT = Path(__file__).resolve().parents[1]
TARGET = "2022-11-14"
KILL_SEED = 13

# A line of the ingest's progress output -> the stage it starts.
STAGES = (
    ("menyalin", "copy"),
    ("mengurutkan", "sort"),
    ("membangun", "marts"),
    ("memindahkan", "publish"),
    ("selesai", "done"),
)

# A fresh process reads the live snapshot and builds the monitoring and list views on it.
_READ_LIVE = """
from regsosek import access, targeting, warehouse
from regsosek.views import coverage, overview, targets
live = warehouse.live()
scope = access.scope_for("bps_jatim", "bps_provinsi")
view = overview.build(scope, live)
assert view.target > 0 and view.visited > 0, view
assert len(coverage.build(scope, live).table) > 0
listed = targets.build(scope, live, filters=targeting.TargetFilter(kab=("3527",)))
assert listed.families > 0 and len(listed.rows) > 0
print(live.snapshot_id, view.visited, listed.families)
"""


def stage_of(line: str) -> str | None:
    text = line.split("%", 1)[-1].strip()
    for prefix, stage in STAGES:
        if text.startswith(prefix):
            return stage
    return "validation" if text else None


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def hidden_leftovers(data_dir: Path) -> list[str]:
    """Temporary folders and files an ingest may leave in the warehouse (the lock file stays by design)."""
    wh = data_dir / "warehouse"
    names = [p.name for p in (wh / "snapshots").iterdir() if p.name.startswith(".")]
    names += [p.name for p in wh.iterdir() if p.name.startswith(".") and p.name != ".ingest.lock"]
    names += [p.relative_to(wh).as_posix() for p in wh.rglob("*.sorted")]
    return sorted(names)


def read_live_in_fresh_process(data_dir: Path) -> str:
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _READ_LIVE], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@dataclass
class Template:
    """A warehouse holding the live test snapshot (14 Nov) and an older one, and a re-export of 14 Nov
    under the data folder that is not published yet (it would become live)."""

    data_dir: Path
    live_id: str
    live_digest: str

    def trial(self, target: Path) -> Path:
        shutil.copytree(self.data_dir, target, symlinks=True)
        return target

    @property
    def incoming(self) -> str:
        return "incoming/re-export"


@pytest.fixture(scope="module")
def template(published, tmp_path_factory) -> Template:
    data_dir = tmp_path_factory.mktemp("faults") / "data"
    for as_of in (TARGET, EARLY):
        name = f"snapshots/{published.ids[as_of]}"
        shutil.copytree(published.data_dir / "warehouse" / name, data_dir / "warehouse" / name)
    shutil.copy(published.data_dir / "warehouse" / "live.json", data_dir / "warehouse" / "live.json")
    folder = data_dir / "incoming" / "re-export"
    shutil.copytree(published.raw[TARGET], folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["provenance"]["export"] = "second export"
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    live_id = published.ids[TARGET]
    return Template(data_dir, live_id, tree_digest(data_dir / "warehouse" / "snapshots" / live_id))


def live_id(data_dir: Path) -> str:
    return json.loads((data_dir / "warehouse" / "live.json").read_text())["snapshot_id"]


def assert_live_intact(template: Template, data_dir: Path) -> None:
    assert live_id(data_dir) == template.live_id
    assert tree_digest(data_dir / "warehouse" / "snapshots" / template.live_id) == template.live_digest


def assert_published_cleanly(snapshot: Path) -> None:
    """Every Parquet file of the published folder is the one publication.json lists, whole."""
    publication = json.loads((snapshot / "publication.json").read_text())
    on_disk = sorted(p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*.parquet"))
    assert on_disk == sorted(publication["files"])
    for rel, entry in publication["files"].items():
        assert validate.sha256_file(snapshot / rel) == entry["sha256"], rel
    assert set(publication["marts"]) <= {p.stem for p in (snapshot / "marts").glob("*.parquet")}


def kill_ingest_at(data_dir: Path, folder: str, stage: str, delay: float) -> tuple[str, int]:
    """Start `python -m regsosek ingest`, and `delay` seconds after it announces `stage`, kill -9 it.
    Returns the last stage it announced and its exit code (-9 when the kill landed)."""
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "regsosek", "ingest", str(data_dir / folder)], cwd=data_dir,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reached = "start"
    try:
        for line in proc.stderr:
            reached = stage_of(line) or reached
            if reached == stage:
                time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                break
        for line in proc.stderr:  # what it wrote before the kill landed
            reached = stage_of(line) or reached
        return reached, proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture
def in_data_dir(monkeypatch):
    def _use(data_dir: Path) -> None:
        monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        db.reset()

    yield _use
    db.reset()


# (stage to wait for, longest random delay after it): copy and publish last a few milliseconds at
# test scale, so the kill follows their announcement at once.
KILLS = (("validation", 0.3), ("copy", 0.0), ("sort", 0.2), ("marts", 0.2), ("publish", 0.0))


@pytest.mark.parametrize(("stage", "longest_delay"), KILLS, ids=[k[0] for k in KILLS])
def test_kill_9_leaves_live_intact_and_a_rerun_publishes(template, tmp_path, in_data_dir, stage, longest_delay):
    data_dir = template.trial(tmp_path / "data")
    delay = random.Random(f"{KILL_SEED}-{stage}").uniform(0, longest_delay)

    reached, code = kill_ingest_at(data_dir, template.incoming, stage, delay)

    assert code == -signal.SIGKILL or (stage == "publish" and code == 0), (reached, code)
    if live_id(data_dir) == template.live_id:
        assert_live_intact(template, data_dir)
    else:  # the kill landed after the new snapshot was renamed into place and made live
        assert stage == "publish" and reached in ("publish", "done"), (stage, reached)
        assert_published_cleanly(data_dir / "warehouse" / "snapshots" / live_id(data_dir))
    if stage in ("copy", "sort", "marts") and code == -signal.SIGKILL:
        assert [n for n in hidden_leftovers(data_dir) if n.startswith(".incoming-")], "a half-built folder"
    assert template.live_id in read_live_in_fresh_process(data_dir)  # the app's views build on it

    in_data_dir(data_dir)
    rerun = ingest.ingest(data_dir / template.incoming)
    assert rerun.ok and rerun.live, rerun.as_text("en")
    assert live_id(data_dir) == rerun.snapshot_id != template.live_id
    assert hidden_leftovers(data_dir) == []
    assert_published_cleanly(data_dir / "warehouse" / "snapshots" / rerun.snapshot_id)
    assert tree_digest(data_dir / "warehouse" / "snapshots" / template.live_id) == template.live_digest


def test_a_live_pointer_write_killed_midway_is_cleaned_by_the_next_ingest(template, tmp_path, in_data_dir):
    """kill -9 between writing live.json aside and renaming it (bench/kill_ingest.py hit it twice in
    four kills during publish) leaves `.live.json.<random>.tmp`; the next ingest removes it."""
    data_dir = template.trial(tmp_path / "data")
    stale = data_dir / "warehouse" / ".live.json.k1ll3d.tmp"
    stale.write_text('{"snapshot_id": "2022-11')
    in_data_dir(data_dir)
    assert ingest.ingest(data_dir / template.incoming).ok
    assert hidden_leftovers(data_dir) == []


# --- a disk too small, or one that fills up during the ingest ---


def snapshot_names(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "warehouse" / "snapshots").iterdir())


def assert_refused_with(report: ingest.Report, rule: str, words_id: str, words_en: str) -> None:
    assert not report.ok
    assert [p.rule for p in report.problems] == [rule], report.as_text("en")
    assert words_id in report.as_text("id") and words_en in report.as_text("en")
    assert "tidak ada yang dipublikasikan" in report.as_text("id").lower()
    assert "nothing was published" in report.as_text("en").lower()


def test_too_little_free_space_is_refused_before_copying(template, tmp_path, in_data_dir, monkeypatch):
    data_dir = template.trial(tmp_path / "data")
    before = snapshot_names(data_dir)
    in_data_dir(data_dir)
    free = shutil.disk_usage(data_dir / "warehouse").free
    snapshot_bytes = sum(e["bytes"] for e in json.loads(
        (data_dir / template.incoming / "manifest.json").read_text())["files"].values())
    monkeypatch.setattr(settings, "INGEST_FREE_SPACE_FACTOR", 2 * free / snapshot_bytes)
    copied = []
    monkeypatch.setattr(ingest, "_copy_verified", lambda *a: copied.append(a))

    report = ingest.ingest(data_dir / template.incoming)

    assert_refused_with(report, "disk_space", "Ruang disk", "Not enough disk space")
    assert copied == []
    assert str(data_dir / "warehouse") in report.problems[0].file
    assert_live_intact(template, data_dir)
    assert snapshot_names(data_dir) == before and hidden_leftovers(data_dir) == []


def test_the_space_a_concurrent_ingest_claimed_counts_as_taken(template, tmp_path, in_data_dir, monkeypatch):
    """Two ingests started together must not both pass on the same free space; a killed one's claim is freed."""
    data_dir = template.trial(tmp_path / "data")
    before = snapshot_names(data_dir)
    in_data_dir(data_dir)
    snapshot_bytes = sum(e["bytes"] for e in json.loads(
        (data_dir / template.incoming / "manifest.json").read_text())["files"].values())
    needed = int(snapshot_bytes * settings.INGEST_FREE_SPACE_FACTOR)
    free = shutil.disk_usage(data_dir / "warehouse").free
    # Room for this snapshot alone, but not once the other ingest's claim (less what it wrote) is taken off.
    staging, owner = ingest._claim_staging("2022-11-15_other", free - needed + 500 + 1000)
    (staging / "written.bin").write_bytes(b"x" * 1000)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(free * 2, free, free))
    try:
        report = ingest.ingest(data_dir / template.incoming)
        assert_refused_with(report, "disk_space", "Ruang disk", "Not enough disk space")
        assert snapshot_names(data_dir) == sorted([*before, staging.name])  # nothing of this one written
    finally:
        owner.close()  # the other ingest is killed: its folder is abandoned and its claim no longer counts
    assert ingest.ingest(data_dir / template.incoming).ok
    assert not staging.exists()


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    duckdb.IOException('Could not write file "x.sorted": No space left on device'),
])
def test_disk_full_error_from_any_writer_is_named(template, tmp_path, in_data_dir, monkeypatch, error):
    data_dir = template.trial(tmp_path / "data")
    in_data_dir(data_dir)

    def fill_up(staging, as_of, progress=None):
        (staging / "marts").mkdir()
        (staging / "marts" / "half.parquet").write_bytes(b"PAR1")
        raise error

    monkeypatch.setattr(ingest.marts, "build", fill_up)
    report = ingest.ingest(data_dir / template.incoming)
    assert_refused_with(report, "disk_full", "Disk penuh", "The disk filled up")
    assert_live_intact(template, data_dir)
    assert hidden_leftovers(data_dir) == []


def test_disk_full_while_setting_live_takes_the_snapshot_back(template, tmp_path, in_data_dir, monkeypatch):
    data_dir = template.trial(tmp_path / "data")
    before = snapshot_names(data_dir)
    in_data_dir(data_dir)

    def no_room(snapshot_id):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(warehouse, "set_live", no_room)
    report = ingest.ingest(data_dir / template.incoming)
    assert_refused_with(report, "disk_full", "Disk penuh", "The disk filled up")
    assert_live_intact(template, data_dir)
    assert snapshot_names(data_dir) == before and hidden_leftovers(data_dir) == []


def _can_mount_tmpfs(probe: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe)],
                             capture_output=True).returncode == 0
    if mounted:
        subprocess.run(["umount", str(probe)], check=True)
    return mounted


@dataclass
class SmallDisk:
    """The trial warehouse on a real tmpfs; `leave(room)` shrinks it to `room` bytes beyond its use."""

    data_dir: Path
    warehouse: Path

    def used(self) -> int:
        usage = shutil.disk_usage(self.warehouse)
        return usage.total - usage.free

    def copy_footprint(self, folder: Path) -> int:
        """What a copy of `folder` takes on this filesystem (pages, directories)."""
        before = self.used()
        shutil.copytree(folder, self.warehouse / ".measure")
        taken = self.used() - before
        shutil.rmtree(self.warehouse / ".measure")
        return taken

    def leave(self, room: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={self.used() + room}", str(self.warehouse)], check=True)


@pytest.fixture
def small_disk(template, tmp_path, in_data_dir):
    if not _can_mount_tmpfs(tmp_path / "probe"):
        pytest.skip("needs root to mount a tmpfs")
    data_dir = tmp_path / "data"
    shutil.copytree(template.data_dir / "incoming", data_dir / "incoming")
    wh = data_dir / "warehouse"
    wh.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", str(wh)], check=True)
    try:
        shutil.copytree(template.data_dir / "warehouse", wh, dirs_exist_ok=True)
        in_data_dir(data_dir)
        yield SmallDisk(data_dir, wh)
    finally:
        subprocess.run(["umount", str(wh)], check=False)


def test_real_small_disk_refused_by_the_free_space_check(template, small_disk):
    data_dir = small_disk.data_dir
    small_disk.leave(small_disk.copy_footprint(data_dir / template.incoming))  # one copy, no headroom
    before = snapshot_names(data_dir)
    report = ingest.ingest(data_dir / template.incoming)
    assert_refused_with(report, "disk_space", "Ruang disk", "Not enough disk space")
    assert_live_intact(template, data_dir)
    assert snapshot_names(data_dir) == before and hidden_leftovers(data_dir) == []


@pytest.mark.parametrize(("share", "pages", "writer"), [(0.5, 0, "OSError"), (1, 2, "IOException")],
                         ids=["in-the-copy", "in-duckdb-sort"])
def test_real_disk_filling_up_refused_with_nothing_half_published(template, small_disk, monkeypatch, share,
                                                                  pages, writer):
    """The check passes (another writer takes the room meanwhile: here the factor is set to 0) and
    the disk fills up: half way through the copy, or once the copy (and its manifest) took every
    page but two, when DuckDB writes the first sorted partition beside the copied one."""
    data_dir = small_disk.data_dir
    small_disk.leave(int(small_disk.copy_footprint(data_dir / template.incoming) * share) + pages * 4096)
    free_before = shutil.disk_usage(data_dir / "warehouse").free
    before = snapshot_names(data_dir)
    monkeypatch.setattr(settings, "INGEST_FREE_SPACE_FACTOR", 0)

    report = ingest.ingest(data_dir / template.incoming)

    assert_refused_with(report, "disk_full", "Disk penuh", "The disk filled up")
    assert report.problems[0].detail.startswith(writer), report.problems[0].detail
    assert "No space left on device" in report.problems[0].detail
    assert_live_intact(template, data_dir)
    assert snapshot_names(data_dir) == before and hidden_leftovers(data_dir) == []
    assert shutil.disk_usage(data_dir / "warehouse").free >= free_before - 4096  # nothing half-published
    assert pq.ParquetFile(next((data_dir / "warehouse" / "snapshots" / template.live_id).glob(
        "keluarga/*/*.parquet"))).metadata.num_rows > 0
