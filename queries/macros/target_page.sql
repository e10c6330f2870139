-- target_page(...): one page of listable_families (same filter arguments and desa minimum, then row
-- limit and offset), in desa and family-id order, with `conditions` naming every condition a shown family meets.
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
)
SELECT
    p.*,
    condition_list(p.earthen_floor, p.no_own_toilet, p.unsafe_water, p.low_power, p.firewood, p.unfit_house,
                   p.elderly_alone, p.disability, p.child_out_of_school, p.under_five,
                   p.female_head, p.business) AS conditions
FROM page AS p
