"""Tindak lanjut view: findings and their suggested officer against pandas on the raw snapshot at three phases;
the counts, overdue tasks and closure rate per regency against the tasks written; the scope of a regency head
(by id, by URL, by form); counts only for the Governor's office. App database on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from regsosek import access, settings, tasks, validate, warehouse
from regsosek.views import tasks as view_tasks
from tests.snapshots import PHASES

SURABAYA, SAMPANG = "3578", "3527"
TODAY = date(2026, 11, 28)


@pytest.fixture
def task_store(published, store_url, monkeypatch):
    """An empty app database on each backend, beside the shared published warehouse."""
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(published.data_dir))
    return published


def scope(username: str, role: str, *kabs: str) -> access.Scope:
    return access.scope_for(username, role, kabs)


HEAD = scope("bps_surabaya", "bps_kabkota", SURABAYA)
SAMPANG_HEAD = scope("bps_sampang", "bps_kabkota", SAMPANG)
PROVINCE = scope("bps_jatim", "bps_provinsi")
GOVERNOR = scope("gubernur", "gubernur")


def snap(published, as_of: str) -> warehouse.SnapshotInfo:
    return warehouse.get(published.ids[as_of])


def raw_officers(published, as_of: str, kab: str) -> pd.DataFrame:
    staff = published.table(as_of, "petugas")
    return staff[staff["kab_code"] == kab]


@pytest.mark.parametrize("as_of", PHASES)
def test_kecamatan_with_sls_not_started_are_findings_for_their_koseka(published, as_of):
    sls = published.table(as_of, "sls")
    fam = published.table(as_of, "keluarga")
    sls = sls[sls["kab_code"] == SURABAYA]
    visited = fam[fam["tgl_kunjungan"].notna()].groupby("sls_id").size()
    sls = sls.assign(visited=sls["sls_id"].map(visited).fillna(0))
    not_started = sls[sls["visited"] == 0].groupby("kec_code").size()
    all_sls = sls.groupby("kec_code").size()
    staff = raw_officers(published, as_of, SURABAYA)
    koseka = staff[staff["peran"] == "KOSEKA"].set_index("kec_code")["petugas_id"]
    pml = staff[staff["peran"] == "PML"].sort_values("petugas_id").groupby("kec_code")["supervisor_id"].first()

    def koseka_of(kec: str) -> str | None:
        return koseka.get(kec, pml.get(kec))

    found = view_tasks.findings(HEAD, snap(published, as_of), SURABAYA, "sls_not_started")
    assert dict(zip(found["kec_code"], found["detail"])) == {
        kec: f"{n}/{all_sls[kec]}" for kec, n in not_started.items()}
    assert dict(zip(found["kec_code"], found["suggested_id"])) == {kec: koseka_of(kec) for kec in not_started.index}
    assert set(found["finding_key"]) == {f"sls_not_started:{kec}" for kec in not_started.index}


@pytest.mark.parametrize("as_of", PHASES)
def test_officer_findings_suggest_the_supervisor_from_petugas(published, as_of):
    staff = raw_officers(published, as_of, SURABAYA)
    supervisor = staff.set_index("petugas_id")["supervisor_id"]
    snapshot = snap(published, as_of)
    backlog = view_tasks.findings(HEAD, snapshot, SURABAYA, "pml_backlog")
    subjects = backlog["finding_key"].str.removeprefix("pml_backlog:")
    assert list(backlog["suggested_id"]) == [supervisor[p] for p in subjects]
    assert (staff.set_index("petugas_id").loc[list(backlog["suggested_id"]), "peran"] == "KOSEKA").all()
    for kind in ("inactive_ppl", "overloaded_ppl"):
        found = view_tasks.findings(HEAD, snapshot, SURABAYA, kind)
        ppl = found["finding_key"].str.removeprefix(f"{kind}:")
        assert list(found["suggested_id"]) == [supervisor[p] for p in ppl]
        assert (found["kab_code"] == SURABAYA).all()


@pytest.mark.parametrize("as_of", PHASES)
def test_quality_findings_are_the_cases_of_the_check(published, as_of):
    fam = published.table(as_of, "keluarga")
    fam = fam[(fam["kab_code"] == SURABAYA) & (fam["jumlah_art"] > validate.BIG_HOUSEHOLD)]
    found = view_tasks.findings(HEAD, snap(published, as_of), SURABAYA, "big_household")
    assert set(found["subject"]) == set(fam["keluarga_id"])
    staff = raw_officers(published, as_of, SURABAYA).set_index("petugas_id")["supervisor_id"]
    assert dict(zip(found["subject"], found["suggested_id"])) == dict(zip(fam["keluarga_id"], fam["ppl_id"].map(staff)))


def test_findings_of_another_regency_are_not_given(published):
    assert view_tasks.findings(HEAD, snap(published, PHASES[1]), SAMPANG, "pml_backlog").empty


def first(frame: pd.DataFrame, column: str = "finding_key") -> str:
    return frame[column].iloc[0]


def make_tasks(published) -> dict[str, list[int]]:
    """Tasks in two regencies with known statuses and due dates; returns their ids by regency."""
    snapshot = snap(published, PHASES[1])
    made: dict[str, list[int]] = {}
    plan = {SURABAYA: [(-3, 0), (5, 0), (-1, 1), (-10, 2), (2, 3), (0, 1)], SAMPANG: [(-2, 0), (4, 2)]}
    for kab, rows in plan.items():
        actor = HEAD if kab == SURABAYA else SAMPANG_HEAD
        found = view_tasks.findings(actor, snapshot, kab, "sls_not_started")
        assert len(found) >= len(rows), "the regency needs enough findings for the test"
        view = view_tasks.build(actor, snapshot, kind="sls_not_started", today=TODAY)
        assignee = next(iter(view.assignees))
        for (due_in, steps), key in zip(rows, found["finding_key"]):
            task_id = view_tasks.create(actor, snapshot, kab=kab, finding_key=key, assignee_id=assignee,
                                        due=TODAY + timedelta(days=due_in), note="n")
            for _ in range(steps):
                view_tasks.advance(actor, task_id)
            made.setdefault(kab, []).append(task_id)
    return made


def test_counts_overdue_and_closure_rate_per_regency(task_store):
    made = make_tasks(task_store)
    snapshot = snap(task_store, PHASES[1])
    view = view_tasks.build(PROVINCE, snapshot, today=TODAY)
    summary = view.summary.set_index("kab_code")
    # Surabaya: baru (overdue), baru, dikerjakan (overdue), selesai (past due, closed), diverifikasi,
    # dikerjakan due today (not overdue).
    assert summary.loc[SURABAYA, ["tasks", "open", "overdue", "closed"]].tolist() == [6, 4, 2, 2]
    assert summary.loc[SURABAYA, "closure_rate"] == pytest.approx(100 * 2 / 6)
    assert summary.loc[SAMPANG, ["tasks", "open", "overdue", "closed"]].tolist() == [2, 1, 1, 1]
    assert summary.loc[SAMPANG, "closure_rate"] == pytest.approx(50.0)
    others = summary.drop(index=[SURABAYA, SAMPANG])
    assert len(summary) == 38 and (others["tasks"] == 0).all() and others["closure_rate"].isna().all()
    assert (view.totals.tasks, view.totals.open, view.totals.overdue, view.totals.closed) == (8, 5, 3, 3)
    assert view.totals.closure_rate == pytest.approx(300 / 8)
    listed = view.tasks
    assert set(listed["task_id"]) == set(made[SURABAYA]) | set(made[SAMPANG])
    overdue = listed[listed["overdue"]]
    assert set(overdue["task_id"]) == {made[SURABAYA][0], made[SURABAYA][2], made[SAMPANG][0]}
    assert list(listed["overdue"]) == [True] * 3 + [False] * 5  # overdue first
    assert (overdue["due_date"] < TODAY).all() and overdue["status"].isin(tasks.OPEN_STATUSES).all()
    per_officer = view.by_officer.set_index("assignee_id")
    assert per_officer["tasks"].sum() == 8 and per_officer["overdue"].sum() == 3
    assert view.default_due == TODAY + timedelta(days=settings.TASK_DUE_DAYS)


def test_a_finding_shows_its_task(task_store):
    made = make_tasks(task_store)
    snapshot = snap(task_store, PHASES[1])
    view = view_tasks.build(HEAD, snapshot, kind="sls_not_started", today=TODAY)
    with_task = view.findings.dropna(subset=["task_id"]).set_index("task_id")
    assert set(with_task.index) == set(made[SURABAYA])
    listed = view.tasks.set_index("task_id")
    for task_id, row in with_task.iterrows():
        assert row["task_status"] == listed.loc[task_id, "status"]
        assert row["task_due"] == listed.loc[task_id, "due_date"]


def test_a_regency_head_sees_and_acts_only_within_its_regency(task_store):
    made = make_tasks(task_store)
    snapshot = snap(task_store, PHASES[1])
    by_url = view_tasks.build(HEAD, snapshot, kab=SAMPANG, today=TODAY)  # another regency in the URL
    assert by_url.kab == SURABAYA
    assert set(by_url.tasks["task_id"]) == set(made[SURABAYA])
    assert set(by_url.summary["kab_code"]) == {SURABAYA}
    assert set(by_url.findings["kab_code"]) == {SURABAYA}
    theirs = made[SAMPANG][0]
    with pytest.raises(tasks.TaskNotFound):  # by id
        view_tasks.advance(HEAD, theirs)
    with pytest.raises(tasks.TaskNotFound):
        view_tasks.history(HEAD, theirs)
    sampang = view_tasks.findings(SAMPANG_HEAD, snapshot, SAMPANG, "pml_backlog")
    sampang_officer = next(iter(view_tasks.build(SAMPANG_HEAD, snapshot, today=TODAY).assignees))
    own_officer = next(iter(by_url.assignees))
    own_finding = first(by_url.findings)
    ppl = raw_officers(task_store, PHASES[1], SURABAYA).query("peran == 'PPL'")["petugas_id"].iloc[0]
    forged = [dict(kab=SAMPANG, finding_key=first(sampang), assignee_id=sampang_officer),  # another regency
              dict(kab=SURABAYA, finding_key=first(sampang), assignee_id=own_officer),  # its finding in our form
              dict(kab=SURABAYA, finding_key=own_finding, assignee_id=sampang_officer),  # its officer
              dict(kab=SURABAYA, finding_key=own_finding, assignee_id=ppl),  # a PPL
              dict(kab=SURABAYA, finding_key="inactive_ppl:nobody", assignee_id=own_officer)]
    for form in forged:
        with pytest.raises(tasks.TaskRefused):
            view_tasks.create(HEAD, snapshot, due=TODAY, note="", **form)
    assert len(tasks.tasks_in([SURABAYA, SAMPANG])) == 8
    assert tasks.tasks_in([SAMPANG])["status"].tolist() == ["baru", "selesai"]


def test_the_governors_office_sees_only_counts(task_store):
    make_tasks(task_store)
    snapshot = snap(task_store, PHASES[1])
    view = view_tasks.build(GOVERNOR, snapshot, kab=SURABAYA, kind="pml_backlog", today=TODAY)
    assert not view.acts
    assert view.tasks.empty and view.by_officer.empty and view.findings is None and view.assignees == {}
    assert view.summary.set_index("kab_code").loc[SURABAYA, ["tasks", "closed"]].tolist() == [6, 2]
    with pytest.raises(tasks.TaskRefused):
        view_tasks.create(GOVERNOR, snapshot, kab=SURABAYA, finding_key="x:y", assignee_id="z", due=TODAY, note="")
    with pytest.raises(tasks.TaskRefused):
        tasks.advance(GOVERNOR, 1, "dikerjakan")
