-- What changed per area ($level, within $parent, as in coverage_by_area) between an earlier
-- snapshot and this one. The earlier figures come from the caller as parallel lists
-- ($then_codes, $then_visited): coverage_by_area run on the other snapshot with the same scope.
-- Target and visited now are area_progress's (the one definition).
WITH now_area AS (
    SELECT area_code, target, visited AS visited_now
    FROM area_progress($kab_codes, $level::VARCHAR, 1)
    WHERE $parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR
),
then_area AS (
    SELECT unnest($then_codes::VARCHAR[]) AS area_code, unnest($then_visited::BIGINT[]) AS visited_then
)
SELECT
    n.area_code,
    a.nama AS area_name,
    n.target,
    coalesce(t.visited_then, 0)::BIGINT AS visited_then,
    n.visited_now,
    (n.visited_now - coalesce(t.visited_then, 0))::BIGINT AS delta,
    round(100.0 * coalesce(t.visited_then, 0) / nullif(n.target, 0), 2)::DOUBLE AS percent_then,
    round(100.0 * n.visited_now / nullif(n.target, 0), 2)::DOUBLE AS percent_now
FROM now_area AS n
LEFT JOIN then_area AS t USING (area_code)
LEFT JOIN areas AS a ON a.level = $level::VARCHAR AND a.code = n.area_code
ORDER BY n.area_code
