-- target_page(...): one page of listable_families (same filter arguments and desa minimum, then row
-- limit and offset), in desa and family-id order, with `conditions` naming every condition a shown family
-- meets and `programmes` the programmes it receives; only the columns a list shows.
-- One pass over the filter's columns counts the matching families per desa and keeps the desa with at
-- least f_min_desa_families of them (the partner's small-area rule; 0 keeps every desa). Rows are in desa
-- order, so those counts say which desa hold rows offset .. offset + limit; only those desa are read in
-- full (the published family rows are sorted by desa, so their row groups are all that is opened).
CREATE MACRO target_page(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[], f_min_desa_families INTEGER,
    f_row_limit BIGINT, f_row_offset BIGINT,
    f_unreached BOOLEAN, f_verified VARCHAR, f_helped VARCHAR[], f_verified_ids VARCHAR[]
) AS TABLE
WITH
desa_counts AS (
    SELECT desa_code, count(*) AS families
    FROM target_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                         f_min_working_age, f_received, f_not_received, f_conditions,
                         f_unreached, f_verified, f_helped, f_verified_ids)
    GROUP BY desa_code
),
-- rows_before: listed rows in the kept desa before this one.
desa_rows AS (
    SELECT desa_code, families, sum(families) OVER (ORDER BY desa_code) - families AS rows_before
    FROM desa_counts
    WHERE families >= f_min_desa_families
),
page_desa AS (
    SELECT desa_code, rows_before
    FROM desa_rows
    WHERE rows_before < f_row_offset + f_row_limit AND rows_before + families > f_row_offset
),
page_desa_rows AS (
    SELECT
        keluarga_id, nama_kepala, nik_kepala, desa_code, sls_id, rt, rw, desil, jumlah_art, programmes,
        earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house,
        elderly_alone, disability, child_out_of_school, under_five, female_head, business,
        (SELECT min(rows_before) FROM page_desa)
            + row_number() OVER (ORDER BY desa_code, keluarga_id) - 1 AS row_index
    FROM target_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                         f_min_working_age, f_received, f_not_received, f_conditions,
                         f_unreached, f_verified, f_helped, f_verified_ids)
    WHERE desa_code IN (SELECT desa_code FROM page_desa)
)
SELECT
    keluarga_id, nama_kepala, nik_kepala, desa_code, sls_id, rt, rw, desil, jumlah_art, programmes,
    condition_list(earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house,
                   elderly_alone, disability, child_out_of_school, under_five, female_head, business) AS conditions
FROM page_desa_rows
WHERE row_index >= f_row_offset AND row_index < f_row_offset + f_row_limit
