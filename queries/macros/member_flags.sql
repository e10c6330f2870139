-- member_flags(scope_kabs): per family, what its members say about it (for target conditions).
-- Callers narrow it (area ranges on keluarga_id, or the ids of the rows they show) so that DuckDB
-- pushes the filter below the grouping and reads only those persons.
CREATE MACRO member_flags(f_scope_kabs VARCHAR[]) AS TABLE
SELECT
    kab_code,
    keluarga_id,
    bool_or(disabilitas) AS has_disability,
    bool_or(umur BETWEEN 7 AND 18 AND partisipasi_sekolah <> 'masih_sekolah') AS has_child_out_of_school,
    bool_or(umur < 5) AS has_under_five,
    bool_or(hubungan = 'kepala' AND umur >= 60) AS head_elderly,
    count_if(umur BETWEEN 15 AND 64) AS working_age
FROM anggota
WHERE kab_code IN (SELECT unnest(f_scope_kabs))
GROUP BY kab_code, keluarga_id
