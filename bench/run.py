"""Benchmark: ingest, every named query, every view, every page's render, and pandas doing the same work.

    python bench/run.py --scale full --data /work/bench-data   # uses <data>/snapshots/2022-11-14
    python bench/run.py --scale demo --runs 20                  # generates into bench/.data/demo if absent
    python bench/run.py --demo-build                            # only the demo build (`python -m regsosek demo`)

Prints six tables, each figure against its target with PASS/FAIL:

1. ingest of the snapshot: wall time and peak RSS of the ingest process (its own child process).
   When the snapshot is already published, the figures recorded when it was published are shown
   (with that time); --fresh drops the warehouse and measures again.
2. every named query in queries/*.sql with the parameters its page passes, for a province user,
   a kab/kota user and a CSR partner: median and p95 over --runs runs after one warm-up. Target
   lists are timed as a page shows them: the count (target_by_area) plus the first page of rows.
   Thresholds passed to queries come from regsosek.settings.
3. every screen's view (regsosek.views.<screen>.build, a page's whole work without drawing) for
   each of those users whose role may open the screen, with Streamlit's data cache cleared before
   each run; skipped with a note while regsosek/views holds no screen module.
4. every page each of those users may open, rendered with streamlit.testing.v1.AppTest: median of
   --page-runs renders after a warm-up, each with Streamlit's data cache cleared (as the first user
   asking), and one render with the cache warm.
5. the RSS of that app process after all of the above.
6. the same questions, the same work, DuckDB against pandas (bench/same_work.py): both answer from
   the marts held in memory (warm), and both answer from the published Parquet in a fresh process
   (cold: DuckDB builds the marts the question reads with the marts' own SQL, then runs the named
   query; pandas computes the same answer). Each pandas answer is checked equal to the named
   query's first. The one-off cost of the marts (their build at ingest) is printed beside it.

--demo-build times `python -m regsosek demo --force` (5 snapshots at 1% scale, generated and
published) in a fresh data folder: wall, CPU and peak RSS of the real build (target DEMO_BUILD_TARGET_S),
then the same work one stage after another in a second fresh folder, for the time each stage takes.

The app side (2-5) runs in one child process, each cold answer in its own, so memory is their own.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2022, 11, 14)
SEED = 2022

INGEST_TARGET_S = 180.0  # validate + publish one full snapshot
INGEST_RSS_TARGET_MB = 3072.0  # peak RSS of the ingest process
MONITORING_TARGET_MS = 20.0  # median of a monitoring query
TARGET_LIST_TARGET_MS = 150.0  # median of a target list's count + first page
TARGET_LIST_P95_TARGET_MS = 300.0  # and its p95
PAGE_TARGET_S = 0.5  # a page's script run, data cache cleared
APP_RSS_TARGET_MB = 1536.0  # the app process after every page, peak included
DEMO_BUILD_TARGET_S = 15.0  # `python -m regsosek demo` from nothing, wall

# The users whose views are measured, as in regsosek.users.DEMO_USERS.
PROVINCE_USER, KAB_USER, CSR_USER = "bps_jatim", "bps_surabaya", "csr_madura"
# Areas the drill-down cases use: a large rural regency and its first kecamatan and desa.
DRILL_KAB = "3509"
CSR_KAB = "3527"


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# Ingest reports progress as a fraction; these are its steps' ranges (regsosek/ingest.py).
INGEST_STAGES = ((0.65, "validate"), (0.75, "copy"), (0.8, "sort keluarga"), (0.97, "marts"), (2.0, "publish"))


def ingest_side(folder: str) -> dict:
    """Runs in a child process, so its peak RSS is the ingest's own."""
    from regsosek import ingest

    stages: dict[str, float] = {}
    started = time.perf_counter()
    last = [started, INGEST_STAGES[0][1]]

    def progress(fraction: float, _message: str) -> None:
        now = time.perf_counter()
        stage = next(name for upto, name in INGEST_STAGES if fraction < upto)
        if stage != last[1]:
            stages[last[1]] = stages.get(last[1], 0.0) + now - last[0]
            last[:] = [now, stage]

    report = ingest.ingest(folder, progress=progress, published_by="bench")
    seconds = time.perf_counter() - started
    return {"ok": report.ok, "text": report.as_text("en"), "snapshot_id": report.snapshot_id,
            "already_published": report.already_published, "seconds": seconds, "hwm_mb": rss_mb("VmHWM"),
            "stages": stages, "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}


def _scopes() -> dict:
    from regsosek import access, users

    demo = {u.username: u for u in users.DEMO_USERS}
    return {name: access.scope_for(name, demo[name].role, demo[name].kab_codes, demo[name].programmes)
            for name in (PROVINCE_USER, KAB_USER, CSR_USER)}


def query_cases(scale: float) -> list[tuple[str, str, str, list[tuple[str, dict]]]]:
    """(page, user, label, [(query, params), ...]) with the parameters the pages pass.

    A case of several queries is timed as one: a target list's count and its first page.
    """
    from dataclasses import replace

    from regsosek import indicators, reference, settings
    from regsosek import targeting as tg
    from regsosek.views import coverage, officers, targets

    kec = sorted(tg.kecamatan_in_scope(_scopes()[PROVINCE_USER], (DRILL_KAB,)))[0]
    desa = sorted(tg.desa_in_kecamatan(kec))[0]
    sby_kec = sorted(tg.kecamatan_in_scope(_scopes()[KAB_USER]))[0]
    regencies = reference.kabkota()
    estimate = coverage.family_estimate(scale)
    flags = {"estimate_kab": list(estimate["kab_code"]), "estimate_families": [float(v) for v in estimate["families"]],
             "tolerance_percent": settings.ESTIMATE_TOLERANCE_PERCENT}
    thin = settings.THIN_FAMILIES_PER_PPL
    pace = {"pace_days": settings.PACE_WINDOW_DAYS}
    mis = tg.mistargeting_params()
    cond = indicators.query_params()
    p, k, c = PROVINCE_USER, KAB_USER, CSR_USER

    def paged(counted: tuple[str, dict], listed: str, params: dict, rows: str, last: bool) -> list:
        """A paged list as its view reads it: the count (and figures) over the whole list, then one page."""
        def page(figures) -> dict:
            total = int(figures[rows].iloc[0])
            offset = (max(1, -(-total // settings.LIST_PAGE_SIZE)) - 1) * settings.LIST_PAGE_SIZE if last else 0
            return {**params, "row_limit": settings.LIST_PAGE_SIZE, "row_offset": offset}

        return [counted, (listed, page)]

    def productivity(user: str, kab: str | None, last: bool = False) -> list:
        return paged(("officer_productivity_summary", {"kab": kab, "bin_width": settings.PRODUCTIVITY_BIN_WIDTH}),
                     "officer_productivity", {"kab": kab, "numbered": officers.numbered(_scopes()[user], kab)},
                     "ppl_visited", last)

    def backlog(kab: str | None) -> list:
        return paged(("pml_backlog_summary", {"kab": kab}), "pml_backlog_list", {"kab": kab}, "pml", False)

    def findings(kind: str, last: bool = False) -> list:
        """One page of a check's list, after what tells its length: quality_summary (drawn on the page anyway)
        for a check with one row per case, quality_findings_count for the shared NIK (a row per family)."""
        params = {"kab": None, "kind": kind}
        if kind == "nik_multi_family":
            return paged(("quality_findings_count", params), "quality_findings_list", params, "rows", last)

        def page(summary) -> dict:
            total = int(summary.set_index("kind").at[kind, "cases"])
            offset = (max(1, -(-total // settings.LIST_PAGE_SIZE)) - 1) * settings.LIST_PAGE_SIZE if last else 0
            return {**params, "row_limit": settings.LIST_PAGE_SIZE, "row_offset": offset}

        return [("quality_summary", {"kab": None}), ("quality_findings_list", page)]

    cases = [
        ("overview", p, "headline, by kab", [("overview_headline", {"level": "kab", **pace})]),
        ("overview", k, "headline, by kec", [("overview_headline", {"level": "kec", **pace})]),
        ("overview", p, "forecast by kab", [("forecast_by_area", {"level": "kab", "parent": None, **pace})]),
        ("overview", k, "forecast by kec", [("forecast_by_area", {"level": "kec", "parent": None, **pace})]),
        ("coverage", p, "by kab", [("coverage_by_area", {"level": "kab", "parent": None})]),
        ("coverage", p, f"by kec in {DRILL_KAB}", [("coverage_by_area", {"level": "kec", "parent": DRILL_KAB})]),
        ("coverage", p, f"by desa in {kec}", [("coverage_by_area", {"level": "desa", "parent": kec})]),
        ("coverage", p, f"SLS in desa {desa}", [("coverage_sls", {"desa_code": desa})]),
        ("coverage", p, "flags, by kab", [("coverage_flags", {"level": "kab", "parent": None, **flags})]),
        ("coverage", p, f"flags, desa in {kec}", [("coverage_flags", {"level": "desa", "parent": kec, **flags})]),
        ("coverage", k, f"flags, desa in {sby_kec}",
         [("coverage_flags", {"level": "desa", "parent": sby_kec, **flags})]),
        ("coverage", p, "workforce by kab",
         [("workforce_by_area", {"level": "kab", "parent": None, "families_per_ppl_max": thin})]),
        ("coverage", p, f"workforce, kec in {DRILL_KAB}",
         [("workforce_by_area", {"level": "kec", "parent": DRILL_KAB, "families_per_ppl_max": thin})]),
        ("progress", p, "pipeline, province", [("pipeline_by_day", {"area_code": None})]),
        ("progress", p, f"pipeline, kab {DRILL_KAB}", [("pipeline_by_day", {"area_code": DRILL_KAB})]),
        ("progress", k, f"pipeline, kec {sby_kec}", [("pipeline_by_day", {"area_code": sby_kec})]),
        ("progress", p, "change by kab", [("snapshot_change_by_area", {
            "level": "kab", "parent": None, "then_codes": list(regencies["kab_code"]),
            "then_visited": [1000] * len(regencies)})]),
        ("officers", p, "productivity, province", productivity(p, None)),
        ("officers", p, "productivity, province, last page", productivity(p, None, last=True)),
        ("officers", k, "productivity, kab", productivity(k, "3578")),
        ("officers", p, "inactive, province",
         [("inactive_officers", {"kab": None, "idle_days": settings.IDLE_DAYS})]),
        ("officers", k, "inactive, kab", [("inactive_officers", {"kab": "3578", "idle_days": settings.IDLE_DAYS})]),
        ("officers", p, "overloaded PPL, province",
         [("overloaded_ppl", {"kab": None, "ratio": settings.OVERLOAD_RATIO})]),
        ("officers", k, "overloaded PPL, kab", [("overloaded_ppl", {"kab": "3578", "ratio": settings.OVERLOAD_RATIO})]),
        ("officers", p, "PML backlog, province", backlog(None)),
        ("officers", k, "PML backlog, kab", backlog("3578")),
        ("map", p, "kecamatan points", [("coverage_map_kecamatan", {})]),
        ("map", p, f"desa points in {DRILL_KAB}", [("coverage_map_desa", {"kab": DRILL_KAB})]),
        ("quality", p, "summary, province", [("quality_summary", {"kab": None})]),
        ("quality", k, "summary, kab", [("quality_summary", {"kab": "3578"})]),
        ("quality", p, "NIK in >1 family, province", findings("nik_multi_family")),
        ("quality", p, "far geotags, province", findings("far_geotag")),
        ("quality", p, "visits at odd hours, province", findings("odd_hour")),
        ("quality", p, "visits at odd hours, province, last page", findings("odd_hour", last=True)),
        ("mistargeting", p, "receipt by desil", [("mistargeting_by_desil", {"kab": []})]),
        ("mistargeting", p, "errors by kab", [("mistargeting_by_area", {"kab": [], "level": "kab", **mis})]),
        ("mistargeting", k, "errors by kec", [("mistargeting_by_area", {"kab": [], "level": "kec", **mis})]),
        ("conditions", p, "map by kab", [("conditions_by_area", {"level": "kab", "kab": None, **cond})]),
        ("conditions", p, f"map by kec in {DRILL_KAB}",
         [("conditions_by_area", {"level": "kec", "kab": DRILL_KAB, **cond})]),
        ("conditions", p, f"map by desa in {DRILL_KAB}",
         [("conditions_by_area", {"level": "desa", "kab": DRILL_KAB, **cond})]),
        ("conditions", k, "map by kec", [("conditions_by_area", {"level": "kec", "kab": "3578", **cond})]),
        ("conditions", c, "map by kab", [("conditions_by_area", {"level": "kab", "kab": None, **cond})]),
        ("-", p, "progress summary", [("progress_summary", {})]),
        ("-", p, "row counts", [("snapshot_rows", {})]),
    ]

    def target_list(user: str, label: str, flt: tg.TargetFilter) -> tuple:
        scope = _scopes()[user]
        params = {**flt.query_params(), "min_desa_families": tg.min_desa_families(scope)}
        list_query = tg.list_query(scope)
        level = flt.area_level()

        def first_page(by_area) -> dict:
            # As the view reads a page: from the regencies that hold it (targets.page_window).
            kabs, offset = targets.page_window(by_area, level, 0, settings.LIST_PAGE_SIZE)
            return {**params, "row_limit": settings.LIST_PAGE_SIZE, "row_offset": offset,
                    "kab": kabs if kabs is not None else params["kab"]}

        return ("targets", user, label, [("target_by_area", {"level": level, **params}),
                                         (list_query, first_page)])

    five = tg.TargetFilter(kab=(DRILL_KAB,), desil_min=1, desil_max=2, not_received=("pkh",),
                           conditions=("earthen_floor", "child_out_of_school"))
    cases += [
        target_list(p, "list, province, no filter", tg.TargetFilter()),
        target_list(p, f"list, kab {DRILL_KAB}", tg.TargetFilter(kab=(DRILL_KAB,))),
        target_list(p, f"list, kec {kec}", tg.TargetFilter(kab=(DRILL_KAB,), kec=kec)),
        target_list(p, f"list, desa {desa}", tg.TargetFilter(kab=(DRILL_KAB,), kec=kec, desa=desa)),
        target_list(p, "list, five filters", five),
        target_list(p, "list, five filters + no toilet",
                    replace(five, conditions=("no_own_toilet", "child_out_of_school"))),
    ]
    for preset in tg.PRESETS:
        cases.append(target_list(p, f"preset {preset}", tg.with_preset(preset, tg.TargetFilter(), _scopes()[p])))
        cases.append(target_list(p, f"preset {preset}, kab {DRILL_KAB}",
                                 tg.with_preset(preset, tg.TargetFilter(kab=(DRILL_KAB,)), _scopes()[p])))
    cases += [
        target_list(k, "list, own kab, no filter", tg.TargetFilter()),
        target_list(k, "list, five filters", replace(five, kab=("3578",))),
        target_list(c, "list, own kabs, no filter", tg.TargetFilter()),
        target_list(c, f"list, five filters, kab {CSR_KAB}", replace(five, kab=(CSR_KAB,))),
        target_list(c, "preset poorest_without_pkh_bpnt",
                    tg.with_preset("poorest_without_pkh_bpnt", tg.TargetFilter(), _scopes()[c])),
    ]
    return cases


def _time_queries(cases: list, runs: int, snapshot_id: str) -> list[dict]:
    from regsosek import db

    def once(scope, steps: list[tuple[str, dict]]) -> tuple[float, float]:
        t, cpu = time.perf_counter(), time.process_time()
        previous = None
        for name, params in steps:
            # A step's parameters can depend on the step before (a list page on the counts, as the view does).
            previous = db.run(name, scope, snapshot_id, **(params(previous) if callable(params) else params))
        return time.perf_counter() - t, time.process_time() - cpu

    scopes = _scopes()
    out = []
    for page, user, label, steps in cases:
        once(scopes[user], steps)
        measured = [once(scopes[user], steps) for _ in range(runs)]
        times = [wall for wall, _ in measured]
        out.append({"page": page, "user": user, "label": label, "queries": [name for name, _ in steps],
                    "median": statistics.median(times), "p95": p95(times),
                    "cpu": statistics.median(cpu for _, cpu in measured)})
        print(f"  {page} {user} {label}: {out[-1]['median'] * 1000:.0f} ms", file=sys.stderr, flush=True)
    return out


def _time_views(runs: int, snapshot_id: str) -> tuple[list[dict], str]:
    """Each screen's view for each user whose role may open the screen, data cache cleared before each run.

    A view module is regsosek/views/<page id>.py with build(scope, snapshot, **params); it is called with
    its parameters' defaults. Returns (timings, a note on what was skipped).
    """
    import importlib
    import inspect
    import pkgutil

    import streamlit as st

    from regsosek import access, i18n, views, warehouse

    names = sorted(m.name for m in pkgutil.iter_modules(views.__path__) if not m.name.startswith("_"))
    if not names:
        return [], "regsosek/views holds no screen module yet: views not timed"
    snapshot = warehouse.get(snapshot_id)
    scopes = _scopes()
    out, skipped = [], []
    for name in names:
        module = importlib.import_module(f"regsosek.views.{name}")
        build = getattr(module, "build", None)
        page_id = getattr(module, "PAGE", name)  # a view named otherwise than its page (reach: Catatan bantuan)
        if build is None:
            skipped.append(f"{name} (no build)")
            continue
        given = {"lang": i18n.DEFAULT_LANG}  # what every page passes and the benchmark can choose alike
        required = [p.name for p in list(inspect.signature(build).parameters.values())[2:]
                    if p.default is inspect.Parameter.empty and p.kind is not inspect.Parameter.VAR_KEYWORD
                    and p.name not in given]
        kwargs = {k: v for k, v in given.items() if k in inspect.signature(build).parameters}
        if required:
            skipped.append(f"{name} (needs {', '.join(required)})")
            continue
        for user, scope in scopes.items():
            if not access.may_open(scope.role, page_id):
                continue
            times = []
            for _ in range(runs + 1):
                st.cache_data.clear()
                started = time.perf_counter()
                build(scope, snapshot, **kwargs)
                times.append(time.perf_counter() - started)
            times = times[1:]
            out.append({"view": name, "user": user, "median": statistics.median(times), "p95": p95(times)})
            print(f"  view {name} {user}: {out[-1]['median'] * 1000:.0f} ms", file=sys.stderr, flush=True)
    return out, ("skipped: " + "; ".join(skipped)) if skipped else ""


def _drill_areas() -> tuple[str, str]:
    from regsosek import targeting as tg

    return DRILL_KAB, sorted(tg.kecamatan_in_scope(_scopes()[PROVINCE_USER], (DRILL_KAB,)))[0]


def _same_work_warm(runs: int, snapshot_id: str) -> dict:
    """Both sides answer in a warm process: DuckDB from its memory tables (or the family Parquet for a
    question without marts), pandas from the mart files loaded once into DataFrames (or the same Parquet)."""
    import same_work

    from regsosek import db, warehouse

    info = warehouse.get(snapshot_id)
    scope = _scopes()[PROVINCE_USER]
    questions = same_work.questions(*_drill_areas())
    loaded_s, frames = same_work.timed(
        lambda: same_work.read_marts(info.path, {name for q in questions for name in q.marts_read}))
    out = []
    for q in questions:
        ask = functools.partial(db.run, q.query, scope, snapshot_id, **q.params)
        expected = ask()
        duck = [same_work.timed(ask)[0] for _ in range(runs)]
        if q.from_marts:
            answer = functools.partial(q.from_marts, frames, scope.kab_codes, info.as_of)
            source = "marts in memory"
        else:
            answer = functools.partial(q.from_raw, info.path, scope.kab_codes, info.as_of)
            source = "family Parquet, warm process"
        wrong = same_work.differences(expected, answer(), q.key)
        pandas_times = [same_work.timed(answer)[0] for _ in range(runs)]
        raw_con, raw_answer = duckdb_without_marts(snapshot_id, q, materialize=False)
        wrong += [f"DuckDB without marts: {w}" for w in same_work.differences(expected, raw_answer(), q.key)]
        raw_times = [same_work.timed(raw_answer)[0] for _ in range(runs)]
        raw_con.close()
        out.append({"label": q.label, "query": q.query, "source": source, "duckdb": statistics.median(duck),
                    "duckdb_raw": statistics.median(raw_times), "pandas": statistics.median(pandas_times),
                    "wrong": wrong})
        print(f"  same work, warm: {q.label}: DuckDB {out[-1]['duckdb'] * 1000:.1f} ms, "
              f"pandas {out[-1]['pandas'] * 1000:.1f} ms", file=sys.stderr, flush=True)
    return {"marts_loaded_s": loaded_s, "questions": out}


def _sql_value(value: object) -> str:
    from regsosek import validate

    if isinstance(value, date):
        return f"DATE {validate.sql_literal(value.isoformat())}"
    if isinstance(value, (int, float)):
        return repr(value)
    return validate.sql_literal(str(value))


def duckdb_without_marts(snapshot_id: str, q, materialize: bool):
    """A plain DuckDB over the published Parquet with no mart prepared: the marts the question reads
    are made from their own SQL, either once as tables (`materialize`: the cold, fresh-process side) or
    as views computed again by every query (the warm side without marts). A question about one regency
    reads only that regency's rows, as pandas does."""
    import duckdb
    import same_work

    from regsosek import db, marts, validate, warehouse

    info = warehouse.get(snapshot_id)
    sql = db.load_sql(q.query)
    areas = db.connection().sql("SELECT * FROM main.areas").arrow()  # reference data, not the snapshot
    mart_sql = lambda name: (marts.MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8")  # noqa: E731
    con = duckdb.connect()
    statements = [st.query for macro in sorted(db.MACROS_DIR.glob("*.sql"))
                  for st in con.extract_statements(macro.read_text(encoding="utf-8"))]
    macros = {m.group(1): text for text in statements if (m := re.search(r"CREATE MACRO (\w+)", text))}
    needed = same_work.marts_needed(same_work.with_macros_called(sql, macros), marts.MARTS, mart_sql)
    params = marts._params(info.as_of)
    con.execute(f"SET memory_limit = '{db.MEMORY_LIMIT}'")
    con.register("areas_arrow", areas)
    con.execute("CREATE TABLE main.areas AS SELECT * FROM areas_arrow")
    marts.register_snapshot_views(con, info.path)
    if q.kab:
        for table in ("keluarga", "anggota", "petugas", "sls"):
            con.execute(f"ALTER VIEW {table} RENAME TO {table}_all")
            con.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM {table}_all "
                        f"WHERE kab_code = {validate.sql_literal(q.kab)}")
    for name in needed:
        text = mart_sql(name)
        if materialize:
            con.execute(f"CREATE TEMP TABLE mart_{name} AS {text}", {k: params[k] for k in marts.sql_params(text)})
        else:
            inlined = marts.PARAM_RE.sub(lambda m: _sql_value(params[m.group(1)]), text)
            con.execute(f"CREATE TEMP VIEW mart_{name} AS {inlined}")
        con.execute(f"CREATE TEMP VIEW {name} AS SELECT * FROM mart_{name}")
    for statement in statements:
        # One statement at a time: a file can hold a macro over a mart this question does not read (and so
        # was not made) beside one it calls.
        try:
            con.execute(statement)
        except duckdb.CatalogException:
            continue

    def answer():
        return con.sql(sql, params={**q.params, db.SCOPE_PARAM: list(_scopes()[PROVINCE_USER].kab_codes)}).df()

    return con, answer


def cold_side(engine: str, label: str, snapshot_id: str) -> dict:
    """Runs in a child process: one question answered from the published Parquet with nothing prepared."""
    import same_work

    from regsosek import db, warehouse

    info = warehouse.get(snapshot_id)
    scope = _scopes()[PROVINCE_USER]
    q = next(q for q in same_work.questions(*_drill_areas()) if q.label == label)
    if engine == "pandas":
        seconds, answer = same_work.timed(lambda: q.from_raw(info.path, scope.kab_codes, info.as_of))
    else:
        def answer_with_duckdb():
            con, ask = duckdb_without_marts(snapshot_id, q, materialize=True)
            result = ask()
            con.close()
            return result

        seconds, answer = same_work.timed(answer_with_duckdb)
    expected = db.run(q.query, scope, snapshot_id, **q.params)
    wrong = same_work.differences(expected, answer, q.key)
    return {"seconds": seconds, "hwm_mb": rss_mb("VmHWM"), "wrong": [f"{engine}: {w}" for w in wrong]}


def _time_pages(page_runs: int, timeout: float) -> list[dict]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from regsosek import access, users

    def render(user: str, page: str) -> tuple[float, float, list[str]]:
        """Wall seconds, CPU seconds of the process (all its threads: a shared machine inflates the
        first, not the second) and the errors shown."""
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
        at.session_state["authentication_status"] = True
        at.session_state["username"] = user
        at.session_state["name"] = user
        t, cpu = time.perf_counter(), time.process_time()
        at.run()
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        problems = [str(e.value)[:120] for e in at.exception] + [str(e.value)[:120] for e in at.main.error]
        return seconds, cpu, problems

    roles = {u.username: u.role for u in users.DEMO_USERS}
    out = []
    for user in (PROVINCE_USER, KAB_USER, CSR_USER):
        for page in access.allowed_pages(roles[user]):
            st.cache_data.clear()
            render(user, page)
            cold, cold_cpu = [], []
            for _ in range(page_runs):
                st.cache_data.clear()
                seconds, cpu, problems = render(user, page)
                cold.append(seconds)
                cold_cpu.append(cpu)
            warm, _, _ = render(user, page)
            out.append({"user": user, "page": page, "median": statistics.median(cold), "max": max(cold),
                        "cpu": statistics.median(cold_cpu), "warm": warm, "problems": problems})
            print(f"  page {user} {page}: {out[-1]['median']:.2f} s", file=sys.stderr, flush=True)
    return out


PARTS = ("queries", "views", "same", "pages")


def app_side(runs: int, page_runs: int, scale: float, timeout: float, parts: tuple[str, ...] = PARTS,
             match: str = "") -> dict:
    """Runs in a child process: the dashboard's view of the warehouse, queries then pages (the `parts`
    asked for; `match` keeps the query cases whose page and label match it (a regular expression))."""
    from regsosek import db, users, warehouse

    users.ensure_demo_users()
    started = time.perf_counter()
    live = warehouse.live()
    db.schema_for(live.snapshot_id)
    register = time.perf_counter() - started
    rss_registered = rss_mb()
    cases = [c for c in query_cases(scale) if re.search(match, f"{c[0]} {c[2]}")]
    queries = _time_queries(cases, runs, live.snapshot_id) if "queries" in parts else []
    rss_queries = rss_mb()
    view_times, views_note = _time_views(runs, live.snapshot_id) if "views" in parts else ([], "not asked for")
    pages = _time_pages(page_runs, timeout) if "pages" in parts else []
    # The app's memory is read before the pandas half of table 6 runs in this process: its DataFrames are not
    # the app's, and counting them made the app's peak look 0.6 GB higher than the app ever was.
    rss_app, hwm_app = rss_mb(), rss_mb("VmHWM")
    same = _same_work_warm(runs, live.snapshot_id) if "same" in parts else {"marts_loaded_s": 0.0, "questions": []}
    return {"register_s": register, "queries": queries, "views": view_times, "views_note": views_note,
            "same_work": same, "pages": pages, "snapshot_id": live.snapshot_id,
            "rss_registered_mb": rss_registered, "rss_queries_mb": rss_queries,
            "rss_mb": rss_app, "hwm_mb": hwm_app, "parts": list(parts)}


def child(args: list[str], env: dict, cwd: Path | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], env=env, stdout=subprocess.PIPE, text=True, cwd=cwd)
    if out.returncode:
        raise SystemExit(f"child {args[:2]} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def raw_folder(data: Path, scale: str) -> Path:
    """The snapshot folder to ingest: <data>/snapshots/<as_of>, generated when absent."""
    from regsosek.synth.cli import parse_scale
    from regsosek.synth.generate import generate

    for parent in ("snapshots", "incoming"):
        if (data / parent / AS_OF.isoformat() / "manifest.json").exists():
            return data / parent / AS_OF.isoformat()
    raw = data / "snapshots" / AS_OF.isoformat()
    print(f"generating {scale} into {raw.parent} ...", flush=True)
    t = time.perf_counter()
    generate(raw.parent, parse_scale(scale), SEED, [AS_OF], progress=lambda f, m: print(f"  {f:6.1%} {m}", flush=True))
    print(f"generated in {time.perf_counter() - t:.0f} s")
    return raw


DEMO_STAGES = (
    ("generate", "regsosek.synth.generate", "generate"),
    ("validate", "regsosek.validate", "validate"),
    ("copy", "regsosek.ingest", "_copy_verified"),
    ("sort families", "regsosek.ingest", "_publish_families"),
    ("marts", "regsosek.marts", "build"),
)


def demo_stages() -> dict:
    """The demo's work one stage after another (no overlap), with the wall and CPU (all threads) of each."""
    import importlib
    import resource

    from regsosek import demo, ingest

    spent: dict[str, list[float]] = {name: [0.0, 0.0] for name, _, _ in DEMO_STAGES}

    def timed(name: str, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name][0] += time.perf_counter() - wall
                spent[name][1] += time.process_time() - cpu
        return wrapper

    for name, module, attr in DEMO_STAGES:
        mod = importlib.import_module(module)
        setattr(mod, attr, timed(name, getattr(mod, attr)))
    from regsosek import paths
    from regsosek.synth import generate as synth

    wall, cpu = time.perf_counter(), time.process_time()
    folders = synth.generate(paths.snapshots_dir() / "demo", synth.SCALES["demo"], demo.DEMO_SEED, demo.DEMO_AS_OF)
    for folder in folders:
        report = ingest.ingest(folder)
        if not report.ok:
            raise SystemExit(report.as_text("en"))
    total = [time.perf_counter() - wall, time.process_time() - cpu]
    spent["rest of the ingest (checks, publication.json, live)"] = [
        total[i] - sum(w[i] for w in spent.values()) for i in (0, 1)]
    return {"stages": spent, "total": total, "hwm_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def demo_build() -> int:
    """Time the real demo build, then the same work stage by stage."""
    import resource
    import tempfile

    with tempfile.TemporaryDirectory(prefix="demo-build-") as tmp:
        env = dict(os.environ, REGSOSEK_DATA_DIR=str(Path(tmp) / "build"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run([sys.executable, "-m", "regsosek", "demo", "--force"], env=env, cwd=ROOT, check=True,
                       stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        peak = after.ru_maxrss / 1024
        staged = child(["--child", "demo-stages"], dict(os.environ, REGSOSEK_DATA_DIR=str(Path(tmp) / "stages")))
    load = os.getloadavg()[0]
    table(f"Demo build (`python -m regsosek demo`, 5 snapshots at 1%; load average {load:.1f})",
          [("figure", -34), ("value", 10), ("target", 10), ("", 4)],
          [["wall", f"{wall:.1f} s", f"<= {DEMO_BUILD_TARGET_S:.0f} s", verdict(wall <= DEMO_BUILD_TARGET_S)],
           ["CPU (user + system, all threads)", f"{cpu:.1f} s", "", ""],
           ["peak RSS", f"{peak:,.0f} MB", "", ""]])
    rows = [[name, f"{w:.1f} s", f"{c:.1f} s"] for name, (w, c) in staged["stages"].items()]
    rows.append(["total, one stage after another", f"{staged['total'][0]:.1f} s", f"{staged['total'][1]:.1f} s"])
    table("The same work one stage after another (5 snapshots)", [("stage", -50), ("wall", 8), ("CPU", 8)], rows)
    return 0


def table(title: str, header: list[tuple[str, int]], rows: list[list[str]]) -> None:
    """Print a table; a negative width left-aligns the column."""
    def line(cells: list[str]) -> str:
        return "  ".join(f"{c:<{-w}}" if w < 0 else f"{c:>{w}}" for c, (_, w) in zip(cells, header))
    print(f"\n{title}")
    head = line([h for h, _ in header])
    print(head)
    print("-" * len(head))
    for row in rows:
        print(line(row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="demo", help="demo, full or a fraction")
    parser.add_argument("--runs", type=int, default=15, help="runs of each query after a warm-up")
    parser.add_argument("--page-runs", type=int, default=3, help="renders of each page after a warm-up")
    parser.add_argument("--page-timeout", type=float, default=300.0, help="AppTest timeout per render, seconds")
    parser.add_argument("--data", type=Path, help="bench data dir (default bench/.data/<scale>)")
    parser.add_argument("--fresh", action="store_true", help="drop the published warehouse and ingest again")
    parser.add_argument("--skip-cold", action="store_true",
                        help="leave out the cold half of the DuckDB/pandas comparison (a process per answer)")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"which app-side tables to measure, comma separated (default all: {','.join(PARTS)})")
    parser.add_argument("--match", default="",
                        help="time only the query cases whose page and label match this regular expression")
    parser.add_argument("--demo-build", action="store_true", help="time only the demo build, stage by stage")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind = args.child[0]
        if kind == "demo-stages":
            result = demo_stages()
        elif kind == "ingest":
            result = ingest_side(args.child[1])
        elif kind == "app":
            result = app_side(int(args.child[1]), int(args.child[2]), float(args.child[3]), float(args.child[4]),
                              tuple(args.child[5].split(",")), args.child[6] if len(args.child) > 6 else "")
        else:
            result = cold_side(args.child[1], args.child[2], args.child[3])
        print(json.dumps(result))
        return 0
    if args.demo_build:
        return demo_build()

    data = (args.data or ROOT / "bench" / ".data" / args.scale).resolve()
    os.environ["REGSOSEK_DATA_DIR"] = str(data)
    env = dict(os.environ)
    from regsosek import warehouse

    raw = raw_folder(data, args.scale)
    record = data / "bench" / "ingest.json"
    if args.fresh and warehouse.root().exists():
        shutil.rmtree(warehouse.root())
    ingested = child(["--child", "ingest", str(raw)], env)
    if not ingested["ok"]:
        print(ingested["text"])
        return 1
    if ingested["already_published"] and record.exists():
        measured = json.loads(record.read_text())
        note = f"snapshot already published; figures recorded when it was published at {measured['measured_at']}"
    else:
        measured = ingested
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(measured, indent=1))
        note = ("snapshot already published and no record of its ingest: use --fresh to measure"
                if ingested["already_published"] else f"measured now ({measured['measured_at']})")
    manifest = json.loads((raw / "manifest.json").read_text())
    info = warehouse.get(ingested["snapshot_id"])
    size_mb = sum(f["bytes"] for f in manifest["files"].values()) / 2**20
    marts_mb = sum(p.stat().st_size for p in (info.path / "marts").glob("*")) / 2**20
    scale = info.scale
    print(f"snapshot {ingested['snapshot_id']} (scale {scale:g}): {manifest['row_counts']['keluarga']:,} keluarga, "
          f"{manifest['row_counts']['anggota']:,} anggota, {size_mb:,.0f} MB Parquet; marts {marts_mb:.1f} MB")

    stages = ", ".join(f"{k} {v:.0f} s" for k, v in measured["stages"].items())
    table(f"1. INGEST ({note})", [("step", -34), ("figure", 14), ("target", 12), ("", 6)], [
        ["validate + publish, wall time", f"{measured['seconds']:.1f} s", f"< {INGEST_TARGET_S:.0f} s",
         verdict(measured["seconds"] < INGEST_TARGET_S)],
        ["peak RSS of the ingest process", f"{measured['hwm_mb']:,.0f} MB", f"< {INGEST_RSS_TARGET_MB:,.0f} MB",
         verdict(measured["hwm_mb"] < INGEST_RSS_TARGET_MB)],
    ])
    print(f"stages: {stages}")

    cwd = data / "bench" / "cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    app = child(["--child", "app", str(args.runs), str(args.page_runs), str(scale), str(args.page_timeout),
                 args.parts, args.match], env, cwd=cwd)
    print(f"\napp process: snapshot registered in {app['register_s']:.2f} s "
          f"(RSS {app['rss_registered_mb']:,.0f} MB)")

    rows = []
    for q in app["queries"]:
        median, p95_ms = q["median"] * 1000, q["p95"] * 1000
        if q["page"] == "targets":
            target = f"<= {TARGET_LIST_TARGET_MS:.0f} / {TARGET_LIST_P95_TARGET_MS:.0f}"
            ok = median <= TARGET_LIST_TARGET_MS and p95_ms <= TARGET_LIST_P95_TARGET_MS
        else:
            target, ok = f"<= {MONITORING_TARGET_MS:.0f}", median <= MONITORING_TARGET_MS
        rows.append([q["page"], q["user"], q["label"], " + ".join(q["queries"]), f"{median:.1f}", f"{p95_ms:.1f}",
                     f"{q['cpu'] * 1000:.1f}", target, verdict(ok)])
    table(f"2. NAMED QUERIES (median and p95 of {args.runs} runs after a warm-up, ms; target: median, "
          "or median / p95 for a target list's count + first page)",
          [("page", -13), ("user", -13), ("case", -42), ("queries", -40), ("median", 9), ("p95", 9),
           ("cpu", 9), ("target", 13), ("", 6)], rows)
    print("cpu: median CPU milliseconds of the process per run (DuckDB's two threads together): on a shared "
          f"machine wall time grows with the load, CPU time much less (load average now {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores).")

    if app["views"]:
        table(f"3. VIEWS (regsosek.views.<screen>.build: median and p95 of {args.runs} runs after a warm-up, "
              "data cache cleared before each, ms)", [("view", -16), ("user", -14), ("median", 9), ("p95", 9)],
              [[v["view"], v["user"], f"{v['median'] * 1000:.1f}", f"{v['p95'] * 1000:.1f}"] for v in app["views"]])
    else:
        print("\n3. VIEWS")
    if app["views_note"]:
        print(app["views_note"])

    rows = [[p["user"], p["page"], f"{p['median']:.2f}", f"{p['max']:.2f}", f"{p['cpu']:.2f}", f"{p['warm']:.2f}",
             f"<= {PAGE_TARGET_S:g}", verdict(p["median"] <= PAGE_TARGET_S and not p["problems"]),
             "; ".join(p["problems"])[:80]] for p in app["pages"]]
    table(f"4. PAGES (AppTest script run, s: median and max of {args.page_runs} runs with the data cache cleared, "
          "after a warm-up, and the median CPU seconds of those runs; then one with the cache warm)",
          [("user", -14), ("page", -14), ("median", 8), ("max", 8), ("cpu", 8), ("warm", 8), ("target", 8), ("", 6),
           ("  problems", -20)], rows)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    app_work = ", ".join(p for p in app["parts"] if p != "same") or "registering"
    table("5. APP PROCESS MEMORY (read before the pandas half of table 6, which runs in the same process)",
          [("after", -44), ("RSS", 10), ("target", 10), ("", 6)], [
        ["snapshot registered", f"{app['rss_registered_mb']:,.0f} MB", "", ""],
        ["all named queries", f"{app['rss_queries_mb']:,.0f} MB", "", ""],
        [f"after {app_work} (current RSS)", f"{app['rss_mb']:,.0f} MB", f"< {APP_RSS_TARGET_MB:,.0f}",
         verdict(app["rss_mb"] < APP_RSS_TARGET_MB)],
        ["peak RSS over the app's work", f"{app['hwm_mb']:,.0f} MB", f"< {APP_RSS_TARGET_MB:,.0f}",
         verdict(app["hwm_mb"] < APP_RSS_TARGET_MB)],
    ])

    same = app["same_work"]
    marts_s = measured["stages"].get("marts")
    rows = []
    for q in same["questions"]:
        rows.append([q["label"], q["source"], f"{q['duckdb'] * 1000:,.1f} ms", f"{q['duckdb_raw'] * 1000:,.1f} ms",
                     f"{q['pandas'] * 1000:,.1f} ms", f"{q['pandas'] / q['duckdb']:,.1f}x",
                     "yes" if not q["wrong"] else "NO: " + ", ".join(q["wrong"])])
        if args.skip_cold:
            continue
        duck = child(["--child", "cold", "duckdb", q["label"], app["snapshot_id"]], env, cwd=cwd)
        pandas = child(["--child", "cold", "pandas", q["label"], app["snapshot_id"]], env, cwd=cwd)
        wrong = duck["wrong"] + pandas["wrong"]
        rows.append(["", "published Parquet, fresh process", "",
                     f"{duck['seconds'] * 1000:,.0f} ms ({duck['hwm_mb']:,.0f} MB)",
                     f"{pandas['seconds'] * 1000:,.0f} ms ({pandas['hwm_mb']:,.0f} MB)",
                     f"{pandas['seconds'] / duck['seconds']:,.1f}x", "yes" if not wrong else "NO: " + ", ".join(wrong)])
    table("6. THE SAME QUESTIONS, THE SAME WORK: DuckDB and pandas from the same input, answers checked equal "
          "(warm: median of --runs; fresh process: one run, peak RSS)",
          [("question", -42), ("input (both sides)", -34), ("DuckDB", 12), ("DuckDB, no marts", 20),
           ("pandas", 20), ("pandas/DuckDB", 15), ("same answer", -14)], rows)
    print("warm, marts in memory: DuckDB runs the named query over its memory tables; pandas answers from the "
          f"marts it loaded once ({same['marts_loaded_s']:.2f} s; DuckDB registered the snapshot in "
          f"{app['register_s']:.2f} s).")
    print("warm, family Parquet: both read the published family rows again on every run (OS file cache warm).")
    print("DuckDB, no marts: a plain DuckDB over the published Parquet where each mart the question reads is a "
          "view of the mart's own SQL, so every run computes it again (warm rows: median of --runs), or, in a "
          "fresh process, is made once as a table first (one run, peak RSS): what the marts buy at query time.")
    print("fresh process: DuckDB builds the marts the question reads with the marts' own SQL, then runs the named "
          "query; pandas reads the same Parquet and computes the same answer. Process start-up and imports "
          "are not counted on either side.")
    if marts_s is not None:
        print(f"the marts are built once per snapshot at ingest: {marts_s:.1f} s for all of them (table 1).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
