-- Per kecamatan, desil (NULL: no PMT score) and whether a programme reaches the family: the families whose
-- programme answers are recorded (visit outcome ditemukan or baru), the base of the reach page
-- (reach_by_area). About 15,000 rows at full scale, so the page adds up rows instead of reading every family;
-- only the families partners helped (a list the app database holds) are still read from keluarga.
-- by_programme: programme_reached, the macro reach_by_area also applies to those families.
SELECT
    kab_code,
    kec_code,
    desil,
    programme_reached(terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk, terima_subsidi_listrik, terima_lpg_3kg,
                      terima_bsu) AS by_programme,
    count(*)::INTEGER AS families
FROM keluarga
WHERE hasil_kunjungan IN ('ditemukan', 'baru')
GROUP BY ALL
ORDER BY kab_code, kec_code, desil NULLS FIRST, by_programme
