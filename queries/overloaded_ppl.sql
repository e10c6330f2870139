-- PPL whose workload (target families) exceeds $ratio times the median workload of the PPL
-- in the user's regencies (or in $kab when given).
WITH scoped_ppl AS (
    SELECT kab_code, kec_code, petugas_id AS ppl_id, nama, supervisor_id AS pml_id,
           sls, target, visited
    FROM officers
    WHERE peran = 'PPL'
      AND kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
reference_load AS (
    SELECT median(target)::DOUBLE AS median_target FROM scoped_ppl
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
    r.median_target,
    round(p.target / r.median_target, 2)::DOUBLE AS load_ratio
FROM scoped_ppl AS p, reference_load AS r
WHERE p.target > $ratio::DOUBLE * r.median_target
ORDER BY load_ratio DESC, p.ppl_id
