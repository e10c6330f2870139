-- Families a forum decided on ($ids), as the snapshot has them now: their area and whether they are still
-- flagged (error_kind NULL: no longer). Ids outside the user's regencies return nothing.
WITH decided AS (
    SELECT
        keluarga_id,
        kab_code,
        kec_code,
        desa_code,
        verification_flag(desil, terima_pkh, terima_bpnt, terima_blt,
                          $inclusion_desil_min, $exclusion_desil_max) AS error_kind
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND list_contains($ids::VARCHAR[], keluarga_id)
)
SELECT keluarga_id, kab_code, kec_code, desa_code, error_kind
FROM decided
ORDER BY keluarga_id
