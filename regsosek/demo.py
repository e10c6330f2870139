"""The embedded demo: a scaled (1%) snapshot series, built and published when absent, and the demo accounts.

    python -m regsosek demo [--force]

This command is demo mode: it is the only thing that writes the demo accounts
(when there are no users yet). The app itself never builds demo data or
accounts; with nothing published it says so, and with no users nobody can sign in.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path

from regsosek import paths, warehouse
from regsosek.synth.generate import SCALES, generate

DEMO_SEED = 2022
# Weekly during fieldwork, the last day, and after processing closed for most forms.
DEMO_AS_OF = [date(2022, 10, 25), date(2022, 11, 1), date(2022, 11, 8), date(2022, 11, 14), date(2022, 11, 30)]

Progress = Callable[[float, str], None]

# Snapshots are ingested as soon as the generator finishes each one, two at a time: one is validated
# while another publishes (publishing itself takes turns under the ingest lock).
INGEST_WORKERS = 2
GENERATE_SHARE = 0.4  # of the progress bar; the ingests share the rest


class _Combined:
    """One progress line for work running side by side: each part reports its own fraction."""

    def __init__(self, report: Progress, weights: dict[str, float]) -> None:
        self._report, self._weights = report, weights
        self._done = dict.fromkeys(weights, 0.0)
        self._lock = threading.Lock()

    def part(self, name: str, label: str = "") -> Progress:
        def update(fraction: float, message: str) -> None:
            with self._lock:  # one line at a time, and the total never goes back
                self._done[name] = max(self._done[name], fraction)
                self._report(sum(self._weights[k] * f for k, f in self._done.items()), label + message)
        return update


def ensure_demo(progress: Progress | None = None, force: bool = False) -> None:
    """Build, ingest and publish the demo snapshots unless a snapshot is already live."""
    from regsosek import ingest, marts

    report = progress or (lambda _f, _m: None)
    if warehouse.live() is not None and not force:
        # Published by an earlier release: published again from the folders they came from.
        stale = [s for s in warehouse.list_snapshots()
                 if s.build_version != marts.build_version() and Path(s.source).is_dir()]
        for i, snapshot in enumerate(stale):
            result = ingest.ingest(snapshot.source, lambda f, m, i=i, sid=snapshot.snapshot_id: report(
                (i + f) / len(stale), f"{sid}: {m}"))
            if not result.ok:
                raise RuntimeError(result.as_text("en"))
        report(1.0, f"{len(stale)} snapshot dipublikasikan ulang oleh versi ini / published again by this version"
               if stale else "Snapshot sudah tersedia / a snapshot is already published")
        return
    out = paths.snapshots_dir() / "demo"
    ingest_share = (1.0 - GENERATE_SHARE) / len(DEMO_AS_OF)
    combined = _Combined(report, {"generate": GENERATE_SHARE} | {d.isoformat(): ingest_share for d in DEMO_AS_OF})
    with ThreadPoolExecutor(INGEST_WORKERS) as pool:
        ingests: list[Future] = []

        def publish(folder: Path) -> None:
            ingests.append(pool.submit(ingest.ingest, folder, combined.part(folder.name, f"{folder.name}: ")))

        generate(out, SCALES["demo"], DEMO_SEED, DEMO_AS_OF, progress=combined.part("generate"),
                 on_snapshot=publish)
        results = [done.result() for done in ingests]
    for result in results:
        if not result.ok:
            raise RuntimeError(result.as_text("en"))
    report(1.0, "Demo siap / demo ready")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek demo", description=__doc__)
    parser.add_argument("--force", action="store_true", help="rebuild even if a snapshot is live")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # hashing loads Streamlit, whose "bare mode" warnings mean nothing here

    def show(fraction: float, message: str) -> None:
        print(f"{fraction:6.1%}  {message}", file=sys.stderr, flush=True)

    from regsosek import users

    if users.ensure_demo_users():
        print(f"demo accounts written to {users.where()} (passwords in the README; demo only)", file=sys.stderr)
    ensure_demo(show, force=args.force)
    return 0
