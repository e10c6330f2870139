-- PPL whose workload (target families) exceeds $ratio times the median workload of the PPL of
-- their own kab/kota, in the user's regencies (or in $kab when given). The reference is the
-- PPL's kab/kota whatever the filter, so a PPL is flagged the same in the province and the
-- regency view (the ppl_load mart holds each PPL's regency median and ratio).
SELECT
    kab_code,
    kec_code,
    ppl_id,
    nama,
    pml_id,
    sls,
    target,
    visited,
    median_target,
    load_ratio
FROM ppl_load
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
  AND target > $ratio::DOUBLE * median_target
ORDER BY load_ratio DESC, ppl_id
