"""Beranda: who is signed in, what the role may see, and the pages it may open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from regsosek import access, facts, reference, users, warehouse


@dataclass(frozen=True)
class HomeView:
    name: str  # the user's display name as entered by the admin (escape before markdown)
    role: str
    areas: tuple[str, ...]  # names of the regencies a kab-scoped role is limited to; empty otherwise
    pages: tuple[str, ...]  # page ids the role may open, in menu order, home itself left out
    demo_account: bool
    campaign_start: date
    campaign_end: date
    workforce: int


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo | None = None) -> HomeView:
    row = users.get_user(scope.username)
    names = reference.kab_names()
    return HomeView(
        name=row.name if row is not None and row.name else scope.username,
        role=scope.role,
        areas=tuple(names[k] for k in scope.kab_codes) if scope.spec.scoped_to_kab else (),
        pages=tuple(p for p in access.allowed_pages(scope.role) if p != access.HOME),
        demo_account=row is not None and row.demo,
        campaign_start=facts.CAMPAIGN_START,
        campaign_end=facts.CAMPAIGN_END,
        workforce=facts.WORKFORCE_TOTAL,
    )
