-- Per desa of one kab/kota ($kab) with SLS in the snapshot: its point, target, visited and
-- percent visited. Empty when $kab is not one of the user's regencies.
WITH scoped_desa AS (
    SELECT desa_code, kec_code, target, visited
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND kab_code = $kab::VARCHAR
)
SELECT
    d.desa_code AS area_code,
    a.nama AS area_name,
    d.kec_code,
    a.lat::DOUBLE AS lat,
    a.lon::DOUBLE AS lon,
    d.target::BIGINT AS target,
    d.visited::BIGINT AS visited,
    round(100.0 * d.visited / nullif(d.target, 0), 1)::DOUBLE AS percent_visited
FROM scoped_desa AS d
JOIN areas AS a ON a.level = 'desa' AND a.code = d.desa_code
ORDER BY d.desa_code
