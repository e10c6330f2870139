"""The published snapshots and which one is live.

Layout under paths.warehouse_dir():

    snapshots/<snapshot_id>/        one published snapshot (read-only once published)
        manifest.json               the snapshot's manifest, as ingested
        publication.json            when and by whom it was published, validation summary
        keluarga/ anggota/ petugas.parquet sls.parquet
        marts/<name>.parquet        pre-aggregated tables for the monitoring pages
    live.json                       {"snapshot_id": ...}, replaced atomically

A snapshot id is "<as_of>_<first 8 hex of the manifest sha256>".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from regsosek import files, paths

SNAPSHOT_ID_RE = re.compile(r"^\d{4}-\d{2}-\d{2}_[0-9a-f]{8}$")


@dataclass(frozen=True)
class SnapshotInfo:
    snapshot_id: str
    as_of: date
    scale: float
    workforce_full: int
    row_counts: dict
    published_at: str
    path: Path
    build_version: str = ""  # marts.build_version() of the release that published it ("" before it was recorded)
    source: str = ""  # the folder it was published from

    @property
    def is_scaled_demo(self) -> bool:
        return self.scale < 1.0


def root() -> Path:
    return paths.warehouse_dir()


def snapshots_root() -> Path:
    return root() / "snapshots"


def _info(folder: Path) -> SnapshotInfo | None:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        publication = json.loads((folder / "publication.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return SnapshotInfo(
        snapshot_id=folder.name,
        as_of=date.fromisoformat(manifest["as_of"]),
        scale=float(manifest["scale"]),
        workforce_full=int(manifest["workforce_full"]),
        row_counts=dict(manifest["row_counts"]),
        published_at=publication.get("published_at", ""),
        path=folder,
        build_version=publication.get("build_version", ""),
        source=publication.get("source", ""),
    )


def list_snapshots() -> list[SnapshotInfo]:
    """Published snapshots, newest as-of date first."""
    if not snapshots_root().is_dir():
        return []
    infos = [_info(p) for p in snapshots_root().iterdir() if p.is_dir() and SNAPSHOT_ID_RE.match(p.name)]
    return sorted((i for i in infos if i is not None), key=lambda i: (i.as_of, i.published_at), reverse=True)


def get(snapshot_id: str) -> SnapshotInfo | None:
    """A published snapshot by id; None for anything else (ids from URLs are untrusted)."""
    if not isinstance(snapshot_id, str) or not SNAPSHOT_ID_RE.match(snapshot_id):
        return None
    folder = snapshots_root() / snapshot_id
    return _info(folder) if folder.is_dir() else None


def live() -> SnapshotInfo | None:
    """The snapshot users see by default."""
    try:
        snapshot_id = json.loads((root() / "live.json").read_text(encoding="utf-8"))["snapshot_id"]
    except (OSError, ValueError, KeyError):
        return None
    return get(snapshot_id)


def write_json_atomic(path: Path, payload: dict) -> None:
    files.write_text_atomic(path, json.dumps(payload, indent=2, sort_keys=True, default=str))


def set_live(snapshot_id: str) -> None:
    if get(snapshot_id) is None:
        raise ValueError(f"not a published snapshot: {snapshot_id!r}")
    write_json_atomic(root() / "live.json", {"snapshot_id": snapshot_id})
