"""The users file and the user CLI: no account appears by itself, and every change ends old sign-ins."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit_authenticator.utilities import Hasher
from test_auth import signed_in_cookie

from regsosek import access, auth, demo, i18n, store, users
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(data_dir: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    """`python -m regsosek user ...` on `data_dir`, run in this process (tests/inprocess.py; the real process
    is tests/test_store.py's), from `data_dir` as its working directory (its audit key is written there)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGSOSEK_DATA_DIR", str(data_dir))
        mp.chdir(data_dir)
        return run_main("user", *args, stdin=password)


def stored_users(data_dir: Path) -> dict:
    """The users table of the data folder's app database, read with sqlite3 (not through the code under test)."""
    path = data_dir / store.FILE_NAME
    if not path.exists():
        return {}
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM users").fetchall()
    return {row["username"]: {**dict(row), "password": row["password_hash"], "kab_codes": json.loads(row["kab_codes"]),
                              "programmes": json.loads(row["programmes"]), "demo": bool(row["demo"])}
            for row in rows}


def test_demo_users_cover_every_role_with_hashed_passwords_and_are_marked_demo(data_dir):
    rows = stored_users(data_dir)
    assert {row["role"] for row in rows.values()} == set(access.ROLES)
    for demo_user in users.DEMO_USERS:
        stored = rows[demo_user.username]["password"]
        assert stored.startswith("$2b$") and demo_user.password not in stored
        assert rows[demo_user.username]["demo"] is True
    assert rows["bps_surabaya"]["kab_codes"] == ["3578"]
    assert rows["csr_madura"]["kab_codes"] == ["3526", "3527", "3528", "3529"]
    assert stat.S_IMODE((data_dir / store.FILE_NAME).stat().st_mode) == 0o600
    assert all(row.demo for row in users.list_users())


def test_demo_users_are_not_rewritten_when_there_are_users(data_dir):
    before = stored_users(data_dir)
    assert users.ensure_demo_users() is False
    assert stored_users(data_dir) == before


@pytest.mark.parametrize("page_id", [access.HOME, access.ADMIN])
def test_a_page_view_without_users_creates_no_account(tmp_path, monkeypatch, page_id):
    """Issue 16 #1: the next anonymous page view used to write the demo accounts back, admin included."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(ROOT / "pages" / f"{page_id}.py"), default_timeout=30).run()
    assert stored_users(data) == {}
    assert [w.value for w in at.main.warning] == [i18n.t("login_no_users")]

    at.text_input(key="shell_login_username").input("admin")
    at.text_input(key="shell_login_password").input("admin-regsosek-22")
    at.main.button[0].click().run()
    assert stored_users(data) == {}
    assert [e.value for e in at.main.error] == [i18n.t("login_failed")]
    assert [title.value for title in at.main.title] == [i18n.t("app_title")]
    assert auth.check_login("admin", "admin-regsosek-22").outcome is not auth.Outcome.OK


def test_the_demo_command_writes_the_demo_accounts_only_when_there_are_no_users(tmp_path, monkeypatch):
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(demo, "ensure_demo", lambda *args, **kwargs: None)  # the snapshots are not the point
    assert demo.run([]) == 0
    assert {row.username for row in users.list_users()} == {u.username for u in users.DEMO_USERS}

    users.delete_user("admin")
    assert demo.run([]) == 0
    assert "admin" not in {row.username for row in users.list_users()}


def test_cli_add_passwd_delete_list_round_trip(tmp_path, monkeypatch):
    added = run_cli(tmp_path, "add", "csr_tapal", "--role", "mitra_csr", "--name", "Yayasan Tapal Kuda",
                    "--kab", "3511", "--kab", "3512", "--programme", "pkh", "--password-stdin",
                    password="first-password-1\n")
    assert added.returncode == 0, added.stderr
    stored = stored_users(tmp_path)["csr_tapal"]
    assert stored["role"] == "mitra_csr" and stored["kab_codes"] == ["3511", "3512"]
    assert stored["programmes"] == ["pkh"]
    assert stored["demo"] is False
    assert b"first-password-1" not in (tmp_path / store.FILE_NAME).read_bytes()

    changed = run_cli(tmp_path, "passwd", "csr_tapal", "--password-stdin", password="second-password-2\n")
    assert changed.returncode == 0, changed.stderr
    assert stored_users(tmp_path)["csr_tapal"]["generation"] != stored["generation"]
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    assert auth.check_login("csr_tapal", "second-password-2").outcome is auth.Outcome.OK
    assert auth.check_login("csr_tapal", "first-password-1").outcome is auth.Outcome.FAILED

    listed = run_cli(tmp_path, "list")
    assert listed.returncode == 0
    assert "csr_tapal\tmitra_csr\tYayasan Tapal Kuda\t3511,3512\tpkh\t-" in listed.stdout
    assert "$2b$" not in listed.stdout

    deleted = run_cli(tmp_path, "delete", "csr_tapal")
    assert deleted.returncode == 0, deleted.stderr
    assert "csr_tapal" not in stored_users(tmp_path)
    assert auth.check_login("csr_tapal", "second-password-2").outcome is auth.Outcome.FAILED
    again = run_cli(tmp_path, "delete", "csr_tapal")
    assert again.returncode == 1 and "no user" in again.stderr
    empty = run_cli(tmp_path, "list")
    assert empty.stdout == "" and "nobody can sign in" in empty.stderr


def test_delete_and_password_change_end_earlier_sign_ins_and_their_cookies(data_dir):
    first, cookie = signed_in_cookie("gubernur")
    assert auth.login_valid(first) and auth.login_from_cookie(cookie) == first

    users.set_password("gubernur", "a-new-password-1")
    assert not auth.login_valid(first)
    assert not auth.login_valid(auth.login_from_cookie(cookie))
    second, second_cookie = signed_in_cookie("gubernur")
    assert auth.login_valid(second)

    users.delete_user("gubernur")
    assert not auth.login_valid(second)
    assert auth.start_login("gubernur") is None

    # Re-created under the same name: the old cookie's record names a generation that no longer exists.
    users.add_user("gubernur", "gubernur", "Kantor Gubernur", "another-password-2")
    assert not auth.login_valid(auth.login_from_cookie(second_cookie))


def test_passwords_are_stored_as_the_sign_in_library_hashes_them(data_dir):
    users.add_user("pemeriksa", "admin", "Pemeriksa", "long-enough-password")
    stored = stored_users(data_dir)["pemeriksa"]["password"]
    assert Hasher.is_hash(stored) and Hasher.check_pw("long-enough-password", stored)
    assert not Hasher.check_pw("long-enough-passwor", stored)


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
    assert stored_users(tmp_path) == {}


def test_cli_refuses_short_password_and_duplicate_user(tmp_path):
    short = run_cli(tmp_path, "add", "pendek", "--role", "admin", "--name", "X", "--password-stdin", password="abc\n")
    assert short.returncode == 1 and "at least" in short.stderr
    ok = run_cli(tmp_path, "add", "dua", "--role", "admin", "--name", "X", "--password-stdin", password="long-enough\n")
    assert ok.returncode == 0
    again = run_cli(tmp_path, "add", "dua", "--role", "admin", "--name", "Y", "--password-stdin",
                    password="long-enough\n")
    assert again.returncode == 1 and "already exists" in again.stderr
