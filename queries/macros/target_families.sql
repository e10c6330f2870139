-- target_families(...): the families in scope that match a target filter, one row per family with
-- every keluarga column, the condition flags, and `programmes` as a comma list.
-- The condition flags and member counts are columns the ingest adds to every published family row
-- (queries/ingest/published_keluarga.sql, their one definition), so no question groups persons; the
-- programme and condition tests are programmes_match / conditions_match (target_conditions.sql).
-- A list query names the conditions with condition_list.
-- The one definition of the target filter (regsosek/targeting.py documents each condition); the
-- target_* and list_overlap queries call it. Only families with a desil (data entered) match.
--
-- Created in every snapshot schema when it is registered. Table names in a DuckDB table macro are
-- looked up when a query calling it is bound, through that query's search path, which the query
-- runner always sets to the snapshot's schema first. Arguments prefixed f_ are the filter, so none
-- can be mistaken for a column; f_scope_kabs is the caller's $kab_codes (or a subset of it).
-- Lists are tested with list_contains, never IN (SELECT unnest(..)): with the values bound, a test that does
-- not apply (no "belum terjangkau", verification 'all') folds away and the family id is not even read, and a
-- test on the regency (a hive column) skips the other regencies' files when the query is planned.
CREATE MACRO target_families(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[],
    f_unreached BOOLEAN, f_verified VARCHAR, f_helped VARCHAR[], f_verified_ids VARCHAR[]
) AS TABLE
WITH
matched AS (
    SELECT *, members_working_age AS working_age
    FROM keluarga
    WHERE list_contains(f_scope_kabs, kab_code)
      AND desil IS NOT NULL
      AND (len(f_kab) = 0 OR list_contains(f_kab, kab_code))
      AND (f_kec IS NULL OR kec_code = f_kec)
      AND (f_desa IS NULL OR desa_code = f_desa)
      AND desil BETWEEN f_desil_min AND f_desil_max
      AND jumlah_art BETWEEN f_size_min AND f_size_max
      AND members_working_age >= f_min_working_age
      AND programmes_match(f_received, f_not_received, terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk,
                           terima_subsidi_listrik, terima_lpg_3kg, terima_bsu)
      AND conditions_match(f_conditions, earthen_floor, no_own_toilet, unsafe_water, low_power, firewood,
                           unfit_house, elderly_alone, disability, child_out_of_school, under_five, female_head,
                           business)
      -- Belum terjangkau: no programme and no partner help (f_helped: the families partners recorded help for).
      AND (NOT f_unreached
           OR (NOT programme_reached(terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk, terima_subsidi_listrik,
                                     terima_lpg_3kg, terima_bsu)
               AND (len(f_helped) = 0 OR NOT list_contains(f_helped, keluarga_id))))
      -- Village verification: 'all', 'without' or 'only' the families with a forum decision (f_verified_ids).
      AND (f_verified = 'all'
           OR (f_verified = 'only') = list_contains(f_verified_ids, keluarga_id))
)
SELECT
    *,
    concat_ws(', ',
        CASE WHEN terima_pkh THEN 'pkh' END,
        CASE WHEN terima_bpnt THEN 'bpnt' END,
        CASE WHEN terima_blt THEN 'blt' END,
        CASE WHEN terima_pbi_jk THEN 'pbi_jk' END,
        CASE WHEN terima_subsidi_listrik THEN 'subsidi_listrik' END,
        CASE WHEN terima_lpg_3kg THEN 'lpg_3kg' END,
        CASE WHEN terima_bsu THEN 'bsu' END
    ) AS programmes
FROM matched;

-- listable_families(..., f_min_desa_families): target_families, keeping only the desa where at least
-- f_min_desa_families families match (0 keeps every family). For roles that suppress small counts the
-- targets page counts and lists exactly these families, so no list row lets a user count a desa that
-- holds fewer than SMALL_COUNT matching families, and no table on the page has a small cell to hide.
CREATE MACRO listable_families(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[], f_min_desa_families INTEGER,
    f_unreached BOOLEAN, f_verified VARCHAR, f_helped VARCHAR[], f_verified_ids VARCHAR[]
) AS TABLE
WITH
matched AS (
    SELECT *
    FROM target_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                         f_min_working_age, f_received, f_not_received, f_conditions,
                         f_unreached, f_verified, f_helped, f_verified_ids)
),
-- Counted only when a minimum applies (a grouped count of desa codes, not a window over whole rows).
desa_matches AS (
    SELECT desa_code, count(*) AS matches
    FROM matched
    WHERE f_min_desa_families > 0
    GROUP BY desa_code
)
SELECT *
FROM matched
WHERE f_min_desa_families <= 0
   OR desa_code NOT IN (SELECT desa_code FROM desa_matches WHERE matches < f_min_desa_families);
