-- Every officer (PPL, PML, Koseka) with area, supervisor, dropout date and workload.
-- A PML's figures sum its PPL; a Koseka's sum the PPL under its PML.
WITH meta AS (
    SELECT last_field_day FROM mart_snapshot_meta
),
ppl_work AS (
    SELECT
        ppl_id AS petugas_id,
        count(*)::INTEGER AS sls,
        count(DISTINCT desa_code)::INTEGER AS desa,
        sum(target)::INTEGER AS target,
        sum(visited)::INTEGER AS visited,
        sum(pml_checked)::INTEGER AS pml_checked
    FROM mart_targets_sls
    GROUP BY ppl_id
),
ppl_days AS (
    SELECT
        ppl_id AS petugas_id,
        count(*)::INTEGER AS days_worked,
        max(day) AS last_visit,
        coalesce(sum(visits) FILTER (WHERE day = (SELECT last_field_day FROM meta)), 0)::INTEGER
            AS visits_last_day
    FROM mart_officer_day
    GROUP BY ppl_id
),
ppl AS (
    SELECT p.petugas_id, p.supervisor_id, w.sls, w.desa, w.target, w.visited, w.pml_checked,
           d.days_worked, d.last_visit, d.visits_last_day
    FROM petugas AS p
    LEFT JOIN ppl_work AS w USING (petugas_id)
    LEFT JOIN ppl_days AS d USING (petugas_id)
    WHERE p.peran = 'PPL'
),
pml AS (
    SELECT supervisor_id AS petugas_id, count(*)::INTEGER AS reports, sum(sls)::INTEGER AS sls,
           sum(target)::INTEGER AS target, sum(visited)::INTEGER AS visited,
           sum(pml_checked)::INTEGER AS pml_checked
    FROM ppl
    GROUP BY supervisor_id
),
koseka AS (
    SELECT p.supervisor_id AS petugas_id, count(*)::INTEGER AS reports, sum(m.sls)::INTEGER AS sls,
           sum(m.target)::INTEGER AS target, sum(m.visited)::INTEGER AS visited,
           sum(m.pml_checked)::INTEGER AS pml_checked
    FROM petugas AS p
    JOIN pml AS m USING (petugas_id)
    GROUP BY p.supervisor_id
)
SELECT
    o.kab_code,
    o.kec_code,
    o.petugas_id,
    o.peran,
    o.nama,
    o.supervisor_id,
    o.tgl_berhenti,
    coalesce(m.reports, k.reports, 0)::INTEGER AS reports,
    coalesce(p.sls, m.sls, k.sls, 0)::INTEGER AS sls,
    p.desa,
    coalesce(p.target, m.target, k.target, 0)::INTEGER AS target,
    coalesce(p.visited, m.visited, k.visited, 0)::INTEGER AS visited,
    coalesce(p.pml_checked, m.pml_checked, k.pml_checked, 0)::INTEGER AS pml_checked,
    p.days_worked,
    p.last_visit,
    p.visits_last_day
FROM petugas AS o
LEFT JOIN ppl AS p ON o.peran = 'PPL' AND p.petugas_id = o.petugas_id
LEFT JOIN pml AS m ON o.peran = 'PML' AND m.petugas_id = o.petugas_id
LEFT JOIN koseka AS k ON o.peran = 'KOSEKA' AND k.petugas_id = o.petugas_id
ORDER BY o.kab_code, o.peran, o.petugas_id
