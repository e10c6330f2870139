-- area_code_at / parent_code_at: the code of the area a row falls in at one level ('kab', 'kec'
-- or 'desa'), and the code of that area's parent ('35', the province, for a regency). One
-- definition for every "per area at $level within $parent" query.
CREATE MACRO area_code_at(f_level, f_kab, f_kec, f_desa) AS
    CASE f_level WHEN 'kab' THEN f_kab WHEN 'kec' THEN f_kec ELSE f_desa END;
CREATE MACRO parent_code_at(f_level, f_kab, f_kec) AS
    CASE f_level WHEN 'kab' THEN left(f_kab, 2) WHEN 'kec' THEN f_kab ELSE f_kec END;
