-- Per PML with work waiting: families its PPL visited that the PML has not checked yet.
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
    backlog_over_3_days,
    oldest_unchecked_visit
FROM scoped_pml
WHERE backlog > 0
ORDER BY backlog DESC, pml_id
