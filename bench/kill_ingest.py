"""kill -9 the ingest at random moments and check what survives (outside the test suite).

    python bench/kill_ingest.py [--kills 20] [--scale demo] [--seed 1]

Builds a throwaway data folder (a generated snapshot of 8 Nov published and live, and one of
14 Nov waiting), times one clean ingest of 14 Nov to learn how long each stage lasts, then runs
`python -m regsosek ingest` again and again on a fresh copy, killing it with SIGKILL at a random
moment inside each stage in turn (validation, copy, sort, marts, publish): when the ingest announces
the stage, plus a random share of the stage's length in the clean run. After each kill:

- live intact: live.json still names 8 Nov and its files are byte for byte what they were
  (or, when the kill came after the new snapshot was made live, the new one is complete);
- views: a fresh process builds the overview, coverage and target list views on the live snapshot;
- rerun: the same ingest run again publishes 14 Nov and makes it live, every file matching
  publication.json, and no hidden temporary folder or file is left in the warehouse.

Prints one row per kill and exits 1 if any check failed. Uses only local files and processes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE, TARGET = "2022-11-08", "2022-11-14"
STAGE_ORDER = ("validation", "copy", "sort", "marts", "publish")
# Progress messages that open each stage (python -m regsosek ingest prints them on stderr).
STAGE_PREFIXES = (("menyalin", "copy"), ("mengurutkan", "sort"), ("membangun", "marts"),
                  ("memindahkan", "publish"), ("selesai", "done"))

READ_LIVE = """
from regsosek import access, targeting, warehouse
from regsosek.views import coverage, overview, targets
live = warehouse.live()
scope = access.scope_for("bps_jatim", "bps_provinsi")
assert overview.build(scope, live).visited > 0
assert len(coverage.build(scope, live).table) > 0
assert targets.build(scope, live, filters=targeting.TargetFilter(kab=("3527",))).families > 0
print(live.snapshot_id)
"""


def stage_of(line: str) -> str | None:
    text = line.split("%", 1)[-1].strip()
    for prefix, stage in STAGE_PREFIXES:
        if text.startswith(prefix):
            return stage
    return "validation" if text else None


def env_for(data_dir: Path) -> dict[str, str]:
    return dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def leftovers(data_dir: Path) -> list[str]:
    wh = data_dir / "warehouse"
    names = [p.name for p in (wh / "snapshots").iterdir() if p.name.startswith(".")]
    names += [p.name for p in wh.iterdir() if p.name.startswith(".") and p.name != ".ingest.lock"]
    names += [p.relative_to(wh).as_posix() for p in wh.rglob("*.sorted")]  # as tests/test_ingest_faults.py
    return sorted(names)


def live_id(data_dir: Path) -> str:
    return json.loads((data_dir / "warehouse" / "live.json").read_text())["snapshot_id"]


def published_cleanly(snapshot: Path) -> bool:
    try:
        publication = json.loads((snapshot / "publication.json").read_text())
    except (OSError, ValueError):
        return False
    on_disk = sorted(p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*.parquet"))
    if on_disk != sorted(publication["files"]):
        return False
    return all(hashlib.sha256((snapshot / rel).read_bytes()).hexdigest() == entry["sha256"]
               for rel, entry in publication["files"].items())


def ingest_cli(data_dir: Path, folder: Path, kill_at: tuple[str, float] | None = None
               ) -> tuple[int, str, dict[str, float], float]:
    """Run the ingest; with kill_at=(stage, delay), kill -9 it `delay` seconds after it announces
    `stage`. Returns the exit code, the last stage it announced, when each stage started, and the
    moment of the kill (seconds after start; 0 without one)."""
    proc = subprocess.Popen([sys.executable, "-m", "regsosek", "ingest", str(folder)], cwd=data_dir,
                            env=env_for(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    os.set_blocking(proc.stderr.fileno(), False)
    buffer, reached, starts = b"", "start", {}

    def drain() -> None:
        nonlocal buffer, reached
        chunk = proc.stderr.read() or b""
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            stage = stage_of(line.decode("utf-8", "replace"))
            if stage and stage != reached:
                reached = stage
                starts.setdefault(stage, time.monotonic() - started)

    moment = 0.0
    while proc.poll() is None:
        drain()
        due = starts[kill_at[0]] + kill_at[1] if kill_at and kill_at[0] in starts else None
        if due is not None and time.monotonic() - started >= due:
            proc.send_signal(signal.SIGKILL)
            moment = time.monotonic() - started
            break
        time.sleep(0.001)
    code = proc.wait()
    drain()
    return code, reached, starts, moment


@dataclass
class Row:
    moment: float
    aimed: str
    reached: str
    code: int
    left_after_kill: int
    live_intact: bool
    views_ok: bool
    rerun_ok: bool
    remaining: list[str]

    @property
    def cleaned(self) -> bool:
        return not self.remaining

    @property
    def ok(self) -> bool:
        return self.live_intact and self.views_ok and self.rerun_ok and self.cleaned


def prepare(work: Path, scale: str) -> Path:
    template = work / "template"
    subprocess.run([sys.executable, "-m", "regsosek", "generate", "--scale", scale, "--seed", "2022",
                    "--out", str(template / "incoming"), "--as-of", BASE, "--as-of", TARGET],
                   cwd=ROOT, env=env_for(template), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    code, _, _, _ = ingest_cli(template, template / "incoming" / BASE)
    if code != 0:
        raise SystemExit("publishing the base snapshot failed")
    return template


def trial(template: Path, work: Path, aimed: str, delay: float, base_digest: str, base_id: str) -> Row:
    data_dir = work / "trial"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(template, data_dir)
    code, reached, _, moment = ingest_cli(data_dir, data_dir / "incoming" / TARGET, kill_at=(aimed, delay))
    left = len(leftovers(data_dir))
    now_live = live_id(data_dir)
    if now_live == base_id:
        intact = tree_digest(data_dir / "warehouse" / "snapshots" / base_id) == base_digest
    else:  # the kill came after publishing and set_live: the new snapshot must be whole
        intact = published_cleanly(data_dir / "warehouse" / "snapshots" / now_live)
    views = subprocess.run([sys.executable, "-c", READ_LIVE], cwd=ROOT, env=env_for(data_dir),
                           capture_output=True, text=True)
    views_ok = views.returncode == 0 and now_live in views.stdout
    rerun_code, _, _, _ = ingest_cli(data_dir, data_dir / "incoming" / TARGET)
    new_id = live_id(data_dir)
    rerun_ok = (rerun_code == 0 and new_id != base_id
                and published_cleanly(data_dir / "warehouse" / "snapshots" / new_id)
                and tree_digest(data_dir / "warehouse" / "snapshots" / base_id) == base_digest)
    return Row(moment, aimed, reached, code, left, intact, views_ok, rerun_ok, leftovers(data_dir))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--scale", default="demo", help="demo, full or a fraction (default demo)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the kill moments")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="regsosek-kill-") as tmp:
        work = Path(tmp)
        print(f"building a {args.scale} snapshot pair in {work} ...", flush=True)
        template = prepare(work, args.scale)
        base_id = live_id(template)
        base_digest = tree_digest(template / "warehouse" / "snapshots" / base_id)

        shutil.copytree(template, work / "timing")
        code, _, starts, _ = ingest_cli(work / "timing", work / "timing" / "incoming" / TARGET)
        shutil.rmtree(work / "timing")
        if code != 0:
            raise SystemExit("a clean ingest failed")
        edges = [starts.get(s, 0.0) for s in STAGE_ORDER] + [starts.get("done", max(starts.values()))]
        print("clean ingest, stage starts (s): "
              + ", ".join(f"{s} {starts.get(s, 0):.2f}" for s in STAGE_ORDER) + f", done {edges[-1]:.2f}\n")

        header = (f"{'#':>3} {'moment s':>8} {'aimed at':<10} {'reached':<10} {'exit':>5} {'left':>4} "
                  f"{'live intact':<11} {'views':<5} {'rerun ok':<8} {'cleaned':<7}")
        print(header)
        print("-" * len(header))
        rows = []
        for i in range(args.kills):
            k = i % len(STAGE_ORDER)
            aimed = STAGE_ORDER[k]
            row = trial(template, work, aimed, rng.uniform(0, edges[k + 1] - edges[k]), base_digest, base_id)
            rows.append(row)
            yes = {True: "yes", False: "NO"}
            print(f"{i + 1:>3} {row.moment:>8.3f} {row.aimed:<10} {row.reached:<10} {row.code:>5} "
                  f"{row.left_after_kill:>4} {yes[row.live_intact]:<11} {yes[row.views_ok]:<5} "
                  f"{yes[row.rerun_ok]:<8} {yes[row.cleaned]:<7}", flush=True)

    killed = sum(r.code == -signal.SIGKILL for r in rows)
    survived = sum(r.ok for r in rows)
    by_stage = {s: sum(r.reached == s and r.code == -signal.SIGKILL for r in rows) for s in STAGE_ORDER}
    for i, row in enumerate(rows, 1):
        if row.remaining:
            print(f"kill {i}: left after the rerun: {', '.join(row.remaining)}")
    print(f"\n{killed} of {len(rows)} runs killed mid-way ({', '.join(f'{s} {n}' for s, n in by_stage.items())});"
          f" survived with nothing lost: {survived} of {len(rows)}")
    return 0 if survived == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
