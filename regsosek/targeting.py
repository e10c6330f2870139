"""The target-list filter: what can be asked, presets, URL values, query parameters and tier columns.

A `TargetFilter` is built from the URL (every value checked against the user's scope), turned into
the `$params` of the target_* queries, and written back to the URL so a list can be shared.
Conditions are all required together (AND); "received" means any of the chosen programmes,
"not received" none of them. Only families with a desil (data entered) are listable.

Condition definitions (the SQL in queries/target_*.sql follows them):
  earthen_floor        lantai = 'tanah'
  no_own_toilet        jamban 'tidak_ada' or 'umum' (a shared toilet, 'bersama', is not counted)
  unsafe_water         air_minum not in contract.SAFE_WATER
  low_power            no PLN electricity, or 450 VA or less
  firewood             cooking with kayu_bakar
  unfit_house          rumah tidak layak huni: earthen floor, bamboo wall or thatch roof
  elderly_alone        one-person family whose head is 60 or older
  disability           a member with a disability
  child_out_of_school  a member aged 7-18 not in school
  under_five           a member under five
  female_head          head of family is a woman
  business             household business (usaha_rumah_tangga)

Two choices rest on records of the app database, passed to the queries as family ids (`query_params`):
  unreached  "belum terjangkau": no programme of facts.PROGRAMMES and no partner help (help.helped_ids)
  verified   "all", "without" or "only" the families with a village verification decision (verification.decisions_in)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from regsosek import access, facts, help, privacy, reference, settings, verification

SIZE_MAX = 20

HOUSING_CONDITIONS = ("earthen_floor", "no_own_toilet", "unsafe_water", "low_power", "firewood", "unfit_house")
VULNERABLE_CONDITIONS = ("elderly_alone", "disability", "child_out_of_school", "under_five", "female_head")
POTENTIAL_CONDITIONS = ("business",)
CONDITIONS = HOUSING_CONDITIONS + VULNERABLE_CONDITIONS + POTENTIAL_CONDITIONS
PROGRAMME_CODES = tuple(code for code, _, _ in facts.PROGRAMMES)
PROGRAMME_LABELS = {code: label for code, _, label in facts.PROGRAMMES}

# The columns shown and exported, in order, for a role that sees names and for one that does not:
# the one list of what leaves the server.
NAMED_LIST_COLUMNS = ("keluarga_id", "nama_kepala", "nik_kepala", "desa_name", "sls_id", "rt", "rw",
                      "desil", "jumlah_art", "conditions", "programmes")
MASKED_LIST_COLUMNS = ("family_pseudonym", "head_initials", "desa_name", "rt", "rw", "desil", "jumlah_art",
                       "conditions", "programmes")
# The village verification choice: every family, without or only those with a forum decision.
VERIFIED_CHOICES = ("all", "without", "only")


@dataclass(frozen=True)
class TargetFilter:
    kab: tuple[str, ...] = ()
    kec: str | None = None
    desa: str | None = None
    desil_min: int = 1
    desil_max: int = 10
    received: tuple[str, ...] = ()
    not_received: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    size_min: int = 1
    size_max: int = SIZE_MAX
    min_working_age: int = 0
    unreached: bool = False
    verified: str = "all"

    def query_params(self, helped_ids: Sequence[str] = (), verified_ids: Sequence[str] = ()) -> dict[str, object]:
        """The filter's `$params` for the target_* queries ($kab_codes comes from the scope).

        `helped_ids` (the families partners help) and `verified_ids` (the families with a verification decision)
        are needed only by a filter on them (`record_ids` gives both); without it they may stay empty.
        """
        return {
            "kab": list(self.kab), "kec": self.kec, "desa": self.desa,
            "desil_min": self.desil_min, "desil_max": self.desil_max,
            "received": list(self.received), "not_received": list(self.not_received),
            "conditions": list(self.conditions),
            "size_min": self.size_min, "size_max": self.size_max, "min_working_age": self.min_working_age,
            "unreached": self.unreached, "verified": self.verified,
            "helped_ids": list(helped_ids) if self.unreached else [],
            "verified_ids": list(verified_ids) if self.verified != "all" else [],
        }

    def url_params(self) -> dict[str, object]:
        """The filter as URL parameters; defaults are left out so links stay short."""
        default = TargetFilter()
        out: dict[str, object] = {}
        for name in ("kab", "kec", "desa", "desil_min", "desil_max", "received", "not_received", "conditions",
                     "size_min", "size_max", "min_working_age", "verified"):
            value = getattr(self, name)
            out[name] = None if value == getattr(default, name) else (list(value) if isinstance(value, tuple)
                                                                      else value)
        out["unreached"] = "1" if self.unreached else None
        return out

    def area_level(self) -> str:
        """The breakdown level: desa inside a kecamatan, kecamatan inside one kab, else kab."""
        if self.kec or self.desa:
            return "desa"
        return "kec" if len(self.kab) == 1 else "kab"

    def describe(self) -> str:
        """A plain one-line statement of the filter for export headers and the audit log."""
        parts = [f"desil {self.desil_min}-{self.desil_max}", f"jumlah_art {self.size_min}-{self.size_max}"]
        for name in ("kab", "kec", "desa", "received", "not_received", "conditions"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}=" + (",".join(value) if isinstance(value, tuple) else str(value)))
        if self.min_working_age:
            parts.append(f"min_working_age={self.min_working_age}")
        if self.unreached:
            parts.append("unreached")
        if self.verified != "all":
            parts.append(f"verified={self.verified}")
        return "; ".join(parts)


PRESETS: dict[str, TargetFilter] = {
    "poorest_without_pkh_bpnt": TargetFilter(desil_min=1, desil_max=2, not_received=("pkh", "bpnt")),
    "well_off_with_pkh_bpnt": TargetFilter(desil_min=8, desil_max=10, received=("pkh", "bpnt")),
    "unfit_house": TargetFilter(desil_min=1, desil_max=4, conditions=("unfit_house",)),
    "children_out_of_school": TargetFilter(desil_min=1, desil_max=4, conditions=("child_out_of_school",)),
    "household_business": TargetFilter(desil_min=3, desil_max=6, conditions=("business",)),
    "unreached_poorest": TargetFilter(desil_min=1, desil_max=settings.UNREACHED_DESIL_MAX, unreached=True),
}


def allowed_programmes(scope: access.Scope) -> tuple[str, ...]:
    """Programmes the user may filter on: a CSR partner's own list, or all."""
    if scope.programmes:
        return tuple(p for p in PROGRAMME_CODES if p in scope.programmes)
    return PROGRAMME_CODES


def kecamatan_in_scope(scope: access.Scope, kab: tuple[str, ...] = ()) -> dict[str, str]:
    kec = reference.kecamatan()
    kec = kec[kec["kab_code"].isin(kab or scope.kab_codes)]
    return dict(zip(kec["kec_code"], kec["nama"]))


def desa_in_kecamatan(kec_code: str) -> dict[str, str]:
    desa = reference.desa()
    desa = desa[desa["kec_code"] == kec_code]
    return dict(zip(desa["desa_code"], desa["nama"]))


def _int(value: str | None, low: int, high: int, default: int) -> int:
    if value is None or not (value.isascii() and value.isdigit()):
        return default
    return min(max(int(value), low), high)


def from_url(scope: access.Scope, get: Callable[[str], str | None],
             get_list: Callable[[str, tuple[str, ...]], list[str]]) -> TargetFilter:
    """A filter from URL values, each checked: areas outside the scope and unknown codes are dropped.

    `get(name)` returns one raw value or None; `get_list(name, allowed)` the allowed values of a
    repeated parameter.
    """
    kab = tuple(k for k in dict.fromkeys(get_list("kab", scope.kab_codes)) if scope.may_see_kab(k))
    kec_names = kecamatan_in_scope(scope, kab)
    kec = get("kec")
    kec = kec if kec in kec_names else None
    desa = get("desa")
    desa = desa if kec and desa in desa_in_kecamatan(kec) else None
    programmes = allowed_programmes(scope)
    desil_min = _int(get("desil_min"), 1, 10, 1)
    desil_max = _int(get("desil_max"), desil_min, 10, 10)
    size_min = _int(get("size_min"), 1, SIZE_MAX, 1)
    size_max = _int(get("size_max"), size_min, SIZE_MAX, SIZE_MAX)
    return TargetFilter(
        kab=kab, kec=kec, desa=desa, desil_min=desil_min, desil_max=max(desil_min, desil_max),
        received=tuple(get_list("received", programmes)),
        not_received=tuple(get_list("not_received", programmes)),
        conditions=tuple(get_list("conditions", CONDITIONS)),
        size_min=size_min, size_max=max(size_min, size_max),
        min_working_age=_int(get("min_working_age"), 0, SIZE_MAX, 0),
        unreached=get("unreached") in ("1", "true", "True"),
        verified=verified if (verified := get("verified")) in VERIFIED_CHOICES else "all",
    )


def from_params(scope: access.Scope, params: Mapping[str, object]) -> TargetFilter:
    """A filter from a mapping of URL-style values (a form, a saved list), checked like the URL.

    Lists are taken for the repeated parameters (kab, received, not_received, conditions), text for the others.
    """
    def get(name: str) -> str | None:
        value = params.get(name)
        return None if value is None or isinstance(value, list | tuple) else str(value)

    def get_list(name: str, allowed: tuple[str, ...]) -> list[str]:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else []
        return [v for v in values if isinstance(v, str) and v in allowed]

    return from_url(scope, get, get_list)


def with_preset(name: str, current: TargetFilter, scope: access.Scope) -> TargetFilter:
    """A preset, kept within the current area choice and the user's programmes."""
    preset = PRESETS[name]
    programmes = allowed_programmes(scope)
    return replace(preset, kab=current.kab, kec=current.kec, desa=current.desa, verified=current.verified,
                   received=tuple(p for p in preset.received if p in programmes),
                   not_received=tuple(p for p in preset.not_received if p in programmes))


def form_values(f: TargetFilter) -> dict[str, object]:
    """The filter form's widget values (by widget key) showing `f`: what a preset or an opened list sets."""
    return {
        "tf_kab": list(f.kab), "tf_kec": f.kec, "tf_desa": f.desa,
        "tf_desil": (f.desil_min, f.desil_max), "tf_size": (f.size_min, f.size_max),
        "tf_received": list(f.received), "tf_not_received": list(f.not_received),
        "tf_housing": [c for c in f.conditions if c in HOUSING_CONDITIONS],
        "tf_vulnerable": [c for c in f.conditions if c in VULNERABLE_CONDITIONS],
        "tf_business": "business" in f.conditions, "tf_working_age": f.min_working_age,
        "tf_unreached": f.unreached, "tf_verified": f.verified,
    }


def from_form(scope: access.Scope, values: Mapping[str, object]) -> TargetFilter:
    """The filter the form's widget values ask for, checked like the URL (the inverse of `form_values`)."""
    def pair(key: str, default: tuple[int, int]) -> tuple[object, object]:
        value = values.get(key)
        return tuple(value) if isinstance(value, list | tuple) and len(value) == 2 else default

    def listed(key: str) -> list[object]:
        value = values.get(key)
        return list(value) if isinstance(value, list | tuple) else []

    desil, size = pair("tf_desil", (1, 10)), pair("tf_size", (1, SIZE_MAX))
    conditions = listed("tf_housing") + listed("tf_vulnerable") + (["business"] if values.get("tf_business") else [])
    return from_params(scope, {
        "kab": listed("tf_kab"), "kec": values.get("tf_kec"), "desa": values.get("tf_desa"),
        "desil_min": desil[0], "desil_max": desil[1], "size_min": size[0], "size_max": size[1],
        "received": listed("tf_received"), "not_received": listed("tf_not_received"), "conditions": conditions,
        "min_working_age": values.get("tf_working_age", 0),
        "unreached": "1" if values.get("tf_unreached") else None, "verified": values.get("tf_verified")})


def record_ids(scope: access.Scope, *filters: TargetFilter) -> dict[str, list[str]]:
    """The family ids the filters' record choices need, within the user's regencies (read only when asked):
    `helped_ids` for "belum terjangkau", `verified_ids` for the verification choice. For `query_params`."""
    helped = help.helped_ids(scope.kab_codes) if any(f.unreached for f in filters) else []
    verified = (list(verification.decisions_in(scope.kab_codes)["keluarga_id"])
                if any(f.verified != "all" for f in filters) else [])
    return {"helped_ids": helped, "verified_ids": verified}


def list_columns(scope: access.Scope) -> tuple[str, ...]:
    return NAMED_LIST_COLUMNS if scope.spec.sees_names else MASKED_LIST_COLUMNS


def list_query(scope: access.Scope) -> str:
    """The list query for the user: names and masked NIKs, or initials and pseudonyms; none without family rows."""
    if not scope.spec.lists_family_rows:
        raise PermissionError(f"role {scope.role} may not list families")
    return "target_list_bps" if scope.spec.sees_names else "target_list_csr"


def min_desa_families(scope: access.Scope) -> int:
    """For roles that suppress small counts, only desa with at least SMALL_COUNT matching families are
    counted and listed (listable_families); other roles get every family."""
    return settings.SMALL_COUNT if scope.spec.suppress_small_counts else 0


def allowed_programme_list(programmes: str | None, scope: access.Scope) -> str:
    """A row's comma list of programmes received, keeping only those the user may see."""
    allowed = allowed_programmes(scope)
    return ", ".join(p for p in str(programmes or "").split(", ") if p in allowed)


def mask_rows(rows, scope: access.Scope, secret: bytes):
    """Mask list rows for the user and keep only its columns (and only its programmes)."""
    out = rows.copy()
    if scope.spec.sees_names:
        out["nik_kepala"] = [privacy.mask_nik(n) for n in out["nik_kepala"]]
    else:
        out["family_pseudonym"] = [privacy.pseudonym(k, secret, scope.username) for k in out["keluarga_id"]]
    out["programmes"] = [allowed_programme_list(p, scope) for p in out["programmes"]]
    return out[list(list_columns(scope))].reset_index(drop=True)


def total_count(by_area) -> tuple[int, int]:
    """Families and persons from the total row (area_code NULL) of target_by_area."""
    total = by_area[by_area["area_code"].isna()]
    if total.empty:
        return 0, 0
    return int(total["families"].iloc[0]), int(total["persons"].iloc[0])


def page_count(families: int) -> int:
    return max(1, -(-families // settings.LIST_PAGE_SIZE))


def area_rows(by_area):
    return by_area[by_area["area_code"].notna()].reset_index(drop=True)


def label_of(mapping: Mapping[str, str], code: str) -> str:
    return f"{mapping.get(code, code)} ({code})"


def mistargeting_params() -> dict[str, object]:
    """Eligible (programme, desil) pairs and inclusion-error deciles, from facts."""
    pairs = [f"{code}|{desil}" for code, deciles in facts.PROGRAMME_ELIGIBLE_DESIL.items() for desil in deciles]
    return {"eligible_pairs": pairs, "inclusion_desil": list(facts.INCLUSION_ERROR_DESIL)}

