"""Mistargeting view: receipt by desil, exclusion and inclusion error per area and their denominators, against
pandas on the raw snapshot at three phases; suppression for the Governor's office leaves nothing to recover."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from regsosek import access, facts, maps, paths, phase, reference, settings, warehouse
from regsosek.views import mistargeting
from tests.snapshots import AFTER, EARLY, MID, PHASES

SAMPANG = "3527"
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
GUBERNUR = access.scope_for("gubernur", "gubernur")
KABKOTA = access.scope_for("bps_sampang", "bps_kabkota", (SAMPANG,))
PROGRAMMES = [code for code, _, _ in facts.PROGRAMMES]
COUNTS = ("eligible_families", "excluded", "recipients", "included")


def percent(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(100 * int(part)) / Decimal(int(whole))).quantize(Decimal("0.1"), ROUND_HALF_UP))


def scored(published, as_of: str, kabs) -> pd.DataFrame:
    families = published.table(as_of, "keluarga")
    families = families[families["desil"].notna() & families["kab_code"].isin(kabs)]
    return families.assign(desil=families["desil"].astype(int))


def receives(families: pd.DataFrame, programme: str) -> pd.Series:
    return families[f"terima_{programme}"].fillna(False).astype(bool)


def expected_by_desil(published, as_of: str, kabs) -> pd.DataFrame:
    families = scored(published, as_of, kabs)
    rows = []
    for programme in PROGRAMMES:
        got = receives(families, programme)
        for desil, group in families.groupby("desil"):
            receiving = int(got[group.index].sum())
            rows.append((programme, desil, len(group), receiving, percent(receiving, len(group))))
    return pd.DataFrame(rows, columns=["programme", "desil", "families", "receiving", "percent_receiving"])


def errors_of(families: pd.DataFrame, programme: str) -> dict:
    got = receives(families, programme)
    eligible = families["desil"].isin(facts.PROGRAMME_ELIGIBLE_DESIL[programme])
    well_off = families["desil"].isin(facts.INCLUSION_ERROR_DESIL)
    counts = {"eligible_families": int(eligible.sum()), "excluded": int((eligible & ~got).sum()),
              "recipients": int(got.sum()), "included": int((well_off & got).sum())}
    return {**counts, "exclusion_rate": percent(counts["excluded"], counts["eligible_families"]),
            "inclusion_rate": percent(counts["included"], counts["recipients"])}


def expected_by_area(published, as_of: str, kabs, level: str, programme: str) -> pd.DataFrame:
    families = scored(published, as_of, kabs)
    key = f"{level}_code"
    names = (reference.kabkota().set_index("kab_code") if level == "kab"
             else reference.kecamatan().set_index("kec_code"))["nama"]
    rows = [{"area_code": code, "area_name": names[code], **errors_of(group, programme)}
            for code, group in families.groupby(key)]
    return pd.DataFrame(rows)


def build(published, as_of: str, scope: access.Scope, programme: str | None = None, lang: str = "id"):
    return mistargeting.build(scope, warehouse.get(published.ids[as_of]), programme=programme, lang=lang)


def records(frame: pd.DataFrame, columns) -> Counter:
    return Counter(tuple(None if pd.isna(v) else (round(float(v), 1) if isinstance(v, float) else v)
                         for v in row) for row in frame[list(columns)].itertuples(index=False))


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("scope", [PROVINCE, KABKOTA], ids=["province", "kabkota"])
def test_receipt_by_desil(published, as_of, scope):
    view = build(published, as_of, scope)
    want = expected_by_desil(published, as_of, scope.kab_codes)
    assert view.timeline == phase.timeline(date.fromisoformat(as_of))
    assert view.has_scores == (len(want) > 0) == (as_of != EARLY)
    assert list(view.by_desil.columns) == list(mistargeting.DESIL_COLUMNS)
    assert records(view.by_desil, mistargeting.DESIL_COLUMNS) == records(want, mistargeting.DESIL_COLUMNS)
    matrix = view.receipt_matrix
    assert list(matrix.columns) == list(range(1, 11))
    for row in want.itertuples():
        cell = matrix.at[mistargeting.PROGRAMME_LABELS[row.programme], row.desil]
        assert cell == pytest.approx(row.percent_receiving)


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("programme", PROGRAMMES)
@pytest.mark.parametrize(("scope", "level"), [(PROVINCE, "kab"), (KABKOTA, "kec")], ids=["province", "kabkota"])
def test_errors_per_area_and_their_denominators(published, as_of, programme, scope, level):
    view = build(published, as_of, scope, programme)
    want = expected_by_area(published, as_of, scope.kab_codes, level, programme)
    assert view.programme == programme and view.level == level
    assert view.eligible_desil == facts.PROGRAMME_ELIGIBLE_DESIL[programme]
    assert list(view.by_area.columns) == list(mistargeting.AREA_COLUMNS)
    if as_of == EARLY:
        assert view.by_area.empty and not view.has_scores
        return
    assert records(view.by_area, mistargeting.AREA_COLUMNS) == records(want, mistargeting.AREA_COLUMNS)
    whole = errors_of(scored(published, as_of, scope.kab_codes), programme)
    assert view.totals == mistargeting.Totals(**whole)
    # Worst exclusion first among areas with a base of at least the minimum; the others after, by name.
    base = want.set_index("area_name")["eligible_families"]
    rankable = want[(want["eligible_families"] >= settings.MISTARGETING_MIN_BASE) & want["exclusion_rate"].notna()]
    ranked = view.by_area.head(view.ranked_areas)
    assert sorted(ranked["area_name"]) == sorted(rankable["area_name"])
    assert ranked["exclusion_rate"].tolist() == sorted(ranked["exclusion_rate"], reverse=True)
    assert (ranked["area_name"].map(base) >= settings.MISTARGETING_MIN_BASE).all()
    rest = view.by_area.iloc[view.ranked_areas:]
    for part in (rest[rest["exclusion_rate"].notna()], rest[rest["exclusion_rate"].isna()]):
        assert part["area_name"].tolist() == sorted(part["area_name"])


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_ranking_by_inclusion_needs_a_minimum_of_recipients(published, as_of, monkeypatch):
    """Kecamatan of one regency, where some have few recipients: they are listed after the ranked ones."""
    want = expected_by_area(published, as_of, KABKOTA.kab_codes, "kec", "pkh").set_index("area_name")
    minimum = int(want["recipients"].median()) + 1
    monkeypatch.setattr(settings, "MISTARGETING_MIN_BASE", minimum)
    small = want[want["recipients"] < minimum]
    assert len(small) and len(want) > len(small)  # the data holds areas on both sides of the minimum
    view = mistargeting.build(KABKOTA, warehouse.get(published.ids[as_of]), programme="pkh", rank_by="inclusion",
                              lang="id")
    ranked = view.by_area.head(view.ranked_areas)
    assert view.rank_by == "inclusion" and view.min_base == minimum
    assert sorted(ranked["area_name"]) == sorted(want[(want["recipients"] >= minimum)
                                                      & want["inclusion_rate"].notna()].index)
    assert ranked["inclusion_rate"].tolist() == sorted(ranked["inclusion_rate"], reverse=True)
    assert set(small.index) <= set(view.by_area.iloc[view.ranked_areas:]["area_name"])


def kab_polygons() -> dict[str, list]:
    """kab_code -> the polygons of its approximate area, read straight from data/reference."""
    collection = json.loads((paths.REFERENCE_DIR / "kabkota.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["kab_code"]: (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon"
                                          else [f["geometry"]["coordinates"]]) for f in collection["features"]}


def exclusion_colour(rate: float | None) -> tuple[int, ...]:
    """Bands of 20 points: <20, 20-40, 40-60, 60-80, >=80 percent; grey when hidden or undefined."""
    if rate is None or pd.isna(rate):
        return maps.NO_DATA_COLOUR
    return [c for _, c in maps.EXCLUSION_BANDS][min(int(rate // 20), 4)]


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_exclusion_map_draws_each_regency_area_in_its_rate_colour(published, as_of):
    view = build(published, as_of, PROVINCE, "pkh")
    want = expected_by_area(published, as_of, PROVINCE.kab_codes, "kab", "pkh")
    layer = view.exclusion_layer
    assert list(layer.columns) == list(maps.EXCLUSION_LAYER_COLUMNS)
    names = reference.kabkota().set_index("nama")["kab_code"]
    polygons = kab_polygons()
    expected = Counter()
    for row in want.itertuples():
        rate = "–" if pd.isna(row.exclusion_rate) else f"{row.exclusion_rate:.1f}%".replace(".", ",")
        for polygon in polygons[names[row.area_name]]:
            expected[(row.area_name, rate, tuple(exclusion_colour(row.exclusion_rate)), json.dumps(polygon))] += 1
    assert Counter(zip(layer["name"], layer["rate"], map(tuple, layer["colour"]),
                       map(json.dumps, layer["polygon"]))) == expected
    assert len({tuple(c) for c in layer["colour"]}) > 1, "the rates must spread over more than one band"
    assert build(published, as_of, KABKOTA, "pkh").exclusion_layer is None


def small(value) -> bool:
    return not pd.isna(value) and 1 <= int(value) < settings.SMALL_COUNT


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize("programme", ["pkh", "bsu"])
def test_gubernur_sees_no_small_count_and_cannot_recover_one(published, as_of, programme):
    want = expected_by_area(published, as_of, GUBERNUR.kab_codes, "kab", programme)
    assert want["included"].map(small).any(), "the check must run where counts of 1-9 exist"
    view = build(published, as_of, GUBERNUR, programme)
    shown = view.by_area
    for col in COUNTS:
        assert not shown[col].map(small).any()
        hidden = shown[col].isna().sum()
        assert hidden >= want[col].map(small).sum()
        assert hidden != 1  # the scope's total is shown: one hidden cell would be total minus the others
    for rate, sources in mistargeting.AREA_RATES.items():
        assert shown.loc[shown[list(sources)].isna().any(axis=1), rate].isna().all()
    # What is shown is the truth.
    by_name = want.set_index("area_name")
    for row in shown.itertuples():
        for col in (*COUNTS, "exclusion_rate", "inclusion_rate"):
            value = getattr(row, col)
            if not pd.isna(value):
                assert value == pytest.approx(by_name.at[row.area_name, col])
    # Hidden rates are not placed by their value: they come last.
    hidden_rate = shown["exclusion_rate"].isna()
    assert not hidden_rate.any() or hidden_rate.iloc[hidden_rate.to_numpy().argmax():].all()
    # The map layer shows a hidden rate as grey and "–", never by its value or colour.
    layer = view.exclusion_layer
    assert list(layer.columns) == list(maps.EXCLUSION_LAYER_COLUMNS)
    assert set(layer["name"]) == set(shown["area_name"])
    hidden_names = set(shown.loc[shown["exclusion_rate"].isna(), "area_name"])
    drawn_hidden = layer[layer["name"].isin(hidden_names)]
    assert (drawn_hidden["rate"] == maps.NOT_AVAILABLE).all()
    assert all(tuple(c) == maps.NO_DATA_COLOUR for c in drawn_hidden["colour"])


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_gubernur_receipt_by_desil_hides_small_counts_and_their_rates(published, as_of):
    want = expected_by_desil(published, as_of, GUBERNUR.kab_codes)
    assert want["receiving"].map(small).any(), "the check must run where counts of 1-9 exist"
    view = build(published, as_of, GUBERNUR)
    shown = view.by_desil
    assert not shown["receiving"].map(small).any() and not shown["families"].map(small).any()
    merged = shown.merge(want, on=["programme", "desil"], suffixes=("", "_raw"))
    assert len(merged) == len(want)
    assert merged.loc[merged["receiving_raw"].map(small), "percent_receiving"].isna().all()
    for programme, block in shown.groupby("programme"):
        assert block["receiving"].isna().sum() != 1, programme
    for row in merged[merged["receiving_raw"].map(small)].itertuples():
        assert pd.isna(view.receipt_matrix.at[mistargeting.PROGRAMME_LABELS[row.programme], row.desil])


def test_gubernur_totals_are_shown_when_large(published):
    view = build(published, MID, GUBERNUR, "pkh")
    whole = errors_of(scored(published, MID, GUBERNUR.kab_codes), "pkh")
    assert all(whole[c] >= settings.SMALL_COUNT for c in COUNTS)
    assert view.totals == mistargeting.Totals(**whole)


def test_an_unknown_programme_falls_back_to_the_first(published):
    assert build(published, MID, PROVINCE, "'; DROP TABLE keluarga; --").programme == PROGRAMMES[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_map_tooltips_follow_the_users_language(published, lang):
    view = build(published, AFTER, PROVINCE, "pkh", lang=lang)
    want = expected_by_area(published, AFTER, PROVINCE.kab_codes, "kab", "pkh").set_index("area_name")
    decimal = "," if lang == "id" else "."
    shown = dict(zip(view.exclusion_layer["name"], view.exclusion_layer["rate"]))
    assert shown and all(rate.endswith("%") for rate in shown.values())
    for name, rate in shown.items():
        assert rate == f"{want.at[name, 'exclusion_rate']:.1f}%".replace(".", decimal)
    assert any(decimal in rate for rate in shown.values())


# --- village verification by area -------------------------------------------------------------------------

SURABAYA = "3578"
HEAD = access.scope_for("bps_surabaya", "bps_kabkota", (SURABAYA,))
LEAVES = {("wrong", "moved"), ("wrong", "died"), ("not_found", None)}  # no longer in the area
REFUTES = {"wrong", "not_found"}  # no longer an error


@pytest.fixture
def decision_store(published, store_url, monkeypatch):
    """An empty app database for decisions, over the shared warehouse."""
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(published.data_dir))
    return published


def flagged_families(published, as_of: str) -> pd.DataFrame:
    """Scored families with their verification flag: desil 7-10 receiving PKH, BPNT or BLT (inclusion), desil 1-2
    receiving none of them (exclusion)."""
    fam = published.table(as_of, "keluarga")
    fam = fam[fam["desil"].notna()].copy()
    fam["receives"] = fam[["terima_pkh", "terima_bpnt", "terima_blt"]].fillna(False).astype(bool).any(axis=1)
    fam["poor"] = fam["desil"] <= 2
    fam["inclusion"] = (fam["desil"] >= 7) & fam["receives"]
    fam["exclusion"] = fam["poor"] & ~fam["receives"]
    return fam


def expected_verification(published, as_of: str, kabs, level: str,
                          decisions: dict[str, tuple[str, str | None]]) -> pd.DataFrame:
    fam = flagged_families(published, as_of)
    fam = fam[fam["kab_code"].isin(kabs)].copy()
    decision = fam["keluarga_id"].map(lambda k: decisions.get(k, (None, None)))
    is_flagged = fam["inclusion"] | fam["exclusion"]
    gone = decision.isin(LEAVES) & is_flagged
    refuted = decision.map(lambda d: d[0] in REFUTES) & is_flagged
    rows = fam.assign(
        flagged=is_flagged, decided=is_flagged & decision.map(lambda d: d[0] is not None),
        recipients=fam["receives"], included=fam["inclusion"],
        recipients_after=fam["receives"] & ~(fam["inclusion"] & gone), included_after=fam["inclusion"] & ~refuted,
        poorest=fam["poor"], excluded=fam["exclusion"],
        poorest_after=fam["poor"] & ~(fam["exclusion"] & gone), excluded_after=fam["exclusion"] & ~refuted)
    counts = ["flagged", "decided", "recipients", "included", "recipients_after", "included_after", "poorest",
              "excluded", "poorest_after", "excluded_after"]
    out = rows.groupby(f"{level}_code")[counts].sum().astype(int)
    for rate, (part, whole) in {"inclusion_rate": ("included", "recipients"),
                                "inclusion_rate_after": ("included_after", "recipients_after"),
                                "exclusion_rate": ("excluded", "poorest"),
                                "exclusion_rate_after": ("excluded_after", "poorest_after")}.items():
        out[rate] = (100.0 * out[part] / out[whole]).where(out[whole] > 0)
    names = (reference.kabkota().set_index("kab_code") if level == "kab"
             else reference.kecamatan().set_index("kec_code"))["nama"]
    return out.set_index(out.index.map(names))


def decide(published, as_of: str, plan: list[tuple[str, tuple[str, str | None], int]]) -> dict:
    """Record decisions through the verification view as the Surabaya head: for each (error kind, decision,
    how many), that many flagged families of that kind in Surabaya, taken desa by desa."""
    from regsosek.views import verification as view_verification

    snapshot = warehouse.get(published.ids[as_of])
    fam = flagged_families(published, as_of)
    fam = fam[fam["kab_code"] == SURABAYA].sort_values("keluarga_id")
    done: dict[str, tuple[str, str | None]] = {}
    for kind, (decision, reason), n in plan:
        for row in fam[fam[kind] & ~fam["keluarga_id"].isin(done)].head(n).itertuples():
            view_verification.record_decision(HEAD, snapshot, desa=row.desa_code, keluarga_id=row.keluarga_id,
                                              decision=decision, reason=reason, note="forum desa")
            done[row.keluarga_id] = (decision, reason)
    assert len(done) == sum(n for _, _, n in plan)
    return done


def assert_shown_is_true(shown: pd.DataFrame, expected: pd.DataFrame) -> None:
    shown = shown.set_index("area_name")
    assert set(shown.index) == set(expected.index)
    for column in mistargeting.VERIFICATION_COLUMNS[1:]:
        for area, value in shown[column].items():
            if not pd.isna(value):
                assert value == pytest.approx(expected.at[area, column]), (column, area)


PLAN = [("inclusion", ("confirmed", None), 3), ("inclusion", ("wrong", "moved"), 2),
        ("inclusion", ("wrong", "welfare_changed"), 2), ("inclusion", ("not_found", None), 1),
        ("exclusion", ("confirmed", None), 2), ("exclusion", ("wrong", "died"), 1),
        ("exclusion", ("wrong", "wrong_data"), 2)]


@pytest.mark.parametrize("as_of", [MID, AFTER])
@pytest.mark.parametrize(("scope", "level"), [(PROVINCE, "kab"), (HEAD, "kec")], ids=["province", "kabkota"])
def test_verification_figures_follow_the_decisions_exactly(decision_store, as_of, scope, level):
    before = build(decision_store, as_of, scope).verification
    expected = expected_verification(decision_store, as_of, scope.kab_codes, level, {})
    assert list(before.columns) == list(mistargeting.VERIFICATION_COLUMNS)
    assert before["decided"].sum() == 0
    assert_shown_is_true(before, expected)
    decisions = decide(decision_store, as_of, PLAN)
    view = build(decision_store, as_of, scope)
    after = view.verification
    expected = expected_verification(decision_store, as_of, scope.kab_codes, level, decisions)
    assert_shown_is_true(after, expected)
    assert after[list(mistargeting.VERIFICATION_COUNTS)].notna().all().all()  # BPS: nothing hidden
    changed = expected[expected["inclusion_rate_after"] != expected["inclusion_rate"]]
    assert len(changed) >= 1 and int(after["decided"].sum()) == len(decisions)
    assert (view.verification_flagged, view.verification_decided) == (int(expected["flagged"].sum()), len(decisions))
    decided = after["decided"].astype(int)
    assert list(decided) == sorted(decided, reverse=True)  # where forums have decided first
    assert after["area_name"][decided == 0].is_monotonic_increasing


def test_verification_is_empty_before_deciles_exist(published):
    view = build(published, EARLY, PROVINCE)
    assert view.verification.empty and list(view.verification.columns) == list(mistargeting.VERIFICATION_COLUMNS)


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_gubernur_cannot_recover_a_hidden_flag_count_from_the_flagged_total(decision_store, as_of):
    published = decision_store
    raw = expected_verification(published, as_of, GUBERNUR.kab_codes, "kab", {})
    one_small = raw["included"].map(small) ^ raw["excluded"].map(small)
    assert (one_small & (raw["flagged"] >= settings.SMALL_COUNT)).any(), \
        "the check must run where one part of a shown-size flagged total is 1-9"
    shown = build(published, as_of, GUBERNUR).verification.set_index("area_name")
    assert_shown_is_true(shown.reset_index(), raw)
    for area in raw.index:
        parts_small = small(raw.at[area, "included"]) or small(raw.at[area, "excluded"])
        if parts_small:
            assert pd.isna(shown.at[area, "flagged"]), area
        for rate, count, base in (("inclusion_rate", "included", "recipients"),
                                  ("exclusion_rate", "excluded", "poorest")):
            if small(raw.at[area, count]) or small(raw.at[area, base]):
                assert pd.isna(shown.at[area, rate]), (area, rate)
    for column in mistargeting.VERIFICATION_COUNTS:
        assert not shown[column].map(small).any(), column


def test_gubernur_sees_after_figures_only_where_the_decisions_behind_them_are_not_small(decision_store):
    as_of = AFTER
    raw = expected_verification(decision_store, as_of, GUBERNUR.kab_codes, "kab", {})
    assert raw.at["Kota Surabaya", "included"] >= settings.SMALL_COUNT
    assert raw.at["Kota Surabaya", "excluded"] >= settings.SMALL_COUNT
    surabaya = "Kota Surabaya"
    # 5 decisions: the count of decisions is hidden, and with it every figure after verification.
    decisions = decide(decision_store, as_of, [("inclusion", ("wrong", "moved"), 3),
                                               ("exclusion", ("confirmed", None), 2)])
    shown = build(decision_store, as_of, GUBERNUR).verification.set_index("area_name")
    assert pd.isna(shown.at[surabaya, "decided"])
    for column in ("inclusion_rate_after", "recipients_after", "exclusion_rate_after", "poorest_after"):
        assert pd.isna(shown.at[surabaya, column]), column
    assert shown.at[surabaya, "recipients"] == raw.at[surabaya, "recipients"]
    # 15 decisions: shown; inclusion after differs from before by 3 families (hidden), exclusion by none (shown).
    decisions |= decide(decision_store, as_of, [("exclusion", ("confirmed", None), 12)])
    assert len(decisions) == 15
    expected = expected_verification(decision_store, as_of, GUBERNUR.kab_codes, "kab", decisions)
    view = build(decision_store, as_of, GUBERNUR)
    shown = view.verification.set_index("area_name")
    assert shown.at[surabaya, "decided"] == 15
    assert pd.isna(shown.at[surabaya, "inclusion_rate_after"]) and pd.isna(shown.at[surabaya, "recipients_after"])
    assert shown.at[surabaya, "exclusion_rate_after"] == pytest.approx(expected.at[surabaya, "exclusion_rate_after"])
    assert shown.at[surabaya, "poorest_after"] == expected.at[surabaya, "poorest_after"]
    assert_shown_is_true(shown.reset_index(), expected)
    assert view.verification_decided in (None, 15)
