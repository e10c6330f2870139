-- Families matching a target filter, per area at $level ('kab', 'kec' or 'desa'), with a total row
-- (area_code NULL). Persons are the matching families' members (jumlah_art). Only families of a desa
-- with at least $min_desa_families matching families are counted (0: all), the same families the
-- list shows (listable_families, target_page): family rows are counted per desa in one pass, and the
-- desa under the minimum dropped before the counts are added up per area.
-- Counted per regency with no area below it, no working-age minimum, no desa minimum and no filter on
-- verification decisions ($verified with $verified_ids), the answer comes from the target_counts mart (the
-- same filter over pre-counted families), or from the smaller target_counts_programmes when it asks no
-- condition; "belum terjangkau" ($unreached) then takes off the helped families ($helped_ids) counted
-- from their family rows. Otherwise it comes from the family rows.
WITH
-- Family rows counted per desa in one pass; a desa with fewer than $min_desa_families matches is dropped.
desa_counts AS (
    SELECT kab_code, kec_code, desa_code, count(*) AS families, coalesce(sum(jumlah_art), 0) AS persons
    FROM target_families($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                         $min_working_age, $received, $not_received, $conditions,
                         $unreached, $verified, $helped_ids, $verified_ids)
    WHERE NOT ($level::VARCHAR = 'kab' AND $kec::VARCHAR IS NULL AND $desa::VARCHAR IS NULL
               AND $min_working_age::INTEGER <= 0 AND $min_desa_families::INTEGER <= 0
               AND $verified::VARCHAR = 'all')
    GROUP BY kab_code, kec_code, desa_code
),
matched AS (
    SELECT kab_code, kec_code, desa_code, families, persons
    FROM desa_counts
    WHERE families >= $min_desa_families::INTEGER
    UNION ALL
    SELECT kab_code, NULL AS kec_code, NULL AS desa_code, families, persons
    FROM (
        -- The same pre-counted families: with a condition asked, the mart that holds the conditions;
        -- without, the smaller one that does not.
        SELECT * EXCLUDE (earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house,
                          elderly_alone, disability, child_out_of_school, under_five, female_head, business)
        FROM target_counts
        WHERE len($conditions) > 0
          AND conditions_match($conditions, earthen_floor, no_own_toilet, unsafe_water, low_power, firewood,
                               unfit_house, elderly_alone, disability, child_out_of_school, under_five,
                               female_head, business)
        UNION ALL BY NAME
        SELECT * FROM target_counts_programmes
        WHERE len($conditions) = 0
    )
    WHERE $level::VARCHAR = 'kab' AND $kec::VARCHAR IS NULL AND $desa::VARCHAR IS NULL
      AND $min_working_age::INTEGER <= 0 AND $min_desa_families::INTEGER <= 0
      AND $verified::VARCHAR = 'all'
      AND list_contains($kab_codes, kab_code)
      AND (len($kab) = 0 OR list_contains($kab, kab_code))
      AND desil BETWEEN $desil_min AND $desil_max
      AND jumlah_art BETWEEN $size_min AND $size_max
      AND programmes_match($received, $not_received, terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk,
                           terima_subsidi_listrik, terima_lpg_3kg, terima_bsu)
      AND NOT ($unreached::BOOLEAN AND programme_reached(terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk,
                                                         terima_subsidi_listrik, terima_lpg_3kg, terima_bsu))
    UNION ALL
    -- "Belum terjangkau" from a mart: the families with no programme, less those a partner helps ($helped_ids),
    -- read as family rows of their regencies only (a family id begins with its regency's code).
    SELECT kab_code, NULL AS kec_code, NULL AS desa_code, -1 AS families, -jumlah_art AS persons
    FROM target_families($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                         $min_working_age, $received, $not_received, $conditions,
                         $unreached, $verified, []::VARCHAR[], $verified_ids)
    WHERE $unreached::BOOLEAN
      AND $level::VARCHAR = 'kab' AND $kec::VARCHAR IS NULL AND $desa::VARCHAR IS NULL
      AND $min_working_age::INTEGER <= 0 AND $min_desa_families::INTEGER <= 0
      AND $verified::VARCHAR = 'all'
      AND list_contains(list_transform($helped_ids::VARCHAR[], lambda helped: left(helped, 4)), kab_code)
      AND list_contains($helped_ids, keluarga_id)
),
by_area AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        coalesce(sum(families), 0)::BIGINT AS families,
        coalesce(sum(persons), 0)::BIGINT AS persons
    FROM matched
    WHERE $level::VARCHAR IN ('kab', 'kec', 'desa')
    GROUP BY GROUPING SETS ((1), ())
)
SELECT
    b.area_code,
    n.nama AS area_name,
    b.families,
    b.persons
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
-- An area whose families are all taken off (helped) is no area of the list; the total row always stays.
WHERE b.area_code IS NULL OR b.families > 0
ORDER BY b.area_code NULLS FIRST
