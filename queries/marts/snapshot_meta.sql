-- One row: the snapshot's date and where it falls in the 31-day campaign.
WITH bounds AS (
    SELECT
        $as_of::DATE AS as_of,
        $campaign_start::DATE AS campaign_start,
        $campaign_end::DATE AS campaign_end
)
SELECT
    as_of,
    campaign_start,
    campaign_end,
    least(as_of, campaign_end) AS last_field_day,
    (campaign_end - campaign_start + 1)::INTEGER AS days_total,
    (least(as_of, campaign_end) - campaign_start + 1)::INTEGER AS days_elapsed,
    (campaign_end - least(as_of, campaign_end))::INTEGER AS days_left
FROM bounds
