-- Per kecamatan with SLS in the snapshot: its point, target, visited and percent visited.
WITH scoped_desa AS (
    SELECT kec_code, target, visited
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
),
by_kec AS (
    SELECT kec_code, sum(target)::BIGINT AS target, sum(visited)::BIGINT AS visited
    FROM scoped_desa
    GROUP BY kec_code
)
SELECT
    b.kec_code AS area_code,
    a.nama AS area_name,
    a.parent_code AS kab_code,
    a.lat::DOUBLE AS lat,
    a.lon::DOUBLE AS lon,
    b.target,
    b.visited,
    round(100.0 * b.visited / nullif(b.target, 0), 1)::DOUBLE AS percent_visited
FROM by_kec AS b
JOIN areas AS a ON a.level = 'kec' AND a.code = b.kec_code
ORDER BY b.kec_code
