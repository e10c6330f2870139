"""The snapshots the shared test warehouse holds, and a reader of raw snapshot tables.

Kept apart from conftest.py so test modules can import them by a name that does not collide
with tests/browser/conftest.py (`from tests.snapshots import EARLY, MID, AFTER, PHASES`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

EARLY, MID, AFTER = "2022-10-20", "2022-11-01", "2022-11-30"
PHASES = (EARLY, MID, AFTER)
LIVE = date(2022, 11, 14)
AS_OF = (date(2022, 10, 28), LIVE, date(2022, 10, 20), date(2022, 11, 1), date(2022, 11, 30))


def read_raw_table(folder: Path, name: str) -> pd.DataFrame:
    if name in ("keluarga", "anggota"):
        partitioning = ds.partitioning(pa.schema([("kab_code", pa.string())]), flavor="hive")
        return ds.dataset(folder / name, format="parquet", partitioning=partitioning).to_table().to_pandas()
    return ds.dataset(folder / f"{name}.parquet", format="parquet").to_table().to_pandas()
