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

from regsosek import access, db, export, i18n, phase, privacy, reference, saved_lists, settings, warehouse
from regsosek import targeting as tg

PAGE = access.TARGETS
AREA_COLUMNS = ("area_code", "area_name", "families", "persons")
CHART_AREAS = 40
LIST_STEM = "daftar_sasaran"
# List rows name their kecamatan and kab/kota after the desa (looked up here, after the page of rows is fetched).
AREA_NAME_COLUMNS = ("kec_name", "kab_name")
# Presets meant for government, not for partners: well-off families receiving aid (an inclusion-error check).
GOVERNMENT_PRESETS = ("well_off_with_pkh_bpnt",)
# Code lists in a row, read out through the translation table.
CODE_LIST_COLUMNS = {"conditions": "targets_cond_{}", "programmes": "targets_prog_{}"}


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
    description: str  # the filter in words, in the session's language: caption and export header
    level: str  # the area table's level: kab, kec or desa
    families: int | None  # None: hidden
    persons: int | None
    by_area: pd.DataFrame  # AREA_COLUMNS, protected
    chart: pd.DataFrame  # area_name, families: shown areas only
    kab_options: Mapping[str, str]
    kec_options: Mapping[str, str]
    desa_options: Mapping[str, str]
    programme_options: tuple[str, ...]
    preset_options: tuple[str, ...]  # names of tg.PRESETS the user is offered
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


def row_labels(columns, lang: str) -> dict[str, str]:
    """The heading of each list column in `lang` (no raw column name reaches a screen or a file)."""
    return {column: i18n.t(f"targets_col_{column}", lang) for column in columns}


def readable_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """List rows with their code lists (conditions, programmes) read out in `lang`; "–" for none."""
    out = rows.copy()
    for column, key in CODE_LIST_COLUMNS.items():
        if column in out:
            out[column] = [", ".join(i18n.t(key.format(code), lang) for code in str(value or "").split(", ") if code)
                           or "–" for value in out[column]]
    return out


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A list or area frame as a file holds it: values read out and headings in `lang`."""
    labels = {**row_labels(frame.columns, lang), **area_labels(lang)}
    return readable_rows(frame, lang).rename(columns={c: labels[c] for c in frame.columns})


def area_labels(lang: str) -> dict[str, str]:
    return {"area_code": i18n.t("targets_col_area_code", lang), "area_name": i18n.t("targets_col_area", lang),
            "families": i18n.t("targets_families", lang), "persons": i18n.t("targets_persons", lang)}


def describe(filters: tg.TargetFilter, lang: str) -> str:
    """The filter in words, in `lang`: names of areas, programmes and conditions, never their codes."""
    t = lambda key, **fmt: i18n.t(key, lang, **fmt)  # noqa: E731
    parts = [f"{t('targets_desil')} {filters.desil_min}–{filters.desil_max}"]
    if (filters.size_min, filters.size_max) != (1, tg.SIZE_MAX):
        parts.append(f"{t('targets_size')} {filters.size_min}–{filters.size_max}")
    if filters.kab:
        parts.append(f"{t('targets_kab')}: " + ", ".join(reference.kab_names().get(k, k) for k in filters.kab))
    if filters.kec:
        parts.append(f"{t('targets_kec')}: " + tg.label_of(reference.kecamatan().set_index("kec_code")["nama"],
                                                           filters.kec))
    if filters.desa:
        parts.append(f"{t('targets_desa')}: " + tg.label_of(reference.desa().set_index("desa_code")["nama"],
                                                            filters.desa))
    for name, key in (("received", "targets_received"), ("not_received", "targets_not_received")):
        if getattr(filters, name):
            parts.append(f"{t(key)}: " + ", ".join(t(f"targets_prog_{p}") for p in getattr(filters, name)))
    if filters.conditions:
        parts.append(", ".join(t(f"targets_cond_{c}") for c in filters.conditions))
    if filters.min_working_age:
        parts.append(f"{t('targets_min_working_age')}: {filters.min_working_age}")
    if filters.unreached:
        parts.append(t("targets_unreached_short"))
    if filters.verified != "all":
        parts.append(f"{t('targets_verified')}: {t(f'targets_verified_{filters.verified}').lower()}")
    return " · ".join(parts)


def with_area_names(raw: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (masked) with the kecamatan and kab/kota name of each family after its desa.

    The codes come from the unmasked `raw` rows: a keluarga_id is its SLS id and a sequence, and an
    SLS id begins with the desa code (docs/DATA.md), so no query is changed.
    """
    desa = raw["keluarga_id"].astype(str).str[:10].to_numpy()
    kec_names = reference.kecamatan().set_index("kec_code")["nama"]
    kab_names = reference.kab_names()
    out = rows.copy()
    at = list(out.columns).index("desa_name") + 1 if "desa_name" in out else len(out.columns)
    out.insert(at, "kec_name", pd.Series(desa).str[:6].map(kec_names).to_numpy())
    out.insert(at + 1, "kab_name", pd.Series(desa).str[:4].map(kab_names).to_numpy())
    return out


def page_window(by_area: pd.DataFrame, level: str, offset: int, limit: int) -> tuple[list[str] | None, int]:
    """The regencies that hold rows offset .. offset+limit of a list broken down by regency, and the offset
    within them: rows are ordered by desa code, so regency by regency, and the counts per regency say where
    a page starts. The page query then reads those one or two regencies, not all 38. (None, offset) when the
    breakdown is not by regency."""
    if level != "kab":
        return None, offset
    counts = tg.area_rows(by_area).sort_values("area_code")
    start = 0  # rows before this regency's first row
    first = None  # rows before the first regency of the page
    kabs: list[str] = []
    for code, families in zip(counts["area_code"], counts["families"]):
        families = int(families)
        if families > 0 and start + families > offset and start < offset + limit:
            kabs.append(code)
            first = start if first is None else first
        start += families
    return (kabs, offset - first) if kabs else (None, offset)


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, filters: tg.TargetFilter, page: int = 1,
          purpose: str = "", picked_list: str | None = None, lang: str = i18n.DEFAULT_LANG) -> TargetsView:
    """Everything the targets page shows for `filters` (already checked against the scope)."""
    if not scope.spec.lists_family_rows:
        raise PermissionError(f"role {scope.role} may not open target lists")
    snapshot_id = snapshot.snapshot_id
    params = {**filters.query_params(**tg.record_ids(scope, filters)), "min_desa_families": tg.min_desa_families(scope)}
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
        kabs, offset = page_window(by_area, level, (page - 1) * settings.LIST_PAGE_SIZE, settings.LIST_PAGE_SIZE)
        raw = db.cached_run(tg.list_query(scope), scope, snapshot_id, row_limit=settings.LIST_PAGE_SIZE,
                            row_offset=offset, **{**params, "kab": kabs if kabs is not None else params["kab"]})
        rows = with_area_names(raw, tg.mask_rows(raw, scope, export.server_secret()))

    terms_needed = scope.spec.must_accept_terms and not export.terms_accepted(scope.username)
    purpose_needed = scope.spec.must_accept_terms and not purpose.strip()
    downloads: tuple[DownloadOffer, ...] = ()
    if listable and not terms_needed and not purpose_needed:
        header = export.header_for(scope, snapshot.as_of.isoformat(), snapshot_id, filters.describe(), purpose,
                                   lang=lang, shown_filters=describe(filters, lang))
        downloads = _downloads(scope, snapshot_id, params, header, areas, level)

    own = tuple(saved_lists.lists_of(scope))
    picked = next((s for s in own if s.list_id == picked_list), own[0] if own else None)
    return TargetsView(
        timeline=phase.timeline(snapshot.as_of), small_count=settings.SMALL_COUNT, filters=filters,
        description=describe(filters, lang), level=level,
        families=shown_families, persons=privacy.protect_total(persons, scope) if shown_families is not None else None,
        by_area=areas, chart=chart,
        kab_options={code: tg.label_of(reference.kab_names(), code) for code in scope.kab_codes},
        kec_options={code: tg.label_of(names, code)
                     for names in [tg.kecamatan_in_scope(scope, filters.kab)] for code in names},
        desa_options={code: tg.label_of(names, code)
                      for names in [tg.desa_in_kecamatan(filters.kec) if filters.kec else {}] for code in names},
        programme_options=tg.allowed_programmes(scope),
        preset_options=tuple(name for name in tg.PRESETS
                             if scope.spec.audits_aid_to_well_off or name not in GOVERNMENT_PRESETS),
        rows=rows, page=page, pages=pages, terms_needed=terms_needed, purpose_needed=purpose_needed,
        over_cap=families > settings.EXPORT_ROW_CAP, row_cap=settings.EXPORT_ROW_CAP, downloads=downloads,
        saved=own, saved_table=pd.DataFrame(
            [{"name": s.name, "purpose": s.purpose, "saved_at": s.saved_at, "as_of": s.as_of,
              "filters": describe(s.filters, lang)} for s in own],
            columns=["name", "purpose", "saved_at", "as_of", "filters"]),
        overlap=_overlap(scope, picked, snapshot_id) if picked is not None else None,
    )


def _downloads(scope: access.Scope, snapshot_id: str, params: dict[str, object], header: export.ExportHeader,
               areas: pd.DataFrame, level: str) -> tuple[DownloadOffer, ...]:
    def list_file(fmt: str) -> export.Download:
        # Runs on the click, outside the script run: the uncached query, then the file.
        rows = db.run(tg.list_query(scope), scope, snapshot_id, row_limit=settings.EXPORT_ROW_CAP, row_offset=0,
                      **params)
        masked = with_area_names(rows, tg.mask_rows(rows, scope, export.server_secret()))
        return export.build(labelled(masked, header.lang), header, fmt, LIST_STEM)

    def area_file() -> export.Download:
        return export.build(labelled(areas, header.lang), header, "csv", f"sasaran_per_{level}")

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
