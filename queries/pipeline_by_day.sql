-- Day by day from 15 Oct to the snapshot date for one area ($area_code: a kab, kec or desa code;
-- NULL for all the user's regencies): new visits, cumulative share of target against the
-- straight-line plan (plan_percent: 100% on the last campaign day, none after it), and documents
-- through each stage.
WITH area_days AS (
    -- The province or a kab/kota: kab/kota rows; a kecamatan: its rows; a desa: its progress_desa_day rows.
    SELECT day, visits, visits_cum, pml_checked_cum, received_cum, entered_cum, validated_cum
    FROM progress_area_day
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND (($area_code::VARCHAR IS NULL AND level = 'kab') OR area_code = $area_code::VARCHAR)
    UNION ALL
    SELECT day, visits, visits_cum, pml_checked_cum, received_cum, entered_cum, validated_cum
    FROM progress_desa_day
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND desa_code = $area_code::VARCHAR
),
area_target AS (
    SELECT coalesce(sum(target), 0) AS target
    FROM (
        SELECT target FROM targets_area
        WHERE kab_code IN (SELECT unnest($kab_codes))
          AND (($area_code::VARCHAR IS NULL AND level = 'kab') OR area_code = $area_code::VARCHAR)
        UNION ALL
        SELECT target FROM targets_desa
        WHERE kab_code IN (SELECT unnest($kab_codes))
          AND desa_code = $area_code::VARCHAR
    )
),
by_day AS (
    SELECT
        day,
        sum(visits)::BIGINT AS visits,
        sum(visits_cum)::BIGINT AS visited,
        sum(pml_checked_cum)::BIGINT AS pml_checked,
        sum(received_cum)::BIGINT AS received,
        sum(entered_cum)::BIGINT AS entered,
        sum(validated_cum)::BIGINT AS validated
    FROM area_days
    GROUP BY day
)
SELECT
    d.day,
    d.visits,
    d.visited,
    round(100.0 * d.visited / nullif(t.target, 0), 2)::DOUBLE AS percent_visited,
    round(plan_percent(d.day), 2)::DOUBLE AS plan_percent,
    d.pml_checked,
    d.received,
    d.entered,
    d.validated,
    t.target::BIGINT AS target
FROM by_day AS d, area_target AS t
ORDER BY d.day
