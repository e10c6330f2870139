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
ADMIN = "admin"

# Data tiers, from least to most detail.
TIER_AGGREGATE = "aggregate"  # counts by area only; small counts suppressed
TIER_CSR = "csr_masked"  # family rows: pseudonymous id, initials, desa, RT/RW, matched flags
TIER_PSEUDONYMISED = "pseudonymised"  # family rows with name, masked NIK, desa, SLS
TIER_NONE = "none"


@dataclass(frozen=True)
class RoleSpec:
    name: str
    pages: tuple[str, ...]
    tier: str
    suppress_small_counts: bool  # counts under SMALL_COUNT shown as "<10"
    scoped_to_kab: bool  # rows limited to the user's own kab/kota list


ROLES: dict[str, RoleSpec] = {
    spec.name: spec
    for spec in (
        RoleSpec("gubernur", (HOME, OVERVIEW, COVERAGE, PROGRESS, MAP, MISTARGETING),
                 TIER_AGGREGATE, suppress_small_counts=True, scoped_to_kab=False),
        RoleSpec("bps_provinsi", (HOME, OVERVIEW, COVERAGE, PROGRESS, OFFICERS, MAP, QUALITY, TARGETS, MISTARGETING),
                 TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=False),
        RoleSpec("bps_kabkota", (HOME, OVERVIEW, COVERAGE, PROGRESS, OFFICERS, MAP, QUALITY, TARGETS, MISTARGETING),
                 TIER_PSEUDONYMISED, suppress_small_counts=False, scoped_to_kab=True),
        RoleSpec("mitra_csr", (HOME, TARGETS),
                 TIER_CSR, suppress_small_counts=True, scoped_to_kab=True),
        RoleSpec("admin", (HOME, ADMIN), TIER_NONE, suppress_small_counts=False, scoped_to_kab=False),
    )
}

SMALL_COUNT = 10  # counts below this are shown as "<10" to roles that suppress


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
