-- Per desa: targets_sls rolled up (the map and coverage tables at desa level).
-- PPL are counted where their SLS lie; a PPL working in two desa counts in both.
WITH active_ppl AS (
    SELECT DISTINCT ppl_id
    FROM mart_officer_day
    WHERE day = (SELECT last_field_day FROM mart_snapshot_meta)
)
SELECT
    t.kab_code,
    t.kec_code,
    t.desa_code,
    count(*)::INTEGER AS sls,
    sum(t.prelist)::INTEGER AS prelist,
    sum(t.new_families)::INTEGER AS new_families,
    sum(t.target)::INTEGER AS target,
    sum(t.visited)::INTEGER AS visited,
    sum(t.ditemukan)::INTEGER AS ditemukan,
    sum(t.pindah)::INTEGER AS pindah,
    sum(t.meninggal)::INTEGER AS meninggal,
    sum(t.tidak_ditemukan)::INTEGER AS tidak_ditemukan,
    sum(t.menolak)::INTEGER AS menolak,
    sum(t.baru)::INTEGER AS baru,
    sum(t.pml_checked)::INTEGER AS pml_checked,
    sum(t.received)::INTEGER AS received,
    sum(t.entered)::INTEGER AS entered,
    sum(t.validated)::INTEGER AS validated,
    count(DISTINCT t.ppl_id)::INTEGER AS ppl_assigned,
    count(DISTINCT a.ppl_id)::INTEGER AS ppl_active_last_day
FROM mart_targets_sls AS t
LEFT JOIN active_ppl AS a USING (ppl_id)
GROUP BY t.kab_code, t.kec_code, t.desa_code
ORDER BY t.kab_code, t.kec_code, t.desa_code
