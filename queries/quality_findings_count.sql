-- How many rows the list of one data-quality check ($kind) holds in the user's regencies, or in $kab
-- when given (quality_findings_list pages through them): one per case, and for a NIK shared by several
-- families one per family.
SELECT count(*)::BIGINT AS rows
FROM quality_findings
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
  AND kind = $kind::VARCHAR
