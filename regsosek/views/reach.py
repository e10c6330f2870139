"""Catatan bantuan / Jangkauan: reach of partners' help and of programmes by area, "belum terjangkau", and for a
partner its own help records, how to add more, and how much of its work another partner already covers.

Reach (queries/reach_by_area.sql), per area at the scope's level, over families whose programme answers are
recorded (visited and found or new): reached by a partner (any partner recorded help for the family), by a
programme (any of facts.PROGRAMMES), by both, by neither; and the same among scored families in desil
1..settings.UNREACHED_DESIL_MAX, whose "neither" is belum terjangkau. The help ids are read from the app database
on every build and passed to the query, so the cache key holds them: a new record shows at once.

Suppression: the four reach counts and their base are tied (families = partner + programme - both + neither), so
for roles that suppress small counts each group is protected as one relation per row, and per column (the totals
are shown); the totals row is protected the same way.

A partner (`records_help`) also sees: its own records (as its own pseudonyms), a page of a saved list to tick
families on, and two coarse figures, as the saved-list overlap gives them: of the families it helps, and of its
picked saved list, how many another partner already helps (a count, never which families, never whose help).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, export, help, i18n, phase, privacy, saved_lists, settings, warehouse
from regsosek import targeting as tg

PAGE = access.HELP
REACH_COUNTS = ("families", "by_partner", "by_programme", "by_both", "by_neither")
POOREST_COUNTS = ("poorest", "poorest_by_partner", "poorest_by_programme", "poorest_by_both", "unreached")
AREA_COUNTS = REACH_COUNTS + POOREST_COUNTS
AREA_COLUMNS = ("area_code", "area_name", *AREA_COUNTS)
# Each base with its four parts: any four give the fifth back.
RELATIONS = {"families": REACH_COUNTS[1:], "poorest": POOREST_COUNTS[1:]}
TICK_COLUMNS = ("family_pseudonym", "head_initials", "desa_name", "rt", "rw", "desil")
RECORD_COLUMNS = ("family_pseudonym", "kind", "help_date", "value_rupiah", "recorded_at")
REPORT_COLUMNS = ("line", "column", "problem")


@dataclass(frozen=True)
class HelpedElsewhere:
    """Of a partner's own families (its helped families, or a saved list), how many another partner helps."""

    own_too_small: bool  # fewer than LIST_OVERLAP_MIN_FAMILIES own families: no figure at all
    families: int | None  # None: hidden (fewer than SMALL_COUNT)
    min_families: int = settings.LIST_OVERLAP_MIN_FAMILIES
    rounding: int = settings.LIST_OVERLAP_ROUNDING


@dataclass(frozen=True)
class ReachView:
    timeline: phase.Timeline
    level: str  # "kab" or "kec"
    small_count: int
    poorest_desil_max: int
    by_area: pd.DataFrame  # AREA_COLUMNS, protected
    totals: dict[str, int | None]  # AREA_COUNTS over the user's regencies, protected
    records_help: bool
    kinds: tuple[str, ...]
    own_records: pd.DataFrame | None  # RECORD_COLUMNS, the partner's own, newest first
    own_families: int | None  # families the partner helps
    helped_elsewhere: HelpedElsewhere | None  # of the families the partner helps
    saved: tuple[saved_lists.SavedList, ...]
    picked_list: str | None
    list_elsewhere: HelpedElsewhere | None  # of the picked saved list
    tick_rows: pd.DataFrame | None  # TICK_COLUMNS: one page of the picked list
    tick_page: int
    tick_pages: int


def _coarse(own: int, elsewhere: int) -> HelpedElsewhere:
    """The overlap report's rule: no figure under the minimum, hidden under SMALL_COUNT, rounded down."""
    if own < settings.LIST_OVERLAP_MIN_FAMILIES:
        return HelpedElsewhere(own_too_small=True, families=None)
    if elsewhere < settings.SMALL_COUNT:
        return HelpedElsewhere(own_too_small=False, families=None)
    step = settings.LIST_OVERLAP_ROUNDING
    return HelpedElsewhere(own_too_small=False, families=elsewhere // step * step)


def reach_by_area(scope: access.Scope, snapshot: warehouse.SnapshotInfo) -> tuple[pd.DataFrame, dict[str, int | None]]:
    """Reach per area at the scope's level (AREA_COLUMNS) and over all the user's regencies, both protected."""
    raw = db.cached_run("reach_by_area", scope, snapshot.snapshot_id, level=scope.area_level,
                        helped_ids=help.helped_ids(scope.kab_codes), poorest_desil_max=settings.UNREACHED_DESIL_MAX)
    areas = privacy.protect(raw[list(AREA_COLUMNS)], list(AREA_COUNTS), scope, sums=RELATIONS, column_totals=True)
    total = pd.DataFrame([raw[list(AREA_COUNTS)].sum()]).astype("int64")
    total = privacy.protect(total, list(AREA_COUNTS), scope, sums=RELATIONS, column_totals=False)
    totals = {c: None if pd.isna(total[c].iloc[0]) else int(total[c].iloc[0]) for c in AREA_COUNTS}
    return areas.astype({c: "Int64" for c in AREA_COUNTS}).reset_index(drop=True), totals


def _tick_rows(scope: access.Scope, snapshot_id: str, picked: saved_lists.SavedList,
               page: int) -> tuple[pd.DataFrame | None, int, int]:
    params = {**picked.filters.query_params(**tg.record_ids(scope, picked.filters)),
              "min_desa_families": tg.min_desa_families(scope)}
    families = tg.total_count(db.cached_run("target_by_area", scope, snapshot_id, level=picked.filters.area_level(),
                                            **params))[0]
    pages = tg.page_count(families)
    page = min(max(int(page), 1), pages)
    if families == 0 or (scope.spec.suppress_small_counts and families < settings.SMALL_COUNT):
        return None, page, pages
    raw = db.cached_run(tg.list_query(scope), scope, snapshot_id, row_limit=settings.LIST_PAGE_SIZE,
                        row_offset=(page - 1) * settings.LIST_PAGE_SIZE, **params)
    return tg.mask_rows(raw, scope, export.server_secret())[list(TICK_COLUMNS)], page, pages


def _list_elsewhere(scope: access.Scope, snapshot_id: str, picked: saved_lists.SavedList) -> HelpedElsewhere:
    params = {**picked.filters.query_params(**tg.record_ids(scope, picked.filters)),
              "min_desa_families": tg.min_desa_families(scope)}
    found = db.cached_run("list_helped_elsewhere", scope, snapshot_id,
                          others_helped_ids=help.helped_ids(scope.kab_codes, other_than=scope.username), **params)
    return _coarse(int(found["families"].iloc[0]), int(found["helped_elsewhere"].iloc[0]))


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, picked_list: str | None = None,
          tick_page: int = 1) -> ReachView:
    if not access.may_open(scope.role, PAGE):
        raise PermissionError(f"role {scope.role} may not open the reach page")
    by_area, totals = reach_by_area(scope, snapshot)
    own_records = own_families = helped_elsewhere = list_elsewhere = tick_rows = None
    saved: tuple[saved_lists.SavedList, ...] = ()
    picked = None
    page, pages = 1, 1
    if scope.spec.records_help:
        own_records = help.records_of(scope).drop(columns=["kab_code"])[list(RECORD_COLUMNS)]
        own = set(help.helped_ids(scope.kab_codes, partner=scope.username))
        others = set(help.helped_ids(scope.kab_codes, other_than=scope.username))
        own_families = len(own)
        helped_elsewhere = _coarse(len(own), len(own & others))
        saved = tuple(saved_lists.lists_of(scope))
        picked = next((s for s in saved if s.list_id == picked_list), saved[0] if saved else None)
        if picked is not None:
            list_elsewhere = _list_elsewhere(scope, snapshot.snapshot_id, picked)
            tick_rows, page, pages = _tick_rows(scope, snapshot.snapshot_id, picked, tick_page)
    return ReachView(
        timeline=phase.timeline(snapshot.as_of), level=scope.area_level, small_count=settings.SMALL_COUNT,
        poorest_desil_max=settings.UNREACHED_DESIL_MAX, by_area=by_area, totals=totals,
        records_help=scope.spec.records_help, kinds=help.KINDS, own_records=own_records, own_families=own_families,
        helped_elsewhere=helped_elsewhere, saved=saved, picked_list=picked.list_id if picked else None,
        list_elsewhere=list_elsewhere, tick_rows=tick_rows, tick_page=page, tick_pages=pages,
    )


def record_ticked(scope: access.Scope, snapshot: warehouse.SnapshotInfo, pseudonyms: list[str], *, kind: str,
                  day: str, value: str) -> help.Outcome:
    """Record one kind of help, on one date and of one value, for each ticked family (the user's own pseudonyms)."""
    entries = [help.Entry(n, p, kind, day, value) for n, p in enumerate(pseudonyms, start=1)]
    return help.record(scope, snapshot.snapshot_id, entries, source="list")


def record_upload(scope: access.Scope, snapshot: warehouse.SnapshotInfo, data: bytes) -> help.Outcome:
    """Record an uploaded CSV of help, whole or not at all."""
    entries, problems = help.parse_csv(data)
    if problems:
        return help.Outcome(0, tuple(problems))
    return help.record(scope, snapshot.snapshot_id, entries, source="upload",
                       file_sha256=hashlib.sha256(data).hexdigest())


def report(outcome: help.Outcome, lang: str = i18n.DEFAULT_LANG) -> pd.DataFrame:
    """The problems of a refused batch, one row each (REPORT_COLUMNS), in `lang`."""
    rows = [{"line": p.line or None,
             "column": i18n.t(f"help_field_{p.column}", lang) if p.column else "",
             "problem": i18n.t(f"help_problem_{p.code}", lang, value=p.value, max=settings.HELP_UPLOAD_MAX_ROWS)}
            for p in outcome.problems]
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS)).astype({"line": "Int64"})

