-- Per kecamatan, desil (NULL: no PMT score) and whether a programme reaches the family: the families whose
-- programme answers are recorded (visit outcome ditemukan or baru), the base of the reach page
-- (reach_by_area). About 15,000 rows at full scale, so the page adds up rows instead of reading every family;
-- only the families partners helped (a list the app database holds) are still read from keluarga.
-- by_programme is programme_reached (queries/macros/programme_reach.sql) written out.
SELECT
    kab_code,
    kec_code,
    desil,
    (coalesce(terima_pkh, false) OR coalesce(terima_bpnt, false) OR coalesce(terima_blt, false)
     OR coalesce(terima_pbi_jk, false) OR coalesce(terima_subsidi_listrik, false) OR coalesce(terima_lpg_3kg, false)
     OR coalesce(terima_bsu, false)) AS by_programme,
    count(*)::INTEGER AS families
FROM keluarga
WHERE hasil_kunjungan IN ('ditemukan', 'baru')
GROUP BY ALL
ORDER BY kab_code, kec_code, desil NULLS FIRST, by_programme
