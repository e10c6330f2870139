"""Sign-in: passwords, lockout, sign-ins kept on the server, the sign-in cookie, and the user's scope.

streamlit-authenticator provides the parts used here: `Hasher` hashes and checks
passwords (bcrypt), and its cookie controller writes and deletes the sign-in
cookie, a JWT (HS256, signed with the cookie key) carrying `username` and
`exp_date`. This module adds what the library lacks: a lockout shared by threads
and processes and counted before the password check, one message for every
failure, a cookie decoder that never raises, and sign-ins kept on the server.

A successful sign-in is a `Login` recorded on the server (data/auth/logins.json),
keyed by what the cookie carries (the user and its exact `exp_date`), together with
the user's generation at that moment. Every script run checks the session's Login
again (`login_valid`), so access ends at the next step when the user signs out
(the record is removed), its password changes or it is deleted (the generation no
longer matches), or the Login expires. A cookie, however well signed, opens
nothing without its record.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import json
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import jwt
from streamlit_authenticator.utilities import Hasher

from regsosek import access, files, keys, paths, users

COOKIE_NAME = "regsosek_auth"
COOKIE_EXPIRY_DAYS = 1.0
MAX_FAILURES = 5
LOCK_SECONDS = 300
# Checked against unknown usernames so a miss costs as long as a wrong password.
_DUMMY_HASH = Hasher.hash("not-a-password")
_MAX_USERNAME_CHARS = 64
_MAX_COOKIE_CHARS = 1024

# One lock for the failure count and one for the sign-ins, each held across threads (this
# lock) and processes (a file lock), so a read-modify-write is never interleaved.
_state_lock = threading.Lock()


class Outcome(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    LOCKED = "locked"


@dataclass(frozen=True)
class LoginResult:
    outcome: Outcome
    username: str
    retry_after_seconds: int = 0
    # The user's generation read with the hash that was checked (OK only): the sign-in is recorded
    # only if it is still the same, so a password changed meanwhile is not signed in with the old one.
    generation: str | None = None


@dataclass(frozen=True)
class Login:
    """One sign-in, shared by the tabs its cookie opens: what the cookie's token carries."""

    username: str
    expires: float

    @property
    def login_id(self) -> str:
        """The key of its record on the server: the user and the token's exact `exp_date`."""
        return f"{self.username}|{self.expires!r}"


def cookie_key() -> str:
    """The cookie signing key from `[auth] cookie_key`; created on first run if absent."""
    return keys.secret("auth", "cookie_key")


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()[:_MAX_USERNAME_CHARS]


def _auth_dir() -> Path:
    return paths.data_dir() / "auth"


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    _auth_dir().mkdir(parents=True, exist_ok=True)
    with _state_lock, (_auth_dir() / f".{name}.lock").open("a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        yield


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --- lockout -----------------------------------------------------------------------------

def _failures_file() -> Path:
    return _auth_dir() / "login_failures.json"


def _write_failures(failures: dict) -> None:
    now = time.time()
    # Entries for names nobody retried are dropped so random guesses cannot grow the file forever.
    kept = {u: f for u, f in failures.items()
            if f.get("locked_until", 0) > now or f.get("last", 0) > now - LOCK_SECONDS}
    files.write_text_atomic(_failures_file(), json.dumps(kept))


def seconds_locked(username: str) -> int:
    entry = _read_json(_failures_file()).get(normalise_username(username), {})
    return max(0, int(entry.get("locked_until", 0) - time.time() + 0.999))


def _reserve_attempt(username: str) -> int:
    """Count this attempt as a failure before its password is checked; 0, or the seconds still locked.

    Counting first, under one lock, is what makes the limit hold for attempts made in
    parallel: the sixth of six simultaneous attempts finds the lock already set.
    """
    with _locked("login_failures"):
        failures = _read_json(_failures_file())
        now = time.time()
        entry = failures.get(username, {"count": 0})
        if entry.get("locked_until", 0) > now:
            return max(1, int(entry["locked_until"] - now + 0.999))
        if entry.get("locked_until", 0):
            entry = {"count": 0}
        entry["count"] = entry.get("count", 0) + 1
        entry["last"] = now
        if entry["count"] >= MAX_FAILURES:
            entry["locked_until"] = now + LOCK_SECONDS
        failures[username] = entry
        _write_failures(failures)
    return 0


def _clear_failures(username: str) -> None:
    with _locked("login_failures"):
        failures = _read_json(_failures_file())
        if failures.pop(username, None) is not None:
            _write_failures(failures)


def _password_matches(password: str, hashed: str) -> bool:
    try:
        return Hasher.check_pw(password, hashed)
    except ValueError:  # not a bcrypt hash, or a password over bcrypt's 72 bytes
        return False


def check_login(username: str, password: str) -> LoginResult:
    """Check a sign-in attempt. Unknown users and wrong passwords look the same to the caller.

    Every username typed is throttled, known or not, so the lockout itself
    does not tell which accounts exist.
    """
    name = normalise_username(username)
    password = (password or "").strip()
    locked = _reserve_attempt(name)
    if locked:
        return LoginResult(Outcome.LOCKED, name, locked)
    hashed, generation = users.password_of(name)
    matches = _password_matches(password, hashed or _DUMMY_HASH) and hashed is not None
    if matches and scope_of(name) is not None:
        _clear_failures(name)
        return LoginResult(Outcome.OK, name, generation=generation)
    locked = seconds_locked(name)
    return LoginResult(Outcome.LOCKED if locked else Outcome.FAILED, name, locked)


# --- sign-ins kept on the server ---------------------------------------------------------------

def _logins_file() -> Path:
    return _auth_dir() / "logins.json"


def cookie_expiry() -> float:
    """When a sign-in made now expires: the same instant streamlit-authenticator writes as `exp_date`."""
    return (datetime.now() + timedelta(days=COOKIE_EXPIRY_DAYS)).timestamp()


def start_login(username: str, expires: float | None = None, generation: str | None = None) -> Login | None:
    """Record a sign-in for a verified user, expiring at the cookie's `exp_date`; the Login, or None.

    `generation` is the one read with the password hash that was checked (`LoginResult.generation`);
    if the user's generation is no longer that (password changed, user deleted and re-added), or the
    user is gone, nothing is recorded. Without `generation`, the user's current one is recorded.
    """
    current = users.generation_of(username)
    if current is None or (generation is not None and generation != current):
        return None
    login = Login(username, cookie_expiry() if expires is None else float(expires))
    with _locked("logins"):
        now = time.time()
        logins = {i: r for i, r in _read_json(_logins_file()).items()
                  if isinstance(r, dict) and r.get("expires", 0) > now}
        logins[login.login_id] = {"user": login.username, "generation": current, "expires": login.expires}
        files.write_text_atomic(_logins_file(), json.dumps(logins))
    return login


def end_login(login: Login) -> None:
    """Sign-out: the Login and every tab or cookie that carries it stop working."""
    with _locked("logins"):
        logins = _read_json(_logins_file())
        if logins.pop(login.login_id, None) is not None:
            files.write_text_atomic(_logins_file(), json.dumps(logins))


def login_valid(login: Login) -> bool:
    """True while the sign-in is recorded, unexpired, and its user's generation is unchanged."""
    if login.expires <= time.time():
        return False
    record = _read_json(_logins_file()).get(login.login_id)
    if not isinstance(record, dict) or record.get("user") != login.username:
        return False
    generation = record.get("generation")
    return isinstance(generation, str) and users.generation_of(login.username) == generation


# --- the cookie ----------------------------------------------------------------------------------

def login_from_cookie(value: object) -> Login | None:
    """The Login a sign-in cookie names, or None for anything else.

    The cookie is streamlit-authenticator's JWT (`username`, `exp_date`) signed with HS256 under
    the cookie key. Only HS256 is accepted, and every failure means "no sign-in": garbage, alg=none
    or another algorithm, a wrong key or signature, missing or mistyped fields, an expired date,
    an oversized value. A crafted cookie leaves its sender signed out and never raises.
    A Login returned here still has to pass `login_valid`.
    """
    if not isinstance(value, str) or not value or len(value) > _MAX_COOKIE_CHARS:
        return None
    try:
        fields = jwt.decode(value, cookie_key(), algorithms=["HS256"])
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    username, expires = fields.get("username"), fields.get("exp_date")
    if not isinstance(username, str) or isinstance(expires, bool) or not isinstance(expires, int | float):
        return None
    if not math.isfinite(expires) or expires <= time.time():
        return None
    return Login(username, float(expires))


def scope_of(username: str | None) -> access.Scope | None:
    """The scope of a user from its row in the users file; None if the user or its row is not valid."""
    if not username:
        return None
    row = users.get_user(username)
    if row is None:
        return None
    try:
        return access.scope_for(row.username, row.role, row.kab_codes, row.programmes)
    except PermissionError:
        return None
