-- Per area ($level: 'kab' or 'kec', within $parent: '35' or a kab code; NULL for all): visited
-- against target and the straight-line plan, what is left and the daily rate it needs, the pace over
-- the last $pace_days field days and the finish date it projects (area_progress, the one definition).
-- at_risk: families left and no projected finish by the last campaign day (or no pace to project with).
WITH progress AS (
    SELECT *
    FROM area_progress($kab_codes, $level::VARCHAR, $pace_days)
    WHERE $level::VARCHAR IN ('kab', 'kec')
      AND ($parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR)
)
SELECT
    p.area_code,
    n.nama AS area_name,
    p.target,
    p.visited,
    p.remaining,
    p.done,
    round(p.percent_visited, 2)::DOUBLE AS percent_visited,
    round(p.plan_percent, 2)::DOUBLE AS plan_percent,
    round(p.gap_to_plan, 2)::DOUBLE AS gap_to_plan,
    p.behind_plan,
    p.ahead_of_plan,
    round(p.needed_per_day, 1)::DOUBLE AS needed_per_day,
    p.visits_in_window,
    round(p.pace, 1)::DOUBLE AS pace,
    p.projected_finish,
    (NOT p.done AND coalesce(p.projected_finish > m.campaign_end, true)) AS at_risk
FROM progress AS p
CROSS JOIN snapshot_meta AS m
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = p.area_code
ORDER BY p.area_code
