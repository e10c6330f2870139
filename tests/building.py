"""Folders the tests build once per run and share between pytest-xdist workers (`shared_build`)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the shared builds are made by: a change to any of it (the generator, ingest, the marts, the reference
# data, the users code or this file) makes a different key, and so a fresh build.
_BUILD_INPUTS = ("regsosek", "queries", "data/reference", "tests/conftest.py", "tests/snapshots.py",
                 "tests/building.py", "tests/browser/conftest.py")


def _inputs_key() -> str:
    digest = hashlib.sha256()
    for name in _BUILD_INPUTS:
        top = ROOT / name
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder made by `build(folder)` once per test run, whatever the number of pytest-xdist workers.

    The first worker to ask builds it under a file lock in the run's temporary folder (a worker's own base
    folder sits inside it) and renames it into place whole; the others wait on the lock and find it built.
    Its name carries a digest of the code that builds it. The folder is for copying and reading only: each
    worker copies what it will write into (see `published`)."""
    base = tmp_path_factory.getbasetemp()
    run_root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = run_root / "shared-builds"
    root.mkdir(exist_ok=True)
    target = root / f"{name}-{_inputs_key()}"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_dir():
            partial = root / f".{target.name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            build(partial)
            partial.rename(target)
    return target
