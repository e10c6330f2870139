"""Sign-in: passwords, lockout, the re-authentication cookie, and the user's scope.

streamlit-authenticator keeps the session keys (`authentication_status`,
`username`, `name`, `logout`) and the signed cookie; this module adds what it
lacks: a lockout kept on the server, one message for every failure, and the
mapping from a user's row to an `access.Scope`.
"""

from __future__ import annotations

import enum
import json
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from regsosek import access, files, paths, users, warehouse

COOKIE_NAME = "regsosek_auth"
COOKIE_EXPIRY_DAYS = 1.0
MAX_FAILURES = 5
LOCK_SECONDS = 300
# Checked against unknown usernames so a miss costs as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt()).decode("ascii")
_MAX_USERNAME_CHARS = 64

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


def secrets_file() -> Path:
    """Where Streamlit itself looks: .streamlit/secrets.toml under the working directory."""
    return Path.cwd() / ".streamlit" / "secrets.toml"


def cookie_key() -> str:
    """The cookie signing key from `[auth] cookie_key`; created on first run if the file is absent."""
    path = secrets_file()
    fresh = f'[auth]\ncookie_key = "{secrets.token_urlsafe(48)}"\n'
    config = tomllib.loads(files.create_once(path, fresh.encode("utf-8")).decode("utf-8"))
    key = config.get("auth", {}).get("cookie_key", "")
    if len(key.encode("utf-8")) < 32:
        raise RuntimeError(f"{path}: [auth] cookie_key must be set to a secret of 32 bytes or more")
    return key


def credentials() -> dict:
    """A private copy of the credentials for streamlit-authenticator, which writes into what it is given."""
    users.ensure_demo_users()
    return users.read_config()["credentials"]


def normalise_username(username: str) -> str:
    """The same normalisation streamlit-authenticator applies before looking a user up."""
    return (username or "").strip().lower()[:_MAX_USERNAME_CHARS]


def _failures_file() -> Path:
    return paths.data_dir() / "auth" / "login_failures.json"


def _read_failures() -> dict:
    try:
        return json.loads(_failures_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_failures(failures: dict) -> None:
    now = time.time()
    # Entries for names nobody retried are dropped so random guesses cannot grow the file forever.
    kept = {u: f for u, f in failures.items()
            if f.get("locked_until", 0) > now or f.get("last", 0) > now - LOCK_SECONDS}
    warehouse.write_json_atomic(_failures_file(), kept)


def seconds_locked(username: str) -> int:
    entry = _read_failures().get(normalise_username(username), {})
    return max(0, int(entry.get("locked_until", 0) - time.time() + 0.999))


def _record_failure(username: str) -> int:
    with _state_lock:
        failures = _read_failures()
        entry = failures.get(username, {"count": 0})
        now = time.time()
        if entry.get("locked_until", 0) and entry["locked_until"] <= now:
            entry = {"count": 0}
        entry["count"] = entry.get("count", 0) + 1
        entry["last"] = now
        if entry["count"] >= MAX_FAILURES:
            entry["locked_until"] = now + LOCK_SECONDS
        failures[username] = entry
        _write_failures(failures)
        return max(0, int(entry.get("locked_until", 0) - now))


def _clear_failures(username: str) -> None:
    with _state_lock:
        failures = _read_failures()
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
    locked = seconds_locked(name)
    if locked:
        return LoginResult(Outcome.LOCKED, name, locked)
    row = credentials()["usernames"].get(name)
    matches = _password_matches(password, row["password"] if row else _DUMMY_HASH) and row is not None
    if matches and scope_of(name) is not None:
        _clear_failures(name)
        return LoginResult(Outcome.OK, name)
    locked = _record_failure(name)
    return LoginResult(Outcome.LOCKED if locked else Outcome.FAILED, name, locked)


def _logouts_file() -> Path:
    return paths.data_dir() / "auth" / "logouts.json"


def record_logout(username: str) -> None:
    """Revoke the user's sign-in cookies issued until now.

    The browser deletes the cookie through a component that may never load (the
    tab closes, the user navigates away at once); the server must not rely on it.
    """
    with _state_lock:
        try:
            logouts = json.loads(_logouts_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            logouts = {}
        logouts[normalise_username(username)] = time.time()
        warehouse.write_json_atomic(_logouts_file(), logouts)


def cookie_still_valid(token: dict) -> bool:
    """False for a cookie issued before its user last signed out."""
    try:
        issued_at = float(token["exp_date"]) - COOKIE_EXPIRY_DAYS * 86_400
        username = normalise_username(str(token["username"]))
    except (KeyError, TypeError, ValueError):
        return False
    try:
        logouts = json.loads(_logouts_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logouts = {}
    return issued_at > logouts.get(username, 0)


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
