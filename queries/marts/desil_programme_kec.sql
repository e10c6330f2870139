-- Per kecamatan and desil (families with a PMT score): families, persons and receipt of each programme.
-- Kecamatan grain (about 6,700 rows at full scale): the finest level the mistargeting questions ask for.
SELECT
    kab_code,
    kec_code,
    desil,
    count(*)::INTEGER AS families,
    coalesce(sum(jumlah_art), 0)::INTEGER AS persons,
    count_if(terima_pkh)::INTEGER AS pkh,
    count_if(terima_bpnt)::INTEGER AS bpnt,
    count_if(terima_blt)::INTEGER AS blt,
    count_if(terima_pbi_jk)::INTEGER AS pbi_jk,
    count_if(terima_subsidi_listrik)::INTEGER AS subsidi_listrik,
    count_if(terima_lpg_3kg)::INTEGER AS lpg_3kg,
    count_if(terima_bsu)::INTEGER AS bsu,
    -- receiving PKH, BPNT or BLT (any of the three): the base of the inclusion error rate
    count_if(coalesce(terima_pkh, false) OR coalesce(terima_bpnt, false) OR coalesce(terima_blt, false))::INTEGER
        AS pkh_bpnt_blt
FROM keluarga
WHERE desil IS NOT NULL
GROUP BY ALL
ORDER BY kab_code, kec_code, desil
