-- Coverage per area at one level ($level: 'kab', 'kec' or 'desa'), optionally within a
-- parent area ($parent: the province '35' for kab, a kab code for kec, a kec code for desa;
-- NULL for all). Areas without any SLS in the snapshot are absent. PPL are counted where their SLS
-- lie (a PPL with SLS in two areas counts in both); active: a visit dated the last field day. Read from
-- the targets_area mart (kab, kec) and targets_desa (desa), both targets_sls rolled up at ingest.
WITH by_area AS (
    SELECT area_code, parent_code, prelist, new_families, target, visited, ditemukan, pindah, meninggal,
           tidak_ditemukan, menolak, baru, ppl_assigned, ppl_active_last_day
    FROM targets_area
    WHERE level = $level::VARCHAR
      AND kab_code IN (SELECT unnest($kab_codes))
    UNION ALL
    SELECT desa_code, kec_code, prelist, new_families, target, visited, ditemukan, pindah, meninggal,
           tidak_ditemukan, menolak, baru, ppl_assigned, ppl_active_last_day
    FROM targets_desa
    WHERE $level::VARCHAR = 'desa'
      AND kab_code IN (SELECT unnest($kab_codes))
),
in_parent AS (
    SELECT * FROM by_area
    WHERE $parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR
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
FROM in_parent AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
ORDER BY b.area_code
