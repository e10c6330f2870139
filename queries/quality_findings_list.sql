-- The cases of one data-quality check ($kind, a kind of the quality_findings mart) in the
-- user's regencies, or in $kab when given. case_no numbers the cases (one NIK shared by
-- several families is one case).
WITH scoped_findings AS (
    SELECT *
    FROM quality_findings
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND kind = $kind::VARCHAR
)
SELECT
    CASE WHEN kind = 'nik_multi_family'
         THEN dense_rank() OVER (ORDER BY detail)
         ELSE row_number() OVER (ORDER BY kab_code, kec_code, desa_code, keluarga_id, ppl_id, day)
    END::BIGINT AS case_no,
    kab_code,
    kec_code,
    desa_code,
    keluarga_id,
    ppl_id,
    day,
    value,
    detail
FROM scoped_findings
ORDER BY case_no, keluarga_id
