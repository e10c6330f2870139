-- target_counts without the twelve condition flags: families with a desil per regency, desil, household
-- size and the seven programmes (about 200 thousand rows at full scale, an eighth of target_counts). A
-- province-wide count of a target list that asks no condition (no filter, or only desil, size and
-- programmes) reads these rows.
SELECT * FROM (
SELECT
    kab_code,
    desil,
    jumlah_art,
    terima_pkh,
    terima_bpnt,
    terima_blt,
    terima_pbi_jk,
    terima_subsidi_listrik,
    terima_lpg_3kg,
    terima_bsu,
    sum(families)::INTEGER AS families,
    sum(persons)::BIGINT AS persons
FROM mart_target_counts
GROUP BY ALL
)
-- Then by every column: the same rows in the same order (the same file) at every build.
ORDER BY desil, kab_code, COLUMNS(*)
