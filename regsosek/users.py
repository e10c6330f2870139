"""The users file: who may sign in, with which role and which regencies.

`data/users.yaml` (under paths.data_dir()) uses streamlit-authenticator's
credentials layout (passwords hashed with its `Hasher`), with extra fields per user:

    credentials:
      usernames:
        bps_surabaya:
          name: BPS Kota Surabaya
          password: $2b$12$...        bcrypt, never plain text
          role: bps_kabkota           a key of access.ROLES
          kab_codes: ['3578']         bps_kabkota and mitra_csr only
          programmes: []              mitra_csr only; empty means all
          generation: 9f2c...         random; replaced by a password change, ends every earlier sign-in
          demo: true                  only on the published demo accounts

There is no default user. A missing or empty file lets nobody sign in; the demo
accounts are written only by the explicit demo command (`python -m regsosek demo`,
which `make run` calls), never by a page view.

CLI: python -m regsosek user add|passwd|delete|list (see `run`).
"""

from __future__ import annotations

import argparse
import copy
import logging
import re
import secrets
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from regsosek import access, facts, files, paths, reference

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


_write_lock = threading.Lock()


def users_file() -> Path:
    return paths.data_dir() / "users.yaml"


def read_config() -> dict:
    """The whole users file as a fresh dict (callers may mutate it)."""
    path = users_file()
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        config = {}
    config.setdefault("credentials", {})
    if not config["credentials"].get("usernames"):
        config["credentials"]["usernames"] = {}
    return copy.deepcopy(config)


def _write_config(config: dict) -> None:
    """Owner-only: the file holds password hashes."""
    files.write_text_atomic(users_file(), yaml.safe_dump(config, sort_keys=True, allow_unicode=True), mode=0o600)


def has_users() -> bool:
    """False when the users file is missing or lists nobody: then nobody can sign in."""
    return bool(read_config()["credentials"]["usernames"])


def new_generation() -> str:
    return secrets.token_hex(16)


def generation_of(username: str) -> str | None:
    """The user's sign-in generation, or None for no such user. A sign-in is valid only while it matches."""
    fields = read_config()["credentials"]["usernames"].get(username)
    return str(fields.get("generation", "")) if fields else None


def password_of(username: str) -> tuple[str | None, str | None]:
    """The user's password hash and generation, read together (None, None for no such user).

    A sign-in checked against this hash is recorded only under this generation: a password
    changed between the check and the record does not let the old password in.
    """
    fields = read_config()["credentials"]["usernames"].get(username)
    if not fields:
        return None, None
    return str(fields.get("password", "")), str(fields.get("generation", ""))


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


def add_user(username: str, role: str, name: str, password: str,
             kab_codes: tuple[str, ...] = (), programmes: tuple[str, ...] = ()) -> None:
    username = username.strip().lower()
    kab_codes = tuple(dict.fromkeys(kab_codes))
    programmes = tuple(dict.fromkeys(programmes))
    validate_user(username, role, kab_codes, programmes)
    if not name.strip():
        raise UserError("name must not be empty")
    hashed = hash_password(password)
    with _write_lock:
        config = read_config()
        if username in config["credentials"]["usernames"]:
            raise UserError(f"user {username!r} already exists")
        config["credentials"]["usernames"][username] = {
            "name": name.strip(),
            "password": hashed,
            "role": role,
            "kab_codes": list(kab_codes),
            "programmes": list(programmes),
            "generation": new_generation(),
        }
        _write_config(config)


def set_password(username: str, password: str) -> None:
    username = username.strip().lower()
    hashed = hash_password(password)
    with _write_lock:
        config = read_config()
        if username not in config["credentials"]["usernames"]:
            raise UserError(f"no user {username!r}")
        config["credentials"]["usernames"][username]["password"] = hashed
        config["credentials"]["usernames"][username]["generation"] = new_generation()
        _write_config(config)


def delete_user(username: str) -> None:
    """Remove a user; its open sessions and cookies stop working at their next step."""
    username = username.strip().lower()
    with _write_lock:
        config = read_config()
        if config["credentials"]["usernames"].pop(username, None) is None:
            raise UserError(f"no user {username!r}")
        _write_config(config)


def row_of(username: str, fields: dict) -> UserRow:
    return UserRow(
        username=username,
        name=str(fields.get("name", "")),
        role=str(fields.get("role", "")),
        kab_codes=tuple(str(k) for k in fields.get("kab_codes") or ()),
        programmes=tuple(str(p) for p in fields.get("programmes") or ()),
        demo=fields.get("demo") is True,
    )


def list_users() -> list[UserRow]:
    usernames = read_config()["credentials"]["usernames"]
    return [row_of(u, f) for u, f in sorted(usernames.items())]


def get_user(username: str) -> UserRow | None:
    fields = read_config()["credentials"]["usernames"].get(username)
    return row_of(username, fields) if fields else None


def ensure_demo_users() -> bool:
    """Write the demo accounts when there is no users file yet. True if written.

    Only the explicit demo command calls this: a page view never creates an account.
    """
    with _write_lock:
        if users_file().exists():
            return False
        config = {"credentials": {"usernames": {}}}
        for demo in DEMO_USERS:
            validate_user(demo.username, demo.role, demo.kab_codes, demo.programmes)
            config["credentials"]["usernames"][demo.username] = {
                "name": demo.name,
                "password": hash_password(demo.password),
                "role": demo.role,
                "kab_codes": list(demo.kab_codes),
                "programmes": list(demo.programmes),
                "generation": new_generation(),
                "demo": True,
            }
        _write_config(config)
        return True


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
                print(f"no users in {users_file()}: nobody can sign in; add one with 'user add'", file=sys.stderr)
            for row in rows:
                print("\t".join((row.username, row.role, row.name, ",".join(row.kab_codes) or "-",
                                 ",".join(row.programmes) or "-", "demo" if row.demo else "-")))
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
