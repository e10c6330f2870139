-- One row per SLS with its RT/RW beside its targets_sls figures, ordered by desa, so the SLS table of
-- one desa reads a few rows of one table instead of joining the published SLS file on each view.
SELECT
    t.kab_code,
    t.desa_code,
    t.sls_id,
    s.rt,
    s.rw,
    t.ppl_id,
    t.target,
    t.prelist,
    t.new_families,
    t.visited,
    t.ditemukan,
    t.pindah,
    t.meninggal,
    t.tidak_ditemukan,
    t.menolak,
    t.baru
FROM mart_targets_sls AS t
JOIN sls AS s USING (sls_id)
ORDER BY t.desa_code, t.sls_id
