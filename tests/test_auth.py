"""Passwords, lockout, sign-ins kept on the server, the sign-in cookie and secrets, on a throwaway data directory."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import jwt
import pytest
import streamlit as st
from streamlit_authenticator.controllers import CookieController

from regsosek import access, auth, store, users

ROOT = Path(__file__).resolve().parents[1]


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
    # Other users are not affected, and the lock is kept in the app database, not in one browser session.
    assert auth.check_login("bps_jatim", "bps-jatim-22").outcome is auth.Outcome.OK
    with contextlib.closing(sqlite3.connect(data_dir / store.FILE_NAME)) as connection:
        [(failures, locked_until)] = connection.execute(
            "SELECT failures, locked_until FROM login_attempts WHERE username = 'gubernur'").fetchall()
    assert failures == auth.MAX_FAILURES and locked_until > time.time()


def test_unknown_usernames_lock_the_same_way(data_dir):
    for _ in range(auth.MAX_FAILURES):
        auth.check_login("ghost", "whatever-password")
    assert auth.check_login("ghost", "whatever-password").outcome is auth.Outcome.LOCKED


def test_success_clears_earlier_failures(data_dir):
    for _ in range(auth.MAX_FAILURES - 1):
        auth.check_login("admin", "wrong-password")
    assert auth.check_login("admin", "admin-regsosek-22").outcome is auth.Outcome.OK
    assert auth.check_login("admin", "wrong-password").outcome is auth.Outcome.FAILED


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


@pytest.fixture
def counted_password_checks(monkeypatch):
    """Count the password checks actually made (each one is a guess an attacker gets)."""
    checks = []
    real = auth._password_matches

    def counting(password: str, hashed: str) -> bool:
        checks.append(password)
        return real(password, hashed)

    monkeypatch.setattr(auth, "_password_matches", counting)
    return checks


def test_parallel_attempts_never_get_more_guesses_than_the_limit(data_dir, counted_password_checks):
    """Issue 16 #7: the lock was read before the ~250 ms bcrypt check and written after it."""
    attempts = 12
    start = threading.Barrier(attempts)
    outcomes = []

    def attempt(i: int) -> None:
        start.wait()
        outcomes.append(auth.check_login("gubernur", f"wrong-password-{i}").outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(counted_password_checks) == auth.MAX_FAILURES
    assert len(outcomes) == attempts and auth.Outcome.OK not in outcomes
    assert auth.check_login("gubernur", "gubernur-jatim-22").outcome is auth.Outcome.LOCKED


def test_the_right_password_sent_after_parallel_wrong_ones_is_locked_out(data_dir, counted_password_checks):
    """The attack as seen: nine wrong passwords at once and the right one last got in."""
    threads = [threading.Thread(target=auth.check_login, args=("admin", f"wrong-{i}")) for i in range(9)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while len(counted_password_checks) < auth.MAX_FAILURES and time.monotonic() < deadline:
        time.sleep(0.005)  # the wrong guesses are being checked, none has finished
    last = auth.check_login("admin", "admin-regsosek-22")
    for thread in threads:
        thread.join()
    assert last.outcome is auth.Outcome.LOCKED
    assert "admin-regsosek-22" not in counted_password_checks
    assert len(counted_password_checks) == auth.MAX_FAILURES


def test_the_lockout_counts_attempts_from_another_process(data_dir):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = "from regsosek import auth\nfor _ in range(auth.MAX_FAILURES): auth.check_login('bps_jatim', 'nope-nope')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert auth.check_login("bps_jatim", "bps-jatim-22").outcome is auth.Outcome.LOCKED


def written_by_the_library(username: str) -> tuple[str, float]:
    """The cookie streamlit-authenticator's controller writes for `username` signed in now:
    the token it hands the cookie component, and the `exp_date` it chose."""
    controller = CookieController(auth.COOKIE_NAME, auth.cookie_key(), auth.COOKIE_EXPIRY_DAYS)
    written = {}
    controller.cookie_model.cookie_manager.set = lambda name, value, **_: written.update({name: value})
    st.session_state["username"] = username
    controller.set_cookie()
    return written[auth.COOKIE_NAME], controller.cookie_model.exp_date


def signed_in_cookie(username: str) -> tuple[auth.Login, str]:
    """A sign-in as the shell records it: the library writes the cookie, the server keys the record by it."""
    token, exp_date = written_by_the_library(username)
    return auth.start_login(username, exp_date), token


def test_the_library_cookie_is_an_hs256_jwt_with_username_and_exp_date(data_dir):
    token, exp_date = written_by_the_library("gubernur")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256"
    payload = jwt.decode(token, auth.cookie_key(), algorithms=["HS256"])
    assert payload == {"username": "gubernur", "exp_date": exp_date}
    assert abs(exp_date - (time.time() + auth.COOKIE_EXPIRY_DAYS * 86_400)) < 60


def test_the_shell_writes_the_library_cookie(data_dir):
    token, exp_date = written_by_the_library("bps_jatim")
    assert auth.cookie_token("bps_jatim", exp_date) == token


def test_a_genuine_cookie_names_its_sign_in(data_dir):
    login, token = signed_in_cookie("csr_madura")
    assert auth.login_from_cookie(token) == login
    assert auth.login_valid(auth.login_from_cookie(token))


def test_a_well_signed_cookie_without_its_server_record_opens_nothing(data_dir):
    token, _ = written_by_the_library("admin")  # signed with the real key, never recorded
    assert auth.login_from_cookie(token) is not None
    assert not auth.login_valid(auth.login_from_cookie(token))


def test_sign_out_ends_the_sign_in_for_every_tab_that_carries_it(data_dir):
    login, cookie = signed_in_cookie("gubernur")
    other, _ = signed_in_cookie("gubernur")  # the same user signed in elsewhere
    assert login != other
    assert auth.login_valid(auth.login_from_cookie(cookie))
    auth.end_login(login)
    assert not auth.login_valid(login)
    assert not auth.login_valid(auth.login_from_cookie(cookie))
    assert auth.login_valid(other)


def test_a_sign_in_checked_before_a_password_change_is_not_recorded(data_dir):
    """The generation read with the checked hash must still be the user's when the sign-in is recorded."""
    result = auth.check_login("gubernur", "gubernur-jatim-22")
    assert result.outcome is auth.Outcome.OK and result.generation
    users.set_password("gubernur", "changed-meanwhile-1")
    assert auth.start_login("gubernur", auth.cookie_expiry(), result.generation) is None
    fresh = auth.check_login("gubernur", "changed-meanwhile-1")
    assert auth.login_valid(auth.start_login("gubernur", auth.cookie_expiry(), fresh.generation))


def test_an_expired_sign_in_is_refused(data_dir, monkeypatch):
    login, cookie = signed_in_cookie("gubernur")
    later = time.time() + auth.COOKIE_EXPIRY_DAYS * 86_400 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert not auth.login_valid(login)
    assert auth.login_from_cookie(cookie) is None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _jwt(header: dict, payload: object, key: bytes | None) -> str:
    head = _b64(json.dumps(header).encode())
    body = _b64(json.dumps(payload).encode())
    signature = _b64(hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest()) if key else ""
    return f"{head}.{body}.{signature}"


def crafted_cookies() -> dict[str, object]:
    """Cookies an attacker can send. Each must leave the sender signed out, without an error.

    A real sign-in of admin is recorded, so a cookie that the decoder wrongly accepted for admin
    at that `exp_date` would sign in."""
    real, genuine = signed_in_cookie("admin")
    head, body, signature = genuine.split(".")
    fields = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    key = auth.cookie_key().encode()
    hs256 = {"alg": "HS256", "typ": "JWT"}
    return {
        "alg_none": _jwt({"alg": "none", "typ": "JWT"}, fields, None),
        "alg_none_with_signature": _jwt({"alg": "none", "typ": "JWT"}, fields, key),
        "hs512_with_the_right_key": jwt.encode(fields, auth.cookie_key(), algorithm="HS512"),
        "garbage": "%%%not a cookie%%%",
        "three_dots_of_garbage": "v1.!!!.???",
        "wrong_key": _jwt(hs256, fields, b"x" * 48),
        "other_user_same_signature": f"{head}.{_b64(json.dumps({**fields, 'username': 'bps_jatim'}).encode())}"
                                     f".{signature}",
        "expired_but_signed": _jwt(hs256, {**fields, "exp_date": time.time() - 60}, key),
        "exp_date_as_text": _jwt(hs256, {**fields, "exp_date": str(fields["exp_date"])}, key),
        "exp_date_true": _jwt(hs256, {**fields, "exp_date": True}, key),
        "no_username": _jwt(hs256, {"exp_date": fields["exp_date"]}, key),
        "username_not_text": _jwt(hs256, {**fields, "username": ["admin"]}, key),
        "payload_not_an_object": _jwt(hs256, [1, 2], key),
        "huge": jwt.encode({**fields, "pad": "A" * 100_000}, auth.cookie_key(), algorithm="HS256"),
        "empty": "",
        "not_a_string": 12345,
    }


def test_crafted_cookies_sign_nobody_in_and_raise_nothing(data_dir):
    """Issue 16 #10: a cookie with alg=none stopped sign-in with an uncaught error."""
    for name, value in crafted_cookies().items():
        assert auth.login_from_cookie(value) is None, name
    assert auth.login_from_cookie(None) is None


def test_files_the_app_writes_are_owner_only(published, data_dir):
    """Issue 16 #13: snapshots, warehouse, audit log, terms and sign-in state were world-readable."""
    from regsosek import audit, export

    audit.append("csr_madura", "mitra_csr", "targets", {}, 1, "0" * 64)
    export.accept_terms("csr_madura", export.TERMS_VERSION)
    auth.check_login("gubernur", "wrong-password")
    written = [p for root in (published.data_dir, data_dir) for p in root.rglob("*")]
    assert any(p.suffix == ".parquet" for p in written)
    # The app database (audit log, terms, sign-in state) and SQLite's journal files beside it.
    assert any(p.name == store.FILE_NAME for p in written) and any(p.name.endswith("-wal") for p in written)
    readable_by_others = [str(p) for p in written if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert readable_by_others == []


def test_a_kept_scope_follows_every_field_of_the_users_row():
    """The scope is built once per distinct row (role, regencies, programmes): a change to any of them
    gives the new scope at the next run, never the kept one of the old row."""
    from regsosek.users import UserRow

    head = UserRow("kepala", "Kepala", "bps_kabkota", ("3578",), ())
    first = auth.scope_of("kepala", head)
    assert first.kab_codes == ("3578",) and first.role == "bps_kabkota"
    assert auth.scope_of("kepala", UserRow("kepala", "Kepala", "bps_kabkota", ("3578",), ())) is first
    moved = auth.scope_of("kepala", UserRow("kepala", "Kepala", "bps_kabkota", ("3527",), ()))
    assert moved.kab_codes == ("3527",)
    two = auth.scope_of("kepala", UserRow("kepala", "Kepala", "bps_kabkota", ("3527", "3578"), ()))
    assert two.kab_codes == ("3527", "3578")
    province = auth.scope_of("kepala", UserRow("kepala", "Kepala", "bps_provinsi", ("3578",), ()))
    assert province.role == "bps_provinsi" and len(province.kab_codes) == 38
    other_user = auth.scope_of("lain", head)
    assert other_user.username == "kepala"  # the row's own name, as before: the row is the user
    assert auth.scope_of("kepala", UserRow("kepala", "Kepala", "bps_kabkota", ("9999",), ())) is None
    assert auth.scope_of("kepala", UserRow("kepala", "Kepala", "no_such_role", ("3578",), ())) is None
