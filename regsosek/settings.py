"""Thresholds and limits: one place for every tunable number.

Views, SQL parameters, pages' help texts and the benchmark read them from here.
Facts of the operation (dates, workforce, programmes) are in `facts.py`.
"""

from __future__ import annotations

# Privacy: counts from 1 to SMALL_COUNT - 1 are hidden from roles that suppress small counts.
SMALL_COUNT = 10

# Monitoring: a PPL with no visit in the last IDLE_DAYS field days is inactive.
IDLE_DAYS = 3
# A PPL whose families exceed OVERLOAD_RATIO x the mean families per PPL of its kecamatan is overloaded.
OVERLOAD_RATIO = 1.5
# A PML has a backlog when a visited family waits more than BACKLOG_DAYS for the PML check.
BACKLOG_DAYS = 3
# Coverage flag: prelist families differ from the population-based estimate by more than this.
ESTIMATE_TOLERANCE_PERCENT = 5.0
# The pace behind a projected finish: visits per day over the last PACE_WINDOW_DAYS field days.
PACE_WINDOW_DAYS = 7
# How many areas "furthest behind / ahead of plan" lists hold.
RANKED_AREAS = 5

# Target lists: rows per page, and the most rows one export may hold.
LIST_PAGE_SIZE = 50
EXPORT_ROW_CAP = 5_000

# Coverage workforce: an area is thin when its PPL still working carry more than this many target
# families each (1.2 x the planned 250 families per PPL).
THIN_FAMILIES_PER_PPL = 300

# Partner overlap of saved lists: a list takes part (the viewer's own, or another partner's within the
# shared regencies) only with at least LIST_OVERLAP_MIN_FAMILIES families; the one shared figure is
# rounded down to a multiple of LIST_OVERLAP_ROUNDING so probe lists differing by a family learn nothing.
LIST_OVERLAP_MIN_FAMILIES = 100
LIST_OVERLAP_ROUNDING = 10

# Ingest: the free space the warehouse's filesystem must have before a snapshot is copied in, as a
# multiple of the snapshot's size (the copy, one family partition re-sorted beside itself, the marts).
INGEST_FREE_SPACE_FACTOR = 1.5

# Profil wilayah: a desa is ranked among the poverty pockets (highest share of desil 1-2) only with at
# least this many families with a desil (for roles that suppress small counts, never fewer than SMALL_COUNT).
POCKET_MIN_FAMILIES = 20

# Follow-up tasks: the due date a new task is offered, this many days after today.
TASK_DUE_DAYS = 7

# Village verification: families in deciles up to this one receiving none of PKH, BPNT and BLT are possible
# exclusion errors (possible inclusion errors: facts.INCLUSION_ERROR_DESIL receiving any of them).
VERIFICATION_EXCLUSION_DESIL_MAX = 2

# Salah sasaran: an area is ranked by an error rate only when the rate's base (eligible families for
# exclusion, recipients for inclusion) holds at least this many families, so that 7 eligible families
# do not top the list at 100%. Smaller areas are listed after the ranked ones.
MISTARGETING_MIN_BASE = 30

# Catatan bantuan: one uploaded file (or one ticked batch) holds at most this many entries, each worth at most
# HELP_VALUE_MAX_RUPIAH (a larger value is a typing error, refused with the file).
HELP_UPLOAD_MAX_ROWS = 5_000
HELP_VALUE_MAX_RUPIAH = 1_000_000_000
# Jangkauan: "belum terjangkau" are scored families in deciles up to this one that receive no programme and no
# partner help (the reach page's poorest columns and the target-list preset).
UNREACHED_DESIL_MAX = 2

# Petugas: the productivity histogram counts PPL in bins this many families per working day wide
# ([0, 1), [1, 2), ...), over every PPL in scope.
PRODUCTIVITY_BIN_WIDTH = 1.0

# Downloads: a file built on the click stays served this many seconds, whatever other sessions' script runs
# clean up meanwhile (Streamlit drops an unreferenced download after two of them; under load the browser's
# request can come later than that).
DOWNLOAD_HOLD_SECONDS = 120.0
