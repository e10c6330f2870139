"""python -m regsosek ingest SNAPSHOT_DIR: validate a snapshot folder and publish it.

Publishing is all or nothing. The folder is validated completely first; then it is
copied into a hidden folder beside the published snapshots (same filesystem),
the copies are checked against the manifest again, family rows get their member
columns and are sorted for pruning, the marts are built and publication.json written, and only then is the
folder renamed into place (atomic). The building runs outside the publish lock, so two ingests build
side by side; the hidden folder holds a lock of its own, so a clean-up removes only a killed ingest's.
A failure at any step removes the hidden folder: the warehouse is as it was. The new snapshot becomes
live when it is the newest as-of date (or nothing is live yet); earlier snapshots are kept.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import hashlib
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

import duckdb

from regsosek import marts, paths, settings, validate, warehouse
from regsosek.validate import Problem

Progress = Callable[[float, str], None]

_STAGING_PREFIX = ".incoming-"
_OWNER = ".owner"
_DISK_FULL_TEXTS = ("no space left on device", "disk quota exceeded")


class NotEnoughSpace(Exception):
    """The warehouse's filesystem lacks the room a snapshot needs; nothing was written."""

    def __init__(self, folder: Path, free: int, needed: int) -> None:
        super().__init__(f"{folder}: {free} bytes free, {needed} needed")
        self.folder, self.free, self.needed = folder, free, needed


def _space_needed(manifest: dict) -> int:
    snapshot_bytes = sum(int(entry.get("bytes", 0)) for entry in manifest["files"].values())
    return int(snapshot_bytes * settings.INGEST_FREE_SPACE_FACTOR)


def _check_free_space(folder: Path, needed: int) -> None:
    """Refuse unless the filesystem has `needed` bytes beyond what the ingests building now still claim.

    Called under the publish lock: each running ingest's staging folder records what it claimed (its
    `.owner` file), and what it has written so far is already off the filesystem's free space, so only the
    rest of each claim is counted against this one."""
    free = shutil.disk_usage(folder).free - sum(_still_claimed(staging)
                                                for staging in warehouse.snapshots_root().glob(f"{_STAGING_PREFIX}*"))
    if free < needed:
        raise NotEnoughSpace(folder, max(free, 0), needed)


def _still_claimed(staging: Path) -> int:
    """Bytes an ingest claimed for its staging folder and has not written yet. (Abandoned folders are
    removed under the same lock just before the check.)"""
    try:
        claimed = int((staging / _OWNER).read_text() or 0)
    except (OSError, ValueError):
        return 0
    written = sum(f.stat().st_size for f in staging.rglob("*") if f.is_file())
    return max(claimed - written, 0)


def _disk_full(exc: BaseException | None) -> bool:
    """ENOSPC or a quota, as an OSError (Python, pyarrow) or in the text of a DuckDB error."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(text in str(exc).lower() for text in _DISK_FULL_TEXTS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _mib(size: int) -> str:
    return f"{-(-size // (1 << 20))} MiB"


@dataclass
class Report:
    """Outcome of one ingest, for the CLI and the admin page."""

    ok: bool
    snapshot_id: str | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    already_published: bool = False
    live: bool = False
    seconds: float = 0.0
    mart_rows: dict[str, int] = field(default_factory=dict)
    replaced: bool = False  # an earlier release had published it: published again, in its place

    def as_text(self, lang: str = "id") -> str:
        en = lang != "id"
        if self.ok:
            head = (f"Published snapshot {self.snapshot_id}" if en else f"Snapshot {self.snapshot_id} dipublikasikan")
            if self.replaced:
                head += (" again: an earlier version had published it; it is now rebuilt by this version" if en
                         else " ulang: versi sebelumnya pernah memublikasikannya; kini dibangun ulang oleh versi ini")
            elif self.already_published:
                head += " (already published, nothing changed)" if en else " (sudah ada, tidak ada perubahan)"
            if self.live:
                head += "; it is live." if en else "; kini berlaku (live)."
            else:
                head += "; a newer snapshot stays live." if en else "; snapshot yang lebih baru tetap berlaku."
        else:
            head = (f"Refused: {len(self.problems)} problem(s); nothing was published." if en
                    else f"Ditolak: {len(self.problems)} masalah; tidak ada yang dipublikasikan.")
        lines = [head]
        lines += [f"  x {p.message(lang)}" for p in self.problems]
        if self.warnings:
            lines.append("Data-quality warnings (published):" if en
                         else "Peringatan kualitas data (tetap dipublikasikan):")
            lines += [f"  ! {w.message(lang)}" for w in self.warnings]
        lines.append(f"{self.seconds:.1f} s")
        return "\n".join(lines)


def snapshot_id_for(as_of: date, manifest_bytes: bytes) -> str:
    return f"{as_of.isoformat()}_{hashlib.sha256(manifest_bytes).hexdigest()[:8]}"


@contextmanager
def _publish_lock() -> Iterator[None]:
    """One publisher at a time per warehouse (CLI and admin page may race)."""
    warehouse.root().mkdir(parents=True, exist_ok=True)
    with (warehouse.root() / ".ingest.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copy_verified(source: Path, staging: Path, manifest: dict) -> dict[str, dict]:
    """Copy every listed file and check the bytes copied, so what is published is what was validated.
    Hashing while copying reads each file once; returns the copies' checksums and sizes."""
    copied = {}
    for rel, entry in manifest["files"].items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with (source / rel).open("rb") as src, target.open("wb") as dst:
            for block in iter(lambda: src.read(1 << 20), b""):
                digest.update(block)
                dst.write(block)
        if digest.hexdigest() != entry["sha256"]:
            raise RuntimeError(f"{rel} changed while it was being published")
        copied[rel] = {"sha256": entry["sha256"], "bytes": target.stat().st_size}
    shutil.copyfile(source / "manifest.json", staging / "manifest.json")
    return copied


# One definition of the published family rows: the snapshot's keluarga plus per-family member counts.
PUBLISHED_KELUARGA_SQL = paths.QUERIES_DIR / "ingest" / "published_keluarga.sql"
# Regencies are rewritten by this many DuckDB cursors at once (small regencies cost mostly per-statement time).
FAMILY_WRITERS = 2


def _publish_families(staging: Path) -> None:
    """Rewrite each keluarga partition with its member columns (published_keluarga.sql), one regency at
    a time per writer, ordered by kecamatan, desa and desil so row-group statistics let DuckDB skip most
    of a regency when a target list asks for one area or desil range."""
    lit = validate.sql_literal
    sql = PUBLISHED_KELUARGA_SQL.read_text(encoding="utf-8")
    all_persons = lit(str(staging / "anggota" / "*" / "*.parquet"))
    parts = sorted((staging / "keluarga").glob("kab_code=*/*.parquet"))

    def rewrite(cursor: duckdb.DuckDBPyConnection, part: Path) -> None:
        kab = part.parent.name.removeprefix("kab_code=")
        persons = sorted((staging / "anggota" / part.parent.name).glob("*.parquet"))
        cursor.execute(f"CREATE OR REPLACE TEMP VIEW keluarga_part AS SELECT * FROM read_parquet({lit(str(part))},"
                       " hive_partitioning = false)")
        if persons:  # the regency's own files: no listing and filtering of every regency's folder
            listing = "[" + ", ".join(lit(str(p)) for p in persons) + "]"
            cursor.execute("CREATE OR REPLACE TEMP VIEW anggota_part AS SELECT * FROM read_parquet("
                           f"{listing}, hive_partitioning = false)")
        else:
            cursor.execute(f"CREATE OR REPLACE TEMP VIEW anggota_part AS SELECT * FROM read_parquet({all_persons},"
                           " hive_partitioning = true, hive_types = {'kab_code': 'VARCHAR'})"
                           f" WHERE kab_code = {lit(kab)}")
        published = part.with_suffix(".sorted")
        cursor.execute(f"COPY ({sql}) TO {lit(str(published))} (FORMAT parquet, COMPRESSION zstd,"
                       " ROW_GROUP_SIZE 122880)")
        os.replace(published, part)

    def writer(share: list[Path]) -> None:
        cursor = con.cursor()  # its own temp views; the memory limit is the connection's, shared
        try:
            for part in share:
                rewrite(cursor, part)
        finally:
            cursor.close()

    con = validate.bounded_connection()
    try:
        with ThreadPoolExecutor(FAMILY_WRITERS) as pool:
            for done in [pool.submit(writer, parts[i::FAMILY_WRITERS]) for i in range(FAMILY_WRITERS)]:
                done.result()
    finally:
        con.close()


def _published_files(staging: Path, known: dict[str, dict]) -> dict[str, dict]:
    """Checksums of the published files; `known` holds those of files unchanged since they were copied."""
    files = {}
    for p in sorted(staging.rglob("*.parquet")):
        rel = p.relative_to(staging).as_posix()
        files[rel] = known.get(rel) or {"sha256": validate.sha256_file(p), "bytes": p.stat().st_size}
    return files


def _claim_staging(snapshot_id: str, claimed: int = 0) -> tuple[Path, IO]:
    """A hidden folder beside the published snapshots to build one in, held by this ingest: its `.owner`
    file stays locked while the ingest runs (the kernel drops the lock when the process dies), so a
    concurrent ingest's clean-up leaves it alone and the next one after a kill removes it. The file holds
    the bytes this ingest claimed, which a concurrent ingest's free-space check counts as taken."""
    staging = warehouse.snapshots_root() / f"{_STAGING_PREFIX}{snapshot_id}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    owner = (staging / _OWNER).open("w")
    fcntl.flock(owner, fcntl.LOCK_EX)
    owner.write(str(claimed))
    owner.flush()
    return staging, owner


def _abandoned(staging: Path) -> bool:
    """True for a hidden folder no running ingest holds (its ingest was killed, or it is not a staging)."""
    try:
        with (staging / _OWNER).open("r") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return True


def _build(source: Path, findings: validate.Findings, snapshot_id: str, published_by: str, staging: Path,
           progress: Progress) -> dict[str, int]:
    """Everything a published snapshot holds, built in its staging folder (outside the publish lock, so
    two ingests build side by side)."""
    progress(0.65, "menyalin berkas / copying files")
    copied = _copy_verified(source, staging, findings.manifest)
    progress(0.75, "mengurutkan keluarga / sorting family rows")
    _publish_families(staging)
    unchanged = {rel: entry for rel, entry in copied.items() if not rel.startswith("keluarga/")}
    mart_rows = marts.build(staging, findings.as_of,
                            progress=lambda f, m: progress(0.8 + 0.15 * f, f"membangun / building {m}"))
    warehouse.write_json_atomic(staging / "publication.json", {
        "snapshot_id": snapshot_id,
        "published_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "published_by": published_by,
        "source": str(source),
        "warnings": [{"rule": w.rule, "rows": w.rows, "examples": list(w.examples),
                      "id": w.message("id"), "en": w.message("en")} for w in findings.warnings],
        "marts": mart_rows,
        "build_version": marts.build_version(),
        "files": _published_files(staging, unchanged),
    })
    return mart_rows


def _failure(exc: BaseException, snapshot_id: str) -> Problem:
    if _disk_full(exc):  # DuckDB's message is long JSON: name the cause, the folder is the Problem's file
        return Problem(str(warehouse.root()), "disk_full", detail=f"{type(exc).__name__}: No space left on device")
    text = str(exc).strip()
    detail = f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"[:300]
    return Problem(snapshot_id, "publish_failed", detail=detail)


def _unpublish(snapshot_id: str) -> None:
    """Take back a snapshot that could not be made live: hide it first (atomic), then remove it."""
    hidden = warehouse.snapshots_root() / f"{_STAGING_PREFIX}{snapshot_id}-{uuid.uuid4().hex[:8]}"
    os.rename(warehouse.snapshots_root() / snapshot_id, hidden)
    shutil.rmtree(hidden, ignore_errors=True)


def _no_room(exc: NotEnoughSpace, started: float, warnings: list[Problem], snapshot_id: str) -> Report:
    return _refused([Problem(str(exc.folder), "disk_space", detail=_mib(exc.free), expected=_mib(exc.needed))],
                    started, warnings, snapshot_id)


def _refused(problems: list[Problem], started: float, warnings: list[Problem] | None = None,
             snapshot_id: str | None = None) -> Report:
    return Report(ok=False, snapshot_id=snapshot_id, problems=problems, warnings=warnings or [],
                  seconds=time.monotonic() - started)


def ingest(path: str | os.PathLike, progress: Progress | None = None, published_by: str = "cli") -> Report:
    """Validate a snapshot folder and publish it; never raises on bad input."""
    started = time.monotonic()
    report = progress or (lambda _f, _m: None)
    folder = Path(path).resolve()
    data_dir = paths.data_dir()
    if not folder.is_relative_to(data_dir) or folder.is_relative_to(warehouse.root()):
        return _refused([Problem(str(path), "outside_data_dir")], started)
    if not folder.is_dir():
        return _refused([Problem(str(path), "not_a_folder")], started)

    findings = validate.validate(folder, progress=lambda f, m: report(0.6 * f, m))
    if findings.problems:
        return _refused(findings.problems, started, findings.warnings)
    snapshot_id = snapshot_id_for(findings.as_of, findings.manifest_bytes)

    mart_rows: dict[str, int] = {}
    with _publish_lock():
        for stale in warehouse.snapshots_root().glob(f"{_STAGING_PREFIX}*"):
            if _abandoned(stale):
                shutil.rmtree(stale, ignore_errors=True)
        for stale in warehouse.root().glob(".live.json.*.tmp"):  # a set_live killed before its rename
            stale.unlink(missing_ok=True)
        published = warehouse.get(snapshot_id)
        # Published by an earlier release (the app refuses to read it): built again in full, then swapped in.
        replacing = published is not None and published.build_version != marts.build_version()
        already = published is not None and not replacing
        if not already:
            try:
                needed = _space_needed(findings.manifest)
                _check_free_space(warehouse.root(), needed)
                staging, owner = _claim_staging(snapshot_id, needed)
            except NotEnoughSpace as exc:
                return _no_room(exc, started, findings.warnings, snapshot_id)
            except Exception as exc:  # noqa: BLE001 - any failure is reported, the warehouse is untouched
                return _refused([_failure(exc, snapshot_id)], started, findings.warnings, snapshot_id)

    if not already:
        try:
            mart_rows = _build(folder, findings, snapshot_id, published_by, staging, report)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            owner.close()
            if not isinstance(exc, Exception):
                raise
            return _refused([_failure(exc, snapshot_id)], started, findings.warnings, snapshot_id)

    with _publish_lock():
        if not already:
            target = warehouse.snapshots_root() / snapshot_id
            earlier = warehouse.snapshots_root() / f"{_STAGING_PREFIX}{snapshot_id}-replaced-{uuid.uuid4().hex[:8]}"
            try:
                now = warehouse.get(snapshot_id)
                if now is not None and now.build_version == marts.build_version():  # by another ingest meanwhile
                    already, replacing = True, False
                    shutil.rmtree(staging, ignore_errors=True)
                else:
                    report(0.97, "memindahkan ke tempatnya / moving into place")
                    (staging / _OWNER).unlink()  # under the lock: no clean-up can run before the rename
                    if now is not None:  # an earlier release's build: set aside first, removed once replaced
                        os.rename(target, earlier)
                    os.rename(staging, target)
                    shutil.rmtree(earlier, ignore_errors=True)
            except Exception as exc:  # noqa: BLE001 - any failure is reported, the warehouse is as it was
                if earlier.exists() and not target.exists():
                    os.rename(earlier, target)
                shutil.rmtree(staging, ignore_errors=True)
                return _refused([_failure(exc, snapshot_id)], started, findings.warnings, snapshot_id)
            finally:
                owner.close()
        current = warehouse.live()
        if current is None or current.snapshot_id == snapshot_id or findings.as_of >= current.as_of:
            try:
                warehouse.set_live(snapshot_id)
            except OSError as exc:  # live.json is replaced atomically: the old one still holds
                if not already and not replacing:  # (a replaced snapshot stays: it was published before)
                    _unpublish(snapshot_id)
                return _refused([_failure(exc, snapshot_id)], started, findings.warnings, snapshot_id)
        is_live = warehouse.live() is not None and warehouse.live().snapshot_id == snapshot_id
    report(1.0, "selesai / done")
    return Report(ok=True, snapshot_id=snapshot_id, warnings=findings.warnings, already_published=already,
                  live=is_live, seconds=time.monotonic() - started, mart_rows=mart_rows, replaced=replacing)


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek ingest", description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="snapshot folder inside the data folder (REGSOSEK_DATA_DIR)")
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--by", default=os.environ.get("USER", "cli"), help="who publishes (recorded)")
    args = parser.parse_args(argv)

    def show(fraction: float, message: str) -> None:
        print(f"{fraction:6.1%}  {message}", file=sys.stderr, flush=True)

    result = ingest(args.folder, progress=show, published_by=args.by)
    print(result.as_text(args.lang))
    # Audited like the admin page's ingest (same action and details), by the command line's actor.
    from regsosek import audit, users

    audit.record(*users.CLI_ACTOR, "ingest", {"folder": str(args.folder), "ok": result.ok, "by": args.by,
                                              "snapshot_id": result.snapshot_id if result.ok else None})
    return 0 if result.ok else 1
