-- Per desa per day from 15 Oct to the as-of date: visits by outcome and document stages
-- reached that day, each with its running total. Days without events are present (zeros)
-- so a running total can be read off any day.
WITH days AS (
    SELECT d::DATE AS day
    FROM range($campaign_start::DATE, $as_of::DATE + INTERVAL 1 DAY, INTERVAL 1 DAY) AS t(d)
),
desa AS (
    SELECT DISTINCT kab_code, kec_code, desa_code FROM sls
),
visits AS (
    SELECT
        desa_code,
        tgl_kunjungan AS day,
        count(*) AS visits,
        count_if(hasil_kunjungan = 'ditemukan') AS ditemukan,
        count_if(hasil_kunjungan = 'pindah') AS pindah,
        count_if(hasil_kunjungan = 'meninggal') AS meninggal,
        count_if(hasil_kunjungan = 'tidak_ditemukan') AS tidak_ditemukan,
        count_if(hasil_kunjungan = 'menolak') AS menolak,
        count_if(hasil_kunjungan = 'baru') AS baru
    FROM keluarga
    WHERE tgl_kunjungan IS NOT NULL
    GROUP BY ALL
),
stage_events AS (
    UNPIVOT (
        SELECT desa_code, tgl_periksa_pml AS pml_checked, tgl_terima_bps AS received,
               tgl_entri AS entered, tgl_validasi AS validated
        FROM keluarga
    )
    ON pml_checked, received, entered, validated
    INTO NAME stage VALUE day
),
stages AS (
    SELECT
        desa_code,
        day,
        count_if(stage = 'pml_checked') AS pml_checked,
        count_if(stage = 'received') AS received,
        count_if(stage = 'entered') AS entered,
        count_if(stage = 'validated') AS validated
    FROM stage_events
    GROUP BY ALL
),
daily AS (
    SELECT
        a.kab_code, a.kec_code, a.desa_code, d.day,
        coalesce(v.visits, 0) AS visits,
        coalesce(v.ditemukan, 0) AS ditemukan,
        coalesce(v.pindah, 0) AS pindah,
        coalesce(v.meninggal, 0) AS meninggal,
        coalesce(v.tidak_ditemukan, 0) AS tidak_ditemukan,
        coalesce(v.menolak, 0) AS menolak,
        coalesce(v.baru, 0) AS baru,
        coalesce(s.pml_checked, 0) AS pml_checked,
        coalesce(s.received, 0) AS received,
        coalesce(s.entered, 0) AS entered,
        coalesce(s.validated, 0) AS validated
    FROM desa AS a
    CROSS JOIN days AS d
    LEFT JOIN visits AS v ON v.desa_code = a.desa_code AND v.day = d.day
    LEFT JOIN stages AS s ON s.desa_code = a.desa_code AND s.day = d.day
)
SELECT
    kab_code, kec_code, desa_code, day,
    visits::INTEGER AS visits,
    ditemukan::INTEGER AS ditemukan,
    pindah::INTEGER AS pindah,
    meninggal::INTEGER AS meninggal,
    tidak_ditemukan::INTEGER AS tidak_ditemukan,
    menolak::INTEGER AS menolak,
    baru::INTEGER AS baru,
    pml_checked::INTEGER AS pml_checked,
    received::INTEGER AS received,
    entered::INTEGER AS entered,
    validated::INTEGER AS validated,
    sum(visits) OVER w::INTEGER AS visits_cum,
    sum(pml_checked) OVER w::INTEGER AS pml_checked_cum,
    sum(received) OVER w::INTEGER AS received_cum,
    sum(entered) OVER w::INTEGER AS entered_cum,
    sum(validated) OVER w::INTEGER AS validated_cum
FROM daily
WINDOW w AS (PARTITION BY desa_code ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY kab_code, kec_code, desa_code, day
