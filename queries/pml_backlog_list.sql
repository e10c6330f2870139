-- Per PML with work waiting: families its PPL visited that the PML has not checked yet, those
-- waiting more than backlog_days days (fixed when the snapshot was published), and the oldest
-- unchecked visit. $kab: one kab/kota code to narrow to, or NULL for all the user's regencies.
-- $row_limit, $row_offset: one page, most waiting first ($row_limit NULL: the whole list, for the
-- file built on a click and the follow-up tasks); pml_backlog_summary counts and adds it up.
WITH scoped_pml AS (
    SELECT *
    FROM pml_backlog
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
)
SELECT
    kab_code,
    kec_code,
    pml_id,
    nama,
    ppl,
    visited,
    checked,
    backlog,
    backlog_days,
    backlog_over_days,
    oldest_unchecked_visit
FROM scoped_pml
WHERE backlog > 0
ORDER BY backlog DESC, pml_id
LIMIT $row_limit::BIGINT OFFSET $row_offset::BIGINT
