"""Pre-aggregated tables (marts) written into a snapshot at publish time.

Monitoring pages read these small tables, so their cost does not grow with the
number of families. Each mart is one SQL file in queries/marts/, run in the order
of MARTS over views of the snapshot being published (keluarga, anggota, petugas,
sls, ref_desa); a mart can read the marts before it as mart_<name>.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from regsosek import facts, paths, reference, settings, validate

MARTS_DIR = paths.QUERIES_DIR / "marts"
MACROS_DIR = paths.QUERIES_DIR / "macros"
# Build order: later marts read earlier ones.
MARTS = (
    "snapshot_meta",
    "targets_sls",
    "officer_day",
    "targets_desa",
    "targets_area",
    "officers",
    "progress_desa_day",
    "progress_area_day",
    "pml_backlog",
    "desil_programme_kec",
    "reach_kec",
    "quality_findings",
    "conditions_desa_desil",
    "target_counts",
    "target_counts_programmes",
    "coverage_area",
    "coverage_sls",
    "quality_counts",
    "ppl_load",
    "ppl_productivity",
    "desil_programme_area",
    "conditions_area",
    "table_rows",
)
# The macros of queries/macros/ the marts call (the same definitions the named queries use).
MART_MACROS = ("programme_reach",)
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def sql_params(sql: str) -> set[str]:
    """Names of the $parameters a SQL text uses."""
    return set(PARAM_RE.findall(sql))


def _params(as_of: date) -> dict:
    return {
        "as_of": as_of,
        "campaign_start": facts.CAMPAIGN_START,
        "campaign_end": facts.CAMPAIGN_END,
        "far_km": validate.FAR_GEOTAG_KM,
        "hour_from": validate.VISIT_HOURS[0],
        "hour_to": validate.VISIT_HOURS[1],
        "big_household": validate.BIG_HOUSEHOLD,
        "ppl_day_max": validate.PPL_VISITS_PER_DAY_MAX,
        "backlog_days": settings.BACKLOG_DAYS,
    }


@functools.cache
def build_version() -> str:
    """What a published snapshot's derived files are built by: the SQL that writes its family rows
    (queries/ingest/), the marts' names, order and SQL, the macros they call, and the thresholds they use.

    Recorded in publication.json. A snapshot that records another version (or none) was published by an
    earlier release: the app refuses to read it (`db.StaleSnapshot`) until `ingest` of its source folder
    publishes it again."""
    digest = hashlib.sha256()
    sources = [*sorted((paths.QUERIES_DIR / "ingest").glob("*.sql")), *(MARTS_DIR / f"{n}.sql" for n in MARTS),
               *(MACROS_DIR / f"{n}.sql" for n in MART_MACROS)]
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    thresholds = {k: v for k, v in _params(facts.CAMPAIGN_END).items() if k != "as_of"}
    digest.update(json.dumps(thresholds, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:12]


def register_snapshot_views(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Views keluarga, anggota, petugas, sls over a snapshot folder, plus ref_desa."""
    lit = validate.sql_literal
    hive = "hive_partitioning = true, hive_types = {'kab_code': 'VARCHAR'}"
    for table in ("keluarga", "anggota"):
        glob = lit(str(folder / table / "*" / "*.parquet"))
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM read_parquet({glob}, {hive})")
    for table in ("petugas", "sls"):
        source = lit(str(folder / f"{table}.parquet"))
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM read_parquet({source})")
    desa = reference.desa()[["desa_code", "kec_code", "kab_code", "lat", "lon"]]
    con.register("ref_desa_df", desa)
    con.execute("CREATE OR REPLACE TEMP TABLE ref_desa AS SELECT * FROM ref_desa_df")
    con.unregister("ref_desa_df")


def build(folder: Path, as_of: date, progress: Callable[[float, str], None] | None = None) -> dict[str, int]:
    """Write folder/marts/<name>.parquet for every mart; returns rows per mart."""
    report = progress or (lambda _f, _m: None)
    out_dir = folder / "marts"
    out_dir.mkdir(exist_ok=True)
    params = _params(as_of)
    rows = {}
    con = validate.bounded_connection()
    try:
        register_snapshot_views(con, folder)
        for macro in MART_MACROS:
            con.execute((MACROS_DIR / f"{macro}.sql").read_text(encoding="utf-8"))
        for i, name in enumerate(MARTS):
            report(i / len(MARTS), f"mart {name}")
            sql = (MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8")
            table = con.sql(sql, params={k: params[k] for k in sql_params(sql)}).to_arrow_table()
            con.register(f"mart_{name}_arrow", table)
            con.execute(f"CREATE OR REPLACE TEMP TABLE mart_{name} AS SELECT * FROM mart_{name}_arrow")
            con.unregister(f"mart_{name}_arrow")
            pq.write_table(table, out_dir / f"{name}.parquet", compression="zstd")
            rows[name] = table.num_rows
    finally:
        con.close()
    return rows
