-- Per kab/kota, kecamatan and desa (level 'kab', 'kec', 'desa'): SLS, SLS where no family has been
-- visited yet, target and visited families, rolled up once from targets_sls so coverage_flags reads
-- about 9,200 rows instead of adding up every SLS on each view. parent_code: the province '35' for a
-- kab/kota, the kab/kota for a kecamatan, the kecamatan for a desa.
SELECT
    CASE WHEN grouping(kec_code) = 1 THEN 'kab' WHEN grouping(desa_code) = 1 THEN 'kec' ELSE 'desa' END AS level,
    kab_code,
    coalesce(desa_code, kec_code, kab_code) AS area_code,
    CASE
        WHEN grouping(kec_code) = 1 THEN left(kab_code, 2)
        WHEN grouping(desa_code) = 1 THEN kab_code
        ELSE kec_code
    END AS parent_code,
    count(*)::INTEGER AS sls,
    count_if(visited = 0)::INTEGER AS sls_not_started,
    sum(target)::INTEGER AS target,
    sum(visited)::INTEGER AS visited
FROM mart_targets_sls
GROUP BY GROUPING SETS ((kab_code), (kab_code, kec_code), (kab_code, kec_code, desa_code))
ORDER BY level, kab_code, area_code
