"""A snapshot an earlier release published (family rows or marts from other SQL, a mart missing, no build
version recorded): the app refuses to read it, with a message saying what to do, and ingesting its folder
again publishes it in its place: the same numbers, the same files, every file's checksum recorded."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from regsosek import access, db, demo, i18n, ingest, marts, paths, settings, validate, warehouse
from tests.monitoring_expected import open_page
from tests.snapshots import LIVE

PROVINCE = access.scope_for("prov", "bps_provinsi")
DROPPED = "targets_area"  # a mart coverage_by_area reads


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def published_before(info: warehouse.SnapshotInfo, source: Path) -> None:
    """Make `info` look as an earlier release left it: one mart missing, no build version recorded."""
    path = info.path / "publication.json"
    publication = json.loads(path.read_text())
    del publication["build_version"], publication["marts"][DROPPED], publication["files"][f"marts/{DROPPED}.parquet"]
    publication["source"] = str(source)
    (info.path / "marts" / f"{DROPPED}.parquet").unlink()
    path.unlink()  # replaced, not written in place: the private copy's files are links to the shared ones
    path.write_text(json.dumps(publication))
    db.reset()


@pytest.fixture
def stale(private_copy):
    """The live snapshot of a private warehouse made stale, and a copy of its source folder to ingest again."""
    data = Path(os.environ["REGSOSEK_DATA_DIR"])
    sid = private_copy.ids[LIVE.isoformat()]
    info = warehouse.get(sid)
    assert info.build_version == marts.build_version()  # as this release publishes it
    expected = db.run("coverage_by_area", PROVINCE, sid, level="kab", parent=None)
    source = data / "incoming" / LIVE.isoformat()
    shutil.copytree(private_copy.raw[LIVE.isoformat()], source)
    files = json.loads((info.path / "publication.json").read_text())["files"]
    published_before(info, source)
    return sid, info, source, expected, files


def test_stale_marts_are_refused_with_what_to_do(stale):
    sid, *_ = stale
    with pytest.raises(db.StaleSnapshot, match="ingest .*incoming"):
        db.run("coverage_by_area", PROVINCE, sid, level="kab", parent=None)
    with pytest.raises(db.StaleSnapshot):  # a mart that is still there is not read either
        db.run("progress_summary", PROVINCE, sid)


def test_a_page_says_the_snapshot_must_be_published_again_and_shows_no_number(stale, private_store):
    at = open_page("coverage", "bps_jatim")
    assert not at.exception
    assert [w.value for w in at.main.warning] == [i18n.t("mon_data_stale")]
    assert not at.main.metric and not at.main.dataframe


def test_ingesting_the_folder_again_publishes_it_in_its_place(stale):
    sid, info, source, expected, files = stale
    report = ingest.ingest(source)
    assert report.ok and report.replaced and not report.already_published and report.live
    assert "rebuilt" in report.as_text("en") and "dibangun ulang" in report.as_text("id")
    assert set(report.mart_rows) == set(marts.MARTS)
    assert warehouse.get(sid).build_version == marts.build_version()
    # Every Parquet file is the one publication.json lists, whole; no half-built folder is left.
    publication = json.loads((info.path / "publication.json").read_text())
    on_disk = sorted(p.relative_to(info.path).as_posix() for p in info.path.rglob("*.parquet"))
    assert on_disk == sorted(publication["files"])
    for rel, entry in publication["files"].items():
        assert validate.sha256_file(info.path / rel) == entry["sha256"], rel
    assert publication["files"] == files  # the same files as this release first published, byte for byte
    assert not [p.name for p in warehouse.snapshots_root().iterdir() if p.name.startswith(".")]
    db.reset()
    pd.testing.assert_frame_equal(db.run("coverage_by_area", PROVINCE, sid, level="kab", parent=None), expected)
    again = ingest.ingest(source)
    assert again.ok and again.already_published and not again.replaced
    assert "nothing changed" in again.as_text("en")


def test_a_failed_republish_leaves_the_snapshot_as_it_was_and_nothing_half_built(stale, monkeypatch):
    sid, info, source, *_ = stale
    before = digest(info.path)

    def fails(*_a, **_k):
        raise OSError("disk gone")

    monkeypatch.setattr(marts, "build", fails)
    report = ingest.ingest(source)
    assert not report.ok and [p.rule for p in report.problems] == ["publish_failed"]
    assert digest(info.path) == before
    assert not [p.name for p in warehouse.snapshots_root().iterdir() if p.name.startswith(".")]
    with pytest.raises(db.StaleSnapshot):
        db.run("progress_summary", PROVINCE, sid)


def test_the_demo_command_rebuilds_stale_marts_of_published_snapshots(stale):
    sid, info, *_ = stale
    demo.ensure_demo()
    assert warehouse.get(sid).build_version == marts.build_version()
    db.reset()
    assert not db.run("progress_summary", PROVINCE, sid).empty


@pytest.fixture
def queries_copy(tmp_path, monkeypatch):
    """The build version computed over a copy of queries/ (which a test may change), cleared before and after."""
    original = marts.build_version()
    shutil.copytree(paths.QUERIES_DIR, tmp_path / "queries")
    monkeypatch.setattr(paths, "QUERIES_DIR", tmp_path / "queries")
    monkeypatch.setattr(marts, "MARTS_DIR", tmp_path / "queries" / "marts")
    monkeypatch.setattr(marts, "MACROS_DIR", tmp_path / "queries" / "macros")
    marts.build_version.cache_clear()
    assert marts.build_version() == original  # where the files lie does not count, only what they say
    marts.build_version.cache_clear()
    yield tmp_path / "queries"
    marts.build_version.cache_clear()


@pytest.mark.parametrize("change", ["ingest", "mart", "macro", "threshold"])
def test_the_build_version_follows_what_builds_a_snapshot(queries_copy, monkeypatch, change):
    before = marts.build_version()
    marts.build_version.cache_clear()
    if change == "ingest":  # the SQL that writes the published family rows
        with (queries_copy / "ingest" / "published_keluarga.sql").open("a") as f:
            f.write("\n-- changed\n")
    elif change == "mart":
        with (queries_copy / "marts" / "officers.sql").open("a") as f:
            f.write("\n-- changed\n")
    elif change == "macro":  # a macro a mart calls (reach_kec: programme_reached)
        with (queries_copy / "macros" / "programme_reach.sql").open("a") as f:
            f.write("\n-- changed\n")
    else:
        monkeypatch.setattr(settings, "BACKLOG_DAYS", settings.BACKLOG_DAYS + 1)
    assert marts.build_version() != before
