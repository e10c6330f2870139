-- The families of one desa ($desa) for its village forum: possible inclusion errors (well-off deciles
-- receiving PKH, BPNT or BLT) and possible exclusion errors (poorest deciles receiving none of them), with
-- what finds the family (head's name and NIK, masked by the caller, SLS, RT/RW) and why it is flagged.
WITH desa_families AS (
    SELECT
        *,
        verification_flag(desil, terima_pkh, terima_bpnt, terima_blt,
                          $inclusion_desil_min, $exclusion_desil_max) AS error_kind
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND kab_code = left($desa::VARCHAR, 4)
      AND desa_code = $desa::VARCHAR
)
SELECT
    keluarga_id,
    kab_code,
    kec_code,
    desa_code,
    sls_id,
    rt::INTEGER AS rt,
    rw::INTEGER AS rw,
    nama_kepala,
    nik_kepala,
    desil::INTEGER AS desil,
    coalesce(terima_pkh, false) AS terima_pkh,
    coalesce(terima_bpnt, false) AS terima_bpnt,
    coalesce(terima_blt, false) AS terima_blt,
    error_kind
FROM desa_families
WHERE error_kind IS NOT NULL
ORDER BY error_kind, rw, rt, keluarga_id
