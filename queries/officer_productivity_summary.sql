-- The figures over every PPL who has visited at least one family in the user's regencies (or in
-- $kab when given), whatever page of the list is shown: how many, the median of families visited
-- per day with visits, and the histogram of the per-PPL figure as the list shows it (rounded to
-- one decimal) in bins $bin_width wide, [bin_start, bin_start + $bin_width). One row per non-empty
-- bin, each carrying the totals; one row with no bin (bin_start NULL, ppl 0) when no PPL has visited.
WITH scoped_ppl AS (
    SELECT visits_per_day, visits_per_day_exact
    FROM ppl_productivity
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
totals AS (
    SELECT
        count(*)::BIGINT AS ppl_visited,
        round(median(visits_per_day_exact), 1)::DOUBLE AS median_visits_per_day
    FROM scoped_ppl
),
bins AS (
    SELECT
        (floor(visits_per_day / $bin_width::DOUBLE) * $bin_width::DOUBLE)::DOUBLE AS bin_start,
        count(*)::BIGINT AS ppl
    FROM scoped_ppl
    GROUP BY 1
)
SELECT
    t.ppl_visited,
    t.median_visits_per_day,
    b.bin_start,
    coalesce(b.ppl, 0)::BIGINT AS ppl
FROM totals AS t
LEFT JOIN bins AS b ON true
ORDER BY b.bin_start
