-- target_page(...): one page of listable_families (same filter arguments and desa minimum, then row
-- limit and offset), in desa and family-id order, with `conditions` naming every condition a shown family meets; the
-- member-based ones are worked out for the shown rows only.
CREATE MACRO target_page(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[], f_min_desa_families INTEGER,
    f_row_limit BIGINT, f_row_offset BIGINT
) AS TABLE
WITH
page AS (
    SELECT *
    FROM listable_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                           f_min_working_age, f_received, f_not_received, f_conditions, f_min_desa_families)
    ORDER BY desa_code, keluarga_id
    LIMIT f_row_limit OFFSET f_row_offset
),
shown_members AS (
    SELECT * FROM member_flags(f_scope_kabs, true, [], NULL, NULL, (SELECT list(keluarga_id) FROM page))
)
SELECT
    p.*,
    condition_list(p.earthen_floor, p.no_own_toilet, p.unsafe_water, p.low_power, p.firewood, p.unfit_house,
                   coalesce(p.jumlah_art = 1 AND m.head_elderly, false), coalesce(m.has_disability, false),
                   coalesce(m.has_child_out_of_school, false), coalesce(m.has_under_five, false),
                   p.female_head, p.business) AS conditions
FROM page AS p
LEFT JOIN shown_members AS m ON m.keluarga_id = p.keluarga_id
