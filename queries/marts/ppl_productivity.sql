-- Every PPL who has visited at least one family, with families visited per day with visits, ordered
-- as the productivity list shows them (most per day first), so officer_productivity reads rows in
-- order instead of working them out and sorting every PPL on each view; numbered in that order.
SELECT
    kab_code,
    kec_code,
    petugas_id AS ppl_id,
    nama,
    supervisor_id AS pml_id,
    target,
    visited,
    days_worked,
    visited / days_worked AS visits_per_day_exact,
    round(visited / days_worked, 1)::DOUBLE AS visits_per_day,
    -- Each PPL's place in the list over the province and within its regency, so that any page of either
    -- (the last, the slowest PPL, included) is picked by number instead of sorting every PPL.
    row_number() OVER (ORDER BY round(visited / days_worked, 1)::DOUBLE DESC, petugas_id)::BIGINT AS province_no,
    row_number() OVER (PARTITION BY kab_code ORDER BY round(visited / days_worked, 1)::DOUBLE DESC,
                       petugas_id)::BIGINT AS kab_no
FROM mart_officers
WHERE peran = 'PPL'
  AND days_worked > 0
ORDER BY visits_per_day DESC, ppl_id
