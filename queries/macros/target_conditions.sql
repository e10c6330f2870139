-- programmes_match / conditions_match: whether a family (or a group of families sharing these values)
-- passes the programme and condition parts of a target filter: "received" any of f_received (none
-- asked: any family), "not received" none of f_not_received, and every condition of f_conditions.
-- The one test target_families (family rows) and target_counts (the target_counts mart) both apply.
CREATE MACRO programmes_match(f_received, f_not_received, pkh, bpnt, blt, pbi_jk, subsidi_listrik, lpg_3kg, bsu) AS
    (len(f_received) = 0
     OR (list_contains(f_received, 'pkh') AND coalesce(pkh, false))
     OR (list_contains(f_received, 'bpnt') AND coalesce(bpnt, false))
     OR (list_contains(f_received, 'blt') AND coalesce(blt, false))
     OR (list_contains(f_received, 'pbi_jk') AND coalesce(pbi_jk, false))
     OR (list_contains(f_received, 'subsidi_listrik') AND coalesce(subsidi_listrik, false))
     OR (list_contains(f_received, 'lpg_3kg') AND coalesce(lpg_3kg, false))
     OR (list_contains(f_received, 'bsu') AND coalesce(bsu, false)))
    AND NOT ((list_contains(f_not_received, 'pkh') AND coalesce(pkh, false))
     OR (list_contains(f_not_received, 'bpnt') AND coalesce(bpnt, false))
     OR (list_contains(f_not_received, 'blt') AND coalesce(blt, false))
     OR (list_contains(f_not_received, 'pbi_jk') AND coalesce(pbi_jk, false))
     OR (list_contains(f_not_received, 'subsidi_listrik') AND coalesce(subsidi_listrik, false))
     OR (list_contains(f_not_received, 'lpg_3kg') AND coalesce(lpg_3kg, false))
     OR (list_contains(f_not_received, 'bsu') AND coalesce(bsu, false)));

CREATE MACRO conditions_match(f_conditions, earthen_floor, no_own_toilet, unsafe_water, low_power, firewood,
                              unfit_house, elderly_alone, disability, child_out_of_school, under_five, female_head,
                              business) AS
    (NOT list_contains(f_conditions, 'earthen_floor') OR earthen_floor)
    AND (NOT list_contains(f_conditions, 'no_own_toilet') OR no_own_toilet)
    AND (NOT list_contains(f_conditions, 'unsafe_water') OR unsafe_water)
    AND (NOT list_contains(f_conditions, 'low_power') OR low_power)
    AND (NOT list_contains(f_conditions, 'firewood') OR firewood)
    AND (NOT list_contains(f_conditions, 'unfit_house') OR unfit_house)
    AND (NOT list_contains(f_conditions, 'elderly_alone') OR elderly_alone)
    AND (NOT list_contains(f_conditions, 'disability') OR disability)
    AND (NOT list_contains(f_conditions, 'child_out_of_school') OR child_out_of_school)
    AND (NOT list_contains(f_conditions, 'under_five') OR under_five)
    AND (NOT list_contains(f_conditions, 'female_head') OR female_head)
    AND (NOT list_contains(f_conditions, 'business') OR business);
