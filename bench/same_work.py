"""The benchmark's like-for-like comparison: the same questions, the same work, DuckDB and pandas.

Each question is a named query with the parameters its page passes, and pandas code that returns
the same rows and columns. Each pandas answer is checked equal to the query's before it is timed,
so both sides do the whole job. Two inputs, the same for both sides:

- the marts (the small tables ingest computes once per snapshot), held in memory: the app's
  DuckDB schema holds them as memory tables; pandas holds them as DataFrames, loaded once;
- the published Parquet of families (and SLS, officers), in a fresh process: DuckDB builds the
  marts the question reads from it with the marts' own SQL and then runs the named query; pandas
  reads the same files and computes the same answer. Nothing is prepared beforehand on either side,
  and a question about one regency reads only that regency's partition on both sides.

A question whose query reads family rows itself (a target list count) has no mart side.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from regsosek import facts, reference

OUTCOMES = list(facts.OUTCOMES)
STAGE_DATES = {"pml_checked": "tgl_periksa_pml", "received": "tgl_terima_bps", "entered": "tgl_entri",
               "validated": "tgl_validasi"}
PARENT_KEY = {"kab": None, "kec": "kab_code", "desa": "kec_code"}


@dataclass(frozen=True)
class Question:
    label: str
    query: str
    params: dict
    key: str  # the column that identifies a row
    from_marts: Callable[[dict[str, pd.DataFrame], tuple[str, ...], date], pd.DataFrame] | None
    from_raw: Callable[[Path, tuple[str, ...], date], pd.DataFrame]
    marts_read: tuple[str, ...] = field(default=())  # the marts pandas loads for the mart side
    kab: str | None = None  # the one regency the question is about: only its partition is read from Parquet


def questions(drill_kab: str, drill_kec: str, desil_max: int = 2) -> list[Question]:
    """The questions, for a province-wide user; `drill_kab`/`drill_kec` pick the drill-down areas."""
    target_filter = {"kab": [drill_kab], "kec": None, "desa": None, "desil_min": 1, "desil_max": desil_max,
                     "received": [], "not_received": [], "conditions": [], "size_min": 1, "size_max": 99,
                     "min_working_age": 0, "min_desa_families": 0, "unreached": False, "verified": "all",
                     "helped_ids": [], "verified_ids": []}  # the province user counts every desa
    drill_kec_kab = drill_kec[:4]
    return [
        Question("coverage by kab", "coverage_by_area", {"level": "kab", "parent": None}, "area_code",
                 lambda m, k, a: coverage_from_marts(m, k, "kab", None),
                 lambda f, k, a: coverage_from_raw(f, k, a, "kab", None),
                 ("targets_sls", "officer_day", "snapshot_meta")),
        Question(f"coverage by desa in kec {drill_kec}", "coverage_by_area", {"level": "desa", "parent": drill_kec},
                 "area_code",
                 lambda m, k, a: coverage_from_marts(m, k, "desa", drill_kec),
                 lambda f, k, a: coverage_from_raw(f, k, a, "desa", drill_kec, drill_kec_kab),
                 ("targets_sls", "officer_day", "snapshot_meta"), drill_kec_kab),
        Question("daily progress, province", "pipeline_by_day", {"area_code": None}, "day",
                 lambda m, k, a: pipeline_from_marts(m, k, None),
                 lambda f, k, a: pipeline_from_raw(f, k, a, None),
                 ("progress_desa_day", "targets_desa")),
        Question(f"daily progress, kab {drill_kab}", "pipeline_by_day", {"area_code": drill_kab}, "day",
                 lambda m, k, a: pipeline_from_marts(m, k, drill_kab),
                 lambda f, k, a: pipeline_from_raw(f, k, a, drill_kab),
                 ("progress_desa_day", "targets_desa"), drill_kab),
        Question(f"target count by kec, kab {drill_kab}, desil 1-{desil_max}", "target_by_area",
                 {"level": "kec", **target_filter}, "area_code", None,
                 lambda f, k, a: target_count_from_raw(f, k, drill_kab, desil_max), (), drill_kab),
    ]


# --- reading the published snapshot ------------------------------------------------------------

def read_families(folder: Path, columns: list[str], kab: str | None = None) -> pd.DataFrame:
    """Family rows from the hive-partitioned Parquet, only `columns`, only one regency's partition if asked."""
    part = ds.partitioning(pa.schema([("kab_code", pa.string())]), flavor="hive")
    dataset = ds.dataset(folder / "keluarga", format="parquet", partitioning=part)
    expr = ds.field("kab_code") == kab if kab else None
    return dataset.to_table(columns=columns, filter=expr).to_pandas()


def read_marts(folder: Path, names: set[str]) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / "marts" / f"{name}.parquet") for name in sorted(names)}


def area_names(level: str) -> pd.Series:
    table = {"kab": reference.kabkota, "kec": reference.kecamatan, "desa": reference.desa}[level]()
    return table.set_index(f"{level}_code")["nama"]


# --- coverage_by_area ----------------------------------------------------------------------------

def _coverage(per_sls: pd.DataFrame, active_ppl: set, level: str, parent: str | None) -> pd.DataFrame:
    rows = per_sls if parent is None else per_sls[per_sls[PARENT_KEY[level]] == parent]
    key = f"{level}_code"
    grouped = rows.groupby(key)
    out = grouped[["prelist", "new_families", "target", "visited", *OUTCOMES]].sum()
    out["ppl_assigned"] = grouped["ppl_id"].nunique()
    active = rows[rows["ppl_id"].isin(active_ppl)].groupby(key)["ppl_id"].nunique()
    out["ppl_active_last_day"] = active.reindex(out.index, fill_value=0)
    out["percent_visited"] = (100.0 * out["visited"] / out["target"].replace(0, np.nan)).round(2)
    out["families_per_ppl"] = (out["target"] / out["ppl_assigned"].replace(0, np.nan)).round(1)
    out["area_name"] = area_names(level).reindex(out.index).to_numpy()
    return out.rename_axis("area_code").reset_index()


def coverage_from_marts(m: dict[str, pd.DataFrame], kab_codes: tuple[str, ...], level: str,
                        parent: str | None) -> pd.DataFrame:
    sls = m["targets_sls"]
    sls = sls[sls["kab_code"].isin(kab_codes)]
    last_day = m["snapshot_meta"]["last_field_day"].iloc[0]
    days = m["officer_day"]
    active = set(days.loc[days["kab_code"].isin(kab_codes) & (days["day"] == last_day), "ppl_id"])
    return _coverage(sls, active, level, parent)


def coverage_from_raw(folder: Path, kab_codes: tuple[str, ...], as_of: date, level: str,
                      parent: str | None, kab: str | None = None) -> pd.DataFrame:
    fam = read_families(folder, ["kab_code", "sls_id", "ppl_id", "prelist", "tgl_kunjungan", "hasil_kunjungan"], kab)
    fam = fam[fam["kab_code"].isin(kab_codes)]
    sls = pd.read_parquet(folder / "sls.parquet", filters=[("kab_code", "==", kab)] if kab else None)
    sls = sls[sls["kab_code"].isin(kab_codes)]
    counts = pd.DataFrame({"new_families": (~fam["prelist"]).groupby(fam["sls_id"]).sum(),
                           "visited": fam["tgl_kunjungan"].notna().groupby(fam["sls_id"]).sum()})
    outcomes = pd.crosstab(fam["sls_id"], fam["hasil_kunjungan"]).reindex(columns=OUTCOMES, fill_value=0)
    per_sls = sls.join(counts.join(outcomes), on="sls_id")
    per_sls[["new_families", "visited", *OUTCOMES]] = per_sls[["new_families", "visited", *OUTCOMES]].fillna(0)
    per_sls["prelist"] = per_sls["jumlah_prelist"]
    per_sls["target"] = per_sls["prelist"] + per_sls["new_families"]
    last_day = min(as_of, facts.CAMPAIGN_END)
    active = set(fam.loc[pd.to_datetime(fam["tgl_kunjungan"]).dt.date == last_day, "ppl_id"])
    return _coverage(per_sls, active, level, parent)


# --- pipeline_by_day -----------------------------------------------------------------------------

def _plan(days: pd.Series) -> pd.Series:
    elapsed = (pd.to_datetime(days) - pd.Timestamp(facts.CAMPAIGN_START)).dt.days + 1
    plan = (100.0 * elapsed / facts.CAMPAIGN_DAYS).round(2)
    return plan.where(pd.to_datetime(days) <= pd.Timestamp(facts.CAMPAIGN_END))


def _in_area(frame: pd.DataFrame, area: str | None) -> pd.Series:
    if area is None:
        return pd.Series(True, index=frame.index)
    return (frame["kab_code"] == area) | (frame["kec_code"] == area) | (frame["desa_code"] == area)


def _pipeline(by_day: pd.DataFrame, target: int) -> pd.DataFrame:
    out = by_day.reset_index()
    out["percent_visited"] = (100.0 * out["visited"] / target).round(2) if target else np.nan
    out["plan_percent"] = _plan(out["day"]).to_numpy()
    out["target"] = target
    return out


def pipeline_from_marts(m: dict[str, pd.DataFrame], kab_codes: tuple[str, ...], area: str | None) -> pd.DataFrame:
    days = m["progress_desa_day"]
    days = days[days["kab_code"].isin(kab_codes) & _in_area(days, area)]
    desa = m["targets_desa"]
    target = int(desa.loc[desa["kab_code"].isin(kab_codes) & _in_area(desa, area), "target"].sum())
    by_day = days.groupby("day")[["visits", "visits_cum", *(f"{s}_cum" for s in STAGE_DATES)]].sum()
    by_day = by_day.rename(columns={"visits_cum": "visited", **{f"{s}_cum": s for s in STAGE_DATES}})
    return _pipeline(by_day, target)


def pipeline_from_raw(folder: Path, kab_codes: tuple[str, ...], as_of: date, area: str | None) -> pd.DataFrame:
    kab = area[:4] if area else None
    fam = read_families(folder, ["kab_code", "kec_code", "desa_code", "prelist", "tgl_kunjungan",
                                 *STAGE_DATES.values()], kab)
    fam = fam[fam["kab_code"].isin(kab_codes) & _in_area(fam, area)]
    sls = pd.read_parquet(folder / "sls.parquet", columns=["kab_code", "kec_code", "desa_code", "jumlah_prelist"])
    sls = sls[sls["kab_code"].isin(kab_codes) & _in_area(sls, area)]
    target = int(sls["jumlah_prelist"].sum() + (~fam["prelist"]).sum())
    days = pd.date_range(facts.CAMPAIGN_START, as_of, freq="D").date
    by_day = pd.DataFrame(index=pd.Index(days, name="day"))
    by_day["visits"] = fam["tgl_kunjungan"].value_counts().reindex(days, fill_value=0).to_numpy()
    by_day["visited"] = by_day["visits"].cumsum()
    for stage, column in STAGE_DATES.items():
        by_day[stage] = fam[column].value_counts().reindex(days, fill_value=0).cumsum().to_numpy()
    return _pipeline(by_day, target)


# --- target_by_area ------------------------------------------------------------------------------

def target_count_from_raw(folder: Path, kab_codes: tuple[str, ...], kab: str, desil_max: int) -> pd.DataFrame:
    fam = read_families(folder, ["kab_code", "kec_code", "desil", "jumlah_art"], kab)
    fam = fam[fam["kab_code"].isin(kab_codes) & fam["desil"].between(1, desil_max)
              & fam["jumlah_art"].between(1, 99)]
    out = fam.groupby("kec_code").agg(families=("desil", "size"), persons=("jumlah_art", "sum"))
    out["area_name"] = area_names("kec").reindex(out.index).to_numpy()
    out = out.rename_axis("area_code").reset_index()
    total = pd.DataFrame([{"area_code": None, "area_name": None, "families": len(fam),
                           "persons": int(fam["jumlah_art"].sum())}])
    return pd.concat([total, out], ignore_index=True)


# --- checking and timing -------------------------------------------------------------------------

def differences(expected: pd.DataFrame, got: pd.DataFrame, key: str) -> list[str]:
    """Columns of the query's answer that pandas got wrong or left out ([] when the answers agree)."""
    if len(expected) != len(got):
        return [f"{len(got)} rows instead of {len(expected)}"]

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        keys = frame[key].map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
        return frame.assign(_key=keys.to_numpy()).sort_values("_key").reset_index(drop=True)

    def plain(column: pd.Series) -> list:
        if pd.api.types.is_datetime64_any_dtype(column) or column.map(lambda v: isinstance(v, date)).any():
            column = pd.to_datetime(column).dt.strftime("%Y-%m-%d")
        return [None if pd.isna(v) else str(v) for v in column]

    want, have = ordered(expected), ordered(got)
    wrong = []
    for column in expected.columns:
        if column not in have:
            wrong.append(f"{column} missing")
            continue
        a, b = want[column], have[column]
        if pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a):
            a, b = a.astype("float64"), pd.to_numeric(b, errors="coerce").astype("float64")
            # one decimal of rounding may differ at a tie (DuckDB rounds half away from zero, numpy to even)
            if not np.allclose(a, b, rtol=0, atol=0.1001, equal_nan=True):
                wrong.append(column)
        elif plain(a) != plain(b):
            wrong.append(column)
    return wrong


def with_macros_called(sql: str, macros: dict[str, str]) -> str:
    """The query text followed by the text of every macro it calls, directly or through another macro
    (`macros`: macro name -> its CREATE statement), so the marts those macros read are seen too."""
    called: set[str] = set()
    text = sql
    grew = True
    while grew:
        grew = False
        for name, body in macros.items():
            if name not in called and re.search(rf"\b{name}\s*\(", text):
                called.add(name)
                text += "\n" + body
                grew = True
    return text


def marts_needed(sql: str, marts: tuple[str, ...], mart_sql: Callable[[str], str]) -> list[str]:
    """The marts a query reads, with the marts those are built from, in build order."""
    needed = {name for name in marts if re.search(rf"\b{name}\b", sql)}
    grew = True
    while grew:
        grew = False
        for name in list(needed):
            for dep in re.findall(r"\bmart_(\w+)", mart_sql(name)):
                if dep in marts and dep not in needed:
                    needed.add(dep)
                    grew = True
    return [name for name in marts if name in needed]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value
