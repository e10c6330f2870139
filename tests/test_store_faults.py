"""Faults of the app database, on SQLite and PostgreSQL: a writer killed with SIGKILL in the middle of audit
appends and saved-list writes, and a database that is unreachable or locked while people use the app.

The kill loop runs REGSOSEK_FAULT_KILLS times per backend (5 in the suite; set 20 for the full run)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from regsosek import access, audit, auth, i18n, saved_lists, store
from tests.test_store import demo_rows

ROOT = Path(__file__).resolve().parents[1]
KILLS = int(os.environ.get("REGSOSEK_FAULT_KILLS", "5"))
KABS = ("3526", "3527", "3528", "3529")

# Appends audit records and saves lists as fast as it can, printing each one only after it is committed.
WRITER = """
import datetime, sys, types
from regsosek import access, audit, saved_lists
from regsosek import targeting as tg
owner = sys.argv[1]
scope = access.scope_for(owner, "mitra_csr", ("3526", "3527", "3528", "3529"))
snapshot = types.SimpleNamespace(snapshot_id="2022-11-14_fault", as_of=datetime.date(2022, 11, 14))
audit.append(owner, "mitra_csr", "targets", {"i": -1}, 0, "f" * 64)
print("ready", flush=True)
for i in range(saved_lists.MAX_LISTS - 5):
    record = audit.append(owner, "mitra_csr", "targets", {"i": i}, i, "%064x" % i)
    print("A", record["seq"], i, flush=True)
    saved = saved_lists.save(scope, f"daftar {i}", "uji", tg.TargetFilter(desil_max=i % 9 + 1), snapshot)
    print("L", saved.list_id, i, flush=True)
print("done", flush=True)
"""


def _kill_once(run: int) -> dict:
    owner = f"csr_fault{run}"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, owner], env=env, cwd=Path.cwd(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    time.sleep(random.uniform(0.02, 0.6))
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    acked = writer.stdout.read().split("\n")
    records = {int(line.split()[1]): int(line.split()[2]) for line in acked if line.startswith("A ")}
    lists = {line.split()[1]: int(line.split()[2]) for line in acked if line.startswith("L ")}

    verdict = audit.check()
    log = audit.read_log()
    stored = dict(zip(log["seq"], log["filters"].map(lambda f: f.get("i") if isinstance(f, dict) else None)))
    lost_records = [seq for seq, i in records.items() if stored.get(seq) != i]
    scope = access.scope_for(owner, "mitra_csr", KABS)
    readable = {s.list_id: s for s in saved_lists.lists_of(scope)}
    with store.read() as connection:
        rows = connection.execute(sa.select(sa.func.count()).select_from(store.saved_lists)
                                  .where(store.saved_lists.c.owner == owner)).scalar()
    lost_lists = [list_id for list_id in lists if list_id not in readable]
    half = rows - len(readable)  # a row that exists but cannot be read back whole
    # At most the one write in flight at the kill may be committed without its acknowledgement.
    in_flight_ok = len(readable) - len(lists) in (0, 1)
    return {"acked_records": len(records), "acked_lists": len(lists), "intact": verdict.intact,
            "lost": len(lost_records) + len(lost_lists), "half": half, "in_flight_ok": in_flight_ok,
            "finished": "done" in acked, "problem": verdict.problem}


def test_kill_9_during_audit_appends_and_list_writes_loses_nothing(store_url):
    audit.append("setup", "admin", "targets", {}, 0, "0" * 64)  # the schema and the key exist first
    results = [_kill_once(run) for run in range(KILLS)]
    survived = sum(r["intact"] and r["lost"] == 0 and r["half"] == 0 and r["in_flight_ok"] for r in results)
    print(f"\nfault table ({store.describe().split(':')[0]}): kill -9 during audit append / saved-list write: "
          f"tries {len(results)}, survived {survived}, lost {sum(r['lost'] for r in results)} "
          f"(acked records {sum(r['acked_records'] for r in results)}, "
          f"acked lists {sum(r['acked_lists'] for r in results)})")
    assert results == [{**r, "intact": True, "lost": 0, "half": 0, "in_flight_ok": True, "problem": ""}
                       for r in results]
    assert sum(r["acked_records"] for r in results) > 0  # the kills did land while writing
    assert audit.verify()


# --- unreachable or locked ---------------------------------------------------------------------------

def _page(username: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "home.py"), default_timeout=60)
    if username:
        at.session_state["authentication_status"] = True
        at.session_state["username"] = username
        at.session_state["name"] = username
    return at


def _unavailable_shown(at: AppTest) -> bool:
    message = i18n.t("store_unavailable")
    return not at.exception and any(message in e.value for e in at.main.error)


def test_an_unreachable_database_shows_a_message_and_the_app_recovers_when_it_returns(store_url,
                                                                                     demo_users_file, monkeypatch):
    """The database is away (SQLite: its folder cannot be created; PostgreSQL: the database does not exist
    yet), then comes back under the same URL: the same session carries on."""
    if store_url.startswith("sqlite"):
        blocker = Path(sa.make_url(store_url).database).parent / "away"
        blocker.write_text("not a folder")
        url = f"sqlite:///{blocker / 'app.db'}"
    else:
        url = sa.make_url(store_url).set(database=sa.make_url(store_url).database + "_later")
        url = url.render_as_string(hide_password=False)
    monkeypatch.setenv(store.URL_ENV, url)
    store.reset()
    at = _page("bps_jatim").run()
    assert _unavailable_shown(at)
    assert not at.main.metric and not at.main.dataframe
    at.run()  # still away: the same message, no traceback
    assert _unavailable_shown(at)

    if store_url.startswith("sqlite"):
        blocker.unlink()
        blocker.mkdir()
        shutil.copy(demo_users_file, blocker / "app.db")
    else:
        admin = sa.create_engine(os.environ["REGSOSEK_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
        name = sa.make_url(url).database
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            with store.write() as connection:
                connection.execute(sa.insert(store.users), demo_rows(demo_users_file))
            at.run()
            assert not at.exception and not at.main.error
            assert [t.value for t in at.main.title] == [i18n.t("page_home_title")]
        finally:
            store.reset()
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()
        return
    at.run()
    assert not at.exception and not at.main.error
    assert [t.value for t in at.main.title] == [i18n.t("page_home_title")]


def test_a_locked_sqlite_file_refuses_the_sign_in_with_a_message_and_it_works_once_released(private_copy,
                                                                                           monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 0.5)
    store.reset()
    store.ping()
    database = Path(os.environ["REGSOSEK_DATA_DIR"]) / store.FILE_NAME
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        at = _page(None).run()
        assert not at.exception  # reading is not blocked by a writer
        at.text_input(key="shell_login_username").input("bps_jatim")
        at.text_input(key="shell_login_password").input("bps-jatim-22")
        at.main.button[0].click().run()
        assert _unavailable_shown(at)
        assert at.text_input(key="shell_login_username") is not None  # still the sign-in form
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert auth.seconds_locked("bps_jatim") == 0 and audit.read_log(action="sign_in").empty  # nothing half done
    at.text_input(key="shell_login_password").input("bps-jatim-22")
    at.main.button[0].click().run()
    assert not at.exception and not at.main.error
    assert [t.value for t in at.main.title] == [i18n.t("page_home_title")]
    assert audit.read_log(action="sign_in")["user"].tolist() == ["bps_jatim"]
