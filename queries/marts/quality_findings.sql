-- Data-quality findings, one row per case, in one long table the quality page filters by kind:
--   nik_multi_family  a person's NIK in more than one family (value: number of families)
--   far_geotag        building geotag far from the desa point (value: km)
--   odd_hour          visit outside the plausible hours (value: hour of day)
--   big_household     more than $big_household members (value: members)
--   ppl_day_overload  a PPL with implausibly many visits in one day (value: visits)
--   stage_order       document stage dates out of order (ingest refuses such snapshots, so none is
--                     published; kept here so the page reads a count, not 12 million family rows)
-- kab_case_no numbers the cases of one check within one kab/kota in the order the list shows them
-- (kecamatan, desa, family, PPL, day), so the list numbers a regency's cases without sorting them again.
WITH families AS (
    SELECT keluarga_id, kab_code, kec_code, desa_code, ppl_id, tgl_kunjungan, jam_kunjungan,
           jumlah_art, lat, lon, tgl_periksa_pml, tgl_terima_bps, tgl_entri, tgl_validasi
    FROM keluarga
),
shared_nik AS (
    SELECT nik, count(DISTINCT keluarga_id) AS families
    FROM anggota
    GROUP BY nik
    HAVING count(DISTINCT keluarga_id) > 1
),
nik_multi_family AS (
    SELECT 'nik_multi_family' AS kind, f.kab_code, f.kec_code, f.desa_code, f.keluarga_id, f.ppl_id,
           f.tgl_kunjungan AS day, s.families::DOUBLE AS value, a.nik AS detail
    FROM anggota AS a
    JOIN shared_nik AS s USING (nik)
    JOIN families AS f USING (keluarga_id)
),
geotag_distance AS (
    SELECT f.*, 2 * 6371 * asin(sqrt(
               pow(sin(radians(f.lat - d.lat) / 2), 2)
               + cos(radians(d.lat)) * cos(radians(f.lat)) * pow(sin(radians(f.lon - d.lon) / 2), 2))) AS km
    FROM families AS f
    JOIN ref_desa AS d USING (desa_code)
    WHERE f.lat IS NOT NULL
),
far_geotag AS (
    SELECT 'far_geotag', kab_code, kec_code, desa_code, keluarga_id, ppl_id, tgl_kunjungan,
           round(km, 2), NULL
    FROM geotag_distance
    WHERE km > $far_km
),
odd_hour AS (
    SELECT 'odd_hour', kab_code, kec_code, desa_code, keluarga_id, ppl_id, tgl_kunjungan,
           hour(jam_kunjungan) + minute(jam_kunjungan) / 60.0, left(jam_kunjungan::VARCHAR, 5)
    FROM families
    WHERE jam_kunjungan < $hour_from::TIME OR jam_kunjungan > $hour_to::TIME
),
big_household AS (
    SELECT 'big_household', kab_code, kec_code, desa_code, keluarga_id, ppl_id, tgl_kunjungan,
           jumlah_art, NULL
    FROM families
    WHERE jumlah_art > $big_household
),
stage_order AS (
    SELECT 'stage_order', kab_code, kec_code, desa_code, keluarga_id, ppl_id, tgl_kunjungan, NULL, NULL
    FROM families
    WHERE tgl_periksa_pml < tgl_kunjungan
       OR tgl_terima_bps < tgl_periksa_pml
       OR tgl_entri < tgl_terima_bps
       OR tgl_validasi < tgl_entri
       OR (tgl_periksa_pml IS NOT NULL AND tgl_kunjungan IS NULL)
       OR (tgl_terima_bps IS NOT NULL AND tgl_periksa_pml IS NULL)
       OR (tgl_entri IS NOT NULL AND tgl_terima_bps IS NULL)
       OR (tgl_validasi IS NOT NULL AND tgl_entri IS NULL)
),
ppl_day_overload AS (
    SELECT 'ppl_day_overload', kab_code, kec_code, NULL, NULL, ppl_id, day, visits, pml_id
    FROM mart_officer_day
    WHERE visits > $ppl_day_max
)
SELECT kind, kab_code, kec_code, desa_code, keluarga_id, ppl_id, day, value::DOUBLE AS value, detail::VARCHAR AS detail,
       row_number() OVER (PARTITION BY kind, kab_code ORDER BY kec_code, desa_code, keluarga_id, ppl_id, day)::INTEGER
           AS kab_case_no
FROM (
    SELECT * FROM nik_multi_family
    UNION ALL SELECT * FROM far_geotag
    UNION ALL SELECT * FROM odd_hour
    UNION ALL SELECT * FROM big_household
    UNION ALL SELECT * FROM stage_order
    UNION ALL SELECT * FROM ppl_day_overload
)
ORDER BY kind, kab_code, kab_case_no
