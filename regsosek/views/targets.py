"""Daftar sasaran (target lists): every figure, table, list row and download the targets page shows.

Policy comes from the role's capabilities: `lists_family_rows` (who may open it at all),
`sees_names` (named rows with a masked NIK, or a pseudonym and initials), `suppress_small_counts`
(counts and rows only from desa with at least SMALL_COUNT matching families, small figures hidden,
the partner overlap coarsened) and `must_accept_terms` (terms and a stated purpose before any file).
A user limited to some programmes sees only those in rows, files and filter choices.

The same families are counted and listed: for roles that suppress small counts both the area
table and the list hold only families of desa where at least SMALL_COUNT families match
(queries/macros/target_families.sql, listable_families). A desa with 1-9 matching families is then
absent from the table and from the list alike, exactly as a desa with none, so no list row lets a
user count a desa whose count is hidden.

Files are never built here: a download is a `export.Pending` whose build runs only when the user
clicks, after which `export.Delivery` audits it before handing the bytes out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from regsosek import access, db, export, phase, privacy, reference, saved_lists, settings, warehouse
from regsosek import targeting as tg

PAGE = access.TARGETS
AREA_COLUMNS = ("area_code", "area_name", "families", "persons")
CHART_AREAS = 40
LIST_STEM = "daftar_sasaran"


@dataclass(frozen=True)
class DownloadOffer:
    key: str  # widget key
    label_key: str  # i18n key of the button label
    pending: export.Pending


@dataclass(frozen=True)
class OverlapFigure:
    """The partner overlap of one saved list: one figure, naming no partner and no list."""

    list_id: str
    own_too_small: bool  # the list holds fewer than LIST_OVERLAP_MIN_FAMILIES families: no figure at all
    families: int | None  # families also on another partner's list; None when hidden (0-9 for suppressing roles)
    coarsened: bool  # rounded down to a multiple of LIST_OVERLAP_ROUNDING
    min_families: int = settings.LIST_OVERLAP_MIN_FAMILIES
    rounding: int = settings.LIST_OVERLAP_ROUNDING


@dataclass(frozen=True)
class TargetsView:
    timeline: phase.Timeline
    small_count: int  # the desa minimum of the help text (settings.SMALL_COUNT)
    filters: tg.TargetFilter
    description: str  # the filter in one line: caption, export header and audit record
    level: str  # the area table's level: kab, kec or desa
    families: int | None  # None: hidden
    persons: int | None
    by_area: pd.DataFrame  # AREA_COLUMNS, protected
    chart: pd.DataFrame  # area_name, families: shown areas only
    kab_options: Mapping[str, str]
    kec_options: Mapping[str, str]
    desa_options: Mapping[str, str]
    programme_options: tuple[str, ...]
    rows: pd.DataFrame | None  # one page of family rows, masked, only the user's columns; None: no list
    page: int
    pages: int
    terms_needed: bool  # the user must accept the data-use terms before any file
    purpose_needed: bool  # the user must state a purpose before any file
    over_cap: bool  # more matching families than one file may hold
    row_cap: int
    downloads: tuple[DownloadOffer, ...]  # empty while terms or purpose are missing, or with no list
    saved: tuple[saved_lists.SavedList, ...]
    saved_table: pd.DataFrame  # name, purpose, saved_at, as_of, filters
    overlap: OverlapFigure | None  # for `picked_list`, when one is picked

    @property
    def may_download(self) -> bool:
        return bool(self.downloads)


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, filters: tg.TargetFilter, page: int = 1,
          purpose: str = "", picked_list: str | None = None) -> TargetsView:
    """Everything the targets page shows for `filters` (already checked against the scope)."""
    if not scope.spec.lists_family_rows:
        raise PermissionError(f"role {scope.role} may not open target lists")
    snapshot_id = snapshot.snapshot_id
    params = {**filters.query_params(), "min_desa_families": tg.min_desa_families(scope)}
    level = filters.area_level()
    by_area = db.cached_run("target_by_area", scope, snapshot_id, level=level, **params)
    families, persons = tg.total_count(by_area)
    areas = privacy.protect(tg.area_rows(by_area)[list(AREA_COLUMNS)], ["families", "persons"], scope,
                            column_totals=True)
    chart = areas[areas["families"].notna()][["area_name", "families"]].head(CHART_AREAS).reset_index(drop=True)

    shown_families = privacy.protect_total(families, scope)
    listable = families > 0 and (not scope.spec.suppress_small_counts or families >= settings.SMALL_COUNT)
    pages = tg.page_count(families)
    page = min(max(int(page), 1), pages)
    rows = None
    if listable:
        raw = db.cached_run(tg.list_query(scope), scope, snapshot_id, row_limit=settings.LIST_PAGE_SIZE,
                            row_offset=(page - 1) * settings.LIST_PAGE_SIZE, **params)
        rows = tg.mask_rows(raw, scope, export.server_secret())

    terms_needed = scope.spec.must_accept_terms and not export.terms_accepted(scope.username)
    purpose_needed = scope.spec.must_accept_terms and not purpose.strip()
    downloads: tuple[DownloadOffer, ...] = ()
    if listable and not terms_needed and not purpose_needed:
        header = export.header_for(scope, snapshot.as_of.isoformat(), snapshot_id, filters.describe(), purpose)
        downloads = _downloads(scope, snapshot_id, params, header, areas, level)

    own = tuple(saved_lists.lists_of(scope))
    picked = next((s for s in own if s.list_id == picked_list), own[0] if own else None)
    return TargetsView(
        timeline=phase.timeline(snapshot.as_of), small_count=settings.SMALL_COUNT, filters=filters,
        description=filters.describe(), level=level,
        families=shown_families, persons=privacy.protect_total(persons, scope) if shown_families is not None else None,
        by_area=areas, chart=chart,
        kab_options={code: tg.label_of(reference.kab_names(), code) for code in scope.kab_codes},
        kec_options={code: tg.label_of(names, code)
                     for names in [tg.kecamatan_in_scope(scope, filters.kab)] for code in names},
        desa_options={code: tg.label_of(names, code)
                      for names in [tg.desa_in_kecamatan(filters.kec) if filters.kec else {}] for code in names},
        programme_options=tg.allowed_programmes(scope),
        rows=rows, page=page, pages=pages, terms_needed=terms_needed, purpose_needed=purpose_needed,
        over_cap=families > settings.EXPORT_ROW_CAP, row_cap=settings.EXPORT_ROW_CAP, downloads=downloads,
        saved=own, saved_table=pd.DataFrame(
            [{"name": s.name, "purpose": s.purpose, "saved_at": s.saved_at, "as_of": s.as_of,
              "filters": s.filters.describe()} for s in own],
            columns=["name", "purpose", "saved_at", "as_of", "filters"]),
        overlap=_overlap(scope, picked, snapshot_id) if picked is not None else None,
    )


def _downloads(scope: access.Scope, snapshot_id: str, params: dict[str, object], header: export.ExportHeader,
               areas: pd.DataFrame, level: str) -> tuple[DownloadOffer, ...]:
    def list_file(fmt: str) -> export.Download:
        # Runs on the click, outside the script run: the uncached query, then the file.
        rows = db.run(tg.list_query(scope), scope, snapshot_id, row_limit=settings.EXPORT_ROW_CAP, row_offset=0,
                      **params)
        return export.build(tg.mask_rows(rows, scope, export.server_secret()), header, fmt, LIST_STEM)

    def area_file() -> export.Download:
        return export.build(areas, header, "csv", f"sasaran_per_{level}")

    def pending(build, stem: str, fmt: str) -> export.Pending:
        return export.Pending(build=build, file_name=export.file_name(stem, header.as_of, fmt), mime=export.MIME[fmt])

    return (
        DownloadOffer("tf_download_daftar_sasaran_csv", "targets_download_daftar_csv",
                      pending(lambda: list_file("csv"), LIST_STEM, "csv")),
        DownloadOffer("tf_download_daftar_sasaran_xlsx", "targets_download_daftar_xlsx",
                      pending(lambda: list_file("xlsx"), LIST_STEM, "xlsx")),
        DownloadOffer(f"tf_download_sasaran_per_{level}_csv", "targets_download_sasaran_csv",
                      pending(area_file, f"sasaran_per_{level}", "csv")),
    )


def _overlap(scope: access.Scope, own: saved_lists.SavedList, snapshot_id: str) -> OverlapFigure:
    found = saved_lists.overlap(scope, own, snapshot_id)
    if found.own_families < settings.LIST_OVERLAP_MIN_FAMILIES:
        return OverlapFigure(own.list_id, own_too_small=True, families=None, coarsened=False)
    if not scope.spec.suppress_small_counts:
        return OverlapFigure(own.list_id, own_too_small=False, families=found.families, coarsened=False)
    if found.families < settings.SMALL_COUNT:
        return OverlapFigure(own.list_id, own_too_small=False, families=None, coarsened=True)
    step = settings.LIST_OVERLAP_ROUNDING
    return OverlapFigure(own.list_id, own_too_small=False, families=found.families // step * step, coarsened=True)
