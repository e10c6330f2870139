"""The app database on both backends (SQLite and a real PostgreSQL): the schema and `db upgrade`, the
one-time move of an earlier version's files, and writers in many threads and processes at once.

Faults (kill -9 mid-write, an unreachable or locked database) are in tests/test_store_faults.py."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from regsosek import audit, auth, export, saved_lists, store, users
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"users", "login_attempts", "logins", "saved_lists", "terms", "audit_log", "audit_head", "imports",
          "alembic_version"}


def run_module(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m regsosek ...` in another process, on the store and data folder of this test."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "regsosek", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=Path.cwd(), timeout=120)


def demo_rows(template: Path) -> list[dict]:
    """The demo users as stored in the test template (hashed once per session), read with sqlite3."""
    with contextlib.closing(sqlite3.connect(template)) as connection:
        connection.row_factory = sqlite3.Row
        rows = [dict(r) for r in connection.execute("SELECT * FROM users")]
    for row in rows:
        row["kab_codes"], row["programmes"] = json.loads(row["kab_codes"]), json.loads(row["programmes"])
        row["demo"] = bool(row["demo"])
    return rows


@pytest.fixture
def demo_store(store_url, demo_users_file):
    """`store_url` (SQLite or PostgreSQL) holding the demo users."""
    with store.write() as connection:
        connection.execute(sa.insert(store.users), demo_rows(demo_users_file))
    return store_url


def table_rows(name: str) -> list[dict]:
    with store.engine().connect() as connection:
        table = store.metadata.tables[name]
        return [dict(r) for r in connection.execute(sa.select(table).order_by(*table.primary_key.columns)).mappings()]


# --- schema -------------------------------------------------------------------------------------------

def test_db_upgrade_creates_the_schema_and_a_second_run_changes_nothing(store_url):
    first = run_module("db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert f"schema: revision {store.head_revision()} (latest)" in first.stdout
    assert "nothing left to move" in first.stdout
    engine = sa.create_engine(store_url)
    assert TABLES <= set(sa.inspect(engine).get_table_names())
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        assert versions == [store.head_revision()]
    second = run_module("db", "upgrade")
    assert second.returncode == 0, second.stderr
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        assert versions == [store.head_revision()]
    engine.dispose()


def test_user_commands_work_on_whichever_store_is_set(store_url):
    added = run_module("user", "add", "operator", "--role", "admin", "--name", "Operator", "--password-stdin",
                       stdin="long-enough-password\n")
    assert added.returncode == 0, added.stderr
    listed = run_module("user", "list")
    assert listed.stdout.startswith("operator\tadmin\tOperator")
    assert [row.username for row in users.list_users()] == ["operator"]  # this process, the same store
    assert auth.check_login("operator", "long-enough-password").outcome is auth.Outcome.OK
    [record] = audit.read_log().to_dict("records")
    assert (record["user"], record["action"], record["details"]["username"]) == ("cli", "user_add", "operator")
    verified = run_module("audit", "verify")
    assert verified.returncode == 0 and "verdict: intact" in verified.stdout


def test_sign_in_and_sign_out_are_audited(demo_store):
    login = auth.start_login("bps_jatim")
    auth.end_login(login)
    auth.end_login(login)  # a second sign-out of the same sign-in records nothing
    log = audit.read_log()
    assert log["action"].tolist() == ["sign_in", "sign_out"]
    assert log["user"].tolist() == ["bps_jatim"] * 2 and log["role"].tolist() == ["bps_provinsi"] * 2
    assert audit.verify()


# --- the move of earlier files ----------------------------------------------------------------------------

def _old_chain(records: list[dict], key: bytes) -> tuple[list[str], dict]:
    """An earlier version's download log and head, hashed as that version did."""
    fields = ("seq", "time", "user", "role", "page", "filters", "rows", "sha256", "prev")
    prev, lines = "0" * 64, []
    for seq, record in enumerate(records, start=1):
        record = {**record, "seq": seq, "prev": prev}
        body = json.dumps({k: record[k] for k in fields}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        record["hash"] = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        lines.append(json.dumps(record, sort_keys=True))
        prev = record["hash"]
    head = {"seq": len(records), "hash": prev,
            "mac": hmac.new(key, f"head:{len(records)}:{prev}".encode(), hashlib.sha256).hexdigest()}
    return lines, head


def write_earlier_files(data: Path, template: Path) -> dict:
    """The data folder of an earlier version: users.yaml, lists, terms, sign-in state and the download log."""
    hashed = {row["username"]: row for row in demo_rows(template)}
    config = {"credentials": {"usernames": {
        "gubernur": {"name": "Kantor Gubernur", "password": hashed["gubernur"]["password_hash"], "role": "gubernur",
                     "kab_codes": [], "programmes": [], "generation": "g" * 32, "demo": True},
        "csr_madura": {"name": "Mitra Madura", "password": hashed["csr_madura"]["password_hash"],
                       "role": "mitra_csr", "kab_codes": ["3526", "3527"], "programmes": ["pkh"],
                       "generation": "m" * 32},
    }}}
    (data / "users.yaml").write_text(yaml.safe_dump(config))
    lists = data / "lists" / "csr_madura"
    lists.mkdir(parents=True)
    list_ids = ["0123456789abcdef", "fedcba9876543210"]
    for i, list_id in enumerate(list_ids):
        (lists / f"{list_id}.json").write_text(json.dumps({
            "list_id": list_id, "owner": "csr_madura", "name": f"Daftar {i}", "purpose": "sembako",
            "filters": {"kab": ["3527"], "desil_max": str(2 + i)}, "saved_at": f"2022-11-1{i}T08:00:00+00:00",
            "snapshot_id": "2022-11-14_abc", "as_of": "2022-11-14"}))
    (lists / "terms.json").write_text(json.dumps({"accepted": "2022-11-10T08:00:00+00:00",
                                                  "version": export.TERMS_VERSION}))
    (data / "auth").mkdir()
    now = time.time()
    (data / "auth" / "login_failures.json").write_text(json.dumps(
        {"ghost": {"count": auth.MAX_FAILURES, "last": now, "locked_until": now + 120}}))
    login = auth.Login("gubernur", now + 3600)
    (data / "auth" / "logins.json").write_text(json.dumps(
        {login.login_id: {"user": "gubernur", "generation": "g" * 32, "expires": login.expires}}))
    downloads = [{"time": f"2022-11-1{i}T09:00:00.000+00:00", "user": "csr_madura", "role": "mitra_csr",
                  "page": "targets", "filters": {"purpose": "sembako", "n": i}, "rows": 10 + i,
                  "sha256": f"{i:064x}"} for i in range(3)]
    lines, head = _old_chain(downloads, audit._key())
    (data / "audit").mkdir()
    (data / "audit" / "downloads.jsonl").write_text("".join(line + "\n" for line in lines))
    (data / "audit" / "downloads.head.json").write_text(json.dumps(head))
    return {"list_ids": list_ids, "login": login, "downloads": downloads}


MOVED = ("users.yaml", "lists/csr_madura/0123456789abcdef.json", "lists/csr_madura/fedcba9876543210.json",
         "lists/csr_madura/terms.json", "auth/login_failures.json", "auth/logins.json", "audit/downloads.jsonl",
         "audit/downloads.head.json")


def _state() -> dict[str, list[dict]]:
    return {name: table_rows(name) for name in ("users", "saved_lists", "terms", "login_attempts", "logins",
                                                "audit_log", "imports")}


def test_db_upgrade_moves_earlier_files_in_once_and_renames_them(store_url, demo_users_file):
    data = Path(os.environ["REGSOSEK_DATA_DIR"])
    data.mkdir(exist_ok=True)
    earlier = write_earlier_files(data, demo_users_file)
    # `db upgrade` in this process (tests/inprocess.py): the first test of this file runs it in its own.

    first = run_main("db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert "moved from earlier files: audit: 3" in first.stdout and "users: 2" in first.stdout
    for name in MOVED:
        assert not (data / name).exists() and (data / f"{name}.imported").exists(), name
    after_first = _state()

    second = run_main("db", "upgrade")
    assert second.returncode == 0 and "nothing left to move" in second.stdout
    assert _state() == after_first

    # An upgrade stopped after its commit but before the renames: the files are back, nothing is doubled.
    for name in MOVED:
        (data / f"{name}.imported").rename(data / name)
    third = run_main("db", "upgrade")
    assert third.returncode == 0 and "nothing left to move" in third.stdout
    assert _state() == after_first
    assert all((data / f"{name}.imported").exists() for name in MOVED)

    # What was moved works as it did.
    assert {row.username for row in users.list_users()} == {"gubernur", "csr_madura"}
    assert auth.check_login("gubernur", "gubernur-jatim-22").outcome is auth.Outcome.OK
    assert auth.login_valid(earlier["login"])
    assert auth.check_login("ghost", "anything-at-all").outcome is auth.Outcome.LOCKED
    madura = auth.scope_of("csr_madura")
    assert madura.programmes == ("pkh",)
    assert sorted(s.list_id for s in saved_lists.lists_of(madura)) == earlier["list_ids"]
    assert saved_lists.get(madura, "fedcba9876543210").filters.desil_max == 3
    assert export.terms_accepted("csr_madura") and not export.terms_accepted("gubernur")
    log = audit.read_log()
    assert log["action"].tolist() == ["import", "download", "download", "download"]
    assert log["details"][0]["old_log_intact"] is True and log["details"][0]["old_head_seq"] == 3
    downloads = log[log["action"] == "download"]
    assert downloads["sha256"].tolist() == [d["sha256"] for d in earlier["downloads"]]
    assert downloads["rows"].tolist() == [10, 11, 12]
    assert [t.isoformat(timespec="milliseconds") for t in downloads["time"]] == [
        d["time"] for d in earlier["downloads"]]
    assert audit.verify()


def test_an_earlier_log_that_does_not_verify_is_still_moved_and_says_so(store_url, demo_users_file):
    data = Path(os.environ["REGSOSEK_DATA_DIR"])
    data.mkdir(exist_ok=True)
    write_earlier_files(data, demo_users_file)
    log_file = data / "audit" / "downloads.jsonl"
    lines = log_file.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["rows"] = 999
    log_file.write_text("\n".join([lines[0], json.dumps(edited), lines[2]]) + "\n")
    store.upgrade()
    log = audit.read_log()
    assert log["details"][0]["old_log_intact"] is False and "line 2" in log["details"][0]["problem"]
    assert log.loc[log["action"] == "download", "rows"].tolist() == [10, 999, 12]
    assert audit.verify()  # the new chain is whole; its first record says the old one was not


# --- many writers at once ------------------------------------------------------------------------------

APPEND_IN_A_PROCESS = """
import sys
from regsosek import audit
for i in range(int(sys.argv[1])):
    audit.append(sys.argv[2], "bps_provinsi", "targets", {"i": i}, i, "%064x" % i)
"""


def test_concurrent_appends_from_threads_and_processes_make_one_valid_chain(store_url):
    audit.append("first", "admin", "targets", {}, 0, "0" * 64)  # the key and the schema exist before the race
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    processes = [subprocess.Popen([sys.executable, "-c", APPEND_IN_A_PROCESS, "15", f"process{p}"], env=env,
                                  cwd=Path.cwd(), stderr=subprocess.PIPE, text=True) for p in range(3)]
    start = threading.Barrier(6)
    errors = []

    def thread_writer(t: int) -> None:
        start.wait()
        try:
            for i in range(15):
                audit.append(f"thread{t}", "bps_provinsi", "targets", {"i": i}, i, f"{i:064x}")
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=thread_writer, args=(t,)) for t in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    assert errors == []
    log = audit.read_log()
    assert len(log) == 1 + 6 * 15 + 3 * 15
    assert log["seq"].tolist() == list(range(1, len(log) + 1))
    for writer in [f"thread{t}" for t in range(6)] + [f"process{p}" for p in range(3)]:
        assert sorted(f["i"] for f in log.loc[log["user"] == writer, "filters"]) == list(range(15)), writer
    verdict = audit.check()
    assert verdict.intact and verdict.head_seq == len(log), verdict.problem


@pytest.fixture
def counted_password_checks(monkeypatch):
    checks = []
    real = auth._password_matches

    def counting(password: str, hashed: str) -> bool:
        checks.append(password)
        return real(password, hashed)

    monkeypatch.setattr(auth, "_password_matches", counting)
    return checks


def test_parallel_attempts_never_get_more_guesses_than_the_limit_on_either_backend(demo_store,
                                                                                  counted_password_checks):
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


ATTEMPTS_IN_A_PROCESS = """
import sys, time
from regsosek import auth
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
for i in range(4):
    print(auth.check_login("admin", f"wrong-{sys.argv[2]}-{i}").outcome.value, flush=True)
"""


def test_the_lockout_limit_holds_for_processes_trying_at_once(demo_store):
    """Four processes send four wrong passwords each at the same moment: exactly MAX_FAILURES are checked."""
    store.ping()  # the schema is ready before the processes start
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.time() + 4
    processes = [subprocess.Popen([sys.executable, "-c", ATTEMPTS_IN_A_PROCESS, str(start), str(p)], env=env,
                                  cwd=Path.cwd(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for p in range(4)]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outcomes += out.split()
    assert len(outcomes) == 16 and set(outcomes) <= {"failed", "locked"}
    # Only an attempt that found no lock was counted and got its password checked: exactly the limit.
    [attempts] = [row for row in table_rows("login_attempts") if row["username"] == "admin"]
    assert attempts["failures"] == auth.MAX_FAILURES and attempts["locked_until"] > time.time()
    assert auth.check_login("admin", "admin-regsosek-22").outcome is auth.Outcome.LOCKED


SIGN_IN_ELSEWHERE = """
import sys
from regsosek import auth
if sys.argv[1] == "start":
    print(repr(auth.start_login("bps_surabaya").expires))
else:
    print(auth.login_valid(auth.Login("bps_surabaya", float(sys.argv[2]))))
"""


def test_a_sign_in_made_by_one_process_is_ended_by_a_sign_out_in_another(demo_store):
    """Two app processes on one database: what one records, the other checks; a sign-out anywhere ends it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def elsewhere(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", SIGN_IN_ELSEWHERE, *args], env=env, cwd=Path.cwd(),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    login = auth.Login("bps_surabaya", float(elsewhere("start")))
    assert auth.login_valid(login)
    assert elsewhere("check", repr(login.expires)) == "True"
    auth.end_login(login)
    assert elsewhere("check", repr(login.expires)) == "False"
    assert audit.read_log()["action"].tolist() == ["sign_in", "sign_out"]
