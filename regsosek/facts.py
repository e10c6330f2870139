"""Facts of the Regsosek 2022 operation in East Java: one place for each.

Sources are named beside each fact; the full list is in docs/DATA.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PROVINCE_CODE = "35"
PROVINCE_NAME = "Jawa Timur"

# BPS: Regsosek 2022 field enumeration ran 15 Oct - 14 Nov 2022 (31 days).
CAMPAIGN_START = date(2022, 10, 15)
CAMPAIGN_END = date(2022, 11, 14)
CAMPAIGN_DAYS = (CAMPAIGN_END - CAMPAIGN_START).days + 1
# Documents keep moving (PML check, receipt, data entry, validation) after the
# last visit; snapshots may be taken until processing closes.
PROCESSING_END = date(2022, 12, 31)

# BPS Jawa Timur: 67,350 field officers for Regsosek 2022.
WORKFORCE_TOTAL = 67_350
# Officer roles (BPS field organisation). A Koseka per kecamatan; a PML
# supervises about four PPL; a PPL covers about four SLS / 250 families.
ROLES_OFFICER = ("PPL", "PML", "KOSEKA")
PPL_PER_PML = 4
SLS_PER_PPL = 4
FAMILIES_PER_PPL = 250
KECAMATAN_COUNT = 666
KABKOTA_COUNT = 38
DESA_COUNT = 8_494

# Outcome of a visit to a family (REGSOSEK22-K), as stored in keluarga.hasil_kunjungan.
OUTCOMES = ("ditemukan", "pindah", "meninggal", "tidak_ditemukan", "menolak", "baru")
# Outcomes where the form was filled in (housing, members, programmes known).
INTERVIEWED_OUTCOMES = ("ditemukan", "baru")

# Document pipeline, in order; each stage has a date column in keluarga.
STAGES = (
    ("dikunjungi", "tgl_kunjungan"),
    ("diperiksa_pml", "tgl_periksa_pml"),
    ("diterima_bps", "tgl_terima_bps"),
    ("dientri", "tgl_entri"),
    ("divalidasi", "tgl_validasi"),
)
STATUS_NOT_VISITED = "belum_dikunjungi"
STATUSES = (STATUS_NOT_VISITED,) + tuple(s for s, _ in STAGES)

# Social-assistance and subsidy programmes recorded on the form: code, column, label.
PROGRAMMES = (
    ("pkh", "terima_pkh", "PKH"),
    ("bpnt", "terima_bpnt", "BPNT/Sembako"),
    ("blt", "terima_blt", "BLT"),
    ("pbi_jk", "terima_pbi_jk", "PBI-JK"),
    ("subsidi_listrik", "terima_subsidi_listrik", "Subsidi listrik"),
    ("lpg_3kg", "terima_lpg_3kg", "LPG 3 kg"),
    ("bsu", "terima_bsu", "BSU"),
)
# Deciles a programme is meant for (for exclusion/inclusion error). PKH, BPNT,
# BLT and PBI-JK target the poorest 40%; energy subsidies the poorest 40%; BSU
# is a wage subsidy for low-paid formal workers, mostly deciles 3-6.
PROGRAMME_ELIGIBLE_DESIL = {
    "pkh": (1, 2, 3, 4),
    "bpnt": (1, 2, 3, 4),
    "blt": (1, 2, 3, 4),
    "pbi_jk": (1, 2, 3, 4),
    "subsidi_listrik": (1, 2, 3, 4),
    "lpg_3kg": (1, 2, 3, 4),
    "bsu": (3, 4, 5, 6),
}
# Deciles whose receipt counts as inclusion error (clearly well-off).
INCLUSION_ERROR_DESIL = (7, 8, 9, 10)

# BPS, poverty rate March 2022 (%): share of persons below the regency poverty
# line (Susenas March 2022), as released by BPS kabupaten/kota offices. Each
# figure names its source in POVERTY_RATE_SOURCE (keys of SOURCES); the list with
# addresses is in docs/DATA.md. Province: 10.38 (March 2022).
POVERTY_RATE_PUBLISHED = {
    "3501": 13.80,  # Pacitan
    "3502": 9.32,  # Ponorogo
    "3503": 10.96,  # Trenggalek
    "3504": 6.71,  # Tulungagung
    "3507": 9.55,  # Malang
    "3508": 9.06,  # Lumajang
    "3509": 9.39,  # Jember
    "3510": 7.51,  # Banyuwangi
    "3511": 13.47,  # Bondowoso
    "3513": 17.12,  # Probolinggo
    "3514": 8.98,  # Pasuruan
    "3515": 5.36,  # Sidoarjo
    "3516": 9.71,  # Mojokerto
    "3517": 9.04,  # Jombang
    "3521": 14.15,  # Ngawi
    "3523": 15.02,  # Tuban
    "3524": 12.53,  # Lamongan
    "3525": 11.06,  # Gresik
    "3526": 19.44,  # Bangkalan
    "3527": 21.61,  # Sampang
    "3528": 13.93,  # Pamekasan
    "3529": 18.76,  # Sumenep
    "3571": 7.23,  # Kota Kediri
    "3572": 7.37,  # Kota Blitar
    "3573": 4.37,  # Kota Malang
    "3574": 6.65,  # Kota Probolinggo
    "3575": 6.37,  # Kota Pasuruan
    "3578": 4.72,  # Kota Surabaya
    "3579": 3.79,  # Kota Batu
}
POVERTY_RATE_SOURCE = {
    "3501": "bps_jatim_top10_2022", "3502": "bps_ponorogo_2022", "3503": "design_notes",
    "3504": "bps_tulungagung_2022", "3507": "bps_kab_malang_2024", "3508": "bps_lumajang_2022",
    "3509": "bps_jember_2022", "3510": "bps_banyuwangi_2022", "3511": "bps_jatim_top10_2022",
    "3513": "bps_bangkalan_2023", "3514": "bps_kab_pasuruan_2022", "3515": "bps_sidoarjo_2022",
    "3516": "bps_kab_mojokerto_2022", "3517": "bps_jombang_2022", "3521": "bps_jatim_top10_2022",
    "3523": "bps_tuban_2022", "3524": "bps_jatim_top10_2022", "3525": "bps_jatim_gresik_2022",
    "3526": "bps_bangkalan_2023", "3527": "bps_bangkalan_2023", "3528": "bps_jatim_top10_2022",
    "3529": "bps_bangkalan_2023", "3571": "bps_kota_kediri_2022", "3572": "bps_kota_blitar_2022",
    "3573": "bps_kota_malang_2022", "3574": "bps_kota_probolinggo_2022", "3575": "bps_kota_pasuruan_2022",
    "3578": "bps_surabaya_2023", "3579": "bps_batu_2023",
}
POVERTY_RATE_PROVINCE = 10.38
# No March 2022 figure was found for these nine; each is assumed from the same
# office's published figures for neighbouring years (docs/DATA.md gives them).
POVERTY_RATE_ASSUMED = {
    "3505": 9.7,  # Blitar: 2022-2024 mean 8.85, 2023 8.69, 2024 8.16
    "3506": 10.9,  # Kediri: 2024 9.95 after a 7% fall from 2023
    "3512": 12.3,  # Situbondo: between 12.63 (2021) and 11.90 (2023)
    "3518": 10.7,  # Nganjuk: 2022-2024 mean 10.59, 2024 10.17
    "3519": 11.3,  # Madiun: 11.04-11.4 in 2023, rising 2019-2021
    "3520": 9.0,  # Magetan: "about 9 percent" for 2022 (head of BPS Magetan)
    "3522": 12.2,  # Bojonegoro: 153.40 thousand poor in 2022, 12.18% (153.25 thousand) in 2023
    "3576": 5.9,  # Kota Mojokerto: 5.77 (2023), 5.57 (2024)
    "3577": 4.8,  # Kota Madiun: 4.74 (2023), 4.38 (2024)
}


def poverty_rate(kab_code: str) -> float:
    """Poverty rate (%) used for a regency: published where known, else assumed."""
    return POVERTY_RATE_PUBLISHED.get(kab_code, POVERTY_RATE_ASSUMED.get(kab_code, POVERTY_RATE_PROVINCE))


# Mean family (Kartu Keluarga) size used to turn regency population into a
# family count: about 3.3-3.4 persons per family in East Java (41.9 million
# people, 12-13 million families). Madura families are a little larger,
# city families a little smaller.
MEAN_FAMILY_SIZE_DEFAULT = 3.33
MEAN_FAMILY_SIZE = {
    "3526": 3.55, "3527": 3.60, "3528": 3.50, "3529": 3.40,
    "3571": 3.20, "3572": 3.20, "3573": 3.15, "3574": 3.25, "3575": 3.25,
    "3576": 3.20, "3577": 3.15, "3578": 3.10, "3579": 3.20,
}


def mean_family_size(kab_code: str) -> float:
    return MEAN_FAMILY_SIZE.get(kab_code, MEAN_FAMILY_SIZE_DEFAULT)


def is_kota(kab_code: str) -> bool:
    """Kota codes run 71-79 within the province; kabupaten 01-29."""
    return int(kab_code[2:]) >= 70


# Published figures the synthetic province is compared with (regsosek.realism).
# A source is (title, publisher, year, address); an address is where the figure
# was read, often a news report quoting the BPS release.
SOURCES = {
    "sp2020_jatim": ("Hasil Sensus Penduduk 2020 Provinsi Jawa Timur (Berita Resmi Statistik, 22 Jan 2021)",
                     "BPS Provinsi Jawa Timur", 2021,
                     "https://news.republika.co.id/berita/qnd21s484/data-sensus-bps-jumlah-penduduk-jatim-4067-juta-jiwa"),
    "ikr_jatim_2021": ("Indikator Kesejahteraan Rakyat Provinsi Jawa Timur 2022 (lansia 2021)",
                       "BPS Provinsi Jawa Timur", 2022,
                       "https://suarasurabaya.net/kelanakota/2022/bps-persentase-lansia-jatim-meningkat-mencapai-1357-persen"),
    "aps_2021": ("Angka Partisipasi Sekolah menurut provinsi 2021 (Susenas), compiled in 'Data 34 Provinsi 2021'",
                 "BPS, via github.com/sainsdataid/dataset", 2021,
                 "https://raw.githubusercontent.com/sainsdataid/dataset/main/Data%2034%20Provinsi%202021.csv"),
    "fuel_2021": ("Bahan bakar utama memasak rumah tangga Indonesia 2021 (Susenas)", "BPS, via Databoks", 2021,
                  "https://databoks.katadata.co.id/datapublish/2021/11/22/"
                  "mayoritas-rumah-tangga-indonesia-menggunakan-gas-elpiji-untuk-memasak"),
    "design_notes": ("Poverty rates March 2022 listed in the project's design notes", "BPS Kabupaten Trenggalek",
                     2022, ""),
    "bps_jatim_top10_2022": ("10 daerah penyumbang tertinggi kemiskinan di Jawa Timur 2022 (BPS figures)",
                             "BPS, via mauli.id", 2023,
                             "https://mauli.id/2023/04/27/10-daerah-penyumbang-tertinggi-kemiskinan-di-jawa-timur-2022/"),
    "bps_bangkalan_2023": ("Angka kemiskinan Bangkalan peringkat 2 tertinggi di Jatim (Susenas March 2022)",
                           "BPS Kabupaten Bangkalan, via bangsaonline.com", 2023,
                           "https://bangsaonline.com/berita/114052/"
                           "bps-angka-kemiskinan-di-bangkalan-masuk-peringkat-2-tertinggi-di-jatim"),
    "bps_ponorogo_2022": ("Penduduk miskin Ponorogo Maret 2022", "BPS Kabupaten Ponorogo, via nusadaily.com", 2023,
                          "https://nusadaily.com/tahun-2022-kabupaten-ponorogo-menjadi-daerah-termiskin-se-madiun-raya"),
    "bps_tulungagung_2022": ("Berita Resmi Statistik No. 07/10/3504/Th. VII (kemiskinan Maret 2022-2023)",
                             "BPS Kabupaten Tulungagung, via wartatulungagung.my.id", 2023,
                             "https://www.wartatulungagung.my.id/2023/12/jumlah-warga-miskin-tulungagung.html"),
    "bps_kab_malang_2024": ("Profil kemiskinan Kabupaten Malang 2024 (2021-2024 series)",
                            "BPS Kabupaten Malang, via jatimtimes.com", 2024,
                            "https://jatimtimes.com/amp/baca/317948/20240806/211400/"
                            "dalam-4-tahun-terakhir-kemiskinan-kabupaten-malang-terus-mengalami-penurunan"),
    "bps_lumajang_2022": ("Kemiskinan Lumajang Maret 2022 dan 2023", "BPS Kabupaten Lumajang, via lumajangsatu.com",
                          2023, "https://lumajangsatu.com/baca-17171-luar-biasa-angka-kemiskinan-lumajang-tersisa-893-persen-saja"),
    "bps_jember_2022": ("Kemiskinan Jember Maret 2022", "BPS Kabupaten Jember, via jurnalbesuki.com", 2022,
                        "https://www.jurnalbesuki.com/2022/12/data-bps-angka-kemiskinan-jember.html"),
    "bps_banyuwangi_2022": ("Persentase penduduk miskin Banyuwangi 2022 dan 2023", "BPS Kabupaten Banyuwangi, via "
                            "jatimterkini.com", 2023,
                            "https://jatimterkini.com/jelang-pemilu-2024-kemiskinan-di-banyuwangi-diklaim-menurun/"),
    "bps_kab_pasuruan_2022": ("Angka kemiskinan Kabupaten Pasuruan 2020-2022",
                              "BPS Kabupaten Pasuruan, via Radar Bromo",
                              2023, "https://radarbromo.jawapos.com/daerah/pasuruan/30/03/2023/"
                              "naik-saat-pandemi-angka-kemiskinan-di-kab-pasuruan-kini-turun/"),
    "bps_sidoarjo_2022": ("Penduduk miskin Sidoarjo 2022", "BPS Kabupaten Sidoarjo, via Radar Sidoarjo", 2023,
                          "https://radarsidoarjo.jawapos.com/kota-delta/17/03/2023/"
                          "penduduk-miskin-sidoarjo-turun-11-persen-perlu-genjot-upaya-pengentasan/"),
    "bps_kab_mojokerto_2022": ("Angka kemiskinan Kabupaten Mojokerto 2022 (Susenas)", "BPS, via Surya", 2023,
                               "https://surabaya.tribunnews.com/amp/2023/02/28/"
                               "angka-kemiskinan-2022-971-persen-pemkab-mojokerto-akan-maksimalkan-bansos-yang-tepat-sasaran"),
    "bps_jombang_2022": ("Data dan Informasi Kemiskinan Kabupaten/Kota 2022 (Jombang)", "BPS, via jatimpos.co", 2023,
                         "https://jatimpos.co/jatim/mataraman/12065-"
                         "bappeda-paparkan-kinerja-penanggulangan-kemiskinan-di-kabupaten-jombang"),
    "bps_tuban_2022": ("Kemiskinan Tuban Maret 2022", "BPS Kabupaten Tuban, via tubankab.go.id", 2022,
                       "https://tubankab.go.id/entry/angka-kemiskinan-di-tuban-turun-ini-faktor-penyebabnya"),
    "bps_jatim_gresik_2022": ("Persentase penduduk miskin Gresik, Sidoarjo, Surabaya 2022-2024", "BPS Provinsi Jawa "
                              "Timur, via klikjatim.com", 2024,
                              "https://klikjatim.com/news-36851-perbandingan-jumlah-penduduk-miskin-di-kabupaten-gresik-"
                              "dengan-surabaya-dan-sidoarjo-tahun-2024-mana-yang-terbanyak"),
    "bps_kota_kediri_2022": ("Tingkat kemiskinan Kota Kediri 2020-2024", "BPS Kota Kediri, via Satu Data Kediri", 2024,
                             "https://satudata.kedirikota.go.id/data_iku/detail/23-tingkat-kemiskinan"),
    "bps_kota_blitar_2022": ("Penduduk miskin Kota Blitar Maret 2022", "BPS Kota Blitar, via Radar Tulungagung", 2023,
                             "https://radartulungagung.co.id/"
                             "dampak-pemulihan-ekonomi-pascapandemi-penduduk-miskin-kota-blitar-turun-052-persen/"),
    "bps_kota_malang_2022": ("Angka kemiskinan Kota Malang 2022", "BPS Kota Malang, via Liputan6", 2022,
                             "https://liputan6.com/surabaya/read/5142162/"
                             "angka-kemiskinan-di-kota-malang-2022-menurun-jadi-437-persen"),
    "bps_kota_probolinggo_2022": ("Persentase penduduk miskin Kota Probolinggo 2022", "BPS Kota Probolinggo, via "
                                  "tadatodays.com", 2022,
                                  "https://tadatodays.com/detail/bps-angka-kemiskinan-di-kota-probolinggo-turun-jadi-665-persen"),
    "bps_kota_pasuruan_2022": ("Angka kemiskinan Kota Pasuruan 2022", "BPS Kota Pasuruan, via Radar Bromo", 2023,
                               "https://radarbromo.jawapos.com/daerah/pasuruan/03/03/2023/"
                               "angka-kemiskinan-di-kota-pasuruan-637-persen-dari-jumlah-penduduk/"),
    "bps_surabaya_2023": ("Profil Kemiskinan di Kota Surabaya Maret 2023 (BRS No. 11/10/3578/Th.VI)",
                          "BPS Kota Surabaya", 2023, "https://id.scribd.com/document/714949449/Data-metpen"),
    "bps_batu_2023": ("Angka kemiskinan Kota Batu 2022-2023", "BPS Kota Batu, via portaljtv.com", 2023,
                      "https://portaljtv.com/news/inflasi-terjaga-angka-kemiskinan-dan-pengangguran-di-kota-batu-terendah-di-jatim"),
    "bps_jatim_poverty_2022": ("Profil Kemiskinan Jawa Timur Maret 2022", "BPS Provinsi Jawa Timur, via bongkah.id",
                               2022, "https://bongkah.id/16/07/2022/"
                               "jumlah-penduduk-miskin-jatim-turun-sedikit-jadi-418-juta-ini-penyebabnya"),
}


@dataclass(frozen=True)
class Target:
    """One figure the synthetic province is calibrated to: a share in percent
    (or a ratio), its source (None: assumed, reason given) and the tolerance in
    points within which the generated value counts as realistic."""

    key: str
    label: str
    value: float
    tolerance: float
    source: str | None
    year: int
    note: str = ""


# Province-wide targets. Shares of persons are over members of interviewed
# families; shares of families over interviewed families.
TARGETS = (
    Target("age_0_14", "Penduduk umur 0-14 (% penduduk)", 20.15, 2.0, "sp2020_jatim", 2020,
           "100 - 71.65 (15-64) - 8.20 (65+)"),
    Target("age_15_64", "Penduduk umur 15-64 (% penduduk)", 71.65, 2.0, "sp2020_jatim", 2020),
    Target("age_60_plus", "Penduduk umur 60+ (% penduduk)", 13.57, 2.0, "ikr_jatim_2021", 2021),
    Target("sex_ratio", "Rasio jenis kelamin (laki-laki per 100 perempuan)", 99.60, 2.0, "sp2020_jatim", 2020),
    Target("aps_7_12", "Angka partisipasi sekolah 7-12 (%)", 99.40, 2.0, "aps_2021", 2021),
    Target("aps_13_15", "Angka partisipasi sekolah 13-15 (%)", 97.76, 2.0, "aps_2021", 2021),
    Target("aps_16_18", "Angka partisipasi sekolah 16-18 (%)", 74.14, 2.0, "aps_2021", 2021),
    Target("fuel_lpg", "Memasak dengan LPG, semua ukuran (% keluarga)", 82.78, 2.0, "fuel_2021", 2021,
           "Indonesia; no East Java figure found"),
    Target("fuel_firewood", "Memasak dengan kayu bakar (% keluarga)", 11.76, 2.0, "fuel_2021", 2021,
           "Indonesia; no East Java figure found"),
    Target("fuel_electric", "Memasak dengan listrik (% keluarga)", 0.76, 1.0, "fuel_2021", 2021,
           "Indonesia; no East Java figure found"),
    Target("family_size", "Anggota per keluarga diwawancarai", 3.33, 0.1, None, 2022,
           "assumed: 41.9 million people in 12-13 million Kartu Keluarga"),
    Target("female_head", "Kepala keluarga perempuan (% keluarga)", 15.0, 2.0, None, 2022,
           "assumed: no East Java figure found; widows and single elderly women head about one family in seven"),
    Target("disability", "Penyandang disabilitas (% penduduk)", 5.0, 1.0, None, 2022,
           "assumed: no East Java figure found; functional-difficulty surveys find a few percent, rising with age"),
    Target("pkh", "Penerima PKH (% keluarga)", 10.0, 2.0, None, 2022,
           "assumed: no East Java KPM count found; about one family in ten, poorer regencies more"),
    Target("bpnt", "Penerima BPNT/Sembako (% keluarga)", 19.0, 2.0, None, 2022,
           "assumed: no East Java KPM count found; about one family in five, poorer regencies more"),
    Target("pbi_jk", "Penerima PBI-JK (% keluarga)", 30.0, 2.0, None, 2022,
           "assumed: no East Java figure found; premium paid for about a third of families"),
)
TARGETS_BY_KEY = {t.key: t for t in TARGETS}
# Poverty ranks of the 38 regencies: generated vs published, Spearman at least this.
POVERTY_RANK_MIN_SPEARMAN = 0.9
