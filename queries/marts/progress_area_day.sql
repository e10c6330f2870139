-- Per kab/kota (level 'kab') and per kecamatan (level 'kec') per day: progress_desa_day added up, so the
-- daily figures of whole regencies read about 700 rows a day instead of 8,500. Same columns and
-- meaning as progress_desa_day (running totals add up, since every desa row has every day).
SELECT
    CASE WHEN grouping(kec_code) = 1 THEN 'kab' ELSE 'kec' END AS level,
    kab_code,
    coalesce(kec_code, kab_code) AS area_code,
    day,
    sum(visits)::INTEGER AS visits,
    sum(ditemukan)::INTEGER AS ditemukan,
    sum(pindah)::INTEGER AS pindah,
    sum(meninggal)::INTEGER AS meninggal,
    sum(tidak_ditemukan)::INTEGER AS tidak_ditemukan,
    sum(menolak)::INTEGER AS menolak,
    sum(baru)::INTEGER AS baru,
    sum(pml_checked)::INTEGER AS pml_checked,
    sum(received)::INTEGER AS received,
    sum(entered)::INTEGER AS entered,
    sum(validated)::INTEGER AS validated,
    sum(visits_cum)::INTEGER AS visits_cum,
    sum(pml_checked_cum)::INTEGER AS pml_checked_cum,
    sum(received_cum)::INTEGER AS received_cum,
    sum(entered_cum)::INTEGER AS entered_cum,
    sum(validated_cum)::INTEGER AS validated_cum
FROM mart_progress_desa_day
GROUP BY GROUPING SETS ((kab_code, day), (kab_code, kec_code, day))
ORDER BY level, kab_code, area_code, day
