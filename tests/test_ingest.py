"""Ingest publishes a valid snapshot atomically and refuses a bad one with a clear
message, leaving whatever was live untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from regsosek import audit, ingest, marts, paths, users, warehouse
from regsosek.validate import sha256_file

LATE = "2022-11-14"
EARLY = "2022-10-28"


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def warehouse_state() -> tuple[bytes, str, list[str]]:
    live = warehouse.live()
    return ((warehouse.root() / "live.json").read_bytes(), tree_digest(live.path),
            sorted(p.name for p in warehouse.snapshots_root().iterdir()))


def copy_snapshot(published, case: str, as_of: str = LATE) -> Path:
    target = published.data_dir / "bad" / case
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(published.raw[as_of], target)
    return target


def load_manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def save_manifest(folder: Path, manifest: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))


def relist(folder: Path, rel: str, count_rows: bool = True) -> None:
    """Make the manifest agree with a file as the exporter would have (size, checksum, rows)."""
    manifest = load_manifest(folder)
    path = folder / rel
    entry = manifest["files"].setdefault(rel, {})
    old_rows = entry.get("rows", 0)
    entry.update(sha256=sha256_file(path), bytes=path.stat().st_size)
    if count_rows:
        rows = pq.ParquetFile(path).metadata.num_rows
        entry["rows"] = rows
        table = rel.split("/")[0].removesuffix(".parquet")
        manifest["row_counts"][table] += rows - old_rows
    save_manifest(folder, manifest)


def rewrite(folder: Path, rel: str, table: pa.Table) -> None:
    pq.write_table(table, folder / rel)
    relist(folder, rel)


def first_partition(folder: Path, table: str = "keluarga") -> str:
    return sorted((folder / table).glob("kab_code=*/*.parquet"))[0].relative_to(folder).as_posix()


# --- bad inputs: each makes a broken copy and names the rule and a word of its message ---

def truncated_parquet(folder: Path) -> None:
    rel = first_partition(folder)
    data = (folder / rel).read_bytes()
    (folder / rel).write_bytes(data[: len(data) // 2])
    relist(folder, rel, count_rows=False)


def not_parquet(folder: Path) -> None:
    (folder / "sls.parquet").write_text("sls_id,kab_code\n350101,3501\n")
    relist(folder, "sls.parquet", count_rows=False)


def missing_column(folder: Path) -> None:
    rewrite(folder, "petugas.parquet", pq.read_table(folder / "petugas.parquet").drop_columns(["nama"]))


def wrong_type(folder: Path) -> None:
    table = pq.read_table(folder / "sls.parquet")
    i = table.column_names.index("jumlah_prelist")
    rewrite(folder, "sls.parquet", table.set_column(i, "jumlah_prelist", table["jumlah_prelist"].cast(pa.int64())))


def wrong_type_in_one_partition(folder: Path) -> None:
    """The last of a table's 38 partitions differs from the others (the first is read first)."""
    rel = sorted((folder / "anggota").glob("kab_code=*/*.parquet"))[-1].relative_to(folder).as_posix()
    table = pq.read_table(folder / rel)
    i = table.column_names.index("no_urut")
    rewrite(folder, rel, table.set_column(i, "no_urut", table["no_urut"].cast(pa.int64())))


def unknown_kab_code(folder: Path) -> None:
    for name in ("keluarga", "anggota"):
        (folder / name / "kab_code=3501").rename(folder / name / "kab_code=3599")
    manifest = load_manifest(folder)
    manifest["files"] = {k.replace("kab_code=3501", "kab_code=3599"): v for k, v in manifest["files"].items()}
    save_manifest(folder, manifest)


def visit_in_2023(folder: Path) -> None:
    rel = first_partition(folder)
    table = pq.read_table(folder / rel)
    dates = table["tgl_kunjungan"].to_pylist()
    row = next(i for i, d in enumerate(dates) if d is not None)
    dates[row] = dates[row].replace(year=2023)
    i = table.column_names.index("tgl_kunjungan")
    rewrite(folder, rel, table.set_column(i, table.schema.field(i), pa.array(dates, pa.date32())))


def duplicate_keluarga_id(folder: Path) -> None:
    rel = first_partition(folder)
    table = pq.read_table(folder / rel)
    ids = table["keluarga_id"].to_pylist()
    ids[1] = ids[0]
    i = table.column_names.index("keluarga_id")
    rewrite(folder, rel, table.set_column(i, table.schema.field(i), pa.array(ids, pa.string())))


def empty_table(folder: Path) -> None:
    rewrite(folder, "sls.parquet", pq.read_table(folder / "sls.parquet").slice(0, 0))


def manifest_counts_disagree(folder: Path) -> None:
    manifest = load_manifest(folder)
    manifest["row_counts"]["keluarga"] += 1
    save_manifest(folder, manifest)


def checksum_disagrees(folder: Path) -> None:
    manifest = load_manifest(folder)
    manifest["files"]["petugas.parquet"]["sha256"] = "0" * 64
    save_manifest(folder, manifest)


BAD_INPUTS = [
    (truncated_parquet, "truncated", "terpotong", "truncated"),
    (not_parquet, "not_parquet", "bukan berkas Parquet", "not a Parquet file"),
    (missing_column, "column_missing", "kolom nama tidak ada", "column nama is missing"),
    (wrong_type, "wrong_type", "bertipe BIGINT, seharusnya INTEGER", "has type BIGINT, expected INTEGER"),
    (wrong_type_in_one_partition, "wrong_type", "bertipe BIGINT, seharusnya TINYINT",
     "has type BIGINT, expected TINYINT"),
    (unknown_kab_code, "unknown_code", "tidak ada di referensi", "missing from the reference"),
    (visit_in_2023, "bounds", "di luar batas 2022-10-15..2022-11-14", "outside the bounds 2022-10-15..2022-11-14"),
    (duplicate_keluarga_id, "duplicate_key", "muncul lebih dari sekali", "occur more than once"),
    (empty_table, "table_empty", "Tabel sls kosong", "Table sls is empty"),
    (manifest_counts_disagree, "row_count_mismatch", "manifest mencatat", "the manifest says"),
    (checksum_disagrees, "checksum_mismatch", "Checksum sha256", "checksum of petugas.parquet"),
]


@pytest.mark.parametrize(("breaker", "rule", "text_id", "text_en"), BAD_INPUTS,
                         ids=[b[0].__name__ for b in BAD_INPUTS])
def test_bad_snapshot_refused_with_message_and_live_untouched(published, breaker, rule, text_id, text_en):
    before = warehouse_state()
    folder = copy_snapshot(published, breaker.__name__)
    breaker(folder)

    report = ingest.ingest(folder)

    assert not report.ok
    matching = [p for p in report.problems if p.rule == rule]
    assert matching, report.as_text("en")
    assert any(text_id in p.message("id") for p in matching), [p.message("id") for p in matching]
    assert any(text_en in p.message("en") for p in matching), [p.message("en") for p in matching]
    assert "Ditolak" in report.as_text("id") and "Refused" in report.as_text("en")
    assert warehouse_state() == before
    assert warehouse.live().snapshot_id == published.late_id


def test_path_outside_data_folder_refused(published, tmp_path):
    before = warehouse_state()
    outside = tmp_path / "elsewhere"
    shutil.copytree(published.raw[LATE], outside)
    sneaky = published.data_dir / ".." / outside.relative_to(tmp_path.parent.parent).as_posix()
    for path in (outside, published.data_dir / ".." / "x", sneaky, warehouse.live().path):
        report = ingest.ingest(path)
        assert not report.ok
        assert [p.rule for p in report.problems] == ["outside_data_dir"]
        assert "di luar folder data" in report.problems[0].message("id")
        assert "outside the data folder" in report.problems[0].message("en")
    assert warehouse_state() == before


def test_all_problems_collected_not_just_the_first(published):
    folder = copy_snapshot(published, "several")
    missing_column(folder)
    duplicate_keluarga_id(folder)
    manifest = load_manifest(folder)
    manifest["files"]["sls.parquet"]["sha256"] = "0" * 64
    save_manifest(folder, manifest)
    (folder / "notes.txt").write_text("not in the manifest")

    rules = {p.rule for p in ingest.ingest(folder).problems}

    assert {"column_missing", "duplicate_key", "checksum_mismatch", "file_unexpected"} <= rules


def test_huge_garbage_file_is_refused_without_reading_it(published):
    folder = copy_snapshot(published, "huge")
    rel = "sls.parquet"
    manifest = load_manifest(folder)
    with open(folder / rel, "wb") as f:
        f.truncate(4 << 30)  # sparse: 4 GB of zeros on disk in no time
    manifest["files"][rel]["bytes"] = 4 << 30
    save_manifest(folder, manifest)

    try:
        started = time.monotonic()
        report = ingest.ingest(folder)
        elapsed = time.monotonic() - started
    finally:
        shutil.rmtree(folder)  # a later copy of the data dir would write the 4 GB out densely

    assert elapsed < 10
    assert "not_parquet" in {p.rule for p in report.problems}


def test_missing_and_unparsable_manifest(published):
    folder = copy_snapshot(published, "no-manifest")
    (folder / "manifest.json").unlink()
    assert "manifest_missing" in {p.rule for p in ingest.ingest(folder).problems}
    (folder / "manifest.json").write_text("{not json")
    assert "manifest_unreadable" in {p.rule for p in ingest.ingest(folder).problems}


def test_dates_after_as_of_and_stage_order(published):
    folder = copy_snapshot(published, "stages")
    rel = first_partition(folder)
    table = pq.read_table(folder / rel)
    pml = table["tgl_periksa_pml"].to_pylist()
    visit = table["tgl_kunjungan"].to_pylist()
    row = next(i for i, (v, p) in enumerate(zip(visit, pml)) if v is not None and p is not None)
    pml[row] = visit[row] - timedelta(days=1)
    unvisited = next(i for i, v in enumerate(visit) if v is None)
    pml[unvisited] = visit[row]
    i = table.column_names.index("tgl_periksa_pml")
    rewrite(folder, rel, table.set_column(i, table.schema.field(i), pa.array(pml, pa.date32())))
    manifest = load_manifest(folder)
    manifest["as_of"] = "2022-11-01"
    save_manifest(folder, manifest)

    problems = ingest.ingest(folder).problems

    assert {("stage_order", "tgl_periksa_pml"), ("after_as_of", "tgl_kunjungan")} <= {
        (p.rule, p.column) for p in problems}


def test_published_snapshots_layout(published):
    infos = warehouse.list_snapshots()
    newest_first = sorted(published.ids.items(), reverse=True)
    assert [i.snapshot_id for i in infos] == [snapshot_id for _, snapshot_id in newest_first]
    assert warehouse.live().snapshot_id == published.late_id  # the fixture makes 14 Nov live
    warned = set()
    for info in infos:
        manifest_bytes = (published.raw[info.as_of.isoformat()] / "manifest.json").read_bytes()
        assert info.snapshot_id == f"{info.as_of}_{hashlib.sha256(manifest_bytes).hexdigest()[:8]}"
        assert (info.path / "manifest.json").read_bytes() == manifest_bytes
        assert {p.stem for p in (info.path / "marts").glob("*.parquet")} == set(marts.MARTS)
        publication = json.loads((info.path / "publication.json").read_text())
        warned |= {w["rule"] for w in publication["warnings"]}
        on_disk = {p.relative_to(info.path).as_posix(): p for p in info.path.rglob("*.parquet")}
        assert sorted(publication["files"]) == sorted(on_disk)
        for rel, entry in publication["files"].items():  # rewritten family files and copied ones alike
            assert entry == {"sha256": hashlib.sha256(on_disk[rel].read_bytes()).hexdigest(),
                             "bytes": on_disk[rel].stat().st_size}, rel
    assert warned >= {"nik_multi_family", "far_geotag"}
    assert not list(warehouse.snapshots_root().glob(".*"))


def test_file_changed_after_validation_is_not_published(published, monkeypatch):
    before = warehouse_state()
    folder = copy_snapshot(published, "changed-after-validation")
    manifest = load_manifest(folder)
    manifest["provenance"]["export"] = "changed after validation"
    save_manifest(folder, manifest)
    checked = ingest.validate.validate

    def then_changed(path, progress=None):
        findings = checked(path, progress)
        with (folder / "sls.parquet").open("r+b") as f:  # same size, one byte different
            f.seek(100)
            byte = f.read(1)
            f.seek(100)
            f.write(bytes([byte[0] ^ 0xFF]))
        return findings

    monkeypatch.setattr(ingest.validate, "validate", then_changed)
    report = ingest.ingest(folder)
    assert not report.ok
    assert [p.rule for p in report.problems] == ["publish_failed"]
    assert "sls.parquet changed while it was being published" in report.problems[0].message("en")
    assert warehouse_state() == before
    assert not [p for p in warehouse.snapshots_root().iterdir() if p.name.startswith(".")]


def test_clean_up_spares_a_folder_another_ingest_is_building(published):
    staging, owner = ingest._claim_staging("2022-11-14_in-progress")  # as an ingest building beside this one
    try:
        assert ingest.ingest(published.raw[LATE]).ok  # its clean-up of hidden folders runs first
        assert staging.is_dir()
    finally:
        owner.close()  # as when that ingest ends or is killed
    assert ingest.ingest(published.raw[LATE]).ok
    assert not staging.exists()


def test_published_families_sorted_for_pruning(published):
    info = warehouse.get(published.late_id)
    for part in (info.path / "keluarga").glob("kab_code=*/*.parquet"):
        frame = pq.read_table(part, columns=["kec_code", "desa_code", "desil"]).to_pandas()
        key = list(zip(frame["kec_code"], frame["desa_code"], frame["desil"].fillna(99)))
        assert key == sorted(key)


def test_reingest_is_idempotent(published):
    before = warehouse_state()
    report = ingest.ingest(published.raw[LATE])
    assert report.ok and report.already_published and report.live
    assert report.snapshot_id == published.late_id
    assert warehouse_state() == before
    assert ingest.ingest(published.raw[EARLY]).snapshot_id == published.early_id
    assert warehouse_state() == before


def test_failure_while_publishing_leaves_previous_state(published, monkeypatch):
    before = warehouse_state()
    folder = copy_snapshot(published, "re-export")
    manifest = load_manifest(folder)
    manifest["provenance"]["export"] = "second run"
    save_manifest(folder, manifest)

    def broken_build(staging, as_of, progress=None):
        (staging / "marts").mkdir()
        (staging / "marts" / "half.parquet").write_bytes(b"PAR1")
        raise OSError("disk full")

    monkeypatch.setattr(marts, "build", broken_build)
    report = ingest.ingest(folder)

    assert not report.ok
    assert [p.rule for p in report.problems] == ["publish_failed"]
    assert "disk full" in report.problems[0].message("en")
    assert warehouse_state() == before
    assert not [p for p in warehouse.snapshots_root().iterdir() if p.name.startswith(".")]


def test_older_snapshot_does_not_take_live(published, tmp_path, monkeypatch):
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    for as_of in (LATE, EARLY):
        shutil.copytree(published.raw[as_of], tmp_path / "incoming" / as_of)
    late = ingest.ingest(tmp_path / "incoming" / LATE)
    early = ingest.ingest(tmp_path / "incoming" / EARLY)
    assert late.ok and late.live
    assert early.ok and not early.live
    assert warehouse.live().snapshot_id == late.snapshot_id
    assert len(warehouse.list_snapshots()) == 2
    assert paths.data_dir() == tmp_path.resolve()


def test_cli_exit_codes_progress_and_audit(workdir, private_store, capsys):
    published = workdir
    assert ingest.run([str(published.raw[LATE]), "--lang", "en", "--by", "operator"]) == 0
    out = capsys.readouterr()
    assert "Published snapshot" in out.out and "%" in out.err
    folder = copy_snapshot(published, "cli-bad")
    checksum_disagrees(folder)
    assert ingest.run([str(folder)]) == 1
    assert "Ditolak" in capsys.readouterr().out
    # Both runs are in the audit log, as the admin page's ingest is: who, which folder, the outcome.
    log = audit.read_log(action="ingest")
    assert [(d["folder"], d["ok"], d["snapshot_id"]) for d in log["details"]] == [
        (str(published.raw[LATE]), True, published.ids[LATE]), (str(folder), False, None)]
    assert log["details"].iloc[0]["by"] == "operator"
    assert set(log["user"]) == {users.CLI_ACTOR[0]} and audit.check().intact


def test_symlink_out_of_the_folder_refused(published):
    folder = copy_snapshot(published, "symlink")
    (folder / "sls.parquet").unlink()
    os.symlink(published.raw[LATE] / "sls.parquet", folder / "sls.parquet")
    assert "file_outside" in {p.rule for p in ingest.ingest(folder).problems}
