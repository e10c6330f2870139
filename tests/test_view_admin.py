"""The admin view against the files it describes, and the admin page's actions in one visit."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from regsosek import access, audit, i18n, reference, store, warehouse
from regsosek.views import admin as admin_view
from tests.snapshots import AFTER, EARLY, MID, PHASES

ROOT = Path(__file__).resolve().parents[1]
ADMIN = access.scope_for("admin", "admin")


@pytest.fixture
def private(private_copy):
    """These tests change what is live."""
    return private_copy


@pytest.mark.parametrize("as_of", PHASES)
def test_snapshot_rows_match_the_raw_snapshot(private, as_of):
    view = admin_view.build(ADMIN)
    row = view.snapshots.set_index("snapshot_id").loc[private.ids[as_of]]
    assert row["as_of"] == as_of
    expected = {name: len(private.table(as_of, name)) for name in ("anggota", "keluarga", "petugas", "sls")}
    assert row["rows"] == ", ".join(f"{k}: {v:,}" for k, v in sorted(expected.items()))
    assert row["scale"] == "0.004"


def test_the_live_marker_is_the_live_pointer(private):
    view = admin_view.build(ADMIN)
    assert set(view.snapshot_ids) == set(private.ids.values())
    assert view.snapshots.loc[view.snapshots["live"], "snapshot_id"].tolist() == [private.late_id]
    assert view.live_id == private.late_id
    assert admin_view.make_live(ADMIN, private.ids[EARLY])
    view = admin_view.build(ADMIN)
    assert view.snapshots.loc[view.snapshots["live"], "snapshot_id"].tolist() == [private.ids[EARLY]]


def test_users_match_the_users_table_without_secrets(private, tmp_path):
    with contextlib.closing(sqlite3.connect(tmp_path / "data" / store.FILE_NAME)) as connection:
        connection.row_factory = sqlite3.Row
        rows = {r["username"]: {**dict(r), "kab_codes": json.loads(r["kab_codes"]),
                                "programmes": json.loads(r["programmes"])}
                for r in connection.execute("SELECT * FROM users")}
    view = admin_view.build(ADMIN)
    table = view.users.set_index("username")
    assert set(table.index) == set(rows)
    names = dict(zip(reference.kabkota()["kab_code"], reference.kabkota()["nama"]))
    for username, row in rows.items():
        assert table.loc[username, "role"] == row["role"] and table.loc[username, "name"] == row["name"]
        assert table.loc[username, "kab"] == ", ".join(f"{k} {names[k]}" for k in row["kab_codes"])
        assert table.loc[username, "programmes"] == ", ".join(row["programmes"])
        assert bool(table.loc[username, "demo"]) is True
    shown = " ".join(view.users.astype(str).to_numpy().ravel())
    assert "$2b$" not in shown and not any(row["generation"] in shown for row in rows.values())


def test_audit_log_and_verdict(private):
    audit.append("csr_madura", "mitra_csr", "targets", {"kab": ["3527"]}, 12, "a" * 64)
    audit.append("bps_jatim", "bps_provinsi", "officers", {}, 3, "b" * 64)
    view = admin_view.build(ADMIN)
    assert view.audit_log["user"].tolist() == ["bps_jatim", "csr_madura"]  # newest first
    assert view.audit_log["action"].tolist() == ["download", "download"]
    assert [json.loads(d) for d in view.audit_log["details"]] == [
        {"page": "officers", "filters": {}, "rows": 3, "sha256": "b" * 64},
        {"page": "targets", "filters": {"kab": ["3527"]}, "rows": 12, "sha256": "a" * 64}]
    assert view.audit_verdict.intact and view.audit_verdict.head_seq == 2
    with store.engine().begin() as connection:  # the newest record cut off
        connection.execute(sa.delete(store.audit_log).where(store.audit_log.c.seq == 2))
    verdict = admin_view.build(ADMIN).audit_verdict
    assert not verdict.intact and "cut off" in verdict.problem


def test_admin_actions_are_audited(private):
    assert admin_view.make_live(ADMIN, private.ids[EARLY])
    [record] = audit.read_log().to_dict("records")
    assert (record["user"], record["role"], record["action"]) == ("admin", "admin", "set_live")
    assert record["details"] == {"snapshot_id": private.ids[EARLY]}
    assert audit.verify()


def test_actions_refuse_what_the_view_does_not_offer(private, tmp_path):
    assert not admin_view.make_live(ADMIN, "../../etc")
    assert not admin_view.make_live(ADMIN, "2022-11-14_00000000")
    with pytest.raises(ValueError):
        admin_view.ingest_folder(ADMIN, "../warehouse")
    gubernur = access.scope_for("gubernur", "gubernur")
    with pytest.raises(PermissionError):
        admin_view.build(gubernur)
    with pytest.raises(PermissionError):
        admin_view.make_live(gubernur, private.ids[MID])
    assert warehouse.live().snapshot_id == private.late_id


def _marked_live(at: AppTest) -> list[str]:
    table = at.main.dataframe[0].value
    marked = table[i18n.t("admin_col_live")].map(lambda v: v is True or v == "●")  # a tick, or the older dot
    return table.loc[marked.astype(bool), i18n.t("admin_col_snapshot_id")].tolist()


def test_two_switches_in_one_visit_each_make_the_chosen_snapshot_live(private):
    """Issue 9 bug 2: after one switch the table still marked the old snapshot, and a second
    switch re-applied the previous choice while reporting success."""
    at = AppTest.from_file(str(ROOT / "pages" / "admin.py"), default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "admin"
    at.run()
    assert _marked_live(at) == [private.late_id]
    for as_of in (EARLY, AFTER):
        chosen = private.ids[as_of]
        next(s for s in at.selectbox if s.label == i18n.t("admin_set_live")).select(chosen)
        next(b for b in at.button if b.label == i18n.t("admin_set_live_submit")).click().run()
        assert not at.exception
        assert warehouse.live().snapshot_id == chosen
        assert _marked_live(at) == [chosen]
        assert [s.value for s in at.main.success][0] == i18n.t("admin_set_live_done", snapshot_id=chosen)
        assert next(s for s in at.selectbox if s.label == i18n.t("admin_set_live")).value == chosen
