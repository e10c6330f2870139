"""Follow-up tasks in the app database, on SQLite and PostgreSQL: the life cycle, who and when, the audit
records, and the scope of a regency head (another regency's task is refused, and nothing changes)."""

from __future__ import annotations

from datetime import date

import pytest

from regsosek import access, audit, tasks

SURABAYA, SAMPANG = "3578", "3527"


def scope(username: str, role: str, *kabs: str) -> access.Scope:
    return access.scope_for(username, role, kabs)


def new_task(actor: access.Scope, kab: str = SURABAYA, key: str = "inactive_ppl:3578-PPL-00001") -> int:
    return tasks.create(actor, kab_code=kab, kec_code=f"{kab}01", finding_kind=key.split(":")[0],
                        finding_key=key, finding_label="3578-PPL-00001 · Budi (0/250)",
                        assignee_id=f"{kab}-PML-00001", assignee_role="PML", assignee_name="Sari",
                        due=date(2026, 12, 5), note="  visit the PPL  ", snapshot_id="snap-1")


def test_a_task_goes_through_its_statuses_one_step_at_a_time_and_each_step_is_recorded(store_url):
    head = scope("bps_surabaya", "bps_kabkota", SURABAYA)
    province = scope("bps_jatim", "bps_provinsi")
    task_id = new_task(head)
    found = tasks.tasks_in([SURABAYA])
    assert list(found["task_id"]) == [task_id]
    row = found.iloc[0]
    assert (row["status"], row["due_date"], row["note"], row["created_by"]) == ("baru", date(2026, 12, 5),
                                                                               "visit the PPL", "bps_surabaya")
    with pytest.raises(tasks.TaskRefused):
        tasks.advance(head, task_id, "selesai")  # a skipped step
    tasks.advance(head, task_id, "dikerjakan", "called")
    with pytest.raises(tasks.TaskRefused):
        tasks.advance(head, task_id, "baru")  # no step back
    tasks.advance(head, task_id, "selesai")
    tasks.advance(province, task_id, "diverifikasi", "checked at the office")
    with pytest.raises(tasks.TaskRefused):
        tasks.advance(province, task_id, "diverifikasi")
    history = tasks.events(head, task_id)
    assert list(history["status"]) == list(tasks.STATUSES)
    assert list(history["username"]) == ["bps_surabaya", "bps_surabaya", "bps_surabaya", "bps_jatim"]
    assert list(history["note"]) == ["visit the PPL", "called", "", "checked at the office"]
    assert history["time"].is_monotonic_increasing and history["time"].str.endswith("+00:00").all()
    row = tasks.tasks_in([SURABAYA]).iloc[0]
    assert (row["status"], row["updated_by"], row["updated_at"]) == ("diverifikasi", "bps_jatim",
                                                                     history["time"].iloc[-1])
    log = audit.read_log()
    mine = log[log["action"].isin([tasks.AUDIT_CREATE, tasks.AUDIT_STATUS])]
    assert list(mine["action"]) == [tasks.AUDIT_CREATE] + [tasks.AUDIT_STATUS] * 3
    assert [d.get("to") for d in mine["details"]] == [None, "dikerjakan", "selesai", "diverifikasi"]
    assert all(d["task_id"] == task_id for d in mine["details"])
    assert list(mine["user"]) == list(history["username"])
    assert audit.check().intact


def test_a_regency_head_acts_only_within_its_regency(store_url):
    surabaya = scope("bps_surabaya", "bps_kabkota", SURABAYA)
    sampang = scope("bps_sampang", "bps_kabkota", SAMPANG)
    theirs = new_task(sampang, SAMPANG, "pml_backlog:3527-PML-00002")
    with pytest.raises(tasks.TaskRefused):
        new_task(surabaya, SAMPANG)
    with pytest.raises(tasks.TaskNotFound):
        tasks.advance(surabaya, theirs, "dikerjakan")
    with pytest.raises(tasks.TaskNotFound):
        tasks.events(surabaya, theirs)
    with pytest.raises(tasks.TaskNotFound):
        tasks.advance(surabaya, theirs + 1000, "dikerjakan")  # a missing id reads the same
    assert list(tasks.tasks_in([SAMPANG])["status"]) == ["baru"]
    assert tasks.tasks_in([SURABAYA]).empty
    assert len(tasks.events(sampang, theirs)) == 1
    assert set(audit.read_log()["action"]) & {tasks.AUDIT_CREATE, tasks.AUDIT_STATUS} == {tasks.AUDIT_CREATE}


@pytest.mark.parametrize("username,role", [("gubernur", "gubernur"), ("csr_madura", "mitra_csr"),
                                           ("admin", "admin")])
def test_roles_that_do_not_act_on_tasks_can_neither_create_nor_move_one(store_url, username, role):
    other = scope(username, role, "3526")
    task_id = new_task(scope("bps_jatim", "bps_provinsi"), "3526", "pml_backlog:3526-PML-00001")
    with pytest.raises(tasks.TaskRefused):
        new_task(other, "3526")
    with pytest.raises(tasks.TaskRefused):
        tasks.advance(other, task_id, "dikerjakan")
    assert list(tasks.tasks_in(["3526"])["status"]) == ["baru"]


def test_a_task_goes_only_to_a_pml_or_a_koseka(store_url):
    head = scope("bps_surabaya", "bps_kabkota", SURABAYA)
    with pytest.raises(tasks.TaskRefused):
        tasks.create(head, kab_code=SURABAYA, kec_code=None, finding_kind="inactive_ppl", finding_key="k",
                     finding_label="", assignee_id="3578-PPL-00001", assignee_role="PPL", assignee_name="x",
                     due=date(2026, 12, 5), note="", snapshot_id="s")
    assert tasks.tasks_in([SURABAYA]).empty
