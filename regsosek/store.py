"""The app's own state in one relational database: users, sign-in attempts and lockouts, sign-ins kept on
the server, saved lists, accepted terms and the audit log (the published data stays in the warehouse).

One setting chooses the database: the environment variable REGSOSEK_DB_URL, an SQLAlchemy URL such as
`postgresql+psycopg://regsosek:secret@db.example/regsosek`. Without it the store is an SQLite file,
`regsosek.db` in paths.data_dir(), created on first use, so a single machine needs no server.

`python -m regsosek db upgrade` creates or migrates the schema (Alembic, regsosek/migrations) and then
moves the files of earlier versions (data/users.yaml, data/lists/, data/auth/, data/audit/) into the
database once; each moved file is renamed `<name>.imported`, never deleted. The first use of the store
in a process does the same, so an older data folder keeps working after an update.

Writes that read before they write (the failure count, the audit chain) run in `write()`: on SQLite a
`BEGIN IMMEDIATE` transaction (one writer at a time across threads and processes), on PostgreSQL a
transaction whose code locks the rows it reads (`SELECT ... FOR UPDATE`). Any failure to reach the
database is raised as `Unavailable`, which pages show as a message, never as a traceback.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc

from regsosek import paths

URL_ENV = "REGSOSEK_DB_URL"
FILE_NAME = "regsosek.db"
# How long an SQLite writer waits for another before giving up (a locked file then reads as Unavailable).
BUSY_TIMEOUT_SECONDS = 10.0
# How long a PostgreSQL connection attempt may take before the database counts as unreachable.
CONNECT_TIMEOUT_SECONDS = 5

metadata = sa.MetaData()

# The tables as the latest migration leaves them (regsosek/migrations/versions). Issue 14's tables
# (tasks, verification decisions, help records) come as further migrations; nothing here blocks them.
users = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("kab_codes", sa.JSON, nullable=False),
    sa.Column("programmes", sa.JSON, nullable=False),
    sa.Column("generation", sa.String(64), nullable=False),
    sa.Column("demo", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)
login_attempts = sa.Table(
    "login_attempts", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure", sa.Float, nullable=False),
    sa.Column("locked_until", sa.Float, nullable=False),
)
logins = sa.Table(
    "logins", metadata,
    sa.Column("login_id", sa.String(128), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("generation", sa.String(64), nullable=False),
    sa.Column("expires", sa.Float, nullable=False, index=True),
)
saved_lists = sa.Table(
    "saved_lists", metadata,
    sa.Column("list_id", sa.String(16), primary_key=True),
    sa.Column("owner", sa.String(64), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("purpose", sa.String(400), nullable=False),
    sa.Column("filters", sa.JSON, nullable=False),
    sa.Column("saved_at", sa.String(40), nullable=False),
    sa.Column("snapshot_id", sa.String(200), nullable=False),
    sa.Column("as_of", sa.String(20), nullable=False),
)
terms = sa.Table(
    "terms", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("version", sa.String(40), nullable=False),
    sa.Column("accepted_at", sa.String(40), nullable=False),
)
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("time", sa.String(40), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("action", sa.String(40), nullable=False, index=True),
    sa.Column("details", sa.Text, nullable=False),  # canonical JSON, exactly the text the hash covers
    sa.Column("prev", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
# One row (id 1): the last seq and hash with a keyed MAC, so rows cut off the end are seen. Appends lock it.
audit_head = sa.Table(
    "audit_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("mac", sa.String(64), nullable=False),
)
# Files of earlier versions already moved in (their path and sha256): a second upgrade skips them.
imports = sa.Table(
    "imports", metadata,
    sa.Column("source", sa.String(500), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("imported_at", sa.Float, nullable=False),
)
# Follow-up tasks (tindak lanjut): one row per task, made from a finding for a named PML or Koseka; every status
# change is a task_events row (who, when) and an audit record. Dates are ISO text (YYYY-MM-DD), times ISO UTC.
tasks = sa.Table(
    "tasks", metadata,
    sa.Column("task_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kab_code", sa.String(4), nullable=False, index=True),
    sa.Column("kec_code", sa.String(6), nullable=True),
    sa.Column("finding_kind", sa.String(40), nullable=False),
    sa.Column("finding_key", sa.String(200), nullable=False, index=True),
    sa.Column("finding_label", sa.String(400), nullable=False),
    sa.Column("assignee_id", sa.String(40), nullable=False, index=True),
    sa.Column("assignee_role", sa.String(16), nullable=False),
    sa.Column("assignee_name", sa.String(200), nullable=False),
    sa.Column("due_date", sa.String(10), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("snapshot_id", sa.String(200), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_by", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
task_events = sa.Table(
    "task_events", metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.task_id"), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("time", sa.String(40), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)
# Village verification (verifikasi desa): the meeting's latest decision per family (earlier ones stay in the
# audit log). reason only with decision "wrong".
verification_decisions = sa.Table(
    "verification_decisions", metadata,
    sa.Column("keluarga_id", sa.String(64), primary_key=True),
    sa.Column("kab_code", sa.String(4), nullable=False, index=True),
    sa.Column("desa_code", sa.String(10), nullable=False, index=True),
    sa.Column("decision", sa.String(16), nullable=False),
    sa.Column("reason", sa.String(24), nullable=True),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("snapshot_id", sa.String(200), nullable=False),
    sa.Column("decided_by", sa.String(64), nullable=False),
    sa.Column("decided_at", sa.String(40), nullable=False),
)
# Catatan bantuan: help a CSR partner gave a family, one row per family, kind and date per partner. keluarga_id is
# the real id, resolved on the server from the partner's own pseudonym; it never leaves the server. Value in whole
# Rupiah. The same help (partner, family, kind, date) is recorded once.
help_records = sa.Table(
    "help_records", metadata,
    sa.Column("record_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("partner", sa.String(64), nullable=False, index=True),
    sa.Column("keluarga_id", sa.String(64), nullable=False, index=True),
    sa.Column("kab_code", sa.String(4), nullable=False, index=True),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("help_date", sa.String(10), nullable=False),
    sa.Column("value_rupiah", sa.BigInteger, nullable=False),
    sa.Column("snapshot_id", sa.String(200), nullable=False),
    sa.Column("batch", sa.String(32), nullable=False),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("partner", "keluarga_id", "kind", "help_date", name="uq_help_records_entry"),
)


class Unavailable(RuntimeError):
    """The database cannot be reached, or stays locked by another writer: try again later."""


_engines: dict[str, sa.Engine] = {}
_ready: set[str] = set()
_lock = threading.Lock()


def url() -> str:
    configured = os.environ.get(URL_ENV, "").strip()
    if configured:
        parsed = sa.make_url(configured)
        if parsed.drivername in ("postgresql", "postgres"):  # the driver installed here: psycopg 3
            return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return configured
    return f"sqlite:///{paths.data_dir() / FILE_NAME}"


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


def describe(target: str | None = None) -> str:
    """The URL with any password hidden (for messages and logs)."""
    return sa.make_url(target or url()).render_as_string(hide_password=True)


def _create(target: str) -> sa.Engine:
    parsed = sa.make_url(target)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            path = Path(database)
            path.parent.mkdir(parents=True, exist_ok=True)
            # Owner-only before SQLite opens it: its journal files take the same mode. It holds password hashes.
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        engine = sa.create_engine(target, connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "isolation_level": None})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            # The driver's own transaction handling is off (isolation_level=None): begin here, IMMEDIATE for
            # a write that reads first, so two writers never both read the same old state.
            immediate = connection.get_execution_options().get("sqlite_immediate")
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        return engine
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if parsed.get_backend_name() == "postgresql" else {}
    return sa.create_engine(target, pool_pre_ping=True, connect_args=connect_args)


def engine() -> sa.Engine:
    """The engine for the configured store, its schema brought up to date on first use in this process."""
    target = url()
    with _lock:
        found = _engines.get(target)
        if found is None:
            try:
                found = _engines[target] = _create(target)
            except OSError as err:  # the SQLite file's folder cannot be created or opened
                raise Unavailable(str(err)) from err
    if target not in _ready:
        with unavailable_on_failure():
            upgrade(found)
        _ready.add(target)
    return found


def reset() -> None:
    """Forget every engine (tests that switch stores, and after a fork)."""
    with _lock:
        for found in _engines.values():
            found.dispose()
        _engines.clear()
        _ready.clear()


@contextlib.contextmanager
def unavailable_on_failure() -> Iterator[None]:
    """Turn the driver's 'cannot connect', 'database is locked', 'server closed the connection' into Unavailable."""
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError) as err:
        raise Unavailable(str(err.orig) if getattr(err, "orig", None) is not None else str(err)) from err
    except exc.DBAPIError as err:
        if err.connection_invalidated:
            raise Unavailable(str(err.orig)) from err
        raise


@contextlib.contextmanager
def read(snapshot: bool = False) -> Iterator[sa.Connection]:
    """A connection for reading (one transaction, rolled back at the end). With `snapshot`, every statement
    sees the database as of the first one (SQLite's transactions always do; PostgreSQL: REPEATABLE READ)."""
    with unavailable_on_failure(), engine().connect() as connection:
        if snapshot and not is_sqlite(connection.engine):
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        yield connection


@contextlib.contextmanager
def write(engine_: sa.Engine | None = None) -> Iterator[sa.Connection]:
    """One write transaction, committed at the end or rolled back on any error.

    On SQLite it is BEGIN IMMEDIATE: it waits for (up to BUSY_TIMEOUT_SECONDS) and then excludes every
    other writer, in this process or another. On PostgreSQL, serialise a read-then-write with `serialize()`.
    """
    with unavailable_on_failure(), (engine_ or engine()).connect() as connection:
        if is_sqlite(connection.engine):
            connection = connection.execution_options(sqlite_immediate=True)
        with connection.begin():
            yield connection


# Advisory lock keys (PostgreSQL): one per kind of read-then-write.
LOCK_KEYS = {"audit": 7202201, "login_attempts": 7202202}


def serialize(connection: sa.Connection, name: str) -> None:
    """Inside write(): wait for, then hold until commit, the lock `name` (SQLite's write() holds it already)."""
    if not is_sqlite(connection.engine):
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEYS[name]})


def ping() -> None:
    """Raise Unavailable unless the database answers (and its schema is ready)."""
    with read() as connection:
        connection.execute(sa.text("SELECT 1"))


# --- schema ------------------------------------------------------------------------------------------

def _alembic_config(connection: sa.Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: sa.Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(__file__).with_name("migrations")))
    return script.get_current_head()


@contextlib.contextmanager
def _upgrade_lock(engine_: sa.Engine) -> Iterator[sa.Connection]:
    """One upgrade at a time, across processes: a file lock beside an SQLite file, an advisory lock on PostgreSQL."""
    if is_sqlite(engine_):
        database = engine_.url.database or ""
        guard_path = Path(f"{database}.upgrade-lock") if database and database != ":memory:" else None
        with contextlib.ExitStack() as stack:
            if guard_path is not None:
                guard = stack.enter_context(guard_path.open("a"))
                os.chmod(guard_path, 0o600)
                fcntl.flock(guard, fcntl.LOCK_EX)
            with engine_.connect() as connection:
                yield connection
        return
    with engine_.connect() as connection:
        connection.exec_driver_sql("SELECT pg_advisory_lock(7202211)")
        connection.commit()
        try:
            yield connection
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(7202211)")
            connection.commit()


def upgrade(engine_: sa.Engine | None = None) -> dict[str, int]:
    """Create or migrate the schema to the latest revision, then move earlier versions' files in.

    Idempotent: a second run finds the schema at head and no file left to move. Returns what was
    moved ({kind: rows}).
    """
    from alembic import command

    from regsosek import legacy

    engine_ = engine_ or engine()
    with _upgrade_lock(engine_) as connection:
        behind = current_revision(connection) != head_revision()
        connection.rollback()
        if behind:
            with connection.begin():
                command.upgrade(_alembic_config(connection), "head")
        connection.commit()
    return legacy.import_files(engine_)


def run(argv: list[str]) -> int:
    """python -m regsosek db upgrade: create or migrate the schema and move earlier files in."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m regsosek db",
                                     description=f"The app database: {URL_ENV} (default: an SQLite file "
                                                 f"{FILE_NAME} in the data folder).")
    parser.add_argument("action", choices=("upgrade",))
    parser.parse_args(argv)
    target = url()
    try:
        with _lock:
            found = _engines.get(target) or _engines.setdefault(target, _create(target))
        with unavailable_on_failure():
            moved = upgrade(found)
            with found.connect() as connection:
                revision = current_revision(connection)
    except Unavailable as err:
        print(f"error: the database {describe(target)} cannot be reached: {err}")
        return 2
    _ready.add(target)
    print(f"database: {describe(target)}")
    print(f"schema: revision {revision} (latest)")
    for kind, rows in sorted(moved.items()):
        print(f"moved from earlier files: {kind}: {rows}")
    if not moved:
        print("moved from earlier files: nothing left to move")
    return 0
