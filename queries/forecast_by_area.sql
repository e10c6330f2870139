-- Per area ($level: 'kab' or 'kec', within $parent: '35' or a kab code; NULL for all): visited
-- against target and against the straight-line plan, the daily rate needed to finish by the last
-- campaign day against the last 7 days' pace, and the finish date that pace projects.
-- at_risk: the projected finish falls after the campaign, or no visits in the last 7 days.
WITH meta AS (
    SELECT * FROM snapshot_meta
),
targets AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        parent_code_at($level::VARCHAR, kab_code, kec_code) AS parent_code,
        target,
        visited
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND $level::VARCHAR IN ('kab', 'kec')
),
by_area AS (
    SELECT area_code, sum(target)::BIGINT AS target, sum(visited)::BIGINT AS visited
    FROM targets
    WHERE $parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR
    GROUP BY area_code
),
recent AS (
    SELECT
        area_code_at($level::VARCHAR, p.kab_code, p.kec_code, p.desa_code) AS area_code,
        sum(p.visits)::BIGINT AS visits_last_7_days
    FROM progress_desa_day AS p, meta AS m
    WHERE p.kab_code IN (SELECT unnest($kab_codes))
      AND p.day > m.last_field_day - 7
      AND p.day <= m.last_field_day
    GROUP BY 1
),
paced AS (
    SELECT
        b.area_code,
        b.target,
        b.visited,
        b.target - b.visited AS remaining,
        coalesce(r.visits_last_7_days, 0) / 7.0 AS pace_7_days,
        m.days_left,
        m.last_field_day,
        m.campaign_end,
        100.0 * m.days_elapsed / m.days_total AS plan_percent
    FROM by_area AS b
    CROSS JOIN meta AS m
    LEFT JOIN recent AS r USING (area_code)
),
projected AS (
    SELECT
        *,
        CASE
            WHEN remaining <= 0 THEN last_field_day
            WHEN pace_7_days = 0 THEN NULL
            ELSE (last_field_day + ceil(remaining / pace_7_days)::INTEGER)::DATE
        END AS projected_finish
    FROM paced
)
SELECT
    p.area_code,
    n.nama AS area_name,
    p.target,
    p.visited,
    round(100.0 * p.visited / nullif(p.target, 0), 2)::DOUBLE AS percent_visited,
    round(p.plan_percent, 2)::DOUBLE AS plan_percent,
    round(100.0 * p.visited / nullif(p.target, 0) - p.plan_percent, 2)::DOUBLE AS gap_to_plan,
    greatest(p.remaining, 0)::BIGINT AS remaining,
    round(CASE WHEN p.remaining <= 0 THEN 0 ELSE p.remaining / greatest(p.days_left, 1) END, 1)::DOUBLE
        AS needed_per_day,
    round(p.pace_7_days, 1)::DOUBLE AS pace_7_days,
    p.projected_finish,
    (p.remaining > 0 AND (p.projected_finish IS NULL OR p.projected_finish > p.campaign_end)) AS at_risk
FROM projected AS p
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = p.area_code
ORDER BY p.area_code
