-- desil_programme_kec rolled up to kab/kota (level 'kab') and kecamatan (level 'kec') and turned long:
-- one row per area, programme and desil with the families and those receiving the programme, so
-- mistargeting_by_area filters and adds up rows instead of unpivoting every kecamatan on each view.
WITH by_area AS (
    SELECT
        CASE WHEN grouping(kec_code) = 1 THEN 'kab' ELSE 'kec' END AS level,
        kab_code,
        coalesce(kec_code, kab_code) AS area_code,
        desil,
        sum(families)::INTEGER AS families,
        sum(pkh)::INTEGER AS pkh,
        sum(bpnt)::INTEGER AS bpnt,
        sum(blt)::INTEGER AS blt,
        sum(pbi_jk)::INTEGER AS pbi_jk,
        sum(subsidi_listrik)::INTEGER AS subsidi_listrik,
        sum(lpg_3kg)::INTEGER AS lpg_3kg,
        sum(bsu)::INTEGER AS bsu
    FROM mart_desil_programme_kec
    GROUP BY GROUPING SETS ((kab_code, desil), (kab_code, kec_code, desil))
)
SELECT level, kab_code, area_code, programme, desil, families, receiving
FROM (
    UNPIVOT by_area
    ON pkh, bpnt, blt, pbi_jk, subsidi_listrik, lpg_3kg, bsu
    INTO NAME programme VALUE receiving
)
ORDER BY level, kab_code, area_code, programme, desil
