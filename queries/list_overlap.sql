-- The families of the viewer's saved list that are also on one other partner's saved list. The viewer's
-- list is its filter ($kab .. $conditions) within the viewer's scope, as its list shows it
-- ($min_desa_families); the other list is its filter ($other_kab .. $other_conditions) within
-- $other_kab_codes, the regencies that partner may see, and only those the viewer may see too. The
-- other list takes part only when it holds at least $min_list_families families there; otherwise no
-- row comes back. Only family ids are returned, for the caller to count (they never reach a page).
WITH
own_list AS (
    SELECT keluarga_id
    FROM listable_families($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                           $min_working_age, $received, $not_received, $conditions, $min_desa_families,
                           $unreached, $verified, $helped_ids, $verified_ids)
),
other_list AS (
    SELECT keluarga_id
    FROM listable_families(list_intersect($kab_codes, $other_kab_codes::VARCHAR[]),
                           $other_kab, $other_kec, $other_desa, $other_desil_min, $other_desil_max,
                           $other_size_min, $other_size_max, $other_min_working_age,
                           $other_received, $other_not_received, $other_conditions, $min_desa_families,
                           $other_unreached, $other_verified, $other_helped_ids, $other_verified_ids)
),
taking_part AS (
    SELECT count(*) >= $min_list_families::BIGINT AS large_enough
    FROM other_list
)
SELECT o.keluarga_id
FROM own_list AS o
JOIN other_list USING (keluarga_id)
WHERE (SELECT large_enough FROM taking_part)
ORDER BY o.keluarga_id
