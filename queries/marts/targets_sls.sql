-- Per SLS (the unit of assignment): the coverage target and how far its families got.
-- target = families on the VK1 prelist + new families found in the field.
WITH family_counts AS (
    SELECT
        sls_id,
        count(*) AS families,
        count_if(NOT prelist) AS new_families,
        count(tgl_kunjungan) AS visited,
        count_if(hasil_kunjungan = 'ditemukan') AS ditemukan,
        count_if(hasil_kunjungan = 'pindah') AS pindah,
        count_if(hasil_kunjungan = 'meninggal') AS meninggal,
        count_if(hasil_kunjungan = 'tidak_ditemukan') AS tidak_ditemukan,
        count_if(hasil_kunjungan = 'menolak') AS menolak,
        count_if(hasil_kunjungan = 'baru') AS baru,
        count(tgl_periksa_pml) AS pml_checked,
        count(tgl_terima_bps) AS received,
        count(tgl_entri) AS entered,
        count(tgl_validasi) AS validated
    FROM keluarga
    GROUP BY sls_id
)
SELECT
    s.kab_code,
    s.kec_code,
    s.desa_code,
    s.sls_id,
    s.ppl_id,
    s.jumlah_prelist AS prelist,
    coalesce(f.new_families, 0)::INTEGER AS new_families,
    (s.jumlah_prelist + coalesce(f.new_families, 0))::INTEGER AS target,
    coalesce(f.families, 0)::INTEGER AS families,
    coalesce(f.visited, 0)::INTEGER AS visited,
    coalesce(f.ditemukan, 0)::INTEGER AS ditemukan,
    coalesce(f.pindah, 0)::INTEGER AS pindah,
    coalesce(f.meninggal, 0)::INTEGER AS meninggal,
    coalesce(f.tidak_ditemukan, 0)::INTEGER AS tidak_ditemukan,
    coalesce(f.menolak, 0)::INTEGER AS menolak,
    coalesce(f.baru, 0)::INTEGER AS baru,
    coalesce(f.pml_checked, 0)::INTEGER AS pml_checked,
    coalesce(f.received, 0)::INTEGER AS received,
    coalesce(f.entered, 0)::INTEGER AS entered,
    coalesce(f.validated, 0)::INTEGER AS validated
FROM sls AS s
LEFT JOIN family_counts AS f USING (sls_id)
ORDER BY s.kab_code, s.kec_code, s.desa_code, s.sls_id
