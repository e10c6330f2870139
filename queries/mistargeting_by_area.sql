-- Exclusion and inclusion error per area ($level 'kab' or 'kec') and programme, worst exclusion first,
-- with one row per programme for the whole selection (area_code NULL).
-- Exclusion rate: eligible families (in the programme's target deciles, $eligible_pairs
-- 'programme|desil') not receiving it, over ELIGIBLE families. Inclusion rate: recipients in the
-- well-off deciles ($inclusion_desil), over all RECIPIENTS of the programme. The desil_programme_area mart
-- holds families and recipients per area, programme and desil.
WITH flagged AS (
    SELECT
        area_code,
        programme,
        families,
        receiving,
        list_contains($eligible_pairs::VARCHAR[], programme || '|' || desil::VARCHAR) AS eligible,
        list_contains($inclusion_desil::INTEGER[], desil::INTEGER) AS well_off
    FROM desil_programme_area
    WHERE level = $level::VARCHAR
      AND kab_code IN (SELECT unnest($kab_codes))
      AND (len($kab::VARCHAR[]) = 0 OR kab_code IN (SELECT unnest($kab::VARCHAR[])))
),
by_area AS (
    SELECT
        area_code,
        programme,
        sum(families) FILTER (WHERE eligible)::BIGINT AS eligible_families,
        sum(families - receiving) FILTER (WHERE eligible)::BIGINT AS excluded,
        sum(receiving)::BIGINT AS recipients,
        sum(receiving) FILTER (WHERE well_off)::BIGINT AS included
    FROM flagged
    GROUP BY GROUPING SETS ((area_code, programme), (programme))
)
SELECT
    b.area_code,
    n.nama AS area_name,
    n.lat::DOUBLE AS lat,
    n.lon::DOUBLE AS lon,
    b.programme,
    coalesce(b.eligible_families, 0) AS eligible_families,
    coalesce(b.excluded, 0) AS excluded,
    round(100.0 * coalesce(b.excluded, 0) / nullif(b.eligible_families, 0), 1)::DOUBLE AS exclusion_rate,
    b.recipients,
    coalesce(b.included, 0) AS included,
    round(100.0 * coalesce(b.included, 0) / nullif(b.recipients, 0), 1)::DOUBLE AS inclusion_rate
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
ORDER BY b.area_code IS NOT NULL, exclusion_rate DESC NULLS LAST, b.area_code, b.programme
