"""Ringkasan view: every figure equals an independent pandas computation on the raw snapshot, at
three phases of the operation (early, mid-campaign, after close)."""

from __future__ import annotations

import pandas as pd
import pytest
from monitoring_expected import campaign_clock, expected_progress

from regsosek import access, phase, settings, warehouse
from regsosek.views import overview
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
