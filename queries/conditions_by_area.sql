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
        c.families::BIGINT AS families,
        c.scored::BIGINT AS scored,
        c.persons::BIGINT AS persons,
        c.school_age::BIGINT AS school_age,
        coalesce(list_sum(list_select(c.families_by_desil, $poorest_desil::INTEGER[])), 0)::BIGINT AS poorest,
        coalesce(list_sum(list_select(c.families_by_desil, $poor_desil::INTEGER[])), 0)::BIGINT AS poor,
        c.unfit_house::BIGINT AS unfit_house,
        c.earthen_floor::BIGINT AS earthen_floor,
        c.no_own_toilet::BIGINT AS no_own_toilet,
        c.unsafe_water::BIGINT AS unsafe_water,
        c.low_power::BIGINT AS low_power,
        c.firewood::BIGINT AS firewood,
        c.out_of_school::BIGINT AS out_of_school,
        c.elderly_alone::BIGINT AS elderly_alone,
        c.disability::BIGINT AS disability,
        c.female_head::BIGINT AS female_head,
        c.business::BIGINT AS business,
        c.working_age::BIGINT AS working_age,
        c.pkh::BIGINT AS pkh,
        c.bpnt::BIGINT AS bpnt,
        c.blt::BIGINT AS blt,
        c.pbi_jk::BIGINT AS pbi_jk,
        c.subsidi_listrik::BIGINT AS subsidi_listrik,
        c.lpg_3kg::BIGINT AS lpg_3kg,
        c.bsu::BIGINT AS bsu,
        coalesce(list_sum(list_select(c.families_by_desil, $aid_eligible_desil::INTEGER[])), 0)::BIGINT
            AS aid_eligible,
        coalesce(list_sum(list_select(c.families_by_desil, $aid_eligible_desil::INTEGER[]))
                 - list_sum(list_select(c.pkh_by_desil, $aid_eligible_desil::INTEGER[])), 0)::BIGINT
            AS aid_excluded,
        c.aid_recipients::BIGINT AS aid_recipients,
        coalesce(list_sum(list_select(c.pkh_by_desil, $inclusion_desil::INTEGER[])), 0)::BIGINT AS aid_included,
        coalesce(list_sum(list_select(c.business_working_age_by_desil, $empowerment_desil::INTEGER[])), 0)::BIGINT
            AS empowerment
    FROM conditions_area AS c
    LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = c.area_code
    WHERE c.level = $level::VARCHAR
      AND c.kab_code IN (SELECT unnest($kab_codes))
      AND ($kab::VARCHAR IS NULL OR c.kab_code = $kab::VARCHAR)
),
selection AS (
    SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR,
           sum(COLUMNS(* EXCLUDE (area_code, area_name, parent_code)))::BIGINT
    FROM area_rows
)
SELECT * FROM area_rows
UNION ALL
SELECT * FROM selection WHERE families IS NOT NULL
ORDER BY area_code IS NOT NULL, area_code
