"""Sign-in: passwords, lockout, sign-ins kept on the server, the sign-in cookie, and the user's scope.

A successful sign-in is a `Login` recorded on the server (data/auth/logins.json):
who, a random id, the user's generation at that moment, and when it expires.
The browser keeps it in a cookie signed with the server's key. Every script run
checks the session's Login again (`login_valid`), so access ends at the next
step when the user signs out (the Login is removed), its password changes or it
is deleted (the generation no longer matches), or the Login expires.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import enum
import fcntl
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from regsosek import access, files, keys, paths, users

COOKIE_NAME = "regsosek_auth"
COOKIE_EXPIRY_DAYS = 1.0
MAX_FAILURES = 5
LOCK_SECONDS = 300
# Checked against unknown usernames so a miss costs as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt()).decode("ascii")
_MAX_USERNAME_CHARS = 64
_MAX_COOKIE_CHARS = 1024
_TOKEN_VERSION = "v1"

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


@dataclass(frozen=True)
class Login:
    """One sign-in, shared by the tabs its cookie opens."""

    username: str
    login_id: str
    generation: str
    expires: float


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
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
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
    hashed = users.password_hash_of(name)
    matches = _password_matches(password, hashed or _DUMMY_HASH) and hashed is not None
    if matches and scope_of(name) is not None:
        _clear_failures(name)
        return LoginResult(Outcome.OK, name)
    locked = seconds_locked(name)
    return LoginResult(Outcome.LOCKED if locked else Outcome.FAILED, name, locked)


# --- sign-ins kept on the server ---------------------------------------------------------------

def _logins_file() -> Path:
    return _auth_dir() / "logins.json"


def start_login(username: str) -> Login | None:
    """Record a sign-in for a verified user; None if the user no longer exists."""
    generation = users.generation_of(username)
    if generation is None:
        return None
    login = Login(username, secrets.token_urlsafe(24), generation, time.time() + COOKIE_EXPIRY_DAYS * 86_400)
    with _locked("logins"):
        now = time.time()
        logins = {i: r for i, r in _read_json(_logins_file()).items() if r.get("expires", 0) > now}
        logins[login.login_id] = {"user": login.username, "expires": login.expires}
        files.write_text_atomic(_logins_file(), json.dumps(logins))
    return login


def end_login(login_id: str) -> None:
    """Sign-out: the Login and every tab or cookie that carries it stop working."""
    with _locked("logins"):
        logins = _read_json(_logins_file())
        if logins.pop(login_id, None) is not None:
            files.write_text_atomic(_logins_file(), json.dumps(logins))


def login_valid(login: Login) -> bool:
    """True while the sign-in is recorded, unexpired, and its user's generation is unchanged."""
    if login.expires <= time.time():
        return False
    record = _read_json(_logins_file()).get(login.login_id)
    if not isinstance(record, dict) or record.get("user") != login.username:
        return False
    return users.generation_of(login.username) == login.generation


# --- the cookie ----------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(body: str) -> str:
    return _b64(hmac.new(cookie_key().encode("utf-8"), f"{_TOKEN_VERSION}.{body}".encode("ascii"),
                         hashlib.sha256).digest())


def cookie_for(login: Login) -> str:
    """The cookie value for a Login: its fields and an HMAC-SHA256 under the server's cookie key."""
    body = _b64(json.dumps({"u": login.username, "l": login.login_id, "g": login.generation,
                            "e": login.expires}, separators=(",", ":")).encode("utf-8"))
    return f"{_TOKEN_VERSION}.{body}.{_signature(body)}"


def login_from_cookie(value: object) -> Login | None:
    """The Login a cookie names, or None for anything else: no cookie, garbage, another format
    (a JWT with alg=none included), a wrong signature, wrong field types, or an expired one.
    Never raises: a crafted cookie leaves its sender signed out."""
    if not isinstance(value, str) or len(value) > _MAX_COOKIE_CHARS:
        return None
    parts = value.split(".")
    if len(parts) != 3 or parts[0] != _TOKEN_VERSION:
        return None
    _, body, signature = parts
    try:
        if not hmac.compare_digest(signature.encode("ascii"), _signature(body).encode("ascii")):
            return None
        fields = json.loads(_unb64(body))
    except (UnicodeError, ValueError, binascii.Error):
        return None
    if not isinstance(fields, dict):
        return None
    username, login_id, generation, expires = (fields.get(k) for k in ("u", "l", "g", "e"))
    if not (isinstance(username, str) and isinstance(login_id, str) and isinstance(generation, str)
            and isinstance(expires, int | float) and not isinstance(expires, bool)):
        return None
    if expires <= time.time():
        return None
    return Login(username, login_id, generation, float(expires))


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
