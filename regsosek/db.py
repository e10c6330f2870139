"""The query layer: one locked-down DuckDB connection per process, named SQL files.

Pages call `run("coverage_by_area", scope, snapshot_id, level="kec", parent=None)`.
The runner reads queries/<name>.sql, binds every value as a `$name` parameter
(never formatted into SQL), always binds `$kab_codes` from the user's scope, and
runs the query on a fresh cursor whose search path is the snapshot's schema.

The connection can read only the warehouse folder: `allowed_directories`, then
`enable_external_access = false`, then `lock_configuration = true`, so no SQL
can widen that again. Each published snapshot is registered once, on first use,
as schema s_<id>: marts loaded into memory tables (the monitoring pages' hot
path), family and person rows as views over the published Parquet, and the
macros of queries/macros/ (shared SQL the named queries call).
See docs/QUERIES.md for the conventions a query file follows.
"""

from __future__ import annotations

import functools
import re
import threading
import warnings

import duckdb
import pandas as pd
import pyarrow as pa

from regsosek import access, marts, paths, reference, validate, warehouse

# A named query's result is small (a page, a mart's rows): the copy DuckDB warns of when a DB-API result is
# read as Arrow costs less than planning the query a second time through a relation (see run).
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)

QUERY_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
SCOPE_PARAM = "kab_codes"
MACROS_DIR = paths.QUERIES_DIR / "macros"

_lock = threading.RLock()
_connection: duckdb.DuckDBPyConnection | None = None
_registered: set[str] = set()


class UnknownQuery(ValueError):
    pass


class UnknownSnapshot(ValueError):
    pass


class StaleSnapshot(UnknownSnapshot):
    """A snapshot an earlier release published (other family columns or marts): refused until published again."""

    def __init__(self, info: warehouse.SnapshotInfo) -> None:
        super().__init__(f"snapshot {info.snapshot_id}: built by version {info.build_version or '(none)'}, "
                         f"this release reads {marts.build_version()}; ingest {info.source or 'its folder'} again")
        self.snapshot_id, self.source = info.snapshot_id, info.source


MEMORY_LIMIT = "1400MB"


def _connect() -> duckdb.DuckDBPyConnection:
    lit = validate.sql_literal
    root = warehouse.root()
    root.mkdir(parents=True, exist_ok=True)
    spill = paths.data_dir() / "tmp" / "duckdb"
    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(":memory:")
    con.execute(f"SET allowed_directories = [{lit(str(root) + '/')}]")
    con.execute(f"SET temp_directory = {lit(str(spill))}")
    # The app process must stay under 2 GB: the largest target lists spill to disk instead.
    con.execute(f"SET memory_limit = {lit(MEMORY_LIMIT)}")
    # Keep the footers of the published Parquet in memory: a target list opens every regency's file.
    con.execute("SET parquet_metadata_cache = true")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    areas = pd.concat([
        reference.kabkota().assign(level="kab", code=lambda d: d["kab_code"], parent_code="35"),
        reference.kecamatan().assign(level="kec", code=lambda d: d["kec_code"], parent_code=lambda d: d["kab_code"]),
        reference.desa().assign(level="desa", code=lambda d: d["desa_code"], parent_code=lambda d: d["kec_code"]),
    ])[["level", "code", "nama", "parent_code", "lat", "lon"]]
    con.register("areas_df", areas)
    con.execute("CREATE TABLE main.areas AS SELECT * FROM areas_df")
    con.unregister("areas_df")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def connection() -> duckdb.DuckDBPyConnection:
    """The process's connection, created on first use. Use `cursor()` per query, never it directly."""
    global _connection
    if _connection is None:
        with _lock:
            if _connection is None:
                _connection = _connect()
    return _connection


def reset() -> None:
    """Close the connection (tests that switch REGSOSEK_DATA_DIR)."""
    global _connection
    with _lock:
        if _connection is not None:
            _connection.close()
        _connection = None
        _registered.clear()


def schema_for(snapshot_id: str) -> str:
    """Schema of a published snapshot, registering it on first use. Refuses anything else."""
    info = warehouse.get(snapshot_id)
    if info is None:
        raise UnknownSnapshot(f"not a published snapshot: {snapshot_id!r}")
    if info.build_version != marts.build_version():  # never read what another release's SQL built
        raise StaleSnapshot(info)
    # The id matched SNAPSHOT_ID_RE (digits, '-', '_', hex), so the schema name holds only [a-z0-9_].
    schema = "s_" + info.snapshot_id.replace("-", "_")
    if schema in _registered:
        return schema
    with _lock:
        if schema in _registered:
            return schema
        lit = validate.sql_literal
        folder = info.path
        hive = "hive_partitioning = true, hive_types = {'kab_code': 'VARCHAR'}"
        cur = connection().cursor()
        try:
            cur.execute("BEGIN")
            cur.execute(f"CREATE SCHEMA {schema}")
            for name in marts.MARTS:
                source = lit(str(folder / "marts" / f"{name}.parquet"))
                cur.execute(f"CREATE TABLE {schema}.{name} AS SELECT * FROM read_parquet({source})")
            for table in ("keluarga", "anggota"):
                glob = lit(str(folder / table / "*" / "*.parquet"))
                cur.execute(f"CREATE VIEW {schema}.{table} AS SELECT * FROM read_parquet({glob}, {hive})")
            for table in ("petugas", "sls"):
                source = lit(str(folder / f"{table}.parquet"))
                cur.execute(f"CREATE VIEW {schema}.{table} AS SELECT * FROM read_parquet({source})")
            cur.execute(f"SET search_path = '{schema},main'")
            for macro in sorted(MACROS_DIR.glob("*.sql")):
                cur.execute(macro.read_text(encoding="utf-8"))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()
        _registered.add(schema)
    return schema


def query_names() -> list[str]:
    return sorted(p.stem for p in paths.QUERIES_DIR.glob("*.sql") if QUERY_NAME_RE.match(p.stem))


@functools.cache
def _sql(name: str) -> str:
    return (paths.QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def load_sql(name: str) -> str:
    """The text of a named query; unknown names (or anything path-like) are refused."""
    if not isinstance(name, str) or not QUERY_NAME_RE.match(name) or name not in query_names():
        raise UnknownQuery(f"unknown query: {name!r}")
    return _sql(name)


def _bindable(value: object) -> object:
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return value


def _plain_types(table: pa.Table, duckdb_types: list[str]) -> pa.Table:
    """DECIMAL -> DOUBLE and HUGEINT -> BIGINT: what plotly, pydeck and JSON can take."""
    columns = []
    for field, type_name in zip(table.schema, duckdb_types):
        column = table[field.name]
        if type_name == "HUGEINT":
            column = column.cast(pa.int64())
        elif type_name.startswith("DECIMAL") or pa.types.is_decimal(field.type):
            column = column.cast(pa.float64())
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def run(query_name: str, scope: access.Scope, snapshot_id: str, **params: object) -> pd.DataFrame:
    """Run a named query for a user's scope on a published snapshot."""
    if not isinstance(scope, access.Scope):
        raise TypeError("scope must be an access.Scope")
    if SCOPE_PARAM in params:
        raise TypeError(f"${SCOPE_PARAM} comes from the scope, not from the caller")
    sql = load_sql(query_name)
    wanted = marts.sql_params(sql)
    given = {k: _bindable(v) for k, v in params.items()}
    given[SCOPE_PARAM] = list(scope.kab_codes)
    if missing := wanted - set(given):
        raise TypeError(f"{query_name}: missing parameter(s) {sorted(missing)}")
    if extra := set(given) - wanted:
        raise TypeError(f"{query_name}: unknown parameter(s) {sorted(extra)}")
    schema = schema_for(snapshot_id)
    cur = connection().cursor()
    try:
        cur.execute(f"SET search_path = '{schema},main'")
        # Executed once: a relation (cur.sql) would plan the query to learn its types, then again to run it;
        # planning is most of the cost of a query over a small mart.
        cur.execute(sql, given)
        types = [str(column[1]) for column in cur.description]
        table = cur.to_arrow_table()
    finally:
        cur.close()
    return _plain_types(table, types).to_pandas()


def _freeze(value: object) -> object:
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(value)
    return value


def _cached_impl(query_name: str, scope: access.Scope, snapshot_id: str, params: tuple) -> pd.DataFrame:
    return run(query_name, scope, snapshot_id, **dict(params))


@functools.cache
def _cached():
    try:
        import streamlit as st
    except ImportError:
        return functools.lru_cache(maxsize=512)(_cached_impl)
    return st.cache_data(max_entries=512, show_spinner=False)(_cached_impl)


def cached_run(query_name: str, scope: access.Scope, snapshot_id: str, **params: object) -> pd.DataFrame:
    """`run` through st.cache_data. The query name, the whole scope, the snapshot id and every
    parameter are the cache key, so one user's result is never served to another's scope;
    published snapshots never change, so entries need no expiry."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _cached()(query_name, scope, snapshot_id, frozen)
