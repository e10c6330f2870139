-- Families matching a target filter, per area at $level ('kab', 'kec' or 'desa'), with a total row
-- (area_code NULL). Persons are the matching families' members (jumlah_art).
WITH
-- target filter: begin (identical in every target_* query; tests/test_targeting.py checks)
members AS (
    SELECT
        keluarga_id,
        bool_or(disabilitas) AS has_disability,
        bool_or(umur BETWEEN 7 AND 18 AND partisipasi_sekolah <> 'masih_sekolah') AS has_child_out_of_school,
        bool_or(umur < 5) AS has_under_five,
        bool_or(hubungan = 'kepala' AND umur >= 60) AS head_elderly,
        count_if(umur BETWEEN 15 AND 64) AS working_age
    FROM anggota
    WHERE kab_code IN (SELECT unnest($kab_codes))
      -- Only a member condition or a working-age minimum needs members to choose families (a list
      -- query adds its shown rows' member flags itself). A family id starts with its kecamatan and
      -- desa codes and anggota is stored in family-id order, so these ranges skip row groups.
      AND (list_has_any($conditions::VARCHAR[], ['elderly_alone', 'disability', 'child_out_of_school', 'under_five'])
           OR $min_working_age > 0)
      AND (len($kab::VARCHAR[]) = 0 OR kab_code IN (SELECT unnest($kab::VARCHAR[])))
      AND ($kec::VARCHAR IS NULL OR keluarga_id BETWEEN $kec::VARCHAR AND $kec::VARCHAR || 'z')
      AND ($desa::VARCHAR IS NULL OR keluarga_id BETWEEN $desa::VARCHAR AND $desa::VARCHAR || 'z')
    GROUP BY keluarga_id
),
families AS (
    SELECT
        k.*,
        k.lantai = 'tanah' AS earthen_floor,
        k.jamban IN ('tidak_ada', 'umum') AS no_own_toilet,
        k.air_minum NOT IN ('air_kemasan', 'ledeng', 'sumur_bor_terlindung') AS unsafe_water,
        k.penerangan = 'non_pln' OR k.daya_listrik <= 450 AS low_power,
        k.bahan_bakar_masak = 'kayu_bakar' AS firewood,
        k.lantai = 'tanah' OR k.dinding = 'bambu_anyaman' OR k.atap = 'ijuk_rumbia' AS unfit_house,
        k.jumlah_art = 1 AND coalesce(m.head_elderly, false) AS elderly_alone,
        coalesce(m.has_disability, false) AS disability,
        coalesce(m.has_child_out_of_school, false) AS child_out_of_school,
        coalesce(m.has_under_five, false) AS under_five,
        k.jk_kepala = 'P' AS female_head,
        coalesce(k.usaha_rumah_tangga, false) AS business,
        coalesce(m.working_age, 0) AS working_age
    FROM keluarga AS k
    LEFT JOIN members AS m USING (keluarga_id)
    WHERE k.kab_code IN (SELECT unnest($kab_codes))
      AND k.desil IS NOT NULL
),
matched AS (
    SELECT *
    FROM families
    WHERE (len($kab::VARCHAR[]) = 0 OR kab_code IN (SELECT unnest($kab::VARCHAR[])))
      AND ($kec::VARCHAR IS NULL OR kec_code = $kec::VARCHAR)
      AND ($desa::VARCHAR IS NULL OR desa_code = $desa::VARCHAR)
      AND desil BETWEEN $desil_min AND $desil_max
      AND jumlah_art BETWEEN $size_min AND $size_max
      AND working_age >= $min_working_age
      AND (len($received::VARCHAR[]) = 0
           OR (list_contains($received::VARCHAR[], 'pkh') AND coalesce(terima_pkh, false))
           OR (list_contains($received::VARCHAR[], 'bpnt') AND coalesce(terima_bpnt, false))
           OR (list_contains($received::VARCHAR[], 'blt') AND coalesce(terima_blt, false))
           OR (list_contains($received::VARCHAR[], 'pbi_jk') AND coalesce(terima_pbi_jk, false))
           OR (list_contains($received::VARCHAR[], 'subsidi_listrik') AND coalesce(terima_subsidi_listrik, false))
           OR (list_contains($received::VARCHAR[], 'lpg_3kg') AND coalesce(terima_lpg_3kg, false))
           OR (list_contains($received::VARCHAR[], 'bsu') AND coalesce(terima_bsu, false)))
      AND NOT ((list_contains($not_received::VARCHAR[], 'pkh') AND coalesce(terima_pkh, false))
           OR (list_contains($not_received::VARCHAR[], 'bpnt') AND coalesce(terima_bpnt, false))
           OR (list_contains($not_received::VARCHAR[], 'blt') AND coalesce(terima_blt, false))
           OR (list_contains($not_received::VARCHAR[], 'pbi_jk') AND coalesce(terima_pbi_jk, false))
           OR (list_contains($not_received::VARCHAR[], 'subsidi_listrik') AND coalesce(terima_subsidi_listrik, false))
           OR (list_contains($not_received::VARCHAR[], 'lpg_3kg') AND coalesce(terima_lpg_3kg, false))
           OR (list_contains($not_received::VARCHAR[], 'bsu') AND coalesce(terima_bsu, false)))
      AND (NOT list_contains($conditions::VARCHAR[], 'earthen_floor') OR coalesce(earthen_floor, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'no_own_toilet') OR coalesce(no_own_toilet, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'unsafe_water') OR coalesce(unsafe_water, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'low_power') OR coalesce(low_power, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'firewood') OR coalesce(firewood, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'unfit_house') OR coalesce(unfit_house, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'elderly_alone') OR coalesce(elderly_alone, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'disability') OR disability)
      AND (NOT list_contains($conditions::VARCHAR[], 'child_out_of_school') OR child_out_of_school)
      AND (NOT list_contains($conditions::VARCHAR[], 'under_five') OR under_five)
      AND (NOT list_contains($conditions::VARCHAR[], 'female_head') OR coalesce(female_head, false))
      AND (NOT list_contains($conditions::VARCHAR[], 'business') OR business)
),
-- target filter: end
by_area AS (
    SELECT
        CASE $level::VARCHAR WHEN 'kab' THEN kab_code WHEN 'kec' THEN kec_code ELSE desa_code END AS area_code,
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
