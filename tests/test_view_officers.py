"""Officers view: every figure equals the same figure computed with pandas from the raw snapshot, at three phases."""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from regsosek import access, facts, phase, settings, warehouse
from regsosek.views import officers
from tests.monitoring_expected import page_numbers, page_of
from tests.snapshots import AFTER, MID, PHASES

SURABAYA = "3578"
SAMPANG = "3527"
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
CASES = [
    pytest.param(PROVINCE, None, None, id="province"),
    pytest.param(PROVINCE, SURABAYA, {SURABAYA}, id="province-narrowed"),
    pytest.param(access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,)), None, {SAMPANG}, id="kabkota"),
]


def last_field_day(as_of: str) -> date:
    return min(date.fromisoformat(as_of), facts.CAMPAIGN_END)


def expected_ppl(published, as_of: str, kabs: set[str] | None) -> pd.DataFrame:
    """Per PPL: target (prelist of its SLS + new families), visited, days with visits, last visit, dropout."""
    families = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    staff = published.table(as_of, "petugas")
    ppl = staff[staff["peran"] == "PPL"].set_index("petugas_id")
    family_sls = families.merge(sls[["sls_id", "ppl_id"]].rename(columns={"ppl_id": "sls_ppl"}), on="sls_id")
    new = family_sls[~family_sls["prelist"].astype(bool)].groupby("sls_ppl").size()
    visits = family_sls[family_sls["tgl_kunjungan"].notna()]
    out = pd.DataFrame({
        "kab_code": ppl["kab_code"],
        "pml_id": ppl["supervisor_id"],
        "tgl_berhenti": ppl["tgl_berhenti"],
        "target": sls.groupby("ppl_id")["jumlah_prelist"].sum().reindex(ppl.index, fill_value=0)
        + new.reindex(ppl.index, fill_value=0),
        "visited": visits.groupby("sls_ppl").size().reindex(ppl.index, fill_value=0),
        "days": visits.groupby("ppl_id")["tgl_kunjungan"].nunique().reindex(ppl.index, fill_value=0),
        "last_visit": visits.groupby("ppl_id")["tgl_kunjungan"].max().reindex(ppl.index),
    })
    return out if kabs is None else out[out["kab_code"].isin(kabs)]


def expected_backlog(published, as_of: str, kabs: set[str] | None) -> pd.DataFrame:
    """Per PML with unchecked visits: visited, checked, unchecked, unchecked for more than BACKLOG_DAYS, oldest."""
    families = published.table(as_of, "keluarga")
    staff = published.table(as_of, "petugas")
    pml_of = staff.set_index("petugas_id")["supervisor_id"]
    families = families.assign(pml_id=families["ppl_id"].map(pml_of))
    visited = families[families["tgl_kunjungan"].notna()]
    waiting = visited[visited["tgl_periksa_pml"].isna()]
    age = (pd.Timestamp(as_of) - pd.to_datetime(waiting["tgl_kunjungan"])).dt.days
    pml = staff[staff["peran"] == "PML"].set_index("petugas_id")
    out = pd.DataFrame({
        "kab_code": pml["kab_code"],
        "visited": visited.groupby("pml_id").size().reindex(pml.index, fill_value=0),
        "checked": families[families["tgl_periksa_pml"].notna()].groupby("pml_id").size()
        .reindex(pml.index, fill_value=0),
        "backlog": waiting.groupby("pml_id").size().reindex(pml.index, fill_value=0),
        "over": waiting[age > settings.BACKLOG_DAYS].groupby("pml_id").size().reindex(pml.index, fill_value=0),
        "oldest": waiting.groupby("pml_id")["tgl_kunjungan"].min().reindex(pml.index),
    })
    out = out[out["backlog"] > 0]
    return out if kabs is None else out[out["kab_code"].isin(kabs)]


def build(published, as_of: str, scope: access.Scope, kab: str | None) -> officers.OfficersView:
    return officers.build(scope, warehouse.get(published.ids[as_of]), kab=kab)


def expected_productivity(published, as_of: str, kabs: set[str] | None) -> pd.DataFrame:
    """The productivity list: every PPL with a visit, families per working day rounded half up to one decimal
    (as the list shows it), most per day first, then by PPL id."""
    ppl = expected_ppl(published, as_of, kabs)
    worked = ppl[ppl["days"] > 0].copy()
    worked["exact"] = worked["visited"] / worked["days"]
    worked["per_day"] = np.floor(worked["exact"] * 10 + 0.5) / 10
    worked.index.name = "ppl_id"
    return worked.reset_index().sort_values(["per_day", "ppl_id"], ascending=[False, True]).reset_index(drop=True)


def check_page(shown: pd.DataFrame, want: pd.DataFrame, number: int) -> None:
    """`shown` is page `number` of the list `want`: the same PPL in the same order, with their figures."""
    size = settings.LIST_PAGE_SIZE
    part = page_of(want, number)
    assert len(shown) == len(part) <= size
    assert len(part) > 0 or want.empty
    assert list(shown.columns) == list(officers.PRODUCTIVITY_COLUMNS)
    assert shown["ppl_id"].tolist() == part["ppl_id"].tolist()
    assert shown["kab_code"].tolist() == part["kab_code"].tolist()
    assert shown["target"].tolist() == part["target"].tolist()
    assert shown["visited"].tolist() == part["visited"].tolist()
    assert shown["days_worked"].tolist() == part["days"].tolist()
    assert shown["visits_per_day"].tolist() == pytest.approx(part["per_day"].tolist())


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_productivity_figures_over_every_ppl(published, as_of, scope, kab, kabs):
    """Count, median and every histogram bin are over all PPL in scope, not over the page shown."""
    view = build(published, as_of, scope, kab)
    want = expected_productivity(published, as_of, kabs)
    assert view.timeline == phase.timeline(date.fromisoformat(as_of))
    assert view.ppl_visited == len(want) > 0
    assert view.median_visits_per_day == pytest.approx(want["exact"].median(), abs=0.051)
    width = settings.PRODUCTIVITY_BIN_WIDTH
    bins = (np.floor(want["per_day"] / width) * width).value_counts()
    assert view.bin_width == width
    assert dict(zip(view.histogram["bin_start"], view.histogram["ppl"])) == pytest.approx(bins.to_dict())
    assert view.histogram["ppl"].sum() == len(want)


def test_the_median_is_not_the_median_of_the_first_page(published):
    """The data are such that a median over the first page would differ from the median over every PPL."""
    want = expected_productivity(published, MID, None)
    first = want.head(settings.LIST_PAGE_SIZE)
    assert len(want) > settings.LIST_PAGE_SIZE
    assert abs(first["exact"].median() - want["exact"].median()) > 0.1
    assert len(np.floor(want["per_day"] / settings.PRODUCTIVITY_BIN_WIDTH).unique()) > 3


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_productivity_pages(published, as_of, scope, kab, kabs, which):
    want = expected_productivity(published, as_of, kabs)
    number = page_numbers(len(want))[which]
    view = officers.build(scope, warehouse.get(published.ids[as_of]), kab=kab, productivity_page=str(number))
    assert view.productivity_page.number == number
    assert view.productivity_page.pages == page_numbers(len(want))["last"]
    assert view.productivity_page.rows == len(want)
    check_page(view.productivity, want, number)


@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_productivity_short_pages(published, monkeypatch, scope, kab, kabs, which):
    """Pages a third of the list long, so that one regency's list has several pages too (a page picked by
    the mart's regency list numbers, not only by the province's)."""
    want = expected_productivity(published, MID, kabs)
    assert len(want) >= 3
    monkeypatch.setattr(settings, "LIST_PAGE_SIZE", len(want) // 3)
    assert page_numbers(len(want))["last"] >= 3
    number = page_numbers(len(want))[which]
    view = officers.build(scope, warehouse.get(published.ids[MID]), kab=kab, productivity_page=str(number))
    assert view.productivity_page.number == number and view.productivity_page.rows == len(want)
    check_page(view.productivity, want, number)


def test_the_province_list_has_several_pages(published):
    """So the middle and last pages above are not the first one again."""
    assert page_numbers(len(expected_productivity(published, MID, None)))["last"] >= 3


@pytest.mark.parametrize(("asked", "which"), [
    ("0", "first"), ("-2", "first"), ("abc", "first"), ("", "first"), ("1.5", "first"), (None, "first"),
    ("99999999999999999999", "first"), ("10000", "last"), (10**6, "last"),
])
def test_junk_and_out_of_range_pages_clamp(published, asked, which):
    want = expected_productivity(published, MID, None)
    number = page_numbers(len(want))[which]
    view = officers.build(PROVINCE, warehouse.get(published.ids[MID]), productivity_page=asked)
    assert view.productivity_page.number == number
    check_page(view.productivity, want, number)


def test_a_regency_head_pages_only_through_its_own_ppl(published):
    """Another regency in the URL and a page past the end give the last page of the head's own list."""
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    want = expected_productivity(published, MID, {SAMPANG})
    view = officers.build(scope, warehouse.get(published.ids[MID]), kab=SURABAYA, productivity_page="500")
    assert view.kab is None
    assert view.ppl_visited == len(want)
    check_page(view.productivity, want, page_numbers(len(want))["last"])
    assert set(view.productivity["kab_code"]) == {SAMPANG}


def read_csv(data: bytes) -> pd.DataFrame:
    """A downloaded CSV's table, without its "# key: value" header block."""
    lines = [line for line in data.decode("utf-8").splitlines() if not line.lstrip('"').startswith("# ")]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_the_productivity_file_holds_the_whole_list_in_scope(published, as_of, scope, kab, kabs):
    snapshot = warehouse.get(published.ids[as_of])
    view = officers.build(scope, snapshot, kab=kab, productivity_page=2)
    want = expected_productivity(published, as_of, kabs)
    labels = {c: c for c in officers.PRODUCTIVITY_COLUMNS}
    download = officers.list_file(scope, snapshot, view, "officer_productivity", labels).build()
    rows = read_csv(download.data)
    assert download.rows == len(rows) == len(want)
    assert rows["ppl_id"].tolist() == want["ppl_id"].tolist()
    assert rows["kab_code"].tolist() == want["kab_code"].tolist()
    assert rows["visited"].astype(int).tolist() == want["visited"].tolist()
    assert rows["visits_per_day"].astype(float).tolist() == pytest.approx(want["per_day"].tolist())


def expected_inactive(published, as_of: str, kabs: set[str] | None, idle_days: int) -> pd.DataFrame:
    ppl = expected_ppl(published, as_of, kabs)
    unfinished = ppl[ppl["visited"] < ppl["target"]]
    cutoff = last_field_day(as_of) - timedelta(days=idle_days)
    return unfinished[unfinished["last_visit"].isna() | (unfinished["last_visit"] <= cutoff)]


def check_inactive(view: officers.OfficersView, idle: pd.DataFrame, as_of: str) -> None:
    shown = view.inactive.set_index("ppl_id")
    assert set(shown.index) == set(idle.index)
    assert view.inactive_count == len(idle)
    assert view.inactive_dropped_out == int(idle["tgl_berhenti"].notna().sum())
    for ppl_id, row in idle.iterrows():
        assert shown.at[ppl_id, "remaining"] == row["target"] - row["visited"]
        assert bool(shown.at[ppl_id, "dropped_out"]) == pd.notna(row["tgl_berhenti"])
        if pd.isna(row["last_visit"]):
            assert pd.isna(shown.at[ppl_id, "last_visit"]) and pd.isna(shown.at[ppl_id, "days_since_last_visit"])
        else:
            assert shown.at[ppl_id, "last_visit"] == row["last_visit"]
            assert shown.at[ppl_id, "days_since_last_visit"] == (last_field_day(as_of) - row["last_visit"]).days


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_inactive_ppl_and_their_last_visit(published, as_of, scope, kab, kabs):
    view = build(published, as_of, scope, kab)
    assert view.idle_days == settings.IDLE_DAYS
    check_inactive(view, expected_inactive(published, as_of, kabs, settings.IDLE_DAYS), as_of)


IDLE_BOUNDARY = {MID: 7, AFTER: 5}  # a PPL in these snapshots last visited exactly this many field days ago


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("shift", [-1, 0, 1])
def test_inactive_at_the_idle_days_boundary(published, monkeypatch, as_of, shift):
    """With the threshold at, just below and just above a PPL's idle days: included exactly when it is due."""
    idle_days = IDLE_BOUNDARY[as_of] + shift
    ppl = expected_ppl(published, as_of, None)
    unfinished = ppl[ppl["visited"] < ppl["target"]]
    boundary = unfinished[unfinished["last_visit"] == last_field_day(as_of) - timedelta(days=IDLE_BOUNDARY[as_of])]
    assert len(boundary) > 0
    monkeypatch.setattr(settings, "IDLE_DAYS", idle_days)
    view = build(published, as_of, PROVINCE, None)
    assert view.idle_days == idle_days
    check_inactive(view, expected_inactive(published, as_of, None, idle_days), as_of)
    assert (set(boundary.index) <= set(view.inactive["ppl_id"])) == (shift <= 0)


def test_drop_outs_are_counted_among_the_inactive(published, monkeypatch):
    """Every idle PPL in the test data dropped out; with no idle days every unfinished PPL is listed, and only
    the drop-outs among them count as such."""
    monkeypatch.setattr(settings, "IDLE_DAYS", 0)
    view = build(published, MID, PROVINCE, None)
    idle = expected_inactive(published, MID, None, 0)
    assert 0 < idle["tgl_berhenti"].notna().sum() < len(idle)
    check_inactive(view, idle, MID)


def test_the_inactive_lists_hold_dates_and_drop_outs(published):
    """The tests above check dates and drop-outs on data that has them."""
    mid = build(published, MID, PROVINCE, None).inactive
    after = build(published, AFTER, PROVINCE, None).inactive
    assert mid["last_visit"].notna().any() and after["last_visit"].notna().any()
    assert after["dropped_out"].any()


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_overloaded_ppl_against_the_median_of_their_regency(published, as_of, scope, kab, kabs):
    view = build(published, as_of, scope, kab)
    ppl = expected_ppl(published, as_of, None)
    median = ppl.groupby("kab_code")["target"].median()
    ppl = ppl.assign(median=ppl["kab_code"].map(median))
    over = ppl[ppl["target"] > settings.OVERLOAD_RATIO * ppl["median"]]
    if kabs is not None:
        over = over[over["kab_code"].isin(kabs)]
    shown = view.overloaded.set_index("ppl_id")
    assert view.overload_ratio == settings.OVERLOAD_RATIO
    assert set(shown.index) == set(over.index)
    assert view.overloaded_count == len(over)
    for ppl_id, row in over.iterrows():
        assert shown.at[ppl_id, "median_target"] == pytest.approx(row["median"])
        assert shown.at[ppl_id, "load_ratio"] == pytest.approx(row["target"] / row["median"], abs=0.0051)


def test_overload_is_tested_on_data_that_has_it(published):
    assert build(published, MID, PROVINCE, None).overloaded_count > 0


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_pml_backlog_counts_and_oldest_date(published, as_of, scope, kab, kabs):
    view = build(published, as_of, scope, kab)
    want = expected_backlog(published, as_of, kabs)
    whole = officers.whole_list(scope, warehouse.get(published.ids[as_of]), "pml_backlog_list", kab)
    shown = whole.set_index("pml_id")
    assert view.backlog_page.rows == len(want)
    assert view.backlog_days == settings.BACKLOG_DAYS
    assert set(shown.index) == set(want.index)
    for col in ("visited", "checked", "backlog"):
        assert shown[col].reindex(want.index).tolist() == want[col].tolist()
    assert shown["backlog_over_days"].reindex(want.index).tolist() == want["over"].tolist()
    assert shown["oldest_unchecked_visit"].reindex(want.index).tolist() == want["oldest"].tolist()
    assert view.backlog_families == want["backlog"].sum()
    assert view.backlog_over_days == want["over"].sum()
    assert view.oldest_unchecked_visit == (want["oldest"].min() if len(want) else None)


def test_the_backlog_wait_is_tested_on_both_sides_of_the_threshold(published):
    """Early in fieldwork some families wait exactly BACKLOG_DAYS days (not counted) and some longer (counted)."""
    families = published.table(MID, "keluarga")
    waiting = families[families["tgl_kunjungan"].notna() & families["tgl_periksa_pml"].isna()]
    age = (pd.Timestamp(MID) - pd.to_datetime(waiting["tgl_kunjungan"])).dt.days
    assert (age == settings.BACKLOG_DAYS).any() and (age > settings.BACKLOG_DAYS).any()


def test_a_regency_outside_the_scope_narrows_nothing(published):
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    view = build(published, MID, scope, SURABAYA)
    assert view.kab is None
    for frame in (view.productivity, view.inactive, view.overloaded, view.backlog):
        assert set(frame["kab_code"]) <= {SAMPANG}


def expected_backlog_list(published, as_of: str, kabs: set[str] | None) -> pd.DataFrame:
    """The PML backlog list in its order: most families waiting first, then by PML id."""
    want = expected_backlog(published, as_of, kabs)
    want.index.name = "pml_id"
    return want.reset_index().sort_values(["backlog", "pml_id"], ascending=[False, True]).reset_index(drop=True)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_pml_backlog_pages(published, monkeypatch, as_of, scope, kab, kabs, which):
    monkeypatch.setattr(settings, "LIST_PAGE_SIZE", 5)  # the test data's lists then have several pages
    want = expected_backlog_list(published, as_of, kabs)
    number = page_numbers(len(want))[which]
    view = officers.build(scope, warehouse.get(published.ids[as_of]), kab=kab, backlog_page=str(number))
    assert (view.backlog_page.number, view.backlog_page.pages) == (number, page_numbers(len(want))["last"])
    part = want.iloc[(number - 1) * 5:number * 5]
    assert len(part) > 0 or want.empty
    assert view.backlog["pml_id"].tolist() == part["pml_id"].tolist()
    assert view.backlog["backlog"].tolist() == part["backlog"].tolist()
    assert view.backlog["backlog_over_days"].tolist() == part["over"].tolist()


def test_the_province_backlog_has_several_short_pages(published, monkeypatch):
    monkeypatch.setattr(settings, "LIST_PAGE_SIZE", 5)
    assert page_numbers(len(expected_backlog_list(published, MID, None)))["last"] >= 3


def test_a_regency_head_pages_only_through_its_own_pml(published, monkeypatch):
    monkeypatch.setattr(settings, "LIST_PAGE_SIZE", 5)
    scope = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
    want = expected_backlog_list(published, MID, {SAMPANG})
    view = officers.build(scope, warehouse.get(published.ids[MID]), kab=SURABAYA, backlog_page="77")
    last = page_numbers(len(want))["last"]
    assert view.backlog_page.number == last
    assert view.backlog["pml_id"].tolist() == want.iloc[(last - 1) * 5:]["pml_id"].tolist()
    assert set(view.backlog["kab_code"]) == {SAMPANG}


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize(("scope", "kab", "kabs"), CASES)
def test_the_backlog_file_holds_the_whole_list_in_scope(published, as_of, scope, kab, kabs):
    snapshot = warehouse.get(published.ids[as_of])
    view = officers.build(scope, snapshot, kab=kab)
    want = expected_backlog_list(published, as_of, kabs)
    labels = {c: c for c in officers.BACKLOG_COLUMNS}
    rows = read_csv(officers.list_file(scope, snapshot, view, "pml_backlog_list", labels).build().data)
    assert rows["pml_id"].tolist() == want["pml_id"].tolist()
    assert rows["backlog"].astype(int).tolist() == want["backlog"].tolist()
