-- PPL whose workload (target families) exceeds $ratio times the median workload of the PPL of
-- their own kab/kota, in the user's regencies (or in $kab when given). The reference is the
-- PPL's kab/kota whatever the filter, so a PPL is flagged the same in the province and the
-- regency view.
WITH scoped_ppl AS (
    SELECT kab_code, kec_code, petugas_id AS ppl_id, nama, supervisor_id AS pml_id,
           sls, target, visited
    FROM officers
    WHERE peran = 'PPL'
      AND kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
kab_load AS (
    SELECT kab_code, median(target)::DOUBLE AS median_target
    FROM scoped_ppl
    GROUP BY kab_code
)
SELECT
    p.kab_code,
    p.kec_code,
    p.ppl_id,
    p.nama,
    p.pml_id,
    p.sls,
    p.target,
    p.visited,
    l.median_target,
    round(p.target / l.median_target, 2)::DOUBLE AS load_ratio
FROM scoped_ppl AS p
JOIN kab_load AS l USING (kab_code)
WHERE p.target > $ratio::DOUBLE * l.median_target
ORDER BY load_ratio DESC, p.ppl_id
