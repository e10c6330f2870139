-- Per kab/kota (level 'kab') and per kecamatan (level 'kec'): targets_sls rolled up, so coverage tables
-- and headline figures over whole regencies read 704 rows instead of adding up every SLS on each view.
-- parent_code: the province '35' for a kab/kota, the kab/kota for a kecamatan. PPL are counted where
-- their SLS lie, once per area (a PPL working in two kecamatan counts in both); ppl_active_last_day: of
-- those, the PPL with a family visit dated the snapshot's last field day. Desa rows are targets_desa.
WITH active_ppl AS (
    SELECT DISTINCT ppl_id
    FROM mart_officer_day
    WHERE day = (SELECT last_field_day FROM mart_snapshot_meta)
),
sls AS (
    SELECT t.*, a.ppl_id AS active_ppl_id
    FROM mart_targets_sls AS t
    LEFT JOIN active_ppl AS a USING (ppl_id)
)
SELECT
    CASE WHEN grouping(kec_code) = 1 THEN 'kab' ELSE 'kec' END AS level,
    kab_code,
    coalesce(kec_code, kab_code) AS area_code,
    CASE WHEN grouping(kec_code) = 1 THEN left(kab_code, 2) ELSE kab_code END AS parent_code,
    count(*)::INTEGER AS sls,
    sum(prelist)::INTEGER AS prelist,
    sum(new_families)::INTEGER AS new_families,
    sum(target)::INTEGER AS target,
    sum(visited)::INTEGER AS visited,
    sum(ditemukan)::INTEGER AS ditemukan,
    sum(pindah)::INTEGER AS pindah,
    sum(meninggal)::INTEGER AS meninggal,
    sum(tidak_ditemukan)::INTEGER AS tidak_ditemukan,
    sum(menolak)::INTEGER AS menolak,
    sum(baru)::INTEGER AS baru,
    sum(pml_checked)::INTEGER AS pml_checked,
    sum(received)::INTEGER AS received,
    sum(entered)::INTEGER AS entered,
    sum(validated)::INTEGER AS validated,
    count(DISTINCT ppl_id)::INTEGER AS ppl_assigned,
    count(DISTINCT active_ppl_id)::INTEGER AS ppl_active_last_day
FROM sls
GROUP BY GROUPING SETS ((kab_code), (kab_code, kec_code))
ORDER BY level, kab_code, area_code
