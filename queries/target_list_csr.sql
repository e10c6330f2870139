-- One page of matching families for CSR partners (masked tier): family id (pseudonymised by the
-- caller), head's initials, desa, RT/RW, size, matched flags. Never the name, NIK, birth date or geotag.
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
        k.keluarga_id, k.kab_code, k.kec_code, k.desa_code, k.rt, k.rw, k.desil, k.jumlah_art, k.jk_kepala,
        k.terima_pkh, k.terima_bpnt, k.terima_blt, k.terima_pbi_jk, k.terima_subsidi_listrik, k.terima_lpg_3kg,
        k.terima_bsu, k.usaha_rumah_tangga,
        list_aggr(list_transform(list_filter(string_split(trim(k.nama_kepala), ' '), lambda p: p <> ''),
                                 lambda p: upper(left(p, 1)) || '.'), 'string_agg', ' ') AS head_initials,
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
page AS (
    SELECT * FROM matched ORDER BY desa_code, keluarga_id LIMIT $row_limit OFFSET $row_offset
),
page_members AS (
    SELECT
        keluarga_id,
        bool_or(disabilitas) AS has_disability,
        bool_or(umur BETWEEN 7 AND 18 AND partisipasi_sekolah <> 'masih_sekolah') AS has_child_out_of_school,
        bool_or(umur < 5) AS has_under_five,
        bool_or(hubungan = 'kepala' AND umur >= 60) AS head_elderly
    FROM anggota
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND keluarga_id IN (SELECT keluarga_id FROM page)
    GROUP BY keluarga_id
),
listed AS (
    SELECT
        p.* REPLACE (
            p.jumlah_art = 1 AND coalesce(m.head_elderly, false) AS elderly_alone,
            coalesce(m.has_disability, false) AS disability,
            coalesce(m.has_child_out_of_school, false) AS child_out_of_school,
            coalesce(m.has_under_five, false) AS under_five
        )
    FROM page AS p
    LEFT JOIN page_members AS m USING (keluarga_id)
)
SELECT
    l.keluarga_id,
    l.head_initials,
    d.nama AS desa_name,
    l.rt::INTEGER AS rt,
    l.rw::INTEGER AS rw,
    l.desil::INTEGER AS desil,
    l.jumlah_art::INTEGER AS jumlah_art,
    concat_ws(', ',
        CASE WHEN earthen_floor THEN 'earthen_floor' END,
        CASE WHEN no_own_toilet THEN 'no_own_toilet' END,
        CASE WHEN unsafe_water THEN 'unsafe_water' END,
        CASE WHEN low_power THEN 'low_power' END,
        CASE WHEN firewood THEN 'firewood' END,
        CASE WHEN unfit_house THEN 'unfit_house' END,
        CASE WHEN elderly_alone THEN 'elderly_alone' END,
        CASE WHEN disability THEN 'disability' END,
        CASE WHEN child_out_of_school THEN 'child_out_of_school' END,
        CASE WHEN under_five THEN 'under_five' END,
        CASE WHEN female_head THEN 'female_head' END,
        CASE WHEN business THEN 'business' END
    ) AS conditions,
    concat_ws(', ',
        CASE WHEN terima_pkh THEN 'pkh' END,
        CASE WHEN terima_bpnt THEN 'bpnt' END,
        CASE WHEN terima_blt THEN 'blt' END,
        CASE WHEN terima_pbi_jk THEN 'pbi_jk' END,
        CASE WHEN terima_subsidi_listrik THEN 'subsidi_listrik' END,
        CASE WHEN terima_lpg_3kg THEN 'lpg_3kg' END,
        CASE WHEN terima_bsu THEN 'bsu' END
    ) AS programmes
FROM listed AS l
LEFT JOIN areas AS d ON d.level = 'desa' AND d.code = l.desa_code
ORDER BY l.desa_code, l.keluarga_id
