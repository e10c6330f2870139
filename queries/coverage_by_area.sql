-- Coverage per area at one level ($level: 'kab', 'kec' or 'desa'), optionally within a
-- parent area ($parent: the province '35' for kab, a kab code for kec, a kec code for desa;
-- NULL for all). Areas without any SLS in the snapshot are absent. PPL are counted where their SLS
-- lie (a PPL with SLS in two areas counts in both); active: ppl_active_last_day.
WITH sls_in_scope AS (
    SELECT
        *,
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        parent_code_at($level::VARCHAR, kab_code, kec_code) AS parent_code
    FROM targets_sls
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND $level::VARCHAR IN ('kab', 'kec', 'desa')
),
in_parent AS (
    SELECT * FROM sls_in_scope
    WHERE $parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR
),
active_ppl AS (
    SELECT ppl_id FROM ppl_active_last_day($kab_codes)
),
by_area AS (
    SELECT
        s.area_code,
        sum(s.prelist)::BIGINT AS prelist,
        sum(s.new_families)::BIGINT AS new_families,
        sum(s.target)::BIGINT AS target,
        sum(s.visited)::BIGINT AS visited,
        sum(s.ditemukan)::BIGINT AS ditemukan,
        sum(s.pindah)::BIGINT AS pindah,
        sum(s.meninggal)::BIGINT AS meninggal,
        sum(s.tidak_ditemukan)::BIGINT AS tidak_ditemukan,
        sum(s.menolak)::BIGINT AS menolak,
        sum(s.baru)::BIGINT AS baru,
        count(DISTINCT s.ppl_id)::BIGINT AS ppl_assigned,
        count(DISTINCT a.ppl_id)::BIGINT AS ppl_active_last_day
    FROM in_parent AS s
    LEFT JOIN active_ppl AS a USING (ppl_id)
    GROUP BY s.area_code
)
SELECT
    b.area_code,
    n.nama AS area_name,
    b.target,
    b.prelist,
    b.new_families,
    b.visited,
    round(100.0 * b.visited / nullif(b.target, 0), 2)::DOUBLE AS percent_visited,
    b.ditemukan,
    b.pindah,
    b.meninggal,
    b.tidak_ditemukan,
    b.menolak,
    b.baru,
    b.ppl_assigned,
    b.ppl_active_last_day,
    round(b.target / nullif(b.ppl_assigned, 0), 1)::DOUBLE AS families_per_ppl
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
ORDER BY b.area_code
