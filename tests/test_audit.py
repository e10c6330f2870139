"""The audit log is append-only and any tampering is detected: edits, cuts, and a full rewrite."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from regsosek import audit, store
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[1]
LOG = store.audit_log


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    """A data folder (its app database holds the log) and, apart from it, a working directory whose
    .streamlit/secrets.toml holds the key."""
    data = tmp_path / "data"
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    store.reset()
    yield data
    store.reset()


def _append(n: int) -> None:
    for i in range(n):
        audit.append(f"user{i}", "mitra_csr", "targets", {"kab": ["3501"], "desil": [1, 2]}, 100 + i, f"{i:064x}")


def _records() -> list[dict]:
    """The stored rows, read with plain SQL, as the record dicts the hash covers."""
    with store.engine().connect() as connection:
        rows = connection.execute(sa.select(LOG).order_by(LOG.c.seq)).mappings().all()
    return [{"seq": r["seq"], "time": r["time"], "user": r["username"], "role": r["role"], "action": r["action"],
             "details": r["details"], "prev": r["prev"], "hash": r["hash"]} for r in rows]


def _write(records: list[dict]) -> None:
    """Replace every stored row (as someone with write access to the database could)."""
    with store.engine().begin() as connection:
        connection.execute(sa.delete(LOG))
        for r in records:
            connection.execute(sa.insert(LOG).values(seq=r["seq"], time=r["time"], username=r["user"], role=r["role"],
                                                     action=r["action"], details=r["details"], prev=r["prev"],
                                                     hash=r["hash"]))


def test_append_and_read(log_dir):
    assert audit.verify() and audit.read_log().empty
    _append(3)
    log = audit.read_log()
    assert log["user"].tolist() == ["user0", "user1", "user2"]
    assert log["rows"].tolist() == [100, 101, 102]
    assert log["filters"][0] == {"kab": ["3501"], "desil": [1, 2]}
    assert log["seq"].tolist() == [1, 2, 3]
    assert log["prev"][1] == log["hash"][0]
    assert audit.verify()
    verdict = audit.check()
    assert (verdict.intact, verdict.records, verdict.head_seq, verdict.head_hash) == (True, 3, 3, log["hash"][2])
    assert log["action"].tolist() == ["download"] * 3 and log["details"][0]["page"] == "targets"
    database = log_dir / store.FILE_NAME
    assert database.exists() and stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_key_is_kept_outside_the_data_folder(log_dir):
    _append(1)
    secrets_toml = Path.cwd() / ".streamlit" / "secrets.toml"
    assert "[audit]" in secrets_toml.read_text()
    assert not secrets_toml.is_relative_to(log_dir)
    assert stat.S_IMODE(secrets_toml.stat().st_mode) == 0o600
    key = audit._key()
    assert len(key) >= 32 and not any(key in p.read_bytes() for p in log_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("tamper", ["edit_rows", "delete_row", "swap_rows", "rehash_one_row", "garbage"])
def test_tampering_detected(log_dir, tamper):
    _append(4)
    records = _records()
    if tamper == "edit_rows":
        records[1]["details"] = records[1]["details"].replace('"rows":101', '"rows":1')
        assert '"rows":1,' in records[1]["details"]
    elif tamper == "delete_row":
        del records[1]
    elif tamper == "swap_rows":
        records[1]["seq"], records[2]["seq"] = records[2]["seq"], records[1]["seq"]
    elif tamper == "rehash_one_row":
        # a forger who recomputes the edited row's own hash still breaks the next link
        records[1]["user"] = "someone_else"
        records[1]["hash"] = audit._digest(records[1], audit._key())
    else:
        records[2]["details"] = "{not json"
    _write(records)
    assert not audit.verify()


@pytest.mark.parametrize("cut", [1, 3])
def test_rows_cut_off_the_end_are_detected(log_dir, cut):
    """Issue 16 #11: removing the newest lines left a valid chain."""
    _append(4)
    _write(_records()[:-cut])
    assert not audit.verify()
    assert "cut off" in audit.check().problem


def _plain_sha256(record: dict) -> str:
    body = {k: record[k] for k in audit.FIELDS}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("forger_key", [None, b"k" * 48])
def test_a_full_rewrite_without_the_audit_key_is_detected(log_dir, forger_key):
    """Issue 16 #11: someone who can write the log rewrote a record and rebuilt every hash after it."""
    import hmac

    _append(4)
    records = _records()
    records[1]["details"] = records[1]["details"].replace('"rows":101', '"rows":99999')
    prev = audit.GENESIS
    for record in records:
        record["prev"] = prev
        body = json.dumps({k: record[k] for k in audit.FIELDS}, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        record["hash"] = (_plain_sha256(record) if forger_key is None
                          else hmac.new(forger_key, body, hashlib.sha256).hexdigest())
        prev = record["hash"]
    _write(records)
    with store.engine().begin() as connection:
        connection.execute(sa.update(store.audit_head).values(hash=prev))
    assert not audit.verify()


def test_a_missing_or_altered_head_is_detected(log_dir):
    _append(2)
    with store.engine().begin() as connection:
        connection.execute(sa.update(store.audit_head).values(seq=1))
    assert "head altered" in audit.check().problem
    with store.engine().begin() as connection:
        connection.execute(sa.delete(store.audit_head))
    assert audit.check().problem == "head missing"


def test_append_after_verify_continues_chain(log_dir):
    _append(2)
    audit.append("x", "bps_provinsi", "targets", {}, 5, "f" * 64)
    assert audit.verify() and len(audit.read_log()) == 3


def test_cli_prints_the_head_and_the_verdict(log_dir):
    _append(3)

    def verify_cli() -> subprocess.CompletedProcess:  # in this process (the real one: tests/test_store.py)
        return run_main("audit", "verify")

    intact = verify_cli()
    head = audit.read_log()["hash"].iloc[-1]
    assert intact.returncode == 0, intact.stderr
    assert f"head: seq 3 hash {head}" in intact.stdout and "verdict: intact" in intact.stdout

    _write(_records()[:-1])
    broken = verify_cli()
    assert broken.returncode == 1 and "verdict: BROKEN" in broken.stdout
