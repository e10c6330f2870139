"""Users file, passwords, lockout and the user CLI, on a throwaway data directory."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from regsosek import access, auth, users

ROOT = Path(__file__).resolve().parents[1]


def run_cli(data_dir: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, REGSOSEK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "regsosek", "user", *args], input=password,
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_demo_users_cover_every_role_with_hashed_passwords(data_dir):
    config = yaml.safe_load((data_dir / "users.yaml").read_text())
    rows = config["credentials"]["usernames"]
    assert {row["role"] for row in rows.values()} == set(access.ROLES)
    for demo in users.DEMO_USERS:
        stored = rows[demo.username]["password"]
        assert stored.startswith("$2b$") and demo.password not in stored
    assert rows["bps_surabaya"]["kab_codes"] == ["3578"]
    assert rows["csr_madura"]["kab_codes"] == ["3526", "3527", "3528", "3529"]
    assert stat.S_IMODE((data_dir / "users.yaml").stat().st_mode) == 0o600


def test_demo_users_are_not_rewritten_when_the_file_exists(data_dir):
    before = (data_dir / "users.yaml").read_bytes()
    assert users.ensure_demo_users() is False
    assert (data_dir / "users.yaml").read_bytes() == before


def test_right_password_signs_in_and_gives_the_scope_of_the_row(data_dir):
    result = auth.check_login("  BPS_Surabaya ", "bps-surabaya-22")
    assert result.outcome is auth.Outcome.OK and result.username == "bps_surabaya"
    scope = auth.scope_of("bps_surabaya")
    assert scope == access.Scope("bps_surabaya", "bps_kabkota", ("3578",))
    assert auth.scope_of("gubernur").is_province_wide


def test_wrong_password_and_unknown_user_are_indistinguishable(data_dir):
    wrong = auth.check_login("gubernur", "not-the-password")
    unknown = auth.check_login("no_such_user", "not-the-password")
    assert wrong.outcome is unknown.outcome is auth.Outcome.FAILED


def test_five_failures_lock_the_username_even_for_the_right_password(data_dir):
    for _ in range(auth.MAX_FAILURES - 1):
        assert auth.check_login("gubernur", "wrong-password").outcome is auth.Outcome.FAILED
    locked = auth.check_login("gubernur", "wrong-password")
    assert locked.outcome is auth.Outcome.LOCKED and 0 < locked.retry_after_seconds <= auth.LOCK_SECONDS
    assert auth.check_login("gubernur", "gubernur-jatim-22").outcome is auth.Outcome.LOCKED
    # Other users are not affected, and the lock is kept on disk, not in one browser session.
    assert auth.check_login("bps_jatim", "bps-jatim-22").outcome is auth.Outcome.OK
    assert (data_dir / "auth" / "login_failures.json").exists()


def test_unknown_usernames_lock_the_same_way(data_dir):
    for _ in range(auth.MAX_FAILURES):
        auth.check_login("ghost", "whatever-password")
    assert auth.check_login("ghost", "whatever-password").outcome is auth.Outcome.LOCKED


def test_success_clears_earlier_failures(data_dir):
    for _ in range(auth.MAX_FAILURES - 1):
        auth.check_login("admin", "wrong-password")
    assert auth.check_login("admin", "admin-regsosek-22").outcome is auth.Outcome.OK
    assert auth.check_login("admin", "wrong-password").outcome is auth.Outcome.FAILED


def test_logout_revokes_cookies_issued_before_it(data_dir):
    issued = {"username": "gubernur", "exp_date": time.time() + auth.COOKIE_EXPIRY_DAYS * 86_400}
    assert auth.cookie_still_valid(issued)
    auth.record_logout("gubernur")
    assert not auth.cookie_still_valid(issued)
    assert not auth.cookie_still_valid({"username": "gubernur"})


def test_cookie_secret_is_generated_once_owner_only(data_dir):
    key = auth.cookie_key()
    path = Path.cwd() / ".streamlit" / "secrets.toml"
    assert len(key.encode()) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert auth.cookie_key() == key


def test_cookie_secret_too_short_is_refused(data_dir):
    path = Path.cwd() / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    path.write_text('[auth]\ncookie_key = "short"\n')
    with pytest.raises(RuntimeError, match="32 bytes"):
        auth.cookie_key()


def test_cli_add_passwd_list_round_trip(tmp_path, monkeypatch):
    added = run_cli(tmp_path, "add", "csr_tapal", "--role", "mitra_csr", "--name", "Yayasan Tapal Kuda",
                    "--kab", "3511", "--kab", "3512", "--programme", "pkh", "--password-stdin",
                    password="first-password-1\n")
    assert added.returncode == 0, added.stderr
    stored = yaml.safe_load((tmp_path / "users.yaml").read_text())["credentials"]["usernames"]["csr_tapal"]
    assert stored["role"] == "mitra_csr" and stored["kab_codes"] == ["3511", "3512"]
    assert stored["programmes"] == ["pkh"]
    assert "first-password-1" not in (tmp_path / "users.yaml").read_text()

    changed = run_cli(tmp_path, "passwd", "csr_tapal", "--password-stdin", password="second-password-2\n")
    assert changed.returncode == 0, changed.stderr
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    assert auth.check_login("csr_tapal", "second-password-2").outcome is auth.Outcome.OK
    assert auth.check_login("csr_tapal", "first-password-1").outcome is auth.Outcome.FAILED

    listed = run_cli(tmp_path, "list")
    assert listed.returncode == 0
    assert "csr_tapal\tmitra_csr\tYayasan Tapal Kuda\t3511,3512\tpkh" in listed.stdout
    assert "$2b$" not in listed.stdout


@pytest.mark.parametrize("args, message", [
    (("--role", "bupati", "--name", "X"), "invalid choice"),
    (("--role", "bps_kabkota", "--name", "X", "--kab", "3599"), "unknown kab/kota"),
    (("--role", "bps_kabkota", "--name", "X"), "needs at least one --kab"),
    (("--role", "gubernur", "--name", "X", "--kab", "3578"), "does not apply"),
    (("--role", "bps_provinsi", "--name", "X", "--programme", "pkh"), "mitra_csr only"),
])
def test_cli_refuses_invalid_role_or_kab(tmp_path, args, message):
    result = run_cli(tmp_path, "add", "someone", *args, "--password-stdin", password="long-enough-pw\n")
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "users.yaml").exists()


def test_cli_refuses_short_password_and_duplicate_user(tmp_path):
    short = run_cli(tmp_path, "add", "pendek", "--role", "admin", "--name", "X", "--password-stdin", password="abc\n")
    assert short.returncode == 1 and "at least" in short.stderr
    ok = run_cli(tmp_path, "add", "dua", "--role", "admin", "--name", "X", "--password-stdin", password="long-enough\n")
    assert ok.returncode == 0
    again = run_cli(tmp_path, "add", "dua", "--role", "admin", "--name", "Y", "--password-stdin",
                    password="long-enough\n")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_secret_files_are_created_once_whole_and_owner_only(tmp_path):
    """Racing first users all read the one complete secret; none reads a file still being written."""
    from concurrent.futures import ThreadPoolExecutor

    from regsosek import files

    path = tmp_path / "secret.key"
    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda i: files.create_once(path, bytes([i]) * 32), range(32)))
    assert len(set(seen)) == 1 and len(seen[0]) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name != "secret.key"]  # no temp files left
