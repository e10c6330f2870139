-- target_families(...): the families in scope that match a target filter, one row per family with
-- every keluarga column, the condition flags, and `programmes` as a comma list.
-- Member-based flags (elderly_alone, disability, child_out_of_school, under_five, working_age) read the
-- member columns the ingest adds to every published family row (queries/ingest/published_keluarga.sql),
-- so no question groups persons. A list query names the conditions with condition_list.
-- The one definition of the target filter (regsosek/targeting.py documents each condition); the
-- target_* and list_overlap queries call it. Only families with a desil (data entered) match.
--
-- Created in every snapshot schema when it is registered. Table names in a DuckDB table macro are
-- looked up when a query calling it is bound, through that query's search path, which the query
-- runner always sets to the snapshot's schema first. Arguments prefixed f_ are the filter, so none
-- can be mistaken for a column; f_scope_kabs is the caller's $kab_codes (or a subset of it).
CREATE MACRO target_families(
    f_scope_kabs VARCHAR[], f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
    f_desil_min INTEGER, f_desil_max INTEGER, f_size_min INTEGER, f_size_max INTEGER, f_min_working_age INTEGER,
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[]
) AS TABLE
WITH
families AS (
    SELECT
        k.*,
        coalesce(k.lantai = 'tanah', false) AS earthen_floor,
        coalesce(k.jamban IN ('tidak_ada', 'umum'), false) AS no_own_toilet,
        coalesce(k.air_minum NOT IN ('air_kemasan', 'ledeng', 'sumur_bor_terlindung'), false) AS unsafe_water,
        coalesce(k.penerangan = 'non_pln' OR k.daya_listrik <= 450, false) AS low_power,
        coalesce(k.bahan_bakar_masak = 'kayu_bakar', false) AS firewood,
        coalesce(k.lantai = 'tanah' OR k.dinding = 'bambu_anyaman' OR k.atap = 'ijuk_rumbia', false) AS unfit_house,
        coalesce(k.jumlah_art = 1 AND k.head_elderly, false) AS elderly_alone,
        k.members_disability > 0 AS disability,
        k.members_out_of_school > 0 AS child_out_of_school,
        k.members_under_five > 0 AS under_five,
        coalesce(k.jk_kepala = 'P', false) AS female_head,
        coalesce(k.usaha_rumah_tangga, false) AS business,
        k.members_working_age AS working_age
    FROM keluarga AS k
    WHERE k.kab_code IN (SELECT unnest(f_scope_kabs))
      AND k.desil IS NOT NULL
),
matched AS (
    SELECT *
    FROM families
    WHERE (len(f_kab) = 0 OR kab_code IN (SELECT unnest(f_kab)))
      AND (f_kec IS NULL OR kec_code = f_kec)
      AND (f_desa IS NULL OR desa_code = f_desa)
      AND desil BETWEEN f_desil_min AND f_desil_max
      AND jumlah_art BETWEEN f_size_min AND f_size_max
      AND working_age >= f_min_working_age
      AND (len(f_received) = 0
           OR (list_contains(f_received, 'pkh') AND coalesce(terima_pkh, false))
           OR (list_contains(f_received, 'bpnt') AND coalesce(terima_bpnt, false))
           OR (list_contains(f_received, 'blt') AND coalesce(terima_blt, false))
           OR (list_contains(f_received, 'pbi_jk') AND coalesce(terima_pbi_jk, false))
           OR (list_contains(f_received, 'subsidi_listrik') AND coalesce(terima_subsidi_listrik, false))
           OR (list_contains(f_received, 'lpg_3kg') AND coalesce(terima_lpg_3kg, false))
           OR (list_contains(f_received, 'bsu') AND coalesce(terima_bsu, false)))
      AND NOT ((list_contains(f_not_received, 'pkh') AND coalesce(terima_pkh, false))
           OR (list_contains(f_not_received, 'bpnt') AND coalesce(terima_bpnt, false))
           OR (list_contains(f_not_received, 'blt') AND coalesce(terima_blt, false))
           OR (list_contains(f_not_received, 'pbi_jk') AND coalesce(terima_pbi_jk, false))
           OR (list_contains(f_not_received, 'subsidi_listrik') AND coalesce(terima_subsidi_listrik, false))
           OR (list_contains(f_not_received, 'lpg_3kg') AND coalesce(terima_lpg_3kg, false))
           OR (list_contains(f_not_received, 'bsu') AND coalesce(terima_bsu, false)))
      AND (NOT list_contains(f_conditions, 'earthen_floor') OR earthen_floor)
      AND (NOT list_contains(f_conditions, 'no_own_toilet') OR no_own_toilet)
      AND (NOT list_contains(f_conditions, 'unsafe_water') OR unsafe_water)
      AND (NOT list_contains(f_conditions, 'low_power') OR low_power)
      AND (NOT list_contains(f_conditions, 'firewood') OR firewood)
      AND (NOT list_contains(f_conditions, 'unfit_house') OR unfit_house)
      AND (NOT list_contains(f_conditions, 'elderly_alone') OR elderly_alone)
      AND (NOT list_contains(f_conditions, 'disability') OR disability)
      AND (NOT list_contains(f_conditions, 'child_out_of_school') OR child_out_of_school)
      AND (NOT list_contains(f_conditions, 'under_five') OR under_five)
      AND (NOT list_contains(f_conditions, 'female_head') OR female_head)
      AND (NOT list_contains(f_conditions, 'business') OR business)
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
    f_received VARCHAR[], f_not_received VARCHAR[], f_conditions VARCHAR[], f_min_desa_families INTEGER
) AS TABLE
WITH
matched AS (
    SELECT *
    FROM target_families(f_scope_kabs, f_kab, f_kec, f_desa, f_desil_min, f_desil_max, f_size_min, f_size_max,
                         f_min_working_age, f_received, f_not_received, f_conditions)
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
