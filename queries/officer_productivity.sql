-- Per PPL who has visited at least one family: families visited per day with visits (the
-- ppl_productivity mart, already in this order).
-- $kab: one kab/kota code to narrow to, or NULL for all the user's regencies.
SELECT
    kab_code,
    kec_code,
    ppl_id,
    nama,
    pml_id,
    target,
    visited,
    days_worked,
    visits_per_day,
    round(median(visits_per_day_exact) OVER (), 1)::DOUBLE AS median_visits_per_day
FROM ppl_productivity
WHERE kab_code IN (SELECT unnest($kab_codes))
  AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
ORDER BY visits_per_day DESC, ppl_id
