-- quality_findings counted per check and kab/kota, so quality_summary adds up a few thousand rows
-- instead of counting distinct families over every finding on each view.
-- One row per check and kab/kota (detail NULL): cases and families as quality_summary defines them,
-- within that kab/kota. A family lies in one kab/kota, so families (and the cases of the checks counted
-- per family or per PPL-day) add up over regencies. A NIK can be shared by families in two regencies,
-- so nik_multi_family counts its cases apart: one more row per kab/kota and shared NIK (detail, the
-- NIK; cases 1, families 0), and quality_summary counts the distinct NIKs of its regencies.
SELECT
    kind,
    kab_code,
    NULL::VARCHAR AS detail,
    CASE kind
        WHEN 'nik_multi_family' THEN 0
        WHEN 'ppl_day_overload' THEN count(*)
        ELSE count(DISTINCT keluarga_id)
    END::INTEGER AS cases,
    CASE kind
        WHEN 'ppl_day_overload' THEN sum(value)
        ELSE count(DISTINCT keluarga_id)
    END::INTEGER AS families
FROM mart_quality_findings
GROUP BY kind, kab_code
UNION ALL
SELECT DISTINCT kind, kab_code, detail, 1 AS cases, 0 AS families
FROM mart_quality_findings
WHERE kind = 'nik_multi_family'
ORDER BY kab_code, kind, detail NULLS FIRST
