-- Families matching a target filter, per area at $level ('kab', 'kec' or 'desa'), with a total row
-- (area_code NULL). Persons are the matching families' members (jumlah_art). Only families of a desa
-- with at least $min_desa_families matching families are counted (0: all), the same families the
-- list shows (listable_families).
WITH
matched AS (
    SELECT kab_code, kec_code, desa_code, jumlah_art
    FROM listable_families($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                           $min_working_age, $received, $not_received, $conditions, $min_desa_families)
),
by_area AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        count(*)::BIGINT AS families,
        coalesce(sum(jumlah_art), 0)::BIGINT AS persons
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
ORDER BY b.area_code NULLS FIRST
