-- Every family of the snapshot in the user's regencies ($inside true) or in the other regencies ($inside false):
-- its id and regency, for the server to match a partner's pseudonyms to real ids (regsosek/help.py). Never shown.
SELECT keluarga_id, kab_code
FROM keluarga
WHERE (kab_code IN (SELECT unnest($kab_codes))) = $inside::BOOLEAN
