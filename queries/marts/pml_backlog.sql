-- Per PML: families its PPL have visited that still wait for the PML check, and how old the wait is.
-- A family waits more than $backlog_days days when the snapshot date minus its visit date exceeds
-- $backlog_days (settings.BACKLOG_DAYS, kept in the row as backlog_days).
WITH waiting AS (
    SELECT
        p.supervisor_id AS pml_id,
        count(k.tgl_kunjungan) AS visited,
        count(k.tgl_periksa_pml) AS checked,
        count_if(k.tgl_kunjungan IS NOT NULL AND k.tgl_periksa_pml IS NULL) AS backlog,
        count_if(k.tgl_kunjungan IS NOT NULL AND k.tgl_periksa_pml IS NULL
                 AND $as_of::DATE - k.tgl_kunjungan > $backlog_days::INTEGER) AS backlog_over_days,
        min(k.tgl_kunjungan) FILTER (WHERE k.tgl_periksa_pml IS NULL) AS oldest_unchecked_visit
    FROM keluarga AS k
    JOIN petugas AS p ON p.petugas_id = k.ppl_id
    GROUP BY p.supervisor_id
)
SELECT
    m.kab_code,
    m.kec_code,
    m.petugas_id AS pml_id,
    m.nama,
    m.supervisor_id AS koseka_id,
    (SELECT count(*) FROM petugas AS r WHERE r.supervisor_id = m.petugas_id)::INTEGER AS ppl,
    coalesce(w.visited, 0)::INTEGER AS visited,
    coalesce(w.checked, 0)::INTEGER AS checked,
    coalesce(w.backlog, 0)::INTEGER AS backlog,
    $backlog_days::INTEGER AS backlog_days,
    coalesce(w.backlog_over_days, 0)::INTEGER AS backlog_over_days,
    w.oldest_unchecked_visit
FROM petugas AS m
LEFT JOIN waiting AS w ON w.pml_id = m.petugas_id
WHERE m.peran = 'PML'
ORDER BY m.kab_code, m.petugas_id
