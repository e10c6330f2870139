-- Officers by role per area ($level: 'kab' or 'kec', within $parent; NULL for all), each counted in
-- the area of its own posting (petugas.kab_code / kec_code), against their workload: the target
-- families of the SLS assigned to the PPL posted here, wherever those SLS lie. This is not the area's
-- own target (coverage_by_area: families in the SLS lying in the area): where PPL work across a
-- kecamatan border the two differ. thin: more than $families_per_ppl_max workload families per
-- working PPL (not dropped out), or no working PPL. Active: ppl_active_last_day.
WITH staff AS (
    SELECT
        area_code_at($level::VARCHAR, o.kab_code, o.kec_code, NULL) AS area_code,
        parent_code_at($level::VARCHAR, o.kab_code, o.kec_code) AS parent_code,
        o.peran,
        o.tgl_berhenti,
        o.target,
        o.visited,
        ppl_active_last_day(o.visits_last_day) AS active_last_day
    FROM officers AS o
    WHERE o.kab_code IN (SELECT unnest($kab_codes))
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
        count_if(peran = 'PPL' AND active_last_day)::BIGINT AS ppl_active_last_day,
        coalesce(sum(target) FILTER (WHERE peran = 'PPL'), 0)::BIGINT AS workload,
        coalesce(sum(target - visited) FILTER (WHERE peran = 'PPL'), 0)::BIGINT AS workload_remaining
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
    b.workload,
    b.workload_remaining,
    round(b.workload / nullif(b.ppl_working, 0), 1)::DOUBLE AS families_per_ppl,
    round(b.workload_remaining / nullif(b.ppl_working, 0), 1)::DOUBLE AS remaining_per_ppl,
    (b.ppl_working = 0 OR b.workload / b.ppl_working > $families_per_ppl_max) AS thin
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
ORDER BY b.area_code
