-- conditions_desa_desil rolled up to every kab/kota, kecamatan and desa (level 'kab', 'kec', 'desa'):
-- the condition counts of each area over all its interviewed families, and the three counts the desil
-- bands divide (families, PKH recipients, business families with a working-age member) as lists by
-- desil (element d: desil d, 1-10; families not yet scored are in no element). conditions_by_area then
-- reads one row per area and picks a band's deciles from the lists, instead of adding up desa and desil
-- rows on each view. scored / aid_recipients: families / PKH recipients with a desil.
WITH
by_desil AS (
    SELECT
        CASE WHEN grouping(kec_code) = 1 THEN 'kab' WHEN grouping(desa_code) = 1 THEN 'kec' ELSE 'desa' END
            AS level,
        kab_code,
        coalesce(desa_code, kec_code, kab_code) AS area_code,
        desil,
        sum(families) AS families,
        sum(persons) AS persons,
        sum(school_age) AS school_age,
        sum(unfit_house) AS unfit_house,
        sum(earthen_floor) AS earthen_floor,
        sum(no_own_toilet) AS no_own_toilet,
        sum(unsafe_water) AS unsafe_water,
        sum(low_power) AS low_power,
        sum(firewood) AS firewood,
        sum(out_of_school) AS out_of_school,
        sum(elderly_alone) AS elderly_alone,
        sum(disability) AS disability,
        sum(female_head) AS female_head,
        sum(business) AS business,
        sum(working_age) AS working_age,
        sum(business_working_age) AS business_working_age,
        sum(pkh) AS pkh,
        sum(bpnt) AS bpnt,
        sum(blt) AS blt,
        sum(pbi_jk) AS pbi_jk,
        sum(subsidi_listrik) AS subsidi_listrik,
        sum(lpg_3kg) AS lpg_3kg,
        sum(bsu) AS bsu
    FROM mart_conditions_desa_desil
    GROUP BY GROUPING SETS ((kab_code, desil), (kab_code, kec_code, desil), (kab_code, kec_code, desa_code, desil))
),
deciles AS (
    SELECT a.level, a.kab_code, a.area_code, d.desil
    FROM (SELECT DISTINCT level, kab_code, area_code FROM by_desil) AS a
    CROSS JOIN range(1, 11) AS d(desil)
),
by_decile AS (
    SELECT
        g.level,
        g.area_code,
        list(coalesce(b.families, 0) ORDER BY g.desil)::BIGINT[] AS families_by_desil,
        list(coalesce(b.pkh, 0) ORDER BY g.desil)::BIGINT[] AS pkh_by_desil,
        list(coalesce(b.business_working_age, 0) ORDER BY g.desil)::BIGINT[] AS business_working_age_by_desil
    FROM deciles AS g
    LEFT JOIN by_desil AS b ON b.level = g.level AND b.area_code = g.area_code AND b.desil = g.desil
    GROUP BY g.level, g.area_code
),
by_area AS (
    SELECT
        level,
        kab_code,
        area_code,
        sum(families)::BIGINT AS families,
        coalesce(sum(families) FILTER (WHERE desil IS NOT NULL), 0)::BIGINT AS scored,
        sum(persons)::BIGINT AS persons,
        sum(school_age)::BIGINT AS school_age,
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
        coalesce(sum(pkh) FILTER (WHERE desil IS NOT NULL), 0)::BIGINT AS aid_recipients
    FROM by_desil
    GROUP BY level, kab_code, area_code
)
SELECT a.*, d.families_by_desil, d.pkh_by_desil, d.business_working_age_by_desil
FROM by_area AS a
JOIN by_decile AS d USING (level, area_code)
ORDER BY a.level, a.kab_code, a.area_code
