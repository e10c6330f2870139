-- Headline figures for the user's regencies at the snapshot date: families visited against
-- target, the campaign clock, PPL active on the last field day against the workforce, the
-- 7-day pace and the finish date it projects, and how many areas ($level: 'kab' or 'kec')
-- are behind the straight-line plan (100% of target by the last campaign day).
WITH meta AS (
    SELECT * FROM snapshot_meta
),
totals AS (
    SELECT
        coalesce(sum(target), 0)::BIGINT AS target,
        coalesce(sum(visited), 0)::BIGINT AS visited
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
),
workforce AS (
    SELECT
        count(*)::BIGINT AS officers,
        count_if(peran = 'PPL')::BIGINT AS ppl,
        count_if(peran = 'PPL' AND visits_last_day > 0)::BIGINT AS ppl_active_last_day
    FROM officers
    WHERE kab_code IN (SELECT unnest($kab_codes))
),
visits AS (
    SELECT
        coalesce(sum(o.visits) FILTER (WHERE o.day = m.last_field_day), 0)::BIGINT AS visits_last_day,
        coalesce(sum(o.visits) FILTER (WHERE o.day > m.last_field_day - 7), 0)::BIGINT AS visits_last_7_days
    FROM officer_day AS o, meta AS m
    WHERE o.kab_code IN (SELECT unnest($kab_codes))
      AND o.day <= m.last_field_day
),
area_progress AS (
    SELECT
        CASE $level::VARCHAR WHEN 'kab' THEN kab_code ELSE kec_code END AS area_code,
        sum(visited) AS visited,
        sum(target) AS target
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
    GROUP BY 1
),
behind AS (
    SELECT
        count(*)::BIGINT AS areas,
        count_if(100.0 * a.visited / nullif(a.target, 0) < 100.0 * m.days_elapsed / m.days_total)::BIGINT
            AS areas_behind_plan
    FROM area_progress AS a, meta AS m
)
SELECT
    m.as_of,
    m.last_field_day,
    m.days_elapsed,
    m.days_left,
    m.days_total,
    t.target,
    t.visited,
    round(100.0 * t.visited / nullif(t.target, 0), 2)::DOUBLE AS percent_visited,
    round(100.0 * m.days_elapsed / m.days_total, 2)::DOUBLE AS plan_percent,
    w.officers,
    w.ppl,
    w.ppl_active_last_day,
    v.visits_last_day,
    round(v.visits_last_day / nullif(w.ppl_active_last_day, 0), 1)::DOUBLE AS families_per_active_ppl_day,
    round(v.visits_last_7_days / 7.0, 1)::DOUBLE AS pace_7_days,
    CASE
        WHEN t.visited >= t.target THEN NULL
        WHEN v.visits_last_7_days = 0 THEN NULL
        ELSE (m.last_field_day + ceil((t.target - t.visited) / (v.visits_last_7_days / 7.0))::INTEGER)::DATE
    END AS projected_finish,
    b.areas,
    b.areas_behind_plan
FROM meta AS m, totals AS t, workforce AS w, visits AS v, behind AS b
