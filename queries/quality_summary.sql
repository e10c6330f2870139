-- One row per data-quality check: how many cases and families it finds in the user's regencies
-- (or in $kab when given).
-- Cases: NIKs for nik_multi_family, PPL-days for ppl_day_overload, families otherwise.
-- Families: distinct families with a finding; for ppl_day_overload the families visited on those PPL-days.
-- stage_order is 0 for every published snapshot: ingest refuses snapshots with stage dates out of
-- order (the mart still counts them, so a change to that rule would show here).
WITH kinds(kind, position) AS (
    VALUES ('nik_multi_family', 1), ('far_geotag', 2), ('odd_hour', 3), ('big_household', 4),
           ('stage_order', 5), ('ppl_day_overload', 6)
),
scoped_findings AS (
    SELECT kind, keluarga_id, ppl_id, day, value, detail
    FROM quality_findings
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
finding_counts AS (
    SELECT
        kind,
        CASE kind
            WHEN 'nik_multi_family' THEN count(DISTINCT detail)
            WHEN 'ppl_day_overload' THEN count(*)
            ELSE count(DISTINCT keluarga_id)
        END AS cases,
        CASE kind
            WHEN 'ppl_day_overload' THEN sum(value)
            ELSE count(DISTINCT keluarga_id)
        END AS families
    FROM scoped_findings
    GROUP BY kind
)
SELECT
    k.kind,
    coalesce(c.cases, 0)::BIGINT AS cases,
    coalesce(c.families, 0)::BIGINT AS families
FROM kinds AS k
LEFT JOIN finding_counts AS c USING (kind)
ORDER BY k.position
