"""Facts of the Regsosek 2022 operation in East Java: one place for each.

Sources are named beside each fact; the full list is in docs/DATA.md.
"""

from __future__ import annotations

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

# BPS, poverty rate March 2022 (%), where a published figure was found
# (see docs/DATA.md). Province: 10.38 (March 2022).
POVERTY_RATE_PUBLISHED = {
    "3501": 13.80,  # Pacitan
    "3503": 10.96,  # Trenggalek
    "3511": 13.47,  # Bondowoso
    "3513": 17.12,  # Probolinggo
    "3521": 14.15,  # Ngawi
    "3523": 15.02,  # Tuban
    "3524": 12.53,  # Lamongan
    "3526": 19.44,  # Bangkalan
    "3527": 21.61,  # Sampang
    "3528": 13.93,  # Pamekasan
    "3529": 18.76,  # Sumenep
}
POVERTY_RATE_PROVINCE = 10.38
# For the other regencies no figure was at hand: the generator uses these
# assumptions (regional pattern: Mataraman west ~10-12%, Tapal Kuda east
# ~9-12%, cities 3-8%), so that the province-wide rate lands near 10.4%.
POVERTY_RATE_ASSUMED = {
    "3502": 9.8, "3504": 7.6, "3505": 9.4, "3506": 11.6, "3507": 10.4,
    "3508": 9.6, "3509": 10.4, "3510": 8.2, "3512": 12.4, "3514": 9.8,
    "3515": 5.9, "3516": 10.3, "3517": 10.0, "3518": 11.6, "3519": 11.9,
    "3520": 10.3, "3522": 13.8, "3525": 12.4, "3571": 7.6, "3572": 7.4,
    "3573": 4.4, "3574": 7.6, "3575": 6.8, "3576": 6.4, "3577": 5.2,
    "3578": 4.7, "3579": 3.8,
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
