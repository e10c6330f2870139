"""The download log is append-only and any tampering is detected."""

from __future__ import annotations

import json

import pytest

from regsosek import audit


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    return tmp_path


def _append(n: int) -> None:
    for i in range(n):
        audit.append(f"user{i}", "mitra_csr", "targets", {"kab": ["3501"], "desil": [1, 2]}, 100 + i, f"{i:064x}")


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
    assert audit.log_path().is_relative_to(log_dir)


@pytest.mark.parametrize("tamper", ["edit_rows", "delete_line", "swap_lines", "rehash_one_line", "garbage"])
def test_tampering_detected(log_dir, tamper):
    _append(4)
    path = audit.log_path()
    lines = path.read_text().splitlines()
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
        records[1]["hash"] = audit._digest(records[1])
        lines[1] = json.dumps(records[1], sort_keys=True)
    else:
        lines[2] = "{not json"
    path.write_text("\n".join(lines) + "\n")
    assert not audit.verify()


def test_append_after_verify_continues_chain(log_dir):
    _append(2)
    audit.append("x", "bps_provinsi", "targets", {}, 5, "f" * 64)
    assert audit.verify() and len(audit.read_log()) == 3
