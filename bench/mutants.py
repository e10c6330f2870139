"""Mutation check: plant one wrong number at a time and see whether the test suite notices.

    python bench/mutants.py                   # every mutant, two copies of the project side by side
    python bench/mutants.py --list            # the mutants, and whether each still applies to the code
    python bench/mutants.py --only forecast   # the mutants whose id, file or description match a pattern
    python bench/mutants.py --jobs 1          # one copy, one pytest at a time
    python bench/mutants.py --first-only      # each mutant against its own test files only

Each mutant is one exact text replacement in one file (SQL or Python) that makes a number on a
screen wrong, or lets a number through that should have been hidden. The project's files (tracked
and untracked, not ignored) are copied into a temporary folder per worker; the working tree this
is run from is never touched. For each mutant the copy is changed, the non-browser test suite runs
against it (`-x -q -p no:cacheprovider`), and the file is put back:

1. first the test files the mutant names as most likely to catch it;
2. only when those pass, the rest of the suite (not with --first-only: then a survivor only
   "survived its targeted tests", and the rest of the suite might still kill it).

A mutant is *killed* when a test fails, *survived* when the whole suite passes (each survivor is a
missing test), *stale* when its text is not found exactly once in the current code (the list must
follow the code: update the entry), *invalid* when a Python mutant no longer compiles (it would be
caught by the interpreter, not by a test). Before the mutants, the untouched copy runs the suite
once (the baseline); tests already failing there are deselected and listed, so they cannot kill
anything.

Not part of the test suite. Prints progress, a table per mutant (file, change, result, the test
that killed it, seconds) and the kill rate; exits 1 when a mutant survived or is stale.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    """Replace `find` (which must occur exactly once in `file`) by `replace`."""

    id: str
    file: str
    find: str
    replace: str
    what: str  # one line: the wrong number this plants
    tests: tuple[str, ...] = ()  # test files most likely to kill it, run first


M = Mutant

# One list, grouped by the file changed. To follow a change in the code, edit `find`/`replace`;
# `--list` shows which entries have gone stale. Keep `find` short but unique in its file.
MUTANTS: tuple[Mutant, ...] = (
    # --- the shared progress measures (queries/macros/progress_measures.sql) --------------------
    M("pace-6-days", "queries/macros/progress_measures.sql",
      "ELSE f_level END\n      AND p.kab_code IN (SELECT unnest(f_kab_codes))\n"
      "      AND p.day > m.last_field_day - f_pace_days::INTEGER",
      "ELSE f_level END\n      AND p.kab_code IN (SELECT unnest(f_kab_codes))\n"
      "      AND p.day > m.last_field_day - f_pace_days::INTEGER + 1",
      "7-day pace counts 6 days of visits (off by one day)",
      ("tests/test_view_overview.py",)),
    M("pace-8-days", "queries/macros/progress_measures.sql",
      "ELSE f_level END\n      AND p.kab_code IN (SELECT unnest(f_kab_codes))\n"
      "      AND p.day > m.last_field_day - f_pace_days::INTEGER",
      "ELSE f_level END\n      AND p.kab_code IN (SELECT unnest(f_kab_codes))\n"
      "      AND p.day >= m.last_field_day - f_pace_days::INTEGER",
      "per-area 7-day pace counts 8 days of visits (off by one day)",
      ("tests/test_view_progress.py",)),
    M("pace-divided-by-window", "queries/macros/progress_measures.sql",
      "nullif(least(f_pace_days::INTEGER, m.days_elapsed), 0)", "nullif(f_pace_days::INTEGER, 0)",
      "pace divided by 7 days even while fewer field days have passed",
      ("tests/test_view_progress.py",)),
    M("finish-floor", "queries/macros/progress_measures.sql",
      "+ ceil(remaining / pace)::INTEGER", "+ floor(remaining / pace)::INTEGER",
      "projected finish rounds the days needed down (a day early)",
      ("tests/test_view_progress.py",)),
    M("finish-half-pace", "queries/macros/progress_measures.sql",
      "+ ceil(remaining / pace)::INTEGER", "+ ceil(remaining / (pace / 2))::INTEGER",
      "per-area projected finish computed at half the pace",
      ("tests/test_view_progress.py",)),
    M("plan-100", "queries/macros/progress_measures.sql",
      "ELSE 100.0 * least(greatest(f_day - campaign_start + 1, 0), days_total) / days_total",
      "ELSE 100.0",
      "plan line fixed at 100% of target on every day",
      ("tests/test_view_progress.py",)),
    M("plan-day-early", "queries/macros/progress_measures.sql",
      "greatest(f_day - campaign_start + 1, 0)", "greatest(f_day - campaign_start, 0)",
      "plan line one day behind (day 1 plans 0%)",
      ("tests/test_view_progress.py",)),
    M("area-plan-100", "queries/macros/progress_measures.sql",
      "plan_percent(m.last_field_day) AS plan_percent", "100.0 AS plan_percent",
      "per-area and headline plan (and gap to plan) fixed at 100% of target",
      ("tests/test_view_overview.py",)),
    M("behind-at-plan", "queries/macros/progress_measures.sql",
      "percent_visited < plan_percent AS behind_plan", "percent_visited <= plan_percent AS behind_plan",
      "areas exactly on plan counted as behind plan (< becomes <=)",
      ("tests/test_view_overview.py",)),
    M("needed-per-day", "queries/macros/progress_measures.sql",
      "THEN remaining / days_left END", "THEN remaining / (days_left + 1) END",
      "rate needed per day spreads the rest over one day too many",
      ("tests/test_view_progress.py",)),
    M("finished-not-done", "queries/macros/progress_measures.sql",
      "b.visited >= b.target AS done", "b.visited > b.target AS done",
      "an area that has visited exactly its target is not counted as done",
      ("tests/test_view_overview.py",)),
    # --- overview headline and per-area forecast ------------------------------------------------
    M("headline-per-ppl-denominator", "queries/overview_headline.sql",
      "l.visits_last_day / nullif(w.ppl_active_last_day, 0)", "l.visits_last_day / nullif(w.ppl, 0)",
      "families per active PPL-day divided by every PPL instead of the active ones",
      ("tests/test_view_overview.py",)),
    M("headline-active-ppl-all", "queries/overview_headline.sql",
      "count_if(o.peran = 'PPL' AND ppl_active_last_day(o.visits_last_day))", "count_if(o.peran = 'PPL')",
      "PPL active on the last day counts every PPL on the roll",
      ("tests/test_view_overview.py",)),
    M("headline-documents-unscoped", "queries/overview_headline.sql",
      "FROM targets_area\n    WHERE level = 'kab'\n      AND kab_code IN (SELECT unnest($kab_codes))",
      "FROM targets_area\n    WHERE level = 'kab'",
      "headline documents counted over the whole province, not the user's regencies",
      ("tests/test_view_overview.py",)),
    M("forecast-at-risk-on-last-day", "queries/forecast_by_area.sql",
      "p.projected_finish > m.campaign_end", "p.projected_finish >= m.campaign_end",
      "an area projected to finish on the last campaign day flagged at risk",
      ("tests/test_view_progress.py",)),
    # --- progress: day by day ------------------------------------------------------------------
    M("pipeline-percent-denominator", "queries/pipeline_by_day.sql",
      "SELECT coalesce(sum(target), 0) AS target", "SELECT coalesce(sum(prelist), 0) AS target",
      "daily percent of target divided by prelist families only (new families left out)",
      ("tests/test_view_progress.py",)),
    # --- coverage ------------------------------------------------------------------------------
    M("coverage-percent-of-prelist", "queries/coverage_by_area.sql",
      "round(100.0 * b.visited / nullif(b.target, 0), 2)", "round(100.0 * b.visited / nullif(b.prelist, 0), 2)",
      "coverage percent divided by prelist families instead of target",
      ("tests/test_view_coverage.py",)),
    M("coverage-no-scope", "queries/coverage_by_area.sql",
      "WHERE level = $level::VARCHAR\n      AND kab_code IN (SELECT unnest($kab_codes))",
      "WHERE level = $level::VARCHAR",
      "coverage by area drops the user's kab_codes scope filter",
      ("tests/test_queries.py", "tests/test_view_coverage.py")),
    M("coverage-flags-not-started", "queries/marts/coverage_area.sql",
      "count_if(visited = 0)::INTEGER AS sls_not_started", "count_if(visited <= 1)::INTEGER AS sls_not_started",
      "SLS with one visited family counted as not started",
      ("tests/test_view_coverage.py",)),
    M("workforce-per-ppl-all", "queries/workforce_by_area.sql",
      "round(b.workload / nullif(b.ppl_working, 0), 1)", "round(b.workload / nullif(b.ppl, 0), 1)",
      "families per working PPL divided by every PPL, drop-outs included",
      ("tests/test_view_coverage.py",)),
    # --- marts: built at publish, read by every monitoring screen -------------------------------
    M("mart-target-without-new", "queries/marts/targets_sls.sql",
      "(s.jumlah_prelist + coalesce(f.new_families, 0))::INTEGER AS target",
      "s.jumlah_prelist::INTEGER AS target",
      "target leaves out the new families found in the field",
      ("tests/test_view_coverage.py",)),
    M("mart-visited-all-families", "queries/marts/targets_sls.sql",
      "count(tgl_kunjungan) AS visited", "count(*) AS visited",
      "visited counts every family on the list, visited or not",
      ("tests/test_view_coverage.py",)),
    M("mart-days-elapsed", "queries/marts/snapshot_meta.sql",
      "(least(as_of, campaign_end) - campaign_start + 1)::INTEGER AS days_elapsed",
      "(least(as_of, campaign_end) - campaign_start)::INTEGER AS days_elapsed",
      "days elapsed one short (the first field day not counted)",
      ("tests/test_view_overview.py",)),
    M("mart-cumulative-to-yesterday", "queries/marts/progress_desa_day.sql",
      "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING",
      "running totals (visited, documents) stop the day before",
      ("tests/test_view_progress.py",)),
    M("mart-validated-is-entered", "queries/marts/progress_desa_day.sql",
      "count_if(stage = 'validated') AS validated", "count_if(stage = 'entered') AS validated",
      "documents validated counted as documents entered",
      ("tests/test_view_progress.py",)),
    M("mart-backlog-days", "queries/marts/pml_backlog.sql",
      "$as_of::DATE - k.tgl_kunjungan > $backlog_days::INTEGER",
      "$as_of::DATE - k.tgl_kunjungan >= $backlog_days::INTEGER",
      "PML backlog 'over 3 days' counts visits waiting exactly 3 days",
      ("tests/test_view_officers.py",)),
    M("active-ppl-any-day", "queries/marts/officers.sql",
      "FILTER (WHERE day = (SELECT last_field_day FROM meta))",
      "FILTER (WHERE day <= (SELECT last_field_day FROM meta))",
      "PPL active on the last day counts PPL active on any day",
      ("tests/test_view_overview.py", "tests/test_view_coverage.py")),
    M("coverage-active-ppl-any-day", "queries/marts/targets_area.sql",
      "WHERE day = (SELECT last_field_day FROM mart_snapshot_meta)",
      "WHERE day <= (SELECT last_field_day FROM mart_snapshot_meta)",
      "coverage tables: PPL active on the last day counts PPL active on any day (kab/kota and kecamatan rows)",
      ("tests/test_queries.py", "tests/test_view_coverage.py")),
    M("desa-active-ppl-any-day", "queries/marts/targets_desa.sql",
      "WHERE day = (SELECT last_field_day FROM mart_snapshot_meta)",
      "WHERE day <= (SELECT last_field_day FROM mart_snapshot_meta)",
      "coverage tables: PPL active on the last day counts PPL active on any day (desa rows)",
      ("tests/test_queries.py", "tests/test_view_coverage.py")),
    M("mart-desil-pkh-is-bpnt", "queries/marts/desil_programme_kec.sql",
      "count_if(terima_pkh)::INTEGER AS pkh", "count_if(terima_bpnt)::INTEGER AS pkh",
      "PKH receipt per desil counts BPNT recipients",
      ("tests/test_view_mistargeting.py",)),
    # --- officers -------------------------------------------------------------------------------
    M("inactive-strict", "queries/inactive_officers.sql",
      "u.last_visit <= d.last_field_day - $idle_days", "u.last_visit < d.last_field_day - $idle_days",
      "inactive PPL need one idle day more than the threshold (<= becomes <)",
      ("tests/test_view_officers.py",)),
    M("overloaded-mean", "queries/marts/ppl_load.sql",
      "median(target)::DOUBLE AS median_target", "avg(target)::DOUBLE AS median_target",
      "overloaded PPL compared with the mean workload instead of the median",
      ("tests/test_view_officers.py",)),
    # --- mistargeting ---------------------------------------------------------------------------
    M("exclusion-over-recipients", "queries/mistargeting_by_area.sql",
      "coalesce(b.excluded, 0) / nullif(b.eligible_families, 0)",
      "coalesce(b.excluded, 0) / nullif(b.recipients, 0)",
      "exclusion rate divided by recipients instead of eligible families",
      ("tests/test_view_mistargeting.py",)),
    M("inclusion-flipped", "queries/mistargeting_by_area.sql",
      "sum(receiving) FILTER (WHERE well_off)", "sum(receiving) FILTER (WHERE NOT well_off)",
      "inclusion error counts recipients outside the well-off deciles",
      ("tests/test_view_mistargeting.py",)),
    # --- target lists and the partner overlap ---------------------------------------------------
    M("target-desil-off-by-one", "queries/macros/target_families.sql",
      "AND desil BETWEEN f_desil_min AND f_desil_max", "AND desil BETWEEN f_desil_min + 1 AND f_desil_max",
      "target lists leave out the lowest desil asked for",
      ("tests/test_view_targets.py",)),
    M("target-low-power-strict", "queries/ingest/published_keluarga.sql",
      "k.daya_listrik <= 450", "k.daya_listrik < 450",
      "'low power' leaves out 450 VA connections",
      ("tests/test_targeting.py",)),
    M("target-size-off-by-one", "queries/macros/target_families.sql",
      "AND jumlah_art BETWEEN f_size_min AND f_size_max", "AND jumlah_art BETWEEN f_size_min + 1 AND f_size_max",
      "target lists leave out the smallest family size asked for",
      ("tests/test_targeting.py", "tests/test_view_targets.py")),
    M("target-received-bpnt-is-pkh", "queries/macros/target_conditions.sql",
      "(list_contains(f_received, 'bpnt') AND coalesce(bpnt, false))",
      "(list_contains(f_received, 'bpnt') AND coalesce(pkh, false))",
      "'receives BPNT' matches PKH recipients",
      ("tests/test_targeting.py", "tests/test_view_targets.py")),
    M("overlap-other-list-unscoped", "queries/list_overlap.sql",
      "listable_families(list_intersect($kab_codes, $other_kab_codes::VARCHAR[]),",
      "listable_families(list_intersect($kab_codes, list_concat($other_kab_codes::VARCHAR[], $kab_codes)),",
      "partner overlap reads the other partner's list outside the regencies it may see",
      ("tests/test_view_targets.py",)),
    M("overlap-min-list-strict", "queries/list_overlap.sql",
      "count(*) >= $min_list_families::BIGINT", "count(*) > $min_list_families::BIGINT",
      "another partner's list of exactly the minimum size leaves the overlap",
      ("tests/test_view_targets.py",)),
    M("overlap-guard-removed", "regsosek/saved_lists.py",
      "        if shared:\n            comparable.append(", "        if True:\n            comparable.append(",
      "partner overlap compares partners that share no regency",
      ("tests/test_view_targets.py",)),
    M("overlap-shared-is-viewer-scope", "regsosek/saved_lists.py",
      "shared = tuple(k for k in viewer.kab_codes if partner.may_see_kab(k))", "shared = tuple(viewer.kab_codes)",
      "another partner's list is read in every regency of the viewer, not only those both may see",
      ("tests/test_view_targets.py",)),
    # --- views: suppression and the numbers they pass on ----------------------------------------
    M("overview-headline-unsuppressed", "regsosek/views/overview.py",
      "        return privacy.protect_total(int(head[name]), scope)", "        return int(head[name])",
      "overview headline suppression switched off",
      ("tests/test_view_overview.py",)),
    M("overview-percent-unguarded", "regsosek/views/overview.py",
      'percent = _number(head["percent_visited"]) if visited is not None and target is not None else None',
      'percent = _number(head["percent_visited"])',
      "overview headline percent shown when visited or target is hidden (gives it back)",
      ("tests/test_view_overview.py",)),
    M("forecast-tables-unsuppressed", "regsosek/views/progress.py",
      'shown = privacy.protect(raw, ["target", "visited", "remaining", "visits_in_window"], scope,',
      'shown = raw.copy() if True else privacy.protect(raw, ["target", "visited", "remaining", '
      '"visits_in_window"], scope,',
      "overview and progress area tables not suppressed for roles that suppress (gubernur)",
      ("tests/test_view_progress.py", "tests/test_view_overview.py")),
    M("progress-finish-not-hidden", "regsosek/views/progress.py",
      'shown["projected_finish"] = shown["projected_finish"].mask(hidden_finish)',
      'shown["projected_finish"] = shown["projected_finish"]',
      "projected finish shown when its remaining or pace counts are hidden",
      ("tests/test_view_progress.py",)),
    M("progress-days-anchor-strict", "regsosek/views/progress.py",
      "if value == base or value - base >= settings.SMALL_COUNT:",
      "if value == base or value - base > settings.SMALL_COUNT:",
      "day-by-day series: a rise of exactly 10 is not an anchor (hides more than needed)",
      ("tests/test_view_progress.py",)),
    M("map-unsuppressed", "regsosek/views/map.py",
      "shown = privacy.protect(raw, list(COUNTS), scope,",
      "shown = raw.copy() if True else privacy.protect(raw, list(COUNTS), scope,",
      "map points and table not suppressed for roles that suppress",
      ("tests/test_view_map.py",)),
    M("map-percent-not-hidden", "regsosek/views/map.py",
      'rates={"percent_visited": COUNTS}', "rates={}",
      "map percent shown when its target or visited count is hidden (gives it back)",
      ("tests/test_view_map.py",)),
    M("mistargeting-totals-unsuppressed", "regsosek/views/mistargeting.py",
      "counts = {c: privacy.protect_total(total[c], scope) if total is not None else None for c in AREA_COUNTS}",
      "counts = {c: total[c] if total is not None else None for c in AREA_COUNTS}",
      "mistargeting totals shown to gubernur even when small",
      ("tests/test_view_mistargeting.py",)),
    M("targets-listable-small", "regsosek/views/targets.py",
      "families >= settings.SMALL_COUNT)", "families >= 1)",
      "a partner gets the rows of a list of fewer than 10 families",
      ("tests/test_view_targets.py",)),
    # --- privacy --------------------------------------------------------------------------------
    M("protect-threshold-inclusive", "regsosek/privacy.py",
      "hidden = (values > 0) & (values < SMALL_COUNT)", "hidden = (values > 0) & (values <= SMALL_COUNT)",
      "protect hides counts of 10 too (< SMALL_COUNT becomes <=)",
      ("tests/test_privacy.py",)),
    M("protect-no-secondary", "regsosek/privacy.py",
      "    changed = True\n    while changed:", "    changed = False\n    while changed:",
      "protect: secondary suppression (row and column sums) switched off",
      ("tests/test_privacy.py",)),
    M("protect-no-column-totals", "regsosek/privacy.py",
      "if column_totals and len(df) > 1:", "if False:",
      "protect: a column may hold exactly one hidden cell (its shown sum gives it back)",
      ("tests/test_privacy.py",)),
    M("protect-rate-all-sources", "regsosek/privacy.py",
      ".mask(hidden[list(sources)].any(axis=1))", ".mask(hidden[list(sources)].all(axis=1))",
      "protect shows a rate when only one of its counts is hidden",
      ("tests/test_privacy.py",)),
    M("protect-total-off", "regsosek/privacy.py",
      "0 < value < SMALL_COUNT:\n        return None", "0 < value < 0:\n        return None",
      "protect_total: headline suppression switched off",
      ("tests/test_privacy.py",)),
    M("mask-nik-more-digits", "regsosek/privacy.py",
      'digits[:6] + "*" * 8 + digits[-2:]', 'digits[:8] + "*" * 6 + digits[-2:]',
      "masked NIK keeps 8 leading digits (the birth day) instead of 6",
      ("tests/test_privacy.py",)),
    # --- access: role capabilities --------------------------------------------------------------
    M("gubernur-sees-small-counts", "regsosek/access.py",
      "TIER_AGGREGATE, suppress_small_counts=True", "TIER_AGGREGATE, suppress_small_counts=False",
      "gubernur no longer has small counts suppressed",
      ("tests/test_view_map.py",)),
    M("gubernur-sees-sls", "regsosek/access.py",
      "TIER_AGGREGATE, suppress_small_counts=True, scoped_to_kab=False, landing=OVERVIEW)",
      "TIER_AGGREGATE, suppress_small_counts=True, scoped_to_kab=False, landing=OVERVIEW, sees_sls_rows=True)",
      "gubernur may drill down to single SLS",
      ("tests/test_view_coverage.py",)),
    M("kabkota-unscoped", "regsosek/access.py",
      "TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=True,",
      "TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=False,",
      "a BPS kab/kota head sees every regency",
      ("tests/test_view_coverage.py",)),
    M("csr-no-terms", "regsosek/access.py",
      "lists_family_rows=True, must_accept_terms=True", "lists_family_rows=True, must_accept_terms=False",
      "CSR partners download without accepting the data-use terms",
      ("tests/test_view_targets.py",)),
    M("csr-sees-names", "regsosek/access.py",
      "shares_lists_with_partners=True, landing=TARGETS,",
      "shares_lists_with_partners=True, landing=TARGETS, sees_names=True,",
      "CSR partners get names and masked NIK in their family rows",
      ("tests/test_view_targets.py",)),
    M("area-level-two-regencies", "regsosek/access.py",
      'return "kec" if len(self.kab_codes) == 1 else "kab"', 'return "kec" if len(self.kab_codes) <= 2 else "kab"',
      "users with two regencies get tables by kecamatan (the one level rule)",
      ("tests/test_phase.py", "tests/test_view_overview.py")),
    # --- exports, audit log, sign-in ------------------------------------------------------------
    M("export-minus-not-neutralised", "regsosek/export.py",
      'FORMULA_START = ("=", "+", "-", "@", "\\t", "\\r")', 'FORMULA_START = ("=", "+", "@", "\\t", "\\r")',
      "a CSV cell starting with - is left as a formula",
      ("tests/test_export.py",)),
    M("export-header-keeps-newlines", "regsosek/export.py",
      'return re.sub(r"[\\r\\n\\t]", " ", str(value))', 'return re.sub(r"[\\t]", " ", str(value))',
      "a line break in the stated purpose splits the export header",
      ("tests/test_export.py",)),
    M("audit-line-key-unchecked", "regsosek/audit.py",
      'and hmac.compare_digest(str(row["hash"]), _digest(row, key)))', "and True)",
      "audit check accepts a line whose hash was not written with the audit key",
      ("tests/test_audit.py",)),
    M("audit-prev-unchecked", "regsosek/audit.py",
      'row["seq"] == seq and row["prev"] == prev', 'row["seq"] == seq',
      "audit check no longer follows the chain of previous hashes",
      ("tests/test_audit.py",)),
    M("audit-head-key-unchecked", "regsosek/audit.py",
      'if not hmac.compare_digest(str(head["mac"]), _head_mac(int(head["seq"]), str(head["hash"]), key)):',
      "if False:",
      "audit check accepts a head file written without the audit key",
      ("tests/test_audit.py",)),
    M("auth-lockout-one-late", "regsosek/auth.py",
      'if count >= MAX_FAILURES else 0.0', 'if count > MAX_FAILURES else 0.0',
      "sign-in lockout after six failures instead of five",
      ("tests/test_auth.py",)),
    M("auth-locked-still-checked", "regsosek/auth.py",
      'return max(1, int(entry["locked_until"] - now + 0.999))', "return 0",
      "a locked username still gets its password checked (and may sign in)",
      ("tests/test_auth.py",)),
    # --- settings and the campaign clock --------------------------------------------------------
    M("setting-small-count", "regsosek/settings.py",
      "SMALL_COUNT = 10", "SMALL_COUNT = 11",
      "small-count threshold 11 instead of 10",
      ("tests/test_privacy.py",)),
    M("setting-idle-days", "regsosek/settings.py",
      "IDLE_DAYS = 3", "IDLE_DAYS = 4",
      "inactive PPL threshold 4 idle days instead of 3",
      ("tests/test_view_officers.py",)),
    M("setting-pace-window", "regsosek/settings.py",
      "PACE_WINDOW_DAYS = 7", "PACE_WINDOW_DAYS = 6",
      "pace window 6 days instead of 7",
      ("tests/test_view_progress.py",)),
    M("phase-elapsed-off-by-one", "regsosek/phase.py",
      "elapsed = (last - facts.CAMPAIGN_START).days + 1", "elapsed = (last - facts.CAMPAIGN_START).days",
      "timeline: days elapsed one short",
      ("tests/test_phase.py",)),
    M("phase-last-day-after", "regsosek/phase.py",
      "phase = Phase.DURING if as_of <= facts.CAMPAIGN_END", "phase = Phase.DURING if as_of < facts.CAMPAIGN_END",
      "timeline: the last field day counted as after fieldwork",
      ("tests/test_phase.py",)),
)

PYTEST_BASE = ["-x", "-q", "-p", "no:cacheprovider", "-rfE", "-m", "not browser", "--ignore=tests/browser"]
# "FAILED tests/test_x.py::test_y[p] - AssertionError: ..." in the short summary (-rfE).
KILLER_RE = re.compile(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$", re.MULTILINE)


@dataclass
class Result:
    id: str
    file: str
    what: str
    status: str  # killed, survived, stale, invalid, error
    killer: str = ""
    reason: str = ""  # the first line of the failure: an AssertionError is a wrong number caught
    stage: str = ""  # "named" (its own test files) or "suite" (the rest)
    seconds: float = 0.0
    note: str = ""


def check(mutant: Mutant, root: Path) -> str:
    """"" when the mutant applies to the code under `root`, else why not."""
    path = root / mutant.file
    if not path.is_file():
        return "file not found"
    found = path.read_text().count(mutant.find)
    if found != 1:
        return f"text found {found} times"
    if mutant.file.endswith(".py"):
        try:
            compile(path.read_text().replace(mutant.find, mutant.replace), mutant.file, "exec")
        except SyntaxError as exc:
            return f"invalid: does not compile ({exc.msg})"
    return ""


def project_files(root: Path) -> list[str]:
    """Tracked and untracked files of the project, leaving out what git ignores (venv, data, caches)."""
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         check=True, capture_output=True, text=True).stdout
    return sorted({name for name in out.split("\0") if name and (root / name).is_file()})


def make_copy(root: Path, files: list[str], dest: Path) -> None:
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target, follow_symlinks=False)


def pytest_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REGSOSEK_DATA_DIR", None)  # each copy keeps its own data folder
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a stale .pyc of a mutant must never outlive the mutant
    env["COLUMNS"] = "400"  # wide enough that pytest's short summary keeps the failure message
    return env


def run_pytest(copy: Path, args: list[str], timeout: float) -> tuple[int, str, float]:
    """(exit code, output, seconds); exit code -1 on timeout."""
    basetemp = copy.parent / f"{copy.name}-pytest"
    cmd = [sys.executable, "-m", "pytest", *PYTEST_BASE, f"--basetemp={basetemp}", *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=copy, env=pytest_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        code = -1
    return code, output, time.perf_counter() - started


def first_failure(output: str) -> tuple[str, str]:
    """(test id, first line of its failure), or ("", last line of the output)."""
    found = KILLER_RE.search(output)
    if found:
        return found.group(2), (found.group(3) or "").strip()[:100]
    lines = [line for line in output.splitlines() if line.strip()]
    return "", lines[-1][:100] if lines else ""


def run_mutant(mutant: Mutant, copy: Path, deselect: list[str], timeout: float, first_only: bool = False) -> Result:
    result = Result(mutant.id, mutant.file, mutant.what, "survived")
    path = copy / mutant.file
    original = path.read_text()
    named = [t for t in mutant.tests if (copy / t).is_file()]
    stages = [("named", named)] if named else []
    if not first_only:
        stages.append(("suite", [f"--ignore={t}" for t in named] + ["tests"]))
    elif not named:
        result.status, result.note = "error", "no test file of its own to run (--first-only)"
        return result
    path.write_text(original.replace(mutant.find, mutant.replace))
    try:
        for stage, paths in stages:
            code, output, seconds = run_pytest(copy, [*deselect, *paths], timeout)
            result.seconds += seconds
            if code in (0, 5):  # passed, or nothing collected
                continue
            result.stage = stage
            if code == -1:
                result.status, result.killer = "killed", f"timeout after {timeout:.0f} s"
            elif code in (1, 2, 3):
                result.status = "killed"
                result.killer, result.reason = first_failure(output)
            else:
                result.status, result.note = "error", f"pytest exit code {code}: {first_failure(output)[1]}"
            break
    finally:
        path.write_text(original)
    return result


def baseline(copy: Path, timeout: float) -> tuple[list[str], float]:
    """The node ids failing on the untouched code (run without -x)."""
    basetemp = copy.parent / f"{copy.name}-pytest"
    cmd = [sys.executable, "-m", "pytest", *[a for a in PYTEST_BASE if a != "-x"], f"--basetemp={basetemp}",
           "tests"]
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=copy, env=pytest_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, timeout=timeout)
    if out.returncode not in (0, 1):
        raise SystemExit(f"baseline run failed (pytest exit code {out.returncode}):\n{out.stdout[-3000:]}")
    return sorted(set(m.group(2) for m in KILLER_RE.finditer(out.stdout))), time.perf_counter() - started


def table(results: list[Result]) -> str:
    """One line per mutant; the test that killed it, with the first line of its failure, underneath."""
    header = f"{'result':<9}{'seconds':>8}  {'id':<32}{'file':<40}change"
    lines = [header, "-" * 150]
    for r in results:
        lines.append(f"{r.status:<9}{r.seconds:>8.1f}  {r.id:<32}{r.file:<40}{r.what}")
        if r.status == "killed":
            where = " (by the rest of the suite)" if r.stage == "suite" else ""
            lines.append(f"{'':<19}killed by {r.killer}{where}: {r.reason}")
        elif r.note:
            lines.append(f"{'':<19}{r.note}")
    return "\n".join(lines)


def kill_rate(results: list[Result]) -> tuple[int, int]:
    judged = [r for r in results if r.status in ("killed", "survived")]
    return sum(r.status == "killed" for r in judged), len(judged)


def select(patterns: list[str] | None) -> list[Mutant]:
    if not patterns:
        return list(MUTANTS)
    rx = [re.compile(p, re.IGNORECASE) for p in patterns]
    return [m for m in MUTANTS if any(r.search(f"{m.id} {m.file} {m.what}") for r in rx)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and whether each applies; run nothing")
    parser.add_argument("--only", action="append", metavar="PATTERN",
                        help="only mutants whose id, file or description match (regex; repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="copies tested side by side (default 2)")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds per pytest run; a run that takes longer counts as a kill")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run on the untouched code")
    parser.add_argument("--first-only", action="store_true",
                        help="run only each mutant's own test files, never the rest of the suite: much faster, "
                             "and a survivor then means 'survived its targeted tests' (the rest of the suite "
                             "might still kill it)")
    parser.add_argument("--deselect", action="append", default=[], metavar="NODE",
                        help="a test known to fail on the untouched code (with --no-baseline; repeatable)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to copy (default: this checkout)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args()
    root = args.root.resolve()

    chosen = select(args.only)
    if not chosen:
        print("no mutant matches", file=sys.stderr)
        return 2
    ids = [m.id for m in MUTANTS]
    if len(set(ids)) != len(ids):
        raise SystemExit("mutant ids must be unique")
    problems = {m.id: check(m, root) for m in chosen}

    if args.list:
        for m in chosen:
            state = problems[m.id] or "ok"
            print(f"{m.id:<32} {m.file:<38} {state:<22} {m.what}")
            print(f"{'':<32}   first: {', '.join(m.tests) or '-'}")
        print(f"\n{sum(not p for p in problems.values())} of {len(chosen)} apply to {root}")
        return 0

    results = {m.id: Result(m.id, m.file, m.what, "invalid" if p.startswith("invalid") else "stale", note=p)
               for m, p in ((m, problems[m.id]) for m in chosen) if p}
    runnable = [m for m in chosen if not problems[m.id]]
    for r in results.values():
        print(f"{r.status}: {r.id} ({r.file}): {r.note}", flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="regsosek-mutants-"))
    jobs = max(1, min(args.jobs, len(runnable) or 1))
    try:
        files = project_files(root)
        copies: queue.Queue[Path] = queue.Queue()
        for i in range(jobs):
            copy = workdir / f"copy{i}"
            make_copy(root, files, copy)
            copies.put(copy)
        print(f"{len(files)} files copied {jobs} time(s) into {workdir}", flush=True)

        deselect = [f"--deselect={node}" for node in args.deselect]
        if not args.no_baseline and runnable:
            print("baseline: the untouched code against the whole non-browser suite ...", flush=True)
            failing, seconds = baseline(workdir / "copy0", args.timeout)
            print(f"baseline: {len(failing)} failing test(s) in {seconds:.0f} s", flush=True)
            for node in failing:
                print(f"  deselected (fails without any mutant): {node}", flush=True)
            deselect += [f"--deselect={node}" for node in failing]

        lock = threading.Lock()
        done = [0]

        def work(mutant: Mutant) -> Result:
            copy = copies.get()
            try:
                result = run_mutant(mutant, copy, deselect, args.timeout, args.first_only)
            finally:
                copies.put(copy)
            with lock:
                results[result.id] = result
                if args.json:  # written as results come in, so an interrupted run keeps what it found
                    args.json.write_text(json.dumps([asdict(r) for r in results.values()], indent=1))
                done[0] += 1
                by = f" by {result.killer}: {result.reason[:60]}" if result.killer else ""
                print(f"[{done[0]}/{len(runnable)}] {result.status:<8} {result.seconds:6.1f} s  "
                      f"{mutant.id}{by}", flush=True)
            return result

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(work, runnable):
                results[result.id] = result
        wall = time.perf_counter() - started
    finally:
        if args.keep:
            print(f"copies kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    ordered = [results[m.id] for m in chosen]
    killed, judged = kill_rate(ordered)
    scope_note = "; each against its own test files only (--first-only)" if args.first_only else ""
    print(f"\nMUTANTS ({len(runnable)} run in {wall:.0f} s with {jobs} worker(s); {root}{scope_note})")
    print(table(ordered))
    rate = f"{100 * killed / judged:.0f}%" if judged else "-"
    counts = {s: sum(r.status == s for r in ordered) for s in ("killed", "survived", "stale", "invalid", "error")}
    print(f"\nkill rate: {killed} of {judged} ({rate}); " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    survivors = [r for r in ordered if r.status == "survived"]
    if survivors:
        print("\nsurvivors (each survived its targeted tests only: the rest of the suite was not run):"
              if args.first_only else "\nsurvivors (each is a missing test):")
        for r in survivors:
            print(f"  {r.id}: {r.file}: {r.what}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in ordered], indent=1))
    return 1 if survivors or counts["stale"] or counts["invalid"] or counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
