"""Check a snapshot folder against the contract before anything is published.

Every check runs and every finding is collected: the operator fixes a bad export
once, not one error at a time. Files are checked from the outside in (presence,
size, magic bytes, footer, checksum) before DuckDB reads a single page, so a huge
or broken file costs a few bytes of reading, never a hang or a traceback.

Findings are `Problem`s (the snapshot is refused) or warnings (published, and
listed on the data-quality page: real field data has them).
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from regsosek import contract, facts, paths, reference

Progress = Callable[[float, str], None]

MAGIC = b"PAR1"
# A footer bigger than this is not a Regsosek export (full-scale footers are a few hundred KB).
MAX_FOOTER_BYTES = 64 << 20
EXAMPLES = 3

# Warning thresholds (data quality, not contract).
FAR_GEOTAG_KM = 5.0
VISIT_HOURS = ("06:00:00", "21:00:00")
BIG_HOUSEHOLD = 15
PPL_VISITS_PER_DAY_MAX = 40

_PARTITION_DIR = re.compile(r"^kab_code=(35\d{2})$")
_HIVE = "hive_partitioning = true, hive_types = {'kab_code': 'VARCHAR'}"

# rule -> (Bahasa Indonesia, English). Fields: file, column, rows, detail, examples.
MESSAGES: dict[str, tuple[str, str]] = {
    "outside_data_dir": ("Folder {file} berada di luar folder data; ditolak.",
                         "Folder {file} is outside the data folder; refused."),
    "not_a_folder": ("{file} bukan folder snapshot.", "{file} is not a snapshot folder."),
    "manifest_missing": ("manifest.json tidak ada.", "manifest.json is missing."),
    "manifest_unreadable": ("manifest.json tidak dapat dibaca: {detail}.", "manifest.json cannot be read: {detail}."),
    "manifest_key_missing": ("manifest.json tidak memuat kunci {detail}.", "manifest.json lacks the key {detail}."),
    "schema_version": ("Versi skema {detail} tidak sesuai (harus {expected}).",
                       "Schema version {detail} does not match (expected {expected})."),
    "as_of_invalid": ("Tanggal as_of {detail} di luar 2022-10-15..2022-12-31 atau tidak valid.",
                      "as_of date {detail} is invalid or outside 2022-10-15..2022-12-31."),
    "file_missing": ("Berkas {file} tercantum di manifest tetapi tidak ada.",
                     "File {file} is listed in the manifest but missing."),
    "file_unexpected": ("Berkas {file} tidak tercantum di manifest.", "File {file} is not listed in the manifest."),
    "file_layout": ("Berkas {file} tidak sesuai susunan snapshot ({detail}).",
                    "File {file} does not fit the snapshot layout ({detail})."),
    "file_outside": ("Berkas {file} menunjuk ke luar folder snapshot.",
                     "File {file} points outside the snapshot folder."),
    "size_mismatch": ("Ukuran {file} {detail} byte, manifest mencatat {expected}.",
                      "{file} is {detail} bytes, the manifest says {expected}."),
    "not_parquet": ("{file} bukan berkas Parquet (tanda PAR1 tidak ada).",
                    "{file} is not a Parquet file (no PAR1 magic bytes)."),
    "truncated": ("{file} terpotong atau rusak: {detail}.", "{file} is truncated or damaged: {detail}."),
    "checksum_mismatch": ("Checksum sha256 {file} tidak sama dengan manifest.",
                          "The sha256 checksum of {file} does not match the manifest."),
    "row_count_mismatch": ("{file}: {detail} baris, manifest mencatat {expected}.",
                           "{file}: {detail} rows, the manifest says {expected}."),
    "table_missing": ("Tabel {file} tidak ada.", "Table {file} is missing."),
    "table_empty": ("Tabel {file} kosong.", "Table {file} is empty."),
    "column_missing": ("{file}: kolom {column} tidak ada.", "{file}: column {column} is missing."),
    "column_unexpected": ("{file}: kolom {column} tidak ada di kontrak.",
                          "{file}: column {column} is not in the contract."),
    "wrong_type": ("{file}: kolom {column} bertipe {detail}, seharusnya {expected}.",
                   "{file}: column {column} has type {detail}, expected {expected}."),
    "table_unreadable": ("Tabel {file} tidak dapat dibaca: {detail}.", "Table {file} cannot be read: {detail}."),
    "null": ("{file}.{column}: {rows} baris kosong (NULL) padahal wajib diisi.",
             "{file}.{column}: {rows} rows are NULL where a value is required."),
    "allowed": ("{file}.{column}: {rows} baris berisi kode yang tidak dikenal.",
                "{file}.{column}: {rows} rows hold codes that are not allowed."),
    "pattern": ("{file}.{column}: {rows} baris tidak sesuai pola {detail}.",
                "{file}.{column}: {rows} rows do not match the pattern {detail}."),
    "bounds": ("{file}.{column}: {rows} baris di luar batas {detail}.",
               "{file}.{column}: {rows} rows are outside the bounds {detail}."),
    "after_as_of": ("{file}.{column}: {rows} baris bertanggal setelah as_of {detail}.",
                    "{file}.{column}: {rows} rows are dated after the as-of date {detail}."),
    "unknown_code": ("{file}.{column}: {rows} baris berisi kode wilayah yang tidak ada di referensi.",
                     "{file}.{column}: {rows} rows hold area codes missing from the reference geography."),
    "hierarchy": ("{file}.{column}: {rows} baris tidak sesuai hierarki kode ({detail}).",
                  "{file}.{column}: {rows} rows break the code hierarchy ({detail})."),
    "stage_order": ("{file}.{column}: {rows} baris dengan urutan tahap dokumen terbalik atau terlewati ({detail}).",
                    "{file}.{column}: {rows} rows have document stages out of order or skipped ({detail})."),
    "status_inconsistent": ("{file}.{column}: {rows} baris dengan status dokumen tidak sesuai tanggal tahap.",
                            "{file}.{column}: {rows} rows have a document status that disagrees with the stage dates."),
    "outcome_inconsistent": ("{file}.{column}: {rows} baris dengan hasil kunjungan tidak sesuai tanggal kunjungan.",
                             "{file}.{column}: {rows} rows have a visit outcome that disagrees with the visit date."),
    "duplicate_key": ("{file}: {rows} nilai kunci ({column}) muncul lebih dari sekali.",
                      "{file}: {rows} key values ({column}) occur more than once."),
    "orphan": ("{file}.{column}: {rows} baris merujuk ke {detail} yang tidak ada.",
               "{file}.{column}: {rows} rows refer to a {detail} that does not exist."),
    "publish_failed": ("Publikasi gagal, snapshot sebelumnya tetap berlaku: {detail}.",
                       "Publishing failed, the previous snapshot stays in place: {detail}."),
    "disk_space": ("Ruang disk di {file} tidak cukup: tersedia {detail}, dibutuhkan {expected}. Tidak ada yang"
                   " dipublikasikan; snapshot sebelumnya tetap berlaku.",
                   "Not enough disk space in {file}: {detail} free, {expected} needed. Nothing was published;"
                   " the previous snapshot stays in place."),
    "disk_full": ("Disk penuh saat publikasi ke {file} ({detail}). Tidak ada yang dipublikasikan; snapshot"
                  " sebelumnya tetap berlaku.",
                  "The disk filled up while publishing into {file} ({detail}). Nothing was published; the"
                  " previous snapshot stays in place."),
    # warnings
    "nik_multi_family": ("{rows} NIK tercatat di lebih dari satu keluarga.",
                         "{rows} NIKs appear in more than one family."),
    "far_geotag": ("{rows} geotag bangunan berjarak lebih dari {detail} km dari titik desa.",
                   "{rows} building geotags lie more than {detail} km from the desa point."),
    "odd_hour": ("{rows} kunjungan tercatat di luar jam {detail}.", "{rows} visits were recorded outside {detail}."),
    "big_household": ("{rows} keluarga beranggota lebih dari {detail} orang.",
                      "{rows} families have more than {detail} members."),
}


@dataclass(frozen=True)
class Problem:
    """One finding: which file/column broke which rule, how many rows, a few ids."""

    file: str
    rule: str
    column: str = ""
    rows: int = 0
    examples: tuple[str, ...] = ()
    detail: str = ""
    expected: str = ""

    def message(self, lang: str = "id") -> str:
        template = MESSAGES[self.rule][0 if lang == "id" else 1]
        text = template.format(file=self.file, column=self.column, rows=f"{self.rows:,}", detail=self.detail,
                               expected=self.expected)
        if self.examples:
            text += (" Contoh: " if lang == "id" else " Examples: ") + ", ".join(self.examples)
        return text


@dataclass
class Findings:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    manifest: dict | None = None
    manifest_bytes: bytes | None = None
    as_of: date | None = None
    # table -> files (absolute) that passed structure and schema checks
    readable: dict[str, list[Path]] = field(default_factory=dict)
    # file -> its Parquet and Arrow schema as text: files with the same one get the same DuckDB types
    schema_keys: dict[Path, str] = field(default_factory=dict)


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _table_of(rel: str) -> tuple[str | None, str]:
    """Table a relative path belongs to, or None with the reason."""
    parts = rel.split("/")
    if len(parts) == 1 and parts[0] in ("petugas.parquet", "sls.parquet"):
        return parts[0].removesuffix(".parquet"), ""
    if len(parts) == 3 and parts[0] in ("keluarga", "anggota") and parts[2].endswith(".parquet"):
        if _PARTITION_DIR.match(parts[1]):
            return parts[0], ""
        return None, "kab_code=35xx"
    return None, "keluarga/kab_code=35xx/*.parquet, anggota/kab_code=35xx/*.parquet, petugas.parquet, sls.parquet"


def _check_manifest(folder: Path, out: Findings) -> None:
    path = folder / "manifest.json"
    if not path.is_file():
        out.problems.append(Problem("manifest.json", "manifest_missing"))
        return
    try:
        raw = path.read_bytes()
        manifest = json.loads(raw)
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        out.problems.append(Problem("manifest.json", "manifest_unreadable", detail=str(exc)[:200]))
        return
    missing = [k for k in contract.MANIFEST_KEYS if k not in manifest]
    for key in missing:
        out.problems.append(Problem("manifest.json", "manifest_key_missing", detail=key))
    if "schema_version" in manifest and manifest["schema_version"] != contract.SCHEMA_VERSION:
        out.problems.append(Problem("manifest.json", "schema_version", detail=str(manifest["schema_version"]),
                                    expected=contract.SCHEMA_VERSION))
    if "as_of" in manifest:
        try:
            as_of = date.fromisoformat(str(manifest["as_of"]))
            if not facts.CAMPAIGN_START <= as_of <= facts.PROCESSING_END:
                raise ValueError
            out.as_of = as_of
        except ValueError:
            out.problems.append(Problem("manifest.json", "as_of_invalid", detail=str(manifest["as_of"])[:40]))
    if not isinstance(manifest.get("files", {}), dict) or not isinstance(manifest.get("row_counts", {}), dict):
        out.problems.append(Problem("manifest.json", "manifest_unreadable", detail="files/row_counts not objects"))
        return
    out.manifest = manifest
    out.manifest_bytes = raw


def _parquet_footer_problem(path: Path, size: int) -> tuple[str, str] | None:
    """Cheap structural check reading 12 bytes: (rule, detail) or None."""
    if size < 12:
        return "truncated", f"{size} bytes"
    with path.open("rb") as f:
        head = f.read(4)
        f.seek(size - 8)
        tail = f.read(8)
    footer_len = struct.unpack("<I", tail[:4])[0]
    if head != MAGIC and tail[4:] != MAGIC:
        return "not_parquet", ""
    if tail[4:] != MAGIC:
        return "truncated", "no footer"
    if head != MAGIC:
        return "not_parquet", ""
    if footer_len > size - 12 or footer_len > MAX_FOOTER_BYTES:
        return "truncated", f"footer of {footer_len} bytes in a file of {size}"
    return None


def _check_files(folder: Path, out: Findings, progress: Progress) -> None:
    listed: dict = (out.manifest or {}).get("files", {}) if out.manifest else {}
    present: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel == "manifest.json":
            continue
        if path.is_symlink() or not path.resolve().is_relative_to(folder):
            out.problems.append(Problem(rel, "file_outside"))
            continue
        present[rel] = path
    if out.manifest is not None:
        for rel in sorted(set(listed) - set(present)):
            out.problems.append(Problem(rel, "file_missing"))
        for rel in sorted(set(present) - set(listed)):
            out.problems.append(Problem(rel, "file_unexpected"))

    by_table: dict[str, list[Path]] = {t.name: [] for t in contract.TABLES}
    table_rows: dict[str, int] = {t.name: 0 for t in contract.TABLES}
    names = sorted(present)
    for i, rel in enumerate(names):
        progress(0.05 + 0.35 * i / max(len(names), 1), f"memeriksa berkas / checking file {rel}")
        path = present[rel]
        table, why = _table_of(rel)
        if table is None:
            out.problems.append(Problem(rel, "file_layout", detail=why))
            continue
        if out.manifest is not None and rel not in listed:
            continue
        entry = listed.get(rel) if isinstance(listed.get(rel), dict) else {}
        size = path.stat().st_size
        expected_size = entry.get("bytes")
        if expected_size is not None and size != expected_size:
            out.problems.append(Problem(rel, "size_mismatch", detail=str(size), expected=str(expected_size)))
            continue
        structural = _parquet_footer_problem(path, size)
        if structural:
            out.problems.append(Problem(rel, structural[0], detail=structural[1]))
            continue
        if out.manifest is not None and entry.get("sha256") != sha256_file(path):
            out.problems.append(Problem(rel, "checksum_mismatch"))
            continue
        try:
            parquet = pq.ParquetFile(path)
            rows = parquet.metadata.num_rows
            out.schema_keys[path] = f"{parquet.schema}\n{parquet.schema_arrow}"
        except Exception as exc:  # noqa: BLE001 - any reader failure means a damaged file
            out.problems.append(Problem(rel, "truncated", detail=str(exc)[:200]))
            continue
        if "rows" in entry and rows != entry["rows"]:
            out.problems.append(Problem(rel, "row_count_mismatch", detail=str(rows), expected=str(entry["rows"])))
        table_rows[table] += rows
        by_table[table].append(path)

    counts = (out.manifest or {}).get("row_counts", {})
    for table in contract.TABLES:
        name = table.name
        if not by_table[name]:
            if not any(_table_of(rel)[0] == name for rel in present):
                out.problems.append(Problem(name, "table_missing"))
            continue
        if name in counts and counts[name] != table_rows[name] and not any(
                p.file.startswith(name) for p in out.problems):
            out.problems.append(Problem(name, "row_count_mismatch", detail=str(table_rows[name]),
                                        expected=str(counts[name])))
        if out.manifest is not None and name not in counts:
            out.problems.append(Problem("manifest.json", "manifest_key_missing", detail=f"row_counts.{name}"))
    out.readable = by_table


def _source(table: contract.Table, files: list[Path]) -> str:
    listing = "[" + ", ".join(sql_literal(str(p)) for p in files) + "]"
    hive = f", {_HIVE}" if table.partitioned_by_kab else ""
    return f"read_parquet({listing}{hive})"


def _check_schemas(con: duckdb.DuckDBPyConnection, folder: Path, out: Findings) -> None:
    """Every file's columns and DuckDB types against the contract. DuckDB describes one file of each
    distinct Parquet schema (38 partitions of a table share one); each file is still judged, by name."""
    for table in contract.TABLES:
        good = []
        described_by_schema: dict[str, list] = {}
        for path in out.readable.get(table.name, []):
            rel = path.relative_to(folder).as_posix()
            key = out.schema_keys.get(path)
            try:
                described = described_by_schema.get(key) if key is not None else None
                if described is None:
                    described = con.execute(f"DESCRIBE SELECT * FROM {_source(table, [path])}").fetchall()
                    if key is not None:
                        described_by_schema[key] = described
            except duckdb.Error as exc:
                out.problems.append(Problem(rel, "truncated", detail=str(exc).splitlines()[0][:200]))
                continue
            found = {row[0]: str(row[1]) for row in described}
            ok = True
            for col in table.columns:
                if col.name not in found:
                    out.problems.append(Problem(rel, "column_missing", column=col.name))
                    ok = False
                elif found[col.name] != col.type:
                    out.problems.append(Problem(rel, "wrong_type", column=col.name, detail=found[col.name],
                                                expected=col.type))
                    ok = False
            for name in found:
                if name not in table.names:
                    out.problems.append(Problem(rel, "column_unexpected", column=name))
                    ok = False
            if ok:
                good.append(path)
        out.readable[table.name] = good


def _column_checks(table: contract.Table, as_of: date | None) -> list[tuple[str, str, str, str]]:
    """(column, rule, SQL predicate true for a bad row, detail) from the contract."""
    checks = []
    for col in table.columns:
        c = f'"{col.name}"'
        if not col.nullable:
            checks.append((col.name, "null", f"{c} IS NULL", ""))
        if col.allowed is not None:
            values = ", ".join(sql_literal(v) if isinstance(v, str) else str(v) for v in col.allowed)
            checks.append((col.name, "allowed", f"{c} IS NOT NULL AND {c} NOT IN ({values})", ""))
        if col.pattern is not None:
            checks.append((col.name, "pattern", f"{c} IS NOT NULL AND NOT regexp_full_match({c}, "
                           f"{sql_literal(col.pattern)})", col.pattern))
        if col.bounds is not None:
            lo, hi = col.bounds
            if col.type == "DATE":
                lo_sql, hi_sql = f"DATE {sql_literal(lo)}", f"DATE {sql_literal(hi)}"
            else:
                lo_sql, hi_sql = str(lo), str(hi)
            checks.append((col.name, "bounds", f"{c} IS NOT NULL AND ({c} < {lo_sql} OR {c} > {hi_sql})",
                           f"{lo}..{hi}"))
        if col.type == "DATE" and as_of is not None and table.name in ("keluarga", "petugas"):
            checks.append((col.name, "after_as_of", f"{c} > DATE {sql_literal(as_of.isoformat())}",
                           as_of.isoformat()))
    if table.name == "keluarga":
        stages = [col for _, col in facts.STAGES]
        for earlier, later in zip(stages, stages[1:]):
            checks.append((later, "stage_order",
                           f"{later} IS NOT NULL AND ({earlier} IS NULL OR {later} < {earlier})",
                           f"{earlier} <= {later}"))
        whens = " ".join(f"WHEN {col} IS NOT NULL THEN {sql_literal(name)}" for name, col in reversed(facts.STAGES))
        status = f"CASE {whens} ELSE {sql_literal(facts.STATUS_NOT_VISITED)} END"
        checks.append(("status_dokumen", "status_inconsistent", f"status_dokumen IS DISTINCT FROM ({status})", ""))
        checks.append(("hasil_kunjungan", "outcome_inconsistent",
                       "(hasil_kunjungan IS NULL) <> (tgl_kunjungan IS NULL)", ""))
    if table.name in ("keluarga", "sls"):
        checks.append(("kec_code", "hierarchy", "left(kec_code, 4) <> kab_code", "kab_code"))
        checks.append(("desa_code", "hierarchy", "left(desa_code, 6) <> kec_code", "kec_code"))
        checks.append(("sls_id", "hierarchy", "left(sls_id, 10) <> desa_code", "desa_code"))
        checks.append(("ppl_id", "hierarchy", "left(ppl_id, 4) <> kab_code", "kab_code"))
    if table.name == "keluarga":
        checks.append(("keluarga_id", "hierarchy", "left(keluarga_id, 14) <> sls_id", "sls_id"))
    if table.name == "petugas":
        checks.append(("kec_code", "hierarchy", "left(kec_code, 4) <> kab_code", "kab_code"))
    if table.name == "anggota":
        checks.append(("keluarga_id", "hierarchy", "left(keluarga_id, 4) <> kab_code", "kab_code"))
    for level in ("kab", "kec", "desa"):
        if f"{level}_code" in table.names:
            checks.append((f"{level}_code", "unknown_code", f"{level}_code NOT IN (SELECT code FROM ref_{level})", ""))
    return checks


_KEY_EXPR = {
    "keluarga": "keluarga_id",
    "anggota": "keluarga_id || '#' || no_urut",
    "petugas": "petugas_id",
    "sls": "sls_id",
}


def _examples(con: duckdb.DuckDBPyConnection, view: str, key: str, predicate: str) -> tuple[str, ...]:
    rows = con.execute(f"SELECT {key} FROM {view} WHERE {predicate} LIMIT {EXAMPLES}").fetchall()
    return tuple(str(r[0]) for r in rows)


def _check_content(con: duckdb.DuckDBPyConnection, out: Findings, progress: Progress) -> None:
    ref = {"kab": reference.kabkota()["kab_code"], "kec": reference.kecamatan()["kec_code"],
           "desa": reference.desa()["desa_code"]}
    for level, codes in ref.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE ref_{level} AS SELECT unnest($codes) AS code",
                    {"codes": list(codes)})
    usable: dict[str, bool] = {}
    for i, table in enumerate(contract.TABLES):
        files = out.readable.get(table.name, [])
        progress(0.45 + 0.35 * i / len(contract.TABLES), f"memeriksa isi / checking contents of {table.name}")
        usable[table.name] = False
        if not files:
            continue
        view = f"v_{table.name}"
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {_source(table, files)}")
        checks = _column_checks(table, out.as_of)
        select = ", ".join(f"count_if({pred})" for _, _, pred, _ in checks)
        try:
            total, *counts = con.execute(f"SELECT count(*), {select} FROM {view}").fetchall()[0]
        except duckdb.Error as exc:
            out.problems.append(Problem(table.name, "table_unreadable", detail=str(exc).splitlines()[0][:200]))
            continue
        usable[table.name] = True
        if total == 0:
            out.problems.append(Problem(table.name, "table_empty"))
            continue
        for (column, rule, predicate, detail), bad in zip(checks, counts):
            if bad:
                out.problems.append(Problem(table.name, rule, column=column, rows=bad, detail=detail,
                                            examples=_examples(con, view, _KEY_EXPR[table.name], predicate)))
        _check_keys(con, table, view, out)
    progress(0.82, "memeriksa relasi / checking references between tables")
    _check_references(con, usable, out)
    if usable.get("keluarga") and usable.get("anggota"):
        progress(0.9, "memeriksa kualitas data / data-quality checks")
        _check_quality(con, out)


def _check_keys(con: duckdb.DuckDBPyConnection, table: contract.Table, view: str, out: Findings) -> None:
    key = {"keluarga": ("keluarga_id",), "anggota": ("keluarga_id", "no_urut"), "petugas": ("petugas_id",),
           "sls": ("sls_id",)}[table.name]
    cols = ", ".join(key)
    rows = con.execute(f"SELECT {cols}, count(*) AS n FROM {view} GROUP BY ALL HAVING n > 1").fetchall()
    if rows:
        examples = tuple("#".join(str(v) for v in r[:-1]) for r in rows[:EXAMPLES])
        out.problems.append(Problem(table.name, "duplicate_key", column=cols, rows=len(rows), examples=examples))


_REFERENCES = (
    # (table, column, parent table, predicate on the parent, detail)
    ("anggota", "keluarga_id", "keluarga", "keluarga_id", "", "keluarga"),
    ("keluarga", "ppl_id", "petugas", "petugas_id", "peran = 'PPL'", "PPL"),
    ("keluarga", "sls_id", "sls", "sls_id", "", "SLS"),
    ("sls", "ppl_id", "petugas", "petugas_id", "peran = 'PPL'", "PPL"),
    ("petugas", "supervisor_id", "petugas", "petugas_id", "peran IN ('PML', 'KOSEKA')", "PML/Koseka"),
)


def _check_references(con: duckdb.DuckDBPyConnection, usable: dict[str, bool], out: Findings) -> None:
    for table, column, parent, parent_key, where, detail in _REFERENCES:
        if not (usable.get(table) and usable.get(parent)):
            continue
        cond = f"WHERE {where}" if where else ""
        predicate = (f"{column} IS NOT NULL AND {column} NOT IN "
                     f"(SELECT {parent_key} FROM v_{parent} {cond})")
        bad = con.execute(f"SELECT count(*) FROM v_{table} WHERE {predicate}").fetchall()[0][0]
        if bad:
            out.problems.append(Problem(table, "orphan", column=column, rows=bad, detail=detail,
                                        examples=_examples(con, f"v_{table}", _KEY_EXPR[table], predicate)))


QUALITY_SQL = {
    "nik_multi_family": """
        SELECT nik AS item FROM v_anggota GROUP BY nik HAVING count(DISTINCT keluarga_id) > 1""",
    "far_geotag": f"""
        SELECT keluarga_id AS item FROM v_keluarga k JOIN ref_desa_point d USING (desa_code)
        WHERE k.lat IS NOT NULL
          AND 2 * 6371 * asin(sqrt(pow(sin(radians(k.lat - d.lat) / 2), 2)
              + cos(radians(d.lat)) * cos(radians(k.lat)) * pow(sin(radians(k.lon - d.lon) / 2), 2)))
              > {FAR_GEOTAG_KM}""",
    "odd_hour": f"""
        SELECT keluarga_id AS item FROM v_keluarga
        WHERE jam_kunjungan < TIME '{VISIT_HOURS[0]}' OR jam_kunjungan > TIME '{VISIT_HOURS[1]}'""",
    "big_household": f"SELECT keluarga_id AS item FROM v_keluarga WHERE jumlah_art > {BIG_HOUSEHOLD}",
}
_QUALITY_DETAIL = {"nik_multi_family": "", "far_geotag": str(FAR_GEOTAG_KM),
                   "odd_hour": f"{VISIT_HOURS[0][:5]}-{VISIT_HOURS[1][:5]}", "big_household": str(BIG_HOUSEHOLD)}


def _check_quality(con: duckdb.DuckDBPyConnection, out: Findings) -> None:
    desa = reference.desa()[["desa_code", "lat", "lon"]]
    con.register("ref_desa_point_df", desa)
    con.execute("CREATE OR REPLACE TEMP TABLE ref_desa_point AS SELECT * FROM ref_desa_point_df")
    con.unregister("ref_desa_point_df")
    for rule, sql in QUALITY_SQL.items():
        n, examples = con.execute(f"SELECT count(*), list(item ORDER BY item)[1:{EXAMPLES}] FROM ({sql})").fetchall()[0]
        if n:
            out.warnings.append(Problem("keluarga" if rule != "nik_multi_family" else "anggota", rule,
                                        rows=n, examples=tuple(examples or ()), detail=_QUALITY_DETAIL[rule]))


# A snapshot is checked, published and summed with bounded memory, so an ingest can run beside the app.
INGEST_MEMORY_LIMIT = "1500MB"
INGEST_THREADS = 2


def bounded_connection() -> duckdb.DuckDBPyConnection:
    """A DuckDB for the ingest's steps: bounded memory, spilling into the data folder, no row order
    kept unless a query asks for one."""
    spill = paths.data_dir() / "tmp" / "ingest"
    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET memory_limit = {sql_literal(INGEST_MEMORY_LIMIT)}")
    con.execute(f"SET threads = {INGEST_THREADS}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"SET temp_directory = {sql_literal(str(spill))}")
    return con


def validate(folder: Path, progress: Progress | None = None) -> Findings:
    """Check everything about a snapshot folder; never raises on bad input."""
    report = progress or (lambda _f, _m: None)
    out = Findings()
    report(0.0, "membaca manifest / reading the manifest")
    _check_manifest(folder, out)
    _check_files(folder, out, report)
    con = bounded_connection()
    try:
        report(0.4, "memeriksa skema / checking column types")
        _check_schemas(con, folder, out)
        _check_content(con, out, report)
    finally:
        con.close()
    return out

