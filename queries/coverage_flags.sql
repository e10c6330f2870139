-- Areas that need a look, at one level ($level: 'kab', 'kec' or 'desa', within $parent; NULL
-- for all): visited above target, SLS where no family has been visited yet, and (for regencies)
-- a family count that departs from the independent estimate by more than $tolerance_percent.
-- The estimate comes from the caller as parallel lists ($estimate_kab, $estimate_families):
-- regency population / mean family size x snapshot scale. The coverage_area mart holds the SLS rolled
-- up to every area.
WITH by_area AS (
    SELECT area_code, sls::BIGINT AS sls, sls_not_started::BIGINT AS sls_not_started,
           target::BIGINT AS target, visited::BIGINT AS visited
    FROM coverage_area
    WHERE level = $level::VARCHAR
      AND kab_code IN (SELECT unnest($kab_codes))
      AND ($parent::VARCHAR IS NULL OR parent_code = $parent::VARCHAR)
),
estimate AS (
    SELECT unnest($estimate_kab::VARCHAR[]) AS area_code, unnest($estimate_families::DOUBLE[]) AS families
),
flagged AS (
    SELECT
        b.*,
        CASE WHEN $level::VARCHAR = 'kab' THEN e.families END AS estimate
    FROM by_area AS b
    LEFT JOIN estimate AS e USING (area_code)
)
SELECT
    f.area_code,
    n.nama AS area_name,
    f.target,
    f.visited,
    round(100.0 * f.visited / nullif(f.target, 0), 2)::DOUBLE AS percent_visited,
    f.sls,
    f.sls_not_started,
    round(f.estimate)::BIGINT AS estimate,
    round(100.0 * (f.target - f.estimate) / nullif(f.estimate, 0), 1)::DOUBLE AS estimate_diff_percent,
    f.visited > f.target AS over_target,
    coalesce(abs(f.target - f.estimate) > f.estimate * $tolerance_percent / 100.0, false) AS departs_from_estimate
FROM flagged AS f
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = f.area_code
WHERE f.visited > f.target
   OR f.sls_not_started > 0
   OR coalesce(abs(f.target - f.estimate) > f.estimate * $tolerance_percent / 100.0, false)
ORDER BY f.area_code
