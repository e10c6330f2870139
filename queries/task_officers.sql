-- The officers of one regency a follow-up task may name or point through: every PML and Koseka still at
-- work on the snapshot date (who may be given a task), and every officer's supervisor (a PPL's PML, a
-- PML's Koseka), so a finding about a PPL or a PML can suggest who follows it up. $kab: the regency.
WITH scoped_officers AS (
    SELECT petugas_id, peran, kab_code, kec_code, supervisor_id, nama, tgl_berhenti
    FROM petugas
    WHERE kab_code IN (SELECT unnest($kab_codes))
      AND kab_code = $kab::VARCHAR
)
SELECT
    petugas_id,
    peran,
    kab_code,
    kec_code,
    supervisor_id,
    nama,
    tgl_berhenti IS NULL AS at_work
FROM scoped_officers
ORDER BY peran, kec_code, petugas_id
