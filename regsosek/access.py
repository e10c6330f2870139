"""Who may see what: the role table and the data scope of a signed-in user.

The one place that decides access. Pages ask `allowed_pages(role)` and pass a
`Scope` to every query; the query layer binds the scope's regencies into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from regsosek import reference

# Page ids (one file each in pages/).
HOME = "home"
OVERVIEW = "overview"
COVERAGE = "coverage"
PROGRESS = "progress"
OFFICERS = "officers"
MAP = "map"
QUALITY = "quality"
TARGETS = "targets"
MISTARGETING = "mistargeting"
CONDITIONS = "conditions"
TASKS = "tasks"
VERIFICATION = "verification"
HELP = "help"
ADMIN = "admin"

# Data tiers, from least to most detail.
TIER_AGGREGATE = "aggregate"  # counts by area only; small counts suppressed
TIER_CSR = "csr_masked"  # family rows: pseudonymous id, initials, desa, RT/RW, matched flags
TIER_PSEUDONYMISED = "pseudonymised"  # family rows with name, masked NIK, desa, SLS
TIER_NONE = "none"


@dataclass(frozen=True)
class RoleSpec:
    """One row of the role table. Pages and views ask these capabilities, never the role's name."""

    name: str
    pages: tuple[str, ...]
    tier: str
    suppress_small_counts: bool  # counts under SMALL_COUNT hidden ("<10"), and whatever would recover them
    scoped_to_kab: bool  # rows limited to the user's own kab/kota list
    sees_sls_rows: bool = False  # coverage may drill below desa to single SLS (about 60 families each)
    lists_family_rows: bool = False  # target lists show one row per family (masked per tier)
    sees_names: bool = False  # family rows carry the head's name and masked NIK (else pseudonym and initials)
    must_accept_terms: bool = False  # data-use terms and a stated purpose before any download
    shares_lists_with_partners: bool = False  # saved lists take part in the partner overlap report
    acts_on_tasks: bool = False  # creates and moves follow-up tasks, sees them with officers' names and notes
    records_verification: bool = False  # records village verification decisions per family
    landing: str = HOME  # the page a user of this role opens first (the others stay in the menu)
    audits_aid_to_well_off: bool = False  # offered the government's check of aid reaching well-off families
    records_help: bool = False  # records help it gave families (catatan bantuan) from its own pseudonymous ids


ROLES: dict[str, RoleSpec] = {
    spec.name: spec
    for spec in (
        RoleSpec("gubernur", (HOME, OVERVIEW, COVERAGE, PROGRESS, MAP, MISTARGETING, CONDITIONS, TASKS, HELP),
                 TIER_AGGREGATE, suppress_small_counts=True, scoped_to_kab=False, landing=OVERVIEW),
        RoleSpec("bps_provinsi", (HOME, OVERVIEW, COVERAGE, PROGRESS, OFFICERS, MAP, QUALITY, TARGETS, MISTARGETING,
                                  CONDITIONS, TASKS, VERIFICATION, HELP),
                 TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=False,
                 sees_sls_rows=True, lists_family_rows=True, sees_names=True, acts_on_tasks=True, landing=OVERVIEW,
                 audits_aid_to_well_off=True),
        RoleSpec("bps_kabkota", (HOME, OVERVIEW, COVERAGE, PROGRESS, OFFICERS, MAP, QUALITY, TARGETS, MISTARGETING,
                                 CONDITIONS, TASKS, VERIFICATION, HELP),
                 TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=True,
                 sees_sls_rows=True, lists_family_rows=True, sees_names=True, acts_on_tasks=True,
                 records_verification=True, landing=OVERVIEW, audits_aid_to_well_off=True),
        RoleSpec("mitra_csr", (HOME, TARGETS, CONDITIONS, HELP),
                 TIER_CSR, suppress_small_counts=True, scoped_to_kab=True,
                 lists_family_rows=True, must_accept_terms=True, shares_lists_with_partners=True, landing=TARGETS,
                 records_help=True),
        RoleSpec("admin", (HOME, ADMIN), TIER_NONE, suppress_small_counts=False, scoped_to_kab=False,
                 landing=ADMIN),
    )
}


@dataclass(frozen=True)
class Scope:
    """What one signed-in user may see. Hashable: safe as a cache key."""

    username: str
    role: str
    kab_codes: tuple[str, ...]  # regencies whose rows the user may see (all 38 when unscoped)
    programmes: tuple[str, ...] = ()  # mitra_csr: programmes it may filter on (empty: all)

    @property
    def spec(self) -> RoleSpec:
        return ROLES[self.role]

    @property
    def is_province_wide(self) -> bool:
        return set(self.kab_codes) == set(reference.kabkota()["kab_code"])

    def may_see_kab(self, kab_code: str) -> bool:
        return kab_code in self.kab_codes

    @property
    def area_level(self) -> str:
        """The level monitoring tables list by default: kecamatan for a one-regency user, else kab/kota."""
        return "kec" if len(self.kab_codes) == 1 else "kab"


def scope_for(username: str, role: str, kab_codes: tuple[str, ...] = (), programmes: tuple[str, ...] = ()) -> Scope:
    """Build the scope of a user from its row in the users file. Unknown roles are refused."""
    if role not in ROLES:
        raise PermissionError(f"unknown role {role!r}")
    all_kab = tuple(reference.kabkota()["kab_code"])
    if ROLES[role].scoped_to_kab:
        kabs = tuple(sorted(k for k in kab_codes if k in all_kab))
        if not kabs:
            raise PermissionError(f"role {role} needs at least one valid kab_code")
    else:
        kabs = all_kab
    return Scope(username=username, role=role, kab_codes=kabs, programmes=tuple(programmes))


def allowed_pages(role: str) -> tuple[str, ...]:
    return ROLES[role].pages if role in ROLES else ()


def may_open(role: str, page: str) -> bool:
    return page in allowed_pages(role)
