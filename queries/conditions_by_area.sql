-- Condition indicators per area at $level ('kab', 'kec', 'desa') within the regency $kab (or NULL
-- for every regency of the scope), with one row for the whole
-- selection (area_code NULL): the numerator and denominator counts of every indicator in
-- regsosek/indicators.py (the shares are worked out there). Desil bands are parameters
-- ($poorest_desil, $poor_desil, $empowerment_desil; PKH's eligible deciles $aid_eligible_desil and the
-- well-off $inclusion_desil). Interviewed families are those with a household size.
-- The conditions_area mart holds each area's counts, and the counts the bands divide as lists by desil
-- (element d is desil d): a band's count is the sum of its deciles' elements.
WITH
area_rows AS (
    SELECT
        c.area_code,
        n.nama AS area_name,
        n.parent_code,
        c.families AS families,
        c.scored AS scored,
        c.persons AS persons,
        c.school_age AS school_age,
        coalesce(list_sum(list_select(c.families_by_desil, $poorest_desil::INTEGER[])), 0) AS poorest,
        coalesce(list_sum(list_select(c.families_by_desil, $poor_desil::INTEGER[])), 0) AS poor,
        c.unfit_house AS unfit_house,
        c.earthen_floor AS earthen_floor,
        c.no_own_toilet AS no_own_toilet,
        c.unsafe_water AS unsafe_water,
        c.low_power AS low_power,
        c.firewood AS firewood,
        c.out_of_school AS out_of_school,
        c.elderly_alone AS elderly_alone,
        c.disability AS disability,
        c.female_head AS female_head,
        c.business AS business,
        c.working_age AS working_age,
        c.pkh AS pkh,
        c.bpnt AS bpnt,
        c.blt AS blt,
        c.pbi_jk AS pbi_jk,
        c.subsidi_listrik AS subsidi_listrik,
        c.lpg_3kg AS lpg_3kg,
        c.bsu AS bsu,
        coalesce(list_sum(list_select(c.families_by_desil, $aid_eligible_desil::INTEGER[])), 0)
            AS aid_eligible,
        coalesce(list_sum(list_select(c.families_by_desil, $aid_eligible_desil::INTEGER[]))
                 - list_sum(list_select(c.pkh_by_desil, $aid_eligible_desil::INTEGER[])), 0)
            AS aid_excluded,
        c.aid_recipients AS aid_recipients,
        coalesce(list_sum(list_select(c.pkh_by_desil, $inclusion_desil::INTEGER[])), 0) AS aid_included,
        coalesce(list_sum(list_select(c.business_working_age_by_desil, $empowerment_desil::INTEGER[])), 0)
            AS empowerment
    FROM conditions_area AS c
    LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = c.area_code
    WHERE c.level = $level::VARCHAR
      AND c.kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR c.kab_code = $kab::VARCHAR)
),
selection AS (
    SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR,
           sum(COLUMNS(* EXCLUDE (area_code, area_name, parent_code)))
    FROM area_rows
)
SELECT * FROM area_rows
UNION ALL
SELECT * FROM selection WHERE families IS NOT NULL
ORDER BY area_code IS NOT NULL, area_code
