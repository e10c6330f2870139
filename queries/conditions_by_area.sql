-- Condition indicators per area at $level ('kab', 'kec', 'desa') within the regency $kab (or NULL
-- for every regency of the scope), with one row for the whole
-- selection (area_code NULL): the numerator and denominator counts of every indicator in
-- regsosek/indicators.py (the shares are worked out there). Desil bands are parameters
-- ($poorest_desil, $poor_desil, $empowerment_desil; PKH's eligible deciles $aid_eligible_desil and the
-- well-off $inclusion_desil). Interviewed families are those with a household size.
WITH
in_scope AS (
    SELECT
        *,
        area_code_at($level::VARCHAR, kab_code, kec_code, desa_code) AS area_code,
        coalesce(list_contains($poorest_desil::INTEGER[], desil::INTEGER), false) AS is_poorest,
        coalesce(list_contains($poor_desil::INTEGER[], desil::INTEGER), false) AS is_poor,
        coalesce(list_contains($aid_eligible_desil::INTEGER[], desil::INTEGER), false) AS is_aid_eligible,
        coalesce(list_contains($inclusion_desil::INTEGER[], desil::INTEGER), false) AS is_well_off,
        coalesce(list_contains($empowerment_desil::INTEGER[], desil::INTEGER), false) AS is_middle
    FROM conditions_desa_desil
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND $level::VARCHAR IN ('kab', 'kec', 'desa')
      AND ($kab::VARCHAR IS NULL OR kab_code = $kab::VARCHAR)
),
by_area AS (
    SELECT
        area_code,
        sum(families)::BIGINT AS families,
        sum(families) FILTER (WHERE desil IS NOT NULL)::BIGINT AS scored,
        sum(persons)::BIGINT AS persons,
        sum(school_age)::BIGINT AS school_age,
        sum(families) FILTER (WHERE is_poorest)::BIGINT AS poorest,
        sum(families) FILTER (WHERE is_poor)::BIGINT AS poor,
        sum(unfit_house)::BIGINT AS unfit_house,
        sum(earthen_floor)::BIGINT AS earthen_floor,
        sum(no_own_toilet)::BIGINT AS no_own_toilet,
        sum(unsafe_water)::BIGINT AS unsafe_water,
        sum(low_power)::BIGINT AS low_power,
        sum(firewood)::BIGINT AS firewood,
        sum(out_of_school)::BIGINT AS out_of_school,
        sum(elderly_alone)::BIGINT AS elderly_alone,
        sum(disability)::BIGINT AS disability,
        sum(female_head)::BIGINT AS female_head,
        sum(business)::BIGINT AS business,
        sum(working_age)::BIGINT AS working_age,
        sum(pkh)::BIGINT AS pkh,
        sum(bpnt)::BIGINT AS bpnt,
        sum(blt)::BIGINT AS blt,
        sum(pbi_jk)::BIGINT AS pbi_jk,
        sum(subsidi_listrik)::BIGINT AS subsidi_listrik,
        sum(lpg_3kg)::BIGINT AS lpg_3kg,
        sum(bsu)::BIGINT AS bsu,
        sum(families) FILTER (WHERE is_aid_eligible)::BIGINT AS aid_eligible,
        sum(families - pkh) FILTER (WHERE is_aid_eligible)::BIGINT AS aid_excluded,
        sum(pkh) FILTER (WHERE desil IS NOT NULL)::BIGINT AS aid_recipients,
        sum(pkh) FILTER (WHERE is_well_off)::BIGINT AS aid_included,
        sum(business_working_age) FILTER (WHERE is_middle)::BIGINT AS empowerment
    FROM in_scope
    GROUP BY GROUPING SETS ((area_code), ())
)
SELECT
    b.area_code,
    n.nama AS area_name,
    n.parent_code,
    b.* EXCLUDE (area_code) REPLACE (
        coalesce(b.scored, 0) AS scored, coalesce(b.poorest, 0) AS poorest, coalesce(b.poor, 0) AS poor,
        coalesce(b.aid_eligible, 0) AS aid_eligible, coalesce(b.aid_excluded, 0) AS aid_excluded,
        coalesce(b.aid_recipients, 0) AS aid_recipients, coalesce(b.aid_included, 0) AS aid_included,
        coalesce(b.empowerment, 0) AS empowerment
    )
FROM by_area AS b
LEFT JOIN areas AS n ON n.level = $level::VARCHAR AND n.code = b.area_code
WHERE b.area_code IS NOT NULL OR b.families IS NOT NULL
ORDER BY b.area_code IS NOT NULL, b.area_code
