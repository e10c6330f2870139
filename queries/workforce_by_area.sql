-- Officers by role per area ($level: 'kab' or 'kec', within $parent; NULL for all) against the
-- workload: target families per working PPL (not dropped out), and families still to visit per
-- working PPL. thin: more than $families_per_ppl_max target families per working PPL.
WITH staff AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, NULL) AS area_code,
        parent_code_at($level::VARCHAR, kab_code, kec_code) AS parent_code,
        peran,
        tgl_berhenti,
        target,
        visited,
        visits_last_day
    FROM officers
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND $level::VARCHAR IN ('kab', 'kec')
),
by_area AS (
    SELECT
        area_code,
        count_if(peran = 'KOSEKA')::BIGINT AS koseka,
        count_if(peran = 'PML')::BIGINT AS pml,
        count_if(peran = 'PPL')::BIGINT AS ppl,
        count_if(peran = 'PPL' AND tgl_berhenti IS NOT NULL)::BIGINT AS ppl_dropped_out,
        count_if(peran = 'PPL' AND tgl_berhenti IS NULL)::BIGINT AS ppl_working,
        count_if(peran = 'PPL' AND visits_last_day > 0)::BIGINT AS ppl_active_last_day,
        coalesce(sum(target) FILTER (WHERE peran = 'PPL'), 0)::BIGINT AS target,
        coalesce(sum(visited) FILTER (WHERE peran = 'PPL'), 0)::BIGINT AS visited
    FROM staff
    WHERE $parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR
    GROUP BY area_code
)
SELECT
    b.area_code,
    n.nama AS area_name,
    b.koseka,
    b.pml,
    b.ppl,
    b.ppl_dropped_out,
    b.ppl_working,
    b.ppl_active_last_day,
    b.target,
    round(b.target / nullif(b.ppl_working, 0), 1)::DOUBLE AS families_per_ppl,
    round((b.target - b.visited) / nullif(b.ppl_working, 0), 1)::DOUBLE AS remaining_per_ppl,
    (b.ppl_working = 0 OR b.target / b.ppl_working > $families_per_ppl_max) AS thin
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
ORDER BY b.area_code
