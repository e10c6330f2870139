-- The SLS of one desa ($desa_code) with their PPL, target, visits and outcomes.
SELECT
    t.sls_id,
    s.rt,
    s.rw,
    t.ppl_id,
    t.target::BIGINT AS target,
    t.prelist::BIGINT AS prelist,
    t.new_families::BIGINT AS new_families,
    t.visited::BIGINT AS visited,
    round(100.0 * t.visited / nullif(t.target, 0), 2)::DOUBLE AS percent_visited,
    t.ditemukan::BIGINT AS ditemukan,
    t.pindah::BIGINT AS pindah,
    t.meninggal::BIGINT AS meninggal,
    t.tidak_ditemukan::BIGINT AS tidak_ditemukan,
    t.menolak::BIGINT AS menolak,
    t.baru::BIGINT AS baru
FROM targets_sls AS t
JOIN sls AS s USING (sls_id)
WHERE t.kab_code IN (SELECT unnest($kab_codes))
  AND t.desa_code = $desa_code::VARCHAR
ORDER BY t.sls_id
