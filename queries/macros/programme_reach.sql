-- programme_reached(...): whether a family receives any programme of facts.PROGRAMMES, as the snapshot says (a
-- missing answer counts as not received). The one test of "reached by a programme" for the reach page
-- (reach_by_area and its reach_kec mart) and the target list's "belum terjangkau" filter (target_families).
CREATE MACRO programme_reached(pkh, bpnt, blt, pbi_jk, subsidi_listrik, lpg_3kg, bsu) AS
    coalesce(pkh, false) OR coalesce(bpnt, false) OR coalesce(blt, false) OR coalesce(pbi_jk, false)
    OR coalesce(subsidi_listrik, false) OR coalesce(lpg_3kg, false) OR coalesce(bsu, false);
