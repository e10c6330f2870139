-- Rows per table of the snapshot within the user's regencies (the admin page's check
-- against the manifest). Counting a hive partition reads only Parquet metadata.
WITH counts AS (
    SELECT 1 AS ord, 'keluarga' AS table_name, count(*) AS rows
    FROM keluarga WHERE kab_code IN (SELECT unnest($kab_codes))
    UNION ALL
    SELECT 2, 'anggota', count(*)
    FROM anggota WHERE kab_code IN (SELECT unnest($kab_codes))
    UNION ALL
    SELECT 3, 'petugas', count(*)
    FROM petugas WHERE kab_code IN (SELECT unnest($kab_codes))
    UNION ALL
    SELECT 4, 'sls', count(*)
    FROM sls WHERE kab_code IN (SELECT unnest($kab_codes))
)
SELECT table_name, rows::BIGINT AS rows
FROM counts
ORDER BY ord
