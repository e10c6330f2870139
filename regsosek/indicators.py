"""The condition indicators of the peta kondisi: each defined once, as a numerator over a denominator.

Both counts are pre-aggregated at ingest per desa and desil (mart `conditions_desa_desil`) and
summed per area by `queries/conditions_by_area.sql`; the share is 100 x numerator / denominator.
Every screen, the brief and the glossary (docs/QUERIES.md, "### conditions") use this one list.
For a role that suppresses small counts a share is hidden with its numerator or denominator
(`protect`): a count of 1-9 and every count that would give one back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, facts, privacy, settings, targeting, warehouse

# Desil bands (1 = poorest). The exclusion and inclusion errors are PKH's, with its eligible deciles.
POOREST_DESIL = (1, 2)
POOR_DESIL = (1, 2, 3, 4)
# Empowerment (KUR, PEN) candidates: the target-list filter that lists them, and its deciles.
EMPOWERMENT_FILTER = targeting.TargetFilter(desil_min=3, desil_max=6, conditions=("business",), min_working_age=1)
EMPOWERMENT_DESIL = tuple(range(EMPOWERMENT_FILTER.desil_min, EMPOWERMENT_FILTER.desil_max + 1))
AID_PROGRAMME = "pkh"
LEVELS = ("kab", "kec", "desa")


@dataclass(frozen=True)
class Indicator:
    code: str
    numerator: str  # a count column of conditions_by_area
    denominator: str  # the count column it is a share of
    higher_is_worse: bool | None  # None: neither (receipt of a programme)

    @property
    def label_key(self) -> str:
        return f"ind_{self.code}"

    @property
    def help_key(self) -> str:
        return f"ind_help_{self.code}"

    @property
    def share(self) -> str:
        return f"share_{self.code}"


def _receipt(code: str) -> Indicator:
    return Indicator(f"receives_{code}", code, "families", None)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("desil_1_2", "poorest", "scored", True),
    Indicator("desil_1_4", "poor", "scored", True),
    Indicator("unfit_house", "unfit_house", "families", True),
    Indicator("earthen_floor", "earthen_floor", "families", True),
    Indicator("no_own_toilet", "no_own_toilet", "families", True),
    Indicator("unsafe_water", "unsafe_water", "families", True),
    Indicator("low_power", "low_power", "families", True),
    Indicator("firewood", "firewood", "families", True),
    Indicator("out_of_school", "out_of_school", "school_age", True),
    Indicator("elderly_alone", "elderly_alone", "families", True),
    Indicator("disability", "disability", "persons", True),
    Indicator("female_head", "female_head", "families", True),
    Indicator("business", "business", "families", False),
    Indicator("working_age", "working_age", "persons", False),
    *(_receipt(code) for code, _, _ in facts.PROGRAMMES),
    Indicator("exclusion_pkh", "aid_excluded", "aid_eligible", True),
    Indicator("inclusion_pkh", "aid_included", "aid_recipients", True),
)
BY_CODE = {ind.code: ind for ind in INDICATORS}
CODES = tuple(BY_CODE)
# Every count the indicators read, once each (a denominator shared by several is one column).
COUNTS = tuple(dict.fromkeys(c for ind in INDICATORS for c in (ind.numerator, ind.denominator)))
AREA_COLUMNS = ("area_code", "area_name", "parent_code")
# Families in the empowerment deciles with a household business and at least one member aged 15-64
# (the count of EMPOWERMENT_FILTER's families, before a partner's minimum per desa).
EMPOWERMENT = "empowerment"


def query_params() -> dict[str, object]:
    """The desil bands conditions_by_area takes, from this module and facts."""
    return {
        "poorest_desil": list(POOREST_DESIL), "poor_desil": list(POOR_DESIL),
        "aid_eligible_desil": list(facts.PROGRAMME_ELIGIBLE_DESIL[AID_PROGRAMME]),
        "inclusion_desil": list(facts.INCLUSION_ERROR_DESIL), "empowerment_desil": list(EMPOWERMENT_DESIL),
    }


def counts_by_area(scope: access.Scope, snapshot: warehouse.SnapshotInfo, level: str,
                   kab: str | None) -> pd.DataFrame:
    """conditions_by_area for the user, at `level` within regency `kab` (None: the whole scope): one row
    per area with parent_code, and the selection's total (area_code <NA>)."""
    return db.cached_run("conditions_by_area", scope, snapshot.snapshot_id, level=level, kab=kab,
                         **query_params())


def with_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Adds every indicator's share (percent; NaN with no denominator)."""
    out = counts.copy()
    for ind in INDICATORS:
        num = pd.to_numeric(out[ind.numerator], errors="coerce").astype("float64")
        den = pd.to_numeric(out[ind.denominator], errors="coerce").astype("float64")
        out[ind.share] = (100.0 * num / den.where(den > 0)).astype("float64")
    return out


def _counts_of(selected: tuple[Indicator, ...], extra: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys([*(c for ind in selected for c in (ind.numerator, ind.denominator)), *extra]))


def protect(areas: pd.DataFrame, scope: access.Scope, selected: tuple[Indicator, ...] = INDICATORS,
            extra: tuple[str, ...] = (), parents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Areas' counts and shares of the `selected` indicators (and the `extra` counts) as a role may see
    them, and nothing else of the frame but area_code, area_name and parent_code.

    Each parent's areas are protected together, with the parent's count as their shown column total,
    so no regency (or kecamatan) keeps exactly one hidden part. `parents`, the level above as shown,
    carries the parents' hidden cells down: where a parent's count is hidden, so is every non-zero
    count of its areas (their sum would give it back). A denominator shared by several indicators is
    one column, hidden in the same cells for all of them. Columns are suppressed independently of each
    other, so a count is hidden in the same cells whichever indicators are selected with it.
    """
    counts = _counts_of(selected, extra)
    rates = {ind.share: (ind.numerator, ind.denominator) for ind in selected}
    frame = with_shares(areas)[[*AREA_COLUMNS, *counts, *rates]].astype({c: "Int64" for c in counts})
    if not scope.spec.suppress_small_counts or frame.empty:
        return frame
    values = frame[counts].fillna(0).astype("int64")
    hidden = (values > 0) & (values < settings.SMALL_COUNT)
    if parents is not None:
        above = parents.set_index("area_code")[counts].isna().reindex(frame["parent_code"], fill_value=False)
        hidden |= above.to_numpy() & (values > 0)
    hidden = _secondary(hidden, values, frame["parent_code"])
    for column in counts:
        frame[column] = frame[column].mask(hidden[column])
    for share, (num, den) in rates.items():
        frame[share] = frame[share].mask(hidden[num] | hidden[den])
    return frame


def _secondary(hidden: pd.DataFrame, values: pd.DataFrame, parent: pd.Series) -> pd.DataFrame:
    """privacy.protect's column rule, per parent: where a parent's areas hold exactly one hidden cell
    in a column (and more than one area), the smallest other shown cell is hidden too, a non-zero one
    when there is one. One step settles it (two hidden cells are stable). Vectorised: the province's
    8,494 desa in 666 kecamatan take one pass, not 666 calls."""
    out = hidden.copy()
    size = parent.map(parent.value_counts())
    for column in hidden.columns:
        count = hidden[column].groupby(parent).transform("sum")
        needs = (count == 1) & (size > 1) & ~hidden[column]
        if not needs.any():
            continue
        # Smallest non-zero shown cell first, then zeros; ties by position.
        key = values[column].where(values[column] > 0, values[column].max() + 1).astype("float64")
        pick = key[needs].groupby(parent[needs]).idxmin()
        out.loc[pick.to_numpy(), column] = True
    return out


def shown_by_area(scope: access.Scope, snapshot: warehouse.SnapshotInfo, level: str, kab: str | None,
                  selected: tuple[Indicator, ...] = INDICATORS, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The areas at `level` within regency `kab` (None: the scope) as the role may see them, protected
    level by level from the regencies down (`protect`), and the selection's total row from the query."""
    shown = None
    chain = LEVELS[:LEVELS.index(level) + 1] if scope.spec.suppress_small_counts else (level,)
    for step in chain:
        raw = counts_by_area(scope, snapshot, step, kab if step != "kab" else None)
        rows = raw[raw["area_code"].notna()].reset_index(drop=True)
        shown = protect(rows, scope, selected, extra, parents=shown)
    if level == "kab" and kab is not None:
        shown = shown[shown["area_code"] == kab]
    return shown.reset_index(drop=True)


def protect_total(total: pd.Series | None, scope: access.Scope) -> dict[str, float | None]:
    """Each indicator's share over a whole selection, None where a count under it is hidden or zero."""
    out: dict[str, float | None] = {}
    for ind in INDICATORS:
        if total is None:
            out[ind.code] = None
            continue
        num = privacy.protect_total(total[ind.numerator], scope)
        den = privacy.protect_total(total[ind.denominator], scope)
        out[ind.code] = None if num is None or not den else 100.0 * num / den
    return out


def rank_worst_first(shares: pd.Series, ind: Indicator) -> pd.Series:
    """Rank 1 is the worst shown share (highest, or lowest where higher is better); hidden: <NA>."""
    ranks = shares.rank(method="min", ascending=ind.higher_is_worse is False, na_option="keep")
    return ranks.astype("Int64")
