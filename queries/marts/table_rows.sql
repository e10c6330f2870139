-- Rows of each published table per regency, counted when the snapshot is published (the admin page's
-- check against the manifest reads these instead of every Parquet footer of the snapshot).
SELECT 'keluarga' AS table_name, kab_code, count(*)::BIGINT AS rows FROM keluarga GROUP BY kab_code
UNION ALL
SELECT 'anggota', kab_code, count(*)::BIGINT FROM anggota GROUP BY kab_code
UNION ALL
SELECT 'petugas', kab_code, count(*)::BIGINT FROM petugas GROUP BY kab_code
UNION ALL
SELECT 'sls', kab_code, count(*)::BIGINT FROM sls GROUP BY kab_code
ORDER BY table_name, kab_code
