-- Every PPL with its workload (target families) beside the median workload of the PPL of its own
-- kab/kota and the ratio of the two, so overloaded_ppl filters rows instead of working out medians
-- on each view. The ratio a PPL must exceed to count as overloaded stays a query parameter.
WITH ppl AS (
    SELECT kab_code, kec_code, petugas_id AS ppl_id, nama, supervisor_id AS pml_id, sls, target, visited
    FROM mart_officers
    WHERE peran = 'PPL'
),
kab_load AS (
    SELECT kab_code, median(target)::DOUBLE AS median_target
    FROM ppl
    GROUP BY kab_code
)
SELECT
    p.*,
    l.median_target,
    round(p.target / l.median_target, 2)::DOUBLE AS load_ratio
FROM ppl AS p
JOIN kab_load AS l USING (kab_code)
ORDER BY p.kab_code, load_ratio DESC, p.ppl_id
