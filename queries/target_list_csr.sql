-- One page of matching families for CSR partners (masked tier): family id (pseudonymised by the
-- caller), head's initials, desa, RT/RW, size, matched flags. Never the name, NIK, birth date or geotag;
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
    list_aggr(list_transform(list_filter(string_split(trim(l.nama_kepala), ' '), lambda p: p <> ''),
                             lambda p: upper(left(p, 1)) || '.'), 'string_agg', ' ') AS head_initials,
    d.nama AS desa_name,
    l.rt::INTEGER AS rt,
    l.rw::INTEGER AS rw,
    l.desil::INTEGER AS desil,
    l.jumlah_art::INTEGER AS jumlah_art,
    l.conditions,
    l.programmes
FROM listed AS l
LEFT JOIN areas AS d ON d.level = 'desa' AND d.code = l.desa_code
ORDER BY l.desa_code, l.keluarga_id
