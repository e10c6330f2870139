-- The SLS of one desa ($desa_code) with their PPL, target, visits and outcomes (the coverage_sls mart:
-- targets_sls with each SLS's RT/RW, ordered by desa).
SELECT
    sls_id,
    rt,
    rw,
    ppl_id,
    target::BIGINT AS target,
    prelist::BIGINT AS prelist,
    new_families::BIGINT AS new_families,
    visited::BIGINT AS visited,
    round(100.0 * visited / nullif(target, 0), 2)::DOUBLE AS percent_visited,
    ditemukan::BIGINT AS ditemukan,
    pindah::BIGINT AS pindah,
    meninggal::BIGINT AS meninggal,
    tidak_ditemukan::BIGINT AS tidak_ditemukan,
    menolak::BIGINT AS menolak,
    baru::BIGINT AS baru
FROM coverage_sls
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND desa_code = $desa_code::VARCHAR
ORDER BY sls_id
