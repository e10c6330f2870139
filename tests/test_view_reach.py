"""Jangkauan view against pandas on the raw snapshot plus the recorded help, early, mid-campaign and after close:
reach by area and in total, suppression for roles that suppress, what one partner learns of another's help (a
coarse count, never an id), and the target list's "belum terjangkau" preset and verification choice."""

from __future__ import annotations

import pandas as pd
import pytest

from regsosek import access, export, help, privacy, reference, saved_lists, settings, verification, warehouse
from regsosek import targeting as tg
from regsosek.views import reach
from regsosek.views import targets as targets_view
from tests.snapshots import AFTER, EARLY, MID, PHASES
from tests.test_targeting import condition_flags, matching

MADURA = ("3526", "3527", "3528", "3529")
TIMUR = ("3511", "3512", "3528", "3529")
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
GOVERNOR = access.scope_for("gubernur", "gubernur")
SAMPANG = access.scope_for("bps_sampang", "bps_kabkota", ("3527",))
SURABAYA_HEAD = access.scope_for("bps_surabaya", "bps_kabkota", ("3578",))
PARTNER = access.scope_for("csr_madura", "mitra_csr", MADURA)
OTHER = access.scope_for("csr_timur", "mitra_csr", TIMUR)
PROGRAMMES = ["terima_pkh", "terima_bpnt", "terima_blt", "terima_pbi_jk", "terima_subsidi_listrik", "terima_lpg_3kg",
              "terima_bsu"]


@pytest.fixture
def records(workdir, private_store):
    """The shared warehouse with a fresh app database (demo users only): help recorded here is this test's."""
    return workdir


def snapshot(published, as_of: str) -> warehouse.SnapshotInfo:
    return warehouse.get(published.ids[as_of])


def visited(published, as_of: str) -> pd.DataFrame:
    fam = published.table(as_of, "keluarga")
    return fam[fam["hasil_kunjungan"].isin(["ditemukan", "baru"])].copy()


def give_help(published, as_of: str, scope: access.Scope, ids: list[str], kind: str = "pangan") -> None:
    secret = export.server_secret()
    entries = [help.Entry(n, privacy.pseudonym(k, secret, scope.username), kind, "2022-12-01", "100000")
               for n, k in enumerate(ids, start=2)]
    outcome = help.record(scope, published.ids[as_of], entries, source="upload")
    assert outcome.ok, outcome.problems


def plant_help(published, as_of: str) -> set[str]:
    """Help from both partners: poor families without a programme, families with one, in shared regencies."""
    fam = visited(published, as_of)
    progs = fam[PROGRAMMES].fillna(False).astype(bool).any(axis=1)
    poor = fam["desil"].between(1, 2)
    madura, timur = fam[fam["kab_code"].isin(MADURA)], fam[fam["kab_code"].isin(TIMUR)]
    mine = (list(madura.loc[poor & ~progs, "keluarga_id"].head(12)) + list(madura.loc[progs, "keluarga_id"].head(15))
            + list(madura.loc[~progs & ~poor, "keluarga_id"].head(5)))
    theirs = list(timur.loc[timur["kab_code"] == "3511", "keluarga_id"].head(7)) + mine[:4] + mine[20:23]
    theirs = [k for k in theirs if k[:4] in TIMUR]
    give_help(published, as_of, PARTNER, mine)
    give_help(published, as_of, OTHER, theirs)
    return set(mine) | set(theirs)


def expected_reach(published, as_of: str, helped: set[str], kabs: tuple[str, ...], level: str) -> pd.DataFrame:
    fam = visited(published, as_of)
    fam = fam[fam["kab_code"].isin(kabs)]
    progs = fam[PROGRAMMES].fillna(False).astype(bool).any(axis=1)
    partner = fam["keluarga_id"].isin(helped)
    poorest = fam["desil"].between(1, settings.UNREACHED_DESIL_MAX).fillna(False).astype(bool)
    flags = pd.DataFrame({
        "families": True, "by_partner": partner, "by_programme": progs, "by_both": partner & progs,
        "by_neither": ~partner & ~progs, "poorest": poorest, "poorest_by_partner": poorest & partner,
        "poorest_by_programme": poorest & progs, "poorest_by_both": poorest & partner & progs,
        "unreached": poorest & ~partner & ~progs})
    flags["area_code"] = fam["kab_code"] if level == "kab" else fam["kec_code"]
    out = flags.groupby("area_code").sum().astype(int)
    if level == "kab":
        areas = [k for k in reference.kabkota()["kab_code"] if k in kabs]
    else:
        kec = reference.kecamatan()
        areas = list(kec.loc[kec["kab_code"].isin(kabs), "kec_code"])
    return out.reindex(sorted(areas), fill_value=0)


def shown(view: reach.ReachView) -> pd.DataFrame:
    return view.by_area.set_index("area_code")[list(reach.AREA_COUNTS)]


@pytest.mark.parametrize("as_of", PHASES)
def test_reach_by_regency_and_in_total_equals_pandas(records, as_of):
    helped = plant_help(records, as_of)
    view = reach.build(PROVINCE, snapshot(records, as_of))
    want = expected_reach(records, as_of, helped, PROVINCE.kab_codes, "kab")
    assert view.level == "kab"
    assert shown(view).astype(int).to_dict("index") == want.to_dict("index")
    assert view.totals == {c: int(want[c].sum()) for c in reach.AREA_COUNTS}
    assert view.totals["by_partner"] == len(helped) > 0
    if as_of == EARLY:
        assert view.totals["poorest"] == 0  # nobody has a desil yet early in fieldwork
    else:
        assert 0 < view.totals["unreached"] < view.totals["poorest"]
    names = dict(zip(reference.kabkota()["kab_code"], reference.kabkota()["nama"]))
    assert dict(zip(view.by_area["area_code"], view.by_area["area_name"])) == {k: names[k] for k in want.index}


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_a_one_regency_user_sees_its_kecamatan(records, as_of):
    helped = plant_help(records, as_of)
    view = reach.build(SAMPANG, snapshot(records, as_of))
    want = expected_reach(records, as_of, helped, ("3527",), "kec")
    assert view.level == "kec"
    assert shown(view).astype(int).to_dict("index") == want.to_dict("index")
    assert view.totals["by_partner"] == len({k for k in helped if k.startswith("3527")}) > 0


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("scope", [GOVERNOR, PARTNER], ids=["gubernur", "mitra_csr"])
def test_small_counts_and_whatever_gives_them_back_are_hidden(records, as_of, scope):
    helped = plant_help(records, as_of)
    view = reach.build(scope, snapshot(records, as_of))
    want = expected_reach(records, as_of, helped, scope.kab_codes, scope.area_level)
    small = (want > 0) & (want < settings.SMALL_COUNT)
    assert small.to_numpy().sum() > 0  # the data holds counts of 1-9 here
    got = shown(view)
    hidden = got.isna()
    assert hidden[small].fillna(True).all().all()  # every 1-9 count is hidden
    assert got.astype(float).where(~hidden, -1).equals(want.astype(float).where(~hidden, -1))
    for base, parts in reach.RELATIONS.items():
        per_row = hidden[[base, *parts]].sum(axis=1)
        assert not (per_row == 1).any(), base  # no relation gives a single hidden cell back
    assert not (hidden.sum(axis=0) == 1).any()  # nor a column beside its shown total
    for column, total in view.totals.items():
        raw = int(want[column].sum())
        assert total is None or total == raw
        if 0 < raw < settings.SMALL_COUNT:
            assert total is None


def test_a_partner_sees_its_regencies_its_own_pseudonyms_and_no_real_id(records):
    helped = plant_help(records, AFTER)
    view = reach.build(PARTNER, snapshot(records, AFTER))
    assert list(view.by_area["area_code"]) == list(MADURA)
    secret = export.server_secret()
    mine = set(help.helped_ids(MADURA, partner="csr_madura"))
    assert set(view.own_records["family_pseudonym"]) == {privacy.pseudonym(k, secret, "csr_madura") for k in mine}
    assert view.own_families == len(mine)
    theirs = {privacy.pseudonym(k, secret, "csr_timur") for k in helped}
    cells = view.own_records.to_string() + view.by_area.to_string()
    assert not any(k in cells for k in helped) and not any(p in cells for p in theirs)


def coarse(value: int) -> int | None:
    step = settings.LIST_OVERLAP_ROUNDING
    return None if value < settings.SMALL_COUNT else value // step * step


def test_a_partner_learns_only_a_coarse_count_of_its_families_another_partner_helps(records):
    fam = visited(records, AFTER)
    shared = sorted(fam.loc[fam["kab_code"].isin(["3528", "3529"]), "keluarga_id"])
    mine, theirs = shared[:120], shared[:37] + shared[200:210]
    give_help(records, AFTER, PARTNER, mine)
    give_help(records, AFTER, OTHER, theirs)
    view = reach.build(PARTNER, snapshot(records, AFTER))
    assert view.own_families == 120
    assert view.helped_elsewhere == reach.HelpedElsewhere(own_too_small=False, families=coarse(37)) and coarse(37) == 30
    other_view = reach.build(OTHER, snapshot(records, AFTER))
    assert other_view.helped_elsewhere.own_too_small  # 47 families: below the minimum, no figure


def test_a_partner_learns_only_a_coarse_count_of_its_saved_list_another_partner_helps(records):
    filters = tg.TargetFilter(kab=("3528",), desil_max=6)
    flags = condition_flags(records, AFTER)
    want = matching(flags, filters, MADURA)
    per_desa = want.groupby("desa_code")["keluarga_id"].transform("size")
    listed = sorted(want.loc[per_desa >= settings.SMALL_COUNT, "keluarga_id"])
    assert len(listed) >= settings.LIST_OVERLAP_MIN_FAMILIES
    give_help(records, AFTER, OTHER, listed[:26] + sorted(set(want["keluarga_id"]) - set(listed))[:5])
    give_help(records, AFTER, PARTNER, listed[:50])  # its own help does not count as another's
    saved = saved_lists.save(PARTNER, "Pamekasan", "", filters, snapshot(records, AFTER))
    view = reach.build(PARTNER, snapshot(records, AFTER), picked_list=saved.list_id)
    assert view.picked_list == saved.list_id
    assert view.list_elsewhere == reach.HelpedElsewhere(own_too_small=False, families=20)
    assert set(view.tick_rows.columns) == set(reach.TICK_COLUMNS) and len(view.tick_rows) == settings.LIST_PAGE_SIZE
    secret = export.server_secret()
    assert set(view.tick_rows["family_pseudonym"]) == {privacy.pseudonym(k, secret, "csr_madura")
                                                       for k in listed[:settings.LIST_PAGE_SIZE]}


def test_another_partners_saved_list_cannot_be_picked(records):
    saved = saved_lists.save(OTHER, "Timur", "", tg.TargetFilter(kab=("3528",)), snapshot(records, AFTER))
    view = reach.build(PARTNER, snapshot(records, AFTER), picked_list=saved.list_id)
    assert view.picked_list is None and view.tick_rows is None and view.list_elsewhere is None


def test_a_new_record_shows_at_once(records):
    helped = plant_help(records, MID)
    before = reach.build(PROVINCE, snapshot(records, MID))
    fam = visited(records, MID)
    new = sorted(set(fam.loc[fam["kab_code"] == "3526", "keluarga_id"]) - helped)[:3]
    give_help(records, MID, PARTNER, new, kind="tunai")
    after = reach.build(PROVINCE, snapshot(records, MID))
    assert after.totals["by_partner"] == before.totals["by_partner"] + 3
    assert int(shown(after).loc["3526", "by_partner"]) == int(shown(before).loc["3526", "by_partner"]) + 3


def test_roles_without_the_page_get_no_view(records):
    with pytest.raises(PermissionError):
        reach.build(access.scope_for("admin", "admin"), snapshot(records, AFTER))


# --- the target list: belum terjangkau and the verification choice ------------------------------------------

@pytest.mark.parametrize("as_of", PHASES)
def test_the_unreached_preset_counts_as_pandas_with_the_recorded_help(records, as_of):
    helped = plant_help(records, as_of)
    preset = tg.PRESETS["unreached_poorest"]
    flags = condition_flags(records, as_of)
    want = matching(flags, preset, PROVINCE.kab_codes, helped=frozenset(helped))
    view = targets_view.build(PROVINCE, snapshot(records, as_of), filters=preset)
    assert (view.families, view.persons) == (len(want), int(want["jumlah_art"].sum()))
    assert {r.area_code: int(r.families) for r in view.by_area.itertuples()} == (
        want.groupby("kab_code").size().to_dict())
    if as_of != EARLY:
        without_help = matching(flags, preset, PROVINCE.kab_codes)
        assert len(without_help) > len(want)  # the help recorded takes families off the list
        assert view.rows is not None and not set(view.rows["keluarga_id"]) & helped


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_a_partner_with_programme_limits_keeps_the_whole_unreached_preset(records, as_of):
    """A preset must never silently drop a part: "no programme" is every programme, whatever the partner filters."""
    helped = plant_help(records, as_of)
    limited = access.scope_for("csr_madura", "mitra_csr", MADURA, ("pkh",))
    chosen = tg.with_preset("unreached_poorest", tg.TargetFilter(kab=("3528",)), limited)
    assert chosen.unreached and tg.from_params(limited, {k: v for k, v in chosen.url_params().items()
                                                         if v is not None}) == chosen
    want = matching(condition_flags(records, as_of), chosen, MADURA, helped=frozenset(helped))
    per_desa = want.groupby("desa_code")["keluarga_id"].transform("size")
    want = want[per_desa >= settings.SMALL_COUNT]
    view = targets_view.build(limited, snapshot(records, as_of), filters=chosen)
    assert (view.families or 0) == len(want)


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("choice", ["without", "only"])
def test_the_verification_choice_counts_as_pandas(records, as_of, choice):
    fam = condition_flags(records, as_of)
    surabaya = fam[fam["kab_code"] == "3578"]
    decided = sorted(surabaya["keluarga_id"])[::7][:40]
    for k in decided:
        verification.record(SURABAYA_HEAD, keluarga_id=k, kab_code="3578", desa_code=k[:10], decision="confirmed",
                            reason=None, note="", snapshot_id=records.ids[as_of])
    filters = tg.TargetFilter(kab=("3578",), desil_max=10, verified=choice)
    want = matching(fam, filters, ("3578",), verified=frozenset(decided))
    view = targets_view.build(SURABAYA_HEAD, snapshot(records, as_of), filters=filters)
    assert view.families == len(want) > 0
    assert {r.area_code: int(r.families) for r in view.by_area.itertuples()} == (
        want.groupby("kec_code").size().to_dict())
    assert (set(view.rows["keluarga_id"]) <= set(decided)) == (choice == "only")
    assert "Verifikasi desa" in view.description


def test_the_new_choices_survive_the_url_and_a_saved_list(records):
    f = tg.TargetFilter(kab=("3527",), desil_max=2, unreached=True, verified="without")
    params = {k: v for k, v in f.url_params().items() if v is not None}
    assert params["unreached"] == "1" and params["verified"] == "without"
    assert tg.from_params(PARTNER, params) == f
    assert tg.from_params(PARTNER, {"verified": "everything", "unreached": "yes"}) == tg.TargetFilter()
    saved = saved_lists.save(PARTNER, "Belum terjangkau", "", f, snapshot(records, AFTER))
    assert saved_lists.get(PARTNER, saved.list_id).filters == f
