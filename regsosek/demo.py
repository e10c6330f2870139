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
from collections.abc import Callable
from datetime import date

from regsosek import paths, warehouse
from regsosek.synth.generate import SCALES, generate

DEMO_SEED = 2022
# Weekly during fieldwork, the last day, and after processing closed for most forms.
DEMO_AS_OF = [date(2022, 10, 25), date(2022, 11, 1), date(2022, 11, 8), date(2022, 11, 14), date(2022, 11, 30)]

Progress = Callable[[float, str], None]


def ensure_demo(progress: Progress | None = None, force: bool = False) -> None:
    """Build, ingest and publish the demo snapshots unless a snapshot is already live."""
    from regsosek import ingest

    report = progress or (lambda _f, _m: None)
    if warehouse.live() is not None and not force:
        report(1.0, "Snapshot sudah tersedia / a snapshot is already published")
        return
    out = paths.snapshots_dir() / "demo"
    folders = generate(out, SCALES["demo"], DEMO_SEED, DEMO_AS_OF,
                       progress=lambda f, m: report(0.6 * f, m))
    for i, folder in enumerate(folders):
        result = ingest.ingest(folder, progress=lambda f, m, i=i: report(0.6 + 0.4 * (i + f) / len(folders), m))
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
