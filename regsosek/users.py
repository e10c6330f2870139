"""Users: who may sign in, with which role and which regencies.

One row per user in the app database's `users` table (regsosek.store): name, password (bcrypt, hashed
with streamlit-authenticator's `Hasher`, never plain text), role (a key of access.ROLES), kab_codes
(bps_kabkota and mitra_csr only), programmes (mitra_csr only; empty means all), generation (random;
replaced by a password change, ends every earlier sign-in) and the demo marker (only on the published
demo accounts). An earlier version's `data/users.yaml` is moved in by `python -m regsosek db upgrade`.

There is no default user. An empty table lets nobody sign in; the demo accounts are written only by
the explicit demo command (`python -m regsosek demo`, which `make run` calls), never by a page view,
and only when there are no users at all.

Every change (add, password, delete) is recorded in the audit log.

CLI: python -m regsosek user add|passwd|delete|list (see `run`); it works on whichever store
REGSOSEK_DB_URL names.
"""

from __future__ import annotations

import argparse
import logging
import re
import secrets
import sys
import time
import tomllib
from dataclasses import dataclass

import sqlalchemy as sa

from regsosek import access, audit, facts, keys, reference, store

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{2,31}$")
MIN_PASSWORD_LENGTH = 8
# bcrypt only reads the first 72 bytes; longer passwords would silently collide.
MAX_PASSWORD_BYTES = 72
PROGRAMME_CODES = tuple(code for code, _, _ in facts.PROGRAMMES)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    name: str
    password: str
    kab_codes: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()


# Published in the README: these accounts exist only where the demo command wrote them.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("gubernur", "gubernur", "Kantor Gubernur Jawa Timur", "gubernur-jatim-22"),
    DemoUser("bps_jatim", "bps_provinsi", "BPS Provinsi Jawa Timur", "bps-jatim-22"),
    DemoUser("bps_surabaya", "bps_kabkota", "BPS Kota Surabaya", "bps-surabaya-22", ("3578",)),
    DemoUser("bps_sampang", "bps_kabkota", "BPS Kabupaten Sampang", "bps-sampang-22", ("3527",)),
    DemoUser("csr_madura", "mitra_csr", "Mitra CSR Madura", "csr-madura-22", ("3526", "3527", "3528", "3529")),
    DemoUser("csr_timur", "mitra_csr", "Mitra CSR Tapal Kuda", "csr-timur-22", ("3511", "3512", "3528", "3529")),
    DemoUser("admin", "admin", "Admin Regsosek", "admin-regsosek-22"),
)


@dataclass(frozen=True)
class UserRow:
    """A user as shown to admins: never the hash."""

    username: str
    name: str
    role: str
    kab_codes: tuple[str, ...]
    programmes: tuple[str, ...]
    demo: bool = False


class UserError(ValueError):
    pass


_T = store.users
# Who made a change, in the audit log, when it is made from the command line.
CLI_ACTOR = ("cli", "-")


def where() -> str:
    """Where the users are kept (the store's URL, password hidden)."""
    return store.describe()


def _fields(username: str) -> sa.RowMapping | None:
    with store.read() as connection:
        return connection.execute(sa.select(_T).where(_T.c.username == username)).mappings().first()


def has_users() -> bool:
    """False when nobody is stored: then nobody can sign in."""
    with store.read() as connection:
        return connection.execute(sa.select(_T.c.username).limit(1)).first() is not None


def new_generation() -> str:
    return secrets.token_hex(16)


def generation_of(username: str) -> str | None:
    """The user's sign-in generation, or None for no such user. A sign-in is valid only while it matches."""
    fields = _fields(username)
    return str(fields["generation"]) if fields else None


def password_of(username: str) -> tuple[str | None, str | None]:
    """The user's password hash and generation, read together (None, None for no such user).

    A sign-in checked against this hash is recorded only under this generation: a password
    changed between the check and the record does not let the old password in.
    """
    fields = _fields(username)
    if not fields:
        return None, None
    return str(fields["password_hash"]), str(fields["generation"])


def hash_password(password: str) -> str:
    """streamlit-authenticator's bcrypt hash, after the project's password rules."""
    # Imported here: the library imports Streamlit, which the read-only commands (list, delete) need not load.
    from streamlit_authenticator.utilities import Hasher

    check_password_rules(password)
    return Hasher.hash(password)


def check_password_rules(password: str) -> None:
    if password != password.strip():
        # The sign-in form strips what is typed; such a password could never match.
        raise UserError("password must not start or end with whitespace")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UserError(f"password must be at most {MAX_PASSWORD_BYTES} bytes")


def validate_user(username: str, role: str, kab_codes: tuple[str, ...], programmes: tuple[str, ...]) -> None:
    if not USERNAME_RE.match(username):
        raise UserError("username: 3-32 characters, lowercase letters, digits, '_', '.', '-', starting with a letter")
    if role not in access.ROLES:
        raise UserError(f"unknown role {role!r}; one of: {', '.join(access.ROLES)}")
    spec = access.ROLES[role]
    known_kab = set(reference.kabkota()["kab_code"])
    unknown = [k for k in kab_codes if k not in known_kab]
    if unknown:
        raise UserError(f"unknown kab/kota code(s): {', '.join(unknown)}")
    if spec.scoped_to_kab and not kab_codes:
        raise UserError(f"role {role} needs at least one --kab")
    if not spec.scoped_to_kab and kab_codes:
        raise UserError(f"role {role} sees the whole province; --kab does not apply")
    unknown_prog = [p for p in programmes if p not in PROGRAMME_CODES]
    if unknown_prog:
        raise UserError(f"unknown programme(s): {', '.join(unknown_prog)}; one of: {', '.join(PROGRAMME_CODES)}")
    if programmes and spec.tier != access.TIER_CSR:
        raise UserError(f"--programme applies to mitra_csr only, not {role}")


def _row_values(name: str, hashed: str, role: str, kab_codes: tuple[str, ...], programmes: tuple[str, ...],
                demo: bool = False) -> dict:
    return {"name": name, "password_hash": hashed, "role": role, "kab_codes": list(kab_codes),
            "programmes": list(programmes), "generation": new_generation(), "demo": demo, "created_at": time.time()}


def add_user(username: str, role: str, name: str, password: str,
             kab_codes: tuple[str, ...] = (), programmes: tuple[str, ...] = (),
             actor: tuple[str, str] = CLI_ACTOR) -> None:
    username = username.strip().lower()
    kab_codes = tuple(dict.fromkeys(kab_codes))
    programmes = tuple(dict.fromkeys(programmes))
    validate_user(username, role, kab_codes, programmes)
    if not name.strip():
        raise UserError("name must not be empty")
    hashed = hash_password(password)
    key = audit._key()
    with store.write() as connection:
        if connection.execute(sa.select(_T.c.username).where(_T.c.username == username)).first() is not None:
            raise UserError(f"user {username!r} already exists")
        connection.execute(sa.insert(_T).values(username=username,
                                                **_row_values(name.strip(), hashed, role, kab_codes, programmes)))
        audit.append_in(connection, key, *actor, "user_add", {"username": username, "role": role,
                                                               "kab_codes": list(kab_codes),
                                                               "programmes": list(programmes)})


def set_password(username: str, password: str, actor: tuple[str, str] = CLI_ACTOR) -> None:
    username = username.strip().lower()
    hashed = hash_password(password)
    key = audit._key()
    with store.write() as connection:
        changed = connection.execute(sa.update(_T).where(_T.c.username == username).values(
            password_hash=hashed, generation=new_generation())).rowcount
        if not changed:
            raise UserError(f"no user {username!r}")
        audit.append_in(connection, key, *actor, "user_passwd", {"username": username})


def delete_user(username: str, actor: tuple[str, str] = CLI_ACTOR) -> None:
    """Remove a user; its open sessions and cookies stop working at their next step."""
    username = username.strip().lower()
    key = audit._key()
    with store.write() as connection:
        if not connection.execute(sa.delete(_T).where(_T.c.username == username)).rowcount:
            raise UserError(f"no user {username!r}")
        connection.execute(sa.delete(store.logins).where(store.logins.c.username == username))
        audit.append_in(connection, key, *actor, "user_delete", {"username": username})


def row_of(username: str, fields) -> UserRow:
    return UserRow(
        username=username,
        name=str(fields.get("name", "")),
        role=str(fields.get("role", "")),
        kab_codes=tuple(str(k) for k in fields.get("kab_codes") or ()),
        programmes=tuple(str(p) for p in fields.get("programmes") or ()),
        demo=fields.get("demo") is True,
    )


def list_users() -> list[UserRow]:
    with store.read() as connection:
        found = connection.execute(sa.select(_T).order_by(_T.c.username)).mappings().all()
    return [row_of(f["username"], f) for f in found]


def get_user(username: str) -> UserRow | None:
    fields = _fields(username)
    return row_of(username, fields) if fields else None


def ensure_demo_users() -> bool:
    """Write the demo accounts when there are no users at all. True if written.

    Only the explicit demo command calls this: a page view never creates an account.
    """
    if has_users():
        return False
    rows = []
    for demo in DEMO_USERS:
        validate_user(demo.username, demo.role, demo.kab_codes, demo.programmes)
        rows.append({"username": demo.username, **_row_values(demo.name, hash_password(demo.password), demo.role,
                                                              demo.kab_codes, demo.programmes, demo=True)})
    with store.write() as connection:
        if connection.execute(sa.select(_T.c.username).limit(1)).first() is not None:
            return False
        connection.execute(sa.insert(_T), rows)
    return True


def _warn_without_audit_key() -> None:
    """A change is audited under the key in ./.streamlit/secrets.toml: run from elsewhere, a new key is made and
    the app's audit log stops verifying. Say so before it happens."""
    path = keys.secrets_file()
    try:
        found = "audit" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = False
    if not found:
        print(f"warning: no [audit] key in {path}; run user commands from the app's working directory, or the "
              "change is recorded under a new key and the app's audit log will not verify", file=sys.stderr)


def _read_password_stdin() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m regsosek user", description="Manage dashboard users.")
    sub = parser.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=tuple(access.ROLES))
    add.add_argument("--name", required=True)
    add.add_argument("--kab", action="append", default=[], metavar="KAB_CODE", help="repeatable, e.g. --kab 3578")
    add.add_argument("--programme", action="append", default=[], choices=PROGRAMME_CODES,
                     help="mitra_csr only; repeatable; none means all")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="read the password from the first line of stdin")
    passwd = sub.add_parser("passwd", help="change a password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", required=True,
                        help="read the password from the first line of stdin")
    delete = sub.add_parser("delete", help="delete a user (ends its sessions)")
    delete.add_argument("username")
    sub.add_parser("list", help="list users and roles (no hashes)")
    return parser


def run(argv: list[str]) -> int:
    # A command, not the app: Streamlit, loaded with the sign-in library, would log its bare-mode warnings.
    logging.disable(logging.WARNING)
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.action in ("add", "passwd", "delete"):
        _warn_without_audit_key()
    try:
        if args.action == "add":
            add_user(args.username, args.role, args.name, _read_password_stdin(),
                     tuple(args.kab), tuple(args.programme))
            print(f"added {args.username.strip().lower()} ({args.role})")
        elif args.action == "passwd":
            set_password(args.username, _read_password_stdin())
            print(f"password changed for {args.username.strip().lower()}; its earlier sign-ins are ended")
        elif args.action == "delete":
            delete_user(args.username)
            print(f"deleted {args.username.strip().lower()}; its sign-ins are ended")
        else:
            rows = list_users()
            if not rows:
                print(f"no users in {where()}: nobody can sign in; add one with 'user add'", file=sys.stderr)
            for row in rows:
                print("\t".join((row.username, row.role, row.name, ",".join(row.kab_codes) or "-",
                                 ",".join(row.programmes) or "-", "demo" if row.demo else "-")))
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except store.Unavailable as err:
        print(f"error: the database {store.describe()} cannot be reached: {err}", file=sys.stderr)
        return 2
    return 0
