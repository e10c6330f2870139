-- Families on two saved target lists at once: the viewer's own (filter $kab .. $conditions) and
-- another partner's (filter $other_kab .. $other_conditions). Counted only in the regencies both may
-- see: the viewer's scope ($kab_codes) and the other partner's allowed regencies ($partner_kab_codes).
-- One row, one count: family ids are joined here and never returned.
WITH
own_list AS (
    SELECT keluarga_id
    FROM target_families(list_intersect($kab_codes, $partner_kab_codes::VARCHAR[]),
                         $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                         $min_working_age, $received, $not_received, $conditions)
),
other_list AS (
    SELECT keluarga_id
    FROM target_families(list_intersect($kab_codes, $partner_kab_codes::VARCHAR[]),
                         $other_kab, $other_kec, $other_desa, $other_desil_min, $other_desil_max,
                         $other_size_min, $other_size_max, $other_min_working_age,
                         $other_received, $other_not_received, $other_conditions)
)
SELECT count(*)::BIGINT AS families
FROM own_list
JOIN other_list USING (keluarga_id)
