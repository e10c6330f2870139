-- Jangkauan (reach) per area at $level ('kab' or 'kec'), every area of the user's regencies at that level.
-- Base: families whose programme answers are recorded (visit outcome ditemukan or baru). Of those: reached by a
-- partner (an id in $helped_ids, the families any partner recorded help for), by a programme (programme_reached),
-- by both, by neither. The same four among scored families in desil 1..$poorest_desil_max ("poorest"); their
-- "neither" is belum terjangkau.
WITH
base AS (
    SELECT
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        keluarga_id IN (SELECT unnest($helped_ids::VARCHAR[])) AS by_partner,
        programme_reached(terima_pkh, terima_bpnt, terima_blt, terima_pbi_jk, terima_subsidi_listrik,
                          terima_lpg_3kg, terima_bsu) AS by_programme,
        coalesce(desil BETWEEN 1 AND $poorest_desil_max, false) AS poorest
    FROM keluarga
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND hasil_kunjungan IN ('ditemukan', 'baru')
),
counted AS (
    SELECT
        area_code,
        count(*) AS families,
        count(*) FILTER (WHERE by_partner) AS by_partner,
        count(*) FILTER (WHERE by_programme) AS by_programme,
        count(*) FILTER (WHERE by_partner AND by_programme) AS by_both,
        count(*) FILTER (WHERE NOT by_partner AND NOT by_programme) AS by_neither,
        count(*) FILTER (WHERE poorest) AS poorest,
        count(*) FILTER (WHERE poorest AND by_partner) AS poorest_by_partner,
        count(*) FILTER (WHERE poorest AND by_programme) AS poorest_by_programme,
        count(*) FILTER (WHERE poorest AND by_partner AND by_programme) AS poorest_by_both,
        count(*) FILTER (WHERE poorest AND NOT by_partner AND NOT by_programme) AS unreached
    FROM base
    GROUP BY area_code
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
