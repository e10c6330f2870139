-- target_page(...): one page of listable_families (same filter arguments and desa minimum, then row
-- limit and offset), in desa and family-id order, with `conditions` naming every condition a shown family
-- meets. The page's family ids are found first, reading only the columns the filter needs; then only
-- those rows are read in full (their regency's file, the row groups their ids fall in).
CREATE MACRO target_page(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[], f_min_desa_families INTEGER,
    f_row_limit BIGINT, f_row_offset BIGINT,
    f_unreached BOOLEAN, f_verified VARCHAR, f_helped VARCHAR[], f_verified_ids VARCHAR[]
) AS TABLE
WITH
page_ids AS (
    SELECT desa_code, keluarga_id, kab_code
    FROM listable_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                           f_min_working_age, f_received, f_not_received, f_conditions, f_min_desa_families,
                           f_unreached, f_verified, f_helped, f_verified_ids)
    ORDER BY desa_code, keluarga_id
    -- As expressions: DuckDB 2.0 fails to bind a bare macro argument here once the select list is narrowed.
    LIMIT (f_row_limit + 0) OFFSET (f_row_offset + 0)
),
page AS (
    SELECT *
    FROM target_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                         f_min_working_age, f_received, f_not_received, f_conditions,
                         f_unreached, f_verified, f_helped, f_verified_ids)
    WHERE kab_code IN (SELECT kab_code FROM page_ids)
      AND keluarga_id BETWEEN (SELECT min(keluarga_id) FROM page_ids) AND (SELECT max(keluarga_id) FROM page_ids)
      AND keluarga_id IN (SELECT keluarga_id FROM page_ids)
)
SELECT
    *,
    condition_list(earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house,
                   elderly_alone, disability, child_out_of_school, under_five, female_head, business) AS conditions
FROM page
