-- One row per data-quality check: how many cases and families it finds in the user's regencies
-- (or in $kab when given), from the quality_counts mart (quality_findings counted per kab/kota).
-- Cases: NIKs for nik_multi_family, PPL-days for ppl_day_overload, families otherwise.
-- Families: distinct families with a finding; for ppl_day_overload the families visited on those PPL-days.
-- stage_order is 0 for every published snapshot: ingest refuses snapshots with stage dates out of
-- order (the mart still counts them, so a change to that rule would show here).
WITH kinds(kind, position) AS (
    VALUES ('nik_multi_family', 1), ('far_geotag', 2), ('odd_hour', 3), ('big_household', 4),
           ('stage_order', 5), ('ppl_day_overload', 6)
),
finding_counts AS (
    SELECT
        kind,
        CASE WHEN kind = 'nik_multi_family' THEN count(DISTINCT detail) ELSE sum(cases) END AS cases,
        sum(families) AS families
    FROM quality_counts
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
    GROUP BY kind
)
SELECT
    k.kind,
    coalesce(c.cases, 0)::BIGINT AS cases,
    coalesce(c.families, 0)::BIGINT AS families
FROM kinds AS k
LEFT JOIN finding_counts AS c USING (kind)
ORDER BY k.position
