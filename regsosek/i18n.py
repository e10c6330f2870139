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
    # --- monitoring pages: overview, coverage, daily progress ---
    "mon_data_unavailable": ("Data snapshot ini belum dapat dibaca.", "This snapshot's data cannot be read yet."),
    "mon_col_area": ("Wilayah", "Area"),
    "mon_col_code": ("Kode", "Code"),
    "mon_col_target": ("Target keluarga", "Target families"),
    "mon_col_visited": ("Dikunjungi", "Visited"),
    "mon_col_percent": ("% dikunjungi", "% visited"),
    "mon_col_plan": ("% rencana", "% planned"),
    "mon_col_gap": ("Selisih thd rencana (poin)", "Gap to plan (points)"),
    "mon_col_ditemukan": ("Ditemukan", "Found"),
    "mon_col_pindah": ("Pindah", "Moved"),
    "mon_col_meninggal": ("Meninggal", "Died"),
    "mon_col_tidak_ditemukan": ("Tidak ditemukan", "Not found"),
    "mon_col_menolak": ("Menolak", "Refused"),
    "mon_col_baru": ("Keluarga baru", "New families"),
    "mon_col_ppl_assigned": ("PPL bertugas", "PPL assigned"),
    "mon_col_ppl_active": ("PPL aktif hari terakhir", "PPL active on the last day"),
    "mon_col_families_per_ppl": ("Keluarga per PPL", "Families per PPL"),
    "mon_col_link": ("Rincian", "Drill down"),
    "mon_link_text": ("buka cakupan", "open coverage"),
    "mon_col_remaining": ("Sisa keluarga", "Families left"),
    "mon_col_needed": ("Perlu per hari", "Needed per day"),
    "mon_col_pace": ("Laju 7 hari (per hari)", "7-day pace (per day)"),
    "mon_col_finish": ("Perkiraan selesai", "Projected finish"),
    "mon_col_at_risk": ("Berisiko", "At risk"),
    "overview_visited": ("Keluarga dikunjungi", "Families visited"),
    "overview_target": ("Target keluarga (prelist + baru)", "Target families (prelist + new)"),
    "overview_percent": ("Cakupan", "Coverage"),
    "overview_vs_plan": ("{gap:+.1f} poin thd rencana", "{gap:+.1f} points vs plan"),
    "overview_days_elapsed": ("Hari berjalan", "Days elapsed"),
    "overview_days_left": ("Hari tersisa", "Days left"),
    "overview_ppl_active": ("PPL aktif hari terakhir", "PPL active on the last day"),
    "overview_workforce": ("Jumlah petugas", "Workforce"),
    "overview_workforce_scaled": (
        "Demo berskala {pct}%: {officers} petugas di snapshot ini mewakili {full} petugas penuh.",
        "Scaled demo ({pct}%): the {officers} officers in this snapshot stand for the full {full}.",
    ),
    "overview_per_ppl_day": ("Keluarga per PPL aktif per hari", "Families per active PPL per day"),
    "overview_finish": ("Perkiraan selesai (laju 7 hari)", "Projected finish (7-day pace)"),
    "overview_finish_none": ("tidak dapat diperkirakan", "cannot be projected"),
    "overview_behind": ("Wilayah di bawah rencana", "Areas behind plan"),
    "overview_behind_title": ("5 wilayah paling tertinggal", "5 areas furthest behind plan"),
    "overview_ahead_title": ("5 wilayah paling depan", "5 areas furthest ahead of plan"),
    "overview_plan_note": (
        "Rencana: garis lurus menuju 100% pada 14 November (hari ke-n / 31).",
        "Plan: a straight line to 100% on 14 November (day n / 31).",
    ),
    "coverage_all": ("(semua)", "(all)"),
    "coverage_pick_kab": ("Kabupaten/kota", "Regency/city"),
    "coverage_pick_kec": ("Kecamatan", "Kecamatan"),
    "coverage_pick_desa": ("Desa/kelurahan", "Desa/kelurahan"),
    "coverage_outside_scope": (
        "Wilayah pada tautan berada di luar wilayah kerja Anda; yang ditampilkan wilayah Anda sendiri.",
        "The area in the link is outside your area; your own area is shown instead.",
    ),
    "coverage_table": ("Cakupan per wilayah", "Coverage by area"),
    "coverage_sls_table": ("Cakupan per SLS", "Coverage by SLS"),
    "coverage_chart_target": ("Target", "Target"),
    "coverage_chart_visited": ("Dikunjungi", "Visited"),
    "coverage_flags": ("Perlu perhatian", "Needs attention"),
    "coverage_flags_none": ("Tidak ada wilayah yang ditandai.", "No area is flagged."),
    "coverage_flags_note": (
        "Ditandai bila: dikunjungi melebihi target; ada SLS yang belum mulai; jumlah keluarga kab/kota "
        "menyimpang lebih dari {tolerance}% dari perkiraan (penduduk / rata-rata anggota keluarga x skala).",
        "Flagged when: visited exceeds target; some SLS not yet started; a regency's family count departs "
        "by more than {tolerance}% from the estimate (population / mean family size x scale).",
    ),
    "coverage_col_sls": ("SLS", "SLS"),
    "coverage_col_sls_not_started": ("SLS belum mulai", "SLS not started"),
    "coverage_col_estimate": ("Perkiraan keluarga", "Estimated families"),
    "coverage_col_estimate_diff": ("Selisih thd perkiraan (%)", "Difference from estimate (%)"),
    "coverage_col_over_target": ("Melebihi target", "Over target"),
    "coverage_col_departs": ("Menyimpang dari perkiraan", "Departs from estimate"),
    "coverage_col_rt": ("RT", "RT"),
    "coverage_col_rw": ("RW", "RW"),
    "coverage_col_ppl": ("PPL", "PPL"),
    "coverage_workforce": ("Petugas dan beban kerja", "Officers and workload"),
    "coverage_workforce_note": (
        "Tipis: lebih dari {limit} keluarga target per PPL yang masih bertugas.",
        "Thin: more than {limit} target families per PPL still working.",
    ),
    "coverage_col_koseka": ("Koseka", "Koseka"),
    "coverage_col_pml": ("PML", "PML"),
    "coverage_col_ppl_dropped": ("PPL berhenti", "PPL dropped out"),
    "coverage_col_ppl_working": ("PPL bertugas", "PPL working"),
    "coverage_col_remaining_per_ppl": ("Sisa keluarga per PPL", "Families left per PPL"),
    "coverage_col_thin": ("Tipis", "Thin"),
    "progress_pick_area": ("Wilayah", "Area"),
    "progress_all_area": ("Seluruh wilayah Anda", "All of your area"),
    "progress_cum_title": ("Persentase kumulatif dikunjungi vs rencana", "Cumulative percent visited vs plan"),
    "progress_actual": ("Realisasi", "Actual"),
    "progress_plan": ("Rencana", "Plan"),
    "progress_daily_title": ("Kunjungan baru per hari", "New visits per day"),
    "progress_pipeline_title": ("Alur dokumen per tahap", "Document pipeline by stage"),
    "progress_stage_visited": ("Dikunjungi", "Visited"),
    "progress_stage_pml_checked": ("Diperiksa PML", "PML-checked"),
    "progress_stage_received": ("Diterima BPS", "Received at BPS"),
    "progress_stage_entered": ("Dientri", "Entered"),
    "progress_stage_validated": ("Divalidasi", "Validated"),
    "progress_day": ("Tanggal", "Date"),
    "progress_families": ("Keluarga", "Families"),
    "progress_forecast_title": ("Perkiraan per wilayah", "Forecast by area"),
    "progress_forecast_note": (
        "Berisiko: dengan laju 7 hari terakhir tidak selesai sampai 14 November.",
        "At risk: at the last 7 days' pace it does not finish by 14 November.",
    ),
    "progress_compare_title": ("Perbandingan dengan snapshot lain", "Comparison with another snapshot"),
    "progress_compare_pick": ("Snapshot pembanding", "Snapshot to compare with"),
    "progress_compare_none": ("Belum ada snapshot lain yang diterbitkan.", "No other snapshot is published yet."),
    "progress_col_then": ("Dikunjungi ({as_of})", "Visited ({as_of})"),
    "progress_col_now": ("Dikunjungi ({as_of})", "Visited ({as_of})"),
    "progress_col_delta": ("Perubahan", "Change"),
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
