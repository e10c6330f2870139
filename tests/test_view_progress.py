"""Progres harian view: the day-by-day series, the forecast per area and the snapshot comparison equal
the raw snapshots at three phases; for gubernur no hidden daily, forecast or comparison count can be
recomputed from what the view shows."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from monitoring_expected import campaign_clock, expected_progress

from regsosek import access, facts, settings, warehouse
from regsosek.views import progress
from tests.snapshots import AFTER, EARLY, MID, PHASES

STAGE_DATES = (("visited", "tgl_kunjungan"), ("pml_checked", "tgl_periksa_pml"), ("received", "tgl_terima_bps"),
               ("entered", "tgl_entri"), ("validated", "tgl_validasi"))


def expected_days(published, as_of: str, kab_codes, area: str | None) -> pd.DataFrame:
    fam = published.table(as_of, "keluarga")
    fam = fam[fam["kab_code"].isin(kab_codes)]
    if area is not None:
        fam = fam[fam[{4: "kab_code", 6: "kec_code", 10: "desa_code"}[len(area)]] == area]
    days = pd.date_range(facts.CAMPAIGN_START, date.fromisoformat(as_of)).date
    out = pd.DataFrame(index=days)
    for name, column in STAGE_DATES:
        per_day = pd.to_datetime(fam[column]).dt.date.value_counts()
        out[name] = [int(per_day.get(d, 0)) for d in days]
        out[name] = out[name].cumsum()
    out["visits"] = out["visited"].diff().fillna(out["visited"]).astype(int)
    out["plan"] = [100 * ((d - facts.CAMPAIGN_START).days + 1) / 31 if d <= facts.CAMPAIGN_END else None
                   for d in days]
    return out


def province() -> access.Scope:
    return access.scope_for("bps_jatim", "bps_provinsi")


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("area", [None, "3527"])
def test_day_by_day_and_plan_line_equal_the_raw_snapshot(published, as_of, area):
    scope = province()
    view = progress.build(scope, warehouse.get(published.ids[as_of]), area=area)
    exp = expected_days(published, as_of, scope.kab_codes, area)
    total = expected_progress(published, as_of, "all", [area] if area else list(scope.kab_codes)).iloc[0]
    assert view.area == area
    assert list(view.days["day"]) == list(exp.index)
    for column in ("visits", "visited", *progress.STAGES):
        assert list(view.days[column]) == list(exp[column]), column
    assert view.target == total["target"]
    assert (view.days["percent_visited"] - 100 * exp["visited"].to_numpy() / total["target"]).abs().max() < 0.006
    plan = view.days.set_index("day")["plan_percent"]
    assert ((plan - exp["plan"].astype(float)).abs().fillna(0) < 0.006).all()
    assert plan.isna().tolist() == exp["plan"].isna().tolist()
    line = view.plan_line.set_index("day")["plan_percent"]
    if campaign_clock(as_of)["final"]:
        assert line.index.max() == facts.CAMPAIGN_END and line.iloc[-1] == pytest.approx(100)
    else:
        assert line.loc[facts.CAMPAIGN_END] == pytest.approx(100)
        assert line.loc[date.fromisoformat(as_of)] == pytest.approx(campaign_clock(as_of)["plan"], abs=0.006)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("who", ["bps_jatim", "bps_surabaya"])
def test_forecast_per_area_with_projected_finish_dates(published, as_of, who):
    scope = province() if who == "bps_jatim" else access.scope_for(who, "bps_kabkota", ("3578",))
    view = progress.build(scope, warehouse.get(published.ids[as_of]))
    exp = expected_progress(published, as_of, scope.area_level, list(scope.kab_codes))
    got = view.forecast.set_index("area_code")
    assert sorted(got.index) == sorted(exp.index)
    exp = exp.loc[got.index]
    for column in ("target", "visited", "remaining"):
        assert list(got[column]) == list(exp[column]), column
    assert (got["percent_visited"] - exp["percent"]).abs().max() < 0.006
    if campaign_clock(as_of)["final"]:
        assert list(got.columns) == list(progress.FINAL_COLUMNS[1:])
        return
    assert (got["plan_percent"] - exp["plan"]).abs().max() < 0.006
    assert (got["gap_to_plan"] - exp["gap"]).abs().max() < 0.011
    assert (got["pace"] - exp["pace"]).abs().max() < 0.051
    assert (got["needed_per_day"] - exp["needed"]).abs().max() < 0.051
    assert [None if pd.isna(d) else pd.Timestamp(d).date() for d in got["projected_finish"]] == list(exp["finish"])
    late = [f is None or f > facts.CAMPAIGN_END for f in exp["finish"]]
    assert list(got["at_risk"]) == [r > 0 and lt for r, lt in zip(exp["remaining"], late)]


@pytest.mark.parametrize("now,then", [(MID, EARLY), (EARLY, AFTER)])
def test_comparison_runs_from_the_earlier_to_the_later_snapshot(published, now, then):
    scope = access.scope_for("bps_surabaya", "bps_kabkota", ("3578",))
    view = progress.build(scope, warehouse.get(published.ids[now]), compare=published.ids[then])
    earlier, later = sorted((now, then))
    assert (view.earlier_as_of, view.later_as_of) == (date.fromisoformat(earlier), date.fromisoformat(later))
    was = expected_progress(published, earlier, "kec", ["3578"])["visited"]
    now_ = expected_progress(published, later, "kec", ["3578"])
    got = view.change.set_index("area_code")
    was = was.reindex(got.index, fill_value=0)
    assert list(got["visited_then"]) == list(was)
    assert list(got["visited_now"]) == list(now_.loc[got.index, "visited"])
    assert list(got["delta"]) == list(now_.loc[got.index, "visited"] - was)
    assert (got["delta"] >= 0).all()


# --- attacker tests: recompute a hidden cell from what the view shows ---

def small_gubernur(kab: str) -> access.Scope:
    """A suppressing role looking at one regency: its rows are kecamatan, where small counts live."""
    return access.Scope(username="gubernur", role="gubernur", kab_codes=(kab,))


def test_no_hidden_daily_visit_is_a_difference_of_shown_cumulative_values(published):
    scope = access.scope_for("gubernur", "gubernur")
    kab = "3577"
    exp = expected_days(published, EARLY, scope.kab_codes, kab)
    assert ((exp["visits"] > 0) & (exp["visits"] < settings.SMALL_COUNT)).any() or \
        ((exp["pml_checked"].diff() > 0) & (exp["pml_checked"].diff() < settings.SMALL_COUNT)).any()
    for as_of in (EARLY, MID, AFTER):
        view = progress.build(scope, warehouse.get(published.ids[as_of]), area=kab)
        exp = expected_days(published, as_of, scope.kab_codes, kab)
        total = int(exp["visited"].iloc[-1])
        for column in ("visited", *progress.STAGES):
            shown = [(0, 0)] + [(i + 1, int(v)) for i, v in enumerate(view.days[column]) if not pd.isna(v)]
            final = int(exp[column].iloc[-1])
            points = dict(shown)
            points.setdefault(len(exp), final)  # the area's total is shown elsewhere on the page
            values = sorted(points.items())
            for (_, a), (_, b) in zip(values, values[1:]):
                assert b - a == 0 or b - a >= settings.SMALL_COUNT, (as_of, column, a, b)
        daily = view.days["visits"]
        cum = view.days["visited"]
        for i in range(len(daily)):
            before = 0 if i == 0 else cum.iloc[i - 1]
            if pd.isna(daily.iloc[i]):
                assert pd.isna(cum.iloc[i]) or pd.isna(before), (as_of, i)
            else:
                assert daily.iloc[i] == cum.iloc[i] - before
        assert view.days.loc[view.days["visited"].isna(), "percent_visited"].isna().all()
        assert total == expected_progress(published, as_of, "all", [kab]).iloc[0]["visited"]


def test_forecast_remaining_and_pace_give_no_hidden_count_back(published):
    scope = small_gubernur("3527")
    raw = expected_progress(published, MID, "kec", ["3527"])
    small = lambda s: (s > 0) & (s < settings.SMALL_COUNT)  # noqa: E731
    assert small(raw["remaining"]).any() or small(raw["visited"]).any() or small(raw["window"]).any()
    got = progress.build(scope, warehouse.get(published.ids[MID])).forecast
    cells = got[["target", "visited", "remaining"]]
    assert (cells.isna().sum(axis=1) != 1).all(), "target = visited + remaining recovers one hidden cell"
    assert (cells.isna().sum(axis=0) != 1).all(), "a column total recovers one hidden cell"
    hidden_any = cells.isna().any(axis=1)
    assert got.loc[got["visited"].isna() | got["target"].isna(), ["percent_visited", "gap_to_plan"]].isna().all().all()
    assert got.loc[got["remaining"].isna(), ["needed_per_day", "projected_finish"]].isna().all().all()
    shown = got[~hidden_any].set_index("area_code")
    assert list(shown["visited"]) == list(raw.loc[shown.index, "visited"])
    counts = shown[["target", "visited", "remaining"]]
    assert not ((counts > 0) & (counts < settings.SMALL_COUNT)).any().any()


def test_comparison_then_change_now_give_no_hidden_count_back(published):
    later = "2022-10-28"
    then = expected_progress(published, EARLY, "kec", sorted(published.table(EARLY, "sls")["kab_code"].unique()))
    now = expected_progress(published, later, "kec", sorted(published.table(later, "sls")["kab_code"].unique()))
    raw = pd.DataFrame({"then": then["visited"], "now": now["visited"]}).fillna(0)
    raw["delta"] = raw["now"] - raw["then"]
    small = ((raw > 0) & (raw < settings.SMALL_COUNT)).any(axis=1)
    assert small.any(), "the data holds no small count to protect"
    kab = small[small].index[0][:4]
    view = progress.build(small_gubernur(kab), warehouse.get(published.ids[later]), compare=published.ids[EARLY])
    cells = view.change[["visited_then", "visited_now", "delta"]]
    assert cells.isna().any().any()
    assert (cells.isna().sum(axis=1) != 1).all(), "then + change = now recovers one hidden cell"
    assert (view.change[["target", "visited_then", "visited_now", "delta"]].isna().sum(axis=0) != 1).all()
    assert view.change.loc[view.change["visited_then"].isna(), "percent_then"].isna().all()
    assert view.change.loc[view.change["visited_now"].isna(), "percent_now"].isna().all()
    shown = cells.stack()
    assert not ((shown > 0) & (shown < settings.SMALL_COUNT)).any()
