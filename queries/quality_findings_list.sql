-- The cases of one data-quality check ($kind, a kind of the quality_findings mart) in the
-- user's regencies, or in $kab when given. case_no numbers the cases (one NIK shared by
-- several families is one case); for the other checks, in the order kab/kota, kecamatan, desa,
-- family, PPL, day: a case's number within its kab/kota (the mart's kab_case_no) after the cases of
-- the regencies before it. $row_limit, $row_offset: one page of the list in that order
-- ($row_limit NULL: the whole list, for the file built on a click); quality_findings_count counts it.
-- Every check but the shared NIK has one row per case, numbered 1.. without gaps, so its page is the
-- case numbers after $row_offset: picked by number from the regencies that hold them (the cases per
-- regency come from the quality_counts mart), not by sorting the whole list.
WITH scoped_findings AS (
    SELECT *
    FROM quality_findings
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND kind = $kind::VARCHAR
),
regencies AS (
    -- A check with one row per case: its cases per regency (the quality_counts mart) and those before it.
    SELECT kab_code, cases, (sum(cases) OVER (ORDER BY kab_code) - cases)::BIGINT AS cases_before
    FROM quality_counts
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND kind = $kind::VARCHAR
      AND kind <> 'nik_multi_family'
      AND detail IS NULL
),
shared_nik AS (
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
    ORDER BY case_no, keluarga_id
    LIMIT $row_limit::BIGINT OFFSET $row_offset::BIGINT
),
page_regencies AS (
    -- Per regency holding part of the page: its cases numbered after from_no and up to to_no (kab_case_no).
    SELECT kab_code, cases_before, $row_offset::BIGINT - cases_before AS from_no,
           $row_offset::BIGINT + $row_limit::BIGINT - cases_before AS to_no
    FROM regencies
    WHERE cases_before + cases > $row_offset::BIGINT
      AND ($row_limit::BIGINT IS NULL OR cases_before < $row_offset::BIGINT + $row_limit::BIGINT)
),
one_row_per_case AS (
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
    FROM quality_findings AS f
    JOIN page_regencies AS r USING (kab_code)
    WHERE f.kind = $kind::VARCHAR
      AND f.kab_case_no > r.from_no
      AND (r.to_no IS NULL OR f.kab_case_no <= r.to_no)
)
SELECT * FROM shared_nik
UNION ALL
SELECT * FROM one_row_per_case
ORDER BY case_no, keluarga_id
