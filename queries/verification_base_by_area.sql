-- Per area at $level ('kab' or 'kec', within $kab or all the user's regencies): the bases and counts of
-- the error rates before verification. recipients: scored families receiving PKH, BPNT or BLT; included:
-- those flagged 'inclusion'; poorest: scored families in the poorest deciles; excluded: those flagged
-- 'exclusion' (verification_flag).
WITH scored AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        desil,
        coalesce(terima_pkh, false) OR coalesce(terima_bpnt, false) OR coalesce(terima_blt, false) AS receives,
        verification_flag(desil, terima_pkh, terima_bpnt, terima_blt,
                          $inclusion_desil_min, $exclusion_desil_max) AS error_kind
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
      AND desil IS NOT NULL
      AND $level::VARCHAR IN ('kab', 'kec')
)
SELECT
    area_code,
    count_if(receives)::BIGINT AS recipients,
    count(*) FILTER (WHERE error_kind = 'inclusion')::BIGINT AS included,
    count_if(desil <= $exclusion_desil_max)::BIGINT AS poorest,
    count(*) FILTER (WHERE error_kind = 'exclusion')::BIGINT AS excluded
FROM scored
GROUP BY area_code
ORDER BY area_code
