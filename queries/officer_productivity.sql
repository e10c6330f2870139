-- Per PPL who has visited at least one family: families visited per day with visits.
-- $kab: one kab/kota code to narrow to, or NULL for all the user's regencies.
WITH scoped_ppl AS (
    SELECT kab_code, kec_code, petugas_id AS ppl_id, nama, supervisor_id AS pml_id,
           target, visited, days_worked, last_visit, tgl_berhenti
    FROM officers
    WHERE peran = 'PPL'
      AND kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
)
SELECT
    kab_code,
    kec_code,
    ppl_id,
    nama,
    pml_id,
    target,
    visited,
    days_worked,
    round(visited / days_worked, 1)::DOUBLE AS visits_per_day,
    round(median(visited / days_worked) OVER (), 1)::DOUBLE AS median_visits_per_day
FROM scoped_ppl
WHERE days_worked > 0
ORDER BY visits_per_day DESC, ppl_id
