-- Jangkauan (reach) per area at $level ('kab' or 'kec'), every area of the user's regencies at that level.
-- Base: families whose programme answers are recorded (visit outcome ditemukan or baru). Of those: reached by a
-- partner (an id in $helped_ids, the families any partner recorded help for), by a programme (programme_reached),
-- by both, by neither. The same four among scored families in desil 1..$poorest_desil_max ("poorest"); their
-- "neither" is belum terjangkau.
WITH
recorded AS (
    -- The base and the programme-reached counts per area, from the reach_kec mart.
    SELECT
        CASE $level::VARCHAR WHEN 'kab' THEN kab_code ELSE kec_code END AS area_code,
        sum(families) AS families,
        sum(families) FILTER (WHERE by_programme) AS by_programme,
        sum(families) FILTER (WHERE desil BETWEEN 1 AND $poorest_desil_max) AS poorest,
        sum(families) FILTER (WHERE by_programme AND desil BETWEEN 1 AND $poorest_desil_max) AS poorest_by_programme
    FROM reach_kec
    WHERE kab_code IN (SELECT unnest($kab_codes))
    GROUP BY 1
),
helped AS (
    -- Only the families a partner helped are read from keluarga.
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        programme_reached(terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk, terima_subsidi_listrik,
                          terima_lpg_3kg, terima_bsu) AS by_programme,
        coalesce(desil BETWEEN 1 AND $poorest_desil_max, false) AS poorest
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND hasil_kunjungan IN ('ditemukan', 'baru')
      AND keluarga_id IN (SELECT unnest($helped_ids::VARCHAR[]))
),
helped_counts AS (
    SELECT
        area_code,
        count(*) AS by_partner,
        count(*) FILTER (WHERE by_programme) AS by_both,
        count(*) FILTER (WHERE poorest) AS poorest_by_partner,
        count(*) FILTER (WHERE poorest AND by_programme) AS poorest_by_both
    FROM helped
    GROUP BY area_code
),
counted AS (
    -- Neither = base - partner - programme + both (each family is in the base once).
    SELECT
        r.area_code,
        r.families,
        coalesce(h.by_partner, 0) AS by_partner,
        coalesce(r.by_programme, 0) AS by_programme,
        coalesce(h.by_both, 0) AS by_both,
        r.families - coalesce(h.by_partner, 0) - coalesce(r.by_programme, 0) + coalesce(h.by_both, 0) AS by_neither,
        coalesce(r.poorest, 0) AS poorest,
        coalesce(h.poorest_by_partner, 0) AS poorest_by_partner,
        coalesce(r.poorest_by_programme, 0) AS poorest_by_programme,
        coalesce(h.poorest_by_both, 0) AS poorest_by_both,
        coalesce(r.poorest, 0) - coalesce(h.poorest_by_partner, 0) - coalesce(r.poorest_by_programme, 0)
            + coalesce(h.poorest_by_both, 0) AS unreached
    FROM recorded AS r
    LEFT JOIN helped_counts AS h USING (area_code)
),
areas_in_scope AS (
    SELECT code AS area_code, nama AS area_name
    FROM areas
    WHERE level = $level::VARCHAR
      AND CASE $level::VARCHAR WHEN 'kab' THEN code ELSE parent_code END IN (SELECT unnest($kab_codes))
)
SELECT
    a.area_code,
    a.area_name,
    coalesce(c.families, 0)::BIGINT AS families,
    coalesce(c.by_partner, 0)::BIGINT AS by_partner,
    coalesce(c.by_programme, 0)::BIGINT AS by_programme,
    coalesce(c.by_both, 0)::BIGINT AS by_both,
    coalesce(c.by_neither, 0)::BIGINT AS by_neither,
    coalesce(c.poorest, 0)::BIGINT AS poorest,
    coalesce(c.poorest_by_partner, 0)::BIGINT AS poorest_by_partner,
    coalesce(c.poorest_by_programme, 0)::BIGINT AS poorest_by_programme,
    coalesce(c.poorest_by_both, 0)::BIGINT AS poorest_by_both,
    coalesce(c.unreached, 0)::BIGINT AS unreached
FROM areas_in_scope AS a
LEFT JOIN counted AS c USING (area_code)
ORDER BY a.area_code
