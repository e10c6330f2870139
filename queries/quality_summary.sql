-- One row per data-quality check: how many cases and families it finds in the user's regencies
-- (or in $kab when given).
-- Cases: NIKs for nik_multi_family, PPL-days for ppl_day_overload, families otherwise.
-- stage_order is computed from the family rows: ingest refuses snapshots with stage dates out
-- of order, so it is 0 for every published snapshot.
WITH kinds(kind, position) AS (
    VALUES ('nik_multi_family', 1), ('far_geotag', 2), ('odd_hour', 3), ('big_household', 4),
           ('stage_order', 5), ('ppl_day_overload', 6)
),
scoped_findings AS (
    SELECT kind, keluarga_id, ppl_id, day, detail
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
        count(DISTINCT keluarga_id) AS families
    FROM scoped_findings
    GROUP BY kind
),
stage_order AS (
    SELECT 'stage_order' AS kind, count(*) AS cases, count(*) AS families
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND (tgl_periksa_pml < tgl_kunjungan
           OR tgl_terima_bps < tgl_periksa_pml
           OR tgl_entri < tgl_terima_bps
           OR tgl_validasi < tgl_entri
           OR (tgl_periksa_pml IS NOT NULL AND tgl_kunjungan IS NULL)
           OR (tgl_terima_bps IS NOT NULL AND tgl_periksa_pml IS NULL)
           OR (tgl_entri IS NOT NULL AND tgl_terima_bps IS NULL)
           OR (tgl_validasi IS NOT NULL AND tgl_entri IS NULL))
),
all_counts AS (
    SELECT * FROM finding_counts
    UNION ALL SELECT * FROM stage_order
)
SELECT
    k.kind,
    coalesce(c.cases, 0)::BIGINT AS cases,
    coalesce(c.families, 0)::BIGINT AS families
FROM kinds AS k
LEFT JOIN all_counts AS c USING (kind)
ORDER BY k.position
