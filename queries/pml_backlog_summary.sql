-- The PML backlog list (pml_backlog_list) added up over every PML in it, whatever page is shown:
-- PML with work waiting, families visited and not yet checked, those waiting more than backlog_days
-- days (the wait the snapshot was published with; NULL when no PML has a backlog), and the oldest
-- unchecked visit. $kab: one kab/kota code to narrow to, or NULL for all the user's regencies.
WITH waiting AS (
    SELECT *
    FROM pml_backlog
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND backlog > 0
)
SELECT
    count(*)::BIGINT AS pml,
    coalesce(sum(backlog), 0)::BIGINT AS backlog,
    coalesce(sum(backlog_over_days), 0)::BIGINT AS backlog_over_days,
    max(backlog_days)::INTEGER AS backlog_days,
    min(oldest_unchecked_visit) AS oldest_unchecked_visit
FROM waiting
