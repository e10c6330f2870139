-- One page of the PPL who have visited at least one family: families visited per day with visits,
-- most per day first, then by PPL id (the ppl_productivity mart, already in this order).
-- $kab: one kab/kota code to narrow to, or NULL for all the user's regencies.
-- $row_limit, $row_offset: the page ($row_limit NULL: the whole list, for the file built on a click).
-- $numbered: 'province' when the rows asked for are every regency's, 'kab' when they are one regency's:
-- the page is then picked by the mart's list numbers; NULL (any other scope, or the whole list): sorted.
-- The count, median and histogram over every PPL are officer_productivity_summary.
SELECT
    kab_code,
    kec_code,
    ppl_id,
    nama,
    pml_id,
    target,
    visited,
    days_worked,
    visits_per_day
FROM ppl_productivity
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
  AND CASE $numbered::VARCHAR
        WHEN 'province' THEN province_no BETWEEN $row_offset::BIGINT + 1 AND $row_offset::BIGINT + $row_limit::BIGINT
        WHEN 'kab' THEN kab_no BETWEEN $row_offset::BIGINT + 1 AND $row_offset::BIGINT + $row_limit::BIGINT
        ELSE true
      END
ORDER BY visits_per_day DESC, ppl_id
LIMIT (CASE WHEN $numbered::VARCHAR IS NULL THEN $row_limit::BIGINT END)
OFFSET (CASE WHEN $numbered::VARCHAR IS NULL THEN $row_offset::BIGINT ELSE 0 END)
