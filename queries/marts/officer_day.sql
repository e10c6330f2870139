-- Visits per PPL per day (only days with visits), with the PML above each PPL.
SELECT
    k.kab_code,
    p.kec_code,
    k.ppl_id,
    p.supervisor_id AS pml_id,
    k.tgl_kunjungan AS day,
    count(*)::INTEGER AS visits
FROM keluarga AS k
JOIN petugas AS p ON p.petugas_id = k.ppl_id
WHERE k.tgl_kunjungan IS NOT NULL
GROUP BY ALL
ORDER BY k.kab_code, k.ppl_id, day
