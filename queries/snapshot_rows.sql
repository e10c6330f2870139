-- Rows per table of the snapshot within the user's regencies (the admin page's check against the
-- manifest), from the table_rows mart counted when the snapshot was published.
WITH
tables AS (
    SELECT * FROM (VALUES (1, 'keluarga'), (2, 'anggota'), (3, 'petugas'), (4, 'sls')) AS t(ord, table_name)
),
counts AS (
    SELECT table_name, sum(rows) AS rows
    FROM table_rows
    WHERE kab_code IN (SELECT unnest($kab_codes))
    GROUP BY table_name
)
SELECT t.table_name, coalesce(c.rows, 0)::BIGINT AS rows
FROM tables AS t
LEFT JOIN counts AS c USING (table_name)
ORDER BY t.ord
