-- The progress measures the monitoring screens share, one definition each (docs/QUERIES.md, Glossary).
--
-- plan_percent(day): the straight-line plan, the percent of target planned to be visited by the end
--   of `day`: 100 x (field day number) / 31, so 100% on the last field day (14 Nov); 0 before the
--   campaign, NULL after it (there is no plan once fieldwork has closed).
-- ppl_active_last_day(visits_last_day): whether a PPL on the roll counts as active on the last field
--   day: at least one family visit dated the snapshot's last field day (the officers mart's
--   visits_last_day, worked out once at ingest from officer_day).
-- area_progress(kab_codes, level, pace_days): per area at `level` ('kab', 'kec', 'desa'; 'all' for
--   the whole of kab_codes as one row): target and visited families, the plan, the gap to it, what is
--   left, the daily rate still needed, the recent pace and the finish date it projects.
--   With f_with_total := true it adds that 'all' row to the areas' rows (added up from them, so the
--   measures are worked out in one pass for a query that shows both).
--
-- Table names are looked up through the calling query's search path (the snapshot's schema), so the
-- measures always read the snapshot the query runs on. Whether a figure is shown at all (no plan,
-- projection or rate needed after fieldwork closed) is the view's decision, from regsosek.phase.
CREATE MACRO plan_percent(f_day) AS (
    SELECT CASE
        WHEN f_day > campaign_end THEN NULL
        ELSE 100.0 * least(greatest(f_day - campaign_start + 1, 0), days_total) / days_total
    END
    FROM snapshot_meta
);

CREATE MACRO ppl_active_last_day(f_visits_last_day) AS coalesce(f_visits_last_day, 0) > 0;

-- visited: families with a visit date (targets_*.visited). target: families on the VK1 prelist plus
-- new families found in the field. remaining: target - visited, never below 0; done: nothing left.
-- pace: visits per day over the last `pace_days` field days up to the last field day (over the
-- field days so far while fewer have passed). needed_per_day: remaining / field days still to come
-- (NULL when none are left). projected_finish: the last field day + ceil(remaining / pace) days;
-- NULL when done (see `done`) or when there were no visits in the window (no pace to project with).
-- behind_plan / ahead_of_plan: percent visited strictly below / above the plan on the last field day.
CREATE MACRO area_progress(f_kab_codes, f_level, f_pace_days, f_with_total := false) AS TABLE
WITH meta AS (
    SELECT * FROM snapshot_meta
),
area_rows AS (
    -- kab/kota and kecamatan rows from the rolled-up marts ('all' adds up the kab/kota rows), desa rows
    -- from the desa marts.
    SELECT area_code, parent_code, target, visited
    FROM targets_area
    WHERE level = CASE WHEN f_level = 'all' THEN 'kab' ELSE f_level END
      AND kab_code IN (SELECT unnest(f_kab_codes))
    UNION ALL
    SELECT desa_code, kec_code, target, visited
    FROM targets_desa
    WHERE f_level = 'desa'
      AND kab_code IN (SELECT unnest(f_kab_codes))
),
by_area AS (
    SELECT
        CASE WHEN f_level = 'all' THEN 'all' ELSE area_code END AS area_code,
        CASE WHEN f_level = 'all' THEN NULL ELSE parent_code END AS parent_code,
        sum(target)::BIGINT AS target,
        sum(visited)::BIGINT AS visited
    FROM area_rows
    GROUP BY ALL
),
with_total AS (
    SELECT * FROM by_area
    UNION ALL
    SELECT 'all', NULL, sum(target)::BIGINT, sum(visited)::BIGINT
    FROM by_area
    WHERE f_with_total
    HAVING count(*) > 0
),
day_rows AS (
    SELECT p.area_code, p.visits
    FROM progress_area_day AS p, meta AS m
    WHERE p.level = CASE WHEN f_level = 'all' THEN 'kab' ELSE f_level END
      AND p.kab_code IN (SELECT unnest(f_kab_codes))
      AND p.day > m.last_field_day - f_pace_days::INTEGER
      AND p.day <= m.last_field_day
    UNION ALL
    SELECT p.desa_code, p.visits
    FROM progress_desa_day AS p, meta AS m
    WHERE f_level = 'desa'
      AND p.kab_code IN (SELECT unnest(f_kab_codes))
      AND p.day > m.last_field_day - f_pace_days::INTEGER
      AND p.day <= m.last_field_day
),
recent AS (
    SELECT
        CASE WHEN f_level = 'all' THEN 'all' ELSE area_code END AS area_code,
        sum(visits)::BIGINT AS visits_in_window
    FROM day_rows
    GROUP BY 1
),
recent_with_total AS (
    SELECT * FROM recent
    UNION ALL
    SELECT 'all', sum(visits_in_window)::BIGINT
    FROM recent
    WHERE f_with_total
    HAVING count(*) > 0
),
measured AS (
    SELECT
        b.area_code,
        b.parent_code,
        b.target,
        b.visited,
        greatest(b.target - b.visited, 0)::BIGINT AS remaining,
        b.visited >= b.target AS done,
        100.0 * b.visited / nullif(b.target, 0) AS percent_visited,
        plan_percent(m.last_field_day) AS plan_percent,
        coalesce(r.visits_in_window, 0)::BIGINT AS visits_in_window,
        coalesce(r.visits_in_window, 0) / nullif(least(f_pace_days::INTEGER, m.days_elapsed), 0) AS pace,
        m.days_left,
        m.last_field_day
    FROM with_total AS b
    CROSS JOIN meta AS m
    LEFT JOIN recent_with_total AS r USING (area_code)
)
SELECT
    area_code,
    parent_code,
    target,
    visited,
    remaining,
    done,
    percent_visited,
    plan_percent,
    percent_visited - plan_percent AS gap_to_plan,
    percent_visited < plan_percent AS behind_plan,
    percent_visited > plan_percent AS ahead_of_plan,
    CASE WHEN days_left > 0 THEN remaining / days_left END AS needed_per_day,
    visits_in_window,
    pace,
    CASE
        WHEN remaining = 0 OR coalesce(pace, 0) = 0 THEN NULL
        ELSE (last_field_day + ceil(remaining / pace)::INTEGER)::DATE
    END AS projected_finish
FROM measured;
