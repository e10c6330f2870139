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
    "nav_section_monitoring": ("Pemantauan lapangan", "Field monitoring"),
    "nav_section_targeting": ("Sasaran program", "Programme targeting"),
    "nav_section_admin": ("Administrasi", "Administration"),
    "page_overview_title": ("Ringkasan", "Overview"),
    "page_coverage_title": ("Cakupan pendataan", "Enumeration coverage"),
    "page_progress_title": ("Kemajuan harian", "Daily progress"),
    "page_officers_title": ("Kinerja petugas", "Officer performance"),
    "page_map_title": ("Peta", "Map"),
    "page_quality_title": ("Kualitas data", "Data quality"),
    "page_targets_title": ("Daftar sasaran", "Target lists"),
    "page_mistargeting_title": ("Salah sasaran", "Mistargeting"),
    "page_admin_title": ("Administrasi", "Administration"),
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
    # --- officers, map and data-quality pages ---
    "mon_all_regencies": ("Semua kab/kota dalam wewenang Anda", "All regencies you may see"),
    "mon_area": ("Wilayah", "Area"),
    "mon_download_csv": ("Unduh CSV", "Download CSV"),
    "mon_download_note": ("Setiap unduhan dicatat dalam log audit.", "Every download is recorded in the audit log."),
    "mon_none": ("Tidak ada.", "None."),
    "mon_col_kab_code": ("Kode kab/kota", "Regency code"),
    "mon_col_kec_code": ("Kode kecamatan", "Kecamatan code"),
    "mon_col_desa_code": ("Kode desa", "Desa code"),
    "mon_col_ppl_id": ("ID PPL", "PPL id"),
    "mon_col_pml_id": ("ID PML", "PML id"),
    "mon_col_nama": ("Nama", "Name"),
    "mon_col_sls": ("SLS", "SLS"),
    "mon_col_target": ("Target keluarga", "Target families"),
    "mon_col_visited": ("Dikunjungi", "Visited"),
    "mon_col_remaining": ("Sisa", "Remaining"),
    "mon_col_days_worked": ("Hari kerja", "Days worked"),
    "mon_col_visits_per_day": ("Keluarga per hari kerja", "Families per working day"),
    "mon_col_last_visit": ("Kunjungan terakhir", "Last visit"),
    "mon_col_days_since_last_visit": ("Hari sejak kunjungan terakhir", "Days since last visit"),
    "mon_col_tgl_berhenti": ("Tanggal berhenti", "Dropped out on"),
    "mon_col_dropped_out": ("Berhenti", "Dropped out"),
    "mon_col_median_target": ("Median target", "Median target"),
    "mon_col_load_ratio": ("Rasio beban", "Load ratio"),
    "mon_col_ppl": ("Jumlah PPL", "PPL"),
    "mon_col_checked": ("Diperiksa PML", "Checked by PML"),
    "mon_col_backlog": ("Belum diperiksa", "Not yet checked"),
    "mon_col_backlog_over_3_days": ("Menunggu > 3 hari", "Waiting > 3 days"),
    "mon_col_oldest_unchecked_visit": ("Kunjungan tertua belum diperiksa", "Oldest unchecked visit"),
    "mon_col_area_name": ("Wilayah", "Area"),
    "mon_col_percent_visited": ("% dikunjungi", "% visited"),
    "mon_col_case_no": ("No. kasus", "Case no."),
    "mon_col_keluarga_id": ("ID keluarga", "Family id"),
    "mon_col_day": ("Tanggal", "Date"),
    "mon_col_value": ("Nilai", "Value"),
    "mon_col_detail": ("Keterangan", "Detail"),
    "officers_intro": (
        "Kinerja PPL dan PML sampai tanggal snapshot.",
        "PPL and PML performance up to the snapshot date.",
    ),
    "officers_metric_active": ("PPL yang sudah berkunjung", "PPL who have visited"),
    "officers_metric_median": ("Median keluarga per hari kerja", "Median families per working day"),
    "officers_metric_inactive": ("PPL tidak aktif", "Inactive PPL"),
    "officers_metric_inactive_help": ("{dropped} di antaranya berhenti", "{dropped} of them dropped out"),
    "officers_metric_overloaded": ("PPL beban berlebih", "Overloaded PPL"),
    "officers_metric_backlog": ("Keluarga belum diperiksa PML", "Families not yet checked by PML"),
    "officers_tab_productivity": ("Produktivitas", "Productivity"),
    "officers_tab_inactive": ("Tidak aktif", "Inactive"),
    "officers_tab_overloaded": ("Beban berlebih", "Overloaded"),
    "officers_tab_backlog": ("Tunggakan PML", "PML backlog"),
    "officers_productivity_caption": (
        "Keluarga dikunjungi per PPL dibagi hari dengan kunjungan.",
        "Families visited per PPL divided by days with visits.",
    ),
    "officers_histogram_x": ("Keluarga per hari kerja", "Families per working day"),
    "officers_histogram_y": ("Jumlah PPL", "Number of PPL"),
    "officers_inactive_caption": (
        "PPL tanpa kunjungan dalam {days} hari lapangan terakhir yang bebannya belum selesai (termasuk yang berhenti).",
        "PPL with no visit in the last {days} field days who have not finished their workload (drop-outs included).",
    ),
    "officers_overloaded_caption": (
        "PPL dengan target lebih dari {ratio} kali median target PPL di wilayah ini.",
        "PPL whose target exceeds {ratio} times the median PPL target in this area.",
    ),
    "officers_backlog_caption": (
        "Per PML: keluarga yang sudah dikunjungi PPL tetapi belum diperiksa PML.",
        "Per PML: families visited by its PPL but not yet checked by the PML.",
    ),
    "map_intro": (
        "Persentase keluarga sasaran yang sudah dikunjungi. Pilih kab/kota untuk melihat per desa.",
        "Share of target families visited. Choose a regency to see its desa.",
    ),
    "map_level_kec": ("Per kecamatan", "By kecamatan"),
    "map_level_desa": ("Per desa, {kab}", "By desa, {kab}"),
    "map_tooltip": (
        "<b>{name}</b><br/>Target: {target}<br/>Dikunjungi: {visited}<br/>{percent}",
        "<b>{name}</b><br/>Target: {target}<br/>Visited: {visited}<br/>{percent}",
    ),
    "map_legend": ("Keluarga dikunjungi / target", "Families visited / target"),
    "map_band_lt25": ("< 25%", "< 25%"),
    "map_band_25_50": ("25-50%", "25-50%"),
    "map_band_50_75": ("50-75%", "50-75%"),
    "map_band_75_90": ("75-90%", "75-90%"),
    "map_band_ge90": ("≥ 90%", "≥ 90%"),
    "map_band_hidden": ("disembunyikan (< 10 keluarga)", "hidden (< 10 families)"),
    "map_empty": ("Tidak ada SLS di wilayah ini dalam snapshot.", "No SLS in this area in the snapshot."),
    "map_points_note": (
        "Titik adalah lokasi pusat wilayah; ukurannya tetap.",
        "Points mark the centre of each area; their size is fixed.",
    ),
    "quality_intro": ("Temuan pemeriksaan kualitas data di wilayah Anda.", "Data-quality findings in your area."),
    "quality_kind_nik_multi_family": ("NIK di lebih dari satu keluarga", "NIK in more than one family"),
    "quality_kind_far_geotag": (
        "Geotag jauh dari titik desa (> {far_km} km)",
        "Geotag far from the desa point (> {far_km} km)",
    ),
    "quality_kind_odd_hour": ("Kunjungan di luar jam {hours}", "Visits outside {hours}"),
    "quality_kind_big_household": (
        "Keluarga dengan lebih dari {size} anggota",
        "Families with more than {size} members",
    ),
    "quality_kind_stage_order": ("Urutan tanggal tahapan tidak wajar", "Stage dates out of order"),
    "quality_kind_ppl_day_overload": (
        "PPL dengan lebih dari {visits} kunjungan dalam sehari",
        "PPL with more than {visits} visits in one day",
    ),
    "quality_cases": ("Kasus", "Cases"),
    "quality_families": ("Keluarga terlibat", "Families involved"),
    "quality_check": ("Pemeriksaan", "Check"),
    "quality_pick": ("Tampilkan daftar", "Show the list of"),
    "quality_stage_order_note": (
        "Snapshot dengan tanggal tahapan tidak berurutan ditolak saat ingest, sehingga nilai ini selalu 0.",
        "Ingest refuses snapshots whose stage dates are out of order, so this is always 0.",
    ),
    "quality_nik_note": (
        "NIK ditampilkan tersamar; baris dengan nomor kasus sama memakai NIK yang sama.",
        "NIKs are shown masked; rows with the same case number share one NIK.",
    ),
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
