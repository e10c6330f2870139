-- member_flags(...): per family, what its members say about it (for target conditions). The filters
-- act before the grouping so only the persons asked for are read: f_needed false reads none; area
-- ranges work because a family id starts with its kecamatan and desa codes and anggota is stored in
-- family-id order; f_ids (or NULL) names the families of a page.
CREATE MACRO member_flags(f_scope_kabs VARCHAR[], f_needed BOOLEAN, f_kab VARCHAR[], f_kec VARCHAR, f_desa VARCHAR,
                          f_ids VARCHAR[]) AS TABLE
SELECT
    keluarga_id,
    bool_or(disabilitas) AS has_disability,
    bool_or(umur BETWEEN 7 AND 18 AND partisipasi_sekolah <> 'masih_sekolah') AS has_child_out_of_school,
    bool_or(umur < 5) AS has_under_five,
    bool_or(hubungan = 'kepala' AND umur >= 60) AS head_elderly,
    count_if(umur BETWEEN 15 AND 64) AS working_age
FROM anggota
WHERE f_needed
  AND kab_code IN (SELECT unnest(f_scope_kabs))
  AND (len(f_kab) = 0 OR kab_code IN (SELECT unnest(f_kab)))
  AND (f_kec IS NULL OR keluarga_id BETWEEN f_kec AND f_kec || 'z')
  AND (f_desa IS NULL OR keluarga_id BETWEEN f_desa AND f_desa || 'z')
  AND (f_ids IS NULL OR keluarga_id IN (SELECT unnest(f_ids)))
GROUP BY keluarga_id
