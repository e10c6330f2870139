-- Headline figures for the user's regencies at the snapshot date: families visited against target
-- and the plan (area_progress over the whole scope, added up from its areas at $level), the campaign clock, PPL active on the last field
-- day against the PPL on the roll (officers by their home regency), visits per active PPL on that
-- day, the pace and the finish it projects, documents through each later stage, and how many areas
-- at $level ('kab', or 'kec' for a one-regency user) are behind / ahead of the plan or not yet done.
WITH meta AS (
    SELECT * FROM snapshot_meta
),
progress AS MATERIALIZED (
    -- The areas at $level and, added up from them, the whole scope (area_code 'all'): one pass.
    SELECT * FROM area_progress($kab_codes, $level::VARCHAR, $pace_days, f_with_total := true)
),
total AS (
    SELECT * FROM progress WHERE area_code = 'all'
),
by_area AS (
    SELECT
        count(*)::BIGINT AS areas,
        count_if(behind_plan)::BIGINT AS areas_behind_plan,
        count_if(ahead_of_plan)::BIGINT AS areas_ahead_of_plan,
        count_if(NOT done)::BIGINT AS areas_not_done
    FROM progress
    WHERE area_code <> 'all'
),
documents AS (
    SELECT
        coalesce(sum(pml_checked), 0)::BIGINT AS pml_checked,
        coalesce(sum(received), 0)::BIGINT AS received,
        coalesce(sum(entered), 0)::BIGINT AS entered,
        coalesce(sum(validated), 0)::BIGINT AS validated
    FROM targets_area
    WHERE level = 'kab'
      AND kab_code IN (SELECT unnest($kab_codes))
),
workforce AS (
    SELECT
        count(*)::BIGINT AS officers,
        count_if(o.peran = 'PPL')::BIGINT AS ppl,
        count_if(o.peran = 'PPL' AND ppl_active_last_day(o.visits_last_day))::BIGINT AS ppl_active_last_day
    FROM officers AS o
    WHERE o.kab_code IN (SELECT unnest($kab_codes))
),
last_day AS (
    SELECT coalesce(sum(p.visits), 0)::BIGINT AS visits_last_day
    FROM progress_area_day AS p, meta AS m
    WHERE p.level = 'kab'
      AND p.kab_code IN (SELECT unnest($kab_codes))
      AND p.day = m.last_field_day
)
SELECT
    m.as_of,
    m.last_field_day,
    m.days_elapsed,
    m.days_left,
    m.days_total,
    coalesce(t.target, 0)::BIGINT AS target,
    coalesce(t.visited, 0)::BIGINT AS visited,
    coalesce(t.remaining, 0)::BIGINT AS remaining,
    coalesce(t.done, true) AS done,
    round(t.percent_visited, 2)::DOUBLE AS percent_visited,
    round(t.plan_percent, 2)::DOUBLE AS plan_percent,
    round(t.gap_to_plan, 2)::DOUBLE AS gap_to_plan,
    round(t.needed_per_day, 1)::DOUBLE AS needed_per_day,
    coalesce(t.visits_in_window, 0)::BIGINT AS visits_in_window,
    round(t.pace, 1)::DOUBLE AS pace,
    t.projected_finish,
    d.pml_checked,
    d.received,
    d.entered,
    d.validated,
    w.officers,
    w.ppl,
    w.ppl_active_last_day,
    l.visits_last_day,
    round(l.visits_last_day / nullif(w.ppl_active_last_day, 0), 1)::DOUBLE AS families_per_active_ppl_day,
    b.areas,
    b.areas_behind_plan,
    b.areas_ahead_of_plan,
    b.areas_not_done
FROM meta AS m
CROSS JOIN documents AS d
CROSS JOIN workforce AS w
CROSS JOIN last_day AS l
CROSS JOIN by_area AS b
LEFT JOIN total AS t ON true
ORDER BY m.as_of
