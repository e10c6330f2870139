"""The one translation table of the UI: key -> (Bahasa Indonesia, English).

Bahasa Indonesia is the default. One entry per line, grouped by page, so
additions from different pages merge without conflicts.
"""

from __future__ import annotations

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    # --- app shell: titles, navigation ---
    "app_title": ("Regsosek Jawa Timur", "Regsosek East Java"),
    "nav_section_home": ("Mulai", "Start"),
    "nav_section_monitoring": ("Pemantauan lapangan", "Field monitoring"),
    "nav_section_targeting": ("Sasaran program", "Programme targeting"),
    "nav_section_admin": ("Administrasi", "Administration"),
    "page_home_title": ("Beranda", "Home"),
    "page_overview_title": ("Ringkasan", "Overview"),
    "page_coverage_title": ("Cakupan pendataan", "Enumeration coverage"),
    "page_progress_title": ("Kemajuan harian", "Daily progress"),
    "page_officers_title": ("Kinerja petugas", "Officer performance"),
    "page_map_title": ("Peta", "Map"),
    "page_quality_title": ("Kualitas data", "Data quality"),
    "page_targets_title": ("Daftar sasaran", "Target lists"),
    "page_mistargeting_title": ("Salah sasaran", "Mistargeting"),
    "page_admin_title": ("Administrasi", "Administration"),
    # --- home page ---
    "home_welcome": ("Selamat datang, {name}.", "Welcome, {name}."),
    "home_role_gubernur": (
        "Kantor Gubernur: kemajuan dan cakupan pendataan se-provinsi, peta, dan salah"
        " sasaran bantuan. Hanya angka agregat; angka di bawah 10 ditampilkan sebagai \"<10\".",
        "Governor's office: province-wide progress and coverage, maps, and"
        " mistargeted aid. Aggregates only; counts under 10 are shown as \"<10\".",
    ),
    "home_role_bps_provinsi": (
        "BPS Provinsi: semua halaman pemantauan, kinerja petugas,"
        " kualitas data, daftar sasaran (NIK disamarkan) dan salah sasaran.",
        "BPS province: every monitoring page, officer"
        " performance, data quality, target lists (masked NIK) and mistargeting.",
    ),
    "home_role_bps_kabkota": (
        "BPS kabupaten/kota: halaman yang sama dengan BPS Provinsi, terbatas pada wilayah Anda: {areas}.",
        "BPS kab/kota: the same pages as BPS province, limited to your area: {areas}.",
    ),
    "home_role_mitra_csr": (
        "Mitra CSR: daftar sasaran keluarga di wilayah yang diizinkan"
        " ({areas}), dengan identitas tersamar; setiap unduhan dicatat.",
        "CSR partner: target lists of families in your allowed areas"
        " ({areas}), with masked identities; every download is logged.",
    ),
    "home_role_admin": (
        "Admin: snapshot yang diterbitkan, pemuatan snapshot baru, pengguna, dan log audit.",
        "Admin: published snapshots, ingesting new snapshots, users, and the audit log.",
    ),
    "home_your_pages": ("Halaman Anda", "Your pages"),
    "home_operation": (
        "Regsosek 2022 mendata seluruh keluarga di Jawa Timur dari"
        " {start} sampai {end} oleh {workforce} petugas (PPL, PML, Koseka).",
        "Regsosek 2022 enumerated every family in East Java from"
        " {start} to {end} with {workforce} field officers (PPL, PML, Koseka).",
    ),
    # --- app shell: login, refusal ---
    "login_title": ("Masuk", "Sign in"),
    "login_intro": (
        "Dasbor Registrasi Sosial Ekonomi 2022 Provinsi Jawa Timur. Masuk dengan akun yang diberikan admin.",
        "Dashboard of the 2022 Socio-Economic Registration of East Java. Sign in with the account your admin gave you.",
    ),
    "login_username": ("Nama pengguna", "Username"),
    "login_password": ("Kata sandi", "Password"),
    "login_submit": ("Masuk", "Sign in"),
    "login_failed": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "login_locked": (
        "Terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit.",
        "Too many failed attempts. Try again in {minutes} minutes.",
    ),
    "login_account_invalid": (
        "Akun ini tidak lagi berlaku. Hubungi admin.",
        "This account is no longer valid. Contact your admin.",
    ),
    "refused_title": ("Akses ditolak", "Access refused"),
    "refused_body": (
        "Peran Anda ({role}) tidak berhak membuka halaman ini.",
        "Your role ({role}) may not open this page.",
    ),
    # --- app shell: sidebar ---
    "sidebar_signed_in_as": ("Masuk sebagai **{name}** ({role})", "Signed in as **{name}** ({role})"),
    "sidebar_language": ("Bahasa", "Language"),
    "sidebar_logout": ("Keluar", "Sign out"),
    "sidebar_snapshot": ("Data yang ditampilkan", "Data shown"),
    "sidebar_snapshot_pick": ("Pilih snapshot", "Choose snapshot"),
    "sidebar_snapshot_option": ("per {as_of} ({snapshot_id})", "as of {as_of} ({snapshot_id})"),
    "sidebar_snapshot_live": ("{label} · aktif", "{label} · live"),
    "sidebar_as_of": ("Keadaan per **{as_of}**", "State as of **{as_of}**"),
    "sidebar_campaign_day": ("Hari ke-{day} dari {days} masa pendataan", "Day {day} of the {days}-day fieldwork"),
    "sidebar_after_campaign": (
        "{days} hari setelah pendataan lapangan ditutup",
        "{days} days after fieldwork closed",
    ),
    "sidebar_published": ("Diterbitkan {published_at}", "Published {published_at}"),
    "sidebar_scaled_demo": ("Demo berskala ({pct}% dari skala penuh)", "Scaled demo ({pct}% of full scale)"),
    "sidebar_full_scale": ("Skala penuh", "Full scale"),
    "no_snapshot": (
        "Belum ada snapshot yang diterbitkan. Admin perlu memuat snapshot terlebih dahulu.",
        "No snapshot has been published yet. An admin needs to ingest one first.",
    ),
    "demo_building": ("Menyiapkan data demo…", "Preparing the demo data…"),
    "demo_built": ("Data demo siap.", "Demo data ready."),
    # --- role names ---
    "role_gubernur": ("Kantor Gubernur", "Governor's office"),
    "role_bps_provinsi": ("BPS Provinsi", "BPS Province"),
    "role_bps_kabkota": ("BPS Kabupaten/Kota", "BPS Regency/City"),
    "role_mitra_csr": ("Mitra CSR", "CSR partner"),
    "role_admin": ("Admin", "Admin"),
    # --- admin page ---
    "admin_snapshots": ("Snapshot yang diterbitkan", "Published snapshots"),
    "admin_snapshots_none": ("Belum ada snapshot yang diterbitkan.", "No snapshot published yet."),
    "admin_col_as_of": ("Per tanggal", "As of"),
    "admin_col_snapshot_id": ("ID snapshot", "Snapshot id"),
    "admin_col_rows": ("Jumlah baris", "Row counts"),
    "admin_col_scale": ("Skala", "Scale"),
    "admin_col_published_at": ("Diterbitkan", "Published"),
    "admin_col_live": ("Aktif", "Live"),
    "admin_set_live": ("Snapshot aktif untuk semua pengguna", "Live snapshot for all users"),
    "admin_set_live_submit": ("Jadikan aktif", "Make live"),
    "admin_set_live_done": ("Snapshot {snapshot_id} sekarang aktif.", "Snapshot {snapshot_id} is now live."),
    "admin_users": ("Pengguna dan peran", "Users and roles"),
    "admin_users_none": ("Belum ada pengguna.", "No users yet."),
    "admin_col_username": ("Nama pengguna", "Username"),
    "admin_col_name": ("Nama", "Name"),
    "admin_col_role": ("Peran", "Role"),
    "admin_col_kab": ("Kabupaten/kota", "Regencies"),
    "admin_col_programmes": ("Program", "Programmes"),
    "admin_users_cli_hint": (
        "Pengguna ditambah dan kata sandi diganti lewat baris perintah: `python -m regsosek user --help`.",
        "Users are added and passwords changed on the command line: `python -m regsosek user --help`.",
    ),
    "admin_all_kab": ("semua", "all"),
    "admin_ingest": ("Muat folder snapshot", "Ingest a snapshot folder"),
    "admin_ingest_where": (
        "Letakkan folder snapshot (berisi manifest.json) di `{folder}`.",
        "Put snapshot folders (each with a manifest.json) in `{folder}`.",
    ),
    "admin_ingest_none": ("Tidak ada folder snapshot di sana.", "No snapshot folder there."),
    "admin_ingest_folder": ("Folder", "Folder"),
    "admin_ingest_submit": ("Validasi dan terbitkan", "Validate and publish"),
    "admin_ingest_running": ("Memvalidasi dan menerbitkan…", "Validating and publishing…"),
    "admin_ingest_ok": ("Snapshot {snapshot_id} diterbitkan.", "Snapshot {snapshot_id} published."),
    "admin_ingest_failed": ("Snapshot ditolak:", "Snapshot refused:"),
    "admin_ingest_unavailable": (
        "Fitur pemuatan snapshot belum tersedia di instalasi ini.",
        "Snapshot ingestion is not available in this installation.",
    ),
    "admin_audit": ("Log audit", "Audit log"),
    "admin_audit_unavailable": (
        "Log audit belum tersedia di instalasi ini.",
        "The audit log is not available in this installation.",
    ),
    "admin_audit_empty": ("Log audit masih kosong.", "The audit log is empty."),
}


class MissingTranslation(KeyError):
    pass


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The text of `key` in `lang`, formatted with `fmt`. Unknown keys raise: a typo must not reach users."""
    try:
        indonesian, english = TEXT[key]
    except KeyError:
        raise MissingTranslation(key) from None
    text = english if lang == "en" else indonesian
    return text.format(**fmt) if fmt else text
