-- Day by day over the campaign (15 Oct - 14 Nov, up to the snapshot date) for one area
-- ($area_code: a kab, kec or desa code; NULL for all the user's regencies): new visits,
-- running total and its share of the area's target, and documents through each stage.
WITH area_days AS (
    SELECT *
    FROM progress_desa_day
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($area_code::VARCHAR IS NULL OR $area_code::VARCHAR IN (kab_code, kec_code, desa_code))
      AND day <= (SELECT campaign_end FROM snapshot_meta)
),
area_target AS (
    SELECT coalesce(sum(target), 0) AS target
    FROM targets_desa
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($area_code::VARCHAR IS NULL OR $area_code::VARCHAR IN (kab_code, kec_code, desa_code))
),
by_day AS (
    SELECT
        day,
        sum(visits)::BIGINT AS visits,
        sum(visits_cum)::BIGINT AS visits_cum,
        sum(pml_checked)::BIGINT AS pml_checked,
        sum(pml_checked_cum)::BIGINT AS pml_checked_cum,
        sum(received_cum)::BIGINT AS received_cum,
        sum(entered_cum)::BIGINT AS entered_cum,
        sum(validated_cum)::BIGINT AS validated_cum
    FROM area_days
    GROUP BY day
)
SELECT
    d.day,
    d.visits,
    d.visits_cum,
    round(100.0 * d.visits_cum / nullif(t.target, 0), 2)::DOUBLE AS percent_cum,
    d.pml_checked,
    d.pml_checked_cum,
    d.received_cum,
    d.entered_cum,
    d.validated_cum,
    t.target::BIGINT AS target
FROM by_day AS d, area_target AS t
ORDER BY d.day
