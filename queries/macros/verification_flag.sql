-- verification_flag: why a scored family goes before its village forum, or NULL. 'inclusion': a family
-- in a well-off decile (desil >= f_inclusion_min) receiving PKH, BPNT or BLT; 'exclusion': a family in
-- the poorest deciles (desil <= f_exclusion_max) receiving none of the three. One definition for the
-- verification pack, the forum's decisions and the error rates before and after verification.
CREATE MACRO verification_flag(f_desil, f_pkh, f_bpnt, f_blt, f_inclusion_min, f_exclusion_max) AS
    CASE
        WHEN f_desil IS NULL THEN NULL
        WHEN f_desil >= f_inclusion_min AND (coalesce(f_pkh, false) OR coalesce(f_bpnt, false)
                                             OR coalesce(f_blt, false)) THEN 'inclusion'
        WHEN f_desil <= f_exclusion_max AND NOT (coalesce(f_pkh, false) OR coalesce(f_bpnt, false)
                                                 OR coalesce(f_blt, false)) THEN 'exclusion'
    END;
