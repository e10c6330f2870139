"""The download log is append-only and any tampering is detected: edits, cuts, and a full rewrite."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from regsosek import audit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    """A data folder and, apart from it, a working directory whose .streamlit/secrets.toml holds the key."""
    data = tmp_path / "data"
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(data))
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return data


def _append(n: int) -> None:
    for i in range(n):
        audit.append(f"user{i}", "mitra_csr", "targets", {"kab": ["3501"], "desil": [1, 2]}, 100 + i, f"{i:064x}")


def _lines() -> list[str]:
    return audit.log_path().read_text().splitlines()


def _write(lines: list[str]) -> None:
    audit.log_path().write_text("".join(line + "\n" for line in lines))


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
    assert audit.log_path().is_relative_to(log_dir)
    assert stat.S_IMODE(audit.log_path().stat().st_mode) == 0o600


def test_the_key_is_kept_outside_the_data_folder(log_dir):
    _append(1)
    secrets_toml = Path.cwd() / ".streamlit" / "secrets.toml"
    assert "[audit]" in secrets_toml.read_text()
    assert not secrets_toml.is_relative_to(log_dir)
    assert stat.S_IMODE(secrets_toml.stat().st_mode) == 0o600
    key = audit._key()
    assert len(key) >= 32 and not any(key in p.read_bytes() for p in log_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("tamper", ["edit_rows", "delete_line", "swap_lines", "rehash_one_line", "garbage"])
def test_tampering_detected(log_dir, tamper):
    _append(4)
    lines = _lines()
    records = [json.loads(line) for line in lines]
    if tamper == "edit_rows":
        records[1]["rows"] = 1
        lines[1] = json.dumps(records[1], sort_keys=True)
    elif tamper == "delete_line":
        del lines[1]
    elif tamper == "swap_lines":
        lines[1], lines[2] = lines[2], lines[1]
    elif tamper == "rehash_one_line":
        # a forger who recomputes the edited line's own hash still breaks the next link
        records[1]["user"] = "someone_else"
        records[1]["hash"] = audit._digest(records[1], audit._key())
        lines[1] = json.dumps(records[1], sort_keys=True)
    else:
        lines[2] = "{not json"
    _write(lines)
    assert not audit.verify()


@pytest.mark.parametrize("cut", [1, 3])
def test_lines_cut_off_the_end_are_detected(log_dir, cut):
    """Issue 16 #11: removing the newest lines left a valid chain."""
    _append(4)
    _write(_lines()[:-cut])
    assert not audit.verify()
    assert "cut off" in audit.check().problem


def _plain_sha256(record: dict) -> str:
    body = {k: record[k] for k in audit.FIELDS}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("forger_key", [None, b"k" * 48])
def test_a_full_rewrite_without_the_audit_key_is_detected(log_dir, forger_key):
    """Issue 16 #11: someone who can write data/ rewrote a line and rebuilt every hash after it."""
    import hmac

    _append(4)
    records = [json.loads(line) for line in _lines()]
    records[1]["rows"] = 99_999
    prev = audit.GENESIS
    for record in records:
        record["prev"] = prev
        body = json.dumps({k: record[k] for k in audit.FIELDS}, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        record["hash"] = (_plain_sha256(record) if forger_key is None
                          else hmac.new(forger_key, body, hashlib.sha256).hexdigest())
        prev = record["hash"]
    _write([json.dumps(r, sort_keys=True) for r in records])
    head_file = audit.log_path().with_name("downloads.head.json")
    if head_file.exists():
        head_file.write_text(json.dumps({**json.loads(head_file.read_text()), "hash": prev}))
    assert not audit.verify()


def test_a_missing_or_altered_head_is_detected(log_dir):
    _append(2)
    head = json.loads(audit.head_path().read_text())
    audit.head_path().write_text(json.dumps({**head, "seq": 1}))
    assert "head file altered" in audit.check().problem
    audit.head_path().unlink()
    assert audit.check().problem == "head file missing"


def test_append_after_verify_continues_chain(log_dir):
    _append(2)
    audit.append("x", "bps_provinsi", "targets", {}, 5, "f" * 64)
    assert audit.verify() and len(audit.read_log()) == 3


def test_cli_prints_the_head_and_the_verdict(log_dir):
    _append(3)
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def verify_cli() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "regsosek", "audit", "verify"], capture_output=True, text=True,
                              env=env, cwd=Path.cwd())

    intact = verify_cli()
    head = audit.read_log()["hash"].iloc[-1]
    assert intact.returncode == 0, intact.stderr
    assert f"head: seq 3 hash {head}" in intact.stdout and "verdict: intact" in intact.stdout

    _write(_lines()[:-1])
    broken = verify_cli()
    assert broken.returncode == 1 and "verdict: BROKEN" in broken.stdout
