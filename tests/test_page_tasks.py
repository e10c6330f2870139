"""Tindak lanjut page: a regency head creates a task from a finding and moves it to verified; another regency
in the URL shows nothing of it; the Governor's office sees counts only; other roles are refused. The numbers
are tested on the view (tests/test_view_tasks.py)."""

from __future__ import annotations

import pytest

from regsosek import audit, i18n, tasks
from tests.monitoring_expected import open_page

SURABAYA, SAMPANG = "3578", "3527"


def test_a_regency_head_creates_a_task_from_a_finding_and_closes_it(workdir, private_store):
    at = open_page("tasks", "bps_surabaya", temuan="pml_backlog")
    assert not at.exception
    assert len(at.main.metric) == 5
    finding = at.selectbox(key="tasks_finding")
    assert finding.value and finding.value.startswith("pml_backlog:3578-PML-")
    assignee = at.selectbox(key="tasks_assignee")
    assert assignee.value is not None and assignee.value.startswith("3578-KOSEKA-")  # the PML's Koseka
    at.text_area(key="tasks_note").input("periksa dokumen")
    at.button(key="tasks_create").click().run()
    assert not at.exception and not at.main.error
    [task] = tasks.tasks_in([SURABAYA]).itertuples()
    assert (task.finding_key, task.assignee_id, task.note, task.status) == (finding.value, assignee.value,
                                                                             "periksa dokumen", "baru")
    assert at.main.success[0].value == i18n.t("tasks_created", task_id=task.task_id)
    for status in tasks.STATUSES[1:]:
        at.selectbox(key="tasks_task").set_value(task.task_id)
        at.button(key="tasks_advance").click().run()
        assert not at.exception and not at.main.error
        assert tasks.tasks_in([SURABAYA])["status"].tolist() == [status]
    assert at.main.info and any(i.value == i18n.t("tasks_all_verified") for i in at.main.info)
    actions = audit.read_log()["action"].tolist()
    assert actions.count(tasks.AUDIT_CREATE) == 1 and actions.count(tasks.AUDIT_STATUS) == 3


def test_another_regency_in_the_url_shows_only_the_users_own(workdir, private_store):
    at = open_page("tasks", "bps_surabaya", kab=SAMPANG, temuan="pml_backlog")
    assert not at.exception
    assert at.selectbox(key="tasks_kab").options == ["Kota Surabaya"]
    column = i18n.t("tasks_col_kab_code")
    tables = [df.value for df in at.main.dataframe if column in df.value.columns]
    assert len(tables) == 2  # the summary and the findings
    for table in tables:
        assert set(table[column]) == {SURABAYA}
    assert at.selectbox(key="tasks_assignee").options
    assert all(option.startswith("3578-") for option in at.selectbox(key="tasks_assignee").options)


def test_the_governors_office_sees_counts_only(workdir, private_store):
    at = open_page("tasks", "gubernur", kab=SURABAYA)
    assert not at.exception and not at.main.error
    assert len(at.main.metric) == 5
    assert len(at.main.dataframe) == 1
    assert list(at.main.dataframe[0].value.columns) == [i18n.t(f"tasks_col_{c}") for c in
                                                        ("kab_code", "kab_name", "tasks", "open", "overdue",
                                                         "closed", "closure_rate")]
    assert set(at.main.dataframe[0].value[i18n.t("tasks_col_kab_code")]) == {SURABAYA}
    assert not at.main.button and not at.main.tabs


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_other_roles_are_refused_and_see_no_data(workdir, private_store, username):
    at = open_page("tasks", username, kab=SURABAYA)
    assert not at.exception
    assert at.main.error and not at.main.dataframe and not at.main.metric and not at.main.button
