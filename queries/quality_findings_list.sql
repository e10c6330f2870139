-- The cases of one data-quality check ($kind, a kind of the quality_findings mart) in the
-- user's regencies, or in $kab when given. case_no numbers the cases (one NIK shared by
-- several families is one case); for the other checks, in the order kab/kota, kecamatan, desa,
-- family, PPL, day: a case's number within its kab/kota (the mart's kab_case_no) after the cases of
-- the regencies before it. $row_limit, $row_offset: one page of the list in that order
-- ($row_limit NULL: the whole list, for the file built on a click); quality_findings_count counts it.
WITH scoped_findings AS (
    SELECT *
    FROM quality_findings
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND kind = $kind::VARCHAR
),
regencies AS (
    SELECT kab_code, (sum(count(*)) OVER (ORDER BY kab_code) - count(*))::BIGINT AS cases_before
    FROM scoped_findings
    GROUP BY kab_code
)
SELECT
    dense_rank() OVER (ORDER BY detail)::BIGINT AS case_no,
    kab_code,
    kec_code,
    desa_code,
    keluarga_id,
    ppl_id,
    day,
    value,
    detail
FROM scoped_findings
WHERE kind = 'nik_multi_family'
UNION ALL
SELECT
    r.cases_before + f.kab_case_no AS case_no,
    f.kab_code,
    f.kec_code,
    f.desa_code,
    f.keluarga_id,
    f.ppl_id,
    f.day,
    f.value,
    f.detail
FROM scoped_findings AS f
JOIN regencies AS r USING (kab_code)
WHERE f.kind <> 'nik_multi_family'
ORDER BY case_no, keluarga_id
LIMIT $row_limit::BIGINT OFFSET $row_offset::BIGINT
