-- PPL with no visit in the last $idle_days field days up to the snapshot (the as-of date,
-- or the last campaign day after fieldwork closed) who have not finished their workload.
-- Officers who dropped out are included and marked.
WITH last_day AS (
    SELECT last_field_day FROM snapshot_meta
),
scoped_ppl AS (
    SELECT kab_code, kec_code, petugas_id AS ppl_id, nama, supervisor_id AS pml_id,
           target, visited, last_visit, tgl_berhenti
    FROM officers
    WHERE peran = 'PPL'
      AND kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
unfinished AS (
    SELECT * FROM scoped_ppl WHERE visited < target
)
SELECT
    u.kab_code,
    u.kec_code,
    u.ppl_id,
    u.nama,
    u.pml_id,
    u.target,
    u.visited,
    (u.target - u.visited)::INTEGER AS remaining,
    u.last_visit,
    (d.last_field_day - u.last_visit)::INTEGER AS days_since_last_visit,
    u.tgl_berhenti,
    u.tgl_berhenti IS NOT NULL AS dropped_out
FROM unfinished AS u, last_day AS d
WHERE u.last_visit IS NULL OR u.last_visit <= d.last_field_day - $idle_days::INTEGER
ORDER BY dropped_out DESC, remaining DESC, u.ppl_id
