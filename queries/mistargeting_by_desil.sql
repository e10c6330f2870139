-- Receipt of each programme by desil: families, families receiving, percent receiving.
-- $kab narrows to some regencies within the scope (empty: the whole scope).
WITH in_scope AS (
    SELECT *
    FROM desil_programme_kec
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND (len($kab::VARCHAR[]) = 0 OR kab_code IN (SELECT unnest($kab::VARCHAR[])))
),
long AS (
    UNPIVOT in_scope
    ON pkh, bpnt, blt, pbi_jk, subsidi_listrik, lpg_3kg, bsu
    INTO NAME programme VALUE receiving
)
SELECT
    programme,
    desil::INTEGER AS desil,
    sum(families)::BIGINT AS families,
    sum(receiving)::BIGINT AS receiving,
    round(100.0 * sum(receiving) / nullif(sum(families), 0), 1)::DOUBLE AS percent_receiving
FROM long
GROUP BY programme, desil
ORDER BY programme, desil
