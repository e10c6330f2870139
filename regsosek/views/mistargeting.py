"""Salah sasaran (mistargeting): receipt of each programme by desil, exclusion and inclusion error by area.

Exclusion rate: eligible families (desil in the programme's eligible deciles) not receiving it, over
ELIGIBLE families. Inclusion rate: recipients in the well-off deciles, over RECIPIENTS. For roles
that suppress small counts every count is protected together with the rates computed from it and
with the totals shown on the same page (the scope's row, the heatmap, the map layer).

Village verification (verifikasi desa) by area, at the same level: the flagged families, how many the forums
have decided, and the error rates before and after verification with the families each rests on, exactly as
`views.verification.by_area` gives them (its definitions: PKH, BPNT or BLT together, not one programme). For
roles that suppress, what that frame shows is hidden further wherever it would give a hidden count back: the
flagged families (included + excluded) when either part is hidden, and an "after" figure when the decisions
behind it are hidden or when it differs from its "before" figure by 1-9 families (the difference is a count of
decided families).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, facts, maps, phase, privacy, settings, targeting, warehouse
from regsosek.views import verification

PROGRAMMES = tuple(code for code, _, _ in facts.PROGRAMMES)
PROGRAMME_LABELS = {code: label for code, _, label in facts.PROGRAMMES}
DESILS = tuple(range(1, 11))
AREA_COUNTS = ("eligible_families", "excluded", "recipients", "included")
AREA_RATES = {"exclusion_rate": ("eligible_families", "excluded"), "inclusion_rate": ("recipients", "included")}
AREA_COLUMNS = ("area_name", "eligible_families", "excluded", "exclusion_rate", "recipients", "included",
                "inclusion_rate")
DESIL_COLUMNS = ("programme", "desil", "families", "receiving", "percent_receiving")
# What an area table can be ranked by: the rate and its base.
RANKINGS = {"exclusion": ("exclusion_rate", "eligible_families"), "inclusion": ("inclusion_rate", "recipients")}
VERIFICATION_COUNTS = ("flagged", "decided", "recipients", "recipients_after", "poorest", "poorest_after")
VERIFICATION_RATES = ("inclusion_rate", "inclusion_rate_after", "exclusion_rate", "exclusion_rate_after")
VERIFICATION_COLUMNS = ("area_name", "flagged", "decided", "inclusion_rate", "recipients", "inclusion_rate_after",
                        "recipients_after", "exclusion_rate", "poorest", "exclusion_rate_after", "poorest_after")
# Per error kind: the rate after verification, the counts it is built from, and their figures before.
_AFTER = {"inclusion": ("inclusion_rate_after", {"included_after": "included", "recipients_after": "recipients"}),
          "exclusion": ("exclusion_rate_after", {"excluded_after": "excluded", "poorest_after": "poorest"})}


@dataclass(frozen=True)
class Totals:
    """One programme over the whole selection; None where hidden (a count under 10, or a rate built on one)."""

    eligible_families: int | None
    excluded: int | None
    exclusion_rate: float | None  # None also when there is no eligible family
    recipients: int | None
    included: int | None
    inclusion_rate: float | None  # None also when there is no recipient


@dataclass(frozen=True)
class MistargetingView:
    timeline: phase.Timeline
    has_scores: bool  # the snapshot holds families with a desil (PMT scores come after validation)
    programme: str  # the programme the area table and map show
    eligible_desil: tuple[int, ...]  # the chosen programme's eligible deciles
    inclusion_desil: tuple[int, ...]  # deciles whose receipt is inclusion error
    by_desil: pd.DataFrame  # DESIL_COLUMNS, every programme, suppressed
    receipt_matrix: pd.DataFrame  # percent receiving: index programme label, columns desil 1-10; NaN: hidden or none
    level: str  # "kab" or "kec" (the one level rule)
    rank_by: str  # "exclusion" or "inclusion" (RANKINGS)
    min_base: int  # settings.MISTARGETING_MIN_BASE
    by_area: pd.DataFrame  # AREA_COLUMNS for the chosen programme: ranked areas (shown rate, base >= min_base)
    #                        worst first, then the others by name (hidden rates last)
    ranked_areas: int  # how many rows of by_area are ranked
    totals: Totals
    exclusion_layer: pd.DataFrame | None  # maps.EXCLUSION_LAYER_COLUMNS (regency shapes) at regency level, else None
    verification_hides: bool  # figures after verification may be hidden for the decisions behind them (module doc)
    verification_poorest: tuple[int, ...]  # deciles whose families receiving none of PKH, BPNT, BLT are flagged
    verification: pd.DataFrame  # VERIFICATION_COLUMNS per area at `level`, most decided first, then by name; empty
    #                             without scores
    verification_flagged: int | None  # flagged families over all areas; None when a part is hidden
    verification_decided: int | None  # of them decided by a village forum; None when a part is hidden


def _protect_by_programme(frame: pd.DataFrame, scope: access.Scope) -> pd.DataFrame:
    """Suppress receipt by desil one programme at a time: a programme's column sums are its shown totals."""
    if frame.empty:
        return frame.astype({"families": "Int64", "receiving": "Int64"})
    parts = [privacy.protect(block, ["families", "receiving"], scope,
                             rates={"percent_receiving": ("families", "receiving")})
             for _, block in frame.groupby("programme", sort=False)]
    return pd.concat(parts).astype({"families": "Int64", "receiving": "Int64"}).reset_index(drop=True)


def _count(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def _rate(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


def _hide_recoverable(frame: pd.DataFrame) -> pd.DataFrame:
    """Hide, in a suppressed verification frame, the figures that would give a hidden count back (module doc)."""
    out = frame.copy()
    parts_hidden = out["included"].isna() | out["excluded"].isna()
    out["flagged"] = out["flagged"].mask(parts_hidden)
    for rate, befores in _AFTER.values():
        hide = out["decided"].isna()
        for after, before in befores.items():
            difference = (out[before] - out[after]).abs()
            hide |= out[after].isna() | out[before].isna() | difference.between(1, settings.SMALL_COUNT - 1)
        for after in befores:
            out[after] = out[after].mask(hide)
        out[rate] = out[rate].mask(hide)
    return out


def _verification(scope: access.Scope, snapshot: warehouse.SnapshotInfo) -> pd.DataFrame:
    frame = verification.by_area(scope, snapshot)
    if scope.spec.suppress_small_counts:
        frame = _hide_recoverable(frame)
    # Where forums have decided first (most decisions first, on shown counts only), then by name.
    order = frame.assign(shown_decided=frame["decided"].fillna(0).astype("int64"))
    order = order.sort_values(["shown_decided", "area_name", "area_code"], ascending=[False, True, True])
    return order.drop(columns="shown_decided").reset_index(drop=True)


def _column_total(column: pd.Series) -> int | None:
    """A column's sum when none of its cells is hidden (a sum over shown cells only would mislead)."""
    return None if column.isna().any() else int(column.sum())


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, programme: str | None = None,
          rank_by: str = "exclusion", lang: str) -> MistargetingView:
    programme = programme if programme in PROGRAMMES else PROGRAMMES[0]
    rank_by = rank_by if rank_by in RANKINGS else "exclusion"
    sid = snapshot.snapshot_id
    level = scope.area_level

    by_desil = _protect_by_programme(db.cached_run("mistargeting_by_desil", scope, sid, kab=[]), scope)
    matrix = (by_desil.pivot(index="programme", columns="desil", values="percent_receiving")
              .reindex(index=list(PROGRAMMES), columns=list(DESILS)).astype("float64"))
    matrix.index = [PROGRAMME_LABELS[code] for code in matrix.index]

    errors = db.cached_run("mistargeting_by_area", scope, sid, kab=[], level=level, **targeting.mistargeting_params())
    errors = errors[errors["programme"] == programme]
    areas = errors[errors["area_code"].notna()].reset_index(drop=True)
    whole = errors[errors["area_code"].isna()]
    shown = privacy.protect(areas, list(AREA_COUNTS), scope, rates=AREA_RATES)
    shown = shown.astype({c: "Int64" for c in AREA_COUNTS})
    # Ranked on what is shown: a hidden rate or base must not place an area by its value.
    rate_column, base_column = RANKINGS[rank_by]
    ranked = shown[rate_column].notna() & (shown[base_column].fillna(0) >= settings.MISTARGETING_MIN_BASE)
    rest = shown[~ranked].assign(hidden=lambda frame: frame[rate_column].isna())
    shown = pd.concat([shown[ranked].sort_values([rate_column, "area_name"], ascending=[False, True]),
                       rest.sort_values(["hidden", "area_name"]).drop(columns="hidden")])
    checked = _verification(scope, snapshot) if not by_desil.empty else pd.DataFrame(
        columns=list(verification.AREA_COLUMNS))
    total = whole.iloc[0] if len(whole) else None
    counts = {c: privacy.protect_total(total[c], scope) if total is not None else None for c in AREA_COUNTS}
    rates = {rate: _rate(total[rate]) if total is not None and all(counts[c] is not None for c in sources) else None
             for rate, sources in AREA_RATES.items()}
    return MistargetingView(
        timeline=phase.timeline(snapshot.as_of),
        has_scores=not by_desil.empty,
        programme=programme,
        eligible_desil=tuple(facts.PROGRAMME_ELIGIBLE_DESIL[programme]),
        inclusion_desil=tuple(facts.INCLUSION_ERROR_DESIL),
        by_desil=by_desil[list(DESIL_COLUMNS)],
        receipt_matrix=matrix,
        level=level,
        rank_by=rank_by,
        min_base=settings.MISTARGETING_MIN_BASE,
        by_area=shown[list(AREA_COLUMNS)].reset_index(drop=True),
        ranked_areas=int(ranked.sum()),
        totals=Totals(**{c: _count(v) for c, v in counts.items()}, **rates),
        exclusion_layer=maps.exclusion_layer_frame(shown, lang) if level == "kab" else None,
        verification_hides=scope.spec.suppress_small_counts,
        verification_poorest=tuple(range(1, settings.VERIFICATION_EXCLUSION_DESIL_MAX + 1)),
        verification=checked[list(VERIFICATION_COLUMNS)],
        verification_flagged=_column_total(checked["flagged"]),
        verification_decided=_column_total(checked["decided"]),
    )
