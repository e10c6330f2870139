-- One page of matching families for BPS roles (pseudonymised tier): head's name and NIK (masked
-- by the caller), desa, SLS, RT/RW. Ordered by desa and family id; $row_limit / $row_offset page it;
-- $min_desa_families as in target_by_area.
WITH
listed AS (
    SELECT *
    FROM target_page($kab_codes, $kab, $kec, $desa, $desil_min, $desil_max, $size_min, $size_max,
                     $min_working_age, $received, $not_received, $conditions, $min_desa_families,
                     $row_limit, $row_offset, $unreached, $verified, $helped_ids, $verified_ids)
)
SELECT
    l.keluarga_id,
    l.nama_kepala,
    l.nik_kepala,
    d.nama AS desa_name,
    l.sls_id,
    l.rt::INTEGER AS rt,
    l.rw::INTEGER AS rw,
    l.desil::INTEGER AS desil,
    l.jumlah_art::INTEGER AS jumlah_art,
    l.conditions,
    l.programmes
FROM listed AS l
LEFT JOIN areas AS d ON d.level = 'desa' AND d.code = l.desa_code
ORDER BY l.desa_code, l.keluarga_id
