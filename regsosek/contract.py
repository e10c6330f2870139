"""The snapshot contract: tables, columns, types and allowed codes.

One source of truth used by the generator (to write), ingest (to validate) and
docs/DATA.md (to explain; a test keeps the two in step).

A snapshot is one folder per as-of date:

    <as_of>/manifest.json
    <as_of>/keluarga/kab_code=3501/part-0.parquet ...   (hive-partitioned by kab)
    <as_of>/anggota/kab_code=3501/part-0.parquet ...    (hive-partitioned by kab)
    <as_of>/petugas.parquet
    <as_of>/sls.parquet
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regsosek.facts import OUTCOMES, STATUSES

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type name as DESCRIBE reports it
    doc: str
    nullable: bool = False
    allowed: tuple | None = None  # allowed values (codes)
    bounds: tuple | None = None  # inclusive (min, max)
    pattern: str | None = None  # regular expression for VARCHAR codes


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    partitioned_by_kab: bool
    key: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


FLOOR = ("keramik_marmer", "semen_bata", "kayu_papan", "bambu", "tanah")
WALL = ("tembok", "kayu_papan", "bambu_anyaman", "lainnya")
ROOF = ("genteng_beton", "seng_asbes", "kayu_sirap", "ijuk_rumbia")
TOILET = ("sendiri", "bersama", "umum", "tidak_ada")
WATER = ("air_kemasan", "ledeng", "sumur_bor_terlindung", "sumur_tak_terlindung",
         "mata_air_tak_terlindung", "air_sungai_hujan")
SAFE_WATER = ("air_kemasan", "ledeng", "sumur_bor_terlindung")
LIGHTING = ("pln_meteran", "pln_tanpa_meteran", "non_pln")
WATTAGE = (0, 450, 900, 1300, 2200, 3500)
COOKING_FUEL = ("listrik", "lpg_3kg", "lpg_besar", "minyak_tanah", "kayu_bakar", "tidak_memasak")
RELATION = ("kepala", "pasangan", "anak", "menantu", "cucu", "orang_tua", "famili_lain")
SEX = ("L", "P")
SCHOOLING = ("belum_sekolah", "tidak_tamat_sd", "sd", "smp", "sma", "diploma", "s1_plus")
ENROLMENT = ("belum_pernah", "masih_sekolah", "tidak_sekolah_lagi")
WORK = ("bekerja", "mencari_kerja", "sekolah", "mengurus_rt", "tidak_bekerja_lainnya", "belum_usia_kerja")
OFFICER_ROLE = ("PPL", "PML", "KOSEKA")

_MONEY_FLAGS = (
    ("punya_motor", "owns a motorcycle"),
    ("punya_mobil", "owns a car"),
    ("punya_kulkas", "owns a refrigerator"),
    ("punya_ac", "owns an air conditioner"),
    ("punya_smartphone", "a member owns a smartphone"),
    ("punya_lahan", "owns farm land"),
    ("punya_ternak", "owns livestock (cattle, goats)"),
    ("usaha_rumah_tangga", "runs a household business (KUR/PEN candidate)"),
)

_DATE_WINDOW = ("2022-10-15", "2022-12-31")
_VISIT_WINDOW = ("2022-10-15", "2022-11-14")


def _flag(name: str, doc: str) -> Column:
    return Column(name, "BOOLEAN", doc, nullable=True)


KELUARGA = Table(
    "keluarga",
    "One row per family: prelisted (VK1) or new. Interview fields are null until the family "
    "is interviewed (hasil_kunjungan ditemukan or baru).",
    (
        Column("keluarga_id", "VARCHAR", "family id: sls_id + 3-digit sequence (>= 500 for new families)",
               pattern=r"^35\d{15}$"),
        Column("kab_code", "VARCHAR", "kab/kota code (hive partition key)", pattern=r"^35\d{2}$"),
        Column("kec_code", "VARCHAR", "kecamatan code", pattern=r"^35\d{4}$"),
        Column("desa_code", "VARCHAR", "desa/kelurahan code", pattern=r"^35\d{8}$"),
        Column("sls_id", "VARCHAR", "assignment unit: desa_code + 4-digit SLS number", pattern=r"^35\d{12}$"),
        Column("rt", "SMALLINT", "RT number of the address", bounds=(1, 99)),
        Column("rw", "SMALLINT", "RW number of the address", bounds=(1, 99)),
        Column("ppl_id", "VARCHAR", "PPL assigned to the SLS", pattern=r"^35\d{2}-PPL-\d{5}$"),
        Column("prelist", "BOOLEAN", "on the VK1 prelist (false: found as new in the field)"),
        Column("hasil_kunjungan", "VARCHAR", "visit outcome; null before the visit", nullable=True,
               allowed=OUTCOMES),
        Column("status_dokumen", "VARCHAR", "furthest document stage reached by the as-of date",
               allowed=STATUSES),
        Column("tgl_kunjungan", "DATE", "PPL visit date", nullable=True, bounds=_VISIT_WINDOW),
        Column("jam_kunjungan", "TIME", "PPL visit time of day", nullable=True),
        Column("tgl_periksa_pml", "DATE", "PML check date", nullable=True, bounds=_DATE_WINDOW),
        Column("tgl_terima_bps", "DATE", "received at BPS kab/kota", nullable=True, bounds=_DATE_WINDOW),
        Column("tgl_entri", "DATE", "data entry date", nullable=True, bounds=_DATE_WINDOW),
        Column("tgl_validasi", "DATE", "validation date", nullable=True, bounds=_DATE_WINDOW),
        Column("nama_kepala", "VARCHAR", "head of family's name (synthetic)"),
        Column("nik_kepala", "VARCHAR", "head's NIK (synthetic, 16 digits)", pattern=r"^35\d{14}$"),
        Column("jk_kepala", "VARCHAR", "head's sex", allowed=SEX),
        Column("jumlah_art", "SMALLINT", "household members (null until interviewed)", nullable=True,
               bounds=(1, 20)),
        Column("lat", "DOUBLE", "building geotag latitude", nullable=True, bounds=(-8.9, -5.0)),
        Column("lon", "DOUBLE", "building geotag longitude", nullable=True, bounds=(110.8, 116.3)),
        Column("lantai", "VARCHAR", "main floor material", nullable=True, allowed=FLOOR),
        Column("dinding", "VARCHAR", "main wall material", nullable=True, allowed=WALL),
        Column("atap", "VARCHAR", "main roof material", nullable=True, allowed=ROOF),
        Column("luas_lantai_m2", "SMALLINT", "floor area (m2)", nullable=True, bounds=(6, 1000)),
        Column("jamban", "VARCHAR", "toilet facility", nullable=True, allowed=TOILET),
        Column("air_minum", "VARCHAR", "main drinking water source", nullable=True, allowed=WATER),
        Column("penerangan", "VARCHAR", "main lighting source", nullable=True, allowed=LIGHTING),
        Column("daya_listrik", "SMALLINT", "installed electricity (VA); 0 without PLN meter", nullable=True,
               allowed=WATTAGE),
        Column("bahan_bakar_masak", "VARCHAR", "main cooking fuel", nullable=True, allowed=COOKING_FUEL),
        *(_flag(n, d) for n, d in _MONEY_FLAGS),
        _flag("terima_pkh", "receives PKH (conditional cash transfer)"),
        _flag("terima_bpnt", "receives BPNT/Sembako (food assistance)"),
        _flag("terima_blt", "receives BLT (unconditional cash transfer)"),
        _flag("terima_pbi_jk", "health insurance premium paid by the state (PBI-JK)"),
        _flag("terima_subsidi_listrik", "electricity subsidy (450/900 VA)"),
        _flag("terima_lpg_3kg", "uses subsidised 3 kg LPG"),
        _flag("terima_bsu", "receives BSU (wage subsidy)"),
        Column("skor_pmt", "DOUBLE", "proxy-means-test score (higher is better off); null until data entry",
               nullable=True),
        Column("desil", "TINYINT", "welfare decile across the province, 1 = poorest; null until data entry",
               nullable=True, bounds=(1, 10)),
    ),
    partitioned_by_kab=True,
    key=("keluarga_id",),
)

ANGGOTA = Table(
    "anggota",
    "One row per person in an interviewed family.",
    (
        Column("keluarga_id", "VARCHAR", "family id", pattern=r"^35\d{15}$"),
        Column("kab_code", "VARCHAR", "kab/kota code (hive partition key)", pattern=r"^35\d{2}$"),
        Column("no_urut", "TINYINT", "member number within the family; 1 is the head", bounds=(1, 20)),
        Column("nik", "VARCHAR", "NIK: kecamatan code (6) + DDMMYY birth date, day +40 for women (6) "
               "+ serial (4)", pattern=r"^35\d{14}$"),
        Column("nama", "VARCHAR", "name (synthetic)"),
        Column("hubungan", "VARCHAR", "relation to the head", allowed=RELATION),
        Column("jenis_kelamin", "VARCHAR", "sex", allowed=SEX),
        Column("tgl_lahir", "DATE", "birth date", bounds=("1912-01-01", "2022-11-14")),
        Column("umur", "TINYINT", "age in whole years at 15 Oct 2022", bounds=(0, 110)),
        Column("pendidikan", "VARCHAR", "highest schooling completed", allowed=SCHOOLING),
        Column("partisipasi_sekolah", "VARCHAR", "school enrolment", allowed=ENROLMENT),
        Column("status_kerja", "VARCHAR", "main activity in the past week", allowed=WORK),
        Column("disabilitas", "BOOLEAN", "has a disability (functional difficulty)"),
    ),
    partitioned_by_kab=True,
    key=("nik",),
)

PETUGAS = Table(
    "petugas",
    "The field officers. At full scale exactly 67,350.",
    (
        Column("petugas_id", "VARCHAR", "officer id: kab-ROLE-serial", pattern=r"^35\d{2}-(PPL|PML|KOSEKA)-\d{5}$"),
        Column("peran", "VARCHAR", "role", allowed=OFFICER_ROLE),
        Column("kab_code", "VARCHAR", "kab/kota of the assignment", pattern=r"^35\d{2}$"),
        Column("kec_code", "VARCHAR", "kecamatan of the assignment (a Koseka's first kecamatan)",
               pattern=r"^35\d{4}$"),
        Column("supervisor_id", "VARCHAR", "PML of a PPL, Koseka of a PML; null for a Koseka", nullable=True,
               pattern=r"^35\d{2}-(PML|KOSEKA)-\d{5}$"),
        Column("nama", "VARCHAR", "name (synthetic)"),
        Column("tgl_berhenti", "DATE", "date the officer dropped out, if by the as-of date", nullable=True,
               bounds=_VISIT_WINDOW),
    ),
    partitioned_by_kab=False,
    key=("petugas_id",),
)

SLS = Table(
    "sls",
    "Assignment units (satuan lingkungan setempat, RT level). jumlah_prelist is the coverage denominator.",
    (
        Column("sls_id", "VARCHAR", "desa_code + 4-digit SLS number", pattern=r"^35\d{12}$"),
        Column("kab_code", "VARCHAR", "kab/kota code", pattern=r"^35\d{2}$"),
        Column("kec_code", "VARCHAR", "kecamatan code", pattern=r"^35\d{4}$"),
        Column("desa_code", "VARCHAR", "desa code", pattern=r"^35\d{8}$"),
        Column("rt", "SMALLINT", "RT", bounds=(1, 99)),
        Column("rw", "SMALLINT", "RW", bounds=(1, 99)),
        Column("ppl_id", "VARCHAR", "PPL assigned", pattern=r"^35\d{2}-PPL-\d{5}$"),
        Column("jumlah_prelist", "INTEGER", "families on the VK1 prelist", bounds=(1, 1000)),
    ),
    partitioned_by_kab=False,
    key=("sls_id",),
)

TABLES = (KELUARGA, ANGGOTA, PETUGAS, SLS)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# manifest.json keys
MANIFEST_KEYS = (
    "schema_version",  # SCHEMA_VERSION
    "as_of",  # ISO date
    "scale",  # fraction of the full province (1.0 = full)
    "workforce_full",  # 67,350
    "row_counts",  # table -> rows
    "files",  # relative path -> {"sha256": hex, "bytes": n, "rows": n}
    "provenance",  # {"generator": ..., "seed": ..., "created": ...} or the field system's export id
)


def arrow_schema(table: Table, include_partition: bool = False):
    """pyarrow schema for writing a table (partition column left out of part files)."""
    import pyarrow as pa

    types = {
        "VARCHAR": pa.string(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIME": pa.time32("s"),
        "DOUBLE": pa.float64(), "TINYINT": pa.int8(), "SMALLINT": pa.int16(), "INTEGER": pa.int32(),
    }
    return pa.schema([
        pa.field(c.name, types[c.type], nullable=c.nullable)
        for c in table.columns
        if include_partition or not (table.partitioned_by_kab and c.name == "kab_code")
    ])
