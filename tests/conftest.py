"""Shared fixtures.

`published` (session scope) is a complete small warehouse that page and query
tests can share: it points REGSOSEK_DATA_DIR at a temporary folder, generates
synthetic snapshots there (seed 7) as of 20 Oct (early in fieldwork), 28 Oct,
1 Nov (mid-campaign), 14 Nov (the last field day) and 30 Nov 2022 (after close),
ingests all of them, makes 14 Nov live, puts the demo users in its app database (the SQLite
file regsosek.db there), and yields
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

import hashlib
import json
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from regsosek import db, ingest, store, users, warehouse
from regsosek.synth.generate import generate
from tests.building import shared_build
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


def _build_published(data_dir: Path, demo_users: Path) -> None:
    """Generate the five snapshots into `data_dir`, ingest them, make 14 Nov live, add the demo users."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        db.reset()
        store.reset()
        shutil.copy(demo_users, data_dir / store.FILE_NAME)
        ids = {}
        for folder in generate(data_dir / "incoming", SCALE, SEED, list(AS_OF)):
            report = ingest.ingest(folder)
            assert report.ok, report.as_text("en")
            ids[folder.name] = report.snapshot_id
        warehouse.set_live(ids[LIVE.isoformat()])
        db.reset()
        store.reset()


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, demo_users_file):
    """Built once per run (`shared_build`); each worker has its own copy: its tests read it, refuse folders
    in it and write its app database, and no other worker sees that."""
    built = shared_build(tmp_path_factory, "published", lambda folder: _build_published(folder, demo_users_file))
    data_dir = tmp_path_factory.mktemp("regsosek-data")
    shutil.copytree(built, data_dir, dirs_exist_ok=True)
    patch = pytest.MonkeyPatch()
    patch.setenv("REGSOSEK_DATA_DIR", str(data_dir))
    db.reset()
    store.reset()
    folders = sorted(p for p in (data_dir / "incoming").iterdir() if p.is_dir())
    ids = {info.as_of.isoformat(): info.snapshot_id for info in warehouse.list_snapshots()}
    assert sorted(ids) == sorted(d.isoformat() for d in AS_OF) == [f.name for f in folders]
    assert warehouse.live().snapshot_id == ids[LIVE.isoformat()]
    records = {p: p.read_bytes() for p in (data_dir / "warehouse" / "snapshots").glob("*/*.json")}
    yield PublishedWarehouse(data_dir=data_dir, raw={f.name: f for f in folders}, ids=ids)
    db.reset()
    store.reset()
    patch.undo()
    # `private_copy` links these files into the tests' own warehouses: none may have been written through.
    for path, content in records.items():  # manifest.json and publication.json as published
        assert path.read_bytes() == content, path
    for snapshot in (data_dir / "warehouse" / "snapshots").iterdir():
        for rel, entry in json.loads((snapshot / "publication.json").read_text())["files"].items():
            assert hashlib.sha256((snapshot / rel).read_bytes()).hexdigest() == entry["sha256"], (snapshot, rel)


def _write_demo_users(data_dir: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        mp.delenv(store.URL_ENV, raising=False)
        users.ensure_demo_users()
        store.reset()  # closes the file: its journal is folded back in


@pytest.fixture(scope="session")
def demo_users_file(tmp_path_factory):
    """Hashing the demo passwords takes a second or two: done once per run (`shared_build`); each worker
    copies the app database (SQLite) file."""
    built = shared_build(tmp_path_factory, "demo_users", _write_demo_users)
    copy = tmp_path_factory.mktemp("demo_users") / store.FILE_NAME
    shutil.copy(built / store.FILE_NAME, copy)
    return copy


@pytest.fixture(autouse=True, scope="session")
def _embedded_store_by_default():
    """The suite's app database is the SQLite file in each test's data folder; `store_url` tests choose theirs."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(store.URL_ENV, raising=False)
        yield


@pytest.fixture
def data_dir(tmp_path, monkeypatch, demo_users_file):
    """REGSOSEK_DATA_DIR with the demo users, and a working directory for the generated cookie secret."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(demo_users_file, data / store.FILE_NAME)
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    yield data
    store.reset()


# A PostgreSQL server for the store tests: an SQLAlchemy URL of a database the tests may create databases
# from (e.g. postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=5433). .ci/run starts one and sets it.
PG_URL_ENV = "REGSOSEK_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, monkeypatch):
    """An empty app database on each backend, set as REGSOSEK_DB_URL: an SQLite file, or a fresh database on
    the PostgreSQL server of REGSOSEK_TEST_PG_URL (created here, dropped after)."""
    import sqlalchemy as sa

    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)
    monkeypatch.chdir(workdir)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
        monkeypatch.setenv(store.URL_ENV, url)
        store.reset()
        yield url
        store.reset()
        return
    admin_url = os.environ.get(PG_URL_ENV, "")
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set: .ci/run must start PostgreSQL")
        pytest.skip(f"no PostgreSQL: set {PG_URL_ENV} to a server's URL to run the store tests on it")
    name = f"regsosek_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    monkeypatch.setenv(store.URL_ENV, url)
    store.reset()
    try:
        yield url
    finally:
        store.reset()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def workdir(published, tmp_path, monkeypatch):
    """The shared warehouse, with a private working directory (the cookie secret is written there)."""
    monkeypatch.chdir(tmp_path)
    return published


@pytest.fixture
def private_store(tmp_path, monkeypatch, demo_users_file):
    """A fresh app database holding only the demo users (its own audit log, lists and terms), set as
    REGSOSEK_DB_URL; the data folder (and its warehouse) stays whatever the test uses."""
    path = tmp_path / "private_store.db"
    shutil.copy(demo_users_file, path)
    monkeypatch.setenv(store.URL_ENV, f"sqlite:///{path}")
    store.reset()
    yield path
    store.reset()


@pytest.fixture
def private_copy(published, tmp_path, monkeypatch, demo_users_file):
    """A private copy of the shared warehouse (real published snapshots) with the demo users, for tests
    that change what is live, sign in, fail or lock accounts: no other test sees their state."""
    data = tmp_path / "data"
    snapshots = published.data_dir / "warehouse" / "snapshots"

    def link_published_files(source: str, target: str) -> None:
        """A published snapshot's files never change after publication (publication.json holds their
        checksums): linked, not copied. Everything else (live.json, the folders) is the test's own copy."""
        if Path(source).is_relative_to(snapshots):
            os.link(source, target)
        else:
            shutil.copy2(source, target)

    shutil.copytree(published.data_dir / "warehouse", data / "warehouse", copy_function=link_published_files)
    shutil.copy(demo_users_file, data / store.FILE_NAME)
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    db.reset()
    store.reset()
    yield published
    db.reset()
    store.reset()
