"""Shared fixtures.

`published` (session scope) is a complete small warehouse that page and query
tests can share: it points REGSOSEK_DATA_DIR at a temporary folder, generates
synthetic snapshots there (seed 7) as of 20 Oct (early in fieldwork), 28 Oct,
1 Nov (mid-campaign), 14 Nov (the last field day) and 30 Nov 2022 (after close),
ingests all of them, makes 14 Nov live, writes the demo users there, and yields
a `PublishedWarehouse`:

    published.data_dir            the REGSOSEK_DATA_DIR in force
    published.raw["2022-11-14"]   the generated folder, untouched by ingest
    published.ids["2022-11-14"]   the published snapshot id (also .early_id / .late_id)
    PHASES                        the three as-of dates every view is tested at, in
                                  tests/snapshots.py: EARLY (20 Oct), MID (1 Nov), AFTER (30 Nov)
    published.table(as_of, name)  a raw table as a pandas DataFrame read with pyarrow
                                  (kab_code from the hive path as a string), for
                                  computing expected values independently of DuckDB

Tests must not publish into it or change what is live (use their own data dir
for that, see test_ingest.py); refusals and reads are fine.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from regsosek import db, ingest, users, warehouse
from regsosek.synth.generate import generate
from tests.snapshots import AS_OF, LIVE, read_raw_table

# About 50,000 families in ~3 s.
SCALE = 0.004
SEED = 7


@dataclass
class PublishedWarehouse:
    data_dir: Path
    raw: dict[str, Path]
    ids: dict[str, str]
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def early_id(self) -> str:
        return self.ids[AS_OF[0].isoformat()]

    @property
    def late_id(self) -> str:
        return self.ids[AS_OF[1].isoformat()]

    def table(self, as_of: str, name: str) -> pd.DataFrame:
        key = (as_of, name)
        if key not in self._cache:
            self._cache[key] = read_raw_table(self.raw[as_of], name)
        return self._cache[key].copy()


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, demo_users_file):
    data_dir = tmp_path_factory.mktemp("regsosek-data")
    patch = pytest.MonkeyPatch()
    patch.setenv("REGSOSEK_DATA_DIR", str(data_dir))
    shutil.copy(demo_users_file, data_dir / "users.yaml")
    db.reset()
    folders = generate(data_dir / "incoming", SCALE, SEED, list(AS_OF))
    ids = {}
    for folder in folders:
        report = ingest.ingest(folder)
        assert report.ok, report.as_text("en")
        ids[folder.name] = report.snapshot_id
    warehouse.set_live(ids[LIVE.isoformat()])
    yield PublishedWarehouse(data_dir=data_dir, raw={f.name: f for f in folders}, ids=ids)
    db.reset()
    patch.undo()


@pytest.fixture(scope="session")
def demo_users_file(tmp_path_factory):
    """Hashing the demo passwords takes a second or two; do it once and copy the file."""
    data_dir = tmp_path_factory.mktemp("demo_users")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        users.ensure_demo_users()
    return data_dir / "users.yaml"


@pytest.fixture
def data_dir(tmp_path, monkeypatch, demo_users_file):
    """REGSOSEK_DATA_DIR with the demo users, and a working directory for the generated cookie secret."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(demo_users_file, data / "users.yaml")
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return data


@pytest.fixture
def workdir(published, tmp_path, monkeypatch):
    """The shared warehouse, with a private working directory (the cookie secret is written there)."""
    monkeypatch.chdir(tmp_path)
    return published


@pytest.fixture
def private_copy(published, tmp_path, monkeypatch, demo_users_file):
    """A private copy of the shared warehouse (real published snapshots) with the demo users, for tests
    that change what is live, sign in, fail or lock accounts: no other test sees their state."""
    data = tmp_path / "data"
    shutil.copytree(published.data_dir / "warehouse", data / "warehouse")
    shutil.copy(demo_users_file, data / "users.yaml")
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    db.reset()
    yield published
    db.reset()
