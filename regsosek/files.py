"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _write_aside(path: Path, data: bytes, mode: int | None) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if mode is not None:
            os.fchmod(fd, mode)  # before any byte is written: the file may hold a secret
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_text_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write aside, fsync, rename: a reader sees the old file or the new one."""
    tmp = _write_aside(path, text.encode("utf-8"), mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_once(path: Path, data: bytes, mode: int = 0o600) -> bytes:
    """Create `path` with `data` unless it exists, and return what it holds. When several callers
    race, the first complete file wins (hard link, which fails if the name is taken) and no one
    ever reads a file that is still being written."""
    if not path.exists():
        tmp = _write_aside(path, data, mode)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            Path(tmp).unlink(missing_ok=True)
    return path.read_bytes()
