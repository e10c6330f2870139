"""Catatan bantuan: help CSR partners give families, recorded in the app database.

A partner (a role with `records_help`) records help either by ticking families on its own list or by uploading a
CSV of the pseudonymous family ids it sees in its lists and downloads (`privacy.pseudonym`, one per partner), each
with the kind of help, its date and its value in Rupiah. The server matches every pseudonym to the real family id
by computing the partner's own pseudonyms of the families in its regencies, and stores the real id: a partner's
records never hold, and never show, another partner's ids.

Every entry is checked first; one bad entry refuses the whole batch, with a report per line (problem codes below,
read out in the user's language by the page), and nothing is written. A good batch is written in one transaction
together with its audit record (counts only, no family id): a failure anywhere leaves nothing half-written.

Problem codes: missing_columns (the file lacks a column), empty (no entry), too_many (more than
settings.HELP_UPLOAD_MAX_ROWS), bad_kind, bad_date (not YYYY-MM-DD, before HELP_DATE_MIN or after today),
bad_value (not a whole number of Rupiah from 1 to settings.HELP_VALUE_MAX_RUPIAH), bad_id (not a pseudonym),
unknown_id (no family has it), other_partner_id (the pseudonym another partner sees, not this user's),
outside_regencies (this user's pseudonym of a family outside its regencies), duplicate_in_file (the same family,
kind and date earlier in the batch), already_recorded (this user recorded the same family, kind and date before).
"""

from __future__ import annotations

import csv
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc

from regsosek import access, audit, db, export, keys, privacy, settings, store, users

KINDS = ("tunai", "pangan", "perumahan", "sekolah", "kesehatan", "modal_usaha", "pelatihan")
# The English words a file may use for a kind, besides the codes.
KIND_ALIASES = {"cash": "tunai", "food": "pangan", "housing": "perumahan", "school": "sekolah", "health": "kesehatan",
                "business_capital": "modal_usaha", "training": "pelatihan"}
HELP_DATE_MIN = date(2022, 1, 1)
PSEUDONYM_RE = re.compile(r"^KLG-[0-9A-F]{12}$")
# Upload columns, and the headings accepted for each (Indonesian, English).
COLUMNS = {"family": ("id_keluarga", "family_id"), "kind": ("jenis_bantuan", "kind"),
           "date": ("tanggal", "date"), "value": ("nilai_rupiah", "value_rupiah")}
RECORD_COLUMNS = ("family_pseudonym", "kab_code", "kind", "help_date", "value_rupiah", "recorded_at")
AUDIT_ACTION = "help_record"


@dataclass(frozen=True)
class Entry:
    """One line of help as the partner gave it (text, unchecked)."""

    line: int
    family: str
    kind: str
    date: str
    value: str


@dataclass(frozen=True)
class Problem:
    line: int  # the file's line (1 = the heading), 0 for the whole file
    column: str  # one of COLUMNS, or "" for the whole file
    code: str
    value: str = ""


@dataclass(frozen=True)
class Outcome:
    recorded: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class HelpRefused(PermissionError):
    """This user does not record help."""


def template_csv() -> bytes:
    """An empty upload file with the Indonesian headings and one example line."""
    return b"id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\nKLG-0123456789AB,pangan,2022-12-01,250000\n"


def parse_csv(data: bytes) -> tuple[list[Entry], list[Problem]]:
    """The entries of an uploaded CSV (UTF-8, comma-separated, '#' lines skipped, headings in COLUMNS)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(0, "", "bad_file")]
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        return [], [Problem(0, "", "empty")]
    rows = list(csv.reader([line for _, line in numbered]))
    heading = [h.strip().lower() for h in rows[0]]
    where: dict[str, int] = {}
    for column, names in COLUMNS.items():
        found = [i for i, h in enumerate(heading) if h in names]
        if found:
            where[column] = found[0]
    missing = [c for c in COLUMNS if c not in where]
    if missing:
        return [], [Problem(numbered[0][0], c, "missing_columns") for c in missing]
    entries = []
    for (line, _), row in zip(numbered[1:], rows[1:]):
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in where.items()}
        entries.append(Entry(line, cell["family"], cell["kind"], cell["date"], cell["value"]))
    return entries, []


def _kind(text: str) -> str | None:
    code = text.strip().lower().replace(" ", "_")
    return code if code in KINDS else KIND_ALIASES.get(code)


def _date(text: str, today: date) -> str | None:
    try:
        day = date.fromisoformat(text.strip()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()) else None
    except ValueError:
        return None
    return day.isoformat() if day is not None and HELP_DATE_MIN <= day <= today else None


def _value(text: str) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= settings.HELP_VALUE_MAX_RUPIAH else None


def _family_ids(scope: access.Scope, snapshot_id: str, inside: bool) -> pd.DataFrame:
    return db.run("help_family_ids", scope, snapshot_id, inside=inside)


def _pseudonyms(families: pd.DataFrame, audience: str, secret: bytes) -> dict[str, tuple[str, str]]:
    return {privacy.pseudonym(k, secret, audience): (k, kab)
            for k, kab in zip(families["keluarga_id"], families["kab_code"])}


def other_partners(scope: access.Scope) -> list[access.Scope]:
    """The scopes of every other user who records help (their pseudonyms differ from this user's)."""
    found = []
    for row in users.list_users():
        if row.username == scope.username:
            continue
        try:
            other = access.scope_for(row.username, row.role, row.kab_codes, row.programmes)
        except PermissionError:
            continue
        if other.spec.records_help:
            found.append(other)
    return found


def resolve(scope: access.Scope, snapshot_id: str, pseudonyms: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each pseudonym as ("ok", keluarga_id, kab_code), or (problem code,).

    The user's own pseudonyms of the families in its regencies are matched first; only what is left is looked for
    among its pseudonyms of families outside them, then among the pseudonyms other partners see.
    """
    wanted = set(pseudonyms)
    secret = export.server_secret()
    out: dict[str, tuple[str, ...]] = {p: ("bad_id",) for p in wanted if not PSEUDONYM_RE.match(p)}
    left = wanted - set(out)
    if left:
        own = _pseudonyms(_family_ids(scope, snapshot_id, True), scope.username, secret)
        out.update({p: ("ok", *own[p]) for p in left if p in own})
        left -= set(own)
    if left:
        outside = _pseudonyms(_family_ids(scope, snapshot_id, False), scope.username, secret)
        out.update({p: ("outside_regencies",) for p in left if p in outside})
        left -= set(outside)
    for other in other_partners(scope) if left else ():
        theirs = _pseudonyms(_family_ids(other, snapshot_id, True), other.username, secret)
        out.update({p: ("other_partner_id",) for p in left if p in theirs})
        left -= set(theirs)
        if not left:
            break
    out.update({p: ("unknown_id",) for p in left})
    return out


@dataclass(frozen=True)
class _Checked:
    line: int
    keluarga_id: str
    kab_code: str
    kind: str
    date: str
    value: int


def _check(scope: access.Scope, snapshot_id: str, entries: Sequence[Entry]) -> tuple[list[_Checked], list[Problem]]:
    problems: list[Problem] = []
    if not entries:
        return [], [Problem(0, "", "empty")]
    if len(entries) > settings.HELP_UPLOAD_MAX_ROWS:
        return [], [Problem(0, "", "too_many", str(settings.HELP_UPLOAD_MAX_ROWS))]
    today = datetime.now(UTC).date()
    found = resolve(scope, snapshot_id, (e.family.strip().upper() for e in entries))
    checked, seen = [], set()
    for e in entries:
        kind, day, value = _kind(e.kind), _date(e.date, today), _value(e.value)
        match = found[e.family.strip().upper()]
        line_problems = []
        if match[0] != "ok":
            line_problems.append(Problem(e.line, "family", match[0], e.family))
        if kind is None:
            line_problems.append(Problem(e.line, "kind", "bad_kind", e.kind))
        if day is None:
            line_problems.append(Problem(e.line, "date", "bad_date", e.date))
        if value is None:
            line_problems.append(Problem(e.line, "value", "bad_value", e.value))
        if not line_problems:
            key = (match[1], kind, day)
            if key in seen:
                line_problems.append(Problem(e.line, "family", "duplicate_in_file", e.family))
            seen.add(key)
            checked.append(_Checked(e.line, match[1], match[2], kind, day, value))
        problems += line_problems
    return checked, problems


def _already_recorded(connection: sa.Connection, partner: str, checked: Sequence[_Checked],
                      families: dict[str, str]) -> list[Problem]:
    table = store.help_records
    ids = sorted({c.keluarga_id for c in checked})
    stored: set[tuple[str, str, str]] = set()
    for start in range(0, len(ids), 500):
        rows = connection.execute(sa.select(table.c.keluarga_id, table.c.kind, table.c.help_date)
                                  .where(table.c.partner == partner, table.c.keluarga_id.in_(ids[start:start + 500])))
        stored |= {tuple(r) for r in rows}
    return [Problem(c.line, "family", "already_recorded", families[c.keluarga_id]) for c in checked
            if (c.keluarga_id, c.kind, c.date) in stored]


def _insert_row(connection: sa.Connection, values: dict) -> None:
    connection.execute(sa.insert(store.help_records).values(**values))


def record(scope: access.Scope, snapshot_id: str, entries: Sequence[Entry], *, source: str,
           file_sha256: str | None = None) -> Outcome:
    """Check every entry and, when all are good, write them all with one audit record; else write nothing.

    `source` says how the entries came ("upload" or "list") and `file_sha256` which file, for the audit record.
    """
    if not scope.spec.records_help:
        raise HelpRefused(f"role {scope.role} does not record help")
    checked, problems = _check(scope, snapshot_id, entries)
    if problems:
        return Outcome(0, tuple(sorted(problems, key=lambda p: (p.line, p.column))))
    pseudonym_of = {c.keluarga_id: e.family for c, e in zip(checked, entries)}
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    batch = secrets.token_hex(8)
    key = keys.secret("audit", "key").encode("utf-8")
    try:
        with store.write() as connection:
            store.serialize(connection, "audit")  # one help writer at a time, before reading what is recorded
            duplicates = _already_recorded(connection, scope.username, checked, pseudonym_of)
            if duplicates:
                return Outcome(0, tuple(duplicates))
            for c in checked:
                _insert_row(connection, {"partner": scope.username, "keluarga_id": c.keluarga_id,
                                         "kab_code": c.kab_code, "kind": c.kind, "help_date": c.date,
                                         "value_rupiah": c.value, "snapshot_id": snapshot_id, "batch": batch,
                                         "recorded_at": now})
            audit.append_in(connection, key, scope.username, scope.role, AUDIT_ACTION,
                            {"batch": batch, "source": source, "entries": len(checked),
                             "families": len({c.keluarga_id for c in checked}),
                             "value_rupiah": sum(c.value for c in checked),
                             "kinds": sorted({c.kind for c in checked}), "snapshot_id": snapshot_id,
                             **({"sha256": file_sha256} if file_sha256 else {})}, time=now)
    except exc.IntegrityError:
        with store.read() as connection:
            duplicates = _already_recorded(connection, scope.username, checked, pseudonym_of)
        if not duplicates:
            raise
        return Outcome(0, tuple(duplicates))
    return Outcome(len(checked), ())


def helped_ids(kab_codes: Sequence[str], *, partner: str | None = None,
               other_than: str | None = None) -> list[str]:
    """Real ids of the families in these regencies with any recorded help (of one partner, or of all but one).

    For the server's queries only: never shown and never sent to a browser.
    """
    table = store.help_records
    query = sa.select(table.c.keluarga_id).distinct().where(table.c.kab_code.in_(list(kab_codes)))
    if partner is not None:
        query = query.where(table.c.partner == partner)
    if other_than is not None:
        query = query.where(table.c.partner != other_than)
    with store.read() as connection:
        return sorted(r[0] for r in connection.execute(query))


def records_of(scope: access.Scope) -> pd.DataFrame:
    """The user's own help records (RECORD_COLUMNS), newest first, each family as the user's own pseudonym."""
    table = store.help_records
    query = (sa.select(table.c.keluarga_id, table.c.kab_code, table.c.kind, table.c.help_date, table.c.value_rupiah,
                       table.c.recorded_at)
             .where(table.c.partner == scope.username).order_by(table.c.recorded_at.desc(), table.c.record_id))
    with store.read() as connection:
        rows = [dict(r) for r in connection.execute(query).mappings()]
    secret = export.server_secret()
    frame = pd.DataFrame(rows, columns=["keluarga_id", *RECORD_COLUMNS[1:]])
    frame.insert(0, "family_pseudonym", [privacy.pseudonym(k, secret, scope.username) for k in frame["keluarga_id"]])
    return frame[list(RECORD_COLUMNS)].reset_index(drop=True)
