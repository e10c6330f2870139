"""Sign-in: passwords, lockout, sign-ins kept on the server, the sign-in cookie, and the user's scope.

streamlit-authenticator provides the parts used here: `Hasher` hashes and checks
passwords (bcrypt), and the format of the sign-in cookie, its token: a JWT (HS256,
signed with the cookie key) carrying `username` and `exp_date` (`cookie_token`). The
shell writes and deletes the cookie with a small script drawn in the page
(regsosek.ui). This module adds what the library lacks: a lockout shared by threads
and processes and counted before the password check, one message for every
failure, a cookie decoder that never raises, and sign-ins kept on the server.

The failure counts and the sign-ins live in the app database (regsosek.store: tables
`login_attempts` and `logins`), shared by every app process and machine that uses it.

A successful sign-in is a `Login` recorded on the server (table `logins`),
keyed by what the cookie carries (the user and its exact `exp_date`), together with
the user's generation at that moment. Every script run checks the session's Login
again (`login_valid`), so access ends at the next step when the user signs out
(the record is removed), its password changes or it is deleted (the generation no
longer matches), or the Login expires. A cookie, however well signed, opens
nothing without its record. Sign-ins and sign-outs are recorded in the audit log.
"""

from __future__ import annotations

import enum
import functools
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
import sqlalchemy as sa
from streamlit_authenticator.utilities import Hasher

from regsosek import access, audit, keys, store, users

COOKIE_NAME = "regsosek_auth"
COOKIE_EXPIRY_DAYS = 1.0
MAX_FAILURES = 5
LOCK_SECONDS = 300
# Checked against unknown usernames so a miss costs as long as a wrong password.
_DUMMY_HASH = Hasher.hash("not-a-password")
_MAX_USERNAME_CHARS = 64
_MAX_COOKIE_CHARS = 1024


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


# --- lockout -----------------------------------------------------------------------------

_ATTEMPTS = store.login_attempts
_LOGINS = store.logins


def seconds_locked(username: str) -> int:
    with store.read() as connection:
        until = connection.execute(sa.select(_ATTEMPTS.c.locked_until)
                                   .where(_ATTEMPTS.c.username == normalise_username(username))).scalar()
    return max(0, int((until or 0) - time.time() + 0.999))


def _reserve_attempt(username: str) -> int:
    """Count this attempt as a failure before its password is checked; 0, or the seconds still locked.

    Counting first, in one write transaction serialised by the database, is what makes the limit
    hold for attempts made in parallel, in any process or on any machine: the sixth of six
    simultaneous attempts finds the lock already set.
    """
    now = time.time()
    with store.write() as connection:
        store.serialize(connection, "login_attempts")
        entry = connection.execute(sa.select(_ATTEMPTS).where(_ATTEMPTS.c.username == username)).mappings().first()
        if entry is not None and entry["locked_until"] > now:
            return max(1, int(entry["locked_until"] - now + 0.999))
        count = 1 if entry is None or entry["locked_until"] else entry["failures"] + 1
        values = {"failures": count, "last_failure": now,
                  "locked_until": now + LOCK_SECONDS if count >= MAX_FAILURES else 0.0}
        if entry is None:
            connection.execute(sa.insert(_ATTEMPTS).values(username=username, **values))
        else:
            connection.execute(sa.update(_ATTEMPTS).where(_ATTEMPTS.c.username == username).values(**values))
        # Entries for names nobody retried are dropped so random guesses cannot grow the table forever.
        connection.execute(sa.delete(_ATTEMPTS).where(_ATTEMPTS.c.locked_until <= now,
                                                      _ATTEMPTS.c.last_failure <= now - LOCK_SECONDS))
    return 0


def _clear_failures(username: str) -> None:
    with store.write() as connection:
        connection.execute(sa.delete(_ATTEMPTS).where(_ATTEMPTS.c.username == username))


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

def cookie_expiry() -> float:
    """When a sign-in made now expires: the same instant streamlit-authenticator writes as `exp_date`."""
    return (datetime.now() + timedelta(days=COOKIE_EXPIRY_DAYS)).timestamp()


def cookie_token(username: str, expires: float) -> str:
    """The sign-in cookie's value: streamlit-authenticator's token, an HS256 JWT of `username` and `exp_date`."""
    return jwt.encode({"username": username, "exp_date": expires}, cookie_key(), algorithm="HS256")


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
    row = users.get_user(username)
    key = audit._key()
    with store.write() as connection:
        now = time.time()
        connection.execute(sa.delete(_LOGINS).where(_LOGINS.c.expires <= now))
        connection.execute(sa.delete(_LOGINS).where(_LOGINS.c.login_id == login.login_id))
        connection.execute(sa.insert(_LOGINS).values(login_id=login.login_id, username=login.username,
                                                     generation=current, expires=login.expires))
        audit.append_in(connection, key, username, row.role if row else "-", "sign_in", {"expires": login.expires})
    return login


def end_login(login: Login) -> None:
    """Sign-out: the Login and every tab or cookie that carries it stop working."""
    row = users.get_user(login.username)
    key = audit._key()
    with store.write() as connection:
        if connection.execute(sa.delete(_LOGINS).where(_LOGINS.c.login_id == login.login_id)).rowcount:
            audit.append_in(connection, key, login.username, row.role if row else "-", "sign_out",
                            {"expires": login.expires})


def login_valid(login: Login) -> bool:
    """True while the sign-in is recorded, unexpired, and its user's generation is unchanged."""
    if login.expires <= time.time():
        return False
    with store.read() as connection:
        found = connection.execute(
            sa.select(_LOGINS.c.username).select_from(_LOGINS.join(store.users, store.users.c.username
                                                                   == _LOGINS.c.username))
            .where(_LOGINS.c.login_id == login.login_id, _LOGINS.c.username == login.username,
                   _LOGINS.c.generation == store.users.c.generation)).first()
    return found is not None


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


def scope_of(username: str | None, row: users.UserRow | None = None) -> access.Scope | None:
    """The scope of a user from its row in the users file; None if the user or its row is not valid.

    `row` is the user's row when the caller has just read it (read here otherwise).
    """
    if not username:
        return None
    row = users.get_user(username) if row is None else row
    if row is None:
        return None
    return _scope(row.username, row.role, tuple(row.kab_codes), tuple(row.programmes))


@functools.lru_cache(maxsize=1024)
def _scope(username: str, role: str, kab_codes: tuple[str, ...], programmes: tuple[str, ...]) -> access.Scope | None:
    """A user's scope: a pure function of its row's fields, built once per distinct row (Scope is frozen)."""
    try:
        return access.scope_for(username, role, kab_codes, programmes)
    except PermissionError:
        return None
