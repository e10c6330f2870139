-- Families with a desil (data entered) counted per regency and every combination of what a target
-- filter can ask without naming an area below the regency or a working-age minimum: desil, household
-- size, the twelve conditions and the seven programmes (NULL receipt as not received). A province-wide
-- count of a target list reads these rows (about 1.7 million at full scale) instead of 9 million families.
-- Ordered by desil first, so a count for a desil range (every preset asks one) skips the blocks of the others.
SELECT * FROM (
SELECT
    kab_code,
    desil,
    jumlah_art,
    earthen_floor,
    no_own_toilet,
    unsafe_water,
    low_power,
    firewood,
    unfit_house,
    elderly_alone,
    disability,
    child_out_of_school,
    under_five,
    female_head,
    business,
    coalesce(terima_pkh, false) AS terima_pkh,
    coalesce(terima_bpnt, false) AS terima_bpnt,
    coalesce(terima_blt, false) AS terima_blt,
    coalesce(terima_pbi_jk, false) AS terima_pbi_jk,
    coalesce(terima_subsidi_listrik, false) AS terima_subsidi_listrik,
    coalesce(terima_lpg_3kg, false) AS terima_lpg_3kg,
    coalesce(terima_bsu, false) AS terima_bsu,
    count(*)::INTEGER AS families,
    coalesce(sum(jumlah_art), 0)::BIGINT AS persons
FROM keluarga
WHERE desil IS NOT NULL
GROUP BY ALL
)
-- Then by every column: the same rows in the same order (the same file) at every build.
ORDER BY desil, kab_code, COLUMNS(*)
