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
    "login_session_ended": (
        "Sesi Anda telah berakhir (keluar, kata sandi diganti, atau kedaluwarsa). Silakan masuk lagi.",
        "Your session has ended (signed out, password changed, or expired). Please sign in again.",
    ),
    "login_no_users": (
        "Belum ada pengguna, jadi tidak ada yang bisa masuk. Admin: tambahkan pengguna di server dengan"
        " `python -m regsosek user add NAMA --role PERAN --name \"...\" --password-stdin`"
        " (atau `python -m regsosek demo` untuk akun demo).",
        "There are no users yet, so nobody can sign in. Admin: add users on the server with"
        " `python -m regsosek user add USERNAME --role ROLE --name \"...\" --password-stdin`"
        " (or `python -m regsosek demo` for the demo accounts).",
    ),
    "refused_title": ("Akses ditolak", "Access refused"),
    "refused_body": (
        "Peran Anda ({role}) tidak berhak membuka halaman ini.",
        "Your role ({role}) may not open this page.",
    ),
    # --- app database (store) ---
    "store_unavailable_title": ("Basis data aplikasi tidak tersedia", "The app database is unavailable"),
    "store_unavailable": (
        "Basis data aplikasi tidak dapat dihubungi atau sedang terkunci. Tidak ada yang disimpan atau diubah."
        " Coba lagi sebentar lagi; halaman akan berfungsi kembali begitu basis data tersedia.",
        "The app database cannot be reached or is locked. Nothing was saved or changed."
        " Try again in a moment; the page works again as soon as the database is back.",
    ),
    # --- app shell: sidebar ---
    "sidebar_signed_in_as": ("Masuk sebagai **{name}** ({role})", "Signed in as **{name}** ({role})"),
    "sidebar_language": ("Bahasa", "Language"),
    "sidebar_logout": ("Keluar", "Sign out"),
    "sidebar_snapshot": ("Data yang ditampilkan", "Data shown"),
    "sidebar_snapshot_pick": ("Pilih snapshot", "Choose snapshot"),
    "sidebar_snapshot_option": ("per {as_of}", "as of {as_of}"),
    "sidebar_snapshot_option_same_day": ("per {as_of} ({short_id})", "as of {as_of} ({short_id})"),
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
    "body_as_of": ("Data per **{as_of}**", "Data as of **{as_of}**"),
    "body_scaled_demo": ("demo berskala {pct}", "scaled demo, {pct}"),
    "body_share": ("Bagikan", "Share"),
    "body_share_help": ("Tautan tampilan ini (snapshot, bahasa, filter):", "Link to this view (with its filters):"),
    "sidebar_demo_account": (
        "Akun demo: kata sandinya diterbitkan di README. Jangan dipakai di instalasi sungguhan.",
        "Demo account: its password is published in the README. Not for a real installation.",
    ),
    "no_snapshot": (
        "Belum ada snapshot yang diterbitkan. Admin perlu memuat snapshot terlebih dahulu.",
        "No snapshot has been published yet. An admin needs to ingest one first.",
    ),
    # --- exported files: header block ---
    "export_user": ("Pengguna", "User"),
    "export_role": ("Peran", "Role"),
    "export_created": ("Dibuat", "Created"),
    "export_snapshot_as_of": ("Data per", "Data as of"),
    "export_snapshot_id": ("Snapshot", "Snapshot"),
    "export_filters": ("Filter", "Filters"),
    "export_purpose": ("Tujuan", "Purpose"),
    "export_sheet": ("data", "data"),
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
    "admin_col_username": ("Nama pengguna", "Username"),
    "admin_col_name": ("Nama", "Name"),
    "admin_col_role": ("Peran", "Role"),
    "admin_col_kab": ("Kabupaten/kota", "Regencies"),
    "admin_col_programmes": ("Program", "Programmes"),
    "admin_users_cli_hint": (
        "Pengguna ditambah, dihapus, dan kata sandi diganti lewat baris perintah: `python -m regsosek user --help`.",
        "Users are added, deleted and passwords changed on the command line: `python -m regsosek user --help`.",
    ),
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
    "admin_audit": ("Log audit", "Audit log"),
    "admin_audit_empty": ("Log audit masih kosong.", "The audit log is empty."),
    "admin_audit_intact": (
        "Log audit utuh: {records} catatan; kepala seq {seq}, hash `{hash}`. Catat kepala ini untuk"
        " dibandingkan nanti.",
        "Audit log intact: {records} records; head seq {seq}, hash `{hash}`. Note the head to compare later.",
    ),
    "admin_audit_broken": (
        "Log audit RUSAK: {problem}. Kepala yang terbaca: seq {seq}, hash `{hash}`.",
        "Audit log BROKEN: {problem}. Head as read: seq {seq}, hash `{hash}`.",
    ),
    "admin_col_demo": ("Akun demo", "Demo account"),
    "admin_demo_users_present": (
        "Ada akun demo dengan kata sandi yang diterbitkan di README. Di instalasi sungguhan hapus dengan"
        " `python -m regsosek user delete NAMA`.",
        "There are demo accounts whose passwords are published in the README. On a real installation delete them"
        " with `python -m regsosek user delete USERNAME`.",
    ),
    # --- targets page (daftar sasaran) ---
    "targets_preset": ("Pilihan cepat", "Preset"),
    "targets_preset_placeholder": ("Pilih pilihan cepat…", "Choose a preset…"),
    "targets_preset_apply": ("Terapkan", "Apply"),
    "targets_preset_poorest_without_pkh_bpnt": (
        "Desil 1-2 tanpa PKH maupun BPNT",
        "Deciles 1-2 receiving neither PKH nor BPNT",
    ),
    "targets_preset_well_off_with_pkh_bpnt": (
        "Desil 8-10 penerima PKH atau BPNT",
        "Deciles 8-10 receiving PKH or BPNT",
    ),
    "targets_preset_unfit_house": ("Rumah tidak layak huni, desil 1-4", "Unfit houses, deciles 1-4"),
    "targets_preset_children_out_of_school": ("Anak tidak sekolah, desil 1-4", "Children out of school, deciles 1-4"),
    "targets_preset_household_business": ("Punya usaha rumah tangga, desil 3-6", "Household business, deciles 3-6"),
    "targets_kab": ("Kabupaten/kota", "Regency/city"),
    "targets_kec": ("Kecamatan", "District"),
    "targets_desa": ("Desa/kelurahan", "Village"),
    "targets_all": ("Semua", "All"),
    "targets_desil": ("Desil kesejahteraan", "Welfare decile"),
    "targets_size": ("Jumlah anggota keluarga", "Family size"),
    "targets_received": ("Menerima salah satu program", "Receives any of"),
    "targets_not_received": ("Tidak menerima program", "Receives none of"),
    "targets_housing": ("Kekurangan rumah (semua terpenuhi)", "Housing deficits (all apply)"),
    "targets_vulnerable": ("Anggota rentan (semua terpenuhi)", "Vulnerable members (all apply)"),
    "targets_cond_earthen_floor": ("Lantai tanah", "Earthen floor"),
    "targets_cond_no_own_toilet": ("Tanpa jamban sendiri", "No own toilet"),
    "targets_cond_unsafe_water": ("Air minum tidak layak", "Unsafe drinking water"),
    "targets_cond_low_power": ("Tanpa listrik atau 450 VA", "No electricity or 450 VA"),
    "targets_cond_firewood": ("Memasak dengan kayu bakar", "Cooks with firewood"),
    "targets_cond_unfit_house": ("Rumah tidak layak huni", "Unfit house"),
    "targets_cond_elderly_alone": ("Lansia tinggal sendiri", "Elderly living alone"),
    "targets_cond_disability": ("Ada anggota penyandang disabilitas", "A member with a disability"),
    "targets_cond_child_out_of_school": ("Anak 7-18 tahun tidak sekolah", "Child aged 7-18 not in school"),
    "targets_cond_under_five": ("Ada balita", "Child under five"),
    "targets_cond_female_head": ("Kepala keluarga perempuan", "Female head of family"),
    "targets_cond_business": ("Punya usaha rumah tangga", "Household business"),
    "targets_min_working_age": ("Minimal anggota usia kerja (15-64)", "At least this many working-age members (15-64)"),
    "targets_apply": ("Tampilkan", "Show"),
    "targets_filter_now": ("Filter: {filters}", "Filter: {filters}"),
    "targets_families": ("Keluarga", "Families"),
    "targets_persons": ("Jiwa", "Persons"),
    "targets_by_kab": ("Per kabupaten/kota", "By regency/city"),
    "targets_by_kec": ("Per kecamatan", "By district"),
    "targets_by_desa": ("Per desa/kelurahan", "By village"),
    "targets_col_area_code": ("Kode", "Code"),
    "targets_col_area": ("Wilayah", "Area"),
    "targets_col_keluarga_id": ("ID keluarga", "Family ID"),
    "targets_col_family_pseudonym": ("ID samaran keluarga", "Family pseudonym"),
    "targets_col_nama_kepala": ("Nama kepala keluarga", "Head of family"),
    "targets_col_head_initials": ("Inisial kepala keluarga", "Head's initials"),
    "targets_col_nik_kepala": ("NIK kepala (disamarkan)", "Head's NIK (masked)"),
    "targets_col_desa_name": ("Desa/kelurahan", "Village"),
    "targets_col_kec_name": ("Kecamatan", "District"),
    "targets_col_kab_name": ("Kabupaten/kota", "Regency/city"),
    "targets_col_sls_id": ("SLS", "SLS"),
    "targets_col_rt": ("RT", "RT"),
    "targets_col_rw": ("RW", "RW"),
    "targets_col_desil": ("Desil", "Decile"),
    "targets_col_jumlah_art": ("Jumlah anggota", "Family size"),
    "targets_col_conditions": ("Kondisi", "Conditions"),
    "targets_col_programmes": ("Program yang diterima", "Programmes received"),
    "targets_prog_pkh": ("PKH", "PKH"),
    "targets_prog_bpnt": ("BPNT/Sembako", "BPNT/Sembako"),
    "targets_prog_blt": ("BLT", "BLT"),
    "targets_prog_pbi_jk": ("PBI-JK", "PBI-JK"),
    "targets_prog_lpg_3kg": ("LPG 3 kg", "LPG 3 kg"),
    "targets_prog_bsu": ("BSU", "BSU"),
    "targets_prog_subsidi_listrik": ("Subsidi listrik", "Electricity subsidy"),
    "targets_list": ("Daftar keluarga", "Family list"),
    "targets_list_empty": ("Tidak ada keluarga untuk didaftar dengan filter ini.",
                           "No families to list for this filter."),
    "targets_not_final": (
        "Pencacahan masih berjalan: angka dan daftar dapat berubah.",
        "Fieldwork is still running: the figures and the list may change.",
    ),
    "targets_help_families": (
        "Keluarga yang sudah punya desil dan memenuhi semua filter. Untuk pengguna dengan angka kecil "
        "disamarkan, hanya keluarga di desa yang memiliki paling sedikit {small} keluarga sesuai filter; "
        "desa lain tidak dihitung dan tidak didaftar.",
        "Families with a decile that meet every filter. For users whose small counts are hidden, only "
        "families in villages with at least {small} matching families; other villages are neither counted nor listed.",
    ),
    "targets_help_persons": (
        "Jumlah anggota (jumlah_art) keluarga yang dihitung di kolom Keluarga.",
        "Members (jumlah_art) of the families counted under Families.",
    ),
    "targets_page": ("Halaman (dari {pages})", "Page (of {pages})"),
    "targets_download": ("Unduh", "Download"),
    "targets_choose": ("Pilih (boleh lebih dari satu)", "Choose (one or more)"),
    "targets_prepare": ("Siapkan berkas unduhan", "Prepare the download files"),
    "targets_purpose": ("Tujuan penggunaan data", "Purpose of use"),
    "targets_purpose_needed": (
        "Isi tujuan penggunaan data sebelum mengunduh.",
        "State the purpose of use before downloading.",
    ),
    "targets_terms": (
        "Data hanya untuk tujuan yang dinyatakan, tidak boleh dibagikan ulang atau dicocokkan dengan data "
        "lain untuk mengenali keluarga (UU PDP No. 27/2022). Setiap unduhan dicatat.",
        "The data are for the stated purpose only; they may not be passed on or matched with other data to "
        "identify families (Law 27/2022 on personal data protection). Every download is logged.",
    ),
    "targets_terms_accept": ("Saya menyetujui ketentuan penggunaan data", "I accept the data-use terms"),
    "targets_row_cap": ("Unduhan dibatasi {cap} baris pertama.", "Downloads are limited to the first {cap} rows."),
    "targets_download_daftar_csv": ("Daftar (CSV)", "List (CSV)"),
    "targets_download_daftar_xlsx": ("Daftar (Excel)", "List (Excel)"),
    "targets_download_sasaran_csv": ("Tabel wilayah (CSV)", "Area table (CSV)"),
    # --- mistargeting page (salah sasaran) ---
    "mis_headline": (
        "**{included}** penerima {programme} berada di desil {well_off} ({inclusion_rate} penerima);"
        " **{excluded}** keluarga desil {eligible} tidak menerimanya ({exclusion_rate} yang berhak).",
        "**{included}** {programme} recipients are in deciles {well_off} ({inclusion_rate} of recipients);"
        " **{excluded}** families in deciles {eligible} do not receive it ({exclusion_rate} of those eligible).",
    ),
    "mis_rank_by": ("Urutkan wilayah menurut", "Rank areas by"),
    "mis_rank_exclusion": ("Eksklusi (berhak, tidak menerima)", "Exclusion error (eligible, not receiving)"),
    "mis_rank_inclusion": ("Salah sasaran inklusi (mampu, menerima)", "Inclusion error (well-off, receiving)"),
    "mis_rank_note": (
        "Peringkat hanya untuk wilayah dengan dasar minimal {min} keluarga ({ranked} dari {areas} wilayah);"
        " wilayah lain di bawahnya menurut nama.",
        "Ranked only where the rate's base holds at least {min} families ({ranked} of {areas} areas);"
        " the others follow by name.",
    ),
    "mis_intro": (
        "Kesalahan eksklusi: keluarga pada desil sasaran yang tidak menerima. Kesalahan inklusi: penerima "
        "yang berada di desil {desil}.",
        "Exclusion error: families in a programme's target deciles not receiving it. Inclusion error: "
        "recipients in deciles {desil}.",
    ),
    "mis_programme": ("Program", "Programme"),
    "mis_receipt_by_desil": ("Persentase penerima menurut desil", "Share receiving, by decile"),
    "mis_desil": ("Desil", "Decile"),
    "mis_rate": ("Persen menerima", "Percent receiving"),
    "mis_by_area": ("Salah sasaran per wilayah (terburuk dulu)", "Mistargeting by area (worst first)"),
    "mis_col_area": ("Wilayah", "Area"),
    "mis_col_eligible": ("Keluarga sasaran", "Eligible families"),
    "mis_col_excluded": ("Sasaran tidak menerima", "Eligible not receiving"),
    "mis_col_exclusion_rate": ("Kesalahan eksklusi (%)", "Exclusion error (%)"),
    "mis_col_recipients": ("Penerima", "Recipients"),
    "mis_col_included": ("Penerima desil atas", "Recipients in top deciles"),
    "mis_col_inclusion_rate": ("Kesalahan inklusi (%)", "Inclusion error (%)"),
    "mis_map": ("Peta kesalahan eksklusi per kabupaten/kota", "Exclusion error by regency/city"),
    "mis_ver_title": ("Verifikasi desa per wilayah", "Village verification by area"),
    "mis_ver_intro": (
        "Keluarga yang ditandai: desil {well_off} yang menerima PKH, BPNT atau BLT (kemungkinan inklusi) dan desil "
        "{poorest} yang tidak menerima satu pun (kemungkinan eksklusi). Sesudah verifikasi, keluarga yang "
        "diputuskan forum desa \"salah\" atau \"tidak ditemukan\" tidak lagi dihitung sebagai kesalahan; yang "
        "pindah, meninggal atau tidak ditemukan juga keluar dari dasar.",
        "Flagged families: deciles {well_off} receiving PKH, BPNT or BLT (possible inclusion error) and deciles "
        "{poorest} receiving none of them (possible exclusion error). After verification, families a village "
        "forum decided \"wrong\" or \"not found\" no longer count as errors; those who moved, died or were not "
        "found also leave the base.",
    ),
    "mis_ver_progress": (
        "**{decided}** dari **{flagged}** keluarga yang ditandai sudah diputuskan forum desa.",
        "**{decided}** of **{flagged}** flagged families have been decided by a village forum.",
    ),
    "mis_ver_progress_decided": (
        "**{decided}** keluarga yang ditandai sudah diputuskan forum desa.",
        "**{decided}** flagged families have been decided by a village forum.",
    ),
    "mis_ver_col_flagged": ("Keluarga ditandai", "Families flagged"),
    "mis_ver_col_decided": ("Sudah diputuskan", "Decided"),
    "mis_ver_col_inclusion_rate": ("Inklusi sebelum (%)", "Inclusion error before (%)"),
    "mis_ver_col_recipients": ("Penerima (dasar)", "Recipients (base)"),
    "mis_ver_col_inclusion_rate_after": ("Inklusi sesudah (%)", "Inclusion error after (%)"),
    "mis_ver_col_recipients_after": ("Penerima sesudah (dasar)", "Recipients after (base)"),
    "mis_ver_col_exclusion_rate": ("Eksklusi sebelum (%)", "Exclusion error before (%)"),
    "mis_ver_col_poorest": ("Desil {poorest} (dasar)", "Deciles {poorest} (base)"),
    "mis_ver_col_exclusion_rate_after": ("Eksklusi sesudah (%)", "Exclusion error after (%)"),
    "mis_ver_col_poorest_after": ("Desil {poorest} sesudah (dasar)", "Deciles {poorest} after (base)"),
    "mis_ver_help_flagged": (
        "Keluarga desil {well_off} yang menerima PKH, BPNT atau BLT, ditambah keluarga desil {poorest} yang "
        "tidak menerima satu pun.",
        "Families in deciles {well_off} receiving PKH, BPNT or BLT, plus families in deciles {poorest} "
        "receiving none of them.",
    ),
    "mis_ver_help_decided": (
        "Keluarga yang ditandai yang sudah diputuskan forum desa (benar, salah atau tidak ditemukan).",
        "Flagged families a village forum has decided on (confirmed, wrong or not found).",
    ),
    "mis_ver_help_inclusion_rate": (
        "Penerima PKH, BPNT atau BLT di desil {well_off}, dibagi seluruh penerimanya (keluarga dengan skor), "
        "dalam persen, sebelum verifikasi.",
        "Recipients of PKH, BPNT or BLT in deciles {well_off}, divided by all their recipients (families with a "
        "score), in percent, before verification.",
    ),
    "mis_ver_help_recipients": (
        "Keluarga dengan skor yang menerima PKH, BPNT atau BLT: dasar kesalahan inklusi sebelum verifikasi.",
        "Families with a score receiving PKH, BPNT or BLT: the base of the inclusion error before verification.",
    ),
    "mis_ver_help_inclusion_rate_after": (
        "Seperti sebelum, tanpa keluarga yang diputuskan salah atau tidak ditemukan; yang pindah, meninggal "
        "atau tidak ditemukan juga keluar dari dasar.",
        "As before, without families decided wrong or not found; those who moved, died or were not found also "
        "leave the base.",
    ),
    "mis_ver_help_recipients_after": (
        "Penerima dikurangi keluarga ditandai inklusi yang diputuskan pindah, meninggal atau tidak ditemukan.",
        "Recipients less the inclusion-flagged families decided moved, died or not found.",
    ),
    "mis_ver_help_exclusion_rate": (
        "Keluarga desil {poorest} yang tidak menerima PKH, BPNT maupun BLT, dibagi seluruh keluarga desil "
        "{poorest}, dalam persen, sebelum verifikasi.",
        "Families in deciles {poorest} receiving none of PKH, BPNT and BLT, divided by all families in deciles "
        "{poorest}, in percent, before verification.",
    ),
    "mis_ver_help_poorest": (
        "Keluarga desil {poorest}: dasar kesalahan eksklusi sebelum verifikasi.",
        "Families in deciles {poorest}: the base of the exclusion error before verification.",
    ),
    "mis_ver_help_exclusion_rate_after": (
        "Seperti sebelum, tanpa keluarga yang diputuskan salah atau tidak ditemukan; yang pindah, meninggal "
        "atau tidak ditemukan juga keluar dari dasar.",
        "As before, without families decided wrong or not found; those who moved, died or were not found also "
        "leave the base.",
    ),
    "mis_ver_help_poorest_after": (
        "Keluarga desil {poorest} dikurangi keluarga ditandai eksklusi yang diputuskan pindah, meninggal atau "
        "tidak ditemukan.",
        "Families in deciles {poorest} less the exclusion-flagged families decided moved, died or not found.",
    ),
    "mis_ver_hidden_note": (
        "\"<10\" dan \"–\" juga menyembunyikan angka sesudah verifikasi bila keputusan di baliknya kurang dari "
        "10 keluarga, dan jumlah ditandai bila salah satu bagiannya disembunyikan.",
        "\"<10\" and \"–\" also hide a figure after verification when fewer than 10 families' decisions lie "
        "behind it, and the flagged families when one of their parts is hidden.",
    ),
    # --- monitoring pages: overview, coverage, daily progress ---
    "coverage_chart_title": (
        "Selisih terhadap rencana ({plan}) per wilayah, yang paling tertinggal di atas",
        "Gap to plan ({plan}) per area, furthest behind first",
    ),
    "coverage_chart_axis": ("Poin di bawah (merah) / di atas (biru) rencana", "Points below (red) / above (blue) plan"),
    "overview_headline_before": ("Pendataan lapangan belum dimulai (mulai {start}).", "Fieldwork starts {start}."),
    "overview_headline_during": (
        "**{percent}** keluarga sudah dikunjungi ({visited} dari {target}), **{gap} poin** terhadap rencana {plan};"
        " {behind} dari {areas} wilayah di belakang rencana.",
        "**{percent}** of families visited ({visited} of {target}), **{gap} points** against a plan of {plan};"
        " {behind} of {areas} areas behind plan.",
    ),
    "overview_headline_after": (
        "Pendataan lapangan selesai: **{percent}** keluarga dikunjungi ({visited} dari {target});"
        " {not_done} dari {areas} wilayah belum tuntas.",
        "Fieldwork closed: **{percent}** of families visited ({visited} of {target});"
        " {not_done} of {areas} areas with families not reached.",
    ),
    "overview_progress_title": ("Kemajuan kumulatif terhadap rencana", "Cumulative progress against plan"),
    "mis_no_scores": (
        "Snapshot ini belum memuat desil: skor PMT dihitung setelah validasi dokumen, sehingga salah sasaran "
        "belum dapat diukur.",
        "This snapshot holds no deciles yet: PMT scores are computed after documents are validated, so "
        "mistargeting cannot be measured yet.",
    ),
    "mis_totals_for": ("{programme}: seluruh wilayah Anda", "{programme}: all your areas"),
    "mis_help_eligible": (
        "Keluarga sasaran: keluarga dengan desil {desil}, desil yang menjadi sasaran program ini.",
        "Eligible families: families in deciles {desil}, the deciles this programme is meant for.",
    ),
    "mis_help_excluded": (
        "Keluarga sasaran (desil {desil}) yang tidak menerima program ini.",
        "Eligible families (deciles {desil}) not receiving this programme.",
    ),
    "mis_help_exclusion_rate": (
        "Kesalahan eksklusi: keluarga sasaran (desil {desil}) yang tidak menerima, dibagi seluruh keluarga "
        "sasaran, dalam persen.",
        "Exclusion error: eligible families (deciles {desil}) not receiving it, divided by all eligible "
        "families, in percent.",
    ),
    "mis_help_recipients": (
        "Keluarga yang menerima program ini, di desil mana pun (keluarga dengan skor PMT).",
        "Families receiving this programme, in any decile (families with a PMT score).",
    ),
    "mis_help_included": (
        "Penerima program ini yang berada di desil {desil} (keluarga mampu).",
        "Recipients of this programme in deciles {desil} (well-off families).",
    ),
    "mis_help_inclusion_rate": (
        "Kesalahan inklusi: penerima di desil {desil} dibagi seluruh penerima program ini, dalam persen.",
        "Inclusion error: recipients in deciles {desil} divided by all recipients of this programme, in percent.",
    ),
    "mis_missing_note": (
        "\"<10\": jumlah di bawah 10 keluarga (atau yang dapat membukanya) disembunyikan. \"–\": persen tidak "
        "ditampilkan karena salah satu jumlahnya disembunyikan, atau tidak ada keluarga sasaran/penerima.",
        "\"<10\": counts under 10 families (or that would give one away) are hidden. \"–\": no percent, "
        "because one of its counts is hidden or there is no eligible family / recipient.",
    ),
    "mis_map_tooltip": ("<b>{name}</b><br/>Kesalahan eksklusi: {rate}", "<b>{name}</b><br/>Exclusion error: {rate}"),
    "mis_receipt_note": (
        "Persen keluarga pada desil itu yang menerima program. \"–\": belum ada keluarga dengan skor, atau "
        "disembunyikan karena jumlahnya di bawah 10.",
        "Percent of the decile's families receiving the programme. \"–\": no family with a score yet, or hidden "
        "because a count is under 10.",
    ),
    "mon_data_unavailable": ("Data snapshot ini belum dapat dibaca.", "This snapshot's data cannot be read yet."),
    "mon_data_stale": (
        "Tabel ringkasan snapshot ini dibuat oleh versi aplikasi sebelumnya dan belum dibangun ulang. Administrator:"
        " publikasikan ulang folder snapshot ini (`python -m regsosek ingest <folder>`); data keluarga tidak berubah.",
        "This snapshot's summary tables were built by an earlier version of the app and not rebuilt yet."
        " Administrators: publish its snapshot folder again (`python -m regsosek ingest <folder>`); the family data"
        " stays as it is.",
    ),
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
    "overview_vs_plan": ("{gap} poin thd rencana", "{gap} points vs plan"),
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
    "overview_behind": ("Wilayah di bawah rencana", "Areas behind plan"),
    "overview_behind_title": ("{n} wilayah paling tertinggal dari rencana", "{n} areas furthest behind plan"),
    "overview_ahead_title": ("{n} wilayah paling depan dari rencana", "{n} areas furthest ahead of plan"),
    "overview_plan_note": (
        "Rencana: garis lurus menuju 100% pada 14 November (hari ke-n / 31).",
        "Plan: a straight line to 100% on 14 November (day n / 31).",
    ),
    "overview_finish_done": ("selesai", "done"),
    "overview_finish_no_pace": ("tidak dapat diperkirakan", "cannot be projected"),
    "overview_finish_no_pace_note": (
        "Tidak ada kunjungan dalam {days} hari lapangan terakhir: tidak ada laju untuk memperkirakan.",
        "No visits in the last {days} field days: no pace to project with.",
    ),
    "overview_remaining": ("Keluarga belum dikunjungi", "Families not yet visited"),
    "overview_not_reached": ("Keluarga tidak terkunjungi (final)", "Families not reached (final)"),
    "overview_final_percent": ("Cakupan akhir", "Final coverage"),
    "overview_visited_final": ("Keluarga dikunjungi (final)", "Families visited (final)"),
    "overview_not_done": ("Wilayah belum tuntas", "Areas not finished"),
    "overview_not_done_title": (
        "{n} wilayah dengan cakupan akhir terendah",
        "{n} areas with the lowest final coverage",
    ),
    "overview_not_done_none": (
        "Semua wilayah tuntas: setiap keluarga target dikunjungi.",
        "Every area finished: every target family was visited.",
    ),
    "overview_behind_none": ("Tidak ada wilayah di bawah rencana.", "No area is behind plan."),
    "overview_ahead_none": ("Tidak ada wilayah di atas rencana.", "No area is ahead of plan."),
    "overview_pace": ("Laju (keluarga per hari)", "Pace (families per day)"),
    "overview_needed": ("Perlu per hari sampai 14 November", "Needed per day until 14 November"),
    "overview_needed_none": ("tidak ada hari lapangan tersisa", "no field days left"),
    "overview_final_note": (
        "Pendataan lapangan ditutup 14 November ({days} hari lalu): angka kunjungan sudah final. Dokumen "
        "(pemeriksaan PML sampai validasi) masih berjalan.",
        "Fieldwork closed on 14 November ({days} days ago): visit figures are final. Documents (PML check to "
        "validation) are still moving.",
    ),
    "overview_before_note": (
        "Pendataan lapangan belum dimulai (mulai 15 Oktober).",
        "Fieldwork has not started yet (it starts on 15 October).",
    ),
    "overview_documents": ("Alur dokumen", "Document pipeline"),
    "overview_follow_up_title": ("Tindak lanjut temuan", "Follow-up of findings"),
    "overview_follow_up_order": (
        "Tingkat penyelesaian terendah di atas; kabupaten/kota tanpa tugas di bawah.",
        "Lowest closure rate first; regencies without tasks last.",
    ),
    "overview_follow_up_none": ("Belum ada tugas tindak lanjut.", "No follow-up task yet."),
    "overview_follow_up_link": ("buka tindak lanjut", "open follow-up"),
    "overview_brief_title": ("Ringkasan satu halaman: {area}", "One-page brief: {area}"),
    "overview_help_visited": (
        "Keluarga yang sudah memiliki tanggal kunjungan PPL (semua hasil kunjungan).",
        "Families with a PPL visit date (any visit outcome).",
    ),
    "overview_help_target": (
        "Keluarga dalam prelist VK1 ditambah keluarga baru yang ditemukan di lapangan.",
        "Families on the VK1 prelist plus new families found in the field.",
    ),
    "overview_help_percent": (
        "Dikunjungi / target x 100. Selisih: poin persen terhadap rencana garis lurus (hari lapangan ke-n / 31 x "
        "100).",
        "Visited / target x 100. Delta: percentage points against the straight-line plan (field day n / 31 x "
        "100).",
    ),
    "overview_help_behind": (
        "Wilayah (kab/kota, atau kecamatan untuk satu kab/kota) yang % dikunjunginya di bawah rencana hari ini "
        "(selisih < 0).",
        "Areas (regencies, or kecamatan for one regency) whose percent visited is below today's plan (gap < 0).",
    ),
    "overview_help_days_elapsed": (
        "Hari lapangan yang sudah berjalan dari 31 (15 Oktober - 14 November).",
        "Field days passed out of 31 (15 October - 14 November).",
    ),
    "overview_help_days_left": (
        "Hari lapangan setelah tanggal snapshot sampai 14 November.",
        "Field days after the snapshot date up to 14 November.",
    ),
    "overview_help_ppl_active": (
        "PPL yang mencatat sedikitnya satu kunjungan pada hari lapangan terakhir snapshot, dari seluruh PPL yang "
        "terdaftar di wilayah Anda.",
        "PPL with at least one visit dated the snapshot's last field day, out of all PPL on the roll in your "
        "area.",
    ),
    "overview_help_workforce": (
        "Semua petugas (PPL, PML, Koseka) yang terdaftar di wilayah Anda.",
        "All officers (PPL, PML, Koseka) on the roll in your area.",
    ),
    "overview_help_per_ppl_day": (
        "Kunjungan pada hari lapangan terakhir / PPL aktif hari itu.",
        "Visits on the last field day / PPL active that day.",
    ),
    "overview_help_pace": (
        "Kunjungan per hari selama {days} hari lapangan terakhir (atau semua hari lapangan bila belum {days}).",
        "Visits per day over the last {days} field days (or every field day so far while fewer).",
    ),
    "overview_help_needed": (
        "Keluarga belum dikunjungi / hari lapangan tersisa.",
        "Families not yet visited / field days left.",
    ),
    "overview_help_finish": (
        "Hari lapangan terakhir + (keluarga belum dikunjungi / laju) hari, dibulatkan ke atas. 'selesai' bila "
        "semua target sudah dikunjungi.",
        "Last field day + (families not yet visited / pace) days, rounded up. 'done' when every target family is "
        "visited.",
    ),
    "overview_help_remaining": ("Target - dikunjungi.", "Target - visited."),
    "overview_help_not_done": (
        "Wilayah yang masih memiliki keluarga target belum dikunjungi saat lapangan ditutup.",
        "Areas still holding unvisited target families when fieldwork closed.",
    ),
    "overview_help_stage": (
        "Keluarga yang dokumennya sudah mencapai tahap ini (kumulatif).",
        "Families whose document has reached this stage (cumulative).",
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
    "coverage_col_workload": ("Beban PPL di sini (keluarga)", "Workload of PPL posted here (families)"),
    "coverage_estimate_only_kab": (
        "Perkiraan keluarga dari jumlah penduduk hanya tersedia per kab/kota.",
        "The population-based family estimate exists per regency only.",
    ),
    "coverage_workforce_vs_target": (
        "Petugas dihitung di wilayah penugasannya. Beban PPL = target keluarga di SLS yang ditugaskan kepada PPL "
        "yang bertugas di wilayah ini, di mana pun SLS itu berada; bisa berbeda dari target keluarga wilayah "
        "(tabel cakupan) bila PPL bekerja melintasi batas kecamatan.",
        "Officers are counted where they are posted. PPL workload = target families of the SLS assigned to the "
        "PPL posted in this area, wherever those SLS lie; it can differ from the area's own target (coverage "
        "table) where PPL work across kecamatan borders.",
    ),
    "coverage_help_target": (
        "Keluarga dalam prelist VK1 di SLS wilayah ini ditambah keluarga baru yang ditemukan di sana.",
        "Families on the VK1 prelist in this area's SLS plus new families found there.",
    ),
    "coverage_help_visited": (
        "Keluarga yang sudah memiliki tanggal kunjungan PPL; sama dengan jumlah keenam hasil kunjungan.",
        "Families with a PPL visit date; the six visit outcomes add up to it.",
    ),
    "coverage_help_percent": ("Dikunjungi / target x 100.", "Visited / target x 100."),
    "coverage_help_outcome": ("Keluarga yang dikunjungi dengan hasil ini.", "Visited families with this outcome."),
    "coverage_help_ppl_assigned": (
        "PPL yang memegang sedikitnya satu SLS di wilayah ini (PPL dengan SLS di dua wilayah dihitung di "
        "keduanya).",
        "PPL holding at least one SLS in this area (a PPL with SLS in two areas counts in both).",
    ),
    "coverage_help_ppl_active": (
        "PPL wilayah ini yang mencatat sedikitnya satu kunjungan pada hari lapangan terakhir snapshot.",
        "This area's PPL with at least one visit dated the snapshot's last field day.",
    ),
    "coverage_help_families_per_ppl": ("Target keluarga / PPL bertugas.", "Target families / PPL assigned."),
    "coverage_help_sls_not_started": (
        "SLS yang belum satu pun keluarganya dikunjungi.",
        "SLS where no family has been visited yet.",
    ),
    "coverage_help_estimate": (
        "Penduduk kab/kota / rata-rata anggota keluarga x skala snapshot.",
        "Regency population / mean family size x the snapshot's scale.",
    ),
    "coverage_help_estimate_diff": ("(Target - perkiraan) / perkiraan x 100.", "(Target - estimate) / estimate x 100."),
    "coverage_help_workload": (
        "Target keluarga di SLS yang ditugaskan kepada PPL yang bertugas di wilayah ini.",
        "Target families of the SLS assigned to the PPL posted in this area.",
    ),
    "coverage_help_families_per_working_ppl": (
        "Beban PPL / PPL yang masih bertugas (tidak berhenti).",
        "PPL workload / PPL still working (not dropped out).",
    ),
    "coverage_help_remaining_per_ppl": (
        "(Beban PPL - yang sudah dikunjungi) / PPL yang masih bertugas.",
        "(PPL workload - visited) / PPL still working.",
    ),
    "progress_pick_area": ("Wilayah", "Area"),
    "progress_all_area": ("Seluruh wilayah Anda", "All of your area"),
    "progress_cum_title": ("Persentase kumulatif dikunjungi vs rencana", "Cumulative percent visited vs plan"),
    "progress_actual": ("Realisasi", "Actual"),
    "progress_plan": ("Rencana", "Plan"),
    "progress_field_end": ("Akhir pendataan", "Fieldwork ends"),
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
    "progress_final_note": (
        "Pendataan lapangan sudah ditutup: angka kunjungan final, tanpa proyeksi. Tabel menunjukkan cakupan akhir"
        " dan keluarga yang tidak terkunjungi.",
        "Fieldwork has closed: visit figures are final, with no projection. The table shows final coverage and "
        "families not reached.",
    ),
    "progress_final_title": ("Cakupan akhir per wilayah", "Final coverage by area"),
    "progress_col_not_reached": ("Tidak terkunjungi", "Not reached"),
    "progress_col_percent_then": ("% ({as_of})", "% ({as_of})"),
    "progress_suppressed_note": (
        "Angka di bawah 10, dan angka yang dapat mengungkapnya kembali (mis. kunjungan harian di antara nilai "
        "kumulatif), ditampilkan sebagai \"<10\"; hari-hari tersebut digabung.",
        "Counts under 10, and any figure that would give one back (e.g. daily visits between cumulative values), "
        "are shown as \"<10\"; such days are merged.",
    ),
    "progress_help_plan": (
        "Rencana garis lurus: hari lapangan ke-n / 31 x 100; tidak ada rencana setelah 14 November.",
        "Straight-line plan: field day n / 31 x 100; no plan after 14 November.",
    ),
    "progress_help_visits": (
        "Keluarga dengan tanggal kunjungan pada hari itu.",
        "Families with a visit dated that day.",
    ),
    "progress_help_cumulative": (
        "Keluarga yang mencapai tahap ini sampai dengan hari itu.",
        "Families that reached this stage by that day.",
    ),
    "progress_help_gap": ("% dikunjungi - % rencana (poin).", "% visited - % planned (points)."),
    "progress_help_needed": ("Sisa keluarga / hari lapangan tersisa.", "Families left / field days left."),
    "progress_help_finish": (
        "Hari lapangan terakhir + sisa / laju (dibulatkan ke atas); kosong bila selesai atau tidak ada laju.",
        "Last field day + families left / pace (rounded up); empty when done or with no pace.",
    ),
    "progress_help_at_risk": (
        "Masih ada sisa dan perkiraan selesai sesudah 14 November (atau tidak ada laju).",
        "Families left and a projected finish after 14 November (or no pace).",
    ),
    "progress_help_delta": (
        "Dikunjungi pada snapshot yang lebih baru - pada snapshot yang lebih awal.",
        "Visited in the later snapshot - in the earlier one.",
    ),
    # --- officers, map and data-quality pages ---
    "mon_all_regencies": ("Semua kab/kota dalam wewenang Anda", "All regencies you may see"),
    "mon_area": ("Wilayah", "Area"),
    "mon_download_csv": ("Unduh CSV", "Download CSV"),
    "mon_download_note": ("Setiap unduhan dicatat dalam log audit.", "Every download is recorded in the audit log."),
    "mon_none": ("Tidak ada.", "None."),
    "mon_col_kab_code": ("Kabupaten/kota", "Regency/city"),
    "mon_col_kec_code": ("Kecamatan", "Kecamatan"),
    "mon_col_desa_code": ("Desa/kelurahan", "Desa/kelurahan"),
    "mon_col_ppl_id": ("ID PPL", "PPL id"),
    "mon_col_pml_id": ("ID PML", "PML id"),
    "mon_col_nama": ("Nama", "Name"),
    "mon_col_sls": ("SLS", "SLS"),
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
    "mon_col_backlog_over_days": ("Menunggu > {days} hari", "Waiting > {days} days"),
    "mon_col_oldest_unchecked_visit": ("Kunjungan tertua belum diperiksa", "Oldest unchecked visit"),
    "mon_col_case_no": ("No. kasus", "Case no."),
    "mon_col_keluarga_id": ("ID keluarga", "Family id"),
    "mon_col_day": ("Tanggal", "Date"),
    "officers_intro": (
        "Kinerja PPL dan PML sampai tanggal snapshot.",
        "PPL and PML performance up to the snapshot date.",
    ),
    "officers_metric_active": ("PPL yang sudah berkunjung", "PPL who have visited"),
    "officers_metric_median": ("Median keluarga per hari kerja", "Median families per working day"),
    "officers_metric_inactive": ("PPL tidak aktif", "Inactive PPL"),
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
    "officers_visits_final": (
        "Pencacahan lapangan ditutup 14 November 2022: kunjungan sudah final; pemeriksaan PML masih berjalan.",
        "Fieldwork closed on 14 November 2022: visits are final; PML checks are still going on.",
    ),
    "officers_metric_backlog_over": ("Menunggu > {days} hari", "Waiting > {days} days"),
    "officers_help_active": (
        "PPL yang sudah mengunjungi sedikitnya satu keluarga sampai tanggal snapshot.",
        "PPL who have visited at least one family by the snapshot date.",
    ),
    "officers_help_median": (
        "Per PPL yang sudah berkunjung: keluarga dikunjungi dibagi jumlah hari dengan kunjungan; median atas PPL itu.",
        "Per PPL who has visited: families visited divided by the days with visits; the median over those PPL.",
    ),
    "officers_help_inactive": (
        "PPL yang bebannya belum selesai (dikunjungi < target) dan tanpa kunjungan dalam {days} hari lapangan "
        "terakhir sampai tanggal snapshot (setelah lapangan ditutup: 14 November); termasuk yang berhenti "
        "({dropped} PPL).",
        "PPL who have not finished their workload (visited < target) and had no visit in the last {days} field "
        "days up to the snapshot date (after fieldwork closed: up to 14 November); drop-outs included "
        "({dropped} PPL).",
    ),
    "officers_help_days_since": (
        "Hari lapangan terakhir dikurangi tanggal kunjungan terakhir; kosong bila PPL belum pernah berkunjung. "
        "Tidak aktif bila sedikitnya {days}.",
        "The last field day minus the last visit date; blank when the PPL has never visited. Inactive from {days}.",
    ),
    "officers_help_overloaded": (
        "PPL dengan target keluarga lebih dari {ratio} kali median target PPL di kab/kota-nya.",
        "PPL whose target families exceed {ratio} times the median target of the PPL of its regency.",
    ),
    "officers_help_backlog": (
        "Per PML: keluarga yang sudah dikunjungi PPL-nya tetapi belum diperiksa PML sampai tanggal snapshot.",
        "Per PML: families its PPL have visited that the PML has not checked by the snapshot date.",
    ),
    "officers_help_backlog_over": (
        "Keluarga belum diperiksa PML yang dikunjungi lebih dari {days} hari sebelum tanggal snapshot. "
        "Kunjungan tertua yang belum diperiksa: {oldest}.",
        "Families not yet checked by the PML that were visited more than {days} days before the snapshot date. "
        "Oldest unchecked visit: {oldest}.",
    ),
    "officers_histogram_x": ("Keluarga per hari kerja", "Families per working day"),
    "officers_histogram_y": ("Jumlah PPL", "Number of PPL"),
    "officers_page": ("Halaman (dari {pages})", "Page (of {pages})"),
    "officers_page_rows": ("Baris {first}-{last} dari {rows}", "Rows {first}-{last} of {rows}"),
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
    "map_band_hidden": ("disembunyikan (< 10 keluarga) atau tanpa target", "hidden (< 10 families) or no target"),
    "map_band_no_sls": ("belum ada SLS dalam snapshot", "no SLS in the snapshot yet"),
    "map_empty": ("Tidak ada SLS di wilayah ini dalam snapshot.", "No SLS in this area in the snapshot."),
    "map_points_note": (
        "Titik adalah lokasi pusat desa; ukurannya tetap. Garis adalah batas kecamatan.",
        "Points mark the centre of each desa; their size is fixed. Lines are kecamatan borders.",
    ),
    "map_areas_note": (
        "Warna per kecamatan; garis tebal dan nama adalah kabupaten/kota.",
        "Colour per kecamatan; thick lines and names are regencies.",
    ),
    "map_boundaries_approximate": (
        "Batas wilayah adalah perkiraan, dibentuk dari titik desa (sel Voronoi); bukan batas resmi.",
        "Boundaries are approximate, built from desa points (Voronoi cells); they are not official boundaries.",
    ),
    "map_visits_final": (
        "Pencacahan lapangan ditutup 14 November 2022: angka kunjungan sudah final.",
        "Fieldwork closed on 14 November 2022: the visit figures are final.",
    ),
    "map_col_area_name": ("Wilayah", "Area"),
    "map_col_target": ("Target keluarga", "Target families"),
    "map_col_visited": ("Dikunjungi", "Visited"),
    "map_col_percent_visited": ("% dikunjungi", "% visited"),
    "map_help_area_name": ("Kecamatan, atau desa kab/kota yang dipilih.", "Kecamatan, or desa of a chosen regency."),
    "map_help_target": (
        "Keluarga pada daftar prelist (VK1) di SLS wilayah ini ditambah keluarga baru yang ditemukan saat kunjungan.",
        "Families on the VK1 prelist of the area's SLS plus new families found at visits.",
    ),
    "map_help_visited": (
        "Keluarga yang sudah dikunjungi PPL sampai tanggal snapshot, apa pun hasilnya.",
        "Families a PPL has visited by the snapshot date, whatever the outcome.",
    ),
    "map_help_percent_visited": (
        "Dikunjungi dibagi target keluarga, dalam persen (1 desimal); kosong bila salah satunya disembunyikan.",
        "Visited divided by target families, in percent (1 decimal); blank when either is hidden.",
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
    "quality_help_cases": (
        "Per pemeriksaan: NIK untuk NIK ganda, pasangan PPL-hari untuk kunjungan PPL berlebih, keluarga untuk lainnya.",
        "Per check: NIKs for a shared NIK, PPL-days for PPL day overload, families for the others.",
    ),
    "quality_help_families": (
        "Keluarga berbeda yang terkena temuan; untuk kunjungan PPL berlebih: keluarga yang dikunjungi pada hari itu.",
        "Distinct families with a finding; for PPL day overload: the families visited on those days.",
    ),
    "quality_value_nik_multi_family": ("Keluarga dengan NIK ini", "Families with this NIK"),
    "quality_detail_nik_multi_family": ("NIK (tersamar)", "NIK (masked)"),
    "quality_value_far_geotag": ("Jarak ke titik desa (km)", "Distance to the desa point (km)"),
    "quality_detail_odd_hour": ("Jam kunjungan", "Visit time"),
    "quality_value_big_household": ("Anggota keluarga", "Family members"),
    "quality_value_ppl_day_overload": ("Kunjungan hari itu", "Visits that day"),
    "quality_page": ("Halaman (dari {pages})", "Page (of {pages})"),
    "quality_page_rows": ("Baris {first}-{last} dari {rows}", "Rows {first}-{last} of {rows}"),
    "quality_detail_ppl_day_overload": ("ID PML", "PML id"),
    "quality_stage_order_note": (
        "Snapshot dengan tanggal tahapan tidak berurutan ditolak saat ingest, sehingga nilai ini selalu 0.",
        "Ingest refuses snapshots whose stage dates are out of order, so this is always 0.",
    ),
    "quality_nik_note": (
        "NIK ditampilkan tersamar; baris dengan nomor kasus sama memakai NIK yang sama.",
        "NIKs are shown masked; rows with the same case number share one NIK.",
    ),
    "lists_title": ("Daftar tersimpan", "Saved lists"),
    "lists_intro": (
        "Simpan filter saat ini dengan nama dan tujuan; hanya Anda yang melihat dan membuka daftar Anda.",
        "Save the current filter with a name and a purpose; only you see and open your lists.",
    ),
    "lists_name": ("Nama daftar", "List name"),
    "lists_purpose": ("Tujuan", "Purpose"),
    "lists_save": ("Simpan filter ini", "Save this filter"),
    "lists_saved": ("Daftar tersimpan.", "List saved."),
    "lists_name_needed": ("Isi nama daftar (paling banyak {max} daftar).", "Enter a list name (at most {max} lists)."),
    "lists_none": ("Belum ada daftar tersimpan.", "No saved lists yet."),
    "lists_col_name": ("Nama", "Name"),
    "lists_col_purpose": ("Tujuan", "Purpose"),
    "lists_col_saved_at": ("Disimpan", "Saved"),
    "lists_col_as_of": ("Snapshot per", "Snapshot as of"),
    "lists_col_filters": ("Filter", "Filters"),
    "lists_pick": ("Daftar", "List"),
    "lists_open": ("Buka daftar ini", "Open this list"),
    "lists_delete": ("Hapus daftar ini", "Delete this list"),
    "lists_overlap": ("Tumpang tindih dengan daftar mitra lain", "Overlap with other partners' lists"),
    "lists_overlap_note": (
        "Keluarga di daftar ini yang juga ada di paling sedikit satu daftar mitra lain, hanya di kabupaten/kota "
        "yang bisa dilihat kedua pihak, dan hanya daftar dengan paling sedikit {min} keluarga (snapshot saat ini). "
        "Nama mitra dan daftarnya tidak ditampilkan; di bawah 10 (termasuk 0) ditampilkan \"<10\", selebihnya "
        "dibulatkan ke bawah ke kelipatan {step}.",
        "Families on this list that are also on at least one other partner's list, counted only in the regencies "
        "both may see and only for lists of at least {min} families (current snapshot). No partner or list is "
        "named; under 10 (0 included) shows as \"<10\", larger figures are rounded down to a multiple of {step}.",
    ),
    "lists_overlap_too_small": (
        "Daftar ini kurang dari {min} keluarga: tumpang tindih tidak dihitung.",
        "This list holds fewer than {min} families: no overlap is computed.",
    ),
    "lists_overlap_at_least": ("paling sedikit {count}", "at least {count}"),
    "lists_col_families": ("Keluarga yang juga ada di daftar mitra lain", "Families also on another partner's list"),
    # --- conditions page (peta kondisi, profil wilayah) and the one-page brief ---
    "page_conditions_title": ("Peta kondisi", "Conditions map"),
    "cond_intro": (
        "Kondisi keluarga yang sudah diwawancarai, per wilayah: pilih indikator untuk peta, pilih wilayah "
        "untuk profilnya.",
        "Conditions of the families interviewed so far, by area: pick an indicator for the map, an area for "
        "its profile.",
    ),
    "cond_tab_map": ("Peta kondisi", "Conditions map"),
    "cond_tab_profile": ("Profil wilayah", "Area profile"),
    "cond_indicator": ("Indikator", "Indicator"),
    "cond_level": ("Tingkat wilayah", "Area level"),
    "cond_level_kab": ("Kabupaten/kota", "Regency/city"),
    "cond_level_kec": ("Kecamatan", "Kecamatan"),
    "cond_level_desa": ("Desa/kelurahan", "Desa/kelurahan"),
    "cond_average_scope": ("Rata-rata wilayah Anda", "Average of your areas"),
    "cond_average_province": ("Rata-rata provinsi", "Province average"),
    "cond_average_kab": ("Rata-rata kabupaten/kota", "Regency/city average"),
    "cond_tooltip": ("<b>{name}</b><br/>{value}", "<b>{name}</b><br/>{value}"),
    "cond_legend": ("Persentase", "Share"),
    "cond_band_hidden": ("disembunyikan (< 10) atau tanpa keluarga", "hidden (< 10) or no families"),
    "cond_band_no_data": ("belum ada keluarga diwawancarai", "no family interviewed yet"),
    "cond_boundaries_approximate": (
        "Batas wilayah adalah perkiraan (dibangun dari titik desa), bukan batas resmi.",
        "Boundaries are approximate (built from the desa points), not official.",
    ),
    "cond_empty": (
        "Belum ada keluarga yang diwawancarai di wilayah ini dalam snapshot.",
        "No family interviewed in this area in the snapshot yet.",
    ),
    "cond_col_area_name": ("Wilayah", "Area"),
    "cond_col_numerator": ("Jumlah", "Count"),
    "cond_col_denominator": ("Dari", "Out of"),
    "cond_col_share": ("%", "%"),
    "cond_help_numerator": (
        'Keluarga atau orang yang memenuhi indikator; "<10" bila disembunyikan.',
        'Families or persons meeting the indicator; "<10" when hidden.',
    ),
    "cond_help_denominator": (
        "Penyebut indikator (keluarga diwawancarai, keluarga berdesil, orang, atau anak 7-18 tahun).",
        "The indicator's denominator (interviewed families, families with a desil, persons, or children aged 7-18).",
    ),
    "cond_help_share": (
        "Jumlah dibagi penyebut, dalam persen; kosong bila salah satunya disembunyikan.",
        "Count divided by the denominator, in percent; blank when either is hidden.",
    ),
    "cond_area": ("Wilayah", "Area"),
    "cond_area_scope": ("Semua wilayah Anda", "All your areas"),
    "cond_profile_of": ("Profil {area}", "Profile of {area}"),
    "cond_profile_scope": ("Profil semua wilayah Anda", "Profile of all your areas"),
    "cond_col_indicator": ("Indikator", "Indicator"),
    "cond_col_profile_share": ("Wilayah ini", "This area"),
    "cond_col_average": ("Rata-rata", "Average"),
    "cond_col_rank": ("Peringkat", "Rank"),
    "cond_col_areas_ranked": ("Dari wilayah", "Of areas"),
    "cond_help_rank": (
        "Peringkat di antara wilayah setingkat; 1 = kondisi terburuk (untuk penerimaan program: persentase "
        "tertinggi). Hanya wilayah dengan angka yang ditampilkan yang diberi peringkat.",
        "Rank among the areas at the same level; 1 = the worst condition (for programme receipt: the highest "
        "share). Only areas whose figure is shown are ranked.",
    ),
    "cond_pockets": ("Kantong kemiskinan", "Poverty pockets"),
    "cond_pockets_note": (
        "Desa dengan persentase keluarga desil 1-2 tertinggi, di antara desa dengan sedikitnya {min} keluarga "
        "berdesil.",
        "Desa with the highest share of families in desil 1-2, among desa with at least {min} families with a desil.",
    ),
    "cond_pockets_none": (
        "Belum ada desa dengan cukup keluarga berdesil.",
        "No desa with enough families with a desil yet.",
    ),
    "cond_col_kec_name": ("Kecamatan", "Kecamatan"),
    "cond_col_scored": ("Keluarga berdesil", "Families with a desil"),
    "cond_col_poorest": ("Desil 1-2", "Desil 1-2"),
    "cond_col_pocket_share": ("% desil 1-2", "% desil 1-2"),
    "cond_empowerment": ("Calon pemberdayaan (KUR, PEN)", "Empowerment candidates (KUR, PEN)"),
    "cond_empowerment_note": (
        "Keluarga desil 3-6 dengan usaha rumah tangga dan sedikitnya satu anggota usia 15-64 tahun.",
        "Families in desil 3-6 with a household business and at least one member aged 15-64.",
    ),
    "cond_empowerment_total": ("Calon pemberdayaan", "Empowerment candidates"),
    "cond_col_families": ("Keluarga diwawancarai", "Families interviewed"),
    "cond_col_empowerment": ("Calon", "Candidates"),
    "cond_empowerment_link": (
        "Buka daftar sasaran calon pemberdayaan",
        "Open the target list of empowerment candidates",
    ),
    "cond_empowerment_link_note": (
        "Daftar sasaran untuk mitra hanya memuat desa dengan sedikitnya 10 keluarga yang cocok.",
        "A partner's target list holds only desa with at least 10 matching families.",
    ),
    "cond_no_scores": (
        "Belum ada desil dalam snapshot ini: indikator desil, kesalahan sasaran dan kantong kemiskinan muncul "
        "setelah entri data.",
        "No deciles in this snapshot yet: the desil indicators, targeting errors and poverty pockets appear "
        "after data entry.",
    ),
    "cond_brief": ("Ringkasan satu halaman", "One-page brief"),
    "cond_brief_pdf": ("Unduh ringkasan (PDF A4)", "Download the brief (A4 PDF)"),
    "cond_brief_png": ("Unduh ringkasan (PNG ponsel)", "Download the brief (phone PNG)"),
    "cond_brief_note": (
        "Berkas dibuat saat diklik dan dicatat di log audit.",
        "The file is made on click and recorded in the audit log.",
    ),
    "cond_brief_terms": (
        "Setujui ketentuan penggunaan data di halaman Daftar sasaran sebelum mengunduh.",
        "Accept the data-use terms on the Target lists page before downloading.",
    ),
    "brief_province": ("Provinsi Jawa Timur", "East Java Province"),
    "brief_title": ("Kondisi masyarakat: {area}", "Conditions of the people: {area}"),
    "brief_as_of": ("Data per {day}", "Data as of {day}"),
    "brief_families": ("Keluarga diwawancarai", "Families interviewed"),
    "brief_sentence_province": (
        "Per {day}, {families} keluarga di {area} telah diwawancarai; {share} di antaranya berada di desil 1-2.",
        "As of {day}, {families} families in {area} have been interviewed; {share} of them are in desil 1-2.",
    ),
    "brief_sentence": (
        "Per {day}, {families} keluarga di {area} telah diwawancarai; {share} berada di desil 1-2 ({of}: {average}).",
        "As of {day}, {families} families in {area} have been interviewed; {share} are in desil 1-2 ({of}: {average}).",
    ),
    "brief_map_note": ("Keluarga desil 1-2 (%)", "Families in desil 1-2 (%)"),
    "brief_suppressed_note": (
        "Angka di bawah 10, dan angka yang dapat membukanya, tidak ditampilkan (\"<10\" atau \"-\").",
        "Counts under 10, and figures that would reveal them, are not shown (\"<10\" or \"-\").",
    ),
    "mis_map_legend": ("Kesalahan eksklusi", "Exclusion error"),
    "mis_map_hidden": ("disembunyikan (< 10) atau tanpa keluarga sasaran", "hidden (< 10) or no eligible family"),
    "ind_desil_1_2": ("Keluarga desil 1-2", "Families in desil 1-2"),
    "ind_help_desil_1_2": (
        "Keluarga berdesil 1-2 dibagi keluarga yang sudah berdesil, dalam persen.",
        "Families in desil 1-2 over families with a desil, in percent.",
    ),
    "ind_desil_1_4": ("Keluarga desil 1-4", "Families in desil 1-4"),
    "ind_help_desil_1_4": (
        "Keluarga berdesil 1-4 dibagi keluarga yang sudah berdesil, dalam persen.",
        "Families in desil 1-4 over families with a desil, in percent.",
    ),
    "ind_unfit_house": ("Rumah tidak layak huni", "Unfit house"),
    "ind_help_unfit_house": (
        "Keluarga berlantai tanah, berdinding bambu atau beratap ijuk/rumbia, dibagi keluarga diwawancarai.",
        "Families with an earthen floor, bamboo wall or thatch roof, over interviewed families.",
    ),
    "ind_earthen_floor": ("Lantai tanah", "Earthen floor"),
    "ind_help_earthen_floor": (
        "Keluarga berlantai tanah dibagi keluarga diwawancarai.",
        "Families with an earthen floor over interviewed families.",
    ),
    "ind_no_own_toilet": ("Tanpa jamban sendiri", "No own toilet"),
    "ind_help_no_own_toilet": (
        "Keluarga tanpa jamban atau memakai jamban umum (jamban bersama tidak dihitung), dibagi keluarga diwawancarai.",
        "Families with no toilet or a public one (a shared toilet is not counted), over interviewed families.",
    ),
    "ind_unsafe_water": ("Air minum tidak layak", "Unsafe drinking water"),
    "ind_help_unsafe_water": (
        "Keluarga yang air minumnya bukan air kemasan, ledeng atau sumur bor/terlindung, dibagi keluarga diwawancarai.",
        "Families drinking other than bottled, piped or protected well water, over interviewed families.",
    ),
    "ind_low_power": ("Tanpa PLN atau 450 VA", "No PLN or 450 VA"),
    "ind_help_low_power": (
        "Keluarga tanpa listrik PLN atau dengan daya 450 VA atau kurang, dibagi keluarga diwawancarai.",
        "Families without PLN electricity or with 450 VA or less, over interviewed families.",
    ),
    "ind_firewood": ("Memasak dengan kayu bakar", "Cooking with firewood"),
    "ind_help_firewood": (
        "Keluarga yang memasak dengan kayu bakar dibagi keluarga diwawancarai.",
        "Families cooking with firewood over interviewed families.",
    ),
    "ind_out_of_school": ("Anak 7-18 tidak sekolah", "Children 7-18 out of school"),
    "ind_help_out_of_school": (
        "Anak usia 7-18 tahun yang tidak bersekolah dibagi anak usia 7-18 tahun, dalam persen.",
        "Children aged 7-18 not in school over children aged 7-18, in percent.",
    ),
    "ind_elderly_alone": ("Lansia tinggal sendiri", "Elderly living alone"),
    "ind_help_elderly_alone": (
        "Keluarga satu orang dengan kepala keluarga berumur 60 tahun ke atas, dibagi keluarga diwawancarai.",
        "One-person families whose head is 60 or older, over interviewed families.",
    ),
    "ind_disability": ("Penyandang disabilitas", "Persons with disability"),
    "ind_help_disability": (
        "Orang dengan disabilitas dibagi seluruh anggota keluarga diwawancarai.",
        "Persons with a disability over all members of interviewed families.",
    ),
    "ind_female_head": ("Kepala keluarga perempuan", "Female-headed families"),
    "ind_help_female_head": (
        "Keluarga dengan kepala keluarga perempuan dibagi keluarga diwawancarai.",
        "Families headed by a woman over interviewed families.",
    ),
    "ind_business": ("Usaha rumah tangga", "Household business"),
    "ind_help_business": (
        "Keluarga yang memiliki usaha rumah tangga dibagi keluarga diwawancarai.",
        "Families running a household business over interviewed families.",
    ),
    "ind_working_age": ("Anggota usia kerja (15-64)", "Working-age members (15-64)"),
    "ind_help_working_age": (
        "Orang berumur 15-64 tahun dibagi seluruh anggota keluarga diwawancarai.",
        "Persons aged 15-64 over all members of interviewed families.",
    ),
    "ind_receives_pkh": ("Menerima PKH", "Receiving PKH"),
    "ind_help_receives_pkh": (
        "Keluarga penerima PKH dibagi keluarga diwawancarai.",
        "Families receiving PKH over interviewed families.",
    ),
    "ind_receives_bpnt": ("Menerima BPNT/Sembako", "Receiving BPNT/Sembako"),
    "ind_help_receives_bpnt": (
        "Keluarga penerima BPNT/Sembako dibagi keluarga diwawancarai.",
        "Families receiving BPNT/Sembako over interviewed families.",
    ),
    "ind_receives_blt": ("Menerima BLT", "Receiving BLT"),
    "ind_help_receives_blt": (
        "Keluarga penerima BLT dibagi keluarga diwawancarai.",
        "Families receiving BLT over interviewed families.",
    ),
    "ind_receives_pbi_jk": ("Menerima PBI-JK", "Receiving PBI-JK"),
    "ind_help_receives_pbi_jk": (
        "Keluarga penerima PBI-JK dibagi keluarga diwawancarai.",
        "Families receiving PBI-JK over interviewed families.",
    ),
    "ind_receives_subsidi_listrik": ("Menerima subsidi listrik", "Receiving the electricity subsidy"),
    "ind_help_receives_subsidi_listrik": (
        "Keluarga penerima subsidi listrik dibagi keluarga diwawancarai.",
        "Families receiving the electricity subsidy over interviewed families.",
    ),
    "ind_receives_lpg_3kg": ("Memakai LPG 3 kg", "Using 3 kg LPG"),
    "ind_help_receives_lpg_3kg": (
        "Keluarga pemakai LPG 3 kg bersubsidi dibagi keluarga diwawancarai.",
        "Families using subsidised 3 kg LPG over interviewed families.",
    ),
    "ind_receives_bsu": ("Menerima BSU", "Receiving BSU"),
    "ind_help_receives_bsu": (
        "Keluarga penerima BSU dibagi keluarga diwawancarai.",
        "Families receiving BSU over interviewed families.",
    ),
    "ind_exclusion_pkh": ("Kesalahan eksklusi PKH", "PKH exclusion error"),
    "ind_help_exclusion_pkh": (
        "Keluarga desil 1-4 yang tidak menerima PKH dibagi keluarga desil 1-4.",
        "Families in desil 1-4 not receiving PKH over families in desil 1-4.",
    ),
    "ind_inclusion_pkh": ("Kesalahan inklusi PKH", "PKH inclusion error"),
    "ind_help_inclusion_pkh": (
        "Penerima PKH berdesil 7-10 dibagi penerima PKH yang berdesil.",
        "PKH recipients in desil 7-10 over PKH recipients with a desil.",
    ),
    # --- follow-up tasks page (tindak lanjut) ---
    "nav_section_follow_up": ("Tindak lanjut", "Follow-up"),
    "page_tasks_title": ("Tindak lanjut", "Follow-up tasks"),
    "tasks_intro": (
        "Temuan dari halaman cakupan, kinerja petugas dan kualitas data, dan tugas tindak lanjutnya untuk"
        " PML atau Koseka: baru, dikerjakan, selesai, diverifikasi. Setiap perubahan dicatat (siapa, kapan)"
        " di log audit.",
        "Findings from the coverage, officer and data-quality pages, and their follow-up tasks for a PML"
        " or Koseka: new, in progress, done, verified. Every change is recorded (who, when) in the audit log.",
    ),
    "tasks_metric_tasks": ("Tugas", "Tasks"),
    "tasks_metric_open": ("Belum selesai", "Open"),
    "tasks_metric_overdue": ("Lewat tenggat", "Overdue"),
    "tasks_metric_closed": ("Selesai", "Closed"),
    "tasks_metric_closure_rate": ("Tingkat penyelesaian", "Closure rate"),
    "tasks_help_tasks": (
        "Semua tugas tindak lanjut di wilayah ini, apa pun statusnya.",
        "Every follow-up task in this area, whatever its status.",
    ),
    "tasks_help_open": ("Tugas berstatus baru atau dikerjakan.", "Tasks with status new or in progress."),
    "tasks_help_overdue": (
        "Tugas yang belum selesai (baru atau dikerjakan) dengan tenggat sebelum hari ini ({today}).",
        "Open tasks (new or in progress) due before today ({today}).",
    ),
    "tasks_help_closed": ("Tugas berstatus selesai atau diverifikasi.", "Tasks with status done or verified."),
    "tasks_help_closure_rate": (
        "Tugas selesai atau diverifikasi dibagi semua tugas wilayah ini, dalam persen; kosong bila belum "
        "ada tugas.",
        "Tasks done or verified over all tasks of the area, in percent; empty with no task.",
    ),
    "tasks_counts_only": (
        "Peran Anda melihat jumlah tugas per kabupaten/kota saja. Jumlah ini menghitung tugas kantor "
        "BPS, bukan keluarga.",
        "Your role sees task counts per regency only. These count BPS offices' tasks, not families.",
    ),
    "tasks_tab_findings": ("Temuan", "Findings"),
    "tasks_tab_list": ("Daftar tugas", "Task list"),
    "tasks_tab_officers": ("Per petugas", "By officer"),
    "tasks_pick_regency": (
        "Pilih satu kabupaten/kota untuk melihat temuannya dan membuat tugas.",
        "Pick one regency to see its findings and create tasks.",
    ),
    "tasks_finding_kind": ("Jenis temuan", "Kind of finding"),
    "tasks_kind_sls_not_started": ("SLS belum mulai dikunjungi (per kecamatan)", "SLS not yet started (by kecamatan)"),
    "tasks_kind_inactive_ppl": ("PPL tidak aktif", "Inactive PPL"),
    "tasks_kind_overloaded_ppl": ("PPL kelebihan beban", "Overloaded PPL"),
    "tasks_kind_pml_backlog": ("Tunggakan pemeriksaan PML", "PML backlog"),
    "tasks_kind_nik_multi_family": (
        "Kualitas: NIK di lebih dari satu keluarga",
        "Quality: NIK in more than one family",
    ),
    "tasks_kind_far_geotag": ("Kualitas: geotag jauh dari desa", "Quality: geotag far from the desa"),
    "tasks_kind_odd_hour": ("Kualitas: kunjungan di luar jam wajar", "Quality: visit at an odd hour"),
    "tasks_kind_big_household": ("Kualitas: jumlah anggota keluarga tidak wajar", "Quality: improbable family size"),
    "tasks_kind_ppl_day_overload": ("Kualitas: kunjungan PPL per hari tidak wajar", "Quality: implausible PPL day"),
    "tasks_status_baru": ("baru", "new"),
    "tasks_status_dikerjakan": ("dikerjakan", "in progress"),
    "tasks_status_selesai": ("selesai", "done"),
    "tasks_status_diverifikasi": ("diverifikasi", "verified"),
    "tasks_no_task": ("belum ada tugas", "no task yet"),
    "tasks_col_kab_code": ("Kode kab/kota", "Regency code"),
    "tasks_col_kab_name": ("Kabupaten/kota", "Regency"),
    "tasks_col_tasks": ("Tugas", "Tasks"),
    "tasks_col_open": ("Belum selesai", "Open"),
    "tasks_col_overdue": ("Lewat tenggat", "Overdue"),
    "tasks_col_closed": ("Selesai", "Closed"),
    "tasks_col_closure_rate": ("Tingkat penyelesaian", "Closure rate"),
    "tasks_col_kec_code": ("Kode kecamatan", "Kecamatan code"),
    "tasks_col_subject": ("Temuan", "Finding"),
    "tasks_col_detail": ("Rincian", "Detail"),
    "tasks_col_suggested_id": ("Petugas tindak lanjut yang disarankan", "Suggested officer"),
    "tasks_col_task_id": ("No. tugas", "Task no."),
    "tasks_col_task_status": ("Status tugas", "Task status"),
    "tasks_col_task_due": ("Tenggat tugas", "Task due"),
    "tasks_col_finding_kind": ("Jenis temuan", "Kind of finding"),
    "tasks_col_finding_key": ("Kunci temuan", "Finding key"),
    "tasks_col_finding_label": ("Temuan", "Finding"),
    "tasks_col_assignee_id": ("ID petugas", "Officer id"),
    "tasks_col_assignee_name": ("Nama petugas", "Officer name"),
    "tasks_col_assignee_role": ("Peran", "Role"),
    "tasks_col_due_date": ("Tenggat", "Due"),
    "tasks_col_status": ("Status", "Status"),
    "tasks_col_updated_by": ("Diubah oleh", "Changed by"),
    "tasks_col_updated_at": ("Diubah pada", "Changed at"),
    "tasks_create_title": ("Buat tugas dari temuan", "Create a task from a finding"),
    "tasks_finding": ("Temuan", "Finding"),
    "tasks_assignee": ("Untuk petugas (PML atau Koseka)", "For officer (PML or Koseka)"),
    "tasks_assignee_pick": ("Pilih petugas", "Pick an officer"),
    "tasks_assignee_missing": ("Pilih petugas yang akan menindaklanjuti.", "Pick the officer who follows it up."),
    "tasks_due": ("Tenggat", "Due date"),
    "tasks_note": ("Catatan", "Note"),
    "tasks_create": ("Buat tugas", "Create task"),
    "tasks_created": ("Tugas no. {task_id} dibuat.", "Task no. {task_id} created."),
    "tasks_refused": (
        "Tidak diizinkan: temuan, petugas atau tugas ini tidak ada di wilayah Anda, atau langkah status "
        "tidak sah.",
        "Not allowed: this finding, officer or task is not in your area, or the status step is not "
        "valid.",
    ),
    "tasks_officer": ("Petugas", "Officer"),
    "tasks_all_officers": ("Semua petugas", "All officers"),
    "tasks_none": ("Belum ada tugas.", "No task yet."),
    "tasks_advance_title": ("Ubah status tugas", "Change a task's status"),
    "tasks_all_verified": ("Semua tugas sudah diverifikasi.", "Every task is verified."),
    "tasks_task": ("Tugas", "Task"),
    "tasks_advance_option": ("No. {task_id}: {label}", "No. {task_id}: {label}"),
    "tasks_advance_step": ("Status sekarang {status}; berikutnya {next}.", "Status now {status}; next {next}."),
    "tasks_advance_note": ("Catatan perubahan", "Note on the change"),
    "tasks_advance": ("Ubah ke status berikutnya", "Move to the next status"),
    "tasks_advanced": ("Tugas no. {task_id} sekarang {status}.", "Task no. {task_id} is now {status}."),
    "tasks_history": ("Riwayat status tugas", "Status history of the task"),
    "tasks_event_status": ("Status", "Status"),
    "tasks_event_username": ("Oleh", "By"),
    "tasks_event_time": ("Waktu", "Time"),
    "tasks_event_note": ("Catatan", "Note"),
    # --- village verification page (verifikasi desa) ---
    "page_verification_title": ("Verifikasi desa", "Village verification"),
    "verify_intro": (
        "Kemungkinan salah sasaran per desa untuk forum konsultasi desa: inclusion error (desil 7-10 menerima"
        " PKH, BPNT atau BLT) dan exclusion error (desil 1-2 tidak menerima ketiganya); keputusan forum dicatat"
        " per keluarga. Setiap unduhan dan keputusan dicatat di log audit.",
        "Possible mistargeting per desa for the village forum: inclusion errors (desil 7-10 receiving PKH, BPNT"
        " or BLT) and exclusion errors (desil 1-2 receiving none of them); the forum's decisions are recorded"
        " per family. Every download and decision is recorded in the audit log.",
    ),
    "verify_rates_title": (
        "Tingkat kesalahan sebelum dan sesudah verifikasi", "Error rates before and after verification",
    ),
    "verify_rates_help": (
        "Sesudah verifikasi, keluarga yang diputuskan salah (alasan apa pun) atau tidak ditemukan tidak lagi"
        " dihitung sebagai kesalahan; yang pindah, meninggal atau tidak ditemukan juga keluar dari penyebut.",
        "After verification, a family decided wrong (any reason) or not found no longer counts as an error;"
        " one that moved, died or was not found also leaves the base.",
    ),
    "verify_help_inclusion_rate": (
        "Keluarga desil 7-10 penerima PKH, BPNT atau BLT dibagi semua keluarga berdesil penerima salah satunya.",
        "Families in desil 7-10 receiving PKH, BPNT or BLT over all scored families receiving any of them.",
    ),
    "verify_help_inclusion_rate_after": (
        "Inclusion error yang tidak dibantah forum dibagi penerima yang masih ada.",
        "Inclusion errors the forum did not refute over the recipients still there.",
    ),
    "verify_help_exclusion_rate": (
        "Keluarga desil 1-2 yang tidak menerima PKH, BPNT maupun BLT dibagi semua keluarga desil 1-2.",
        "Families in desil 1-2 receiving none of PKH, BPNT and BLT over all families in desil 1-2.",
    ),
    "verify_help_exclusion_rate_after": (
        "Exclusion error yang tidak dibantah forum dibagi keluarga desil 1-2 yang masih ada.",
        "Exclusion errors the forum did not refute over the desil 1-2 families still there.",
    ),
    "verify_col_area_code": ("Kode wilayah", "Area code"),
    "verify_col_area_name": ("Wilayah", "Area"),
    "verify_col_flagged": ("Keluarga ditandai", "Families flagged"),
    "verify_col_decided": ("Sudah diputuskan", "Decided"),
    "verify_col_recipients": ("Penerima (basis inclusion)", "Recipients (inclusion base)"),
    "verify_col_included": ("Inclusion error", "Inclusion errors"),
    "verify_col_inclusion_rate": ("Inclusion error (%)", "Inclusion error (%)"),
    "verify_col_recipients_after": ("Penerima sesudah verifikasi", "Recipients after verification"),
    "verify_col_included_after": ("Inclusion error sesudah verifikasi", "Inclusion errors after verification"),
    "verify_col_inclusion_rate_after": ("Inclusion error sesudah (%)", "Inclusion error after (%)"),
    "verify_col_poorest": ("Keluarga desil 1-2 (basis exclusion)", "Desil 1-2 families (exclusion base)"),
    "verify_col_excluded": ("Exclusion error", "Exclusion errors"),
    "verify_col_exclusion_rate": ("Exclusion error (%)", "Exclusion error (%)"),
    "verify_col_poorest_after": ("Desil 1-2 sesudah verifikasi", "Desil 1-2 after verification"),
    "verify_col_excluded_after": ("Exclusion error sesudah verifikasi", "Exclusion errors after verification"),
    "verify_col_exclusion_rate_after": ("Exclusion error sesudah (%)", "Exclusion error after (%)"),
    "verify_col_keluarga_id": ("ID keluarga", "Family id"),
    "verify_col_family_pseudonym": ("ID keluarga (samaran)", "Family id (pseudonym)"),
    "verify_col_nama_kepala": ("Nama kepala keluarga", "Head of family"),
    "verify_col_nik_kepala": ("NIK kepala (disamarkan)", "Head's NIK (masked)"),
    "verify_col_sls_id": ("SLS", "SLS"),
    "verify_col_rw": ("RW", "RW"),
    "verify_col_rt": ("RT", "RT"),
    "verify_col_desil": ("Desil", "Desil"),
    "verify_col_terima_pkh": ("PKH", "PKH"),
    "verify_col_terima_bpnt": ("BPNT", "BPNT"),
    "verify_col_terima_blt": ("BLT", "BLT"),
    "verify_col_error_kind": ("Kemungkinan", "Possible error"),
    "verify_col_decision": ("Keputusan forum", "Forum decision"),
    "verify_col_reason": ("Alasan", "Reason"),
    "verify_col_note": ("Catatan", "Note"),
    "verify_pick_regency": ("Pilih satu kabupaten/kota untuk memilih desa.", "Pick one regency to choose a desa."),
    "verify_kec": ("Kecamatan", "Kecamatan"),
    "verify_desa": ("Desa/kelurahan", "Desa/kelurahan"),
    "verify_pick": ("Pilih", "Pick"),
    "verify_pick_desa": (
        "Pilih kecamatan dan desa untuk paket verifikasinya.", "Pick a kecamatan and a desa for its pack.",
    ),
    "verify_kind_inclusion": ("inclusion error", "inclusion error"),
    "verify_kind_exclusion": ("exclusion error", "exclusion error"),
    "verify_decision_confirmed": ("benar (dikonfirmasi)", "confirmed"),
    "verify_decision_wrong": ("salah", "wrong"),
    "verify_decision_not_found": ("tidak ditemukan", "not found"),
    "verify_undecided": ("belum diputuskan", "not decided"),
    "verify_reason_moved": ("pindah", "moved"),
    "verify_reason_died": ("meninggal", "died"),
    "verify_reason_welfare_changed": ("kesejahteraan berubah", "welfare changed"),
    "verify_reason_wrong_data": ("data salah", "wrong data"),
    "verify_pack_title": ("Paket verifikasi: {desa}", "Verification pack: {desa}"),
    "verify_download": ("Unduh paket (Excel)", "Download the pack (Excel)"),
    "verify_download_pdf": ("Unduh paket (PDF)", "Download the pack (PDF)"),
    "verify_download_pdf_help": (
        "Untuk dicetak dan dibawa ke forum: A4, kolom keputusan kosong dan tempat tanda tangan; unduhan dicatat di"
        " log audit.",
        "For printing and taking to the forum: A4, empty decision columns and signature lines; the download is"
        " recorded in the audit log.",
    ),
    "verify_pdf_title": ("Paket verifikasi desa: {desa}", "Village verification pack: {desa}"),
    "verify_pdf_places": (
        "Desa/kelurahan {desa} ({desa_code}), Kecamatan {kec}, {kab}", "Desa/kelurahan {desa} ({desa_code}),"
        " Kecamatan {kec}, {kab}",
    ),
    "verify_pdf_as_of": ("Data per {day}", "Data as of {day}"),
    "verify_pdf_inclusion": (
        "Kemungkinan inclusion error: keluarga desil {inclusion} yang menerima PKH, BPNT atau BLT.",
        "Possible inclusion error: a family in desil {inclusion} receiving PKH, BPNT or BLT.",
    ),
    "verify_pdf_exclusion": (
        "Kemungkinan exclusion error: keluarga desil {exclusion} yang tidak menerima PKH, BPNT maupun BLT.",
        "Possible exclusion error: a family in desil {exclusion} receiving none of PKH, BPNT and BLT.",
    ),
    "verify_pdf_decisions": (
        "Keputusan forum: benar (dikonfirmasi), salah (alasan: pindah, meninggal, kesejahteraan berubah, data"
        " salah) atau tidak ditemukan; catatan bila perlu.",
        "Forum decision: confirmed, wrong (reason: moved, died, welfare changed, wrong data) or not found; a note"
        " where needed.",
    ),
    "verify_pdf_none": ("Tidak ada keluarga yang ditandai di desa ini.", "No family is flagged in this desa."),
    "verify_pdf_yes": ("ya", "yes"),
    "verify_pdf_no": ("tidak", "no"),
    "verify_pdf_place_date": ("Tempat, tanggal forum: ______________________", "Place, date of the forum:"
                              " ______________________"),
    "verify_pdf_sign_head": ("Kepala desa/lurah", "Village head"),
    "verify_pdf_sign_officer": ("Petugas BPS", "BPS officer"),
    "verify_pdf_sign_secretary": ("Notulis", "Minute taker"),
    "verify_pdf_sign_name": ("(nama dan tanda tangan)", "(name and signature)"),
    "verify_pdf_page": ("Paket verifikasi {desa} - halaman {page}", "Verification pack {desa} - page {page}"),
    "verify_download_help": (
        "Berisi kolom keputusan kosong untuk forum; unduhan dicatat di log audit.",
        "Holds empty decision columns for the forum; the download is recorded in the audit log.",
    ),
    "verify_record_title": ("Catat keputusan forum", "Record the forum's decision"),
    "verify_family": ("Keluarga", "Family"),
    "verify_decision": ("Keputusan", "Decision"),
    "verify_reason": ("Alasan", "Reason"),
    "verify_note": ("Catatan", "Note"),
    "verify_record": ("Simpan keputusan", "Save the decision"),
    "verify_recorded": ("Keputusan disimpan.", "Decision saved."),
    "verify_refused": (
        "Tidak diizinkan: keluarga ini tidak ditandai di desa ini atau di luar wilayah Anda, atau keputusan tidak sah.",
        "Not allowed: this family is not flagged in this desa or is outside your area, or the decision is not valid.",
    ),
    # --- help records and reach (catatan bantuan, jangkauan), and their target-list choices ---
    "targets_preset_unreached_poorest": (
        "Belum terjangkau: desil 1-2 tanpa program dan tanpa bantuan mitra",
        "Not yet reached: desil 1-2 with no programme and no partner help",
    ),
    "targets_unreached": ("Hanya yang belum terjangkau (tanpa program dan tanpa bantuan mitra)",
                          "Only families not yet reached (no programme and no partner help)"),
    "targets_unreached_short": ("Belum terjangkau", "Not yet reached"),
    "targets_verified": ("Verifikasi desa", "Village verification"),
    "targets_verified_all": ("Semua", "All"),
    "targets_verified_without": ("Tanpa yang sudah diverifikasi", "Without families already verified"),
    "targets_verified_only": ("Hanya yang sudah diverifikasi", "Only families already verified"),
    "page_help_title": ("Catatan bantuan", "Help and reach"),
    "help_intro": (
        "Jangkauan bantuan mitra CSR dan program pemerintah per wilayah, dihitung dari catatan bantuan mitra dan"
        " snapshot. Identitas keluarga tidak pernah ditampilkan; angka di bawah 10 ditampilkan sebagai \"<10\".",
        "Reach of CSR partners' help and of government programmes by area, counted from partners' help records and"
        " the snapshot. No family's identity is ever shown; counts under 10 read \"<10\".",
    ),
    "help_reach_title": ("Jangkauan per wilayah", "Reach by area"),
    "help_poorest_title": ("Desil 1-{desil} (termiskin)", "Desil 1-{desil} (poorest)"),
    "help_col_area_name": ("Wilayah", "Area"),
    "help_col_families": ("Keluarga tercatat", "Families recorded"),
    "help_col_by_partner": ("Dibantu mitra", "Helped by a partner"),
    "help_col_by_programme": ("Menerima program", "Receiving a programme"),
    "help_col_by_both": ("Keduanya", "Both"),
    "help_col_by_neither": ("Belum keduanya", "Neither"),
    "help_col_poorest": ("Keluarga", "Families"),
    "help_col_poorest_by_partner": ("Dibantu mitra", "Helped by a partner"),
    "help_col_poorest_by_programme": ("Menerima program", "Receiving a programme"),
    "help_col_poorest_by_both": ("Keduanya", "Both"),
    "help_all_title": ("Semua keluarga tercatat", "All families recorded"),
    "help_col_unreached": ("Belum terjangkau", "Not yet reached"),
    "help_help_families": (
        "Keluarga yang dikunjungi dan ditemukan (atau keluarga baru): jawaban penerimaan programnya tercatat.",
        "Families visited and found (or new): their answers on programmes received are recorded.",
    ),
    "help_help_by_partner": (
        "Keluarga yang dicatat menerima bantuan oleh mitra CSR mana pun (jenis dan tanggal apa pun).",
        "Families any CSR partner recorded help for (any kind, any date).",
    ),
    "help_help_by_programme": (
        "Keluarga yang menerima setidaknya satu program menurut snapshot: PKH, BPNT, BLT, PBI-JK, subsidi listrik,"
        " LPG 3 kg atau BSU.",
        "Families receiving at least one programme as the snapshot says: PKH, BPNT, BLT, PBI-JK, electricity"
        " subsidy, 3 kg LPG or BSU.",
    ),
    "help_help_by_both": ("Dibantu mitra dan menerima program.", "Helped by a partner and receiving a programme."),
    "help_help_by_neither": ("Tidak dibantu mitra dan tidak menerima program.",
                             "Neither helped by a partner nor receiving a programme."),
    "help_help_poorest": ("Keluarga dengan desil 1-{desil} di antara keluarga di atas.",
                          "Families in desil 1-{desil} among the families above."),
    "help_help_poorest_by_partner": ("Keluarga desil 1-{desil} yang dibantu mitra.",
                                     "Families in desil 1-{desil} helped by a partner."),
    "help_help_poorest_by_programme": ("Keluarga desil 1-{desil} yang menerima setidaknya satu program.",
                                       "Families in desil 1-{desil} receiving at least one programme."),
    "help_help_poorest_by_both": ("Keluarga desil 1-{desil} yang dibantu mitra dan menerima program.",
                                  "Families in desil 1-{desil} helped by a partner and receiving a programme."),
    "help_help_unreached": (
        "Belum terjangkau: keluarga desil 1-{desil} yang tidak menerima program apa pun dan tidak dibantu mitra.",
        "Not yet reached: families in desil 1-{desil} receiving no programme and no partner help.",
    ),
    "help_record_title": ("Catat bantuan yang diberikan", "Record help given"),
    "help_record_intro": (
        "Centang keluarga dari daftar tersimpan Anda, atau unggah CSV berisi ID samaran keluarga dari daftar dan"
        " unduhan Anda. Berkas dengan satu baris salah ditolak seluruhnya dengan laporan; tidak ada yang tersimpan"
        " sebagian. Setiap pencatatan masuk log audit.",
        "Tick families on your saved list, or upload a CSV of the pseudonymous family ids of your lists and"
        " downloads. A file with any bad line is refused whole with a report; nothing is half-saved. Every"
        " record is written to the audit log.",
    ),
    "help_source": ("Cara mencatat", "How to record"),
    "help_tab_list": ("Dari daftar tersimpan", "From a saved list"),
    "help_tab_upload": ("Unggah CSV", "Upload a CSV"),
    "help_pick_list": ("Daftar tersimpan", "Saved list"),
    "help_no_lists": (
        "Belum ada daftar tersimpan: simpan daftar di halaman Daftar sasaran, atau unggah CSV.",
        "No saved list yet: save one on the Target lists page, or upload a CSV.",
    ),
    "help_list_empty": ("Daftar ini tidak memuat keluarga yang dapat ditampilkan.",
                        "This list holds no family that can be shown."),
    "help_tick_page": ("Halaman (dari {pages})", "Page (of {pages})"),
    "help_tick": ("Keluarga yang dibantu", "Families helped"),
    "help_kind": ("Jenis bantuan", "Kind of help"),
    "help_kind_tunai": ("Tunai", "Cash"),
    "help_kind_pangan": ("Pangan", "Food"),
    "help_kind_perumahan": ("Perumahan", "Housing"),
    "help_kind_sekolah": ("Sekolah", "School"),
    "help_kind_kesehatan": ("Kesehatan", "Health"),
    "help_kind_modal_usaha": ("Modal usaha", "Business capital"),
    "help_kind_pelatihan": ("Pelatihan", "Training"),
    "help_date": ("Tanggal bantuan", "Date of help"),
    "help_value": ("Nilai per keluarga (Rupiah)", "Value per family (Rupiah)"),
    "help_record": ("Simpan catatan bantuan", "Save the help records"),
    "help_recorded": ("{count} catatan bantuan tersimpan.", "{count} help records saved."),
    "help_refused": ("Ditolak seluruhnya, tidak ada yang tersimpan. Perbaiki baris berikut lalu coba lagi.",
                     "Refused whole, nothing was saved. Correct these lines and try again."),
    "help_upload_file": ("Berkas CSV (kolom id_keluarga, jenis_bantuan, tanggal, nilai_rupiah)",
                         "CSV file (columns id_keluarga, jenis_bantuan, tanggal, nilai_rupiah)"),
    "help_upload_help": (
        "UTF-8, dipisah koma, baris diawali # diabaikan. jenis_bantuan: tunai, pangan, perumahan, sekolah, kesehatan,"
        " modal_usaha, pelatihan. tanggal: YYYY-MM-DD. nilai_rupiah: bilangan bulat tanpa titik.",
        "UTF-8, comma-separated, lines starting with # are skipped. jenis_bantuan: tunai, pangan, perumahan,"
        " sekolah, kesehatan, modal_usaha, pelatihan (or cash, food, housing, school, health, business_capital,"
        " training). tanggal: YYYY-MM-DD. nilai_rupiah: a whole number, no separators.",
    ),
    "help_upload_button": ("Periksa dan simpan berkas", "Check and save the file"),
    "help_template": ("Unduh contoh berkas", "Download an example file"),
    "help_report_title": ("Laporan pemeriksaan", "Check report"),
    "help_report_line": ("Baris", "Line"),
    "help_report_column": ("Kolom", "Column"),
    "help_report_problem": ("Masalah", "Problem"),
    "help_field_family": ("id_keluarga", "family id"),
    "help_field_kind": ("jenis_bantuan", "kind"),
    "help_field_date": ("tanggal", "date"),
    "help_field_value": ("nilai_rupiah", "value"),
    "help_problem_bad_file": ("Berkas bukan teks UTF-8.", "The file is not UTF-8 text."),
    "help_problem_empty": ("Tidak ada baris bantuan.", "No line of help."),
    "help_problem_missing_columns": ("Kolom ini tidak ada di baris judul.", "This column is missing from the heading."),
    "help_problem_too_many": ("Lebih dari {max} baris dalam satu berkas.", "More than {max} lines in one file."),
    "help_problem_bad_kind": ("Jenis bantuan tidak dikenal: \"{value}\".", "Unknown kind of help: \"{value}\"."),
    "help_problem_bad_date": (
        "Tanggal tidak sah: \"{value}\" (YYYY-MM-DD, sejak 2022-01-01, tidak di masa depan).",
        "Not a valid date: \"{value}\" (YYYY-MM-DD, from 2022-01-01, not in the future).",
    ),
    "help_problem_bad_value": ("Nilai tidak sah: \"{value}\" (Rupiah, bilangan bulat lebih dari 0).",
                               "Not a valid value: \"{value}\" (Rupiah, a whole number above 0)."),
    "help_problem_bad_id": ("Bukan ID samaran keluarga: \"{value}\".", "Not a pseudonymous family id: \"{value}\"."),
    "help_problem_unknown_id": ("ID keluarga tidak dikenal: \"{value}\".", "Unknown family id: \"{value}\"."),
    "help_problem_other_partner_id": (
        "\"{value}\" adalah ID samaran mitra lain, bukan milik Anda: gunakan ID dari daftar atau unduhan Anda.",
        "\"{value}\" is another partner's pseudonymous id, not yours: use the ids of your own lists or downloads.",
    ),
    "help_problem_outside_regencies": ("Keluarga \"{value}\" di luar kabupaten/kota Anda.",
                                       "Family \"{value}\" is outside your regencies."),
    "help_problem_duplicate_in_file": (
        "\"{value}\": keluarga, jenis dan tanggal yang sama sudah ada di baris sebelumnya.",
        "\"{value}\": the same family, kind and date are on an earlier line.",
    ),
    "help_problem_already_recorded": (
        "\"{value}\": bantuan dengan jenis dan tanggal ini sudah Anda catat sebelumnya.",
        "\"{value}\": you already recorded help of this kind on this date.",
    ),
    "help_own_title": ("Catatan bantuan Anda", "Your help records"),
    "help_own_none": ("Belum ada catatan bantuan.", "No help recorded yet."),
    "help_own_families": ("Keluarga yang Anda bantu", "Families you help"),
    "help_col_family_pseudonym": ("ID keluarga (samaran)", "Family id (pseudonym)"),
    "help_col_kind": ("Jenis bantuan", "Kind of help"),
    "help_col_help_date": ("Tanggal bantuan", "Date of help"),
    "help_col_value_rupiah": ("Nilai (Rp)", "Value (Rp)"),
    "help_col_recorded_at": ("Dicatat", "Recorded"),
    "help_elsewhere_title": ("Juga dibantu mitra lain", "Also helped by another partner"),
    "help_elsewhere_helped": ("Dari keluarga yang Anda bantu", "Of the families you help"),
    "help_elsewhere_list": ("Dari daftar \"{name}\"", "Of the list \"{name}\""),
    "help_elsewhere_too_small": ("Tidak ditampilkan: kurang dari {min} keluarga.",
                                 "Not shown: fewer than {min} families."),
    "help_elsewhere_at_least": ("sekitar {count}", "about {count}"),
    "help_elsewhere_note": (
        "Berapa keluarga yang juga dicatat dibantu mitra lain: hanya jumlah, dibulatkan ke bawah ke kelipatan {step},"
        " tanpa nama mitra dan tanpa keluarga mana; ditampilkan bila ada setidaknya {min} keluarga.",
        "How many families another partner also records help for: a count only, rounded down to a multiple of"
        " {step}, naming no partner and no family; shown when there are at least {min} families.",
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
