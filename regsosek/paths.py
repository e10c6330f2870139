"""Where the project keeps its files. REGSOSEK_DATA_DIR moves the writable data."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
QUERIES_DIR = ROOT / "queries"


def data_dir() -> Path:
    """Writable data: incoming snapshots, the published warehouse, users, audit log."""
    return Path(os.environ.get("REGSOSEK_DATA_DIR", ROOT / "data")).resolve()


def snapshots_dir() -> Path:
    return data_dir() / "snapshots"


def warehouse_dir() -> Path:
    return data_dir() / "warehouse"
