"""Shared fixtures: a throwaway data directory holding the demo users."""

from __future__ import annotations

import shutil

import pytest

from regsosek import users


@pytest.fixture(scope="session")
def demo_users_file(tmp_path_factory):
    """Hashing the demo passwords takes a second or two; do it once and copy the file."""
    data_dir = tmp_path_factory.mktemp("demo_users")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        users.ensure_demo_users()
    return data_dir / "users.yaml"


@pytest.fixture
def data_dir(tmp_path, monkeypatch, demo_users_file):
    """REGSOSEK_DATA_DIR with the demo users, and a working directory for the generated cookie secret."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(demo_users_file, data / "users.yaml")
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return data
