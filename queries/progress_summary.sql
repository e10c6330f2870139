-- Headline progress for the user's regencies (all 38: the province) at the snapshot date.
-- target = families on the VK1 prelist + new families found in the field.
WITH scoped_targets AS (
    SELECT prelist, new_families, target, visited
    FROM targets_area
    WHERE level = 'kab'
      AND kab_code IN (SELECT unnest($kab_codes))
),
totals AS (
    SELECT
        coalesce(sum(prelist), 0)::BIGINT AS prelist,
        coalesce(sum(new_families), 0)::BIGINT AS new_families,
        coalesce(sum(target), 0)::BIGINT AS target,
        coalesce(sum(visited), 0)::BIGINT AS visited
    FROM scoped_targets
),
ppl AS (
    SELECT
        count(*) AS ppl_assigned,
        count_if(ppl_active_last_day(o.visits_last_day)) AS ppl_active_last_day
    FROM officers AS o
    WHERE o.peran = 'PPL' AND o.kab_code IN (SELECT unnest($kab_codes))
)
SELECT
    m.as_of,
    m.last_field_day,
    t.prelist,
    t.new_families,
    t.target,
    t.visited,
    round(100.0 * t.visited / nullif(t.target, 0), 2)::DOUBLE AS percent_visited,
    p.ppl_assigned::BIGINT AS ppl_assigned,
    p.ppl_active_last_day::BIGINT AS ppl_active_last_day,
    m.days_elapsed,
    m.days_left,
    m.days_total
FROM totals AS t, ppl AS p, snapshot_meta AS m
