-- How many families of the viewer's saved list (its filter within the viewer's scope, as its list shows it,
-- $min_desa_families) another partner already helps ($helped_ids: families other partners recorded help for),
-- and how many the list holds. Two counts only: which families, and whose help, stay on the server.
WITH
own_list AS (
    SELECT keluarga_id
    FROM listable_families($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                           $min_working_age, $received, $not_received, $conditions, $min_desa_families,
                           $unreached, $verified, $helped_ids, $verified_ids)
)
SELECT
    count(*)::BIGINT AS families,
    count(*) FILTER (WHERE keluarga_id IN (SELECT unnest($others_helped_ids::VARCHAR[])))::BIGINT AS helped_elsewhere
FROM own_list
