-- Per area at $level ('kab' or 'kec', within $kab or all the user's regencies): the bases and counts of
-- the error rates before verification. recipients: scored families receiving PKH, BPNT or BLT; included:
-- those flagged 'inclusion'; poorest: scored families in the poorest deciles; excluded: those flagged
-- 'exclusion' (verification_flag).
-- Read from the desil_programme_kec mart (scored families per kecamatan and decile, with how many receive
-- PKH, BPNT or BLT): the same counts as verification_flag over the family rows.
SELECT
    area_code_at($level::VARCHAR, kab_code, kec_code, NULL) AS area_code,
    sum(pkh_bpnt_blt)::BIGINT AS recipients,
    coalesce(sum(pkh_bpnt_blt) FILTER (WHERE desil >= $inclusion_desil_min), 0)::BIGINT AS included,
    coalesce(sum(families) FILTER (WHERE desil <= $exclusion_desil_max), 0)::BIGINT AS poorest,
    coalesce(sum(families - pkh_bpnt_blt) FILTER (WHERE desil <= $exclusion_desil_max), 0)::BIGINT AS excluded
FROM desil_programme_kec
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
  AND $level::VARCHAR IN ('kab', 'kec')
GROUP BY 1
ORDER BY 1
