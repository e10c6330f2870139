-- Per desa and desil (NULL: interviewed, not yet scored) over interviewed families (those with a
-- household size): the numerators and denominators of the condition indicators (regsosek/indicators.py
-- defines each one; conditions_by_area sums them per area and desil band). Member figures are the
-- member columns and the condition flags the ingest puts on each published family row, each defined
-- once in queries/ingest/published_keluarga.sql; persons are the household size.
WITH
families AS (
    SELECT
        k.kab_code,
        k.kec_code,
        k.desa_code,
        k.desil,
        k.jumlah_art AS persons,
        k.members_school_age AS school_age,
        k.members_out_of_school AS out_of_school,
        k.members_disability AS disability,
        k.members_working_age AS working_age,
        k.unfit_house, k.earthen_floor, k.no_own_toilet, k.unsafe_water, k.low_power, k.firewood,
        k.elderly_alone, k.female_head, k.business,
        k.terima_pkh, k.terima_bpnt, k.terima_blt, k.terima_pbi_jk, k.terima_subsidi_listrik, k.terima_lpg_3kg,
        k.terima_bsu
    FROM keluarga AS k
    WHERE k.jumlah_art IS NOT NULL
)
SELECT
    kab_code,
    kec_code,
    desa_code,
    desil,
    count(*)::INTEGER AS families,
    sum(persons)::INTEGER AS persons,
    sum(school_age)::INTEGER AS school_age,
    count_if(unfit_house)::INTEGER AS unfit_house,
    count_if(earthen_floor)::INTEGER AS earthen_floor,
    count_if(no_own_toilet)::INTEGER AS no_own_toilet,
    count_if(unsafe_water)::INTEGER AS unsafe_water,
    count_if(low_power)::INTEGER AS low_power,
    count_if(firewood)::INTEGER AS firewood,
    sum(out_of_school)::INTEGER AS out_of_school,
    count_if(elderly_alone)::INTEGER AS elderly_alone,
    sum(disability)::INTEGER AS disability,
    count_if(female_head)::INTEGER AS female_head,
    count_if(business)::INTEGER AS business,
    sum(working_age)::INTEGER AS working_age,
    count_if(business AND working_age > 0)::INTEGER AS business_working_age,
    count_if(terima_pkh)::INTEGER AS pkh,
    count_if(terima_bpnt)::INTEGER AS bpnt,
    count_if(terima_blt)::INTEGER AS blt,
    count_if(terima_pbi_jk)::INTEGER AS pbi_jk,
    count_if(terima_subsidi_listrik)::INTEGER AS subsidi_listrik,
    count_if(terima_lpg_3kg)::INTEGER AS lpg_3kg,
    count_if(terima_bsu)::INTEGER AS bsu
FROM families
GROUP BY ALL
ORDER BY kab_code, kec_code, desa_code, desil NULLS FIRST
