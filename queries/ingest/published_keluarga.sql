-- The published family rows of one regency: every column of the snapshot's keluarga, plus what its
-- members say about each family, counted once here so no question has to group 42 million persons.
-- Run by the ingest over the views keluarga_part and anggota_part (one regency's files each).
--
--   members_school_age     members aged 7-18
--   members_out_of_school  members aged 7-18 whose schooling is not 'masih_sekolah' (still in school)
--   members_under_five     members aged under 5
--   members_elderly        members aged 60 or over
--   members_disability     members with a disability
--   members_working_age    members aged 15-64
--   head_elderly           the head (hubungan 'kepala') is aged 60 or over
--
-- and the target conditions (regsosek/targeting.py documents each; the one definition of each), never NULL:
--
--   earthen_floor, no_own_toilet, unsafe_water, low_power, firewood, unfit_house   housing
--   elderly_alone, disability, child_out_of_school, under_five, female_head        vulnerable members
--   business                                                                        potential
--
-- A family with no person rows gets 0 and false. Rows are ordered by kecamatan, desa, desil and family
-- id, so row-group statistics let a list for one area or desil range skip most of the regency.
WITH
members AS (
    SELECT
        keluarga_id,
        count_if(umur BETWEEN 7 AND 18)::INTEGER AS members_school_age,
        count_if(umur BETWEEN 7 AND 18 AND partisipasi_sekolah <> 'masih_sekolah')::INTEGER
            AS members_out_of_school,
        count_if(umur < 5)::INTEGER AS members_under_five,
        count_if(umur >= 60)::INTEGER AS members_elderly,
        count_if(disabilitas)::INTEGER AS members_disability,
        count_if(umur BETWEEN 15 AND 64)::INTEGER AS members_working_age,
        bool_or(hubungan = 'kepala' AND umur >= 60) AS head_elderly
    FROM anggota_part
    GROUP BY keluarga_id
)
SELECT
    k.*,
    coalesce(m.members_school_age, 0)::INTEGER AS members_school_age,
    coalesce(m.members_out_of_school, 0)::INTEGER AS members_out_of_school,
    coalesce(m.members_under_five, 0)::INTEGER AS members_under_five,
    coalesce(m.members_elderly, 0)::INTEGER AS members_elderly,
    coalesce(m.members_disability, 0)::INTEGER AS members_disability,
    coalesce(m.members_working_age, 0)::INTEGER AS members_working_age,
    coalesce(m.head_elderly, false) AS head_elderly,
    coalesce(k.lantai = 'tanah', false) AS earthen_floor,
    coalesce(k.jamban IN ('tidak_ada', 'umum'), false) AS no_own_toilet,
    coalesce(k.air_minum NOT IN ('air_kemasan', 'ledeng', 'sumur_bor_terlindung'), false) AS unsafe_water,
    coalesce(k.penerangan = 'non_pln' OR k.daya_listrik <= 450, false) AS low_power,
    coalesce(k.bahan_bakar_masak = 'kayu_bakar', false) AS firewood,
    coalesce(k.lantai = 'tanah' OR k.dinding = 'bambu_anyaman' OR k.atap = 'ijuk_rumbia', false) AS unfit_house,
    coalesce(k.jumlah_art = 1 AND m.head_elderly, false) AS elderly_alone,
    coalesce(m.members_disability > 0, false) AS disability,
    coalesce(m.members_out_of_school > 0, false) AS child_out_of_school,
    coalesce(m.members_under_five > 0, false) AS under_five,
    coalesce(k.jk_kepala = 'P', false) AS female_head,
    coalesce(k.usaha_rumah_tangga, false) AS business
FROM keluarga_part AS k
LEFT JOIN members AS m ON m.keluarga_id = k.keluarga_id
ORDER BY k.kec_code, k.desa_code, k.desil, k.keluarga_id
