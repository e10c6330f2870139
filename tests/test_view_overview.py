"""Ringkasan view: every figure equals an independent pandas computation on the raw snapshot, at
three phases of the operation (early, mid-campaign, after close)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from monitoring_expected import campaign_clock, expected_progress

from regsosek import access, brief, phase, reference, settings, store, warehouse
from regsosek.views import overview
from regsosek.views import tasks as view_tasks
from tests.snapshots import AFTER, EARLY, MID, PHASES

SCOPES = {
    "gubernur": lambda: access.scope_for("gubernur", "gubernur"),
    "bps_jatim": lambda: access.scope_for("bps_jatim", "bps_provinsi"),
    "bps_surabaya": lambda: access.scope_for("bps_surabaya", "bps_kabkota", ("3578",)),
}


def build(published, as_of: str, who: str) -> tuple[overview.OverviewView, access.Scope]:
    scope = SCOPES[who]()
    return overview.build(scope, warehouse.get(published.ids[as_of])), scope


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("who", list(SCOPES))
def test_headline_equals_the_raw_snapshot(published, as_of, who):
    view, scope = build(published, as_of, who)
    kabs = list(scope.kab_codes)
    clock = campaign_clock(as_of)
    total = expected_progress(published, as_of, "all", kabs).iloc[0]
    assert view.timeline.phase is (phase.Phase.AFTER if clock["final"] else phase.Phase.DURING)
    assert view.level == ("kec" if who == "bps_surabaya" else "kab")
    assert (view.visited, view.target, view.remaining) == (total["visited"], total["target"], total["remaining"])
    assert view.percent_visited == pytest.approx(total["percent"], abs=0.005)

    fam = published.table(as_of, "keluarga")
    fam = fam[fam["kab_code"].isin(kabs)]
    officers = published.table(as_of, "petugas")
    officers = officers[officers["kab_code"].isin(kabs)]
    ppl = officers[officers["peran"] == "PPL"]
    on_last_day = fam[pd.to_datetime(fam["tgl_kunjungan"]).dt.date == clock["last"]]
    active = set(on_last_day["ppl_id"]) & set(ppl["petugas_id"])
    assert view.ppl == len(ppl) and view.officers == len(officers)
    assert view.ppl_active_last_day == len(active)
    assert view.families_per_active_ppl_day == pytest.approx(len(on_last_day) / len(active), abs=0.051)
    for stage, column in (("pml_checked", "tgl_periksa_pml"), ("received", "tgl_terima_bps"),
                          ("entered", "tgl_entri"), ("validated", "tgl_validasi")):
        assert view.documents[stage] == fam[column].notna().sum(), stage

    areas = expected_progress(published, as_of, view.level, kabs)
    assert view.areas == len(areas)
    if clock["final"]:
        assert view.plan_percent is None and view.gap_to_plan is None and view.pace is None
        assert view.needed_per_day is None and view.finish is None and view.projected_finish is None
        assert view.areas_behind_plan is None
        assert view.areas_not_done == (areas["remaining"] > 0).sum()
    else:
        assert view.plan_percent == pytest.approx(clock["plan"], abs=0.005)
        assert view.gap_to_plan == pytest.approx(total["gap"], abs=0.01)
        assert view.pace == pytest.approx(total["pace"], abs=0.051)
        assert view.needed_per_day == pytest.approx(total["needed"], abs=0.051)
        assert view.finish == overview.Finish.PROJECTED
        assert view.projected_finish == total["finish"]
        assert view.areas_behind_plan == (areas["gap"] < 0).sum()
        assert view.areas_not_done is None


@pytest.mark.parametrize("as_of", (EARLY, MID))
@pytest.mark.parametrize("who", ["bps_jatim", "bps_surabaya"])
def test_behind_holds_only_areas_behind_plan_and_ahead_only_areas_ahead(published, as_of, who):
    view, scope = build(published, as_of, who)
    areas = expected_progress(published, as_of, view.level, list(scope.kab_codes))
    behind = areas[areas["gap"] < 0].sort_values("gap", kind="stable").head(settings.RANKED_AREAS)
    ahead = areas[areas["gap"] > 0].sort_values("gap", ascending=False, kind="stable").head(settings.RANKED_AREAS)
    assert sorted(view.behind["area_name"]) == sorted(behind["area_name"])
    assert sorted(view.ahead["area_name"]) == sorted(ahead["area_name"])
    assert (view.behind["gap_to_plan"] < 0).all() and (view.ahead["gap_to_plan"] > 0).all()
    got = view.behind.set_index("area_name")
    exp = behind.set_index("area_name").loc[got.index]
    assert list(got["visited"]) == list(exp["visited"]) and list(got["target"]) == list(exp["target"])
    assert (got["gap_to_plan"] - exp["gap"]).abs().max() < 0.01
    assert (got["plan_percent"] - exp["plan"]).abs().max() < 0.01
    assert view.not_done.empty


def test_an_area_exactly_on_plan_is_neither_behind_nor_ahead(published):
    view, scope = build(published, MID, "bps_jatim")
    listed = set(view.behind["area_name"]) | set(view.ahead["area_name"])
    areas = expected_progress(published, MID, "kab", list(scope.kab_codes))
    assert not listed & set(areas[areas["gap"].abs() < 1e-9]["area_name"])
    assert len(view.behind) == min(settings.RANKED_AREAS, int((areas["gap"] < 0).sum()))


@pytest.mark.parametrize("who", ["bps_jatim", "bps_surabaya"])
def test_after_close_lists_the_areas_not_finished_lowest_coverage_first(published, who):
    view, scope = build(published, AFTER, who)
    areas = expected_progress(published, AFTER, view.level, list(scope.kab_codes))
    not_done = areas[areas["remaining"] > 0].sort_values("percent", kind="stable").head(settings.RANKED_AREAS)
    assert list(view.not_done["area_name"]) == list(not_done["area_name"])
    assert list(view.not_done["remaining"]) == list(not_done["remaining"])
    assert view.behind.empty and view.ahead.empty
    assert "plan_percent" not in view.not_done.columns


def test_regency_head_links_drill_into_its_own_kecamatan(published):
    view, _ = build(published, MID, "bps_surabaya")
    links = [*view.behind["link"], *view.ahead["link"]]
    assert links and all(link.startswith("/coverage?kab=3578&kec=3578") for link in links)


# --- follow-up tasks per regency, and the user's own brief --------------------------------------------------

TODAY = date(2026, 11, 28)


@pytest.fixture
def task_store(published, store_url, monkeypatch):
    """An empty app database on each backend, beside the shared published warehouse."""
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(published.data_dir))
    return published


def make_tasks(published) -> None:
    """Tasks in Surabaya and Sampang at every status, due before, on and after TODAY, made through the view."""
    snapshot = warehouse.get(published.ids[MID])
    plan = {"3578": [(-3, 0), (5, 0), (-1, 1), (-10, 2), (2, 3), (0, 1), (-4, 2)], "3527": [(-2, 0), (4, 2)]}
    for kab, rows in plan.items():
        actor = access.scope_for(f"bps_{kab}", "bps_kabkota", (kab,))
        found = view_tasks.findings(actor, snapshot, kab, "sls_not_started")
        assert len(found) >= len(rows), "the regency needs enough findings for the test"
        assignee = next(iter(view_tasks.build(actor, snapshot, kind="sls_not_started", today=TODAY).assignees))
        for (due_in, steps), key in zip(rows, found["finding_key"]):
            task_id = view_tasks.create(actor, snapshot, kab=kab, finding_key=key, assignee_id=assignee,
                                        due=TODAY + timedelta(days=due_in), note="")
            for _ in range(steps):
                view_tasks.advance(actor, task_id)


def expected_follow_up(kabs) -> pd.DataFrame:
    """Per regency, from the rows of the tasks table read straight from the app database."""
    with store.read() as connection:
        rows = pd.DataFrame(connection.execute(sa.select(store.tasks)).mappings().all())
    rows["due"] = pd.to_datetime(rows["due_date"]).dt.date
    done = rows["status"].isin(["selesai", "diverifikasi"])
    late = rows["status"].isin(["baru", "dikerjakan"]) & (rows["due"] < TODAY)
    out = rows.assign(tasks=1, closed=done, overdue=late).groupby("kab_code")[["tasks", "closed", "overdue"]].sum()
    out = out.reindex(list(kabs), fill_value=0).astype(int)
    out["closure_rate"] = (100.0 * out["closed"] / out["tasks"]).where(out["tasks"] > 0)
    out.index = out.index.map(reference.kab_names())
    return out


@pytest.mark.parametrize("as_of", PHASES)
def test_follow_up_per_regency_equals_the_task_rows(task_store, as_of):
    make_tasks(task_store)
    scope = SCOPES["bps_jatim"]()
    view = overview.build(scope, warehouse.get(task_store.ids[as_of]), today=TODAY)
    expected = expected_follow_up(scope.kab_codes)
    shown = view.follow_up
    assert list(shown.columns) == list(overview.FOLLOW_UP_COLUMNS) and len(shown) == 38
    got = shown.set_index("kab_name")
    for column in ("tasks", "closed", "overdue"):
        assert got[column].to_dict() == expected[column].to_dict(), column
    assert got["closure_rate"].to_dict() == pytest.approx(expected["closure_rate"].to_dict(), nan_ok=True)
    assert got.at["Kota Surabaya", "closure_rate"] == pytest.approx(100 * 3 / 7)
    assert got.at["Kota Surabaya", "overdue"] == 2 and got.at["Kab. Sampang", "overdue"] == 1
    # Lowest closure rate first, regencies without a task last.
    with_tasks = expected[expected["tasks"] > 0].sort_values("closure_rate")
    assert list(shown["kab_name"][:len(with_tasks)]) == list(with_tasks.index)
    assert (shown["tasks"][len(with_tasks):] == 0).all()
    assert set(shown["link"][:2]) == {"/tasks?kab=3578", "/tasks?kab=3527"}
    totals = view.follow_up_totals
    assert (totals.tasks, totals.closed, totals.overdue) == (9, 4, 3)
    assert totals.closure_rate == pytest.approx(100 * 4 / 9)
    assert view.today == TODAY


def test_a_regency_head_sees_its_own_regency_and_the_governor_only_counts(task_store):
    make_tasks(task_store)
    snapshot = warehouse.get(task_store.ids[MID])
    head = overview.build(SCOPES["bps_surabaya"](), snapshot, today=TODAY)
    expected = expected_follow_up(["3578"])
    assert list(head.follow_up["kab_name"]) == ["Kota Surabaya"]
    assert head.follow_up.set_index("kab_name")[["tasks", "closed", "overdue"]].to_dict() == \
        expected[["tasks", "closed", "overdue"]].to_dict()
    assert head.follow_up_totals.closure_rate == pytest.approx(100 * 3 / 7)
    governor = overview.build(SCOPES["gubernur"](), snapshot, today=TODAY)
    assert list(governor.follow_up.columns) == list(overview.FOLLOW_UP_COUNT_COLUMNS)
    expected = expected_follow_up(SCOPES["gubernur"]().kab_codes)
    assert governor.follow_up.set_index("kab_name")[["tasks", "closed", "overdue"]].to_dict() == \
        expected[["tasks", "closed", "overdue"]].to_dict()
    assert governor.follow_up_totals.closure_rate is None
    assert list(governor.follow_up["kab_name"][:2]) == ["Kota Surabaya", "Kab. Sampang"]  # most overdue first
    assert (governor.follow_up["tasks"][2:] == 0).all()
    assert (governor.follow_up_totals.tasks, governor.follow_up_totals.overdue) == (9, 3)


def test_each_role_is_offered_only_its_own_areas_brief(published):
    snapshot = warehouse.get(published.ids[MID])
    assert overview.build(SCOPES["gubernur"](), snapshot).brief_area == brief.PROVINCE_CODE
    assert overview.build(SCOPES["bps_jatim"](), snapshot).brief_area == brief.PROVINCE_CODE
    head = overview.build(SCOPES["bps_surabaya"](), snapshot)
    assert (head.brief_area, head.brief_area_name) == ("3578", "Kota Surabaya")
    for code in ("3527", "352701", "3527010001"):
        with pytest.raises(PermissionError):
            brief.pending(SCOPES["bps_surabaya"](), snapshot, code, "id", "pdf")
        with pytest.raises(PermissionError):
            brief.content(SCOPES["bps_surabaya"](), snapshot, code, "id")
